/**
 * Composes Entra Assistant: config → adapter → bot → server. Nothing else lives here. Tests and the ask CLI call
 * startEntraAssistant() with a config of their own; `node dist/src/index.js` reads it from the environment.
 */
import { ConversationState } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { type AppConfig, loadConfigOrExit } from './config';
import { createLogger, type Logger } from './logger';
import { createAdapter } from './adapter';
import { startWebServer, type WebServer } from './server';
import { UsageLimits } from './bot/usageLimits';
import { EntraAssistantBot } from './bot/EntraAssistantBot';
import { DEFAULT_TYPING } from './bot/typingIndicator';
import { GrammarRecognizer } from './understanding/grammarRecognizer';
import { GraphSessions } from './graph/sessions';
import { SsoTokenStore } from './bot/singleSignOn';
import { GraphDirectory } from './graph/directory';
import { SkillRegistry } from './skills/registry';
import { helpSkill } from './skills/help';
import { outOfScopeSkill } from './skills/outOfScope';
import { notYetAnsweredSkill } from './skills/notYetAnswered';
import { planSkill } from './skills/planAnswer';
import { signInSkill } from './skills/signIns/signInSkill';
import { checkTemplates, prepareTemplatesLater } from './cards/render';
import { openFeedbackStore } from './feedback/openFeedbackStore';
import { AnswerRetention } from './feedback/retention';
import { conversationStateStorage } from './bot/stateStorage';
import { directorySkills } from './skills/directory';
import { riskSkills } from './skills/risk';
import { openMitigationStore } from './mitigations/openMitigationStore';
import { MitigationFlow } from './bot/mitigationInvokes';
import { TenantGate } from './bot/tenantGate';
import { loadFallbackClassifier } from './understanding/fallbackModel';
import { FallbackTraining } from './understanding/fallbackTraining';
import { HelpDesk } from './helpdesk/helpDesk';
import { openChannelStore } from './channels/openChannelStore';
import { AlertPoller } from './alerts/alertPoller';
import type { Proactive } from './helpdesk/proactive';

/** How sure the trained classifier must be before its intent replaces the grammar's "no cue". */
const FALLBACK_MIN_SCORE = 0.5;
/** Training waits this long after the bot listens, so that it does not delay a first message sent right away. */
const FALLBACK_TRAINING_DELAY_MS = 1000;
/** The card templates' expressions are parsed this long after the bot listens (each on its first use before that). */
const TEMPLATE_PREPARATION_DELAY_MS = 1000;

export interface RunningAssistant {
  server: WebServer;
  logger: Logger;
  /** Settles when the trained fallback classifier is ready (or known to be off or failed). */
  understandingReady: Promise<void>;
  /** Settles when the start-up sweep of unrated answers past ANSWER_RETENTION_DAYS is over. */
  retentionSwept: Promise<void>;
  /** Settles when every card template's expressions are parsed; rejects naming a template that is broken. */
  templatesPrepared: Promise<void>;
  stop(): Promise<void>;
}

