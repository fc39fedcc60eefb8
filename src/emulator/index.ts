import type * as https from 'node:https';
import { createSigningKey } from './auth/signingKey';
import { IdentityPlatform } from './auth/identityPlatform';
import { TokenService } from './auth/tokens';
import { createClock } from './clock';
import { LOCAL_BOT_CLIENT } from './demo/constants';
import { FaultInjector } from './faults';
import type { GraphContext } from './graph/context';
import { GraphService } from './graph/service';
import { loopbackCertificate } from './http/tls';
import { createHandler, listen, type Services } from './http/server';
import { runQuery } from './odata';
import { BOT_APPLICATION_PERMISSIONS, BOT_DELEGATED_SCOPES } from '../graph/permissions';
import { loadSnapshot } from './snapshot/loadSnapshot';
import { preparePersistDir, writeCollection } from './snapshot/persist';
import { Directory } from './tenant/directory';
import { TenantStore } from './tenant/store';
import { Throttle } from './throttling';
import type { LocalClient, LocalEntra, LocalEntraOptions } from './types';

export type { FaultRule, LocalClient, LocalEntra, LocalEntraOptions } from './types';
export { ENDPOINT_PERMISSIONS, BUILT_IN_ROLES, type EndpointPermission, type PermissionKey } from '../graph/permissions';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The bot's registration with its default permissions. */
export function defaultClients(): LocalClient[] {
  return [{ ...LOCAL_BOT_CLIENT, applicationPermissions: [...BOT_APPLICATION_PERMISSIONS], delegatedScopes: [...BOT_DELEGATED_SCOPES] }];
}

/**
 * Starts the local Entra: loads (and checks) the snapshot, then serves Graph (/v1.0, /beta) and the identity
 * platform endpoints over HTTPS on loopback. Refuses a malformed snapshot with an Error naming file and reason.
 */
export async function startLocalEntra(options: LocalEntraOptions = {}): Promise<LocalEntra> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`The local Entra listens on loopback only; refused host ${host}`);
  // The generator loads only when the built-in demo tenant is wanted.
  const sourceDir = options.tenantDir ?? (await (await import('./demo')).ensureDemoTenant());
  if (options.persistDir) await preparePersistDir(sourceDir, options.persistDir);
  const clock = createClock(options.now);
  const snapshot = await loadSnapshot(options.persistDir ?? sourceDir, { now: clock.now(), rebase: options.rebase ?? true });
  const store = new TenantStore(snapshot);
  const directory = new Directory(store);
  const clients = (options.clients ?? defaultClients()).map((client) => ({ ...client, delegatedScopes: client.delegatedScopes ?? [...BOT_DELEGATED_SCOPES] }));
  const tls = options.tls ?? (await loopbackCertificate());
  const key = createSigningKey();

  let persisting: Promise<void> = Promise.resolve();
  const persist = (): Promise<void> => {
    const persistDir = options.persistDir;
    if (!persistDir) return Promise.resolve();
    // One write at a time, in order, so a file is never written by two actions at once.
    persisting = persisting.then(async () => {
      for (const name of store.takeDirty()) await writeCollection(persistDir, name, store.items(name), store.shiftSeconds);
    });
    return persisting;
  };

  let services: Services | undefined;
  const handler = createHandler(() => {
    if (!services) throw new Error('The local Entra is still starting');
    return services;
  });
  const { server, origin } = await listen(handler, tls, host, options.port ?? 0);
  const tokens = new TokenService(key, `${origin}/${store.tenantId}/v2.0`, store.tenantId);
  const ctx: GraphContext = { store, directory, clock, origin, runQuery, persist };
  const identity = new IdentityPlatform(origin, tokens, key, store, directory, clients);
  services = {
    graph: new GraphService(ctx, new Throttle(options.throttling === 'graph', store.items('users').length)),
    identity,
    tokens,
    faults: new FaultInjector(options.faults, options.faultSeed),
  };

  return {
    url: origin,
    graphBaseUrl: origin,
    authorityHost: origin,
    tenantId: store.tenantId,
    caCertPem: tls.cert,
    issueUserAssertion: async (userId, audience) => identity.issueUserAssertion(userId, audience),
    stop: () => stopServer(server, persisting),
  };
}

async function stopServer(server: https.Server, persisting: Promise<void>): Promise<void> {
  await persisting.catch(() => undefined);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
