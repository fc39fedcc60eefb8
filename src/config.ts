/**
 * Every environment variable Entra Assistant reads, read once, typed and validated. A bad or missing value stops
 * start-up with one line that names the variable and what it expects. Nothing else in src/ reads process.env.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isGuid } from './graph/ids';

export type BotAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
export type LogFormat = 'json' | 'pretty';

export interface BotConfig {
  /** The bot's Microsoft app id. Unset: local mode, Bot Framework authentication off, loopback only. */
  appId?: string;
  appPassword?: string;
  appType: BotAppType;
  tenantId?: string;
  /** Overrides of the Bot Framework channel endpoints (sovereign clouds, offline tests). */
  channel?: {
    openIdMetadataUrl: string;
    tokenIssuer: string;
    loginUrl: string;
    oAuthScope: string;
  };
  /**
   * The proxy botframework-connector's client would send replies through (HTTPS_PROXY, else ALL_PROXY, else
   * HTTP_PROXY, in capitals or not, as its pipeline reads them). Set: replies keep the library's own path.
   */
  replyProxy?: string;
}

/** GRAPH_POLICY_CACHE_SECONDS unset: a blocking policy's definition is reused for a minute. */
export const DEFAULT_POLICY_CACHE_SECONDS = 60;

export interface GraphConfig {
  /** Microsoft Graph's base URL, without version: https://graph.microsoft.com */
  baseUrl: string;
  /** The identity platform's authority host: https://login.microsoftonline.com */
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Extra CA certificate (PEM file) to trust for Graph and sign-in, e.g. a TLS-inspecting proxy or the local Entra. */
  caFile?: string;
  /** How long a Conditional Access policy definition read for a diagnosis is reused (GRAPH_POLICY_CACHE_SECONDS; 0: read every time; unset: 60). */
  policyCacheSeconds?: number;
}

export interface AppConfig {
  bot: BotConfig;
  server: { host: string; port: number };
  /** Absent when no tenant is configured: tenant questions then get a clear "not connected" answer. */
  graph?: GraphConfig;
  log: { level: string; format: LogFormat };
  /** A pinned clock (ASSISTANT_NOW), for demos and tests. */
  pinnedNow?: Date;
  limits: { maxMessageLength: number; confirmationTimeoutMinutes: number };
  /** An answer not ready within this many ms gets Teams' "typing…" first (TYPING_DELAY_MS; 0: every answer does). */
  typing: { delayMs: number };
  /** Usage limits per minute, per user and per tenant, kept in memory per process (src/bot/usageLimits.ts). */
  usage: { questionsPerUserPerMinute: number; questionsPerTenantPerMinute: number; mitigationsPerUserPerMinute: number; mitigationsPerTenantPerMinute: number };
  /** Attach intent, entities and Graph calls to each answer's channelData (ask CLI, local mode). */
  answerDiagnostics: boolean;
  /** A trained classifier asked when the grammar finds no cue (UNDERSTANDING_FALLBACK=classifier|off). */
  understanding: { fallbackClassifier: boolean };
  /** Teams single sign-on: read Graph with the asker's own rights (on-behalf-of). Absent: app-only + role check. */
  sso?: SsoConfig;
  /** Where answers and their 👍/👎 ratings are kept: the tenant's own store, never a vendor's. */
  feedback: FeedbackStoreConfig;
  /** Unrated answers are deleted after this many days (ANSWER_RETENTION_DAYS); rated ones and mitigations are kept. */
  retention: { answerDays: number };
  /** Where botbuilder keeps conversation state (follow-ups, pending choices, questions waiting for sign-in). */
  state: StateStoreConfig;
  /**
   * The Entra tenants whose activities the bot answers: the tenant Graph reads (or the bot's own) plus
   * ALLOWED_TENANT_IDS. Empty only when no tenant is configured at all (nothing is read, so nothing is checked).
   */
  servedTenantIds: string[];
  /**
   * The optional language model that fills question plans and may write summaries (src/llm). Absent unless
   * AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT (or OPENAI_COMPATIBLE_URL) are set: then no model code loads.
   */
  model?: ModelConfig;
  /** Help-desk channels and alerts (src/helpdesk, src/alerts). */
  channels: ChannelsConfig;
}

