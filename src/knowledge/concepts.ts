/**
 * Entra ID concepts an admin asks about ("what is a named location?"), explained in the project's own words, with
 * what to check and where Microsoft documents it. Answered without a tenant: no Graph request is needed.
 */

export interface ConceptLink {
  title: string;
  url: string;
}

export interface Concept {
  id: string;
  /** The concept's usual name, shown as the answer's title. */
  title: string;
  /** Lower-case phrases that name the concept in a question; the longest one found wins. */
  aliases: string[];
  explanation: string;
  /** One sentence: what an admin checks or does about it. */
  check: string;
  links: ConceptLink[];
}

export const LEARN = 'https://learn.microsoft.com/en-us';

export const CONCEPTS: readonly Concept[] = [
  {
    id: 'conditionalAccess',
    title: 'Conditional Access',
    aliases: ['conditional access', 'conditional access policy', 'conditional access policies', 'ca policy', 'ca policies'],
    explanation: 'Conditional Access is the rule engine that runs at every sign-in. Each policy says who and which apps it covers, under which conditions (location, device, risk, client app), and what happens then: block, or allow only when extra requirements such as MFA or a compliant device are met.',
    check: 'Open the sign-in in the log and read its Conditional Access tab to see which policies applied and what each one decided.',
    links: [{ title: 'What is Conditional Access?', url: `${LEARN}/entra/identity/conditional-access/overview` }],
  },
  {
    id: 'reportOnly',
    title: 'Report-only mode',
    aliases: ['report-only', 'report only', 'report-only mode', 'report only mode', 'enabledforreportingbutnotenforced'],
    explanation: 'A Conditional Access policy in report-only mode is evaluated at every sign-in but never enforced. The sign-in log records what it would have done (success, failure, or user action needed), so you can see its effect before switching it on.',
    check: 'Filter the sign-in log on the policy and look at its "report-only" results before turning the policy on.',
    links: [{ title: 'Conditional Access report-only mode', url: `${LEARN}/entra/identity/conditional-access/concept-conditional-access-report-only` }],
  },
  {
    id: 'namedLocation',
    title: 'Named locations',
    aliases: ['named location', 'named locations', 'country location', 'ip location', 'ip named location', 'country named location'],
    explanation: 'A named location is a list of places that Conditional Access policies can refer to: either IP address ranges (for example your offices, which you may mark as trusted) or a set of countries and regions. A policy can then include or exclude sign-ins coming from those places, for example to block countries where you have no staff.',
    check: 'Check which policies include or exclude the location, and that the IP ranges or countries in it are still right.',
    links: [
      { title: 'Network assignment in Conditional Access', url: `${LEARN}/entra/identity/conditional-access/concept-assignment-network` },
      { title: 'namedLocation in Microsoft Graph', url: `${LEARN}/graph/api/resources/namedlocation` },
    ],
  },
  {
    id: 'grantControls',
    title: 'Grant controls',
    aliases: ['grant control', 'grant controls', 'require mfa control', 'require compliant device'],
    explanation: 'Grant controls are what a Conditional Access policy asks for before it lets a sign-in through: block access, or require MFA, an authentication strength, a compliant or hybrid-joined device, an approved app, or a password change. When several are chosen, the policy says whether all or any one of them is needed.',
    check: 'Read the policy\'s grant controls and whether it requires all or one of them, then compare with what the failing sign-in could provide.',
    links: [{ title: 'Conditional Access grant controls', url: `${LEARN}/entra/identity/conditional-access/concept-conditional-access-grant` }],
  },
  {
    id: 'sessionControls',
    title: 'Session controls',
    aliases: ['session control', 'session controls', 'persistent browser'],
    explanation: 'Session controls shape what happens after a sign-in succeeds rather than whether it succeeds: how often the user must sign in again, whether the browser session persists, app-enforced restrictions, or routing the session through Defender for Cloud Apps.',
    check: 'Look at the session controls of the policies that applied to the sign-in when users complain of repeated prompts or limited access.',
    links: [{ title: 'Conditional Access session controls', url: `${LEARN}/entra/identity/conditional-access/concept-conditional-access-session` }],
  },
  {
    id: 'signInFrequency',
    title: 'Sign-in frequency',
    aliases: ['sign-in frequency', 'sign in frequency', 'signin frequency', 'reauthentication', 're-authentication'],
    explanation: 'Sign-in frequency is a session control that sets how long a user can go before being asked to sign in again, in hours or days, or every time for the most sensitive cases. Without it, Entra ID keeps sessions alive on a rolling basis and users are rarely prompted.',
    check: 'If users are prompted too often, look for a sign-in frequency session control on the policies that applied to their sign-ins.',
    links: [{ title: 'Configure adaptive session lifetime policies', url: `${LEARN}/entra/identity/conditional-access/howto-conditional-access-session-lifetime` }],
  },
  {
    id: 'authenticationStrength',
    title: 'Authentication strengths',
    aliases: ['authentication strength', 'authentication strengths', 'auth strength', 'phishing-resistant mfa', 'phishing resistant mfa'],
    explanation: 'An authentication strength is a named set of sign-in methods that a Conditional Access policy can require instead of plain MFA, for example only phishing-resistant methods such as passkeys or Windows Hello for Business. A user who has only weaker methods registered cannot satisfy the policy.',
    check: 'Compare the methods the user has registered with the methods the required strength allows.',
    links: [{ title: 'Authentication strengths', url: `${LEARN}/entra/identity/authentication/concept-authentication-strengths` }],
  },
  {
    id: 'mfaRegistration',
    title: 'MFA registration',
    aliases: ['mfa registration', 'mfa registration policy', 'register mfa', 'registering for mfa', 'combined registration', 'authentication methods registration'],
    explanation: 'Before a user can do MFA they must register at least one method, such as the Authenticator app, a phone number or a passkey. Users who have not registered are asked to do so at sign-in when a policy requires it, and Identity Protection can enforce registration for everyone.',
    check: 'Look up the user\'s registered authentication methods; an empty list explains MFA failures for that user.',
    links: [{ title: 'Combined security information registration', url: `${LEARN}/entra/identity/authentication/concept-registration-mfa-sspr-combined` }],
  },
  {
    id: 'securityDefaults',
    title: 'Security defaults',
    aliases: ['security defaults', 'security default'],
    explanation: 'Security defaults are a free, on-or-off baseline of protection: every user registers for MFA, admins are always asked for MFA, others when needed, and legacy authentication is blocked. They cannot be tuned and cannot be used together with Conditional Access policies.',
    check: 'Check whether security defaults are on; if the tenant uses Conditional Access they must be off and the policies must cover the same ground.',
    links: [{ title: 'Security defaults in Microsoft Entra ID', url: `${LEARN}/entra/fundamentals/security-defaults` }],
  },
  {
    id: 'legacyAuthentication',
    title: 'Legacy authentication',
    aliases: ['legacy authentication', 'legacy auth', 'basic authentication', 'basic auth', 'imap', 'pop3', 'smtp auth'],
    explanation: 'Legacy authentication is the older way of signing in with just a user name and password, used by protocols such as IMAP, POP, SMTP AUTH and old Office clients. It cannot do MFA, so attackers favour it, and most tenants block it with Conditional Access.',
    check: 'Filter the sign-in log on client app "other clients" to find who still uses it before blocking it.',
    links: [{ title: 'Block legacy authentication', url: `${LEARN}/entra/identity/conditional-access/block-legacy-authentication` }],
  },
  {
    id: 'signInTypes',
    title: 'Interactive, non-interactive and service principal sign-ins',
    aliases: ['interactive sign-in', 'interactive sign-ins', 'non-interactive sign-in', 'non-interactive sign-ins', 'noninteractive sign-ins', 'non interactive sign-ins', 'interactive and non-interactive', 'service principal sign-in', 'service principal sign-ins', 'sign-in types'],
    explanation: 'An interactive sign-in is one where the person types a password or approves MFA. A non-interactive sign-in is done by an app on the user\'s behalf with a token it already holds, such as a mail app refreshing in the background; these are far more numerous. Service principal sign-ins are apps signing in as themselves, with a secret or certificate and no user.',
    check: 'When a user sees no failure in the interactive log, also read their non-interactive sign-ins, and read service principal sign-ins for failing background jobs.',
    links: [{ title: 'Sign-in logs in Microsoft Entra ID', url: `${LEARN}/entra/identity/monitoring-health/concept-sign-ins` }],
  },
  {
    id: 'deviceCompliance',
    title: 'Device compliance',
    aliases: ['device compliance', 'compliant device', 'compliant devices', 'compliance policy', 'non-compliant device', 'noncompliant device'],
    explanation: 'A device is compliant when it is enrolled in Intune (or a partner tool) and meets the company\'s compliance policies, such as encryption and a minimum OS version. Conditional Access can require a compliant device, so a new or unenrolled phone is refused until it is enrolled and evaluated.',
    check: 'Check the sign-in\'s device details: an empty device id or "compliant: no" means the device must be enrolled or fixed in Intune.',
    links: [{ title: 'Require device compliance with Conditional Access', url: `${LEARN}/entra/identity/conditional-access/policy-all-users-device-compliance` }],
  },
  {
    id: 'hybridJoin',
    title: 'Hybrid join',
    aliases: ['hybrid join', 'hybrid joined', 'hybrid azure ad join', 'hybrid entra join', 'hybrid-joined', 'entra hybrid join'],
    explanation: 'A hybrid-joined device is a Windows computer joined to the on-premises Active Directory and also registered in Entra ID, usually through Entra Connect. Conditional Access can accept it as a company-managed device.',
    check: 'If a domain computer is refused, check that it appears in Entra ID as hybrid joined and that its registration is not pending.',
    links: [{ title: 'Microsoft Entra hybrid joined devices', url: `${LEARN}/entra/identity/devices/concept-hybrid-join` }],
  },
  {
    id: 'guests',
    title: 'Guests (B2B collaboration)',
    aliases: ['guest', 'guests', 'guest user', 'guest users', 'b2b', 'b2b collaboration', 'external user', 'external users', '#ext#', 'ext upn'],
    explanation: 'A guest is a person from outside the organisation invited to use its apps through B2B collaboration; they sign in with their own home account. Their user principal name in your directory is rewritten with #EXT#, for example jane_contoso.com#EXT#@yourtenant.onmicrosoft.com, and their user type is Guest.',
    check: 'Check the guest\'s invitation state and whether your Conditional Access policies or cross-tenant settings require MFA they cannot do.',
    links: [{ title: 'B2B collaboration overview', url: `${LEARN}/entra/external-id/what-is-b2b` }],
  },
  {
    id: 'dynamicGroups',
    title: 'Dynamic groups',
    aliases: ['dynamic group', 'dynamic groups', 'dynamic membership', 'membership rule', 'dynamic membership rule'],
    explanation: 'A dynamic group computes its members from a rule on user or device attributes, such as department equals Finance, instead of a list kept by hand. Entra ID re-evaluates the rule when attributes change, so membership can lag a little and cannot be edited directly.',
    check: 'If someone is missing from a dynamic group, compare their attributes with the group\'s membership rule and its processing status.',
    links: [{ title: 'Dynamic membership rules for groups', url: `${LEARN}/entra/identity/users/groups-dynamic-membership` }],
  },
  {
    id: 'roleAssignableGroups',
    title: 'Role-assignable groups',
    aliases: ['role-assignable group', 'role-assignable groups', 'role assignable group', 'role assignable groups', 'isassignabletorole'],
    explanation: 'A role-assignable group is a group that can be given a Microsoft Entra role, so that its members hold the role. The setting is chosen when the group is created and cannot be changed later, and only privileged admins can manage such groups, which stops lesser admins from granting themselves a role.',
    check: 'Review the members and owners of role-assignable groups as carefully as direct role holders.',
    links: [{ title: 'Use groups to manage role assignments', url: `${LEARN}/entra/identity/role-based-access-control/groups-concept` }],
  },
  {
    id: 'pim',
    title: 'Privileged Identity Management (PIM)',
    aliases: ['pim', 'privileged identity management', 'eligible assignment', 'eligible role', 'role activation', 'just-in-time access', 'just in time access'],
    explanation: 'PIM turns standing admin rights into eligible ones: the admin activates a role only when needed, for a limited time, optionally with a justification, MFA or approval. Active assignments are permanent or time-bound rights that need no activation.',
    check: 'Look at who holds roles as active rather than eligible assignments, and move standing rights to eligible where you can.',
    links: [{ title: 'What is Privileged Identity Management?', url: `${LEARN}/entra/id-governance/privileged-identity-management/pim-configure` }],
  },
  {
    id: 'directoryVsAzureRoles',
    title: 'Directory roles and Azure roles',
    aliases: ['directory role', 'directory roles', 'entra role', 'entra roles', 'azure role', 'azure roles', 'azure rbac', 'directory roles vs azure roles'],
    explanation: 'Microsoft Entra roles (directory roles) grant rights over the directory itself: users, groups, apps and policies. Azure roles, such as Owner or Contributor, grant rights over Azure resources in subscriptions and resource groups. They are separate systems; a Global Administrator has no Azure resource rights unless they elevate or are given an Azure role.',
    check: 'Check both places when asking what someone can do: their Entra role assignments and their Azure role assignments.',
    links: [{ title: 'Azure roles and Microsoft Entra roles', url: `${LEARN}/azure/role-based-access-control/rbac-and-directory-admin-roles` }],
  },
  {
    id: 'globalReader',
    title: 'Global Reader',
    aliases: ['global reader', 'global reader role'],
    explanation: 'Global Reader is a built-in role that can see nearly everything a Global Administrator can see but change nothing. It suits auditors and help-desk staff who need to look, and it is enough to read sign-in logs and Conditional Access policies.',
    check: 'Prefer Global Reader (or a narrower reader role) over admin roles for people who only need to look.',
    links: [{ title: 'Microsoft Entra built-in roles', url: `${LEARN}/entra/identity/role-based-access-control/permissions-reference` }],
  },
  {
    id: 'breakGlass',
    title: 'Break-glass (emergency access) accounts',
    aliases: ['break-glass', 'break glass', 'break-glass account', 'break glass account', 'emergency access account', 'emergency access accounts', 'emergency account'],
    explanation: 'Break-glass accounts are two or more cloud-only Global Administrator accounts kept for emergencies, such as every other admin being locked out by a mistaken policy or an MFA outage. They are excluded from most Conditional Access policies, protected by strong credentials kept safe, and watched closely.',
    check: 'Confirm they are excluded from blocking policies, and alert on every sign-in of these accounts.',
    links: [{ title: 'Manage emergency access accounts', url: `${LEARN}/entra/identity/role-based-access-control/security-emergency-access` }],
  },
  {
    id: 'appsAndServicePrincipals',
    title: 'App registrations and service principals (enterprise apps)',
    aliases: ['app registration', 'app registrations', 'service principal', 'service principals', 'enterprise app', 'enterprise apps', 'enterprise application', 'enterprise applications', 'application object'],
    explanation: 'An app registration is the global definition of an application, kept in the tenant that owns it. A service principal, shown as an enterprise app, is that app\'s presence in one tenant: it holds the permissions granted, the users assigned and the sign-ins. A multi-tenant app has one registration and a service principal in every tenant that uses it.',
    check: 'Change credentials and API permissions on the app registration; manage user assignment, consent and sign-in settings on the enterprise app.',
    links: [{ title: 'Application and service principal objects', url: `${LEARN}/entra/identity-platform/app-objects-and-service-principals` }],
  },
  {
    id: 'appCredentials',
    title: 'Client secrets and certificates',
    aliases: ['client secret', 'client secrets', 'app secret', 'certificate credential', 'certificate credentials', 'secrets vs certificates', 'app credentials'],
    explanation: 'An app signs in as itself with a credential: a client secret (a generated password) or a certificate (the app proves it holds a private key). Certificates are safer because the key never travels; both expire, and an expired one makes the app\'s sign-ins fail.',
    check: 'List the app\'s credentials with their end dates and renew any that expire soon.',
    links: [{ title: 'Add credentials to an app', url: `${LEARN}/entra/identity-platform/how-to-add-credentials` }],
  },
  {
    id: 'adminConsent',
    title: 'Admin consent',
    aliases: ['admin consent', 'consent', 'user consent', 'consent request', 'grant admin consent'],
    explanation: 'Consent is the approval an app needs before it can use a permission such as reading mail. Users can consent for themselves to low-risk permissions if the tenant allows it; an administrator can consent once for the whole organisation, and some permissions always need that admin consent.',
    check: 'Review the permissions the app asks for before granting admin consent, and review existing grants on the enterprise app.',
    links: [{ title: 'Grant tenant-wide admin consent', url: `${LEARN}/entra/identity/enterprise-apps/grant-admin-consent` }],
  },
  {
    id: 'trustedLocations',
    title: 'Trusted locations',
    aliases: ['trusted location', 'trusted locations', 'trusted ip', 'trusted ips', 'trusted network', 'trusted networks', 'mark as trusted location'],
    explanation: 'A trusted location is a named location of IP ranges that an admin has ticked as trusted, typically the company\'s own offices and VPN exits. Conditional Access policies can then single it out (for example, exclude it from an MFA rule), and Identity Protection treats sign-ins from it as less likely to be risky. Only IP-range locations can be trusted, never a list of countries.',
    check: 'Keep the trusted ranges short and current: a stale or too broad range lets sign-ins skip controls meant for the outside world.',
    links: [{ title: 'Network assignment in Conditional Access', url: `${LEARN}/entra/identity/conditional-access/concept-assignment-network` }],
  },
  {
    id: 'riskLevels',
    title: 'Risk levels',
    aliases: ['risk level', 'risk levels', 'risklevel', 'risk level aggregated', 'risklevelaggregated', 'risk level during sign-in'],
    explanation: 'A risk level (none, low, medium or high) is Identity Protection\'s estimate of how likely it is that a sign-in or an account is in the wrong hands. It comes from the detections found and their confidence, and it is what risk-based Conditional Access policies compare against, for example "require a password change when user risk is high".',
    check: 'Read the level together with the detections behind it, and check which level your risk policies act on.',
    links: [{ title: 'What are risk detections?', url: `${LEARN}/entra/id-protection/concept-identity-protection-risks` }],
  },
  {
    id: 'riskStates',
    title: 'Risk states',
    aliases: ['risk state', 'risk states', 'riskstate', 'risk status', 'remediated', 'dismissed', 'confirmed compromised', 'at risk state'],
    explanation: 'A risk state says where a risk case stands, not how serious it is: at risk (still open), remediated (the user fixed it, for example with a secure password change), dismissed (an admin judged it a false alarm), or confirmed compromised (an admin judged it real). Only an open case keeps risk policies acting on the user.',
    check: 'Look for users still "at risk" with old detections: nobody has closed their case yet.',
    links: [{ title: 'Remediate risks and unblock users', url: `${LEARN}/entra/id-protection/howto-identity-protection-remediate-unblock` }],
  },
  {
    id: 'workloadIdentities',
    title: 'Workload identities',
    aliases: ['workload identity', 'workload identities', 'managed identity', 'managed identities', 'app identity', 'non-human identity', 'non-human identities'],
    explanation: 'A workload identity is an identity used by software rather than by a person: an application\'s service principal, or a managed identity that Azure creates for a resource. It proves itself with a client secret, a certificate or a federated credential, cannot do MFA, and its sign-ins are kept apart from users\' in the service principal and managed identity sign-in logs.',
    check: 'Review who owns each workload identity, which permissions it holds and when its credentials expire; prefer managed identities or certificates to secrets.',
    links: [{ title: 'What are workload identities?', url: `${LEARN}/entra/workload-id/workload-identities-overview` }],
  },
  {
    id: 'mfaEnforcement',
    title: 'MFA enforcement',
    aliases: ['mfa enforcement', 'enforce mfa', 'enforcing mfa', 'mfa enforced', 'require mfa', 'requiring mfa', 'mfa requirement', 'per-user mfa', 'per user mfa'],
    explanation: 'MFA enforcement is whatever makes a sign-in demand a second factor: a Conditional Access policy that requires MFA or an authentication strength, security defaults, or the legacy per-user MFA setting. It decides when the question is asked; it does not give the user a method to answer with, which is what registration is for.',
    check: 'Check which policies require MFA for the user and the app, and avoid mixing per-user MFA with Conditional Access.',
    links: [{ title: 'How Microsoft Entra multifactor authentication works', url: `${LEARN}/entra/identity/authentication/concept-mfa-howitworks` }],
  },
  {
    id: 'tokenLifetime',
    title: 'Token lifetimes',
    aliases: ['token lifetime', 'token lifetimes', 'access token lifetime', 'refresh token lifetime', 'token expiry', 'token expiration', 'session lifetime', 'configurable token lifetime', 'tokens last'],
    explanation: 'An access token is good for roughly an hour (between 60 and 90 minutes by default); the refresh token behind it keeps getting new access tokens for up to 90 days as long as it keeps being used, which is why users are rarely prompted. To make people sign in again more often, use the sign-in frequency session control; token lifetime policies now only shape access, ID and SAML tokens.',
    check: 'When users are prompted too often or too rarely, look at sign-in frequency and persistent browser controls before token lifetime policies.',
    links: [{ title: 'Configurable token lifetimes', url: `${LEARN}/entra/identity-platform/configurable-token-lifetimes` }],
  },
  {
    id: 'continuousAccessEvaluation',
    title: 'Continuous access evaluation (CAE)',
    aliases: ['continuous access evaluation', 'cae'],
    explanation: 'Continuous access evaluation lets services such as Exchange Online, SharePoint and Teams hear about critical events (an account disabled, a password changed, sessions revoked, high user risk, a new network location) and reject an access token at once instead of honouring it until it expires. Apps that support it get longer-lived tokens in exchange.',
    check: 'After revoking a compromised user\'s sessions, expect CAE-aware apps to cut them off within minutes and other apps only when their token expires.',
    links: [{ title: 'Continuous access evaluation', url: `${LEARN}/entra/identity/conditional-access/concept-continuous-access-evaluation` }],
  },
  {
    id: 'groupTypes',
    title: 'Security groups and Microsoft 365 groups',
    aliases: ['security group', 'security groups', 'microsoft 365 group', 'microsoft 365 groups', 'm365 group', 'm365 groups', 'office 365 group', 'unified group', 'group types', 'mail-enabled security group'],
    explanation: 'A security group exists to grant access: to apps, licences, policies, roles and resources. A Microsoft 365 group is a collaboration space: besides its members it comes with a shared mailbox, calendar, SharePoint site and often a team in Teams, and it can also be used to grant access.',
    check: 'Choose a security group when only access is needed; check the group type before expecting a mailbox or a team.',
    links: [{ title: 'Learn about groups and access rights', url: `${LEARN}/entra/fundamentals/concept-learn-about-groups` }],
  },
  // Each risk detection type (unfamiliar sign-in properties, leaked credentials, …) is explained in riskTypes.ts.
  {
    id: 'riskyUsers',
    title: 'Risky users',
    aliases: ['risky user', 'risky users', 'user at risk', 'users at risk', 'risky sign-in', 'risky sign-ins'],
    explanation: 'Identity Protection flags a user as risky when its detections suggest the account may be compromised. The user keeps a risk level (low, medium, high) until the risk is remediated by a secure password change, dismissed or confirmed by an admin; risk-based policies can block them or require a password change meanwhile.',
    check: 'Open the user\'s risk detections to see why, then remediate, dismiss or confirm the risk.',
    links: [{ title: 'Investigate risk', url: `${LEARN}/entra/id-protection/howto-identity-protection-investigate-risk` }],
  },
  {
    id: 'userVsSignInRisk',
    title: 'User risk and sign-in risk',
    aliases: ['user risk', 'sign-in risk', 'sign in risk', 'user risk vs sign-in risk'],
    explanation: 'Sign-in risk is the likelihood that one particular sign-in was not made by the account owner, judged at that moment. User risk is the likelihood that the account itself is compromised, built up from detections over time. Policies usually answer sign-in risk with MFA and user risk with a password change.',
    check: 'Look at both levels on the sign-in and on the user; a high user risk stays until it is remediated.',
    links: [{ title: 'What are risk detections?', url: `${LEARN}/entra/id-protection/concept-identity-protection-risks` }],
  },
  {
    id: 'confirmDismissRisk',
    title: 'Confirm compromised and dismiss risk',
    aliases: ['confirm compromised', 'confirm compromise', 'dismiss risk', 'dismiss user risk', 'confirm safe', 'remediate risk', 'confirming compromised', 'confirming safe', 'dismissing risk', 'dismissing user risk', 'dismiss a risky user', 'dismissing a risky user', 'dismiss the risk'],
    explanation: 'After investigating, an admin tells Identity Protection its verdict. Confirming a user compromised sets their risk to high so risk policies act on them; dismissing the risk clears it when it was a false alarm. Both feed back into Microsoft\'s detection.',
    check: 'Dismiss only after checking the detections; after confirming a compromise, reset the password and revoke the user\'s sessions.',
    links: [{ title: 'Remediate risks and unblock users', url: `${LEARN}/entra/id-protection/howto-identity-protection-remediate-unblock` }],
  },
  {
    id: 'workloadIdentityRisk',
    title: 'Workload identity risk',
    aliases: ['workload identity risk', 'risky workload identity', 'risky service principal', 'risky service principals', 'risky workload identities'],
    explanation: 'Identity Protection also watches apps that sign in as themselves (service principals). It flags them when, for example, their credentials leak or they sign in in unusual ways, and Conditional Access for workload identities can block risky ones.',
    check: 'Review risky service principals, rotate their credentials, and remove permissions they do not need.',
    links: [{ title: 'Securing workload identities', url: `${LEARN}/entra/id-protection/concept-workload-identity-risk` }],
  },
  {
    id: 'smartLockout',
    title: 'Smart lockout',
    aliases: ['smart lockout', 'account locked', 'account lockout', 'locked out', 'lockout'],
    explanation: 'Smart lockout temporarily locks an account in the cloud after too many wrong passwords (error 50053), while trying to tell the real user from an attacker so the owner can often still sign in from a familiar place. The lock lifts by itself after a short time that grows with repeated lockouts.',
    check: 'Look for the wrong-password failures before the lockout and where they came from; many from unknown addresses point to an attack.',
    links: [{ title: 'Protect accounts with smart lockout', url: `${LEARN}/entra/identity/authentication/howto-password-smart-lockout` }],
  },
  {
    id: 'sspr',
    title: 'Self-service password reset (SSPR)',
    aliases: ['sspr', 'self-service password reset', 'self service password reset', 'password reset'],
    explanation: 'Self-service password reset lets users reset a forgotten password or unlock their account themselves after proving who they are with registered methods, without calling the help desk. With password writeback it also changes the on-premises password.',
    check: 'Check that SSPR is enabled for the user\'s group and that the user has registered enough methods.',
    links: [{ title: 'How self-service password reset works', url: `${LEARN}/entra/identity/authentication/concept-sspr-howitworks` }],
  },
  {
    id: 'revokeSessions',
    title: 'Revoking sign-in sessions',
    aliases: ['revoke sessions', 'revoke sign-in sessions', 'revokesigninsessions', 'token revocation', 'revoke tokens', 'revoke refresh tokens', 'sign out everywhere', 'revoking sessions', 'revoke all sessions', 'revoking all sessions', 'session revocation', 'revoking sign-in sessions', "revoke someone's sessions", "revoke a user's sessions", 'revoke user sessions', 'revoke their sessions', "revoke a person's sessions"],
    explanation: 'Revoking a user\'s sign-in sessions invalidates their refresh tokens and session cookies, so every app must ask them to sign in again. Access tokens already issued can keep working until they expire, usually within about an hour, unless the app supports continuous access evaluation.',
    check: 'Revoke sessions after a password reset of a compromised account, and disable the account too if the person must be stopped at once.',
    links: [{ title: 'user: revokeSignInSessions', url: `${LEARN}/graph/api/user-revokesigninsessions` }],
  },
  {
    id: 'temporaryAccessPass',
    title: 'Temporary Access Pass (TAP)',
    aliases: ['temporary access pass', 'temporary access passes', 'a tap', 'the tap', 'is tap', 'tap for', 'tap code', 'issue tap', 'taps for', 'access pass'],
    explanation: 'A Temporary Access Pass is a passcode an admin issues to one user that counts as a strong sign-in for a limited time. A new hire or someone who lost their phone signs in with it and then registers their own methods, such as the Authenticator app, a passkey or Windows Hello. It can be limited to a single use, and its lifetime is set in the Authentication methods policy (from minutes up to 30 days).',
    check: 'Enable the Temporary Access Pass method for the users who may get one (Authentication methods policy), then issue it on the user\'s authentication methods page and hand it over through a trusted channel.',
    links: [{ title: 'Configure a Temporary Access Pass', url: `${LEARN}/entra/identity/authentication/howto-authentication-temporary-access-pass` }],
  },
  {
    id: 'logRetention',
    title: 'How long sign-in and audit logs are kept',
    aliases: ['log retention', 'data retention', 'retention', 'logs kept', 'logs are kept', 'logs stored', 'logs retained', 'keep the logs', 'keep logs', 'keep sign-in logs', 'keep sign in logs', 'keep audit logs', 'keep the sign-in logs', 'keep the audit logs'],
    explanation: 'Entra ID keeps sign-in and audit logs for 30 days in tenants with Entra ID P1 or P2 and for 7 days without them, and Microsoft Graph reads only that window. To keep them longer, send them through diagnostic settings to a Log Analytics workspace, a storage account or an event hub (a SIEM).',
    check: 'If you will need older sign-ins for investigations, set up a diagnostic setting now: what has aged out of the log cannot be read back.',
    links: [{ title: 'Microsoft Entra data retention', url: `${LEARN}/entra/identity/monitoring-health/reference-reports-data-retention` }],
  },
];

