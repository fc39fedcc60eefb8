import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER, LOCAL_BOT_CLIENT } from '@entra-assistant/local-entra';
import { SqliteMitigationStore } from '../../src/mitigations/sqliteMitigationStore';
import type { MitigationRecord } from '../../src/mitigations/mitigationStore';
import { DemoStack } from '../support/demoStack';
import { buttonsOf, TeamsChat, type Card } from '../support/teamsChat';
import { validateAdaptiveCard } from '../support/cardValidator';

type Json = Record<string, unknown>;

function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (typeof n.text === 'string') out.push(n.text);
      if (typeof n.title === 'string' && typeof n.value === 'string') out.push(`${n.title}: ${n.value}`);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out.join('\n');
}

function userIdOf(tenantDir: string, upn: string): string {
  const users = (JSON.parse(fs.readFileSync(path.join(tenantDir, 'users.json'), 'utf8')) as { value: Array<{ id: string; userPrincipalName: string }> }).value;
  return users.find((u) => u.userPrincipalName === upn)!.id;
}

describe('Mitigations behind a confirmation, through the whole stack (issue #7)', function () {
  this.timeout(120_000);
  let stack: DemoStack;
  let dir: string;
  let file: string;
  let graph: Client;
  let tenantDir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitigations-'));
    file = path.join(dir, 'records.sqlite');
    tenantDir = await ensureDemoTenant();
    stack = await new DemoStack(tenantDir, { FEEDBACK_SQLITE_PATH: file }).start();
    graph = createGraphClient(stack.graphConfig);
  });
  after(async () => {
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const chat = () => new TeamsChat(stack.botUrl, stack.connectorServer, tenantDir);

  async function records(): Promise<MitigationRecord[]> {
    const store = new SqliteMitigationStore(file);
    try {
      return await store.list();
    } finally {
      await store.close();
    }
  }

  async function auditsFor(targetId: string, activity: string): Promise<Json[]> {
    const page = (await graph.api('/auditLogs/directoryAudits').filter(`activityDisplayName eq '${activity}'`).top(100).get()) as { value: Json[] };
    return page.value.filter((a) => (a.targetResources as Json[]).some((t) => t.id === targetId));
  }

  it('When an admin confirms a risky sign-in safe, then Graph marks that sign-in and its detection safe, and the audit log says so', async () => {
    const detections = (await graph.api('/identityProtection/riskDetections').filter("riskState eq 'atRisk'").top(100).get()) as { value: Json[] };
    // In the demo tenant only storyline detections are linked to a sign-in: Bob's unfamiliar sign-in (the admin decides).
    const detection = detections.value.find((d) => typeof d.requestId === 'string' && d.riskEventType === 'unfamiliarFeatures')!;
    assert.ok(detection, 'the demo tenant has an open detection linked to a sign-in');
    const requestId = detection.requestId as string;
    const c = chat();
    const button: Card = {
      body: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Confirm sign-in safe', data: { mitigate: { action: 'confirmSafe', target: { kind: 'signIn', id: requestId, displayName: `${String(detection.userDisplayName)}'s sign-in` } } } }] }],
    };
    const asked = await c.submit(button, 'Confirm sign-in safe', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(asked.cards[0]), new RegExp(`Confirm: confirm ${String(detection.userDisplayName)}'s sign-in as safe\\?`));
    assert.match(textOf(asked.cards[0]), /Now: sign-in risk \w+, at risk/);
    const done = await c.execute(asked.cards[0], 'Confirm sign-in safe', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(done.body.value), /is confirmed safe\./);
    const signIn = (await graph.api(`/auditLogs/signIns/${requestId}`).get()) as Json;
    assert.equal(signIn.riskState, 'confirmedSafe');
    const after = (await graph.api(`/identityProtection/riskDetections/${String(detection.id)}`).get()) as Json;
    assert.equal(after.riskState, 'confirmedSafe');
    assert.equal((await auditsFor(String(detection.userId), 'Confirm sign-in safe')).length, 1);
  });

  it('When an admin presses a mitigation button on a risk card, then the confirmation follows, and once done the risk card itself says so and loses its buttons', async () => {
    const bob = userIdOf(tenantDir, 'bob@contoso.com');
    const c = chat();
    const risk = await c.say('why is Bob high risk?', DEMO_ADMIN.userPrincipalName);
    const riskCard = risk.cards[0];
    assert.deepEqual(
      buttonsOf(riskCard).filter((b) => b.type === 'Action.Submit').map((b) => b.title),
      ['Confirm compromised', 'Dismiss risk', 'Revoke sessions', 'Disable account'],
    );
    const asked = await c.submit(riskCard, 'Revoke sessions', DEMO_ADMIN.userPrincipalName, risk.messageId);
    const card = asked.cards[0];
    assert.match(textOf(card), /Confirm: revoke all of Bob Kelly's sessions\?/);
    assert.match(textOf(card), /Now: account enabled; sessions valid since/);
    const done = await c.execute(card, 'Revoke sessions', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(done.body.value), /Bob Kelly's sessions are revoked/);
    assert.equal((await auditsFor(bob, 'Invalidate all refresh tokens for user')).length, 1);
    const update = c.updates().find((u) => u.path.endsWith(`/activities/${risk.messageId}`));
    assert.ok(update, 'the risk card was updated');
    const updated = (update.body.attachments as Array<{ content: Card }>)[0].content;
    assert.match(textOf(updated), /^✅ Bob Kelly's sessions are revoked: every app and device will ask them to sign in again\. \(Avery Admin, 2026-11-20 12:00 UTC\)/);
    assert.deepEqual(buttonsOf(updated).filter((b) => b.type === 'Action.Submit').map((b) => b.title), [], 'no mitigation buttons left on the old card');
    assert.ok(buttonsOf(updated).some((b) => b.verb === 'feedback.up'), 'its feedback buttons stay');
    assert.deepEqual(validateAdaptiveCard(updated), []);
  });

  it('When a Global Administrator asks to confirm Bob compromised, then a confirmation card names him and the effect, and nothing changes until Confirm; Confirm changes it once, even clicked twice', async () => {
    const bob = userIdOf(tenantDir, 'bob@contoso.com');
    const c = chat();
    const asked = await c.say('confirm Bob as compromised', DEMO_ADMIN.userPrincipalName);
    const card = asked.cards[0];
    assert.ok(card, asked.text);
    const text = textOf(card);
    assert.match(text, /Confirm: confirm Bob Kelly as compromised\?/);
    assert.match(text, /Target: Bob Kelly \(bob@contoso\.com\) — user/);
    assert.match(text, /Sets Bob Kelly's user risk to high/);
    assert.match(text, /Now: risk high, at risk/);
    assert.deepEqual(buttonsOf(card).filter((b) => b.type === 'Action.Execute' && String(b.verb).startsWith('mitigation.')).map((b) => b.title), ['Confirm compromised', 'Cancel']);
    assert.deepEqual(validateAdaptiveCard(card), []);
    // Asking changed nothing.
    assert.equal(((await graph.api(`/identityProtection/riskyUsers/${bob}`).get()) as Json).riskState, 'atRisk');
    const [pending] = (await records()).filter((r) => r.proposal.target.id === bob && r.proposal.action === 'confirmCompromised');
    assert.equal(pending.status, 'pending');
    assert.equal(pending.proposedBy.aadObjectId, userIdOf(tenantDir, DEMO_ADMIN.userPrincipalName));

    const first = await c.execute(card, 'Confirm compromised', DEMO_ADMIN.userPrincipalName, asked.messageId);
    assert.equal(first.status, 200);
    assert.equal(first.body.type, 'application/vnd.microsoft.card.adaptive');
    const done = textOf(first.body.value);
    assert.match(done, /Done: confirm compromised — Bob Kelly/);
    assert.match(done, /Bob Kelly is confirmed compromised: user risk high\./);
    assert.deepEqual(buttonsOf(first.body.value as Card).filter((b) => String(b.verb).startsWith('mitigation.')), [], 'no confirm buttons on the result');
    const risky = (await graph.api(`/identityProtection/riskyUsers/${bob}`).get()) as Json;
    assert.equal(risky.riskState, 'confirmedCompromised');
    assert.equal(risky.riskDetail, 'adminConfirmedUserCompromised');

    // The second click (Teams retries, or an impatient admin) gets the same result and calls Graph no more.
    const second = await c.execute(card, 'Confirm compromised', DEMO_ADMIN.userPrincipalName, asked.messageId);
    assert.match(textOf(second.body.value), /Done: confirm compromised — Bob Kelly/);
    assert.equal((await auditsFor(bob, 'Confirm user compromised')).length, 1, 'one audit entry, as Graph writes one per change');

    // The confirmation card was updated for everyone in the chat.
    const update = c.updates().find((u) => u.path.endsWith(`/activities/${asked.messageId}`));
    assert.ok(update, 'the confirmation message was updated');
    assert.match(textOf(update.body.attachments), /Done: confirm compromised — Bob Kelly/);

    const [record] = (await records()).filter((r) => r.proposal.target.id === bob && r.proposal.action === 'confirmCompromised');
    assert.equal(record.status, 'done');
    assert.equal(record.decidedBy?.aadObjectId, userIdOf(tenantDir, DEMO_ADMIN.userPrincipalName));
    assert.equal(record.outcome?.ok, true);
  });

  it('When two admins press Confirm at the same moment, then Graph is called once and both see the result', async () => {
    const alex = userIdOf(tenantDir, 'alex.wilber@contoso.com');
    const c = chat();
    const asked = await c.say("dismiss Alex's risk", DEMO_SECURITY_ADMIN.userPrincipalName);
    const card = asked.cards[0];
    assert.match(textOf(card), /Confirm: dismiss Alex Wilber's user risk\?/);
    const [a, b] = await Promise.all([
      c.execute(card, 'Dismiss risk', DEMO_SECURITY_ADMIN.userPrincipalName),
      c.execute(card, 'Dismiss risk', DEMO_ADMIN.userPrincipalName),
    ]);
    for (const r of [a, b]) assert.match(textOf(r.body.value), /(Done|In progress): dismiss risk — Alex Wilber/);
    assert.equal((await auditsFor(alex, 'Dismiss user risk')).length, 1);
    assert.equal(((await graph.api(`/identityProtection/riskyUsers/${alex}`).get()) as Json).riskState, 'dismissed');
  });

  it('When the same change is confirmed on two cards, then the second finds it done and sends nothing to Graph', async () => {
    const megan = userIdOf(tenantDir, 'megan.bowen@contoso.com');
    const c = chat();
    const first = await c.say('disable megan.bowen@contoso.com', DEMO_ADMIN.userPrincipalName);
    const second = await c.say('disable megan.bowen@contoso.com', DEMO_ADMIN.userPrincipalName);
    assert.ok(first.cards[0] && second.cards[0], `${first.text} | ${second.text}`);
    const done = await c.execute(first.cards[0], 'Disable account', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(done.body.value), /Megan Bowen's account is disabled/);
    const again = await c.execute(second.cards[0], 'Disable account', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(again.body.value), /Nothing was changed\. Megan Bowen is already disabled/);
    assert.equal(((await graph.api(`/users/${megan}`).select('accountEnabled').get()) as Json).accountEnabled, false);
    assert.equal((await auditsFor(megan, 'Update user')).length, 1, 'one change, one audit entry');
  });

  it('When a Security Reader asks to act, then the answer names the roles that may, and no confirmation is offered', async () => {
    const asked = await chat().say("dismiss Alex Wilber's risk", DEMO_SECURITY_READER.userPrincipalName);
    assert.equal(asked.cards.length, 0);
    assert.match(asked.text, /you need one of these Microsoft Entra roles: Global Administrator, Security Administrator or Security Operator/);
    assert.match(asked.text, /Your account holds Security Reader, which may read but not do this/);
    assert.match(asked.text, /Nothing was changed/);
  });

  it('When someone who may not act presses Confirm on another admin\'s card, then it is refused with the role named and the card still works for an allowed admin', async () => {
    const megan = userIdOf(tenantDir, 'megan.bowen@contoso.com');
    const c = chat();
    const asked = await c.say("revoke Megan's sessions", DEMO_ADMIN.userPrincipalName);
    const card = asked.cards[0];
    assert.match(textOf(card), /Confirm: revoke all of Megan Bowen's sessions\?/);
    const refused = await c.execute(card, 'Revoke sessions', DEMO_SECURITY_READER.userPrincipalName);
    assert.equal(refused.status, 200);
    assert.match(textOf(refused.body.value), /this needs one of these roles: Global Administrator, Privileged Authentication Administrator, User Administrator, Authentication Administrator, Helpdesk Administrator or Password Administrator/);
    assert.equal(buttonsOf(refused.body.value as Card).filter((b) => b.verb === 'mitigation.confirm').length, 1, 'the buttons stay for someone allowed');
    assert.equal((await auditsFor(megan, 'Invalidate all refresh tokens for user')).length, 0);
    assert.equal((await records()).find((r) => r.proposal.target.id === megan && r.proposal.action === 'revokeSessions')?.status, 'pending');

    const done = await c.execute(card, 'Revoke sessions', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(done.body.value), /Megan Bowen's sessions are revoked/);
    assert.equal((await auditsFor(megan, 'Invalidate all refresh tokens for user')).length, 1);
  });

  it('When the confirmation has timed out, then Confirm changes nothing and says to ask again', async () => {
    const bob = userIdOf(tenantDir, 'bob@contoso.com');
    const c = chat();
    const asked = await c.say('disable bob@contoso.com', DEMO_ADMIN.userPrincipalName);
    const card = asked.cards[0];
    assert.match(textOf(card), /Confirm: disable Bob Kelly's account\?/);
    const record = (await records()).find((r) => r.proposal.target.id === bob && r.proposal.action === 'disable')!;
    // The deadline passes (the bot's clock is pinned, so the record's deadline moves instead).
    const db = new Database(file);
    try {
      const expired = { ...record, expiresAt: new Date(Date.parse(record.proposedAt) - 1000).toISOString() };
      db.prepare('UPDATE mitigations SET record = ? WHERE id = ?').run(JSON.stringify(expired), record.id);
    } finally {
      db.close();
    }
    const late = await c.execute(card, 'Disable account', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(late.body.value), /Expired: disable account — Bob Kelly/);
    assert.match(textOf(late.body.value), /Nothing was changed: the confirmation timed out/);
    assert.equal(((await graph.api(`/users/${bob}`).select('accountEnabled').get()) as Json).accountEnabled, true);
    assert.equal((await records()).find((r) => r.id === record.id)?.status, 'expired');
  });

  it('When the admin cancels, then nothing changes and the card says who cancelled', async () => {
    const c = chat();
    const asked = await c.say('disable alex.wilber@contoso.com', DEMO_ADMIN.userPrincipalName);
    const cancelled = await c.execute(asked.cards[0], 'Cancel', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(cancelled.body.value), /Cancelled: disable account — Alex Wilber/);
    assert.match(textOf(cancelled.body.value), /Cancelled by Avery Admin/);
    const alex = userIdOf(tenantDir, 'alex.wilber@contoso.com');
    assert.equal(((await graph.api(`/users/${alex}`).select('accountEnabled').get()) as Json).accountEnabled, true);
    // A Confirm after the cancel changes nothing either.
    const after = await c.execute(asked.cards[0], 'Disable account', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(after.body.value), /Cancelled: disable account/);
  });

  it('When asked to reset a password, then the bot explains how and where, and does not do it', async () => {
    const asked = await chat().say("reset Bob Kelly's password", DEMO_ADMIN.userPrincipalName);
    assert.equal(asked.cards.length, 0);
    assert.match(asked.text, /I don't reset passwords/);
    assert.match(asked.text, /https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_UsersAndTenants\/UserProfileMenuBlade\/~\/overview\/userId\/[0-9a-f-]{36}/);
  });

  it('When a member without a role asks to disable someone, then the roles are named and nothing is offered', async () => {
    const asked = await chat().say('disable megan.bowen@contoso.com', DEMO_MEMBER.userPrincipalName);
    assert.equal(asked.cards.length, 0);
    assert.match(asked.text, /Global Administrator, Privileged Authentication Administrator, User Administrator or Authentication Administrator/);
    assert.match(asked.text, /Your account holds none of them/);
  });

  it('When a click names a mitigation this conversation never saw, then it is refused', async () => {
    const c = chat();
    const forged: Card = { body: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Go', verb: 'mitigation.confirm', data: { mitigationId: '00000000-0000-4000-8000-000000000000' } }] }] };
    const res = await c.execute(forged, 'Go', DEMO_ADMIN.userPrincipalName);
    assert.equal(res.status, 400);
    assert.match(JSON.stringify(res.body), /not one I know in this conversation/);
  });
});

describe('Mitigations with single sign-on: Graph acts with the confirming admin\'s own token', function () {
  this.timeout(120_000);
  let stack: DemoStack;
  let dir: string;
  let graph: Client;
  let tenantDir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitigations-sso-'));
    tenantDir = await ensureDemoTenant();
    stack = await new DemoStack(tenantDir, { FEEDBACK_SQLITE_PATH: path.join(dir, 'records.sqlite'), SSO_ENABLED: 'on', SSO_APP_ID: LOCAL_BOT_CLIENT.clientId }).start();
    graph = createGraphClient(stack.graphConfig);
  });
  after(async () => {
    await stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(upn: string): Promise<TeamsChat> {
    const c = new TeamsChat(stack.botUrl, stack.connectorServer, tenantDir);
    assert.equal(await c.signIn(upn, await stack.userToken(userIdOf(tenantDir, upn))), 200);
    return c;
  }

  it('When a signed-in Global Administrator confirms, then the change is made with their token and the audit log names them, not the bot', async () => {
    const megan = userIdOf(tenantDir, 'megan.bowen@contoso.com');
    const c = await signedIn(DEMO_ADMIN.userPrincipalName);
    const asked = await c.say("revoke Megan's sessions", DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(asked.cards[0]), /Confirm: revoke all of Megan Bowen's sessions\?/);
    const done = await c.execute(asked.cards[0], 'Revoke sessions', DEMO_ADMIN.userPrincipalName);
    assert.match(textOf(done.body.value), /Megan Bowen's sessions are revoked/);
    const page = (await graph.api('/auditLogs/directoryAudits').filter("activityDisplayName eq 'Invalidate all refresh tokens for user'").top(50).get()) as { value: Json[] };
    const entry = page.value.find((a) => (a.targetResources as Json[]).some((t) => t.id === megan))!;
    assert.ok(entry);
    const initiatedBy = entry.initiatedBy as { user?: { userPrincipalName?: string }; app?: unknown };
    assert.equal(initiatedBy.user?.userPrincipalName, DEMO_ADMIN.userPrincipalName);
  });

  it('When a signed-in Security Reader asks to act, then the roles are named before anything is offered', async () => {
    const c = await signedIn(DEMO_SECURITY_READER.userPrincipalName);
    const asked = await c.say("dismiss Alex Wilber's risk", DEMO_SECURITY_READER.userPrincipalName);
    assert.equal(asked.cards.length, 0);
    assert.match(asked.text, /you need one of these Microsoft Entra roles: Global Administrator, Security Administrator or Security Operator/);
  });
});
