import { MemoryStorage, type Storage } from 'botbuilder';
import type { StateStoreConfig } from '../config';

/**
 * Where conversation state lives. Memory suits one local instance; Blob Storage keeps follow-ups and pending
 * choices across restarts and shares them between instances.
 */
export function conversationStateStorage(config: StateStoreConfig): Storage {
  if (config.store === 'memory') return new MemoryStorage();
  // Loaded only when configured: the Azure Storage clients take a fifth of a second to load, and this factory is synchronous.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { blobsStorage } = require('../storage/azureStorage') as typeof import('../storage/azureStorage');
  return blobsStorage(config.access, config.container);
}
