import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { sqliteBackend, tableBackend } from '../support/storeBackends';
import type { ChannelSettings, ChannelStore } from '../../src/channels/channelStore';
import { SqliteChannelStore } from '../../src/channels/sqliteChannelStore';
import { TableChannelStore } from '../../src/channels/tableChannelStore';

/** Two handles on one store, as two bot instances would have. */
const sqliteStore = () => sqliteBackend<ChannelStore[]>('channels', (dir, n) => [new SqliteChannelStore(path.join(dir, `c${n}.sqlite`)), new SqliteChannelStore(path.join(dir, `c${n}.sqlite`))]);
const tableStore = () =>
  tableBackend<ChannelStore[]>('Channels', (connectionString, table) => [TableChannelStore.open({ auth: 'connectionString', connectionString }, table), TableChannelStore.open({ auth: 'connectionString', connectionString }, table)]);

const CHANNEL = '19:abc@thread.tacv2';

function subscribed(settings: ChannelSettings): ChannelSettings {
  return { ...settings, alerts: { kinds: ['riskyUsers'], reference: { conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, name: '' } }, by: { name: 'Avery Admin' }, at: '2026-11-20T12:00:00.000Z', cursors: {} } };
}

for (const subject of [sqliteStore(), tableStore()]) {
  describe(`Channel store: ${subject.name}`, function () {
    this.timeout(60_000);
    after(() => subject.cleanup());

    it('When a channel was never configured, then it has no settings, and an update that changes nothing writes nothing', async () => {
      const [store] = await subject.open();
      assert.equal(await store.get(CHANNEL), undefined);
      const same = await store.update(CHANNEL, () => undefined);
      assert.deepEqual(same, { channelId: CHANNEL });
      assert.equal(await store.get(CHANNEL), undefined);
      await store.close();
    });

    it('When a channel subscribes and unsubscribes, then the other instance sees it in subscribed() and then no more', async () => {
      const [a, b] = await subject.open();
      await a.update(CHANNEL, (s) => subscribed(s));
      assert.deepEqual((await b.subscribed()).map((s) => s.channelId), [CHANNEL]);
      await b.update(CHANNEL, (s) => ({ ...s, alerts: undefined, helpdesk: { by: { name: 'Avery Admin' }, at: '2026-11-20T12:00:00.000Z' } }));
      assert.deepEqual(await a.subscribed(), []);
      assert.ok((await a.get(CHANNEL))?.helpdesk, 'the help-desk flag is kept');
    });

    it('When two instances update the same channel at once, then neither change is lost', async () => {
      const [a, b] = await subject.open();
      await a.update(CHANNEL, (s) => subscribed(s));
      const mark = (store: ChannelStore, id: string) =>
        store.update(CHANNEL, (s) => {
          const cursor = s.alerts!.cursors.riskyUsers ?? { since: '2026-11-20T12:00:00.000Z', seen: {} };
          return { ...s, alerts: { ...s.alerts!, cursors: { riskyUsers: { ...cursor, seen: { ...cursor.seen, [id]: '2026-11-20T12:01:00.000Z' } } } } };
        });
      await Promise.all([mark(a, 'e1'), mark(b, 'e2'), mark(a, 'e3'), mark(b, 'e4')]);
      const seen = Object.keys((await a.get(CHANNEL))!.alerts!.cursors.riskyUsers!.seen).sort();
      assert.deepEqual(seen, ['e1', 'e2', 'e3', 'e4']);
    });

    it('When two instances claim the same thread, then exactly one gets it, and a released thread can be claimed again', async () => {
      const [a, b] = await subject.open();
      const thread = `${CHANNEL};messageid=1732100000001`;
      const claims = await Promise.all([a.claimThread(thread, 'now'), b.claimThread(thread, 'now'), a.claimThread(thread, 'now')]);
      assert.deepEqual(claims.filter(Boolean).length, 1);
      await b.releaseThread(thread);
      assert.equal(await a.claimThread(thread, 'later'), true);
      assert.equal(await b.claimThread(`${CHANNEL};messageid=other`, 'now'), true);
    });
  });
}
