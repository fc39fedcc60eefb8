import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphRequestRecord } from '../bot/answerDiagnostics';

const current = new AsyncLocalStorage<GraphRequestRecord[]>();

/** Runs `work` and collects every Graph request it makes, however deep the call, without passing a log around. */
export async function collectGraphRequests<T>(work: () => Promise<T>): Promise<{ result: T; graphRequests: GraphRequestRecord[] }> {
  const graphRequests: GraphRequestRecord[] = [];
  const result = await current.run(graphRequests, work);
  return { result, graphRequests };
}

export function recordGraphRequest(record: GraphRequestRecord): void {
  current.getStore()?.push(record);
}
