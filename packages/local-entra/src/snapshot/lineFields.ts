/**
 * The top level of a JSON object written on one line (an entry of a log in the line layout), read from its bytes
 * without parsing the whole: where each property's key and value are.
 *
 * A query over a log usually needs a few properties of each entry (an id and a time for a count), but JSON.parse
 * builds all sixty, and the garbage collector then clears them. So the index records each line's keys (its shape)
 * once, from the parsed entry; a read of a few properties then walks the line's keys up to the last one it needs,
 * checking each is the one the shape says, skips the other values unparsed, and parses just the values it keeps. The
 * shape is what makes this exact: it lists every key of the entry, so a wanted key it lacks is absent and one it has
 * is not spelled again further on (reads match names ignoring case). A line whose text repeats a key (JSON.parse lets
 * the last one win) has no shape: indexing counts the keys the text has against the parsed entry's.
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

/** Where the JSON string opening at `at` of `text` ends (after its closing quote), or -1. */
function textStringEnd(text: string, at: number): number {
  for (let from = at + 1; ; ) {
    // indexOf runs in the engine: strings are most of a line, and this is the indexing's own pass over every line.
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if ((backslashes & 1) === 0) return quote + 1;
    from = quote + 1;
  }
}

function textBlanksEnd(text: string, at: number): number {
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  return at;
}

/** Where the JSON value starting at `at` of `text` ends, or -1 (as `valueEnd`, over a line's text). */
function textValueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return textStringEnd(text, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        i = textStringEnd(text, i) - 1;
        if (i < 0) return -1;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (--depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = at;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isBlank(code)) break;
    i++;
  }
  return i > at ? i : -1;
}

/** Whether the rest of a line from `at` is blanks, with at most one comma (the separator of the line layout). */
function lineEndsAt(text: string, at: number): boolean {
  at = textBlanksEnd(text, at);
  if (text.charCodeAt(at) === COMMA) at = textBlanksEnd(text, at + 1);
  return at === text.length;
}

/** Where each key of the line last counted starts (its opening quote), by key index: reused, lines are millions. */
let keyAt = new Int32Array(256);

/**
 * The number of keys at the top level of the object on a line (blanks and one separating comma may follow it), or
 * -1 when the text is not an object this scanner follows to its closing brace. Where each key starts is left in
 * `keyAt`.
 */
export function countTopLevelKeys(text: string): number {
  let at = textBlanksEnd(text, 0);
  if (text.charCodeAt(at) !== OPEN_BRACE) return -1;
  at = textBlanksEnd(text, at + 1);
  if (text.charCodeAt(at) === CLOSE_BRACE) return lineEndsAt(text, at + 1) ? 0 : -1;
  for (let count = 1; ; count++) {
    if (text.charCodeAt(at) !== QUOTE) return -1;
    if (count > keyAt.length) {
      const longer = new Int32Array(keyAt.length * 2);
      longer.set(keyAt);
      keyAt = longer;
    }
    keyAt[count - 1] = at;
    const keyEnd = textStringEnd(text, at);
    if (keyEnd < 0) return -1;
    at = textBlanksEnd(text, keyEnd);
    if (text.charCodeAt(at) !== COLON) return -1;
    const after = textValueEnd(text, textBlanksEnd(text, at + 1));
    if (after < 0) return -1;
    at = textBlanksEnd(text, after);
    if (text.charCodeAt(at) === COMMA) {
      at = textBlanksEnd(text, at + 1);
      continue;
    }
    return text.charCodeAt(at) === CLOSE_BRACE && lineEndsAt(text, at + 1) ? count : -1;
  }
}

/** A canonical array index ("0", "17"): JSON.parse puts such keys first, whatever their place in the text. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  // Keys JSON.parse makes are internalised strings: equal ones are usually the same string, compared at once.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** At most this many landmarks per line: keys whose place in the line the index records, so that a read can start there. */
export const MAX_LANDMARKS = 8;
/** Landmarks are at least this many bytes apart. */
const LANDMARK_SPACING = 256;

/** A shape: the keys, and which of them are landmarks (key indexes, rising). */
export interface StoredShape {
  keys: string[];
  landmarks: number[];
}

interface KnownList {
  keys: string[];
  /** The shape's id, or IRREGULAR for a key list found not to be trustworthy. */
  id: number;
}

/**
 * The distinct key lists of a log's entries, each a shape when a read by it can be trusted: no key JSON.parse moves
 * ahead of the text's order (array indexes), and no two keys equal ignoring case. A shape's landmarks are chosen from
 * the first line that has it: keys spread along the line, past its long values, where a read can start instead of at
 * the line's start.
 */
export class ShapeTable {
  private readonly shapes: StoredShape[] = [];
  private readonly encoded: Uint8Array[][] = [];
  /** Key lists seen, by their length. */
  private readonly byLength = new Map<number, KnownList[]>();
  /** The last list found: entries of one kind follow one another. */
  private last: KnownList | undefined;

