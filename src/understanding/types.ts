/** The intents Entra Assistant understands. The names are a contract: they appear in `ask --json`. */
export const INTENTS = [
  'signin.troubleshoot',
  'signin.list',
  'risk.user',
  'risk.users',
  'risk.workload',
  'risk.remediate',
  'user.info',
  'user.groups',
  'group.info',
  'role.assignments',
  'app.info',
  'audit.changes',
  'policy.info',
  'docs.answer',
  'help',
  'outOfScope',
] as const;

export type IntentName = (typeof INTENTS)[number];

/** One recognised entity; resolved tenant objects carry their id and display name. */
export interface Entity {
  type: string;
  text: string;
  value?: string;
  id?: string;
  displayName?: string;
  userPrincipalName?: string;
}

export interface Understanding {
  intent: IntentName;
  entities: Entity[];
  /** The cleaned text the recogniser saw. */
  text: string;
}

export interface Recognizer {
  recognize(text: string): Promise<Understanding>;
}