export interface ChannelsConfig {
  /**
   * Whose directory roles triage replies and alert cards are read with (HELPDESK_READER: an object id or a user
   * principal name). Unset: the person who turned the feature on in that channel.
   */
  reader?: string;
  /** Seconds between two polls of Graph for alerts (ALERTS_POLL_SECONDS); a 429 waits its Retry-After instead. */
  alertPollSeconds: number;
}

/** Where the model is served and how the bot signs in to it. */
export type ModelEndpoint =
  | {
      kind: 'azure';
      /** https://<resource>.openai.azure.com */
      endpoint: string;
      deployment: string;
      apiVersion: string;
      /** An API key, or a Microsoft Entra token for https://cognitiveservices.azure.com/.default. */
      auth: { kind: 'key'; apiKey: string } | { kind: 'identity'; identity: StorageIdentity };
    }
  | {
      /** Any server speaking OpenAI's chat completions (a local model server, `npm run ask -- --llm URL`). */
      kind: 'openai-compatible';
      /** The API root, e.g. http://127.0.0.1:8080/v1 */
      baseUrl: string;
      model: string;
      apiKey?: string;
    };

export interface ModelConfig {
  endpoint: ModelEndpoint;
  /** The whole model call of one turn, retries included; past it the offline understanding answers. */
  timeoutMs: number;
  /** Retries after a 429 or 5xx (honouring retry-after while it fits in the timeout). */
  maxRetries: number;
  /** Tokens (prompt + completion) per hour: per asker and per tenant. */
  tokensPerUserPerHour: number;
  tokensPerTenantPerHour: number;
  /** The model writes a short summary above answer cards, grounded in the card's rows (MODEL_SUMMARIES). */
  summaries: boolean;
}

export type FeedbackStoreConfig =
  | { store: 'sqlite'; sqlitePath: string }
  | { store: 'table'; access: AzureStorageAccess; tableName: string };

export type StateStoreConfig = { store: 'memory' } | { store: 'blob'; access: AzureStorageAccess; container: string };

/**
 * How the bot reaches one Azure Storage service: a connection string (an account key, a SAS, or Azurite), or the
 * service's endpoint and a Microsoft Entra identity, so that no key sits in the app settings (infra/azure.bicep).
 */
export type AzureStorageAccess =
  | { auth: 'connectionString'; connectionString: string }
  | { auth: 'identity'; endpoint: string; identity: StorageIdentity };

export interface StorageIdentity {
  /** managed-identity: the App Service's own identity. default: DefaultAzureCredential (also Azure CLI sign-in). */
  credential: 'managed-identity' | 'default';
  /** The client id of a user-assigned managed identity; unset: the system-assigned one. */
  clientId?: string;
}

