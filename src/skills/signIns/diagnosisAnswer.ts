/**
 * The answer model of a sign-in diagnosis: the view model of adaptiveCards/signInDiagnosis.json (preformatted,
 * every tenant string escaped) and the same answer as plain text.
 */
import type { RoleName } from '../../graph/permissions';
import { ROLE_DISPLAY_NAMES } from '../../graph/askerAccess';
import type { PolicyDefinition, RiskDetection, SignIn, UserSummary } from '../../graph/signInQueries';
import { errorCodeExplanation, errorCodeFix, errorCodeInfo } from '../../knowledge/errorCodes';
import type { AnswerAbout, SkillAnswer } from '../types';
import { applicationLink, policyLink, SIGN_IN_DIAGNOSTIC_LINK, userLink, userSignInLogLink } from '../common/adminCenterLinks';
import type { Diagnosis } from './diagnosis';
import { blockingPolicyOf, countByCode, placeOf } from './diagnosis';
import { clientText, deviceText, grantControl, mfaText, policyOrder, policyResult, riskText, shortClientText, shortWhen, shortWhereText, t, when, whereText } from './format';
import { grantControlLabel, riskEventTypeLabel, riskLevelLabel, riskStateLabel } from '../../cards/labels';
import { escapePerson } from '../../cards/escape';
import { isLegacyClient, type Pattern } from './patterns';
import { storyOf, type Story } from './story';
import { userMessageFor } from './userMessage';

export interface DiagnosisSubject {
  kind: 'user' | 'app' | 'request';
  /** Display name, UPN or app name, raw (escaped here). */
  label: string;
  userId?: string;
  userPrincipalName?: string;
  appId?: string;
  requestId?: string;
}

export interface Findings {
  subject: DiagnosisSubject;
  windowLabel: string;
  window: { start: string; end: string };
  diagnosis: Diagnosis;
  patterns: Pattern[];
  user?: UserSummary;
  blockingPolicy?: PolicyDefinition;
  blockedCountries?: string[];
  /** False: the asker may not see Conditional Access details; the roles that would allow it. */
  conditionalAccessVisible: boolean;
  conditionalAccessRoles: RoleName[];
  /** Who disabled the account (`byId`: their user id, when a person did), when, and the audit activity. */
  disabledBy?: { by: string; at: string; activity: string; byId?: string };
  riskDetections?: RiskDetection[];
  /** The account's newest changes in the audit log (escaped rows), read when the story is an attack. */
  recentChanges?: string[];
  /** Which kinds of sign-ins were read ("interactive", "non-interactive", "service principal"). */
  eventTypesRead: string[];
  truncated: boolean;
}

const MAX_RECENT_ROWS = 8;

function verdict(f: Findings): { text: string; color: 'Attention' | 'Good' | 'Warning' } {
  const { diagnosis, subject, windowLabel } = f;
  const who = subject.label;
  const latest = diagnosis.latestFailure;
  if (latest) {
    const info = errorCodeInfo(latest.status.errorCode);
    const blocker = blockingPolicyOf(latest);
    const app = latest.appDisplayName ? ` to ${latest.appDisplayName}` : '';
    const by = blocker ? `, blocked by "${blocker.displayName}"` : '';
    return {
      text: `${who}: sign-in${app} failing with ${latest.status.errorCode} (${info.title})${by}. ${diagnosis.failures.length} failure${diagnosis.failures.length === 1 ? '' : 's'} ${windowLabel}, the latest at ${when(latest.createdDateTime)}.`,
      color: 'Attention',
    };
  }
  const last = diagnosis.lastSuccess;
  const lastText = last ? ` Last successful sign-in: ${when(last.createdDateTime)}${last.appDisplayName ? ` to ${last.appDisplayName}` : ''}${placeOf(last) ? ` from ${placeOf(last)}` : ''}.` : ' No successful sign-in was found either.';
  // A disabled account with no failure logged (the user gave up, or tried an app that logs elsewhere) still cannot
  // sign in: that is the answer, not "nothing wrong".
  if (f.user?.accountEnabled === false) {
    const by = f.disabledBy ? ` ${f.disabledBy.by} disabled it on ${when(f.disabledBy.at)}.` : '';
    return { text: `${who}'s account is disabled, so every sign-in fails with 50057 (${errorCodeInfo(50057).title}).${by} No failed sign-in is logged ${windowLabel}.${lastText}`, color: 'Attention' };
  }
  if (diagnosis.interrupted.length > 0) {
    // Which errors they were ("50126 (Invalid username or password) ×2"): what the person saw before getting in.
    const codes = countByCode(diagnosis.interrupted).map((c) => `${c.code} (${c.title})${c.count > 1 ? ` ×${c.count}` : ''}`).join(', ');
    return {
      text: `No real sign-in failures for ${who} ${windowLabel}: ${diagnosis.interrupted.length} interruption${diagnosis.interrupted.length === 1 ? ' was' : 's were'} each followed by a successful sign-in (${codes}).${lastText}`,
      color: 'Good',
    };
  }
  if (diagnosis.signIns.length === 0) return { text: `No sign-ins for ${who} ${windowLabel}.${lastText}`, color: 'Warning' };
  return { text: `Nothing wrong: no failed sign-ins for ${who} ${windowLabel}.${lastText}`, color: 'Good' };
}

