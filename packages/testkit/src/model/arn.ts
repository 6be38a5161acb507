import type { ModelInput } from "./types";

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; global services pass region "". */
export function arn(m: ModelInput, service: string, resource: string, region: string = m.region): string {
  return `arn:${m.account.partition}:${service}:${region}:${m.account.accountId}:${resource}`;
}
