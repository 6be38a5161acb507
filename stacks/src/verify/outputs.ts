import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { z } from "zod";

const arn = z.string().regex(/^arn:aws[a-z-]*:/, "allowed: an ARN");

/** The stack outputs the scenarios use (see `stack-outputs.ts`, which puts them there); others are ignored. */
export const verifyOutputsSchema = z.object({
  environment: z.string(),
  region: z.string(),
  siteUrl: z.string().url(),
  vpcId: z.string(),
  albArn: arn,
  targetGroupArn: arn,
  autoScalingGroupName: z.string().min(1),
  appLogGroupName: z.string().min(1),
  alarmTopicArn: arn,
  appErrorsAlarmArn: arn,
  alarmArns: z.array(arn),
  fileSystemId: z.string().nullish(),
  domainName: z.string().nullish(),
  sslPolicy: z.string().nullish(),
  healthCheckId: z.string().nullish(),
  dbReaderEndpoints: z.array(z.string()).nullish(),
});

export type VerifyOutputs = z.output<typeof verifyOutputsSchema>;

export function parseOutputs(raw: unknown, source: string): VerifyOutputs {
  const result = verifyOutputsSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(
    `stack outputs from ${source} are missing what verify needs (deploy this version of the stack first):\n${problems.join("\n")}`,
  );
}

/**
 * The outputs of a deployed stack: from `--outputs FILE`, else `pulumi stack output --json` (never
 * `--show-secrets`: verify needs no secret, and secret outputs stay "[secret]").
 */
export async function loadOutputs(stack: string, file?: string): Promise<VerifyOutputs> {
  if (file) return parseOutputs(JSON.parse(await readFile(file, "utf8")), file);
  const { stdout } = await promisify(execFile)("pulumi", ["stack", "output", "--json", "--stack", stack], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseOutputs(JSON.parse(stdout), `pulumi stack output --json --stack ${stack}`);
}
