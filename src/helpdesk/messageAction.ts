/**
 * "Diagnose with Entra Assistant", the message action of the app manifest (composeExtensions, context `message`).
 * Teams sends `composeExtension/fetchTask` with the message; the bot finds whom it is about and answers the invoke at
 * once (Teams waits five seconds at most), then posts the diagnosis card in the message's thread as the admin who
 * clicked: their roles decide what the card shows, as when they ask in the chat. When the message names nobody and
 * is not about Entra, the invoke's answer is a dialog that says so and takes a name; its submit
 * (`composeExtension/submitAction`) diagnoses that name the same way.
 */
import { CardFactory, type MessagingExtensionAction, type MessagingExtensionActionResponse, TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { renderCard } from '../cards/render';
import type { Recognizer } from '../understanding/types';
import { diagnosisQuestion } from './diagnoseRequest';
import { subjectOfMessage } from './messageSubject';
import { threadReference, type Proactive } from './proactive';
import type { BackgroundWork } from './backgroundWork';
import type { PreparedAnswerer } from './channelFeatures';

export const DIAGNOSE_COMMAND_ID = 'diagnoseMessage';
const DIALOG_TITLE = 'Diagnose with Entra Assistant';
const MAX_TYPED_NAME = 256;

export interface MessageActionOptions {
  recognizer: Recognizer;
  logger: Logger;
  clock: () => Date;
  proactive: Proactive;
  background: BackgroundWork;
}

export class MessageAction {
  constructor(private readonly options: MessageActionOptions) {}

  async handle(context: TurnContext, action: MessagingExtensionAction, bot: PreparedAnswerer): Promise<MessagingExtensionActionResponse> {
    const { logger, clock, recognizer } = this.options;
    const log = logger.child({ conversationId: context.activity.conversation?.id, invoke: context.activity.name, commandId: action?.commandId });
    if (action?.commandId !== DIAGNOSE_COMMAND_ID) {
      log.warn('message action with an unknown command id: refused');
      return { task: { type: 'message', value: 'Entra Assistant does not know this command. Update the app, or ask in a chat with the bot.' } };
    }
    const where = context.activity.conversation?.conversationType === 'channel' ? 'in the thread' : 'in this chat';
    const data = (action.data ?? {}) as Record<string, unknown>;
    if (context.activity.name === 'composeExtension/submitAction' && data.diagnoseMessage === true) {
      const typed = typeof data.name === 'string' ? data.name.trim() : '';
      if (!typed) return nameDialog('Type a name to diagnose.');
      if (typed.length > MAX_TYPED_NAME) return nameDialog(`That is ${typed.length} characters long; a name is at most ${MAX_TYPED_NAME}.`);
      const understanding = await recognizer.recognize(diagnosisQuestion(typed), { now: clock() });
      const person = understanding.entities.find((e) => e.type === 'user');
      if (!person) return nameDialog('I could not read a person\'s name in that. Type a display name, an email address or a user principal name.');
      understanding.intent = 'signin.troubleshoot';
      this.post(context, action, bot, understanding, log, 'typed');
      return {};
    }
    const subject = await subjectOfMessage(action.messagePayload, recognizer, clock());
    if (!subject) {
      log.info('message action: nobody and nothing about Entra in the message; asking for a name');
      return nameDialog();
    }
    this.post(context, action, bot, subject.understanding, log, subject.source);
    // A dialog's message is plain text, not Markdown: the name is shown as it is.
    return { task: { type: 'message', value: `Diagnosing the sign-ins of ${subject.displayName}: the answer appears ${where} in a moment.` } };
  }

  /** The diagnosis runs after the invoke is answered, in a proactive turn whose sender is the admin who clicked. */
  private post(context: TurnContext, action: MessagingExtensionAction, bot: PreparedAnswerer, understanding: Parameters<PreparedAnswerer['answerPrepared']>[1]['understanding'], log: Logger, source: string): void {
    const payload = action.messagePayload;
    const reference = threadReference(TurnContext.getConversationReference(context.activity), payload?.replyToId || payload?.id);
    log.info({ source, intent: understanding.intent }, 'message action: diagnosing, the answer is posted in the thread');
    this.options.background.start('message action diagnosis', () => this.options.proactive(reference, (turn) => bot.answerPrepared(turn, { understanding })));
  }
}

/** The dialog that asks whose sign-in to diagnose; `problem` says what was wrong with the last try. */
function nameDialog(problem = ''): MessagingExtensionActionResponse {
  const intro = problem ? 'Whose sign-in should I diagnose?' : 'I found no person and no sign-in problem in this message. Whose sign-in should I diagnose?';
  const card = renderCard('diagnoseName', { title: DIALOG_TITLE, intro, problem });
  return { task: { type: 'continue', value: { title: DIALOG_TITLE, height: 'small', width: 'medium', card: CardFactory.adaptiveCard(card) } } };
}
