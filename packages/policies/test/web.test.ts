import * as aws from "./aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
  albAccessLogs,
  albDeletionProtection,
  albMultiAz,
  asgElbHealthCheck,
  asgLaunchTemplate,
  asgMultiAz,
  certificateKeyLength,
  desyncMitigation,
  dropInvalidHeaders,
  ebsEncrypted,
  efsBackups,
  efsEncrypted,
  efsMountTargetsPrivate,
  httpRedirectsToHttps,
  httpsTlsPolicy,
  imdsV2Required,
  noPublicIp,
  s3BlockPublicAccess,
  s3Lifecycle,
  s3NoAcls,
  s3TlsOnly,
  ssmManagedInstances,
  webPolicies,
} from "../src/rules/web";
import { policies, runPolicies } from "../src";
import { setupMocks } from "@cloudblocks/testkit";

// Well-formed ARNs and a launch template: the testkit refuses what the provider would (verify.ValidARN; an Auto
// Scaling group needs exactly one of launchConfiguration, launchTemplate, mixedInstancesPolicy).
const LB_ARN =
  "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer/app/web/50dc6c495c0c9188";
const TG_ARN = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web/73e2d6bc24d8a067";
const CERT_ARN = "arn:aws:acm:ap-northeast-2:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const LT = { id: "lt-0123456789abcdef0", version: "1" };
import { check } from "./harness";
import type { CloudblocksPolicy } from "../src/types";

const messages = async (policy: CloudblocksPolicy, program: (provider: aws.Provider) => void) =>
  (await check(policy, program)).violations.map((v) => v.message);

/** A component to group resources, as WebFleet does (policies fall back to siblings for AWS-assigned ids). */
const group = (name: string) => new pulumi.ComponentResource("test:index:Group", name);

const subnets = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0ccccccccccccccc2"];

