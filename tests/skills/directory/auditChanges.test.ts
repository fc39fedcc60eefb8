import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER } from '@entra-assistant/local-entra';
import { cardLines } from '../../support/cardLines';
import { answerRequests, DemoStack } from '../../support/demoStack';

describe('audit.changes on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_READER, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When asked who added Bob to Finance, then Pradeep Gupta is named from the entry 12 days back, found in one search of the whole log', async () => {
    const answer = await stack.ask('who added Bob to Finance?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    const lines = cardLines(answer.cards[0]);
    const row = lines.find((l) => l.includes('— Pradeep Gupta') && l.includes('Add member to group'));
    assert.ok(row, lines.join('\n'));
    assert.match(row, /^2026-11-08 14:08 UTC \(12 days ago\) — Pradeep Gupta \(pradeep\.gupta@contoso\.com\): Add member to group on Bob Kelly \(bob@contoso\.com\), Finance \(Group\.DisplayName: Finance\)$/);
    assert.ok(lines.includes('Searched the whole audit log: the last 30 days, all it keeps (the default is 7 days).'), lines.join('\n'));
    assert.equal(answerRequests(answer).length, 2, 'the whole log at once, then the display names of the people in it');
  });

  it('When a question names no single event and the default week is empty, then the answer still widens to 30 days and says so', async () => {
    const answer = await stack.ask('what changed for Nestor?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Nothing in the default 7 days, so this looks 30 days back.'), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('Invite external user')), lines.join('\n'));
  });

  it('When asked who changed the MFA policy, then Raúl\'s update of "Require MFA for all users" shows with its note and readable values', async () => {
    const answer = await stack.ask('who changed the MFA policy?', DEMO_READER.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    const lines = cardLines(answer.cards[0]);
    const row = lines.find((l) => l.includes('Update conditional access policy'));
    assert.ok(row, lines.join('\n'));
    assert.match(row, /Update conditional access policy on Require MFA for all users/);
    assert.match(row, /Exclude trusted locations/);
    assert.doesNotMatch(row, /\\"/, 'JSON string escapes are unwrapped');
  });

  it('When asked what changed for Isaiah this week, then his Global Administrator assignment by Pradeep shows', async () => {
    const answer = await stack.ask('what changed for Isaiah this week?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    const row = lines.find((l) => l.includes('Add member to role'));
    assert.ok(row, lines.join('\n'));
    assert.match(row, /Pradeep Gupta \(pradeep\.gupta@contoso\.com\): Add member to role on Global Administrator, Isaiah Langer \(isaiah\.langer@contoso\.com\) \(Role\.DisplayName: Global Administrator\)$/);
    assert.match(lines[1], /^2026-11-16 00:00 UTC to 2026-11-20 12:00 UTC: \d+ changes?$/);
  });

  it('When a member without reporting roles asks who added Bob to Finance, then the roles needed are named and no audit is shown', async () => {
    const answer = await stack.ask('who added Bob to Finance?', DEMO_MEMBER.userPrincipalName);
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text, /needs one of these Microsoft Entra roles: .*Reports Reader/);
    assert.doesNotMatch(answer.text, /Pradeep|pradeep/);
    assert.equal(answerRequests(answer).length, 0, 'the audit log is not even read');
  });
});
