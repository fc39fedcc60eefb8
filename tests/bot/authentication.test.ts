import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { ConnectorStub } from '../support/connectorStub';
import { teamsMessage } from '../support/activities';
import { postActivity, startTestAssistant } from '../support/assistant';
import { BotFrameworkIssuer, newRsaKey, type ChannelTokenOptions } from '../../bench/botFrameworkIssuer';
import { FixedTokenCredentialsFactory } from '../../bench/fixedTokenCredentials';
import { EntraAssistantBot } from '../../src/bot/EntraAssistantBot';
import { loadConfig } from '../../src/config';
import { authenticationOptions, StrictBotFrameworkAuthentication } from '../../src/adapter';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Activity } from 'botbuilder';
import type { RunningAssistant } from '../../src/index';

const BOT_ID = '3f6c1d9e-2a4b-4c8d-9e1f-7a5b3c2d1e0f';
const BOT_PASSWORD = 'bot-app-secret-for-tests';
const BOT_TENANT_ID = '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11';
const REPLY_TOKEN = 'connector-stub-token-7d2f';

describe('Bot Framework authentication with BOT_ID set (tokens from a loopback issuer)', () => {
  let issuer: BotFrameworkIssuer;
  let connector: ConnectorStub;
  let credentials: FixedTokenCredentialsFactory;
  let assistant: RunningAssistant;
  let turns: sinon.SinonSpy;

  before(async () => {
    issuer = await new BotFrameworkIssuer().start();
    connector = await new ConnectorStub().start();
    credentials = new FixedTokenCredentialsFactory(BOT_ID, BOT_PASSWORD, BOT_TENANT_ID, REPLY_TOKEN);
    assistant = await startTestAssistant(
      {
        BOT_ID,
        SECRET_BOT_PASSWORD: BOT_PASSWORD,
        BOT_TYPE: 'SingleTenant',
        BOT_TENANT_ID,
        BOT_CHANNEL_OPENID_METADATA_URL: issuer.metadataUrl,
        // A test never listens beyond loopback.
        HOST: '127.0.0.1',
      },
      { credentialsFactory: credentials },
    );
  });
  after(async () => {
    await assistant?.stop();
    await connector?.stop();
    await issuer?.stop();
  });
  beforeEach(() => {
    connector.calls.splice(0);
    turns = sinon.spy(EntraAssistantBot.prototype, 'run');
    // botbuilder prints every refused request with console.error; keep the test output readable.
    sinon.stub(console, 'error');
  });
  afterEach(() => sinon.restore());

  function tokenFor(activity: Record<string, unknown>, overrides: Partial<ChannelTokenOptions> = {}): string {
    return issuer.sign({ audience: BOT_ID, serviceUrl: String(activity.serviceUrl), ...overrides });
  }

  async function expectRefused(activity: Record<string, unknown>, authorization?: string): Promise<void> {
    const res = await postActivity(assistant.server.url, activity, authorization === undefined ? {} : { Authorization: authorization });
    assert.equal(res.status, 401, `expected 401, got ${res.status}: ${res.body}`);
    assert.equal(turns.callCount, 0, 'no turn may run for a refused request');
    assert.equal(connector.calls.length, 0, 'nothing may reach the connector for a refused request');
  }

  it('When the channel sends a valid token, then the turn runs and the card reply reaches the connector with the bot-to-channel token', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    const res = await postActivity(assistant.server.url, activity, { Authorization: `Bearer ${tokenFor(activity)}` });
    assert.equal(res.status, 200, res.body);
    const reply = await connector.waitFor((c) => c.body.type === 'message');
    const attachments = reply.body.attachments as Array<{ contentType: string; content: unknown }>;
    assert.equal(attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(attachments[0].content), /What I can help with/);
    assert.equal(reply.authorization, `Bearer ${REPLY_TOKEN}`);
    assert.ok(connector.calls.every((c) => c.authorization === `Bearer ${REPLY_TOKEN}`), 'every call to the connector is authorized');
    assert.equal(turns.callCount, 1);
    assert.ok(
      credentials.requests.some((r) => r.appId === BOT_ID && r.audience === 'https://api.botframework.com'),
      `credentials were asked for ${JSON.stringify(credentials.requests)}`,
    );
    assert.ok(issuer.requests.some((p) => p.endsWith('/keys')), 'the signing keys came from the loopback issuer');
  });

  it('When the Authorization header is missing, then the bot answers 401 and runs no turn', async () => {
    await expectRefused(teamsMessage({ text: 'help', serviceUrl: connector.url }));
  });

  it('When the token is for another bot (wrong audience), then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { audience: 'b7c2e1d4-0000-4000-8000-00000000beef' })}`);
  });

  it('When the token comes from another issuer, then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { issuer: 'https://issuer.example.com' })}`);
  });

  it('When the token expired beyond the 5-minute clock tolerance, then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { issuedAt: -7200, notBefore: -7200, expiresIn: -600 })}`);
  });

  it('When the token is signed with a key the issuer does not publish (unknown kid), then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { kid: 'unpublished-key', signWith: newRsaKey() })}`);
  });

  it('When the serviceurl claim names another service than the activity, then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { serviceUrl: 'https://smba.trafficmanager.net/amer/' })}`);
  });

  it('When the signature is forged (another key behind a published kid), then the bot answers 401, not 500, and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Bearer ${tokenFor(activity, { kid: issuer.keys[1].kid, signWith: newRsaKey() })}`);
  });

  it('When a genuine token for another bot is rewritten to name this bot, then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    const [header, payload, signature] = tokenFor(activity, { audience: 'b7c2e1d4-0000-4000-8000-00000000beef' }).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const rewritten = Buffer.from(JSON.stringify({ ...claims, aud: BOT_ID })).toString('base64url');
    await expectRefused(activity, `Bearer ${header}.${rewritten}.${signature}`);
  });

  it('When the token is not a JWT at all, then the bot answers 401, not 500, and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, 'Bearer this-is-not-a-jwt');
    await expectRefused(activity, `Bearer ${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30.`);
  });

  it('When the scheme is not Bearer, then the bot answers 401 and runs no turn', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    await expectRefused(activity, `Basic ${tokenFor(activity)}`);
  });

  it('When the channel sends the same token again, then its signature is checked once and every turn runs; with another service URL it is checked again and refused', async () => {
    const verify = sinon.spy(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest');
    const token = tokenFor(teamsMessage({ text: 'help', serviceUrl: connector.url }), { claims: { test: 'reused token' } });
    for (let i = 0; i < 3; i++) {
      const res = await postActivity(assistant.server.url, teamsMessage({ text: 'help', serviceUrl: connector.url }), { Authorization: `Bearer ${token}` });
      assert.equal(res.status, 200, res.body);
    }
    assert.equal(verify.callCount, 1, 'verified once');
    assert.equal(turns.callCount, 3, 'every request ran its turn');
    // The token's serviceurl claim names the connector: from anywhere else it is refused, remembered or not.
    const elsewhere = await postActivity(assistant.server.url, teamsMessage({ text: 'help', serviceUrl: 'https://smba.trafficmanager.net/amer/' }), { Authorization: `Bearer ${token}` });
    assert.equal(elsewhere.status, 401);
    assert.equal(verify.callCount, 2, 'another service URL is another check');
    assert.equal(turns.callCount, 3);
  });
});