/** Lower case, punctuation to spaces, padded: the text aliases are matched in (risk types use it too). */
export function normalise(text: string): string {
  return ` ${text.toLowerCase().replace(/[’']/g, "'").replace(/[^a-z0-9#'\- ]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-phrase match, tolerant of a plural "s" and of hyphens written as spaces. */
export function aliasPattern(alias: string): RegExp {
  const body = escapeRegExp(alias).replace(/\\-|-| /g, '[- ]?');
  return new RegExp(`(?:^|[^a-z0-9#])${body}s?(?=$|[^a-z0-9])`);
}

/**
 * Aliases searched together. An alias pattern can only match where the alias's first word (up to its first space or
 * hyphen) stands literally, so each message first looks for every distinct first word once (a plain substring search)
 * and runs only the patterns whose word is there: the same matches, in the same order, as testing every pattern
 * against every message (which was most of the 18 µs a question the concept and risk-type look-ups cost).
 */
export class AliasIndex<T extends { alias: string }> {
  private readonly entries: ReadonlyArray<T & { pattern: RegExp; firstWord: string }>;
  private readonly firstWords: readonly string[];

  constructor(entries: readonly T[]) {
    this.entries = entries.map((entry) => ({ ...entry, pattern: aliasPattern(entry.alias), firstWord: entry.alias.split(/[- ]/)[0] }));
    this.firstWords = [...new Set(this.entries.map((e) => e.firstWord))];
  }

  /** The entries whose alias may occur in `normalised` (see normalise), in the order given, each with its pattern. */
  candidates(normalised: string): Array<T & { pattern: RegExp }> {
    const present = new Set(this.firstWords.filter((word) => normalised.includes(word)));
    return present.size ? this.entries.filter((e) => present.has(e.firstWord)) : [];
  }
}

const ALIASES = new AliasIndex(CONCEPTS.flatMap((concept) => concept.aliases.map((alias) => ({ concept, alias }))));

/** "… in conditional access", "… for CA": a concept named as the setting of the one asked about. */
const AS_SETTING = /\b(?:in|within|inside|for|under|of)\s*$/;

/**
 * The concept a question names and the alias that named it; when several aliases appear, the longest one wins, except
 * that a concept named as the setting of another ("what's report-only mode in conditional access", "what are named
 * locations in CA") gives way to the one asked about.
 */
export function findConceptMatch(text: string): { concept: Concept; alias: string } | undefined {
  const normalised = normalise(text);
  let best: { concept: Concept; alias: string; setting: boolean } | undefined;
  for (const entry of ALIASES.candidates(normalised)) {
    const m = entry.pattern.exec(normalised);
    if (!m) continue;
    const setting = AS_SETTING.test(normalised.slice(0, m.index + 1));
    if (!best || (best.setting && !setting) || (best.setting === setting && entry.alias.length > best.alias.length)) best = { ...entry, setting };
  }
  return best && { concept: best.concept, alias: best.alias };
}

/**
 * Every concept a question names, in the order they appear; a phrase inside a longer one that names another concept
 * ("service principal" in "service principal sign-ins") does not count on its own.
 */
export function findConceptMatches(text: string): Array<{ concept: Concept; alias: string }> {
  const normalised = normalise(text);
  const found: Array<{ concept: Concept; alias: string; start: number; end: number }> = [];
  for (const entry of ALIASES.candidates(normalised)) {
    const m = entry.pattern.exec(normalised);
    if (m) found.push({ concept: entry.concept, alias: entry.alias, start: m.index, end: m.index + m[0].length });
  }
  const kept = found.filter((a) => !found.some((b) => b !== a && b.alias.length > a.alias.length && b.start <= a.start && a.end <= b.end));
  const byConcept = new Map<string, (typeof kept)[number]>();
  for (const match of kept.sort((a, b) => a.start - b.start)) {
    const earlier = byConcept.get(match.concept.id);
    if (!earlier || match.alias.length > earlier.alias.length) byConcept.set(match.concept.id, earlier ? { ...match, start: earlier.start } : match);
  }
  return [...byConcept.values()].sort((a, b) => a.start - b.start).map(({ concept, alias }) => ({ concept, alias }));
}

/** The concept a question names; when several aliases appear, the longest (most specific) one wins. */
export function findConcept(text: string): Concept | undefined {
  return findConceptMatch(text)?.concept;
}
