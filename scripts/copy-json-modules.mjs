#!/usr/bin/env node
// `tsc -b` copies the JSON files src/ imports (resolveJsonModule) into dist/ on a first build, but an incremental build
// that finds no changed .ts file does not copy an edited JSON file again: a new src/understanding/training/dev-train.json
// left the old one in dist, and the fallback classifier was trained on that. This copies every JSON file under src/
// whose dist/ copy is missing or differs in content. Run by `npm run build` after tsc.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function jsonUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? jsonUnder(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

for (const file of jsonUnder(join(root, 'src'))) {
  const target = join(root, 'dist', relative(root, file));
  const text = readFileSync(file, 'utf8');
  if (existsSync(target) && JSON.stringify(JSON.parse(readFileSync(target, 'utf8'))) === JSON.stringify(JSON.parse(text))) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stderr.write(`copied ${relative(root, file)} into dist (tsc -b did not)\n`);
}
