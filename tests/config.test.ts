import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, DEFAULT_AZURE_OPENAI_API_VERSION, loadConfig } from '../src/config';

const BOT_ID = '3f6c1d9e-2a4b-4c8d-9e1f-7a5b3c2d1e0f';
const TENANT = '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11';
const GRAPH_APP = 'c0ffee00-1234-4abc-8def-0123456789ab';
const BOT = { BOT_ID, SECRET_BOT_PASSWORD: 'bot-secret', BOT_TENANT_ID: TENANT };
const GRAPH = { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: 'graph-secret' };

function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('Configuration from the environment', () => {
  it('When no variable is set, then the bot runs in local mode on loopback port 3978 with diagnostics and no tenant', () => {
    const config = loadConfig({});
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.port, 3978);
    assert.equal(config.answerDiagnostics, true);
    assert.equal(config.graph, undefined);
    assert.equal(config.bot.appId, undefined);
    assert.equal(config.bot.channel, undefined);
    assert.equal(config.log.level, 'info');
    assert.equal(config.pinnedNow, undefined);
    assert.equal(config.retention.answerDays, 30, 'unrated answers are kept 30 days');
    assert.equal(config.typing.delayMs, 500, 'an answer not ready within half a second gets the typing indicator');
    assert.equal(loadConfig({ TYPING_DELAY_MS: '0' }).typing.delayMs, 0, 'or every answer does');
  });

  it('When the bot and Graph are configured, then every value is read and typed', () => {
    const config = loadConfig({ ...BOT, ...GRAPH, PORT: '8080', LOG_LEVEL: 'DEBUG', ASSISTANT_NOW: '2026-11-20T12:00:00Z', GRAPH_BASE_URL: 'https://127.0.0.1:8443/' });
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.server.port, 8080);
    assert.equal(config.log.level, 'debug');
    assert.equal(config.answerDiagnostics, false, 'answers carry no diagnostics once the bot is registered');
    assert.equal(config.pinnedNow?.toISOString(), '2026-11-20T12:00:00.000Z');
    assert.deepEqual(
      { ...config.graph },
      { baseUrl: 'https://127.0.0.1:8443', authorityHost: 'https://login.microsoftonline.com', tenantId: TENANT, clientId: GRAPH_APP, clientSecret: 'graph-secret', caFile: undefined, policyCacheSeconds: 60 },
    );
  });

  it('When GRAPH_POLICY_CACHE_SECONDS is set, then a policy definition is reused that long (0: never), and a bad value stops start-up', () => {
    assert.equal(loadConfig({ ...BOT, ...GRAPH, GRAPH_POLICY_CACHE_SECONDS: '0' }).graph?.policyCacheSeconds, 0);
    assert.equal(loadConfig({ ...BOT, ...GRAPH, GRAPH_POLICY_CACHE_SECONDS: '300' }).graph?.policyCacheSeconds, 300);
    assert.throws(() => loadConfig({ ...BOT, ...GRAPH, GRAPH_POLICY_CACHE_SECONDS: '-1' }), /GRAPH_POLICY_CACHE_SECONDS/);
    assert.throws(() => loadConfig({ ...BOT, ...GRAPH, GRAPH_POLICY_CACHE_SECONDS: '3601' }), /GRAPH_POLICY_CACHE_SECONDS/);
  });

  it('When only the bot is configured, then Graph uses the bot app registration and its secret', () => {
    const graph = loadConfig(BOT).graph;
    assert.equal(graph?.clientId, BOT_ID);
    assert.equal(graph?.clientSecret, 'bot-secret');
    assert.equal(graph?.tenantId, TENANT);
  });

  it('When GRAPH_CLIENT_ID repeats BOT_ID (in any case), then the bot secret is still used for Graph', () => {
    const graph = loadConfig({ ...BOT, GRAPH_CLIENT_ID: BOT_ID.toUpperCase() }).graph;
    assert.equal(graph?.clientSecret, 'bot-secret');
  });

  it('When ALLOWED_TENANT_IDS lists tenants, then they are served beside the tenant Graph reads, once each and in lower case', () => {
    const other = 'A1B2C3D4-0000-4000-8000-000000000001';
    assert.deepEqual(loadConfig({ ...GRAPH, ALLOWED_TENANT_IDS: ` ${other},${TENANT.toUpperCase()} ` }).servedTenantIds, [TENANT, other.toLowerCase()]);
    assert.deepEqual(loadConfig({}).servedTenantIds, [], 'no tenant configured: nothing to serve, nothing checked');
  });

  const badValues: Array<{ when: string; env: Record<string, string>; variable: string }> = [
    { when: 'BOT_ID is not a GUID', env: { ...BOT, BOT_ID: 'entra-assistant' }, variable: 'BOT_ID' },
    { when: 'PORT is above 65535', env: { PORT: '70000' }, variable: 'PORT' },
    { when: 'PORT is not a number', env: { PORT: 'http' }, variable: 'PORT' },
    { when: 'PORT is negative', env: { PORT: '-1' }, variable: 'PORT' },
    { when: 'LOG_LEVEL is unknown', env: { LOG_LEVEL: 'verbose' }, variable: 'LOG_LEVEL' },
    { when: 'ASSISTANT_NOW is not an ISO date-time', env: { ASSISTANT_NOW: 'next Tuesday' }, variable: 'ASSISTANT_NOW' },
    { when: 'ASSISTANT_NOW is a date without a time', env: { ASSISTANT_NOW: '2026-11-20' }, variable: 'ASSISTANT_NOW' },
    { when: 'ASSISTANT_NOW is an impossible date', env: { ASSISTANT_NOW: '2026-13-45T12:00:00Z' }, variable: 'ASSISTANT_NOW' },
    { when: 'BOT_ID is set without SECRET_BOT_PASSWORD', env: { BOT_ID, BOT_TENANT_ID: TENANT }, variable: 'SECRET_BOT_PASSWORD' },
    { when: 'BOT_TYPE is SingleTenant without BOT_TENANT_ID', env: { BOT_ID, SECRET_BOT_PASSWORD: 's', BOT_TYPE: 'SingleTenant' }, variable: 'BOT_TENANT_ID' },
    { when: 'BOT_TYPE is unknown', env: { ...BOT, BOT_TYPE: 'Everyone' }, variable: 'BOT_TYPE' },
    { when: 'HOST is 0.0.0.0 without BOT_ID', env: { HOST: '0.0.0.0' }, variable: 'HOST' },
    { when: 'GRAPH_BASE_URL is not a URL', env: { ...GRAPH, GRAPH_BASE_URL: 'graph.microsoft.com' }, variable: 'GRAPH_BASE_URL' },
    { when: 'GRAPH_BASE_URL is not http(s)', env: { ...GRAPH, GRAPH_BASE_URL: 'ftp://graph.example.com' }, variable: 'GRAPH_BASE_URL' },
    { when: 'GRAPH_CLIENT_ID is set without a secret', env: { GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: GRAPH_APP }, variable: 'GRAPH_CLIENT_SECRET' },
    { when: 'GRAPH_CLIENT_ID is another app than BOT_ID and has no secret', env: { ...BOT, GRAPH_CLIENT_ID: GRAPH_APP }, variable: 'GRAPH_CLIENT_SECRET' },
    { when: 'GRAPH_CLIENT_ID is set without a tenant', env: { GRAPH_CLIENT_ID: GRAPH_APP, GRAPH_CLIENT_SECRET: 's' }, variable: 'GRAPH_TENANT_ID' },
    { when: 'TYPING_DELAY_MS is not a whole number of milliseconds', env: { TYPING_DELAY_MS: '0.5s' }, variable: 'TYPING_DELAY_MS' },
    { when: 'ANSWER_RETENTION_DAYS is zero', env: { ANSWER_RETENTION_DAYS: '0' }, variable: 'ANSWER_RETENTION_DAYS' },
    { when: 'ANSWER_RETENTION_DAYS is not a whole number', env: { ANSWER_RETENTION_DAYS: '30d' }, variable: 'ANSWER_RETENTION_DAYS' },
    { when: 'ALLOWED_TENANT_IDS holds something that is not a tenant id', env: { ...GRAPH, ALLOWED_TENANT_IDS: `${GRAPH_APP}, contoso.com` }, variable: 'ALLOWED_TENANT_IDS' },
    { when: 'BOT_CHANNEL_OPENID_METADATA_URL is not a URL', env: { ...BOT, BOT_CHANNEL_OPENID_METADATA_URL: 'localhost/meta' }, variable: 'BOT_CHANNEL_OPENID_METADATA_URL' },
  ];
  for (const { when, env, variable } of badValues) {
    it(`When ${when}, then start-up stops with one line naming ${variable}`, () => {
      const err = configErrorFor(env);
      assert.equal(err.variable, variable);
      assert.ok(err.message.includes(variable), err.message);
      assert.ok(!/[\r\n]/.test(err.message), `one line: ${JSON.stringify(err.message)}`);
    });
  }

  it('When a secret is given with a bad companion value, then the error line does not repeat the secret', () => {
    const err = configErrorFor({ BOT_ID, SECRET_BOT_PASSWORD: 'super-secret-value', BOT_TYPE: 'SingleTenant' });
    assert.ok(!err.message.includes('super-secret-value'), err.message);
  });
});

