import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { ConnectorServer } from '../../src/cli/connectorServer';
import { SqliteFeedbackStore } from '../../src/feedback/sqliteFeedbackStore';
import type { RunningAssistant } from '../../src/index';
import { teamsMessage } from '../support/activities';
import { postActivity, startTestAssistant } from '../support/assistant';
import { validateAdaptiveCard } from '../support/cardValidator';

type Card = { body: Array<Record<string, unknown>> } & Record<string, unknown>;

function cardOf(activity: Record<string, unknown>): Card {
  return (activity.attachments as Array<{ content: Card }>)[0].content;
}
function footerOf(card: Card): Record<string, unknown> {
  const footer = card.body.find((e) => e.id === 'footer');
  assert.ok(footer, 'the card has a footer');
  return footer;
}
function answerIdOf(activity: Record<string, unknown>): string {
  return (activity.channelData as { entraAssistant: { answerId: string } }).entraAssistant.answerId;
}

/** An Action.Execute click as Teams sends it: invoke adaptiveCard/action with the inputs merged into data. */
function cardAction(question: Record<string, unknown>, verb: string, data: Record<string, unknown>, from?: Record<string, unknown>) {
  return {
    ...question,
    type: 'invoke',
    id: randomUUID(),
    name: 'adaptiveCard/action',
    text: undefined,
    ...(from ? { from } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

function teamsFeedbackInvoke(question: Record<string, unknown>, replyToId: string, reaction: string, feedback: string) {
  return { ...question, type: 'invoke', id: randomUUID(), name: 'message/submitAction', text: undefined, replyToId, value: { actionName: 'feedback', actionValue: { reaction, feedback } } };
}

describe('Feedback on answers, over HTTP', () => {
  let connector: ConnectorServer;
  let assistant: RunningAssistant;
  let dir: string;
  let file: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-bot-'));
    file = path.join(dir, 'feedback.sqlite');
    connector = await new ConnectorServer().start();
    assistant = await startTestAssistant({ FEEDBACK_SQLITE_PATH: file });
  });
  after(async () => {
    await assistant.stop();
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => connector.calls.splice(0));
  afterEach(() => sinon.restore());

  async function ask(text: string, conversationType: 'personal' | 'channel' = 'personal') {
    const question = teamsMessage({ text, serviceUrl: connector.url, conversationType, mention: conversationType !== 'personal' });
    await postActivity(assistant.server.url, question);
    const call = await connector.waitFor((c) => c.body.type === 'message');
    return { question, answer: call.body, messageId: `activity-${connector.calls.indexOf(call) + 1}` };
  }

  async function stored(answerId: string) {
    const store = new SqliteFeedbackStore(file);
    try {
      return await store.getAnswer(answerId);
    } finally {
      await store.close();
    }
  }

  async function click(activity: object): Promise<{ status: number; card?: Card; body: Record<string, unknown> }> {
    const res = await postActivity(assistant.server.url, activity);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    return { status: res.status, body, card: body.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Card) : undefined };
  }

  it('When a card answer is sent, then its footer carries 👍 and 👎 as Action.Execute, labelled in words, and the answer is on record', async () => {
    const { question, answer } = await ask('help');
    const card = cardOf(answer);
    assert.deepEqual(validateAdaptiveCard(card), []);
    const buttons = JSON.stringify(footerOf(card));
    assert.match(buttons, /"type":"Action.Execute","title":"👍 Helpful"[^}]*"verb":"feedback.up"/);
    assert.match(buttons, /"type":"Action.Execute","title":"👎 Not helpful"[^}]*"verb":"feedback.down"/);
    const record = await stored(answerIdOf(answer));
    assert.equal(record?.question, 'help');
    assert.equal(record?.intent, 'help');
    assert.equal(record?.answer.cardId, 'help');
    assert.equal(record?.answer.skill, 'help');
    assert.equal(record?.conversationType, 'personal');
    assert.equal(record?.askerAadObjectId, (question.from as { aadObjectId: string }).aadObjectId);
    assert.equal(record?.tenantId, (question.conversation as { tenantId: string }).tenantId);
  });

  it('When 👍 is clicked, then it is stored at once and the same answer comes back with the rating and a thank-you', async () => {
    const { question, answer } = await ask('help');
    const answerId = answerIdOf(answer);
    const { status, card } = await click(cardAction(question, 'feedback.up', { answerId }));
    assert.equal(status, 200);
    assert.ok(card, 'the invoke response replaces the card');
    assert.deepEqual(validateAdaptiveCard(card), []);
    assert.deepEqual(card.body.slice(0, -1), cardOf(answer).body.slice(0, -1), 'the answer itself is unchanged');
    assert.match(JSON.stringify(footerOf(card)), /You rated this answer 👍 helpful\. Thank you!/);
    assert.deepEqual((await stored(answerId))?.ratings.map((r) => [r.rating, r.source]), [['up', 'card']]);
  });

  it('When 👎 is clicked, then the footer becomes the form and nothing is stored until it is sent; sending stores categories and comment', async () => {
    const { question, answer } = await ask('help');
    const answerId = answerIdOf(answer);
    const form = await click(cardAction(question, 'feedback.down', { answerId }));
    const footer = JSON.stringify(footerOf(form.card!));
    assert.deepEqual(validateAdaptiveCard(form.card!), []);
    for (const title of ['Inaccurate', 'Incomplete', 'Unclear', 'Offensive or inappropriate', 'Other']) assert.match(footer, new RegExp(`"type":"Input.Toggle","id":"feedbackCategory_\\w+","title":"${title}"`));
    assert.match(footer, /"id":"feedbackComment"/);
    assert.deepEqual((await stored(answerId))?.ratings, []);

    const sent = await click(cardAction(question, 'feedback.submit', { answerId, feedbackCategory_inaccurate: 'true', feedbackCategory_unclear: 'true', feedbackCategory_other: 'false', feedbackComment: '  The wrong policy  ' }));
    assert.match(JSON.stringify(footerOf(sent.card!)), /👎 not helpful \(Inaccurate, Unclear\)/);
    const ratings = (await stored(answerId))?.ratings;
    assert.deepEqual(ratings?.map((r) => [r.rating, r.categories, r.comment]), [['down', ['inaccurate', 'unclear'], 'The wrong policy']]);
  });

  it('When the same person changes their mind, then their one record is updated; another person gets a record of their own', async () => {
    const { question, answer } = await ask('help');
    const answerId = answerIdOf(answer);
    await click(cardAction(question, 'feedback.submit', { answerId, feedbackCategory_incomplete: 'true' }));
    await click(cardAction(question, 'feedback.up', { answerId }));
    await click(cardAction(question, 'feedback.up', { answerId }, { id: '29:other', name: 'Other Admin', aadObjectId: '11111111-2222-4333-8444-555555555555' }));
    const ratings = (await stored(answerId))?.ratings ?? [];
    assert.deepEqual(ratings.map((r) => [r.rater, r.rating]).sort(), [
      ['0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01', 'up'],
      ['11111111-2222-4333-8444-555555555555', 'up'],
    ]);
  });

  it('When a click names an unknown answer or comes from another conversation, then it is refused and nothing is stored', async () => {
    const { question, answer } = await ask('help');
    const answerId = answerIdOf(answer);
    const unknown = await click(cardAction(question, 'feedback.up', { answerId: randomUUID() }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.type, 'application/vnd.microsoft.error');
    const elsewhere = await click(cardAction({ ...question, conversation: { id: 'a:another-chat', conversationType: 'personal' } }, 'feedback.up', { answerId }));
    assert.equal(elsewhere.status, 400);
    assert.deepEqual((await stored(answerId))?.ratings, []);
  });

  it('When the store is down as 👍 is clicked, then the card says the feedback was not saved and keeps the answer', async () => {
    const { question, answer } = await ask('help');
    sinon.stub(SqliteFeedbackStore.prototype, 'rate').rejects(new Error('disk I/O error'));
    const { status, card } = await click(cardAction(question, 'feedback.up', { answerId: answerIdOf(answer) }));
    assert.equal(status, 200);
    assert.match(JSON.stringify(footerOf(card!)), /Your feedback was not saved/);
    assert.doesNotMatch(JSON.stringify(footerOf(card!)), /Thank you/);
    assert.deepEqual(card!.body.slice(0, -1), cardOf(answer).body.slice(0, -1));
  });

  it("When a text answer is sent, then it asks for Teams' own feedback loop, and a 👎 with Teams' JSON comment is stored, answered by an empty 200", async () => {
    const { question, answer, messageId } = await ask("What's the weather in Paris?");
    assert.equal(answer.attachments, undefined, 'a plain-text answer');
    assert.deepEqual((answer.channelData as { feedbackLoop?: unknown }).feedbackLoop, { type: 'default' });
    const res = await postActivity(assistant.server.url, teamsFeedbackInvoke(question, messageId, 'dislike', JSON.stringify({ feedbackText: 'Say what you can do' })));
    assert.equal(res.status, 200);
    assert.equal(res.body, '');
    const ratings = (await stored(answerIdOf(answer)))?.ratings;
    assert.deepEqual(ratings?.map((r) => [r.rating, r.comment, r.source]), [['down', 'Say what you can do', 'teams']]);
    assert.equal(connector.messages().length, 1, 'nothing more is posted in the chat');
  });

  it("When the Playground sends the feedback text as plain text, then it is stored as the comment; a rating for a message never sent is refused", async () => {
    const { question, answer, messageId } = await ask("What's the weather in Paris?");
    await postActivity(assistant.server.url, teamsFeedbackInvoke(question, messageId, 'like', 'Clear enough'));
    assert.deepEqual((await stored(answerIdOf(answer)))?.ratings.map((r) => [r.rating, r.comment]), [['up', 'Clear enough']]);
    const refused = await postActivity(assistant.server.url, teamsFeedbackInvoke(question, 'activity-does-not-exist', 'like', ''));
    assert.equal(refused.status, 404);
  });
});
