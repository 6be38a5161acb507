/** Where the webhook URL lives: a Secrets Manager secret or an SSM SecureString parameter, by ARN. */
export interface SecretLocation {
  readonly service: "secretsmanager" | "ssm";
  readonly region: string;
  readonly arn: string;
}

/**
 * Reads the webhook URL; injected in tests, the AWS SDK in Lambda. `signal` aborts the call when the
 * invocation's time runs out.
 */
export type SecretReader = (arn: string, signal?: AbortSignal) => Promise<string>;

/**
 * A failure to read the webhook secret. Its message names the error class and HTTP status only: never the
 * value, nor a parser's excerpt of it.
 */
export class SecretReadError extends Error {
  override readonly name = "SecretReadError";
}

export interface SdkReaderOptions {
  /** Another endpoint for the AWS APIs (a local server in tests). @default the service's regional endpoint */
  readonly endpoint?: string;
  /** @default the function's role credentials, found by the SDK as usual */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

export function parseSecretArn(arn: string): SecretLocation {
  const match = /^arn:aws[a-z-]*:(secretsmanager|ssm):([a-z0-9-]+):\d{12}:(secret:.+|parameter\/.+)$/.exec(
    arn,
  );
  // An ARN is not secret, but a URL pasted where the ARN belongs is: say what it looks like, not what it is.
  if (!match)
    throw new SecretReadError(
      `WEBHOOK_SECRET_ARN is not a Secrets Manager secret or SSM parameter ARN (got ${arn.length} characters${/^https?:/i.test(arn) ? " that look like a URL" : ""})`,
    );
  return { service: match[1] as SecretLocation["service"], region: match[2]!, arn };
}

/**
 * The secret value may be the URL itself or JSON with a `url` / `webhookUrl` field (the shape the Secrets
 * Manager console's key/value editor produces).
 */
export function webhookUrlFrom(value: string): string {
  let url = value.trim();
  if (url.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(url);
    } catch {
      // JSON.parse's message quotes the text around the error: part of the secret.
      throw new SecretReadError("the webhook secret starts with { but is not valid JSON");
    }
    const record = (parsed ?? {}) as Record<string, unknown>;
    const field = record["url"] ?? record["webhookUrl"] ?? record["webhook_url"];
    if (typeof field !== "string")
      throw new SecretReadError("the webhook secret is JSON without a url, webhookUrl or webhook_url field");
    url = field.trim();
  }
  let parsed: URL | undefined;
  try {
    parsed = /^\S+$/.test(url) ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  const loopback = parsed?.hostname === "127.0.0.1" || parsed?.hostname === "localhost";
  // https only; plain http only to this machine (local tests and fakes).
  if (!parsed || !(parsed.protocol === "https:" || (parsed.protocol === "http:" && loopback)))
    throw new SecretReadError("the webhook secret does not hold an https URL");
  return url;
}

/** The class and HTTP status of an AWS SDK error, or the class of any other error. */
function describeSdkError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return `${error.name}${typeof status === "number" ? ` (HTTP ${status})` : ""}`;
}

/**
 * A {@link SecretReader} using the AWS SDK v3 clients that the nodejs22.x Lambda runtime ships (so nothing is
 * bundled): GetSecretValue, or GetParameter with decryption. Loaded lazily, so importing the handler costs
 * nothing where the SDK is not needed. Never logs the value.
 */
export function sdkSecretReader(options: SdkReaderOptions = {}): SecretReader {
  return async (arn, signal) => {
    const { service, region } = parseSecretArn(arn);
    const config = { region, endpoint: options.endpoint, credentials: options.credentials, maxAttempts: 2 };
    let value: string | undefined;
    try {
      if (service === "secretsmanager") {
        const { SecretsManagerClient, GetSecretValueCommand } =
          await import("@aws-sdk/client-secrets-manager");
        const client = new SecretsManagerClient(config);
        value = (await client.send(new GetSecretValueCommand({ SecretId: arn }), { abortSignal: signal }))
          .SecretString;
      } else {
        const { SSMClient, GetParameterCommand } = await import("@aws-sdk/client-ssm");
        const client = new SSMClient(config);
        // GetParameter takes the parameter's ARN as its name.
        value = (
          await client.send(new GetParameterCommand({ Name: arn, WithDecryption: true }), {
            abortSignal: signal,
          })
        ).Parameter?.Value;
      }
    } catch (error) {
      if (signal?.aborted)
        throw new SecretReadError(`${service} did not answer within the invocation's remaining time`);
      throw new SecretReadError(
        `${service} refused to return the webhook secret: ${describeSdkError(error)}`,
      );
    }
    if (typeof value !== "string")
      throw new SecretReadError(
        `${service} returned no string value for the webhook secret (binary secrets are not supported)`,
      );
    return webhookUrlFrom(value);
  };
}

/** Caches the URL between invocations of a warm function, so a burst of alarms reads the secret once. */
export function cachedReader(read: SecretReader, ttlMs: number, now: () => number = Date.now): SecretReader {
  const cache = new Map<string, { value: string; expires: number }>();
  return async (arn, signal) => {
    const hit = cache.get(arn);
    if (hit && hit.expires > now()) return hit.value;
    const value = await read(arn, signal);
    cache.set(arn, { value, expires: now() + ttlMs });
    return value;
  };
}
