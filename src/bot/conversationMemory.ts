import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConversationContext, Understanding } from '../understanding/types';

/** A question waiting for the admin to say which of several objects they meant. */
export interface PendingQuestion {
  id: string;
  understanding: Understanding;
  /** The position in understanding.entities of the entity to choose. */
  entityIndex: number;
  askedAt: string;
}

/** What one conversation thread remembers between turns. Plain data: it lives in botbuilder Storage. */
export interface ThreadMemory {
  context: ConversationContext;
  pending?: PendingQuestion;
  /** A question asked before the asker's single sign-on token arrived; answered when it does. */
  awaitingSignIn?: { text: string; askedAt: string };
}

/** A pending choice older than this is not continued: the admin has moved on. */
const PENDING_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Conversation memory in botbuilder's ConversationState (any Storage: memory by default, durable storage later).
 * One record per conversation, holding one memory per thread: in a Teams channel each reply chain is its own
 * thread ("…;messageid=<root>"), so "and his groups?" follows the thread it is asked in.
 */
export class ConversationMemory {
  private readonly accessor: StatePropertyAccessor<Record<string, ThreadMemory>>;

  constructor(conversationState: ConversationState) {
    this.accessor = conversationState.createProperty<Record<string, ThreadMemory>>('entraAssistant.memory');
  }

  async load(context: TurnContext): Promise<ThreadMemory> {
    const threads = await this.accessor.get(context, {});
    return threads[threadKey(context)] ?? { context: {} };
  }

  async save(context: TurnContext, memory: ThreadMemory): Promise<void> {
    const threads = await this.accessor.get(context, {});
    threads[threadKey(context)] = memory;
    await this.accessor.set(context, threads);
  }

  /** The pending question a card button answers, if it is still current. */
  static pendingFor(memory: ThreadMemory, pendingId: string, now: Date): PendingQuestion | undefined {
    const pending = memory.pending;
    if (!pending || pending.id !== pendingId) return undefined;
    return now.getTime() - Date.parse(pending.askedAt) <= PENDING_LIFETIME_MS ? pending : undefined;
  }
}

/** The thread within the conversation: a channel reply chain's root message id, else the conversation itself. */
export function threadKey(context: TurnContext): string {
  const id = context.activity.conversation?.id ?? '';
  const thread = /;messageid=(\d+)/.exec(id);
  return thread ? `thread:${thread[1]}` : 'conversation';
}
