import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nlpjsClassifierFromModel } from './nlpjsClassifier';
import type { IntentClassifier } from './types';

/** The model `npm run build` trains (src/cli/trainFallback.ts), next to the compiled training data. */
export const FALLBACK_MODEL_FILE = path.join(__dirname, 'training', 'fallback-model.json');

/**
 * The fallback classifier: the model the build trained, loaded (tens of milliseconds); without one (a tree compiled
 * by tsc alone), trained now in a worker thread.
 */
export async function loadFallbackClassifier(): Promise<IntentClassifier> {
  let model: string | undefined;
  try {
    model = (JSON.parse(await fs.promises.readFile(FALLBACK_MODEL_FILE, 'utf8')) as { model?: string }).model;
  } catch {
    model = undefined;
  }
  return model ? nlpjsClassifierFromModel(model, 'masked') : trainClassifierInWorker();
}

/**
 * Trains the fallback classifier in a worker thread (classifierWorker.ts) and loads the model it sends back here. The
 * thread never keeps the process alive; an error in it, or its exit before a model, rejects.
 */
export function trainClassifierInWorker(): Promise<IntentClassifier> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'classifierWorker.js'));
    worker.unref();
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      reject(err);
    };
    worker.once('message', (message: { model?: string; error?: string }) => {
      settled = true;
      void worker.terminate();
      if (message.model) nlpjsClassifierFromModel(message.model, 'masked').then(resolve, reject);
      else reject(new Error(`the classifier could not be trained: ${message.error ?? 'no model'}`));
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the training thread stopped (exit code ${code}) before it sent a model`)));
  });
}
