import { createHash } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import type { LocalClient } from '../types';
import type { TenantStore } from '../tenant/store';
import type { Directory } from '../tenant/directory';
import type { GraphObject } from '../snapshot/layout';
import { OAuthError, oauthErrorBody, oauthErrors } from './oauthErrors';
import { GRAPH_APP_ID, GRAPH_RESOURCE, TEAMS_CLIENT_APP_ID, type TokenService } from './tokens';
import type { SigningKey } from './signingKey';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

/** A stable pseudo-GUID for ids the snapshot does not hold (a client without a service principal). */
function derivedGuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The Microsoft identity platform v2.0 surface MSAL needs: OpenID metadata, JWKS, and the token endpoint with
 * the client-credentials and on-behalf-of grants.
 */
export class IdentityPlatform {
  constructor(
    private readonly origin: string,
    private readonly tokens: TokenService,
    private readonly key: SigningKey,
    private readonly store: TenantStore,
    private readonly directory: Directory,
    readonly clients: LocalClient[],
  ) {}

  /** Tenant segments that name this tenant: its id, common/organizations and its verified domains. */
  knowsTenant(segment: string): boolean {
    const lower = segment.toLowerCase();
    if (lower === this.store.tenantId || lower === 'common' || lower === 'organizations') return true;
    const domains = this.store.items('organization').flatMap((org) => (org.verifiedDomains as Array<{ name?: string }> | undefined) ?? []);
    return domains.some((domain) => domain.name?.toLowerCase() === lower);
  }

