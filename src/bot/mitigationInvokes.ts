import { randomUUID } from 'node:crypto';
import { type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { withAnswerActions, withBanner, withFooter } from '../cards/compose';
import type { GraphSessions } from '../graph/sessions';
import { type AccessDecision, AskerNotInDirectory, roleList } from '../graph/askerAccess';
import { notInDirectoryText } from '../skills/common/access';
import { performMitigation } from '../mitigations/graphMitigations';
import { confirmationModel, outcomeModel, outcomeSummary, personName } from '../mitigations/mitigationCard';
import type { MitigationPerson, MitigationRecord, MitigationStore } from '../mitigations/mitigationStore';
import { mitigationPermission, type MitigationProposal } from '../mitigations/types';
import type { SkillAnswer } from '../skills/types';
import { currentState } from '../mitigations/targetState';
import type { MitigationOutcome } from '../mitigations/mitigationStore';
import type { TargetCheck, TenantSession } from '../graph/sessions';
import type { FeedbackStore } from '../feedback/types';
import { feedbackButtons } from '../feedback/feedbackFooter';
import { answerFootnote } from './feedbackInvokes';
import type { SsoTokenStore } from './singleSignOn';
import { isGuid } from '../graph/ids';
import { isOwnAccount, ownAccountRefusal, targetRefusal } from '../mitigations/mitigationText';
import { escapeMarkdown } from '../cards/escape';
import { formatDate } from '../skills/common/format';
import { limitedText, type UsageLimits } from './usageLimits';

const CARD = 'application/vnd.microsoft.card.adaptive';
const SKILL = { name: 'mitigation', version: '1' };

type ConfirmAnswer = Extract<SkillAnswer, { kind: 'confirm' }>;

export interface MitigationFlowOptions {
  store: MitigationStore;
  logger: Logger;
  clock: () => Date;
  timeoutMinutes: number;
  sessions?: GraphSessions;
  ssoTokens?: SsoTokenStore;
  /** To give the result card its own 👍/👎 and to update the card a mitigation button was on. */
  feedback?: FeedbackStore;
  /** Confirmed changes per minute, per user and per tenant; absent: unlimited. */
  usageLimits?: UsageLimits;
}

function personOf(context: TurnContext): MitigationPerson {
  return { aadObjectId: context.activity.from?.aadObjectId, name: context.activity.from?.name };
}

/** A mitigation as its log lines show it: object ids only, no names or UPNs (the record in the store has those). */
function loggable(proposal: MitigationProposal): { action: string; target: { kind: string; id: string; appId?: string } } {
  const { kind, id, appId } = proposal.target;
  return { action: proposal.action, target: { kind, id, ...(appId ? { appId } : {}) } };
}

/**
 * A mitigation from proposal to result: the skill checked it and the bot records it (pending) and sends the
 * confirmation card; Confirm (Action.Execute `mitigation.confirm`) re-checks the clicker's roles, moves the record to
 * running exactly once, calls Graph with the clicker's rights and records the result; the card becomes the result
 * for everyone. Cancel, a late click (expired) and a second click change nothing in the tenant.
 */
export class MitigationFlow {
  constructor(private readonly options: MitigationFlowOptions) {}

  static isMitigationVerb(value: AdaptiveCardInvokeValue): boolean {
    return value.action?.verb === 'mitigation.confirm' || value.action?.verb === 'mitigation.cancel';
  }

  /** Records the proposal and gives the confirmation card as a card answer; the id is linked to the message once sent. */
  async propose(context: TurnContext, answer: ConfirmAnswer, sourceAnswerId: string | undefined): Promise<{ answer: SkillAnswer; mitigationId: string }> {
    const now = this.options.clock();
    const record: MitigationRecord = {
      id: randomUUID(),
      conversationId: context.activity.conversation?.id ?? '',
      proposal: answer.proposal,
      stateWhenAsked: answer.stateNow,
      proposedBy: personOf(context),
      proposedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.options.timeoutMinutes * 60_000).toISOString(),
      ...(sourceAnswerId ? { sourceAnswerId } : {}),
      status: 'pending',
    };
    await this.options.store.create(record);
    this.options.logger.info({ mitigationId: record.id, ...loggable(record.proposal), proposedBy: record.proposedBy.aadObjectId }, 'mitigation proposed');
    const model = confirmationModel(record, answer.notes);
    return { answer: { kind: 'card', template: 'mitigation', data: model, summary: outcomeSummary(model) }, mitigationId: record.id };
  }

  async linkMessage(mitigationId: string, messageId: string): Promise<void> {
    try {
      await this.options.store.linkMessage(mitigationId, messageId);
    } catch (err) {
      this.options.logger.error({ err, mitigationId }, 'mitigation store unavailable: the confirmation card will not be updated for everyone');
    }
  }

  async onCardAction(context: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const { store, logger, clock } = this.options;
    const data = value.action.data ?? {};
    const id = isGuid(data.mitigationId) ? data.mitigationId : '';
    const conversationId = context.activity.conversation?.id ?? '';
    const clicker = personOf(context);
    const log = logger.child({ mitigationId: id, verb: value.action.verb, conversationId, by: clicker.aadObjectId });
    const record = id ? await store.get(id) : undefined;
    if (!record || record.conversationId !== conversationId) {
      log.warn({ known: Boolean(record) }, 'mitigation click refused: unknown mitigation or another conversation');
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This confirmation is not one I know in this conversation. Ask again.' } };
    }
    const now = clock();
    if (record.status !== 'pending') return this.cardFor(record);

    if (now.getTime() > Date.parse(record.expiresAt)) {
      const { record: after } = await store.decide(id, 'expired', clicker, now.toISOString());
      log.info('mitigation confirmation expired: nothing changed');
      return this.finish(context, after ?? record);
    }
    if (value.action.verb === 'mitigation.cancel') {
      const { moved, record: after } = await store.decide(id, 'cancelled', clicker, now.toISOString());
      if (moved) log.info('mitigation cancelled');
      return this.finish(context, after ?? record);
    }

    // Confirm: never on the clicker's own account (someone else may have proposed it), and only with the role, whoever asked.
    if (isOwnAccount(record.proposal, clicker.aadObjectId)) {
      log.info('mitigation confirm refused: the clicker is its target');
      return this.cardFor(record, ownAccountRefusal(record.proposal, escapeMarkdown(record.proposal.target.displayName)));
    }
    const sessions = this.options.sessions;
    if (!sessions) return this.cardFor(record, 'No tenant is connected, so nothing can be changed.');
    const session = sessions.forAsker(clicker.aadObjectId, this.options.ssoTokens?.get(clicker.aadObjectId));
    const key = mitigationPermission(record.proposal.action, record.proposal.target.kind);
    let access: AccessDecision;
    try {
      access = await session.authorize(key);
    } catch (err) {
      if (!(err instanceof AskerNotInDirectory)) throw err;
      log.warn({ reason: err.reason }, 'mitigation confirm refused: the clicker is not a user of the directory read');
      return this.cardFor(record, `${notInDirectoryText(err.reason, { id: sessions.tenantId, name: await sessions.tenantName() }, clicker.aadObjectId)} Nothing was changed.`);
    }
    if (!access.allowed) {
      log.info({ neededRoles: access.neededRoles }, 'mitigation confirm refused: the clicker lacks the role');
      return this.cardFor(record, `${personName(clicker)}, this needs one of these roles: ${roleList(access.neededRoles)}. Your account holds none of them, so nothing was changed; someone who holds one can still confirm.`);
    }
    // The target's roles again, read now: who may act on whom (src/mitigations/targetRules.ts); they may have changed.
    let onWhom: TargetCheck;
    try {
      onWhom = await session.mayActOn(record.proposal, { fresh: true });
    } catch (err) {
      log.warn({ err }, 'mitigation confirm refused: the target\'s roles could not be read');
      return this.cardFor(record, 'I could not read which roles the account holds right now, so nothing was changed. Try again in a minute.');
    }
    if (!onWhom.allowed) {
      log.info({ actor: onWhom.actor, limitingRoles: onWhom.limitingRoles }, 'mitigation confirm refused: the target\'s roles do not allow it');
      return this.cardFor(record, targetRefusal(record.proposal, onWhom));
    }
    const usage = this.options.usageLimits?.take('mitigation', clicker.aadObjectId, context.activity.conversation?.tenantId);
    if (usage && !usage.allowed) {
      log.warn({ scope: usage.scope, retryAfterSeconds: usage.retryAfterSeconds }, 'mitigation confirm over the usage limit: nothing changed');
      return this.cardFor(record, limitedText('mitigation', usage));
    }
    const { moved, record: running } = await store.decide(id, 'running', clicker, now.toISOString());
    if (!moved || !running) return this.cardFor(running ?? record);

    let outcome: MitigationOutcome;
    try {
      outcome = (await this.alreadyDone(session, record)) ?? (await performMitigation(session.client, record.proposal));
    } catch (err) {
      log.error({ err }, 'mitigation call failed before Graph answered');
      outcome = { ok: false, message: 'Microsoft Graph could not be reached, so the result is unknown. Check the audit log before trying again.' };
    }
    const after = (await store.complete(id, outcome, clock().toISOString())) ?? running;
    log.info(
      { ...loggable(record.proposal), proposedBy: record.proposedBy.aadObjectId, confirmedBy: clicker.aadObjectId, outcome: { ok: outcome.ok, ...(outcome.graphStatus !== undefined ? { graphStatus: outcome.graphStatus } : {}) } },
      outcome.ok ? 'mitigation done' : 'mitigation failed',
    );
    if (outcome.ok) await this.updateSourceCard(context, after);
    return this.finish(context, after);
  }

  /**
   * The target read again just before acting: another confirmation (a second card for the same change) may have done
   * it since this card was sent. Then nothing is sent to Graph. If the read itself fails, the action goes ahead.
   */
  private async alreadyDone(session: TenantSession, record: MitigationRecord): Promise<MitigationOutcome | undefined> {
    try {
      const now = await currentState(session, record.proposal.action, record.proposal.target);
      if (!('nothingToDo' in now)) return undefined;
      return { ok: true, message: `Nothing was changed. ${now.nothingToDo}` };
    } catch {
      return undefined;
    }
  }

  /** The card for a decided record, for the clicker; a refusal keeps the buttons for someone else to use. */
  private cardFor(record: MitigationRecord, refusal?: string): AdaptiveCardInvokeResponse {
    const card = refusal && record.status === 'pending' ? renderCard('mitigation', confirmationModel(record, [], refusal)) : renderCard('mitigation', outcomeModel(record));
    return { statusCode: 200, type: CARD, value: withFooter(card, { footnote: answerFootnote(SKILL.name, record.id) }) };
  }

  /** The outcome card replaces the confirmation for the clicker and, through an update, for everyone else. */
  private async finish(context: TurnContext, record: MitigationRecord): Promise<AdaptiveCardInvokeResponse> {
    const model = outcomeModel(record);
    const card = renderCard('mitigation', model);
    const answerId = randomUUID();
    const rateable = await this.recordOutcome(context, record, card, outcomeSummary(model), answerId);
    const full = withFooter(card, { footnote: answerFootnote(SKILL.name, answerId), feedback: rateable ? feedbackButtons(answerId) : undefined });
    if (record.confirmationMessageId) {
      try {
        await context.updateActivity({ id: record.confirmationMessageId, type: 'message', conversation: context.activity.conversation, attachments: [CardFactory.adaptiveCard(full)] });
        if (rateable) await this.options.feedback!.linkMessage(answerId, record.confirmationMessageId);
      } catch (err) {
        this.options.logger.warn({ err, mitigationId: record.id }, 'could not update the confirmation card for everyone');
      }
    }
    return { statusCode: 200, type: CARD, value: full };
  }

  private async recordOutcome(context: TurnContext, record: MitigationRecord, card: AdaptiveCard, summary: string, answerId: string): Promise<boolean> {
    const feedback = this.options.feedback;
    if (!feedback) return false;
    try {
      await feedback.recordAnswer({
        answerId,
        conversationId: record.conversationId,
        conversationType: (context.activity.conversation?.conversationType as 'personal' | 'groupChat' | 'channel' | undefined) ?? 'personal',
        question: summary.split('\n')[0],
        intent: 'risk.remediate',
        entities: [],
        answer: { cardId: 'mitigation', skill: SKILL.name, skillVersion: SKILL.version, graphRequests: [] },
        askerAadObjectId: context.activity.from?.aadObjectId,
        tenantId: context.activity.conversation?.tenantId,
        answeredAt: this.options.clock().toISOString(),
        card,
      });
      return true;
    } catch (err) {
      this.options.logger.error({ err, mitigationId: record.id }, 'feedback store unavailable: result card sent without feedback buttons');
      return false;
    }
  }

  /** The answer card whose button started it gets a banner with the result and loses its mitigation buttons. */
  private async updateSourceCard(context: TurnContext, record: MitigationRecord): Promise<void> {
    const feedback = this.options.feedback;
    if (!record.sourceAnswerId || !feedback) return;
    try {
      const source = await feedback.getAnswer(record.sourceAnswerId);
      if (!source?.card || !source.messageId || source.conversationId !== record.conversationId) return;
      const banner = `✅ ${record.outcome?.message ?? ''} (${personName(record.decidedBy)}, ${formatDate(record.completedAt)}). The details below are from before; ask again for the current state.`;
      const updated = withFooter(withAnswerActions(withBanner(source.card, banner), []), { footnote: answerFootnote(source.answer.skill, source.answerId), feedback: feedbackButtons(source.answerId) });
      await context.updateActivity({ id: source.messageId, type: 'message', conversation: context.activity.conversation, attachments: [CardFactory.adaptiveCard(updated)] });
      // Keep what 👍/👎 re-renders in step with what the chat shows (the stored card has no footer).
      const { messageId, ratings: _ratings, ...stored } = source;
      await feedback.recordAnswer({ ...stored, card: withAnswerActions(withBanner(source.card, banner), []) });
      await feedback.linkMessage(source.answerId, messageId);
    } catch (err) {
      this.options.logger.warn({ err, mitigationId: record.id }, 'could not update the card the mitigation was started from');
    }
  }
}
