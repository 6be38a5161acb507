/** A path into a resource's inputs: property names, `"*"` for every element of a list, or a fixed index. */
export type Segment = string | number;

/** A value check, as the generator writes it (see scripts/provider-rules/schema-rules.mjs). */
export type Check =
  | { k: "in"; values: (string | number)[]; ignoreCase: boolean; enum?: string }
  | { k: "range"; min?: number; max?: number }
  | { k: "divisibleBy"; n: number }
  | { k: "len"; min?: number; max?: number }
  | { k: "match" | "notMatch"; re: string; flags: string; msg: string }
  | { k: "all" | "any"; of: Check[] }
  | { k: "arn" | "nonZero" | "ipv4" | "ip" | "ipv6" }
  /** `allowEmpty`: validation.StringIsJSON passes "" (the SDK's NormalizeJsonString returns "" for it) */
  | { k: "json"; allowEmpty?: boolean }
  | { k: "cidr"; minPrefix?: number; maxPrefix?: number }
  /** terraform-provider-aws `nullable.ValidateTypeStringNullable{Int,IntAtLeast,IntBetween,Float}`: "" or a number */
  | { k: "nullable"; type: "int" | "float"; min?: number; max?: number };

export type RuleKind =
  | "required"
  | "value"
  | "maxItems"
  | "minItems"
  | "conflictsWith"
  | "exactlyOneOf"
  | "atLeastOneOf"
  | "requiredWith"
  /** not a check: the provider marks the attribute Sensitive, so its value is never echoed */
  | "sensitive";

export interface RuleSpec {
  readonly path: Segment[];
  /** The provider's own attribute path (snake_case, `.0.` for single blocks, `.*.` for each element). */
  readonly tf: string;
  readonly rule: RuleKind;
  readonly check?: Check;
  readonly n?: number;
  readonly with?: Segment[][];
  readonly sensitive?: boolean;
}

export interface Source {
  readonly repo: string;
  /** A 40-hex commit, or the release version of a package the values were read from (botocore's models). */
  readonly commit: string;
  readonly file: string;
}

export interface TypeRules {
  readonly tf: string;
  readonly src: number;
  /** Indexes into `sources` of the files the enum values came from. */
  readonly enumSrc?: readonly number[];
  readonly rules: RuleSpec[];
  readonly notCovered: { tf: string; what: string }[];
  readonly unmapped: string[];
  readonly pulumiOptional: string[];
}

export interface RulesTable {
  readonly pulumiAws: string;
  readonly sources: Source[];
  readonly types: Record<string, TypeRules>;
}
