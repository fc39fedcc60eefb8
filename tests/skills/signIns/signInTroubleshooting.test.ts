import { strict as assert } from 'node:assert';
import { DemoStack } from '../../support/demoStack';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AskAnswer } from '../../../src/cli/ask';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { ensureDemoTenant, STORYLINES } from '@entra-assistant/local-entra/demo';

interface GraphRequest {
  method: string;
  url: string;
  status: number;
  /** A $batch's inner requests. */
  requests?: GraphRequest[];
}


/**
 * The sign-in storylines, asked as the storyline asks when the understanding routes that wording to a sign-in
 * intent, else in a help-desk's words. Facts of other skills (Bob's group change by Pradeep Gupta is a directory
 * fact; Alex's leaked credentials are risk facts) are left to those skills.
 */
const SIGN_IN_STORIES: Array<{ id: string; question: string; facts?: string[] }> = [
  { id: 'megan-new-android', question: "Why can't Megan sign in?" },
  { id: 'priya-unmanaged-iphone', question: 'Priya keeps getting 53000 on her new iPhone' },
  { id: 'bob-password-spray', question: 'Is Bob Kelly under attack? Why is his account locked?', facts: ['50126', '50053', 'passwordSpray', 'high', 'Finance', '192.0.2.200'] },
  { id: 'lee-disabled-yesterday', question: 'Lee Gu says he cannot sign in since yesterday. What happened?' },
  { id: 'guest-without-mfa', question: "why can't Nestor Wilke sign in?" },
  { id: 'legacy-authentication', question: "why can't Johanna Lorenz sign in?" },
  { id: 'blocked-country', question: 'Were there any sign-ins for Lidia Holloway from a blocked country?' },
  { id: 'alex-leaked-credentials', question: "why can't Alex Wilber sign in?", facts: ['50079'] },
  { id: 'diego-all-good', question: 'Has Diego Siciliani had any sign-in problems this month?' },
  { id: 'correlation-id-lookup', question: `A user sent me the correlation id ${STORYLINES.find((s) => s.id === 'correlation-id-lookup')!.correlationId}. What went wrong?` },
  { id: 'expired-client-secret', question: 'Why is the Inventory Sync job failing?' },
];

/** Every read of the sign-in log, alone or inside a $batch. */
function signInReads(answer: AskAnswer): URL[] {
  return (answer.graphRequests as GraphRequest[])
    .flatMap((r) => r.requests ?? [r])
    .map((r) => new URL(r.url))
    .filter((u) => u.pathname.endsWith('/auditLogs/signIns'));
}

