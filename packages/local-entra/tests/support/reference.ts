import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../src/paths';

/**
 * The Graph facts this package's tests check against (tests/fixtures/reference, see its README.md): JSON Schemas of
 * the Graph types and documentation example responses. They are part of the repository, so a fresh clone runs every
 * check; a missing file fails the test instead of skipping it.
 */
export const REFERENCE_DIR = path.join(packageRoot(), 'tests', 'fixtures', 'reference');

/** A reference JSON file, parsed, e.g. readReferenceJson('graph', 'graph-schemas.json'). */
export function readReferenceJson<T = unknown>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, ...parts), 'utf8')) as T;
}
