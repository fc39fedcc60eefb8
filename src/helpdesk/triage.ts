/**
 * Triage of posts in a help-desk channel: a post that describes a sign-in problem gets one short reply in its thread
 * (the headline, the likely cause, one button for the full diagnosis), read with the roles of the channel's reader.
 * Never more than one reply per thread (the thread is claimed in the store first), never a reply to a post that is
 * not about a sign-in problem, and the post's words are never written to the log: only ids and the intent.
 */
import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import { renderCard } from '../cards/render';
import { escapeMarkdown } from '../cards/escape';
import type { GraphSessions } from '../graph/sessions';
import { graphUnavailableOf } from '../graph/unavailable';
import { AskerNotInDirectory } from '../graph/askerAccess';
import { isGuid } from '../graph/ids';
import type { SkillRegistry } from '../skills/registry';
import type { Recognizer } from '../understanding/types';
import { questionText } from '../bot/messageText';
import type { ChannelPerson, ChannelStore } from '../channels/channelStore';
import { diagnoseButtonData, diagnosisUnderstanding, type DiagnoseSubject } from './diagnoseRequest';
import type { ChannelReader } from './channelReader';

/** A post longer than this is not triaged (a pasted log, not a question). */
const MAX_POST = 4000;

export interface TriageOptions {
  store: ChannelStore;
  recognizer: Recognizer;
  skills: SkillRegistry;
  sessions?: GraphSessions;
  reader: ChannelReader;
  logger: Logger;
  clock: () => Date;
}

/** The part of the sign-in diagnosis card's data the short reply shows. */
interface DiagnosisData {
  verdict?: string;
  verdictColor?: string;
  storyLines?: Array<{ text: string }>;
  cause?: string;
}

export class Triage {
  constructor(private readonly options: TriageOptions) {}

  /** A help-desk channel's post not addressed to the bot. */
  async onPost(context: TurnContext, enabledBy: ChannelPerson | undefined): Promise<void> {
    const { store, recognizer, logger, clock } = this.options;
    const activity = context.activity;
    const threadId = activity.conversation?.id ?? '';
    const log = logger.child({ conversationId: threadId, activityId: activity.id, feature: 'helpdesk-triage' });
    const text = questionText(activity);
    if (!text || text.length > MAX_POST || activity.from?.id?.startsWith('28:')) return;
    const now = clock();
    const understanding = await recognizer.recognize(text, { now });
    if (understanding.intent !== 'signin.troubleshoot' || understanding.guessed) {
      log.debug({ intent: understanding.intent }, 'help-desk post is not a sign-in problem: no reply');
      return;
    }
    const subject = this.subjectOf(understanding.entities, activity.from);
    if (!subject) {
      log.info('help-desk post about a sign-in problem, but not about one known person: no reply');
      return;
    }
    if (!(await store.claimThread(threadId, now.toISOString()))) {
      log.info('help-desk thread already triaged: no second reply');
      return;
    }
    try {
      const replied = await this.reply(context, subject, diagnosisUnderstanding(subject, understanding.entities), enabledBy, now, log);
      if (!replied) await store.releaseThread(threadId);
    } catch (err) {
      await store.releaseThread(threadId);
      if (!graphUnavailableOf(err) && !(err instanceof AskerNotInDirectory)) throw err;
      log.warn({ err }, 'help-desk triage could not read the tenant: no reply, the thread can be triaged later');
    }
  }

  /** The person named (resolved to one user), or the poster when the post names nobody ("I can't sign in"). */
  private subjectOf(entities: ReturnType<typeof diagnosisUnderstanding>['entities'], from: TurnContext['activity']['from']): DiagnoseSubject | undefined {
    const named = entities.find((e) => e.type === 'user' && e.source === 'message');
    if (named) return named.resolution === 'resolved' && isGuid(named.id) ? { id: named.id, displayName: named.displayName ?? named.text, userPrincipalName: named.userPrincipalName } : undefined;
    return isGuid(from?.aadObjectId) ? { id: from.aadObjectId, displayName: from.name || 'the poster' } : undefined;
  }

  private async reply(context: TurnContext, subject: DiagnoseSubject, understanding: ReturnType<typeof diagnosisUnderstanding>, enabledBy: ChannelPerson | undefined, now: Date, log: Logger): Promise<boolean> {
    const { sessions, skills, reader } = this.options;
    const who = await reader.readerFor(enabledBy);
    if (!sessions || !who) {
      log.warn('help-desk triage has no reader in the directory (HELPDESK_READER, or who turned it on): no reply');
      return false;
    }
    const answer = await skills.forUnderstanding(understanding).answer({
      understanding,
      asker: { aadObjectId: who.aadObjectId, tenantId: context.activity.conversation?.tenantId, name: who.name },
      tenant: sessions.forAsker(who.aadObjectId),
      conversationType: 'channel',
      now,
    });
    if (answer.kind !== 'card' || answer.template !== 'signInDiagnosis') {
      log.warn({ answer: answer.kind }, 'help-desk triage reader may not read this diagnosis (or it has no card): no reply');
      return false;
    }
    const data = answer.data as DiagnosisData;
    const story = data.storyLines?.[0]?.text;
    const cause = story ? `Likely cause: ${lowerFirst(story)}` : data.cause ? `Likely cause: ${data.cause}` : '';
    const card = renderCard('helpdeskTriage', {
      // The verdict and story lines come escaped from the skill; names from the directory and Teams are escaped here.
      title: `Help desk: ${escapeMarkdown(subject.displayName)}'s sign-in`,
      headline: data.verdict ?? answer.summary.split('\n')[0],
      headlineColor: data.verdictColor ?? 'Default',
      cause,
      readAs: `Read with the roles of ${who.name ? escapeMarkdown(who.name) : 'the help-desk reader'}. The full diagnosis is read with yours.`,
      buttonTitle: 'Full diagnosis',
      buttonData: diagnoseButtonData(subject),
    });
    const reply = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    reply.summary = `Help desk: ${subject.displayName}'s sign-in`;
    await context.sendActivity(reply);
    log.info({ subject: subject.id }, 'help-desk post triaged: short reply sent in its thread');
    return true;
  }
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