function policyRequirement(policy: PolicyDefinition, countries: string[] | undefined): string {
  const controls = (policy.grantControls?.builtInControls ?? []).map(grantControl);
  const conditions: string[] = [];
  const c = policy.conditions;
  const clients = c?.clientAppTypes ?? [];
  if (clients.includes('exchangeActiveSync') || clients.includes('other')) conditions.push('legacy authentication clients');
  if (c?.platforms?.includePlatforms?.length && !c.platforms.includePlatforms.includes('all')) conditions.push(`platforms ${c.platforms.includePlatforms.join(', ')}`);
  if (c?.locations?.includeLocations?.length && !c.locations.includeLocations.includes('All')) {
    conditions.push(countries?.length ? `locations in ${countries.join(', ')}` : 'named locations');
  }
  if (c?.users?.includeGuestsOrExternalUsers) conditions.push('guests and external users');
  if (c?.signInRiskLevels?.length) conditions.push(`sign-in risk ${c.signInRiskLevels.join('/')}`);
  if (c?.userRiskLevels?.length) conditions.push(`user risk ${c.userRiskLevels.join('/')}`);
  const operator = policy.grantControls?.operator === 'OR' ? ' or ' : ' and ';
  const grant = controls.length ? (controls.includes('block access') ? 'blocks access' : `requires ${controls.join(operator)}`) : 'applies session controls';
  return `${grant}${conditions.length ? ` for ${conditions.join('; ')}` : ''}`;
}

function latestFacts(f: Findings, latest: SignIn): Array<{ title: string; value: string }> {
  const info = errorCodeInfo(latest.status.errorCode);
  const legacy = isLegacyClient(latest.clientAppUsed);
  const facts = [
    { title: 'When', value: when(latest.createdDateTime) },
    // Words, not Microsoft's CamelCase name: a name such as UserStrongAuthClientAuthNRequiredInterrupt does not fit
    // the fact's column and cannot wrap. The name has a full-width line of its own (errorName).
    { title: 'Error', value: `${latest.status.errorCode} ${info.title !== info.name ? info.title : (info.kind?.label ?? info.aadsts)}` },
    { title: 'Signed in as', value: t(latest.userPrincipalName ?? latest.servicePrincipalName ?? '—') },
    { title: 'App', value: t(latest.appDisplayName ?? latest.servicePrincipalName ?? '—') },
    { title: 'Client', value: t(clientText(latest, legacy)) },
    { title: 'Device', value: t(deviceText(latest)) },
    { title: 'IP and location', value: t(whereText(latest)) },
    { title: 'MFA', value: t(mfaText(latest)) },
    { title: 'Risk during sign-in', value: t(riskText(latest)) },
    { title: 'Request id', value: t(latest.id) },
    { title: 'Correlation id', value: t(latest.correlationId ?? '—') },
  ];
  if (latest.status.failureReason) facts.splice(2, 0, { title: 'Failure reason (log)', value: t(latest.status.failureReason) });
  if (f.subject.kind !== 'app' && latest.userType) facts.splice(3, 0, { title: 'User type', value: t(latest.userType) });
  return facts;
}

