import { randomUUID } from 'node:crypto';
import { authorize } from '../authorize';
import { graphErrorBody, graphErrors, throttledBody, type RequestIds } from '../http/graphErrors';
import { GraphQueryError } from '../odata/contract';
import type { Throttle } from '../throttling';
import type { GraphContext, GraphRequest, GraphResponse } from './context';
import { matchRoute } from './routes';

/** Answers one authenticated Graph request: route, throttle, permission check, handler; errors as Graph bodies. */
export class GraphService {
  constructor(
    readonly ctx: GraphContext,
    private readonly throttle: Throttle,
  ) {}

  async handle(req: GraphRequest, ids: RequestIds): Promise<GraphResponse> {
    const now = this.ctx.clock.now();
    try {
      const { match, otherMethod } = matchRoute(req.method, req.segments);
      if (!match) throw otherMethod ? graphErrors.methodNotAllowed() : graphErrors.noRoute(req.segments.join('/'));
      const verdict = this.throttle.take(match.route.family, req.caller.appId, match.route.cost);
      if (verdict.throttled) {
        return {
          status: 429,
          body: throttledBody(ids, now),
          headers: verdict.retryAfterSeconds !== undefined ? { 'Retry-After': String(verdict.retryAfterSeconds) } : {},
        };
      }
      if (match.route.delegatedOnly && req.caller.kind !== 'delegated') throw graphErrors.meAppOnly();
      authorize(req.caller, match.route.permission, this.ctx.directory);
      return await match.route.handle(this.ctx, req, match.params);
    } catch (error) {
      if (error instanceof GraphQueryError) return { status: error.status, body: graphErrorBody(error.code, error.message, ids, now) };
      throw error;
    }
  }
}

export function newRequestIds(clientRequestId?: string): RequestIds {
  const requestId = randomUUID();
  return { requestId, clientRequestId: clientRequestId || requestId };
}
