import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../src/paths';

/**
 * The Graph and Entra facts tests check against (tests/fixtures/reference, see its README.md): JSON Schemas of the Graph
 * types, documentation example responses, the AADSTS error-code list and the Identity Protection risk types. They are
 * part of the repository, so a fresh clone runs every check; a missing file fails the test instead of skipping it.
 */
export const REFERENCE_DIR = path.join(repoRoot(), 'tests', 'fixtures', 'reference');

/** The path of a reference file, e.g. referencePath('graph', 'graph-schemas.json'). */
export function referencePath(...parts: string[]): string {
  return path.join(REFERENCE_DIR, ...parts);
}

/** The text of a reference file. */
export function readReference(...parts: string[]): string {
  return fs.readFileSync(referencePath(...parts), 'utf8');
}

/** A reference JSON file, parsed. */
export function readReferenceJson<T = any>(...parts: string[]): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readReference(...parts)) as T;
}

/**
 * The Graph type schemas (graph/graph-schemas.json) live with the local Entra's own reference facts, its tests being
 * their main readers; the bot's tests read them there.
 */
export function readLocalEntraReferenceJson<T = any>(...parts: string[]): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  const packageDir = path.dirname(require.resolve('@entra-assistant/local-entra/package.json'));
  return JSON.parse(fs.readFileSync(path.join(packageDir, 'tests', 'fixtures', 'reference', ...parts), 'utf8')) as T;
}
