/**
 * The contract between the local Entra's HTTP routes (src/graph/*.ts) and its OData query engine
 * (src/odata/*). The routes find the collection and check rights; the engine applies the query
 * options exactly as Graph does for that endpoint, or refuses them as Graph does.
 */

/** An error Graph would answer with: `{"error":{"code","message","innerError":{...}}}` and this status. */
export class GraphQueryError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphQueryError';
  }
}

/** Per-endpoint rules (the table and its sources are in endpointRules.ts). */
export interface EndpointRules {
  /** Page size when no $top is given. */
  defaultPageSize: number;
  /** Largest $top accepted; a larger one is refused as Graph refuses it. */
  maxPageSize: number;
  /** Directory objects (users, groups, servicePrincipals, applications, members lists): advanced-query rules apply. */
  directoryObject: boolean;
  /** Whether $top is supported at all (directoryRoles: no). */
  topSupported?: boolean;
  /** Whether $count is supported. */
  countSupported?: boolean;
  /** Whether $orderby is supported, and on which properties without advanced query parameters. */
  orderBy?: { supported: boolean; defaultProperties?: string[] };
  /** Properties that $search may name ("displayName:foo"). Empty or absent: $search refused. */
  searchProperties?: string[];
  /** Default ordering when the request gives none (sign-ins: createdDateTime desc). */
  defaultOrder?: { property: string; descending: boolean };
  /**
   * Filter capabilities: for each property path, the operators allowed without advanced query parameters.
   * Absent: every operator allowed. Operators outside the list need ConsistencyLevel: eventual + $count=true
   * on directory objects, and are refused (Request_UnsupportedQuery) elsewhere.
   */
  filterDefaults?: Record<string, string[]>;
  /** Whether $expand is supported, and of which navigation properties. */
  expandable?: string[];
  /**
   * Added by the query engine: operators allowed only with advanced query parameters, per property path
   * (directory objects). A property in neither this nor `filterDefaults` cannot be filtered at all.
   */
  filterAdvanced?: Record<string, string[]>;
  /** Added by the query engine: the resource name Graph uses in its messages ("User", "Group", "SignIn"). */
  resourceName?: string;
  /** Added by the query engine: whether $skip is accepted (conditional access policies). */
  skipSupported?: boolean;
}

/** What the route passes to the engine. */
export interface QueryInput {
  /** The raw query string parameters of the request ($filter, $select, $top, $skiptoken, $orderby, $count, $search, $expand...). */
  params: URLSearchParams;
  /** The request's ConsistencyLevel header, if any (lower-cased value). */
  consistencyLevel?: string;
  /** Absolute URL of the request without query string, used to build @odata.nextLink. */
  requestUrl: string;
  /** The value of @odata.context for this collection. */
  contextUrl: string;
  /** Resolves $expand of a navigation property for one item (members, owners...). */
  expand?: (item: Record<string, unknown>, navigationProperty: string) => Record<string, unknown>[] | undefined;
}

/** A JSON body Graph would send for a collection. */
export interface CollectionBody {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

/**
 * Items by position. A plain array is one; a log kept on disk is another, which reads an item only when asked for
 * it, so the engine touches positions (`at`) and never assumes the whole collection is in memory.
 */
export interface ItemSequence {
  readonly length: number;
  at(index: number): Record<string, unknown> | undefined;
  /**
   * Optional, for sequences whose items cost much more to read whole (a log on disk): the item at `index` with at
   * least the top-level properties whose lower-cased names are in `names`, under every spelling the item has and in
   * its order, with the values `at` gives; other properties may be missing. `$filter` and `$select` over those names
   * see it exactly as they see the whole item. `names` is the same object for every read of one query.
   */
  partial?(index: number, names: ReadonlySet<string>): Record<string, unknown> | undefined;
}

/**
 * A collection the engine can query. The engine may use `index` to answer equality filters without a scan
 * (scale: 2,000,000 sign-ins). `items` is in storage order.
 */
export interface QueryableCollection {
  readonly items: ItemSequence;
  /** Items whose property (a path like "userId" or "status/errorCode") equals the value, or undefined if not indexed. */
  lookup?(propertyPath: string, value: unknown): ItemSequence | undefined;
  /**
   * Added by the query engine: the order `items` are stored in, if any. When a query asks for this order the
   * engine neither sorts nor re-sorts, and `lookup` results (storage order) are already in query order.
   */
  readonly sortedBy?: { property: string; descending: boolean };
  /**
   * Optional, for collections whose items are not held in memory: the union of several `lookup` results without
   * duplicates, in storage order. Without it the engine unites the items themselves (objects are their identity).
   */
  union?(buckets: readonly ItemSequence[]): ItemSequence;
  /**
   * Optional, as `union`: the whole collection in this order, computed by the collection without reading every
   * item, or undefined when it cannot. Without it the engine sorts the items.
   */
  ordered?(terms: readonly { property: string; descending: boolean }[]): ItemSequence | undefined;
}

export type RunQuery = (collection: QueryableCollection, input: QueryInput, rules: EndpointRules) => CollectionBody;
