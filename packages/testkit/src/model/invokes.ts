import { availabilityZones, elbServiceAccount, albHostedZoneId, type MockAccount } from "../context";
import { ec2Id, upperAlnum } from "../ids";
import type { Props } from "./types";

/** Answers one provider function call (an "invoke") the way AWS would for the mock account. */
export type InvokeModel = (inputs: Props, account: MockAccount) => Props;

function regionOf(inputs: Props, account: MockAccount): string {
  return typeof inputs["region"] === "string" ? inputs["region"] : account.region;
}

/** SSM public parameters that name maintained AMIs resolve to a stable fake image id per parameter. */
function ssmParameter(inputs: Props, account: MockAccount): Props {
  const name = String(inputs["name"]);
  const region = regionOf(inputs, account);
  const isAmi = name.startsWith("/aws/service/") && name.includes("ami");
  const value = isAmi ? ec2Id("ami", `${region}:${name}`) : `mock-value-of:${name}`;
  return {
    id: name,
    name,
    type: isAmi ? "String" : "SecureString",
    value,
    insecureValue: isAmi ? value : undefined,
    arn: `arn:${account.partition}:ssm:${region}:${isAmi ? "" : account.accountId}:parameter${name}`,
    version: 1,
    withDecryption: inputs["withDecryption"] ?? true,
  };
}

export const invokeModels: Readonly<Record<string, InvokeModel>> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs, account) => {
    const region = regionOf(inputs, account);
    const names = availabilityZones(region);
    return {
      id: region,
      names,
      zoneIds: names.map((_, i) => `apne2-az${i + 1}`),
      groupNames: [region],
      state: "available",
    };
  },
  "aws:index/getRegion:getRegion": (inputs, account) => {
    const region = regionOf(inputs, account);
    return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": (_inputs, account) => ({
    id: account.accountId,
    accountId: account.accountId,
    arn: `arn:${account.partition}:iam::${account.accountId}:user/cloudblocks-test`,
    userId: `AIDA${upperAlnum(account.accountId, 17)}`,
  }),
  "aws:index/getPartition:getPartition": (_inputs, account) => ({
    id: account.partition,
    partition: account.partition,
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:ec2/getAmi:getAmi": (inputs, account) => {
    const id = ec2Id("ami", `${regionOf(inputs, account)}:${JSON.stringify(inputs["filters"] ?? [])}`);
    return {
      id,
      imageId: id,
      architecture: "x86_64",
      name: "al2023-ami-2023.9.20260101.0-kernel-6.1-x86_64",
      rootDeviceName: "/dev/xvda",
      ownerId: "137112412989",
    };
  },
  "aws:ssm/getParameter:getParameter": ssmParameter,
  "aws:elb/getServiceAccount:getServiceAccount": (inputs, account) => {
    const id = elbServiceAccount(regionOf(inputs, account));
    return { id, arn: `arn:${account.partition}:iam::${id}:root` };
  },
  "aws:lb/getHostedZoneId:getHostedZoneId": (inputs, account) => ({
    id: albHostedZoneId(regionOf(inputs, account)),
  }),
  "aws:route53/getZone:getZone": (inputs, account) => {
    const name = String(inputs["name"] ?? "example.com").replace(/\.$/, "");
    const zoneId = String(inputs["zoneId"] ?? `Z${upperAlnum(name, 20)}`);
    return {
      id: zoneId,
      zoneId,
      name,
      arn: `arn:${account.partition}:route53:::hostedzone/${zoneId}`,
      privateZone: false,
      nameServers: ["ns-1.awsdns-01.org"],
      resourceRecordSetCount: 2,
    };
  },
  "aws:ec2/getRouteTable:getRouteTable": (inputs) => {
    const seed = String(inputs["subnetId"] ?? inputs["routeTableId"] ?? "rtb");
    const id = String(inputs["routeTableId"] ?? ec2Id("rtb", `route-table-of:${seed}`));
    return {
      id,
      routeTableId: id,
      subnetId: inputs["subnetId"],
      vpcId: inputs["vpcId"] ?? "",
      routes: [],
      associations: [],
    };
  },
  "aws:ec2/getPrefixList:getPrefixList": (inputs, account) => {
    const name = String(inputs["name"] ?? `com.amazonaws.${account.region}.s3`);
    return { id: ec2Id("pl", name).slice(0, 11), name, cidrBlocks: ["52.219.56.0/22"] };
  },
  "aws:index/getDefaultTags:getDefaultTags": () => ({ id: "default-tags", tags: {} }),
};
