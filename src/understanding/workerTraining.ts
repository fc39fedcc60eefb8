import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nlpjsClassifierFromModel } from './nlpjsClassifier';
import type { IntentClassifier } from './types';

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
