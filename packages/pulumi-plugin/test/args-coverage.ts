/**
 * An independent reading of the components' TypeScript sources, to check a Pulumi package schema against them:
 * every argument of every component's args interface (and of every interface those reference) must be in the
 * schema, with the schema type its TypeScript type maps to, its optionality, and its JSDoc as description.
 *
 * It parses the sources syntactically (no type checker, so it runs in a fraction of a second) and follows type
 * names the way the sources are written here: an interface is looked up in the component's package, then in
 * component-kit. What it cannot map (a union, a literal type, a readonly array, a function…) is reported: such
 * an argument has no place in the schema that Pulumi infers.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** The part of a Pulumi schema property this check reads. */
export interface SchemaProperty {
  readonly type?: string;
  readonly $ref?: string;
  readonly items?: SchemaProperty;
  readonly additionalProperties?: SchemaProperty;
  readonly description?: string;
  readonly plain?: boolean;
}
interface SchemaObject {
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly required?: readonly string[];
}
interface SchemaResource {
  readonly inputProperties?: Readonly<Record<string, SchemaProperty>>;
  readonly requiredInputs?: readonly string[];
}
export interface PackageSchema {
  readonly name: string;
  readonly resources: Readonly<Record<string, SchemaResource>>;
  readonly types: Readonly<Record<string, SchemaObject>>;
}

/** One component as the plugin lists it: its class name and the directory of its package's sources. */
export interface ComponentSource {
  readonly className: string;
  readonly srcDir: string;
}

const ANY = "pulumi.json#/Any";

/** The description Pulumi's analyzer takes from a declaration: the JSDoc text before any tag. */
export function jsDocText(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  return docs
    .map((doc) => (typeof doc.comment === "string" ? doc.comment : ts.getTextOfJSDocComment(doc.comment)))
    .filter((text): text is string => text !== undefined)
    .join("\n");
}

const parsed = new Map<string, ts.SourceFile[]>();
function sourceFilesOf(dir: string): ts.SourceFile[] {
  const cached = parsed.get(dir);
  if (cached) return cached;
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => {
      const file = path.join(dir, f);
      return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    });
  parsed.set(dir, files);
  return files;
}

/** The components the plugin serves, read from its `components.ts` imports (`import { HaVpc } from "@cloudblocks/ha-vpc"`). */
export function componentsOf(componentsFile: string, packagesDir: string): ComponentSource[] {
  const file = ts.createSourceFile(
    componentsFile,
    readFileSync(componentsFile, "utf8"),
    ts.ScriptTarget.Latest,
    true,
  );
  const listed = new Set<string>();
  file.forEachChild((node) => {
    // export const COMPONENTS = [HaVpc, …]
    if (ts.isVariableStatement(node))
      for (const decl of node.declarationList.declarations)
        if (decl.initializer && ts.isArrayLiteralExpression(decl.initializer))
          for (const el of decl.initializer.elements) if (ts.isIdentifier(el)) listed.add(el.text);
  });
  const components: ComponentSource[] = [];
  file.forEachChild((node) => {
    if (!ts.isImportDeclaration(node) || !ts.isStringLiteral(node.moduleSpecifier)) return;
    const pkg = /^@cloudblocks\/(.+)$/.exec(node.moduleSpecifier.text)?.[1];
    const bindings = node.importClause?.namedBindings;
    if (!pkg || !bindings || !ts.isNamedImports(bindings)) return;
    for (const el of bindings.elements)
      if (listed.has(el.name.text))
        components.push({ className: el.name.text, srcDir: path.join(packagesDir, pkg, "src") });
  });
  return components;
}

/**
 * Every problem found, one line each (`HaVpc.args.bastion.allowedCidrs: …`); empty when the schema has every
 * argument of every component with its type, optionality and description.
 */
