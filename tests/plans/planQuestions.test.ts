import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { cardLines } from '../support/cardLines';
import { answerRequests, DemoStack, PINNED_NOW } from '../support/demoStack';
import { DemoFacts } from './demoFacts';
import type { AskAnswer } from '../../src/cli/ask';
import { decodeCursor, encodeCursor } from '../../src/skills/common/cursor';
import { TeamsChat, type Card } from '../support/teamsChat';

const DAY = 86_400_000;

/** The Graph reads of an answer, without the asker's role check ($batch); these questions name no one to look up. */
function reads(answer: AskAnswer): Array<{ url: string; status: number }> {
  return (answer.graphRequests as Array<{ url: string; status: number }>).filter((r) => !r.url.endsWith('/$batch'));
}

/** Every table of a card (the visible rows, then the folded ones), each as rows of cell texts. */
function tablesOf(card: unknown): string[][][] {
  const tables = (card as { body: Array<{ type: string; rows?: Array<{ cells: Array<{ items: Array<{ text: string }> }> }> }> }).body.filter((b) => b.type === 'Table');
  return tables.map((t) => (t.rows ?? []).map((r) => r.cells.map((c) => c.items[0].text)));
}

function lines(answer: AskAnswer): string[] {
  assert.ok(answer.cards.length > 0, `expected a card, got: ${answer.text}`);
  return cardLines(answer.cards[0]);
}

function planOf(answer: AskAnswer): { resource: string; filters: Array<{ field: string; op: string; value?: unknown }>; operation: { kind: string; field?: string }; window?: { label: string } } {
  assert.ok(answer.plan, `expected a plan for "${answer.question}" (intent ${answer.intent}): ${answer.text}`);
  return answer.plan as never;
}

/** Table cells of the card, row by row (the header row first). */
function tableRows(answer: AskAnswer): string[][] {
  const table = (answer.cards[0] as { body: Array<{ type: string; rows?: Array<{ cells: Array<{ items: Array<{ text: string }> }> }> }> }).body.find((b) => b.type === 'Table');
  return (table?.rows ?? []).map((r) => r.cells.map((c) => c.items[0].text));
}

