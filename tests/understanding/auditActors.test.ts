import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { asActor } from '../../src/understanding/text/actor';
import { demoStackFor } from '../support/demoStack';

/**
 * A person named as the one who made changes (issue #13): "what's X been up to", "did X touch …", "X edited …" read
 * the audit log by initiator; "did X change her password" stays about X's own account; "has anything changed on a
 * group" and "who's been adding people to …" are audit questions too. Whole stack on Contoso; phrasings of our own.
 */
describe('Questions about what a person changed, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  describe('The actor test', () => {
    const actor = asActor('<name>');
    it('When the person did the changing, then the words say so; when the person underwent it, they do not', () => {
      for (const text of ["what's <name> been up to", 'did <name> touch any groups', '<name> updated some apps', 'whose password did <name> reset']) assert.ok(actor.test(text), text);
      for (const text of ['was <name> added to it', 'did <name> reset her password', 'is <name> disabled', 'apps owned by <name>']) assert.ok(!actor.test(text), text);
    });
  });

  it('When the admin asks what a person has been up to, then the changes that person made are listed', async () => {
    const answer = await demo.stack.ask("what's Pradeep Gupta been up to this week?", admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Changes by Pradeep Gupta/);
  });

  it('When a person is said to have edited some apps, then the audit log is read for their changes, not the app list', async () => {
    const answer = await demo.stack.ask('Miriam edited a few apps this month - which?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Changes by Miriam Graham/);
  });

  it('When the admin asks whether a person reset her own password, then the changes to her account answer, with who reset it', async () => {
    const answer = await demo.stack.ask('did Joni Sherman change her password lately?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Changes to Joni Sherman/);
    assert.match(answer.text, /Christie Cline[^\n]*Reset user password/);
  });

  it('When the admin asks whether anything changed on a group, or who has been adding people to it, then its audit entries answer', async () => {
    for (const text of ['has anything been changed on IT Staff this month?', "who's been adding people to the IT Staff group?"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'audit.changes', text);
      assert.match(answer.text, /Changes to IT Staff/, text);
    }
  });

  it('When the changes are asked of "he" after a person was named, then they are that person\'s own changes', async () => {
    const [, changes] = await demo.stack.askChain(['who is Pradeep Gupta?', 'what has he changed this week?'], admin);
    assert.equal(changes.intent, 'audit.changes');
    assert.match(changes.text, /Changes by Pradeep Gupta/);
  });
});
