/**
 * "X vs Y" questions: pairs of Entra ID ideas admins often mix up, each side in a sentence and then what actually
 * differs, in the project's own words. A pair is found when the question asks for a comparison and names both sides.
 */
import { aliasPattern, LEARN, normalise, type ConceptLink } from './concepts';

export interface DifferenceSide {
  name: string;
  /** Lower-case phrases that name this side in a question. */
  aliases: string[];
  /** One sentence on this side alone. */
  gist: string;
}

export interface ConceptDifference {
  id: string;
  sides: [DifferenceSide, DifferenceSide];
  /** What tells the two apart, in one to three sentences. */
  difference: string;
  /** What an admin checks or does, knowing the difference. */
  check: string;
  links: ConceptLink[];
}

export const DIFFERENCES: readonly ConceptDifference[] = [
  {
    id: 'confirmVsDismiss',
    sides: [
      { name: 'Confirm compromised', aliases: ['confirm compromised', 'confirm compromise', 'confirming compromised', 'confirmed compromised', 'confirm', 'confirming', 'compromised'], gist: 'The admin tells Identity Protection the account really is in an attacker\'s hands.' },
      { name: 'Dismiss risk', aliases: ['dismiss risk', 'dismiss user risk', 'dismissing risk', 'dismissed', 'dismiss', 'dismissing'], gist: 'The admin tells Identity Protection the alarm was false and the user is fine.' },
    ],
    difference: 'They push the user in opposite directions. Confirming raises the user\'s risk to high, so risk-based policies block the user or force a password change until the account is secured. Dismissing closes the case and sets the risk to none, so those policies stop acting on the user at once.',
    check: 'Confirm only when you have evidence of misuse, then reset the password and revoke sessions; dismiss only after checking each detection, because a dismissed real attack goes unnoticed.',
    links: [{ title: 'Remediate risks and unblock users', url: `${LEARN}/entra/id-protection/howto-identity-protection-remediate-unblock` }],
  },
  {
    id: 'remediatedVsDismissed',
    sides: [
      { name: 'Remediated', aliases: ['remediated', 'remediate', 'remediation'], gist: 'The risk was fixed: the user changed the password securely or passed the MFA a risk policy asked for, or an admin reset the password.' },
      { name: 'Dismissed', aliases: ['dismissed', 'dismiss', 'dismissal'], gist: 'An admin closed the case without a fix, judging the detections a false alarm.' },
    ],
    difference: 'Both close the case and bring the user\'s risk back to none; what differs is why. Remediated means something was done about a possible compromise, dismissed means someone decided there was nothing to fix, so a dismissed case deserves a second look when the detections were serious.',
    check: 'Read the user\'s risk history to see who dismissed a case and when, and whether the detections behind it were credible.',
    links: [{ title: 'Remediate risks and unblock users', url: `${LEARN}/entra/id-protection/howto-identity-protection-remediate-unblock` }],
  },
  {
    id: 'userVsSignInRisk',
    sides: [
      { name: 'User risk', aliases: ['user risk', 'risky user', 'risky users', 'user risk policy'], gist: 'How likely it is that the account itself is compromised, built up over time from detections such as leaked credentials.' },
      { name: 'Sign-in risk', aliases: ['sign-in risk', 'sign in risk', 'signin risk', 'risky sign-in', 'risky sign-ins', 'sign-in risk policy'], gist: 'How likely it is that one particular sign-in was not made by the account owner, judged as it happens.' },
    ],
    difference: 'Sign-in risk belongs to a single attempt and is over when that attempt is; user risk belongs to the account and stays until it is remediated or dismissed. So policies usually answer sign-in risk with MFA (prove it is you, now) and user risk with a secure password change (take the account back).',
    check: 'Look at both levels on a suspicious sign-in and on the user; a high user risk stays open until someone acts on it.',
    links: [{ title: 'What are risk detections?', url: `${LEARN}/entra/id-protection/concept-identity-protection-risks` }],
  },
  {
    id: 'riskLevelVsState',
    sides: [
      { name: 'Risk level', aliases: ['risk level', 'risk levels', 'risklevel'], gist: 'How serious the risk looks: none, low, medium or high.' },
      { name: 'Risk state', aliases: ['risk state', 'risk states', 'riskstate', 'risk status'], gist: 'Where the case stands: at risk, remediated, dismissed or confirmed compromised.' },
    ],
    difference: 'The level measures, the state tracks. A user can be at high level and still "at risk" (nobody has acted), or have had a high level that is now "remediated" (fixed). Risk policies look at the level, but only while the state is open.',
    check: 'When triaging, sort open cases ("at risk") by level; closed cases need no action unless they were dismissed without reason.',
    links: [{ title: 'Investigate risk', url: `${LEARN}/entra/id-protection/howto-identity-protection-investigate-risk` }],
  },
  {
    id: 'reportOnlyVsOn',
    sides: [
      { name: 'Report-only', aliases: ['report-only', 'report only', 'report-only mode', 'enabledforreportingbutnotenforced'], gist: 'The policy is evaluated at every sign-in and its verdict is written to the sign-in log, but nothing is enforced.' },
      { name: 'On (enforced)', aliases: ['on', 'enabled', 'enforced', 'turned on', 'switched on'], gist: 'The policy is evaluated and its verdict applies: sign-ins are blocked or must meet its requirements.' },
    ],
    difference: 'Only an enabled policy changes what users experience. Report-only shows what would have happened ("would have failed", "user action required") so you can measure the impact before switching it on; an Off policy is not evaluated at all.',
    check: 'Before turning a report-only policy on, read its report-only results in the sign-in log and make sure the break-glass accounts are excluded.',
    links: [{ title: 'Conditional Access report-only mode', url: `${LEARN}/entra/identity/conditional-access/concept-conditional-access-report-only` }],
  },
  {
    id: 'namedVsTrustedLocation',
    sides: [
      { name: 'Named location', aliases: ['named location', 'named locations'], gist: 'A list of IP ranges or countries that policies can refer to by name.' },
      { name: 'Trusted location', aliases: ['trusted location', 'trusted locations', 'trusted ip', 'trusted ips', 'trusted network'], gist: 'A named location of IP ranges that an admin has also marked as trusted.' },
    ],
    difference: 'Every trusted location is a named location, but not every named location is trusted: naming a place only lets policies target it, while marking it trusted also lowers the risk Identity Protection sees in sign-ins from it and lets policies use "all trusted locations". Country locations can never be trusted.',
    check: 'Mark as trusted only ranges you control, and review them when offices or VPN exits change.',
    links: [{ title: 'Network assignment in Conditional Access', url: `${LEARN}/entra/identity/conditional-access/concept-assignment-network` }],
  },
  {
    id: 'interactiveVsNonInteractive',
    sides: [
      { name: 'Interactive sign-in', aliases: ['interactive sign-in', 'interactive sign-ins', 'interactive signin', 'interactive'], gist: 'The person is there and does something: types a password, approves MFA, picks an account.' },
      { name: 'Non-interactive sign-in', aliases: ['non-interactive sign-in', 'non-interactive sign-ins', 'noninteractive sign-ins', 'non interactive sign-ins', 'non-interactive', 'noninteractive', 'non interactive'], gist: 'An app signs in for the person in the background with a token it already holds, such as Outlook refreshing its access.' },
    ],
    difference: 'Both are the user\'s sign-ins; the difference is whether the person took part. Non-interactive ones are far more numerous and sit in their own log, so a failure the user never saw (an expired refresh token, a new block) often shows up only there.',
    check: 'When the interactive log shows nothing wrong for a user who is stuck, read their non-interactive sign-ins for the same time.',
    links: [{ title: 'Sign-in logs in Microsoft Entra ID', url: `${LEARN}/entra/identity/monitoring-health/concept-sign-ins` }],
  },
  {
    id: 'mfaRegistrationVsEnforcement',
    sides: [
      { name: 'MFA registration', aliases: ['mfa registration', 'register mfa', 'registering for mfa', 'registration', 'registered'], gist: 'The user sets up the methods they can answer with, such as the Authenticator app, a phone or a passkey.' },
      { name: 'MFA enforcement', aliases: ['mfa enforcement', 'enforce mfa', 'enforcing mfa', 'enforcement', 'enforced', 'require mfa', 'requiring mfa', 'per-user mfa'], gist: 'A policy, security defaults or the per-user setting makes sign-ins ask for a second factor.' },
    ],
    difference: 'Registration gives the user a way to answer; enforcement decides when the question is asked. A user who is registered but not covered by any enforcement is rarely asked, and a user covered by enforcement but not registered is stopped at sign-in (or told to register, if allowed from there).',
    check: 'Compare who is covered by an MFA-requiring policy with who has registered a method; the gap is the users who will be blocked or who are unprotected.',
    links: [{ title: 'How Microsoft Entra multifactor authentication works', url: `${LEARN}/entra/identity/authentication/concept-mfa-howitworks` }],
  },
  {
    id: 'securityDefaultsVsConditionalAccess',
    sides: [
      { name: 'Security defaults', aliases: ['security defaults', 'security default'], gist: 'One switch that turns on a fixed baseline: MFA registration for all, MFA for admins and when needed, legacy authentication blocked.' },
      { name: 'Conditional Access', aliases: ['conditional access', 'ca policies', 'ca policy', 'conditional access policies'], gist: 'Policies you write yourself, choosing users, apps, conditions and controls (needs Entra ID P1).' },
    ],
    difference: 'Security defaults cannot be tuned and apply to everyone; Conditional Access can exclude break-glass accounts, trust office networks, require compliant devices and much more. A tenant uses one or the other: security defaults must be off before Conditional Access policies can be enabled.',
    check: 'If you have P1 licences, move to Conditional Access policies that cover at least what security defaults did before turning the defaults off.',
    links: [{ title: 'Security defaults in Microsoft Entra ID', url: `${LEARN}/entra/fundamentals/security-defaults` }],
  },
  {
    id: 'eligibleVsActive',
    sides: [
      { name: 'Eligible assignment', aliases: ['eligible', 'eligible assignment', 'eligible assignments', 'eligible role', 'eligible roles'], gist: 'The admin may use the role but has to activate it in PIM first, for a limited time, perhaps with MFA, a reason or an approval.' },
      { name: 'Active assignment', aliases: ['active', 'active assignment', 'active assignments', 'active role', 'active roles', 'permanent', 'permanent assignment', 'standing access'], gist: 'The admin holds the role right now, without activating anything, permanently or until an end date.' },
    ],
    difference: 'An eligible assignment is a right that lies dormant until it is claimed; an active assignment is a right in force. A stolen eligible account still has to pass activation before it can use the role, which is why eligible is the safer default for admins.',
    check: 'List who holds privileged roles as active rather than eligible assignments and make them eligible where you can, keeping break-glass accounts active.',
    links: [{ title: 'Assign Microsoft Entra roles in PIM', url: `${LEARN}/entra/id-governance/privileged-identity-management/pim-how-to-add-role-to-user` }],
  },
  {
    id: 'guestVsMember',
    sides: [
      { name: 'Guest', aliases: ['guest', 'guests', 'guest user', 'guest users', 'b2b', 'b2b guest', 'external user', 'external users'], gist: 'A person from another organisation invited in; they sign in with their own home account and their user type is Guest.' },
      { name: 'Member', aliases: ['member', 'members', 'member user', 'member users', 'internal user', 'internal users', 'employee', 'employees'], gist: 'A user who belongs to this organisation, with user type Member.' },
    ],
    difference: 'The user type sets default permissions: guests see much less of the directory than members. Where the account is authenticated is a separate matter: a guest\'s password and often MFA live in the home tenant, so password resets and some risk remediation happen there, not here.',
    check: 'Review guests\' access regularly (access reviews), and decide whether your policies trust MFA done in the guest\'s home tenant.',
    links: [{ title: 'B2B collaboration user properties', url: `${LEARN}/entra/external-id/user-properties` }],
  },
  {
    id: 'appRegistrationVsEnterpriseApp',
    sides: [
      { name: 'App registration (application object)', aliases: ['app registration', 'app registrations', 'application object', 'application objects', 'application registration'], gist: 'The app\'s definition, kept once in the tenant that built it: its credentials, redirect URIs and the permissions it asks for.' },
      { name: 'Enterprise app (service principal)', aliases: ['enterprise app', 'enterprise apps', 'enterprise application', 'enterprise applications', 'service principal', 'service principals'], gist: 'The app\'s presence in one tenant: who may use it, what was consented, and its sign-ins.' },
    ],
    difference: 'One registration, many service principals: an app built elsewhere shows only as an enterprise app in your tenant, with no registration to edit. Secrets and requested permissions are changed on the registration; assignment, consent and whether users may sign in are set on the enterprise app.',
    check: 'For an app you own, rotate credentials on the registration; for any app, review consent and user assignment on the enterprise app.',
    links: [{ title: 'Application and service principal objects', url: `${LEARN}/entra/identity-platform/app-objects-and-service-principals` }],
  },
  {
    id: 'secretVsCertificate',
    sides: [
      { name: 'Client secret', aliases: ['client secret', 'client secrets', 'secret', 'secrets', 'app secret'], gist: 'A generated password the app sends with each token request.' },
      { name: 'Certificate', aliases: ['certificate', 'certificates', 'certificate credential', 'cert', 'certs'], gist: 'A key pair: the app signs a short assertion with its private key, which never leaves it.' },
    ],
    difference: 'A secret travels with every request and can be copied from a config file; a certificate\'s private key stays put and only signatures travel, so a leak is harder and shows up differently. Both expire, and an expired one makes every sign-in of the app fail.',
    check: 'Prefer certificates (or managed identities) to secrets, and watch end dates so a credential is renewed before it expires.',
    links: [{ title: 'Add credentials to an app', url: `${LEARN}/entra/identity-platform/how-to-add-credentials` }],
  },
  {
    id: 'directoryVsAzureRoles',
    sides: [
      { name: 'Microsoft Entra roles', aliases: ['directory role', 'directory roles', 'entra role', 'entra roles', 'azure ad role', 'azure ad roles'], gist: 'Rights over the directory itself: users, groups, apps, policies.' },
      { name: 'Azure roles', aliases: ['azure role', 'azure roles', 'azure rbac', 'rbac role', 'rbac roles'], gist: 'Rights over Azure resources in subscriptions and resource groups.' },
    ],
    difference: 'They are granted, stored and checked by different systems, so one never implies the other: a Global Administrator has no right over a virtual machine unless given an Azure role (or after elevating access), and a subscription Owner cannot reset a password.',
    check: 'When asking what someone can do, read both their Entra role assignments and their Azure role assignments.',
    links: [{ title: 'Azure roles and Microsoft Entra roles', url: `${LEARN}/azure/role-based-access-control/rbac-and-directory-admin-roles` }],
  },
  {
    id: 'tokenLifetimeVsRevocation',
    sides: [
      { name: 'Token lifetime', aliases: ['token lifetime', 'token lifetimes', 'token expiry', 'token expiration', 'token', 'tokens', 'access token', 'refresh token'], gist: 'How long a token stays usable on its own: about an hour for an access token, up to 90 days of use for a refresh token.' },
      { name: 'Session revocation', aliases: ['revoke sessions', 'revoke sign-in sessions', 'revoking sessions', 'session revocation', 'revoke', 'revoking', 'revocation', 'revokesigninsessions', 'session revoke', 'revoke tokens'], gist: 'An admin action that invalidates a user\'s refresh tokens and session cookies at once.' },
    ],
    difference: 'Lifetime is the normal end of a token; revocation cuts it short. Revoking stops new access tokens from being issued, but an access token already handed out can keep working until its lifetime ends, unless the app supports continuous access evaluation.',
    check: 'For a compromised account, reset the password, revoke sessions and, if it must stop at once, disable the account too.',
    links: [{ title: 'user: revokeSignInSessions', url: `${LEARN}/graph/api/user-revokesigninsessions` }],
  },
  {
    id: 'securityVsM365Group',
    sides: [
      { name: 'Security group', aliases: ['security group', 'security groups'], gist: 'A group made to grant access to apps, licences, roles and resources.' },
      { name: 'Microsoft 365 group', aliases: ['microsoft 365 group', 'microsoft 365 groups', 'm365 group', 'm365 groups', 'office 365 group', 'office 365 groups', 'unified group'], gist: 'A collaboration group with its own mailbox, calendar, SharePoint site and often a team.' },
    ],
    difference: 'A Microsoft 365 group brings shared workspaces along with its membership; a security group is membership only. Both can grant access to apps, but only a Microsoft 365 group has a mailbox and can back a team, and only security groups can be nested in other groups.',
    check: 'Use security groups for access and licensing; use Microsoft 365 groups when the people also need to work together.',
    links: [{ title: 'Learn about groups and access rights', url: `${LEARN}/entra/fundamentals/concept-learn-about-groups` }],
  },
];

