import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { appCredentialPattern } from '../../../src/skills/signIns/appCredentialEvidence';
import { DemoStack, type GraphRequest } from '../../support/demoStack';

interface AnswerEntity {
  type: string;
  text?: string;
  resolution?: string;
  displayName?: string;
}

const entitiesOf = (answer: { entities: unknown[] }) => answer.entities as AnswerEntity[];
const requestsOf = (answer: { graphRequests: unknown[] }) => (answer.graphRequests as GraphRequest[]).map((r) => decodeURIComponent(r.url));
/** The storyline of docs/demo-tenant.md: Inventory Sync's only client secret expired eight days before capture. */
const INVENTORY_SYNC_APP_ID = '406b7929-0b96-41a1-8e9e-bd4529d67508';
const GOVERNANCE_SYNC_APP_ID = '8222222f-5838-4807-88f0-90b42a2fd402';

describe('A failing workload: the app behind a vague word, and the expired secret behind its failures', () => {
  const now = new Date('2026-12-06T05:00:00Z');

  it('When the only credential has expired, then the evidence names it, says when, and that nothing valid is left', () => {
    const pattern = appCredentialPattern('Inventory Sync', { passwordCredentials: [{ displayName: 'Inventory Sync secret', endDateTime: '2026-11-28T05:00:00Z' }] }, now);
    assert.match(pattern.detail, /secret “Inventory Sync secret” expired on 2026-11-28 05:00 UTC \(8 days ago\)/);
    assert.match(pattern.detail, /No secret or certificate of the app is valid now/);
  });

  it('When a newer credential is still valid, then the evidence says so and points at the job\'s configuration', () => {
    const pattern = appCredentialPattern(
      'Inventory Sync',
      { passwordCredentials: [{ displayName: 'old', endDateTime: '2026-11-28T05:00:00Z' }], keyCredentials: [{ displayName: 'cert 2027', endDateTime: '2027-06-01T00:00:00Z' }] },
      now,
    );
    assert.match(pattern.detail, /Still valid: certificate “cert 2027” until 2027-06-01/);
    assert.match(pattern.detail, /still set to use an expired one/);
  });
});

describe('A failing workload through the whole stack (HTTP bot → local Entra, demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
  });
  after(async () => {
    await stack?.stop();
  });

  for (const question of ['our nightly sync job keeps failing, is that Entra?', "why can't the sync job authenticate any more?"]) {
    it(`When asked "${question}", then the app with failing service principal sign-ins is taken, the choice is explained, and the expired secret is named`, async () => {
      const answer = await stack.ask(question, DEMO_ADMIN.userPrincipalName);
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.doesNotMatch(answer.text, /Which app do you mean/);
      const app = entitiesOf(answer).find((e) => e.type === 'app');
      assert.equal(app?.resolution, 'resolved');
      assert.equal(app?.displayName, 'Inventory Sync');
      // How it chose: both candidates named, and the fact that decided.
      assert.match(answer.text, /“sync” matches 2 apps \(Inventory Sync, Identity Governance Sync\)\. I took Inventory Sync: it is the only one whose own sign-ins \(as a service principal\) failed in the last 7 days/);
      // The fact came from the tenant: both candidates' service principal sign-ins were read.
      const reads = requestsOf(answer).filter((url) => url.includes('/auditLogs/signIns') && url.includes("signInEventTypes/any(t: t eq 'servicePrincipal')"));
      assert.ok(reads.some((url) => url.includes(INVENTORY_SYNC_APP_ID)) && reads.some((url) => url.includes(GOVERNANCE_SYNC_APP_ID)), reads.join('\n'));
      // The failing sign-ins and the expired secret behind them.
      assert.match(answer.text, /failing with 7000222/);
      assert.match(answer.text, /The secret “Inventory Sync secret” expired on \S+ \S+ UTC \(8 days ago\)/);
      assert.match(answer.text, /No secret or certificate of the app is valid now/);
    });
  }

  it('When asked why a named app cannot authenticate any more, then its own sign-ins and its secrets are read, and no user is looked for', async () => {
    const answer = await stack.ask("why can't Inventory Sync authenticate any more?", DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.deepEqual(
      entitiesOf(answer).filter((e) => e.type === 'user'),
      [],
    );
    assert.match(answer.text, /Sign-in diagnosis: Inventory Sync/);
    assert.match(answer.text, /failing with 7000222/);
    assert.match(answer.text, /Read: \d+ service principal sign-ins/);
    assert.match(answer.text, /The secret “Inventory Sync secret” expired/);
    assert.ok(!requestsOf(answer).some((url) => /\/users\/|userId eq/.test(url)), requestsOf(answer).join('\n'));
  });

  it('When no app the word names has failing sign-ins of its own, then the admin is still asked which one', async () => {
    const answer = await stack.ask("the portal job can't authenticate", DEMO_ADMIN.userPrincipalName);
    assert.match(answer.text, /Which app do you mean by “portal”\?/);
    assert.doesNotMatch(answer.text, /I took/);
  });
});
