import fc from "fast-check";
import { readStackFiles } from "../../src/plan/stack-files";
import { root } from "../plans";

type Config = Record<string, unknown>;
const base = { dev: readStackFiles(root, "dev").config, prod: readStackFiles(root, "prod").config };
const section = (config: Config, key: string) => ({ ...(config[`buddyverse:${key}`] as Config) });

const LOG_DAYS = [7, 14, 30, 60, 90, 365] as const;
// fc.stringMatching is slow; words from a small alphabet are enough to vary lengths and characters.
const word = (chars: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
const lower = "abcdefghijklmnopqrstuvwxyz";
const email = fc
  .tuple(
    word(lower, 1, 1),
    word(`${lower}0123456789._+-`, 0, 20),
    word(lower, 1, 1),
    word(`${lower}0123456789-`, 0, 15),
  )
  .filter(([, local]) => !local.includes("..") && !local.endsWith("."))
  .map(([a, local, b, domain]) => `${a}${local}@${b}${domain.replace(/-+$/, "")}.link`);

/** A random stack config that must build: the real dev or prod file with the knobs a user turns, all valid. */
export const validStackConfig: fc.Arbitrary<{ stack: "dev" | "prod"; config: Config }> = fc
  .constantFrom("dev" as const, "prod" as const)
  .chain((stack) =>
    fc
      .record({
        namePrefix: fc.constantFrom(undefined, "buddyverse", "bv", "acme-web"),
        owner: fc.tuple(word("ABCXYZabcxyz019", 1, 1), word("ABCabc019 ._@+-", 1, 30)).map(([a, b]) => a + b),
        costCenter: fc.oneof(word("ABCabc019._-", 2, 20), fc.integer({ min: 10, max: 99_999 })),
        zones: fc.shuffledSubarray(["a", "b", "c", "d"], { minLength: 2, maxLength: 2 }),
        emails: fc.uniqueArray(email, { minLength: 1, maxLength: 3 }),
        alarmLogDays: fc.constantFrom(...(stack === "prod" ? ([365] as const) : LOG_DAYS)),
        budget: fc.integer({ min: 1, max: 100_000 }),
        instanceType: fc.constantFrom("t3.micro", "t3.small", "t4g.small", "m7g.large"),
        minSize: fc.integer({ min: stack === "prod" ? 2 : 1, max: 3 }),
        extra: fc.integer({ min: 0, max: 2 }),
        headroom: fc.integer({ min: 0, max: 3 }),
        dbClass: fc.constantFrom(
          ...(stack === "prod" ? ["db.m6g.large", "db.r7g.large"] : ["db.t4g.micro", "db.t4g.small"]),
        ),
        backupDays: fc.integer({ min: stack === "prod" ? 7 : 1, max: 35 }),
        engineVersion: fc.constantFrom(undefined, "8.0", "8.4", "8.4.7"),
      })
      .map((v) => {
        const config: Config = { ...base[stack] };
        if (v.namePrefix) config["buddyverse:namePrefix"] = v.namePrefix;
        config["buddyverse:owner"] = v.owner;
        config["buddyverse:costCenter"] = v.costCenter;
        const network = section(config, "network");
        network["availabilityZones"] = v.zones.sort().map((z) => `ap-northeast-2${z}`);
        config["buddyverse:network"] = network;
        config["buddyverse:alarms"] = {
          ...section(config, "alarms"),
          emailAddresses: v.emails,
          logRetentionDays: v.alarmLogDays,
          costBudget: { monthlyLimitUsd: v.budget },
        };
        config["buddyverse:fleet"] = {
          ...section(config, "fleet"),
          instanceType: v.instanceType,
          minSize: v.minSize,
          desiredCapacity: v.minSize + v.extra,
          maxSize: v.minSize + v.extra + v.headroom + 1,
        };
        config["buddyverse:database"] = {
          ...section(config, "database"),
          instanceClass: v.dbClass,
          backupRetentionDays: v.backupDays,
          ...(v.engineVersion ? { engineVersion: v.engineVersion } : {}),
        };
        return { stack, config };
      }),
  );

/** Every key path of a config, top-level keys first (`["buddyverse:fleet", "minSize"]`). */
function keyPaths(value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...path, key],
    ...keyPaths(child, [...path, key]),
  ]);
}

/** Any JSON-ish value a stack file could hold. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", "true", "4711", "ap-northeast-2e", "https://hooks.slack.com/services/T/B/x"),
  fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 6 }),
    fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
    {
      maxKeys: 2,
    },
  ),
);

export type Mutation =
  | { kind: "delete"; path: string[] }
  | { kind: "replace"; path: string[]; value: unknown }
  | { kind: "add"; path: string[]; key: string; value: unknown }
  | { kind: "rename"; path: string[]; to: string };

function setAt(config: Config, path: string[], update: (parent: Config, key: string) => void): Config {
  const copy = structuredClone(config);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Config;
  update(node, path[path.length - 1]!);
  return copy;
}

export function applyMutation(config: Config, m: Mutation): Config {
  switch (m.kind) {
    case "delete":
      return setAt(config, m.path, (parent, key) => delete parent[key]);
    case "replace":
      return setAt(config, m.path, (parent, key) => (parent[key] = m.value));
    case "add":
      return m.path.length === 0
        ? { ...structuredClone(config), [m.key]: m.value }
        : setAt(config, m.path, (parent, key) => {
            const target = parent[key];
            if (target !== null && typeof target === "object" && !Array.isArray(target))
              (target as Config)[m.key] = m.value;
            else parent[key] = { [m.key]: m.value };
          });
    case "rename":
      return setAt(config, m.path, (parent, key) => {
        parent[m.to] = parent[key];
        delete parent[key];
      });
  }
}

/** A key like a user's typo: two neighbours swapped, a letter dropped or doubled. */
const typo = (key: string) =>
  fc
    .integer({ min: 0, max: Math.max(0, key.length - 2) })
    .chain((i) =>
      fc.constantFrom(
        key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2),
        key.slice(0, i) + key.slice(i + 1),
        key.slice(0, i) + key[i] + key.slice(i),
      ),
    );

/** One random mutation of a valid config: delete, replace, add an unknown key, or misspell a key. */
export const mutatedStackConfig = validStackConfig.chain(({ stack, config }) => {
  const paths = keyPaths(config).filter((p) => p[0]!.startsWith("buddyverse:") || p[0] === "aws:region");
  const path = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    path.map((p) => ({ kind: "delete" as const, path: p })),
    fc.record({ kind: fc.constant("replace" as const), path, value: anyValue }),
    fc.record({
      kind: fc.constant("add" as const),
      path: fc.oneof(fc.constant([] as string[]), path),
      key: fc.oneof(
        fc.constantFrom("buddyverse:costCentre", "extra"),
        fc.tuple(word("abcXYZ", 1, 1), word("abcXYZ019", 0, 12)).map(([a, b]) => a + b),
      ),
      value: anyValue,
    }),
    // A pasted secret: its value must never be echoed.
    fc.record({
      kind: fc.constant("add" as const),
      path: fc.oneof(fc.constant([] as string[]), path),
      key: fc.constantFrom("buddyverse:dbPassword", "masterPassword", "apiToken", "webhookUrl", "privateKey"),
      value: fc.constant("hunter2-secret"),
    }),
    path.chain((p) => typo(p[p.length - 1]!).map((to) => ({ kind: "rename" as const, path: p, to }))),
  );
  return mutation.map((m) => ({ stack, config, mutation: m, mutated: applyMutation(config, m) }));
});
