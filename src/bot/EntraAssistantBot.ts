import { randomUUID } from 'node:crypto';
import { type Activity, CardFactory, type ConversationState, MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { truncateForLog } from '../logger';
import { renderAnswerCard } from '../cards/compose';
import { renderCard } from '../cards/render';
import type { Recognizer } from '../understanding/types';
import type { SkillRegistry } from '../skills/registry';
import type { SkillAnswer } from '../skills/types';
import { welcomeModel } from '../skills/help';
import { collectGraphRequests } from '../graph/requestLog';
import { type AnswerDiagnostics, DIAGNOSTICS_KEY } from './answerDiagnostics';
import { conversationKind, questionText } from './messageText';

export interface BotOptions {
  recognizer: Recognizer;
  skills: SkillRegistry;
  conversationState: ConversationState;
  logger: Logger;
  clock: () => Date;
  maxMessageLength: number;
  /** Attach what was understood and which Graph calls were made to each answer (local tools and tests only). */
  answerDiagnostics: boolean;
}

/**
 * Turns Teams activities into questions for skills and their answers into messages. Collaborators arrive through
 * the constructor, so tests pass fakes; the bot reads no configuration itself.
 */
export class EntraAssistantBot extends TeamsActivityHandler {
  constructor(private readonly options: BotOptions) {
    super();

    this.onMessage(async (context, next) => {
      await this.answerQuestion(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      // The bot itself was added (installed) in a personal chat, a group chat or a team: introduce ourselves once.
      const botId = context.activity.recipient.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) {
        await this.sendWelcome(context);
      }
      await next();
    });
  }

  /** Saves conversation state after every turn, whatever handled it. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const card = renderCard('welcome', welcomeModel());
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  private async answerQuestion(context: TurnContext): Promise<void> {
    const { logger, clock, maxMessageLength } = this.options;
    const started = Date.now();
    const text = questionText(context.activity);
    const kind = conversationKind(context.activity);
    const log = logger.child({ conversationId: context.activity.conversation?.id, kind, activityId: context.activity.id });

    if (text.length > maxMessageLength) {
      log.info({ length: text.length }, 'message over the length limit, not processed');
      await context.sendActivity(
        `That message is ${text.length.toLocaleString('en-US')} characters long; I read at most ${maxMessageLength.toLocaleString('en-US')}. ` +
          'Please ask again with just the question and the key details (a name, an error code, a request id).',
      );
      return;
    }
    log.info({ text: truncateForLog(text) }, 'question');

    await context.sendActivity({ type: 'typing' });
    const answerId = randomUUID();
    const { result, graphRequests } = await collectGraphRequests(async () => {
      const understanding = await this.options.recognizer.recognize(text);
      const skill = this.options.skills.forIntent(understanding.intent);
      const answer = await skill.answer({
        understanding,
        asker: {
          aadObjectId: context.activity.from?.aadObjectId,
          tenantId: context.activity.conversation?.tenantId,
          name: context.activity.from?.name,
        },
        conversationType: kind,
        now: clock(),
      });
      return { understanding, skill, answer };
    });

    const diagnostics: AnswerDiagnostics = {
      answerId,
      skill: result.skill.name,
      skillVersion: result.skill.version,
      intent: result.understanding.intent,
      entities: result.understanding.entities,
      graphRequests,
      ms: Date.now() - started,
    };
    const reply = this.replyFor(result.answer, diagnostics);
    await context.sendActivity(reply);
    log.info({ intent: diagnostics.intent, skill: diagnostics.skill, graphRequests: graphRequests.length, ms: diagnostics.ms }, 'answered');
  }

  private replyFor(answer: SkillAnswer, diagnostics: AnswerDiagnostics): Partial<Activity> {
    let reply: Partial<Activity>;
    if (answer.kind === 'card') {
      const card = renderAnswerCard(answer.template, answer.data, {
        footnote: `Answered from Microsoft Graph by ${diagnostics.skill} · answer ${diagnostics.answerId.slice(0, 8)}`,
      });
      reply = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      reply.summary = answer.summary.split('\n')[0];
    } else {
      reply = MessageFactory.text(answer.text);
    }
    if (this.options.answerDiagnostics) {
      reply.channelData = { ...(reply.channelData ?? {}), [DIAGNOSTICS_KEY]: diagnostics };
    }
    return reply;
  }
}
