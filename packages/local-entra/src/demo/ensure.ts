import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../paths';
import { generateTenant } from './generate';

/**
 * The built-in demo snapshot lives in this package's data/demo-tenant/ (gitignored). It is regenerated when missing or when
 * the generator changed: the stamp is a hash of the generator's own files.
 */

const STAMP_FILE = '.generator-stamp';

export function demoTenantDir(): string {
  return path.join(packageRoot(), 'data', 'demo-tenant');
}

/** A hash of this folder's code: any change to the generator changes the stamp. */
function generatorStamp(): string {
  const hash = crypto.createHash('sha256');
  const files = fs.readdirSync(__dirname).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).sort();
  for (const name of files) {
    hash.update(name);
    hash.update(fs.readFileSync(path.join(__dirname, name)));
  }
  return hash.digest('hex');
}

function isCurrent(dir: string, stamp: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, STAMP_FILE), 'utf8') === stamp;
  } catch {
    return false;
  }
}

let pending: Promise<string> | undefined;

/**
 * Returns the folder of the built-in snapshot, generating it first if needed. Safe for parallel callers, in
 * this process and in others: each generates into its own temporary folder, then renames it into place.
 */
export function ensureDemoTenant(): Promise<string> {
  pending ??= ensureSnapshot(demoTenantDir()).finally(() => {
    pending = undefined;
  });
  return pending;
}

/** Makes `target` hold the current demo snapshot (the work behind ensureDemoTenant, for any folder). */
export async function ensureSnapshot(target: string): Promise<string> {
  const stamp = generatorStamp();
  if (isCurrent(target, stamp)) return target;

  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const temp = path.join(parent, `.demo-tenant-${process.pid}-${crypto.randomUUID()}`);
  try {
    await generateTenant({ outDir: temp });
    fs.writeFileSync(path.join(temp, STAMP_FILE), stamp, 'utf8');
    if (isCurrent(target, stamp)) return target;
    if (fs.existsSync(target)) {
      // Move the stale snapshot aside first: rename cannot replace a non-empty folder.
      const stale = path.join(parent, `.demo-tenant-stale-${process.pid}-${crypto.randomUUID()}`);
      try {
        fs.renameSync(target, stale);
        fs.rmSync(stale, { recursive: true, force: true });
      } catch {
        // Another process moved it first.
      }
    }
    try {
      fs.renameSync(temp, target);
    } catch (error) {
      // Another process won the race; its snapshot is as good as ours if the stamp matches.
      if (!isCurrent(target, stamp)) throw error;
    }
    return target;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