export interface SsoConfig {
  /** The app registration that exposes api://botid-<appId>/access_as_user (the bot's own, normally). */
  appId: string;
  /** The OAuth connection named on the Azure Bot resource (Teams sends it back with the token). */
  connectionName: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expectation: string,
  ) {
    super(`Configuration error: ${variable} ${expectation}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function guid(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value !== undefined && !isGuid(value)) throw new ConfigError(name, `must be a GUID (got "${value}")`);
  return value;
}

function url(env: Env, name: string, fallback?: string): string | undefined {
  const value = optional(env, name) ?? fallback;
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an absolute URL (got "${value}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(name, `must be an http(s) URL (got "${value}")`);
  }
  return value.replace(/\/+$/, '');
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const match = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!match) throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  return match;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function instant(env: Env, name: string): Date | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) {
    throw new ConfigError(name, `must be an ISO 8601 date-time such as 2026-11-20T12:00:00Z (got "${value}")`);
  }
  return date;
}

/** A user named by Entra object id or by user principal name. */
function principal(env: Env, name: string): string | undefined {
  const value = optional(env, name);
  if (value === undefined || isGuid(value) || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) return value;
  throw new ConfigError(name, `must be a user's object id (GUID) or user principal name such as helpdesk@contoso.com (got "${value}")`);
}

function readBot(env: Env): BotConfig {
  const appId = guid(env, 'BOT_ID');
  const appType = oneOf(env, 'BOT_TYPE', ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const, 'SingleTenant');
  const appPassword = optional(env, 'SECRET_BOT_PASSWORD') ?? optional(env, 'BOT_PASSWORD');
  const tenantId = guid(env, 'BOT_TENANT_ID');
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) {
    throw new ConfigError('SECRET_BOT_PASSWORD', 'must be set when BOT_ID is set (the bot app registration\'s client secret)');
  }
  if (appId && appType !== 'MultiTenant' && !tenantId) {
    throw new ConfigError('BOT_TENANT_ID', `must be set when BOT_TYPE is ${appType}`);
  }
  const openIdMetadataUrl = url(env, 'BOT_CHANNEL_OPENID_METADATA_URL');
  let channel: BotConfig['channel'];
  if (openIdMetadataUrl) {
    // botbuilder builds its configuration from exactly the keys given: set them all together (measured with
    // ConfigurationBotFrameworkAuthentication: a key left out is undefined and every token is refused).
    channel = {
      openIdMetadataUrl,
      tokenIssuer: optional(env, 'BOT_CHANNEL_TOKEN_ISSUER') ?? 'https://api.botframework.com',
      loginUrl: url(env, 'BOT_CHANNEL_LOGIN_URL', 'https://login.microsoftonline.com/botframework.com') as string,
      oAuthScope: optional(env, 'BOT_CHANNEL_OAUTH_SCOPE') ?? 'https://api.botframework.com',
    };
  }
  const proxyVariable = (name: string) => optional(env, name) ?? optional(env, name.toLowerCase());
  const replyProxy = proxyVariable('HTTPS_PROXY') ?? proxyVariable('ALL_PROXY') ?? proxyVariable('HTTP_PROXY');
  return { appId, appPassword, appType, tenantId, channel, ...(replyProxy ? { replyProxy } : {}) };
}

function readGraph(env: Env, bot: BotConfig): GraphConfig | undefined {
  const tenantId = guid(env, 'GRAPH_TENANT_ID') ?? bot.tenantId;
  const clientId = guid(env, 'GRAPH_CLIENT_ID') ?? bot.appId;
  // The bot's secret belongs to the bot's app registration: it is no secret for another GRAPH_CLIENT_ID.
  const clientSecret = optional(env, 'GRAPH_CLIENT_SECRET') ?? (clientId?.toLowerCase() === bot.appId?.toLowerCase() ? bot.appPassword : undefined);
  const baseUrl = url(env, 'GRAPH_BASE_URL', 'https://graph.microsoft.com') as string;
  const authorityHost = url(env, 'GRAPH_AUTHORITY_HOST', 'https://login.microsoftonline.com') as string;
  const caFile = optional(env, 'GRAPH_CA_FILE');
  const anyGiven = optional(env, 'GRAPH_TENANT_ID') || optional(env, 'GRAPH_CLIENT_ID') || optional(env, 'GRAPH_BASE_URL');
  if (!tenantId && !clientId && !anyGiven) return undefined;
  if (!tenantId) throw new ConfigError('GRAPH_TENANT_ID', 'must be set to the tenant id (GUID) the bot reads through Microsoft Graph');
  if (!clientId) throw new ConfigError('GRAPH_CLIENT_ID', 'must be set to the app registration id (GUID) used to call Microsoft Graph');
  if (!clientSecret) throw new ConfigError('GRAPH_CLIENT_SECRET', 'must be set to the client secret of GRAPH_CLIENT_ID');
  const policyCacheSeconds = integer(env, 'GRAPH_POLICY_CACHE_SECONDS', DEFAULT_POLICY_CACHE_SECONDS, 0, 3600);
  return { baseUrl, authorityHost, tenantId, clientId, clientSecret, caFile, policyCacheSeconds };
}

function readSso(env: Env, bot: BotConfig): SsoConfig | undefined {
  if (oneOf(env, 'SSO_ENABLED', ['on', 'off'] as const, 'off') === 'off') return undefined;
  const appId = guid(env, 'SSO_APP_ID') ?? bot.appId;
  if (!appId) throw new ConfigError('SSO_APP_ID', 'must be set (or BOT_ID) when SSO_ENABLED is on: the app whose api://botid-<id> Teams requests tokens for');
  return { appId, connectionName: optional(env, 'SSO_CONNECTION_NAME') ?? 'graph' };
}

