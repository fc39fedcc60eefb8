import { strict as assert } from 'node:assert';
import { guid, instant, isGuid, odataString } from '../../src/graph/ids';
import { riskyListRequests } from '../../src/graph/workloadRiskQueries';

describe('Values checked before they go into a Graph URL or filter', () => {
  it('When an id is a GUID, then it passes (lower-cased by guid); anything else is refused', () => {
    assert.equal(isGuid('1CAA7DD4-DDB5-4BB1-895B-9FE9356F4BFE'), true);
    assert.equal(guid('1CAA7DD4-DDB5-4BB1-895B-9FE9356F4BFE', 'user id'), '1caa7dd4-ddb5-4bb1-895b-9fe9356f4bfe');
    for (const bad of ['', 'bob', "1caa7dd4-ddb5-4bb1-895b-9fe9356f4bfe' or 1 eq 1", null, 42]) assert.equal(isGuid(bad), false, String(bad));
    assert.throws(() => guid('x', 'user id'), /user id is not a GUID: x/);
  });

  it('When a date-time or a string goes into a filter, then it is normalised or quoted, and a forged window is refused', () => {
    assert.equal(instant('2026-11-16T00:00:00Z'), '2026-11-16T00:00:00.000Z');
    assert.throws(() => instant("2026-11-16T00:00:00Z) or (riskState eq 'dismissed'"), /Not a date-time/);
    assert.equal(odataString("O'Brien"), "'O''Brien'");
    // A "show more" button's entities come back from the client: the window of the risky-apps list is checked too.
    assert.throws(() => riskyListRequests({ updatedFrom: "2026-11-16T00:00:00Z) or (riskState eq 'dismissed'" }), /Not a date-time/);
    assert.match(decodeURIComponent(riskyListRequests({ updatedFrom: '2026-11-16T00:00:00Z' })[0].url), /riskLastUpdatedDateTime ge 2026-11-16T00:00:00\.000Z/);
  });
});
