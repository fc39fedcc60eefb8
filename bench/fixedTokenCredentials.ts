import { PasswordServiceClientCredentialFactory, type ServiceClientCredentials, TokenCredentials } from 'botframework-connector';

export interface CredentialsRequest {
  appId: string;
  audience: string | undefined;
  loginEndpoint: string;
}

/**
 * The bot's real credential rules (which app ids are valid, whether authentication is on) with one change: replies
 * to the channel carry a fixed bearer token instead of one fetched from Microsoft's login service, so a connector
 * on loopback can receive them (the tests see which token was used; the load bench's bots reply without a network).
 */
export class FixedTokenCredentialsFactory extends PasswordServiceClientCredentialFactory {
  /** What botbuilder asked credentials for, in order. */
  readonly requests: CredentialsRequest[] = [];

  constructor(
    appId: string,
    password: string,
    tenantId: string,
    readonly bearerToken: string,
  ) {
    super(appId, password, tenantId);
  }

  override createCredentials(appId: string, audience: string | undefined, loginEndpoint: string): Promise<ServiceClientCredentials> {
    // Bounded: a long-running bench bot asks once per turn.
    if (this.requests.length < 100) this.requests.push({ appId, audience, loginEndpoint });
    return Promise.resolve(new TokenCredentials(this.bearerToken));
  }
}
