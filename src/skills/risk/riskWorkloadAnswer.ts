/**
 * The answer about one risky workload identity, from facts already read: its risk and how it changed, its detections
 * and which credential each used, who can manage it, whether a credential was added just before the risky activity,
 * and what to do. Plain data in, the card's view model out (no Graph here).
 */
import { escapeMarkdown, escapePerson } from '../../cards/escape';
import type { ApplicationDetails, DirectoryObjectRef, ServicePrincipalDetails } from '../../graph/directoryQueries';
import type { RiskyServicePrincipal, RiskyServicePrincipalHistoryItem, ServicePrincipalRiskDetection } from '../../graph/workloadRiskQueries';
import { riskTypeInfo } from '../../knowledge/riskTypes';
import type { AnswerAction, AnswerSubject, SkillAnswer } from '../types';
import { directorySummary, folded, type DirectoryCardModel } from '../common/cardModel';
import { credentialsOf, warnUntilOf } from '../common/credentials';
import { formatDate, formatWhen } from '../common/format';
import { credentialsByKeyId, changeText, initiatorText, newCredentialBeforeRisk, type CredentialChange, type NamedCredential, type NewCredentialFinding } from './workloadCredentials';
import { detailText, isOpen, levelRiskText, stateText } from './riskText';
import { capitalised, credentialsText, detectionText, gapText, historyText, lastDecision, spTypeName, whereOf, whoText } from './workloadRiskText';

/** Detections shown for one service principal, newest first. */
const DETECTIONS_SHOWN = 10;
/** How far back recent credential changes reach. */
export const CHANGE_DAYS = 30;

/** The card's view model: the directory cards' shape plus the steps to take. Preformatted, escaped strings only. */
export interface WorkloadRiskCardModel extends DirectoryCardModel {
  advice: Array<{ text: string }>;
}

export function workloadSummary(model: WorkloadRiskCardModel): string {
  const advice = model.advice.length ? ['What to do:', ...model.advice.map((a) => `• ${a.text}`)] : [];
  return [directorySummary(model), ...advice].join('\n');
}

export function cardAnswer(model: WorkloadRiskCardModel, actions: AnswerAction[] = [], subjects: AnswerSubject[] = []): SkillAnswer {
  return { kind: 'card', template: 'riskWorkload', data: model, summary: workloadSummary(model), ...(actions.length ? { actions } : {}), ...(subjects.length ? { subjects } : {}) };
}

export interface WorkloadFacts {
  name: string;
  risky: RiskyServicePrincipal;
  history: RiskyServicePrincipalHistoryItem[];
  detections: ServicePrincipalRiskDetection[];
  sp?: ServicePrincipalDetails;
  app?: ApplicationDetails;
  owners: DirectoryObjectRef[];
  /** Undefined when the asker may not read the audit log. */
  changes?: CredentialChange[];
  names: ReadonlyMap<string, string>;
  notes: string[];
}

function advice(f: WorkloadFacts, finding: NewCredentialFinding | undefined, known: ReadonlyMap<string, NamedCredential>): string[] {
  const name = escapeMarkdown(f.name);
  const owners = f.owners.map((o) => escapeMarkdown(o.displayName ?? o.userPrincipalName ?? o.id));
  const ownerWords = owners.length ? owners.join(' or ') : 'whoever runs the app (it has no owners)';
  const open = f.detections.filter((d) => isOpen(d.riskState));
  const usedKeyIds = new Set(open.flatMap((d) => (d.keyIds ?? []).map((k) => k.toLowerCase())));
  const others = [...known.values()].filter((c) => !usedKeyIds.has(c.keyId.toLowerCase()) && c.keyId.toLowerCase() !== finding?.credential.keyId.toLowerCase());
  const places = [...new Set(open.map(whereOf).filter(Boolean))].map(escapeMarkdown);
  const fromWords = places.length ? ` from ${places.join(' and ')}` : '';
  const steps: string[] = [];
  if (f.risky.riskState === 'confirmedCompromised') {
    steps.push(`Remove every credential the attacker may hold, and add fresh ones only once ${ownerWords} confirm what the app needs.`);
    if (f.sp?.accountEnabled !== false) steps.push(`Disable ${name} until it is cleaned up: apps that depend on it stop until it is enabled again.`);
    steps.push(`Review what it did: its service-principal sign-ins${fromWords} and the audit log for changes it made with its permissions.`);
    return steps;
  }
  if (finding) {
    const who = escapeMarkdown(initiatorText(finding.change.audit, f.names));
    // When the callout above already says where the new credential was used, the advice does not say it again.
    const use = finding.used ? 'that use' : `its use${fromWords}`;
    steps.push(`Remove the ${escapeMarkdown(finding.credential.label)} now, unless ${who} confirms adding it on purpose and expected ${use}.`);
    if (others.length) steps.push(`Rotate the app's other credentials (${others.map((c) => escapeMarkdown(c.label)).join(', ')}) and update the systems that use them.`);
  } else {
    for (const type of [...new Set(open.map((d) => d.riskEventType).filter((t): t is string => Boolean(t)))]) {
      const info = riskTypeInfo(type, 'servicePrincipal');
      steps.push(`${info.name}: ${info.check}`);
    }
    steps.push(`Ask ${ownerWords} whether they recognise the activity${fromWords}.`);
  }
  steps.push(`Review its sign-ins${fromWords} for use of its other credentials (Entra admin center: Sign-in logs → Service principal sign-ins).`);
  steps.push('If the activity was not expected, confirm the service principal compromised (and disable it); if it was, dismiss the risk.');
  return steps;
}

