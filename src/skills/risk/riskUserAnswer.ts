/**
 * The answer to "is Bob at risk?" from what was read: plain data in, the card model and the buttons out (no I/O, so
 * every situation can be checked without a tenant). Open risk gets the level, state and detail in words, what to
 * do, the detections, the sign-ins that carried them and the history; closed or absent risk gets a plain "not at
 * risk" with who closed it and when.
 */
import type { MitigationTarget } from '../../mitigations/types';
import { mitigationButton } from '../../mitigations/mitigationText';
import type { AccountFacts, MfaRegistration, RiskDetection, RiskyUser, RiskyUserHistoryItem, RiskySignIn } from '../../graph/riskQueries';
import { isGuid } from '../../graph/ids';
import type { DirectoryCardModel } from '../common/cardModel';
import { directorySummary, folded } from '../common/cardModel';
import { ago, methodName } from '../common/format';
import { userLink, userSignInLogLink } from '../common/adminCenterLinks';
import type { AnswerAction } from '../types';
import { detailText, e, isOpen, levelText, stateText, typeName } from './riskText';
import { detectionText, newestFirst, openOf, signInText, when } from './userRiskText';
import { looksSafe, mitigationSteps } from './userMitigation';

export interface RiskUserCardModel extends DirectoryCardModel {
  links: Array<{ title: string; url: string }>;
}

/** Detections one card lists; the rest are counted in a note. */
export const DETECTIONS_SHOWN = 10;

export interface RiskUserFacts {
  user: AccountFacts;
  /** Absent: Identity Protection has no record of the user (never flagged). */
  risk?: RiskyUser;
  history: RiskyUserHistoryItem[];
  /** Absent: the asker may not read detections. */
  detections?: RiskDetection[];
  /** The window the question gave for detections ("this week"). */
  detectionWindow?: { start: string; end: string };
  /** With a window: every open detection, whatever its date (what to do depends on all of them). */
  openDetections?: RiskDetection[];
  /** Absent: the sign-ins were not read (no detection points to one, or the asker may not read sign-ins). */
  signIns?: RiskySignIn[];
  /** Successful earlier sign-ins per flagged address. */
  familiar: Map<string, number>;
  /** Absent: the asker may not read MFA registration. */
  registration?: MfaRegistration;
  /** The latest sign-in refused for want of an MFA method (50079), when there is no method. */
  mfaRegistrationFailure?: { at: string; app?: string };
  /** Display names of the people who changed the risk, by object id. */
  names: Map<string, string>;
  /** Parts left out and why. */
  hidden: string[];
  /** The level the question named ("why is Bob high risk?"). */
  askedLevel?: string;
  /** The asker's rights to act, per button. */
  may: { riskWrite: boolean; revokeSessions: boolean; disable: boolean; signInRisk: boolean };
  /** Role names that would allow each refused action ("Global Administrator or Security Administrator"). */
  rolesToAct: { riskWrite: string; revokeSessions: string; disable: string };
  now: Date;
}

export interface RiskUserAnswer {
  model: RiskUserCardModel;
  actions: AnswerAction[];
  summary: string;
}

const CLOSED_STATES = ['dismissed', 'remediated', 'confirmedSafe'];

function whoText(initiatedBy: string | null | undefined, facts: RiskUserFacts): string {
  if (!initiatedBy) return 'Identity Protection';
  if (initiatedBy === facts.user.id) return `${e(facts.user.displayName ?? facts.user.id)} themselves`;
  const name = facts.names.get(initiatedBy.toLowerCase());
  return name ? e(name) : `an administrator or app (${e(initiatedBy)})`;
}

const newestHistoryFirst = (a: RiskyUserHistoryItem, b: RiskyUserHistoryItem) => (b.riskLastUpdatedDateTime ?? '').localeCompare(a.riskLastUpdatedDateTime ?? '');

function historyText(item: RiskyUserHistoryItem, facts: RiskUserFacts): string {
  const detail = detailText(item.riskDetail ?? item.activity?.detail);
  const types = item.activity?.riskEventTypes ?? [];
  const what = `risk ${levelText(item.riskLevel)}, ${stateText(item.riskState)}${detail ? ` (${detail})` : ''}`;
  const after = types.length ? `; detections: ${types.map((t) => e(typeName(t))).join(', ')}` : '';
  return `${when(item.riskLastUpdatedDateTime)} — ${what}${after} — by ${whoText(item.initiatedBy, facts)}`;
}

/** The newest history step that closed the risk, if the risk is closed. */
function closureOf(facts: RiskUserFacts): RiskyUserHistoryItem | undefined {
  return [...facts.history].sort(newestHistoryFirst).find((h) => CLOSED_STATES.includes(h.riskState ?? ''));
}

