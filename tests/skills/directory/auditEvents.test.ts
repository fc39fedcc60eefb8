import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import type { DirectoryAudit } from '../../../src/graph/directoryQueries';
import { askedEvent, type AuditEvent } from '../../../src/skills/directory/auditEvents';
import { cardLines } from '../../support/cardLines';
import { answerRequests, DemoStack } from '../../support/demoStack';

const WHOLE_LOG_NOTE = 'Searched the whole audit log: the last 30 days, all it keeps (the default is 7 days).';

function eventOf(text: string): AuditEvent {
  const event = askedEvent(text);
  assert.ok(event && event !== 'generic', `an event for "${text}"`);
  return event;
}

/** An update of a policy as Graph logs it: the policy before and after, as JSON in JSON strings. */
function policyUpdate(before: string, after: string): DirectoryAudit {
  const json = (state: string) => JSON.stringify(JSON.stringify({ displayName: 'P', state }));
  return {
    id: '1',
    activityDateTime: '2026-11-20T10:00:00Z',
    activityDisplayName: 'Update conditional access policy',
    targetResources: [{ id: 'p', displayName: 'P', type: 'Policy', modifiedProperties: [{ displayName: 'ConditionalAccessPolicy', oldValue: json(before), newValue: json(after) }] }],
  };
}

describe('Audit: which past event a question asks about', () => {
  const cases: Array<[string, string]> = [
    ['who invited Nestor?', 'invite'],
    ['who created this account?', 'create'],
    ['when was this policy set to report-only, and by whom?', 'reportOnly'],
    ['who turned that policy off?', 'turnOff'],
    ['who switched off the azure management policy', 'turnOff'],
    ['who disabled Lee Gu?', 'turnOff'],
    ['who added Bob to Finance?', 'add'],
    ['who reset Megan\'s password?', 'resetPassword'],
    ['who added the new secret to Payroll Connector?', 'secret'],
  ];
  for (const [text, id] of cases) {
    it(`When asked "${text}", then the event is ${id}`, () => {
      assert.equal(eventOf(text).id, id);
    });
  }

  for (const text of ['what changed for Megan this week?', 'show the audit log for Finance', 'what did Pradeep change?']) {
    it(`When asked "${text}", then it is not about one past event`, () => {
      assert.equal(askedEvent(text), undefined);
    });
  }

  it('When a policy update carries the policy as JSON, then the state change decides which event it is', () => {
    assert.ok(eventOf('who turned it off?').isEvent(policyUpdate('enabled', 'disabled')));
    assert.ok(!eventOf('who turned it off?').isEvent(policyUpdate('disabled', 'disabled')));
    assert.ok(eventOf('when was it set to report-only?').isEvent(policyUpdate('enabled', 'enabledForReportingButNotEnforced')));
    assert.ok(!eventOf('when was it set to report-only?').isEvent(policyUpdate('enabledForReportingButNotEnforced', 'enabled')));
  });
});

describe('Audit: one past event searches the whole log, through the whole stack (demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
  });
  after(async () => {
    await stack?.stop();
  });

  it('When asked who invited Nestor, then the invitation by Conor O\'Brien leads, the other changes follow, and the answer says it searched 30 days', async () => {
    const answer = await stack.ask('who invited Nestor?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    const lines = cardLines(answer.cards[0]);
    assert.match(lines[0], /^The invitation: changes to Nestor Wilke$/);
    assert.match(lines[1], /: 1 invitation found, 2 other changes$/);
    assert.ok(lines.includes("Who: Conor O'Brien (conor.obrien@contoso.com)"), lines.join('\n'));
    const invitation = lines.findIndex((l) => l.includes('Invite external user on Nestor Wilke'));
    const otherChange = lines.findIndex((l) => l.includes('Add member to group on Nestor Wilke'));
    assert.ok(invitation > 0 && otherChange > invitation, lines.join('\n'));
    assert.ok(lines.includes(WHOLE_LOG_NOTE), lines.join('\n'));
    // The pinned clock is 2026-11-20 12:00 UTC: 30 days back, in one search rather than the week first.
    assert.match(lines[1], /^2026-10-21 12:00 UTC to 2026-11-20 12:00 UTC: /);
    assert.equal(answerRequests(answer).length, 2, 'the whole log at once, then the display names of the people in it');
  });

  it('When asked who created this account after talking about Nestor, then the invitation that created it answers', async () => {
    const [, answer] = await stack.askChain(['who is Nestor Wilke?', 'who created this account?'], DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes("Who: Conor O'Brien (conor.obrien@contoso.com)"), lines.join('\n'));
    assert.ok(lines.includes('What: Invite external user'), lines.join('\n'));
    assert.ok(lines.includes(WHOLE_LOG_NOTE), lines.join('\n'));
  });

  it('When asked who turned off a policy named in full, then the audit log (not the policy list) names Raul Razo 14 days back', async () => {
    const answer = await stack.ask('who turned off Block Azure management from untrusted locations?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    assert.equal(answer.plan, undefined);
    const lines = cardLines(answer.cards[0]);
    assert.match(lines[0], /^The switch-off: changes to the policy "Block Azure management from untrusted locations"$/);
    assert.ok(lines.includes('Who: Raul Razo (raul.razo@contoso.com)'), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('Policy switched off after a false positive')), lines.join('\n'));
    assert.ok(lines.includes(WHOLE_LOG_NOTE), lines.join('\n'));
  });

  it('When asked "who turned that policy off?" after the policy was discussed, then the audit log answers about that policy', async () => {
    const [, answer] = await stack.askChain(['explain Block Azure management from untrusted locations', 'who turned that policy off?'], DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    assert.equal(answer.plan, undefined);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Who: Raul Razo (raul.razo@contoso.com)'), lines.join('\n'));
    assert.doesNotMatch(lines.join('\n'), /Conditional Access policies · state/);
  });

  it('When asked when a discussed policy was set to report-only and by whom, then Sam Secadmin\'s change 21 days back answers', async () => {
    const [, answer] = await stack.askChain(['explain the Sign-in frequency for unmanaged devices policy', 'when was this policy set to report-only, and by whom?'], DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'audit.changes');
    const lines = cardLines(answer.cards[0]);
    assert.match(lines[0], /^The switch to report-only: /);
    assert.ok(lines.includes('Who: Sam Secadmin (sam.secadmin@contoso.com)'), lines.join('\n'));
    assert.ok(lines.some((l) => /^When: 2026-10-30 \d\d:\d\d UTC \(21 days ago\)$/.test(l)), lines.join('\n'));
    assert.ok(lines.includes(WHOLE_LOG_NOTE), lines.join('\n'));
  });

  it('When the event asked about is older than the log keeps, then the answer says nothing was found in the 30 days it searched', async () => {
    const answer = await stack.ask('who created Megan Bowen\'s account?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.some((l) => l.startsWith('No creation found among the changes to Megan Bowen in the last 30 days, all the audit log keeps')), lines.join('\n'));
  });
});
