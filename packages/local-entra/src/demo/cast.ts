import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER } from './constants';
import type { PlaceName } from './places';

/**
 * The named people of the Contoso demo. Their ids never change with the seed, so the storylines, the README and
 * the tests can name them.
 */
export interface CastMember {
  id: string;
  givenName: string;
  surname: string;
  /** The user principal name; guests get theirs from their home address. */
  userPrincipalName: string;
  department?: string;
  jobTitle?: string;
  home: PlaceName;
  synced: boolean;
  mfaRegistered: boolean;
  /** Guests: their address at home. */
  guestHomeAddress?: string;
  accountEnabled?: boolean;
  /** Days before capture the account was created. */
  createdDaysAgo: number;
  displayName?: string;
  /** Their sign-ins come only from their storyline (none from the background generator). */
  scripted?: boolean;
  /** Never signs in (break-glass accounts). */
  dormant?: boolean;
}

function member(
  id: string,
  givenName: string,
  surname: string,
  userPrincipalName: string,
  department: string,
  jobTitle: string,
  home: PlaceName,
  options: Partial<CastMember> = {},
): CastMember {
  return { id, givenName, surname, userPrincipalName, department, jobTitle, home, synced: true, mfaRegistered: true, createdDaysAgo: 900, ...options };
}

