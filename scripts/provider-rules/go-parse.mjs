// A small parser for the subset of Go that terraform-provider-aws schema literals are written in: composite
// literals, calls (with generic type arguments), selectors, strings, numbers and func literals (skipped).
// It is not a Go compiler: it reads expressions, which is all a schema map is.

/** Splits Go source into tokens; comments are dropped. */
export function tokenize(src) {
  const tokens = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && src[i + 1] === "*") {
      i = src.indexOf("*/", i + 2) + 2;
      continue;
    }
    if (c === "`") {
      const end = src.indexOf("`", i + 1);
      tokens.push({ t: "str", v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let out = "";
      while (src[j] !== '"') {
        if (src[j] === "\\") {
          const e = src[j + 1];
          out += e === "n" ? "\n" : e === "t" ? "\t" : e;
          j += 2;
        } else out += src[j++];
      }
      tokens.push({ t: "str", v: out });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9_.eExX]*/.exec(src.slice(i, i + 40));
      tokens.push({ t: "num", v: Number(m[0].replace(/_/g, "")) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
      tokens.push({ t: "id", v: m[0] });
      i += m[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["&&", "||", "==", "!=", "<=", ">=", ":="].includes(two)) {
      tokens.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    tokens.push({ t: "p", v: c });
    i++;
  }
  return tokens;
}

/** Parses expressions from a token list. Nodes: lit, ident (dotted name), call, generic, composite, func, unary, binop. */
export class Parser {
  constructor(tokens, pos = 0) {
    this.tk = tokens;
    this.i = pos;
  }
  peek(o = 0) {
    return this.tk[this.i + o];
  }
  is(v, o = 0) {
    const t = this.peek(o);
    return t !== undefined && (t.t === "p" || t.t === "op") && t.v === v;
  }
  next() {
    return this.tk[this.i++];
  }
  expect(v) {
    const t = this.next();
    if (!t || t.v !== v) throw new Error(`expected ${v} at token ${this.i - 1}, got ${t && t.v}`);
  }

  /** Skips a balanced (…), […] or {…} starting at the current token. */
  skipBalanced() {
    const open = this.next().v;
    const close = { "(": ")", "[": "]", "{": "}" }[open];
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.t === "p" && t.v === open) depth++;
      else if (t.t === "p" && t.v === close) depth--;
    }
  }

  /** A type expression as text: []string, map[string]*schema.Schema, *schema.Resource, types.Foo. */
  parseType() {
    let s = "";
    for (;;) {
      if (this.is("*")) {
        this.next();
        s += "*";
        continue;
      }
      if (this.is("[")) {
        this.next();
        if (!this.is("]")) {
          s += "[" + this.parseType() + "]";
        } else s += "[]";
        this.expect("]");
        continue;
      }
      break;
    }
    const t = this.next();
    if (t.v === "map") {
      this.expect("[");
      const k = this.parseType();
      this.expect("]");
      return `${s}map[${k}]${this.parseType()}`;
    }
    if (t.v === "func") {
      this.skipBalanced();
      return s + "func";
    }
    let name = t.v;
    while (this.is(".")) {
      this.next();
      name += "." + this.next().v;
    }
    return s + name;
  }

  parseExpr() {
    let left = this.parseUnary();
    while (
      this.peek() &&
      ["+", "-", "*", "/", "|", "&&", "||", "==", "!=", "<", ">"].includes(this.peek().v) &&
      this.peek().t !== "str"
    ) {
      const op = this.next().v;
      const right = this.parseUnary();
      left = { k: "binop", op, left, right };
    }
    return left;
  }

  parseUnary() {
    if (this.is("&")) {
      this.next();
      return this.parseUnary();
    }
    if (this.is("-")) {
      this.next();
      const e = this.parseUnary();
      return e.k === "lit" ? { k: "lit", v: -e.v } : { k: "unary", e };
    }
    if (this.is("!")) {
      this.next();
      return { k: "unary", e: this.parseUnary() };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  parsePrimary() {
    const t = this.peek();
    if (t.t === "str" || t.t === "num") {
      this.next();
      return { k: "lit", v: t.v };
    }
    if (this.is("(")) {
      this.next();
      const e = this.parseExpr();
      this.expect(")");
      return e;
    }
    if (this.is("[") || (t.t === "id" && t.v === "map")) {
      const type = this.parseType();
      return { k: "composite", type, elems: this.parseElems() };
    }
    if (t.t === "id" && t.v === "func") {
      this.next();
      this.skipBalanced(); // parameters
      while (!this.is("{")) {
        if (this.is("(")) this.skipBalanced();
        else this.next();
      }
      this.skipBalanced(); // body
      return { k: "func" };
    }
    if (t.t === "id") {
      this.next();
      let name = t.v;
      while (this.is(".") && this.peek(1).t === "id") {
        this.next();
        name += "." + this.next().v;
      }
      return { k: "ident", name };
    }
    throw new Error(`unexpected token ${t.v} at ${this.i}`);
  }

  parsePostfix(e) {
    for (;;) {
      if (this.is("(")) {
        this.next();
        const args = [];
        while (!this.is(")")) {
          args.push(this.parseExpr());
          if (this.is("...")) this.next();
          if (this.is(".") && this.is(".", 1)) {
            this.next();
            this.next();
            this.next();
          }
          if (this.is(",")) this.next();
        }
        this.next();
        e = { k: "call", fn: e, args };
        continue;
      }
      if (this.is("[") && e.k === "ident") {
        this.next();
        const targs = [];
        while (!this.is("]")) {
          targs.push(this.parseType());
          if (this.is(",")) this.next();
        }
        this.next();
        e = { k: "generic", fn: e, targs };
        continue;
      }
      if (
        this.is("{") &&
        e.k === "ident" &&
        /^[A-Za-z_.]*[A-Z][A-Za-z0-9_]*$/.test(e.name.split(".").pop())
      ) {
        e = { k: "composite", type: e.name, elems: this.parseElems() };
        continue;
      }
      if (this.is(".") && this.peek(1) && this.peek(1).t === "id") {
        this.next();
        e = { k: "select", e, name: this.next().v };
        continue;
      }
      return e;
    }
  }

  /** `{ a, b }` or `{ key: value, … }`; untyped inner literals `{ … }` become composites of unknown type. */
  parseElems() {
    this.expect("{");
    const elems = [];
    while (!this.is("}")) {
      let key;
      let value = this.is("{") ? { k: "composite", type: "", elems: this.parseElems() } : this.parseExpr();
      if (this.is(":")) {
        this.next();
        key = value;
        value = this.is("{") ? { k: "composite", type: "", elems: this.parseElems() } : this.parseExpr();
      }
      elems.push({ key, value });
      if (this.is(",")) this.next();
    }
    this.next();
    return elems;
  }
}
