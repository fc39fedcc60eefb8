import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_ADMIN } from '../src/demo/constants';
import { loadSnapshot } from '../src/snapshot/loadSnapshot';
import { shiftAllDateTimes, shiftDateTime } from '../src/snapshot/dateTimes';
import { COLLECTION_FILES } from '../src/snapshot/layout';
import { createIndexedCollection } from '../src/odata';
import { TenantStore } from '../src/tenant/store';
import { MINI_CAPTURED_AT, MINI_TENANT_DIR, RawCaller, startMini } from '../src/testing';
import { readValueFile } from './support/jsonFiles';

/** A writable copy of the mini tenant, changed by `edit`. */
function miniCopy(edit: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-snapshot-'));
  fs.cpSync(MINI_TENANT_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Rewrites a collection file in the generator's one-object-per-line layout, with the given line break. */
function toLineLayout(dir: string, file: string, lineBreak: string, change: (items: Array<Record<string, unknown>>) => unknown[] = (items) => items): void {
  const full = path.join(dir, file);
  const items = change(readValueFile(full));
  fs.writeFileSync(full, `{"value":[${lineBreak}${items.map((item) => JSON.stringify(item)).join(`,${lineBreak}`)}${lineBreak}]}${lineBreak}`);
}

function rewrite(dir: string, file: string, change: (body: { value: Array<Record<string, unknown>> }) => unknown): void {
  const full = path.join(dir, file);
  fs.writeFileSync(full, JSON.stringify(change({ value: readValueFile(full) })));
}

describe('Local Entra snapshot loading', () => {
  const made: string[] = [];
  const copy = (edit: (dir: string) => void) => {
    const dir = miniCopy(edit);
    made.push(dir);
    return dir;
  };
  after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const refusals: Array<[string, (dir: string) => void, RegExp]> = [
    ['bad JSON', (dir) => fs.writeFileSync(path.join(dir, 'groups.json'), '{"value": [ {"id": "x",, } ]}'), /groups\.json: bad JSON/],
    ['no value array', (dir) => fs.writeFileSync(path.join(dir, 'applications.json'), '{"items": []}'), /applications\.json: no "value" array/],
    ['an object without id', (dir) => rewrite(dir, 'users.json', (body) => ({ value: [...body.value, { displayName: 'Nobody' }] })), /users\.json: object #12 has no "id"/],
    [
      'a bad date-time',
      (dir) => rewrite(dir, 'auditLogs/signIns.json', (body) => ({ value: body.value.map((s, i) => (i === 0 ? { ...s, createdDateTime: 'yesterday' } : s)) })),
      /auditLogs\/signIns\.json: .*"createdDateTime" is not an ISO 8601 date-time/,
    ],
    [
      'a reference to an unknown id',
      (dir) => rewrite(dir, 'roleManagement/directory/roleAssignments.json', (body) => ({ value: [...body.value, { id: 'ra-x', principalId: 'missing-principal', roleDefinitionId: body.value[0].roleDefinitionId, directoryScopeId: '/' }] })),
      /roleAssignments\.json: object ra-x: "principalId" refers to unknown id missing-principal/,
    ],
    ['a missing snapshot.json', (dir) => fs.rmSync(path.join(dir, 'snapshot.json')), /snapshot\.json: missing/],
  ];
  for (const [what, edit, message] of refusals) {
    it(`When a snapshot has ${what}, then start is refused naming the file and the reason`, async () => {
      await assert.rejects(startMini({ tenantDir: copy(edit) }), message);
    });
  }

  it('When a collection file is missing and an unknown file is present, then the collection is empty and the file ignored', async () => {
    const dir = copy((d) => {
      fs.rmSync(path.join(d, 'identityProtection', 'riskDetections.json'));
      fs.writeFileSync(path.join(d, 'notes.txt'), 'not part of the format');
    });
    const snapshot = await loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: true });
    assert.deepEqual(snapshot.collections.riskDetections, []);
    assert.equal(snapshot.collections.users.length, 12);
  });

  it('When a file is in the one-object-per-line layout, then it is streamed line by line with line numbers in errors', async () => {
    const dir = copy((d) => {
      const users = readValueFile(path.join(d, 'users.json'));
      fs.writeFileSync(path.join(d, 'users.json'), `{"value":[\n${users.map((u) => JSON.stringify(u)).join(',\n')}\n]}\n`);
    });
    const snapshot = await loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: false });
    assert.equal(snapshot.collections.users.length, 12);
    fs.appendFileSync(path.join(dir, 'users.json'), '{"id":"late"}\n');
    await assert.rejects(loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: false }), /users\.json: line 15: text after the closing/);
  });

  it('When every file is in the line layout with CRLF breaks, then loading rebases exactly as shifting the captured values does', async () => {
    const dir = copy((d) => {
      for (const file of Object.values(COLLECTION_FILES)) if (fs.existsSync(path.join(d, file)) && file !== 'organization.json') toLineLayout(d, file, '\r\n');
    });
    const oddLater = new Date(MINI_CAPTURED_AT.getTime() + (3 * 24 * 3600 + 7 * 60 + 13) * 1000);
    const captured = await loadSnapshot(MINI_TENANT_DIR, { now: MINI_CAPTURED_AT, rebase: false });
    const rebased = await loadSnapshot(dir, { now: oddLater, rebase: true });
    assert.equal(rebased.shiftSeconds, 3 * 24 * 3600 + 7 * 60 + 13);
    assert.ok(captured.collections.signIns.length > 0);
    assert.deepEqual(rebased.collections, shiftAllDateTimes(structuredClone(captured.collections), rebased.shiftSeconds));
    assert.notDeepEqual(rebased.collections.signIns[0].createdDateTime, captured.collections.signIns[0].createdDateTime);
  });

  const lineRefusals: Array<[string, string, RegExp]> = [
    ['a nested step time that is not ISO', '20/11/2026 11:00', /signIns\.json: line 2: bad JSON or value: "authenticationStepDateTime" is not an ISO 8601 date-time: "20\/11\/2026 11:00"/],
    ['a calendar day that does not exist', '2026-02-30T10:00:00Z', /signIns\.json: line 2: .*"authenticationStepDateTime" is not an ISO 8601 date-time: "2026-02-30T10:00:00Z"/],
  ];
  for (const [what, stepTime, message] of lineRefusals) {
    it(`When a line-layout sign-in has ${what}, then start is refused naming the file, the line and the property`, async () => {
      const dir = copy((d) =>
        toLineLayout(d, 'auditLogs/signIns.json', '\n', (items) =>
          items.map((s, i) => (i === 0 ? { ...s, authenticationDetails: [{ authenticationStepDateTime: stepTime, succeeded: true }] } : s)),
        ),
      );
      await assert.rejects(loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: true }), message);
    });
  }

  it('When a line holds non-ASCII text, a date-time outside a …DateTime property, an empty …DateTime and "__proto__", then each loads as JSON.parse reads it', async () => {
    const extra = { id: 'odd-sign-in', userDisplayName: 'Zoë Łukasz 東京 🚀', note: '2026-11-20T10:00:00Z', deletedDateTime: '' };
    const dir = copy((d) => {
      const full = path.join(d, 'auditLogs/signIns.json');
      const items = readValueFile(full);
      const lines = [...items.map((item) => JSON.stringify(item)), JSON.stringify(extra).replace(/}$/, ',"__proto__":{"polluted":true}}')];
      fs.writeFileSync(full, `{"value":[\n${lines.join(',\n')}\n]}\n`);
    });
    const snapshot = await loadSnapshot(dir, { now: new Date(MINI_CAPTURED_AT.getTime() + 60_000), rebase: true });
    const odd = snapshot.collections.signIns.find((s) => s.id === 'odd-sign-in') as Record<string, unknown>;
    assert.equal(odd.userDisplayName, 'Zoë Łukasz 東京 🚀');
    assert.equal(odd.note, '2026-11-20T10:01:00Z');
    assert.equal(odd.deletedDateTime, '');
    assert.ok(Object.prototype.hasOwnProperty.call(odd, '__proto__'));
    assert.equal(Object.getPrototypeOf(odd), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('When one line is longer than the reader\'s 16 MiB chunk, then it is read whole', async () => {
    const about = 'x'.repeat(17 * 1024 * 1024);
    const dir = copy((d) => toLineLayout(d, 'users.json', '\n', (items) => items.map((u, i) => (i === 3 ? { ...u, aboutMe: about } : u))));
    const snapshot = await loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: false });
    assert.equal(snapshot.collections.users.length, 12);
    assert.equal((snapshot.collections.users[3].aboutMe as string).length, about.length);
    assert.equal(snapshot.collections.users[4].id, readValueFile(path.join(MINI_TENANT_DIR, 'users.json'))[4].id);
  });

  it('When sign-ins are stored newest first, then the store declares that order without reordering; out of order, it declares none', async () => {
    const snapshot = await loadSnapshot(MINI_TENANT_DIR, { now: MINI_CAPTURED_AT, rebase: true });
    const times = snapshot.collections.signIns.map((s) => Date.parse(s.createdDateTime as string));
    const newestFirst = times.every((time, i) => i === 0 || time <= times[i - 1]);
    const stored = new TenantStore(snapshot).queryable('signIns');
    assert.equal(stored.items, snapshot.collections.signIns);
    assert.deepEqual(stored.sortedBy, newestFirst ? { property: 'createdDateTime', descending: true } : undefined);

    const at = (iso: string, id: string) => ({ id, createdDateTime: iso });
    const sorted = [at('2026-11-20T12:00:00Z', 'c'), at('2026-11-20T11:30:00Z', 'b'), at('2026-11-20T11:00:00.5Z', 'a'), at('2026-11-20T11:00:00.500Z', 'tie')];
    const newest = { property: 'createdDateTime', descending: true };
    assert.deepEqual(createIndexedCollection(sorted, ['id'], { observedOrder: newest }).sortedBy, newest);
    const shuffled = [sorted[1], sorted[0], sorted[2], sorted[3]];
    const unsortedCollection = createIndexedCollection(shuffled, ['id'], { observedOrder: newest });
    assert.equal(unsortedCollection.sortedBy, undefined);
    assert.deepEqual(unsortedCollection.items.map((s) => s.id), ['b', 'c', 'a', 'tie']);
    const mixed = [{ id: 'n', createdDateTime: 5 }, { id: 's', createdDateTime: 'text' }];
    assert.equal(createIndexedCollection(mixed, ['id'], { observedOrder: newest }).sortedBy, undefined);
    assert.deepEqual(createIndexedCollection(shuffled, ['id'], { order: newest }).items.map((s) => s.id), ['c', 'b', 'a', 'tie']);
  });

  it('When the clock is pinned a day after capture, then every date-time, nested too, moves by one day and keeps its precision', async () => {
    const dayLater = new Date(MINI_CAPTURED_AT.getTime() + 24 * 3600 * 1000);
    const original = await loadSnapshot(MINI_TENANT_DIR, { now: MINI_CAPTURED_AT, rebase: false });
    const rebased = await loadSnapshot(MINI_TENANT_DIR, { now: dayLater, rebase: true });
    const before = original.collections.signIns[0];
    const after = rebased.collections.signIns[0];
    assert.equal(Date.parse(after.createdDateTime as string) - Date.parse(before.createdDateTime as string), 24 * 3600 * 1000);
    assert.match(after.createdDateTime as string, /\.1234567Z$/);
    const nested = (s: Record<string, unknown>) => (s.authenticationDetails as Array<{ authenticationStepDateTime: string }>)[0].authenticationStepDateTime;
    assert.equal(Date.parse(nested(after)) - Date.parse(nested(before)), 24 * 3600 * 1000);
    const activity = (u: Record<string, unknown>) => (u.signInActivity as { lastSignInDateTime: string }).lastSignInDateTime;
    assert.equal(Date.parse(activity(rebased.collections.users[0])) - Date.parse(activity(original.collections.users[0])), 24 * 3600 * 1000);
  });

  it('When rebase is off, then the values stay as captured', async () => {
    const snapshot = await loadSnapshot(MINI_TENANT_DIR, { now: new Date('2030-01-01T00:00:00Z'), rebase: false });
    assert.equal(snapshot.shiftSeconds, 0);
    assert.equal(snapshot.collections.signIns[0].createdDateTime, '2026-11-20T11:00:00.1234567Z');
  });

  it('When the served tenant is rebased to a pinned clock, then Graph answers with the shifted times', async () => {
    const now = new Date('2027-03-01T08:30:00Z');
    const entra = await startMini({ now });
    const raw = new RawCaller(entra);
    try {
      const me = await raw.get(`/v1.0/users/${DEMO_ADMIN.id}?$select=id,signInActivity`, await raw.appToken());
      const shift = (now.getTime() - MINI_CAPTURED_AT.getTime()) / 1000;
      const original = (await loadSnapshot(MINI_TENANT_DIR, { now, rebase: false })).collections.users[0].signInActivity as { lastSignInDateTime: string };
      assert.equal((me.body.signInActivity as { lastSignInDateTime: string }).lastSignInDateTime, shiftDateTime(original.lastSignInDateTime, shift));
    } finally {
      await raw.close();
      await entra.stop();
    }
  });

  it('When a date-time has an offset or no seconds, then shifting keeps the written precision in UTC', () => {
    assert.equal(shiftDateTime('2026-01-01T10:00:00+02:00', 60), '2026-01-01T08:01:00Z');
    assert.equal(shiftDateTime('2026-01-01T10:00Z', 3600), '2026-01-01T11:00Z');
    assert.equal(shiftDateTime('2026-12-31T23:59:59.9999999Z', 1), '2027-01-01T00:00:00.9999999Z');
  });
});