export function argsCoverageProblems(
  schema: PackageSchema,
  components: readonly ComponentSource[],
  sharedSrcDir: string,
): string[] {
  const problems: string[] = [];
  const shared = sourceFilesOf(sharedSrcDir);
  for (const { className, srcDir } of components) {
    const own = sourceFilesOf(srcDir);
    const interfaces = new Interfaces(own, shared);
    const token = `${schema.name}:index:${className}`;
    const resource = schema.resources[token];
    const argsType = constructorArgsType(own, className);
    if (!resource) problems.push(`${className}: no resource ${token} in the schema`);
    if (!argsType) problems.push(`${className}: no constructor(name, args: <interface>, opts) in ${srcDir}`);
    if (!resource || !argsType) continue;
    const checked = new Set<ts.InterfaceDeclaration>();
    const checkObject = (
      where: string,
      decl: ts.InterfaceDeclaration,
      props: Readonly<Record<string, SchemaProperty>> | undefined,
      required: readonly string[] | undefined,
      topLevel: boolean,
    ): void => {
      const members = allMembers(decl, interfaces);
      const inSchema = props ?? {};
      for (const member of members) {
        const key = member.name.getText();
        const at = `${where}.${key}`;
        const got = inSchema[key];
        if (!got) {
          problems.push(`${at}: missing from the schema`);
          continue;
        }
        const doc = jsDocText(member);
        if (doc.trim() === "") problems.push(`${at}: no JSDoc text (the schema's description comes from it)`);
        else if (got.description !== doc)
          problems.push(
            `${at}: description ${JSON.stringify(got.description)}; the source says ${JSON.stringify(doc)}`,
          );
        const isRequired = (required ?? []).includes(key);
        if (isRequired === (member.questionToken !== undefined))
          problems.push(
            `${at}: ${member.questionToken ? "optional" : "required"} in the source, not in the schema`,
          );
        if (!member.type) {
          problems.push(`${at}: no type in the source`);
          continue;
        }
        const expected = expectedProperty(member.type, interfaces);
        if (typeof expected === "string") {
          problems.push(`${at}: ${expected}`);
          continue;
        }
        if (topLevel && (got.plain === true) !== expected.plain)
          problems.push(
            `${at}: ${expected.plain ? "a plain value" : "a pulumi.Input"} in the source, not in the schema`,
          );
        const mismatch = compareType(expected.shape, got, schema.name);
        if (mismatch) problems.push(`${at}: ${mismatch}`);
        for (const ref of referencedInterfaces(expected.shape)) {
          if (checked.has(ref)) continue;
          checked.add(ref);
          const refName = ref.name.text;
          const type = schema.types[`${schema.name}:index:${refName}`];
          if (!type) problems.push(`${at}: type ${refName} missing from the schema`);
          else checkObject(refName, ref, type.properties, type.required, false);
        }
      }
      for (const key of Object.keys(inSchema))
        if (!members.some((m) => m.name.getText() === key))
          problems.push(`${where}.${key}: in the schema, not in the source`);
    };
    checkObject(
      `${className}.args`,
      argsType(interfaces),
      resource.inputProperties,
      resource.requiredInputs,
      true,
    );
  }
  return problems;
}

/** The interface of the `args` parameter of the class's constructor, as a lookup into the known interfaces. */
function constructorArgsType(
  files: readonly ts.SourceFile[],
  className: string,
): ((interfaces: Interfaces) => ts.InterfaceDeclaration) | undefined {
  for (const file of files)
    for (const node of file.statements) {
      if (!ts.isClassDeclaration(node) || node.name?.text !== className) continue;
      const ctor = node.members.find(ts.isConstructorDeclaration);
      const args = ctor?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === "args");
      if (!args?.type || !ts.isTypeReferenceNode(args.type)) return undefined;
      const name = args.type.typeName.getText();
      return (interfaces) => {
        const decl = interfaces.get(name, args);
        if (!decl) throw new Error(`${className}: args interface ${name} not found`);
        return decl;
      };
    }
  return undefined;
}

/**
 * Interfaces by name, resolved as the sources use them: one declared in the referencing file, else one in the
 * component's package, else one in component-kit (the packages import nothing else).
 */
class Interfaces {
  private readonly byName = new Map<string, ts.InterfaceDeclaration[]>();
  constructor(
    own: readonly ts.SourceFile[],
    private readonly shared: readonly ts.SourceFile[],
  ) {
    for (const file of [...own, ...shared])
      file.forEachChild((node) => {
        if (ts.isInterfaceDeclaration(node))
          this.byName.set(node.name.text, [...(this.byName.get(node.name.text) ?? []), node]);
      });
  }
  get(name: string, from: ts.Node): ts.InterfaceDeclaration | undefined {
    const found = this.byName.get(name) ?? [];
    return (
      found.find((d) => d.getSourceFile() === from.getSourceFile()) ??
      found.find((d) => !this.shared.includes(d.getSourceFile())) ??
      found[0]
    );
  }
}

