/**
 * Decides whether an endpoint accepts a request's query options, as Graph does: directory objects gate
 * advanced queries behind `ConsistencyLevel: eventual` (+ `$count=true`), other workloads refuse what they
 * do not support. Throws the GraphQueryError Graph would answer with.
 */
import { EndpointRules, GraphQueryError } from './contract';
import { FilterOperatorName, OperatorUse } from './filterTerms';
import { queryErrors } from './queryErrors';
import { QueryOptions } from './queryOptions';

export interface GateDecision {
  /** Whether the response carries @odata.count (`$count=true` without the header is silently ignored on directory objects). */
  includeCount: boolean;
}

/** Operators that always need advanced query parameters on directory objects, whatever the property. */
const ALWAYS_ADVANCED: ReadonlySet<FilterOperatorName> = new Set(['ne', 'not', 'endsWith']);
/** With advanced parameters, every filterable property also accepts these. */
const ADVANCED_FOR_EVERY_PROPERTY: readonly FilterOperatorName[] = ['ne', 'not', 'null', 'in'];

function findKey(table: Record<string, string[]> | undefined, property: string): string | undefined {
  if (!table) return undefined;
  const lower = property.toLowerCase();
  return Object.keys(table).find((key) => key.toLowerCase() === lower);
}

/**
 * Operators allowed on a property by a rules table; `in` goes wherever `eq` goes
 * (https://learn.microsoft.com/en-us/graph/aad-advanced-queries).
 */
function allowedBy(table: Record<string, string[]> | undefined, property: string): Set<string> | undefined {
  const key = findKey(table, property);
  if (!key || !table) return undefined;
  const operators = new Set(table[key]);
  if (operators.has('eq')) operators.add('in');
  return operators;
}

function advancedOperatorError(rules: EndpointRules, use: OperatorUse): GraphQueryError {
  if (use.operator === 'ne') return queryErrors.notEqualsNeedsAdvancedQuery();
  if (use.operator === 'endsWith' || use.operator === 'not') return queryErrors.operatorNeedsAdvancedQuery(use.operator);
  return queryErrors.unsupportedFilterProperty(rules, use.property);
}

/** Operators a relationship count (`owners/$count`) is compared with: `eq`, `ne`, and `not` around them. */
const COUNT_OPERATORS: ReadonlySet<FilterOperatorName> = new Set(['eq', 'ne', 'not']);
/** Graph tells empty collections and those of one object apart, nothing more (`/$count eq 0`, `ne 1`…). */
const COUNT_VALUES: ReadonlySet<unknown> = new Set([0, 1]);

/**
 * `…/$count` in a filter: Graph supports only `eq`/`ne` against 0 or 1 (aad-advanced-queries: "Getting empty
 * collections (/$count eq 0, /$count ne 0) and collections with less than one object (/$count eq 1,
 * /$count ne 1)"). Whether the property may be counted at all is the rules table's business.
 * NOT DOCUMENTED: the refusal of another operator or value; the unsupported-property message is used.
 */
function checkCollectionCount(rules: EndpointRules, use: OperatorUse): void {
  if (!/\/\$count$/i.test(use.property)) return;
  const valueAllowed = use.operator === 'not' || (use.literal?.literalKind === 'number' && COUNT_VALUES.has(use.literal.value));
  if (!COUNT_OPERATORS.has(use.operator) || !valueAllowed) throw queryErrors.unsupportedFilterProperty(rules, use.property);
}

function checkDirectoryFilter(rules: EndpointRules, uses: OperatorUse[], advanced: boolean): void {
  for (const use of uses) {
    if (use.insideLambda) {
      if (ALWAYS_ADVANCED.has(use.operator) && !advanced) throw advancedOperatorError(rules, use);
      continue;
    }
    checkCollectionCount(rules, use);
    if (!rules.filterDefaults) {
      if (ALWAYS_ADVANCED.has(use.operator) && !advanced) throw advancedOperatorError(rules, use);
      continue;
    }
    const byDefault = allowedBy(rules.filterDefaults, use.property);
    if (byDefault?.has(use.operator) && !ALWAYS_ADVANCED.has(use.operator)) continue;
    const advancedOnly = allowedBy(rules.filterAdvanced, use.property);
    const known = byDefault !== undefined || advancedOnly !== undefined;
    const allowedWithAdvanced =
      known && (byDefault?.has(use.operator) || advancedOnly?.has(use.operator) || ADVANCED_FOR_EVERY_PROPERTY.includes(use.operator));
    if (!allowedWithAdvanced) throw queryErrors.unsupportedFilterProperty(rules, use.property);
    if (!advanced) throw advancedOperatorError(rules, use);
  }
}

