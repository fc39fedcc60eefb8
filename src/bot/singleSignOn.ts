/**
 * Teams single sign-on for the bot, as the Teams Toolkit's bot SSO does it: the bot sends an OAuth card naming its
 * token exchange resource (api://botid-<app id>); Teams silently gets a token for the signed-in user and sends it
 * back in a `signin/tokenExchange` invoke; the bot keeps it in memory (never in storage or logs) and exchanges it
 * on-behalf-of the user for Graph, so Graph applies the asker's own roles. Teams answers a 412 from the bot by
 * showing a sign-in button.
 */
import { randomUUID } from 'node:crypto';
import { type Activity, type Attachment, CardFactory } from 'botbuilder';
import type { SsoConfig } from '../config';

interface TokenClaims {
  aud?: string;
  oid?: string;
  tid?: string;
  exp?: number;
}

export interface TokenExchangeRequest {
  id?: string;
  connectionName?: string;
  token?: string;
}

function claimsOf(token: string): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return undefined;
  }
}

/** Signed-in askers whose tokens are held at once. */
const MAX_SSO_TOKENS = 10_000;

/** Users' SSO tokens by Entra object id, until shortly before they expire. */
export class SsoTokenStore {
  private readonly tokens = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  get(aadObjectId: string | undefined): string | undefined {
    if (!aadObjectId) return undefined;
    const entry = this.tokens.get(aadObjectId);
    if (!entry) return undefined;
    if (entry.expiresAt - 60_000 <= this.clock()) {
      this.tokens.delete(aadObjectId);
      return undefined;
    }
    return entry.token;
  }

  set(aadObjectId: string, token: string, expiresAt: number): void {
    this.tokens.delete(aadObjectId);
    // Bounded: beyond this many signed-in askers the longest-held token goes (its owner is asked to sign in again).
    while (this.tokens.size >= MAX_SSO_TOKENS) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(aadObjectId, { token, expiresAt });
  }

  get size(): number {
    return this.tokens.size;
  }
}

/**
 * Checks a token Teams handed over before it is kept: for this app, for the user who sent the invoke, in their
 * tenant, not expired. Its signature is checked by the identity platform when it is exchanged on-behalf-of.
 */
export function acceptExchangedToken(activity: Partial<Activity>, sso: SsoConfig, now: number): { token: string; expiresAt: number } | { failure: string } {
  const request = (activity.value ?? {}) as TokenExchangeRequest;
  if (!request.token) return { failure: 'The token exchange carried no token.' };
  const claims = claimsOf(request.token);
  if (!claims) return { failure: 'The token is not a JWT.' };
  const audiences = [`api://botid-${sso.appId}`, sso.appId];
  if (!claims.aud || !audiences.includes(claims.aud)) return { failure: 'The token is not for this bot.' };
  if (!activity.from?.aadObjectId || claims.oid !== activity.from.aadObjectId) return { failure: 'The token belongs to another user.' };
  const tenant = activity.conversation?.tenantId;
  if (tenant && claims.tid && claims.tid !== tenant) return { failure: 'The token is from another tenant.' };
  if (!claims.exp || claims.exp * 1000 <= now) return { failure: 'The token has expired.' };
  return { token: request.token, expiresAt: claims.exp * 1000 };
}

/** The card that asks Teams for a token; where silent sign-on fails Teams shows its button. */
export function signInCard(sso: SsoConfig): Attachment {
  return CardFactory.oauthCard(
    sso.connectionName,
    'Sign in',
    'Sign in so that I read your tenant with your own permissions.',
    undefined,
    { id: randomUUID(), uri: `api://botid-${sso.appId}`, providerId: '' },
  );
}
