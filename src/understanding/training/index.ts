/**
 * The training split of the project's labelled utterances (written by the project, never the measurement set), and
 * what the trained fallback classifier learns from: that split and the opening questions of the blind development
 * sets (dev-train.json, written by scripts/build-dev-training.mjs from tests/fixtures/dev*). Never the measurement
 * set. JSON modules, so they are compiled into the bot that ships.
 */
import type { LabelledUtterance } from '../evaluation';
import { INTENTS } from '../types';
import examples from './contoso-train.json';
import devExamples from './dev-train.json';

function checked(items: readonly LabelledUtterance[], source: string): LabelledUtterance[] {
  return items.map((item, i) => {
    if (!INTENTS.includes(item.intent)) throw new Error(`${source} example ${i + 1}: unknown intent ${item.intent}`);
    return item;
  });
}

/** The project's own labelled examples, with their entities: the grammar is scored on them too. */
export const TRAINING_UTTERANCES: LabelledUtterance[] = checked(examples as LabelledUtterance[], 'training');

/** What the fallback classifier learns from: the project's examples and the development sets' opening questions. */
export const FALLBACK_TRAINING: LabelledUtterance[] = [...TRAINING_UTTERANCES, ...checked(devExamples as LabelledUtterance[], 'dev-train.json')];