describe("web policies: compute", () => {
  it("ec2-imdsv2-required (EC2.8/EC2.170): tokens required and hop limit 1", async () => {
    expect(
      await messages(imdsV2Required, () => {
        new aws.ec2.LaunchTemplate("good", {
          metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
        });
        new aws.ec2.LaunchTemplate("v1", {
          metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 },
        });
        new aws.ec2.Instance("hops", {
          ami: "ami-1",
          instanceType: "t3.micro",
          metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
        });
      }),
    ).to.have.members([
      '"v1" allows IMDSv1: metadataOptions.httpTokens is "optional", must be "required".',
      '"hops" has metadata hop limit 2; at most 1 is allowed.',
    ]);
  });

  it("ec2-no-public-ip (EC2.9/EC2.25): launch templates and instances get no public IP; NAT instances are exempt", async () => {
    expect(
      await messages(noPublicIp, () => {
        new aws.ec2.LaunchTemplate("private", { networkInterfaces: [{ associatePublicIpAddress: "false" }] });
        new aws.ec2.LaunchTemplate("public", { networkInterfaces: [{ associatePublicIpAddress: "true" }] });
        new aws.ec2.Instance("web", {
          ami: "ami-1",
          instanceType: "t3.micro",
          associatePublicIpAddress: true,
        });
        new aws.ec2.Instance("nat", {
          ami: "ami-1",
          instanceType: "t3.micro",
          associatePublicIpAddress: true,
          sourceDestCheck: false,
        });
      }),
    ).to.have.members([
      'launch template "public" assigns public IP addresses (networkInterfaces[].associatePublicIpAddress).',
      'instance "web" has a public IP address.',
    ]);
  });

  it("ec2-ebs-encrypted (EC2.3): every launch template, instance and volume disk is encrypted", async () => {
    expect(
      await messages(ebsEncrypted, () => {
        new aws.ec2.LaunchTemplate("good", {
          blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } }],
        });
        new aws.ec2.LaunchTemplate("plain", {
          blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3" } }],
        });
        new aws.ec2.LaunchTemplate("silent", {});
        new aws.ec2.Instance("bare", { ami: "ami-1", instanceType: "t3.micro" });
        new aws.ec2.Instance("sealed", {
          ami: "ami-1",
          instanceType: "t3.micro",
          rootBlockDevice: { encrypted: true },
        });
      }),
    ).to.have.members([
      'launch template "plain" has an unencrypted volume /dev/xvda.',
      'launch template "silent" does not state its root volume encryption (no blockDeviceMappings with ebs.encrypted).',
      'instance "bare" has an unencrypted root volume (rootBlockDevice.encrypted).',
    ]);
  });

  it("ssm-managed-instances (SSM.1): the instance profile's role has AmazonSSMManagedInstanceCore", async () => {
    const role = (name: string, ssm: boolean) => {
      const r = new aws.iam.Role(name, { assumeRolePolicy: "{}" });
      if (ssm)
        new aws.iam.RolePolicyAttachment(`${name}-ssm`, {
          role: r.name,
          policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        });
      new aws.iam.RolePolicyAttachment(`${name}-other`, {
        role: r.name,
        policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      });
      return new aws.iam.InstanceProfile(`${name}-profile`, { role: r.name });
    };
    expect(
      await messages(ssmManagedInstances, () => {
        const managed = role("managed", true);
        const unmanaged = role("unmanaged", false);
        new aws.ec2.LaunchTemplate("good", { iamInstanceProfile: { arn: managed.arn } });
        new aws.ec2.LaunchTemplate("no-ssm", { iamInstanceProfile: { arn: unmanaged.arn } });
        new aws.ec2.Instance("no-profile", { ami: "ami-1", instanceType: "t3.micro" });
      }),
    ).to.have.members([
      '"no-ssm": role "unmanaged" of its instance profile lacks AmazonSSMManagedInstanceCore.',
      '"no-profile" has no instance profile, so Systems Manager cannot manage its instances.',
    ]);
  });

  it("asg-elb-health-check (AutoScaling.1): groups behind a load balancer use ELB health checks", async () => {
    expect(
      await messages(asgElbHealthCheck, () => {
        new aws.autoscaling.Group("good", {
          minSize: 2,
          maxSize: 4,
          targetGroupArns: [TG_ARN],
          healthCheckType: "ELB",
          launchTemplate: LT,
        });
        new aws.autoscaling.Group("ec2", {
          minSize: 2,
          maxSize: 4,
          targetGroupArns: [TG_ARN],
          launchTemplate: LT,
        });
        new aws.autoscaling.Group("batch", { minSize: 2, maxSize: 4, launchTemplate: LT });
      }),
    ).to.deep.equal(['Auto Scaling group "ec2" uses EC2 health checks behind a load balancer; use "ELB".']);
  });

  it("asg-multi-az (AutoScaling.2): groups span at least two subnets", async () => {
    expect(
      await messages(asgMultiAz, () => {
        new aws.autoscaling.Group("good", {
          minSize: 2,
          maxSize: 4,
          vpcZoneIdentifiers: subnets,
          launchTemplate: LT,
        });
        new aws.autoscaling.Group("single", {
          minSize: 2,
          maxSize: 4,
          vpcZoneIdentifiers: [subnets[0]!],
          launchTemplate: LT,
        });
      }),
    ).to.deep.equal(['Auto Scaling group "single" spans 1 subnet(s)/AZ(s); at least 2 are required.']);
  });

  it("asg-launch-template (AutoScaling.9): groups use a launch template (directly or in a mixed policy)", async () => {
    expect(
      await messages(asgLaunchTemplate, () => {
        new aws.autoscaling.Group("good", {
          minSize: 1,
          maxSize: 2,
          launchTemplate: { id: "lt-1", version: "1" },
        });
        new aws.autoscaling.Group("mixed", {
          minSize: 1,
          maxSize: 2,
          mixedInstancesPolicy: {
            launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-1" } },
          },
        });
        new aws.autoscaling.Group("legacy", { minSize: 1, maxSize: 2, launchConfiguration: "lc-1" });
      }),
    ).to.deep.equal(['Auto Scaling group "legacy" does not use a launch template.']);
  });
});

