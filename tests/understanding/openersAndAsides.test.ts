import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Openers that ask what stands in a person's way, an error seen rather than a failure named, compound account
 * questions the account page answers, asides about the world in the middle of a thread (which must not lose it), and
 * platform names that are words, not people (issue #13). Whole stack on Contoso, in our own words.
 */
describe('Openers, compound account questions and asides (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an admin asks whether a policy or something is stopping a person, then the person is diagnosed', async () => {
    for (const question of ['Quick one — is there a CA policy stopping Megan?', "what's preventing megan.bowen@contoso.com from signing in? her manager is chasing"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', question);
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/, question);
      assert.match(answer.text, /53000/, question);
    }
  });

  it('When a help-desk message says the sign-in page keeps throwing an error at someone, then that person is diagnosed', async () => {
    const answer = await demo.stack.ask("Lee Gu called the desk, the sign-in page keeps throwing an error at him. what's going on?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Lee Gu\n/);
  });

  it('When a question about the weather comes in the middle of a thread, then it is out of scope and the next follow-up is still about the person', async () => {
    const [, weather, methods] = await demo.stack.askChain(["what's stopping Megan Bowen?", "btw what's the weather in Seattle", 'has she set up any authenticator at all?'], admin);
    assert.equal(weather.intent, 'outOfScope');
    assert.match(weather.text, /outside what I can answer/);
    assert.equal(methods.intent, 'user.info');
    assert.match(methods.text, /^Megan Bowen\n/);
    assert.match(methods.text, /MFA: Registered/);
  });

  it('When general-knowledge questions and errands are asked, then each is out of scope', async () => {
    for (const question of ['what time is it in Tokyo right now?', 'who will win the champions league', 'can you open a ServiceNow ticket for this?', 'reset the printer on floor 2 pls', "what's the capital of Australia"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'outOfScope', question);
    }
  });

  it('When an admin asks whether the assistant can change things or only read, then the help answers', async () => {
    const answer = await demo.stack.ask('can you also fix things or only read?', admin);
    assert.equal(answer.intent, 'help');
    assert.match(answer.text, /^What I can help with/);
  });

  it('When one message asks whether an account is enabled, its MFA and its risk, then the account page answers all three, and "same for" another person too', async () => {
    const [megan, bob] = await demo.stack.askChain(['megan bowen: account enabled? MFA methods? any risk?', 'same for Bob Kelly'], admin);
    assert.equal(megan.intent, 'user.info');
    assert.match(megan.text, /^Megan Bowen\n/);
    assert.match(megan.text, /Account: Enabled/);
    assert.match(megan.text, /MFA: Registered/);
    assert.equal(bob.intent, 'user.info');
    assert.match(bob.text, /^Bob Kelly\n/);
    assert.match(bob.text, /risk level high/);
  });

  it('When a help-desk message says the app wants MFA set up, then it is still a sign-in problem, not a question about methods', async () => {
    const answer = await demo.stack.ask('megan bowen cant get into teams, says it wants mfa setup', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
  });

  it('When sign-ins from a platform are asked with its name capitalised, then the platform is a condition, not a person', async () => {
    const answer = await demo.stack.ask('who signs in from Linux machines?', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /operating system starting "Linux"/);
  });
});

describe('Owned objects, list rows, counts and identifiers asked in other words (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const planOf = (answer: { plan?: unknown }) => answer.plan as { resource: string; filters: Array<{ field: string; value: unknown }>; operation: { kind: string }; anchor?: { displayName?: string; transitive?: boolean } };

  it('When a group\'s owner is followed by "what other groups does he own?" and "and apps?", then that person\'s owned groups, then owned apps, are listed', async () => {
    const [, groups, apps] = await demo.stack.askChain(['who owns Finance Approvers?', 'what other groups does he own?', 'and apps?'], admin);
    assert.equal(groups.intent, 'group.info');
    assert.equal(planOf(groups).resource, 'ownedGroups');
    assert.equal(planOf(groups).anchor?.displayName, 'Irvin Sayers');
    assert.equal(apps.intent, 'app.info');
    assert.equal(planOf(apps).resource, 'ownedApps');
    assert.equal(planOf(apps).anchor?.displayName, 'Irvin Sayers');
  });

  it('When a policy of a list is explained, then "any disabled ones?" asks the list again', async () => {
    const [, , disabled] = await demo.stack.askChain(['list conditional access policies that are report-only', 'explain the second one', 'any disabled ones?'], admin);
    assert.equal(disabled.intent, 'policy.info');
    assert.equal(planOf(disabled).resource, 'conditionalAccessPolicies');
    assert.ok(planOf(disabled).filters.some((f) => f.field === 'state' && f.value === 'disabled'));
  });

  it('When an app\'s failures are diagnosed and "which users are hit by that?" follows, then the people with that error on that app are listed', async () => {
    const [, who] = await demo.stack.askChain(["people can't open the HR Portal app, what's the error they get?", 'which users are hit by that?'], admin);
    assert.equal(who.intent, 'signin.list');
    assert.ok(planOf(who).filters.some((f) => f.field === 'appId'));
    assert.ok(planOf(who).filters.some((f) => f.field === 'errorCode'));
    assert.deepEqual(planOf(who).operation, { kind: 'groupBy', field: 'userDisplayName' });
  });

  it('When a group\'s "total headcount, transitive" is asked, then its users are counted through nested groups', async () => {
    const answer = await demo.stack.ask('VPN Users total headcount, transitive', admin);
    assert.equal(answer.intent, 'group.info');
    assert.equal(planOf(answer).resource, 'groupMembers');
    assert.equal(planOf(answer).anchor?.transitive, true);
    assert.deepEqual(planOf(answer).operation, { kind: 'count' });
    assert.match(answer.text, /VPN Users \(including nested\) · users · count/);
  });

  it('When a concept is asked as "explain what … is" or "how do … work", then the documentation answers', async () => {
    for (const question of ['Can you explain what a report-only Conditional Access policy is?', 'how do dynamic groups work']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'docs.answer', question);
    }
  });

  it('When a person\'s object ID or a title-holder\'s name is asked, then the account page answers, and it shows the object ID', async () => {
    const id = await demo.stack.ask("I need Joni Sherman's object ID for a script", admin);
    assert.equal(id.intent, 'user.info');
    assert.match(id.text, /^Joni Sherman\n/);
    assert.match(id.text, /Object ID: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    const title = await demo.stack.ask('name of our HR Director?', admin);
    assert.equal(title.intent, 'user.info');
    assert.match(title.text, /HR Director/);
  });

  it('When lockouts are counted after a question about one person, then everyone\'s are counted: the words do not point back', async () => {
    const [, lockouts] = await demo.stack.askChain(['name of our HR Director?', 'smart lockout events since monday — count'], admin);
    assert.equal(lockouts.intent, 'signin.list');
    assert.ok(!planOf(lockouts).filters.some((f) => f.field === 'user'));
    assert.ok(planOf(lockouts).filters.some((f) => f.field === 'errorCode' && f.value === 50053));
    assert.deepEqual(planOf(lockouts).operation, { kind: 'count' });
  });
});

