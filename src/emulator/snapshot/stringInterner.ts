/**
 * Shares equal strings between loaded objects. Two million sign-ins repeat the same application names, policy
 * names and ids, error texts and device names; JSON.parse gives each occurrence its own string. Sharing them cuts
 * the heap by about a third and with it the garbage collector's copying while the snapshot loads.
 *
 * Strings are tracked per property path ("appliedConditionalAccessPolicies/id" apart from "id"), so that a path
 * whose values are all different (object ids, correlation ids) stops being tracked once it has shown that, and
 * costs no memory afterwards. Strings are immutable, so sharing them cannot change behaviour.
 */
export class InternPath {
  private values: Map<string, string> | undefined = new Map();
  private children: Map<string, InternPath> | undefined;

  /** The path one property further down. */
  child(key: string): InternPath {
    if (this.children === undefined) this.children = new Map();
    let child = this.children.get(key);
    if (child === undefined) {
      child = new InternPath();
      this.children.set(key, child);
    }
    return child;
  }

  /** The shared copy of `value` for this path (the first one seen). */
  intern(value: string): string {
    const values = this.values;
    if (values === undefined || value.length > LONGEST_INTERNED) return value;
    const known = values.get(value);
    if (known !== undefined) return known;
    if (values.size >= MOST_DISTINCT_VALUES) {
      this.values = undefined;
      return value;
    }
    values.set(value, value);
    return value;
  }
}

/** A path with more distinct values than this is treated as unique per object (ids) and no longer tracked. */
const MOST_DISTINCT_VALUES = 50_000;

/** Long free texts are rarely repeated verbatim; hashing them would cost more than it saves. */
const LONGEST_INTERNED = 512;