  constructor(shapes: readonly StoredShape[] = []) {
    for (const shape of shapes) this.find(shape.keys, () => shape.landmarks);
  }

  get size(): number {
    return this.shapes.length;
  }

  /** The keys of a shape, in line order. */
  keys(id: number): readonly string[] | undefined {
    return this.shapes[id]?.keys;
  }

  /** The indexes of a shape's landmark keys (the index records where each line has them). */
  landmarks(id: number): readonly number[] | undefined {
    return this.shapes[id]?.landmarks;
  }

  /** The keys of a shape as JSON.stringify spells them (quotes included), as bytes: how a read checks a line's keys. */
  encodedKeys(id: number): readonly Uint8Array[] | undefined {
    return this.encoded[id];
  }

  /**
   * The shape of a line, given its text (blanks and one separating comma may follow the object) and the object it
   * parses to; IRREGULAR when it has none. A text with more keys than the object repeats one.
   */
  ofLine(text: string, item: object): number {
    const keys = Object.keys(item);
    return countTopLevelKeys(text) === keys.length ? this.find(keys, () => chooseLandmarks(keys.length, text.length)) : IRREGULAR;
  }

  /**
   * Where the landmarks of the line `ofLine` was last given are, as byte offsets from its start, into `out` from
   * `at`; all 0 (none known) when the line is not plain ASCII (its text's offsets are then not its bytes') or one is
   * too far to record.
   */
  landmarksOfLastLine(id: number, text: string, out: Uint16Array, at: number): void {
    const landmarks = this.shapes[id]?.landmarks ?? [];
    const plain = landmarks.length > 0 && Buffer.byteLength(text, 'utf8') === text.length && keyAt[landmarks[landmarks.length - 1]] <= 0xffff;
    for (let slot = 0; slot < landmarks.length; slot++) out[at + slot] = plain ? keyAt[landmarks[slot]] : 0;
  }

  /** The shape of the line JSON.stringify writes for this object (a changed entry written back). */
  ofObject(item: object): number {
    const text = JSON.stringify(item);
    return this.ofLine(text, JSON.parse(text) as object);
  }

  private find(keys: string[], landmarks: () => number[]): number {
    if (this.last && sameKeys(this.last.keys, keys)) return this.last.id;
    let known = this.byLength.get(keys.length);
    if (!known) {
      known = [];
      this.byLength.set(keys.length, known);
    }
    let entry = known.find((candidate) => sameKeys(candidate.keys, keys));
    if (!entry) {
      const trusted = this.shapes.length < MAX_SHAPES && !keys.some((key) => ARRAY_INDEX.test(key)) && new Set(keys.map((key) => key.toLowerCase())).size === keys.length;
      entry = { keys, id: trusted ? this.shapes.length : IRREGULAR };
      if (trusted) {
        this.shapes.push({ keys, landmarks: landmarks() });
        this.encoded.push(keys.map((key) => Uint8Array.from(Buffer.from(JSON.stringify(key), 'utf8'))));
      }
      known.push(entry);
    }
    this.last = entry;
    return entry.id;
  }

  /** The table as stored in the index (JSON). */
  encode(): Uint8Array {
    return Uint8Array.from(Buffer.from(JSON.stringify(this.shapes), 'utf8'));
  }

  /** A stored table; throws when it is not one. */
  static decode(bytes: Uint8Array): ShapeTable {
    const shapes = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown;
    const isShape = (shape: unknown): shape is StoredShape => {
      const { keys, landmarks } = (shape ?? {}) as Partial<StoredShape>;
      return (
        Array.isArray(keys) &&
        keys.every((key) => typeof key === 'string') &&
        Array.isArray(landmarks) &&
        landmarks.length <= MAX_LANDMARKS &&
        landmarks.every((k, i) => Number.isInteger(k) && k > (i === 0 ? 0 : landmarks[i - 1]) && k < keys.length)
      );
    };
    if (!Array.isArray(shapes) || !shapes.every(isShape)) throw new Error('the table of line shapes is not a list of shapes');
    const table = new ShapeTable(shapes);
    if (table.size !== shapes.length) throw new Error('the table of line shapes holds a key list twice or one that cannot be trusted');
    return table;
  }
}

/**
 * Landmarks for a line whose keys `countTopLevelKeys` just found: keys at least a stretch apart, the stretch as short
 * as lets MAX_LANDMARKS of them cover the line (a long value, such as the Conditional Access policies, takes a
 * stretch of its own, and the key after it becomes a landmark).
 */
