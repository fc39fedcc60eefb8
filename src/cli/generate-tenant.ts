/**
 * Writes a tenant snapshot folder, then the local Entra's sign-in index beside it (so its first start is fast).
 *   node dist/src/cli/generate-tenant.js --out DIR [--seed N] [--users 100000] [--signins 2000000] [--audits N] [--no-index]
 * Prints the number of objects written per collection.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { indexSnapshot } from '@entra-assistant/local-entra';
import { generateTenant } from '@entra-assistant/local-entra/demo';

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      users: { type: 'string' },
      signins: { type: 'string' },
      audits: { type: 'string' },
      'no-index': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    console.log('Usage: generate-tenant --out DIR [--seed N] [--users N] [--signins N] [--audits N] [--no-index]');
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const started = process.hrtime.bigint();
  const result = await generateTenant({
    outDir: path.resolve(values.out),
    seed: positiveInteger('seed', values.seed),
    users: positiveInteger('users', values.users),
    signIns: positiveInteger('signins', values.signins),
    audits: positiveInteger('audits', values.audits),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`Tenant snapshot written to ${result.outDir} in ${seconds.toFixed(1)} s`);
  for (const [collection, count] of Object.entries(result.counts)) console.log(`  ${collection.padEnd(32)} ${count}`);
  if (values['no-index']) return;
  for (const indexed of await indexSnapshot(result.outDir)) {
    console.log(`Index of ${indexed.file} (${indexed.count} items) ${indexed.builtSeconds === undefined ? 'already current' : `built in ${indexed.builtSeconds} s`}: ${indexed.cacheFile ?? 'not saved'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
