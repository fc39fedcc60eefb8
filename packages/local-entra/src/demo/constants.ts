/**
 * Fixed identities of the built-in Contoso demo tenant. The launcher, the Playground configuration, the
 * `ask` CLI and the tests all refer to these, so they never change between generator runs.
 */
export const DEMO_TENANT_ID = '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11';
export const DEMO_TENANT_DOMAIN = 'contoso.com';
export const DEMO_CAPTURED_AT = '2026-11-20T12:00:00Z';

/** The demo admin: Global Administrator (reads everything, may act on risk). Default asker everywhere. */
export const DEMO_ADMIN = {
  id: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01',
  userPrincipalName: 'admin@contoso.com',
  displayName: 'Avery Admin',
} as const;

/** A help-desk operator with Global Reader only: may read but not act. */
export const DEMO_READER = {
  id: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c02',
  userPrincipalName: 'helpdesk@contoso.com',
  displayName: 'Harper Helpdesk',
} as const;

/** A member with no directory role at all. */
export const DEMO_MEMBER = {
  id: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c03',
  userPrincipalName: 'jordan.member@contoso.com',
  displayName: 'Jordan Member',
} as const;

/** A Security Administrator (may act on risk). */
export const DEMO_SECURITY_ADMIN = {
  id: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c04',
  userPrincipalName: 'sam.secadmin@contoso.com',
  displayName: 'Sam Secadmin',
} as const;

/** A Security Reader (may read risk, not act). */
export const DEMO_SECURITY_READER = {
  id: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c05',
  userPrincipalName: 'riley.secreader@contoso.com',
  displayName: 'Riley Secreader',
} as const;

/** The five Playground users (the Playground needs exactly five); the first is the default user. */
export const PLAYGROUND_USERS = [DEMO_ADMIN, DEMO_SECURITY_ADMIN, DEMO_READER, DEMO_SECURITY_READER, DEMO_MEMBER];

/**
 * The bot's own app registration in the local Entra (client credentials). Not a secret: it only opens the
 * local Entra on loopback.
 */
export const LOCAL_BOT_CLIENT = {
  clientId: '5d1e7f3a-2c4b-4a8e-9f60-3b7c1d2e4f50',
  clientSecret: 'local-entra-demo-secret-not-for-production',
  displayName: 'Entra Assistant (local)',
} as const;

/**
 * What the demo tenant's admin consented for that registration: the application permissions the bot asks for
 * (its reads, the risk actions and the three mitigations). Tenant data, kept here rather than imported from the bot;
 * the bot's tests check that it asks for exactly these.
 */
export const LOCAL_BOT_APPLICATION_PERMISSIONS: readonly string[] = [
  'User.Read.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'RoleManagement.Read.Directory',
  'UserAuthenticationMethod.Read.All',
  'IdentityRiskEvent.Read.All',
  'IdentityRiskyUser.ReadWrite.All',
  'IdentityRiskyServicePrincipal.ReadWrite.All',
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'Application.ReadWrite.All',
];

/** The delegated permissions consented for it (on-behalf-of tokens): User.Read plus the same. */
export const LOCAL_BOT_DELEGATED_SCOPES: readonly string[] = ['User.Read', ...LOCAL_BOT_APPLICATION_PERMISSIONS];
