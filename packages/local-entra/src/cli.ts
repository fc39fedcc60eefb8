/**
 * `node dist/src/cli.js --tenant DIR --port N --persist DIR --throttling graph --now ISO --ca-out FILE
 *   [--index-cache DIR | --no-index-cache] [--sign-ins-in-memory]`
 * `node dist/src/cli.js event risky-user|risky-app|role-change …` adds an event to a running one (src/eventCli.ts).
 * Starts the local Entra alone (the bot's launchers, the repository's src/cli, start it beside the bot). Flags win over the environment
 * (TENANT_SNAPSHOT_DIR, ASSISTANT_NOW, EMULATOR_THROTTLING, EMULATOR_FAULTS as a JSON array of fault rules,
 * LOCAL_ENTRA_INDEX_CACHE for the sign-in index cache folder).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultClients, startLocalEntra, type FaultRule } from './index';
import { parseFaultRules } from './faults';
import { runEventCommand } from './eventCli';

function fail(message: string): never {
  console.error(`local Entra: ${message}`);
  process.exit(2);
}

function parseNow(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) fail(`--now / ASSISTANT_NOW is not a date-time: ${text}`);
  return date;
}

function parseFaults(text: string | undefined): FaultRule[] | undefined {
  if (!text) return undefined;
  try {
    return parseFaultRules(text);
  } catch (error) {
    return fail((error as Error).message);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      port: { type: 'string' },
      persist: { type: 'string' },
      throttling: { type: 'string' },
      now: { type: 'string' },
      'ca-out': { type: 'string' },
      'no-rebase': { type: 'boolean' },
      'index-cache': { type: 'string' },
      'no-index-cache': { type: 'boolean' },
      'sign-ins-in-memory': { type: 'boolean' },
    },
  });
  const throttling = values.throttling ?? process.env.EMULATOR_THROTTLING ?? 'off';
  if (throttling !== 'off' && throttling !== 'graph') fail(`--throttling must be off or graph, not ${throttling}`);
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port is not a port number: ${values.port}`);

  const entra = await startLocalEntra({
    tenantDir: values.tenant ?? process.env.TENANT_SNAPSHOT_DIR,
    port,
    persistDir: values.persist,
    throttling,
    now: parseNow(values.now ?? process.env.ASSISTANT_NOW),
    rebase: !values['no-rebase'],
    faults: parseFaults(process.env.EMULATOR_FAULTS),
    signInsOnDisk: !values['sign-ins-in-memory'],
    indexCacheDir: values['no-index-cache'] ? false : (values['index-cache'] ?? process.env.LOCAL_ENTRA_INDEX_CACHE) || undefined,
    log: (message) => console.log(message),
  });
  const caFile = values['ca-out'] ?? path.join(os.tmpdir(), `local-entra-ca-${new URL(entra.url).port}.pem`);
  fs.writeFileSync(caFile, entra.caCertPem);
  console.log(`Local Entra listening at ${entra.url}`);
  console.log(`  tenant id:   ${entra.tenantId}`);
  console.log(`  client id:   ${defaultClients()[0].clientId}`);
  console.log(`  CA file:     ${caFile}`);
  console.log(`  Graph:       ${entra.graphBaseUrl}/v1.0 and /beta; authority host ${entra.authorityHost}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await entra.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[2] === 'event') {
  runEventCommand(process.argv.slice(3)).then(
    (summary) => console.log(`local Entra: ${summary}`),
    (error: Error) => fail(error.message),
  );
} else {
  main().catch((error: Error) => fail(error.message));
}
