/**
 * The only code that opens Azure Storage clients. A store is reached either with a connection string (an account key,
 * a SAS, or Azurite on loopback) or with the service's endpoint and a Microsoft Entra token, which is how the deployed
 * bot works: infra/azure.bicep gives the App Service a managed identity and the two data roles on its storage account,
 * and no key anywhere. The choice is made once, in src/config.ts (AzureStorageAccess).
 */
import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { BlobsStorage, type BlobsStorageOptions } from 'botbuilder-azure-blobs';
import type { AzureStorageAccess } from '../config';
import { storageCredential } from './storageCredential';

export { storageCredential } from './storageCredential';

/** Azurite and other local emulators speak plain http on loopback; only a connection string names one. */
function isLocalEmulator(connectionString: string): boolean {
  return /UseDevelopmentStorage=true|127\.0\.0\.1|localhost/i.test(connectionString);
}

/** A client for one table. `options` is for the transport (tests); production passes none. */
export function tableClient(access: AzureStorageAccess, tableName: string, options: TableServiceClientOptions = {}): TableClient {
  if (access.auth === 'connectionString') {
    return TableClient.fromConnectionString(access.connectionString, tableName, { ...options, allowInsecureConnection: isLocalEmulator(access.connectionString) });
  }
  // The token's scope is https://storage.azure.com/.default, chosen by the client for a TokenCredential.
  return new TableClient(access.endpoint, tableName, storageCredential(access.identity), options);
}

/** botbuilder Storage in one blob container. `options` is for the transport (tests); production passes none. */
export function blobsStorage(access: AzureStorageAccess, container: string, options?: BlobsStorageOptions): BlobsStorage {
  if (access.auth === 'connectionString') return new BlobsStorage(access.connectionString, container, options);
  // With a URL and a credential BlobsStorage ignores the connection string and reaches the container at that URL.
  return new BlobsStorage('', container, options, `${access.endpoint}/${container}`, storageCredential(access.identity));
}
