import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../src/paths';

/** Every source file under a folder (.ts in the repository, .js when run from a build folder holding package.json). */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('Local Entra isolation', () => {
  it('When the bot\'s sources are scanned, then nothing outside src/emulator (but the src/cli launchers) imports from it', () => {
    const src = path.join(repoRoot(), 'src');
    const emulator = path.join(src, 'emulator');
    const launchers = path.join(src, 'cli');
    const offenders: string[] = [];
    let scanned = 0;
    for (const file of sourceFiles(src)) {
      if (file.startsWith(emulator + path.sep) || file.startsWith(launchers + path.sep)) continue;
      scanned++;
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        if (!specifier.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), specifier);
        if (target === emulator || target.startsWith(emulator + path.sep)) offenders.push(`${path.relative(src, file)} -> ${specifier}`);
      }
    }
    assert.ok(scanned > 0, 'there are bot sources to scan');
    assert.deepEqual(offenders, []);
  });
});