describe("web policies: load balancing", () => {
  it("alb-http-redirects-to-https (ELB.1): HTTP listeners only redirect to HTTPS with 301", async () => {
    expect(
      await messages(httpRedirectsToHttps, () => {
        const redirect = {
          type: "redirect",
          redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
        };
        new aws.lb.Listener("good", {
          loadBalancerArn: LB_ARN,
          port: 80,
          protocol: "HTTP",
          defaultActions: [redirect],
        });
        new aws.lb.Listener("plain", {
          loadBalancerArn: LB_ARN,
          port: 80,
          protocol: "HTTP",
          defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }],
        });
        new aws.lb.Listener("found", {
          loadBalancerArn: LB_ARN,
          port: 80,
          protocol: "HTTP",
          defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", statusCode: "HTTP_302" } }],
        });
      }),
    ).to.deep.equal([
      'HTTP listener "plain" does not redirect to HTTPS with a 301.',
      'HTTP listener "found" does not redirect to HTTPS with a 301.',
    ]);
  });

  it("alb-drop-invalid-headers (ELB.4), alb-deletion-protection (ELB.6), alb-desync-mitigation (ELB.12), alb-multi-az (ELB.13)", async () => {
    const program = () => {
      new aws.lb.LoadBalancer("good", {
        subnets,
        dropInvalidHeaderFields: true,
        enableDeletionProtection: true,
        desyncMitigationMode: "strictest",
      });
      new aws.lb.LoadBalancer("lax", { subnets: [subnets[0]!], desyncMitigationMode: "monitor" });
    };
    expect(await messages(dropInvalidHeaders, program)).to.deep.equal([
      'load balancer "lax" does not drop invalid header fields.',
    ]);
    expect(await messages(albDeletionProtection, program)).to.deep.equal([
      'load balancer "lax" has no deletion protection.',
    ]);
    expect(await messages(desyncMitigation, program)).to.deep.equal([
      'load balancer "lax" uses desync mitigation "monitor".',
    ]);
    expect(await messages(albMultiAz, program)).to.deep.equal([
      'load balancer "lax" spans 1 subnet(s); at least 2 AZs are required.',
    ]);
  });

  it("alb-access-logs (ELB.5): access logs on, to an SSE-S3 bucket (not SSE-KMS)", async () => {
    expect(
      await messages(albAccessLogs, () => {
        const bucket = (name: string, algorithm: string) => {
          const b = new aws.s3.Bucket(name, {});
          new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
            bucket: b.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }],
          });
          return b;
        };
        const s3 = bucket("sse-s3", "AES256");
        const kms = bucket("sse-kms", "aws:kms");
        new aws.lb.LoadBalancer("good", { subnets, accessLogs: { enabled: true, bucket: s3.bucket } });
        new aws.lb.LoadBalancer("kms", { subnets, accessLogs: { enabled: true, bucket: kms.bucket } });
        new aws.lb.LoadBalancer("silent", { subnets });
      }),
    ).to.have.members([
      'access-log bucket "sse-kms" of "kms" is not SSE-S3 (AES256) encrypted; ELB cannot deliver to SSE-KMS buckets.',
      'load balancer "silent" has no access logs (accessLogs.enabled with a bucket).',
    ]);
  });

  it("alb-https-tls-policy (ELB.17): HTTPS listeners use a TLS 1.3 policy", async () => {
    expect(
      await messages(httpsTlsPolicy, () => {
        const https = {
          loadBalancerArn: LB_ARN,
          port: 443,
          protocol: "HTTPS",
          certificateArn: CERT_ARN,
          defaultActions: [{ type: "forward", targetGroupArn: TG_ARN }],
        };
        new aws.lb.Listener("good", { ...https, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
        new aws.lb.Listener("old", { ...https, sslPolicy: "ELBSecurityPolicy-2016-08" });
        new aws.lb.Listener("default", https);
      }),
    ).to.have.members([
      'HTTPS listener "old" uses TLS policy "ELBSecurityPolicy-2016-08"; use ELBSecurityPolicy-TLS13-1-2-2021-06.',
      'HTTPS listener "default" uses TLS policy "unset (ELBSecurityPolicy-2016-08)"; use ELBSecurityPolicy-TLS13-1-2-2021-06.',
    ]);
  });

  it("acm-rsa-key-length (ACM.2): RSA keys of at least 2048 bits", async () => {
    expect(
      await messages(certificateKeyLength, () => {
        new aws.acm.Certificate("good", {
          domainName: "buddyverse.link",
          validationMethod: "DNS",
          keyAlgorithm: "RSA_2048",
        });
        new aws.acm.Certificate("ec", {
          domainName: "buddyverse.link",
          validationMethod: "DNS",
          keyAlgorithm: "EC_prime256v1",
        });
        new aws.acm.Certificate("weak", {
          domainName: "buddyverse.link",
          validationMethod: "DNS",
          keyAlgorithm: "RSA_1024",
        });
      }),
    ).to.deep.equal(['certificate "weak" uses RSA_1024; RSA keys need at least 2048 bits.']);
  });
});

