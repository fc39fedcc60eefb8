import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig } from '../../src/config';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { ConnectorStub } from '../support/connectorStub';
import { DemoStack } from '../support/demoStack';
import { postActivity, startTestAssistant } from '../support/assistant';
import { teamsMessage } from '../support/activities';

/** What the user's own store looks like on disk: each file of it (the database, its WAL and shared memory), or absent. */
function fingerprint(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    out[path.basename(f)] = fs.existsSync(f) ? `${fs.statSync(f).mtimeMs} ${createHash('sha256').update(fs.readFileSync(f)).digest('hex')}` : 'absent';
  }
  return out;
}

describe('Tests keep out of the user\'s data (issue #15)', function () {
  this.timeout(60_000);
  // The store a bot started without FEEDBACK_SQLITE_PATH would use, where npm test runs.
  const userStore = path.resolve((loadConfig({}).feedback as { sqlitePath: string }).sqlitePath);

  it('When the demo stack and the test assistant are started the way tests start them and answer questions, then data/feedback.sqlite is neither created nor changed', async () => {
    const before = fingerprint(userStore);
    const stack = await new DemoStack(await ensureDemoTenant()).start();
    try {
      const answer = await stack.ask('who is Megan?', DEMO_ADMIN.userPrincipalName);
      assert.match(answer.text, /Megan/, 'an answer was given (and recorded for feedback somewhere)');
    } finally {
      await stack.stop();
    }
    const connector = await new ConnectorStub().start();
    const assistant = await startTestAssistant();
    try {
      await postActivity(assistant.server.url, teamsMessage({ text: 'help', serviceUrl: connector.url }));
      assert.equal(connector.messages().length, 1, 'the help card was sent');
    } finally {
      await assistant.stop();
      await connector.stop();
    }
    assert.deepEqual(fingerprint(userStore), before, `${userStore} was written by a test`);
  });
});