const TABLE_ENDPOINT = 'AZURE_STORAGE_TABLE_ENDPOINT';
const BLOB_ENDPOINT = 'AZURE_STORAGE_BLOB_ENDPOINT';

/** A storage service endpoint that a bearer token may be sent to: https only, and no SAS or other secret in it. */
function storageEndpoint(env: Env, name: string): string | undefined {
  const value = url(env, name);
  if (value === undefined) return undefined;
  const parsed = new URL(value);
  // Checked first, so that the error line never repeats a SAS token.
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ConfigError(name, 'must be the bare service endpoint, without a query, fragment or user (a SAS token there would be a secret in the app settings)');
  }
  // The Azure SDK refuses to send a token over plain http; say so here, at start-up, rather than at the first answer.
  if (parsed.protocol !== 'https:') throw new ConfigError(name, `must be an https URL such as https://<account>.${name === TABLE_ENDPOINT ? 'table' : 'blob'}.core.windows.net (got "${value}")`);
  return value;
}

function storageIdentity(env: Env): StorageIdentity {
  return {
    credential: oneOf(env, 'AZURE_STORAGE_CREDENTIAL', ['managed-identity', 'default'] as const, 'managed-identity'),
    clientId: guid(env, 'AZURE_STORAGE_CLIENT_ID'),
  };
}

/** How the store that forVariable selected reaches its service: its endpoint with an identity, or the connection string. */
function azureStorage(env: Env, endpointVariable: string, forVariable: string, value: string): AzureStorageAccess {
  const endpoint = storageEndpoint(env, endpointVariable);
  const connectionString = optional(env, 'AZURE_STORAGE_CONNECTION_STRING');
  if (endpoint && connectionString) {
    throw new ConfigError(endpointVariable, 'and AZURE_STORAGE_CONNECTION_STRING are both set: set only one (the endpoint is reached with a managed identity, the connection string with its key)');
  }
  if (endpoint) return { auth: 'identity', endpoint, identity: storageIdentity(env) };
  if (connectionString) return { auth: 'connectionString', connectionString };
  throw new ConfigError(endpointVariable, `or AZURE_STORAGE_CONNECTION_STRING must be set when ${forVariable} is ${value}`);
}

/**
 * Settings that would be silently ignored are refused: an endpoint whose store is not selected (the deployed bot
 * would keep its data in memory or SQLite, issue #15 item 5), or an identity with no endpoint to use it for.
 */
function unusedStorageSettings(env: Env, feedback: FeedbackStoreConfig, state: StateStoreConfig): void {
  if (feedback.store !== 'table' && optional(env, TABLE_ENDPOINT)) throw new ConfigError(TABLE_ENDPOINT, 'is set but FEEDBACK_STORE is not table: set FEEDBACK_STORE=table to keep answers and mitigations there');
  if (state.store !== 'blob' && optional(env, BLOB_ENDPOINT)) throw new ConfigError(BLOB_ENDPOINT, 'is set but STATE_STORE is not blob: set STATE_STORE=blob to keep conversation state there');
  const identityUsed = (feedback.store === 'table' && feedback.access.auth === 'identity') || (state.store === 'blob' && state.access.auth === 'identity');
  if (identityUsed) return;
  for (const name of ['AZURE_STORAGE_CLIENT_ID', 'AZURE_STORAGE_CREDENTIAL']) {
    if (optional(env, name)) throw new ConfigError(name, `is used only with ${TABLE_ENDPOINT} or ${BLOB_ENDPOINT}, and neither store uses one`);
  }
}

function matching(env: Env, name: string, pattern: RegExp, fallback: string, expectation: string): string {
  const value = optional(env, name) ?? fallback;
  if (!pattern.test(value)) throw new ConfigError(name, `${expectation} (got "${value}")`);
  return value;
}