function closureText(facts: RiskUserFacts, name: string): string {
  const risk = facts.risk;
  if (!risk) return `Identity Protection has no risk record for ${name}: the account has never been flagged, or its risk has aged out.`;
  const step = closureOf(facts);
  const state = risk.riskState ?? 'none';
  const at = step?.riskLastUpdatedDateTime ?? risk.riskLastUpdatedDateTime;
  const detail = detailText(risk.riskDetail);
  const verb: Record<string, string> = { dismissed: 'dismissed', remediated: 'remediated', confirmedSafe: 'confirmed safe' };
  if (CLOSED_STATES.includes(state)) {
    const self = step?.initiatedBy === facts.user.id;
    const who = !step ? 'Someone' : self ? name : whoText(step.initiatedBy, facts);
    const closedBy = `${who.charAt(0).toUpperCase()}${who.slice(1)}`;
    return `${closedBy} ${verb[state]} the risk${self ? ' themselves' : ''} on ${when(at)}${at ? ` (${ago(at, facts.now)})` : ''}${detail ? `: ${detail}` : ''}. Nothing to do.`;
  }
  return `${name}'s risk level is ${levelText(risk.riskLevel)} (${stateText(state)}), last changed ${when(at)}. Nothing to do.`;
}

function userTarget(user: AccountFacts): MitigationTarget {
  return { kind: 'user', id: user.id, displayName: user.displayName ?? user.userPrincipalName ?? user.id, ...(user.userPrincipalName ? { userPrincipalName: user.userPrincipalName } : {}) };
}

/**
 * "Nov", made on first use and kept: Date#toLocaleString with options builds a new formatter at every call, about
 * 50 µs of CPU against 0.7 for a kept one (docs/bench.md, "Session 9"); first use, not import, because a formatter
 * maps ICU's date data into the process, which a bot that never shows this button need not hold.
 */
let shortMonth: Intl.DateTimeFormat | undefined;

function signInTarget(user: AccountFacts, d: RiskDetection): MitigationTarget {
  const at = new Date(d.activityDateTime ?? d.detectedDateTime ?? 0);
  shortMonth ??= new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
  const label = `${at.getUTCDate()} ${shortMonth.format(at)} ${at.toISOString().slice(11, 16)} UTC`;
  return { kind: 'signIn', id: d.requestId as string, displayName: `${user.displayName ?? user.id}'s sign-in of ${label}` };
}

/** The buttons, each only when the asker may take the action; and the note naming the roles when they may not. */
function buttonsFor(facts: RiskUserFacts, open: RiskDetection[]): { actions: AnswerAction[]; refused: string[] } {
  const actions: AnswerAction[] = [];
  const refused: string[] = [];
  const target = userTarget(facts.user);
  const state = facts.risk?.riskState;
  const offer = (allowed: boolean, button: () => AnswerAction, refusal: string) => (allowed ? actions.push(button()) : refused.push(refusal));
  if (state !== 'confirmedCompromised') {
    offer(facts.may.riskWrite, () => mitigationButton('confirmCompromised', target), `confirming or dismissing risk needs ${facts.rolesToAct.riskWrite}`);
  }
  offer(facts.may.riskWrite, () => mitigationButton('dismiss', target), `confirming or dismissing risk needs ${facts.rolesToAct.riskWrite}`);
  offer(facts.may.revokeSessions, () => mitigationButton('revokeSessions', target), `revoking sessions needs ${facts.rolesToAct.revokeSessions}`);
  if (facts.user.accountEnabled !== false) {
    offer(facts.may.disable, () => mitigationButton('disable', target), `disabling the account needs ${facts.rolesToAct.disable}`);
  }
  for (const d of open.filter((x) => looksSafe(x, facts.familiar) && isGuid(x.requestId))) {
    offer(facts.may.signInRisk, () => mitigationButton('confirmSafe', signInTarget(facts.user, d)), `confirming a sign-in safe needs ${facts.rolesToAct.riskWrite}`);
  }
  return { actions, refused: [...new Set(refused)] };
}

function mfaFact(registration: MfaRegistration): string {
  if (!registration.isMfaRegistered) return 'Not registered';
  const methods = (registration.methodsRegistered ?? []).map(methodName);
  return `Registered${methods.length ? `: ${methods.join(', ')}` : ''}`;
}

