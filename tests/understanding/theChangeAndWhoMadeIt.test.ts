import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import type { AskAnswer } from '../../src/cli/ask';
import { demoStackFor } from '../support/demoStack';

/** The names an answer linked (entities), for "both objects were kept". */
function linked(answer: AskAnswer): string[] {
  return (answer.entities as Array<{ displayName?: string; value?: string; text?: string }>).map((e) => e.displayName ?? e.value ?? e.text ?? '');
}

/**
 * Follow-ups about a change just shown, or about two diagnoses (issue #13): "by whom?" after a question joining a
 * person to a role or a group keeps both as the change's targets; "what was changed?" after a policy's changes shows
 * them again; "what roles does he hold?" after policy changes is about the one who made them; "who put a new secret
 * on it?" after an app's risk reads that app's credential changes; "is it one and the same policy for both?" after
 * two people's diagnoses diagnoses both. Whole stack on Contoso, in our own words.
 */
describe('The change just shown, and who made it (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When "by whom?" follows whether a person was made a Global Administrator, then the change to that person and that role answers', async () => {
    const [, who] = await demo.stack.askChain(['was isaiah langer made a global admin?', 'by whom?'], admin);
    assert.equal(who.intent, 'audit.changes');
    assert.ok(linked(who).includes('Isaiah Langer'), linked(who).join(', '));
    assert.ok(linked(who).some((n) => /Global Administrator/.test(n)), linked(who).join(', '));
    assert.match(who.text, /Add member to role/);
    assert.match(who.text, /Pradeep Gupta/);
  });

  it('When "what was changed?" follows the changes to a policy, then those changes answer again, with what changed', async () => {
    const [first, again] = await demo.stack.askChain(['any edits to the Require MFA for all users policy lately?', 'what was changed?'], admin);
    assert.equal(first.intent, 'audit.changes');
    assert.equal(again.intent, 'audit.changes');
    assert.ok(linked(again).includes('Require MFA for all users'), linked(again).join(', '));
    assert.match(again.text, /Update conditional access policy/);
    assert.match(again.text, /Raul Razo/);
  });

  it('When "what roles does he hold?" follows changes to Conditional Access policies, then the roles of the one who made them answer', async () => {
    const [changes, roles] = await demo.stack.askChain(['did anyone edit a conditional access policy this month?', 'what roles does he hold?'], admin);
    assert.equal(changes.intent, 'audit.changes');
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /Roles of Raul Razo/);
    assert.match(roles.text, /Conditional Access Administrator/);
  });

  it('When "who put a new secret on it?" follows an app\'s risk, then that app\'s credential change answers', async () => {
    const [risk, secret] = await demo.stack.askChain(['is the payroll connector at risk?', 'who put a new secret on it?'], admin);
    assert.equal(risk.intent, 'risk.workload');
    assert.equal(secret.intent, 'audit.changes');
    assert.ok(linked(secret).includes('Payroll Connector'), linked(secret).join(', '));
    assert.match(secret.text, /Miriam Graham/);
  });

  it('When "who took the owner off, and when?" follows a group\'s page, then the changes to that group answer', async () => {
    const [page, who] = await demo.stack.askChain(['tell me about the Project Falcon group', 'who took the owner off, and when?'], admin);
    assert.equal(page.intent, 'group.info');
    assert.equal(who.intent, 'audit.changes');
    assert.ok(linked(who).includes('Project Falcon'), linked(who).join(', '));
    assert.match(who.text, /Remove owner from group/);
  });

  it('When "what\'s going on with the high one?" follows the risky workload identities, then that app\'s risk answers, and "switch it off" proposes disabling it', async () => {
    const [, story, disable] = await demo.stack.askChain(['list risky service principals', "what's going on with the high one?", 'disable it'], admin);
    assert.equal(story.intent, 'risk.workload');
    assert.ok(linked(story).includes('Payroll Connector'), linked(story).join(', '));
    assert.equal(disable.intent, 'risk.remediate');
    assert.ok(linked(disable).includes('Payroll Connector'), linked(disable).join(', '));
  });

  it('When "the owner" is asked about after a group\'s or an app\'s page, then it is the owner that page showed', async () => {
    const [, groups, apps] = await demo.stack.askChain(['who owns the Finance Approvers group?', 'which other groups does the owner own?', 'and apps?'], admin);
    assert.equal(groups.intent, 'group.info');
    assert.ok(linked(groups).includes('Irvin Sayers'), linked(groups).join(', '));
    assert.match(groups.text, /Payroll App Users/);
    assert.equal(apps.intent, 'app.info');
    assert.match(apps.text, /Expense Tracker/);
    const [, roles] = await demo.stack.askChain(['Payroll Connector app: owners?', 'does the first owner hold an admin role?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /Roles of Miriam Graham/);
  });

  it('When "priya patel too? same trouble on her iphone" follows a diagnosis, then she is diagnosed once, not once per sentence', async () => {
    const [, priya] = await demo.stack.askChain(["why can't megan bowen get into outlook on her phone?", 'priya patel too? same trouble on her iphone'], admin);
    assert.equal(priya.intent, 'signin.troubleshoot');
    assert.equal(priya.text.match(/Sign-in diagnosis: Priya Patel/g)?.length, 1, priya.text);
  });

  it('When "is it one and the same policy for both?" follows two people\'s diagnoses, then both are diagnosed again, each with the policy that stops them', async () => {
    const [, , both] = await demo.stack.askChain(["why can't megan bowen get into outlook on her phone?", 'and priya patel? same trouble on her iphone', 'is it one and the same policy for both?'], admin);
    assert.equal(both.intent, 'signin.troubleshoot');
    assert.ok(linked(both).includes('Megan Bowen') && linked(both).includes('Priya Patel'), linked(both).join(', '));
    assert.match(both.text, /Sign-in diagnosis: Megan Bowen[\s\S]*Sign-in diagnosis: Priya Patel/);
    assert.equal(both.text.match(/Require compliant device for Office 365/g)!.length >= 2, true);
  });
});
