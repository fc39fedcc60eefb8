import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureDemoTenant, demoTenantDir } from '../src/demo';
import { ensureSnapshot } from '../src/demo/ensure';
import { packageRoot } from '../src/paths';
import { readValueFile } from './support/jsonFiles';

const run = promisify(execFile);
const ensureModule = require.resolve('../src/demo/ensure');

function ensureInChildProcess(target: string): Promise<string> {
  const script = `require(${JSON.stringify(ensureModule)}).ensureSnapshot(${JSON.stringify(target)}).then((d) => process.stdout.write(d))`;
  return run(process.execPath, ['-e', script]).then((r) => r.stdout);
}

describe('Built-in demo snapshot', function () {
  this.timeout(60_000);
  let parent: string;

  beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-ensure-'));
  });

  afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('When two processes ask for a missing snapshot at once, then both get a complete folder and no temporary folder is left', async () => {
    const target = path.join(parent, 'demo-tenant');
    const [a, b] = await Promise.all([ensureInChildProcess(target), ensureInChildProcess(target)]);
    assert.equal(a, target);
    assert.equal(b, target);
    assert.ok(fs.existsSync(path.join(target, 'snapshot.json')));
    assert.ok(fs.existsSync(path.join(target, '.generator-stamp')));
    assert.equal(readValueFile(path.join(target, 'auditLogs/signIns.json')).length, 5000);
    assert.deepEqual(fs.readdirSync(parent), ['demo-tenant']);
  });

  it('When the snapshot is current, then asking again reuses it without regenerating', async () => {
    const target = path.join(parent, 'demo-tenant');
    await ensureSnapshot(target);
    const before = fs.statSync(path.join(target, 'users.json')).mtimeMs;
    const started = process.hrtime.bigint();
    await ensureSnapshot(target);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(fs.statSync(path.join(target, 'users.json')).mtimeMs, before);
    assert.ok(ms < 500, `took ${ms} ms`);
  });

  it('When the generator stamp changed, then the snapshot is regenerated in place', async () => {
    const target = path.join(parent, 'demo-tenant');
    await ensureSnapshot(target);
    fs.writeFileSync(path.join(target, '.generator-stamp'), 'an older generator');
    fs.writeFileSync(path.join(target, 'leftover.json'), '{}');
    await ensureSnapshot(target);
    assert.notEqual(fs.readFileSync(path.join(target, '.generator-stamp'), 'utf8'), 'an older generator');
    assert.ok(!fs.existsSync(path.join(target, 'leftover.json')));
    assert.deepEqual(fs.readdirSync(parent), ['demo-tenant']);
  });

  it('When parallel callers in one process ask for the built-in snapshot, then they share one folder under data/', async function () {
    try {
      packageRoot();
    } catch {
      this.skip(); // built outside the repository with no package.json above the output: no data/ folder to use
    }
    const dirs = await Promise.all([ensureDemoTenant(), ensureDemoTenant(), ensureDemoTenant()]);
    assert.deepEqual(new Set(dirs), new Set([demoTenantDir()]));
    assert.equal(demoTenantDir(), path.join(packageRoot(), 'data', 'demo-tenant'));
    assert.ok(fs.existsSync(path.join(dirs[0], 'users.json')));
  });
});
