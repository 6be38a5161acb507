import { hostedZoneIdOf } from "../catalogue";
import { availabilityZones, elbServiceAccount, albHostedZoneId, zoneIdOf } from "../context";
import { ec2Id, upperAlnum } from "../ids";
import { describeImages } from "./images";
import {
  filtersOf,
  InvokeError,
  passesFilters,
  stringArg,
  type InvokeModel,
  type InvokeQuery,
} from "./invoke-query";
import type { Props } from "./types";

export { InvokeError, type InvokeModel, type InvokeQuery } from "./invoke-query";

/*
 * Each model answers a provider function the way terraform-provider-aws (bridged by @pulumi/aws 7.48) does:
 * the same arguments, the same matching, and on no match the same diagnostic. The source file of each data
 * source is named above its model; the README lists them.
 */

/** internal/service/ec2/ec2_availability_zones_data_source.go: DescribeAvailabilityZones in the call's region. */
const getAvailabilityZones: InvokeModel = ({ token, inputs, region }) => {
  const names = availabilityZones(region);
  const zones = names.map((name) => ({
    name,
    zoneId: zoneIdOf(name),
    state: "available",
    optIn: "opt-in-not-required",
  }));
  const state = stringArg(inputs, "state");
  const excludeNames = (inputs["excludeNames"] as string[] | undefined) ?? [];
  const excludeZoneIds = (inputs["excludeZoneIds"] as string[] | undefined) ?? [];
  const kept = zones.filter(
    (zone) =>
      (state === undefined || zone.state === state) &&
      !excludeNames.includes(zone.name) &&
      !excludeZoneIds.includes(zone.zoneId) &&
      passesFilters(token, zone, filtersOf(inputs), {
        "zone-name": (z) => z.name,
        "zone-id": (z) => z.zoneId,
        state: (z) => z.state,
        "opt-in-status": (z) => z.optIn,
        "region-name": () => region,
        "zone-type": () => "availability-zone",
        "group-name": () => region,
      }),
  );
  return {
    id: region,
    names: kept.map((z) => z.name),
    zoneIds: kept.map((z) => z.zoneId),
    groupNames: [region],
    state,
  };
};

/** internal/service/meta/region_data_source.go: the provider's region, or the one asked for. */
const getRegion: InvokeModel = ({ region }) => ({
  id: region,
  name: region,
  region,
  endpoint: `ec2.${region}.amazonaws.com`,
  description: region,
});

/** internal/service/sts/caller_identity_data_source.go */
const getCallerIdentity: InvokeModel = ({ account }) => ({
  id: account.accountId,
  accountId: account.accountId,
  arn: `arn:${account.partition}:iam::${account.accountId}:user/cloudblocks-test`,
  userId: `AIDA${upperAlnum(account.accountId, 17)}`,
});

/** internal/service/meta/partition_data_source.go */
const getPartition: InvokeModel = ({ account }) => ({
  id: account.partition,
  partition: account.partition,
  dnsSuffix: "amazonaws.com",
  reverseDnsPrefix: "com.amazonaws",
});

/**
 * internal/service/ssm/parameter_data_source.go: GetParameter by name in the call's region, among AWS's public
 * parameters, the account's, and those the program created. ParameterNotFound becomes the provider's
 * `reading SSM Parameter (<name>): couldn't find resource`.
 */
const getParameter: InvokeModel = ({ token, inputs, region, account, catalogue, recorder }) => {
  const name = String(inputs["name"]);
  const known = catalogue.parameters.find((p) => p.region === region && p.name === name);
  const created = recorder
    .ofType("aws:ssm/parameter:Parameter")
    .find(
      (r) => (r.outputs["region"] ?? region) === region && (r.outputs["name"] ?? r.inputs["name"]) === name,
    );
  const parameter =
    known ??
    (created
      ? {
          name,
          value: String(created.inputs["value"] ?? ""),
          type: String(created.inputs["type"]),
          public: false,
        }
      : undefined);
  if (!parameter) throw new InvokeError(token, `reading SSM Parameter (${name}): couldn't find resource`);
  const secure = parameter.type === "SecureString";
  return {
    id: name,
    name,
    type: parameter.type,
    value: parameter.value,
    insecureValue: secure ? undefined : parameter.value,
    arn: `arn:${account.partition}:ssm:${region}:${parameter.public ? "" : account.accountId}:parameter${name}`,
    version: 1,
    withDecryption: inputs["withDecryption"] ?? true,
  };
};