export interface CompositionOverrides {
  logger?: Logger;
  /** Credentials for replies to the channel (tests: a connector stub). */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

export async function startEntraAssistant(config: AppConfig, overrides: CompositionOverrides = {}): Promise<RunningAssistant> {
  const logger = overrides.logger ?? createLogger(config);
  // A missing or malformed template stops start-up; their expressions are parsed once the bot listens.
  const templateNames = checkTemplates();

  const adapter = createAdapter({ bot: config.bot, logger, credentialsFactory: overrides.credentialsFactory });
  const conversationState = new ConversationState(conversationStateStorage(config.state));
  const feedback = openFeedbackStore(config.feedback);
  const mitigationStore = openMitigationStore(config.feedback);
  const pinnedNow = config.pinnedNow;
  const clock = () => (pinnedNow ? new Date(pinnedNow) : new Date());
  const sessions = config.graph ? new GraphSessions(config.graph, undefined, logger) : undefined;
  const ssoTokens = config.sso ? new SsoTokenStore() : undefined;
  const directory = sessions ? new GraphDirectory(sessions.directoryClient) : undefined;
  // Trained in the background once the bot listens: until it is ready the grammar answers alone.
  const fallback = config.understanding.fallbackClassifier
    ? new FallbackTraining(
        () => loadFallbackClassifier(),
        (err: unknown) => logger.warn({ err }, 'the fallback intent classifier could not be trained: the grammar answers alone'),
      )
    : undefined;
  const recognizer = new GrammarRecognizer({ directory, fallback: { classifier: () => fallback?.current, minScore: FALLBACK_MIN_SCORE } });
  // The tenant's people, group and app names are read and indexed at start, off any turn, and refreshed in the background.
  recognizer.warm().catch((err: unknown) => logger.warn({ err }, 'tenant names could not be read: names are looked up one by one'));
  // Kept in this process's memory: each instance counts its own turns (docs/security.md).
  const usageLimits = new UsageLimits(config.usage);
  // The language model is optional: without its settings none of its code (nor the openai package) is loaded.
  const model = config.model ? new (await import('./llm/modelUnderstanding')).ModelUnderstanding({ config: config.model, logger, directory }) : undefined;
  // Messages outside a turn (a diagnosis posted after its invoke, an alert) go through the same adapter.
  // A failure inside is thrown to the caller (which retries or logs it), not handed to onTurnError: no apology is
  // posted into a channel nobody asked in.
  const proactive: Proactive = async (reference, logic) => {
    let failure: Error | undefined;
    await adapter.continueConversationAsync(config.bot.appId ?? '', reference, async (turn) => {
      try {
        await logic(turn);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
    });
    if (failure) throw failure;
  };
  const channelStore = openChannelStore(config.feedback);
  const skills = new SkillRegistry([helpSkill, signInSkill, ...directorySkills, ...riskSkills], outOfScopeSkill, notYetAnsweredSkill, planSkill);
  const channels = new HelpDesk({ recognizer, logger, clock, proactive, store: channelStore, skills, sessions, reader: config.channels.reader, alertPollSeconds: config.channels.alertPollSeconds });
  const bot = new EntraAssistantBot({
    // Without a tenant, names stay unresolved and answers say so.
    recognizer,
    skills,
    conversationState,
    logger,
    clock,
    maxMessageLength: config.limits.maxMessageLength,
    typing: { ...DEFAULT_TYPING, delayMs: config.typing.delayMs },
    answerDiagnostics: config.answerDiagnostics,
    sessions,
    sso: config.sso && ssoTokens ? { config: config.sso, tokens: ssoTokens } : undefined,
    feedback,
    tenantGate: config.servedTenantIds.length > 0 ? new TenantGate(config.servedTenantIds) : undefined,
    usageLimits,
    model,
    mitigations: new MitigationFlow({ store: mitigationStore, logger, clock, timeoutMinutes: config.limits.confirmationTimeoutMinutes, sessions, ssoTokens, feedback, usageLimits }),
    channels,
  });

  // Alerts for the channels that subscribed, posted through the same adapter, read with each channel's reader.
  const alerts = new AlertPoller({ store: channelStore, sessions, reader: channels.reader, proactive, bot, logger, clock, intervalMs: config.channels.alertPollSeconds * 1000 });
  alerts.start();

  const retention = new AnswerRetention({ store: feedback, days: config.retention.answerDays, clock, logger });
  const retentionSwept = retention.start();

  const server = await startWebServer({ adapter, bot, host: config.server.host, port: config.server.port, logger }).catch(async (err: unknown) => {
    await alerts.stop();
    await retention.stop();
    await feedback.close();
    await mitigationStore.close();
    await channelStore.close();
    throw err;
  });
  fallback?.startAfter(FALLBACK_TRAINING_DELAY_MS);
  const templates = prepareTemplatesLater(templateNames, TEMPLATE_PREPARATION_DELAY_MS);
  templates.done.catch((err: unknown) => logger.error({ err }, 'a card template is broken'));
  if (!config.bot.appId) {
    logger.warn(`BOT_ID is not set: Bot Framework authentication is OFF; listening on ${server.url} only (loopback)`);
  }
  logger.info(
    {
      endpoint: `${server.url}/api/messages`,
      graph: config.graph ? config.graph.baseUrl : 'not configured',
      languageModel: !config.model ? 'not configured' : config.model.endpoint.kind === 'azure' ? `Azure OpenAI ${config.model.endpoint.deployment}` : config.model.endpoint.baseUrl,
    },
    'Entra Assistant is listening',
  );
  return {
    server,
    logger,
    understandingReady: fallback?.ready ?? Promise.resolve(),
    retentionSwept,
    templatesPrepared: templates.done,
    async stop() {
      fallback?.cancel();
      templates.cancel();
      // A poll in progress finishes its post and its cursor before anything closes.
      await alerts.stop();
      await server.stop();
      // Diagnoses still being posted after their invoke finish before the stores close.
      await channels.idle();
      await retention.stop();
      // After the last turn: every rating acknowledged is in the store before it closes.
      await feedback.close();
      await mitigationStore.close();
      await channelStore.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const running = await startEntraAssistant(config);
  let stopping = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, 'finishing turns in flight, then stopping');
    await running.stop();
    running.logger.info('stopped');
    running.logger.flush();
    process.exitCode = exitCode;
    setTimeout(() => process.exit(exitCode), 100).unref();
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // A broken card template stops the bot as a failed start does, a second after it began to listen.
  void running.templatesPrepared.catch(async (err: unknown) => {
    process.stderr.write(`Entra Assistant failed to start: ${(err as Error).message}\n`);
    await shutdown('a broken card template', 1);
  });
}

if (require.main === module) {
  void main().catch((err: unknown) => {
    process.stderr.write(`Entra Assistant failed to start: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