/**
 * Why the bot could not write a SQLite file here, or undefined when it can: the file itself when it exists, else the
 * nearest folder that exists (the rest is created). Checked without creating anything. A run-from-package App Service
 * deployment is read-only, which this catches at start-up instead of at the first answer.
 */
function unwritable(file: string): string | undefined {
  let at = path.resolve(file);
  try {
    if (fs.existsSync(at)) {
      if (!fs.statSync(at).isFile()) return `"${at}" is not a file`;
      fs.accessSync(at, fs.constants.W_OK);
      at = path.dirname(at);
    } else {
      at = path.dirname(at);
      while (!fs.existsSync(at)) at = path.dirname(at);
      if (!fs.statSync(at).isDirectory()) return `"${at}" is not a folder`;
    }
    fs.accessSync(at, fs.constants.W_OK);
    return undefined;
  } catch {
    return `"${at}" is not writable`;
  }
}

function readFeedback(env: Env): FeedbackStoreConfig {
  if (oneOf(env, 'FEEDBACK_STORE', ['sqlite', 'table'] as const, 'sqlite') === 'sqlite') {
    const sqlitePath = optional(env, 'FEEDBACK_SQLITE_PATH') ?? 'data/feedback.sqlite';
    const why = unwritable(sqlitePath);
    if (why) throw new ConfigError('FEEDBACK_SQLITE_PATH', `must be a SQLite file the bot can write (${why}); on Azure set FEEDBACK_STORE=table instead (got "${sqlitePath}")`);
    return { store: 'sqlite', sqlitePath };
  }
  return {
    store: 'table',
    access: azureStorage(env, TABLE_ENDPOINT, 'FEEDBACK_STORE', 'table'),
    tableName: matching(env, 'FEEDBACK_TABLE_NAME', /^[A-Za-z][A-Za-z0-9]{2,62}$/, 'EntraAssistantFeedback', 'must be a table name: a letter, then 2 to 62 letters or digits'),
  };
}

function readState(env: Env): StateStoreConfig {
  if (oneOf(env, 'STATE_STORE', ['memory', 'blob'] as const, 'memory') === 'memory') return { store: 'memory' };
  return {
    store: 'blob',
    access: azureStorage(env, BLOB_ENDPOINT, 'STATE_STORE', 'blob'),
    container: matching(env, 'STATE_BLOB_CONTAINER', /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'entra-assistant-state', 'must be a blob container name: 3 to 63 lower-case letters, digits and single hyphens'),
  };
}

function readUsage(env: Env): AppConfig['usage'] {
  // Defaults a help desk does not meet: a person asks a few questions a minute, and a change needs a confirmation each.
  const usage = {
    questionsPerUserPerMinute: integer(env, 'QUESTIONS_PER_USER_PER_MINUTE', 30, 1, 10000),
    questionsPerTenantPerMinute: integer(env, 'QUESTIONS_PER_TENANT_PER_MINUTE', 600, 1, 100000),
    mitigationsPerUserPerMinute: integer(env, 'MITIGATIONS_PER_USER_PER_MINUTE', 10, 1, 1000),
    mitigationsPerTenantPerMinute: integer(env, 'MITIGATIONS_PER_TENANT_PER_MINUTE', 60, 1, 10000),
  };
  if (usage.questionsPerTenantPerMinute < usage.questionsPerUserPerMinute) {
    throw new ConfigError('QUESTIONS_PER_TENANT_PER_MINUTE', `must be at least QUESTIONS_PER_USER_PER_MINUTE (${usage.questionsPerUserPerMinute}) (got "${usage.questionsPerTenantPerMinute}")`);
  }
  if (usage.mitigationsPerTenantPerMinute < usage.mitigationsPerUserPerMinute) {
    throw new ConfigError('MITIGATIONS_PER_TENANT_PER_MINUTE', `must be at least MITIGATIONS_PER_USER_PER_MINUTE (${usage.mitigationsPerUserPerMinute}) (got "${usage.mitigationsPerTenantPerMinute}")`);
  }
  return usage;
}

/** Azure OpenAI's latest generally available data-plane version for chat completions with tools. */
export const DEFAULT_AZURE_OPENAI_API_VERSION = '2024-10-21';

