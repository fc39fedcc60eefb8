import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { addEvent, parseEvent } from './events';
import type * as https from 'node:https';
import { createSigningKey } from './auth/signingKey';
import { IdentityPlatform } from './auth/identityPlatform';
import { TokenService } from './auth/tokens';
import { createClock } from './clock';
import { LOCAL_BOT_APPLICATION_PERMISSIONS, LOCAL_BOT_CLIENT, LOCAL_BOT_DELEGATED_SCOPES } from './demo/constants';
import { FaultInjector } from './faults';
import type { GraphContext } from './graph/context';
import { GraphService } from './graph/service';
import { loopbackCertificate } from './http/tls';
import { createHandler, listen, type Services } from './http/server';
import { runQuery } from './odata';
import { DiskLog } from './snapshot/diskLog';
import { COLLECTION_FILES, type CollectionName } from './snapshot/layout';
import { loadSnapshot } from './snapshot/loadSnapshot';
import { isLineLayout } from './snapshot/readCollectionFile';
import { preparePersistDir } from './snapshot/persist';
import { Directory } from './tenant/directory';
import { ON_DISK_SHAPES } from './tenant/indexedPaths';
import { TenantStore } from './tenant/store';
import { Throttle } from './throttling';
import type { LocalClient, LocalEntra, LocalEntraOptions, LocalEntraStartup } from './types';

export type { FaultRule, LocalClient, LocalEntra, LocalEntraOptions, LocalEntraStartup } from './types';
export { ENDPOINT_REQUIREMENTS, ROLE_TEMPLATE_IDS, deniedBodies, type BuiltInRole, type DeniedBody, type EndpointKey, type EndpointRequirement } from './permissions';
export * from './demo/constants';
export { parseFaultRules } from './faults';
export type { AddedEvent, LocalEntraEvent } from './events';

/** How `npm run entra -- event …` reaches a running local Entra: written at start when asked, removed at stop. */
export interface ControlFile {
  url: string;
  adminKey: string;
  caCertPem: string;
}

function writeControlFile(file: string, control: ControlFile): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(control, null, 2), { mode: 0o600 });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The bot's registration in the demo tenant, with what the tenant consented for it. */
export function defaultClients(): LocalClient[] {
  return [{ ...LOCAL_BOT_CLIENT, applicationPermissions: [...LOCAL_BOT_APPLICATION_PERMISSIONS], delegatedScopes: [...LOCAL_BOT_DELEGATED_SCOPES] }];
}

/**
 * Starts the local Entra: loads (and checks) the snapshot, then serves Graph (/v1.0, /beta) and the identity
 * platform endpoints over HTTPS on loopback. Refuses a malformed snapshot with an Error naming file and reason.
 */
