import type { Caller } from '../auth/caller';
import type { Clock } from '../clock';
import type { RunQuery } from '../odata/contract';
import type { Directory } from '../tenant/directory';
import type { TenantStore } from '../tenant/store';

export type ApiVersion = 'v1.0' | 'beta';

/** One Graph request, from HTTP or from a $batch item. */
export interface GraphRequest {
  method: string;
  version: ApiVersion;
  /** Decoded path segments after the version (`users`, `a@b.com`, `memberOf`). */
  segments: string[];
  params: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  caller: Caller;
  /** Absolute URL without the query string (builds @odata.nextLink). */
  requestUrl: string;
}

export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the routes work with. */
export interface GraphContext {
  store: TenantStore;
  directory: Directory;
  clock: Clock;
  origin: string;
  runQuery: RunQuery;
  /** Writes changed collections back when --persist is on (no-op otherwise). */
  persist(): Promise<void>;
}
