import { type IntentClassifier, type IntentName, INTENTS } from './types';
import { parseQuestion } from './parse';
import type { LabelledUtterance } from './evaluation';

/**
 * A trained intent classifier from NLP.js (a library built for bot language understanding): the fallback the grammar
 * asks when it finds no cue at all (trained when the bot is built, its model loaded after start-up: src/understanding/fallbackModel.ts),
 * and compared with the grammar on the held-out split (`node dist/src/cli/benchUnderstanding.js --compare`).
 */

/** What the classifier reads: the raw message, or the grammar's cue text with entities masked (<name>, <time>…). */
export type ClassifierInput = 'raw' | 'masked';

const SAMPLE_NOW = new Date('2026-11-20T12:00:00Z');

function inputOf(text: string, input: ClassifierInput): string {
  return input === 'raw' ? text : parseQuestion(text, SAMPLE_NOW).cueText;
}

/** NLP.js prints every training epoch and warns about stop-word-only inputs on the console. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { log, warn } = console;
  console.log = () => undefined;
  console.warn = () => undefined;
  try {
    return await work();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/** An empty NLP.js pipeline for English; its modules are loaded when first needed, not when the bot starts. */
async function emptyNlp() {
  const [{ containerBootstrap }, { Nlp }, { LangEn }] = await Promise.all([import('@nlpjs/core'), import('@nlpjs/nlp'), import('@nlpjs/lang-en-min')]);
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage('en');
  return nlp;
}

/** A pipeline trained on the labelled questions. */
async function trainedNlp(items: readonly LabelledUtterance[], input: ClassifierInput) {
  const nlp = await emptyNlp();
  // Follow-ups ("what about yesterday?") take their intent from the conversation, not from their words.
  for (const item of items) if (!item.chain) nlp.addDocument('en', inputOf(item.text, input), item.intent);
  await quietly(() => nlp.train());
  return nlp;
}

/** Trains on the labelled questions and returns the model (NLP.js's own export), to be loaded where it is used. */
export async function trainNlpjsModel(items: readonly LabelledUtterance[], input: ClassifierInput): Promise<string> {
  return (await trainedNlp(items, input)).export(true);
}

/** A classifier from a model trained elsewhere (trainNlpjsModel, when the bot is built). */
export async function nlpjsClassifierFromModel(model: string, input: ClassifierInput): Promise<IntentClassifier> {
  const nlp = await emptyNlp();
  nlp.import(model);
  return classifierOver(nlp, input);
}

export async function trainNlpjsClassifier(items: readonly LabelledUtterance[], input: ClassifierInput): Promise<IntentClassifier> {
  return classifierOver(await trainedNlp(items, input), input);
}

function classifierOver(nlp: Awaited<ReturnType<typeof emptyNlp>>, input: ClassifierInput): IntentClassifier {
  const classifyScored = async (text: string) => {
    const result = await quietly(() => nlp.process('en', inputOf(text, input)));
    const intent = (INTENTS as readonly string[]).includes(result.intent) ? (result.intent as IntentName) : 'outOfScope';
    return { intent, score: result.score };
  };
  return {
    async classify(text: string): Promise<IntentName> {
      return (await classifyScored(text)).intent;
    },
    classifyScored,
  };
}
