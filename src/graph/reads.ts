/** The two shapes of a single Graph read that the typed queries share. */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Page } from './directoryQueries';

/** One object by path: undefined when Graph answers 404 (no such object, no risk record); any other error is thrown. */
export async function getIfFound<T>(client: Client, path: string, select: string | string[]): Promise<T | undefined> {
  try {
    return (await client.api(path).select(select).get()) as T;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/** The first page of a filtered collection: for reads that want one page (`top` items, or Graph's default page). */
export async function firstPage<T>(client: Client, path: string, query: { filter: string; select?: string | string[]; top?: number }): Promise<T[]> {
  let request = client.api(path).filter(query.filter);
  if (query.select !== undefined) request = request.select(query.select);
  if (query.top !== undefined) request = request.top(query.top);
  return ((await request.get()) as Page<T>).value;
}
