import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; value: unknown }>;
  operation: { kind: string; field?: string; n?: number };
}

/**
 * Kinds of admin activity counted, ranked or listed over everyone ("who reset the most passwords this month?"):
 * audit-log plans, with the people named by display name (the log itself names them by sign-in address only).
 */
describe('Audit-log questions about kinds of change, through the whole stack', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked who reset the most passwords this month, then password resets are ranked by the person who did them, named', async () => {
    const answer = await demo.stack.ask('who reset the most passwords this month?', admin);
    const plan = answer.plan as PlanShape;
    assert.equal(answer.intent, 'audit.changes');
    assert.equal(plan.resource, 'directoryAudits');
    assert.ok(plan.filters.some((f) => f.field === 'activity' && f.value === 'Reset user password'));
    assert.equal(plan.operation.kind, 'top');
    assert.equal(plan.operation.field, 'initiatedBy');
    assert.match(answer.text, /different people or apps/);
    assert.doesNotMatch(answer.text, /\| [a-z.]+@contoso\.com \|/, 'initiators are named, not shown by address');
  });

  it('When asked how many password resets a named admin did, then that admin is the initiator condition', async () => {
    const answer = await demo.stack.ask('how many password resets did Christie Cline do this month?', admin);
    const plan = answer.plan as PlanShape;
    assert.equal(plan.operation.kind, 'count');
    assert.ok(plan.filters.some((f) => f.field === 'initiatedByUserId'), JSON.stringify(plan.filters));
    assert.match(answer.text, /\*\*\d+ audit events?\*\*/);
  });

  it('When asked about policy changes this month, then the Policy category of the audit log is listed', async () => {
    const answer = await demo.stack.ask('any conditional access policy changes this month?', admin);
    const plan = answer.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'category' && f.value === 'Policy'));
    assert.match(answer.text, /conditional access policy/i);
  });

  it('When guests who have not accepted their invitation are asked for, then it stays a question about accounts, not the audit log', async () => {
    const answer = await demo.stack.ask("which guests haven't accepted their invitation yet?", admin);
    assert.equal((answer.plan as PlanShape).resource, 'users');
  });

  it('When failures are named by what went wrong, then the matching error code is the condition', async () => {
    const answer = await demo.stack.ask('list the password-expired errors this week', admin);
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'signIns');
    assert.ok(plan.filters.some((f) => f.field === 'errorCode' && f.value === 50055), JSON.stringify(plan.filters));
  });
});

describe('What the top one in the audit log did (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the people who made the most changes are followed by "what did they do mostly?", then the top one\'s changes are counted by activity over the same time', async () => {
    const [top, doing] = await demo.stack.askChain(['who made the most changes this month in the audit log', 'what did they do mostly?'], admin);
    const first = /\| Initiated by \| Audit events \|\n\| ([^|]+?) \| (\d+) \|/.exec(top.text);
    assert.ok(first, top.text);
    assert.equal(doing.intent, 'audit.changes');
    const plan = doing.plan as { resource: string; filters: Array<{ field: string }>; operation: unknown; window?: { label: string } };
    assert.equal(plan.resource, 'directoryAudits');
    assert.ok(plan.filters.some((f) => f.field === 'initiatedByUserId'));
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'activity' });
    assert.equal(plan.window?.label, 'this month');
    assert.match(doing.text, new RegExp(`^Audit events · by ${first[1]} · this month · by activity\\n${first[2]} audit events`));
  });
});

describe('The top one of a ranking of who changed things, pointed at (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When who reset the most passwords is followed by "which users did they reset" and "how many resets overall?", then the top one\'s resets are listed, then everyone\'s counted, over the same month', async () => {
    const [top, theirs, overall] = await demo.stack.askChain(['password resets this month — which admin did the most?', 'which users did they reset', 'how many resets overall in that period?'], admin);
    const first = /\| Initiated by \| Audit events \|\n\| ([^|]+?) \| (\d+) \|/.exec(top.text);
    assert.ok(first, top.text);
    const total = Number(/^(\d+) audit events/m.exec(top.text)?.[1]);
    const plan = theirs.plan as { filters: Array<{ field: string; value: unknown }>; window?: { label: string } };
    assert.ok(plan.filters.some((f) => f.field === 'initiatedByUserId'));
    assert.ok(plan.filters.some((f) => f.field === 'activity' && f.value === 'Reset user password'));
    assert.equal(plan.window?.label, 'this month');
    assert.match(theirs.text, new RegExp(`^Audit events · by ${first[1]} · activity Reset user password · this month\\n\\*\\*${first[2]} audit events\\*\\*`));
    assert.ok(!(overall.plan as { filters: Array<{ field: string }> }).filters.some((f) => f.field === 'initiatedByUserId'));
    assert.match(overall.text, new RegExp(`\\*\\*${total} audit events\\*\\*`));
  });
});

describe('Who was added to a role last, asked after its holders (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the Global Administrators are followed by "who was added most recently and by who?", then the latest addition to that role is read from the audit log', async () => {
    const [, added] = await demo.stack.askChain(['who are the global admins', 'who was added most recently and by who?'], admin);
    assert.equal(added.intent, 'audit.changes');
    const plan = added.plan as { resource: string; filters: Array<{ field: string; value: unknown }>; operation: unknown };
    assert.equal(plan.resource, 'directoryAudits');
    assert.ok(plan.filters.some((f) => f.field === 'activity' && f.value === 'Add member to role'));
    assert.ok(plan.filters.some((f) => f.field === 'target' && f.value === '62e90394-69f5-4237-9190-012177145e10'));
    assert.deepEqual(plan.operation, { kind: 'latest' });
    assert.match(added.text, /\| Add member to role \| Pradeep Gupta \| Global Administrator, Isaiah Langer \|/);
  });

  it('When the Global Administrators are counted and "which of them was added most recently" follows, then the same latest addition answers', async () => {
    const [, added] = await demo.stack.askChain(['how many global admins are there', 'which of them was added most recently'], admin);
    assert.equal(added.intent, 'audit.changes');
    assert.deepEqual((added.plan as { operation: unknown }).operation, { kind: 'latest' });
    assert.match(added.text, /\| Add member to role \| Pradeep Gupta \| Global Administrator, Isaiah Langer \|/);
  });
});
