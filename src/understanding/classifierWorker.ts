/**
 * The fallback classifier's training, in a worker thread of its own. Training parses every labelled question and runs
 * NLP.js's network: a burst of allocation that the main thread's V8 heap would keep long after (idle memory is a
 * target of issue #19). Here it is freed with the thread; the main thread only loads the finished model.
 */
import { parentPort } from 'node:worker_threads';
import { trainNlpjsModel } from './nlpjsClassifier';
import { FALLBACK_TRAINING } from './training';

trainNlpjsModel(FALLBACK_TRAINING, 'masked').then(
  (model) => parentPort?.postMessage({ model }),
  (err: unknown) => parentPort?.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
);
