import type { FeedbackStoreConfig } from '../config';
import { SqliteFeedbackStore } from './sqliteFeedbackStore';
import { TableFeedbackStore } from './tableFeedbackStore';
import type { FeedbackStore } from './types';

/** The configured feedback store: SQLite by default, Azure Table Storage when several instances share feedback. */
export function openFeedbackStore(config: FeedbackStoreConfig): FeedbackStore {
  return config.store === 'sqlite' ? new SqliteFeedbackStore(config.sqlitePath) : TableFeedbackStore.open(config.access, config.tableName);
}