describe('Question plans on the demo tenant, through the whole stack (issue #12)', function () {
  this.timeout(120_000);
  let stack: DemoStack;
  let facts: DemoFacts;
  const now = Date.parse(PINNED_NOW);

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_MEMBER]);
    facts = new DemoFacts(stack.tenantDir);
  });
  after(async () => {
    await stack.stop();
  });

  it('When asked to show the guests, then the guests come from one Graph page with their count, 15 shown and the rest one click away', async () => {
    const answer = await stack.ask('show me the guests', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.info');
    const plan = planOf(answer);
    assert.equal(plan.resource, 'users');
    assert.deepEqual(plan.filters, [{ field: 'userType', op: 'eq', value: 'Guest' }]);
    const guests = facts.users.filter((u) => u.userType === 'Guest');
    assert.ok(guests.length > 15 && guests.length <= 50);
    assert.ok(lines(answer).includes(`**${guests.length} users**.`), lines(answer).join('\n'));
    const requests = reads(answer);
    assert.equal(requests.length, 1, 'a list reads no more pages than it shows');
    assert.match(decodeURIComponent(requests[0].url), /\/v1\.0\/users\?\$filter=userType eq 'Guest'&\$select=.*&\$count=true&\$top=50$/);
    const [visible, folded] = tablesOf(answer.cards[0]);
    assert.equal(visible.length - 1, 15, 'a header and 15 rows at first render');
    assert.equal(folded.length, guests.length - 15);
    for (const name of [...visible.slice(1), ...folded].map((r) => r[0])) assert.ok(guests.some((g) => g.displayName === name), `${name} is not a guest`);
    assert.ok(answer.text.includes(`[Show all ${guests.length} rows]`), answer.text);
    assert.ok(!answer.text.includes('[Show more users]'), 'nothing beyond this page');
  });

  it('When asked which accounts are disabled, then every disabled account is listed and nothing else', async () => {
    const answer = await stack.ask('which accounts are disabled', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.info');
    assert.deepEqual(planOf(answer).filters, [{ field: 'accountEnabled', op: 'eq', value: false }]);
    const disabled = facts.users.filter((u) => u.accountEnabled === false).map((u) => u.displayName as string);
    assert.ok(disabled.length > 0 && disabled.length <= 15);
    const shown = tableRows(answer).slice(1).map((r) => r[0]);
    assert.deepEqual([...shown].sort(), [...disabled].sort());
    assert.ok(shown.includes('Lee Gu'));
  });

  it('When asked how many users are at risk now, then Graph counts them and, as there are few, the answer names each one in the same read', async () => {
    const answer = await stack.ask('how many users are at risk right now?', DEMO_ADMIN.userPrincipalName);
    assert.equal(planOf(answer).operation.kind, 'count');
    const atRisk = facts.read('identityProtection/riskyUsers.json').filter((u) => u.riskState === 'atRisk');
    assert.ok(atRisk.length > 0 && atRisk.length <= 10);
    assert.ok(lines(answer).includes(`**${atRisk.length} risky users**.`), lines(answer).join('\n'));
    for (const user of atRisk) assert.ok(lines(answer).includes(String(user.userDisplayName)), `${String(user.userDisplayName)}\n${lines(answer).join('\n')}`);
    assert.equal(reads(answer).length, 1);
    assert.match(decodeURIComponent(reads(answer)[0].url), /\$count=true&\$top=10$/);
  });

  it('When asked which app registrations have neither a secret nor a cert, or which use certificates, then each is a list by its credentials, not the expiry answer', async () => {
    const apps = facts.read('applications.json');
    const none = apps.filter((a) => !(a.passwordCredentials as unknown[] | undefined)?.length && !(a.keyCredentials as unknown[] | undefined)?.length).map((a) => String(a.displayName));
    const withCert = apps.filter((a) => (a.keyCredentials as unknown[] | undefined)?.length).map((a) => String(a.displayName));
    assert.ok(none.length > 0 && withCert.length > 0);
    const bare = await stack.ask('which app registrations have neither a secret nor a cert?', DEMO_ADMIN.userPrincipalName);
    const certs = await stack.ask('show me the apps using certificates', DEMO_ADMIN.userPrincipalName);
    assert.equal(bare.intent, 'app.info');
    assert.equal(planOf(bare).resource, 'applications');
    assert.ok(lines(bare).includes(`**${none.length} app registrations**.`), lines(bare).join('\n'));
    for (const name of none) assert.ok(lines(bare).includes(name), name);
    assert.ok(lines(certs).includes(`**${withCert.length} app registrations**.`), lines(certs).join('\n'));
    for (const name of withCert) assert.ok(lines(certs).includes(name), name);
    assert.ok(!none.some((name) => lines(certs).includes(name)));
  });

  it('When asked what signed in from an address, or which service principals failed, then apps\' own sign-ins are read too, and named', async () => {
    const spSignIn = facts.signIns.find((s) => (s.signInEventTypes as string[] | undefined)?.includes('servicePrincipal') && s.servicePrincipalName === 'Payroll Connector');
    assert.ok(spSignIn, 'the demo tenant has Payroll Connector sign-ins');
    const address = String(spSignIn.ipAddress);
    const what = await stack.ask(`what has been signing in from ${address} lately?`, DEMO_ADMIN.userPrincipalName);
    const whatPlan = planOf(what);
    assert.ok(whatPlan.filters.some((f) => f.field === 'eventType' && f.op === 'ne' && f.value === 'nonInteractiveUser'), JSON.stringify(whatPlan.filters));
    const [read] = reads(what);
    assert.match(decodeURIComponent(read.url), /signInEventTypes\/any\(x:x ne 'nonInteractiveUser'\)/);
    assert.ok(lines(what).includes('Payroll Connector'), lines(what).join('\n'));
    const failing = await stack.ask('which service principals failed to sign in today?', DEMO_ADMIN.userPrincipalName);
    assert.ok(planOf(failing).filters.some((f) => f.field === 'eventType' && f.op === 'contains' && f.value === 'servicePrincipal'));
    assert.ok(lines(failing).includes('Inventory Sync'), lines(failing).join('\n'));
    assert.ok(!lines(failing).includes('Megan Bowen'), 'people are not service principals');
  });

  it('When a person\'s sign-ins are listed, then each failed row says its error code', async () => {
    const answer = await stack.ask("Megan Bowen's sign-ins from Android today", DEMO_ADMIN.userPrincipalName);
    assert.equal(planOf(answer).resource, 'signIns');
    assert.ok(lines(answer).includes('failure (53000)'), lines(answer).join('\n'));
    assert.ok(!lines(answer).includes('failure'), 'no failure without its code');
  });

  it('When every admin role holder is asked for, then all the tenant\'s role assignments are listed; "privileged" keeps the roles Microsoft marks so', async () => {
    const assignments = facts.read('roleManagement/directory/roleAssignments.json');
    const all = await stack.ask('give me every admin role holder', DEMO_ADMIN.userPrincipalName);
    assert.equal(all.intent, 'role.assignments');
    assert.equal(planOf(all).resource, 'roleAssignments');
    assert.ok(lines(all).includes(`**${assignments.length} role assignments**.`), lines(all).join('\n'));
    assert.ok(lines(all).includes('Isaiah Langer'));
    const privileged = await stack.ask('all privileged role assignments', DEMO_ADMIN.userPrincipalName);
    assert.deepEqual(planOf(privileged).filters.map((f) => [f.field, f.value]), [['privileged', true]]);
    const shown = Number(/\*\*(\d+) role assignments\*\*/.exec(lines(privileged).join('\n'))?.[1]);
    assert.ok(shown > 0 && shown < assignments.length, String(shown));
  });

  it('When failures are broken down by app or by error code, then apps\' own sign-ins count too, unless the words ask for people only', async () => {
    const byApp = await stack.ask('break down this week\'s failed sign-ins by app', DEMO_ADMIN.userPrincipalName);
    assert.deepEqual(planOf(byApp).operation, { kind: 'groupBy', field: 'app' });
    assert.ok(planOf(byApp).filters.some((f) => f.field === 'eventType' && f.op === 'ne'), JSON.stringify(planOf(byApp).filters));
    assert.ok(lines(byApp).includes('Inventory Sync'), lines(byApp).join('\n'));
    const people = await stack.ask('break down this week\'s failed sign-ins by app, people only', DEMO_ADMIN.userPrincipalName);
    assert.ok(planOf(people).filters.some((f) => f.field === 'eventType' && f.op === 'contains' && f.value === 'interactiveUser'));
    assert.ok(!lines(people).includes('Inventory Sync'), lines(people).join('\n'));
  });

  it('When Conditional Access failures are asked by policy, then the sign-ins CA failed are counted under each enforced policy that failed them, as the log says', async () => {
    const answer = await stack.ask('CA failures this week by policy', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'signin.list');
    const plan = planOf(answer);
    assert.equal(plan.resource, 'signIns');
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'blockedBy' });
    assert.deepEqual(plan.filters, [{ field: 'caStatus', op: 'eq', value: 'failure' }]);
    const window = (answer.plan as { window: { start: string; end: string } }).window;
    const expected = new Map<string, number>();
    for (const s of facts.interactiveSignIns(window.start, window.end).filter((s) => s.conditionalAccessStatus === 'failure')) {
      for (const name of new Set(((s.appliedConditionalAccessPolicies as Array<{ displayName: string; result: string }> | undefined) ?? []).filter((p) => p.result === 'failure').map((p) => p.displayName))) expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    assert.ok(expected.size >= 2, `the demo week has failures under several policies: ${JSON.stringify([...expected])}`);
    const rows = tableRows(answer).slice(1);
    assert.deepEqual(new Map(rows.map(([name, count]) => [name, Number(count)])), expected);
    // "which policies blocked the most sign-ins": the same counts, ranked.
    const ranked = await stack.ask('which policies blocked the most sign-ins this week?', DEMO_ADMIN.userPrincipalName);
    assert.equal(planOf(ranked).operation.kind, 'top');
    assert.equal(tableRows(ranked)[1][0], [...expected].sort((a, b) => b[1] - a[1])[0][0]);
  });

  it('When asked how many users there are, then Graph counts them ($count) and the rows are not listed', async () => {
    const answer = await stack.ask('how many users do we have', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.info');
    assert.equal(planOf(answer).operation.kind, 'count');
    assert.ok(lines(answer).includes(`**${facts.users.length} users**.`), lines(answer).join('\n'));
    const [request] = reads(answer);
    assert.equal(reads(answer).length, 1);
    assert.match(decodeURIComponent(request.url), /\$count=true&\$top=10$/);
  });

  it('When asked about sign-ins from Russia, then the country links to RU (not a user named "russia"), and the follow-ups count the countries and ask whether any succeeded', async () => {
    const [list, countries, succeeded] = await stack.askChain(
      ['any sign ins from russia in the last few days?', 'where were those attempts coming from, how many countries?', 'did any of them succeed?'],
      DEMO_ADMIN.userPrincipalName,
    );
    const start = new Date(now - 3 * DAY).toISOString();
    const russian = facts.interactiveSignIns(start, PINNED_NOW).filter((s) => (s.location as { countryOrRegion?: string } | undefined)?.countryOrRegion === 'RU');
    assert.ok(russian.length > 0);
    assert.equal(list.intent, 'signin.list');
    const plan = planOf(list);
    assert.deepEqual(plan.filters, [{ field: 'country', op: 'eq', value: 'RU' }]);
    assert.equal(plan.window?.label, 'last 3 days');
    assert.ok(lines(list).includes(`**${russian.length} sign-ins**.`), lines(list).join('\n'));
    assert.ok(lines(list)[0].includes('Russia (RU)'), lines(list)[0]);
    assert.match(decodeURIComponent(answerRequests(list).at(-1)!.url), /location\/countryOrRegion eq 'RU' and createdDateTime ge /);

    assert.equal(planOf(countries).operation.kind, 'countDistinct');
    assert.ok(lines(countries).includes(`**1 different country** among ${russian.length} sign-ins.`), lines(countries).join('\n'));

    const wins = russian.filter((s) => (s.status as { errorCode: number }).errorCode === 0);
    assert.equal(planOf(succeeded).operation.kind, 'exists');
    assert.ok(planOf(succeeded).filters.some((f) => f.field === 'result' && f.value === 'success'));
    assert.ok(lines(succeeded).includes(wins.length ? `**Yes**: ${wins.length} sign-in${wins.length === 1 ? '' : 's'} match.` : '**No**: no sign-ins match.'), lines(succeeded).join('\n'));
  });

  it('When asked who got into the Azure portal this week without MFA, then successful portal sign-ins are checked for a second factor, by user', async () => {
    const answer = await stack.ask('who got into the Azure portal this week without doing MFA?', DEMO_ADMIN.userPrincipalName);
    const plan = planOf(answer);
    assert.equal(plan.operation.kind, 'groupBy');
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'success'));
    assert.ok(plan.filters.some((f) => f.field === 'mfaDone' && f.value === false));
    const monday = Date.UTC(2026, 10, 16);
    const expected = facts.signIns.filter(
      (s) =>
        s.appDisplayName === 'Azure Portal' &&
        Date.parse(String(s.createdDateTime)) >= monday &&
        (s.status as { errorCode: number }).errorCode === 0 &&
        !((s.authenticationDetails as Array<{ authenticationMethod: string; succeeded: boolean }> | undefined) ?? []).some((d) => d.succeeded && d.authenticationMethod !== 'Password'),
    );
    const rows = tableRows(answer).slice(1);
    assert.deepEqual(rows.map((r) => r[0]).sort(), [...new Set(expected.map((s) => s.userDisplayName as string))].sort());
    if (expected.length === 0) assert.ok(lines(answer).includes('No sign-ins match.'));
    assert.ok(lines(answer).some((l) => l.includes('checked here, as Graph cannot filter on it: no MFA done')), lines(answer).join('\n'));
  });

  it('When asked who has no MFA method registered, then the registration report is filtered by Graph', async () => {
    const answer = await stack.ask('who still has no MFA method registered?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'user.info');
    const plan = planOf(answer);
    assert.equal(plan.resource, 'registrationDetails');
    const unregistered = facts.read('reports/authenticationMethods/userRegistrationDetails.json').filter((r) => r.isMfaRegistered === false);
    const total = unregistered.length;
    assert.ok(lines(answer).includes(total > 15 ? `Showing 15 of **${total} users**.` : `**${total} users**.`), lines(answer).join('\n'));
    assert.ok(tableRows(answer).slice(1).some((r) => r[0] === 'Alex Wilber'));
  });

  it('When asked which enabled users have been inactive for three months, then Graph filters on the last sign-in and the answer says never-signed-in users are apart', async () => {
    const answer = await stack.ask('which enabled users have been inactive for three months?', DEMO_ADMIN.userPrincipalName);
    const plan = planOf(answer);
    assert.deepEqual(plan.filters.map((f) => `${f.field} ${f.op}`), ['accountEnabled eq', 'lastSignIn le']);
    const cutoff = now - 90 * DAY;
    const inactive = facts.users.filter((u) => {
      const last = (u.signInActivity as { lastSignInDateTime?: string } | undefined)?.lastSignInDateTime;
      return u.accountEnabled !== false && last && Date.parse(last) <= cutoff;
    });
    assert.ok(inactive.length > 0);
    const shown = tableRows(answer).slice(1).map((r) => r[0]);
    assert.equal(shown.length, Math.min(15, inactive.length));
    for (const name of shown) assert.ok(inactive.some((u) => u.displayName === name), name);
    assert.ok(lines(answer).some((l) => l.startsWith('Users who never signed in are not in this list')));
  });

  it('When asked for the countries in the blocked list, then the named location and its countries are shown', async () => {
    const answer = await stack.ask('which countries are in the blocked list?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'policy.info');
    const location = facts.read('identity/conditionalAccess/namedLocations.json').find((l) => l.displayName === 'Blocked countries')!;
    const [header, ...rows] = tableRows(answer);
    const countries = header.indexOf('Countries');
    assert.ok(countries > 0, header.join(' | '));
    assert.equal(rows.length, 1);
    assert.equal(rows[0][0], 'Blocked countries');
    for (const code of location.countriesAndRegions as string[]) assert.ok(rows[0][countries].includes(`(${code})`), rows[0][countries]);
  });

  it('When asked for the risky users that were dismissed, then the risk state is read (not a dismiss action)', async () => {
    const answer = await stack.ask('list the risky users that were dismissed', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'risk.users');
    assert.deepEqual(planOf(answer).filters, [{ field: 'riskState', op: 'eq', value: 'dismissed' }]);
    const dismissed = facts.read('identityProtection/riskyUsers.json').filter((u) => u.riskState === 'dismissed').map((u) => u.userDisplayName);
    assert.deepEqual(tableRows(answer).slice(1).map((r) => r[0]), dismissed);
    assert.ok(dismissed.includes('Adele Vance'));
  });

  it('When asked who a report-only policy would affect if switched on, then the sign-ins it evaluated are grouped by user', async () => {
    const answer = await stack.ask('who would be blocked if the sign-in frequency policy were switched on?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'signin.list');
    const plan = planOf(answer);
    assert.equal(plan.resource, 'signIns');
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    const start = new Date(now - 30 * DAY).toISOString();
    const acted = facts
      .interactiveSignIns(start, PINNED_NOW)
      .filter((s) => ((s.appliedConditionalAccessPolicies as Array<{ displayName: string; result: string }> | undefined) ?? []).some((p) => p.displayName === 'Sign-in frequency for unmanaged devices' && ['reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyInterrupted'].includes(p.result)));
    assert.ok(acted.length > 0);
    const users = new Set(acted.map((s) => s.userDisplayName));
    assert.ok(lines(answer).some((l) => l.startsWith(`${acted.length} sign-ins, by ${users.size} different users`)), lines(answer).join('\n'));
  });

  it('When a member without reporting roles asks for sign-ins from Russia, then the roles are named and no sign-in is read', async () => {
    const answer = await stack.ask('any sign ins from russia this week?', DEMO_MEMBER.userPrincipalName);
    assert.match(answer.text, /^Reading sign-ins needs one of these Microsoft Entra roles: .*Reports Reader/);
    assert.ok(!(answer.graphRequests as Array<{ url: string }>).some((r) => r.url.includes('/auditLogs/signIns')));
  });

  it('When "Show more users" is pressed on a list longer than a page, then the next page comes from the nextLink in one request, and a forged cursor reads nothing', async () => {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, stack.tenantDir);
    const first = await chat.say('list all users', DEMO_ADMIN.userPrincipalName);
    // Sign-in names, as display names repeat in the demo tenant (two Grace Kaurs).
    const names = (card: unknown) => tablesOf(card).flatMap((t, i) => (i === 0 ? t.slice(1) : t)).map((r) => r[1].replace(/\\_/g, '_'));
    const firstNames = names(first.cards[0]);
    assert.equal(firstNames.length, 50);
    assert.ok(cardLines(first.cards[0]).includes(`Showing 50 of **${facts.users.length} users**.`), cardLines(first.cards[0]).join('\n'));
    const second = await chat.submit(first.cards[0], 'Show more users', DEMO_ADMIN.userPrincipalName);
    const secondNames = names(second.cards[0]);
    assert.equal(secondNames.length, 50);
    assert.equal(new Set([...firstNames, ...secondNames]).size, 100, 'no user twice');
    for (const name of secondNames) assert.ok(facts.users.some((u) => u.userPrincipalName === name), name);
    assert.ok(cardLines(second.cards[0]).some((l) => l.startsWith('More: ')));

    const forged = JSON.parse(
      JSON.stringify(first.cards[0]).replace(/"cursor":"(plan\.1\.[A-Za-z0-9_-]+)"/, (_all, cursor: string) => {
        const body = decodeCursor('plan', 1, cursor, ['s', 'n'])!;
        assert.match(String(body.n), /^\/users\?/);
        return `"cursor":"${encodeCursor('plan', 1, { s: 0, n: String(body.n).replace(/^\/users\?/, '/auditLogs/signIns?') })}"`;
      }),
    ) as Card;
    const refused = await chat.submit(forged, 'Show more users', DEMO_ADMIN.userPrincipalName);
    assert.match(refused.text, /no longer matches a list I can continue/);
  });
});
