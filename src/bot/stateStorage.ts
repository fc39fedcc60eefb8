import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { StateStoreConfig } from '../config';

/**
 * Where conversation state lives. Memory suits one local instance; Blob Storage keeps follow-ups and pending
 * choices across restarts and shares them between instances.
 */
export function conversationStateStorage(config: StateStoreConfig): Storage {
  return config.store === 'memory' ? new MemoryStorage() : new BlobsStorage(config.connectionString, config.container);
}
