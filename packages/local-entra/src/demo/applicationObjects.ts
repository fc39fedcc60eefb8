import { FIRST_PARTY, MICROSOFT_TENANT_ID, TENANT_APPS, type CredentialPlan, type TenantApp } from './applications';
import { CAST, type CastKey } from './cast';
import { DAY, before, iso, CAPTURED_MS } from './clock';
import { DEMO_TENANT_ID } from './constants';
import { stableGuid, streamFor } from './random';

/** Application registrations and service principals in Graph's shapes, with owners and credentials. */

export function credentialKeyId(app: TenantApp, credential: CredentialPlan): string {
  return stableGuid(0, 'credential', app.displayName, credential.displayName);
}

export function credentialThumbprint(app: TenantApp, credential: CredentialPlan): string {
  return streamFor(0, 'thumbprint', app.displayName, credential.displayName).hex(40).toUpperCase();
}

/** The credential a storyline refers to by its key ('payroll-new-secret'). */
export function findCredential(key: string): { app: TenantApp; credential: CredentialPlan } {
  for (const app of TENANT_APPS) {
    const credential = app.credentials.find((c) => c.key === key);
    if (credential) return { app, credential };
  }
  throw new Error(`No credential ${key}`);
}

function startMs(credential: CredentialPlan): number {
  return before(credential.startDaysAgo * DAY);
}

function endMs(credential: CredentialPlan): number {
  return CAPTURED_MS + credential.endDaysFromCapture * DAY;
}

function passwordCredentials(app: TenantApp): Record<string, unknown>[] {
  return app.credentials
    .filter((c) => c.kind === 'secret')
    .map((c) => ({
      customKeyIdentifier: null,
      displayName: c.displayName,
      endDateTime: iso(endMs(c)),
      hint: streamFor(0, 'hint', app.displayName, c.displayName).hex(3),
      keyId: credentialKeyId(app, c),
      secretText: null,
      startDateTime: iso(startMs(c)),
    }));
}

function keyCredentials(app: TenantApp): Record<string, unknown>[] {
  return app.credentials
    .filter((c) => c.kind === 'certificate')
    .map((c) => ({
      customKeyIdentifier: credentialThumbprint(app, c),
      displayName: c.displayName,
      endDateTime: iso(endMs(c)),
      key: null,
      keyId: credentialKeyId(app, c),
      startDateTime: iso(startMs(c)),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    }));
}

const ownerRefs = (app: TenantApp) =>
  app.ownerKeys.map((key) => ({ '@odata.type': '#microsoft.graph.user', id: CAST[key as CastKey].id }));

export function applicationObject(app: TenantApp): Record<string, unknown> {
  return {
    id: app.applicationObjectId,
    appId: app.appId,
    displayName: app.displayName,
    description: app.description ?? null,
    createdDateTime: iso(before(app.createdDaysAgo * DAY)),
    signInAudience: 'AzureADMyOrg',
    publisherDomain: 'contoso.com',
    identifierUris: app.daemon ? [] : [`api://${app.appId}`],
    isFallbackPublicClient: null,
    tags: [],
    web: { redirectUris: app.daemon ? [] : [`https://${app.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.contoso.com/signin-oidc`], homePageUrl: null, logoutUrl: null },
    requiredResourceAccess: [
      {
        resourceAppId: '00000003-0000-0000-c000-000000000000',
        resourceAccess: [{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }],
      },
    ],
    passwordCredentials: passwordCredentials(app),
    keyCredentials: keyCredentials(app),
    owners: ownerRefs(app),
  };
}

export function servicePrincipalObject(app: TenantApp): Record<string, unknown> {
  return {
    id: app.servicePrincipalId,
    appId: app.appId,
    displayName: app.displayName,
    appDisplayName: app.displayName,
    appOwnerOrganizationId: DEMO_TENANT_ID,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoleAssignmentRequired: app.assignmentRequired,
    servicePrincipalNames: app.daemon ? [app.appId] : [app.appId, `api://${app.appId}`],
    signInAudience: 'AzureADMyOrg',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    preferredSingleSignOnMode: null,
    disabledByMicrosoftStatus: null,
    passwordCredentials: [],
    keyCredentials: [],
    owners: ownerRefs(app),
  };
}

/** Service principals of the Microsoft applications people sign in to. */
export function firstPartyServicePrincipals(): Record<string, unknown>[] {
  const seen = new Set<string>();
  return Object.values(FIRST_PARTY)
    .filter((app) => (seen.has(app.appId) ? false : (seen.add(app.appId), true)))
    .map((app) => ({
      id: stableGuid(0, 'first-party-sp', app.appId),
      appId: app.appId,
      displayName: app.displayName,
      appDisplayName: app.displayName,
      appOwnerOrganizationId: MICROSOFT_TENANT_ID,
      servicePrincipalType: 'Application',
      accountEnabled: true,
      appRoleAssignmentRequired: false,
      servicePrincipalNames: [app.appId],
      signInAudience: 'AzureADMultipleOrgs',
      tags: [],
      preferredSingleSignOnMode: null,
      disabledByMicrosoftStatus: null,
      passwordCredentials: [],
      keyCredentials: [],
      owners: [],
    }));
}
