/**
 * What the bot hands to the help-desk features: channel posts (commands, triage) and the message action. The bot stays
 * the one place that answers questions; these decide when, for whom and where.
 */
import type { MessagingExtensionAction, MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import type { PreparedQuestion } from '../bot/EntraAssistantBot';

/** The bot, as the features see it: it answers a question already understood, in a turn of their choosing. */
export interface PreparedAnswerer {
  answerPrepared(context: TurnContext, question: Omit<PreparedQuestion, 'kind'>): Promise<void>;
}

export interface ChannelFeatures {
  /** A message: true when it was a channel command or a help-desk post these features handled (no question to answer). */
  onMessage(context: TurnContext, bot: PreparedAnswerer): Promise<boolean>;
  /** composeExtension/fetchTask and composeExtension/submitAction of the message action. */
  messageAction(context: TurnContext, action: MessagingExtensionAction, bot: PreparedAnswerer): Promise<MessagingExtensionActionResponse>;
  /** Settles when work started by past turns (diagnoses posted after their invoke) is done. */
  idle(): Promise<void>;
}
