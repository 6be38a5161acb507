import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** A cloudblocks control: a CrossGuard policy that also runs offline on the recorded plan. */
export type CloudblocksPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Loose property bag, as policies receive resource inputs. */
export type Props = Record<string, unknown>;

/** Reads a value that a provider resource may carry JSON-encoded (provider inputs are sent as JSON strings). */
export function decoded<T>(value: unknown): T | undefined {
  if (typeof value !== "string") return value as T | undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}
