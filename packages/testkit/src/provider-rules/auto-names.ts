import { autoName } from "../ids";

/**
 * How @pulumi/aws auto-names a resource the program leaves unnamed: the property, the bridge's maximum length and
 * an optional transform, as pulumi-aws `provider/resources.go` declares them (read at 00ba5ea53c25, a v6 version:
 * `tfbridge.AutoName(prop, maxlen, "-")` / `AutoNameTransform`). Only the types read there are listed: any other
 * type's auto-name is not checked (the file's default, `setAutonaming`: AutoName("name", 255, "-") for every other
 * type with a tf `name` input, is not applied yet). The bridge (`tfbridge.FromName` → `resource.NewUniqueName`) appends 7 random
 * hex characters after a "-" and refuses, rather than truncates, a name whose prefix plus suffix is too long.
 */
interface AutoNameOption {
  readonly prop: string;
  readonly maxlen: number;
  readonly lower?: true;
}
const AUTO_NAMES: Record<string, AutoNameOption> = {
  "aws:cloudwatch/eventRule:EventRule": { prop: "name", maxlen: 64 },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { prop: "name", maxlen: 255 },
  "aws:iam/role:Role": { prop: "name", maxlen: 64 },
  "aws:lambda/function:Function": { prop: "name", maxlen: 64 },
  "aws:lb/targetGroup:TargetGroup": { prop: "name", maxlen: 32 },
  "aws:s3/bucket:Bucket": { prop: "bucket", maxlen: 63, lower: true },
  "aws:s3/bucketV2:BucketV2": { prop: "bucket", maxlen: 63, lower: true },
};
const RANDLEN = 7;

/** The inputs with the name the provider would generate, or the inputs themselves when nothing is auto-named. */
export function withAutoName(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  seed: string,
): Record<string, unknown> {
  const option = AUTO_NAMES[type];
  if (!option || inputs[option.prop] !== undefined || inputs[`${option.prop}Prefix`] !== undefined)
    return inputs;
  const base = option.lower ? name.toLowerCase() : name;
  const prefix = `${base}-`;
  if (prefix.length + RANDLEN > option.maxlen) {
    // the bridge's own error (resource.NewUniqueName, wrapped by tfbridge.FromName)
    throw new Error(
      `could not make instance of '${type}': name '${prefix}' plus ${RANDLEN} random chars is longer than maximum length ${option.maxlen}`,
    );
  }
  return { ...inputs, [option.prop]: autoName(base, seed) };
}
