import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";

/** A child-name fragment for a DNS name: `www.buddyverse.link` → `www-buddyverse-link`. */
export const dnsSlug = (domain: string) => domain.replace(/^\*\./, "wildcard-").replace(/\./g, "-");

/**
 * WEB-9: an RSA 2048 ACM certificate (ACM.2) for the domain and its extra names, validated by DNS records in the
 * hosted zone, and alias records pointing every non-wildcard name at the ALB. One validation record per name is
 * known at construction (no resource is created inside an apply); `*.x` and `x` share one record, so wildcards
 * reuse the record of their base name.
 */
export function createCertificate(
  name: string,
  config: WebFleetConfig,
  domainName: string,
  alb: aws.lb.LoadBalancer,
  parent: pulumi.Resource,
): { certificateArn: pulumi.Output<string> } {
  const opts = { parent };
  const zoneId =
    config.hostedZoneId !== undefined
      ? pulumi.output(config.hostedZoneId)
      : aws.route53.getZoneOutput({ name: config.hostedZoneName!, privateZone: false }, opts).zoneId;

  const certificate = new aws.acm.Certificate(
    `${name}-cert`,
    {
      domainName,
      subjectAlternativeNames:
        config.subjectAlternativeNames.length > 0 ? [...config.subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      keyAlgorithm: "RSA_2048",
    },
    opts,
  );

  const names = [domainName, ...config.subjectAlternativeNames];
  const baseNames = [...new Set(names.map((n) => n.replace(/^\*\./, "")))];
  const records = baseNames.map((base) => {
    const option = certificate.domainValidationOptions.apply((options) => {
      const found =
        options.find((o) => o.domainName === base) ?? options.find((o) => o.domainName === `*.${base}`);
      if (!found) throw new Error(`ACM returned no validation option for ${base}`);
      return found;
    });
    return new aws.route53.Record(
      `${name}-cert-validation-${dnsSlug(base)}`,
      {
        zoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 60,
        // The same CNAME may already exist from an earlier certificate for this name.
        allowOverwrite: true,
      },
      opts,
    );
  });
  const validation = new aws.acm.CertificateValidation(
    `${name}-cert-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
    opts,
  );

  for (const aliasName of names.filter((n) => !n.startsWith("*."))) {
    new aws.route53.Record(
      `${name}-alias-${dnsSlug(aliasName)}`,
      {
        zoneId,
        name: aliasName,
        type: "A",
        aliases: [{ name: alb.dnsName, zoneId: alb.zoneId, evaluateTargetHealth: true }],
      },
      opts,
    );
  }
  return { certificateArn: validation.certificateArn };
}