describe('Starting the compiled server with a bad variable', () => {
  // Compiled, this file is <out>/tests/config.test.js and the server <out>/src/index.js, whatever the build folder.
  const entryPoint = path.join(__dirname, '../src/index.js');

  it('When PORT is out of range, then the process exits with code 2 and prints one line naming PORT', async function () {
    assert.ok(fs.existsSync(entryPoint), `compiled server at ${entryPoint}`);
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [entryPoint],
        // A clean environment: nothing from the developer's shell may make the configuration valid or differently invalid.
        { env: { PORT: '99999', NODE_ENV: 'production' }, timeout: 15_000 },
        (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
      );
    });
    assert.equal(result.code, 2, `exit code (stderr: ${result.stderr})`);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    assert.equal(lines.length, 1, `one stderr line, got: ${result.stderr}`);
    assert.match(lines[0], /PORT/);
    assert.equal(result.stdout, '', 'nothing was started');
  });
});

describe('Start-up refuses a SQLite path it cannot write (issue #15, item 5)', () => {
  it('When FEEDBACK_SQLITE_PATH lies under a file (no folder can be made there), then start-up stops with one line naming the variable and exit code 2', () => {
    const start = path.join(__dirname, '..', 'src', 'cli', 'start.js');
    const result = spawnSync(process.execPath, [start], { env: { ...process.env, FEEDBACK_SQLITE_PATH: `${__filename}/feedback.sqlite`, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2, result.stderr);
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !/DeprecationWarning|trace-deprecation/.test(l));
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /^Configuration error: FEEDBACK_SQLITE_PATH must be a SQLite file the bot can write \(".*" is not a folder\); on Azure set FEEDBACK_STORE=table instead/);
  });
});

