/**
 * Questions about one past event ("who invited Nestor?", "who turned that policy off?", "when was it set to
 * report-only, and by whom?"): which event is asked about, and which audit entries are that event. Such a question
 * searches everything the audit log keeps rather than the default week, and its answer leads with the event.
 */
import type { DirectoryAudit } from '../../graph/directoryQueries';
import { readableValue } from '../common/auditText';

export interface AuditEvent {
  id: string;
  /** What the event is called in an answer: "invitation", "switch-off". */
  label: string;
  /** The question's words that ask about this event. */
  asked: RegExp;
  /** Whether an audit entry is this event. */
  isEvent(entry: DirectoryAudit): boolean;
}

/** The policy's state before and after an update, when the entry carries the policy as JSON (as Graph does). */
function policyStates(entry: DirectoryAudit): { before?: string; after?: string } {
  const property = (entry.targetResources ?? []).flatMap((t) => t.modifiedProperties ?? []).find((p) => p.displayName === 'ConditionalAccessPolicy');
  const stateOf = (value: string | null | undefined): string | undefined => {
    try {
      const state = (JSON.parse(readableValue(value)) as { state?: unknown }).state;
      return typeof state === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  };
  return { before: stateOf(property?.oldValue), after: stateOf(property?.newValue) };
}

/** A policy update that moved the policy to `state`; without the JSON, the admin's note must say so. */
function policyMovedTo(state: string, noteSays: RegExp) {
  return (entry: DirectoryAudit): boolean => {
    if (entry.activityDisplayName !== 'Update conditional access policy') return false;
    const { before, after } = policyStates(entry);
    if (after !== undefined) return after === state && before !== state;
    return noteSays.test(entry.resultReason ?? '');
  };
}

/** An account switched off: the dedicated entry, or an update that set accountEnabled to false. */
function accountDisabled(entry: DirectoryAudit): boolean {
  if (entry.activityDisplayName === 'Disable account') return true;
  return (
    entry.activityDisplayName === 'Update user' &&
    (entry.targetResources ?? []).some((t) => (t.modifiedProperties ?? []).some((p) => p.displayName === 'AccountEnabled' && /false/i.test(readableValue(p.newValue))))
  );
}

const activity = (pattern: RegExp) => (entry: DirectoryAudit) => pattern.test(entry.activityDisplayName);

/** The events a question can ask about, most specific first: the first whose words appear is the one asked. */
export const AUDIT_EVENTS: readonly AuditEvent[] = [
  { id: 'reportOnly', label: 'switch to report-only', asked: /\breport[- ]?only\b/, isEvent: policyMovedTo('enabledForReportingButNotEnforced', /report[- ]?only/i) },
  { id: 'invite', label: 'invitation', asked: /\binvit(?:e|ed|es|ing|ation)\b/, isEvent: activity(/^Invite external user$/) },
  { id: 'create', label: 'creation', asked: /\bcreat(?:e|ed|es|ing|ion)\b|\bset up\b|\bmade (?:this|that|the|his|her|their) account\b/, isEvent: activity(/^(?:Add user|Invite external user|Add conditional access policy|Add application|Add service principal|Add group)$/) },
  { id: 'delete', label: 'deletion', asked: /\bdelet(?:e|ed|es|ing|ion)\b/, isEvent: activity(/^(?:Hard )?[Dd]elete /) },
  {
    id: 'turnOff',
    label: 'switch-off',
    asked: /\b(?:turned|switched|shut|set|flipped)\s+(?:\S+\s+){0,6}?off\b|\b(?:turn|switch|shut|set)\s+off\b|\bdisabl(?:e|ed|ing)\b|\bdeactivat(?:e|ed)\b/,
    isEvent: (entry) => accountDisabled(entry) || policyMovedTo('disabled', /\b(?:off|disabl)/i)(entry),
  },
  {
    id: 'turnOn',
    label: 'switch-on',
    asked: /\b(?:turned|switched|set|flipped)\s+(?:\S+\s+){0,6}?on\b|\b(?:turn|switch)\s+on\b|\b(?:re-?)?enabl(?:e|ed|ing)\b/,
    isEvent: (entry) => entry.activityDisplayName === 'Enable account' || policyMovedTo('enabled', /\b(?:on|enabl)/i)(entry),
  },
  { id: 'resetPassword', label: 'password reset', asked: /\breset\b.{0,40}\bpasswords?\b|\bpasswords?\b.{0,20}\b(?:reset|changed)\b/, isEvent: activity(/password/i) },
  { id: 'secret', label: 'credential change', asked: /\b(?:secrets?|certificates?|certs?|credentials?|creds?|keys?)\b/, isEvent: activity(/Certificates and secrets management/) },
  { id: 'remove', label: 'removal', asked: /\bremov(?:e|ed|es|ing|al)\b|\btook\b.{0,30}\bout\b/, isEvent: activity(/^Remove /) },
  { id: 'add', label: 'addition', asked: /\badd(?:ed|s)?\b|\bput\b.{0,40}\bin(?:to)?\b|\bmade\b.{0,40}\b(?:admin|administrator|member|owner)\b|\b(?:gave|granted|assigned)\b/, isEvent: activity(/^Add (?:member|owner|eligible member|scoped member)/) },
];

/** Words that make a question about one past event: who did it, or when it happened and by whom. */
const ONE_EVENT = /\bwho\s+(?:\S+\s+)?(?:invited|created|deleted|disabled|enabled|turned|switched|shut|set|flipped|reset|added|removed|gave|granted|assigned|made|put|changed|modified|updated|consented|took)\b|\bby whom\b|\bwhen (?:was|were|did|has|have)\b/;

/** The event a question asks about, if it asks about one past event; `generic` when it names no known kind. */
export function askedEvent(text: string): AuditEvent | 'generic' | undefined {
  const lower = text.toLowerCase();
  if (!ONE_EVENT.test(lower)) return undefined;
  return AUDIT_EVENTS.find((event) => event.asked.test(lower)) ?? 'generic';
}
