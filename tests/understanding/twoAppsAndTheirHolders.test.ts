import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Two apps asked of at once ("who owns Expense Tracker and Invoice OCR?", "same owner for both?" after one then the
 * other), the group a role is held through ("who's in that group?"), and the changes the people shown made ("how many
 * password resets did they do?") (issue #13). Whole stack on Contoso, in our own words.
 */
describe('Two apps at once, the group behind a role, and what the people shown did (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When one message names two apps, then each app is answered with its own owners', async () => {
    // The name index is built on the first message; the split reads names only from an index already built.
    await demo.stack.ask('who is Megan Bowen?', admin);
    const answer = await demo.stack.ask('who owns Expense Tracker and Invoice OCR?', admin);
    assert.equal(answer.intent, 'app.info');
    assert.match(answer.text, /^Expense Tracker\n/m);
    assert.match(answer.text, /^Invoice OCR\n/m);
    assert.match(answer.text, /Irvin Sayers/);
  });

  it('When asked "same owner for both?" after one app and then another, then both apps are answered, not the tenant\'s expiring credentials', async () => {
    const [, , both] = await demo.stack.askChain(['when does the Expense Tracker secret expire?', 'and Invoice OCR?', 'same owner for both?'], admin);
    assert.equal(both.intent, 'app.info');
    assert.match(both.text, /^Expense Tracker\n/m);
    assert.match(both.text, /^Invoice OCR\n/m);
    assert.doesNotMatch(both.text, /App credentials expiring/);
  });

  it('When a role is held through one group, then "that group" is that group, and "they" after its members made the changes counted', async () => {
    const [holders, group, resets] = await demo.stack.askChain(['who has Helpdesk Administrator?', "who's in that group?", 'how many password resets did they do this month?'], admin);
    assert.equal(holders.intent, 'role.assignments');
    assert.equal(group.intent, 'group.info');
    assert.match(group.text, /^Helpdesk Operators\n/);
    assert.equal(resets.intent, 'audit.changes');
    assert.match(resets.text, /the 2 members of Helpdesk Operators/);
    const counted = /\*\*(\d+) audit events?\*\*/.exec(resets.text);
    const all = /\*\*(\d+) audit events?\*\*/.exec((await demo.stack.ask('how many password resets this month?', admin)).text);
    assert.ok(counted && all, resets.text);
    assert.ok(Number(counted[1]) > 0 && Number(counted[1]) < Number(all[1]), `${counted[1]} of ${all[1]}: only the resets the two members made`);
  });
});