/** internal/service/ec2/ec2_ami_data_source.go: DescribeImages with filters, owners, name_regex, most_recent. */
const getAmi: InvokeModel = (query) => {
  const image = describeImages(query);
  const { account, region } = query;
  return {
    id: image.imageId,
    imageId: image.imageId,
    arn: `arn:${account.partition}:ec2:${region}::image/${image.imageId}`,
    architecture: image.architecture,
    name: image.name,
    description: image.description,
    ownerId: image.ownerId,
    imageOwnerAlias: image.ownerAlias,
    rootDeviceName: image.rootDeviceName,
    rootDeviceType: image.rootDeviceType ?? "ebs",
    virtualizationType: image.virtualizationType ?? "hvm",
    creationDate: image.creationDate,
    public: image.public ?? false,
    state: image.state ?? "available",
    blockDeviceMappings: [
      {
        deviceName: image.rootDeviceName,
        ebs: { volume_size: "8", volume_type: "gp3", encrypted: "false", delete_on_termination: "true" },
      },
    ],
    mostRecent: query.inputs["mostRecent"] ?? false,
    filters: query.inputs["filters"],
    owners: query.inputs["owners"],
  };
};

/** internal/service/elb/service_account_data_source.go: Elastic Load Balancing's account in the region. */
const getServiceAccount: InvokeModel = ({ inputs, region, account }) => {
  const asked = stringArg(inputs, "region") ?? region;
  const id = elbServiceAccount(asked);
  return { id, arn: `arn:${account.partition}:iam::${id}:root`, region: asked };
};

/** internal/service/elbv2/hosted_zone_id_data_source.go: the ALB alias zone of the region. */
const getHostedZoneId: InvokeModel = ({ inputs, region }) => {
  const asked = stringArg(inputs, "region") ?? region;
  const id = albHostedZoneId(asked);
  return { id, region: asked };
};

const normalizeDomain = (name: string) => name.toLowerCase().replace(/\.$/, "");

/**
 * internal/service/route53/zone_data_source.go: by `zoneId` a direct look-up; by `name` every zone of that name
 * and type (`privateZone`, default false; a `vpcId` implies private) must match exactly one.
 */
const getZone: InvokeModel = ({ token, inputs, account, catalogue, recorder }) => {
  const created = recorder.ofType("aws:route53/zone:Zone").map((r) => ({
    name: String(r.inputs["name"]),
    zoneId: r.id,
    privateZone: Array.isArray(r.inputs["vpcs"]) && (r.inputs["vpcs"] as unknown[]).length > 0,
    vpcIds: ((r.inputs["vpcs"] as { vpcId?: string }[] | undefined) ?? []).map((v) => String(v.vpcId)),
  }));
  const zones = [...catalogue.hostedZones, ...created];
  const zoneId = stringArg(inputs, "zoneId");
  const name = stringArg(inputs, "name");
  const vpcId = stringArg(inputs, "vpcId");
  const privateZone =
    inputs["privateZone"] === true || (vpcId !== undefined && inputs["privateZone"] !== false);
  let zone;
  if (zoneId !== undefined) {
    zone = zones.find((z) => hostedZoneIdOf(z) === zoneId);
    if (!zone) throw new InvokeError(token, "couldn't find resource");
  } else {
    const matches = zones.filter(
      (z) =>
        (name === undefined || normalizeDomain(z.name) === normalizeDomain(name)) &&
        (z.privateZone ?? false) === privateZone &&
        (vpcId === undefined || (z.vpcIds ?? []).includes(vpcId)),
    );
    if (matches.length === 0) throw new InvokeError(token, "no matching Route 53 Hosted Zone found");
    if (matches.length > 1) {
      throw new InvokeError(
        token,
        "multiple Route 53 Hosted Zones matched; use additional constraints to reduce matches to a single Route 53 Hosted Zone",
      );
    }
    zone = matches[0]!;
  }
  const id = hostedZoneIdOf(zone);
  return {
    id,
    zoneId: id,
    name: normalizeDomain(zone.name),
    arn: `arn:${account.partition}:route53:::hostedzone/${id}`,
    privateZone: zone.privateZone ?? false,
    nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net"],
    primaryNameServer: "ns-1.awsdns-01.org",
    resourceRecordSetCount: 2,
  };
};

/**
 * internal/service/ec2/vpc_route_table_data_source.go: DescribeRouteTables by table id, VPC, associated subnet
 * or gateway, among the tables the program created (awsx's modelled ones included); exactly one must match.
 */
