import * as fs from 'node:fs';
import * as path from 'node:path';

let cachedRoot: string | undefined;

/**
 * The repository (or installed package) root: the nearest folder above this file holding package.json.
 * Code finds adaptiveCards/, appPackage/ and data/ from here, so it works from src/ (ts) and dist/src/ (js) alike.
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}
