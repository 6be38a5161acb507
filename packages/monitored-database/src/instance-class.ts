/**
 * What the component needs to know about an RDS instance class, derived from its name alone (no AWS call), so
 * every decision is made at construction and visible in a preview.
 */
export interface InstanceClassInfo {
  readonly name: string;
  /** `t`, `m`, `r`, `x`, `c`, `z`… */
  readonly series: string;
  readonly generation: number;
  /** `micro`, `large`, `4xlarge`, `metal`… */
  readonly size: string;
  /** Burstable (db.t*) classes run on CPU credits. */
  readonly burstable: boolean;
  /** Classes RDS for MySQL 8 no longer offers (t1/t2, m1–m4, r3/r4). */
  readonly previousGeneration: boolean;
  /**
   * Performance Insights / Database Insights support. RDS for MySQL does not support it on db.t2.micro/small,
   * db.t3.micro/small and db.t4g.micro/small (AWS "DB engine, Region, and instance class support for Database
   * Insights"); every other current class does.
   */
  readonly supportsPerformanceInsights: boolean;
  /** Approximate memory in GiB, when the series is one whose sizing is regular; undefined otherwise. */
  readonly memoryGiB: number | undefined;
}

/** `db.<series><generation><attributes>.<size>`, e.g. `db.t4g.micro`, `db.m6gd.2xlarge`, `db.r6idn.metal-32xl`. */
export const INSTANCE_CLASS_PATTERN =
  /^db\.([a-z]+)(\d+)([a-z-]*)\.(nano|micro|small|medium|large|\d*xlarge|metal(?:-\d+xl)?)$/;

const PREVIOUS_GENERATION = new Set(["t1", "t2", "m1", "m2", "m3", "m4", "r3", "r4"]);
const NO_PERFORMANCE_INSIGHTS_SIZES = new Set(["nano", "micro", "small"]);

/** Memory of the burstable sizes (GiB). */
const BURSTABLE_MEMORY: Readonly<Record<string, number>> = {
  micro: 1,
  small: 2,
  medium: 4,
  large: 8,
  xlarge: 16,
  "2xlarge": 32,
};
/** GiB per vCPU of the regular series (m: general purpose, r: memory optimised, x: extra memory, c: compute). */
const GIB_PER_VCPU: Readonly<Record<string, number>> = { m: 4, r: 8, x: 16, c: 2 };

function vcpusOf(size: string): number | undefined {
  if (size === "large") return 2;
  if (size === "xlarge") return 4;
  const match = /^(\d+)xlarge$/.exec(size);
  return match ? 4 * Number(match[1]) : undefined;
}

/** Parses an instance class name; undefined when it does not look like one. */
export function instanceClassInfo(name: string): InstanceClassInfo | undefined {
  const match = INSTANCE_CLASS_PATTERN.exec(name);
  if (!match) return undefined;
  const [, series, generationText, , size] = match as unknown as [string, string, string, string, string];
  const generation = Number(generationText);
  const burstable = series === "t";
  const vcpus = vcpusOf(size);
  const perVcpu = GIB_PER_VCPU[series];
  const memoryGiB = burstable
    ? BURSTABLE_MEMORY[size]
    : perVcpu !== undefined && vcpus !== undefined
      ? perVcpu * vcpus
      : undefined;
  return {
    name,
    series,
    generation,
    size,
    burstable,
    previousGeneration: PREVIOUS_GENERATION.has(`${series}${generation}`),
    supportsPerformanceInsights: !(burstable && NO_PERFORMANCE_INSIGHTS_SIZES.has(size)),
    memoryGiB,
  };
}
