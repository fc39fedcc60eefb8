import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * "the travel ones", "the backup ones": a plural description of the last rows that only one row carries is that row
 * (issue #13), as "the travel one" is. Whole stack on Contoso; phrasings of our own.
 */
describe('A plural description that fits one row of the last list, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the expiring app credentials are followed by "the travel ones - who owns them?", then Travel Booking is answered with its owner', async () => {
    const [, travel] = await demo.stack.askChain(['which app credentials have already expired?', 'the travel ones - who owns them?'], admin);
    assert.equal(travel.intent, 'app.info');
    const entities = travel.entities as Array<{ type: string; displayName?: string }>;
    assert.ok(entities.some((e) => e.type === 'app' && e.displayName === 'Travel Booking'));
    assert.match(travel.text, /^Travel Booking/);
    assert.match(travel.text, /Owners/);
  });

  it('When a plural description fits no row, then no row is taken for it', async () => {
    const [, none] = await demo.stack.askChain(['which app credentials have already expired?', 'the payroll ones - who owns them?'], admin);
    const entities = none.entities as Array<{ type: string; displayName?: string }>;
    assert.ok(!entities.some((e) => e.type === 'app' && e.displayName === 'Travel Booking'));
    assert.doesNotMatch(none.text, /^Travel Booking/);
  });
});
