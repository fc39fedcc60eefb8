import { strict as assert } from 'node:assert';
import { ConnectorStub } from '../support/connectorStub';
import { teamsMessage } from '../support/activities';
import { postActivity } from '../support/assistant';
import { captureLogs, type CapturedLogs } from '../support/logCapture';
import { fixedIntentRecognizer, startBotWithSkills } from '../support/botWithSkills';
import type { WebServer } from '../../src/server';
import type { Skill } from '../../src/skills/types';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SKILL_FAILURE = 'Graph said 503 at https://graph.microsoft.com/v1.0/users?$filter=secretQuery (internal detail)';

const brokenSkill: Skill = {
  name: 'broken',
  version: '1',
  intents: ['user.info'],
  async answer() {
    throw new Error(SKILL_FAILURE);
  },
};

describe('A turn that fails', () => {
  let connector: ConnectorStub;
  let logs: CapturedLogs;
  let server: WebServer;

  before(async () => {
    connector = await new ConnectorStub().start();
    logs = captureLogs();
    server = await startBotWithSkills({ skills: [brokenSkill], recognizer: fixedIntentRecognizer('user.info'), logger: logs.logger });
  });
  after(async () => {
    await server?.stop();
    await connector?.stop();
  });

  it('When a skill throws, then the user gets a short apology with a correlation id and never the error text', async () => {
    const res = await postActivity(server.url, teamsMessage({ text: 'who is Megan?', serviceUrl: connector.url }));
    assert.equal(res.status, 200, 'the channel is told the turn was handled');
    const apology = await connector.waitFor((c) => c.body.type === 'message');
    const text = String(apology.body.text);
    assert.match(text, /^Sorry, something went wrong/);
    assert.ok(text.length < 300, `the apology is short (${text.length} chars)`);
    assert.match(text, UUID);
    assert.ok(!text.includes('Graph said 503') && !text.includes('secretQuery') && !/\bat\s+\S+\s+\(/.test(text), `no raw error in: ${text}`);
    assert.equal(connector.messages().length, 1, 'one apology, no half answer');
  });

  it('When a skill throws, then the log line has the error and the same correlation id as the apology', async () => {
    connector.calls.splice(0);
    await postActivity(server.url, teamsMessage({ text: 'who is Adele?', serviceUrl: connector.url }));
    const apology = await connector.waitFor((c) => c.body.type === 'message');
    const correlationId = (String(apology.body.text).match(UUID) ?? [])[0];
    const failures = logs.entries().filter((e) => e.msg === 'turn failed' && e.correlationId === correlationId);
    assert.equal(failures.length, 1, `one "turn failed" line with ${correlationId}`);
    const err = failures[0].err as { message?: string; stack?: string };
    assert.equal(err.message, SKILL_FAILURE);
    assert.match(String(err.stack), /turnError\.test/, 'the stack points at the failing code');
    assert.equal(failures[0].level, 50, 'logged at error level');
  });

  it('When two turns fail, then each apology carries its own correlation id', async () => {
    connector.calls.splice(0);
    await postActivity(server.url, teamsMessage({ text: 'who is Lee?', serviceUrl: connector.url }));
    await postActivity(server.url, teamsMessage({ text: 'who is Nestor?', serviceUrl: connector.url }));
    await connector.waitFor(() => connector.messages().length === 2);
    const ids = connector.messages().map((m) => (String(m.text).match(UUID) ?? [])[0]);
    assert.equal(new Set(ids).size, 2, `ids: ${ids.join(', ')}`);
  });
});