  openidConfiguration(): Record<string, unknown> {
    const base = `${this.origin}/${this.store.tenantId}`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: this.tokens.issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.origin}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'NA',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  }

  jwks(): Record<string, unknown> {
    return { keys: [{ ...this.key.jwk, issuer: this.tokens.issuer }] };
  }

  /** Instance discovery answer (MSAL asks it unless instance discovery is disabled). */
  instanceDiscovery(): Record<string, unknown> {
    const host = new URL(this.origin).host;
    return {
      tenant_discovery_endpoint: `${this.origin}/${this.store.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  }

  private client(form: URLSearchParams, tenant: string): LocalClient {
    const clientId = form.get('client_id');
    if (!clientId) throw oauthErrors.missingParameter('client_id');
    const client = this.clients.find((c) => c.clientId === clientId);
    if (!client) throw oauthErrors.unknownClient(clientId, tenant);
    const secret = form.get('client_secret');
    if (!secret) throw oauthErrors.missingSecret();
    if (secret !== client.clientSecret) throw oauthErrors.badSecret(clientId);
    // A disabled application gets no token at all, for either grant, as in Entra (AADSTS7000112).
    if (this.servicePrincipalOf(client)?.accountEnabled === false) throw oauthErrors.applicationDisabled(clientId);
    return client;
  }

  private servicePrincipalOf(client: LocalClient): GraphObject | undefined {
    return this.store.lookup('servicePrincipals', 'appId', client.clientId)[0];
  }

  private servicePrincipalId(client: LocalClient): string {
    return (this.servicePrincipalOf(client)?.id as string | undefined) ?? derivedGuid(`${this.store.tenantId}/${client.clientId}`);
  }

  private appClaims(client: LocalClient, audience: string): Record<string, unknown> {
    return {
      aud: audience,
      appid: client.clientId,
      azp: client.clientId,
      app_displayname: client.displayName,
      appidacr: '1',
      azpacr: '1',
      idp: this.tokens.issuer,
      ver: '1.0',
    };
  }

  /** Handles POST /{tenant}/oauth2/v2.0/token. */
  token(tenant: string, form: URLSearchParams, correlationId?: string): TokenResponse {
    try {
      if (!this.knowsTenant(tenant)) throw oauthErrors.unknownTenant(tenant);
      const grant = form.get('grant_type');
      if (!grant) throw oauthErrors.missingParameter('grant_type');
      if (grant === 'client_credentials') return { status: 200, body: this.clientCredentials(form, tenant) };
      if (grant === OBO_GRANT && form.get('requested_token_use') === 'on_behalf_of') return { status: 200, body: this.onBehalfOf(form, tenant) };
      throw oauthErrors.unsupportedGrant(grant);
    } catch (error) {
      if (error instanceof OAuthError) return { status: error.status, body: oauthErrorBody(error, correlationId) };
      throw error;
    }
  }

  private graphAudience(resource: string, tenant: string): string {
    const trimmed = resource.replace(/\/$/, '');
    if (trimmed.toLowerCase() === GRAPH_RESOURCE) return GRAPH_RESOURCE;
    if (trimmed.toLowerCase() === GRAPH_APP_ID) return GRAPH_APP_ID;
    // Clients derive the scope from the Graph host they call (as for national clouds): here that is this origin.
    if (trimmed.toLowerCase() === this.origin.toLowerCase()) return GRAPH_RESOURCE;
    throw oauthErrors.unknownResource(resource, tenant);
  }

  private clientCredentials(form: URLSearchParams, tenant: string): Record<string, unknown> {
    const client = this.client(form, tenant);
    const scope = form.get('scope');
    if (!scope) throw oauthErrors.missingParameter('scope');
    const scopes = scope.split(/\s+/).filter(Boolean);
    if (scopes.length !== 1 || !scopes[0].endsWith('/.default')) throw oauthErrors.scopeNeedsDefault(scope);
    const audience = this.graphAudience(scopes[0].slice(0, -'/.default'.length), tenant);
    const spId = this.servicePrincipalId(client);
    const accessToken = this.tokens.sign({ ...this.appClaims(client, audience), idtyp: 'app', oid: spId, sub: spId, roles: client.applicationPermissions });
    return { token_type: 'Bearer', expires_in: this.tokens.lifetimeSeconds - 1, ext_expires_in: this.tokens.lifetimeSeconds - 1, access_token: accessToken };
  }

  /** Requested Graph scopes: `.default` means every consented one; others must be consented. */
  private delegatedScopes(client: LocalClient, scope: string, tenant: string): { audience: string; scopes: string[]; wantsIdToken: boolean } {
    const requested = scope.split(/\s+/).filter(Boolean);
    const wantsIdToken = requested.includes('openid');
    const resourceScopes = requested.filter((s) => !OIDC_SCOPES.has(s));
    if (resourceScopes.length === 0) throw oauthErrors.invalidScope(scope);
    const consented = client.delegatedScopes ?? [];
    let audience = GRAPH_RESOURCE;
    const granted = new Set<string>();
    for (const item of resourceScopes) {
      const slash = item.lastIndexOf('/');
      const resource = slash > 0 ? item.slice(0, slash) : GRAPH_RESOURCE;
      const name = slash > 0 ? item.slice(slash + 1) : item;
      audience = this.graphAudience(resource, tenant);
      if (name === '.default') consented.forEach((s) => granted.add(s));
      else if (consented.includes(name)) granted.add(name);
      else throw oauthErrors.notConsented(client.clientId, item);
    }
    return { audience, scopes: [...granted], wantsIdToken };
  }

  private onBehalfOf(form: URLSearchParams, tenant: string): Record<string, unknown> {
    const client = this.client(form, tenant);
    const assertion = form.get('assertion');
    if (!assertion) throw oauthErrors.missingParameter('assertion');
    const scope = form.get('scope');
    if (!scope) throw oauthErrors.missingParameter('scope');
    let claims: Record<string, unknown>;
    try {
      claims = this.tokens.verify(assertion);
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw oauthErrors.expiredAssertion();
      throw oauthErrors.badAssertion((error as Error).message);
    }
    const aud = typeof claims.aud === 'string' ? claims.aud : '';
    if (aud !== client.clientId && !aud.endsWith(`botid-${client.clientId}`) && aud !== `api://${client.clientId}`) throw oauthErrors.assertionAudience();
    const user = this.store.get('users', typeof claims.oid === 'string' ? claims.oid : '');
    if (!user) throw oauthErrors.userNotFound(String(claims.oid));
    if (user.accountEnabled === false) throw oauthErrors.userDisabled();
    const { audience, scopes, wantsIdToken } = this.delegatedScopes(client, scope, tenant);
    const userId = user.id as string;
    const wids = [...this.directory.roleTemplateIds(userId)];
    const accessToken = this.tokens.sign({
      ...this.appClaims(client, audience),
      appidacr: '1',
      idtyp: 'user',
      oid: userId,
      sub: derivedGuid(`${client.clientId}/${userId}`),
      upn: user.userPrincipalName,
      unique_name: user.userPrincipalName,
      name: user.displayName,
      given_name: user.givenName ?? undefined,
      family_name: user.surname ?? undefined,
      amr: ['pwd', 'mfa'],
      scp: scopes.join(' '),
      wids: wids.length ? wids : undefined,
    });
    const body: Record<string, unknown> = {
      token_type: 'Bearer',
      scope: scopes.map((s) => `${GRAPH_RESOURCE}/${s}`).join(' '),
      expires_in: this.tokens.lifetimeSeconds - 1,
      ext_expires_in: this.tokens.lifetimeSeconds - 1,
      access_token: accessToken,
      client_info: Buffer.from(JSON.stringify({ uid: userId, utid: this.store.tenantId })).toString('base64url'),
    };
    if (wantsIdToken) {
      body.id_token = this.tokens.sign({ aud: client.clientId, oid: userId, sub: derivedGuid(`${client.clientId}/${userId}`), preferred_username: user.userPrincipalName, name: user.displayName, ver: '2.0' });
    }
    return body;
  }

  /** A Teams SSO token for a user of the tenant (by id or userPrincipalName), the on-behalf-of assertion. */
  issueUserAssertion(userIdOrUpn: string, audience?: string): string {
    const user = this.store.user(userIdOrUpn);
    if (!user) throw new Error(`No user ${userIdOrUpn} in the tenant snapshot`);
    const bot = this.clients[0];
    const userId = user.id as string;
    return this.tokens.sign({
      aud: audience ?? `api://botid-${bot.clientId}`,
      azp: TEAMS_CLIENT_APP_ID,
      azpacr: '0',
      oid: userId,
      sub: derivedGuid(`${TEAMS_CLIENT_APP_ID}/${userId}`),
      preferred_username: user.userPrincipalName,
      name: user.displayName,
      scp: 'access_as_user',
      ver: '2.0',
    });
  }
}
