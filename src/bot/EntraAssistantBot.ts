import { randomUUID } from 'node:crypto';
import {
  type Activity,
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type ConversationState,
  type InvokeResponse,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  MessageFactory,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../logger';
import type { GraphSessions } from '../graph/sessions';
import type { SsoConfig } from '../config';
import { acceptExchangedToken, signInCard, type SsoTokenStore } from './singleSignOn';
import { truncateForLog } from '../logger';
import { aiGeneratedEntity, withAnswerActions, withBanner, withFooter, withModelSummary, withUnderstoodBy, type SubmitButton } from '../cards/compose';
import type { LanguageModel, ModelAsker, ModelTurn } from './languageModel';
import { escapeMarkdown } from '../cards/escape';
import { type AdaptiveCard, renderCard } from '../cards/render';
import type { Recognizer, Understanding } from '../understanding/types';
import { linkFoundObjects, rememberTurn } from '../understanding/conversation';
import { applyChoice, candidateRows, clarificationFor, disambiguationModel, type EntityChoice, isEntityChoice, notFoundText, typedChoice } from '../understanding/clarification';
import type { SkillRegistry } from '../skills/registry';
import type { Settled, SkillAnswer } from '../skills/types';
import { welcomeModel } from '../skills/help';
import { collectGraphRequests } from '../graph/requestLog';
import { type AnswerDiagnostics, DIAGNOSTICS_KEY } from './answerDiagnostics';
import { conversationKind, isAddressedToBot, questionText } from './messageText';
import { ConversationMemory, type ThreadMemory } from './conversationMemory';
import { answerFootnote, FeedbackInvokes } from './feedbackInvokes';
import { feedbackButtons } from '../feedback/feedbackFooter';
import type { AnswerRecord, FeedbackStore } from '../feedback/types';
import { MitigationFlow } from './mitigationInvokes';
import { isMitigationProposal, type MitigationProposal } from '../mitigations/types';
import { INTENTS, type Entity } from '../understanding/types';
import { isQuestionPlan } from '../plans/plan';
import { AskerNotInDirectory } from '../graph/askerAccess';
import { isGuid } from '../graph/ids';
import { notInDirectoryText } from '../skills/common/access';
import { MAX_CURSOR_LENGTH } from '../skills/common/cursor';
import { otherTenantText, type TenantGate } from './tenantGate';
import { limitedText, type UsageLimits } from './usageLimits';
import { graphUnavailableOf, unavailableText } from '../graph/unavailable';
import type { ChannelFeatures } from '../helpdesk/channelFeatures';
import { diagnoseRequestOf } from '../helpdesk/diagnoseRequest';
import { DEFAULT_TYPING, TypingIndicator, type TypingSettings } from './typingIndicator';

/** What answered a turn when it was not a skill: a question back (which one?) or a "no such name". */
const CLARIFY = { name: 'clarify', version: '1' };
const SIGN_IN = { name: 'signIn', version: '1' };
/** What answered when Microsoft Graph could not (throttled, unavailable, unreachable). */
const GRAPH_UNAVAILABLE = { name: 'graphUnavailable', version: '1' };
/** Intents answered without reading the tenant: no sign-in is needed for them. */
const NO_TENANT_READ = new Set(['help', 'outOfScope', 'docs.answer']);
/** A question waiting for the sign-in is answered only if the token arrives within this time. */
const SIGN_IN_WAIT_MS = 5 * 60_000;

type TurnAnswer = Exclude<SkillAnswer, { kind: 'confirm' }> | { kind: 'signIn' };
type TurnResult = { understanding: Understanding; skill: { name: string; version: string }; answer: TurnAnswer; mitigationId?: string; settledNote?: string };

/** A card button's request from Action.Submit data: a mitigation to confirm, or the next page of an answer. */
type ButtonRequest =
  | { kind: 'mitigate'; proposal: MitigationProposal; sourceAnswerId?: string }
  | { kind: 'showMore'; understanding: Understanding; cursor: string }
  | PreparedQuestion;

/**
 * A question already understood elsewhere (a message action, a help-desk triage button, an alert): answered as if
 * asked in this turn, with `note` as a banner on the card.
 */
export interface PreparedQuestion {
  kind: 'prepared';
  understanding: Understanding;
  note?: string;
  noteStyle?: 'good' | 'attention' | 'warning';
  /**
   * Posted by the bot itself (an alert): not counted against the reader's usage limits, and when Graph is unavailable
   * the failure is thrown to the caller, which retries later, instead of being posted.
   */
  unattended?: boolean;
}

export interface BotOptions {
  recognizer: Recognizer;
  skills: SkillRegistry;
  conversationState: ConversationState;
  logger: Logger;
  clock: () => Date;
  maxMessageLength: number;
  /** Attach what was understood and which Graph calls were made to each answer (local tools and tests only). */
  answerDiagnostics: boolean;
  /** Graph access per asker; absent when no tenant is configured. */
  sessions?: GraphSessions;
  /** Teams single sign-on; absent: reads run app-only behind the asker's role check. */
  sso?: { config: SsoConfig; tokens: SsoTokenStore };
  /** Where answers and their 👍/👎 go; absent: answers carry no feedback buttons (tests of other concerns). */
  feedback?: FeedbackStore;
  /** Confirmation and recording of mitigations; absent: action requests are answered, never carried out. */
  mitigations?: MitigationFlow;
  /** The tenants whose activities are answered; absent: no tenant is configured, so nothing is read for anyone. */
  tenantGate?: TenantGate;
  /** Questions and mitigations per minute, per user and per tenant; absent: unlimited (tests of other concerns). */
  usageLimits?: UsageLimits;
  /** An optional language model that understands questions (and may summarise cards); absent: the offline understanding alone. */
  model?: LanguageModel;
  /** Help-desk channels: the message action, triage of posts, /helpdesk and /alerts; absent: none of them. */
  channels?: ChannelFeatures;
  /** When Teams shows "typing…" for an answer not ready yet; absent: DEFAULT_TYPING. */
  typing?: TypingSettings;
}

/** Cards a summary would not help: a question back, a confirmation. */
const NOT_SUMMARISED = new Set(['disambiguation', 'mitigation']);

/**
 * Turns Teams activities into questions for skills and their answers into messages. Collaborators arrive through
 * the constructor, so tests pass fakes; the bot reads no configuration itself.
 */
export class EntraAssistantBot extends TeamsActivityHandler {
  private readonly memory: ConversationMemory;
  private readonly feedback?: FeedbackInvokes;

  constructor(private readonly options: BotOptions) {
    super();
    this.memory = new ConversationMemory(options.conversationState);
    if (options.feedback) this.feedback = new FeedbackInvokes(options.feedback, options.logger, options.clock);

    this.onMessage(async (context, next) => {
      const handled = await this.options.channels?.onMessage(context, this);
      if (!handled) await this.answerQuestion(context);
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

  /** Refuses activities from tenants the bot does not serve, before anything is read; saves conversation state after every other turn. */
  override async run(context: TurnContext): Promise<void> {
    const verdict = this.options.tenantGate?.check(context.activity);
    if (verdict && !verdict.served) return this.refuseOtherTenant(context, verdict.tenantId);
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  /**
   * Another tenant's activity: logged, and answered where a person waits for an answer (an invoke, a message addressed
   * to the bot, the bot's own installation); anything else (an unaddressed channel post, a reaction) only logged.
   */
  private async refuseOtherTenant(context: TurnContext, tenantId: string | undefined): Promise<void> {
    const activity = context.activity;
    this.options.logger.warn(
      { tenantId, activityType: activity.type, name: activity.name, conversationId: activity.conversation?.id, channelId: activity.channelId },
      'activity from a tenant this bot does not serve: refused, nothing read',
    );
    const text = otherTenantText(tenantId);
    if (activity.type === 'invoke') {
      const body =
        activity.name === 'adaptiveCard/action'
          ? { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: text } }
          : { code: 'Forbidden', message: text };
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: activity.name === 'adaptiveCard/action' ? 400 : 403, body } });
      return;
    }
    const installed = activity.type === 'conversationUpdate' && (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
    if ((activity.type === 'message' && isAddressedToBot(activity)) || installed) await context.sendActivity(text);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const card = renderCard('welcome', welcomeModel());
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /** Teams hands over the user's single sign-on token or a native feedback rating; anything else goes to botbuilder. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action' && !isCardActionValue(context.activity.value)) {
      // botbuilder reads value.action.type unchecked: a TypeError, a 501 and an apology in the chat. Teams' error instead.
      this.options.logger.warn({ conversationId: context.activity.conversation?.id, valueType: context.activity.value === null ? 'null' : typeof context.activity.value }, 'malformed card action refused');
      const body = { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This card action is not well-formed: its value must carry an action object.' } };
      return { status: 400, body };
    }
    if (context.activity.name === 'message/submitAction' && this.feedback) return this.feedback.onTeamsFeedback(context);
    const sso = this.options.sso;
    if (context.activity.name !== 'signin/tokenExchange' || !sso) return super.onInvokeActivity(context);
    const request = (context.activity.value ?? {}) as { id?: string; connectionName?: string };
    const accepted = acceptExchangedToken(context.activity, sso.config, Date.now());
    if ('failure' in accepted) {
      this.options.logger.warn({ reason: accepted.failure }, 'single sign-on token refused');
      // 412 tells Teams to fall back to its sign-in button.
      return { status: 412, body: { id: request.id, connectionName: request.connectionName, failureDetail: accepted.failure } };
    }
    sso.tokens.set(context.activity.from.aadObjectId!, accepted.token, accepted.expiresAt);
    const memory = await this.memory.load(context);
    const waiting = memory.awaitingSignIn;
    memory.awaitingSignIn = undefined;
    await this.memory.save(context, memory);
    if (waiting && this.options.clock().getTime() - Date.parse(waiting.askedAt) < SIGN_IN_WAIT_MS) await this.answerQuestion(context, waiting.text);
    return { status: 200, body: { id: request.id, connectionName: request.connectionName } };
  }

  /** "Diagnose with Entra Assistant" on a message: the help-desk features read it (src/helpdesk/messageAction.ts). */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (!this.options.channels) return super.handleTeamsMessagingExtensionFetchTask(context, action);
    return this.options.channels.messageAction(context, action, this);
  }

  /** The message action's dialog, submitted with a name typed in (or sent without a dialog by the client). */
  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    if (!this.options.channels) return super.handleTeamsMessagingExtensionSubmitAction(context, action);
    return this.options.channels.messageAction(context, action, this);
  }

  /**
   * Answers a question understood elsewhere in this turn's conversation, as this turn's sender (a proactive turn's
   * `from` is the person whose roles apply), then saves what the conversation remembers.
   */
  async answerPrepared(context: TurnContext, question: Omit<PreparedQuestion, 'kind'>): Promise<void> {
    await this.answerOne(context, question.understanding.text, true, false, { kind: 'prepared', ...question });
    await this.options.conversationState.saveChanges(context, false);
  }

  /** A card's 👍/👎 (Universal Actions); other Action.Execute verbs go to botbuilder. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    if (this.feedback && FeedbackInvokes.isCardFeedback(value)) return this.feedback.onCardAction(context, value);
    if (this.options.mitigations && MitigationFlow.isMitigationVerb(value)) return this.options.mitigations.onCardAction(context, value);
    return super.onAdaptiveCardInvoke(context, value);
  }

  /**
   * One message: usually one question; two questions in one message ("Is Alex at risk, and can he use MFA?") are
   * answered in turn, each with its own card, the second with the first as its context.
   */
  private async answerQuestion(context: TurnContext, askedBefore?: string): Promise<void> {
    const text = askedBefore ?? questionText(context.activity);
    const splittable = this.options.recognizer.splitQuestions && text.length <= this.options.maxMessageLength && !chosenEntity(context.activity) && !buttonRequest(context.activity);
    const parts = splittable ? await this.options.recognizer.splitQuestions!(text, { now: this.options.clock(), conversation: (await this.memory.load(context)).context }) : [text];
    const understood: Array<Understanding | undefined> = [];
    for (const [i, part] of parts.entries()) understood.push(await this.answerOne(context, part, askedBefore !== undefined || (parts.length > 1 && isAddressedToBot(context.activity)), i > 0));
    if (parts.length > 1) await this.rememberParts(context, understood);
  }

  /**
   * "Mohammed Hansen and Zane Thompson both can't sign in", answered person by person: the people the parts were
   * about are remembered together as the rows shown, so "which of the two tried most recently?" and "do both have MFA
   * registered?" are about both, not only the last one answered.
   */
  private async rememberParts(context: TurnContext, understood: ReadonlyArray<Understanding | undefined>): Promise<void> {
    const subjects = understood.map((u) => u?.entities.find((e) => (e.type === 'user' || e.type === 'group' || e.type === 'app') && e.resolution === 'resolved' && e.id));
    const distinct = [...new Map(subjects.filter((s): s is Entity => s !== undefined).map((s) => [s.id, s])).values()];
    if (distinct.length < 2 || distinct.length !== subjects.length || distinct.some((s) => s.type !== distinct[0].type)) return;
    const memory = await this.memory.load(context);
    memory.context = { ...memory.context, lastRows: distinct.map((s) => ({ type: s.type as 'user' | 'group' | 'app', id: s.id!, displayName: s.displayName ?? s.text, ...(s.appId ? { appId: s.appId } : {}) })) };
    await this.memory.save(context, memory);
  }

  private async answerOne(context: TurnContext, text: string, askedBefore: boolean, laterPart: boolean, prepared?: PreparedQuestion): Promise<Understanding | undefined> {
    const { logger, clock, maxMessageLength } = this.options;
    const started = Date.now();
    const kind = conversationKind(context.activity);
    const log = logger.child({ conversationId: context.activity.conversation?.id, kind, activityId: context.activity.id });
    const addressed = askedBefore || isAddressedToBot(context.activity);

    if (text.length > maxMessageLength) {
      if (!addressed) return undefined;
      log.info({ length: text.length }, 'message over the length limit, not processed');
      await context.sendActivity(
        `That message is ${text.length.toLocaleString('en-US')} characters long; I read at most ${maxMessageLength.toLocaleString('en-US')}. ` +
          'Please ask again with just the question and the key details (a name, an error code, a request id).',
      );
      return undefined;
    }
    // The question's words are tenant data (names, UPNs): only at debug level, truncated.
    log.info({ length: text.length }, 'question');
    log.debug({ text: truncateForLog(text) }, 'question text');
    if (this.options.usageLimits && !laterPart && !prepared?.unattended) {
      const verdict = this.options.usageLimits.take('question', context.activity.from?.aadObjectId ?? context.activity.from?.id, context.activity.conversation?.tenantId);
      if (!verdict.allowed) {
        log.warn({ scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds }, 'question over the usage limit: not answered, nothing read');
        if (addressed) await context.sendActivity(limitedText('question', verdict));
        return undefined;
      }
    }

    const typing = addressed && !laterPart && !prepared?.unattended ? await TypingIndicator.start(context, this.options.typing ?? DEFAULT_TYPING, log) : undefined;
    try {
      const answerId = randomUUID();
      const now = clock();
      const memory = await this.memory.load(context);
      const choice = chosenEntity(context.activity);
      const button = prepared ?? buttonRequest(context.activity);
      const turn: { understanding?: Understanding; model?: ModelTurn } = {};
      const { result, graphRequests } = await collectGraphRequests(() =>
        this.understandAndAnswer(context, text, choice, memory, now, addressed, button, turn).catch((err: unknown) => {
          if (prepared?.unattended) throw err;
          return this.graphFailureAnswer(err, turn.understanding, text);
        }),
        log,
      );
      await this.memory.save(context, memory);
      if (!result) {
        log.info('channel post not addressed to the bot and not an Entra question: no answer');
        return undefined;
      }

      const summary = await this.modelSummary(context, text, result);
      const model = turn.model && { understoodBy: turn.model.understoodBy, tokens: turn.model.tokens + (summary?.tokens ?? 0), ...(turn.model.fallback ? { fallback: turn.model.fallback } : {}), ...(summary?.text ? { summary: true } : {}) };
      const diagnostics: AnswerDiagnostics = {
        answerId,
        skill: result.skill.name,
        skillVersion: result.skill.version,
        intent: result.understanding.intent,
        entities: result.understanding.entities,
        ...(result.understanding.plan ? { plan: result.understanding.plan } : {}),
        graphRequests,
        graphAccess: !this.options.sessions ? 'none' : this.options.sso?.tokens.get(context.activity.from?.aadObjectId) ? 'delegated' : 'app',
        ...(model ? { model } : {}),
        ms: Date.now() - started,
      };
      const corrected = [correctionNote(result.understanding), result.settledNote && escapeMarkdown(result.settledNote)].filter(Boolean).join(' ') || undefined;
      if (corrected && result.answer.kind === 'text') result.answer = { ...result.answer, text: `${corrected}\n${result.answer.text}` };
      if (corrected && result.answer.kind === 'card') result.answer = { ...result.answer, summary: `${corrected}\n${result.answer.summary}` };
      let card = result.answer.kind === 'card' ? withAnswerActions(renderCard(result.answer.template, result.answer.data), buttonsFor(result.answer, result.understanding, answerId)) : undefined;
      if (card && corrected) card = withBanner(card, corrected, prepared?.noteStyle ?? 'good');
      if (card && turn.model) card = withUnderstoodBy(card, turn.model.note);
      if (card && summary?.text) card = withModelSummary(card, summary.text);
      if (result.answer.kind === 'text' && turn.model) result.answer = { ...result.answer, text: `${result.answer.text}\n_${turn.model.note}_` };
      const rateable = await this.recordAnswer(context, text, result.answer, diagnostics, card, now);
      const reply = this.replyFor(result.answer, diagnostics, card, rateable);
      // Model-written text on the message: Teams shows its AI label.
      if (summary?.text) reply.entities = [...(reply.entities ?? []), aiGeneratedEntity() as never];
      await typing?.stop();
      const sent = await context.sendActivity(reply);
      if (rateable && sent?.id) await this.linkMessage(diagnostics.answerId, sent.id, log);
      if (result.mitigationId && sent?.id) await this.options.mitigations!.linkMessage(result.mitigationId, sent.id);
      log.info(
        {
          answerId,
          intent: diagnostics.intent,
          skill: diagnostics.skill,
          outcome: result.answer.kind,
          ...(result.answer.kind === 'card' ? { template: result.answer.template } : {}),
          ...(result.mitigationId ? { mitigationId: result.mitigationId } : {}),
          graphRequests: graphRequests.length,
          graphThrottled: graphRequests.filter((r) => r.status === 429).length,
          ms: diagnostics.ms,
          ...(model ? { model } : {}),
        },
        'answered',
      );
      return result.understanding;
    } finally {
      await typing?.stop();
    }
  }

  /**
   * The turn's story: understand the question (or continue the one a card button answers), ask which object was
   * meant if a name is ambiguous, say so if it matches nothing, else let the intent's skill answer and remember
   * what the question was about for follow-ups. `turn` keeps what was understood, for the answer when Graph fails.
   */
  private async understandAndAnswer(
    context: TurnContext,
    text: string,
    choice: EntityChoice | undefined,
    memory: ThreadMemory,
    now: Date,
    addressed: boolean,
    button?: ButtonRequest,
    turn: { understanding?: Understanding; model?: ModelTurn } = {},
  ): Promise<TurnResult | undefined> {
    let understanding: Understanding | undefined;
    if (button?.kind === 'showMore' || button?.kind === 'prepared') {
      understanding = button.understanding;
    } else if (button?.kind === 'mitigate') {
      understanding = { intent: 'risk.remediate', entities: [{ type: 'action', text: button.proposal.action, value: button.proposal.action, source: 'message' }], text };
    } else if (choice) {
      const pending = ConversationMemory.pendingFor(memory, choice.pendingId, now);
      // Without the stored question (expired, or the bot restarted) the button still carries the question itself.
      const original = pending?.understanding ?? (await this.options.recognizer.recognize(choice.question, { now, conversation: memory.context }));
      understanding = applyChoice(original, choice);
      memory.pending = undefined;
      if (!understanding) {
        return {
          understanding: original,
          skill: CLARIFY,
          answer: { kind: 'text', text: `That choice no longer matches the question. Please ask again: “${choice.question}”` },
        };
      }
    } else {
      const askerName = context.activity.from?.name;
      understanding = await this.options.recognizer.recognize(text, { now, conversation: memory.context, ...(askerName ? { asker: { displayName: askerName } } : {}) });
      // "the one in finance", "the second one" typed after "which user do you mean?": that candidate, as its button.
      const pending = memory.pending ? ConversationMemory.pendingFor(memory, memory.pending.id, now) : undefined;
      const typed = pending ? typedChoice(pending, understanding) : undefined;
      const chosen = pending && typed ? applyChoice(pending.understanding, typed) : undefined;
      if (chosen) {
        understanding = chosen;
        memory.pending = undefined;
      }
      if (!addressed && (understanding.intent === 'help' || understanding.intent === 'outOfScope' || understanding.guessed)) return undefined;
      if (this.options.model) {
        // The model fills the same plan; its answer is checked, and any failure leaves the offline understanding.
        turn.model = await this.options.model.understand(text, { now, conversation: memory.context }, askerOf(context), understanding);
        understanding = turn.model.understanding;
      }
    }

    turn.understanding = understanding;
    let clarification = clarificationFor(understanding);
    // Before asking which object a name means, the skill may know from the tenant (the only app whose sign-ins fail).
    let settledNote: string | undefined = button?.kind === 'prepared' ? button.note : undefined;
    if (clarification?.kind === 'choose' && !choice && (!button || button.kind === 'prepared')) {
      const settled = await this.settleFromTenant(context, understanding, now);
      if (settled) {
        ({ understanding, note: settledNote } = settled);
        turn.understanding = understanding;
        clarification = clarificationFor(understanding);
      }
    }
    if (clarification?.kind === 'choose') {
      const pendingId = randomUUID();
      memory.pending = { id: pendingId, understanding, entityIndex: clarification.entityIndex, askedAt: now.toISOString() };
      const data = disambiguationModel(clarification.entity, pendingId, understanding.text);
      // The candidates are the rows this answer shows: a typed "the one in finance" or "the second" chooses among them.
      const shown = candidateRows(clarification.entity);
      if (shown.length) memory.context = { ...memory.context, lastRows: shown, lastIntent: understanding.intent };
      const summary = `${data.title}\n${data.candidates.map((c) => `• ${c.label}`).join('\n')}`;
      return { understanding, skill: CLARIFY, answer: { kind: 'card', template: 'disambiguation', data, summary } };
    }
    if (clarification?.kind === 'notFound') {
      return { understanding, skill: CLARIFY, answer: { kind: 'text', text: notFoundText(clarification.entity) } };
    }

    const aadObjectId = context.activity.from?.aadObjectId;
    const sso = this.options.sso;
    if (sso && !NO_TENANT_READ.has(understanding.intent) && !sso.tokens.get(aadObjectId)) {
      memory.awaitingSignIn = { text, askedAt: now.toISOString() };
      return { understanding, skill: SIGN_IN, answer: { kind: 'signIn' } };
    }
    const skill = this.options.skills.forUnderstanding(understanding);
    const skillAnswer = await this.unlessAskerUnknown(aadObjectId, () => skill.answer({
      understanding,
      asker: {
        aadObjectId,
        tenantId: context.activity.conversation?.tenantId,
        name: context.activity.from?.name,
      },
      tenant: this.options.sessions?.forAsker(aadObjectId, sso?.tokens.get(aadObjectId)),
      conversationType: conversationKind(context.activity),
      now,
      ...(button?.kind === 'showMore' ? { cursor: button.cursor } : {}),
      ...(button?.kind === 'mitigate' ? { mitigation: button.proposal } : {}),
    }));
    if (!button || button.kind === 'prepared') {
      const rows = skillAnswer.kind === 'card' ? skillAnswer.subjects : undefined;
      const about = skillAnswer.kind === 'card' ? skillAnswer.about : undefined;
      linkFoundObjects(understanding.entities, about);
      memory.context = rememberTurn(memory.context, understanding.intent, understanding.entities, understanding.plan ?? understanding.contextPlan, rows, {
        about,
        ...(skillAnswer.kind === 'card' && skillAnswer.actor ? { actor: skillAnswer.actor } : {}),
        planRich: !understanding.plan && understanding.contextPlan !== undefined,
        text: understanding.text,
        ...(understanding.alsoNamed ? { alsoNamed: understanding.alsoNamed } : {}),
      });
    }
    if (skillAnswer.kind !== 'confirm') return { understanding, skill, answer: skillAnswer, settledNote };
    if (!this.options.mitigations) {
      return { understanding, skill, answer: { kind: 'text', text: 'Actions are switched off in this deployment of Entra Assistant: nothing was changed. Do it in the Entra admin center.' } };
    }
    const proposed = await this.options.mitigations.propose(context, skillAnswer, button?.kind === 'mitigate' ? button.sourceAnswerId : undefined);
    return { understanding, skill, answer: proposed.answer as TurnAnswer, mitigationId: proposed.mitigationId };
  }

  /** A short model-written summary above an answer card, when summaries are on and the model wrote one that checks out. */
  private async modelSummary(context: TurnContext, question: string, result: TurnResult): Promise<{ text?: string; tokens: number } | undefined> {
    const model = this.options.model;
    if (!model?.summarize || result.answer.kind !== 'card' || NOT_SUMMARISED.has(result.answer.template)) return undefined;
    return model.summarize(question, renderCard(result.answer.template, result.answer.data), askerOf(context));
  }

  /** The intent's skill settles an ambiguous name from a fact of the tenant, when it can and the asker may read it. */
  private async settleFromTenant(context: TurnContext, understanding: Understanding, now: Date): Promise<Settled | undefined> {
    const skill = this.options.skills.forUnderstanding(understanding);
    const aadObjectId = context.activity.from?.aadObjectId;
    const token = this.options.sso?.tokens.get(aadObjectId);
    if (!skill.settle || (this.options.sso && !token)) return undefined;
    const tenant = this.options.sessions?.forAsker(aadObjectId, token);
    if (!tenant) return undefined;
    return skill.settle({ understanding, asker: { aadObjectId, tenantId: context.activity.conversation?.tenantId, name: context.activity.from?.name }, tenant, conversationType: conversationKind(context.activity), now });
  }

  /** Graph throttled or down after the bounded retries: the turn says so, rather than an apology or a half-read answer. */
  private graphFailureAnswer(err: unknown, understanding: Understanding | undefined, text: string): TurnResult {
    const failure = graphUnavailableOf(err);
    if (!failure) throw err;
    this.options.logger.warn({ status: failure.status, retryAfterSeconds: failure.retryAfterSeconds, intent: understanding?.intent }, 'Microsoft Graph unavailable: the turn says so');
    return { understanding: understanding ?? { intent: 'outOfScope', entities: [], text }, skill: GRAPH_UNAVAILABLE, answer: { kind: 'text', text: unavailableText(failure) } };
  }

  /** A skill's answer; when the asker's roles cannot be read because the directory has no such user, the answer that says so. */
  private async unlessAskerUnknown(aadObjectId: string | undefined, answer: () => Promise<SkillAnswer>): Promise<SkillAnswer> {
    try {
      return await answer();
    } catch (err) {
      const sessions = this.options.sessions;
      if (!(err instanceof AskerNotInDirectory) || !sessions) throw err;
      this.options.logger.warn({ reason: err.reason, aadObjectId: isGuid(aadObjectId) ? aadObjectId : undefined }, 'asker is not a user of the directory read: nothing shown');
      return { kind: 'text', text: notInDirectoryText(err.reason, { id: sessions.tenantId, name: await sessions.tenantName() }, aadObjectId) };
    }
  }

  /**
   * Keeps what is about to be sent, so a rating can say what it rates. Written before the answer goes out: a click
   * can never arrive first. Returns whether the answer can be rated (a store is wired and took the record).
   */
  private async recordAnswer(context: TurnContext, question: string, answer: TurnAnswer, diagnostics: AnswerDiagnostics, card: AdaptiveCard | undefined, now: Date): Promise<boolean> {
    const store = this.options.feedback;
    if (!store || answer.kind === 'signIn') return false;
    const record: AnswerRecord = {
      answerId: diagnostics.answerId,
      conversationId: context.activity.conversation?.id ?? '',
      conversationType: conversationKind(context.activity),
      question,
      intent: diagnostics.intent,
      entities: diagnostics.entities,
      answer: {
        ...(answer.kind === 'card' ? { cardId: answer.template } : {}),
        skill: diagnostics.skill,
        skillVersion: diagnostics.skillVersion,
        graphRequests: diagnostics.graphRequests.map(({ method, url, status }) => ({ method, url, status })),
      },
      askerAadObjectId: context.activity.from?.aadObjectId,
      tenantId: context.activity.conversation?.tenantId,
      answeredAt: now.toISOString(),
      ...(diagnostics.model ? { model: diagnostics.model } : {}),
      ...(card ? { card } : {}),
    };
    try {
      await store.recordAnswer(record);
      return true;
    } catch (err) {
      // The answer matters more than its rating: send it without feedback buttons.
      this.options.logger.error({ err, answerId: record.answerId }, 'feedback store unavailable: answer sent without feedback buttons');
      return false;
    }
  }

  private async linkMessage(answerId: string, messageId: string, log: Logger): Promise<void> {
    try {
      await this.options.feedback!.linkMessage(answerId, messageId);
    } catch (err) {
      log.error({ err, answerId }, 'feedback store unavailable: Teams feedback on this answer will not be saved');
    }
  }

  private replyFor(answer: TurnAnswer, diagnostics: AnswerDiagnostics, card: AdaptiveCard | undefined, rateable: boolean): Partial<Activity> {
    let reply: Partial<Activity>;
    if (answer.kind === 'signIn') {
      reply = MessageFactory.attachment(signInCard(this.options.sso!.config));
    } else if (answer.kind === 'card') {
      const footer = { footnote: answerFootnote(diagnostics.skill, diagnostics.answerId), feedback: rateable ? feedbackButtons(diagnostics.answerId) : undefined };
      reply = MessageFactory.attachment(CardFactory.adaptiveCard(withFooter(card!, footer)));
      reply.summary = answer.summary.split('\n')[0];
    } else {
      // Teams renders message text as Markdown, where a single line break is lost: make each line a paragraph.
      reply = MessageFactory.text(answer.text.replace(/\n+/g, '\n\n'));
      // Text has no footer: Teams' own 👍/👎 under the message (message/submitAction) rates it instead.
      if (rateable) reply.channelData = { feedbackLoop: { type: 'default' } };
    }
    if (this.options.answerDiagnostics) {
      reply.channelData = { ...((reply.channelData ?? {}) as Record<string, unknown>), [DIAGNOSTICS_KEY]: diagnostics };
    }
    return reply;
  }
}

/** What a card button sends back is client data: only well-formed requests count. */
function buttonRequest(activity: Partial<Activity>): ButtonRequest | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return undefined;
  const diagnose = diagnoseRequestOf(value);
  if (diagnose) return { kind: 'prepared', understanding: diagnose };
  if (isMitigationProposal(value.mitigate)) {
    return { kind: 'mitigate', proposal: value.mitigate, sourceAnswerId: typeof value.sourceAnswerId === 'string' ? value.sourceAnswerId : undefined };
  }
  const more = value.showMore as { intent?: unknown; entities?: unknown; text?: unknown; cursor?: unknown; plan?: unknown } | undefined;
  if (more && typeof more === 'object' && typeof more.cursor === 'string' && more.cursor.length <= MAX_CURSOR_LENGTH && INTENTS.includes(more.intent as never) && Array.isArray(more.entities) && typeof more.text === 'string') {
    const entities = (more.entities as Entity[]).filter((e) => e && typeof e === 'object' && typeof e.type === 'string' && typeof e.text === 'string');
    const understanding: Understanding = { intent: more.intent as Understanding['intent'], entities, text: more.text };
    if (more.plan !== undefined) {
      if (!isQuestionPlan(more.plan)) return undefined;
      understanding.plan = more.plan;
    }
    return { kind: 'showMore', cursor: more.cursor, understanding };
  }
  return undefined;
}

