/**
 * What the common built-in Microsoft Entra roles let their holders do ("what can a Security Administrator do?"), in
 * the project's own words, with the least privileged role for nearby tasks and the Microsoft Learn reference. The
 * tenant's role definitions say the same in one line; this says what an admin needs to decide who gets the role.
 */
import { LEARN, type ConceptLink } from './concepts';

export interface RoleNote {
  /** The role's display name, as Graph's roleDefinitions spell it. */
  name: string;
  /** Other lower-case ways of naming it ("global admin", "ga"). */
  aliases: string[];
  /** What a holder can do. */
  can: string;
  /** What it does not give, or what to use instead for less. */
  limits: string;
  privileged: boolean;
}

const REFERENCE = `${LEARN}/entra/identity/role-based-access-control/permissions-reference`;

export const ROLE_NOTES: readonly RoleNote[] = [
  {
    name: 'Global Administrator',
    aliases: ['global admin', 'global admins', 'global administrators', 'ga', 'company administrator', 'tenant admin'],
    can: 'Everything in Microsoft Entra ID and in the Microsoft 365 services that use it: users, groups, apps, roles (including making other Global Administrators), Conditional Access, billing and tenant settings. It can also elevate itself to manage every Azure subscription of the tenant.',
    limits: 'Nothing is out of its reach, which is why Microsoft advises fewer than five holders, two break-glass accounts among them, and a narrower role for every day-to-day task.',
    privileged: true,
  },
  {
    name: 'Global Reader',
    aliases: ['global readers'],
    can: 'Read nearly everything a Global Administrator can see: users, groups, apps, roles, Conditional Access policies, sign-in and audit logs, Identity Protection.',
    limits: 'It cannot change anything, so it cannot dismiss risk, revoke sessions, reset passwords or edit policies.',
    // Marked privileged in the tenant's role definitions (isPrivileged): it can read everything sensitive.
    privileged: true,
  },
  {
    name: 'Security Administrator',
    aliases: ['security admin', 'security admins', 'security administrators'],
    can: 'Manage security settings: Conditional Access policies and named locations, Identity Protection (confirm users compromised, dismiss risk, set risk policies), security defaults, and read the sign-in and audit logs.',
    limits: 'It cannot reset passwords, manage users or groups, or assign roles; Security Operator is enough for handling risky users, Security Reader for looking.',
    privileged: true,
  },
  {
    name: 'Security Reader',
    aliases: ['security readers'],
    can: 'Read security information: Identity Protection reports (risky users, risk detections, risky workload identities), Conditional Access policies, sign-in and audit logs.',
    limits: 'It cannot act on risk or change any setting.',
    privileged: true,
  },
  {
    name: 'Security Operator',
    aliases: ['security operators'],
    can: 'Act on security alerts and Identity Protection: read risky users and detections, confirm users compromised or dismiss their risk.',
    limits: 'It cannot change Conditional Access or other security policies; that needs Security Administrator or Conditional Access Administrator.',
    privileged: true,
  },
  {
    name: 'Reports Reader',
    aliases: ['reports readers', 'report reader'],
    can: 'Read the sign-in and audit logs and the usage reports.',
    limits: 'It sees no Identity Protection data and changes nothing; it is the least privileged role for reading sign-in logs.',
    privileged: false,
  },
  {
    name: 'User Administrator',
    aliases: ['user admin', 'user admins', 'user administrators', 'user account administrator'],
    can: 'Create, edit and delete users and groups, reset passwords and invalidate refresh tokens of non-admins and some limited admins, manage licences and support tickets.',
    limits: 'It cannot reset the passwords of privileged admins (Global, Privileged Authentication, Privileged Role Administrators) or assign roles.',
    privileged: true,
  },
  {
    name: 'Helpdesk Administrator',
    aliases: ['helpdesk admin', 'helpdesk admins', 'help desk admin', 'help desk administrator', 'password administrator'],
    can: 'Reset passwords of non-admins and of other helpdesk-level admins, invalidate their refresh tokens, and read user and group details.',
    limits: 'It cannot reset the password of most admins, create users or change authentication methods; Authentication Administrator does methods.',
    privileged: true,
  },
  {
    name: 'Authentication Administrator',
    aliases: ['authentication admin', 'authentication admins', 'auth admin'],
    can: 'View, set and reset the authentication methods of non-admins and some limited admins (phone numbers, the Authenticator app, FIDO2 keys, temporary access passes), require them to register MFA again, and reset their passwords.',
    limits: 'It cannot change the methods of privileged admins (Privileged Authentication Administrator can) or the tenant-wide method policies (Authentication Policy Administrator).',
    privileged: true,
  },
  {
    name: 'Privileged Authentication Administrator',
    aliases: ['privileged authentication admin', 'privileged auth admin'],
    can: 'Everything Authentication Administrator can, for every user including Global Administrators: set and reset their authentication methods and passwords.',
    limits: 'Because it can take over any account, including Global Administrators, treat it like Global Administrator.',
    privileged: true,
  },
  {
    name: 'Privileged Role Administrator',
    aliases: ['privileged role admin', 'pra'],
    can: 'Assign and remove every Microsoft Entra role, including Global Administrator, manage role-assignable groups and Privileged Identity Management settings.',
    limits: 'Since it can make anyone a Global Administrator, keep it as scarce as Global Administrator.',
    privileged: true,
  },
  {
    name: 'Conditional Access Administrator',
    aliases: ['conditional access admin', 'ca admin'],
    can: 'Create, edit and delete Conditional Access policies and named locations, and read the sign-in logs they affect.',
    limits: 'It cannot act on Identity Protection risk or manage users; Security Administrator covers both policy and risk.',
    privileged: true,
  },
  {
    name: 'Application Administrator',
    aliases: ['application admin', 'app admin', 'app administrator', 'application admins'],
    can: 'Create and manage every app registration and enterprise app: credentials (secrets and certificates), owners, single sign-on, app proxy, and consent to delegated permissions for the tenant (not Microsoft Graph application permissions).',
    limits: 'Adding a credential to an app lets the holder sign in as that app, so it can reach whatever the app can.',
    privileged: true,
  },
  {
    name: 'Cloud Application Administrator',
    aliases: ['cloud application admin', 'cloud app admin', 'cloud app administrator'],
    can: 'Everything Application Administrator can except managing application proxy.',
    limits: 'As with Application Administrator, adding a secret to an app lets the holder act as that app.',
    privileged: true,
  },
  {
    name: 'Groups Administrator',
    aliases: ['groups admin', 'group admin', 'group administrator'],
    can: 'Create and manage groups and their settings: members, owners, naming and expiration policies, for security groups and Microsoft 365 groups.',
    limits: 'It cannot manage role-assignable groups (those need Privileged Role Administrator) or users themselves.',
    privileged: false,
  },
  {
    name: 'Authentication Policy Administrator',
    aliases: ['authentication policy admin'],
    can: 'Configure the tenant-wide authentication methods policy, MFA settings and password protection.',
    limits: 'It cannot change a given user\'s methods; that is Authentication Administrator.',
    privileged: true,
  },
  {
    name: 'Hybrid Identity Administrator',
    aliases: ['hybrid identity admin'],
    can: 'Manage Microsoft Entra Connect and Cloud Sync, pass-through authentication, seamless single sign-on and federation settings.',
    limits: 'Federation settings decide who can sign in as whom, so treat it as privileged.',
    privileged: true,
  },
  {
    name: 'Exchange Administrator',
    aliases: ['exchange admin', 'exchange admins'],
    can: 'Manage Exchange Online: mailboxes, mail flow, Microsoft 365 groups, and Exchange support tickets.',
    limits: 'It gives no rights over Entra users, roles or Conditional Access.',
    privileged: false,
  },
  {
    name: 'SharePoint Administrator',
    aliases: ['sharepoint admin', 'sharepoint admins'],
    can: 'Manage SharePoint Online and OneDrive, their sharing settings, and Microsoft 365 groups.',
    limits: 'It gives no rights over Entra users, roles or Conditional Access.',
    privileged: false,
  },
  {
    name: 'Teams Administrator',
    aliases: ['teams admin', 'teams admins', 'teams service administrator'],
    can: 'Manage Microsoft Teams: teams, policies, calling and meetings, and Microsoft 365 groups.',
    limits: 'It gives no rights over Entra users, roles or Conditional Access.',
    privileged: false,
  },
  {
    name: 'Intune Administrator',
    aliases: ['intune admin', 'intune admins', 'intune service administrator'],
    can: 'Manage Microsoft Intune: devices, compliance and configuration policies, apps on devices, and security groups.',
    limits: 'Compliance policies feed Conditional Access, so it decides which devices count as compliant.',
    privileged: false,
  },
  {
    name: 'License Administrator',
    aliases: ['license admin', 'licence admin', 'licence administrator'],
    can: 'Assign and remove licences for users and groups and set usage locations.',
    limits: 'It cannot buy licences or manage subscriptions (Billing Administrator does).',
    privileged: false,
  },
  {
    name: 'Billing Administrator',
    aliases: ['billing admin'],
    can: 'Make purchases, manage subscriptions and billing, and open support tickets.',
    limits: 'It gives no rights over users, roles or security settings.',
    privileged: false,
  },
  {
    name: 'Guest Inviter',
    aliases: ['guest inviters'],
    can: 'Invite guest users when the tenant\'s external collaboration settings stop members from inviting.',
    limits: 'It can only invite: it cannot manage or delete guests.',
    privileged: false,
  },
  {
    name: 'Directory Readers',
    aliases: ['directory reader'],
    can: 'Read basic directory information: users, groups, apps. Meant for apps, and for guests who need to see the directory.',
    limits: 'It changes nothing and reads no logs.',
    privileged: false,
  },
  {
    name: 'Compliance Administrator',
    aliases: ['compliance admin'],
    can: 'Manage compliance features in Microsoft Purview: retention, data loss prevention, eDiscovery cases and alerts.',
    limits: 'It gives no rights over Entra users, roles or Conditional Access.',
    privileged: false,
  },
];

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const BY_NAME = new Map<string, RoleNote>();
for (const note of ROLE_NOTES) for (const name of [note.name, ...note.aliases]) BY_NAME.set(fold(name), note);

/** The note for a role's display name or a usual way of naming it ("global admin"); undefined for others. */
export function roleNoteFor(name: string): RoleNote | undefined {
  const key = fold(name).replace(/\s+role$/, '');
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/s$/, ''));
}

/** The Microsoft Learn anchor of a built-in role in the permissions reference. */
export function roleReference(note: RoleNote): ConceptLink {
  return { title: `${note.name} in Microsoft Entra built-in roles`, url: `${REFERENCE}#${note.name.toLowerCase().replace(/\s+/g, '-')}` };
}