const MODEL_SETTINGS = ['MODEL_TIMEOUT_SECONDS', 'MODEL_MAX_RETRIES', 'MODEL_TOKENS_PER_USER_PER_HOUR', 'MODEL_TOKENS_PER_TENANT_PER_HOUR', 'MODEL_SUMMARIES'];
const AZURE_MODEL_SETTINGS = ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_API_VERSION', 'AZURE_OPENAI_CREDENTIAL', 'AZURE_OPENAI_CLIENT_ID'];

function isLoopback(value: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(value).hostname);
}

function readModelEndpoint(env: Env): ModelEndpoint | undefined {
  const endpoint = url(env, 'AZURE_OPENAI_ENDPOINT');
  const deployment = optional(env, 'AZURE_OPENAI_DEPLOYMENT');
  const compatible = url(env, 'OPENAI_COMPATIBLE_URL');
  if (compatible && (endpoint || deployment)) throw new ConfigError('OPENAI_COMPATIBLE_URL', 'and AZURE_OPENAI_ENDPOINT are both set: set only one model endpoint');
  if (compatible) {
    return { kind: 'openai-compatible', baseUrl: compatible, model: optional(env, 'OPENAI_COMPATIBLE_MODEL') ?? 'default', apiKey: optional(env, 'OPENAI_COMPATIBLE_API_KEY') };
  }
  for (const name of ['OPENAI_COMPATIBLE_MODEL', 'OPENAI_COMPATIBLE_API_KEY']) {
    if (optional(env, name)) throw new ConfigError(name, 'is used only with OPENAI_COMPATIBLE_URL, which is not set');
  }
  if (!endpoint && !deployment) {
    const stray = [...AZURE_MODEL_SETTINGS, ...MODEL_SETTINGS].find((name) => optional(env, name));
    if (stray) throw new ConfigError(stray, 'is set but no model is: set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT to use one');
    return undefined;
  }
  if (!endpoint) throw new ConfigError('AZURE_OPENAI_ENDPOINT', 'must be set with AZURE_OPENAI_DEPLOYMENT: the resource endpoint, https://<resource>.openai.azure.com');
  if (!deployment) throw new ConfigError('AZURE_OPENAI_DEPLOYMENT', 'must be set with AZURE_OPENAI_ENDPOINT: the name of the model deployment');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(deployment)) throw new ConfigError('AZURE_OPENAI_DEPLOYMENT', `must be a deployment name: letters, digits, '.', '_' and '-' (got "${deployment}")`);
  // A key or a token goes with every request: never in clear text beyond this machine.
  if (new URL(endpoint).protocol !== 'https:' && !isLoopback(endpoint)) throw new ConfigError('AZURE_OPENAI_ENDPOINT', `must be an https URL (got "${endpoint}")`);
  const apiVersion = matching(env, 'AZURE_OPENAI_API_VERSION', /^\d{4}-\d{2}-\d{2}(-preview)?$/, DEFAULT_AZURE_OPENAI_API_VERSION, 'must be an API version such as 2024-10-21');
  const apiKey = optional(env, 'AZURE_OPENAI_API_KEY');
  if (apiKey && (optional(env, 'AZURE_OPENAI_CREDENTIAL') || optional(env, 'AZURE_OPENAI_CLIENT_ID'))) {
    throw new ConfigError('AZURE_OPENAI_API_KEY', 'and AZURE_OPENAI_CREDENTIAL/AZURE_OPENAI_CLIENT_ID are both set: use the key or an identity, not both');
  }
  const auth: Extract<ModelEndpoint, { kind: 'azure' }>['auth'] = apiKey
    ? { kind: 'key', apiKey }
    : {
        kind: 'identity',
        identity: {
          credential: oneOf(env, 'AZURE_OPENAI_CREDENTIAL', ['managed-identity', 'default'] as const, 'managed-identity'),
          clientId: guid(env, 'AZURE_OPENAI_CLIENT_ID'),
        },
      };
  return { kind: 'azure', endpoint, deployment, apiVersion, auth };
}

