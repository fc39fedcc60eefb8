/**
 * The top level of a JSON object written on one line (an entry of a log in the line layout), read from its bytes
 * without parsing the whole: where each property's key and value are.
 *
 * A query over a log usually needs a few properties of each entry (an id and a time for a count), but JSON.parse
 * builds all sixty, and the garbage collector then clears them. So the index records each line's key sequence (its
 * shape) once, checked against the parsed entry; a read of a few properties then walks the line's keys up to the
 * last one it needs, skipping the other values unparsed, and parses just the values it keeps. The shape is what
 * makes this exact: it says the line has no other spelling of a wanted key further on (JSON.parse would let a repeated
 * key win, and reads match names ignoring case), and that a wanted key the shape lacks is absent.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The shape id of a line whose keys cannot be trusted this way: it is always parsed whole. */
export const IRREGULAR = 0xffffffff;

/** More distinct key sequences than this in one log, and later new ones count as irregular (the table stays small). */
const MAX_SHAPES = 4096;

function isBlank(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipBlanks(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isBlank(bytes[at])) at++;
  return at;
}

/** Where the string opening at `at` ends (after its closing quote), or -1. */
function stringEnd(bytes: Uint8Array, at: number, end: number): number {
  for (let i = at + 1; i < end; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) return i + 1;
    if (byte === BACKSLASH) i++;
  }
  return -1;
}

/**
 * Where the value starting at `at` ends, or -1 when it does not end before `end`. Nested values are skipped by
 * counting brackets outside strings; they are not checked (the line was checked when it was indexed).
 */
function valueEnd(bytes: Uint8Array, at: number, end: number): number {
  const first = bytes[at];
  if (first === QUOTE) return stringEnd(bytes, at, end);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = at; i < end; i++) {
      const byte = bytes[i];
      if (byte === QUOTE) {
        i = stringEnd(bytes, i, end) - 1;
        if (i < 0) return -1;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        depth++;
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = at;
  while (i < end) {
    const byte = bytes[i];
    if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isBlank(byte)) break;
    i++;
  }
  return i > at ? i : -1;
}

/** The bytes of a key as JSON.stringify writes it, quotes included: how a regular line spells it. */
function encodedKey(key: string): Uint8Array {
  return Buffer.from(JSON.stringify(key), 'utf8');
}

function sameBytes(bytes: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[start + i] !== expected[i]) return false;
  return true;
}

/** Key ranges of the line last scanned by `scanKeys` (reused: indexing scans millions of lines). */
let keyStarts = new Int32Array(256);
let keyEnds = new Int32Array(256);

/**
 * Scans the top level of the object in bytes [start, end): fills keyStarts/keyEnds (quotes included) and returns the
 * number of keys, or -1 when the text is not an object this scanner follows to its closing brace. The second
 * element is an FNV-1a hash of the keys' bytes, which finds the shape in the table.
 */