/** Own members plus those of the interfaces it extends. */
function allMembers(decl: ts.InterfaceDeclaration, interfaces: Interfaces): ts.PropertySignature[] {
  const own = decl.members.filter(ts.isPropertySignature);
  const inherited = (decl.heritageClauses ?? []).flatMap((clause) =>
    clause.types.flatMap((t) => {
      const base = interfaces.get(t.expression.getText(), decl);
      return base ? allMembers(base, interfaces) : [];
    }),
  );
  return [...inherited, ...own];
}

/** What a property's schema type must be: a primitive, `Any`, a type reference, an array or a map. */
type Shape =
  | { readonly kind: "primitive"; readonly type: "string" | "number" | "boolean" }
  | { readonly kind: "any" }
  | { readonly kind: "ref"; readonly name: string; readonly decl: ts.InterfaceDeclaration }
  | { readonly kind: "array"; readonly items: Shape }
  | { readonly kind: "map"; readonly values: Shape };

function expectedProperty(
  node: ts.TypeNode,
  interfaces: Interfaces,
): { shape: Shape; plain: boolean } | string {
  if (ts.isTypeReferenceNode(node) && /^(pulumi\.)?Input$/.test(node.typeName.getText())) {
    const inner = shapeOf(node.typeArguments![0]!, interfaces);
    return typeof inner === "string" ? inner : { shape: inner, plain: false };
  }
  const shape = shapeOf(node, interfaces);
  return typeof shape === "string" ? shape : { shape, plain: shape.kind !== "any" };
}

function shapeOf(node: ts.TypeNode, interfaces: Interfaces): Shape | string {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: "primitive", type: "string" };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: "primitive", type: "number" };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: "primitive", type: "boolean" };
    case ts.SyntaxKind.AnyKeyword:
      return { kind: "any" };
  }
  if (ts.isArrayTypeNode(node)) {
    const items = shapeOf(node.elementType, interfaces);
    return typeof items === "string" ? items : { kind: "array", items };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (/^(pulumi\.)?Input$/.test(name)) return shapeOf(args[0]!, interfaces); // items and values may be Inputs
    if (name === "Readonly" && args.length === 1) return shapeOf(args[0]!, interfaces);
    if (name === "Record" && args[0]?.kind === ts.SyntaxKind.StringKeyword) {
      const values = shapeOf(args[1]!, interfaces);
      return typeof values === "string" ? values : { kind: "map", values };
    }
    if (args.length === 0) {
      const decl = interfaces.get(name, node);
      if (decl) return { kind: "ref", name, decl };
    }
  }
  return `type \`${node.getText()}\` has no Pulumi schema form (a union, literal, readonly array, function or unknown name)`;
}

function compareType(expected: Shape, got: SchemaProperty, pkg: string): string | undefined {
  const want = (() => {
    switch (expected.kind) {
      case "primitive":
        return { type: expected.type };
      case "any":
        return { $ref: ANY };
      case "ref":
        return { $ref: `#/types/${pkg}:index:${expected.name}` };
      case "array":
        return { type: "array" };
      case "map":
        return { type: "object" };
    }
  })();
  if (got.type !== want.type || got.$ref !== want.$ref)
    return `schema type ${JSON.stringify({ type: got.type, $ref: got.$ref })}; the source maps to ${JSON.stringify(want)}`;
  if (expected.kind === "array")
    return got.items ? compareType(expected.items, got.items, pkg) : "schema array has no items";
  if (expected.kind === "map")
    return got.additionalProperties
      ? compareType(expected.values, got.additionalProperties, pkg)
      : "schema map has no values";
  return undefined;
}

function referencedInterfaces(shape: Shape): ts.InterfaceDeclaration[] {
  switch (shape.kind) {
    case "ref":
      return [shape.decl];
    case "array":
      return referencedInterfaces(shape.items);
    case "map":
      return referencedInterfaces(shape.values);
    default:
      return [];
  }
}
