import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type JsonWebKey, type KeyObject, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The issuer of every token the Bot Framework channel sends to a bot (public cloud). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface IssuerKey {
  kid: string;
  privateKey: KeyObject;
  /** The public half as published in the JWKS. */
  jwk: JsonWebKey & { kid: string; use: string; alg: string; endorsements: string[] };
}

/** Every knob a test turns to make a token the bot must refuse. Times are seconds relative to now. */
export interface ChannelTokenOptions {
  /** The `aud` claim: the bot's app id for a good token. */
  audience: string;
  /** The `serviceurl` claim; left out of the token when undefined. */
  serviceUrl?: string;
  issuer?: string;
  /** `exp`, default one hour ahead; a negative value gives an expired token. */
  expiresIn?: number;
  /** `nbf`, default five minutes ago. */
  notBefore?: number;
  /** `iat`, default five minutes ago. */
  issuedAt?: number;
  /** The `kid` header, default the first published key. A kid not in the JWKS gives an unknown key. */
  kid?: string;
  /** Signs with this key instead of the kid's own: with a published kid, a forged signature. */
  signWith?: KeyObject;
  claims?: Record<string, unknown>;
}

export function newRsaKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/**
 * The Bot Framework's token service, on loopback: OpenID metadata, a JWKS of RSA keys endorsed for Teams, and a
 * signer for the channel's RS256 tokens. botbuilder caches keys for 24 hours per metadata URL, process-wide, so each
 * instance publishes its metadata under a path of its own: two instances never share a cache entry, even on one port.
 */
export class BotFrameworkIssuer {
  readonly keys: IssuerKey[];
  /** Paths fetched, in order: proof that botbuilder read the metadata and keys from here. */
  readonly requests: string[] = [];
  private server?: http.Server;
  private readonly instancePath = `/${randomUUID()}`;
  url = '';

  constructor(options: { keyCount?: number; endorsements?: string[] } = {}) {
    const endorsements = options.endorsements ?? ['msteams'];
    this.keys = Array.from({ length: options.keyCount ?? 2 }, () => {
      const privateKey = newRsaKey();
      const kid = randomUUID();
      const { n, e } = publicJwk(privateKey);
      return { kid, privateKey, jwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e, endorsements } };
    });
  }

  /** The URL to give as BOT_CHANNEL_OPENID_METADATA_URL. */
  get metadataUrl(): string {
    return `${this.url}${this.instancePath}/.well-known/openid-configuration`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const path = req.url ?? '';
      this.requests.push(path);
      if (req.method === 'GET' && path === `${this.instancePath}/.well-known/openid-configuration`) {
        return json(res, 200, {
          issuer: BOT_FRAMEWORK_ISSUER,
          authorization_endpoint: `${this.url}${this.instancePath}/authorize`,
          jwks_uri: `${this.url}${this.instancePath}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (req.method === 'GET' && path === `${this.instancePath}/keys`) {
        return json(res, 200, { keys: this.keys.map((k) => k.jwk) });
      }
      json(res, 404, { error: 'not found' });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A channel-to-bot token; every field can be bent by the options. */
  sign(options: ChannelTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const kid = options.kid ?? this.keys[0].kid;
    const own = this.keys.find((k) => k.kid === kid);
    const key = options.signWith ?? own?.privateKey;
    if (!key) throw new Error(`No key to sign with for kid ${kid}: pass signWith`);
    const payload: Record<string, unknown> = {
      iss: options.issuer ?? BOT_FRAMEWORK_ISSUER,
      aud: options.audience,
      iat: now + (options.issuedAt ?? -300),
      nbf: now + (options.notBefore ?? -300),
      exp: now + (options.expiresIn ?? 3600),
      ...(options.serviceUrl !== undefined ? { serviceurl: options.serviceUrl } : {}),
      ...options.claims,
    };
    return jwt.sign(payload, key, { algorithm: 'RS256', keyid: kid });
  }
}

function publicJwk(privateKey: KeyObject): { n: string; e: string } {
  const { n, e } = privateKey.export({ format: 'jwk' });
  if (!n || !e) throw new Error('not an RSA key');
  return { n, e };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
