// The instance types' own module, not the package index: `@pulumi/aws` as a whole is 250 services to load and, for
// the compiler, 3,000 declaration files.
import { InstanceType } from "@pulumi/aws/types/enums/ec2";

let known: ReadonlySet<string> | undefined;

/**
 * An EC2 instance type that exists: the provider's own list (`aws.ec2.InstanceType`, generated from the EC2 API
 * model), read when first asked. RDS classes run on the EC2 type of the same name (`db.m6g.large` on `m6g.large`).
 */
export function isEc2InstanceType(name: string): boolean {
  known ??= new Set<string>(Object.values(InstanceType));
  return known.has(name);
}
