import { RestError } from '@azure/data-tables';
import { TableStore } from '../storage/tableStore';
import { completed, decided, type Decision, type MitigationOutcome, type MitigationPerson, type MitigationRecord, type MitigationStore } from './mitigationStore';

const PARTITION = 'mitigation';

interface Entity {
  partitionKey: string;
  rowKey: string;
  status: string;
  proposedAt: string;
  record: string;
  etag?: string;
}

/**
 * Mitigations in Azure Table Storage (several instances). Each move out of `pending` is a conditional replace on
 * the entity's ETag: of two instances handling two clicks at once, one wins and the other re-reads its decision.
 */
export class TableMitigationStore extends TableStore implements MitigationStore {
  async create(record: MitigationRecord): Promise<void> {
    await this.ensureTable();
    await this.table.createEntity<Entity>({ partitionKey: PARTITION, rowKey: record.id, status: record.status, proposedAt: record.proposedAt, record: JSON.stringify(record) });
  }

  async get(id: string): Promise<MitigationRecord | undefined> {
    await this.ensureTable();
    const entity = await this.entity(id);
    return entity ? (JSON.parse(entity.record) as MitigationRecord) : undefined;
  }

  async decide(id: string, to: Decision, by: MitigationPerson, at: string): Promise<{ moved: boolean; record?: MitigationRecord }> {
    await this.ensureTable();
    return this.conditionally(id, (record) => (record.status === 'pending' ? decided(record, to, by, at) : undefined));
  }

  async complete(id: string, outcome: MitigationOutcome, at: string): Promise<MitigationRecord | undefined> {
    await this.ensureTable();
    const { record } = await this.conditionally(id, (r) => (r.status === 'running' ? completed(r, outcome, at) : undefined));
    return record;
  }

  async linkMessage(id: string, messageId: string): Promise<void> {
    await this.ensureTable();
    await this.conditionally(id, (r) => ({ ...r, confirmationMessageId: messageId }));
  }

  async list(): Promise<MitigationRecord[]> {
    await this.ensureTable();
    const records: MitigationRecord[] = [];
    for await (const e of this.table.listEntities<Entity>()) records.push(JSON.parse(e.record) as MitigationRecord);
    return records.sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.id.localeCompare(b.id));
  }

  async close(): Promise<void> {
    // TableClient holds no connection of its own to release.
  }

  /** Read, change, replace if unchanged since the read; on a lost race read again and let `change` decide anew. */
  private async conditionally(id: string, change: (r: MitigationRecord) => MitigationRecord | undefined): Promise<{ moved: boolean; record?: MitigationRecord }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const entity = await this.entity(id);
      if (!entity) return { moved: false };
      const current = JSON.parse(entity.record) as MitigationRecord;
      const next = change(current);
      if (!next) return { moved: false, record: current };
      try {
        await this.table.updateEntity<Entity>({ partitionKey: PARTITION, rowKey: id, status: next.status, proposedAt: next.proposedAt, record: JSON.stringify(next) }, 'Replace', { etag: entity.etag });
        return { moved: true, record: next };
      } catch (err) {
        if (!(err instanceof RestError && err.statusCode === 412)) throw err;
      }
    }
    throw new Error(`Mitigation ${id}: too many concurrent updates`);
  }

  private async entity(id: string): Promise<Entity | undefined> {
    try {
      return await this.table.getEntity<Entity>(PARTITION, id);
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }
}