function nextSteps(f: Findings, story: Story | undefined): string[] {
  const steps: string[] = [];
  const latest = f.diagnosis.latestFailure;
  if (!latest && f.user?.accountEnabled === false) {
    steps.push(f.disabledBy ? `Ask ${t(f.disabledBy.by)} why the account was disabled; enable it again only if that reason no longer holds.` : 'Find out why the account was disabled (audit log: "Disable account") before enabling it again.');
    return steps;
  }
  if (!latest) {
    steps.push('Nothing to fix in the sign-in log. If the user still reports a problem, ask for the time and the error page\'s correlation id.');
    return steps;
  }
  const attack = f.patterns.some((p) => p.kind === 'passwordSpray');
  if (attack && story?.passwordKnown) steps.push(`Reset ${t(f.subject.label)}'s password and revoke the sessions now: the attacker has the password.`);
  // In an attack the MFA prompt and the policy that required it did their job: the latest code's own fix would mislead.
  const info = errorCodeInfo(latest.status.errorCode);
  const fix = errorCodeFix(info);
  if (fix && !attack) steps.push(fix);
  if (f.blockingPolicy && !attack) steps.push(`Review the policy "${t(f.blockingPolicy.displayName)}" only if the block was not intended; it ${t(policyRequirement(f.blockingPolicy, f.blockedCountries))}.`);
  for (const p of f.patterns) {
    if (p.kind === 'passwordSpray') steps.push('Treat this as an attack: confirm the addresses are unknown, make sure MFA is enforced, and check the user\'s risk detections.');
    if (p.kind === 'blockedLocation') steps.push('If the user was not travelling, the password is probably known to someone else: reset it and revoke sessions.');
    if (p.kind === 'accountDisabled' && f.disabledBy) steps.push(`Ask ${t(f.disabledBy.by)} why the account was disabled before enabling it again.`);
  }
  return [...new Set(steps)];
}

/**
 * Who the answer is about, with the address an admin knows them by. A guest is named by their home address: their UPN
 * (`name_home#EXT#@tenant`) has no place to wrap, so it ran out of the card's column, and it is not how anyone calls them.
 */
/** The person, escaped, with their address readable: a guest by their home address, others by sign-in name. */
function subjectText(subject: DiagnosisSubject, user: UserSummary | undefined): string {
  const guest = user?.userType === 'Guest' || /#EXT#@/i.test(subject.userPrincipalName ?? '');
  if (guest && user?.mail) return `${t(subject.label)} (guest, ${t(user.mail)})`;
  return escapePerson(subject.label, subject.userPrincipalName);
}

