/**
 * The tenant objects the model may link a question to: those the offline understanding found in the message (each
 * candidate of an ambiguous name too) and those the conversation remembers. They came from the directory, so their
 * ids exist in the tenant; the model may link only these by id, and any other name it gives is looked up again.
 */
import type { Entity, Understanding, ConversationContext } from '../understanding/types';

export type LinkedType = 'user' | 'group' | 'app' | 'policy';

export interface LinkedName {
  type: LinkedType;
  id: string;
  displayName: string;
  userPrincipalName?: string;
  appId?: string;
  /** Where the name came from: the admin's message or the conversation so far. */
  from: 'message' | 'conversation';
}

const LINKABLE = new Set<string>(['user', 'group', 'app', 'policy']);

export function linkedNames(offline: Understanding, memory: ConversationContext | undefined): LinkedName[] {
  const names = new Map<string, LinkedName>();
  const add = (type: LinkedType, object: { id?: string; displayName?: string; userPrincipalName?: string; appId?: string }, from: LinkedName['from']) => {
    if (!object.id || !object.displayName || names.has(`${type}:${object.id}`)) return;
    names.set(`${type}:${object.id}`, {
      type,
      id: object.id,
      displayName: object.displayName,
      ...(object.userPrincipalName ? { userPrincipalName: object.userPrincipalName } : {}),
      ...(object.appId ? { appId: object.appId } : {}),
      from,
    });
  };
  const fromEntity = (entity: Entity | undefined, from: LinkedName['from']) => {
    if (!entity || !LINKABLE.has(entity.type)) return;
    const type = entity.type as LinkedType;
    if (entity.resolution === 'resolved' || (type === 'policy' && entity.id)) add(type, entity, entity.source === 'conversation' ? 'conversation' : from);
    for (const candidate of entity.candidates ?? []) add(type, candidate, from);
  };
  for (const entity of offline.entities) fromEntity(entity, 'message');
  for (const entity of [memory?.user, memory?.group, memory?.app, memory?.policy]) fromEntity(entity, 'conversation');
  for (const row of memory?.lastRows ?? []) if (LINKABLE.has(row.type)) add(row.type as LinkedType, row, 'conversation');
  return [...names.values()];
}