/** The Action.Submit buttons a card answer asked for, with the data that brings each request back. */
function buttonsFor(answer: TurnAnswer, understanding: Understanding, answerId: string): SubmitButton[] {
  if (answer.kind !== 'card' || !answer.actions?.length) return [];
  const entities = understanding.entities.map(({ candidates: _c, suggestions: _s, ...entity }) => entity);
  return answer.actions.map((action) =>
    action.kind === 'mitigate'
      ? { title: action.title, data: { ask: `${action.title}: ${action.proposal.target.displayName}`, mitigate: action.proposal, sourceAnswerId: answerId } }
      : {
          title: action.title,
          data: { ask: `${understanding.text} (more)`, showMore: { intent: understanding.intent, entities, text: understanding.text, cursor: action.cursor, ...(understanding.plan ? { plan: understanding.plan } : {}) } },
        },
  );
}

/** "I took “joni shermen” to mean Joni Sherman.": said whenever a misspelt name was linked to the closest one. */
function correctionNote(understanding: Understanding): string | undefined {
  const corrected = understanding.entities.filter((e) => e.correctedFrom && e.displayName && e.source === 'message');
  if (!corrected.length) return undefined;
  return corrected.map((e) => `I took “${escapeMarkdown(e.correctedFrom)}” to mean ${escapeMarkdown(e.displayName)}.`).join(' ');
}

/** Whose token budget a model call counts against. */
function askerOf(context: TurnContext): ModelAsker {
  return { userId: context.activity.from?.aadObjectId ?? context.activity.from?.id, tenantId: context.activity.conversation?.tenantId };
}

/** An adaptiveCard/action value botbuilder can read: an object whose `action` is an object (Teams' shape). */
function isCardActionValue(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const action = (value as { action?: unknown }).action;
  return Boolean(action) && typeof action === 'object' && !Array.isArray(action);
}

/** A disambiguation button's choice (Action.Submit data.chooseEntity), if this activity carries one. */
function chosenEntity(activity: Partial<Activity>): EntityChoice | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  return value && isEntityChoice(value.chooseEntity) ? value.chooseEntity : undefined;
}
