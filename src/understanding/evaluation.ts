import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';
import { TRAINING_UTTERANCES } from './training';
import { rememberTurn } from './conversation';
import type { DirectoryListing } from './inMemoryDirectory';
import { type ConversationContext, type Entity, type IntentName, INTENTS, type Recognizer, type Understanding } from './types';

/**
 * Measures a recogniser on a labelled set of utterances (tests/fixtures/utterances/*.jsonl). Each line holds
 * `text`, `intent`, and `entities` by type: names as written (user, group, app, policy), the normalised value for
 * the rest. Lines sharing a `chain` are one conversation, in order.
 */

export interface LabelledUtterance {
  text: string;
  intent: IntentName;
  entities: Record<string, string>;
  chain?: string;
}

export interface UtteranceResult {
  item: LabelledUtterance;
  intent: IntentName;
  intentCorrect: boolean;
  entitiesCorrect: boolean;
  missing: string[];
  wrong: string[];
  spurious: string[];
}

export interface SetScore {
  name: string;
  utterances: number;
  intentAccuracy: number;
  /** Labelled entities found with the right value, over labelled plus spurious ones. */
  entityAccuracy: number;
  /** Utterances whose entities are all exactly right (nothing missing, wrong or extra). */
  exactEntityRate: number;
  perSecond: number;
  results: UtteranceResult[];
}

/** The fixed clock every labelled set is written against (the demo tenant's capture time). */
export const BENCH_NOW = new Date('2026-11-20T12:00:00Z');

export const UTTERANCE_SETS = {
  // The training split ships with the bot (the trained fallback classifier learns from it).
  train: '../../../src/understanding/training/contoso-train.json',
  test: 'contoso-test.jsonl',
  otherTenant: 'other-tenant.jsonl',
} as const;

export type UtteranceSetName = keyof typeof UTTERANCE_SETS;

export function fixturesDir(): string {
  return path.join(repoRoot(), 'tests', 'fixtures', 'utterances');
}

export function loadUtterances(set: UtteranceSetName): LabelledUtterance[] {
  if (set === 'train') return TRAINING_UTTERANCES;
  const file = path.join(fixturesDir(), UTTERANCE_SETS[set]);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const item = JSON.parse(line) as LabelledUtterance;
      if (!INTENTS.includes(item.intent)) throw new Error(`${file}:${i + 1}: unknown intent ${item.intent}`);
      return item;
    });
}

/** The fake tenant a set is checked against (its users, groups and apps). */
export function loadDirectoryListing(set: UtteranceSetName): DirectoryListing {
  const file = set === 'otherTenant' ? 'other-tenant-directory.json' : 'contoso-directory.json';
  return JSON.parse(fs.readFileSync(path.join(fixturesDir(), file), 'utf8')) as DirectoryListing;
}

function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/^['"]|['"]$/g, '')
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    .trim();
}

const NAME_TYPES = new Set(['user', 'group', 'app', 'policy']);

function matches(type: string, expected: string, entity: Entity): boolean {
  if (NAME_TYPES.has(type)) {
    if (foldName(entity.text) === foldName(expected)) return true;
    return entity.value !== undefined && foldName(entity.value) === foldName(expected);
  }
  return (entity.value ?? '').toLowerCase() === expected.toLowerCase();
}

export function compareEntities(item: LabelledUtterance, understanding: Understanding): Pick<UtteranceResult, 'missing' | 'wrong' | 'spurious'> {
  const found = understanding.entities.filter((e) => e.source !== 'default');
  const missing: string[] = [];
  const wrong: string[] = [];
  for (const [type, expected] of Object.entries(item.entities)) {
    const entity = found.find((e) => e.type === type);
    if (!entity) missing.push(`${type}=${expected}`);
    else if (!matches(type, expected, entity)) wrong.push(`${type}=${expected} got ${entity.value ?? entity.text}`);
  }
  const spurious = found.filter((e) => !(e.type in item.entities)).map((e) => `${e.type}=${e.value ?? e.text}`);
  return { missing, wrong, spurious };
}

/** Runs a set through a recogniser (chains share conversation memory, as the bot keeps it) and scores it. */
export async function scoreSet(name: string, items: LabelledUtterance[], recognizer: Recognizer): Promise<SetScore> {
  const memories = new Map<string, ConversationContext>();
  const results: UtteranceResult[] = [];
  const started = process.hrtime.bigint();
  for (const item of items) {
    const conversation = item.chain ? memories.get(item.chain) : undefined;
    const understanding = await recognizer.recognize(item.text, { now: BENCH_NOW, conversation });
    if (item.chain) memories.set(item.chain, rememberTurn(conversation, understanding.intent, understanding.entities));
    const comparison = compareEntities(item, understanding);
    results.push({
      item,
      intent: understanding.intent,
      intentCorrect: understanding.intent === item.intent,
      entitiesCorrect: comparison.missing.length + comparison.wrong.length + comparison.spurious.length === 0,
      ...comparison,
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const labelled = items.reduce((n, i) => n + Object.keys(i.entities).length, 0);
  const correct = results.reduce((n, r) => n + Object.keys(r.item.entities).length - r.missing.length - r.wrong.length, 0);
  const spurious = results.reduce((n, r) => n + r.spurious.length, 0);
  return {
    name,
    utterances: items.length,
    intentAccuracy: results.filter((r) => r.intentCorrect).length / items.length,
    entityAccuracy: labelled + spurious === 0 ? 1 : correct / (labelled + spurious),
    exactEntityRate: results.filter((r) => r.entitiesCorrect).length / items.length,
    perSecond: items.length / seconds,
    results,
  };
}