function chooseLandmarks(count: number, length: number): number[] {
  const spaced = (spacing: number): number[] => {
    const landmarks: number[] = [];
    let last = keyAt[0];
    for (let k = 1; k < count; k++) {
      if (keyAt[k] - last < spacing) continue;
      landmarks.push(k);
      last = keyAt[k];
    }
    return landmarks;
  };
  // The shortest stretch (at least LANDMARK_SPACING) that needs no more than MAX_LANDMARKS landmarks.
  let low = LANDMARK_SPACING;
  let high = Math.max(LANDMARK_SPACING, length);
  if (spaced(low).length <= MAX_LANDMARKS) return spaced(low);
  while (high - low > 16) {
    const middle = (low + high) >>> 1;
    if (spaced(middle).length <= MAX_LANDMARKS) high = middle;
    else low = middle;
  }
  return spaced(high).slice(0, MAX_LANDMARKS);
}

/** A run of keys a read walks one after another, from the line's start or from a landmark. */
export interface FieldSegment {
  /** The landmark the run starts at (its slot), or -1: the line's start (the first run only). */
  readonly landmark: number;
  /** The index of the run's first key in the shape. */
  readonly first: number;
  /** The run's keys as spelled in the line, their names, and whether each one's value is kept. */
  readonly spelled: readonly Uint8Array[];
  readonly keys: readonly string[];
  readonly kept: readonly boolean[];
}

/** Which keys of one shape a read keeps, and how it walks the line to them. */
export interface FieldPlan {
  readonly segments: readonly FieldSegment[];
  /** How many keys the shape has: the line may close after the last one only. */
  readonly total: number;
  /**
   * The most bytes from a line's start a read along this plan has needed so far (0: none yet). The reader reads that
   * much (and a little more) of a long line instead of all of it; a line needing more is read again whole.
   */
  reach: number;
}

/**
 * The plan for reading, from lines of this shape, the keys whose lower-cased name is in `names`; with `landmarks`,
 * each run of wanted keys starts at the last landmark before it (when that is past where the previous run stopped).
 */
export function planFields(table: ShapeTable, shape: number, names: ReadonlySet<string>, landmarks = false): FieldPlan | undefined {
  const keys = table.keys(shape);
  const spelled = table.encodedKeys(shape);
  const marks = table.landmarks(shape);
  if (!keys || !spelled || !marks) return undefined;
  const runs: Array<{ landmark: number; first: number; last: number }> = [];
  let walked = -1;
  keys.forEach((key, k) => {
    if (!names.has(key.toLowerCase())) return;
    let slot = -1;
    if (landmarks) for (let m = 0; m < marks.length && marks[m] <= k; m++) if (marks[m] > walked) slot = m;
    if (slot >= 0) runs.push({ landmark: slot, first: marks[slot], last: k });
    else if (runs.length > 0) runs[runs.length - 1].last = k;
    else runs.push({ landmark: -1, first: 0, last: k });
    walked = k;
  });
  const segments = runs.map(({ landmark, first, last }): FieldSegment => {
    const kept: boolean[] = [];
    for (let k = first; k <= last; k++) kept.push(names.has(keys[k].toLowerCase()));
    return { landmark, first, spelled: spelled.slice(first, last + 1), keys: keys.slice(first, last + 1), kept };
  });
  return { segments, total: keys.length, reach: 0 };
}

/**
 * Walks the line in bytes [start, end) along the plan, checking each key is the one the shape says, and hands each
 * kept value's byte range to `take`. A run that starts at a landmark starts at `landmarks[base + slot]` bytes from
 * the line's start. Returns where the walk stopped (after the separator that follows the last kept value), or -1 when
 * the line is not as its shape says or does not reach that far before `end` (then nothing it handed over may be
 * used).
 */
export function readFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  plan: FieldPlan,
  take: (key: string, valueStart: number, valueEnd: number) => void,
  landmarks?: Uint16Array,
  base = 0,
): number {
  let at = start;
  for (const segment of plan.segments) {
    if (segment.landmark >= 0) {
      const offset = landmarks ? landmarks[base + segment.landmark] : 0;
      if (offset === 0 || start + offset < at) return -1;
      at = start + offset;
    } else {
      at = skipBlanks(bytes, start, end);
      if (bytes[at] !== OPEN_BRACE) return -1;
      at++;
    }
    const count = segment.spelled.length;
    for (let k = 0; k < count; k++) {
      at = skipBlanks(bytes, at, end);
      const spelled = segment.spelled[k];
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
      if (separator !== COMMA && (separator !== CLOSE_BRACE || segment.first + k !== plan.total - 1)) return -1;
      if (segment.kept[k]) take(segment.keys[k], valueStart, after);
      at++;
    }
  }
  return at;
}

/** Whether bytes [start, end) hold a JSON string with no escape in it (its text is then its bytes). */
export function isPlainString(bytes: Uint8Array, start: number, end: number): boolean {
  if (bytes[start] !== QUOTE) return false;
  for (let i = start + 1; i < end - 1; i++) if (bytes[i] === BACKSLASH) return false;
  return true;
}
