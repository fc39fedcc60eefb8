import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { DEMO_ADMIN } from '../src/demo/constants';
import { ensureDemoTenant } from '../src/demo';
import { startLocalEntra, type LocalEntra } from '../src';
import { runQuery, ENDPOINT_RULES } from '../src/odata';
import { DiskLog, LogView } from '../src/snapshot/diskLog';
import { IRREGULAR, planFields, readFields, ShapeTable } from '../src/snapshot/lineFields';
import { LineHeads } from '../src/snapshot/lineHeads';
import { INTERACTIVE_VIEW, ON_DISK_SHAPES } from '../src/tenant/indexedPaths';
import { comparablePages, temporaryFolders, MINI_CAPTURED_AT, MINI_TENANT_DIR, RawCaller, startMini, type GraphBody } from '../src/testing';
import type { SignInRecord } from './support/signInRecord';
import { readValueFile } from './support/jsonFiles';

type Json = Record<string, unknown>;

const SIGN_INS = 'auditLogs/signIns.json';

const { tempDir, removeAll } = temporaryFolders();

/** Every page of a query, following the server's own nextLinks, skip tokens kept. */
function allPages(raw: RawCaller, entra: LocalEntra, token: string, first: string): Promise<Array<{ status: number; body: GraphBody }>> {
  return comparablePages(raw, entra, token, first, { limit: 1000, keepSkipTokens: true });
}

/** Three servers on one snapshot: sign-ins in memory, on disk read whole, on disk read by their shape. */
interface Trio {
  memory: LocalEntra;
  whole: LocalEntra;
  partial: LocalEntra;
  raws: RawCaller[];
  tokens: string[];
}

async function startTrio(start: (options: { signInsOnDisk?: boolean; signInPartialReads?: boolean }) => Promise<LocalEntra>): Promise<Trio> {
  const memory = await start({ signInsOnDisk: false });
  const whole = await start({ signInPartialReads: false });
  const partial = await start({});
  assert.equal(whole.startup.signIns.onDisk, true);
  assert.equal(partial.startup.signIns.onDisk, true);
  const raws = [memory, whole, partial].map((entra) => new RawCaller(entra));
  return { memory, whole, partial, raws, tokens: await Promise.all(raws.map((raw) => raw.appToken())) };
}

async function stopTrio(trio: Trio): Promise<void> {
  await Promise.all(trio.raws.map((raw) => raw.close()));
  await Promise.all([trio.memory, trio.whole, trio.partial].map((entra) => entra.stop()));
}

