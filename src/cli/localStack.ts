/**
 * The whole product on one machine: the local Entra (a Graph-compatible server with a token endpoint) and the bot,
 * wired together exactly as the bot would be wired to the Microsoft cloud — through configuration only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, type AppConfig } from '../config';
import { startEntraAssistant, type CompositionOverrides, type RunningAssistant } from '../index';
import { startLocalEntra, type LocalEntra, type LocalEntraOptions } from '../emulator';
import { LOCAL_BOT_CLIENT } from '../emulator/demo/constants';
import { repoRoot } from '../paths';

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
  stop(): Promise<void>;
}

/** Writes the local Entra's certificate where the bot's configuration can name it (GRAPH_CA_FILE). */
function writeCaFile(entra: LocalEntra): string {
  const dir = path.join(repoRoot(), 'data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `local-entra-ca-${process.pid}-${new URL(entra.url).port}.pem`);
  fs.writeFileSync(file, entra.caCertPem);
  return file;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  // Validate the bot's own settings before starting anything, and pin both clocks to ASSISTANT_NOW alike.
  const pinnedNow = loadConfig({ ...env, PORT: String(options.botPort ?? env.PORT ?? 3978) }).pinnedNow;
  const entra = await startLocalEntra({ now: pinnedNow, ...options.entra });
  const caFile = writeCaFile(entra);
  try {
    const config = loadConfig({
      ...env,
      PORT: String(options.botPort ?? env.PORT ?? 3978),
      GRAPH_BASE_URL: entra.graphBaseUrl,
      GRAPH_AUTHORITY_HOST: entra.authorityHost,
      GRAPH_TENANT_ID: entra.tenantId,
      GRAPH_CLIENT_ID: LOCAL_BOT_CLIENT.clientId,
      GRAPH_CLIENT_SECRET: LOCAL_BOT_CLIENT.clientSecret,
      GRAPH_CA_FILE: caFile,
    });
    const assistant = await startEntraAssistant(config, options.overrides);
    return {
      entra,
      assistant,
      config,
      async stop() {
        await assistant.stop();
        await entra.stop();
        fs.rmSync(caFile, { force: true });
      },
    };
  } catch (err) {
    await entra.stop();
    fs.rmSync(caFile, { force: true });
    throw err;
  }
}
