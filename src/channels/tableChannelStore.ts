import { RestError } from '@azure/data-tables';
import { TableStore } from '../storage/tableStore';
import { type ChannelSettings, type ChannelStore, emptySettings } from './channelStore';

const CHANNELS = 'channel';
const THREADS = 'thread';

interface Entity {
  partitionKey: string;
  rowKey: string;
  subscribed?: boolean;
  settings?: string;
  claimedAt?: string;
  etag?: string;
}

/** Row keys may not hold / \ # ? (Azure Table Storage): ids are kept URI-encoded, which never contains them. */
const rowKey = (id: string) => encodeURIComponent(id);

/**
 * Channel settings in Azure Table Storage (several instances): an update is a conditional write on the entity's ETag,
 * retried on a lost race; a thread is claimed by creating its entity, which only one instance can do.
 */
export class TableChannelStore extends TableStore implements ChannelStore {
  async get(channelId: string): Promise<ChannelSettings | undefined> {
    await this.ensureTable();
    const entity = await this.entity(CHANNELS, channelId);
    return entity?.settings ? (JSON.parse(entity.settings) as ChannelSettings) : undefined;
  }

  async update(channelId: string, change: (current: ChannelSettings) => ChannelSettings | undefined): Promise<ChannelSettings> {
    await this.ensureTable();
    for (let attempt = 0; attempt < 8; attempt++) {
      const entity = await this.entity(CHANNELS, channelId);
      const current = entity?.settings ? (JSON.parse(entity.settings) as ChannelSettings) : emptySettings(channelId);
      const next = change(current);
      if (!next) return current;
      const row: Entity = { partitionKey: CHANNELS, rowKey: rowKey(channelId), subscribed: Boolean(next.alerts?.kinds.length), settings: JSON.stringify(next) };
      try {
        if (entity) await this.table.updateEntity<Entity>(row, 'Replace', { etag: entity.etag });
        else await this.table.createEntity<Entity>(row);
        return next;
      } catch (err) {
        // 412: changed since read; 409: created by someone else since read. Read again and decide anew.
        if (!(err instanceof RestError && (err.statusCode === 412 || err.statusCode === 409))) throw err;
      }
    }
    throw new Error(`Channel ${channelId}: too many concurrent updates`);
  }

  async subscribed(): Promise<ChannelSettings[]> {
    await this.ensureTable();
    const out: ChannelSettings[] = [];
    const entities = this.table.listEntities<Entity>({ queryOptions: { filter: `PartitionKey eq '${CHANNELS}' and subscribed eq true` } });
    for await (const e of entities) if (e.settings) out.push(JSON.parse(e.settings) as ChannelSettings);
    return out.sort((a, b) => a.channelId.localeCompare(b.channelId));
  }

  async claimThread(threadId: string, at: string): Promise<boolean> {
    await this.ensureTable();
    try {
      await this.table.createEntity<Entity>({ partitionKey: THREADS, rowKey: rowKey(threadId), claimedAt: at });
      return true;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 409) return false;
      throw err;
    }
  }

  async releaseThread(threadId: string): Promise<void> {
    await this.ensureTable();
    try {
      await this.table.deleteEntity(THREADS, rowKey(threadId));
    } catch (err) {
      if (!(err instanceof RestError && err.statusCode === 404)) throw err;
    }
  }

  async close(): Promise<void> {
    // TableClient holds no connection of its own to release.
  }

  private async entity(partition: string, id: string): Promise<Entity | undefined> {
    try {
      return await this.table.getEntity<Entity>(partition, rowKey(id));
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }
}
