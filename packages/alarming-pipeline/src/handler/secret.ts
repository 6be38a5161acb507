/** Where the webhook URL lives: a Secrets Manager secret or an SSM SecureString parameter, by ARN. */
export interface SecretLocation {
  readonly service: "secretsmanager" | "ssm";
  readonly region: string;
  readonly arn: string;
}

/** Reads the webhook URL; injected in tests, the AWS SDK in Lambda. */
export type SecretReader = (arn: string) => Promise<string>;

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
  if (!match) throw new Error(`not a Secrets Manager secret or SSM parameter ARN: ${arn}`);
  return { service: match[1] as SecretLocation["service"], region: match[2]!, arn };
}

/**
 * The secret value may be the URL itself or JSON with a `url` / `webhookUrl` field (the shape the Secrets
 * Manager console's key/value editor produces).
 */
export function webhookUrlFrom(value: string): string {
  let url = value.trim();
  if (url.startsWith("{")) {
    const parsed = JSON.parse(url) as Record<string, unknown>;
    const field = parsed["url"] ?? parsed["webhookUrl"] ?? parsed["webhook_url"];
    if (typeof field !== "string")
      throw new Error("the webhook secret is JSON without a url, webhookUrl or webhook_url field");
    url = field.trim();
  }
  if (!/^https?:\/\/\S+$/.test(url)) throw new Error("the webhook secret does not hold an http(s) URL");
  return url;
}

/**
 * A {@link SecretReader} using the AWS SDK v3 clients that the nodejs22.x Lambda runtime ships (so nothing is
 * bundled): GetSecretValue, or GetParameter with decryption. Loaded lazily, so importing the handler costs
 * nothing where the SDK is not needed. Never logs the value.
 */
export function sdkSecretReader(options: SdkReaderOptions = {}): SecretReader {
  return async (arn) => {
    const { service, region } = parseSecretArn(arn);
    const config = { region, endpoint: options.endpoint, credentials: options.credentials, maxAttempts: 2 };
    let value: string | undefined;
    if (service === "secretsmanager") {
      const { SecretsManagerClient, GetSecretValueCommand } = await import("@aws-sdk/client-secrets-manager");
      value = (await new SecretsManagerClient(config).send(new GetSecretValueCommand({ SecretId: arn })))
        .SecretString;
    } else {
      const { SSMClient, GetParameterCommand } = await import("@aws-sdk/client-ssm");
      // GetParameter takes the parameter's ARN as its name.
      value = (await new SSMClient(config).send(new GetParameterCommand({ Name: arn, WithDecryption: true })))
        .Parameter?.Value;
    }
    if (typeof value !== "string")
      throw new Error(
        `${service} returned no string value for the webhook secret (binary secrets are not supported)`,
      );
    return webhookUrlFrom(value);
  };
}

/** Caches the URL between invocations of a warm function, so a burst of alarms reads the secret once. */
export function cachedReader(read: SecretReader, ttlMs: number, now: () => number = Date.now): SecretReader {
  const cache = new Map<string, { value: string; expires: number }>();
  return async (arn) => {
    const hit = cache.get(arn);
    if (hit && hit.expires > now()) return hit.value;
    const value = await read(arn);
    cache.set(arn, { value, expires: now() + ttlMs });
    return value;
  };
}
