import * as pulumi from "@pulumi/pulumi";

/**
 * Keeps config secrets secret wherever a component copies them. The provider's defaultTags carry a secret tag
 * value as a secret, but a component that reads those tags back (WebFleet, with `aws.getDefaultTags`, because
 * Auto Scaling groups do not inherit them) gets plain text, which would reach the ASG's inputs, the state and the
 * plan. This transformation, given to every component, marks any input of any child that contains one of the
 * secret values as secret. It runs in the program (an SDK `transformations` option), so previews see it too.
 */
export function keepSecretsSecret(secrets: readonly string[]): pulumi.ResourceTransformation | undefined {
  const values = secrets.filter((s) => s.length > 0);
  if (values.length === 0) return undefined;
  const contains = (value: unknown): boolean =>
    typeof value === "string"
      ? values.some((secret) => value.includes(secret))
      : Array.isArray(value)
        ? value.some(contains)
        : value !== null && typeof value === "object" && Object.values(value).some(contains);
  const mark = (value: unknown): unknown => {
    if (pulumi.Output.isInstance(value) || value instanceof Promise)
      return pulumi
        .output(value)
        .apply((resolved) => (contains(resolved) ? pulumi.secret(resolved) : resolved));
    if (typeof value === "string") return contains(value) ? pulumi.secret(value) : value;
    if (Array.isArray(value)) return value.map(mark);
    if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mark(child)]));
    return value;
  };
  return ({ props, opts }) => ({ props: mark(props) as pulumi.Inputs, opts });
}
