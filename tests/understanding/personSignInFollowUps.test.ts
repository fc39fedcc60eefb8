import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface Plan {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  operation: { kind: string; field?: string; n?: number };
}

const planOf = (answer: { plan?: unknown }): Plan => answer.plan as Plan;

/**
 * Sign-in questions that name no one after an answer about one person are about that person ("where are the
 * attempts coming from?"), unless the words widen to others; "background ones included" counts both kinds of a
 * person's sign-ins; "the most used app" ranks apps by people's sign-ins, and "those sign-ins" after it are that app's
 * (issue #13, item 3). Whole stack on Contoso, in our own words.
 */
describe('Sign-in follow-ups about the person or the one app just shown (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a diagnosis and a groups answer are followed by sign-in questions with no name, then they are the same person\'s; "anyone else" widens again', async () => {
    const [, , where, howMany, others] = await demo.stack.askChain(
      ["why can't Bob Kelly sign in", 'and what groups is he in?', 'where are the attempts coming from', 'how many failed attempts this week, background ones included', 'is anyone else failing today?'],
      admin,
    );
    const bob = (p: Plan) => p.filters.find((f) => f.field === 'user');
    assert.equal(where.intent, 'signin.list');
    assert.ok(bob(planOf(where)), 'the countries are Bob Kelly\'s');
    assert.deepEqual(planOf(where).operation, { kind: 'groupBy', field: 'country' });
    assert.match(where.text, /^Sign-ins · Bob Kelly · .*by country/);
    assert.match(where.text, /Russia \(RU\)/);
    assert.ok(bob(planOf(howMany)));
    assert.ok(planOf(howMany).filters.some((f) => f.field === 'eventType' && f.op === 'ne' && f.value === 'servicePrincipal'), 'background sign-ins are counted too');
    assert.match(howMany.text, /Bob Kelly · failed · interactive and background · this week · count/);
    assert.equal(bob(planOf(others)), undefined, '"anyone else" is not about Bob Kelly');
    assert.deepEqual(planOf(others).operation, { kind: 'groupBy', field: 'userDisplayName' });
  });

  it('When the most used app is asked, then apps are ranked by people\'s sign-ins; "those sign-ins" next are that app\'s', async () => {
    const [top, failed, codes] = await demo.stack.askChain(["what's the most used app this week", 'and how many of those sign-ins failed?', 'which error code was most common there'], admin);
    assert.equal(top.intent, 'signin.list');
    assert.equal(planOf(top).resource, 'signIns');
    assert.deepEqual(planOf(top).operation, { kind: 'top', n: 1, field: 'app' });
    const app = /\| App \| Sign-ins \|\n\| ([^|]+?) \|/.exec(top.text)?.[1];
    assert.ok(app, top.text);
    assert.ok(planOf(failed).filters.some((f) => f.field === 'appId'), 'the count is of the top app');
    assert.match(failed.text, new RegExp(`^Sign-ins · ${app} · .*failed · this week · count`));
    assert.match(codes.text, new RegExp(`^Sign-ins · ${app} · .*top \\d+ by error`));
  });

  it('When "which apps are used the most" is asked, then it is a ranking of sign-ins, not the app registrations', async () => {
    const answer = await demo.stack.ask('which apps are used the most', admin);
    assert.equal(planOf(answer).resource, 'signIns');
    assert.deepEqual(planOf(answer).operation, { kind: 'top', n: 5, field: 'app' });
  });
});

