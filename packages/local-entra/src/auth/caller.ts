import * as jwt from 'jsonwebtoken';
import { graphErrors } from '../http/graphErrors';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type TokenService } from './tokens';

/** Who calls Graph, as the access token says. */
export interface Caller {
  kind: 'app' | 'delegated';
  appId: string;
  appDisplayName: string;
  /** The calling app's service principal (oid of app-only tokens). */
  servicePrincipalId?: string;
  /** Application permissions (roles) or delegated scopes (scp). */
  permissions: ReadonlySet<string>;
  userId?: string;
  userPrincipalName?: string;
  userDisplayName?: string;
}

/** Reads `Authorization: Bearer …` and returns the caller, or throws Graph's 401 InvalidAuthenticationToken. */
export function authenticate(authorization: string | undefined, tokens: TokenService): Caller {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw graphErrors.unauthenticated('Access token is empty.');
  let claims: Record<string, unknown>;
  try {
    claims = tokens.verify(match[1]);
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw graphErrors.unauthenticated('Lifetime validation failed, the token is expired.');
    if (error instanceof jwt.JsonWebTokenError && /malformed/.test(error.message)) throw graphErrors.unauthenticated('IDX14100: JWT is not well formed, there are no dots (.).');
    throw graphErrors.unauthenticated('Access token validation failure.');
  }
  if (claims.aud !== GRAPH_RESOURCE && claims.aud !== GRAPH_APP_ID) throw graphErrors.unauthenticated('Access token validation failure. Invalid audience.');
  if (claims.tid !== tokens.tenantId) throw graphErrors.unauthenticated('Access token validation failure. Invalid tenant.');
  const base = { appId: String(claims.appid ?? claims.azp), appDisplayName: typeof claims.app_displayname === 'string' ? claims.app_displayname : '' };
  if (claims.idtyp === 'app' || !claims.scp) {
    return { kind: 'app', ...base, servicePrincipalId: String(claims.oid), permissions: new Set((claims.roles as string[] | undefined) ?? []) };
  }
  return {
    kind: 'delegated',
    ...base,
    permissions: new Set((typeof claims.scp === 'string' ? claims.scp : '').split(' ').filter(Boolean)),
    userId: String(claims.oid),
    userPrincipalName: claims.upn as string | undefined,
    userDisplayName: claims.name as string | undefined,
  };
}
