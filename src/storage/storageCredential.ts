/**
 * The Microsoft Entra identity the bot presents to Azure services it reaches by endpoint (Storage, Azure OpenAI). Its
 * own module so that using it does not load the Azure Storage clients (src/storage/azureStorage.ts).
 */
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { StorageIdentity } from '../config';

/**
 * On App Service, ManagedIdentityCredential reads the identity endpoint App Service provides
 * (https://learn.microsoft.com/azure/app-service/overview-managed-identity); DefaultAzureCredential also tries
 * environment variables and an Azure CLI sign-in, for a run from a workstation.
 */
export function storageCredential(identity: StorageIdentity): TokenCredential {
  if (identity.credential === 'default') {
    return new DefaultAzureCredential(identity.clientId ? { managedIdentityClientId: identity.clientId } : {});
  }
  return identity.clientId ? new ManagedIdentityCredential({ clientId: identity.clientId }) : new ManagedIdentityCredential();
}
