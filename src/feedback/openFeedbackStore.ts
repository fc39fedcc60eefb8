import type { FeedbackStoreConfig } from '../config';
import { SqliteFeedbackStore } from './sqliteFeedbackStore';
import type { FeedbackStore } from './types';

/** The configured feedback store: SQLite by default, Azure Table Storage when several instances share feedback. */
export function openFeedbackStore(config: FeedbackStoreConfig): FeedbackStore {
  if (config.store === 'sqlite') return new SqliteFeedbackStore(config.sqlitePath);
  // Loaded only when configured: the Azure Storage clients take a fifth of a second to load, and this factory is synchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TableFeedbackStore } = require('./tableFeedbackStore') as typeof import('./tableFeedbackStore');
  return TableFeedbackStore.open(config.access, config.tableName);
}
