/**
 * How the engine reads the items of a query: whole, or, from a sequence that can read a few properties of an item
 * without the rest (a log on disk, ItemSequence.partial), just the top-level properties the query looks at. A count
 * over a sign-in window pages with `$select=id` and a time filter: reading two properties of each line instead of
 * parsing sixty is most of its cost.
 */
import type { ItemSequence } from './contract';
import type { FilterNode } from './filterAst';
import { propertyHeads } from './filterTerms';
import type { QueryOptions } from './queryOptions';

type Item = Record<string, unknown>;

/** The lower-cased top-level names a query's page items must have, or undefined when they must be whole. */
function pageNames(options: QueryOptions, filterNames: ReadonlySet<string> | undefined, searched: boolean): ReadonlySet<string> | undefined {
  const select = options.select;
  // Without $select, with '*', $expand (its resolver may read any property) or $search, items go out whole.
  if (!select || select.length === 0 || select.includes('*') || options.expand || searched) return undefined;
  // selectProperties always keeps id and @odata.type; the filter is evaluated on the same object.
  return new Set([...select.map((name) => name.toLowerCase()), 'id', '@odata.type', ...(filterNames ?? [])]);
}

/**
 * A page this small has its first items read whole (twice its size, enough when most match): a log on disk keeps
 * items read whole parsed for the next question, which lists and follow-ups ask again; reading a few properties of
 * each line pays where a page of a thousand is read, or a filter skips many lines.
 */
const SMALL_PAGE = 100;

export class ItemReads {
  /** Names read to test an item against the filter, or undefined: whole. */
  private readonly testNames: ReadonlySet<string> | undefined;
  /** Names read for a page item, or undefined: whole. */
  private readonly pageNames: ReadonlySet<string> | undefined;
  private lastIndex = -1;
  private lastItem: Item | undefined;
  private lastWhole = false;
  /** Reads still to make whole before reading a few properties. */
  private wholeFirst: number;

  /** `pageSize`: the page's size, when reading a page (not counting). */
  constructor(
    private readonly items: ItemSequence,
    filter: FilterNode | undefined,
    options: QueryOptions,
    searched: boolean,
    pageSize?: number,
  ) {
    this.wholeFirst = pageSize !== undefined && pageSize <= SMALL_PAGE ? 2 * pageSize + 1 : 0;
    const partial = items.partial !== undefined;
    const filterNames = filter ? propertyHeads(filter) : undefined;
    this.pageNames = partial ? pageNames(options, filterNames, searched) : undefined;
    // $search reads properties the filter does not name: its items are tested whole.
    this.testNames = partial && !searched ? (this.pageNames ?? filterNames) : undefined;
  }

  /** The item at `index` as the filter (and $search) test it. */
  forTest(index: number): Item {
    return this.read(index, this.testNames);
  }

  /** The item at `index` as the page returns it (before $select shapes it). */
  forPage(index: number): Item {
    return this.read(index, this.pageNames);
  }

  private read(index: number, names: ReadonlySet<string> | undefined): Item {
    // A page item is usually the one just tested: read once.
    if (index === this.lastIndex && (this.lastWhole || names === this.testNames)) return this.lastItem as Item;
    const whole = names === undefined || this.wholeFirst > 0;
    if (this.wholeFirst > 0) this.wholeFirst -= 1;
    const item = (whole || !this.items.partial ? this.items.at(index) : this.items.partial(index, names)) as Item;
    this.lastIndex = index;
    this.lastItem = item;
    this.lastWhole = whole;
    return item;
  }
}