export function buildDiagnosisAnswer(f: Findings): SkillAnswer {
  const { diagnosis, subject } = f;
  const v = verdict(f);
  const story = storyOf(diagnosis, f.patterns, subject.label, f.windowLabel, f.riskDetections, f.user?.accountEnabled === false);
  const latest = diagnosis.latestFailure;
  const info = latest ? errorCodeInfo(latest.status.errorCode) : undefined;
  const policies = latest && f.conditionalAccessVisible ? (latest.appliedConditionalAccessPolicies ?? []).slice().sort((a, b) => policyOrder(a) - policyOrder(b)) : [];
  const requirement = (id: string) => (f.blockingPolicy && f.blockingPolicy.id === id ? policyRequirement(f.blockingPolicy, f.blockedCountries) : '');
  // Lists are built with push, not by spreading arrays that may be empty: V8 optimised this function for one spread
  // array's map and threw the code away at the next, six 100-350 ms compiles in a row (docs/bench.md, "Session 10").
  const subjectFacts = [{ title: subject.kind === 'app' ? 'App' : 'User', value: subjectText(subject, f.user) }];
  if (f.user?.department) subjectFacts.push({ title: 'Department', value: t(f.user.department) });
  if (f.user && f.user.accountEnabled === false) subjectFacts.push({ title: 'Account', value: 'disabled' });
  if (f.disabledBy) subjectFacts.push({ title: 'Disabled by', value: `${t(f.disabledBy.by)} on ${when(f.disabledBy.at)} (audit: ${t(f.disabledBy.activity)})` });
  const windowFacts = [
    { title: 'Window', value: `${t(f.windowLabel)} (${when(f.window.start)} – ${when(f.window.end)})` },
    { title: 'Read', value: `${diagnosis.signIns.length} ${f.eventTypesRead.join(' and ')} sign-ins${f.truncated ? ' (newest only; more exist)' : ''}` },
  ];
  // The name first, Graph's values after it: they are what an admin searches the logs for.
  const risk = (f.riskDetections ?? []).map((r) => ({
    title: t(riskEventTypeLabel(r.riskEventType)),
    detail: t(`${riskLevelLabel(r.riskLevel)} risk, ${riskStateLabel(r.riskState)}, ${when(r.detectedDateTime)}${r.ipAddress ? ` from ${r.ipAddress}` : ''} (Graph: ${r.riskEventType}, ${r.riskState})`),
  }));
  const userMessage = latest && subject.kind !== 'app' ? userMessageFor(latest, f.patterns, subject.label) : undefined;
  const links = [
    { title: 'User in Entra', url: userLink(subject.userId) },
    { title: 'Sign-in log', url: userSignInLogLink(subject.userId) },
    { title: 'Blocking policy', url: f.blockingPolicy ? policyLink(f.blockingPolicy.id) : undefined },
    { title: 'App credentials', url: subject.kind === 'app' ? applicationLink(subject.appId) : undefined },
    { title: 'Sign-in diagnostic', url: latest ? SIGN_IN_DIAGNOSTIC_LINK : undefined },
  ].filter((l): l is { title: string; url: string } => Boolean(l.url));
  const who = subject.userPrincipalName ?? subject.label;
  const followUps = [{ title: 'Show more sign-ins', ask: `show sign-ins for ${who} this month` }];
  if (info) followUps.push({ title: `What does ${info.aadsts} mean?`, ask: `what does ${info.aadsts} mean?` });
  if (subject.kind === 'user') followUps.push({ title: 'Recent changes to this user', ask: `what changed for ${who} this week?` });
  const steps = nextSteps(f, story);
  const failureCount = diagnosis.failures.length;
  const patterns = f.patterns.map((p) => ({ title: t(p.title), detail: t(p.detail) }));
  for (const r of risk) patterns.push(r);
  const data = {
    title: t(`Sign-in diagnosis: ${subject.label}`),
    verdict: t(story?.headline ?? v.text),
    verdictColor: v.color,
    storyLines: (story?.lines ?? []).map((text) => ({ text: t(text) })),
    subjectFacts,
    windowFacts,
    hasCounts: diagnosis.countsByCode.length > 0,
    counts: diagnosis.countsByCode.map((c) => ({ code: String(c.code), title: t(c.title), count: String(c.count) })),
    hasRecent: failureCount > 0,
    failuresTitle: failureCount > 0 ? `Show the ${failureCount === 1 ? 'failure' : `${failureCount} failures`}` : 'Show the sign-ins read',
    recentTitle: failureCount > MAX_RECENT_ROWS ? `The ${MAX_RECENT_ROWS} most recent failures` : 'Failures, newest first',
    recent: diagnosis.failures.slice(0, MAX_RECENT_ROWS).map((s) => ({
      time: shortWhen(s.createdDateTime),
      app: t(s.appDisplayName ?? s.servicePrincipalName ?? '—'),
      code: String(s.status.errorCode),
      where: t(shortWhereText(s)),
      client: t(shortClientText(s, isLegacyClient(s.clientAppUsed))),
    })),
    interruptedNote: diagnosis.interrupted.length
      ? `${diagnosis.interrupted.length} interruption${diagnosis.interrupted.length === 1 ? '' : 's'} (${[...new Set(diagnosis.interrupted.map((s) => s.status.errorCode))].join(', ')}) were followed by a successful sign-in and are not counted as failures.`
      : '',
    hasLatest: Boolean(latest),
    latestFacts: latest ? latestFacts(f, latest) : [],
    cause: info ? t(errorCodeExplanation(info)) : '',
    errorName: info?.name ? t(`Microsoft's name for ${info.code}: ${info.name}`) : '',
    // The code's own fix, when the steps above left it out (an attack, where the MFA prompt did its job).
    latestFix: info?.fix && !steps.includes(info.fix) ? t(`Fix for ${info.code} in general: ${info.fix}`) : '',
    hasPolicies: policies.length > 0,
    policiesTitle: `Conditional Access (${policies.length} ${policies.length === 1 ? 'policy' : 'policies'})`,
    policies: policies.map((p) => ({
      name: t(p.displayName),
      result: policyResult(p.result),
      controls: t(requirement(p.id) || (p.enforcedGrantControls ?? []).map(grantControlLabel).join(', ') || '—'),
    })),
    policyNote:
      latest && !f.conditionalAccessVisible
        ? `Conditional Access details are hidden: seeing them needs one of ${f.conditionalAccessRoles.map((r) => ROLE_DISPLAY_NAMES[r]).join(', ')}.`
        : '',
    hasPatterns: patterns.length > 0,
    hasRecentChanges: (f.recentChanges ?? []).length > 0,
    recentChanges: (f.recentChanges ?? []).map((text) => ({ text })),
    evidenceTitle: risk.length ? 'Evidence and risk detections' : 'Evidence',
    patterns,
    hasDifferences: diagnosis.differences.length > 0,
    differences: diagnosis.differences.map((d) => ({ aspect: d.aspect, failing: t(d.failing), lastSuccess: t(d.lastSuccess) })),
    lastSuccessText: diagnosis.lastSuccess && latest ? `Compared with the last successful sign-in at ${when(diagnosis.lastSuccess.createdDateTime)}:` : '',
    nextSteps: steps.map((text) => ({ text })),
    hasUserMessage: Boolean(userMessage),
    userMessage: userMessage ? t(userMessage) : '',
    links,
    followUps,
  };
  const summary = [story ? (story.lines.length ? `${story.headline} ${story.lines.join(' ')}` : story.headline) : v.text];
  for (const c of diagnosis.countsByCode) summary.push(`• ${c.code} ${c.title}: ${c.count}`);
  if (latest && info?.explanation) summary.push(`Cause: ${info.explanation}`);
  for (const p of policies) if (p.result === 'failure') summary.push(`Blocked by: ${p.displayName}`);
  for (const p of f.patterns) summary.push(`${p.title}: ${p.detail}`);
  for (const s of steps) summary.push(`Next: ${s}`);
  // The admin who disabled the account: "what else did that admin do that day?".
  const actor = f.disabledBy?.byId ? { id: f.disabledBy.byId, displayName: f.disabledBy.by, at: f.disabledBy.at } : undefined;
  return { kind: 'card', template: 'signInDiagnosis', data, summary: summary.join('\n'), about: aboutOf(f), ...(actor ? { actor } : {}) };
}

/** What the diagnosis found the question to be about: the person, the app and the error of the failure, its policy. */
function aboutOf(f: Findings): AnswerAbout[] {
  const about: AnswerAbout[] = [];
  const latest = f.diagnosis.latestFailure;
  if (f.subject.kind !== 'app' && f.subject.userId) about.push({ type: 'user', id: f.subject.userId, displayName: f.subject.label });
  const appId = f.subject.kind === 'app' ? f.subject.appId : latest?.appId;
  const appName = f.subject.kind === 'app' ? f.subject.label : latest?.appDisplayName;
  if (appId && appName) about.push({ type: 'app', appId, displayName: appName });
  if (latest) about.push({ type: 'errorCode', displayName: String(latest.status.errorCode) });
  const blocker = latest ? blockingPolicyOf(latest) : undefined;
  if (blocker?.displayName) about.push({ type: 'policy', ...(blocker.id ? { id: blocker.id } : {}), displayName: blocker.displayName });
  return about;
}