export function workloadModel(f: WorkloadFacts, now: Date): WorkloadRiskCardModel {
  const known = credentialsByKeyId([f.app, f.sp]);
  // Credentials removed since still have a name in the audit log.
  for (const change of f.changes ?? []) for (const c of [...change.added, ...change.removed]) if (!known.has(c.keyId.toLowerCase())) known.set(c.keyId.toLowerCase(), { ...c, label: `${c.label} (since removed)` });
  const live = credentialsByKeyId([f.app, f.sp]);
  const open = f.detections.filter((d) => isOpen(d.riskState));
  const finding = f.changes ? newCredentialBeforeRisk(open.length ? open : f.detections, f.changes) : undefined;
  const callouts: Array<{ text: string }> = [];
  if (finding) {
    const who = initiatorText(finding.change.audit, f.names);
    const gap = gapText(finding.change.audit.activityDateTime, finding.detection.activityDateTime!);
    const use = finding.used ? `, and the risky activity used it${whereOf(finding.detection) ? ` from ${whereOf(finding.detection)}` : ''}` : '';
    callouts.push({
      text: escapeMarkdown(
        `A credential was added ${gap} before the first risky activity: ${who} added the ${finding.credential.label} on ${formatDate(finding.change.audit.activityDateTime)}${use}.`,
      ),
    });
  }
  if (f.risky.riskState === 'confirmedCompromised') callouts.push({ text: 'An administrator confirmed this service principal compromised.' });
  if (f.sp?.accountEnabled === false) callouts.push({ text: 'Sign-in is disabled for this service principal.' });

  const detail = detailText(f.risky.riskDetail, 'servicePrincipal');
  // The level is the subtitle's ("at high risk"): a fact repeating it cost a line before the advice.
  const facts = [
    { title: 'Risk state', value: f.risky.riskState ? `${stateText(f.risky.riskState)} (${escapeMarkdown(f.risky.riskState)})` : stateText(f.risky.riskState) },
    ...(detail ? [{ title: 'Risk detail', value: detail }] : []),
    { title: 'Last change', value: formatWhen(f.risky.riskLastUpdatedDateTime, now) },
    // Not "Application (client) ID": a title that wraps widens the title column, and every value then wraps too.
    { title: 'App (client) ID', value: f.sp?.appId ?? f.risky.appId ?? '' },
  ];
  if (f.sp) facts.push({ title: 'Sign-in', value: f.sp.accountEnabled === false ? 'disabled' : 'enabled' });

  const detections = [...f.detections].sort((a, b) => Date.parse(b.activityDateTime ?? '') - Date.parse(a.activityDateTime ?? ''));
  const notes = [...f.notes];
  if (detections.length > DETECTIONS_SHOWN) notes.push(`Showing the newest ${DETECTIONS_SHOWN} of ${detections.length} detections.`);
  const history = [...f.history].sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''));
  const usedKeyIds = new Set(detections.flatMap((d) => (d.keyIds ?? []).map((k) => k.toLowerCase())));
  const usedLabels = new Set([...live.entries()].filter(([k]) => usedKeyIds.has(k)).map(([, c]) => c.label));
  const name = f.sp?.displayName ?? f.app?.displayName ?? f.name;
  const warnUntil = warnUntilOf(undefined, now);
  const credentials = [...(f.app ? credentialsOf(name, f.app, now, warnUntil) : []), ...(f.sp ? credentialsOf(name, f.sp, now, warnUntil) : [])];
  const sections = [
    folded({ heading: 'Detections (newest first)', items: detections.length ? detections.slice(0, DETECTIONS_SHOWN).map((d) => ({ text: detectionText(d, known, now) })) : [{ text: 'none' }] }, 'detections', 'Detections'),
    folded({ heading: 'Risk history', items: history.length ? history.map((h) => ({ text: historyText(h, f.names, now) })) : [{ text: 'none' }] }, 'riskHistory', 'Risk history'),
    folded({ heading: 'Owners', items: f.owners.length ? f.owners.map((o) => ({ text: escapePerson(o.displayName ?? o.id, o.userPrincipalName) })) : [{ text: 'none: nobody but administrators answers for this app' }] }, 'owners', 'Owners'),
    folded(
      { heading: 'Credentials', items: credentials.length ? credentials.map((c) => ({ text: credentialsText(c, usedLabels.has(`${c.kind} "${c.name}"`), now) })) : [{ text: 'none' }] },
      'credentials',
      'Credentials',
    ),
  ];
  if (f.changes) {
    sections.push(
      folded(
        { heading: `Credential changes (audit log, last ${CHANGE_DAYS} days)`, items: f.changes.length ? f.changes.map((c) => ({ text: changeText(c, f.names, now) })) : [{ text: 'none' }] },
        'credentialChanges',
        'Credential changes',
      ),
    );
  }
  return {
    title: escapeMarkdown(name),
    subtitle: `Workload identity (service principal) at ${levelRiskText(f.risky.riskLevel)}`,
    callouts,
    facts,
    sections,
    notes: notes.map((text) => ({ text })),
    advice: advice(f, finding, live).map((text) => ({ text })),
  };
}

