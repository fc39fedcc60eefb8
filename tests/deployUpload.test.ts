import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../src/paths';

/**
 * What azureAppService/zipDeploy uploads: the folder minus .webappignore (gitignore syntax). This reads the rules the
 * way gitignore does for the forms the file uses (comments, `!`, a trailing `/` for folders, a `/` inside anchoring
 * to the root, `*`); a rule in another form fails the test rather than being misread.
 */
function uploadRules(text: string): (relativePath: string, isDir: boolean) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      let pattern = negate ? line.slice(1) : line;
      const dirOnly = pattern.endsWith('/');
      if (dirOnly) pattern = pattern.slice(0, -1);
      assert.ok(!/[?[\]\\]|\*\*/.test(pattern), `.webappignore rule this test cannot read: ${line}`);
      const anchored = pattern.includes('/');
      const body = pattern.split('*').map((part) => part.replace(/[.+^${}()|]/g, '\\$&')).join('[^/]*');
      return { negate, dirOnly, regex: new RegExp(anchored ? `^${body.replace(/^\//, '')}$` : `(^|/)${body}$`) };
    });
  const excludedItself = (relativePath: string, isDir: boolean): boolean => {
    let excluded = false;
    for (const rule of rules) if ((!rule.dirOnly || isDir) && rule.regex.test(relativePath)) excluded = !rule.negate;
    return excluded;
  };
  // Excluded when the path or any folder above it is: git cannot re-include a file of an excluded folder.
  return (relativePath, isDir) => {
    const parts = relativePath.split('/');
    for (let i = 1; i < parts.length; i++) if (excludedItself(parts.slice(0, i).join('/'), true)) return true;
    return excludedItself(relativePath, isDir);
  };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('The App Service upload', () => {
  const root = repoRoot();
  const excluded = uploadRules(fs.readFileSync(path.join(root, '.webappignore'), 'utf8'));

  it('When .webappignore is applied, then the compiled bot, its cards and package.json go up and the local Entra does not', () => {
    for (const kept of ['dist/src/index.js', 'dist/src/bot/EntraAssistantBot.js', 'adaptiveCards/directory.json', 'package.json', 'node_modules/botbuilder/package.json']) {
      assert.equal(excluded(kept, false), false, `${kept} is uploaded`);
    }
    for (const left of [
      'packages/local-entra/dist/src/index.js',
      'packages/local-entra/src/index.ts',
      'node_modules/@entra-assistant/local-entra/dist/src/index.js',
      'dist/src/cli/start.js',
      'dist/src/cli/localStack.js',
      'dist/tests/localEntraIsolation.test.js',
      'src/index.ts',
    ]) {
      assert.equal(excluded(left, false), true, `${left} is left out`);
    }
  });

  it('When the compiled files that go up are scanned, then none loads the local Entra', function () {
    const compiled = path.join(root, 'dist', 'src');
    if (!fs.existsSync(compiled)) this.skip(); // run from the sources, not a build
    const offenders: string[] = [];
    let uploaded = 0;
    for (const file of filesUnder(compiled)) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      if (excluded(relative, false) || !relative.endsWith('.js')) continue;
      uploaded++;
      if (/require\(["']@entra-assistant\/local-entra|packages\/local-entra/.test(fs.readFileSync(file, 'utf8'))) offenders.push(relative);
    }
    assert.ok(uploaded > 50, 'the compiled bot is uploaded');
    assert.deepEqual(offenders, []);
  });
});
