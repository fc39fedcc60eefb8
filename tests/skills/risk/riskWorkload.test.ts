import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_SECURITY_READER } from '@entra-assistant/local-entra';
import type { DirectoryAudit } from '../../../src/graph/directoryQueries';
import type { ServicePrincipalRiskDetection } from '../../../src/graph/workloadRiskQueries';
import { riskTypeInfo } from '../../../src/knowledge/riskTypes';
import { decodeCursor } from '../../../src/skills/common/cursor';
import { riskWorkloadSkill } from '../../../src/skills/risk/riskWorkload';
import type { WorkloadRiskCardModel } from '../../../src/skills/risk/riskWorkloadAnswer';
import { WORKLOAD_PAGE } from '../../../src/skills/risk/riskWorkloads';
import { credentialChanges, newCredentialBeforeRisk } from '../../../src/skills/risk/workloadCredentials';
import type { AnswerAction, SkillAnswer } from '../../../src/skills/types';
import { answerRequests, DemoStack, PINNED_NOW } from '../../support/demoStack';
import { SkillHarness } from '../../support/skillHarness';
import { cardLines } from '../../support/cardLines';
import { buttonsOf, TeamsChat, type Card } from '../../support/teamsChat';

/** The mitigation a card button carries back (Action.Submit data). */
function mitigationOf(data: Record<string, unknown> | undefined): { action: string; target: { kind: string; id: string } } | undefined {
  return data?.mitigate as { action: string; target: { kind: string; id: string } } | undefined;
}

const MITIGATION_TITLES = ['Confirm compromised', 'Dismiss risk', 'Disable service principal'];

