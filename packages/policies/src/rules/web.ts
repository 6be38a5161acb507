import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { CloudblocksPolicy, Props } from "../types";
import { decoded } from "../types";

// Controls for the web tier (shared/reference/security-controls.md): compute (EC2.3/8/9/25/170, SSM.1,
// AutoScaling.1/2/9), load balancing (ELB.1/4/5/6/12/13/17, ACM.2), shared files (EFS.1/2/6), every S3 bucket
// (S3.5/8/12/13). CloudWatch.15/17 is `cloudwatch-alarm-actions` (alarming.ts), CloudWatch.16 `log-group-retention`.

const TYPES = {
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  volume: "aws:ebs/volume:Volume",
  subnet: "aws:ec2/subnet:Subnet",
  asg: "aws:autoscaling/group:Group",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  role: "aws:iam/role:Role",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  certificate: "aws:acm/certificate:Certificate",
  fileSystem: "aws:efs/fileSystem:FileSystem",
  mountTarget: "aws:efs/mountTarget:MountTarget",
  backupPolicy: "aws:efs/backupPolicy:BackupPolicy",
} as const;
const LOAD_BALANCERS = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const LISTENERS = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
const BUCKETS = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);
const bucketPart = (...names: string[]) =>
  new Set(names.flatMap((n) => [`aws:s3/${n}:${cap(n)}`, `aws:s3/${n}V2:${cap(n)}V2`]));
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const BUCKET_POLICY = bucketPart("bucketPolicy");
const PUBLIC_ACCESS_BLOCK = bucketPart("bucketPublicAccessBlock");
const OWNERSHIP = bucketPart("bucketOwnershipControls");
const ENCRYPTION = bucketPart("bucketServerSideEncryptionConfiguration");
const LIFECYCLE = bucketPart("bucketLifecycleConfiguration");

const SSM_CORE_POLICY = /:policy\/AmazonSSMManagedInstanceCore$/;
/** ELB.17: the TLS 1.3 policies AWS recommends (`ELBSecurityPolicy-TLS13-1-2-2021-06` and its siblings). */
const RECOMMENDED_TLS_POLICY = /^ELBSecurityPolicy-TLS13-1-[23]-/;

// ---------------------------------------------------------------------------------------------------------
// Following references between resources.
//
// A policy sees inputs, not the ids AWS assigns. Real CrossGuard runs report which resource a property came
// from (`propertyDependencies`); the offline runner does not, so a reference is also recognised by name: the
// explicit name, the name prefix, or Pulumi's auto-name (`<logical name>-<7 hex>`), also as the last segment of
// an ARN. Ids AWS invents (fs-…, subnet-…) carry no name: for those a lone resource of the referenced type
// under the same parent component is taken as the one meant.
// ---------------------------------------------------------------------------------------------------------

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function lastSegment(value: string): string {
  return value.split(/[:/]/).pop() ?? value;
}

/** Whether `value` (a name or an ARN) names `target`, whose physical name lives in `nameProp`. */
function namesResource(value: unknown, target: PolicyResource, nameProp: string): boolean {
  if (typeof value !== "string" || value === "") return false;
  if (target.props["arn"] === value || target.props["id"] === value) return true;
  const explicit = target.props[nameProp];
  const last = lastSegment(value);
  if (typeof explicit === "string" && explicit !== "") return value === explicit || last === explicit;
  const prefix = target.props[`${nameProp}Prefix`] ?? target.props["namePrefix"];
  if (typeof prefix === "string" && prefix !== "") return value.startsWith(prefix) || last.startsWith(prefix);
  return new RegExp(`^${escapeRegExp(target.name)}-[0-9a-f]{7}$`, "i").test(last);
}

interface Reference {
  /** The property of the referring resource that holds the reference (for `propertyDependencies`). */
  readonly property: string;
  readonly value: unknown;
  /** Where the referenced type keeps its physical name. */
  readonly nameProp?: string;
  /** Accept a lone candidate under the same parent when nothing else matches (for AWS-assigned ids). */
  readonly siblingFallback?: boolean;
}

