import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { sqliteBackend, tableBackend } from '../support/storeBackends';
import type { MitigationRecord, MitigationStore } from '../../src/mitigations/mitigationStore';
import { SqliteMitigationStore } from '../../src/mitigations/sqliteMitigationStore';
import { TableMitigationStore } from '../../src/mitigations/tableMitigationStore';

/** Two handles on one store, as two bot instances (or two turns) would have. */
const sqliteStore = () => sqliteBackend('mitigations', (dir, n) => [new SqliteMitigationStore(path.join(dir, `m${n}.sqlite`)), new SqliteMitigationStore(path.join(dir, `m${n}.sqlite`))]);
const tableStore = () => tableBackend('Mitigations', (connection, table) => [TableMitigationStore.fromConnectionString(connection, table), TableMitigationStore.fromConnectionString(connection, table)]);

function pending(): MitigationRecord {
  return {
    id: randomUUID(),
    conversationId: 'a:conversation',
    proposal: { action: 'confirmCompromised', target: { kind: 'user', id: randomUUID(), displayName: 'Bob Kelly', userPrincipalName: 'bob@contoso.com' } },
    stateWhenAsked: 'risk high, at risk',
    proposedBy: { aadObjectId: randomUUID(), name: 'Avery Admin' },
    proposedAt: '2026-11-20T12:00:00.000Z',
    expiresAt: '2026-11-20T12:15:00.000Z',
    status: 'pending',
  };
}

for (const subject of [sqliteStore(), tableStore()]) {
  describe(`Mitigation store: ${subject.name}`, function () {
    this.timeout(30_000);
    let a: MitigationStore;
    let b: MitigationStore;
    beforeEach(async () => {
      [a, b] = await subject.open();
    });
    afterEach(async () => {
      await a.close();
      await b.close();
    });
    after(async () => subject.cleanup());

    it('When a proposal is recorded, then it comes back whole from another handle', async () => {
      const record = pending();
      await a.create(record);
      assert.deepEqual(await b.get(record.id), record);
      assert.equal(await b.get(randomUUID()), undefined);
    });

    it('When two handles decide the same proposal at once, then exactly one moves it and both see that decision', async () => {
      const record = pending();
      await a.create(record);
      const by1 = { aadObjectId: 'one', name: 'One' };
      const by2 = { aadObjectId: 'two', name: 'Two' };
      const [r1, r2] = await Promise.all([a.decide(record.id, 'running', by1, '2026-11-20T12:01:00Z'), b.decide(record.id, 'cancelled', by2, '2026-11-20T12:01:00Z')]);
      assert.equal([r1, r2].filter((r) => r.moved).length, 1);
      const winner = r1.moved ? r1.record! : r2.record!;
      assert.deepEqual(r1.record, winner);
      assert.deepEqual(r2.record, winner);
      assert.deepEqual(await a.get(record.id), winner);
    });

    it('When a running mitigation completes, then the outcome is kept and a second completion changes nothing', async () => {
      const record = pending();
      await a.create(record);
      await a.decide(record.id, 'running', { name: 'Avery Admin' }, '2026-11-20T12:01:00Z');
      const done = await b.complete(record.id, { ok: true, message: 'Bob Kelly is confirmed compromised.', graphStatus: 204 }, '2026-11-20T12:01:01Z');
      assert.equal(done?.status, 'done');
      assert.equal(done?.outcome?.graphStatus, 204);
      const again = await a.complete(record.id, { ok: false, message: 'late' }, '2026-11-20T12:02:00Z');
      assert.equal(again?.status, 'done');
      assert.equal(again?.outcome?.message, 'Bob Kelly is confirmed compromised.');
      const decidedLate = await a.decide(record.id, 'cancelled', { name: 'Late' }, '2026-11-20T12:03:00Z');
      assert.equal(decidedLate.moved, false);
    });

    it('When the confirmation message is linked, then the record keeps its id; list gives every record oldest first', async () => {
      const first = pending();
      const second = { ...pending(), proposedAt: '2026-11-20T12:05:00.000Z' };
      await a.create(second);
      await a.create(first);
      await b.linkMessage(first.id, 'activity-7');
      assert.equal((await a.get(first.id))?.confirmationMessageId, 'activity-7');
      assert.deepEqual((await b.list()).map((r) => r.id), [first.id, second.id]);
    });
  });
}