describe('risk.workload on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_SECURITY_READER, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When an admin asks "any risky apps?", then Payroll Connector is listed first at high risk, the dismissed one is counted apart, from one $batch', async () => {
    const answer = await stack.ask('any risky apps?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.workload');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[0], 'Risky workload identities');
    assert.ok(lines.includes('High: 1'), lines.join('\n'));
    const first = lines.indexOf('Highest risk first, newest first') + 1;
    assert.match(lines[first], /^Payroll Connector — high risk, last changed 2026-11-19 03:00 UTC/);
    assert.ok(!lines.some((l) => l.startsWith('Marketing Automation')), 'a dismissed risk is not listed');
    assert.ok(lines.some((l) => /^Not listed: 1 workload identity whose risk was dismissed, remediated or confirmed safe: Marketing Automation \(dismissed \d{4}-\d\d-\d\d/.test(l)), lines.join('\n'));
    assert.equal(buttonsOf(answer.cards[0] as Card).filter((b) => b.title.startsWith('Show more')).length, 0, 'one page: no "show more"');
    const requests = answerRequests(answer);
    assert.deepEqual(requests.map((r) => r.url.replace(/^https:\/\/[^/]+\/v1\.0/, '')), ['/$batch']);
  });

  it('When asked for high-risk workload identities or which apps are at risk, then the same list answers, filtered by level when one is named', async () => {
    const high = await stack.ask('show risky workload identities with high risk', DEMO_ADMIN.userPrincipalName);
    assert.equal(high.intent, 'risk.workload');
    const highLines = cardLines(high.cards[0]);
    assert.equal(highLines[0], 'Risky workload identities (high risk)');
    assert.equal(highLines[1], '1 service principal at high risk');
    const atRisk = await stack.ask('which apps are at risk', DEMO_ADMIN.userPrincipalName);
    assert.ok(cardLines(atRisk.cards[0]).some((l) => l.startsWith('Payroll Connector — high risk')));
    const medium = await stack.ask('show risky workload identities with medium risk', DEMO_ADMIN.userPrincipalName);
    assert.equal(medium.cards.length, 0);
    assert.match(medium.text, /^No workload identity \(service principal\) is at medium risk\./);
  });

  it('When an admin asks whether the Payroll Connector is compromised, then the detection, the new secret used from Singapore, who added it just before, the owners and three buttons are shown', async () => {
    const answer = await stack.ask('is the Payroll Connector service principal compromised?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.workload');
    const card = answer.cards[0];
    const lines = cardLines(card);
    const text = lines.join('\n');
    assert.equal(lines[0], 'Payroll Connector');
    assert.ok(lines.includes('Workload identity (service principal) at high risk'), text);
    assert.ok(lines.includes('Risk state: at risk (atRisk)'), text);
    const typeName = riskTypeInfo('suspiciousSignins', 'servicePrincipal').name;
    assert.notEqual(typeName, 'suspiciousSignins', 'the detection type is named in plain words');
    const detections = lines.indexOf('Detections (newest first)');
    const detection = lines[detections + 1];
    assert.ok(detection.includes(typeName), detection);
    assert.match(detection, /from 192\.0\.2\.150 \(Singapore, SG\), using the secret "Payroll sync rotation"/);
    assert.ok(
      lines.some((l) => /^A credential was added 48 minutes before the first risky activity: Miriam Graham added the secret "Payroll sync rotation" .*the risky activity used it/.test(l)),
      text,
    );
    const owners = lines.indexOf('Owners');
    assert.ok(lines.slice(owners + 1, owners + 3).some((l) => l.startsWith('Miriam Graham')), text);
    assert.ok(lines.some((l) => /^secret "Payroll sync rotation" — expires .* — used in the risky activity$/.test(l)), text);
    assert.ok(lines.some((l) => /— Miriam Graham added the secret "Payroll sync rotation" \(audit: Update application – Certificates and secrets management\)$/.test(l)), text);
    assert.ok(lines.some((l) => /^• Remove the secret "Payroll sync rotation" now/.test(l)), text);

    const spId = (answer.entities as Array<{ type: string; id?: string }>).find((e) => e.type === 'app')!.id;
    const buttons = buttonsOf(card as Card).filter((b) => MITIGATION_TITLES.includes(b.title));
    assert.deepEqual(buttons.map((b) => b.title), MITIGATION_TITLES);
    assert.deepEqual(
      buttons.map((b) => mitigationOf(b.data)?.action),
      ['confirmCompromised', 'dismiss', 'disable'],
    );
    for (const b of buttons) assert.deepEqual({ kind: mitigationOf(b.data)?.target.kind, id: mitigationOf(b.data)?.target.id }, { kind: 'servicePrincipal', id: spId });
    assert.ok(!lines.some((l) => l.startsWith('You can read this risk but not act on it')));

    const requests = answerRequests(answer);
    assert.ok(requests.length <= 3, `risk and app, then owners and audit, then names: ${requests.length} round trips`);
    assert.ok(requests.every((r) => r.url.endsWith('/$batch')));
  });

  it('When an admin asks about Marketing Automation, then the answer says it is not at risk: its low risk was dismissed by Sam Secadmin', async () => {
    const answer = await stack.ask('is the Marketing Automation app risky?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.workload');
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text, /^Marketing Automation is not at risk now \(risk state: dismissed\)\./);
    assert.match(answer.text, /low risk .* was dismissed by Sam Secadmin on 2026-11-04 03:12 UTC/);
    assert.match(answer.text, /Nothing to do/);
    // What had been detected stays visible after the dismissal, with Graph's name for it.
    assert.match(answer.text, /What was detected:\n\n?- 2026-11-03 04:00 UTC .*Anomalous service principal activity \(low risk, dismissed\) — "Unusual volume of directory reads".*Graph: anomalousServicePrincipalActivity, dismissed/);
  });

  it('When a Security Reader asks about the Payroll Connector, then the risk shows without buttons, with the roles that may act named', async () => {
    const answer = await stack.ask('is the Payroll Connector service principal compromised?', DEMO_SECURITY_READER.userPrincipalName);
    const card = answer.cards[0];
    const lines = cardLines(card);
    assert.ok(lines.includes('Workload identity (service principal) at high risk'), lines.join('\n'));
    assert.ok(lines.some((l) => /^A credential was added .* before the first risky activity/.test(l)), 'Security Reader may read the audit log');
    assert.deepEqual(buttonsOf(card as Card).filter((b) => MITIGATION_TITLES.includes(b.title)), []);
    const note = lines.find((l) => l.startsWith('You can read this risk but not act on it'));
    assert.ok(note, lines.join('\n'));
    assert.match(note, /confirming it compromised or dismissing its risk needs Global Administrator or Security Administrator/);
    assert.match(note, /disabling it needs .*Application Administrator/);
  });

  it('When a member without a role asks, then the roles needed are named and no risk is read', async () => {
    const answer = await stack.ask('any risky apps?', DEMO_MEMBER.userPrincipalName);
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text, /^Reading risky workload identities needs one of these Microsoft Entra roles: .*Security Reader/);
    assert.deepEqual(answerRequests(answer), []);
  });
});