function resolve(
  from: PolicyResource,
  ref: Reference,
  candidates: readonly PolicyResource[],
): PolicyResource | undefined {
  const deps = from.propertyDependencies?.[ref.property] ?? [];
  const byDependency = candidates.find((c) => deps.some((d) => d.urn === c.urn));
  if (byDependency) return byDependency;
  const byName = candidates.find((c) => namesResource(ref.value, c, ref.nameProp ?? "name"));
  if (byName) return byName;
  if (ref.siblingFallback && typeof ref.value === "string" && ref.value !== "") {
    const siblings = candidates.filter(
      (c) => c.opts.parent !== undefined && c.opts.parent === from.opts.parent,
    );
    if (siblings.length === 1) return siblings[0];
  }
  return undefined;
}

const ofTypes = (resources: readonly PolicyResource[], types: ReadonlySet<string>) =>
  resources.filter((r) => types.has(r.type));
const ofType = (resources: readonly PolicyResource[], type: string) =>
  resources.filter((r) => r.type === type);
const asArray = (value: unknown): Props[] =>
  Array.isArray(value) ? (value as Props[]) : value && typeof value === "object" ? [value as Props] : [];
const isTrue = (value: unknown) => value === true || value === "true";
const isApplicationLb = (props: Props) => (props["loadBalancerType"] ?? "application") === "application";

// ---------------------------------------------------------------------------------------------------------
// Compute
// ---------------------------------------------------------------------------------------------------------

export const imdsV2Required: ResourceValidationPolicy = {
  name: "ec2-imdsv2-required",
  description:
    "EC2.8/EC2.170: instances and launch templates require IMDSv2 tokens with a hop limit of 1 (config maxHopLimit).",
  enforcementLevel: "mandatory",
  configSchema: { properties: { maxHopLimit: { type: "integer", minimum: 1, maximum: 64, default: 1 } } },
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.launchTemplate && args.type !== TYPES.instance) return;
    const maxHopLimit = args.getConfig<{ maxHopLimit?: number }>().maxHopLimit ?? 1;
    const options = asArray(args.props["metadataOptions"])[0] ?? {};
    if (options["httpEndpoint"] === "disabled") return;
    if (options["httpTokens"] !== "required") {
      reportViolation(
        `"${args.name}" allows IMDSv1: metadataOptions.httpTokens is ${JSON.stringify(options["httpTokens"] ?? "unset")}, must be "required".`,
      );
    }
    const hops = options["httpPutResponseHopLimit"];
    if (typeof hops !== "number" || hops > maxHopLimit) {
      reportViolation(
        `"${args.name}" has metadata hop limit ${hops ?? "unset (image default)"}; at most ${maxHopLimit} is allowed.`,
      );
    }
  },
};

export const noPublicIp: ResourceValidationPolicy = {
  name: "ec2-no-public-ip",
  description:
    "EC2.9/EC2.25: launch templates and instances do not assign public IPv4 addresses (NAT instances, which disable the source/destination check, and instances named in config exemptInstances are exempt).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: { exemptInstances: { type: "array", items: { type: "string" }, default: [] } },
  },
  validateResource: (args, reportViolation) => {
    if (args.type === TYPES.launchTemplate) {
      const interfaces = asArray(args.props["networkInterfaces"]);
      if (interfaces.some((ni) => isTrue(ni["associatePublicIpAddress"]))) {
        reportViolation(
          `launch template "${args.name}" assigns public IP addresses (networkInterfaces[].associatePublicIpAddress).`,
        );
      }
    } else if (args.type === TYPES.instance) {
      const exempt = args.getConfig<{ exemptInstances?: string[] }>().exemptInstances ?? [];
      if (exempt.includes(args.name) || args.props["sourceDestCheck"] === false) return;
      if (isTrue(args.props["associatePublicIpAddress"]))
        reportViolation(`instance "${args.name}" has a public IP address.`);
    }
  },
};

