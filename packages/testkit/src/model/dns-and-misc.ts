import { hex, upperAlnum, uuid } from "../ids";
import type { ResourceModel } from "./types";

export const dnsAndMiscModels: Record<string, ResourceModel> = {
  "aws:route53/record:Record": (m) => {
    const name = String(m.inputs["name"] ?? m.name).replace(/\.$/, "");
    return {
      id: `${String(m.inputs["zoneId"])}_${name}_${String(m.inputs["type"])}`,
      state: { ...m.inputs, fqdn: name },
    };
  },
  "aws:route53/zone:Zone": (m) => {
    const zoneId = `Z${upperAlnum(m.seed, 20)}`;
    return {
      id: zoneId,
      state: {
        ...m.inputs,
        id: zoneId,
        zoneId,
        arn: `arn:${m.account.partition}:route53:::hostedzone/${zoneId}`,
        nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"],
      },
    };
  },
  "random:index/randomPassword:RandomPassword": (m) => {
    const length = Number(m.inputs["length"] ?? 32);
    return { id: "none", state: { ...m.inputs, result: hex(`${m.seed}:password`, length) } };
  },
  "random:index/randomId:RandomId": (m) => {
    const bytes = Number(m.inputs["byteLength"] ?? 8);
    const value = hex(m.seed, bytes * 2);
    return {
      id: value,
      state: {
        ...m.inputs,
        hex: value,
        dec: BigInt(`0x${value}`).toString(),
        b64Url: Buffer.from(value, "hex").toString("base64url"),
        b64Std: Buffer.from(value, "hex").toString("base64"),
      },
    };
  },
  "random:index/randomString:RandomString": (m) => {
    const length = Number(m.inputs["length"] ?? 16);
    const value = hex(m.seed, length);
    return { id: value, state: { ...m.inputs, result: value } };
  },
  "random:index/randomUuid:RandomUuid": (m) => ({
    id: uuid(m.seed),
    state: { ...m.inputs, result: uuid(m.seed) },
  }),
};
