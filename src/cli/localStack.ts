/**
 * The whole product on one machine: the local Entra (a Graph-compatible server with a token endpoint) and the bot,
 * wired together exactly as the bot would be wired to the Microsoft cloud — through configuration only.
 */
import { loadConfig, type AppConfig } from '../config';
import { startEntraAssistant, type CompositionOverrides, type RunningAssistant } from '../index';
import { startLocalEntra, type LocalEntra, type LocalEntraOptions } from '@entra-assistant/local-entra';
import { localGraphConfig } from './localGraphConfig';

export interface LocalStackOptions {
  /** Environment for the bot (process.env by default); GRAPH_* variables are set here to reach the local Entra. */
  env?: Readonly<Record<string, string | undefined>>;
  botPort?: number;
  entra?: LocalEntraOptions;
  overrides?: CompositionOverrides;
}

export interface LocalStack {
  entra: LocalEntra;
  assistant: RunningAssistant;
  config: AppConfig;
  /** Stops the bot and starts it again with the same configuration and stores, the local Entra left running (tests of restarts). */
  restartAssistant(): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  // Validate the bot's own settings before starting anything, and pin both clocks to ASSISTANT_NOW alike.
  const pinnedNow = loadConfig({ ...env, PORT: String(options.botPort ?? env.PORT ?? 3978) }).pinnedNow;
  const entra = await startLocalEntra({ now: pinnedNow, ...options.entra });
  const local = localGraphConfig(entra);
  try {
    const graph = local.config;
    const config = loadConfig({
      ...env,
      PORT: String(options.botPort ?? env.PORT ?? 3978),
      GRAPH_BASE_URL: graph.baseUrl,
      GRAPH_AUTHORITY_HOST: graph.authorityHost,
      GRAPH_TENANT_ID: graph.tenantId,
      GRAPH_CLIENT_ID: graph.clientId,
      GRAPH_CLIENT_SECRET: graph.clientSecret,
      GRAPH_CA_FILE: graph.caFile,
    });
    const stack: LocalStack = {
      entra,
      assistant: await startEntraAssistant(config, options.overrides),
      config,
      async restartAssistant() {
        await stack.assistant.stop();
        stack.assistant = await startEntraAssistant(config, options.overrides);
      },
      async stop() {
        await stack.assistant.stop();
        await entra.stop();
        local.dispose();
      },
    };
    return stack;
  } catch (err) {
    await entra.stop();
    local.dispose();
    throw err;
  }
}