describe('A verified channel token is trusted again for a bounded time', () => {
  let issuer: BotFrameworkIssuer;
  before(async () => {
    issuer = await new BotFrameworkIssuer().start();
  });
  after(async () => {
    await issuer?.stop();
  });
  afterEach(() => sinon.restore());

  it('When 5 minutes have passed, or the token expired, then it is verified again', async () => {
    const config = loadConfig({ BOT_ID, SECRET_BOT_PASSWORD: BOT_PASSWORD, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID, BOT_CHANNEL_OPENID_METADATA_URL: issuer.metadataUrl, HOST: '127.0.0.1' });
    let now = Date.now();
    const auth = new StrictBotFrameworkAuthentication(authenticationOptions(config.bot), new FixedTokenCredentialsFactory(BOT_ID, BOT_PASSWORD, BOT_TENANT_ID, REPLY_TOKEN), () => now);
    const verify = sinon.spy(ConfigurationBotFrameworkAuthentication.prototype, 'authenticateRequest');
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const activity = () => teamsMessage({ text: 'help', serviceUrl }) as unknown as Activity;
    const hourLong = `Bearer ${issuer.sign({ audience: BOT_ID, serviceUrl, claims: { test: 'hour' } })}`;
    await auth.authenticateRequest(activity(), hourLong);
    now += 4 * 60_000;
    await auth.authenticateRequest(activity(), hourLong);
    assert.equal(verify.callCount, 1, 'within 5 minutes: trusted');
    now += 2 * 60_000;
    const again = await auth.authenticateRequest(activity(), hourLong);
    assert.equal(verify.callCount, 2, 'after 5 minutes: verified again');
    assert.equal(again.claimsIdentity.getClaimValue('aud'), BOT_ID);

    const minuteLong = `Bearer ${issuer.sign({ audience: BOT_ID, serviceUrl, expiresIn: 60, claims: { test: 'minute' } })}`;
    await auth.authenticateRequest(activity(), minuteLong);
    now += 61_000;
    await auth.authenticateRequest(activity(), minuteLong);
    assert.equal(verify.callCount, 4, 'past its own expiry a token is verified again (botbuilder allows 5 minutes of clock skew)');
  });

  it('When turns come with different tokens, then they reply through one connector client per service URL and share one token service client', async () => {
    const config = loadConfig({ BOT_ID, SECRET_BOT_PASSWORD: BOT_PASSWORD, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID, BOT_CHANNEL_OPENID_METADATA_URL: issuer.metadataUrl, HOST: '127.0.0.1' });
    const credentials = new FixedTokenCredentialsFactory(BOT_ID, BOT_PASSWORD, BOT_TENANT_ID, REPLY_TOKEN);
    const auth = new StrictBotFrameworkAuthentication(authenticationOptions(config.bot), credentials);
    const clientFor = async (serviceUrl: string, test: string) => {
      const activity = teamsMessage({ text: 'help', serviceUrl }) as unknown as Activity;
      const result = await auth.authenticateRequest(activity, `Bearer ${issuer.sign({ audience: BOT_ID, serviceUrl, claims: { test } })}`);
      return {
        connector: await result.connectorFactory!.create(serviceUrl, result.audience),
        userToken: await auth.createUserTokenClient(result.claimsIdentity),
        proactive: await auth.createConnectorFactory(result.claimsIdentity).create(serviceUrl, result.audience),
      };
    };
    const emea = 'https://smba.trafficmanager.net/emea/';
    const first = await clientFor(emea, 'first');
    const second = await clientFor(emea, 'second');
    const amer = await clientFor('https://smba.trafficmanager.net/amer/', 'third');
    assert.equal(second.connector, first.connector, 'the same service URL: the same client');
    assert.equal(first.proactive, first.connector, 'proactive messages share it');
    assert.notEqual(amer.connector, first.connector, 'another service URL: its own client');
    assert.equal(amer.userToken, first.userToken, 'one token service client for the bot');
    const baseUri = (client: unknown) => (client as { baseUri?: string }).baseUri;
    assert.equal(baseUri(first.connector), emea);
    assert.equal(baseUri(amer.connector), 'https://smba.trafficmanager.net/amer/');
    assert.equal(credentials.requests.length, 3, `credentials built once per client: ${JSON.stringify(credentials.requests)}`);
  });

  it('When building a reply client fails, then the next turn builds it again', async () => {
    const config = loadConfig({ BOT_ID, SECRET_BOT_PASSWORD: BOT_PASSWORD, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID, BOT_CHANNEL_OPENID_METADATA_URL: issuer.metadataUrl, HOST: '127.0.0.1' });
    const credentials = new FixedTokenCredentialsFactory(BOT_ID, BOT_PASSWORD, BOT_TENANT_ID, REPLY_TOKEN);
    const auth = new StrictBotFrameworkAuthentication(authenticationOptions(config.bot), credentials);
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const activity = teamsMessage({ text: 'help', serviceUrl }) as unknown as Activity;
    const result = await auth.authenticateRequest(activity, `Bearer ${issuer.sign({ audience: BOT_ID, serviceUrl, claims: { test: 'failing' } })}`);
    sinon.stub(credentials, 'createCredentials').onFirstCall().rejects(new Error('login service unreachable')).callThrough();
    await assert.rejects(result.connectorFactory!.create(serviceUrl, result.audience), /login service unreachable/);
    const client = await result.connectorFactory!.create(serviceUrl, result.audience);
    assert.equal((client as unknown as { baseUri?: string }).baseUri, serviceUrl);
  });
});