describe('Sign-in troubleshooting through the whole stack (HTTP bot → local Entra, demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([]);
  });
  after(async () => {
    await stack?.stop();
  });

  const ask = (text: string, as: string = DEMO_ADMIN.userPrincipalName) => stack.ask(text, as);

  for (const story of SIGN_IN_STORIES) {
    const storyline = STORYLINES.find((s) => s.id === story.id)!;
    const facts = story.facts ?? storyline.facts;
    it(`When an admin asks about "${storyline.title}", then the answer contains ${facts.join(', ')}`, async () => {
      const answer = await ask(story.question);
      assert.match(String(answer.intent), /^signin\./, `routed to ${answer.intent}`);
      for (const fact of facts) assert.ok(answer.text.includes(fact), `missing "${fact}" in:\n${answer.text}`);
    });
  }

  it('When a user is troubleshot, then the log reads are filtered on the server by user and window, select fields, are bounded and newest first', async () => {
    const answer = await ask("why can't Megan sign in?");
    const reads = signInReads(answer);
    assert.ok(reads.length >= 1 && reads.length <= 4, `${reads.length} sign-in reads`);
    for (const url of reads) {
      const filter = url.searchParams.get('$filter') ?? '';
      assert.match(filter, /userId eq '[0-9a-f-]{36}'/);
      assert.match(filter, /createdDateTime ge \d{4}-/);
      assert.match(url.searchParams.get('$select') ?? '', /status/);
      assert.ok(Number(url.searchParams.get('$top')) >= 1 && Number(url.searchParams.get('$top')) <= 100);
      assert.equal(url.searchParams.get('$orderby'), 'createdDateTime desc');
      assert.match(url.pathname, /^\/beta\//);
    }
    assert.ok(!(answer.graphRequests as GraphRequest[]).some((r) => /skiptoken/i.test(r.url)), 'no paging needed for one user and a week');
  });

  it('When a named person is troubleshot, then the first sign-in page and their profile come in one beta $batch, and the profile is not read again', async () => {
    const answer = await ask("why can't Megan sign in?");
    const requests = answer.graphRequests as GraphRequest[];
    const first = requests[0];
    assert.equal(first.method, 'POST');
    assert.match(new URL(first.url).pathname, /^\/beta\/\$batch$/);
    const inner = (first.requests ?? []).map((r) => ({ path: new URL(r.url).pathname, status: r.status }));
    assert.deepEqual(inner.map((r) => r.path.replace(/[0-9a-f-]{36}$/, '{id}')), ['/beta/auditLogs/signIns', '/beta/users/{id}']);
    assert.ok(inner.every((r) => r.status === 200), JSON.stringify(inner));
    const megan = inner[1].path.split('/').pop()!;
    assert.match(signInReads(answer)[0].searchParams.get('$filter') ?? '', new RegExp(`userId eq '${megan}'`), 'the profile is the person whose sign-ins are read');
    assert.ok(!requests.flatMap((r) => r.requests ?? [r]).slice(2).some((r) => r.url.includes(`/users/${megan}`)), 'the profile is read once');
    assert.ok(requests.length <= 2, `${requests.length} round trips`);
  });

  it('When an error code is named, then the status is filtered on the server', async () => {
    const answer = await ask('Priya keeps getting 53000 on her new iPhone');
    const filters = signInReads(answer).map((u) => u.searchParams.get('$filter') ?? '');
    assert.ok(filters.some((f) => /status\/errorCode eq 53000/.test(f)), filters.join('\n'));
    assert.ok(filters.some((f) => /status\/errorCode eq 0/.test(f)), 'the last success is looked up with a status filter');
  });

  it('When a correlation id is given, then its sign-in is found directly by id, not by scanning a window', async () => {
    const answer = await ask('what happened with request c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05?');
    const first = signInReads(answer)[0];
    assert.match(first.searchParams.get('$filter') ?? '', /correlationId eq 'c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05'/);
    assert.match(answer.text, /50105/);
  });

  it('When the question asks for non-interactive sign-ins, then the beta non-interactive log is read for that user', async () => {
    const answer = await ask("show Diego's non-interactive sign-ins this week");
    const filters = signInReads(answer).map((u) => u.searchParams.get('$filter') ?? '');
    assert.ok(filters.some((f) => /signInEventTypes\/any\(t: t eq 'nonInteractiveUser'\)/.test(f) && /userId eq/.test(f)), filters.join('\n'));
    assert.match(answer.text, /non-interactive/);
  });

  it('When an app job fails, then service-principal sign-ins are read on beta with signInEventTypes', async () => {
    const answer = await ask('Why is the Inventory Sync job failing?');
    const filter = signInReads(answer)[0].searchParams.get('$filter') ?? '';
    assert.match(filter, /signInEventTypes\/any\(t: t eq 'servicePrincipal'\)/);
    assert.match(filter, /appId eq '[0-9a-f-]{36}'/);
    assert.match(answer.text, /Expired client secret/);
  });

  it('When Diego (nothing wrong) is asked about, then the answer says so with his last successful sign-in', async () => {
    const answer = await ask('Has Diego Siciliani had any sign-in problems this month?');
    assert.match(answer.text, /Nothing wrong: no failed sign-ins for Diego Siciliani/);
    assert.match(answer.text, /Last successful sign-in: 2026-11-\d\d \d\d:\d\d UTC/);
    assert.doesNotMatch(answer.text, /Recent failures/);
  });

  it('When a password spray hit the user, then the pattern is named from the evidence with the addresses', async () => {
    const answer = await ask('Is Bob Kelly under attack? Why is his account locked?');
    assert.match(answer.text, /Possible password spray: \d+ wrong passwords \(50126\) from \d+ IP addresses/);
    assert.match(answer.text, /Account locked by smart lockout/);
  });

  it('When a member without a reader role asks, then they are told which role is needed and no sign-in data is read or shown', async () => {
    const answer = await ask("why can't Megan sign in?", DEMO_MEMBER.userPrincipalName);
    assert.match(answer.text, /needs one of these Microsoft Entra roles: .*Reports Reader/);
    assert.doesNotMatch(answer.text, /53000|Outlook Mobile|Android|100\.109/);
    assert.equal(signInReads(answer).length, 0);
  });

  it('When the error code is asked about, then our explanation, the official name and the lookup link answer it without reading the tenant', async () => {
    const answer = await ask('what does AADSTS50076 mean?');
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /UserStrongAuthClientAuthNRequired/);
    assert.match(JSON.stringify(answer.cards), /https:\/\/login\.microsoftonline\.com\/error\?code=50076/);
    assert.equal(signInReads(answer).length, 0);
  });

  it("When Adele's sign-ins from yesterday are asked for, then a list comes back filtered to her and the window", async () => {
    const answer = await ask("show Adele's sign-ins from yesterday");
    assert.equal(answer.intent, 'signin.list');
    const filter = signInReads(answer)[0].searchParams.get('$filter') ?? '';
    assert.match(filter, /userId eq '58b658b3-4ebd-458f-9256-dfe2ebe85496'/);
    assert.match(filter, /createdDateTime ge 2026-11-19T00:00:00.000Z/);
    assert.match(answer.text, /Sign-ins: Adele Vance/);
  });
});

describe('Sign-in answers escape tenant strings (a display name with Markdown)', function () {
  this.timeout(120_000);
  const HOSTILE = '**Megan** [click](https://evil.example)';
  let stack: DemoStack;
  let copyDir: string;

  before(async () => {
    const source = await ensureDemoTenant();
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'h7-hostile-tenant-'));
    fs.cpSync(source, copyDir, { recursive: true });
    for (const file of ['users.json', path.join('auditLogs', 'signIns.json')]) {
      const full = path.join(copyDir, file);
      fs.writeFileSync(full, fs.readFileSync(full, 'utf8').split('"Megan Bowen"').join(JSON.stringify(HOSTILE)));
    }
    stack = await new DemoStack(copyDir).start();
  });
  after(async () => {
    await stack?.stop();
    fs.rmSync(copyDir, { recursive: true, force: true });
  });

  it('When a display name carries Markdown, then no card text holds it unescaped', async () => {
    const answer = await stack.ask("why can't megan.bowen@contoso.com sign in?", DEMO_ADMIN.userPrincipalName);
    const card = JSON.stringify(answer.cards);
    assert.ok(card.includes('\\\\*\\\\*Megan\\\\*\\\\* \\\\[click\\\\](https\\\\[:\\\\]//evil\\\\[.\\\\]example)'), card.slice(0, 600));
    assert.ok(!card.includes(HOSTILE.replace(/"/g, '\\"')), 'the raw Markdown name reached the card');
    assert.match(answer.text, /53000/);
  });
});