/** The pages of a query from the three servers, which must be the same (same items, order, nextLinks); returns them. */
async function sameOnAll(trio: Trio, query: string): Promise<Array<{ status: number; body: GraphBody }>> {
  const servers = [trio.memory, trio.whole, trio.partial];
  const [memory, whole, partial] = await Promise.all(servers.map((entra, i) => allPages(trio.raws[i], entra, trio.tokens[i], query)));
  // Skip tokens hold positions in the sequence a query scans, which differ between memory and disk (their indexes
  // differ): the pages must not. On disk the two ways of reading give the same tokens too.
  const withoutTokens = (pages: unknown[]): unknown => JSON.parse(JSON.stringify(pages).replace(/\$skiptoken=[^"&]+/g, '$skiptoken=…'));
  assert.deepEqual(withoutTokens(whole), withoutTokens(memory), `${query}: sign-ins read whole from disk differ from sign-ins in memory`);
  assert.deepEqual(partial, whole, `${query}: sign-ins read by their shape differ from sign-ins read whole`);
  // Asked again, the starts of lines kept by the first reads answer.
  assert.deepEqual(await allPages(trio.raws[2], trio.partial, trio.tokens[2], query), partial, `${query}: asked again, sign-ins read by their shape differ`);
  return partial;
}

/** Counts the whole-item reads of the logs on disk while `work` runs. */
async function wholeReads(work: () => Promise<unknown>): Promise<number> {
  const spy = sinon.spy(DiskLog.prototype, 'item');
  try {
    await work();
    return spy.callCount;
  } finally {
    spy.restore();
  }
}

describe('Local Entra: sign-ins read by their shape (a few properties of each line, not the whole)', function () {
  this.timeout(300_000);
  after(removeAll);

  describe('on the generated demo tenant (5,000 sign-ins, on disk behind its index)', () => {
    let trio: Trio;
    let first: SignInRecord[];
    const now = new Date('2026-11-21T08:00:00Z');

    before(async () => {
      const tenantDir = await ensureDemoTenant();
      const cacheDir = tempDir('local-entra-partial-cache-');
      trio = await startTrio((options) => startLocalEntra({ tenantDir, now, indexCacheDir: cacheDir, ...options }));
      first = (await trio.raws[0].get("/beta/auditLogs/signIns?$top=1000&$filter=signInEventTypes/any(t: t eq 'nonInteractiveUser' or t eq 'interactiveUser' or t eq 'servicePrincipal')", trio.tokens[0])).body.value as SignInRecord[];
    });
    after(() => stopTrio(trio));

    const day = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

    it('When a count pages through a whole 30-day window with $select=id, then every page and nextLink is the same, and no sign-in is parsed whole', async () => {
      const window = `createdDateTime ge ${day(30)} and createdDateTime le ${now.toISOString()}`;
      const query = `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(window)}&$select=id&$top=1000`;
      const pages = await sameOnAll(trio, query);
      assert.ok(pages.length >= 2, 'the window takes more than one page');
      assert.ok(pages.slice(0, -1).every((page) => page.body['@odata.nextLink'] && page.body.value.length === 1000));
      assert.deepEqual(Object.keys(pages[0].body.value[0]), ['id']);
      // Every whole read goes through DiskLog.item (a sign-in kept parsed is not read again).
      assert.equal(await wholeReads(() => allPages(trio.raws[2], trio.partial, trio.tokens[2], query)), 0);
    });

    it('When $select names the fields a count, a breakdown or a list needs, in any case and with names no sign-in has, then the pages are the same', async () => {
      const week = `createdDateTime ge ${day(7)} and createdDateTime le ${now.toISOString()}`;
      for (const select of [
        'id,createdDateTime',
        'ID,CreatedDateTime',
        'id,createdDateTime,userDisplayName,appDisplayName,status',
        'id,createdDateTime,userDisplayName,appDisplayName,status,location',
        'id,authenticationDetails,createdDateTime',
        'id,notAProperty,createdDateTime',
        'userPrincipalName',
        'id,signInEventTypes,deviceDetail,appliedConditionalAccessPolicies',
        '*',
      ]) {
        for (const version of ['v1.0', 'beta']) await sameOnAll(trio, `/${version}/auditLogs/signIns?$filter=${encodeURIComponent(week)}&$select=${select}&$top=1000`);
      }
    });

    it('When filters are and are not answered by the index, with and without $select, then the pages are the same', async () => {
      const user = first.find((s) => s.userId && s.signInEventTypes.includes('interactiveUser'))!;
      const failed = first.find((s) => s.status.errorCode !== 0)!;
      const middle = first[Math.floor(first.length / 2)];
      const filters = [
        `userId eq '${user.userId}'`,
        `userId eq '${user.userId}' and createdDateTime ge ${day(7)}`,
        `status/errorCode eq ${failed.status.errorCode}`,
        `appId eq '${middle.appId}' and status/errorCode eq 0`,
        `location/countryOrRegion eq '${middle.location.countryOrRegion}' and createdDateTime ge ${day(10)} and createdDateTime le ${day(2)}`,
        "startswith(appDisplayName,'micro')",
        `startswith(userPrincipalName,'${String(user.userPrincipalName).slice(0, 3)}') and createdDateTime ge ${day(20)}`,
        `createdDateTime lt ${middle.createdDateTime}`,
        `id in ('${middle.id}','${failed.id}')`,
        `correlationId eq '${middle.correlationId}'`,
        "conditionalAccessStatus eq 'failure' or riskState eq 'atRisk'",
      ];
      for (const filter of filters) {
        // Pages of up to 100 read their first items whole (kept parsed for the next question); bigger ones read by shape.
        for (const rest of ['$select=id&$top=250', '$select=id,status,createdDateTime&$top=37', '$select=id,status,createdDateTime&$top=137', '$top=500', '$select=id&$orderby=createdDateTime asc&$top=300']) {
          await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&${rest}`);
        }
      }
    });

    it('When beta counts non-interactive sign-ins (a filter inside the line, over every sign-in), then the pages are the same', async () => {
      const filter = `signInEventTypes/any(x:x eq 'nonInteractiveUser') and createdDateTime ge ${day(30)} and createdDateTime le ${now.toISOString()}`;
      await sameOnAll(trio, `/beta/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$select=id,signInEventTypes,createdDateTime&$top=1000`);
      await sameOnAll(trio, `/beta/auditLogs/signIns?$filter=${encodeURIComponent("signInEventTypes/any(x:x eq 'servicePrincipal')")}&$select=id&$top=150`);
    });

    it('When sign-ins are changed by an action, then their reads by shape answer the change as whole reads do', async () => {
      const admins = await Promise.all(trio.raws.map((raw) => raw.userToken(DEMO_ADMIN.id)));
      const target = first.find((s) => s.signInEventTypes.includes('interactiveUser') && s.riskState !== 'confirmedCompromised')!;
      for (let i = 0; i < 3; i++) assert.equal((await trio.raws[i].post('/v1.0/auditLogs/signIns/confirmCompromised', admins[i], { requestIds: [target.id] })).status, 204);
      const window = `createdDateTime ge ${day(30)}`;
      await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(window)}&$select=id,riskState,riskDetail&$top=1000`);
      await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`riskState eq 'confirmedCompromised'`)}&$select=id,riskState&$top=150`);
    });
  });

  describe('lines that are not as the generator writes them', () => {
    const users = ['1a2b3c4d-0000-4000-8000-000000000006', '1a2b3c4d-0000-4000-8000-000000000007', '1a2b3c4d-0000-4000-8000-000000000009'];

    /** How each odd line is written: the item, and its text (one line of JSON). */
    const oddLines: Array<[string, (item: Json) => string]> = [
      ['blanks between tokens', (item) => `{ ${Object.entries(item).map(([k, v]) => `${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(' , ')} }`],
      ['a repeated key, the last one winning', (item) => `${JSON.stringify(item).slice(0, -1)},"userId":"${users[2]}"}`],
      ['a second spelling of id', (item) => `${JSON.stringify(item).slice(0, -1)},"ID":"another-id"}`],
      ['an escaped key', (item) => JSON.stringify(item).replace('"userDisplayName"', '"\\u0075serDisplayName"')],
      ['escapes in the values read', (item) => JSON.stringify(item).replace(/"createdDateTime":"2/, '"createdDateTime":"\\u0032').replace(/"id":"5e/, '"id":"\\u0035e')],
      ['a key JSON.parse moves first', (item) => `${JSON.stringify(item).slice(0, -1)},"7":"seven"}`],
      ['a "__proto__" key', (item) => `${JSON.stringify(item).slice(0, -1)},"__proto__":{"polluted":true}}`],
      ['numbers written another way', (item) => JSON.stringify(item).replace(/"processingTimeInMilliseconds":\d+/, '"processingTimeInMilliseconds":1.50e2')],
      ['the time at the end of the line', (item) => {
        const { createdDateTime, ...rest } = item;
        return JSON.stringify({ ...rest, createdDateTime });
      }],
    ];

    /**
     * 900 sign-ins, newest first, three a second: display names of every length (so that the start of a line read
     * for its first values is sometimes too short), non-ASCII names, and every 10th line written one odd way or another.
     */
    function oddTenant(): string {
      const dir = tempDir('local-entra-partial-');
      fs.cpSync(MINI_TENANT_DIR, dir, { recursive: true });
      const template = readValueFile(path.join(dir, SIGN_INS))[0];
      const start = Date.parse('2026-11-20T11:00:00Z');
      const lines: string[] = [];
      for (let n = 0; n < 900; n++) {
        const hex = n.toString(16).padStart(12, '0');
        // The generator's order: id and time first; the template's other properties; a long one at the end.
        const item: Json = {
          id: `5e000000-0000-4000-8000-${hex}`,
          createdDateTime: new Date(start - Math.floor(n / 3) * 1000).toISOString(),
          userDisplayName: n % 50 === 7 ? `Zoë Ünal ${'é'.repeat(n % 300)} 🚀` : 'A'.repeat((n * 37) % 400),
        };
        for (const [key, value] of Object.entries(template)) if (!(key in item)) item[key] = value;
        Object.assign(item, {
          userId: users[n % users.length],
          correlationId: `c0000000-0000-4000-8000-${hex}`,
          signInEventTypes: [n % 4 === 1 ? 'nonInteractiveUser' : 'interactiveUser'],
          isInteractive: n % 4 !== 1,
          processingTimeInMilliseconds: 150,
          notes: 'x'.repeat(3000),
        });
        const odd = n % 10 === 5 ? oddLines[(n / 10) % oddLines.length | 0] : undefined;
        lines.push(odd ? odd[1](item) : JSON.stringify(item));
      }
      fs.writeFileSync(path.join(dir, SIGN_INS), `{"value":[\n${lines.join(',\n')}\n]}\n`);
      return dir;
    }

    it('When odd lines sit among regular ones, then reads by shape answer as whole reads and as sign-ins in memory', async () => {
      const dir = oddTenant();
      const trio = await startTrio((options) => startMini({ tenantDir: dir, indexCacheDir: false, now: MINI_CAPTURED_AT, ...options }));
      try {
        const window = 'createdDateTime ge 2026-11-20T10:56:00Z and createdDateTime le 2026-11-20T10:59:30Z';
        for (const select of ['id', 'id,createdDateTime', 'ID', 'id,userDisplayName', 'userId,processingTimeInMilliseconds', '__proto__,id', '7,id', 'id,notes,createdDateTime']) {
          await sameOnAll(trio, `/beta/auditLogs/signIns?$filter=${encodeURIComponent(window)}&$select=${select}&$top=150`);
        }
        for (const filter of [`userId eq '${users[2]}'`, `startswith(userDisplayName,'zoë')`, "startswith(userDisplayName,'AAAA') and createdDateTime le 2026-11-20T10:58:00Z", "id eq 'another-id' or ID eq 'another-id'"]) {
          for (const top of [20, 120]) {
            await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$select=id,userId,userDisplayName&$top=${top}`);
            await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=${top}`);
          }
        }
        await sameOnAll(trio, `/beta/auditLogs/signIns?$filter=${encodeURIComponent("signInEventTypes/any(x:x eq 'nonInteractiveUser')")}&$select=id,createdDateTime&$top=131`);
        // Odd lines aside (one in ten, about half of them without a shape), a big page is read by shape.
        const byShape = `/beta/auditLogs/signIns?$filter=${encodeURIComponent(window)}&$select=id,userDisplayName&$top=150`;
        const items = (await allPages(trio.raws[2], trio.partial, trio.tokens[2], byShape)).reduce((sum, page) => sum + page.body.value.length, 0);
        const whole = await wholeReads(() => allPages(trio.raws[2], trio.partial, trio.tokens[2], byShape));
        assert.ok(items > 300 && whole < items / 5, `${whole} of ${items} sign-ins read whole`);
        // The repeated key's last value is the one indexed and read.
        const repeated = await sameOnAll(trio, `/v1.0/auditLogs/signIns?$filter=${encodeURIComponent(`id eq '5e000000-0000-4000-8000-00000000000f'`)}&$select=id,userId`);
        assert.deepEqual(repeated[0].body.value, [{ id: '5e000000-0000-4000-8000-00000000000f', userId: users[2] }]);
      } finally {
        await stopTrio(trio);
      }
    });

    it('When a log with odd lines is indexed, then lines whose text repeats a key or whose keys JSON.parse reorders or spells twice get no shape', async () => {
      const dir = oddTenant();
      const log = await DiskLog.open({ dir, file: SIGN_INS, shape: ON_DISK_SHAPES.signIns!, shiftSeconds: 0, cacheDir: false });
      try {
        const shapes = (log as unknown as { columns: { shapes(): Uint32Array } }).columns.shapes();
        const irregular = (n: number) => shapes[n] === IRREGULAR;
        const odd = (name: string) => 10 * oddLines.findIndex(([what]) => what === name) + 5;
        assert.equal(irregular(0), false);
        assert.equal(irregular(odd('blanks between tokens')), false, 'blanks do not change the keys');
        assert.equal(irregular(odd('escapes in the values read')), false);
        assert.equal(irregular(odd('the time at the end of the line')), false);
        assert.equal(irregular(odd('numbers written another way')), false);
        // A key written with an escape has its shape: a read that reaches it finds it spelled otherwise and reads whole.
        assert.equal(irregular(odd('an escaped key')), false);
        for (const name of ['a repeated key, the last one winning', 'a second spelling of id', 'a key JSON.parse moves first']) assert.equal(irregular(odd(name)), true, name);
      } finally {
        log.close();
      }
    });

    it('When a window is paged, then each page reads about a page of sign-ins, never the window again from its start', async () => {
      const dir = oddTenant();
      const log = await DiskLog.open({ dir, file: SIGN_INS, shape: ON_DISK_SHAPES.signIns!, shiftSeconds: 0, cacheDir: false });
      const view = new LogView(log, INTERACTIVE_VIEW);
      const reads = sinon.spy(log, 'partial');
      const whole = sinon.spy(log, 'item');
      try {
        const params = new URLSearchParams({ $filter: 'createdDateTime ge 2026-11-20T10:55:30Z and createdDateTime le 2026-11-20T10:59:50Z', $select: 'id', $top: '150' });
        const perPage: number[] = [];
        for (let page = 0; page < 100; page++) {
          reads.resetHistory();
          whole.resetHistory();
          const body = runQuery(view, { params, requestUrl: 'https://x/v1.0/auditLogs/signIns', contextUrl: 'https://x/$metadata#auditLogs/signIns' }, ENDPOINT_RULES.signIns);
          perPage.push(new Set([...reads.getCalls(), ...whole.getCalls()].map((call) => call.args[0])).size);
          const next = body['@odata.nextLink'];
          if (!next) break;
          params.set('$skiptoken', new URL(next).searchParams.get('$skiptoken') as string);
        }
        assert.ok(perPage.length >= 3, `${perPage.length} pages`);
        // A page of 150, the first of the next page, and two binary searches over the view's 675 sign-ins.
        for (const count of perPage) assert.ok(count <= 150 + 1 + 2 * 11, `a page read ${count} sign-ins`);
      } finally {
        reads.restore();
        whole.restore();
        log.close();
      }
    });
  });

  describe('the line scanner', () => {
    const line = (text: string) => Buffer.from(text, 'utf8');

    it('When a read needs more of a line than was read, then it says so instead of handing over a cut value', () => {
      const table = new ShapeTable();
      const text = line('{"id":"abc","n":12345,"name":"Zoë","rest":{"a":[1,2,"]"]}}');
      const item = JSON.parse(text.toString('utf8')) as Json;
      const shape = table.ofLine(text.toString('utf8'), item);
      assert.notEqual(shape, IRREGULAR);
      const plan = planFields(table, shape, new Set(['n', 'name']))!;
      const taken: string[] = [];
      const take = (key: string, start: number, end: number) => taken.push(`${key}=${text.toString('utf8', start, end)}`);
      assert.ok(readFields(text, 0, text.length, plan, take) > 0);
      assert.deepEqual(taken, ['n=12345', 'name="Zoë"']);
      for (const cut of [15, 20, 24, 28]) {
        taken.length = 0;
        assert.equal(readFields(text, 0, cut, plan, take), -1, `cut at ${cut}`);
        assert.ok(taken.every((t) => t === 'n=12345'), `cut at ${cut}: ${taken.join()}`);
      }
    });

    it('When keys and values hold quotes and backslashes, then the keys are found and the values read', () => {
      const table = new ShapeTable();
      const item = { id: 'ends with \\', 'k"ey': 'say "hi" \\"', 'back\\slash': { '"': ['\\', '"}]'] }, last: 7 };
      const text = JSON.stringify(item);
      const shape = table.ofLine(text, item);
      assert.deepEqual(table.keys(shape), ['id', 'k"ey', 'back\\slash', 'last']);
      const bytes = line(text);
      const taken: Record<string, unknown> = {};
      const plan = planFields(table, shape, new Set(['k"ey', 'last', 'id']))!;
      assert.ok(readFields(bytes, 0, bytes.length, plan, (key, start, end) => (taken[key] = JSON.parse(bytes.toString('utf8', start, end)) as unknown)) > 0);
      assert.deepEqual(taken, { id: item.id, 'k"ey': item['k"ey'], last: 7 });
      assert.equal(table.ofLine('{"id":"a","id":"b"}', { id: 'b' }), IRREGULAR, 'a repeated key');
      assert.equal(table.ofLine('{"id":"a"', { id: 'a' }), IRREGULAR, 'an unclosed object');
    });

    it('When a line is read from its landmarks, then the values are those read from its start, and a wrong landmark is noticed', () => {
      const table = new ShapeTable();
      const item: Json = { id: 'x' };
      for (let k = 0; k < 40; k++) item[`key${k}`] = k % 5 === 0 ? { nested: 'v'.repeat(100), list: [k, `"${k}"`] } : `value ${k}`;
      const text = JSON.stringify(item);
      const shape = table.ofLine(`${text},`, item);
      const marks = table.landmarks(shape)!;
      assert.ok(marks.length >= 3, `landmarks ${marks.join()}`);
      const offsets = new Uint16Array(8);
      table.landmarksOfLastLine(shape, `${text},`, offsets, 0);
      marks.forEach((k, slot) => assert.equal(text.slice(offsets[slot]).startsWith(`"key${k - 1}":`), true, `slot ${slot}`));
      const bytes = line(text);
      const read = (plan: ReturnType<typeof planFields>, landmarks?: Uint16Array) => {
        const taken: Record<string, unknown> = {};
        const stopped = readFields(bytes, 0, bytes.length, plan!, (key, start, end) => (taken[key] = JSON.parse(bytes.toString('utf8', start, end)) as unknown), landmarks, 0);
        return stopped < 0 ? undefined : taken;
      };
      for (const names of [['id', 'key38'], ['key20'], ['key0', 'key9', 'key10', 'key39'], ['key35', 'nothing']]) {
        const wanted = new Set(names);
        const jumping = planFields(table, shape, wanted, true)!;
        // A read whose first key lies past a landmark starts there, not at the line's start.
        if (names[0] === 'key20' || names[0] === 'key35') assert.ok(jumping.segments[0].landmark >= 0, `${names.join()}: starts at a landmark`);
        const expected = Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]]));
        assert.deepEqual(read(planFields(table, shape, wanted)), expected, `${names.join()} from the start`);
        assert.deepEqual(read(jumping, offsets), expected, `${names.join()} from landmarks`);
        const wrong = Uint16Array.from(offsets, (offset) => (offset ? offset + 1 : 0));
        if (jumping.segments.some((segment) => segment.landmark >= 0)) assert.equal(read(jumping, wrong), undefined, `${names.join()}: a landmark one byte off`);
      }
      table.landmarksOfLastLine(shape, `${text.replace('value 3', 'valüe 3')},`, offsets, 0);
      assert.deepEqual([...offsets.subarray(0, marks.length)], marks.map(() => 0), 'no landmarks on a line that is not plain ASCII');
    });

    it('When kept line starts would pass their budget, then all are dropped and the newest is kept', () => {
      const heads = new LineHeads(4, 10);
      const source = line('abcdefghij');
      assert.equal(heads.startOf(0), -1);
      heads.keep(0, source, 0, 4);
      heads.keep(1, source, 4, 4);
      assert.equal(heads.bytes.toString('latin1', heads.startOf(1), heads.startOf(1) + heads.lengthOf(1)), 'efgh');
      heads.keep(2, source, 2, 4);
      assert.deepEqual([heads.startOf(0), heads.startOf(1)], [-1, -1]);
      assert.equal(heads.bytes.toString('latin1', heads.startOf(2), heads.startOf(2) + heads.lengthOf(2)), 'cdef');
    });

    it('When a stored table of shapes is read back, then it names the same shapes, and a damaged one is refused', () => {
      const table = new ShapeTable();
      for (const item of [{ id: 'a', b: 1 }, { id: 'b', c: [2] }, { id: 'c', b: 3 }]) table.ofLine(JSON.stringify(item), item);
      assert.equal(table.size, 2);
      const back = ShapeTable.decode(table.encode());
      assert.deepEqual([back.keys(0), back.keys(1)], [['id', 'b'], ['id', 'c']]);
      const stored = (shapes: unknown) => Uint8Array.from(Buffer.from(JSON.stringify(shapes)));
      assert.throws(() => ShapeTable.decode(stored([{ keys: ['id', 'ID'], landmarks: [] }])), /cannot be trusted/);
      assert.throws(() => ShapeTable.decode(stored([{ keys: ['id', 'b'], landmarks: [2] }])), /not a list of shapes/);
      assert.throws(() => ShapeTable.decode(stored({ id: 1 })), /not a list of shapes/);
    });
  });
});