/** Detections named under a closed case ("why was it flagged?" is still asked after a dismissal). */
const CLOSED_DETECTIONS_SHOWN = 5;

export function notRiskyText(
  name: string,
  risky: RiskyServicePrincipal | undefined,
  history: readonly RiskyServicePrincipalHistoryItem[],
  names: ReadonlyMap<string, string>,
  now: Date,
  detections: readonly ServicePrincipalRiskDetection[] = [],
): string {
  const who = escapeMarkdown(name);
  if (!risky) return `${who} is not a risky workload identity: Identity Protection has no risk recorded for this service principal.`;
  const decision = lastDecision(history);
  const earlier = [...history].filter((h) => h.riskLevel && h.riskLevel !== 'none').sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''))[0];
  const was = earlier ? `its ${earlier.riskLevel} risk${earlier.activity?.riskEventTypes?.length ? ` (${earlier.activity.riskEventTypes.map(spTypeName).join(', ')})` : ''}` : 'its risk';
  const state = stateText(risky.riskState);
  const closure = decision
    ? ` ${capitalised(was)} was ${stateText(decision.riskState)} by ${whoText(decision.initiatedBy, names)} on ${formatWhen(decision.riskLastUpdatedDateTime, now)}${detailText(decision.riskDetail, 'servicePrincipal') ? ` (${detailText(decision.riskDetail, 'servicePrincipal')})` : ''}.`
    : risky.riskLastUpdatedDateTime
      ? ` ${capitalised(was)} was ${state} on ${formatWhen(risky.riskLastUpdatedDateTime, now)}.`
      : '';
  const detected = [...detections].sort((a, b) => Date.parse(b.activityDateTime ?? '') - Date.parse(a.activityDateTime ?? '')).slice(0, CLOSED_DETECTIONS_SHOWN);
  const what = detected.length
    ? `\n\nWhat was detected${detections.length > detected.length ? ` (the latest ${detected.length} of ${detections.length})` : ''}:\n${detected.map((d) => `- ${detectionText(d, new Map(), now)}`).join('\n')}`
    : '';
  return `${who} is not at risk now (risk state: ${state}).${escapeMarkdown(closure)} Nothing to do unless new detections appear.${what}`;
}
