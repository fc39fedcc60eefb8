// Azure resources of Entra Assistant: an App Service plan, a Linux web app running the bot on Node 20, the
// single-tenant Azure Bot that routes Teams messages to it, and the storage account that keeps conversation state
// (a blob container) and answers, ratings, mitigation records and help-desk channel settings (three tables). The web app reaches the storage
// account with its system-assigned managed identity and two data roles: no account key or connection string exists
// in its settings, and shared-key access is off. Deployed by arm/deploy in teamsapp.yml; the outputs
// are written to env/.env.<env> by the toolkit.

@maxLength(20)
@minLength(4)
@description('Start of every resource name (letters and digits).')
param resourceBaseName string

@description('App Service plan SKU. alwaysOn needs Basic (B1) or above.')
param webAppSKU string = 'B1'

@maxLength(42)
@description('Display name of the Azure Bot.')
param botDisplayName string

@description('Client id of the bot\'s single-tenant Entra app registration (BOT_ID).')
param botAadAppClientId string

@secure()
@description('Client secret of that app registration (SECRET_BOT_PASSWORD).')
param botAadAppClientSecret string

@description('Tenant of that app registration (BOT_TENANT_ID); the bot reads this tenant through Microsoft Graph.')
param botAadAppTenantId string

@description('Microsoft Graph base URL, without version. Change it for national clouds.')
param graphBaseUrl string = 'https://graph.microsoft.com'

// Optional: a language model (issue #17). With no endpoint the bot understands questions with its built-in rules
// only, and nothing leaves the tenant's Azure subscription for a model.
@description('Optional. The Azure OpenAI endpoint, https://<resource>.openai.azure.com (AZURE_OPENAI_ENDPOINT). Empty: no language model.')
param azureOpenAIEndpoint string = ''

@description('Optional. The model deployment in that resource (AZURE_OPENAI_DEPLOYMENT); required with azureOpenAIEndpoint.')
param azureOpenAIDeployment string = ''

@description('Optional. The name of that Azure OpenAI account when it is in this resource group: the web app\'s identity gets Cognitive Services OpenAI User on it. Elsewhere, assign that role yourself.')
param azureOpenAIAccountName string = ''

@description('With a model: \'on\' lets it write a short summary above answer cards (MODEL_SUMMARIES); the card rows then go to the model too. Anything else: off.')
param modelSummaries string = 'off'

param location string = resourceGroup().location

// Web app and bot names are global: a hash of the resource group keeps two deployments of this open-source
// project from claiming the same name.
param webAppName string = '${resourceBaseName}-${uniqueString(resourceGroup().id)}'
param serverfarmsName string = resourceBaseName
param botServiceName string = webAppName

// 3 to 24 lower-case letters and digits, globally unique: the start of the base name and the resource group's hash.
@minLength(3)
@maxLength(24)
param storageAccountName string = toLower('${take(resourceBaseName, 11)}${uniqueString(resourceGroup().id)}')

// The names src/config.ts reads (STATE_BLOB_CONTAINER, FEEDBACK_TABLE_NAME); mitigations go to the feedback table's
// name plus 'Mitigations' (src/mitigations/openMitigationStore.ts), help-desk channel settings and alert cursors to its
// name plus 'Channels' (src/channels/openChannelStore.ts). The bot would create them, but declared here they
// exist before its first answer and are deleted with the deployment's resource group.
var stateContainerName = 'entra-assistant-state'
var feedbackTableName = 'EntraAssistantFeedback'
var mitigationTableName = '${feedbackTableName}Mitigations'
var channelTableName = '${feedbackTableName}Channels'

// Built-in role definition ids, from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
// ("Storage Table Data Contributor": read, write and delete tables and entities; "Storage Blob Data Contributor":
// read, write and delete containers and blobs). Neither can list the account keys.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// "Cognitive Services OpenAI User": call the inference API of an Azure OpenAI account, nothing more
// (https://learn.microsoft.com/azure/ai-foundry/openai/how-to/role-based-access-control).
var cognitiveServicesOpenAIUserRoleId = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
var modelConfigured = !empty(azureOpenAIEndpoint)
var grantModelRole = !empty(azureOpenAIAccountName)

// https://learn.microsoft.com/azure/templates/microsoft.storage/storageaccounts
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // The bot signs in with Microsoft Entra ID (src/storage/azureStorage.ts), so keys and SAS are refused outright.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storageAccount
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: stateContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-01-01' = {
  parent: storageAccount
  name: 'default'
}