export const CAST = {
  admin: member(DEMO_ADMIN.id, 'Avery', 'Admin', DEMO_ADMIN.userPrincipalName, 'IT', 'IT Director', 'redmond', { synced: false, createdDaysAgo: 1400 }),
  reader: member(DEMO_READER.id, 'Harper', 'Helpdesk', DEMO_READER.userPrincipalName, 'IT', 'Helpdesk Analyst', 'redmond', { synced: false, createdDaysAgo: 700 }),
  member: member(DEMO_MEMBER.id, 'Jordan', 'Member', DEMO_MEMBER.userPrincipalName, 'Marketing', 'Marketing Specialist', 'seattle', { createdDaysAgo: 500 }),
  securityAdmin: member(DEMO_SECURITY_ADMIN.id, 'Sam', 'Secadmin', DEMO_SECURITY_ADMIN.userPrincipalName, 'IT', 'Security Administrator', 'redmond', { synced: false, createdDaysAgo: 800 }),
  securityReader: member(DEMO_SECURITY_READER.id, 'Riley', 'Secreader', DEMO_SECURITY_READER.userPrincipalName, 'IT', 'Security Analyst', 'bellevue', { synced: false, createdDaysAgo: 650 }),
  ceo: member('9edaa7ac-90c0-4802-b9b9-c0d21f6af725', 'Patti', 'Fernandez', 'patti.fernandez@contoso.com', 'Executive', 'Chief Executive Officer', 'redmond', { createdDaysAgo: 2100 }),
  megan: member('a0b4c58a-5b27-48fa-b6d1-bf1a1f3ccabe', 'Megan', 'Bowen', 'megan.bowen@contoso.com', 'Marketing', 'Marketing Manager', 'seattle', { createdDaysAgo: 1600, scripted: true }),
  priya: member('d150307c-d576-4ef3-9458-9ad4c8613d22', 'Priya', 'Patel', 'priya.patel@contoso.com', 'Finance', 'Financial Analyst', 'bellevue', { createdDaysAgo: 420, scripted: true }),
  bob: member('1caa7dd4-ddb5-4bb1-895b-9fe9356f4bfe', 'Bob', 'Kelly', 'bob@contoso.com', 'Finance', 'Accounts Payable Specialist', 'redmond', { createdDaysAgo: 1200, scripted: true }),
  lee: member('66d3f072-5a5e-47ee-a081-f8dd0208cf33', 'Lee', 'Gu', 'lee.gu@contoso.com', 'Operations', 'Logistics Coordinator', 'chicago', { synced: false, createdDaysAgo: 980, scripted: true }),
  isaiah: member('2af31a36-efbc-42ab-a450-4f72ac3a385d', 'Isaiah', 'Langer', 'isaiah.langer@contoso.com', 'IT', 'Systems Engineer', 'redmond', { synced: false, createdDaysAgo: 330 }),
  adele: member('58b658b3-4ebd-458f-9256-dfe2ebe85496', 'Adele', 'Vance', 'adele.vance@contoso.com', 'Sales', 'Sales Manager', 'newYork', { createdDaysAgo: 1350, scripted: true }),
  alex: member('b67dbe1f-b79a-4f9f-9ead-9be170e8a2f7', 'Alex', 'Wilber', 'alex.wilber@contoso.com', 'Marketing', 'Content Strategist', 'seattle', { mfaRegistered: false, createdDaysAgo: 260, scripted: true }),
  diego: member('7e48fea8-0a9b-4eb6-a35a-5cc6a17907e3', 'Diego', 'Siciliani', 'diego.siciliani@contoso.com', 'Human Resources', 'HR Business Partner', 'bellevue', { createdDaysAgo: 1100, scripted: true }),
  conor: member('528c9da7-92f2-423a-b255-6fb00faa6f1b', 'Conor', "O'Brien", 'conor.obrien@contoso.com', 'Sales', 'Account Executive', 'dublin', { createdDaysAgo: 610 }),
  nestor: {
    id: 'dc18c9cf-3198-4bac-95b2-ee8332725bb5',
    givenName: 'Nestor',
    surname: 'Wilke',
    userPrincipalName: 'nestor.wilke_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    guestHomeAddress: 'nestor.wilke@fabrikam.com',
    home: 'london',
    synced: false,
    mfaRegistered: false,
    createdDaysAgo: 9,
    scripted: true,
  } as CastMember,
  johanna: member('0642af2c-52fe-4868-81af-d4e6ed053dff', 'Johanna', 'Lorenz', 'johanna.lorenz@contoso.com', 'Operations', 'Warehouse Supervisor', 'munich', { createdDaysAgo: 1900, scripted: true }),
  lidia: member('20d0ffed-81d0-49d5-9d8e-40d84d47e61f', 'Lidia', 'Holloway', 'lidia.holloway@contoso.com', 'Engineering', 'Senior Software Engineer', 'austin', { createdDaysAgo: 720, scripted: true }),
  lynne: member('703563e7-8f60-4280-bf7f-a1ee12083d71', 'Lynne', 'Robbins', 'lynne.robbins@contoso.com', 'Engineering', 'Engineering Manager', 'redmond', { createdDaysAgo: 1500 }),
  joni: member('5059e11f-8cfa-4bb1-b061-ec921d27b8a5', 'Joni', 'Sherman', 'joni.sherman@contoso.com', 'Legal', 'Paralegal', 'newYork', { createdDaysAgo: 540, scripted: true }),
  pradeep: member('21095052-b695-4c12-be67-077ec7e4f09f', 'Pradeep', 'Gupta', 'pradeep.gupta@contoso.com', 'IT', 'Identity Administrator', 'redmond', { synced: false, createdDaysAgo: 1250 }),
  miriam: member('9dd8e059-917c-4b98-8ee3-ee6fa62f3a86', 'Miriam', 'Graham', 'miriam.graham@contoso.com', 'IT', 'Application Platform Lead', 'seattle', { createdDaysAgo: 1000 }),
  christie: member('0b9a4594-6ccd-4ae0-b7b9-71172c413147', 'Christie', 'Cline', 'christie.cline@contoso.com', 'IT', 'IT Support Specialist', 'bellevue', { createdDaysAgo: 880 }),
  enrico: member('7e0abb8c-40c2-4d2c-bac6-14364c1c4ab5', 'Enrico', 'Cattaneo', 'enrico.cattaneo@contoso.com', 'IT', 'IT Support Specialist', 'london', { createdDaysAgo: 760 }),
  henrietta: member('0333e5e9-58b9-48df-ab9f-d0f59919f169', 'Henrietta', 'Mueller', 'henrietta.mueller@contoso.com', 'IT', 'Security Analyst', 'munich', { createdDaysAgo: 690 }),
  raul: member('4f0b6bad-711f-4382-a0c9-61cfcdb3465f', 'Raul', 'Razo', 'raul.razo@contoso.com', 'IT', 'Network Engineer', 'austin', { createdDaysAgo: 940 }),
  debra: member('f68f3a6e-1084-406a-92b5-9c701d0bdf32', 'Debra', 'Berger', 'debra.berger@contoso.com', 'Customer Support', 'Support Director', 'chicago', { createdDaysAgo: 1300 }),
  irvin: member('ab195f56-4e3e-4794-ab0e-a5f3ae9284cb', 'Irvin', 'Sayers', 'irvin.sayers@contoso.com', 'Finance', 'Controller', 'redmond', { createdDaysAgo: 1700 }),
  breakGlass1: member('3b524df6-4fbc-4762-87c4-2f8927a46b10', 'Emergency', 'Access 01', 'breakglass01@contoso.onmicrosoft.com', 'IT', 'Emergency access account', 'redmond', { synced: false, createdDaysAgo: 1450, displayName: 'Emergency Access 01', dormant: true }),
  breakGlass2: member('2520702c-7817-4aad-b78a-184be3630ebc', 'Emergency', 'Access 02', 'breakglass02@contoso.onmicrosoft.com', 'IT', 'Emergency access account', 'redmond', { synced: false, createdDaysAgo: 1450, displayName: 'Emergency Access 02', dormant: true }),
} satisfies Record<string, CastMember>;

export type CastKey = keyof typeof CAST;

export function castDisplayName(member: CastMember): string {
  return member.displayName ?? `${member.givenName} ${member.surname}`;
}
