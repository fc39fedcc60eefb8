import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../src/paths';

/** Every source file under a folder (.ts in the repository, .js when run from a build folder holding package.json). */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const LOCAL_ENTRA_PACKAGE = '@entra-assistant/local-entra';

describe('Local Entra isolation', () => {
  it('When the bot\'s sources are scanned, then nothing but the src/cli launchers imports the local Entra package', () => {
    const root = repoRoot();
    const src = path.join(root, 'src');
    const launchers = path.join(src, 'cli');
    const packages = path.join(root, 'packages');
    const offenders: string[] = [];
    let scanned = 0;
    for (const file of sourceFiles(src)) {
      if (file.startsWith(launchers + path.sep)) continue;
      scanned++;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        const intoPackage = specifier === LOCAL_ENTRA_PACKAGE || specifier.startsWith(`${LOCAL_ENTRA_PACKAGE}/`);
        const intoFolder = specifier.startsWith('.') && path.resolve(path.dirname(file), specifier).startsWith(packages + path.sep);
        if (intoPackage || intoFolder) offenders.push(`${path.relative(src, file)} -> ${specifier}`);
      }
    }
    assert.ok(scanned > 0, 'there are bot sources to scan');
    assert.deepEqual(offenders, []);
  });

  it('When the bot\'s runtime dependencies are read, then the local Entra is not one of them', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies: Record<string, string> };
    assert.ok(!(LOCAL_ENTRA_PACKAGE in (manifest.dependencies ?? {})), 'only the launchers and tests use it: a devDependency');
    assert.ok(LOCAL_ENTRA_PACKAGE in manifest.devDependencies);
  });
});
