import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER } from '@entra-assistant/local-entra';
import { cardLines } from '../../support/cardLines';
import { answerRequests, DemoStack } from '../../support/demoStack';

describe('Directory answers on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_READER, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When an admin asks who Megan is, then the card shows her account, sign-ins, manager, MFA and roles from one $batch', async () => {
    const answer = await stack.ask('who is Megan?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.info');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[0], 'Megan Bowen');
    assert.ok(lines.includes('Account: Enabled'));
    assert.ok(lines.includes('Type: Member'));
    assert.ok(lines.includes('Last interactive sign-in: 2026-11-20 11:38 UTC (22 minutes ago)'), lines.join('\n'));
    assert.ok(lines.includes('Manager: Sofia Williams'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('MFA: Registered: Microsoft Authenticator')), lines.join('\n'));
    // Graph's names of her methods, where to reach her and where she works.
    assert.ok(lines.some((l) => /^MFA: .*\(Graph: .*microsoftAuthenticatorPush/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('Office: Seattle'), lines.join('\n'));
    assert.ok(lines.includes('City: Seattle, US'), lines.join('\n'));
    assert.ok(lines.includes('Phone: +1 425 555 1006, +1 206 555 2634 (mobile)'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('Source: Synced from on-premises')));
    assert.ok(lines.includes('No directory roles.'));
    const requests = answerRequests(answer);
    assert.deepEqual(requests.map((r) => r.url.replace(/^https:\/\/[^/]+\/v1\.0/, '')), ['/$batch']);
  });

  it('When the guest Nestor Wilke is asked about, then he is shown as an accepted guest and his missing MFA is called out', async () => {
    const answer = await stack.ask('who is Nestor Wilke?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Type: Guest (invitation accepted)'), lines.join('\n'));
    assert.ok(lines.includes('No MFA method registered.'));
    assert.ok(lines.includes('MFA: Not registered'));
    assert.ok(lines.includes('Source: Invited guest (B2B)'));
  });

  it('When a member without directory roles asks about a user, then the profile shows and MFA, risk and roles are named as needing a role', async () => {
    const answer = await stack.ask('who is Megan?', DEMO_MEMBER.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Account: Enabled'));
    assert.ok(!lines.some((l) => l.startsWith('MFA:')), 'no MFA data for a member');
    assert.ok(!lines.some((l) => l.startsWith('Risk:')), 'no risk data for a member');
    assert.ok(lines.some((l) => /^MFA registration not shown: it needs .*Reports Reader/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^Directory roles not shown/.test(l)));
    const urls = answerRequests(answer).map((r) => r.url).join(' ');
    assert.doesNotMatch(urls, /userRegistrationDetails|riskyUsers/, 'the refused parts are not even read');
  });

  it('When asked which groups Isaiah is in, then VPN Users is inherited through the nested IT Staff group', async () => {
    const answer = await stack.ask('what groups is Isaiah in?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.groups');
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('IT Staff (security group)'), lines.join('\n'));
    assert.ok(lines.includes('VPN Users (security group), through IT Staff'), lines.join('\n'));
    assert.match(lines[1], /^6 groups: 5 direct, 1 inherited/);
    assert.equal(answerRequests(answer).length, 2, 'memberships, then the nesting of the inherited group');
  });

  it('When asked who owns the Finance group, then the owner, the nested Finance Approvers group and the member count show', async () => {
    const answer = await stack.ask('who owns the Finance group?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'group.info');
    const lines = cardLines(answer.cards[0]);
    const owners = lines.indexOf('Owners');
    assert.ok(owners > 0);
    assert.equal(lines[owners + 1], 'Irvin Sayers — irvin.sayers@contoso.com');
    assert.ok(lines.includes('Finance Approvers'), 'the nested group is listed');
    assert.ok(lines.some((l) => /^Direct members: \d+$/.test(l)));
    assert.equal(answerRequests(answer).length, 1);
  });

  it('When asked about Project Falcon, then its missing owners are called out', async () => {
    const answer = await stack.ask('who owns Project Falcon?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.some((l) => l.startsWith('This group has no owners')), lines.join('\n'));
  });

  it('When asked who the global admins are, then Isaiah Langer is among them and the role is called privileged', async () => {
    const answer = await stack.ask('who are the global admins?', DEMO_READER.userPrincipalName);
    assert.equal(answer.intent, 'role.assignments');
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Isaiah Langer — isaiah.langer@contoso.com'), lines.join('\n'));
    assert.ok(lines.includes('Avery Admin — admin@contoso.com'));
    assert.ok(lines.some((l) => l.includes('is a privileged role')));
    assert.equal(answerRequests(answer).length, 2, 'the role by name, then assignments and members in one $batch');
  });

  it('When asked which roles Isaiah has, then Global Administrator is listed as privileged', async () => {
    const answer = await stack.ask('what roles does Isaiah have?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('Global Administrator (privileged)'), lines.join('\n'));
  });

  it('When a member without roles asks who the global admins are, then the answer names the roles needed and shows no holder', async () => {
    const answer = await stack.ask('who are the global admins?', DEMO_MEMBER.userPrincipalName);
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text, /needs one of these Microsoft Entra roles: .*Global Reader/);
    assert.doesNotMatch(answer.text, /Isaiah|Avery/);
    assert.equal(answerRequests(answer).filter((r) => /roleManagement\/directory\/role(Assignments|Definitions)\?\$filter=(roleDefinitionId|displayName)/.test(decodeURIComponent(r.url))).length, 0);
  });
});
