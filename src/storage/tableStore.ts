import type { TableClient } from '@azure/data-tables';
import type { AzureStorageAccess } from '../config';
import { tableClient } from './azureStorage';

/**
 * What the Azure Table stores (feedback, mitigation records) share: how they are opened, and their table, created on
 * first use (once; a creation that failed is tried again by the next call).
 */
export abstract class TableStore {
  private ready?: Promise<void>;

  constructor(protected readonly table: TableClient) {}

  /** With a connection string, or with an endpoint and a managed identity (src/storage/azureStorage.ts). */
  static open<T>(this: new (table: TableClient) => T, access: AzureStorageAccess, tableName: string): T {
    return new this(tableClient(access, tableName));
  }

  static fromConnectionString<T>(this: new (table: TableClient) => T, connectionString: string, tableName: string): T {
    return new this(tableClient({ auth: 'connectionString', connectionString }, tableName));
  }

  protected ensureTable(): Promise<void> {
    this.ready ??= this.table.createTable().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }
}
