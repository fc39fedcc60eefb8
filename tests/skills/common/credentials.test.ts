import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { expiryHorizon } from '../../../src/skills/common/credentials';
import { demoStackFor } from '../../support/demoStack';

const NOW = new Date('2026-11-20T12:00:00Z');

describe('How far ahead expiring credentials are looked for', () => {
  it('When the question names the new year, the end of the year or a month, then the window ends there', () => {
    assert.deepEqual(expiryHorizon('which certs expire before new year?', NOW), { until: new Date('2027-01-01T00:00:00Z'), name: 'before the new year (2027-01-01)' });
    assert.equal(expiryHorizon('secrets ending by the end of the year', NOW)?.until.toISOString(), '2027-01-01T00:00:00.000Z');
    assert.equal(expiryHorizon('anything running out before March?', NOW)?.until.toISOString(), '2027-03-01T00:00:00.000Z');
    assert.equal(expiryHorizon('anything running out before December?', NOW)?.until.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.deepEqual(expiryHorizon('which app creds expire before dec 20', NOW), { until: new Date('2026-12-20T00:00:00Z'), name: 'before 2026-12-20' });
    assert.equal(expiryHorizon('before November 3rd', NOW)?.until.toISOString(), '2027-11-03T00:00:00.000Z');
  });

  it('When the question says "the next N days, weeks or months", then the window is that long; otherwise there is none', () => {
    assert.equal(expiryHorizon('which secrets expire in the next 60 days', NOW)?.until.toISOString(), '2027-01-19T12:00:00.000Z');
    assert.equal(expiryHorizon('within the next 2 weeks', NOW)?.name, 'in the next 2 weeks');
    assert.equal(expiryHorizon('which secrets expire soon?', NOW), undefined);
    assert.equal(expiryHorizon('in the next 0 days', NOW), undefined);
  });
});

describe('Expiring credentials for the window asked, through the whole stack', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);

  it('When asked which credentials expire before the new year, then the answer looks that far ahead and says so', async () => {
    const thirty = await demo.stack.ask('which app credentials are expiring soon?', DEMO_ADMIN.userPrincipalName);
    const newYear = await demo.stack.ask('which app credentials expire before new year?', DEMO_ADMIN.userPrincipalName);
    assert.match(thirty.text, /^App credentials expiring in the next 30 days/);
    assert.match(newYear.text, /^App credentials expiring before the new year \(2027-01-01\)/);
    const expiring = (text: string) => Number(/(\d+) expiring/.exec(text)?.[1]);
    assert.ok(expiring(newYear.text) > expiring(thirty.text), `${expiring(newYear.text)} vs ${expiring(thirty.text)}`);
  });
});
