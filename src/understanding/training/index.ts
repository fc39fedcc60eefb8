/**
 * The training split of the labelled utterances (written by the project, never the measurement set): what the
 * trained fallback classifier learns from. A JSON module, so it is compiled into the bot that ships.
 */
import type { LabelledUtterance } from '../evaluation';
import { INTENTS } from '../types';
import examples from './contoso-train.json';

export const TRAINING_UTTERANCES: LabelledUtterance[] = (examples as LabelledUtterance[]).map((item, i) => {
  if (!INTENTS.includes(item.intent)) throw new Error(`training example ${i + 1}: unknown intent ${item.intent}`);
  return item;
});