export const ebsEncrypted: ResourceValidationPolicy = {
  name: "ec2-ebs-encrypted",
  description:
    "EC2.3/EC2.7: EBS volumes are encrypted — launch template block devices, instance root and data volumes, volumes.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TYPES.launchTemplate) {
      const mappings = asArray(args.props["blockDeviceMappings"]).filter((m) => m["ebs"] !== undefined);
      if (mappings.length === 0) {
        reportViolation(
          `launch template "${args.name}" does not state its root volume encryption (no blockDeviceMappings with ebs.encrypted).`,
        );
      }
      for (const mapping of mappings) {
        const ebs = asArray(mapping["ebs"])[0] ?? {};
        if (!isTrue(ebs["encrypted"]) && ebs["snapshotId"] === undefined) {
          reportViolation(
            `launch template "${args.name}" has an unencrypted volume ${String(mapping["deviceName"] ?? "")}.`.replace(
              " .",
              ".",
            ),
          );
        }
      }
    } else if (args.type === TYPES.instance) {
      const root = asArray(args.props["rootBlockDevice"])[0];
      if (!root || !isTrue(root["encrypted"]))
        reportViolation(
          `instance "${args.name}" has an unencrypted root volume (rootBlockDevice.encrypted).`,
        );
      for (const device of asArray(args.props["ebsBlockDevices"])) {
        if (!isTrue(device["encrypted"]))
          reportViolation(
            `instance "${args.name}" has an unencrypted volume ${String(device["deviceName"])}.`,
          );
      }
    } else if (args.type === TYPES.volume && !isTrue(args.props["encrypted"])) {
      reportViolation(`volume "${args.name}" is not encrypted.`);
    }
  },
};

export const ssmManagedInstances: StackValidationPolicy = {
  name: "ssm-managed-instances",
  description:
    "SSM.1: instances and launch templates have an instance profile whose role has AmazonSSMManagedInstanceCore.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const profiles = ofType(args.resources, TYPES.instanceProfile);
    const roles = ofType(args.resources, TYPES.role);
    const attachments = ofType(args.resources, TYPES.rolePolicyAttachment);
    for (const compute of args.resources.filter(
      (r) => r.type === TYPES.launchTemplate || r.type === TYPES.instance,
    )) {
      const raw = compute.props["iamInstanceProfile"];
      const spec = typeof raw === "string" ? { name: raw } : (asArray(raw)[0] ?? {});
      const reference = spec["arn"] ?? spec["name"];
      if (reference === undefined) {
        reportViolation(
          `"${compute.name}" has no instance profile, so Systems Manager cannot manage its instances.`,
          compute.urn,
        );
        continue;
      }
      const profile = resolve(compute, { property: "iamInstanceProfile", value: reference }, profiles);
      if (!profile) continue; // A profile from outside the stack: nothing to check here.
      const role = resolve(profile, { property: "role", value: profile.props["role"] }, roles);
      if (!role) continue;
      const managed = [
        ...((role.props["managedPolicyArns"] as unknown[] | undefined) ?? []),
        ...attachments
          .filter((a) => resolve(a, { property: "role", value: a.props["role"] }, roles) === role)
          .map((a) => a.props["policyArn"]),
      ];
      if (!managed.some((arn) => typeof arn === "string" && SSM_CORE_POLICY.test(arn))) {
        reportViolation(
          `"${compute.name}": role "${role.name}" of its instance profile lacks AmazonSSMManagedInstanceCore.`,
          compute.urn,
        );
      }
    }
  },
};

const hasLoadBalancer = (props: Props) =>
  ["targetGroupArns", "loadBalancers", "trafficSources"].some(
    (key) => Array.isArray(props[key]) && (props[key] as unknown[]).length > 0,
  );

export const asgElbHealthCheck: ResourceValidationPolicy = {
  name: "asg-elb-health-check",
  description:
    "AutoScaling.1: Auto Scaling groups behind a load balancer use ELB health checks, so a dead web server is replaced.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.asg || !hasLoadBalancer(args.props)) return;
    if (args.props["healthCheckType"] !== "ELB") {
      reportViolation(
        `Auto Scaling group "${args.name}" uses ${String(args.props["healthCheckType"] ?? "EC2")} health checks behind a load balancer; use "ELB".`,
      );
    }
  },
};

export const asgMultiAz: ResourceValidationPolicy = {
  name: "asg-multi-az",
  description: "AutoScaling.2: Auto Scaling groups span two or more availability zones (subnets).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.asg) return;
    const zones = Math.max(
      asArray(args.props["vpcZoneIdentifiers"]).length,
      asArray(args.props["availabilityZones"]).length,
    );
    if (zones < 2)
      reportViolation(
        `Auto Scaling group "${args.name}" spans ${zones} subnet(s)/AZ(s); at least 2 are required.`,
      );
  },
};