describe("web policies: shared files", () => {
  it("efs-encrypted (EFS.1)", async () => {
    expect(
      await messages(efsEncrypted, () => {
        new aws.efs.FileSystem("good", { encrypted: true });
        new aws.efs.FileSystem("plain", {});
      }),
    ).to.deep.equal(['file system "plain" is not encrypted.']);
  });

  it("efs-backup-enabled (EFS.2): each file system has an ENABLED backup policy", async () => {
    expect(
      await messages(efsBackups, () => {
        const a = group("a");
        const good = new aws.efs.FileSystem("good", { encrypted: true }, { parent: a });
        new aws.efs.BackupPolicy(
          "good-backup",
          { fileSystemId: good.id, backupPolicy: { status: "ENABLED" } },
          { parent: a },
        );
        const b = group("b");
        const off = new aws.efs.FileSystem("off", { encrypted: true }, { parent: b });
        new aws.efs.BackupPolicy(
          "off-backup",
          { fileSystemId: off.id, backupPolicy: { status: "DISABLED" } },
          { parent: b },
        );
        new aws.efs.FileSystem("none", { encrypted: true }, { parent: group("c") });
      }),
    ).to.deep.equal([
      'file system "off" has no enabled backup policy.',
      'file system "none" has no enabled backup policy.',
    ]);
  });

  it("efs-mount-targets-private (EFS.6): no mount target in a subnet that maps public IPs", async () => {
    expect(
      await messages(efsMountTargetsPrivate, () => {
        const place = (name: string, mapPublicIpOnLaunch: boolean) => {
          const parent = group(name);
          const subnet = new aws.ec2.Subnet(
            `${name}-subnet`,
            { vpcId: "vpc-1", cidrBlock: "172.31.11.0/24", mapPublicIpOnLaunch },
            { parent },
          );
          new aws.efs.MountTarget(`${name}-mt`, { fileSystemId: "fs-1", subnetId: subnet.id }, { parent });
        };
        place("private", false);
        place("public", true);
      }),
    ).to.deep.equal(['mount target "public-mt" is in public subnet "public-subnet".']);
  });
});

describe("web policies: every S3 bucket (S3.5/8/12/13)", () => {
  /** A bucket with all four controls, and one without any: each policy must flag only the second. */
  const program = () => {
    const good = new aws.s3.Bucket("good", {});
    new aws.s3.BucketOwnershipControls("good-ownership", {
      bucket: good.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new aws.s3.BucketPublicAccessBlock("good-pab", {
      bucket: good.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new aws.s3.BucketLifecycleConfiguration("good-lifecycle", {
      bucket: good.id,
      rules: [{ id: "expire", status: "Enabled", expiration: { days: 90 } }],
    });
    new aws.s3.BucketPolicy("good-policy", {
      bucket: good.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: "*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
    const bad = new aws.s3.Bucket("bad", {});
    new aws.s3.BucketOwnershipControls("bad-ownership", {
      bucket: bad.id,
      rule: { objectOwnership: "ObjectWriter" },
    });
    new aws.s3.BucketPublicAccessBlock("bad-pab", {
      bucket: bad.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: false,
    });
    new aws.s3.BucketLifecycleConfiguration("bad-lifecycle", {
      bucket: bad.id,
      rules: [{ id: "off", status: "Disabled", expiration: { days: 90 } }],
    });
    new aws.s3.BucketPolicy("bad-policy", {
      bucket: bad.id,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
      }),
    });
  };

  it("s3-tls-only (S3.5)", async () => {
    expect(await messages(s3TlsOnly, program)).to.deep.equal([
      'bucket "bad" does not deny requests without TLS (aws:SecureTransport).',
    ]);
  });
  it("s3-block-public-access (S3.8)", async () => {
    expect(await messages(s3BlockPublicAccess, program)).to.have.members([
      'bucket "bad" does not block public access (a public access block with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets).',
    ]);
  });
  it("s3-bucket-owner-enforced (S3.12)", async () => {
    expect(await messages(s3NoAcls, program)).to.deep.equal([
      'bucket "bad" does not disable ACLs (BucketOwnerEnforced ownership controls).',
    ]);
  });
  it("s3-lifecycle-configured (S3.13)", async () => {
    expect(await messages(s3Lifecycle, program)).to.deep.equal([
      'bucket "bad" has no enabled lifecycle rule.',
    ]);
  });
  it("a bucket with no sub-resources at all fails all four", async () => {
    const found = await Promise.all(
      [s3TlsOnly, s3BlockPublicAccess, s3NoAcls, s3Lifecycle].map((p) =>
        messages(p, () => new aws.s3.Bucket("naked", {})),
      ),
    );
    expect(found.map((m) => m.length)).to.deep.equal([1, 1, 1, 1]);
  });
});

describe("web policies in the pack", () => {
  it("are all in the policy list, mandatory, with unique names", () => {
    const names = webPolicies.map((p) => p.name);
    expect(new Set(names).size).to.equal(names.length);
    expect(policies.filter((p) => names.includes(p.name))).to.have.length(names.length);
    expect(webPolicies.every((p) => p.enforcementLevel === "mandatory")).to.equal(true);
  });

  it("ec2-imdsv2-required honours a configured hop limit of 2 (containers)", async () => {
    const env = setupMocks();
    new aws.ec2.LaunchTemplate("containers", {
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
    });
    await env.settle();
    const strict = await runPolicies(env.recorder.resources, { policies: [imdsV2Required] });
    const relaxed = await runPolicies(env.recorder.resources, {
      policies: [imdsV2Required],
      config: { "ec2-imdsv2-required": { maxHopLimit: 2 } },
    });
    expect([strict.violations.length, relaxed.violations.length]).to.deep.equal([1, 0]);
  });
});