/** Words that make a question a comparison ("vs", "difference between", "compared with"). */
const COMPARISON = /\b(?:vs\.?|versus|difference|differences|differ|differs|different from|compared? (?:to|with)|comparison|same (?:thing )?as)\b/;

export function asksForComparison(text: string): boolean {
  return COMPARISON.test(normalise(text));
}

interface SideMatch {
  alias: string;
  start: number;
  end: number;
}

/** Every place an alias of the side is named in the question. */
function sideMatches(normalised: string, side: DifferenceSide): SideMatch[] {
  return side.aliases.flatMap((alias) =>
    [...normalised.matchAll(new RegExp(aliasPattern(alias).source, 'g'))].map((m) => {
      const start = m.index + (/^[a-z0-9#]/.test(m[0]) ? 0 : 1);
      return { alias, start, end: m.index + m[0].length };
    }),
  );
}

/** The two sides named in separate words, longest names first ("interactive" inside "non-interactive" is not one). */
function bestPair(a: SideMatch[], b: SideMatch[]): [SideMatch, SideMatch] | undefined {
  let best: [SideMatch, SideMatch] | undefined;
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) continue;
      if (!best || x.alias.length + y.alias.length > best[0].alias.length + best[1].alias.length) best = [x, y];
    }
  }
  return best;
}

/**
 * The known pair a comparison question names, its sides in the order the question names them: both sides must be
 * named, in different words ("dismissed" cannot be both sides). When several pairs fit, the one whose named words
 * are longest wins.
 */
export function findDifference(text: string): ConceptDifference | undefined {
  if (!asksForComparison(text)) return undefined;
  const normalised = normalise(text);
  let best: { difference: ConceptDifference; length: number } | undefined;
  for (const difference of DIFFERENCES) {
    const pair = bestPair(sideMatches(normalised, difference.sides[0]), sideMatches(normalised, difference.sides[1]));
    if (!pair) continue;
    const [a, b] = pair;
    const length = a.alias.length + b.alias.length;
    const asked: ConceptDifference = b.start < a.start ? { ...difference, sides: [difference.sides[1], difference.sides[0]] } : difference;
    if (!best || length > best.length) best = { difference: asked, length };
  }
  return best?.difference;
}
