import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { DEMO_ADMIN, type LocalEntra } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { startMini } from '@entra-assistant/local-entra/testing';
import { localGraphConfig } from '../src/cli/localGraphConfig';
import { createGraphClient } from '../src/graph/client';
import { loggableGraphUrl } from '../src/graph/requestLog';
import { truncateForLog } from '../src/logger';
import { DemoStack } from './support/demoStack';
import { TeamsChat } from './support/teamsChat';
import { captureLogs, type CapturedLogs } from './support/logCapture';
import { ConnectorStub } from './support/connectorStub';
import { teamsMessage } from './support/activities';
import { postActivity } from './support/assistant';
import { fixedIntentRecognizer, startBotWithSkills } from './support/botWithSkills';

/** Values that must never appear in a log line; each is unique so a leak names its source. */
const SECRETS = {
  topAuthorization: 'Bearer eyJ0b3AtYXV0aG9yaXphdGlvbiJ9',
  topClientSecret: 'client-secret-top-Zx81',
  topPassword: 'password-top-Qw42',
  topToken: 'token-top-Lk93',
  nestedAuthorization: 'Bearer eyJuZXN0ZWQtYXV0aG9yaXphdGlvbiJ9',
  nestedClientSecret: 'client-secret-nested-Mn55',
  nestedPassword: 'password-nested-Bv66',
  nestedAccessToken: 'access-token-nested-Cx77',
  nestedAppPassword: 'app-password-nested-Df88',
  requestHeader: 'Bearer eyJyZXEtaGVhZGVyIn0',
  capitalisedHeader: 'Bearer eyJjYXBpdGFsaXNlZCJ9',
  errorRequestHeader: 'Bearer eyJlcnJvci1yZXF1ZXN0In0',
};

