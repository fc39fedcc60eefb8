// Azure resources of Entra Assistant: an App Service plan, a Linux web app running the bot on Node 20, and the
// single-tenant Azure Bot that routes Teams messages to it. Deployed by arm/deploy in teamsapp.yml; the outputs
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

param location string = resourceGroup().location

// Web app and bot names are global: a hash of the resource group keeps two deployments of this open-source
// project from claiming the same name.
param webAppName string = '${resourceBaseName}-${uniqueString(resourceGroup().id)}'
param serverfarmsName string = resourceBaseName
param botServiceName string = webAppName

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
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The deployment uploads compiled JavaScript; do not let the platform run `npm start` (it would rebuild).
      appCommandLine: 'node dist/src/index.js'
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
      ]
    }
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
