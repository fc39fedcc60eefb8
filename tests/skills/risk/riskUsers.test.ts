import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_SECURITY_READER } from '@entra-assistant/local-entra';
import type { RiskDetection } from '../../../src/graph/riskQueries';
import { batchGet } from '../../../src/graph/directoryQueries';
import { riskTypeInfo } from '../../../src/knowledge/riskTypes';
import { riskUserAnswer, type RiskUserFacts } from '../../../src/skills/risk/riskUserAnswer';
import { RISKY_USERS_PAGE, riskUsersSkill, type RiskUsersCardModel } from '../../../src/skills/risk/riskUsers';
import type { AnswerAction, SkillAnswer } from '../../../src/skills/types';
import { answerRequests, DemoStack, PINNED_NOW } from '../../support/demoStack';
import { SkillHarness } from '../../support/skillHarness';
import { validateAdaptiveCard } from '../../support/cardValidator';
import { buttonsOf, TeamsChat, type Card } from '../../support/teamsChat';
import { cardLines } from '../../support/cardLines';

const typeName = (t: string) => riskTypeInfo(t, 'user').name;

/** The mitigation buttons of a card (Action.Submit with a proposal), by title. */
function mitigationButtons(card: unknown): Array<{ title: string; action: string; kind: string; id: string }> {
  return buttonsOf(card as Card)
    .filter((b) => b.data?.mitigate)
    .map((b) => {
      const m = b.data!.mitigate as { action: string; target: { kind: string; id: string } };
      return { title: b.title, action: m.action, kind: m.target.kind, id: m.target.id };
    });
}