describe('Conditions added to the last list of people, and the last good sign-in (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const planOf = (answer: { plan?: unknown }) => answer.plan as { resource: string; filters: Array<{ field: string; op: string; value: unknown }>; operation: { kind: string }; columns?: string[] };

  it('When "how many of those are guests?" follows accounts that never signed in, then guests are counted among them; "not guests" means members', async () => {
    const [never, guests] = await demo.stack.askChain(['how many accounts have never signed in?', 'how many of those are guests?'], admin);
    const all = Number(/\*\*(\d+) users\*\*/.exec(never.text)?.[1]);
    assert.ok(planOf(guests).filters.some((f) => f.field === 'userType' && f.value === 'Guest'));
    assert.ok(planOf(guests).filters.some((f) => f.field === 'lastSignIn'));
    const some = Number(/\*\*(\d+) users?\*\*/.exec(guests.text)?.[1]);
    assert.ok(some > 0 && some < all, `${some} of ${all}`);
    const members = await demo.stack.ask('members (not guests) who have never logged in at all', admin);
    assert.ok(planOf(members).filters.some((f) => f.field === 'userType' && f.value === 'Member'));
    assert.ok(!planOf(members).filters.some((f) => f.value === 'Guest'));
  });

  it('When a diagnosis is followed by "when did they last get in ok?", then the person\'s last successful sign-in is read from their account\'s record (which reaches past the log\'s 30 days)', async () => {
    const [, ok] = await demo.stack.askChain(['whats wrong with lee gu login', 'when did they last get in ok?'], admin);
    assert.equal(ok.intent, 'signin.list');
    assert.equal(planOf(ok).resource, 'users');
    assert.ok(planOf(ok).columns?.includes('lastSuccessfulSignIn'));
    assert.match(ok.text, /^Users · Lee Gu\n/);
    assert.match(ok.text, /\| Lee Gu \| lee\.gu@contoso\.com \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \|/);
  });
});

describe('The one a ranking or a page is about, asked without its name (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When who failed most is followed by "what\'s wrong with her", then the person ranked first is diagnosed; "why is it failing?" after the failing service principals diagnoses the top one', async () => {
    const [top, her] = await demo.stack.askChain(['who had the most failed sign-ins today?', "what's wrong with her"], admin);
    const first = /\| User \| Sign-ins \|\n\| ([^|]+?) \|/.exec(top.text)?.[1];
    assert.ok(first, top.text);
    assert.equal(her.intent, 'signin.troubleshoot');
    assert.match(her.text, new RegExp(`^Sign-in diagnosis: ${first}\\n`));
    const [apps, why] = await demo.stack.askChain(['which service principal fails to sign in the most?', 'why is it failing?'], admin);
    assert.deepEqual((apps.plan as { operation: unknown }).operation, { kind: 'top', n: 5, field: 'app' });
    assert.match(why.text, /^Sign-in diagnosis: Inventory Sync\n/);
    assert.match(why.text, /7000222/);
  });

  it('When an app\'s credential is followed by "who\'s the owner?", then that app\'s page answers', async () => {
    const [, owner] = await demo.stack.askChain(['when does the backup service cert expire?', "who's the owner?"], admin);
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /^Backup Service\n/);
    assert.match(owner.text, /\nOwners\nRaul Razo \(raul.razo@contoso.com\)\n/);
  });
});