/** A copy of the demo tenant with 23 more risky service principals, so the list runs to three pages. */
function tenantWithManyRiskyApps(demoDir: string): { dir: string; extra: Array<{ displayName: string; riskLevel: string; riskLastUpdatedDateTime: string }> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risky-apps-'));
  fs.cpSync(demoDir, dir, { recursive: true });
  const file = path.join(dir, 'identityProtection', 'riskyServicePrincipals.json');
  const existing = (JSON.parse(fs.readFileSync(file, 'utf8')) as { value: unknown[] }).value;
  const levels = ['low', 'medium', 'high'];
  const extra = Array.from({ length: 23 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    appId: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`,
    displayName: `Test workload ${String(i + 1).padStart(2, '0')}`,
    servicePrincipalType: 'Application',
    isEnabled: true,
    isProcessing: false,
    riskDetail: 'none',
    // Spread over days and levels so that neither the order of the file nor of the times gives the answer's order.
    riskLastUpdatedDateTime: new Date(Date.parse(PINNED_NOW) - ((i * 7) % 23) * 3_600_000 - 60_000).toISOString(),
    riskLevel: levels[i % 3],
    riskState: i === 4 ? 'confirmedCompromised' : 'atRisk',
    history: [],
  }));
  const closed = { ...extra[0], id: '00000000-0000-4000-8000-999999999999', displayName: 'Test workload dismissed', riskLevel: 'none', riskState: 'dismissed' };
  fs.writeFileSync(file, JSON.stringify({ value: [...existing, ...extra, closed] }));
  return { dir, extra };
}

describe('risk.workload pages and cursors, at skill level and through the bot, on a tenant with 24 risky apps', function () {
  this.timeout(60_000);
  let harness: SkillHarness;
  let tenantDir: string;
  let expectedOrder: string[];
  let bot: DemoStack;

  before(async () => {
    const made = tenantWithManyRiskyApps(await ensureDemoTenant());
    tenantDir = made.dir;
    const rank: Record<string, number> = { high: 0, medium: 1, low: 2 };
    expectedOrder = [{ displayName: 'Payroll Connector', riskLevel: 'high', riskLastUpdatedDateTime: '2026-11-19T03:00:00.000Z' }, ...made.extra]
      .sort((a, b) => rank[a.riskLevel] - rank[b.riskLevel] || Date.parse(b.riskLastUpdatedDateTime) - Date.parse(a.riskLastUpdatedDateTime))
      .map((r) => r.displayName);
    harness = await new SkillHarness(tenantDir, riskWorkloadSkill).start('riskyServicePrincipals.read');
    bot = await new DemoStack(tenantDir).start();
  });
  after(async () => {
    await bot?.stop();
    await harness?.stop();
    fs.rmSync(tenantDir, { recursive: true, force: true });
  });

  const ask = (text: string, cursor?: string) => harness.ask(text, cursor);

  function page(answer: SkillAnswer): { names: string[]; more?: Extract<AnswerAction, { kind: 'showMore' }> } {
    assert.equal(answer.kind, 'card', JSON.stringify(answer));
    const model = (answer as { data: WorkloadRiskCardModel }).data;
    const names = model.sections[0].items.map((i) => i.text.split(' — ')[0]);
    const more = (answer as { actions?: AnswerAction[] }).actions?.find((a): a is Extract<AnswerAction, { kind: 'showMore' }> => a.kind === 'showMore');
    return { names, more };
  }

  it('When 24 workload identities are at risk, then three pages list them by level then newest, each "show more" continuing where the last stopped', async () => {
    const first = await ask('any risky apps?');
    const one = page(first.answer);
    assert.equal(one.names.length, WORKLOAD_PAGE);
    assert.ok(one.more, 'a "show more" button on the first page');
    const model = (first.answer as { data: WorkloadRiskCardModel }).data;
    assert.deepEqual(model.facts, [
      { title: 'High', value: String(expectedOrder.length - 16) },
      { title: 'Medium', value: '8' },
      { title: 'Low', value: '8' },
    ]);
    assert.ok(model.callouts.some((c) => c.text.startsWith('1 confirmed compromised')));
    assert.ok(model.notes.some((n) => n.text === 'Not listed: 2 workload identities whose risk was dismissed, remediated or confirmed safe: Marketing Automation (dismissed 2026-11-04 03:12 UTC), Test workload dismissed (dismissed 2026-11-20 11:59 UTC).'), JSON.stringify(model.notes));
    // Graph pages the list by 20: the nextLink is followed on the same host, and nothing else is read.
    const origin = harness.graphOrigin;
    assert.equal(first.urls.length, 2, first.urls.join('\n'));
    assert.ok(first.urls.every((u) => u.startsWith(origin)));

    const two = page((await ask('any risky apps?', one.more.cursor)).answer);
    assert.equal(two.names.length, WORKLOAD_PAGE);
    assert.ok(two.more);
    const three = page((await ask('any risky apps?', two.more.cursor)).answer);
    assert.equal(three.names.length, expectedOrder.length - 2 * WORKLOAD_PAGE);
    assert.equal(three.more, undefined, 'no "show more" on the last page');
    assert.deepEqual([...one.names, ...two.names, ...three.names], expectedOrder);
  });

  it('When an admin presses "Show more" in Teams, then the bot asks the skill for the next page and the last page has no button', async () => {
    const chat = new TeamsChat(bot.botUrl, bot.connectorServer, tenantDir);
    const listed = (card: Card) => {
      const lines = cardLines(card);
      const from = lines.indexOf('Highest risk first, newest first') + 1;
      return lines.slice(from).filter((l) => / — (high|medium|low) risk|confirmed compromised/.test(l)).map((l) => l.split(' — ')[0]);
    };
    const first = await chat.say('any risky apps?', DEMO_ADMIN.userPrincipalName);
    const second = await chat.submit(first.cards[0], 'Show more (14 left)', DEMO_ADMIN.userPrincipalName);
    const third = await chat.submit(second.cards[0], 'Show more (4 left)', DEMO_ADMIN.userPrincipalName);
    assert.deepEqual([...listed(first.cards[0]), ...listed(second.cards[0]), ...listed(third.cards[0])], expectedOrder);
    assert.ok(cardLines(second.cards[0]).includes('Showing 11–20 of 24: "Show more" lists the next ones.'));
    assert.ok(!buttonsOf(third.cards[0]).some((b) => b.title.startsWith('Show more')));
  });

  it('When a cursor is forged, malformed, off the page grid, past the end or from another question, then a clear text answers and nothing is requested for it', async () => {
    const { answer } = await ask('any risky apps?');
    const cursor = page(answer).more!.cursor;
    const key = decodeCursor('riskyWorkloads', 1, cursor, ['o', 'k'])!.k;
    const forge = (o: unknown, k: unknown) => `riskyWorkloads.1.${Buffer.from(JSON.stringify({ o, k })).toString('base64url')}`;
    const cases: Array<[string, RegExp]> = [
      ['https://attacker.example/v1.0/identityProtection/riskyServicePrincipals', /is not one I handed out/],
      [`wl1.10.${String(key)}`, /is not one I handed out/],
      [forge(15, key), /is not one I handed out/],
      [forge(0, key), /is not one I handed out/],
      [forge('10', key), /is not one I handed out/],
      [forge(10, 'https://attacker.example'), /is not one I handed out/],
      [forge(10, '0123456789ab'), /belongs to a different question/],
      [forge(9990, key), /no more risky workload identities to show: the list has 24/],
    ];
    for (const [forged, message] of cases) {
      const { answer: refused, urls } = await ask('any risky apps?', forged);
      assert.equal(refused.kind, 'text', forged);
      assert.match((refused as { text: string }).text, message, forged);
      assert.ok(urls.every((u) => u.startsWith(harness.graphOrigin)), `${forged}: ${urls.join(', ')}`);
      if (!/no more/.test(message.source)) assert.deepEqual(urls, [], `${forged}: a refused cursor reads nothing`);
    }
    // The first page's cursor does not fit the high-risk question: another list, so another key.
    const high = await ask('show risky workload identities with high risk', cursor);
    assert.match((high.answer as { text: string }).text, /belongs to a different question/);
  });
});

describe('A credential added just before the risky activity', () => {
  const audit = (time: string, keyId: string, name: string): DirectoryAudit => ({
    id: `a-${keyId}`,
    activityDateTime: time,
    activityDisplayName: 'Update application – Certificates and secrets management',
    result: 'success',
    initiatedBy: { user: { id: '9dd8e059-917c-4b98-8ee3-ee6fa62f3a86', displayName: 'Miriam Graham' } },
    targetResources: [
      {
        id: 'app',
        displayName: 'Payroll Connector',
        modifiedProperties: [
          { displayName: 'KeyDescription', oldValue: '[]', newValue: JSON.stringify([`[KeyIdentifier=${keyId},KeyType=Password,KeyUsage=Verify,DisplayName=${name}]`]) },
        ],
      },
    ],
  });
  const detection = (time: string, keyIds: string[]): ServicePrincipalRiskDetection => ({ id: 'd', activityDateTime: time, riskState: 'atRisk', keyIds });

  it('When Graph names no keyIds and a secret was added three days before, then that secret is reported, not as the one used', () => {
    const changes = credentialChanges([audit('2026-11-15T10:00:00Z', 'k-new', 'New secret')]);
    assert.deepEqual(changes[0].added.map((c) => c.label), ['secret "New secret"']);
    const finding = newCredentialBeforeRisk([detection('2026-11-18T10:00:00Z', [])], changes);
    assert.equal(finding?.credential.keyId, 'k-new');
    assert.equal(finding?.used, false);
  });

  it('When the detection names another credential, or the secret was added eight days before, or after the activity, then nothing is reported', () => {
    const changes = credentialChanges([audit('2026-11-15T10:00:00Z', 'k-new', 'New secret')]);
    assert.equal(newCredentialBeforeRisk([detection('2026-11-18T10:00:00Z', ['k-old'])], changes), undefined);
    assert.equal(newCredentialBeforeRisk([detection('2026-11-23T10:00:01Z', [])], changes), undefined);
    assert.equal(newCredentialBeforeRisk([detection('2026-11-15T09:00:00Z', [])], changes), undefined);
  });

  it('When the detection used the new secret, then it is reported as the one used', () => {
    const changes = credentialChanges([audit('2026-11-18T09:14:00Z', 'K-NEW', 'Payroll sync rotation')]);
    const finding = newCredentialBeforeRisk([detection('2026-11-18T10:02:00Z', ['k-new'])], changes);
    assert.equal(finding?.used, true);
  });
});
