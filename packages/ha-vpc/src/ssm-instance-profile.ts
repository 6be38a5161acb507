import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { assumedBy } from "@cloudblocks/component-kit";

/**
 * An instance profile whose only permission is Systems Manager's managed-instance core (SSM.1): operators reach
 * the host with Session Manager, without SSH keys or inbound ports.
 */
export function ssmInstanceProfile(name: string, parent: pulumi.Resource): aws.iam.InstanceProfile {
  const partition = aws.getPartitionOutput({}, { parent });
  const role = new aws.iam.Role(
    `${name}-role`,
    { assumeRolePolicy: JSON.stringify(assumedBy("ec2.amazonaws.com")) },
    { parent },
  );
  new aws.iam.RolePolicyAttachment(
    `${name}-ssm-core`,
    {
      role: role.name,
      policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    },
    { parent },
  );
  return new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name }, { parent });
}

/** Amazon Linux 2023, current, for the instance type's architecture, looked up at deploy time from AWS's public SSM parameter. */
export function amazonLinux2023(instanceType: string, parent: pulumi.Resource): pulumi.Output<string> {
  // Graviton families carry a "g" after the generation digit: t4g, m7g, c7gn, r6gd.
  const arch = /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? "arm64" : "x86_64";
  return aws.ssm.getParameterOutput(
    { name: `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${arch}` },
    { parent },
  ).value;
}

/** The hardened basics every host of this package gets: IMDSv2 only, encrypted gp3 root, detailed monitoring. */
export const hardenedInstanceBasics = {
  metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
  rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 8 },
  monitoring: true,
} as const;