describe('Logging', () => {
  it('When an object with tokens and secrets is logged, then none of their values reach the output', () => {
    const logs = captureLogs();
    logs.logger.info(
      {
        authorization: SECRETS.topAuthorization,
        clientSecret: SECRETS.topClientSecret,
        password: SECRETS.topPassword,
        token: SECRETS.topToken,
        graph: {
          authorization: SECRETS.nestedAuthorization,
          clientSecret: SECRETS.nestedClientSecret,
          password: SECRETS.nestedPassword,
          accessToken: SECRETS.nestedAccessToken,
          appPassword: SECRETS.nestedAppPassword,
          baseUrl: 'https://graph.microsoft.com',
        },
        req: { method: 'POST', headers: { authorization: SECRETS.requestHeader, 'content-type': 'application/json' } },
        // HTTP clients (and botbuilder's own requests) spell the header with a capital A.
        headers: { Authorization: SECRETS.capitalisedHeader },
        request: { url: 'https://graph.microsoft.com/v1.0/me', headers: { Authorization: SECRETS.errorRequestHeader } },
      },
      'calling Graph',
    );
    const raw = logs.raw();
    for (const [where, value] of Object.entries(SECRETS)) {
      assert.ok(!raw.includes(value), `${where} leaked into the log: ${raw}`);
    }
    const [entry] = logs.entries();
    assert.equal(entry.authorization, '[redacted]');
    assert.equal((entry.graph as Record<string, unknown>).clientSecret, '[redacted]');
    assert.equal((entry.graph as Record<string, unknown>).baseUrl, 'https://graph.microsoft.com', 'other values are kept');
    assert.equal((entry.req as { headers: Record<string, unknown> }).headers['content-type'], 'application/json');
    assert.equal(entry.msg, 'calling Graph');
  });

  it('When a child logger carries a secret in its bindings, then it is redacted too', () => {
    const logs = captureLogs();
    logs.logger.child({ clientSecret: SECRETS.topClientSecret }).info('child');
    assert.ok(!logs.raw().includes(SECRETS.topClientSecret), logs.raw());
  });

  it("When a grandchild logger's bindings or an error carry secrets, then they are redacted, the error is still logged as one, and nothing logged is changed", () => {
    const logs = captureLogs();
    const err = Object.assign(new Error('Graph refused'), { statusCode: 401, headers: { Authorization: SECRETS.errorRequestHeader }, token: SECRETS.topToken });
    const line = { err, graph: { password: SECRETS.nestedPassword } };
    logs.logger.child({ turn: 1 }).child({ graph: { accessToken: SECRETS.nestedAccessToken } }).error(line, 'failed');
    for (const [where, value] of Object.entries(SECRETS)) assert.ok(!logs.raw().includes(value), `${where} leaked: ${logs.raw()}`);
    const [entry] = logs.entries();
    const logged = entry.err as { message?: string; stack?: string; statusCode?: number; token?: string };
    assert.equal(logged.message, 'Graph refused');
    assert.match(String(logged.stack), /Error: Graph refused/);
    assert.equal(logged.statusCode, 401);
    assert.equal(logged.token, '[redacted]');
    assert.equal(err.token, SECRETS.topToken, "the caller's error keeps its values");
    assert.equal(line.graph.password, SECRETS.nestedPassword, "the caller's object keeps its values");
  });

  it('When message text is longer than 120 characters, then truncateForLog keeps the first 120 and says how long it was', () => {
    const text = 'Why can’t Megan sign in? '.repeat(20);
    const logged = truncateForLog(text) as string;
    assert.ok(logged.startsWith(text.slice(0, 120)));
    assert.ok(!logged.includes(text.slice(0, 121)), 'nothing past 120 characters');
    assert.match(logged, new RegExp(`\\(${text.length} chars\\)$`));
    assert.equal(truncateForLog('who is Megan?'), 'who is Megan?');
    assert.equal(truncateForLog('x'.repeat(120)), 'x'.repeat(120));
    assert.equal(truncateForLog(undefined), undefined);
  });

  it('When the bot logs a long question at debug level, then the line holds the truncated text, not the transcript', async () => {
    const connector = await new ConnectorStub().start();
    const logs = captureLogs('debug');
    const server = await startBotWithSkills({ skills: [], recognizer: fixedIntentRecognizer('outOfScope'), logger: logs.logger });
    try {
      const question = `Please check ${'the sign-in of Megan Bowen '.repeat(30)}and tell me the end-of-text-marker`;
      await postActivity(server.url, teamsMessage({ text: question, serviceUrl: connector.url }));
      await connector.waitFor((c) => c.body.type === 'message');
      const logged = logs.entries().find((e) => e.msg === 'question text');
      assert.ok(logged, 'the question was logged');
      assert.equal(logged.level, 20, 'at debug level');
      assert.equal(logged.text, truncateForLog(question));
      assert.ok(!logs.raw().includes('end-of-text-marker'), 'the full question is in no log line');
    } finally {
      await server.stop();
      await connector.stop();
    }
  });

  it('When the bot logs a question at info level, then the line says how long it was and holds none of its words', async () => {
    const connector = await new ConnectorStub().start();
    const logs = captureLogs('info');
    const server = await startBotWithSkills({ skills: [], recognizer: fixedIntentRecognizer('outOfScope'), logger: logs.logger });
    try {
      const question = 'Why can Megan Bowen not sign in?';
      await postActivity(server.url, teamsMessage({ text: question, serviceUrl: connector.url }));
      await connector.waitFor((c) => c.body.type === 'message');
      const logged = logs.entries().find((e) => e.msg === 'question');
      assert.ok(logged, 'the question was logged');
      assert.equal(logged.length, question.length);
      assert.doesNotMatch(logs.raw(), /Megan|Bowen/);
    } finally {
      await server.stop();
      await connector.stop();
    }
  });
});

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('Logging: Graph request lines', () => {
  it('When Graph URLs are logged, then only GUIDs and Graph names stay in the path and only option names of the query', () => {
    assert.deepEqual(loggableGraphUrl("https://graph.microsoft.com/v1.0/users/megan@contoso.com?$select=id,displayName&$filter=displayName eq 'Megan Bowen'"), {
      path: '/v1.0/users/{value}',
      query: ['$select', '$filter'],
    });
    assert.deepEqual(loggableGraphUrl('https://graph.microsoft.com/beta/groups/0B8E2A9C-4D6F-4E21-8C1B-5A3F9E7D2C01/transitiveMembers/microsoft.graph.user/$count'), {
      path: '/beta/groups/0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01/transitiveMembers/microsoft.graph.user/$count',
      query: [],
    });
    assert.deepEqual(loggableGraphUrl('/v1.0/$batch'), { path: '/v1.0/$batch', query: [] });
    assert.deepEqual(loggableGraphUrl("https://graph.microsoft.com/v1.0/users/Megan%20Bowen/memberOf?$search=%22displayName:Megan%22"), {
      path: '/v1.0/users/{value}/memberOf',
      query: ['$search'],
    });
  });

  it('When a URL is logged again, after hundreds of others, then its log form is the same and cannot be changed by a caller', () => {
    const url = "https://graph.microsoft.com/v1.0/users/megan@contoso.com?$select=id&$filter=mail eq 'x'&$select=mail";
    const first = loggableGraphUrl(url);
    assert.deepEqual(first, { path: '/v1.0/users/{value}', query: ['$select', '$filter'] });
    assert.equal(loggableGraphUrl(url), first, 'remembered');
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.query));
    // More URLs than are remembered: the first is parsed again, to the same form.
    for (let i = 0; i < 300; i++) assert.deepEqual(loggableGraphUrl(`https://graph.microsoft.com/v1.0/users/user${i}@contoso.com?$top=${i}`), { path: '/v1.0/users/{value}', query: ['$top'] });
    const again = loggableGraphUrl(url);
    assert.notEqual(again, first, 'forgotten after 256 others');
    assert.deepEqual(again, first);
  });

  describe('against the local Entra', () => {
    let entra: LocalEntra | undefined;
    afterEach(async () => {
      await entra?.stop();
      entra = undefined;
    });

    it('When the bot reads a user by UPN and filters users by name, then each request is one info line with its ids, shape, status and time, and no name or UPN', async () => {
      entra = await startMini();
      const logs = captureLogs('info');
      const graph = createGraphClient(localGraphConfig(entra).config, undefined, logs.logger);
      const user = (await graph.api(`/users/${DEMO_ADMIN.userPrincipalName}`).select('id,displayName').get()) as { id: string };
      const named = (await graph.api('/users').filter(`displayName eq '${DEMO_ADMIN.displayName}'`).select('id').get()) as { value: Array<{ id: string }> };
      assert.equal(user.id, DEMO_ADMIN.id);
      assert.deepEqual(named.value.map((u) => u.id), [DEMO_ADMIN.id], 'the filter was sent and answered');

      const lines = logs.entries().filter((e) => e.msg === 'graph request');
      assert.equal(lines.length, 2, logs.raw());
      const [byUpn, byName] = lines;
      assert.equal(byUpn.level, 30, 'info');
      assert.equal(byUpn.method, 'GET');
      assert.equal(byUpn.path, '/v1.0/users/{value}');
      assert.deepEqual(byUpn.query, ['$select']);
      assert.equal(byName.path, '/v1.0/users');
      assert.deepEqual(byName.query, ['$filter', '$select']);
      for (const line of lines) {
        assert.equal(line.status, 200);
        assert.equal(typeof line.ms, 'number');
        assert.ok((line.ms as number) >= 0);
        assert.match(String(line.requestId), GUID, "Graph's request-id");
        assert.match(String(line.clientRequestId), GUID, 'the client-request-id the bot sent');
        assert.equal(line.attempt, 1);
        assert.equal(line.throttled, false);
        assert.equal(line.retryAfterSeconds, undefined);
      }
      assert.notEqual(byUpn.clientRequestId, byName.clientRequestId, 'one id per request');
      assert.doesNotMatch(logs.raw(), /@contoso\.com|Avery|Admin'/i);
    });

    it('When Graph throttles every attempt, then each attempt is a line marked throttled, numbered, with Retry-After, under one client-request-id', async () => {
      entra = await startMini({ faults: [{ kind: '429', pathPattern: '^/v1\\.0/users', retryAfterSeconds: 0 }] });
      const logs = captureLogs('info');
      const graph = createGraphClient(localGraphConfig(entra).config, undefined, logs.logger);
      await assert.rejects(graph.api(`/users/${DEMO_ADMIN.id}`).get(), (err: { statusCode?: number }) => err.statusCode === 429);

      const lines = logs.entries().filter((e) => e.msg === 'graph request');
      assert.deepEqual(lines.map((l) => l.attempt), [1, 2, 3, 4], 'the first attempt and three retries');
      for (const line of lines) {
        assert.equal(line.status, 429);
        assert.equal(line.throttled, true);
        assert.equal(line.retryAfterSeconds, 0);
        assert.equal(line.path, `/v1.0/users/${DEMO_ADMIN.id}`, 'object ids stay');
      }
      assert.equal(new Set(lines.map((l) => l.clientRequestId)).size, 1, 'the retries keep the request id the bot chose');
      assert.equal(new Set(lines.map((l) => l.requestId)).size, 4, "each attempt has Graph's own request-id");
    });
  });
});

