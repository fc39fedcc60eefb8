/**
 * Just enough of Bicep to check infra/azure.bicep offline (the Bicep CLI is not installed here): params, vars and
 * resources, with object and array literals read into plain data. A value that is not a literal (a reference, a
 * function call, an interpolated string) is kept as its source text in `{ expr }`.
 */
import * as fs from 'node:fs';

export interface BicepExpression {
  expr: string;
}
export type BicepValue = string | number | boolean | null | BicepExpression | BicepValue[] | { [key: string]: BicepValue };

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  body: { [key: string]: BicepValue };
}

export interface BicepFile {
  /** The source without comments. */
  code: string;
  params: Map<string, { type: string; default?: BicepValue }>;
  vars: Map<string, BicepValue>;
  resources: BicepResource[];
}

export function isExpression(value: BicepValue | undefined): value is BicepExpression {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as BicepExpression).expr === 'string' && Object.keys(value).length === 1;
}

/** Comments removed, strings kept as written (a '//' inside 'https://...' is no comment). */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "'") {
      const end = stringEnd(source, i);
      out += source.slice(i, end);
      i = end;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** The index just past the string literal starting at `start` (a quote), interpolations included. */
function stringEnd(code: string, start: number): number {
  let i = start + 1;
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === "'") return i + 1;
    else if (code.startsWith('${', i)) i = closing(code, i + 1) + 1;
    else i += 1;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** The index of the bracket that closes the one at `open`, strings skipped. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i += 1) {
    const c = code[i];
    if (c === "'") {
      i = stringEnd(code, i) - 1;
    } else if ('{[('.includes(c)) {
      depth += 1;
    } else if ('}])'.includes(c)) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

class Reader {
  constructor(
    private readonly code: string,
    public at: number,
  ) {}

  private skipBlank(): void {
    while (this.at < this.code.length && /\s/.test(this.code[this.at])) this.at += 1;
  }

  value(): BicepValue {
    this.skipBlank();
    const c = this.code[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    const start = this.at;
    // An expression or literal runs to the end of its line, brackets and strings spanning lines included.
    while (this.at < this.code.length && this.code[this.at] !== '\n') {
      const ch = this.code[this.at];
      if (ch === "'") this.at = stringEnd(this.code, this.at);
      else if ('{[('.includes(ch)) this.at = closing(this.code, this.at) + 1;
      else this.at += 1;
    }
    return literal(this.code.slice(start, this.at).trim());
  }

  private object(): { [key: string]: BicepValue } {
    const end = closing(this.code, this.at);
    this.at += 1;
    const result: { [key: string]: BicepValue } = {};
    for (;;) {
      this.skipBlank();
      if (this.at >= end) break;
      const colon = this.code.indexOf(':', this.at);
      const key = this.code.slice(this.at, colon).trim().replace(/^'(.*)'$/, '$1');
      this.at = colon + 1;
      result[key] = this.value();
    }
    this.at = end + 1;
    return result;
  }

  private array(): BicepValue[] {
    const end = closing(this.code, this.at);
    this.at += 1;
    const result: BicepValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.at >= end) break;
      result.push(this.value());
    }
    this.at = end + 1;
    return result;
  }
}

function literal(text: string): BicepValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^'([^'\\$]|\\.|\$(?!\{))*'$/.test(text)) return text.slice(1, -1).replace(/\\(.)/g, '$1');
  return { expr: text };
}

export function readBicep(file: string): BicepFile {
  const code = withoutComments(fs.readFileSync(file, 'utf8'));
  const params = new Map<string, { type: string; default?: BicepValue }>();
  for (const m of code.matchAll(/^param\s+(\w+)\s+(\w+)[ \t]*(=)?/gm)) {
    params.set(m[1], { type: m[2], ...(m[3] ? { default: new Reader(code, (m.index ?? 0) + m[0].length).value() } : {}) });
  }
  const vars = new Map<string, BicepValue>();
  for (const m of code.matchAll(/^var\s+(\w+)\s*=/gm)) vars.set(m[1], new Reader(code, (m.index ?? 0) + m[0].length).value());
  const resources: BicepResource[] = [];
  for (const m of code.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*(existing\s*)?=\s*(?:if\s*\([^)]*\)\s*)?(?=\{)/gm)) {
    const body = new Reader(code, (m.index ?? 0) + m[0].length).value() as { [key: string]: BicepValue };
    resources.push({ symbol: m[1], type: m[2], apiVersion: m[3], existing: Boolean(m[4]), body });
  }
  return { code, params, vars, resources };
}

/**
 * A value with a variable reference, or a string that only interpolates string variables, replaced by its value;
 * anything else is returned as it is.
 */
export function resolved(bicep: BicepFile, value: BicepValue | undefined): BicepValue | undefined {
  if (!isExpression(value)) return value;
  if (bicep.vars.has(value.expr)) return resolved(bicep, bicep.vars.get(value.expr));
  const interpolation = /^'(.*)'$/s.exec(value.expr);
  if (!interpolation) return value;
  let unresolved = false;
  const text = interpolation[1].replace(/\$\{(\w+)\}/g, (whole, name: string) => {
    const v = resolved(bicep, bicep.vars.get(name));
    if (typeof v === 'string') return v;
    unresolved = true;
    return whole;
  });
  return unresolved ? value : text;
}
