/**
 * Shares equal strings between loaded objects. Two million sign-ins repeat the same application names, policy
 * names and ids, error texts and device names; JSON.parse gives each occurrence its own string. Sharing them cuts
 * the heap by about a third and with it the garbage collector's copying while the snapshot loads.
 *
 * Strings are tracked per property path ("appliedConditionalAccessPolicies/id" apart from "id"), so that a path
 * whose values rarely repeat (object ids, correlation ids, times) stops being tracked once it has shown that:
 * hashing a string that is never shared again costs more than it saves. Strings are immutable, so sharing them
 * cannot change behaviour.
 */
export class InternPath {
  private values: Map<string, string> | undefined = new Map();
  private children: Map<string, InternPath> | undefined;
  private lookups = 0;
  /** Whether the property's name ends in "DateTime" (Graph's naming for date-time values), decided once per path. */
  readonly namesDateTime: boolean;

  /** `key` is the property name at the end of the path ("" for the root). */
  constructor(readonly key = '') {
    this.namesDateTime = key.endsWith('DateTime');
  }

  /** The path one property further down. */
  child(key: string): InternPath {
    if (this.children === undefined) this.children = new Map();
    let child = this.children.get(key);
    if (child === undefined) {
      child = new InternPath(key);
      this.children.set(key, child);
    }
    return child;
  }

  /** The shared copy of `value` for this path (the first one seen). */
  intern(value: string): string {
    const values = this.values;
    if (values === undefined || value.length > LONGEST_INTERNED) return value;
    this.lookups++;
    const known = values.get(value);
    if (known !== undefined) return known;
    if (values.size % CHECK_EVERY === 0 && values.size * MOST_DISTINCT_SHARE > this.lookups) {
      this.values = undefined;
      return value;
    }
    values.set(value, value);
    return value;
  }
}

/** Every this many distinct values, a path is checked for how often its values repeat. */
const CHECK_EVERY = 256;

/**
 * A path stops being tracked when more than 1 in MOST_DISTINCT_SHARE of its lookups found a new value. 4 measured
 * best on 200k sign-ins (start 14.5 s against 17.4 s tracking every path, heap 630 against 586 MiB).
 */
const MOST_DISTINCT_SHARE = 4;

/** Long free texts are rarely repeated verbatim; hashing them would cost more than it saves. */
const LONGEST_INTERNED = 512;
