import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FALLBACK_TRAINING } from '../../src/understanding/training';

/** The repository's root, from dist/tests/understanding or tests/understanding. */
const ROOT = join(__dirname, __dirname.includes(join('dist', 'tests')) ? '../../..' : '../..');

/**
 * The fallback classifier must never learn from the measurement set (issue #13), not even where a short phrasing of
 * the project's own training split happens to coincide with one of its questions ("help", "who owns it").
 */
describe('What the fallback classifier learns from', () => {
  it('When the training utterances are built, then none is a question of the measurement set', () => {
    const measured = new Set(
      readFileSync(join(ROOT, 'tests', 'measurement', 'questions.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .flatMap((l) => (JSON.parse(l) as { turns: Array<{ text: string }> }).turns.map((t) => t.text.trim().toLowerCase())),
    );
    assert.ok(measured.size > 300);
    assert.ok(FALLBACK_TRAINING.length > 300);
    const leaked = FALLBACK_TRAINING.filter((u) => measured.has(u.text.trim().toLowerCase()));
    assert.deepEqual(leaked, []);
  });
});
