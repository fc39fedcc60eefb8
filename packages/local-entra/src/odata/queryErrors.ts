/**
 * The 400s Graph answers for query options it refuses. Messages marked "observed" are copied from real Graph
 * responses (https://learn.microsoft.com/en-us/graph/aad-advanced-queries,
 * tests/fixtures/reference/graph/examples/errors-and-throttling.json, GitHub issues quoting the service);
 * the others follow the same pattern where no real response was found.
 */
import { EndpointRules, GraphQueryError } from './contract';

const ADVANCED_QUERY_HINT =
  'Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';

/** Directory objects answer with Request_* codes; other workloads with the generic OData ones. */
function badRequestCode(rules: EndpointRules): string {
  return rules.directoryObject ? 'Request_BadRequest' : 'BadRequest';
}

function unsupportedQuery(message: string): GraphQueryError {
  return new GraphQueryError(400, 'Request_UnsupportedQuery', message);
}

export const queryErrors = {
  /** Observed for /users: `{"code":"BadRequest","message":"Invalid filter clause"}`. */
  invalidFilter(rules: EndpointRules, detail: string): GraphQueryError {
    return rules.directoryObject
      ? new GraphQueryError(400, 'BadRequest', 'Invalid filter clause')
      : new GraphQueryError(400, 'BadRequest', `Invalid filter clause: ${detail}`);
  },

  /** Observed (errors-and-throttling.json). */
  searchNeedsConsistencyLevel(): GraphQueryError {
    return unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  },

  /** Observed for endsWith (errors-and-throttling.json); the same sentence is used for the other advanced operators. */
  operatorNeedsAdvancedQuery(operator: string): GraphQueryError {
    return unsupportedQuery(`Operator '${operator}' is not supported because the required parameters might be missing. ${ADVANCED_QUERY_HINT}`);
  },

  /** Observed for `ne` on /users without advanced parameters (microsoft-graph-docs-contrib#9043). */
  notEqualsNeedsAdvancedQuery(): GraphQueryError {
    return unsupportedQuery("Filter operator 'NotEqualsMatch' is not supported.");
  },

  /** Observed (errors-and-throttling.json, unindexed_property_400). */
  unsupportedFilterProperty(rules: EndpointRules, property: string): GraphQueryError {
    return unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${property}' of resource '${rules.resourceName ?? 'Resource'}'.`,
    );
  },

  /** Observed for $filter + $orderby on /groups and /servicePrincipals without advanced parameters. */
  sortingNotSupported(): GraphQueryError {
    return unsupportedQuery('Sorting not supported for current query.');
  },

  /** Observed for `$orderby=createdDateTime` on /users (microsoft-graph-docs-contrib#1354). */
  unsupportedSortProperty(rules: EndpointRules, property: string): GraphQueryError {
    return unsupportedQuery(`Unsupported sort property '${property}' for '${rules.resourceName ?? 'Resource'}'.`);
  },

  /** Observed for /users/$count without the header (errors-and-throttling.json). */
  countNotSupported(): GraphQueryError {
    return new GraphQueryError(400, 'Request_BadRequest', '$count is not currently supported.');
  },

  /**
   * Graph's OData layer refuses options an API does not allow with this sentence (observed for $expand and
   * $top on non-directory workloads).
   */
  queryOptionNotAllowed(option: string): GraphQueryError {
    return new GraphQueryError(
      400,
      'BadRequest',
      `The query specified in the URI is not valid. Query option '${option}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
    );
  },

  /** The directory's page-size check (AAD Graph wording). */
  invalidPageSize(rules: EndpointRules, value: string): GraphQueryError {
    return new GraphQueryError(
      400,
      badRequestCode(rules),
      `Invalid page size specified: '${value}'. Must be between 1 and ${rules.maxPageSize} inclusive.`,
    );
  },

  invalidQueryOptionValue(rules: EndpointRules, option: string, value: string): GraphQueryError {
    return new GraphQueryError(400, badRequestCode(rules), `Invalid value '${value}' for query option '${option}'.`);
  },

  /** A $skiptoken that was not issued for this query (tampered, truncated, or replayed with other options). */
  invalidSkipToken(rules: EndpointRules): GraphQueryError {
    return new GraphQueryError(400, badRequestCode(rules), 'The skip token is invalid or does not belong to this query.');
  },

  /** $search without the double quotes Graph requires around each clause. */
  invalidSearch(rules: EndpointRules, detail: string): GraphQueryError {
    return new GraphQueryError(400, badRequestCode(rules), `Invalid $search query: ${detail}`);
  },

  unsupportedSearchProperty(rules: EndpointRules, property: string): GraphQueryError {
    return unsupportedQuery(`Unsupported property '${property}' for $search on resource '${rules.resourceName ?? 'Resource'}'.`);
  },

  /** Observed generic refusal of an advanced query combination (e.g. $expand with advanced parameters). */
  unsupportedQuery(): GraphQueryError {
    return unsupportedQuery('Unsupported Query.');
  },

  /** The OData layer's message for an unknown navigation property in $expand. */
  unknownExpandProperty(rules: EndpointRules, property: string): GraphQueryError {
    return new GraphQueryError(
      400,
      'BadRequest',
      `Parsing OData Select and Expand failed: Could not find a property named '${property}' on type 'microsoft.graph.${lowerFirst(rules.resourceName ?? 'entity')}'.`,
    );
  },
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
