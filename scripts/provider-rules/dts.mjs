// Pulumi property names and shapes from the generated @pulumi/aws SDK (.d.ts): the ground truth for what a
// program passes. A resource's `XArgs` interface, and nested input types in `types/input.d.ts`.
import { readFileSync } from "node:fs";
import { join } from "node:path";

function propsOf(body) {
  const props = new Map();
  let depth = 0;
  for (const line of body.split("\n")) {
    const m = depth === 0 ? /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)(\?)?:\s*(.*)$/.exec(line) : null;
    if (m && !line.trim().startsWith("*")) {
      props.set(m[1], { optional: m[2] === "?", type: m[3] });
    } else if (props.size > 0 && depth > 0) {
      const last = [...props.values()].pop();
      last.type += " " + line.trim();
    }
    if (!line.trim().startsWith("*") && !line.trim().startsWith("/*")) {
      depth += (line.match(/[{<(]/g) ?? []).length - (line.match(/[}>)]/g) ?? []).length;
      if (depth < 0) depth = 0;
    }
    if (m && depth === 0) continue;
  }
  return props;
}

function interfaceBody(text, header) {
  const at = text.indexOf(header);
  if (at < 0) return undefined;
  let i = text.indexOf("{", at) + 1;
  let depth = 1;
  const start = i;
  while (depth > 0) {
    const c = text[i++];
    if (c === "{") depth++;
    else if (c === "}") depth--;
  }
  return text.slice(start, i - 1);
}

export class PulumiTypes {
  constructor(awsDir) {
    this.awsDir = awsDir;
    this.inputs = readFileSync(join(awsDir, "types/input.d.ts"), "utf8");
    this.cache = new Map();
  }

  /** Properties of the resource's Args interface. */
  args(token) {
    const [, mod, cls] = /^aws:([\w]+)\/(\w+):(\w+)$/.exec(token) ?? [];
    const file = join(this.awsDir, mod, `${cls}.d.ts`);
    const name = token.split(":").pop();
    const body = interfaceBody(readFileSync(file, "utf8"), `export interface ${name}Args {`);
    if (!body) throw new Error(`no ${name}Args in ${file}`);
    return propsOf(body);
  }

  /** Properties of a nested input type `inputs.<ns>.<Name>`. */
  nested(ns, name) {
    const key = `${ns}.${name}`;
    if (!this.cache.has(key)) {
      const nsBody = interfaceBody(this.inputs, `export declare namespace ${ns} {`);
      const body = nsBody && interfaceBody(nsBody, `    interface ${name} {`);
      this.cache.set(key, body ? propsOf(body) : undefined);
    }
    return this.cache.get(key);
  }

  /** For a property's TS type: the nested input type it refers to and whether it is an array. */
  shape(type) {
    const m = /inputs\.(\w+)\.(\w+)/.exec(type);
    const array = /\[\]/.test(type);
    return { ref: m ? { ns: m[1], name: m[2] } : undefined, array };
  }
}
