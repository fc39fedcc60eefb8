/**
 * Identity Protection risk detection types (riskEventType) for users and for service principals, explained in the
 * project's own words: what the detection means, what to check, what to do. Also the plain words for risk states
 * and risk details. (Stub: filled in by issue #7's knowledge work.)
 */
import type { ConceptLink } from './concepts';

export type RiskSubject = 'user' | 'servicePrincipal';

export interface RiskTypeInfo {
  /** Graph's riskEventType value, e.g. "unfamiliarFeatures". */
  eventType: string;
  subject: RiskSubject;
  /** The name the Entra admin center shows, e.g. "Unfamiliar sign-in properties". */
  name: string;
  /** What it means, in plain words (2–3 sentences). */
  explanation: string;
  /** What an admin checks to decide whether it is real. */
  check: string;
  /** What to do when it is real (and when it is not). */
  action: string;
  /** realtime, offline or either. */
  timing: 'realtime' | 'offline' | 'either';
  /** Needs Entra ID P2 (users) / Workload ID Premium (service principals) to be reported by name. */
  premium: boolean;
  links: ConceptLink[];
  /** Lower-case phrases that name the type in a question ("unfamiliar sign-in properties"). */
  aliases: string[];
}

/** The info for a riskEventType; an unknown type gets an honest generic entry, never an exception. */
export function riskTypeInfo(eventType: string, subject: RiskSubject): RiskTypeInfo {
  return {
    eventType,
    subject,
    name: eventType,
    explanation: `Identity Protection reported a "${eventType}" detection.`,
    check: 'Open the detection in the Entra admin center and review the sign-in or activity it points to.',
    action: 'If the activity was not the account owner, confirm it compromised; otherwise dismiss it.',
    timing: 'either',
    premium: true,
    links: [],
    aliases: [],
  };
}

/** Every known type, for docs answers and tests. */
export function allRiskTypes(): RiskTypeInfo[] {
  return [];
}

/** Finds a risk type named in a question ("what is an unfamiliar sign-in properties detection?"). */
export function findRiskType(text: string): RiskTypeInfo | undefined {
  void text;
  return undefined;
}

/** riskState in plain words: "atRisk" → "at risk", "confirmedCompromised" → "confirmed compromised". */
export function riskStateText(state: string | null | undefined): string {
  return state ? state.replace(/([A-Z])/g, ' $1').toLowerCase() : 'unknown';
}

/** riskDetail in plain words: "adminDismissedAllRiskForUser" → "an admin dismissed all risk for the user". */
export function riskDetailText(detail: string | null | undefined): string {
  return detail && detail !== 'none' ? detail.replace(/([A-Z])/g, ' $1').toLowerCase() : '';
}
