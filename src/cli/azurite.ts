import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../paths';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface RunningAzurite {
  blobUrl: string;
  tableUrl: string;
  /** For AZURE_STORAGE_CONNECTION_STRING: both services of this Azurite. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Microsoft's Azure Storage emulator from npm, on loopback with ports the system picks, in memory, telemetry off:
 * the feedback and state stores' tests run against it and stop it afterwards.
 */
export async function startAzurite(timeoutMs = 20_000): Promise<RunningAzurite> {
  const bin = path.join(repoRoot(), 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
  // Azurite writes its debug log and extent metadata beside the working directory: keep them out of the repo.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [bin, '--blobHost', '127.0.0.1', '--blobPort', '0', '--queuePort', '0', '--tableHost', '127.0.0.1', '--tablePort', '0', '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose', '--silent'],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const urls = await new Promise<{ blob: string; table: string }>((resolve, reject) => {
    let output = '';
    const found: { blob?: string; table?: string } = {};
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onExit = (code: number | null) => fail(new Error(`Azurite exited (${code}): ${output}`));
    child.once('exit', onExit);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      for (const m of output.matchAll(/Azurite (Blob|Table) service is successfully listening at (http:\/\/[\d.]+:\d+)/g)) {
        found[m[1] === 'Blob' ? 'blob' : 'table'] = m[2];
      }
      if (found.blob && found.table) {
        clearTimeout(timer);
        child.off('exit', onExit);
        // Keep draining its output (a full pipe would block Azurite), but stop parsing it.
        child.stdout.off('data', read).resume();
        child.stderr.off('data', read).resume();
        resolve({ blob: found.blob, table: found.table });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  const blobUrl = `${urls.blob}/${ACCOUNT}`;
  const tableUrl = `${urls.table}/${ACCOUNT}`;
  return {
    blobUrl,
    tableUrl,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${blobUrl};TableEndpoint=${tableUrl};`,
    stop: () => stopChild(child, cwd),
  };
}

async function stopChild(child: ChildProcess, cwd: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(cwd, { recursive: true, force: true });
}

if (require.main === module) {
  void startAzurite().then((azurite) => {
    process.stdout.write(`AZURE_STORAGE_CONNECTION_STRING="${azurite.connectionString}"\n`);
    const stop = () => void azurite.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
