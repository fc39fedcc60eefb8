import { CAST } from './cast';
import { POLICY_NAMES } from './conditionalAccess';
import { tenantAppByName } from './applications';

/**
 * The incidents layered on top of the background data. Each has the question an admin would ask the bot and
 * the facts a correct answer contains; the tests check every fact is in the generated data.
 */
export interface Storyline {
  id: string;
  title: string;
  /** What an admin would ask the bot. */
  question: string;
  /** Strings a correct answer contains (error codes, policy names, people, addresses...). */
  facts: string[];
  userIds?: string[];
  appIds?: string[];
  groupIds?: string[];
  correlationId?: string;
}

/** Fixed values the storylines print, so questions and facts can quote them. */
export const STORY = {
  joniCorrelationId: 'c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05',
  lidiaAttackerIp: '192.0.2.77',
  payrollAttackerIp: '192.0.2.150',
  bobAttackerIp: '192.0.2.200',
  meganPhoneName: 'Pixel 9',
};

const app = (name: string) => tenantAppByName(name).appId;

export const STORYLINES: Storyline[] = [
  {
    id: 'megan-new-android',
    title: 'Megan Bowen is blocked on her new Android phone',
    question: 'Why can Megan Bowen not sign in to Outlook on her new phone since this morning?',
    facts: ['53000', POLICY_NAMES.compliantDevice, 'Outlook Mobile', 'Android'],
    userIds: [CAST.megan.id],
  },
  {
    id: 'priya-unmanaged-iphone',
    title: 'Priya Patel keeps getting 53000 on her new iPhone',
    question: 'Priya Patel keeps getting an error on her new iPhone. What is wrong?',
    facts: ['53000', POLICY_NAMES.compliantDevice, 'iOS'],
    userIds: [CAST.priya.id],
  },
  {
    id: 'bob-password-spray',
    title: 'Password spray against Bob Kelly',
    question: 'Is Bob Kelly under attack? Why is his account locked?',
    facts: ['50126', '50053', 'passwordSpray', 'high', 'Finance', 'Pradeep Gupta', STORY.bobAttackerIp],
    userIds: [CAST.bob.id, CAST.pradeep.id],
  },
  {
    id: 'lee-disabled-yesterday',
    title: 'Lee Gu was disabled yesterday',
    question: 'Lee Gu says he cannot sign in since yesterday. What happened?',
    facts: ['50057', 'Disable account', 'Pradeep Gupta'],
    userIds: [CAST.lee.id],
  },
  {
    id: 'guest-without-mfa',
    title: 'A Fabrikam guest has not registered MFA',
    question: 'Why can our Fabrikam guest Nestor Wilke not open the shared Teams workspace?',
    facts: ['50079', POLICY_NAMES.mfaGuests, 'nestor.wilke@fabrikam.com'],
    userIds: [CAST.nestor.id],
  },
  {
    id: 'legacy-authentication',
    title: 'Legacy mail client blocked',
    question: 'Johanna Lorenz says her mail app stopped syncing. Why?',
    facts: ['53003', POLICY_NAMES.blockLegacy, 'IMAP4'],
    userIds: [CAST.johanna.id],
  },
  {
    id: 'blocked-country',
    title: 'Sign-ins from a blocked country',
    question: 'Were there any sign-ins for Lidia Holloway from a blocked country?',
    facts: ['53003', POLICY_NAMES.blockedCountries, 'RU', STORY.lidiaAttackerIp],
    userIds: [CAST.lidia.id],
  },
  {
    id: 'new-global-admin',
    title: 'A new Global Administrator',
    question: 'Who became a Global Administrator recently, and who made the change?',
    facts: ['Isaiah Langer', 'Global Administrator', 'Pradeep Gupta', 'Add member to role'],
    userIds: [CAST.isaiah.id, CAST.pradeep.id],
  },
  {
    id: 'ownerless-group',
    title: 'Project Falcon has no owner left',
    question: 'Which groups have no owners, and how did Project Falcon lose its owner?',
    facts: ['Project Falcon', 'Lynne Robbins', 'Debra Berger', 'Remove owner from group'],
    userIds: [CAST.lynne.id, CAST.debra.id],
  },
  {
    id: 'payroll-secret-then-risk',
    title: 'A new secret on Payroll Connector, then a risky service principal',
    question: 'Is the Payroll Connector app compromised?',
    facts: ['Payroll Connector', 'Miriam Graham', 'Certificates and secrets management', 'high', 'suspiciousSignins', STORY.payrollAttackerIp],
    userIds: [CAST.miriam.id],
    appIds: [app('Payroll Connector')],
  },
  {
    id: 'adele-dismissed-risk',
    title: "Adele Vance's risk was dismissed",
    question: 'Why is Adele Vance no longer a risky user?',
    facts: ['unfamiliarFeatures', 'dismissed', 'adminDismissedAllRiskForUser', 'Sam Secadmin'],
    userIds: [CAST.adele.id, CAST.securityAdmin.id],
  },
  {
    id: 'alex-leaked-credentials',
    title: 'Alex Wilber: leaked credentials and no MFA',
    question: 'Is Alex Wilber at risk, and can he use MFA?',
    facts: ['leakedCredentials', 'medium', 'atRisk', '50079'],
    userIds: [CAST.alex.id],
  },
  {
    id: 'diego-all-good',
    title: 'Nothing wrong with Diego Siciliani',
    question: 'Has Diego Siciliani had any sign-in problems this month?',
    facts: ['diego.siciliani@contoso.com'],
    userIds: [CAST.diego.id],
  },
  {
    id: 'correlation-id-lookup',
    title: 'A failure known only by its correlation id',
    question: `A user sent me the correlation id ${STORY.joniCorrelationId}. What went wrong?`,
    facts: ['50105', 'HR Portal', 'Joni Sherman'],
    userIds: [CAST.joni.id],
    appIds: [app('HR Portal')],
    correlationId: STORY.joniCorrelationId,
  },
  {
    id: 'expired-client-secret',
    title: 'Inventory Sync stopped: its client secret expired',
    question: 'Why is the Inventory Sync job failing?',
    facts: ['7000222', 'Inventory Sync'],
    appIds: [app('Inventory Sync')],
  },
  {
    id: 'secrets-expiring-this-month',
    title: 'App credentials expiring this month',
    question: 'Which app secrets or certificates expire this month?',
    facts: ['Sales Dashboard', 'Expense Tracker', 'Invoice OCR', 'Backup Service'],
    appIds: ['Sales Dashboard', 'Expense Tracker', 'Invoice OCR', 'Backup Service'].map(app),
  },
];
