import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import sinon from 'sinon';
import { CloudAdapterBase } from 'botbuilder';
import { ClaimsIdentity, type ConnectorClient, PasswordServiceClientCredentialFactory, type ServiceClientCredentials, TokenCredentials } from 'botframework-connector';
import { ConnectorFactoryImpl } from 'botframework-connector/lib/auth/connectorFactoryImpl';
import { Conversations } from 'botframework-connector/lib/connectorApi/operations/conversations';
import { authenticationOptions, checkReplyPath, createAdapter, LeanReplies, StrictBotFrameworkAuthentication } from '../../src/adapter';
import { loadConfig } from '../../src/config';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A loopback channel that records every request as received and answers as `answer` says. */
class Channel {
  readonly received: Received[] = [];
  answer: (call: number, res: http.ServerResponse) => void = (_call, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"id":"1:reply-id"}');
  };
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      this.answer(this.received.length, res);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/teams/`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

class FixedToken extends PasswordServiceClientCredentialFactory {
  override createCredentials(): Promise<ServiceClientCredentials> {
    return Promise.resolve(new TokenCredentials('channel-token-1'));
  }
}

/** A client as botbuilder's CloudAdapter builds it for a service URL (its factory, its credentials, its options). */
function connectorClient(serviceUrl: string): Promise<ConnectorClient> {
  return new ConnectorFactoryImpl('app-id', 'https://api.botframework.com', 'https://login.example', true, new FixedToken('app-id', 'secret', '')).create(serviceUrl, undefined);
}

/** A reply as botbuilder hands it to the connector: every kind of field the Activity mapper serialises, and some it drops. */
function replyActivity(): Record<string, unknown> {
  return {
    type: 'message',
    serviceUrl: 'https://smba.example/teams/',
    channelId: 'msteams',
    timestamp: new Date('2026-11-20T12:00:00.123Z'),
    from: { id: '28:bot', name: 'Entra Assistant' },
    conversation: { id: 'a:1/b;c d', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '29:user', name: 'Avery Admin', aadObjectId: 'aad-1' },
    replyToId: '1700000000000',
    locale: 'en-US',
    text: 'Sign-in diagnosis: Megan Bowen · failing — 53000 🔒',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x', wrap: true, empty: null }], when: new Date(5) } }],
    entities: [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', additionalType: ['AIGeneratedContent'] }],
    channelData: { feedbackLoopEnabled: true },
    inputHint: 'acceptingInput',
    notAnActivityField: 'dropped by the mapper',
    undefinedField: undefined,
  };
}

describe('LeanReplies: the bot posts replies without the connector pipeline (src/adapter.ts)', () => {
  let channel: Channel;
  let serviceUrl: string;

  before(() => {
    // What createAdapter does at start-up: Teams' AI label survives the Entity mapper.
    createAdapter({ bot: loadConfig({}).bot, logger: pino({ level: 'silent' }) });
  });
  beforeEach(async () => {
    channel = new Channel();
    serviceUrl = await channel.start();
  });
  afterEach(async () => {
    sinon.restore();
    await channel.stop();
  });

  for (const operation of ['replyToActivity', 'sendToConversation'] as const) {
    it(`When a reply goes out with ${operation}, then the channel receives the same URL, body bytes, content type, authorization and conversation header as from botframework-connector's own client`, async () => {
      const library = await connectorClient(serviceUrl);
      const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
      const send = (client: ConnectorClient) =>
        operation === 'replyToActivity'
          ? client.conversations.replyToActivity('a:1/b;c d', '1700000000000', replyActivity())
          : client.conversations.sendToConversation('a:1/b;c d', replyActivity());
      const fromLibrary = await send(library);
      const fromLean = await send(lean);

      assert.equal(channel.received.length, 2);
      const [expected, actual] = channel.received;
      assert.equal(actual.method, 'POST');
      assert.equal(actual.url, expected.url);
      assert.equal(actual.body, expected.body, 'the body is byte for byte the library serializer\'s');
      for (const header of ['content-type', 'authorization', 'x-ms-conversation-id', 'accept']) {
        assert.equal(actual.headers[header], expected.headers[header], header);
      }
      assert.equal(actual.headers['x-ms-conversation-id'], operation === 'replyToActivity' ? 'a:1/b;c d' : undefined);
      assert.equal(actual.headers.authorization, 'Bearer channel-token-1');
      assert.match(String(actual.headers['x-ms-client-request-id']), /^[0-9a-f-]{36}$/);
      // The user agent botbuilder gives its clients, as the library starts its own with it.
      assert.match(String(actual.headers['user-agent']), /^botframework-connector\/4\.0\.0 Microsoft-BotFramework\/3\.1 botframework-connector\/[\d.]+ Node\/v\d+/);
      assert.ok(String(expected.headers['user-agent']).replace(/\s+/g, ' ').startsWith(String(actual.headers['user-agent']).replace(/ Node\/.*$/, '')));
      // The mapper's work shows in the body: dates as ISO strings, unknown fields dropped, the entity kept whole.
      const body = JSON.parse(actual.body) as Record<string, unknown>;
      assert.equal(body.timestamp, '2026-11-20T12:00:00.123Z');
      assert.equal(body.notAnActivityField, undefined);
      assert.deepEqual(body.entities, [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', additionalType: ['AIGeneratedContent'] }]);
      assert.deepEqual({ ...fromLean }, { ...fromLibrary });
      assert.deepEqual({ ...fromLean }, { id: '1:reply-id' });
    });
  }

  it('When the channel accepts a reply with 202 and no body, then the reply has no id, as from the library', async () => {
    channel.answer = (_call, res) => {
      res.writeHead(202);
      res.end();
    };
    const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
    const library = await connectorClient(serviceUrl);
    assert.deepEqual({ ...(await lean.conversations.sendToConversation('c1', { type: 'typing' })) }, { ...(await library.conversations.sendToConversation('c1', { type: 'typing' })) });
    assert.deepEqual({ ...(await lean.conversations.sendToConversation('c1', { type: 'typing' })) }, {});
  });

  it('When the channel refuses a reply (403), then it is sent again through the library and the caller gets its RestError with the status', async () => {
    channel.answer = (_call, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}');
    };
    const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
    await assert.rejects(lean.conversations.replyToActivity('c1', 'a1', replyActivity()), (err: { statusCode?: number; name?: string }) => {
      assert.equal(err.statusCode, 403);
      assert.equal(err.name, 'RestError');
      return true;
    });
    assert.equal(channel.received.length, 2, 'one lean attempt, then the library\'s');
    assert.equal(channel.received[1].body, channel.received[0].body);
  });

  it('When the channel answers 503 and then accepts, then the library\'s attempt delivers the reply and its id comes back', async () => {
    channel.answer = (call, res) => {
      if (call === 1) {
        res.writeHead(503);
        res.end();
        return;
      }
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"id":"after-retry"}');
    };
    const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
    assert.deepEqual({ ...(await lean.conversations.replyToActivity('c1', 'a1', replyActivity())) }, { id: 'after-retry' });
    assert.equal(channel.received.length, 2);
  });

  it('When the connection drops before an answer, then the reply is sent again through the library', async () => {
    channel.answer = (call, res) => {
      if (call === 1) {
        res.socket?.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"second"}');
    };
    const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
    assert.deepEqual({ ...(await lean.conversations.sendToConversation('c1', replyActivity())) }, { id: 'second' });
    assert.equal(channel.received.length, 2);
  });

  it('When the credentials cannot sign, then nothing is sent by the lean path and the caller gets the library\'s own failure', async () => {
    class Unsigned extends PasswordServiceClientCredentialFactory {
      override createCredentials(): Promise<ServiceClientCredentials> {
        return Promise.resolve({ signRequest: () => Promise.reject(new Error('token endpoint unreachable')) } as unknown as ServiceClientCredentials);
      }
    }
    const client = await new ConnectorFactoryImpl('app-id', 'https://api.botframework.com', 'https://login.example', true, new Unsigned('app-id', 'secret', '')).create(serviceUrl, undefined);
    const library = sinon.spy(Conversations.prototype, 'sendToConversation');
    const lean = new LeanReplies().attach(client);
    await assert.rejects(lean.conversations.sendToConversation('c1', replyActivity()), /token endpoint unreachable/);
    assert.equal(library.callCount, 1, 'the library was asked');
    assert.equal(channel.received.length, 0);
  });

  it('When a proxy is configured (HTTPS_PROXY, ALL_PROXY or HTTP_PROXY, either case), then the reply clients keep the library\'s methods, which go through it; otherwise they get the lean ones', async () => {
    assert.equal(loadConfig({ HTTPS_PROXY: 'http://proxy.example:8080' }).bot.replyProxy, 'http://proxy.example:8080');
    assert.equal(loadConfig({ http_proxy: 'http://proxy.example:3128' }).bot.replyProxy, 'http://proxy.example:3128');
    assert.equal(loadConfig({ ALL_PROXY: 'http://all.example' }).bot.replyProxy, 'http://all.example');
    assert.equal(loadConfig({}).bot.replyProxy, undefined);
    const bot = loadConfig({}).bot;
    const identity = new ClaimsIdentity([{ type: 'aud', value: 'app-id' }], true);
    const clientOf = (lean: boolean) =>
      new StrictBotFrameworkAuthentication(authenticationOptions(bot), new FixedToken('app-id', 'secret', ''), Date.now, lean).createConnectorFactory(identity).create(serviceUrl);
    const library = await clientOf(false);
    // LeanReplies gives a client's operations own methods; the library's are its prototype's.
    assert.ok(!Object.hasOwn(library.conversations, 'replyToActivity') && !Object.hasOwn(library.conversations, 'sendToConversation'));
    const lean = await clientOf(true);
    assert.ok(Object.hasOwn(lean.conversations, 'replyToActivity') && Object.hasOwn(lean.conversations, 'sendToConversation'));
    await lean.conversations.sendToConversation('c1', replyActivity());
    await library.conversations.sendToConversation('c1', replyActivity());
    assert.doesNotMatch(String(channel.received[0].headers['user-agent']), /core-rest-pipeline/, 'the lean POST');
    assert.match(String(channel.received[1].headers['user-agent']), /core-rest-pipeline/, 'the library\'s pipeline');
  });

  it('When a caller passes options, then the library sends it, once', async () => {
    const lean = new LeanReplies().attach(await connectorClient(serviceUrl));
    const result = await lean.conversations.replyToActivity('c1', 'a1', replyActivity(), { customHeaders: { 'x-extra': 'yes' } } as never);
    assert.deepEqual({ ...result }, { id: '1:reply-id' });
    assert.equal(channel.received.length, 1);
    assert.equal(channel.received[0].headers['x-extra'], 'yes', 'only the library sends custom headers');
  });

  it('When botbuilder no longer sends replies with replyToActivity and sendToConversation, then start-up stops and names the change', () => {
    checkReplyPath();
    sinon.replace(CloudAdapterBase.prototype, 'sendActivities', function sendActivities() {
      return Promise.resolve([]);
    });
    assert.throws(() => checkReplyPath(), /botbuilder's reply path changed .*replyToActivity.*src\/adapter\.ts/);
  });
});
