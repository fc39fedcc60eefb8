import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Questions about what was already done (issue #13, "mitigation verbs only in the imperative"): read from the audit
 * log, never offered as an action. Whole stack on Contoso, in words of our own.
 */
describe('Questions about actions already taken, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked whether someone\'s sessions were ever revoked, then the changes to that person are read and nothing is offered', async () => {
    const answer = await demo.stack.ask("were Megan's sessions ever revoked?", admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /^Changes to Megan Bowen/);
    assert.doesNotMatch(answer.text, /Confirm/);
  });

  it('When asked whether anything has been done to a group lately, then its changes are listed', async () => {
    const answer = await demo.stack.ask('has anything been done to the VPN Users group lately?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /^Changes to VPN Users/);
    assert.match(answer.text, /Debra Berger \(debra\.berger@contoso\.com\): Add member to group/);
  });

  it('When a person\'s roles are followed by "when did he get that?", then the audit log says when and who added him', async () => {
    const [, when] = await demo.stack.askChain(['what roles does Isaiah Langer have?', 'when did he get that?'], admin);
    assert.equal(when.intent, 'audit.changes');
    assert.match(when.text, /Pradeep Gupta \(pradeep\.gupta@contoso\.com\): Add member to role on Global Administrator, Isaiah Langer/);
  });
});