describe('Logging: answered turns and mitigations', () => {
  let stack: DemoStack;
  let logs: CapturedLogs;
  let tenantDir: string;
  before(async () => {
    logs = captureLogs('info');
    tenantDir = await ensureDemoTenant();
    stack = await new DemoStack(tenantDir, {}, {}, logs.logger).start();
  });
  after(async () => {
    await stack?.stop();
  });

  it("When the bot answers \"Why can't Megan Bowen sign in to Outlook?\", then one answered line gives intent, skill, outcome, time and round trips, the turn's Graph lines match that count, and no line at info holds the question, a name or a UPN", async () => {
    const question = "Why can't Megan Bowen sign in to Outlook on her new phone?";
    const answer = await stack.ask(question, DEMO_ADMIN.userPrincipalName);
    assert.ok(answer.cards.length > 0, 'the troubleshooting card came');

    const answered = logs.entries().filter((e) => e.msg === 'answered');
    assert.equal(answered.length, 1);
    const [turn] = answered;
    assert.equal(turn.level, 30, 'info');
    assert.equal(turn.intent, answer.intent);
    assert.equal(typeof turn.skill, 'string');
    assert.equal(turn.outcome, 'card');
    assert.equal(typeof turn.template, 'string');
    assert.match(String(turn.answerId), GUID);
    assert.equal(typeof turn.ms, 'number');
    assert.equal(turn.graphThrottled, 0);
    const turnRequests = logs.entries().filter((e) => e.msg === 'graph request' && e.activityId === turn.activityId);
    assert.ok(turnRequests.length > 0, 'the turn read Graph');
    assert.equal(turn.graphRequests, turnRequests.length, 'one line per Graph round trip of the turn');
    assert.equal(turn.graphRequests, answer.graphRequests.length, 'the same count as the answer diagnostics');
    for (const line of turnRequests) {
      assert.equal(line.conversationId, turn.conversationId, "a request line carries its turn's bindings");
      assert.match(String(line.requestId), GUID);
    }

    const raw = logs.raw();
    assert.ok(!raw.includes(question), 'the question');
    assert.doesNotMatch(raw, /Megan|Bowen|Outlook|Avery/, 'names');
    assert.doesNotMatch(raw, /[A-Za-z0-9._%+-]+@contoso\.com/i, 'UPNs');
  });

  it("When an admin revokes Bob's sessions through the confirmation card, then the proposed and done lines name the action, the target's kind and id and the people by object id, and no name or UPN", async () => {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, tenantDir);
    const asked = await chat.say("revoke Bob's sessions", DEMO_ADMIN.userPrincipalName);
    assert.ok(asked.cards[0], asked.text);
    const done = await chat.execute(asked.cards[0], 'Revoke sessions', DEMO_ADMIN.userPrincipalName);
    assert.equal(done.status, 200);

    const proposed = logs.entries().find((e) => e.msg === 'mitigation proposed');
    const finished = logs.entries().find((e) => e.msg === 'mitigation done');
    assert.ok(proposed && finished, logs.raw());
    for (const line of [proposed, finished]) {
      assert.equal(line.level, 30, 'info');
      assert.equal(line.action, 'revokeSessions');
      const target = line.target as { kind: string; id: string };
      assert.equal(target.kind, 'user');
      assert.match(target.id, GUID);
      assert.deepEqual(Object.keys(target).sort(), ['id', 'kind'], 'no display name or UPN beside the id');
      assert.equal(line.proposedBy, DEMO_ADMIN.id);
    }
    assert.equal(finished.confirmedBy, DEMO_ADMIN.id);
    assert.deepEqual(finished.outcome, { ok: true, graphStatus: 200 }, "Graph's revokeSignInSessions answers 200");
    assert.doesNotMatch(logs.raw(), /Bob|Kelly|Avery/, 'names');
    assert.doesNotMatch(logs.raw(), /[A-Za-z0-9._%+-]+@contoso\.com/i, 'UPNs');
  });
});

