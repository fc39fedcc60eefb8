import { ClientSecretCredential, OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
import { Client } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { Agent } from 'undici';
import { LOCAL_BOT_CLIENT } from '../../src/demo/constants';
import type { LocalEntra } from '../../src/types';

/* Microsoft's own SDKs (the ones a Graph app uses) pointed at the local Entra: its tests check that they work unchanged. */

/** @azure/identity credentials pointed at the local Entra, trusting its certificate. */
export function appCredential(entra: LocalEntra, client: { clientId: string; clientSecret: string } = LOCAL_BOT_CLIENT): ClientSecretCredential {
  return new ClientSecretCredential(entra.tenantId, client.clientId, client.clientSecret, {
    authorityHost: entra.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: entra.caCertPem },
  });
}

/**
 * OnBehalfOfCredential's option type does not declare disableInstanceDiscovery, but the credential spreads its
 * options into MSAL's, so it takes effect; without it MSAL would ask login.microsoftonline.com.
 */
export async function oboCredential(entra: LocalEntra, userId: string): Promise<OnBehalfOfCredential> {
  const options = {
    tenantId: entra.tenantId,
    clientId: LOCAL_BOT_CLIENT.clientId,
    clientSecret: LOCAL_BOT_CLIENT.clientSecret,
    userAssertionToken: await entra.issueUserAssertion(userId),
    authorityHost: entra.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: entra.caCertPem },
  };
  return new OnBehalfOfCredential(options);
}

/**
 * The real Graph client against the local Entra: the host must be in customHosts (or no token is attached) and
 * fetch must trust the certificate (an undici Agent passed as `dispatcher` through fetchOptions).
 */
export function graphClient(entra: LocalEntra, credential: TokenCredential): { client: Client; dispatcher: Agent } {
  const dispatcher = new Agent({ connect: { ca: entra.caCertPem } });
  const url = new URL(entra.graphBaseUrl);
  const client = Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] }),
    baseUrl: entra.graphBaseUrl,
    // The client compares the host name without the port.
    customHosts: new Set([url.hostname]),
    fetchOptions: { dispatcher },
  });
  return { client, dispatcher };
}

