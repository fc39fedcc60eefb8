import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { cardLines } from '../../support/cardLines';
import { answerRequests, DemoStack } from '../../support/demoStack';

describe('app.info on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When asked who owns the Payroll Connector, then Miriam Graham owns it and her new secret shows in the credentials and the audit', async () => {
    const answer = await stack.ask('who owns the Payroll Connector?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'app.info');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[0], 'Payroll Connector');
    const owners = lines.indexOf('Owners');
    assert.ok(lines.slice(owners + 1, owners + 3).some((l) => l.startsWith('Miriam Graham')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('secret "Payroll sync rotation" — expires')), lines.join('\n'));
    const change = lines.find((l) => l.includes('Certificates and secrets management'));
    assert.ok(change, lines.join('\n'));
    assert.match(change, /^2026-11-18 09:14 UTC \(2 days ago\) — Miriam Graham \(miriam\.graham@contoso\.com\): Update application/);
    assert.match(change, /KeyDescription: .*DisplayName=Payroll sync 2026\\\] → .*DisplayName=Payroll sync rotation\\\]/);
    const urls = answerRequests(answer).map((r) => decodeURIComponent(r.url));
    assert.equal(urls.length, 3, 'the app in one $batch, then its owners and audit in another, then the names of the people the audit log names by address only');
    assert.ok(urls.every((u) => u.endsWith('/$batch')));
  });

  it('When asked which app secrets expire this month, then the four expiring credentials are listed and the expired Inventory Sync secret apart', async () => {
    const answer = await stack.ask('which app secrets expire this month?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'app.info');
    const lines = cardLines(answer.cards[0]);
    const expiring = lines.indexOf('Expiring this month');
    const expired = lines.indexOf('Already expired');
    assert.ok(expiring > 0 && expired > expiring, lines.join('\n'));
    const soon = lines.slice(expiring + 1, expired).join('\n');
    for (const app of ['Sales Dashboard', 'Expense Tracker', 'Invoice OCR', 'Backup Service']) assert.match(soon, new RegExp(`^${app}: `, 'm'), soon);
    assert.doesNotMatch(soon, /Payroll Connector|Inventory Sync/);
    assert.match(lines.slice(expired + 1).join('\n'), /^Inventory Sync: secret "Inventory Sync secret" — expired/m);
    assert.equal(answerRequests(answer).length, 1);
  });

  it('When a member without reporting roles asks about the Payroll Connector, then the audit part is refused with the roles named and not even read', async () => {
    // Members may read app registrations (default user permissions); the audit log needs a role.
    const answer = await stack.ask('who owns the Payroll Connector?', DEMO_MEMBER.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.some((l) => /^Recent changes not shown: the audit log needs .*Reports Reader/.test(l)), lines.join('\n'));
    assert.ok(!lines.some((l) => l.includes('Certificates and secrets management')), 'no audit rows for a member');
    assert.ok(!lines.some((l) => l.startsWith('Credential and app changes')));
  });
});
