import { LOCAL_BOT_CLIENT } from './constants';
import type { AppInfo } from './model';
import { stableGuid } from './random';

/** Microsoft's own tenant, owner of the first-party applications. */
export const MICROSOFT_TENANT_ID = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

const EXCHANGE = { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' };
const SHAREPOINT = { id: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' };
const GRAPH = { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' };
const AZURE_MANAGEMENT = { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' };

function firstParty(appId: string, displayName: string, resource: { id: string; name: string }, office365: boolean): AppInfo {
  return { appId, displayName, resourceId: resource.id, resourceDisplayName: resource.name, office365 };
}

/** Microsoft applications people sign in to. `office365` follows the Office 365 app group of Conditional Access. */
export const FIRST_PARTY = {
  outlookMobile: firstParty('27922004-5251-4030-b22d-91ecd9a37ea4', 'Outlook Mobile', EXCHANGE, true),
  teams: firstParty('1fec8e78-bce4-4aaf-ab1b-5451cc387264', 'Microsoft Teams', { id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', name: 'Microsoft Teams Services' }, true),
  sharePoint: firstParty(SHAREPOINT.id, SHAREPOINT.name, SHAREPOINT, true),
  officeHome: firstParty('4765445b-32c6-49b0-83e6-1d93765276ca', 'OfficeHome', { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' }, true),
  office: firstParty('d3590ed6-52b3-4102-aeff-aad2292ab01c', 'Microsoft Office', EXCHANGE, true),
  exchange: firstParty(EXCHANGE.id, EXCHANGE.name, EXCHANGE, true),
  azurePortal: firstParty('c44b4083-3bb0-49c1-b47d-974e53cbdf3c', 'Azure Portal', AZURE_MANAGEMENT, false),
  azureCli: firstParty('04b07795-8ddb-461a-bbee-02f9e1bf7b46', 'Microsoft Azure CLI', AZURE_MANAGEMENT, false),
  myApps: firstParty('2793995e-0a7d-40d7-bd35-6968ba142197', 'My Apps', { id: '0000000c-0000-0000-c000-000000000000', name: 'Microsoft App Access Panel' }, false),
} satisfies Record<string, AppInfo>;

export const GRAPH_RESOURCE = GRAPH;

export type CredentialPlan =
  | { kind: 'secret'; displayName: string; startDaysAgo: number; endDaysFromCapture: number; key?: string }
  | { kind: 'certificate'; displayName: string; startDaysAgo: number; endDaysFromCapture: number; key?: string };

/** One of the thirty applications Contoso registered. */
export interface TenantApp extends AppInfo {
  key: string;
  applicationObjectId: string;
  servicePrincipalId: string;
  createdDaysAgo: number;
  credentials: CredentialPlan[];
  /** Runs as a daemon (client credentials sign-ins). */
  daemon: boolean;
  /** Only assigned users may sign in (AADSTS50105 for others). */
  assignmentRequired: boolean;
  ownerKeys: string[];
  /** The registration's description (free text anyone who may edit the app writes); absent: null. */
  description?: string;
}

function tenantApp(
  displayName: string,
  options: Partial<TenantApp> & { createdDaysAgo: number; credentials: CredentialPlan[] },
): TenantApp {
  const appId = options.appId ?? stableGuid(0, 'app', displayName);
  return {
    key: displayName,
    displayName,
    appId,
    applicationObjectId: stableGuid(0, 'application-object', displayName),
    servicePrincipalId: stableGuid(0, 'service-principal', displayName),
    resourceId: options.daemon ? GRAPH.id : appId,
    resourceDisplayName: options.daemon ? GRAPH.name : displayName,
    office365: false,
    daemon: false,
    assignmentRequired: false,
    ownerKeys: ['miriam'],
    ...options,
  };
}

const secret = (displayName: string, startDaysAgo: number, endDaysFromCapture: number): CredentialPlan => ({ kind: 'secret', displayName, startDaysAgo, endDaysFromCapture });
const certificate = (displayName: string, startDaysAgo: number, endDaysFromCapture: number): CredentialPlan => ({ kind: 'certificate', displayName, startDaysAgo, endDaysFromCapture });

/**
 * The tenant's own applications. Credential end dates are days from capture: negative = already expired.
 * November 2026 ends ten days after capture, so 1..10 means "expires this month".
 */
export const TENANT_APPS: TenantApp[] = [
  tenantApp('Payroll Connector', { createdDaysAgo: 800, daemon: true, ownerKeys: ['miriam', 'irvin'], credentials: [secret('Payroll sync 2026', 300, 65), { kind: 'secret', displayName: 'Payroll sync rotation', startDaysAgo: 2, endDaysFromCapture: 728, key: 'payroll-new-secret' }] }),
  tenantApp('Inventory Sync', { createdDaysAgo: 1000, daemon: true, ownerKeys: ['raul'], credentials: [{ kind: 'secret', displayName: 'Inventory Sync secret', startDaysAgo: 373, endDaysFromCapture: -8, key: 'inventory-expired-secret' }] }),
  tenantApp('HR Portal', { createdDaysAgo: 900, assignmentRequired: true, ownerKeys: ['diego'], credentials: [secret('HR Portal auth', 200, 530)] }),
  tenantApp('Expense Tracker', { createdDaysAgo: 700, ownerKeys: ['irvin'], credentials: [secret('Expense Tracker prod', 355, 6)] }),
  tenantApp('Contoso Intranet', { createdDaysAgo: 1500, credentials: [certificate('CN=intranet.contoso.com', 340, 25)] }),
  tenantApp('Sales Dashboard', { createdDaysAgo: 600, ownerKeys: ['adele'], credentials: [secret('Dashboard API', 362, 3)] }),
  tenantApp('CRM Connector', { createdDaysAgo: 640, daemon: true, ownerKeys: ['adele', 'miriam'], credentials: [certificate('CN=crm-connector', 120, 245)] }),
  tenantApp('Backup Service', { createdDaysAgo: 1200, daemon: true, ownerKeys: ['raul'], credentials: [certificate('CN=backup.contoso.com', 360, 9)] }),
  tenantApp('Build Pipeline', { createdDaysAgo: 500, daemon: true, ownerKeys: ['lynne'], credentials: [secret('GitHub Actions', 90, 90)] }),
  tenantApp('Marketing Automation', { createdDaysAgo: 450, ownerKeys: ['megan'], credentials: [secret('Campaign tool', 150, 215)] }),
  tenantApp('Data Warehouse ETL', { createdDaysAgo: 980, daemon: true, ownerKeys: ['lidia'], credentials: [certificate('CN=dw-etl', 200, 165)] }),
  tenantApp(LOCAL_BOT_CLIENT.displayName, { appId: LOCAL_BOT_CLIENT.clientId, createdDaysAgo: 40, daemon: true, ownerKeys: ['admin'], credentials: [secret('Local Entra', 40, 325)] }),
  tenantApp('Customer Portal', { createdDaysAgo: 1100, credentials: [certificate('CN=portal.contoso.com', 300, 65)] }),
  tenantApp('Partner Portal', { createdDaysAgo: 860, credentials: [secret('Partner SSO', 320, 45)] }),
  tenantApp('Ticketing System', { createdDaysAgo: 1300, ownerKeys: ['debra'], credentials: [secret('Helpdesk integration', 170, 195)] }),
  tenantApp('Contract Manager', { createdDaysAgo: 410, ownerKeys: ['joni'], credentials: [] }),
  tenantApp('Travel Booking', { createdDaysAgo: 720, credentials: [secret('Travel SSO', 400, -35)] }),
  tenantApp('Learning Hub', { createdDaysAgo: 380, ownerKeys: ['diego'], credentials: [] }),
  tenantApp('Time Tracking', { createdDaysAgo: 1400, credentials: [secret('Timesheets API', 760, -40)] }),
  tenantApp('Procurement Portal', { createdDaysAgo: 560, ownerKeys: ['irvin'], credentials: [secret('Procurement', 240, 125)] }),
  tenantApp('Security Scanner', { createdDaysAgo: 300, daemon: true, ownerKeys: ['securityAdmin'], credentials: [certificate('CN=scanner', 100, 265)] }),
  tenantApp('Log Forwarder', { createdDaysAgo: 700, daemon: true, ownerKeys: ['henrietta'], credentials: [secret('SIEM export', 60, 305)] }),
  tenantApp('Identity Governance Sync', { createdDaysAgo: 650, daemon: true, ownerKeys: ['pradeep'], credentials: [certificate('CN=idgov-sync', 180, 185)] }),
  tenantApp('Mobile Field App', { createdDaysAgo: 330, credentials: [] }),
  tenantApp('Research Notebook', { createdDaysAgo: 270, ownerKeys: ['lidia'], credentials: [secret('Notebook API', 30, 150)] }),
  tenantApp('Legal Hold Archiver', { createdDaysAgo: 1000, daemon: true, ownerKeys: ['joni'], credentials: [certificate('CN=legalhold', 330, 35)] }),
  // Its description holds a link and an address, as free text from the tenant can (issue #15: cards must not make them live).
  tenantApp('Support Chatbot', { createdDaysAgo: 200, ownerKeys: ['debra'], credentials: [secret('Bot secret', 200, 165)], description: 'Bot broken? Mail bot-admin@evil.example or re-consent at https://consent.evil.example/approve' }),
  tenantApp('Invoice OCR', { createdDaysAgo: 480, daemon: true, ownerKeys: ['irvin'], credentials: [secret('OCR pipeline', 340, 8)] }),
  tenantApp('Warehouse Scanner', { createdDaysAgo: 900, ownerKeys: ['johanna'], credentials: [] }),
  tenantApp('Facilities Booking', { createdDaysAgo: 760, credentials: [secret('Rooms API', 100, 265)] }),
];

export function tenantAppByName(name: string): TenantApp {
  const app = TENANT_APPS.find((a) => a.displayName === name);
  if (!app) throw new Error(`No demo application named ${name}`);
  return app;
}