const getRouteTable: InvokeModel = ({ token, inputs, region, account, recorder }) => {
  const wanted = {
    routeTableId: stringArg(inputs, "routeTableId"),
    vpcId: stringArg(inputs, "vpcId"),
    subnetId: stringArg(inputs, "subnetId"),
    gatewayId: stringArg(inputs, "gatewayId"),
  };
  if (Object.values(wanted).every((v) => v === undefined) && filtersOf(inputs).length === 0) {
    throw new InvokeError(
      token,
      "one of route_table_id, vpc_id, subnet_id, gateway_id, filters, or tags must be assigned",
    );
  }
  const associations = recorder.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").map((a) => ({
    routeTableId: String(a.inputs["routeTableId"]),
    subnetId: a.inputs["subnetId"] as string | undefined,
    gatewayId: a.inputs["gatewayId"] as string | undefined,
    id: a.id,
  }));
  const tables = recorder.ofType("aws:ec2/routeTable:RouteTable").map((t) => ({
    id: String(t.id),
    vpcId: String(t.inputs["vpcId"]),
    associations: associations.filter((a) => a.routeTableId === t.id),
  }));
  const matches = tables.filter(
    (t) =>
      (wanted.routeTableId === undefined || t.id === wanted.routeTableId) &&
      (wanted.vpcId === undefined || t.vpcId === wanted.vpcId) &&
      (wanted.subnetId === undefined || t.associations.some((a) => a.subnetId === wanted.subnetId)) &&
      (wanted.gatewayId === undefined || t.associations.some((a) => a.gatewayId === wanted.gatewayId)) &&
      passesFilters(token, t, filtersOf(inputs), {
        "route-table-id": (x) => x.id,
        "vpc-id": (x) => x.vpcId,
      }),
  );
  if (matches.length === 0) {
    throw new InvokeError(
      token,
      "query returned no results. Please change your search criteria and try again",
    );
  }
  if (matches.length > 1) {
    throw new InvokeError(
      token,
      "multiple Route Tables matched; use additional constraints to reduce matches to a single Route Table",
    );
  }
  const table = matches[0]!;
  return {
    id: table.id,
    routeTableId: table.id,
    arn: `arn:${account.partition}:ec2:${region}:${account.accountId}:route-table/${table.id}`,
    ownerId: account.accountId,
    vpcId: table.vpcId,
    subnetId: wanted.subnetId,
    routes: [],
    associations: table.associations.map((a) => ({
      routeTableId: table.id,
      routeTableAssociationId: a.id,
      subnetId: a.subnetId,
      gatewayId: a.gatewayId,
      main: false,
    })),
  };
};

/** internal/service/ec2/vpc_managed_prefix_list_data_source.go: the AWS-managed gateway endpoint lists. */
const getPrefixList: InvokeModel = ({ token, inputs, region }) => {
  const lists = ["s3", "dynamodb"].map((service) => {
    const name = `com.amazonaws.${region}.${service}`;
    return { name, id: ec2Id("pl", name).slice(0, 11) };
  });
  const name = stringArg(inputs, "name");
  const id = stringArg(inputs, "prefixListId");
  const matches = lists.filter(
    (l) => (name === undefined || l.name === name) && (id === undefined || l.id === id),
  );
  if (matches.length !== 1) throw new InvokeError(token, "no matching EC2 Managed Prefix List found");
  return { id: matches[0]!.id, name: matches[0]!.name, cidrBlocks: ["52.219.56.0/22"] };
};

/**
 * internal/service/elbv2/listener_data_source.go: DescribeListeners by ARN (or load balancer and port), among
 * the account's listeners and those the program created; anything but one result is the provider's
 * `Search returned <n> results, please revise so only one is returned`.
 */