function checkOtherFilter(rules: EndpointRules, uses: OperatorUse[]): void {
  if (!rules.filterDefaults) return;
  for (const use of uses) {
    if (use.insideLambda) continue;
    if (!allowedBy(rules.filterDefaults, use.property)?.has(use.operator)) {
      throw queryErrors.unsupportedFilterProperty(rules, use.property);
    }
  }
}

function checkOrderBy(rules: EndpointRules, options: QueryOptions, advanced: boolean): void {
  if (!options.orderBy) return;
  if (rules.orderBy?.supported === false) throw queryErrors.queryOptionNotAllowed('OrderBy');
  if (rules.directoryObject && options.filter !== undefined && !advanced) throw queryErrors.sortingNotSupported();
  const defaults = rules.orderBy?.defaultProperties?.map((property) => property.toLowerCase());
  if (!defaults) return;
  for (const term of options.orderBy) {
    if (defaults.includes(term.property.toLowerCase())) continue;
    if (rules.directoryObject && advanced) continue;
    throw queryErrors.unsupportedSortProperty(rules, term.property);
  }
}

function checkExpand(rules: EndpointRules, options: QueryOptions, advancedInUse: boolean): void {
  if (!options.expand) return;
  if (!rules.expandable || rules.expandable.length === 0) throw queryErrors.queryOptionNotAllowed('Expand');
  // Graph answers $search + $expand with the $search message even when the header is present (observed).
  if (advancedInUse) throw options.search !== undefined ? queryErrors.searchNeedsConsistencyLevel() : queryErrors.unsupportedQuery();
  const expandable = rules.expandable.map((name) => name.toLowerCase());
  for (const term of options.expand) {
    if (!expandable.includes(term.navigationProperty.toLowerCase())) {
      throw queryErrors.unknownExpandProperty(rules, term.navigationProperty);
    }
  }
}

function checkPaging(rules: EndpointRules, options: QueryOptions): void {
  if (options.skip !== undefined && !rules.skipSupported) {
    throw rules.directoryObject
      ? new GraphQueryError(400, 'Request_BadRequest', "'$skip' is not supported by the service.")
      : queryErrors.queryOptionNotAllowed('Skip');
  }
  if (options.top !== undefined && rules.topSupported === false) throw queryErrors.queryOptionNotAllowed('Top');
}

export function checkQueryAllowed(
  rules: EndpointRules,
  options: QueryOptions,
  filterUses: OperatorUse[],
  consistencyLevel: string | undefined,
): GateDecision {
  checkPaging(rules, options);
  if (!rules.directoryObject) {
    if (options.search !== undefined && !rules.searchProperties?.length) throw queryErrors.queryOptionNotAllowed('Search');
    if (options.count && rules.countSupported === false) throw queryErrors.queryOptionNotAllowed('Count');
    checkOtherFilter(rules, filterUses);
    checkOrderBy(rules, options, false);
    checkExpand(rules, options, false);
    return { includeCount: options.count };
  }
  const eventual = consistencyLevel?.trim().toLowerCase() === 'eventual';
  const advanced = eventual && options.count;
  if (options.search !== undefined) {
    if (!eventual) throw queryErrors.searchNeedsConsistencyLevel();
    if (!rules.searchProperties?.length) throw queryErrors.queryOptionNotAllowed('Search');
  }
  checkDirectoryFilter(rules, filterUses, advanced);
  checkOrderBy(rules, options, advanced || (eventual && options.search !== undefined));
  checkExpand(rules, options, advanced || options.search !== undefined);
  return { includeCount: advanced && rules.countSupported !== false };
}
