import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { DEMO_ADMIN } from '../src/demo/constants';
import { ensureDemoTenant } from '../src/demo';
import { indexSnapshot, startLocalEntra, type LocalEntra, type LocalEntraOptions } from '../src';
import { CACHE_FOLDER, openLogCache, stampOf, writeLogCache } from '../src/snapshot/indexCache';
import { LogColumns, positionsByKey } from '../src/snapshot/logIndex';
import { DiskLog, LogView } from '../src/snapshot/diskLog';
import { loadSnapshot } from '../src/snapshot/loadSnapshot';
import { createIndexedCollection, runQuery, type EndpointRules, type QueryableCollection } from '../src/odata';
import { INDEXED_PATHS, ON_DISK_SHAPES, STORED_ORDER_CANDIDATES } from '../src/tenant/indexedPaths';
import { comparablePages, temporaryFolders, LIMITED_CLIENT, MINI_CAPTURED_AT, MINI_TENANT_DIR, RawCaller, startMini } from '../src/testing';
import type { SignInRecord } from './support/signInRecord';
import { readValueFile } from './support/jsonFiles';

type Json = Record<string, unknown>;

const SIGN_INS = 'auditLogs/signIns.json';
const CACHE_FILE = path.join(CACHE_FOLDER, 'auditLogs.signIns.json.index');
const LEE_RISKY_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000703';

const { tempDir, removeAll } = temporaryFolders();

function writeLines(file: string, items: Json[]): void {
  fs.writeFileSync(file, `{"value":[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]}\n`);
}

/** A copy of the mini tenant whose sign-ins are in the line layout (the generator's), optionally changed. */
function lineTenant(change: (signIns: Json[]) => Json[] = (items) => items): string {
  const dir = tempDir('local-entra-index-');
  fs.cpSync(MINI_TENANT_DIR, dir, { recursive: true });
  const signIns = readValueFile(path.join(dir, SIGN_INS));
  writeLines(path.join(dir, SIGN_INS), change(signIns));
  return dir;
}

/**
 * `count` sign-ins made from the mini tenant's first one: newest first with runs of equal times, users, apps, codes
 * and event types spread over them.
 */
function syntheticSignIns(template: Json, count: number): Json[] {
  const start = Date.parse('2026-11-20T11:00:00Z');
  const users = ['1a2b3c4d-0000-4000-8000-000000000006', '1a2b3c4d-0000-4000-8000-000000000007', '1a2b3c4d-0000-4000-8000-000000000009', '1a2b3c4d-0000-4000-8000-000000000010'];
  const types = ['interactiveUser', 'nonInteractiveUser', 'interactiveUser', 'servicePrincipal'];
  return Array.from({ length: count }, (_, n) => {
    const hex = n.toString(16).padStart(12, '0');
    return {
      ...template,
      id: `5e000000-0000-4000-8000-${hex}`,
      correlationId: `c0000000-0000-4000-8000-${hex}`,
      // Three sign-ins share each second: ties in the stored order.
      createdDateTime: new Date(start - Math.floor(n / 3) * 1000).toISOString(),
      userId: users[n % users.length],
      appDisplayName: n % 7 === 0 ? 'Azure Portal' : 'Microsoft Teams',
      status: { ...(template.status as Json), errorCode: n % 11 === 0 ? 50126 : 0 },
      signInEventTypes: [types[n % types.length]],
      isInteractive: types[n % types.length] === 'interactiveUser',
    };
  });
}

/** A cache file holding only this header text. */
function withHeader(text: string): Buffer {
  const length = Buffer.alloc(8);
  length.writeUInt32LE(Buffer.byteLength(text), 0);
  return Buffer.concat([length, Buffer.from(text)]);
}

/** Every page of a query, following each server's own nextLink (skip tokens left out: memory and disk scan otherwise). */
function allPages(raw: RawCaller, entra: LocalEntra, token: string, first: string, limit = 12): Promise<unknown[]> {
  return comparablePages(raw, entra, token, first, { limit });
}

/** Starts the local Entra, collecting its log lines. */
async function start(options: LocalEntraOptions): Promise<{ entra: LocalEntra; lines: string[] }> {
  const lines: string[] = [];
  const entra = await startMini({ ...options, log: (line) => lines.push(line) });
  return { entra, lines };
}