export const asgLaunchTemplate: ResourceValidationPolicy = {
  name: "asg-launch-template",
  description:
    "AutoScaling.9: Auto Scaling groups launch from a launch template, not a launch configuration.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.asg) return;
    const mixed = asArray(args.props["mixedInstancesPolicy"])[0];
    if (
      args.props["launchConfiguration"] !== undefined ||
      (args.props["launchTemplate"] === undefined && mixed?.["launchTemplate"] === undefined)
    ) {
      reportViolation(`Auto Scaling group "${args.name}" does not use a launch template.`);
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// Load balancing
// ---------------------------------------------------------------------------------------------------------

export const httpRedirectsToHttps: ResourceValidationPolicy = {
  name: "alb-http-redirects-to-https",
  description:
    "ELB.1: HTTP listeners only redirect (301) to HTTPS. dev without a domain serves plain HTTP: set this policy advisory there.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LISTENERS.has(args.type) || args.props["protocol"] !== "HTTP") return;
    const actions = asArray(args.props["defaultActions"]);
    const redirects = actions.every((a) => {
      const redirect = asArray(a["redirect"])[0];
      return (
        a["type"] === "redirect" &&
        redirect?.["protocol"] === "HTTPS" &&
        redirect["statusCode"] === "HTTP_301"
      );
    });
    if (actions.length === 0 || !redirects)
      reportViolation(`HTTP listener "${args.name}" does not redirect to HTTPS with a 301.`);
  },
};

export const dropInvalidHeaders: ResourceValidationPolicy = {
  name: "alb-drop-invalid-headers",
  description: "ELB.4: application load balancers drop invalid HTTP header fields.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.has(args.type) || !isApplicationLb(args.props)) return;
    if (args.props["dropInvalidHeaderFields"] !== true)
      reportViolation(`load balancer "${args.name}" does not drop invalid header fields.`);
  },
};

export const albAccessLogs: StackValidationPolicy = {
  name: "alb-access-logs",
  description:
    "ELB.5: application load balancers write access logs to S3, and a log bucket in the stack is SSE-S3 encrypted (ELB cannot write with SSE-KMS).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const buckets = ofTypes(args.resources, BUCKETS);
    const encryptions = ofTypes(args.resources, ENCRYPTION);
    for (const lb of ofTypes(args.resources, LOAD_BALANCERS).filter((r) => isApplicationLb(r.props))) {
      const logs = asArray(lb.props["accessLogs"])[0];
      if (!logs || logs["enabled"] !== true || !logs["bucket"]) {
        reportViolation(
          `load balancer "${lb.name}" has no access logs (accessLogs.enabled with a bucket).`,
          lb.urn,
        );
        continue;
      }
      const bucket = resolve(
        lb,
        { property: "accessLogs", value: logs["bucket"], nameProp: "bucket" },
        buckets,
      );
      if (!bucket) continue; // A bucket outside the stack.
      const algorithms = [
        ...asArray(bucket.props["serverSideEncryptionConfiguration"]).flatMap((c) =>
          asArray(c["rule"] ?? c["rules"]),
        ),
        ...bucketParts(bucket, buckets, encryptions).flatMap((e) => asArray(e.props["rules"])),
      ].map((rule) => asArray(rule["applyServerSideEncryptionByDefault"])[0]?.["sseAlgorithm"]);
      if (algorithms.some((a) => a !== "AES256")) {
        reportViolation(
          `access-log bucket "${bucket.name}" of "${lb.name}" is not SSE-S3 (AES256) encrypted; ELB cannot deliver to SSE-KMS buckets.`,
          bucket.urn,
        );
      }
    }
  },
};

export const albDeletionProtection: ResourceValidationPolicy = {
  name: "alb-deletion-protection",
  description:
    "ELB.6: load balancers have deletion protection (prod). dev turns it off: set this policy advisory there.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.has(args.type)) return;
    if (args.props["enableDeletionProtection"] !== true)
      reportViolation(`load balancer "${args.name}" has no deletion protection.`);
  },
};

