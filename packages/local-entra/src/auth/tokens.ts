import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { SigningKey } from './signingKey';

/** Audiences Graph accepts: the resource URI and Microsoft Graph's app id. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Teams' own client, the authorized party of the SSO tokens it hands bots. */
export const TEAMS_CLIENT_APP_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

const ACCESS_TOKEN_SECONDS = 3600;

export type TokenClaims = Record<string, unknown> & { iss: string; aud: string; tid: string; oid?: string; iat: number; exp: number };

/** Signs and checks the local Entra's JWTs (RS256, real clock: clients compare them with their own time). */
export class TokenService {
  constructor(
    private readonly key: SigningKey,
    readonly issuer: string,
    readonly tenantId: string,
  ) {}

  get lifetimeSeconds(): number {
    return ACCESS_TOKEN_SECONDS;
  }

  sign(claims: Record<string, unknown>, lifetimeSeconds = ACCESS_TOKEN_SECONDS): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: this.issuer, tid: this.tenantId, iat: now, nbf: now, exp: now + lifetimeSeconds, uti: randomUUID().replace(/-/g, ''), ...claims };
    return jwt.sign(payload, this.key.privateKey, { algorithm: 'RS256', keyid: this.key.kid, header: { alg: 'RS256', typ: 'JWT', x5t: this.key.kid } });
  }

  /** Verifies signature, issuer, lifetime and (when given) audience; throws jsonwebtoken's errors. */
  verify(token: string, audiences?: string[]): TokenClaims {
    const options: jwt.VerifyOptions = { algorithms: ['RS256'], issuer: this.issuer };
    if (audiences) options.audience = audiences as [string, ...string[]];
    return jwt.verify(token, this.key.publicKey, options) as TokenClaims;
  }
}
