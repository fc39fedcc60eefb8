import { randomUUID } from 'node:crypto';

/** A token endpoint refusal, shaped as the Microsoft identity platform sends it (aadsts-codes.json example). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = 'OAuthError';
  }
}

/** "2016-01-09 02:02:12Z", the platform's timestamp format. */
function platformTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

export function oauthErrorBody(error: OAuthError, correlationId: string = randomUUID()): Record<string, unknown> {
  const traceId = randomUUID();
  const timestamp = platformTimestamp(new Date());
  return {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  };
}

export const oauthErrors = {
  missingParameter: (name: string) => new OAuthError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  unknownTenant: (tenant: string) =>
    new OAuthError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  unsupportedGrant: (grant: string) => new OAuthError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    new OAuthError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingSecret: () => new OAuthError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  badSecret: (clientId: string) =>
    new OAuthError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  scopeNeedsDefault: (scope: string) =>
    new OAuthError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) => new OAuthError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  unknownResource: (resource: string, tenant: string) =>
    new OAuthError(400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${tenant}.`),
  notConsented: (clientId: string, scopes: string) =>
    new OAuthError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource. Scopes: ${scopes}.`),
  badAssertion: (why: string) => new OAuthError(400, 'invalid_grant', 50013, `Assertion failed signature validation or is malformed. ${why}`),
  expiredAssertion: () => new OAuthError(400, 'invalid_grant', 500133, 'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.'),
  assertionAudience: () => new OAuthError(400, 'invalid_grant', 50013, 'Assertion audience does not match the Client app presenting the assertion.'),
  userNotFound: (userId: string) => new OAuthError(400, 'invalid_grant', 50034, `The user account ${userId} does not exist in the directory.`),
  userDisabled: () => new OAuthError(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  applicationDisabled: (appId: string) => new OAuthError(400, 'unauthorized_client', 7000112, `Application '${appId}' is disabled.`),
};
