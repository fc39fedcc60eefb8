#!/usr/bin/env node
// Writes src/understanding/training/dev-train.json: the opening question of every conversation in the blind
// development sets named below, with its labelled intent, for the fallback classifier to learn from beside the
// project's own examples. Follow-ups are left out (their intent comes from the conversation); so is any question the
// measurement set also asks, which is read here only to leave those out: nothing is ever learnt from it.
// The newest development set stays out, to be measured on fresh. Run: node scripts/build-dev-training.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEV_SETS = ['dev', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6'];

function questions(path) {
  return readFileSync(join(root, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

const seen = new Set(questions(join('tests', 'measurement', 'questions.jsonl')).flatMap((item) => item.turns.map((t) => t.text.trim().toLowerCase())));
const items = [];
for (const set of DEV_SETS) {
  for (const item of questions(join('tests', 'fixtures', set, 'questions.jsonl'))) {
    const text = item.turns[0].text.trim();
    if (!text || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    items.push({ text, intent: item.turns[0].intent });
  }
}
writeFileSync(join(root, 'src', 'understanding', 'training', 'dev-train.json'), `${JSON.stringify(items, null, 1)}\n`);
process.stdout.write(`${items.length} opening questions from ${DEV_SETS.join(', ')}\n`);
