/**
 * Whom a Teams message is about, for "Diagnose with Entra Assistant": a person named in its text (resolved in the
 * tenant, as a question would be), else a person it @mentions, else its poster when the text reads as an Entra
 * problem ("I can't sign in since this morning"). Nothing of the kind: undefined, and the admin is asked for a name.
 */
import type { MessageActionsPayload } from 'botbuilder';
import { plainText } from '../bot/messageText';
import { isGuid } from '../graph/ids';
import type { Recognizer, Understanding } from '../understanding/types';
import { diagnosisUnderstanding } from './diagnoseRequest';

export type SubjectSource = 'name' | 'mention' | 'poster';

export interface MessageSubject {
  source: SubjectSource;
  understanding: Understanding;
  /** Who it is about, for the dialog that says where the answer goes. */
  displayName: string;
}

/** Put before a post's words to read them as a sign-in question. */
const SIGN_IN_CUE = "why can't they sign in?";

function namedIn(understanding: Understanding | undefined) {
  return understanding?.entities.find((e) => e.type === 'user' && e.source === 'message');
}

/** Intents that say a post is not about Entra at all. */
const NOT_ENTRA = new Set(['help', 'outOfScope']);

export async function subjectOfMessage(payload: MessageActionsPayload | undefined, recognizer: Recognizer, now: Date): Promise<MessageSubject | undefined> {
  const text = plainText(payload?.body?.content ?? '');
  const asWritten = text ? await recognizer.recognize(text, { now }) : undefined;
  // A post that reads as no question at all ("Megan Bowen says Outlook keeps refusing her") keeps no names: the admin
  // asked for a sign-in diagnosis, so the post is read again as one, for the names in it.
  const asked = text && !namedIn(asWritten) ? await recognizer.recognize(`${SIGN_IN_CUE} ${text}`, { now }) : undefined;
  const understanding = namedIn(asWritten) || !namedIn(asked) ? asWritten : asked;
  const named = namedIn(understanding);
  if (understanding && named && named.resolution === 'resolved' && named.id) {
    return { source: 'name', displayName: named.displayName ?? named.text, understanding: diagnosisUnderstanding({ id: named.id, displayName: named.displayName ?? named.text, userPrincipalName: named.userPrincipalName }, understanding.entities) };
  }
  if (understanding && named && named.resolution === 'ambiguous') {
    // Which one is meant is asked in the thread, with the message's other details kept.
    const entities = [{ ...named, source: 'message' as const }, ...understanding.entities.filter((e) => e !== named && ['app', 'timeRange', 'errorCode'].includes(e.type))];
    return { source: 'name', displayName: named.text, understanding: { intent: 'signin.troubleshoot', entities, text: `why can't ${named.text} sign in?` } };
  }
  const context = understanding?.entities ?? [];
  const mentioned = (payload?.mentions ?? []).map((m) => m.mentioned?.user).find((u) => u && isGuid(u.id) && (u.userIdentityType === undefined || u.userIdentityType === 'aadUser'));
  if (mentioned?.id) {
    const name = mentioned.displayName || 'the person mentioned';
    return { source: 'mention', displayName: name, understanding: diagnosisUnderstanding({ id: mentioned.id, displayName: name }, context) };
  }
  const poster = payload?.from?.user;
  const aboutEntra = asWritten && !NOT_ENTRA.has(asWritten.intent) && !asWritten.guessed;
  if (aboutEntra && poster && isGuid(poster.id)) {
    const name = poster.displayName || 'the poster';
    return { source: 'poster', displayName: name, understanding: diagnosisUnderstanding({ id: poster.id, displayName: name }, context) };
  }
  return undefined;
}