export function riskUserAnswer(facts: RiskUserFacts): RiskUserAnswer {
  const { user, risk, now } = facts;
  const name = e(user.displayName ?? risk?.userDisplayName ?? user.id);
  const upn = user.userPrincipalName ?? risk?.userPrincipalName;
  const atRisk = isOpen(risk?.riskState);
  const detections = [...(facts.detections ?? [])].sort(newestFirst);
  const open = openOf(detections, facts.openDetections);
  const signIns = new Map((facts.signIns ?? []).map((s) => [s.id, s]));
  const mfaRegistered = facts.registration ? Boolean(facts.registration.isMfaRegistered) : undefined;
  const link = userLink(user.id);

  const callouts: string[] = [];
  const factRows: Array<{ title: string; value: string }> = [];
  const sections: DirectoryCardModel['sections'] = [];
  const notes = [...facts.hidden];

  factRows.push({ title: 'User risk', value: levelText(risk?.riskLevel ?? 'none') }, { title: 'State', value: risk ? stateText(risk.riskState) : 'never flagged' });
  const detail = detailText(risk?.riskDetail);
  // Graph's own values beside the words, for searching logs and scripts by them.
  if (detail) factRows.push({ title: 'Detail', value: `${detail} (Graph: ${e(risk?.riskDetail)})` });
  if (risk?.riskLastUpdatedDateTime) factRows.push({ title: 'Last changed', value: `${when(risk.riskLastUpdatedDateTime)} (${ago(risk.riskLastUpdatedDateTime, now)})` });
  factRows.push({ title: 'Account', value: user.accountEnabled === false ? 'Disabled' : 'Enabled' });
  if (facts.registration) factRows.push({ title: 'MFA', value: mfaFact(facts.registration) });

  let actions: AnswerAction[] = [];
  if (atRisk && risk) {
    const level = levelText(risk.riskLevel);
    callouts.push(
      risk.riskState === 'confirmedCompromised'
        ? `${name} is confirmed compromised (user risk ${level}).`
        : `${name} is at risk: user risk ${level} since ${when(risk.riskLastUpdatedDateTime)}.`,
    );
    for (const d of open) {
      const s = d.requestId ? signIns.get(d.requestId) : undefined;
      if (s?.status?.errorCode === 0 && !looksSafe(d, facts.familiar)) callouts.push(`A risky sign-in from ${e(s.ipAddress ?? 'an unknown address')} succeeded on ${when(s.createdDateTime)}.`);
    }
    if (mfaRegistered === false) {
      const failure = facts.mfaRegistrationFailure;
      callouts.push(
        failure
          ? `No MFA method registered: ${name} cannot clear the risk; sign-ins fail with 50079, latest ${when(failure.at)}.`
          : `No MFA method registered: ${name} cannot clear the risk themselves.`,
      );
    }
    if (user.accountEnabled === false) callouts.push('The account is disabled.');
    if (facts.askedLevel && facts.askedLevel !== risk.riskLevel && ['high', 'medium', 'low'].includes(facts.askedLevel)) {
      notes.unshift(`You asked about ${facts.askedLevel} risk: ${name}'s user risk is ${level}.`);
    }
    sections.push({
      heading: 'What to do',
      items: mitigationSteps({ name, state: risk.riskState ?? 'atRisk', open, signIns, familiar: facts.familiar, mfaRegistered, accountEnabled: user.accountEnabled }).map((text) => ({ text })),
    });
    const buttons = buttonsFor(facts, open);
    actions = buttons.actions;
    if (buttons.refused.length) notes.push(`You can read this risk but not act on it here: ${buttons.refused.join('; ')}.`);
  } else {
    sections.push({ heading: 'Not at risk', items: [{ text: closureText(facts, name) }] });
  }

  if (facts.detections) {
    const window = facts.detectionWindow ? ` detected ${when(facts.detectionWindow.start)} to ${when(facts.detectionWindow.end)}` : '';
    const shown = detections.slice(0, DETECTIONS_SHOWN);
    sections.push(
      folded(
        { heading: `Risk detections${window}, newest first`, items: shown.length ? shown.map((d) => ({ text: detectionText(d) })) : [{ text: window ? 'None in this window.' : 'None.' }] },
        'riskDetections',
        'Detections',
      ),
    );
    if (detections.length > shown.length) notes.push(`${detections.length - shown.length} older detections are not listed.`);
    const listed = new Set(detections.map((d) => d.id));
    const outside = facts.detectionWindow ? open.filter((d) => !listed.has(d.id)).length : 0;
    if (outside > 0) notes.push(`${outside} open detection${outside === 1 ? ' falls' : 's fall'} outside this window (what to do counts ${outside === 1 ? 'it' : 'them'}); ask without a time range to list ${outside === 1 ? 'it' : 'them'}.`);
  }
  if (facts.signIns && facts.signIns.length) {
    const ordered = [...facts.signIns].sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
    sections.push(folded({ heading: 'Sign-ins that carried the risk', items: ordered.map((s) => ({ text: signInText(s) })) }, 'riskySignIns', 'Risky sign-ins'));
  }
  if (facts.history.length) {
    sections.push(folded({ heading: 'Risk history, newest first', items: [...facts.history].sort(newestHistoryFirst).map((h) => ({ text: historyText(h, facts) })) }, 'riskHistory', 'Risk history'));
  }

  const links = [link && { title: 'Open the user in Entra', url: link }, userSignInLogLink(user.id) && { title: 'Sign-in log', url: userSignInLogLink(user.id) as string }].filter(
    (l): l is { title: string; url: string } => Boolean(l),
  );
  const model: RiskUserCardModel = {
    title: name,
    subtitle: [upn ? e(upn) : '', atRisk ? `user risk ${levelText(risk?.riskLevel)}, ${stateText(risk?.riskState)}` : 'not at risk'].filter(Boolean).join(' · '),
    callouts: callouts.map((text) => ({ text })),
    facts: factRows,
    sections,
    notes: notes.map((text) => ({ text })),
    links,
  };
  return { model, actions, summary: directorySummary(model) };
}