/** The lines of a card section: from its heading to the next heading, the facts under the verdict, or the card's footer. */
function section(lines: string[], heading: string | RegExp): string[] {
  const at = lines.findIndex((l) => (typeof heading === 'string' ? l === heading : heading.test(l)));
  assert.ok(at >= 0, `no section ${String(heading)} in:\n${lines.join('\n')}`);
  const headings = /^(What to do|Not at risk|Risk detections.*newest first|Sign-ins that carried the risk|Risk history, newest first)$/;
  const end = lines.findIndex((l, i) => i > at && (headings.test(l) || l.startsWith('User risk: ') || l.startsWith('Entra Assistant · ')));
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

const urlPath = (url: string) => decodeURIComponent(url.replace(/^https:\/\/[^/]+\/v1\.0/, ''));

describe('User risk on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_SECURITY_READER, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When asked whether Adele is at risk, then she is not: Sam Secadmin dismissed it 5 days ago, the dismissed detection and history show, and no button is offered', async () => {
    const answer = await stack.ask('is Adele at risk?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.user');
    const lines = cardLines(answer.cards[0]);
    const text = lines.join('\n');
    assert.equal(lines[0], 'Adele Vance');
    assert.equal(lines[1], 'adele.vance@contoso.com · not at risk');
    assert.ok(lines.includes('User risk: none'), text);
    assert.ok(lines.includes('State: dismissed'), text);
    assert.deepEqual(section(lines, 'Not at risk'), [
      'Sam Secadmin dismissed the risk on 2026-11-15 10:12 UTC (5 days ago): an admin dismissed all risk for the user. Nothing to do.',
    ]);
    const detections = section(lines, 'Risk detections, newest first');
    assert.equal(detections.length, 1);
    assert.match(detections[0], new RegExp(`^${typeName('unfamiliarFeatures')} — medium, dismissed · detected 2026-11-14 07:18 UTC · 100\\.81\\.200\\.17 \\(Paris, FR\\)`));
    const history = section(lines, 'Risk history, newest first');
    assert.match(history[0], /^2026-11-15 10:12 UTC — risk none, dismissed .* — by Sam Secadmin$/);
    assert.match(history[1], /^2026-11-14 07:18 UTC — risk medium, at risk; .* — by Identity Protection$/);
    assert.deepEqual(mitigationButtons(answer.cards[0]), [], 'nothing to act on');
    assert.ok(!callouts(answer.cards[0]).length, 'no attention callout for closed risk');
  });

  it('When asked why Bob is high risk, then the spray and the unfamiliar sign-in from the attacker show newest first, with the sign-ins, what to do and four buttons, from three $batch (the third reads Bob\'s roles)', async () => {
    const answer = await stack.ask('why is Bob high risk?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.user');
    const bobId = (answer.entities as Array<{ type: string; id?: string }>).find((e) => e.type === 'user')!.id!;
    const lines = cardLines(answer.cards[0]);
    const text = lines.join('\n');
    assert.equal(lines[1], 'bob@contoso.com · user risk high, at risk');
    assert.ok(lines.includes('User risk: high'), text);
    assert.ok(lines.includes('Last changed: 2026-11-18 04:12 UTC (2 days ago)'), text);
    assert.ok(callouts(answer.cards[0]).includes('Bob Kelly is at risk: user risk high since 2026-11-18 04:12 UTC.'));

    assert.notEqual(typeName('passwordSpray'), 'passwordSpray', 'detection types are named in plain words');
    const detections = section(lines, 'Risk detections, newest first');
    assert.equal(detections.length, 2);
    assert.ok(detections[0].startsWith(`${typeName('unfamiliarFeatures')} — medium, at risk · detected 2026-11-18 04:12 UTC · 192.0.2.200 (Sao Paulo, BR) · real-time, sign-in`), detections[0]);
    assert.ok(detections[1].startsWith(`${typeName('passwordSpray')} — high, at risk · detected 2026-11-17 09:40 UTC · activity 2026-11-17 03:07 UTC`), detections[1]);

    const signIns = section(lines, 'Sign-ins that carried the risk');
    assert.equal(signIns.length, 2);
    assert.match(signIns[0], /^2026-11-18 04:12 UTC · OfficeHome · 192\.0\.2\.200 \(Sao Paulo, BR\) · password accepted, stopped at MFA \(50074/);
    assert.match(signIns[1], /· failed \(50126/);

    const steps = section(lines, 'What to do').join('\n');
    assert.match(steps, /password spray hit this account, and the sign-in from 192\.0\.2\.200 .* had the right password \(only MFA stopped it\): reset the password/);
    assert.match(steps, /Entra Assistant does not reset passwords/);
    assert.match(steps, /Keep MFA required for Bob Kelly/);

    const history = section(lines, 'Risk history, newest first');
    assert.equal(history.length, 2);
    assert.ok(history.every((h) => h.endsWith('— by Identity Protection')), history.join('\n'));

    const buttons = mitigationButtons(answer.cards[0]);
    assert.deepEqual(
      buttons.map((b) => b.title),
      ['Confirm compromised', 'Dismiss risk', 'Revoke sessions', 'Disable account'],
    );
    assert.ok(buttons.every((b) => b.kind === 'user' && b.id === bobId));
    assert.deepEqual(buttons.map((b) => b.action), ['confirmCompromised', 'dismiss', 'revokeSessions', 'disable']);
    // The third reads Bob's roles: whether revoking and disabling may be offered depends on them (issue #15).
    assert.deepEqual(answerRequests(answer).map((r) => urlPath(r.url)), ['/$batch', '/$batch', '/$batch']);
    assert.deepEqual(validateAdaptiveCard(answer.cards[0]), [], 'the rendered card, buttons and all, is valid for Teams');
  });

  it('When asked about Alex, then his leaked password calls for a reset the bot explains but does not do, and his missing MFA means he cannot clear the risk himself', async () => {
    const answer = await stack.ask('Is Alex Wilber at risk, and can he use MFA?', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    const text = lines.join('\n');
    assert.ok(lines.includes('User risk: medium'), text);
    assert.ok(lines.includes('MFA: Not registered'), text);
    // His sign-ins are already refused for want of a method (50079): the callout says so, with the latest.
    assert.ok(callouts(answer.cards[0]).some((c) => /^No MFA method registered: Alex Wilber cannot clear the risk; sign-ins fail with 50079, latest \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/.test(c)), callouts(answer.cards[0]).join('\n'));
    const detections = section(lines, 'Risk detections, newest first');
    assert.deepEqual(detections.length, 1);
    assert.ok(detections[0].startsWith(`${typeName('leakedCredentials')} — medium, at risk`), detections[0]);
    const steps = section(lines, 'What to do');
    assert.match(steps[0], /^Alex Wilber's password was found in a leak: require a secure password reset\. Entra Assistant does not reset passwords: use Reset password on the user's page/);
    assert.ok(steps.some((s) => /no MFA method registered, so they cannot clear the risk themselves .*an administrator has to reset the password/.test(s)), steps.join('\n'));
    assert.ok(buttonsOf(answer.cards[0] as Card).some((b) => b.type === 'Action.OpenUrl' && /UserProfileMenuBlade\/~\/overview\/userId\//.test(String((b as { url?: string }).url))));
    // Explained, never done: nothing but reads went to Graph.
    const requests = answerRequests(answer);
    assert.ok(requests.every((r) => r.method === 'GET' || urlPath(r.url) === '/$batch'), JSON.stringify(requests));
    assert.ok(!requests.some((r) => /resetPassword|authentication\/methods/.test(r.url)));
  });

  it('When asked for Bob\'s detections in the last 2 days, then none is listed in the window, yet what to do still counts the older open ones and says so', async () => {
    const answer = await stack.ask('risk detections for Bob in the last 2 days', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.deepEqual(section(lines, 'Risk detections detected 2026-11-18 12:00 UTC to 2026-11-20 12:00 UTC, newest first'), ['None in this window.']);
    assert.match(section(lines, 'What to do')[0], /password spray hit this account/);
    assert.ok(lines.includes('2 open detections fall outside this window (what to do counts them); ask without a time range to list them.'), lines.join('\n'));
  });

  it('When an admin asks for high-risk users, then Bob is the one listed, with his detection types, from two requests Graph supports', async () => {
    const answer = await stack.ask('show high-risk users', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.users');
    const model = rowsOf(answer.cards[0]);
    assert.equal(model.title, 'Users at high risk');
    assert.equal(model.subtitle, '1 at risk now: 1 high');
    assert.deepEqual(
      model.rows.map((r) => r.slice(0, 5)),
      [['Bob Kelly', 'bob@contoso.com', 'high', 'at risk', '2026-11-18 04:12 UTC (2 days ago)']],
    );
    assert.equal(model.rows[0][5], `${typeName('unfamiliarFeatures')}, ${typeName('passwordSpray')}`);
    const urls = answerRequests(answer).map((r) => urlPath(r.url));
    assert.equal(urls.length, 2, urls.join('\n'));
    assert.match(urls[0], /^\/identityProtection\/riskyUsers\?\$filter=\(riskState eq 'atRisk' or riskState eq 'confirmedCompromised'\) and riskLevel eq 'high'&\$select=.*&\$top=500$/);
    assert.match(urls[1], /^\/identityProtection\/riskDetections\?\$filter=/);
    assert.ok(urls.every((u) => !u.includes('$orderby') && !u.includes('$skip=')), 'Graph documents neither on these lists');
  });

  it('When an admin asks for risky users, then those at risk now are listed by level, counted per level, and the closed ones are left out', async () => {
    const answer = await stack.ask('show risky users', DEMO_ADMIN.userPrincipalName);
    const model = rowsOf(answer.cards[0]);
    assert.equal(model.subtitle, '3 at risk now: 1 high, 1 medium, 1 low');
    assert.deepEqual(model.rows.map((r) => r[0]), ['Bob Kelly', 'Alex Wilber', 'Alan Clarke']);
    assert.ok(!model.rows.some((r) => r[0] === 'Adele Vance'), 'a dismissed user is not at risk');
    assert.equal(buttonsOf(answer.cards[0] as Card).filter((b) => /^Show \d+ more$/.test(b.title)).length, 0, 'one page only');
  });

  it('When asked for risky users this week, then only those whose risk changed since Monday are listed', async () => {
    const answer = await stack.ask('risky users this week', DEMO_ADMIN.userPrincipalName);
    const model = rowsOf(answer.cards[0]);
    assert.deepEqual(model.rows.map((r) => r[0]), ['Bob Kelly', 'Alex Wilber']);
    assert.equal(model.subtitle, '2 at risk now (risk changed 2026-11-16 00:00 UTC to 2026-11-20 12:00 UTC): 1 high, 1 medium');
  });

  it('When a Security Reader asks about Bob, then the risk shows without buttons and a note names the roles that may act', async () => {
    const answer = await stack.ask('why is Bob high risk?', DEMO_SECURITY_READER.userPrincipalName);
    const lines = cardLines(answer.cards[0]);
    assert.ok(lines.includes('User risk: high'));
    assert.ok(section(lines, 'Sign-ins that carried the risk').length > 0, 'Security Reader may read sign-ins');
    assert.deepEqual(mitigationButtons(answer.cards[0]), []);
    const note = lines.find((l) => l.startsWith('You can read this risk but not act on it here'));
    assert.ok(note, lines.join('\n'));
    assert.match(note, /confirming or dismissing risk needs Global Administrator, Security Administrator or Security Operator/);
  });

  it('When a member without a role asks about Bob or the risky users, then the answer names the roles needed and nothing of the risk is read', async () => {
    for (const question of ['is Bob at risk?', 'show risky users']) {
      const answer = await stack.ask(question, DEMO_MEMBER.userPrincipalName);
      assert.equal(answer.cards.length, 0);
      assert.match(answer.text, /needs one of these Microsoft Entra roles: .*Security Reader/);
      assert.doesNotMatch(answer.text, /Bob Kelly|high/);
      assert.equal(answerRequests(answer).filter((r) => /identityProtection/.test(r.url)).length, 0);
    }
  });
});

function callouts(card: unknown): string[] {
  const body = (card as Card).body;
  const box = body.find((b) => b.type === 'Container' && b.style === 'attention') as { items?: Array<{ text: string }> } | undefined;
  return (box?.items ?? []).map((i) => i.text);
}

/** The risky-users card: title, subtitle and table rows (name, UPN, level, state, updated, detections). */
function rowsOf(card: unknown): { title: string; subtitle: string; rows: string[][] } {
  const body = (card as Card).body;
  const texts = body.filter((b) => b.type === 'TextBlock').map((b) => String(b.text));
  const table = body.find((b) => b.type === 'Table') as { rows: Array<{ cells: Array<{ items: Array<{ text: string }> }> }> } | undefined;
  const rows = (table?.rows ?? []).slice(1).map((row) => row.cells.flatMap((cell) => cell.items.map((i) => i.text)));
  return { title: texts[0], subtitle: texts[1], rows };
}

/** The demo tenant with 24 more existing users at risk, spread over levels and days, some with a detection. */
function tenantWithManyRiskyUsers(demoDir: string): { dir: string; extra: Array<{ userDisplayName: string; riskLevel: string; riskLastUpdatedDateTime: string }> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risky-users-'));
  fs.cpSync(demoDir, dir, { recursive: true });
  const read = (file: string) => (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { value: Array<Record<string, unknown>> }).value;
  const risky = read('identityProtection/riskyUsers.json');
  const taken = new Set(risky.map((r) => r.id));
  const people = read('users.json').filter((u) => u.userType === 'Member' && !taken.has(u.id)).slice(10, 34);
  const levels = ['low', 'medium', 'high'];
  const extra = people.map((p, i) => ({
    id: p.id as string,
    isDeleted: false,
    isProcessing: false,
    userDisplayName: p.displayName as string,
    userPrincipalName: p.userPrincipalName as string,
    riskDetail: 'none',
    // Neither the file's order nor the times alone give the answer's order.
    riskLastUpdatedDateTime: new Date(Date.parse(PINNED_NOW) - ((i * 7) % 24) * 3_600_000 - 60_000).toISOString(),
    riskLevel: levels[i % 3],
    riskState: i === 5 ? 'confirmedCompromised' : 'atRisk',
    history: [],
  }));
  const detections = read('identityProtection/riskDetections.json');
  const added = extra.slice(0, 3).map((u, i) => ({
    ...detections[0],
    id: `${'f'.repeat(63)}${i}`,
    userId: u.id,
    userDisplayName: u.userDisplayName,
    userPrincipalName: u.userPrincipalName,
    riskEventType: 'anonymizedIPAddress',
    riskState: 'atRisk',
    requestId: null,
    correlationId: null,
  }));
  fs.writeFileSync(path.join(dir, 'identityProtection/riskyUsers.json'), JSON.stringify({ value: [...risky, ...extra] }));
  fs.writeFileSync(path.join(dir, 'identityProtection/riskDetections.json'), JSON.stringify({ value: [...detections, ...added] }));
  return { dir, extra };
}

describe('risk.users pages and cursors, at skill level and through the bot, on a tenant with 27 users at risk', function () {
  this.timeout(60_000);
  let harness: SkillHarness;
  let tenantDir: string;
  let expectedOrder: string[];
  let firstExtra: string;
  let bot: DemoStack;

  before(async () => {
    const made = tenantWithManyRiskyUsers(await ensureDemoTenant());
    tenantDir = made.dir;
    firstExtra = made.extra[0].userDisplayName;
    const rank: Record<string, number> = { high: 0, medium: 1, low: 2 };
    const atRiskBefore = [
      { userDisplayName: 'Bob Kelly', riskLevel: 'high', riskLastUpdatedDateTime: '2026-11-18T04:12:40.000Z' },
      { userDisplayName: 'Alex Wilber', riskLevel: 'medium', riskLastUpdatedDateTime: '2026-11-19T06:00:00.000Z' },
      { userDisplayName: 'Alan Clarke', riskLevel: 'low', riskLastUpdatedDateTime: '2026-10-25T22:00:00.000Z' },
    ];
    expectedOrder = [...atRiskBefore, ...made.extra]
      .sort((a, b) => rank[a.riskLevel] - rank[b.riskLevel] || Date.parse(b.riskLastUpdatedDateTime) - Date.parse(a.riskLastUpdatedDateTime))
      .map((r) => r.userDisplayName);
    harness = await new SkillHarness(tenantDir, riskUsersSkill).start('riskyUsers.read');
    bot = await new DemoStack(tenantDir).start();
  });
  after(async () => {
    await bot?.stop();
    await harness?.stop();
    fs.rmSync(tenantDir, { recursive: true, force: true });
  });

  const ask = (text: string, cursor?: string) => harness.ask(text, cursor);

  function page(answer: SkillAnswer): { model: RiskUsersCardModel; more?: Extract<AnswerAction, { kind: 'showMore' }> } {
    assert.equal(answer.kind, 'card', JSON.stringify(answer));
    const model = (answer as { data: RiskUsersCardModel }).data;
    const more = (answer as { actions?: AnswerAction[] }).actions?.find((a): a is Extract<AnswerAction, { kind: 'showMore' }> => a.kind === 'showMore');
    return { model, more };
  }

  it('When 27 users are at risk, then three pages list them by level then newest, each cursor continuing where the last stopped, two requests a page', async () => {
    const first = await ask('show risky users');
    const one = page(first.answer);
    assert.equal(one.model.rows.length, RISKY_USERS_PAGE);
    assert.match(one.model.subtitle, /^27 at risk now: \d+ high, \d+ medium, \d+ low$/);
    assert.ok(one.model.callouts.some((c) => c.text === '1 confirmed compromised.'));
    assert.ok(one.model.notes.some((n) => n.text === 'Showing 1–10 of 27; Show more lists the next 10.'), JSON.stringify(one.model.notes));
    assert.equal(one.more?.title, 'Show 10 more');
    const origin = harness.graphOrigin;
    assert.equal(first.urls.length, 2, first.urls.join('\n'));
    assert.ok(first.urls.every((u) => u.startsWith(origin)));

    const second = await ask('show risky users', one.more.cursor);
    const two = page(second.answer);
    assert.equal(second.urls.length, 2);
    assert.equal(two.more?.title, 'Show 7 more');
    const three = page((await ask('show risky users', two.more.cursor)).answer);
    assert.equal(three.model.rows.length, 7);
    assert.equal(three.more, undefined, 'no "show more" on the last page');
    assert.deepEqual([...one.model.rows, ...two.model.rows, ...three.model.rows].map((r) => r.name), expectedOrder);
    const detected = [...one.model.rows, ...two.model.rows, ...three.model.rows].find((r) => r.name === firstExtra)!;
    assert.equal(detected.detections, typeName('anonymizedIPAddress'));
  });

  it('When an admin presses "Show 10 more" in Teams, then the bot asks the skill for the next page, and the last page has no button', async () => {
    const chat = new TeamsChat(bot.botUrl, bot.connectorServer, tenantDir);
    const names = (card: Card) => rowsOf(card).rows.map((r) => r[0]);
    const first = await chat.say('show risky users', DEMO_ADMIN.userPrincipalName);
    const second = await chat.submit(first.cards[0], 'Show 10 more', DEMO_ADMIN.userPrincipalName);
    const third = await chat.submit(second.cards[0], 'Show 7 more', DEMO_ADMIN.userPrincipalName);
    assert.deepEqual([...names(first.cards[0]), ...names(second.cards[0]), ...names(third.cards[0])], expectedOrder);
    assert.deepEqual(validateAdaptiveCard(first.cards[0]), [], 'a full page with its button is a valid card');
    assert.ok(cardLines(second.cards[0]).includes('Showing 11–20 of 27; Show more lists the next 7.'));
    assert.ok(!buttonsOf(third.cards[0]).some((b) => /^Show \d+ more$/.test(b.title)));
  });

  it('When a cursor is forged or malformed, then a clear text answers and nothing is requested; past the end, the list is read and says there is no more', async () => {
    const { answer } = await ask('show risky users');
    const cursor = page(answer).more!.cursor;
    assert.match(cursor, /^riskyUsers\.2\./);
    // Version 1 (before a list could be narrowed to a group or department) is still read, without the narrowing.
    const forge = (body: unknown) => `riskyUsers.1.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
    const forge2 = (body: unknown) => `riskyUsers.2.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
    const forged = [
      'https://attacker.example/v1.0/identityProtection/riskyUsers',
      `${cursor}!`,
      cursor.replace('riskyUsers.2.', 'riskyUsers.9.'),
      forge2({ o: 10, l: null, s: null, e: null, a: JSON.stringify(['f', 'manager', 'Sales']) }),
      forge2({ o: 10, l: null, s: null, e: null, a: JSON.stringify(['g', 'not-a-guid', 'Finance']) }),
      forge2({ o: 10, l: null, s: null, e: null, a: '{not json' }),
      forge2({ o: 10, l: null, s: null, e: null }),
      forge({ o: -10, l: null, s: null, e: null }),
      forge({ o: 2.5, l: null, s: null, e: null }),
      forge({ o: 10, l: 'critical', s: null, e: null }),
      forge({ o: 10, l: null, s: '2026-11-16T00:00:00.000Z', e: null }),
      forge({ o: 10, l: null, s: '2026-11-20', e: '2026-11-21T00:00:00.000Z' }),
      forge({ o: 10, l: null, s: null, e: null, u: 'https://attacker.example' }),
      forge([10]),
      'x'.repeat(5000),
    ];
    for (const bad of forged) {
      const { answer: reply, urls } = await ask('show risky users', bad);
      assert.equal(reply.kind, 'text', bad);
      assert.match((reply as { text: string }).text, /no longer matches a list I can continue/);
      assert.deepEqual(urls, [], `nothing requested for ${bad}`);
    }
    const { answer: past, urls } = await ask('show risky users', forge({ o: 1000, l: null, s: null, e: null }));
    assert.equal(past.kind, 'text');
    assert.match((past as { text: string }).text, /^There are no more users at risk to show: the list now has 27\./);
    assert.equal(urls.length, 1);
  });
});

/** Facts of one user as the skill reads them; tests change what they are about. */
function facts(over: Partial<RiskUserFacts> = {}): RiskUserFacts {
  return {
    user: { id: '11111111-2222-4333-8444-555555555555', displayName: 'Pat Doe', userPrincipalName: 'pat@contoso.com', accountEnabled: true },
    risk: { id: '11111111-2222-4333-8444-555555555555', riskLevel: 'medium', riskState: 'atRisk', riskDetail: 'none', riskLastUpdatedDateTime: '2026-11-19T08:00:00.000Z' },
    history: [],
    detections: [],
    familiar: new Map(),
    registration: { isMfaRegistered: true, methodsRegistered: ['microsoftAuthenticatorPush'] },
    names: new Map(),
    hidden: [],
    may: { riskWrite: true, revokeSessions: true, disable: true, signInRisk: true },
    rolesToAct: { riskWrite: 'Global Administrator or Security Administrator', revokeSessions: 'User Administrator', disable: 'User Administrator' },
    now: new Date(PINNED_NOW),
    ...over,
  };
}

const unfamiliar: RiskDetection = {
  id: 'd1',
  requestId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  riskEventType: 'unfamiliarFeatures',
  riskLevel: 'medium',
  riskState: 'atRisk',
  ipAddress: '100.64.1.2',
  location: { city: 'Leeds', countryOrRegion: 'GB' },
  activityDateTime: '2026-11-19T07:59:00.000Z',
  detectedDateTime: '2026-11-19T08:00:00.000Z',
};

describe('The risk.user answer model, situation by situation', () => {
  const titles = (actions: AnswerAction[]) => actions.map((a) => a.title);

  it('When an unfamiliar sign-in came from an address the user signed in from many times before, then it looks safe: the advice and a "Confirm sign-in safe" button for that sign-in', () => {
    const answer = riskUserAnswer(facts({ detections: [unfamiliar], familiar: new Map([['100.64.1.2', 12]]) }));
    const steps = answer.model.sections.find((s) => s.heading === 'What to do')!.items.map((i) => i.text);
    assert.ok(steps.some((s) => s.includes('where Pat Doe signed in successfully 12 times in the 30 days before: most likely Pat Doe. Confirm the sign-in safe.')), steps.join('\n'));
    assert.deepEqual(titles(answer.actions), ['Confirm compromised', 'Dismiss risk', 'Revoke sessions', 'Disable account', 'Confirm sign-in safe']);
    const safe = answer.actions[4] as Extract<AnswerAction, { kind: 'mitigate' }>;
    assert.deepEqual(safe.proposal, { action: 'confirmSafe', target: { kind: 'signIn', id: unfamiliar.requestId, displayName: "Pat Doe's sign-in of 19 Nov 07:59 UTC" } });
  });

  it('When the same address was never used before, then the user is asked whether it was them, and no sign-in is offered as safe', () => {
    const answer = riskUserAnswer(facts({ detections: [unfamiliar], familiar: new Map([['100.64.1.2', 0]]) }));
    const steps = answer.model.sections.find((s) => s.heading === 'What to do')!.items.map((i) => i.text);
    assert.match(steps[0], /^Ask Pat Doe whether the sign-in from 100\.64\.1\.2 \(Leeds, GB\) on 2026-11-19 07:59 UTC was theirs/);
    assert.ok(!titles(answer.actions).includes('Confirm sign-in safe'));
  });

  it('When the asker may read but not act, then no button is offered and one note names each refused action\'s roles', () => {
    const answer = riskUserAnswer(facts({ detections: [unfamiliar], familiar: new Map([['100.64.1.2', 12]]), may: { riskWrite: false, revokeSessions: false, disable: false, signInRisk: false } }));
    assert.deepEqual(answer.actions, []);
    const note = answer.model.notes.map((n) => n.text).find((n) => n.startsWith('You can read this risk but not act on it here'));
    assert.equal(
      note,
      'You can read this risk but not act on it here: confirming or dismissing risk needs Global Administrator or Security Administrator; revoking sessions needs User Administrator; disabling the account needs User Administrator; confirming a sign-in safe needs Global Administrator or Security Administrator.',
    );
  });

  it('When the user is already confirmed compromised and disabled, then neither "Confirm compromised" nor "Disable account" is offered, and the steps say to secure the account', () => {
    const answer = riskUserAnswer(
      facts({ user: { ...facts().user, accountEnabled: false }, risk: { ...facts().risk!, riskLevel: 'high', riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedUserCompromised' } }),
    );
    assert.deepEqual(titles(answer.actions), ['Dismiss risk', 'Revoke sessions']);
    assert.ok(answer.model.callouts.some((c) => c.text === 'Pat Doe is confirmed compromised (user risk high).'));
    assert.ok(answer.model.callouts.some((c) => c.text === 'The account is disabled.'));
    assert.match(answer.model.sections[0].items[0].text, /^Pat Doe is confirmed compromised: reset the password, revoke sessions/);
  });

  it('When a risky sign-in succeeded from an unknown address, then it is called out and the advice is to revoke sessions now', () => {
    const answer = riskUserAnswer(
      facts({
        detections: [unfamiliar],
        familiar: new Map([['100.64.1.2', 0]]),
        signIns: [{ id: unfamiliar.requestId!, createdDateTime: '2026-11-19T07:59:00.000Z', appDisplayName: 'Outlook', ipAddress: '100.64.1.2', status: { errorCode: 0 } }],
      }),
    );
    assert.ok(answer.model.callouts.some((c) => c.text === 'A risky sign-in from 100.64.1.2 succeeded on 2026-11-19 07:59 UTC.'));
    assert.match(answer.model.sections[0].items[0].text, /succeeded: unless Pat Doe confirms it was them, revoke sessions now and reset the password\./);
  });

  it('When a closed risk was remediated by the user, by Identity Protection or never existed, then the answer says who closed it in words, and offers nothing', () => {
    const remediated = riskUserAnswer(
      facts({
        risk: { ...facts().risk!, riskLevel: 'none', riskState: 'remediated', riskDetail: 'userPerformedSecuredPasswordChange' },
        history: [{ id: 'h1', riskState: 'remediated', riskLevel: 'none', riskLastUpdatedDateTime: '2026-11-19T08:00:00.000Z', initiatedBy: facts().user.id }],
      }),
    );
    assert.match(remediated.model.sections[0].items[0].text, /^Pat Doe remediated the risk themselves on 2026-11-19 08:00 UTC \(28 hours ago\): /);
    assert.deepEqual(remediated.actions, []);
    const byService = riskUserAnswer(
      facts({ risk: { ...facts().risk!, riskLevel: 'none', riskState: 'remediated' }, history: [{ id: 'h1', riskState: 'remediated', riskLastUpdatedDateTime: '2026-11-19T08:00:00.000Z', initiatedBy: null }] }),
    );
    assert.match(byService.model.sections[0].items[0].text, /^Identity Protection remediated the risk on/);
    const never = riskUserAnswer(facts({ risk: undefined }));
    assert.equal(never.model.subtitle, 'pat@contoso.com · not at risk');
    assert.match(never.model.sections[0].items[0].text, /^Identity Protection has no risk record for Pat Doe/);
  });

  it('When tenant data carries Markdown, then names, addresses and reasons are escaped in the card', () => {
    const answer = riskUserAnswer(
      facts({ user: { ...facts().user, displayName: '[click](https://evil.example) **Pat**' }, detections: [{ ...unfamiliar, location: { city: '_Leeds_', countryOrRegion: 'GB' } }] }),
    );
    assert.equal(answer.model.title, '\\[click\\](https\\[:\\]//evil\\[.\\]example) \\*\\*Pat\\*\\*');
    const detection = answer.model.sections.find((s) => s.heading.startsWith('Risk detections'))!.items[0].text;
    assert.ok(detection.includes('(\\_Leeds\\_, GB)'), detection);
  });
});

describe('batchGet retries', () => {
  it('When an inner request is throttled (429, no Retry-After as in Identity Protection), then only it is sent again after a growing pause', async () => {
    const sent: string[][] = [];
    let calls = 0;
    const request = {
      // The batch's contents, for the answer's evidence (src/graph/requestLog.ts).
      middlewareOptions: () => request,
      post: async (body: { requests: Array<{ id: string }> }) => {
        sent.push(body.requests.map((r) => r.id));
        calls++;
        return { responses: body.requests.map((r) => ({ id: r.id, status: r.id === 'b' && calls < 3 ? 429 : 200, body: { id: r.id } })) };
      },
    };
    const client = { api: () => request };
    const pauses: number[] = [];
    const responses = await batchGet(client as never, [{ id: 'a', url: '/a' }, { id: 'b', url: '/b' }], { pauseMs: 100, sleep: async (ms) => void pauses.push(ms) });
    assert.deepEqual(sent, [['a', 'b'], ['b'], ['b']]);
    assert.deepEqual(pauses, [100, 200]);
    assert.equal(responses.get('b')?.status, 200);
  });
});