export const desyncMitigation: ResourceValidationPolicy = {
  name: "alb-desync-mitigation",
  description:
    'ELB.12: application load balancers use desync mitigation "defensive" (the AWS default) or "strictest", never "monitor".',
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.has(args.type) || !isApplicationLb(args.props)) return;
    const mode = args.props["desyncMitigationMode"] ?? "defensive";
    if (mode !== "defensive" && mode !== "strictest")
      reportViolation(`load balancer "${args.name}" uses desync mitigation "${String(mode)}".`);
  },
};

export const albMultiAz: ResourceValidationPolicy = {
  name: "alb-multi-az",
  description: "ELB.13: load balancers span two or more availability zones (subnets).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LOAD_BALANCERS.has(args.type)) return;
    const count = Math.max(
      asArray(args.props["subnets"]).length,
      asArray(args.props["subnetMappings"]).length,
    );
    if (count < 2)
      reportViolation(`load balancer "${args.name}" spans ${count} subnet(s); at least 2 AZs are required.`);
  },
};

export const httpsTlsPolicy: ResourceValidationPolicy = {
  name: "alb-https-tls-policy",
  description:
    "ELB.17: HTTPS listeners use a recommended TLS 1.3 policy such as ELBSecurityPolicy-TLS13-1-2-2021-06.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!LISTENERS.has(args.type) || args.props["protocol"] !== "HTTPS") return;
    const policy = args.props["sslPolicy"];
    if (typeof policy !== "string" || !RECOMMENDED_TLS_POLICY.test(policy)) {
      reportViolation(
        `HTTPS listener "${args.name}" uses TLS policy ${JSON.stringify(policy ?? "unset (ELBSecurityPolicy-2016-08)")}; use ELBSecurityPolicy-TLS13-1-2-2021-06.`,
      );
    }
  },
};

export const certificateKeyLength: ResourceValidationPolicy = {
  name: "acm-rsa-key-length",
  description: "ACM.2: ACM certificates use RSA keys of at least 2048 bits (or ECDSA).",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== TYPES.certificate) return;
    const algorithm = String(args.props["keyAlgorithm"] ?? "RSA_2048");
    const bits = /^RSA_(\d+)$/.exec(algorithm)?.[1];
    if (bits !== undefined && Number(bits) < 2048)
      reportViolation(`certificate "${args.name}" uses ${algorithm}; RSA keys need at least 2048 bits.`);
  },
};

// ---------------------------------------------------------------------------------------------------------
// Shared files
// ---------------------------------------------------------------------------------------------------------

export const efsEncrypted: ResourceValidationPolicy = {
  name: "efs-encrypted",
  description: "EFS.1: file systems are encrypted at rest.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === TYPES.fileSystem && args.props["encrypted"] !== true)
      reportViolation(`file system "${args.name}" is not encrypted.`);
  },
};

export const efsBackups: StackValidationPolicy = {
  name: "efs-backup-enabled",
  description: "EFS.2: every file system has a backup policy with status ENABLED.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const policies = ofType(args.resources, TYPES.backupPolicy);
    const fileSystems = ofType(args.resources, TYPES.fileSystem);
    for (const fs of fileSystems) {
      const enabled = policies.some(
        (p) =>
          resolve(
            p,
            { property: "fileSystemId", value: p.props["fileSystemId"], siblingFallback: true },
            fileSystems,
          ) === fs && asArray(p.props["backupPolicy"])[0]?.["status"] === "ENABLED",
      );
      if (!enabled) reportViolation(`file system "${fs.name}" has no enabled backup policy.`, fs.urn);
    }
  },
};

