import type { AddedEvent, LocalEntraEvent } from './events';
/** Public option and handle types of the local Entra (see startLocalEntra in ./index.ts). */

/** One fault to inject into Graph traffic, for a share of requests and/or the paths matching a pattern. */
export interface FaultRule {
  /**
   * A regular expression tested against the request path (e.g. "/auditLogs/signIns"), and against the path of each
   * inner request of a `$batch` (e.g. "/beta/auditLogs/signIns" inside POST /beta/$batch); absent: every Graph path.
   */
  pathPattern?: string;
  /** Share of the matching requests that get the fault, 0..1 (default 1). Deterministic for a given seed. */
  share?: number;
  kind: 'latency' | '429' | '503' | 'reset';
  /** Added delay for kind 'latency' (default 1000 ms). */
  latencyMs?: number;
  /** The Retry-After header (seconds) of a 429 or 503 (default 1). */
  retryAfterSeconds?: number;
  /** Only the first this many matching requests get the fault (default: all of them). */
  times?: number;
}

/** An app registration that may ask the token endpoint for tokens. */
export interface LocalClient {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Application permissions (the `roles` claim of its app-only Graph tokens). */
  applicationPermissions: string[];
  /** Delegated permissions consented for it (the `scp` claim of its on-behalf-of tokens); default: see defaultClients. */
  delegatedScopes?: string[];
}

export interface LocalEntraOptions {
  /** Snapshot folder; default: the built-in demo tenant. */
  tenantDir?: string;
  /** Loopback address to listen on; default 127.0.0.1. Any other address is refused. */
  host?: string;
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Pinned clock (ASSISTANT_NOW): data time runs on from this instant; default: real time. */
  now?: Date;
  /** Shift every date-time by (now - capturedDateTime); default true. */
  rebase?: boolean;
  /** A writable copy of the snapshot: actions are written back and survive a restart. */
  persistDir?: string;
  /** Default 'off'. */
  throttling?: 'off' | 'graph';
  faults?: FaultRule[];
  /** Seed of the fault-share draw (default 1), so a test run is repeatable. */
  faultSeed?: number;
  /** Default: a certificate made at start for 127.0.0.1 and localhost. */
  tls?: { key: string; cert: string };
  /** Default: LOCAL_BOT_CLIENT with the bot's read permissions plus risk write permissions. */
  clients?: LocalClient[];
  /**
   * Keep the sign-in log on disk behind an index when its file is in the one-object-per-line layout (the
   * generator's and --persist's); default true. False reads every sign-in into memory, as before.
   */
  signInsOnDisk?: boolean;
  /**
   * Where the sign-in index is cached: default the snapshot's `.local-entra-cache/` folder (or, when that cannot be
   * written, one under the system temp folder); a folder for every snapshot's index; false, nowhere (indexed at
   * every start).
   */
  indexCacheDir?: string | false;
  /**
   * Whether a query over sign-ins on disk reads just the properties it uses from each line when the index knows the
   * line's shape (default true). False parses every sign-in it reads whole; the answers are the same (the tests
   * compare the two).
   */
  signInPartialReads?: boolean;
  /** Start-up progress lines (indexing a new snapshot takes a while, and says so). Default: silent. */
  log?: (message: string) => void;
  /**
   * Where to write how to reach the admin endpoint (its URL, the start's admin key, the CA certificate) for
   * `npm run entra -- event …`, readable by this user only and removed at stop; default: nowhere.
   */
  controlFile?: string;
}

/** What the start did, for logs and the bench. */
export interface LocalEntraStartup {
  /** From the call to listening, in seconds. */
  seconds: number;
  signIns: {
    onDisk: boolean;
    count: number;
    /** Set when the index was built during this start (a new or changed snapshot), in seconds. */
    indexSeconds?: number;
    /** Why the index was built instead of read from the cache. */
    rebuiltBecause?: string;
    /** The cache file that holds the index now, if any. */
    cacheFile?: string;
  };
}

export interface LocalEntra {
  /** https://127.0.0.1:PORT */
  url: string;
  /** Same origin; Graph answers at /v1.0 and /beta. */
  graphBaseUrl: string;
  /** Same origin; token endpoint at /{tenantId}/oauth2/v2.0/token. */
  authorityHost: string;
  tenantId: string;
  /** The certificate a client must trust (PEM). */
  caCertPem: string;
  /**
   * A delegated token as Teams SSO would hand the bot (audience api://botid-<clientId> or the bot app id), usable as
   * the on-behalf-of assertion.
   */
  issueUserAssertion(userId: string, audience?: string): Promise<string>;
  /** How the start went (time, where the sign-ins are, whether their index was built or read). */
  startup: LocalEntraStartup;
  /** Adds an event while running (a risky user or app, a role change), as the admin endpoint does. */
  addEvent(event: LocalEntraEvent): Promise<AddedEvent>;
  /** Replaces the fault rules while running (tests of throttling mid-stream). */
  setFaults(rules: FaultRule[]): void;
  /** The key the admin endpoint (POST /_local-entra/events) asks for in `x-local-entra-key`; new at every start. */
  adminKey: string;
  stop(): Promise<void>;
}
