// The Azure Bot for Entra Assistant: single tenant (Azure no longer accepts new multi-tenant bot registrations),
// messaging endpoint on the web app, Microsoft Teams channel on.

@minLength(2)
@maxLength(64)
@description('Globally unique name (handle) of the bot.')
param botServiceName string

@description('F0 is free for Teams messages (Teams is a standard channel).')
param botServiceSku string = 'F0'

@maxLength(42)
param botDisplayName string

@description('Client id of the bot\'s single-tenant Entra app registration.')
param botAadAppClientId string

@description('Tenant of that app registration.')
param botAadAppTenantId string

@description('Host name of the web app that serves /api/messages.')
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAadAppClientId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botAadAppTenantId
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
