import { type Activity, TurnContext } from 'botbuilder';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * The question as the user typed it: the bot's @mention removed (channels and group chats), Teams HTML taken out,
 * quotes and white space normalised. A card button's Action.Submit arrives with the question in `value.ask`.
 */
export function questionText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) {
    text = TurnContext.removeMentionText(activity, activity.recipient.id) ?? text;
  }
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  if (!text.trim() && activity.value && typeof activity.value === 'object') {
    const ask = (activity.value as Record<string, unknown>).ask;
    if (typeof ask === 'string') text = ask;
  }
  return normalise(stripHtml(text));
}

/** A Teams message body (HTML, as a message action hands it over) as plain text; mentions keep the name shown. */
export function plainText(html: string): string {
  return normalise(stripHtml(html));
}

function stripHtml(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/(p|div|li)>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m);
}

function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/**
 * Whether the message is meant for the bot: a personal chat, an @mention, or a card button. With the
 * ChannelMessage.Read.Group permission Teams also delivers every other post in the channel; those get an answer
 * only when they are an Entra question, never a scope message or help.
 */
export function isAddressedToBot(activity: Partial<Activity>): boolean {
  if (conversationKind(activity) === 'personal') return true;
  if (activity.value && typeof activity.value === 'object') return true;
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}
