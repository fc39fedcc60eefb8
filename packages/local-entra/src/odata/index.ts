/** The local Entra's OData query engine: what Graph routes call to answer collection requests. */
export { GraphQueryError } from './contract';
export type { CollectionBody, EndpointRules, ItemSequence, QueryableCollection, QueryInput, RunQuery } from './contract';
export { runQuery, countQuery } from './runQuery';
export { createIndexedCollection } from './indexedCollection';
export type { IndexedCollectionOptions, InMemoryCollection } from './indexedCollection';
export { parseFilter, FilterSyntaxError } from './filterParser';
export { evaluate } from './evaluate';
export type { FilterNode } from './filterAst';
export { ENDPOINT_RULES } from './endpointRules';
export type { EndpointRoute } from './endpointRules';