function scanKeys(bytes: Uint8Array, start: number, end: number, hash: { value: number }): number {
  let at = skipBlanks(bytes, start, end);
  if (bytes[at] !== OPEN_BRACE) return -1;
  at = skipBlanks(bytes, at + 1, end);
  let count = 0;
  let h = 0x811c9dc5;
  if (bytes[at] === CLOSE_BRACE) {
    hash.value = h >>> 0;
    return skipBlanks(bytes, at + 1, end) === end ? 0 : -1;
  }
  for (;;) {
    if (bytes[at] !== QUOTE) return -1;
    const keyEnd = stringEnd(bytes, at, end);
    if (keyEnd < 0) return -1;
    if (count === keyStarts.length) {
      const starts = new Int32Array(count * 2);
      const ends = new Int32Array(count * 2);
      starts.set(keyStarts);
      ends.set(keyEnds);
      keyStarts = starts;
      keyEnds = ends;
    }
    keyStarts[count] = at;
    keyEnds[count] = keyEnd;
    count++;
    for (let i = at; i < keyEnd; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    at = skipBlanks(bytes, keyEnd, end);
    if (bytes[at] !== COLON) return -1;
    at = skipBlanks(bytes, at + 1, end);
    const after = valueEnd(bytes, at, end);
    if (after < 0) return -1;
    at = skipBlanks(bytes, after, end);
    if (bytes[at] === COMMA) {
      at = skipBlanks(bytes, at + 1, end);
      continue;
    }
    if (bytes[at] !== CLOSE_BRACE || skipBlanks(bytes, at + 1, end) !== end) return -1;
    hash.value = h >>> 0;
    return count;
  }
}

interface KnownSequence {
  /** The shape's id, or IRREGULAR for a key sequence found not to be trustworthy. */
  id: number;
  encoded: Uint8Array[];
}

/**
 * The distinct key sequences of a log's lines. A sequence is a shape when a line spelling it parses to an object with
 * exactly these keys in this order (no key repeated, none that JSON.parse moves), each written as JSON.stringify
 * writes it, and no two keys equal ignoring case.
 */
export class ShapeTable {
  private readonly shapes: string[][] = [];
  private readonly encoded: Uint8Array[][] = [];
  private readonly byHash = new Map<number, KnownSequence[]>();
  private readonly hash = { value: 0 };

  constructor(shapes: readonly string[][] = []) {
    for (const keys of shapes) this.register(keys.map(encodedKey), keys, this.hashOf(keys));
  }

  get size(): number {
    return this.shapes.length;
  }

  /** The keys of a shape, in line order. */
  keys(id: number): readonly string[] | undefined {
    return this.shapes[id];
  }

  /** The keys of a shape as a line spells them (JSON, quotes included). */
  encodedKeys(id: number): readonly Uint8Array[] | undefined {
    return this.encoded[id];
  }

  /** The shape of the line in bytes [start, end), given the object it parses to; IRREGULAR when it has none. */
  ofLine(bytes: Uint8Array, start: number, end: number, item: object): number {
    const count = scanKeys(bytes, start, end, this.hash);
    if (count < 0) return IRREGULAR;
    const known = this.byHash.get(this.hash.value);
    if (known) {
      for (const sequence of known) {
        if (sequence.encoded.length !== count) continue;
        let same = true;
        for (let k = 0; k < count && same; k++) same = sameBytes(bytes, keyStarts[k], keyEnds[k], sequence.encoded[k]);
        if (same) return sequence.id;
      }
    }
    // A new sequence: decode its keys as JSON.parse does and check them against the parsed object.
    const spelled: Uint8Array[] = [];
    const keys: string[] = [];
    for (let k = 0; k < count; k++) {
      const raw = Buffer.from(bytes.buffer, bytes.byteOffset + keyStarts[k], keyEnds[k] - keyStarts[k]);
      spelled.push(Uint8Array.from(raw));
      keys.push(JSON.parse(raw.toString('utf8')) as string);
    }
    const parsedKeys = Object.keys(item);
    const regular =
      parsedKeys.length === count &&
      parsedKeys.every((key, k) => key === keys[k]) &&
      keys.every((key, k) => sameBytes(spelled[k], 0, spelled[k].length, encodedKey(key)));
    return this.register(spelled, regular ? keys : undefined, this.hash.value);
  }

  /** The shape of the line JSON.stringify writes for this object (a changed entry written back). */
  ofObject(item: object): number {
    // The keys of what JSON.stringify writes (it leaves out undefined values), in its order.
    const keys = Object.keys(JSON.parse(JSON.stringify(item)) as object);
    const spelled = keys.map(encodedKey);
    const hash = this.hashOf(keys);
    for (const sequence of this.byHash.get(hash) ?? []) {
      if (sequence.encoded.length === spelled.length && sequence.encoded.every((bytes, k) => sameBytes(bytes, 0, bytes.length, spelled[k]))) return sequence.id;
    }
    return this.register(spelled, keys, hash);
  }

  private hashOf(keys: readonly string[]): number {
    let h = 0x811c9dc5;
    for (const key of keys) {
      const bytes = encodedKey(key);
      for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    }
    return h >>> 0;
  }

  /** Remembers a sequence: a new shape when `keys` (its decoded keys) are given and pass the case check. */
  private register(spelled: Uint8Array[], keys: string[] | undefined, hash: number): number {
    let id = IRREGULAR;
    if (keys && this.shapes.length < MAX_SHAPES && new Set(keys.map((key) => key.toLowerCase())).size === keys.length) {
      id = this.shapes.length;
      this.shapes.push(keys);
      this.encoded.push(spelled);
    }
    const known = this.byHash.get(hash);
    if (known) known.push({ id, encoded: spelled });
    else this.byHash.set(hash, [{ id, encoded: spelled }]);
    return id;
  }

  /** The table as stored in the index (the shapes' keys, as JSON). */
  encode(): Uint8Array {
    return Uint8Array.from(Buffer.from(JSON.stringify(this.shapes), 'utf8'));
  }

  /** A stored table; throws when it is not one. */
  static decode(bytes: Uint8Array): ShapeTable {
    const shapes = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown;
    if (!Array.isArray(shapes) || !shapes.every((keys) => Array.isArray(keys) && keys.every((key) => typeof key === 'string'))) {
      throw new Error('the table of line shapes is not a list of key lists');
    }
    const table = new ShapeTable(shapes as string[][]);
    if (table.size !== shapes.length) throw new Error('the table of line shapes holds keys equal ignoring case');
    return table;
  }
}

/** Which keys of one shape a read keeps, and how far along the line it has to walk. */
export interface FieldPlan {
  /** The shape's keys as spelled in the line, up to the last one kept. */
  readonly spelled: readonly Uint8Array[];
  readonly keys: readonly string[];
  /** Per key (up to the last one kept): whether its value is kept. */
  readonly kept: readonly boolean[];
  /** How many keys the shape has: the line may close after the last one only. */
  readonly total: number;
  /**
   * The most bytes from a line's start a read along this plan has needed so far (0: none yet). The reader reads that
   * much (and a little more) of a long line instead of all of it; a line needing more is read again whole.
   */
  reach: number;
}

/** The plan for reading from lines of this shape the keys whose lower-cased name is in `names`. */
export function planFields(table: ShapeTable, shape: number, names: ReadonlySet<string>): FieldPlan | undefined {
  const keys = table.keys(shape);
  const spelled = table.encodedKeys(shape);
  if (!keys || !spelled) return undefined;
  const kept = keys.map((key) => names.has(key.toLowerCase()));
  const last = kept.lastIndexOf(true);
  return { spelled: spelled.slice(0, last + 1), keys: keys.slice(0, last + 1), kept: kept.slice(0, last + 1), total: keys.length, reach: 0 };
}

/**
 * Walks the line in bytes [start, end) along the plan, checking each key is the one the shape says, and hands each
 * kept value's byte range to `take`. Returns where the walk stopped (after the separator that follows the last kept
 * value), or -1 when the line is not as its shape says or does not reach that far before `end` (then nothing it
 * handed over may be used).
 */
export function readFields(bytes: Uint8Array, start: number, end: number, plan: FieldPlan, take: (key: string, valueStart: number, valueEnd: number) => void): number {
  let at = skipBlanks(bytes, start, end);
  if (bytes[at] !== OPEN_BRACE) return -1;
  at++;
  const count = plan.spelled.length;
  for (let k = 0; k < count; k++) {
    at = skipBlanks(bytes, at, end);
    const spelled = plan.spelled[k];
    if (at + spelled.length > end) return -1;
    for (let i = 0; i < spelled.length; i++) if (bytes[at + i] !== spelled[i]) return -1;
    at = skipBlanks(bytes, at + spelled.length, end);
    if (bytes[at] !== COLON) return -1;
    at = skipBlanks(bytes, at + 1, end);
    const after = valueEnd(bytes, at, end);
    if (after < 0) return -1;
    const valueStart = at;
    at = skipBlanks(bytes, after, end);
    // A value running to `end` may be cut short (a line read in part): only a separator after it shows it is whole.
    const separator = at < end ? bytes[at] : -1;
    if (separator !== COMMA && (separator !== CLOSE_BRACE || k !== plan.total - 1)) return -1;
    if (plan.kept[k]) take(plan.keys[k], valueStart, after);
    at++;
  }
  return at;
}

/** Whether bytes [start, end) hold a JSON string with no escape in it (its text is then its bytes). */
export function isPlainString(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] !== QUOTE) return false;
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] === BACKSLASH) return false;
  return true;
}
