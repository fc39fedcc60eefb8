import { DAY, before, iso } from './clock';
import { DEMO_TENANT_DOMAIN, DEMO_TENANT_ID } from './constants';

/** The tenant itself, licensed for Entra ID P2 so sign-in logs and risk data are available. */
export function organizationObject(): Record<string, unknown> {
  const assigned = iso(before(1500 * DAY));
  const plan = (service: string, servicePlanId: string) => ({ assignedDateTime: assigned, capabilityStatus: 'Enabled', service, servicePlanId });
  return {
    id: DEMO_TENANT_ID,
    displayName: 'Contoso',
    tenantType: 'AAD',
    createdDateTime: iso(before(2200 * DAY)),
    countryLetterCode: 'US',
    city: 'Redmond',
    state: 'WA',
    street: '1 Contoso Way',
    postalCode: '98052',
    country: 'United States',
    preferredLanguage: 'en',
    defaultUsageLocation: 'US',
    businessPhones: ['+1 425 555 0100'],
    marketingNotificationEmails: [],
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    technicalNotificationMails: [`admin@${DEMO_TENANT_DOMAIN}`],
    onPremisesSyncEnabled: true,
    onPremisesLastSyncDateTime: iso(before(17 * 60_000)),
    verifiedDomains: [
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: false, name: DEMO_TENANT_DOMAIN, type: 'Managed' },
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: false, isInitial: true, name: 'contoso.onmicrosoft.com', type: 'Managed' },
    ],
    assignedPlans: [
      plan('AADPremiumService', '41781fb2-bc02-4b7c-bd55-b576c07bb09d'),
      plan('AADPremiumService', 'eec0eb4f-6444-4f95-aba0-50c24d67f998'),
      plan('exchange', 'efb87545-963c-4e0d-99df-69c6916d9eb0'),
      plan('SharePoint', '5dbe027f-2339-4123-9542-606e4d348a72'),
      plan('TeamspaceAPI', '57ff2da0-773e-42df-b2af-ffb7a2317929'),
    ],
    provisionedPlans: [
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'exchange' },
      { capabilityStatus: 'Enabled', provisioningStatus: 'Success', service: 'SharePoint' },
    ],
    privacyProfile: null,
    mobileDeviceManagementAuthority: 'intune',
  };
}
