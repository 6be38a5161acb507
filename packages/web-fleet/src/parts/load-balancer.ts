import * as aws from "../aws";
import * as pulumi from "@pulumi/pulumi";
import type { WebFleetConfig } from "../schema";
import { ACCESS_LOG_PREFIX, createAccessLogBucket } from "./access-log-bucket";
import { createCertificate } from "./tls-and-dns";

export interface FleetLoadBalancing {
  readonly albArn: pulumi.Output<string>;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of ALB metrics. */
  readonly albArnSuffix: pulumi.Output<string>;
  readonly albDnsName: pulumi.Output<string>;
  readonly siteUrl: pulumi.Output<string>;
  readonly targetGroup: aws.lb.TargetGroup;
  /** Every target group the fleet's instances register with (the main one first). */
  readonly targetGroupArns: pulumi.Output<string>[];
  /** Undefined when the fleet joins an existing listener. */
  readonly logBucket?: aws.s3.Bucket;
}

interface TargetGroupSpec {
  readonly port: number;
  readonly healthCheckPath: string;
}

/** WEB-4: HTTP target group, health check every 10 s (5 s timeout, 2 healthy / 5 unhealthy), round robin, lb_cookie. */
function targetGroup(
  logicalName: string,
  spec: TargetGroupSpec,
  config: WebFleetConfig,
  parent: pulumi.Resource,
): aws.lb.TargetGroup {
  // No fixed name: Pulumi auto-names it (logical name + 7 random characters), so a replacement never collides.
  return new aws.lb.TargetGroup(
    logicalName,
    {
      vpcId: config.network.vpcId,
      targetType: "instance",
      protocol: "HTTP",
      port: spec.port,
      loadBalancingAlgorithmType: "round_robin",
      deregistrationDelay: config.deregistrationDelaySeconds,
      stickiness: { type: "lb_cookie", enabled: true, cookieDuration: config.stickinessDurationSeconds },
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: spec.healthCheckPath,
        interval: config.healthCheckIntervalSeconds,
        timeout: config.healthCheckTimeoutSeconds,
        healthyThreshold: config.healthyThreshold,
        unhealthyThreshold: config.unhealthyThreshold,
        matcher: config.healthCheckMatcher,
      },
    },
    { parent },
  );
}

const forwardTo = (tg: aws.lb.TargetGroup) => [{ type: "forward", targetGroupArn: tg.arn }];

/** WEB-12: a path rule per extra route, on the listener that forwards traffic. */
function pathRules(
  name: string,
  config: WebFleetConfig,
  listenerArn: pulumi.Input<string>,
  parent: pulumi.Resource,
): aws.lb.TargetGroup[] {
  return Object.entries(config.pathRoutes).map(([key, route]) => {
    const tg = targetGroup(`${name}-tg-${key}`, route, config, parent);
    new aws.lb.ListenerRule(
      `${name}-route-${key}`,
      {
        listenerArn,
        priority: route.priority,
        actions: forwardTo(tg),
        conditions: [{ pathPattern: { values: [...route.pathPatterns] } }],
      },
      { parent },
    );
    return tg;
  });
}

/**
 * WEB-3/4/9/11/12: an internet-facing ALB in the public subnets with its target groups and listeners — HTTP
 * redirects (301) to HTTPS with the TLS 1.3 policy when there is a domain, plain HTTP forwarding otherwise —
 * or, with `existingListener`, only a target group and a path rule on someone else's listener.
 */
export function createLoadBalancing(
  name: string,
  config: WebFleetConfig,
  albSecurityGroupId: pulumi.Input<string>,
  parent: pulumi.Resource,
): FleetLoadBalancing {
  const opts = { parent };
  const mainTg = targetGroup(
    `${name}-tg`,
    { port: 80, healthCheckPath: config.healthCheckPath },
    config,
    parent,
  );

  if (config.existingListener) {
    const joined = config.existingListener;
    new aws.lb.ListenerRule(
      `${name}-rule`,
      {
        listenerArn: joined.listenerArn,
        priority: joined.priority,
        actions: forwardTo(mainTg),
        conditions: [{ pathPattern: { values: [...joined.pathPatterns] } }],
      },
      opts,
    );
    const routes = pathRules(name, config, joined.listenerArn, parent);
    const listener = aws.lb.getListenerOutput({ arn: joined.listenerArn }, opts);
    const alb = aws.lb.getLoadBalancerOutput({ arn: listener.loadBalancerArn }, opts);
    const scheme = listener.protocol.apply((p) => (p === "HTTPS" ? "https" : "http"));
    const firstPath = joined.pathPatterns[0]!.replace(/\*.*$/, "");
    return {
      albArn: listener.loadBalancerArn,
      albArnSuffix: alb.arnSuffix,
      albDnsName: alb.dnsName,
      siteUrl: pulumi.interpolate`${scheme}://${alb.dnsName}${firstPath}`,
      targetGroup: mainTg,
      targetGroupArns: [mainTg.arn, ...routes.map((tg) => tg.arn)],
    };
  }

  const logs = createAccessLogBucket(name, config, parent);
  // No fixed name (auto-named, ≤ 32 characters): a replacement never collides with the ALB it replaces.
  const alb = new aws.lb.LoadBalancer(
    `${name}-alb`,
    {
      loadBalancerType: "application",
      internal: false,
      ipAddressType: "ipv4",
      subnets: [...config.network.publicSubnetIds],
      securityGroups: [albSecurityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: config.desyncMitigationMode,
      enableDeletionProtection: config.deletionProtection,
      enableHttp2: true,
      idleTimeout: config.idleTimeoutSeconds,
      accessLogs: { enabled: true, bucket: logs.bucket.bucket, prefix: ACCESS_LOG_PREFIX },
    },
    { parent, dependsOn: [logs.policy] },
  );

  let forwardingListener: aws.lb.Listener;
  let siteUrl: pulumi.Output<string>;
  if (config.domainName !== undefined) {
    const tls = createCertificate(name, config, config.domainName, alb, parent);
    new aws.lb.Listener(
      `${name}-http`,
      {
        loadBalancerArn: alb.arn,
        port: 80,
        protocol: "HTTP",
        defaultActions: [
          { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ],
      },
      opts,
    );
    forwardingListener = new aws.lb.Listener(
      `${name}-https`,
      {
        loadBalancerArn: alb.arn,
        port: 443,
        protocol: "HTTPS",
        sslPolicy: config.sslPolicy,
        certificateArn: tls.certificateArn,
        defaultActions: forwardTo(mainTg),
      },
      opts,
    );
    siteUrl = pulumi.output(`https://${config.domainName}`);
  } else {
    // Without a domain there is no certificate: plain HTTP is allowed (WEB-3), e.g. for dev.
    forwardingListener = new aws.lb.Listener(
      `${name}-http`,
      { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: forwardTo(mainTg) },
      opts,
    );
    siteUrl = pulumi.interpolate`http://${alb.dnsName}`;
  }
  const routes = pathRules(name, config, forwardingListener.arn, parent);

  return {
    albArn: alb.arn,
    albArnSuffix: alb.arnSuffix,
    albDnsName: alb.dnsName,
    siteUrl,
    targetGroup: mainTg,
    targetGroupArns: [mainTg.arn, ...routes.map((tg) => tg.arn)],
    logBucket: logs.bucket,
  };
}
