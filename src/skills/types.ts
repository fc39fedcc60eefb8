import type { IntentName, Understanding } from '../understanding/types';
import type { TenantSession } from '../graph/sessions';

/** Who asked, from the activity: the Entra object id and tenant of the Teams user. */
export interface Asker {
  aadObjectId?: string;
  tenantId?: string;
  name?: string;
}

export interface SkillRequest {
  understanding: Understanding;
  asker: Asker;
  conversationType: 'personal' | 'groupChat' | 'channel';
  now: Date;
  /** Graph, with the asker's rights; absent when no tenant is configured. */
  tenant?: TenantSession;
}

/**
 * What a skill returns: data, never card JSON. A card answer names its template and gives its preformatted view
 * model; `summary` is the same answer as plain text (notifications, the ask CLI, accessibility).
 */
export type SkillAnswer =
  | { kind: 'card'; template: string; data: object; summary: string }
  | { kind: 'text'; text: string };

export interface Skill {
  readonly name: string;
  readonly version: string;
  readonly intents: readonly IntentName[];
  answer(request: SkillRequest): Promise<SkillAnswer>;
}
