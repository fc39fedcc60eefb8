/**
 * Trains the fallback intent classifier when the bot is built (`npm run build` runs it after tsc) and writes its
 * model beside the training data in dist, so the bot loads a finished model at start instead of training one: no
 * training CPU and none of its garbage in a running bot. The model is written again only when what it is made from
 * changed: the training utterances or the compiled understanding code that masks them (a hash of both is kept in it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { trainNlpjsModel } from '../understanding/nlpjsClassifier';
import { FALLBACK_TRAINING } from '../understanding/training';
import { FALLBACK_MODEL_FILE } from '../understanding/fallbackModel';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : [])).sort();
}

async function main(): Promise<void> {
  const hash = createHash('sha256').update(JSON.stringify(FALLBACK_TRAINING));
  for (const file of filesUnder(path.join(__dirname, '..', 'understanding'))) hash.update(fs.readFileSync(file));
  const digest = hash.digest('hex');
  try {
    if ((JSON.parse(fs.readFileSync(FALLBACK_MODEL_FILE, 'utf8')) as { hash?: string }).hash === digest) return;
  } catch {
    // No model yet, or an unreadable one: trained below.
  }
  const model = await trainNlpjsModel(FALLBACK_TRAINING, 'masked');
  fs.writeFileSync(FALLBACK_MODEL_FILE, JSON.stringify({ hash: digest, model }));
  process.stderr.write(`fallback classifier trained on ${FALLBACK_TRAINING.length} questions: ${path.relative(process.cwd(), FALLBACK_MODEL_FILE)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`the fallback classifier could not be trained: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
