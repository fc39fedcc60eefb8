import { MemoryStorage, type Storage } from 'botbuilder';
import type { StateStoreConfig } from '../config';
import { blobsStorage } from '../storage/azureStorage';

/**
 * Where conversation state lives. Memory suits one local instance; Blob Storage keeps follow-ups and pending
 * choices across restarts and shares them between instances.
 */
export function conversationStateStorage(config: StateStoreConfig): Storage {
  return config.store === 'memory' ? new MemoryStorage() : blobsStorage(config.access, config.container);
}
