import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../src/paths';

/** Every source file under a folder (.ts in the repository, .js when run from the build folder). */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('The local Entra package is self-contained', () => {
  it('When its sources and tests are scanned, then every relative import stays inside the package and every other one is a declared dependency or built into Node', () => {
    const root = packageRoot();
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})]);
    const offenders: string[] = [];
    let scanned = 0;
    for (const folder of ['src', 'tests']) {
      const dir = fs.existsSync(path.join(__dirname, '..', folder)) ? path.join(__dirname, '..', folder) : path.join(root, folder);
      for (const file of sourceFiles(dir)) {
        scanned++;
        for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? match[3];
          if (specifier.startsWith('.')) {
            if (!path.resolve(path.dirname(file), specifier).startsWith(root + path.sep)) offenders.push(`${path.relative(root, file)} -> ${specifier}`);
            continue;
          }
          if (specifier.startsWith('node:')) continue;
          const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
          if (!declared.has(name)) offenders.push(`${path.relative(root, file)} -> ${specifier} (not in package.json)`);
        }
      }
    }
    assert.ok(scanned > 0, 'there are sources to scan');
    assert.deepEqual(offenders, []);
  });
});