function readModel(env: Env): ModelConfig | undefined {
  const endpoint = readModelEndpoint(env);
  if (!endpoint) return undefined;
  const model = {
    endpoint,
    timeoutMs: integer(env, 'MODEL_TIMEOUT_SECONDS', 8, 1, 120) * 1000,
    maxRetries: integer(env, 'MODEL_MAX_RETRIES', 2, 0, 5),
    tokensPerUserPerHour: integer(env, 'MODEL_TOKENS_PER_USER_PER_HOUR', 100_000, 1000, 100_000_000),
    tokensPerTenantPerHour: integer(env, 'MODEL_TOKENS_PER_TENANT_PER_HOUR', 1_000_000, 1000, 1_000_000_000),
    summaries: oneOf(env, 'MODEL_SUMMARIES', ['on', 'off'] as const, 'off') === 'on',
  };
  if (model.tokensPerTenantPerHour < model.tokensPerUserPerHour) {
    throw new ConfigError('MODEL_TOKENS_PER_TENANT_PER_HOUR', `must be at least MODEL_TOKENS_PER_USER_PER_HOUR (${model.tokensPerUserPerHour}) (got "${model.tokensPerTenantPerHour}")`);
  }
  return model;
}

function tenantList(env: Env, name: string): string[] {
  const value = optional(env, name);
  if (value === undefined) return [];
  const ids = value.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !isGuid(id));
  if (bad !== undefined) throw new ConfigError(name, `must be a comma-separated list of tenant ids (GUIDs) (got "${bad}" in "${value}")`);
  return ids.map((id) => id.toLowerCase());
}

function servedTenants(env: Env, bot: BotConfig, graph: GraphConfig | undefined): string[] {
  const own = graph?.tenantId ?? bot.tenantId;
  return [...new Set([...(own ? [own.toLowerCase()] : []), ...tenantList(env, 'ALLOWED_TENANT_IDS')])];
}

export function loadConfig(env: Env = process.env): AppConfig {
  const bot = readBot(env);
  const production = optional(env, 'NODE_ENV') === 'production';
  // Without a bot id nobody's token is checked, so the server must never be reachable from another machine.
  const defaultHost = bot.appId ? '0.0.0.0' : '127.0.0.1';
  const host = optional(env, 'HOST') ?? defaultHost;
  if (!bot.appId && !['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new ConfigError('HOST', `must be a loopback address while BOT_ID is unset (authentication is off; got "${host}")`);
  }
  const graph = readGraph(env, bot);
  const feedback = readFeedback(env);
  const state = readState(env);
  unusedStorageSettings(env, feedback, state);
  return {
    bot,
    server: { host, port: integer(env, 'PORT', 3978, 0, 65535) },
    graph,
    log: {
      level: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      format: oneOf(env, 'LOG_FORMAT', ['json', 'pretty'] as const, production ? 'json' : 'pretty'),
    },
    pinnedNow: instant(env, 'ASSISTANT_NOW'),
    limits: {
      maxMessageLength: integer(env, 'MAX_MESSAGE_LENGTH', 4000, 100, 100000),
      // A mitigation's Confirm button works this long; later clicks change nothing and say to ask again.
      confirmationTimeoutMinutes: integer(env, 'CONFIRMATION_TIMEOUT_MINUTES', 15, 1, 24 * 60),
    },
    typing: { delayMs: integer(env, 'TYPING_DELAY_MS', 500, 0, 60_000) },
    usage: readUsage(env),
    answerDiagnostics: oneOf(env, 'ANSWER_DIAGNOSTICS', ['on', 'off'] as const, bot.appId ? 'off' : 'on') === 'on',
    understanding: { fallbackClassifier: oneOf(env, 'UNDERSTANDING_FALLBACK', ['classifier', 'off'] as const, 'classifier') === 'classifier' },
    sso: readSso(env, bot),
    feedback,
    retention: { answerDays: integer(env, 'ANSWER_RETENTION_DAYS', 30, 1, 3650) },
    state,
    servedTenantIds: servedTenants(env, bot, graph),
    model: readModel(env),
    channels: { reader: principal(env, 'HELPDESK_READER'), alertPollSeconds: integer(env, 'ALERTS_POLL_SECONDS', 300, 1, 86_400) },
  };
}

/** For entry points: the configuration, or one line naming the bad variable on stderr and exit code 2. */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