const getListener: InvokeModel = ({ token, inputs, catalogue, recorder }) => {
  const created = recorder.ofType("aws:lb/listener:Listener").map((r) => ({
    arn: String(r.outputs["arn"]),
    loadBalancerArn: String(r.inputs["loadBalancerArn"]),
    port: Number(r.inputs["port"]),
    protocol: String(r.inputs["protocol"]),
    sslPolicy: r.inputs["sslPolicy"] as string | undefined,
    certificateArn: r.inputs["certificateArn"] as string | undefined,
  }));
  const arn = stringArg(inputs, "arn");
  const lbArn = stringArg(inputs, "loadBalancerArn");
  const port = inputs["port"] as number | undefined;
  if (arn === undefined && (lbArn === undefined || port === undefined)) {
    throw new InvokeError(token, "both load_balancer_arn and port must be set");
  }
  const matches = [...catalogue.listeners, ...created].filter(
    (l) =>
      (arn === undefined || l.arn === arn) &&
      (arn !== undefined || (l.loadBalancerArn === lbArn && l.port === port)),
  );
  if (matches.length !== 1) {
    throw new InvokeError(
      token,
      `Search returned ${matches.length} results, please revise so only one is returned`,
    );
  }
  const listener = matches[0]!;
  return { id: listener.arn, ...listener };
};

/** internal/service/elbv2/load_balancer_data_source.go: DescribeLoadBalancers by ARN or name. */
const getLoadBalancer: InvokeModel = ({ token, inputs, catalogue, recorder }) => {
  const created = recorder.ofType("aws:lb/loadBalancer:LoadBalancer").map((r) => ({
    arn: String(r.outputs["arn"]),
    name: String(r.outputs["name"] ?? r.name),
    dnsName: String(r.outputs["dnsName"]),
    securityGroups: r.inputs["securityGroups"] as string[] | undefined,
    loadBalancerType: (r.inputs["loadBalancerType"] as string | undefined) ?? "application",
  }));
  const known = catalogue.loadBalancers.map((lb) => ({ ...lb, name: lb.arn.split("/")[2]! }));
  const arn = stringArg(inputs, "arn");
  const name = stringArg(inputs, "name");
  const matches = [...known, ...created].filter(
    (lb) => (arn === undefined || lb.arn === arn) && (name === undefined || lb.name === name),
  );
  if (matches.length === 0)
    throw new InvokeError(token, "reading ELBv2 Load Balancers: couldn't find resource");
  if (matches.length > 1) {
    throw new InvokeError(
      token,
      "multiple ELBv2 Load Balancers matched; use additional constraints to reduce matches to a single ELBv2 Load Balancer",
    );
  }
  const lb = matches[0]!;
  const arnSuffix = lb.arn.split(":loadbalancer/")[1] ?? "";
  return {
    id: lb.arn,
    arn: lb.arn,
    arnSuffix,
    name: lb.name,
    dnsName: lb.dnsName,
    loadBalancerType: lb.loadBalancerType ?? "application",
    securityGroups: lb.securityGroups ?? [],
  };
};

/** internal/provider/default_tags_data_source.go: the calling provider's `defaultTags`. */
const getDefaultTags: InvokeModel = ({ providerUrn, recorder }) => {
  const raw = providerUrn ? recorder.byUrnOf(providerUrn)?.inputs["defaultTags"] : undefined;
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    { tags?: Record<string, string> } | undefined;
  return { id: "default-tags", tags: parsed?.tags ?? {} } satisfies Props;
};

/** Every provider function the cloudblocks components call, by token. Any other token fails loudly. */
export const invokeModels: Readonly<Record<string, InvokeModel>> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": getAvailabilityZones,
  "aws:index/getRegion:getRegion": getRegion,
  "aws:index/getCallerIdentity:getCallerIdentity": getCallerIdentity,
  "aws:index/getPartition:getPartition": getPartition,
  "aws:index/getDefaultTags:getDefaultTags": getDefaultTags,
  "aws:ec2/getAmi:getAmi": getAmi,
  "aws:ssm/getParameter:getParameter": getParameter,
  "aws:elb/getServiceAccount:getServiceAccount": getServiceAccount,
  "aws:lb/getHostedZoneId:getHostedZoneId": getHostedZoneId,
  "aws:route53/getZone:getZone": getZone,
  "aws:ec2/getRouteTable:getRouteTable": getRouteTable,
  "aws:ec2/getPrefixList:getPrefixList": getPrefixList,
  "aws:lb/getListener:getListener": getListener,
  "aws:lb/getLoadBalancer:getLoadBalancer": getLoadBalancer,
};

/** Answers a call, or fails naming the token when no model exists (no generic answer that could hide a bug). */
export function answerInvoke(query: InvokeQuery): Props {
  const model = invokeModels[query.token];
  if (!model) {
    throw new Error(
      `testkit: no model for invoke ${query.token}; add one to packages/testkit/src/model/invokes.ts (a generic answer would hide what AWS returns)`,
    );
  }
  return model(query);
}
