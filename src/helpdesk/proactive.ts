import type { ConversationReference, TurnContext } from 'botbuilder';

/**
 * Sends into a conversation outside a turn (an alert, a diagnosis posted after its invoke was answered): src/index.ts
 * builds it from the adapter (`continueConversationAsync`), so nothing here knows Bot Framework hosting.
 */
export type Proactive = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * Where a reply to a channel message goes: the channel's conversation with the thread's root message id, which is how
 * the Bot Framework names a thread. Chats have no threads: the chat itself.
 */
export function threadReference(reference: Partial<ConversationReference>, rootMessageId: string | undefined): Partial<ConversationReference> {
  const conversation = reference.conversation;
  if (!conversation || conversation.conversationType !== 'channel') return reference;
  const channel = channelConversationId(conversation.id);
  return { ...reference, conversation: { ...conversation, id: rootMessageId ? `${channel};messageid=${rootMessageId}` : channel } };
}

/** A channel conversation id without its thread part (`19:…@thread.tacv2;messageid=…` → `19:…@thread.tacv2`). */
export function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0];
}
