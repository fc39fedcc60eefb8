import { ConversationState, MemoryStorage } from 'botbuilder';
import { createAdapter } from '../../src/adapter';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/logger';
import { startWebServer, type WebServer } from '../../src/server';
import { EntraAssistantBot } from '../../src/bot/EntraAssistantBot';
import { DEFAULT_TYPING } from '../../src/bot/typingIndicator';
import { SkillRegistry } from '../../src/skills/registry';
import { outOfScopeSkill } from '../../src/skills/outOfScope';
import type { Skill } from '../../src/skills/types';
import type { IntentName, Recognizer } from '../../src/understanding/types';

/** A recognizer that understands every question as the one intent a test is about. */
export function fixedIntentRecognizer(intent: IntentName): Recognizer {
  return { recognize: async (text) => ({ intent, entities: [], text }) };
}

export interface BotWithSkillsOptions {
  skills: Skill[];
  recognizer: Recognizer;
  logger: Logger;
  drainTimeoutMs?: number;
  /** How long an answer may take before the typing indicator goes out (default: the production default). */
  typingDelayMs?: number;
}

/**
 * The real adapter, bot and web server of src/, in local mode on loopback, with skills a test chooses (one that
 * throws, one that is slow). The composition mirrors src/index.ts, which offers no way to swap skills.
 */
export async function startBotWithSkills(options: BotWithSkillsOptions): Promise<WebServer> {
  const config = loadConfig({ PORT: '0' });
  const adapter = createAdapter({ bot: config.bot, logger: options.logger });
  const bot = new EntraAssistantBot({
    recognizer: options.recognizer,
    skills: new SkillRegistry(options.skills, outOfScopeSkill),
    conversationState: new ConversationState(new MemoryStorage()),
    logger: options.logger,
    clock: () => new Date(),
    maxMessageLength: config.limits.maxMessageLength,
    answerDiagnostics: config.answerDiagnostics,
    typing: { ...DEFAULT_TYPING, ...(options.typingDelayMs !== undefined ? { delayMs: options.typingDelayMs } : {}) },
  });
  return startWebServer({
    adapter,
    bot,
    host: config.server.host,
    port: config.server.port,
    logger: options.logger,
    drainTimeoutMs: options.drainTimeoutMs,
  });
}
