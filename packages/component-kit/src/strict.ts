import { z } from "zod";

/**
 * THE way to declare an object of arguments or config (issue #10 item 1): strict, so an unknown key — usually a
 * typo such as `emailAdresses` — is refused (with the allowed keys and the nearest one, by `validateArgs`)
 * instead of silently dropped. `z.strictObject` under a name that says why; `error` is the message for a value
 * that is not an object at all.
 */
export function argsObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, error?: string) {
  return z.strictObject(shape, error ? { error } : undefined);
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType;
  getter?: () => z.ZodType;
}

/**
 * Paths of every object in `schema` that silently drops unknown keys (a plain `z.object`): each package's tests
 * assert this is empty, so a new argument cannot reintroduce the silent typo. An explicit `z.looseObject` is a
 * decision (a structural contract such as `NetworkRef`, satisfied by a whole component) and is not reported.
 */
export function strippingObjectPaths(schema: z.ZodType, path = "args", seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const walk = (child: z.ZodType | undefined, at = path) =>
    child ? strippingObjectPaths(child, at, seen) : [];
  switch (def.type) {
    case "object": {
      const own = def.catchall === undefined ? [path] : [];
      return [
        ...own,
        ...Object.entries(def.shape ?? {}).flatMap(([key, child]) => walk(child, `${path}.${key}`)),
        ...walk(def.catchall, `${path}.*`),
      ];
    }
    case "array":
      return walk(def.element, `${path}[]`);
    case "record":
      return walk(def.valueType, `${path}.*`);
    case "tuple":
      return [...(def.items ?? []).flatMap((item, i) => walk(item, `${path}[${i}]`)), ...walk(def.rest)];
    case "union":
      return (def.options ?? []).flatMap((option) => walk(option));
    case "intersection":
      return [...walk(def.left), ...walk(def.right)];
    case "pipe":
      return [...walk(def.in), ...walk(def.out)];
    case "lazy":
      return walk(def.getter?.());
    default:
      return walk(def.innerType);
  }
}

/** The keys of the object schema(s) found at `path` inside `schema` (for "allowed keys" in messages). */
export function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const found = new Set<string>();
  const visit = (node: z.ZodType | undefined, rest: readonly PropertyKey[], depth: number): void => {
    if (!node || depth > 64) return;
    const def = (node as unknown as { _zod: { def: Def } })._zod.def;
    const [head, ...tail] = rest;
    switch (def.type) {
      case "object":
        if (head === undefined) Object.keys(def.shape ?? {}).forEach((key) => found.add(key));
        else visit(def.shape?.[String(head)] ?? def.catchall, tail, depth + 1);
        return;
      case "array":
        if (head !== undefined) visit(def.element, tail, depth + 1);
        return;
      case "record":
        if (head !== undefined) visit(def.valueType, tail, depth + 1);
        return;
      case "tuple":
        if (typeof head === "number") visit(def.items?.[head] ?? def.rest, tail, depth + 1);
        return;
      case "union":
        def.options?.forEach((option) => visit(option, rest, depth + 1));
        return;
      case "intersection":
        visit(def.left, rest, depth + 1);
        visit(def.right, rest, depth + 1);
        return;
      case "pipe":
        visit(def.in, rest, depth + 1);
        return;
      case "lazy":
        visit(def.getter?.(), rest, depth + 1);
        return;
      default:
        visit(def.innerType, rest, depth + 1);
    }
  };
  visit(schema, path, 0);
  return [...found];
}
