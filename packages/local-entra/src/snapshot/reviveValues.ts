import { rebasedDateTime } from './dateTimes';
import { InternPath } from './stringInterner';

/**
 * What loading does to every parsed value, in place: a string that is an ISO 8601 date-time is shifted by
 * `shiftSeconds` (rebasing), a `…DateTime` property holding another non-empty string is refused, and other strings
 * are shared through an InternPath. It visits values in the order a JSON.parse reviver would and throws the same
 * message, but a plain walk after a reviver-free JSON.parse costs a fraction of the reviver's per-value callbacks.
 */
export class ValueReviver {
  private readonly root = new InternPath();
  /** The last date-time seen and its shifted text: sign-ins repeat createdDateTime in their authentication steps. */
  private lastDateTime: string | undefined;
  private lastRebased = '';

  /**
   * `intern`: share equal strings between the objects revived (a collection loaded whole); off for objects read
   * one at a time from a log on disk, which live for one request and would only fill the tables.
   */
  constructor(
    private readonly shiftSeconds: number,
    private readonly intern = true,
  ) {}

  /** Revives a whole parsed value (a line's object or a file's document); returns it (or its replacement). */
  revive(value: unknown): unknown {
    return this.value(value, this.root, false);
  }

  /**
   * Revives the value of one top-level property of an object, as `revive` of the whole object would (a property read
   * from a line on its own, lineFields.ts).
   */
  reviveProperty(key: string, value: unknown): unknown {
    const child = this.root.child(key);
    return this.value(value, child, child.namesDateTime);
  }

  /** `checkDateTime`: the value is a property whose name ends in "DateTime" (array elements have index keys). */
  private value(value: unknown, path: InternPath, checkDateTime: boolean): unknown {
    if (typeof value === 'string') return this.string(value, path, checkDateTime);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      // Array elements have index keys, which never end in "DateTime"; they share their array's path.
      for (let i = 0; i < value.length; i++) value[i] = this.value(value[i], path, false);
      return value;
    }
    const record = value as Record<string, unknown>;
    // for…in reads V8's cached key list of the object's shape; Object.keys would copy it for every object.
    for (const property in record) {
      if (!Object.prototype.hasOwnProperty.call(record, property)) continue;
      const child = path.child(property);
      const revived = this.value(record[property], child, child.namesDateTime);
      // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype instead.
      if (property === '__proto__') Object.defineProperty(record, property, { value: revived, writable: true, enumerable: true, configurable: true });
      else record[property] = revived;
    }
    return record;
  }

  private string(value: string, path: InternPath, checkDateTime: boolean): string {
    if (value === this.lastDateTime) return this.lastRebased;
    const rebased = rebasedDateTime(value, this.shiftSeconds);
    if (rebased !== undefined) {
      this.lastDateTime = value;
      this.lastRebased = rebased;
      return rebased;
    }
    if (checkDateTime && value !== '') throw new Error(`"${path.key}" is not an ISO 8601 date-time: ${JSON.stringify(value)}`);
    return this.intern ? path.intern(value) : value;
  }
}
