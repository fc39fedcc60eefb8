import type { FeedbackStoreConfig } from '../config';
import type { ChannelStore } from './channelStore';
import { SqliteChannelStore } from './sqliteChannelStore';

/**
 * Channel settings live beside the feedback and mitigation records, in the same backend: the SQLite file (tables of
 * their own) or, with Table Storage, a table named after the feedback table with "Channels" appended.
 */
export function openChannelStore(config: FeedbackStoreConfig): ChannelStore {
  if (config.store === 'sqlite') return new SqliteChannelStore(config.sqlitePath);
  // Loaded only when configured: the Azure Storage clients take a fifth of a second to load, and this factory is synchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TableChannelStore } = require('./tableChannelStore') as typeof import('./tableChannelStore');
  return TableChannelStore.open(config.access, channelTableName(config.tableName));
}

export function channelTableName(feedbackTableName: string): string {
  return `${feedbackTableName}Channels`.slice(0, 63);
}
