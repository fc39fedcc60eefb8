import { strict as assert } from 'node:assert';
import { ConnectorStub } from '../support/connectorStub';
import { teamsMessage } from '../support/activities';
import { postActivity, testLogger } from '../support/assistant';
import { fixedIntentRecognizer, startBotWithSkills } from '../support/botWithSkills';
import type { WebServer } from '../../src/server';
import type { Skill } from '../../src/skills/types';

const SLOW_ANSWER_MS = 300;
/** The typing indicator goes out once an answer takes longer than this: from then on the turn is known to be in flight. */
const TYPING_DELAY_MS = 100;

const slowSkill: Skill = {
  name: 'slow',
  version: '1',
  intents: ['user.info'],
  async answer() {
    await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
    return { kind: 'text', text: 'Megan Bowen is enabled.' };
  },
};

/** The status of a request, or the network error code when the server no longer accepts connections. */
async function statusOrRefusal(request: () => Promise<{ status: number }>): Promise<number | string> {
  try {
    return (await request()).status;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(err);
  }
}

describe('Stopping the server', () => {
  let connector: ConnectorStub;
  let server: WebServer;

  beforeEach(async () => {
    connector = await new ConnectorStub().start();
    server = await startBotWithSkills({ skills: [slowSkill], recognizer: fixedIntentRecognizer('user.info'), logger: testLogger(), typingDelayMs: TYPING_DELAY_MS });
  });
  afterEach(async () => {
    await server.stop();
    await connector.stop();
  });

  it('When stop() is called mid-turn, then the turn finishes and its answer reaches the connector before stop() resolves', async () => {
    const inFlight = postActivity(server.url, teamsMessage({ text: 'who is Megan?', serviceUrl: connector.url }));
    // The typing indicator goes out while the skill is still working: from here the turn is waiting on the slow skill.
    await connector.waitFor((c) => c.body.type === 'typing');
    assert.equal(connector.messages().length, 0, 'the answer is not there yet');

    const started = Date.now();
    await server.stop();
    const waited = Date.now() - started;

    const answers = connector.messages();
    assert.equal(answers.length, 1, 'the answer reached the connector before stop() resolved');
    assert.equal(answers[0].text, 'Megan Bowen is enabled.');
    assert.ok(waited >= SLOW_ANSWER_MS / 2, `stop() waited for the turn (${waited} ms)`);
    // Kept-alive connections are closed once the turns are done, so stop() does not hang on idle sockets.
    assert.ok(waited < 2000, `stop() resolved soon after the turn finished (${waited} ms)`);
    assert.equal((await inFlight).status, 200);
  });

  it('When a request arrives after stop() began, then it is refused (503 or connection refused) and runs no turn', async () => {
    const inFlight = postActivity(server.url, teamsMessage({ text: 'who is Megan?', serviceUrl: connector.url }));
    await connector.waitFor((c) => c.body.type === 'typing');

    const stopping = server.stop();
    const late = await statusOrRefusal(() => postActivity(server.url, teamsMessage({ text: 'who is Adele?', serviceUrl: connector.url })));
    assert.ok(late === 503 || late === 'ECONNREFUSED', `late request got ${late}`);
    const health = await statusOrRefusal(() => fetch(`${server.url}/healthz`));
    assert.ok(health === 503 || health === 'ECONNREFUSED', `health check during shutdown got ${health}`);

    await stopping;
    assert.equal((await inFlight).status, 200);
    assert.equal(connector.messages().length, 1, 'only the turn in flight answered');
    assert.equal(connector.calls.filter((c) => c.body.type === 'typing').length, 1, 'the late request started no turn');
  });

  it('When the server has stopped, then new connections are refused', async () => {
    await server.stop();
    const after = await statusOrRefusal(() => fetch(`${server.url}/healthz`));
    assert.equal(after, 'ECONNREFUSED');
  });

  it('When a turn hangs past the drain timeout, then stop() resolves anyway', async () => {
    let release: () => void = () => undefined;
    const hangingSkill: Skill = {
      name: 'hanging',
      version: '1',
      intents: ['user.info'],
      answer: () => new Promise((resolve) => (release = () => resolve({ kind: 'text', text: 'too late' }))),
    };
    const hanging = await startBotWithSkills({
      skills: [hangingSkill],
      recognizer: fixedIntentRecognizer('user.info'),
      logger: testLogger(),
      drainTimeoutMs: 200,
      typingDelayMs: TYPING_DELAY_MS,
    });
    try {
      const inFlight = statusOrRefusal(() => postActivity(hanging.url, teamsMessage({ text: 'who is Megan?', serviceUrl: connector.url })));
      await connector.waitFor((c) => c.body.type === 'typing');
      const started = Date.now();
      const outcome = await Promise.race([
        hanging.stop().then(() => 'stopped'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000)),
      ]);
      assert.equal(outcome, 'stopped', `stop() after ${Date.now() - started} ms`);
      assert.notEqual(await inFlight, 200, 'the abandoned request did not get a success');
    } finally {
      release();
    }
  });
});