export async function startLocalEntra(options: LocalEntraOptions = {}): Promise<LocalEntra> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The local Entra listens on loopback only; refused host ${host}`);
  // The generator loads only when the built-in demo tenant is wanted.
  const started = performance.now();
  // Keys are made on the thread pool while the snapshot loads on this thread.
  const tlsMade = options.tls ? Promise.resolve(options.tls) : loopbackCertificate();
  const keyMade = createSigningKey();
  // Settle both even when loading fails, so that no key generation is left running unobserved.
  const crypto = Promise.all([tlsMade, keyMade]);
  crypto.catch(() => undefined);
  const sourceDir = options.tenantDir ?? (await (await import('./demo')).ensureDemoTenant());
  if (options.persistDir) await preparePersistDir(sourceDir, options.persistDir);
  const clock = createClock(options.now);
  const tenantDir = options.persistDir ?? sourceDir;
  const snapshot = await loadSnapshot(tenantDir, {
    now: clock.now(),
    rebase: options.rebase ?? true,
    onDisk: options.signInsOnDisk === false ? undefined : { shapes: ON_DISK_SHAPES, cacheDir: options.indexCacheDir, log: options.log, partialReads: options.signInPartialReads },
  });
  const store = new TenantStore(snapshot);
  let tls: { key: string; cert: string };
  let key: Awaited<typeof keyMade>;
  try {
    [tls, key] = await crypto;
  } catch (error) {
    store.close();
    throw error;
  }
  const directory = new Directory(store);
  const clients = (options.clients ?? defaultClients()).map((client) => ({ ...client, delegatedScopes: client.delegatedScopes ?? [...LOCAL_BOT_DELEGATED_SCOPES] }));

  let persisting: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    const persistDir = options.persistDir;
    if (!persistDir) return Promise.resolve();
    // One write at a time, in order, so a file is never written by two actions at once.
    persisting = persisting.then(async () => {
      for (const name of store.takeDirty()) await store.writeBack(persistDir, name);
    });
    return persisting;
  };

  // Filled in once the server listens and the token service knows its origin.
  const ready: { services?: Services } = {};
  const handler = createHandler(() => {
    if (!ready.services) throw new Error('The local Entra is still starting');
    return ready.services;
  });
  const { server, origin } = await listen(handler, tls, host, options.port ?? 0);
  const tokens = new TokenService(key, `${origin}/${store.tenantId}/v2.0`, store.tenantId);
  const ctx: GraphContext = { store, directory, clock, origin, runQuery, persist };
  const identity = new IdentityPlatform(origin, tokens, key, store, directory, clients);
  const adminKey = randomBytes(24).toString('base64url');
  ready.services = {
    graph: new GraphService(ctx, new Throttle(options.throttling === 'graph', store.size('users'))),
    identity,
    tokens,
    faults: new FaultInjector(options.faults, options.faultSeed),
    admin: { key: adminKey, addEvent: (body) => addEvent(ctx, parseEvent(body)) },
  };
  if (options.controlFile) writeControlFile(options.controlFile, { url: origin, adminKey, caCertPem: tls.cert });

  const signInLog = store.onDisk('signIns');
  const startup: LocalEntraStartup = {
    seconds: Math.round((performance.now() - started) / 10) / 100,
    signIns: signInLog
      ? { onDisk: true, count: signInLog.count, indexSeconds: signInLog.origin.built?.seconds, cacheFile: signInLog.cacheFile, rebuiltBecause: signInLog.origin.built?.reason }
      : { onDisk: false, count: store.size('signIns') },
  };
  options.log?.(
    `local Entra: started in ${startup.seconds} s; ` +
      (signInLog
        ? `${signInLog.count.toLocaleString('en-US')} sign-ins stay on disk, ${signInLog.origin.built ? `indexed now (${signInLog.origin.built.seconds} s)` : 'index read from its cache'}${startup.signIns.cacheFile ? ` (${startup.signIns.cacheFile})` : ''}`
        : `${store.size('signIns').toLocaleString('en-US')} sign-ins in memory`),
  );

  return {
    url: origin,
    graphBaseUrl: origin,
    authorityHost: origin,
    tenantId: store.tenantId,
    caCertPem: tls.cert,
    issueUserAssertion: (userId, audience) => Promise.resolve(identity.issueUserAssertion(userId, audience)),
    startup,
    addEvent: (event) => addEvent(ctx, parseEvent(event)),
    setFaults: (rules) => {
      if (ready.services) ready.services.faults = new FaultInjector(rules, options.faultSeed);
    },
    adminKey,
    stop: async () => {
      await stopServer(server, persisting, store);
      if (options.controlFile) fs.rmSync(options.controlFile, { force: true });
    },
  };
}

/** What `indexSnapshot` did for one log file. */
export interface IndexedLog {
  file: string;
  count: number;
  /** Seconds spent building the index; undefined when a valid cached index was found. */
  builtSeconds?: number;
  cacheFile?: string;
}

/**
 * Makes sure the index of every log kept on disk (sign-ins) is built and cached for a snapshot folder, so that the
 * next start of the local Entra reads it instead of indexing (what `npm run generate-tenant` and the bench call
 * after writing a tenant). Checks the files as a start would; refuses a malformed one the same way.
 */
export async function indexSnapshot(tenantDir: string, options: { indexCacheDir?: string | false; log?: (message: string) => void } = {}): Promise<IndexedLog[]> {
  const done: IndexedLog[] = [];
  for (const [name, shape] of Object.entries(ON_DISK_SHAPES) as Array<[CollectionName, NonNullable<(typeof ON_DISK_SHAPES)[CollectionName]>]>) {
    const file = COLLECTION_FILES[name];
    const fullPath = `${tenantDir}/${file}`;
    if (!fs.existsSync(fullPath) || !(await isLineLayout(fullPath))) continue;
    const log = await DiskLog.open({ dir: tenantDir, file, shape, shiftSeconds: 0, cacheDir: options.indexCacheDir, log: options.log });
    done.push({ file, count: log.count, builtSeconds: log.origin.built?.seconds, cacheFile: log.cacheFile });
    log.close();
  }
  return done;
}

async function stopServer(server: https.Server, persisting: Promise<void>, store: TenantStore): Promise<void> {
  await persisting.catch(() => undefined);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  store.close();
}