describe('Which app, and what an error shown means, asked as a follow-up (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a diagnosis is followed by "on what application mostly?", then the app of that person\'s failures is ranked; "which app does X use most" ranks theirs', async () => {
    const [, mostly] = await demo.stack.askChain(["why can't Lee Gu sign in", 'on what application mostly?'], admin);
    assert.equal(mostly.intent, 'signin.list');
    assert.ok(planOf(mostly).filters.some((f) => f.field === 'user'));
    assert.ok(planOf(mostly).filters.some((f) => f.field === 'result' && f.value === 'failure'), 'the failures the diagnosis was about');
    assert.match(mostly.text, /^Sign-ins · Lee Gu · .*failed · .*top 1 by app/);
    assert.match(mostly.text, /OfficeHome/);
    const uses = await demo.stack.ask('which app does Diego Siciliani use most', admin);
    assert.match(uses.text, /^Sign-ins · Diego Siciliani · .*top 1 by app/);
    assert.ok(!planOf(uses).filters.some((f) => f.field === 'result'));
  });

  it('When a diagnosis is followed by "what does that error mean?", then the error of the diagnosis is explained', async () => {
    const [, meaning] = await demo.stack.askChain(["why can't megan sign in", 'what does that error mean?'], admin);
    assert.equal(meaning.intent, 'docs.answer');
    assert.match(meaning.text, /^AADSTS53000: Device not compliant/);
  });

  it('When failures by error code are followed by "explain the top one" and "which users got it?", then the top code is explained and its people listed for the same time', async () => {
    const [breakdown, explained, who] = await demo.stack.askChain(['failures yesterday grouped by error code (interactive)', 'explain the top one', 'which users got it?'], admin);
    const top = /\| Error \| Sign-ins \|\n\| (\d+) \|/.exec(breakdown.text)?.[1];
    assert.ok(top, breakdown.text);
    assert.equal(explained.intent, 'docs.answer');
    assert.match(explained.text, new RegExp(`^AADSTS${top}:`));
    assert.equal(who.intent, 'signin.list');
    assert.ok(planOf(who).filters.some((f) => f.field === 'errorCode' && String(f.value) === top));
    assert.deepEqual(planOf(who).operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.match(who.text, new RegExp(`error ${top} · yesterday · by user`));
  });

  it('When a list of policies is followed by "explain the second one", then that policy is explained, not an error code', async () => {
    const [, second] = await demo.stack.askChain(['list conditional access policies that are report-only', 'explain the second one'], admin);
    assert.equal(second.intent, 'policy.info');
    assert.match(second.text, /Conditional Access policy — report-only/);
  });
});

describe('"last week", and who had the most, asked of the sign-in log (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const windowOf = (answer: { plan?: unknown }) => (answer.plan as { window?: { start: string; end: string; label: string } }).window;

  it('When sign-ins are asked for "last week", then the calendar week before this one is read; "in the last week" stays the last 7 days; a person\'s story runs from last week until now', async () => {
    const lastWeek = await demo.stack.ask('any logins from russia last week?', admin);
    assert.deepEqual(windowOf(lastWeek), { start: '2026-11-09T00:00:00.000Z', end: '2026-11-16T00:00:00.000Z', label: 'last week' });
    const sevenDays = await demo.stack.ask('failed sign-ins in the last week', admin);
    assert.equal(windowOf(sevenDays)?.label, 'last 7 days');
    const story = await demo.stack.ask('Priya Patel got a new iPhone last week and since then she gets an error in Outlook, any idea?', admin);
    assert.equal(story.intent, 'signin.troubleshoot');
    assert.match(story.text, /53000/);
    assert.match(story.text, /since last week/);
  });

  it('When a sign-in list is followed by "whose accounts?" or "which user was worst yesterday", then the sign-ins are grouped by person, or the top one given', async () => {
    const [, whose] = await demo.stack.askChain(['any logins from russia last week?', 'whose accounts?'], admin);
    assert.equal(whose.intent, 'signin.list');
    assert.deepEqual((whose.plan as { operation: unknown }).operation, { kind: 'groupBy', field: 'userDisplayName' });
    const [, , worst] = await demo.stack.askChain(['failed logins today, interactive only — number please', 'and yesterday?', 'which user was worst yesterday'], admin);
    assert.deepEqual((worst.plan as { operation: unknown }).operation, { kind: 'top', n: 1, field: 'userDisplayName' });
    assert.match(worst.text, /yesterday · top 1 by user/);
  });

  it('When "who had the most failed sign-ins today?" follows a diagnosis of one person, then it is a ranking of everyone, not that person\'s sign-ins again', async () => {
    const [, most] = await demo.stack.askChain(['Lidia Holloway — failed sign-ins from russia?', 'who had the most failed sign-ins today?'], admin);
    const plan = most.plan as { filters: Array<{ field: string }>; operation: { kind: string; field?: string } };
    assert.ok(!plan.filters.some((f) => f.field === 'user' || f.field === 'country'));
    assert.equal(plan.operation.field, 'userDisplayName');
    assert.match(most.text, /^Sign-ins · failed · today · top \d+ by user/);
  });

  it('When an error code is explained and "did we have many of them this week?" follows, then the sign-ins with that code are counted; "who got the most?" ranks their people', async () => {
    const [, many, most] = await demo.stack.askChain(['what is error 50126?', 'did we have many of them this week (interactive)?', 'who got the most?'], admin);
    assert.equal(many.intent, 'signin.list');
    assert.match(many.text, /^Sign-ins · error 50126 · interactive · this week · count/);
    assert.equal(most.intent, 'signin.list');
    assert.match(most.text, /error 50126 · interactive · this week · top \d+ by user/);
    assert.match(most.text, /Bob Kelly/);
  });
});