export const efsMountTargetsPrivate: StackValidationPolicy = {
  name: "efs-mount-targets-private",
  description: "EFS.6: mount targets are not in subnets that assign public IP addresses at launch.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const subnets = ofType(args.resources, TYPES.subnet);
    for (const target of ofType(args.resources, TYPES.mountTarget)) {
      const subnet = resolve(
        target,
        { property: "subnetId", value: target.props["subnetId"], siblingFallback: true },
        subnets,
      );
      if (subnet?.props["mapPublicIpOnLaunch"] === true) {
        reportViolation(`mount target "${target.name}" is in public subnet "${subnet.name}".`, target.urn);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// Every S3 bucket: its sub-resources are found among the stack's resources by the bucket they name.
// ---------------------------------------------------------------------------------------------------------

/** The sub-resources (policy, public access block, …) among `parts` that belong to `bucket`, one of `buckets`. */
function bucketParts(
  bucket: PolicyResource,
  buckets: readonly PolicyResource[],
  parts: readonly PolicyResource[],
): PolicyResource[] {
  return parts.filter(
    (part) =>
      resolve(
        part,
        { property: "bucket", value: part.props["bucket"], nameProp: "bucket", siblingFallback: true },
        buckets,
      ) === bucket,
  );
}

/** A per-bucket check; `partsOf(types)` gives the bucket's sub-resources of those types. */
type BucketCheck = (
  bucket: PolicyResource,
  partsOf: (types: ReadonlySet<string>) => PolicyResource[],
) => string | undefined;

function bucketPolicy(name: string, description: string, check: BucketCheck): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
      const buckets = ofTypes(args.resources, BUCKETS);
      for (const bucket of buckets) {
        const problem = check(bucket, (types) =>
          bucketParts(bucket, buckets, ofTypes(args.resources, types)),
        );
        if (problem) reportViolation(`bucket "${bucket.name}" ${problem}.`, bucket.urn);
      }
    },
  };
}

interface Statement {
  readonly Effect?: string;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

const deniesInsecureTransport = (policy: unknown) =>
  (decoded<{ Statement?: Statement[] }>(policy)?.Statement ?? []).some((s) => {
    const value = s.Condition?.["Bool"]?.["aws:SecureTransport"];
    return s.Effect === "Deny" && (value === "false" || value === false);
  });

export const s3TlsOnly = bucketPolicy(
  "s3-tls-only",
  "S3.5: bucket policies deny requests without TLS (aws:SecureTransport false).",
  (bucket, partsOf) => {
    const policies = [bucket.props["policy"], ...partsOf(BUCKET_POLICY).map((p) => p.props["policy"])];
    return policies.some(deniesInsecureTransport)
      ? undefined
      : "does not deny requests without TLS (aws:SecureTransport)";
  },
);

export const s3BlockPublicAccess = bucketPolicy(
  "s3-block-public-access",
  "S3.8: buckets block public access with all four settings.",
  (_bucket, partsOf) => {
    const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
    const complete = partsOf(PUBLIC_ACCESS_BLOCK).some((block) =>
      flags.every((f) => block.props[f] === true),
    );
    return complete
      ? undefined
      : `does not block public access (a public access block with ${flags.join(", ")})`;
  },
);

export const s3NoAcls = bucketPolicy(
  "s3-bucket-owner-enforced",
  "S3.12: buckets disable ACLs (object ownership BucketOwnerEnforced).",
  (bucket, partsOf) => {
    const enforced = partsOf(OWNERSHIP).some((o) =>
      asArray(o.props["rule"]).some((rule) => rule["objectOwnership"] === "BucketOwnerEnforced"),
    );
    return enforced && bucket.props["acl"] === undefined
      ? undefined
      : "does not disable ACLs (BucketOwnerEnforced ownership controls)";
  },
);

export const s3Lifecycle = bucketPolicy(
  "s3-lifecycle-configured",
  "S3.13: buckets have at least one enabled lifecycle rule.",
  (bucket, partsOf) => {
    const inline = asArray(bucket.props["lifecycleRules"]).some((r) => r["enabled"] === true);
    const separate = partsOf(LIFECYCLE).some((l) =>
      asArray(l.props["rules"]).some((r) => r["status"] === "Enabled"),
    );
    return inline || separate ? undefined : "has no enabled lifecycle rule";
  },
);

/** Controls for the web area (see shared/reference/security-controls.md). */
export const webPolicies: readonly CloudblocksPolicy[] = [
  imdsV2Required,
  noPublicIp,
  ebsEncrypted,
  ssmManagedInstances,
  asgElbHealthCheck,
  asgMultiAz,
  asgLaunchTemplate,
  httpRedirectsToHttps,
  dropInvalidHeaders,
  albAccessLogs,
  albDeletionProtection,
  desyncMitigation,
  albMultiAz,
  httpsTlsPolicy,
  certificateKeyLength,
  efsEncrypted,
  efsBackups,
  efsMountTargetsPrivate,
  s3TlsOnly,
  s3BlockPublicAccess,
  s3NoAcls,
  s3Lifecycle,
];
