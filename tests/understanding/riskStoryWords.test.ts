import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * The parts of one person's risk story asked in everyday words, and questions about the bot or a risk type in quotes
 * (issue #13): "what got flagged?", "what's his risk level" after a sign-in count, "what's a 'password spray'
 * detection?", "what sorts of things could I ask you about …?", "what does error N mean and what should the user try".
 * Whole stack on Contoso; phrasings of our own.
 */
describe('Risk-story words, quoted risk types and questions about the bot, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the admin asks what got flagged for a named person, then that person\'s risk answers', async () => {
    const answer = await demo.stack.ask('Bob Kelly - what got flagged?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /Bob Kelly[\s\S]*user risk high/);
  });

  it('When a sign-in count about a person is followed by "what\'s his risk level", then his risk answers, not the sign-ins again', async () => {
    const [, risk] = await demo.stack.askChain(['how many failed sign-ins did Alex Wilber have this week', "isn't he the one with leaked credentials? what's his risk level"], admin);
    assert.equal(risk.intent, 'risk.user');
    assert.equal(risk.plan, undefined);
    assert.match(risk.text, /Alex Wilber[\s\S]*user risk medium/);
  });

  it('When the users at risk were listed and the admin asks about "the medium one", then the row shown at that level answers', async () => {
    const [, row] = await demo.stack.askChain(['which users are at risk at the moment?', 'the medium one: what was found?'], admin);
    assert.equal(row.intent, 'risk.user');
    assert.match(row.text, /Alex Wilber[\s\S]*user risk medium/);
  });

  it('When a risk type is named in quotes, then it is explained, not looked up as a name', async () => {
    const answer = await demo.stack.ask("what's a 'password spray' detection?", admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /Password spray/);
  });

  it('When the admin asks what sorts of things they could ask the bot about a topic, then the help answers', async () => {
    const answer = await demo.stack.ask('what sorts of things could I ask you about app credentials?', admin);
    assert.equal(answer.intent, 'help');
  });

  it('When an error code is asked about with "what should the user try", then the code is explained, not diagnosed for someone', async () => {
    const answer = await demo.stack.ask('what does error 50126 mean and what should the user try', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /AADSTS50126/);
  });
});
