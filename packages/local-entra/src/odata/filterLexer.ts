/** Splits a `$filter` expression into tokens. Literal shapes follow the OData v4 ABNF, restricted to what Graph accepts. */

export type TokenKind =
  | 'string'
  | 'number'
  | 'dateTime'
  | 'date'
  | 'guid'
  | 'identifier'
  | 'enum'
  | '('
  | ')'
  | ','
  | '/'
  | ':'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The literal's value (strings unquoted, '' doubled apostrophes undone) or the identifier's text. */
  text: string;
  /** For an enum literal: its qualified type name (`microsoft.graph.riskLevel`). */
  enumType?: string;
  position: number;
}

/** A `$filter` the parser cannot read; `position` is the 0-based character offset. */
export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const WHITESPACE = /\s+/y;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/y;
const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![\w:-])/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/y;
const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*/y;
const PUNCTUATION = new Set(['(', ')', ',', '/', ':']);

function matchAt(pattern: RegExp, text: string, position: number): string | undefined {
  pattern.lastIndex = position;
  const match = pattern.exec(text);
  return match ? match[0] : undefined;
}

/** Reads a quoted literal starting at `position` (on the opening apostrophe); returns its value and end offset. */
function readQuoted(text: string, position: number): { value: string; end: number } {
  let value = '';
  let index = position + 1;
  for (;;) {
    if (index >= text.length) throw new FilterSyntaxError(`Unterminated string literal at position ${position}`, position);
    const char = text[index];
    if (char === "'") {
      if (text[index + 1] === "'") {
        value += "'";
        index += 2;
        continue;
      }
      return { value, end: index + 1 };
    }
    value += char;
    index += 1;
  }
}

/** Order matters: a GUID or a date can start with digits that would otherwise read as a number. */
const UNQUOTED_LITERALS: readonly [TokenKind, RegExp][] = [
  ['guid', GUID],
  ['dateTime', DATE_TIME],
  ['date', DATE],
  ['number', NUMBER],
];

function readUnquotedLiteral(text: string, position: number): { kind: TokenKind; text: string } | undefined {
  for (const [kind, pattern] of UNQUOTED_LITERALS) {
    const matched = matchAt(pattern, text, position);
    if (matched !== undefined) return { kind, text: matched };
  }
  return undefined;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const space = matchAt(WHITESPACE, text, position);
    if (space) {
      position += space.length;
      continue;
    }
    const char = text[position];
    if (char === "'") {
      const quoted = readQuoted(text, position);
      tokens.push({ kind: 'string', text: quoted.value, position });
      position = quoted.end;
      continue;
    }
    if (PUNCTUATION.has(char)) {
      tokens.push({ kind: char as TokenKind, text: char, position });
      position += 1;
      continue;
    }
    const literal = readUnquotedLiteral(text, position);
    if (literal) {
      tokens.push({ kind: literal.kind, text: literal.text, position });
      position += literal.text.length;
      continue;
    }
    const identifier = matchAt(IDENTIFIER, text, position);
    if (identifier) {
      const after = position + identifier.length;
      if (text[after] === "'" && identifier.includes('.')) {
        const quoted = readQuoted(text, after);
        tokens.push({ kind: 'enum', text: quoted.value, enumType: identifier, position });
        position = quoted.end;
        continue;
      }
      tokens.push({ kind: 'identifier', text: identifier, position });
      position = after;
      continue;
    }
    throw new FilterSyntaxError(`Syntax error: character '${char}' is not valid at position ${position}`, position);
  }
  tokens.push({ kind: 'eof', text: '', position: text.length });
  return tokens;
}
