import * as http from "node:http";
import * as https from "node:https";
import type { LookupFunction } from "node:net";
import * as tls from "node:tls";

/**
 * How the HTTP checks reach the site. Certificates are always verified: against the system roots, or against
 * `ca` (the tests' self-signed chain). `lookup` and the ports exist so tests can point a real host name at a
 * local server.
 */
export interface HttpOptions {
  readonly ca?: string | Buffer;
  readonly lookup?: LookupFunction;
  readonly httpPort: number;
  readonly httpsPort: number;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One GET, redirects not followed, a new connection each time (a new "browser" unless a cookie is passed). */
export function get(
  opts: HttpOptions,
  scheme: "http" | "https",
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const common = {
      host,
      path,
      method: "GET",
      headers: { "user-agent": "cloudblocks-verify", ...headers },
      agent: false as const,
      timeout: opts.timeoutMs,
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
    };
    const request =
      scheme === "https"
        ? https.request({
            ...common,
            port: opts.httpsPort,
            servername: host,
            ...(opts.ca ? { ca: opts.ca } : {}),
          })
        : http.request({ ...common, port: opts.httpPort });
    request.on("timeout", () =>
      request.destroy(new Error(`${scheme}://${host}${path}: no answer in ${opts.timeoutMs} ms`)),
    );
    request.on("error", reject);
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk.length + body.length > 1_000_000 ? "" : chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
      response.on("error", reject);
    });
    request.end();
  });
}

/**
 * A TLS handshake with `host` limited to the given versions: the negotiated protocol, or undefined when the
 * server refused every version in the range. Errors other than a refused handshake (no route, a certificate
 * that does not verify) are thrown.
 */
export function handshake(
  opts: HttpOptions,
  host: string,
  versions: { min: tls.SecureVersion; max?: tls.SecureVersion },
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port: opts.httpsPort,
      servername: host,
      minVersion: versions.min,
      ...(versions.max ? { maxVersion: versions.max } : {}),
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(opts.lookup ? { lookup: opts.lookup } : {}),
      timeout: opts.timeoutMs,
    });
    socket.on("secureConnect", () => {
      const protocol = socket.getProtocol() ?? undefined;
      socket.end();
      resolve(protocol);
    });
    socket.on("timeout", () =>
      socket.destroy(new Error(`${host}:${opts.httpsPort}: no TLS answer in ${opts.timeoutMs} ms`)),
    );
    socket.on("error", (error: NodeJS.ErrnoException) => {
      // OpenSSL's alerts for "no version in common" (the server's policy refuses the range).
      if (
        /ERR_SSL_(TLSV1_ALERT_PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|WRONG_VERSION_NUMBER)|protocol version/i.test(
          `${error.code} ${error.message}`,
        )
      )
        resolve(undefined);
      else reject(error);
    });
  });
}

/** `TLSv1.2` → 1.2, for comparing versions. */
export function tlsVersionNumber(protocol: string): number {
  const match = /^TLSv(\d)(?:\.(\d))?$/.exec(protocol);
  return match ? Number(`${match[1]}.${match[2] ?? 0}`) : 0;
}
