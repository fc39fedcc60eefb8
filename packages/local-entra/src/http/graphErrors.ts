import { GraphQueryError } from '../odata/contract';

/** Graph's `innerError.date`: no fractional seconds, no zone designator (the bodies in tests/fixtures/reference/graph/examples/errors-and-throttling.json). */
export function innerErrorDate(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export function graphErrorBody(code: string, message: string, ids: RequestIds, date: Date): Record<string, unknown> {
  return { error: { code, message, innerError: { date: innerErrorDate(date), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId } } };
}

/** The 429 body of the throttling sample (https://learn.microsoft.com/en-us/graph/throttling; `throttled_429` in tests/fixtures/reference/graph/examples/errors-and-throttling.json), with the request ids. */
export function throttledBody(ids: RequestIds, date: Date): Record<string, unknown> {
  return {
    error: {
      code: 'TooManyRequests',
      innerError: { code: '429', date: innerErrorDate(date), message: 'Please retry after', 'request-id': ids.requestId, status: '429', 'client-request-id': ids.clientRequestId },
      message: 'Please retry again later.',
    },
  };
}

/** Errors the routes raise, by Graph's own codes and wording. */
export const graphErrors = {
  notFound: (id: string) => new GraphQueryError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`),
  /** Non-directory services (identity protection, audit logs, conditional access). Wording unconfirmed. */
  serviceNotFound: (id: string) => new GraphQueryError(404, 'ResourceNotFound', `Resource '${id}' was not found.`),
  noRoute: (path: string) => new GraphQueryError(400, 'BadRequest', `Resource not found for the segment '${path.split('/').filter(Boolean).pop() ?? path}'.`),
  methodNotAllowed: () => new GraphQueryError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  meAppOnly: () => new GraphQueryError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.'),
  badBody: (message: string) => new GraphQueryError(400, 'BadRequest', message),
  unauthenticated: (message: string) => new GraphQueryError(401, 'InvalidAuthenticationToken', message),
};