describe('Azure Storage by endpoint and managed identity, or by connection string (issue #15 item 5)', () => {
  const TABLE = 'https://entraassist0abc.table.core.windows.net';
  const BLOB = 'https://entraassist0abc.blob.core.windows.net';
  const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;';
  const USER_ASSIGNED = '5c8f1a2b-3d4e-4f60-8a7b-9c0d1e2f3a4b';

  it('When FEEDBACK_STORE=table and STATE_STORE=blob name their endpoints, then both are reached with the managed identity (as infra/azure.bicep sets them)', () => {
    const config = loadConfig({ FEEDBACK_STORE: 'table', AZURE_STORAGE_TABLE_ENDPOINT: `${TABLE}/`, STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: `${BLOB}/` });
    const identity = { credential: 'managed-identity', clientId: undefined };
    assert.deepEqual(config.feedback, { store: 'table', tableName: 'EntraAssistantFeedback', access: { auth: 'identity', endpoint: TABLE, identity } });
    assert.deepEqual(config.state, { store: 'blob', container: 'entra-assistant-state', access: { auth: 'identity', endpoint: BLOB, identity } });
  });

  it('When AZURE_STORAGE_CLIENT_ID and AZURE_STORAGE_CREDENTIAL=default are set, then that user-assigned identity is asked for through DefaultAzureCredential', () => {
    const config = loadConfig({ STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: BLOB, AZURE_STORAGE_CLIENT_ID: USER_ASSIGNED, AZURE_STORAGE_CREDENTIAL: 'Default' });
    assert.deepEqual(config.state.store === 'blob' && config.state.access, { auth: 'identity', endpoint: BLOB, identity: { credential: 'default', clientId: USER_ASSIGNED } });
  });

  it('When only AZURE_STORAGE_CONNECTION_STRING is given, then both stores keep using it (Azurite, or an account with keys)', () => {
    const config = loadConfig({ FEEDBACK_STORE: 'table', STATE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: AZURITE });
    assert.deepEqual(config.feedback.store === 'table' && config.feedback.access, { auth: 'connectionString', connectionString: AZURITE });
    assert.deepEqual(config.state.store === 'blob' && config.state.access, { auth: 'connectionString', connectionString: AZURITE });
  });

  const badValues: Array<{ when: string; env: Record<string, string>; variable: string; mentions?: RegExp }> = [
    { when: 'FEEDBACK_STORE=table has neither an endpoint nor a connection string', env: { FEEDBACK_STORE: 'table' }, variable: 'AZURE_STORAGE_TABLE_ENDPOINT', mentions: /AZURE_STORAGE_CONNECTION_STRING must be set when FEEDBACK_STORE is table/ },
    { when: 'STATE_STORE=blob has neither an endpoint nor a connection string', env: { STATE_STORE: 'blob' }, variable: 'AZURE_STORAGE_BLOB_ENDPOINT', mentions: /AZURE_STORAGE_CONNECTION_STRING must be set when STATE_STORE is blob/ },
    { when: 'the table endpoint is plain http (no token may travel over it)', env: { FEEDBACK_STORE: 'table', AZURE_STORAGE_TABLE_ENDPOINT: 'http://127.0.0.1:10002/devstoreaccount1' }, variable: 'AZURE_STORAGE_TABLE_ENDPOINT', mentions: /https URL/ },
    { when: 'the blob endpoint is not a URL', env: { STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: 'entraassist0abc.blob.core.windows.net' }, variable: 'AZURE_STORAGE_BLOB_ENDPOINT' },
    { when: 'an endpoint and the connection string are both set', env: { FEEDBACK_STORE: 'table', AZURE_STORAGE_TABLE_ENDPOINT: TABLE, AZURE_STORAGE_CONNECTION_STRING: AZURITE }, variable: 'AZURE_STORAGE_TABLE_ENDPOINT', mentions: /both set/ },
    { when: 'AZURE_STORAGE_CLIENT_ID is not a GUID', env: { STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: BLOB, AZURE_STORAGE_CLIENT_ID: 'entra-assistant-identity' }, variable: 'AZURE_STORAGE_CLIENT_ID' },
    { when: 'AZURE_STORAGE_CREDENTIAL is unknown', env: { STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: BLOB, AZURE_STORAGE_CREDENTIAL: 'account-key' }, variable: 'AZURE_STORAGE_CREDENTIAL' },
    { when: 'a table endpoint is set but FEEDBACK_STORE is left at sqlite (records would silently stay in SQLite)', env: { AZURE_STORAGE_TABLE_ENDPOINT: TABLE }, variable: 'AZURE_STORAGE_TABLE_ENDPOINT', mentions: /FEEDBACK_STORE=table/ },
    { when: 'a blob endpoint is set but STATE_STORE is left at memory (state would silently stay in memory)', env: { AZURE_STORAGE_BLOB_ENDPOINT: BLOB }, variable: 'AZURE_STORAGE_BLOB_ENDPOINT', mentions: /STATE_STORE=blob/ },
    { when: 'AZURE_STORAGE_CLIENT_ID is set but every store uses the connection string', env: { FEEDBACK_STORE: 'table', AZURE_STORAGE_CONNECTION_STRING: AZURITE, AZURE_STORAGE_CLIENT_ID: USER_ASSIGNED }, variable: 'AZURE_STORAGE_CLIENT_ID' },
  ];
  for (const { when, env, variable, mentions } of badValues) {
    it(`When ${when}, then start-up stops with one line naming ${variable}`, () => {
      const err = configErrorFor(env);
      assert.equal(err.variable, variable);
      assert.ok(err.message.startsWith(`Configuration error: ${variable} `), err.message);
      if (mentions) assert.match(err.message, mentions);
      assert.ok(!/[\r\n]/.test(err.message), `one line: ${JSON.stringify(err.message)}`);
      assert.ok(!err.message.includes('AccountKey'), 'the connection string is never repeated');
    });
  }

  it('When an endpoint carries a SAS token, then it is refused without repeating the token', () => {
    const err = configErrorFor({ FEEDBACK_STORE: 'table', AZURE_STORAGE_TABLE_ENDPOINT: `${TABLE}/?sv=2022-11-02&sig=c2VjcmV0` });
    assert.equal(err.variable, 'AZURE_STORAGE_TABLE_ENDPOINT');
    assert.ok(!err.message.includes('c2VjcmV0'), err.message);
  });

  it('When the help-desk settings are unset, valid or wrong, then the reader and the alert poll are read or the bad one is named', () => {
    assert.deepEqual(loadConfig({}).channels, { reader: undefined, alertPollSeconds: 300 });
    assert.deepEqual(loadConfig({ HELPDESK_READER: 'helpdesk@contoso.com', ALERTS_POLL_SECONDS: '60' }).channels, { reader: 'helpdesk@contoso.com', alertPollSeconds: 60 });
    assert.equal(loadConfig({ HELPDESK_READER: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c02' }).channels.reader, '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c02');
    assert.equal(configErrorFor({ HELPDESK_READER: 'Harper Helpdesk' }).variable, 'HELPDESK_READER');
    assert.equal(configErrorFor({ ALERTS_POLL_SECONDS: '0' }).variable, 'ALERTS_POLL_SECONDS');
    assert.equal(configErrorFor({ ALERTS_POLL_SECONDS: 'often' }).variable, 'ALERTS_POLL_SECONDS');
  });
});

describe('The optional language model (issue #17)', () => {
  const AZURE = { AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini' };

  it('When no model variable is set, then no model is configured (and none of its code loads)', () => {
    assert.equal(loadConfig({}).model, undefined);
  });

  it('When the endpoint and deployment are set, then the managed identity signs in, with the current API version and the default limits', () => {
    assert.deepEqual(loadConfig(AZURE).model, {
      endpoint: { kind: 'azure', endpoint: 'https://contoso-ai.openai.azure.com', deployment: 'gpt-4o-mini', apiVersion: DEFAULT_AZURE_OPENAI_API_VERSION, auth: { kind: 'identity', identity: { credential: 'managed-identity', clientId: undefined } } },
      timeoutMs: 8000,
      maxRetries: 2,
      tokensPerUserPerHour: 100_000,
      tokensPerTenantPerHour: 1_000_000,
      summaries: false,
    });
  });

  it('When a key, an API version, limits and summaries are set, then each is read', () => {
    const model = loadConfig({ ...AZURE, AZURE_OPENAI_API_KEY: 'model-key', AZURE_OPENAI_API_VERSION: '2025-04-01-preview', MODEL_TIMEOUT_SECONDS: '5', MODEL_MAX_RETRIES: '0', MODEL_TOKENS_PER_USER_PER_HOUR: '2000', MODEL_TOKENS_PER_TENANT_PER_HOUR: '9000', MODEL_SUMMARIES: 'on' }).model;
    assert.deepEqual(model?.endpoint, { kind: 'azure', endpoint: 'https://contoso-ai.openai.azure.com', deployment: 'gpt-4o-mini', apiVersion: '2025-04-01-preview', auth: { kind: 'key', apiKey: 'model-key' } });
    assert.deepEqual([model?.timeoutMs, model?.maxRetries, model?.tokensPerUserPerHour, model?.tokensPerTenantPerHour, model?.summaries], [5000, 0, 2000, 9000, true]);
  });

  it('When OPENAI_COMPATIBLE_URL is set, then any OpenAI-compatible server is used with the model named', () => {
    assert.deepEqual(loadConfig({ OPENAI_COMPATIBLE_URL: 'http://127.0.0.1:8080/v1', OPENAI_COMPATIBLE_MODEL: 'qwen2.5' }).model?.endpoint, { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5', apiKey: undefined });
  });

  const badValues: Array<{ when: string; env: Record<string, string>; variable: string }> = [
    { when: 'the endpoint is set without a deployment', env: { AZURE_OPENAI_ENDPOINT: AZURE.AZURE_OPENAI_ENDPOINT }, variable: 'AZURE_OPENAI_DEPLOYMENT' },
    { when: 'the deployment is set without an endpoint', env: { AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini' }, variable: 'AZURE_OPENAI_ENDPOINT' },
    { when: 'the endpoint is plain http beyond this machine (a key or token would travel in clear)', env: { ...AZURE, AZURE_OPENAI_ENDPOINT: 'http://contoso-ai.openai.azure.com' }, variable: 'AZURE_OPENAI_ENDPOINT' },
    { when: 'the deployment name has a slash', env: { ...AZURE, AZURE_OPENAI_DEPLOYMENT: 'gpt/4o' }, variable: 'AZURE_OPENAI_DEPLOYMENT' },
    { when: 'the API version is not a date', env: { ...AZURE, AZURE_OPENAI_API_VERSION: 'latest' }, variable: 'AZURE_OPENAI_API_VERSION' },
    { when: 'a key and an identity are both set', env: { ...AZURE, AZURE_OPENAI_API_KEY: 'model-key', AZURE_OPENAI_CREDENTIAL: 'default' }, variable: 'AZURE_OPENAI_API_KEY' },
    { when: 'the model timeout is zero', env: { ...AZURE, MODEL_TIMEOUT_SECONDS: '0' }, variable: 'MODEL_TIMEOUT_SECONDS' },
    { when: 'the tenant budget is below the per-user one', env: { ...AZURE, MODEL_TOKENS_PER_USER_PER_HOUR: '50000', MODEL_TOKENS_PER_TENANT_PER_HOUR: '10000' }, variable: 'MODEL_TOKENS_PER_TENANT_PER_HOUR' },
    { when: 'MODEL_SUMMARIES is set with no model (it would be silently ignored)', env: { MODEL_SUMMARIES: 'on' }, variable: 'MODEL_SUMMARIES' },
    { when: 'AZURE_OPENAI_API_KEY is set with no endpoint', env: { AZURE_OPENAI_API_KEY: 'model-key' }, variable: 'AZURE_OPENAI_API_KEY' },
    { when: 'both an Azure deployment and an OpenAI-compatible server are set', env: { ...AZURE, OPENAI_COMPATIBLE_URL: 'http://127.0.0.1:8080/v1' }, variable: 'OPENAI_COMPATIBLE_URL' },
    { when: 'OPENAI_COMPATIBLE_MODEL is set without its URL', env: { OPENAI_COMPATIBLE_MODEL: 'qwen2.5' }, variable: 'OPENAI_COMPATIBLE_MODEL' },
  ];
  for (const { when, env, variable } of badValues) {
    it(`When ${when}, then start-up stops with one line naming ${variable}, never repeating the key`, () => {
      const err = configErrorFor(env);
      assert.equal(err.variable, variable);
      assert.ok(err.message.startsWith(`Configuration error: ${variable} `), err.message);
      assert.ok(!/[\r\n]/.test(err.message) && !err.message.includes('model-key'), err.message);
    });
  }
});
