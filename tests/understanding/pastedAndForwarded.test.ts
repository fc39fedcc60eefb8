import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Opening questions that carry someone else's words (issue #13): a sign-in error pasted from a screen, a request
 * forwarded in quotes, an e-mail with its header; and questions about the bot or a concept asked in general terms.
 * Microsoft's words in a pasted error do not choose the answer; a forwarded request's words are read as the question,
 * names and roles linked. Whole stack on Contoso, in our own words.
 */
describe('Pasted errors and forwarded requests (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a pasted AADSTS message talks of "a configuration change made by your administrator", then the person is diagnosed, not the audit log read', async () => {
    const answer = await demo.stack.ask('alex wilber pasted this from his browser: "AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication" - what now?', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Sign-in diagnosis: Alex Wilber/);
  });

  it('When the pasted message holds a resource id, then it is not taken for a request id, and "what does this mean?" explains the code', async () => {
    const answer = await demo.stack.ask("AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\nwhat does this mean?", admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /50076/);
    assert.doesNotMatch(answer.text, /request or correlation id/);
  });

  it('When a forwarded request asks in quotes for a role\'s holders "for the audit file", then the role\'s holders answer, not the audit log', async () => {
    const answer = await demo.stack.ask("fwd from compliance: 'Could you send me everyone who holds Global Administrator, for the audit file?' - can you get that", admin);
    assert.equal(answer.intent, 'role.assignments');
    assert.match(answer.text, /Global Administrator/);
    assert.match(answer.text, /Isaiah Langer/);
  });

  it('When an e-mail says the password stopped working and asks to check the audit log for her, then the audit log answers', async () => {
    const answer = await demo.stack.ask('From: Megan Bowen\nSubject: locked??\n"my password stopped working, did someone change it?"\n\nplease check the audit log for her', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Megan Bowen/);
  });

  it('When what a user said is quoted ("teams and outlook on my phone both fail"), then the person is diagnosed over every app, not one app the words name', async () => {
    const answer = await demo.stack.ask("Megan Bowen from marketing: 'outlook and teams on my phone both fail since this morning'", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Sign-in diagnosis: Megan Bowen/);
  });

  it('When someone asks how to use the bot in broken English or chat shorthand, then the help answers', async () => {
    for (const text of ['Hi! How I use this bot? Which things it can answer?', 'what am i even supposed to ask this?', 'wat can u do']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'help', text);
    }
  });

  it('When a named policy or a mitigation is asked about "conceptually", "in plain terms" or as "what means …", then it is explained, not the tenant\'s rows listed', async () => {
    for (const text of ["conceptually, what is our 'Block legacy authentication' policy there to stop?", 'in plain terms what sort of sign-ins does Block legacy authentication stop?', "what means 'dismiss user risk'? the user is safe after?"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'docs.answer', text);
    }
  });

  it('When asked for the latest edits to a named policy or group, then its changes answer, not its page', async () => {
    const policy = await demo.stack.ask('recent edits on the Require MFA for all users policy?', admin);
    assert.equal(policy.intent, 'audit.changes');
    assert.match(policy.text, /Raul Razo/);
    const group = await demo.stack.ask('latest updates on the VPN Users group?', admin);
    assert.equal(group.intent, 'audit.changes');
    assert.match(group.text, /Changes to VPN Users/);
  });
});

/**
 * Openers that ask by denying or by a bare keyword (issue #13): "nobody removed X, right?" reads the audit log; "who's
 * at high risk?" lists the risky users; "is X still marked as risky?" is X's risk; "<person> mfa?" is whether X has MFA.
 * Whole stack on Contoso, in our own words.
 */
describe('Openers asked as a denial or a keyword (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked "no one disabled lee gu, did they?" or "lee gu wasn\'t disabled by someone, was he?", then the audit log says who disabled him', async () => {
    for (const text of ['no one disabled lee gu, did they?', "lee gu wasn't disabled by someone, was he?"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'audit.changes', text);
      assert.match(answer.text, /Pradeep Gupta/, text);
    }
  });

  it('When asked who is at high risk at the moment, or who became risky this week, then the risky users are listed', async () => {
    for (const text of ['who is high risk at the moment?', 'who turned risky this week?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'risk.users', text);
    }
  });

  it('When asked whether a named person is still marked as risky, then that person\'s risk answers', async () => {
    const answer = await demo.stack.ask('can you see if Alex Wilber is still marked as at risk?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /Alex Wilber/);
  });

  it('When a person is followed by just "mfa?", or "mfa status for" a person is asked, then that person\'s account answers with their methods', async () => {
    for (const text of ['adele vance mfa?', 'mfa status for isaiah langer']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'user.info', text);
      assert.match(answer.text, /MFA/, text);
    }
  });
});

describe('Two groups set against each other (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked how many members "the VPN Users group" has, then its members are counted, not the tenant\'s groups', async () => {
    const answer = await demo.stack.ask('how many people are in the VPN Users group?', admin);
    assert.equal(answer.intent, 'group.info');
    assert.match(answer.text, /of VPN Users/);
    assert.match(answer.text, /\*\*14 members\*\*/);
  });

  it('When asked which of two named groups is bigger, then both groups are answered in turn, each with its members counted', async () => {
    for (const text of ['VPN Users or IT Staff, which one has more people?', 'Finance Approvers vs HR Portal Users — which is larger?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'group.info', text);
      const groups = (answer.entities as Array<{ type: string; displayName?: string }>).filter((e) => e.type === 'group').map((e) => e.displayName);
      assert.equal(new Set(groups).size, 2, `${text}: ${groups.join(', ')}`);
      assert.equal(answer.text.match(/\*\*\d+ members\*\*/g)?.length, 2, text);
    }
  });
});

describe('A ticket number is not an error code (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a help-desk note starts "ticket 50126 -" or "REQ #53003:", then the number is not read as a sign-in error and the person is diagnosed on every error', async () => {
    for (const text of ['ticket 50126 - megan.bowen@contoso.com cannot sign in, pls check', 'REQ #53003: Megan Bowen locked out? need the reason']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.ok(!(answer.entities as Array<{ type: string }>).some((e) => e.type === 'errorCode'), text);
      assert.match(answer.text, /53000/, text);
    }
  });
});
