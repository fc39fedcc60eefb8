import fs from 'node:fs';
import path from 'node:path';
import { nlpjsClassifierFromModel, trainNlpjsClassifier } from './nlpjsClassifier';
import { FALLBACK_TRAINING } from './training';
import type { IntentClassifier } from './types';

/** The model `npm run build` trains (src/cli/trainFallback.ts), next to the compiled training data. */
export const FALLBACK_MODEL_FILE = path.join(__dirname, 'training', 'fallback-model.json');

/**
 * The fallback classifier: the model the build trained, loaded (tens of milliseconds); without one (a tree compiled
 * by tsc alone), trained here.
 */
export async function loadFallbackClassifier(): Promise<IntentClassifier> {
  let model: string | undefined;
  try {
    model = (JSON.parse(await fs.promises.readFile(FALLBACK_MODEL_FILE, 'utf8')) as { model?: string }).model;
  } catch {
    model = undefined;
  }
  return model ? nlpjsClassifierFromModel(model, 'masked') : trainNlpjsClassifier(FALLBACK_TRAINING, 'masked');
}
