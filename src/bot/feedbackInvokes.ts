import { type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { withFooter, type FooterModel } from '../cards/compose';
import { feedbackButtons, feedbackForm, feedbackNotSaved, feedbackThanks, type FeedbackFooter } from '../feedback/feedbackFooter';
import { type FeedbackVerb, formAnswers, isFeedbackVerb, teamsFeedback } from '../feedback/feedbackInput';
import type { FeedbackStore, RatedAnswer, RaterFeedback } from '../feedback/types';

const CARD = 'application/vnd.microsoft.card.adaptive';
const NOT_SAVED = 'Your feedback was not saved: the feedback store is not available right now. Please try again later.';
const REFUSED = 'This answer is not one I can take feedback on here.';

/** Whose rating this is: the Entra object id, or Teams' user id when the channel sends none. */
function raterOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
}

/**
 * The two ways a user rates an answer: the answer card's 👍/👎 (Action.Execute, `adaptiveCard/action`) and Teams'
 * own feedback loop on text replies (`message/submitAction`). Each rating is stored before the user is thanked.
 */
export class FeedbackInvokes {
  constructor(
    private readonly store: FeedbackStore,
    private readonly logger: Logger,
    private readonly clock: () => Date,
  ) {}

  static isCardFeedback(value: AdaptiveCardInvokeValue): boolean {
    return isFeedbackVerb(value.action?.verb);
  }

  /** The answer card again with a new footer, for the person who clicked: thanks, the 👎 form, or "not saved". */
  async onCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = value.action.verb as FeedbackVerb;
    const data = value.action.data ?? {};
    const answerId = typeof data.answerId === 'string' ? data.answerId : '';
    const conversationId = context.activity.conversation?.id ?? '';
    const log = this.logger.child({ answerId, verb, conversationId });
    let answer: RatedAnswer | undefined;
    try {
      answer = await this.store.getAnswer(answerId);
    } catch (err) {
      log.error({ err }, 'feedback store unavailable: feedback not saved');
      return message(NOT_SAVED);
    }
    if (!answer?.card || answer.conversationId !== conversationId) {
      log.warn({ known: Boolean(answer) }, 'feedback refused: unknown answer or another conversation');
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: REFUSED } };
    }
    const rater = raterOf(context);
    const previous = answer.ratings.find((r) => r.rater === rater);
    const footnote = footnoteOf(answer);
    const reply = (feedback: FeedbackFooter): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: CARD,
      value: withFooter(answer.card!, { footnote, feedback } satisfies FooterModel),
    });

    if (verb === 'feedback.down') return reply(feedbackForm(answerId, previous));
    if (verb === 'feedback.cancel') return reply(previous ? feedbackThanks(answerId, previous) : feedbackButtons(answerId));
    const given = verb === 'feedback.up' ? { categories: [] } : formAnswers(data);
    const feedback: RaterFeedback = {
      rater,
      rating: verb === 'feedback.up' ? 'up' : 'down',
      ...given,
      source: 'card',
      ratedAt: this.clock().toISOString(),
    };
    try {
      const outcome = await this.store.rate(answerId, conversationId, feedback);
      if (outcome !== 'saved') return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: REFUSED } };
    } catch (err) {
      log.error({ err }, 'feedback store unavailable: feedback not saved');
      return reply(feedbackNotSaved(answerId));
    }
    log.info({ rating: feedback.rating, categories: feedback.categories }, 'feedback saved');
    return reply(feedbackThanks(answerId, feedback));
  }

  /** Teams' feedback loop: an empty 200 once stored, as Teams expects; nothing is posted in the chat unless saving failed. */
  async onTeamsFeedback(context: TurnContext): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { actionName?: unknown; actionValue?: unknown };
    const given = value.actionName === 'feedback' ? teamsFeedback(value.actionValue) : undefined;
    const conversationId = context.activity.conversation?.id ?? '';
    const messageId = context.activity.replyToId ?? '';
    const log = this.logger.child({ conversationId, messageId });
    if (!given) return { status: 400 };
    try {
      const answerId = await this.store.answerForMessage(conversationId, messageId);
      const outcome = answerId
        ? await this.store.rate(answerId, conversationId, { rater: raterOf(context), ...given, categories: [], source: 'teams', ratedAt: this.clock().toISOString() })
        : 'unknownAnswer';
      if (outcome !== 'saved') {
        log.warn({ outcome }, 'Teams feedback refused: unknown answer or another conversation');
        return { status: 404 };
      }
      log.info({ answerId, rating: given.rating }, 'feedback saved');
    } catch (err) {
      log.error({ err }, 'feedback store unavailable: feedback not saved');
      await context.sendActivity(NOT_SAVED);
    }
    return { status: 200 };
  }
}

function message(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as AdaptiveCardInvokeResponse['value'] };
}

/** The same subtle line the answer was sent with. */
export function answerFootnote(skill: string, answerId: string): string {
  return `Entra Assistant · ${skill} · answer ${answerId.slice(0, 8)}`;
}

function footnoteOf(answer: RatedAnswer): string {
  return answerFootnote(answer.answer.skill, answer.answerId);
}
