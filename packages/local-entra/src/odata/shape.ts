/** Shapes returned items as Graph does: `$select` projection, `$expand`ed navigation properties, @odata.context. */
import { EndpointRules, QueryInput } from './contract';
import { queryErrors } from './queryErrors';
import { ExpandTerm } from './queryOptions';

type Item = Record<string, unknown>;

/** Graph returns at most 20 related objects for an expanded directory relationship (members, owners). */
const EXPANDED_DIRECTORY_OBJECTS_LIMIT = 20;

/**
 * Keeps the selected properties (names matched case-insensitively, written as the item spells them) and
 * always `id`. Names the item does not have are ignored. `@odata.type` stays, as Graph keeps it on derived types.
 */
export function selectProperties(item: Item, select: readonly string[] | undefined): Item {
  return selector(select)(item);
}

/** `selectProperties` for one `$select`, made once for the items of a page. */
export function selector(select: readonly string[] | undefined): (item: Item) => Item {
  if (!select || select.length === 0 || select.includes('*')) return (item) => item;
  const wanted = new Set(select.map((name) => name.toLowerCase()));
  wanted.add('id');
  wanted.add('@odata.type');
  return (item) => {
    const projected: Item = {};
    for (const key of Object.keys(item)) {
      if (wanted.has(key.toLowerCase())) projected[key] = item[key];
    }
    return projected;
  };
}

export function expandNavigation(item: Item, terms: readonly ExpandTerm[], input: QueryInput, rules: EndpointRules): Item {
  const shaped: Item = { ...item };
  for (const term of terms) {
    const related = input.expand?.(item, term.navigationProperty);
    if (related === undefined) throw queryErrors.unknownExpandProperty(rules, term.navigationProperty);
    const limited = rules.directoryObject ? related.slice(0, EXPANDED_DIRECTORY_OBJECTS_LIMIT) : related;
    shaped[term.navigationProperty] = limited.map((relatedItem) => selectProperties(relatedItem, term.select));
  }
  return shaped;
}

/** `…/$metadata#users` becomes `…/$metadata#users(id,displayName)` when $select is given, as Graph writes it. */
export function contextWithSelect(contextUrl: string, select: readonly string[] | undefined): string {
  if (!select || select.length === 0 || contextUrl.endsWith(')')) return contextUrl;
  return `${contextUrl}(${select.join(',')})`;
}
