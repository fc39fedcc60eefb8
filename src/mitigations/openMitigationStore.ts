import type { FeedbackStoreConfig } from '../config';
import type { MitigationStore } from './mitigationStore';
import { SqliteMitigationStore } from './sqliteMitigationStore';

/**
 * Mitigation records live beside the feedback, in the same backend: the SQLite file (its own table) or, with Table
 * Storage, a table named after the feedback table with "Mitigations" appended (cut to Azure's 63 characters).
 */
export function openMitigationStore(config: FeedbackStoreConfig): MitigationStore {
  if (config.store === 'sqlite') return new SqliteMitigationStore(config.sqlitePath);
  // Loaded only when configured: the Azure Storage clients take a fifth of a second to load, and this factory is synchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TableMitigationStore } = require('./tableMitigationStore') as typeof import('./tableMitigationStore');
  return TableMitigationStore.open(config.access, mitigationTableName(config.tableName));
}

/** The mitigations' table, beside the feedback table; infra/azure.bicep creates both under these names. */
export function mitigationTableName(feedbackTableName: string): string {
  return `${feedbackTableName}Mitigations`.slice(0, 63);
}
