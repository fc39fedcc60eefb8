import { strict as assert } from 'node:assert';
import { truncateForLog } from '../src/logger';
import { captureLogs } from './support/logCapture';
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

  it('When the bot logs a long question, then the log line holds the truncated text, not the transcript', async () => {
    const connector = await new ConnectorStub().start();
    const logs = captureLogs('info');
    const server = await startBotWithSkills({ skills: [], recognizer: fixedIntentRecognizer('outOfScope'), logger: logs.logger });
    try {
      const question = `Please check ${'the sign-in of Megan Bowen '.repeat(30)}and tell me the end-of-text-marker`;
      await postActivity(server.url, teamsMessage({ text: question, serviceUrl: connector.url }));
      await connector.waitFor((c) => c.body.type === 'message');
      const logged = logs.entries().find((e) => e.msg === 'question');
      assert.ok(logged, 'the question was logged');
      assert.equal(logged.text, truncateForLog(question));
      assert.ok(!logs.raw().includes('end-of-text-marker'), 'the full question is in no log line');
    } finally {
      await server.stop();
      await connector.stop();
    }
  });
});