describe('Bot Framework authentication settings', () => {
  it('When BOT_ID is set and no channel override is given, then the server binds all interfaces and uses the public Bot Framework', () => {
    const config = loadConfig({ BOT_ID, SECRET_BOT_PASSWORD: BOT_PASSWORD, BOT_TENANT_ID });
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.bot.appType, 'SingleTenant');
    assert.equal(config.bot.channel, undefined);
    const options = authenticationOptions(config.bot) as Record<string, unknown>;
    assert.equal(options.MicrosoftAppId, BOT_ID);
    assert.equal(options.MicrosoftAppTenantId, BOT_TENANT_ID);
    assert.equal(options.ToBotFromChannelOpenIdMetadataUrl, undefined, 'botbuilder keeps its own public-cloud endpoints');
  });

  it('When a channel override is given, then every endpoint key botbuilder needs is set together', () => {
    const config = loadConfig({
      BOT_ID,
      SECRET_BOT_PASSWORD: BOT_PASSWORD,
      BOT_TENANT_ID,
      BOT_CHANNEL_OPENID_METADATA_URL: 'http://127.0.0.1:9/meta/.well-known/openid-configuration',
    });
    const options = authenticationOptions(config.bot) as Record<string, unknown>;
    for (const key of [
      'ToBotFromChannelOpenIdMetadataUrl',
      'ToBotFromEmulatorOpenIdMetadataUrl',
      'ToBotFromChannelTokenIssuer',
      'ToChannelFromBotLoginUrl',
      'ToChannelFromBotOAuthScope',
      'OAuthUrl',
      'CallerId',
      'ValidateAuthority',
    ]) {
      assert.ok(typeof options[key] === 'string' && options[key] !== '', `${key} is set`);
    }
    assert.equal(options.ToBotFromChannelTokenIssuer, 'https://api.botframework.com');
  });
});