describe('Logging: standard output', () => {
  /** A child process that logs `lines` lines through createLogger's standard output, then runs `end`. */
  function childScript(lines: number, end: string): string {
    const loggerModule = require.resolve('../src/logger');
    return `
      const { createLogger } = require(${JSON.stringify(loggerModule)});
      const logger = createLogger({ log: { level: 'info', format: 'json' } }).child({ conversationId: 'a:child' });
      for (let i = 0; i < ${lines}; i++) logger.info({ line: i }, 'logged');
      ${end}`;
  }

  const linesOf = (stdout: string) =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { line: number }).line);
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

  for (const [how, end] of [
    ['process.exit()', 'process.exit(0);'],
    ['an uncaught exception', "setImmediate(() => { throw new Error('boom'); });"],
    ['the end of its work', ''],
  ]) {
    it(`When the process ends by ${how} right after logging, then every line buffered for standard output is there, in order`, () => {
      // 3 lines stay below one 4 KiB write; 200 lines are several writes and a remainder. A write still in flight at
      // the end is what loses lines (pino's asynchronous default lost or reordered some in 7 of 30 runs of 200 lines
      // ended by an exception), so the longer case runs several times.
      for (const lines of [3, 200, 200, 200, 200, 200, 200, 200, 200]) {
        const child = spawnSync(process.execPath, ['-e', childScript(lines, end)], { encoding: 'utf8' });
        assert.deepEqual(linesOf(child.stdout), upTo(lines), `${how}, ${lines} lines: ${child.stderr}`);
      }
    });
  }

  it('When a few lines are logged and the process goes on, then they reach standard output within a second, before it ends', async () => {
    const child = spawn(process.execPath, ['-e', childScript(3, 'setTimeout(() => undefined, 10_000);')], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let stdout = '';
      const seen = await new Promise<number[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no lines within 1 s: ${JSON.stringify(stdout)}`)), 1000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (linesOf(stdout).length === 3) {
            clearTimeout(timer);
            resolve(linesOf(stdout));
          }
        });
      });
      assert.deepEqual(seen, upTo(3));
      assert.equal(child.exitCode, null, 'the process was still running');
    } finally {
      child.kill();
    }
  });
});