resource feedbackTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-01-01' = {
  parent: tableService
  name: feedbackTableName
}

resource mitigationTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-01-01' = {
  parent: tableService
  name: mitigationTableName
}

resource channelTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-01-01' = {
  parent: tableService
  name: channelTableName
}

resource serverfarm 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: serverfarmsName
  location: location
  kind: 'linux'
  sku: {
    name: webAppSKU
  }
  properties: {
    reserved: true // a Linux plan
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  // The identity the bot presents to the storage account (https://learn.microsoft.com/azure/app-service/overview-managed-identity).
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The deployment uploads compiled JavaScript; do not let the platform run `npm start` (it would rebuild).
      // The same command as `npm run serve`, with its bounds on V8's heap (docs/bench.md, "Load").
      appCommandLine: 'node --disable-warning=DEP0111 --max-semi-space-size=8 --heap-growing-percent=50 dist/src/index.js'
      alwaysOn: true
      ftpsState: 'FtpsOnly'
      minTlsVersion: '1.2'
      healthCheckPath: '/healthz'
      appSettings: [
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1' // run from the uploaded zip, read-only
        }
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false' // `teamsapp deploy` already installed and built
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'RUNNING_ON_AZURE'
          value: '1'
        }
        {
          name: 'BOT_ID'
          value: botAadAppClientId
        }
        {
          name: 'BOT_PASSWORD'
          value: botAadAppClientSecret
        }
        {
          name: 'BOT_TENANT_ID'
          value: botAadAppTenantId
        }
        {
          name: 'BOT_TYPE'
          value: 'SingleTenant'
        }
        {
          name: 'AAD_APP_TENANT_ID'
          value: botAadAppTenantId
        }
        // Graph is read with the bot's own app registration (its client secret is BOT_PASSWORD).
        {
          name: 'GRAPH_TENANT_ID'
          value: botAadAppTenantId
        }
        {
          name: 'GRAPH_CLIENT_ID'
          value: botAadAppClientId
        }
        {
          name: 'GRAPH_BASE_URL'
          value: graphBaseUrl
        }
        {
          name: 'GRAPH_AUTHORITY_HOST'
          value: environment().authentication.loginEndpoint
        }
        // State and records live in the storage account, reached with the managed identity: endpoints, not keys.
        {
          name: 'STATE_STORE'
          value: 'blob'
        }
        {
          name: 'STATE_BLOB_CONTAINER'
          value: stateContainerName
        }
        {
          name: 'AZURE_STORAGE_BLOB_ENDPOINT'
          value: storageAccount.properties.primaryEndpoints.blob
        }
        {
          name: 'FEEDBACK_STORE'
          value: 'table'
        }
        {
          name: 'FEEDBACK_TABLE_NAME'
          value: feedbackTableName
        }
        {
          name: 'AZURE_STORAGE_TABLE_ENDPOINT'
          value: storageAccount.properties.primaryEndpoints.table
        }
        {
          name: 'AZURE_STORAGE_CREDENTIAL'
          value: 'managed-identity'
        }
        // The optional language model, reached with the same managed identity (an empty value is unset).
        {
          name: 'AZURE_OPENAI_ENDPOINT'
          value: azureOpenAIEndpoint
        }
        {
          name: 'AZURE_OPENAI_DEPLOYMENT'
          value: azureOpenAIDeployment
        }
        {
          name: 'AZURE_OPENAI_CREDENTIAL'
          value: modelConfigured ? 'managed-identity' : ''
        }
        {
          name: 'MODEL_SUMMARIES'
          value: modelConfigured ? (modelSummaries == 'on' ? 'on' : 'off') : ''
        }
      ]
    }
  }
}

// The web app's identity may read and write table entities and blobs in this account only.
// https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, webApp.id, storageTableDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, webApp.id, storageBlobDataContributorRoleId)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The web app's identity may call the model deployments of the Azure OpenAI account named, when it is in this group.
resource openAIAccount 'Microsoft.CognitiveServices/accounts@2023-05-01' existing = if (grantModelRole) {
  name: azureOpenAIAccountName
}

resource openAIUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantModelRole) {
  name: guid(resourceGroup().id, azureOpenAIAccountName, webApp.id, cognitiveServicesOpenAIUserRoleId)
  scope: openAIAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesOpenAIUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: botServiceName
    botDisplayName: botDisplayName
    botAadAppClientId: botAadAppClientId
    botAadAppTenantId: botAadAppTenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// arm/deploy writes these to env/.env.<env> under the same names.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storageAccount.name
