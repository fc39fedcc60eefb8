/**
 * "Diagnose this person": the question the message action, the help-desk triage card and its button ask. The person
 * is named by Entra object id, so the answer never depends on how a name resolves a second time.
 */
import { isGuid } from '../graph/ids';
import type { Entity, Understanding } from '../understanding/types';

export interface DiagnoseSubject {
  id: string;
  displayName: string;
  userPrincipalName?: string;
}

const MAX_NAME = 256;

export function diagnosisQuestion(name: string): string {
  return `why can't ${name} sign in?`;
}

/** The sign-in diagnosis of one known user, with what else the message said (an app, a time, an error code). */
export function diagnosisUnderstanding(subject: DiagnoseSubject, context: readonly Entity[] = []): Understanding {
  const user: Entity = {
    type: 'user',
    text: subject.displayName,
    id: subject.id,
    displayName: subject.displayName,
    ...(subject.userPrincipalName ? { userPrincipalName: subject.userPrincipalName } : {}),
    resolution: 'resolved',
    source: 'message',
  };
  const kept = context.filter((e) => (e.type === 'app' && e.resolution === 'resolved') || e.type === 'timeRange' || e.type === 'errorCode');
  return { intent: 'signin.troubleshoot', entities: [user, ...kept], text: diagnosisQuestion(subject.displayName) };
}

/** Action.Submit data of a "Full diagnosis" button: the question in words (what Teams shows) and the person by id. */
export function diagnoseButtonData(subject: DiagnoseSubject): Record<string, unknown> {
  return { ask: diagnosisQuestion(subject.displayName), diagnose: { id: subject.id, displayName: subject.displayName, ...(subject.userPrincipalName ? { userPrincipalName: subject.userPrincipalName } : {}) } };
}

/** A button's `diagnose` request, if the data carries a well-formed one (it is client data: checked, never trusted). */
export function diagnoseRequestOf(value: Record<string, unknown>): Understanding | undefined {
  const d = value.diagnose as Partial<DiagnoseSubject> | undefined;
  if (!d || typeof d !== 'object' || !isGuid(d.id) || typeof d.displayName !== 'string' || !d.displayName.trim() || d.displayName.length > MAX_NAME) return undefined;
  const upn = typeof d.userPrincipalName === 'string' && d.userPrincipalName.length <= MAX_NAME ? d.userPrincipalName : undefined;
  return diagnosisUnderstanding({ id: d.id, displayName: d.displayName, ...(upn ? { userPrincipalName: upn } : {}) });
}
