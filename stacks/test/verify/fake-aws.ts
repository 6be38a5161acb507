import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** An AWS API error the fake answers with (the SDK turns `code` into the error's name). */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message = code,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type Handler = (params: Record<string, unknown>) => unknown;

export interface Call {
  readonly op: string;
  readonly params: Record<string, unknown>;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Object → XML the way AWS query/EC2/REST-XML services answer: arrays become repeated member elements. */
function toXml(value: unknown, member: (key: string) => string, key = ""): string {
  if (Array.isArray(value))
    return value.map((v) => `<${member(key)}>${toXml(v, member, member(key))}</${member(key)}>`).join("");
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object")
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, member, k)}</${k}>`)
      .join("");
  return escapeXml(String(value));
}

/**
 * A local stand-in for the AWS endpoints verify calls, speaking each service's wire protocol (JSON 1.0/1.1 for
 * CloudWatch, Logs and SSM; query XML for ELBv2 and Auto Scaling; EC2 query; REST-XML for Route 53), so the
 * real SDK clients are exercised with `endpoint: fake.url`. Tests script each operation with `on()`; an
 * operation without a handler answers an error, so an unexpected call cannot pass silently.
 */
export class FakeAws {
  readonly calls: Call[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  url = "";

  on(op: string, handler: Handler): this {
    this.handlers.set(op, handler);
    return this;
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = "";
    for await (const chunk of req) body += chunk;
    const target = req.headers["x-amz-target"];
    const url = new URL(req.url ?? "/", "http://fake");
    let protocol: "json" | "query" | "ec2" | "rest-xml";
    let op: string;
    let params: Record<string, unknown>;
    if (typeof target === "string") {
      protocol = "json";
      op = target.split(".").pop()!;
      params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } else if (url.pathname.startsWith("/2013-04-01/")) {
      protocol = "rest-xml";
      const status = /^\/2013-04-01\/healthcheck\/([^/]+)\/status$/.exec(url.pathname);
      op = status ? "GetHealthCheckStatus" : `unknown ${req.method} ${url.pathname}`;
      params = { HealthCheckId: status ? decodeURIComponent(status[1]!) : undefined };
    } else {
      const form = Object.fromEntries(new URLSearchParams(body));
      op = form.Action ?? "unknown";
      protocol = form.Version === "2016-11-15" ? "ec2" : "query";
      params = form;
    }
    this.calls.push({ op, params });
    const handler = this.handlers.get(op);
    try {
      if (!handler) throw new FakeAwsError("UnknownOperation", `the fake has no handler for ${op}`);
      const result = (await handler(params)) ?? {};
      this.reply(res, protocol, op, 200, result);
    } catch (error) {
      const e =
        error instanceof FakeAwsError
          ? error
          : new FakeAwsError("InternalFailure", (error as Error).message, 500);
      this.fail(res, protocol, e);
    }
  }

  private reply(
    res: http.ServerResponse,
    protocol: string,
    op: string,
    status: number,
    result: unknown,
  ): void {
    if (protocol === "json") {
      res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify(result));
      return;
    }
    res.writeHead(status, { "content-type": "text/xml" });
    if (protocol === "ec2") res.end(`<${op}Response>${toXml(result, () => "item")}</${op}Response>`);
    else if (protocol === "rest-xml")
      res.end(`<${op}Response>${toXml(result, (key) => key.replace(/s$/, ""))}</${op}Response>`);
    else
      res.end(`<${op}Response><${op}Result>${toXml(result, () => "member")}</${op}Result></${op}Response>`);
  }

  private fail(res: http.ServerResponse, protocol: string, error: FakeAwsError): void {
    if (protocol === "json") {
      res.writeHead(error.status, { "content-type": "application/x-amz-json-1.1" });
      res.end(JSON.stringify({ __type: error.code, message: error.message }));
      return;
    }
    res.writeHead(error.status, { "content-type": "text/xml" });
    const inner = `<Error><Type>Sender</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`;
    if (protocol === "ec2")
      res.end(`<Response><Errors>${inner}</Errors><RequestID>fake</RequestID></Response>`);
    else res.end(`<ErrorResponse>${inner}<RequestId>fake</RequestId></ErrorResponse>`);
  }
}