async function signInsOf(entra: LocalEntra, filter: string): Promise<Json[]> {
  const raw = new RawCaller(entra);
  try {
    const response = await raw.get(`/beta/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=1000`, await raw.appToken());
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.value;
  } finally {
    await raw.close();
  }
}

describe('Local Entra sign-in index (sign-ins kept on disk)', function () {
  this.timeout(180_000);
  after(removeAll);

  describe('the same answers as sign-ins held in memory', () => {
    let memory: LocalEntra;
    let disk: LocalEntra;
    let rawMemory: RawCaller;
    let rawDisk: RawCaller;
    let tokens: [string, string];

    before(async () => {
      const tenantDir = await ensureDemoTenant();
      memory = await startLocalEntra({ tenantDir, signInsOnDisk: false, now: new Date('2026-11-21T08:00:00Z') });
      disk = await startLocalEntra({ tenantDir, indexCacheDir: tempDir('local-entra-cache-'), now: new Date('2026-11-21T08:00:00Z') });
      assert.equal(memory.startup.signIns.onDisk, false);
      assert.equal(disk.startup.signIns.onDisk, true);
      rawMemory = new RawCaller(memory);
      rawDisk = new RawCaller(disk);
      tokens = [await rawMemory.appToken(), await rawDisk.appToken()];
    });
    after(async () => {
      await rawMemory.close();
      await rawDisk.close();
      await memory.stop();
      await disk.stop();
    });

    async function same(query: string, pages = 1): Promise<unknown[]> {
      const [a, b] = await Promise.all([allPages(rawMemory, memory, tokens[0], query, pages), allPages(rawDisk, disk, tokens[1], query, pages)]);
      assert.deepEqual(b, a, query);
      return a;
    }

    it('When the demo tenant is listed, filtered, ordered and paged on v1.0 and beta, then every page is the same', async () => {
      const first = (await rawMemory.get('/beta/auditLogs/signIns?$top=1000&$filter=signInEventTypes/any(t: t eq \'nonInteractiveUser\' or t eq \'interactiveUser\' or t eq \'servicePrincipal\')', tokens[0])).body.value as SignInRecord[];
      const user = first.find((s) => s.userId && s.signInEventTypes.includes('nonInteractiveUser'))!;
      const failed = first.find((s) => s.status.errorCode !== 0)!;
      const workload = first.find((s) => s.signInEventTypes.includes('servicePrincipal'))!;
      const middle = first[Math.floor(first.length / 2)];
      const week = new Date(Date.parse(middle.createdDateTime) - 7 * 86_400_000).toISOString();
      const queries = [
        ['/v1.0/auditLogs/signIns', 6],
        ['/v1.0/auditLogs/signIns?$top=7&$orderby=createdDateTime asc', 3],
        ['/v1.0/auditLogs/signIns?$orderby=createdDateTime desc&$top=999', 2],
        [`/v1.0/auditLogs/signIns?$filter=userId eq '${user.userId}'`, 1],
        [`/v1.0/auditLogs/signIns?$filter=userId eq '${user.userId}' and createdDateTime ge ${week}&$top=3`, 4],
        [`/v1.0/auditLogs/signIns?$filter=userId eq '${user.userId}'&$orderby=createdDateTime asc&$top=2`, 3],
        [`/v1.0/auditLogs/signIns?$filter=status/errorCode eq ${failed.status.errorCode}&$top=25`, 3],
        [`/v1.0/auditLogs/signIns?$filter=correlationId eq '${middle.correlationId}'`, 1],
        [`/v1.0/auditLogs/signIns?$filter=appId eq '${middle.appId}' and status/errorCode eq 0&$top=50`, 2],
        [`/v1.0/auditLogs/signIns?$filter=userPrincipalName eq '${String(user.userPrincipalName).toUpperCase()}'`, 1],
        ["/v1.0/auditLogs/signIns?$filter=startswith(appDisplayName,'micro')&$top=20", 2],
        [`/v1.0/auditLogs/signIns?$filter=createdDateTime ge ${week} and createdDateTime le ${middle.createdDateTime}&$top=30`, 3],
        [`/v1.0/auditLogs/signIns?$filter=createdDateTime lt ${middle.createdDateTime}&$orderby=createdDateTime asc&$top=30`, 2],
        [`/v1.0/auditLogs/signIns?$filter=ipAddress eq '${String(middle.ipAddress)}'&$select=id,createdDateTime,ipAddress`, 1],
        ["/v1.0/auditLogs/signIns?$filter=userId eq 'nobody'", 1],
        [`/v1.0/auditLogs/signIns?$filter=id in ('${middle.id}','${failed.id}')`, 1],
        ['/v1.0/auditLogs/signIns?$filter=createdDateTime ge yesterday', 1],
        [`/v1.0/auditLogs/signIns/${middle.id}`, 1],
        [`/v1.0/auditLogs/signIns/${workload.id}?$select=id,appId`, 1],
        ['/v1.0/auditLogs/signIns/00000000-0000-0000-0000-000000000000', 1],
        ["/beta/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser')&$top=100", 3],
        [`/beta/auditLogs/signIns?$filter=userId eq '${user.userId}' and signInEventTypes/any(t: t eq 'nonInteractiveUser' or t eq 'interactiveUser')&$orderby=createdDateTime desc`, 1],
        [`/beta/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'servicePrincipal') and createdDateTime ge ${week}&$orderby=createdDateTime asc&$top=40`, 3],
        [`/beta/auditLogs/signIns?$filter=appId eq '${workload.appId}' and signInEventTypes/any(t: t eq 'servicePrincipal')&$top=5`, 3],
        ['/beta/auditLogs/signIns?$top=250', 2],
      ] as const;
      for (const [query, pages] of queries) await same(query, pages);
      const listed = (await same('/v1.0/auditLogs/signIns?$top=1', 1))[0] as { body: { value: Json[] } };
      assert.equal(listed.body.value.length, 1);
    });

    it('When the same sign-in is confirmed compromised on both, then both answer the change the same way', async () => {
      const admin = [await rawMemory.userToken(DEMO_ADMIN.id), await rawDisk.userToken(DEMO_ADMIN.id)];
      const page = (await rawMemory.get('/v1.0/auditLogs/signIns?$top=5', tokens[0])).body.value as Json[];
      const target = page[3];
      assert.equal((await rawMemory.post('/v1.0/auditLogs/signIns/confirmCompromised', admin[0], { requestIds: [target.id] })).status, 204);
      assert.equal((await rawDisk.post('/v1.0/auditLogs/signIns/confirmCompromised', admin[1], { requestIds: [target.id] })).status, 204);
      await same(`/v1.0/auditLogs/signIns/${String(target.id)}?$select=id,riskState,riskDetail,riskLevelAggregated`);
      await same(`/v1.0/auditLogs/signIns?$filter=userId eq '${String(target.userId)}'&$select=id,riskState,riskDetail`);
      await same('/v1.0/auditLogs/signIns?$top=5&$select=id,riskState');
    });
  });

  describe('order, ties and unions of a log on disk', () => {
    it('When sign-ins share times, then both orders, buckets and unions match the sign-ins held in memory', async () => {
      const dir = lineTenant((items) => syntheticSignIns(items[0], 600));
      const memory = await startMini({ tenantDir: dir, signInsOnDisk: false, indexCacheDir: false });
      const disk = await startMini({ tenantDir: dir, indexCacheDir: false });
      const raws = [new RawCaller(memory), new RawCaller(disk)];
      try {
        const tokens = [await raws[0].appToken(), await raws[1].appToken()];
        const queries = [
          ['/v1.0/auditLogs/signIns?$top=50&$orderby=createdDateTime asc', 20],
          ['/v1.0/auditLogs/signIns?$top=50', 20],
          ["/beta/auditLogs/signIns?$filter=signInEventTypes/any(t: t eq 'servicePrincipal')&$orderby=createdDateTime asc&$top=13", 20],
          ["/v1.0/auditLogs/signIns?$filter=userId eq '1a2b3c4d-0000-4000-8000-000000000009'&$orderby=createdDateTime asc&$top=9", 30],
          ["/v1.0/auditLogs/signIns?$filter=status/errorCode eq 50126 and createdDateTime le 2026-11-20T10:58:00Z&$orderby=createdDateTime asc", 5],
        ] as const;
        for (const [query, pages] of queries) {
          const [a, b] = await Promise.all([allPages(raws[0], memory, tokens[0], query, pages), allPages(raws[1], disk, tokens[1], query, pages)]);
          assert.deepEqual(b, a, query);
          assert.ok(a.length > 1 || query.includes('50126'), `${query} pages`);
        }
      } finally {
        await Promise.all(raws.map((raw) => raw.close()));
        await memory.stop();
        await disk.stop();
      }
    });

    it('When the engine unites buckets and orders a log on disk, then it answers as over the same items in memory', async () => {
      const dir = lineTenant((items) => syntheticSignIns(items[0], 900));
      const log = await DiskLog.open({ dir, file: SIGN_INS, shape: ON_DISK_SHAPES.signIns!, shiftSeconds: 0, cacheDir: false });
      try {
        const items = (await loadSnapshot(dir, { now: MINI_CAPTURED_AT, rebase: false })).collections.signIns;
        const inMemory = createIndexedCollection(items, INDEXED_PATHS.signIns, { observedOrder: STORED_ORDER_CANDIDATES.signIns });
        const onDisk = new LogView(log);
        assert.deepEqual(onDisk.sortedBy, inMemory.sortedBy);
        // Rules that allow every operator, so that 'in' (a union of buckets) is reachable.
        const rules: EndpointRules = { defaultPageSize: 25, maxPageSize: 1000, directoryObject: false, resourceName: 'SignIn', orderBy: { supported: true }, defaultOrder: { property: 'createdDateTime', descending: true } };
        const users = "('1a2b3c4d-0000-4000-8000-000000000009','1A2B3C4D-0000-4000-8000-000000000006')";
        const filters = [
          `userId in ${users}`,
          `userId in ${users} and createdDateTime ge 2026-11-20T10:55:00Z`,
          "correlationId in ('c0000000-0000-4000-8000-000000000003','c0000000-0000-4000-8000-000000000002','nope')",
          "status/errorCode in (50126, 0) and appDisplayName eq 'Azure Portal'",
          'createdDateTime lt 2026-11-20T10:57:00Z',
        ];
        for (const filter of filters) {
          for (const orderby of [undefined, 'createdDateTime asc', 'createdDateTime desc', 'appDisplayName,createdDateTime desc']) {
            const ids = (collection: QueryableCollection) => {
              const params = new URLSearchParams({ $filter: filter, ...(orderby ? { $orderby: orderby } : {}) });
              const pages: unknown[][] = [];
              for (let page = 0; page < 50; page++) {
                const body = runQuery(collection, { params, requestUrl: 'https://x/v1.0/auditLogs/signIns', contextUrl: 'https://x/$metadata#auditLogs/signIns' }, rules);
                pages.push(body.value.map((item) => item.id));
                const next = body['@odata.nextLink'];
                if (!next) break;
                params.set('$skiptoken', new URL(next).searchParams.get('$skiptoken') as string);
              }
              return pages;
            };
            const expected = ids(inMemory);
            assert.deepEqual(ids(onDisk), expected, `${filter} / ${orderby}`);
            assert.ok(expected.flat().length > 0, `${filter} matches something`);
          }
        }
      } finally {
        log.close();
      }
    });

    it('When keys are grouped into buckets, then equal keys keep storage order', () => {
      const keys = Uint32Array.from([5, 0x10000, 5, 1, 0x10000, 0xffffffff, 5, 1]);
      assert.deepEqual([...positionsByKey(keys)], [3, 7, 0, 2, 6, 1, 4, 5]);
    });
  });

  describe('the index cache', () => {
    it('When a snapshot starts twice, then the first start builds and saves the index and says so, and the second reads it', async () => {
      const dir = lineTenant();
      const first = await start({ tenantDir: dir });
      await first.entra.stop();
      assert.equal(first.entra.startup.signIns.onDisk, true);
      assert.equal(typeof first.entra.startup.signIns.indexSeconds, 'number');
      assert.equal(first.entra.startup.signIns.rebuiltBecause, 'no index yet');
      assert.ok(first.lines.some((line) => /indexing auditLogs\/signIns\.json .*no index yet.*later starts reuse the index/.test(line)), first.lines.join('\n'));
      assert.ok(fs.existsSync(path.join(dir, CACHE_FILE)));

      const second = await start({ tenantDir: dir });
      try {
        assert.equal(second.entra.startup.signIns.indexSeconds, undefined);
        assert.equal(second.entra.startup.signIns.cacheFile, path.join(dir, CACHE_FILE));
        assert.ok(!second.lines.some((line) => /indexing/.test(line)), second.lines.join('\n'));
        assert.ok(second.lines.some((line) => /index read from its cache/.test(line)));
        assert.equal((await signInsOf(second.entra, "userId eq '1a2b3c4d-0000-4000-8000-000000000010'")).length, (await signInsOfMemory(dir, "userId eq '1a2b3c4d-0000-4000-8000-000000000010'")).length);
      } finally {
        await second.entra.stop();
      }
    });

    it('When the sign-in file changes after it was indexed, then the index is rebuilt and answers from the new file', async () => {
      const dir = lineTenant();
      await (await start({ tenantDir: dir })).entra.stop();
      const signIns = readValueFile(path.join(dir, SIGN_INS));
      const moved = { ...signIns[0], id: '5e000000-0000-4000-8000-00000000abcd', userId: '1a2b3c4d-0000-4000-8000-000000000006', correlationId: '5e000000-0000-4000-8000-00000000c0de' };
      writeLines(path.join(dir, SIGN_INS), [moved, ...signIns]);
      const again = await start({ tenantDir: dir });
      try {
        assert.equal(again.entra.startup.signIns.rebuiltBecause, 'the file changed since it was indexed');
        assert.ok(again.lines.some((line) => /the file changed since it was indexed/.test(line)));
        const found = await signInsOf(again.entra, "correlationId eq '5e000000-0000-4000-8000-00000000c0de'");
        assert.deepEqual(found.map((s) => s.id), [moved.id]);
        assert.deepEqual(await signInsOf(again.entra, "userId eq '1a2b3c4d-0000-4000-8000-000000000006'"), await signInsOfMemory(dir, "userId eq '1a2b3c4d-0000-4000-8000-000000000006'"));
      } finally {
        await again.entra.stop();
      }
    });

    const corruptions: Array<[string, (file: string) => void, RegExp]> = [
      [
        'a flipped byte',
        (file) => {
          const bytes = fs.readFileSync(file);
          bytes[bytes.length - 3] ^= 0xff;
          fs.writeFileSync(file, bytes);
        },
        /corrupt \(checksum of /,
      ],
      ['a cut-off end', (file) => fs.truncateSync(file, fs.statSync(file).size - 9), /truncated/],
      ['a garbled header', (file) => fs.writeFileSync(file, withHeader('{"format": "local-en')), /unreadable header/],
      ['another format', (file) => fs.writeFileSync(file, withHeader('{"format":"old/0"}')), /another format/],
    ];
    for (const [what, corrupt, reason] of corruptions) {
      it(`When the cached index has ${what}, then it is rebuilt, never used`, async () => {
        const dir = lineTenant();
        await (await start({ tenantDir: dir })).entra.stop();
        corrupt(path.join(dir, CACHE_FILE));
        const again = await start({ tenantDir: dir });
        try {
          assert.match(again.entra.startup.signIns.rebuiltBecause ?? '', reason);
          assert.ok(again.lines.some((line) => reason.test(line)), again.lines.join('\n'));
          const filter = "userId eq '1a2b3c4d-0000-4000-8000-000000000010'";
          assert.deepEqual(await signInsOf(again.entra, filter), await signInsOfMemory(dir, filter));
        } finally {
          await again.entra.stop();
        }
        const third = await start({ tenantDir: dir });
        await third.entra.stop();
        assert.equal(third.entra.startup.signIns.indexSeconds, undefined, 'the rebuilt index was saved');
      });
    }

    it('When a cache is intact and names the file but points at the wrong lines, then the spot check refuses it', async () => {
      const dir = lineTenant();
      await (await start({ tenantDir: dir })).entra.stop();
      const cacheFile = path.join(dir, CACHE_FILE);
      const stamp = stampOf(path.join(dir, SIGN_INS));
      const shape = (JSON.parse(fs.readFileSync(cacheFile).toString('utf8', 8, 8 + fs.readFileSync(cacheFile).readUInt32LE(0))) as { shape: string }).shape;
      const paths = ON_DISK_SHAPES.signIns!.indexedPaths.length;
      const opened = openLogCache(cacheFile, stamp, shape, { keys: paths, views: 1 });
      assert.ok('columns' in opened);
      const { columns } = opened;
      // The same sections, with each line's start moved to the next line's: well-formed, checksummed, wrong.
      const shifted = new Float64Array(columns.offsets);
      for (let i = 0; i < columns.count - 1; i++) shifted[i] = columns.offsets[i + 1];
      shifted[columns.count - 1] = columns.offsets[columns.count] - 1;
      const tampered = new LogColumns(columns.count, shifted, columns.inOrder, columns.shiftDependent);
      for (const [name, column] of columns.all(paths, 1)) if (name !== 'offsets') tampered.set(name, column);
      opened.close();
      await writeLogCache(cacheFile, stamp, shape, tampered, { keys: paths, views: 1 });
      const again = await start({ tenantDir: dir });
      try {
        assert.match(again.entra.startup.signIns.rebuiltBecause ?? '', /corrupt \(item \d+ (is not the one indexed|does not read)/);
        const filter = "userId eq '1a2b3c4d-0000-4000-8000-000000000007'";
        assert.deepEqual(await signInsOf(again.entra, filter), await signInsOfMemory(dir, filter));
      } finally {
        await again.entra.stop();
      }
    });

    it('When the cache was written for other indexed properties, then it is rebuilt for these', async () => {
      const dir = lineTenant();
      await (await start({ tenantDir: dir })).entra.stop();
      const cacheFile = path.join(dir, CACHE_FILE);
      const bytes = fs.readFileSync(cacheFile);
      const header = JSON.parse(bytes.toString('utf8', 8, 8 + bytes.readUInt32LE(0))) as { shape: string };
      const paths = ON_DISK_SHAPES.signIns!.indexedPaths.length;
      const opened = openLogCache(cacheFile, stampOf(path.join(dir, SIGN_INS)), header.shape, { keys: paths, views: 1 });
      assert.ok('columns' in opened);
      const narrower = JSON.stringify({ ...(JSON.parse(header.shape) as object), paths: ['id'] });
      const { columns } = opened;
      const sections = columns.all(paths, 1);
      opened.close();
      const fewer = new LogColumns(columns.count, columns.offsets, columns.inOrder, [false]);
      for (const [name, column] of sections) if (['keys.0', 'buckets.0', 'views.0', 'ties', 'shapes', 'landmarks', 'shapeKeys'].includes(name)) fewer.set(name, column);
      await writeLogCache(cacheFile, stampOf(path.join(dir, SIGN_INS)), narrower, fewer, { keys: 1, views: 1 });
      const again = await start({ tenantDir: dir });
      await again.entra.stop();
      assert.equal(again.entra.startup.signIns.rebuiltBecause, 'the index covers other properties than this version indexes');
    });

    it('When a cache folder is chosen, then the index lives there and nothing is written beside the snapshot; with the cache off, nothing at all', async () => {
      const dir = lineTenant();
      const cacheDir = tempDir('local-entra-chosen-cache-');
      const chosen = await start({ tenantDir: dir, indexCacheDir: cacheDir });
      await chosen.entra.stop();
      assert.ok(!fs.existsSync(path.join(dir, CACHE_FOLDER)));
      assert.deepEqual(fs.readdirSync(cacheDir).length, 1);
      assert.equal(path.dirname(chosen.entra.startup.signIns.cacheFile ?? ''), cacheDir);
      const reused = await start({ tenantDir: dir, indexCacheDir: cacheDir });
      await reused.entra.stop();
      assert.equal(reused.entra.startup.signIns.indexSeconds, undefined);

      const off = [await start({ tenantDir: dir, indexCacheDir: false }), await start({ tenantDir: dir, indexCacheDir: false })];
      await Promise.all(off.map((run) => run.entra.stop()));
      assert.ok(off.every((run) => typeof run.entra.startup.signIns.indexSeconds === 'number' && run.entra.startup.signIns.cacheFile === undefined));
      assert.ok(!fs.existsSync(path.join(dir, CACHE_FOLDER)));
    });

    it('When the cache cannot be written, then the start still serves and says the index was not saved', async () => {
      const dir = lineTenant();
      const notAFolder = path.join(tempDir('local-entra-blocked-'), 'file');
      fs.writeFileSync(notAFolder, 'in the way');
      const run = await start({ tenantDir: dir, indexCacheDir: notAFolder });
      try {
        assert.ok(run.lines.some((line) => /could not be saved.*the next start indexes again/.test(line)), run.lines.join('\n'));
        assert.equal(run.entra.startup.signIns.cacheFile, undefined);
        const filter = "userId eq '1a2b3c4d-0000-4000-8000-000000000010'";
        assert.deepEqual(await signInsOf(run.entra, filter), await signInsOfMemory(dir, filter));
      } finally {
        await run.entra.stop();
      }
    });

    it('When indexSnapshot runs after a tenant is written, then the first start reads the index', async () => {
      const dir = lineTenant();
      const [indexed] = await indexSnapshot(dir);
      assert.equal(indexed.file, SIGN_INS);
      assert.equal(typeof indexed.builtSeconds, 'number');
      assert.equal((await indexSnapshot(dir))[0].builtSeconds, undefined);
      const run = await start({ tenantDir: dir });
      await run.entra.stop();
      assert.equal(run.entra.startup.signIns.indexSeconds, undefined);
    });
  });

  describe('refusals', () => {
    const refusals: Array<[string, (items: Json[]) => Json[] | string, RegExp]> = [
      ['a step time that is not ISO', (items) => items.map((s, i) => (i === 1 ? { ...s, authenticationDetails: [{ authenticationStepDateTime: '20/11/2026 11:00', succeeded: true }] } : s)), /auditLogs\/signIns\.json: line 3: bad JSON or value: "authenticationStepDateTime" is not an ISO 8601 date-time/],
      ['a duplicate id', (items) => [...items, { ...items[2] }], /auditLogs\/signIns\.json: duplicate id 1a2b3c4d-/],
      ['a line without an id', (items) => [...items.slice(0, 4), { createdDateTime: '2026-11-20T09:00:00Z' }], /auditLogs\/signIns\.json: line 6 has no "id"/],
      ['a line that is not JSON', (items) => `{"value":[\n${items.map((s) => JSON.stringify(s)).join(',\n')},\n{"id": "broken",,}\n]}\n`, /auditLogs\/signIns\.json: line \d+: bad JSON or value/],
      ['no closing "]}"', (items) => `{"value":[\n${items.map((s) => JSON.stringify(s)).join(',\n')}\n`, /auditLogs\/signIns\.json: bad JSON: the "value" array is not closed/],
    ];
    for (const [what, change, message] of refusals) {
      it(`When a sign-in file kept on disk has ${what}, then start is refused naming the file and the reason, and no index is saved`, async () => {
        const dir = lineTenant();
        const items = readValueFile(path.join(MINI_TENANT_DIR, SIGN_INS));
        const changed = change(items);
        if (typeof changed === 'string') fs.writeFileSync(path.join(dir, SIGN_INS), changed);
        else writeLines(path.join(dir, SIGN_INS), changed);
        await assert.rejects(startMini({ tenantDir: dir }), message);
        assert.ok(!fs.existsSync(path.join(dir, CACHE_FILE)));
      });
    }
  });

  describe('with --persist', () => {
    it('When a sign-in is confirmed compromised, then the log is rewritten line for line, its index saved, and the restart reads both', async () => {
      const source = lineTenant();
      await indexSnapshot(source);
      const persistDir = tempDir('local-entra-index-persist-');
      const first = await start({ tenantDir: source, persistDir });
      let raw = new RawCaller(first.entra);
      try {
        assert.equal(first.entra.startup.signIns.indexSeconds, undefined, 'the copy keeps the index of the source');
        const token = await raw.userToken(DEMO_ADMIN.id);
        assert.equal((await raw.post('/v1.0/auditLogs/signIns/confirmCompromised', token, { requestIds: [LEE_RISKY_SIGN_IN] })).status, 204);
      } finally {
        await raw.close();
        await first.entra.stop();
      }
      const before = fs.readFileSync(path.join(source, SIGN_INS), 'utf8').split('\n');
      const after = fs.readFileSync(path.join(persistDir, SIGN_INS), 'utf8').split('\n');
      assert.equal(after.length, before.length);
      const differing = before.map((line, i) => (line === after[i] ? -1 : i)).filter((i) => i >= 0);
      assert.equal(differing.length, 1);
      assert.equal((JSON.parse(after[differing[0]].replace(/,$/, '')) as Json).id, LEE_RISKY_SIGN_IN);

      const second = await start({ tenantDir: source, persistDir });
      raw = new RawCaller(second.entra);
      try {
        assert.equal(second.entra.startup.signIns.indexSeconds, undefined, 'the rewrite saved a matching index');
        const signIn = (await raw.get(`/v1.0/auditLogs/signIns/${LEE_RISKY_SIGN_IN}`, await raw.appToken())).body;
        assert.deepEqual([signIn.riskState, signIn.riskLevelAggregated, signIn.createdDateTime], ['confirmedCompromised', 'high', '2026-11-20T09:00:00.1234567Z']);
      } finally {
        await raw.close();
        await second.entra.stop();
      }
    });
  });

  describe('reads only what a query needs', () => {
    let dir: string;
    let entra: LocalEntra;
    let raw: RawCaller;
    let token: string;
    let reads: sinon.SinonSpy;
    const COUNT = 30_000;

    before(async () => {
      dir = lineTenant((items) => syntheticSignIns(items[0], COUNT));
      entra = await startMini({ tenantDir: dir });
      raw = new RawCaller(entra);
      token = await raw.appToken(LIMITED_CLIENT);
    });
    beforeEach(() => {
      reads = sinon.spy(DiskLog.prototype, 'item');
    });
    afterEach(() => sinon.restore());
    after(async () => {
      await raw.close();
      await entra.stop();
    });

    it("When a user's sign-ins since an instant are asked, then only that user's bucket and a binary search are read", async () => {
      const since = new Date(Date.parse('2026-11-20T11:00:00Z') - 600 * 1000).toISOString();
      const response = await raw.get(`/v1.0/auditLogs/signIns?$filter=userId eq '1a2b3c4d-0000-4000-8000-000000000009' and createdDateTime ge ${since}&$top=50`, token);
      assert.equal(response.status, 200);
      // Interactive ones of that user (every fourth sign-in) in the last 600 s (three a second): 450.
      assert.equal(response.body.value.length, 50);
      const bucket = COUNT / 4;
      assert.ok(reads.callCount <= 51 + 2 * Math.ceil(Math.log2(bucket)), `read ${reads.callCount} items of ${COUNT}`);
    });

    it('When a sign-in is asked by id or correlation id, then a handful of items are read', async () => {
      const id = `5e000000-0000-4000-8000-${(12_345).toString(16).padStart(12, '0')}`;
      assert.equal((await raw.get(`/v1.0/auditLogs/signIns/${id}`, token)).body.id, id);
      const correlation = `c0000000-0000-4000-8000-${(20_001).toString(16).padStart(12, '0')}`;
      assert.equal((await raw.get(`/beta/auditLogs/signIns?$filter=correlationId eq '${correlation}' and signInEventTypes/any(t: t eq 'nonInteractiveUser')`, token)).body.value.length, 1);
      assert.ok(reads.callCount <= 4, `read ${reads.callCount}`);
    });

    it('When the first two pages are listed, then the items of those pages (and the first of the next) are read', async () => {
      const first = await raw.get('/v1.0/auditLogs/signIns?$top=100', token);
      const second = await raw.get(first.body['@odata.nextLink']!.slice(entra.url.length), token);
      assert.equal(first.body.value.length + second.body.value.length, 200);
      assert.ok(reads.callCount <= 202, `read ${reads.callCount}`);
    });
  });
});

/** The answer of the same query with every sign-in held in memory (the reference). */
async function signInsOfMemory(dir: string, filter: string): Promise<Json[]> {
  const entra = await startMini({ tenantDir: dir, signInsOnDisk: false, now: MINI_CAPTURED_AT });
  try {
    return await signInsOf(entra, filter);
  } finally {
    await entra.stop();
  }
}
