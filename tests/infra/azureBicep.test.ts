import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mitigationTableName } from '../../src/mitigations/openMitigationStore';
import { channelTableName } from '../../src/channels/openChannelStore';
import { loadConfig } from '../../src/config';
import { type BicepFile, type BicepResource, type BicepValue, isExpression, readBicep, resolved } from '../support/bicep';

// The template is read as text: no Bicep CLI here (when one is installed, the last test also compiles it).
const INFRA = path.resolve(__dirname, '../../../infra');
const TEMPLATE = path.join(INFRA, 'azure.bicep');

// Built-in role definition ids, from https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage
const STORAGE_TABLE_DATA_CONTRIBUTOR = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3';
const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/ai-machine-learning#cognitive-services-openai-user
const COGNITIVE_SERVICES_OPENAI_USER = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd';

type BicepObject = { [key: string]: BicepValue };

function only(bicep: BicepFile, type: string): BicepResource {
  const found = bicep.resources.filter((r) => r.type === type && !r.existing);
  assert.equal(found.length, 1, `one ${type} in ${TEMPLATE}, found ${found.length}`);
  return found[0];
}

function expr(value: BicepValue | undefined): string | undefined {
  return isExpression(value) ? value.expr : undefined;
}

function appSettings(bicep: BicepFile): Array<{ name: string; value: BicepValue }> {
  const site = only(bicep, 'Microsoft.Web/sites');
  const siteConfig = (site.body.properties as BicepObject).siteConfig as BicepObject;
  return (siteConfig.appSettings as BicepObject[]).map((s) => ({ name: s.name as string, value: resolved(bicep, s.value) as BicepValue }));
}

describe('The Azure deployment keeps state and records in a storage account (infra/azure.bicep, issue #15 item 5)', () => {
  let bicep: BicepFile;
  let storage: BicepResource;
  let site: BicepResource;
  before(() => {
    bicep = readBicep(TEMPLATE);
    storage = only(bicep, 'Microsoft.Storage/storageAccounts');
    site = only(bicep, 'Microsoft.Web/sites');
  });

  it('When the template is read, then it declares a StorageV2 account that accepts TLS 1.2 and above, no anonymous blob reads and no shared key', () => {
    assert.equal(storage.body.kind, 'StorageV2');
    const properties = storage.body.properties as BicepObject;
    assert.equal(properties.minimumTlsVersion, 'TLS1_2');
    assert.equal(properties.supportsHttpsTrafficOnly, true);
    assert.equal(properties.allowBlobPublicAccess, false);
    assert.equal(properties.allowSharedKeyAccess, false, 'the stores sign in with Entra ID, so keys and SAS are refused');
  });

  it('When the template is read, then the web app has a system-assigned managed identity', () => {
    assert.equal((site.body.identity as BicepObject | undefined)?.type, 'SystemAssigned');
  });

  it('When the template is read, then the state container and every table the stores use are created in that account', () => {
    const settings = new Map(appSettings(bicep).map((s) => [s.name, s.value]));
    const parentOf = (r: BicepResource) => bicep.resources.find((p) => p.symbol === expr(r.body.parent));
    const container = only(bicep, 'Microsoft.Storage/storageAccounts/blobServices/containers');
    assert.equal(resolved(bicep, container.body.name), settings.get('STATE_BLOB_CONTAINER'));
    assert.equal((container.body.properties as BicepObject | undefined)?.publicAccess, 'None');
    const blobService = parentOf(container);
    assert.equal(blobService?.type, 'Microsoft.Storage/storageAccounts/blobServices');
    assert.equal(blobService && parentOf(blobService)?.symbol, storage.symbol);

    const tables = bicep.resources.filter((r) => r.type === 'Microsoft.Storage/storageAccounts/tableServices/tables');
    const feedbackTable = settings.get('FEEDBACK_TABLE_NAME') as string;
    assert.deepEqual(tables.map((t) => resolved(bicep, t.body.name)).sort(), [feedbackTable, mitigationTableName(feedbackTable), channelTableName(feedbackTable)].sort());
    for (const table of tables) {
      const tableService = parentOf(table);
      assert.equal(tableService?.type, 'Microsoft.Storage/storageAccounts/tableServices');
      assert.equal(tableService && parentOf(tableService)?.symbol, storage.symbol);
    }
  });

  it("When the template is read, then the web app's identity holds Storage Table Data Contributor and Storage Blob Data Contributor on the storage account, and no other role", () => {
    // The one other assignment, on the optional Azure OpenAI account, has a test of its own below.
    const assignments = bicep.resources.filter((r) => r.type === 'Microsoft.Authorization/roleAssignments' && expr(r.body.scope) !== 'openAIAccount');
    const roles = assignments.map((a) => {
      const properties = a.body.properties as BicepObject;
      assert.equal(expr(a.body.scope), storage.symbol, `${a.symbol} is scoped to the storage account, not the group or subscription`);
      assert.equal(expr(properties.principalId), `${site.symbol}.identity.principalId`, `${a.symbol} is granted to the web app's identity`);
      assert.equal(properties.principalType, 'ServicePrincipal');
      const definition = /^subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions',\s*(\w+|'[^']*')\)$/.exec(expr(properties.roleDefinitionId) ?? '');
      assert.ok(definition, `${a.symbol}: roleDefinitionId is a built-in role definition id (${JSON.stringify(properties.roleDefinitionId)})`);
      return definition[1].startsWith("'") ? definition[1].slice(1, -1) : resolved(bicep, { expr: definition[1] });
    });
    assert.deepEqual(roles.sort(), [STORAGE_TABLE_DATA_CONTRIBUTOR, STORAGE_BLOB_DATA_CONTRIBUTOR].sort());
  });

  it('When the app settings are read, then they select Blob state and Table records by endpoint, and src/config.ts accepts them', () => {
    const settings = appSettings(bicep);
    const value = (name: string) => settings.find((s) => s.name === name)?.value;
    assert.equal(value('STATE_STORE'), 'blob');
    assert.equal(value('FEEDBACK_STORE'), 'table');
    assert.equal(expr(value('AZURE_STORAGE_TABLE_ENDPOINT')), `${storage.symbol}.properties.primaryEndpoints.table`);
    assert.equal(expr(value('AZURE_STORAGE_BLOB_ENDPOINT')), `${storage.symbol}.properties.primaryEndpoints.blob`);

    // What Azure puts in place of each expression, as a deployment would (endpoints end with a slash).
    const deployed: Record<string, string> = {
      botAadAppClientId: '3f6c1d9e-2a4b-4c8d-9e1f-7a5b3c2d1e0f',
      botAadAppClientSecret: 'bot-secret',
      botAadAppTenantId: '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11',
      graphBaseUrl: 'https://graph.microsoft.com',
      'environment().authentication.loginEndpoint': 'https://login.microsoftonline.com/',
      [`${storage.symbol}.properties.primaryEndpoints.table`]: 'https://entraassist0abc.table.core.windows.net/',
      [`${storage.symbol}.properties.primaryEndpoints.blob`]: 'https://entraassist0abc.blob.core.windows.net/',
      // No language model configured (the parameters' defaults).
      azureOpenAIEndpoint: '',
      azureOpenAIDeployment: '',
      "modelConfigured ? 'managed-identity' : ''": '',
      "modelConfigured ? (modelSummaries == 'on' ? 'on' : 'off') : ''": '',
    };
    const env: Record<string, string> = {};
    for (const s of settings) {
      if (typeof s.value === 'string') env[s.name] = s.value;
      else {
        const text = expr(s.value);
        assert.ok(text !== undefined && text in deployed, `${s.name}: the test knows what ${JSON.stringify(s.value)} becomes on Azure`);
        env[s.name] = deployed[text];
      }
    }
    const config = loadConfig(env);
    assert.deepEqual(config.feedback, {
      store: 'table',
      tableName: 'EntraAssistantFeedback',
      access: { auth: 'identity', endpoint: 'https://entraassist0abc.table.core.windows.net', identity: { credential: 'managed-identity', clientId: undefined } },
    });
    assert.deepEqual(config.state, {
      store: 'blob',
      container: 'entra-assistant-state',
      access: { auth: 'identity', endpoint: 'https://entraassist0abc.blob.core.windows.net', identity: { credential: 'managed-identity', clientId: undefined } },
    });
  });

  it('When a language model is configured, then its settings reach src/config.ts as an Azure OpenAI deployment reached with the managed identity, and the identity may call that account only', () => {
    const settings = appSettings(bicep);
    const value = (name: string) => expr(settings.find((s) => s.name === name)?.value);
    assert.deepEqual(
      ['AZURE_OPENAI_ENDPOINT', 'AZURE_OPENAI_DEPLOYMENT', 'AZURE_OPENAI_CREDENTIAL', 'MODEL_SUMMARIES'].map(value),
      ['azureOpenAIEndpoint', 'azureOpenAIDeployment', "modelConfigured ? 'managed-identity' : ''", "modelConfigured ? (modelSummaries == 'on' ? 'on' : 'off') : ''"],
    );
    assert.ok(!settings.some((s) => s.name === 'AZURE_OPENAI_API_KEY'), 'no key in the app settings');
    assert.equal(resolved(bicep, { expr: 'modelConfigured' }) && expr(bicep.vars.get('modelConfigured')), '!empty(azureOpenAIEndpoint)');
    const config = loadConfig({ AZURE_OPENAI_ENDPOINT: 'https://contoso-ai.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini', AZURE_OPENAI_CREDENTIAL: 'managed-identity', MODEL_SUMMARIES: 'off', FEEDBACK_SQLITE_PATH: path.join(os.tmpdir(), 'bicep-model.sqlite') });
    assert.deepEqual(config.model?.endpoint, {
      kind: 'azure',
      endpoint: 'https://contoso-ai.openai.azure.com',
      deployment: 'gpt-4o-mini',
      apiVersion: '2024-10-21',
      auth: { kind: 'identity', identity: { credential: 'managed-identity', clientId: undefined } },
    });

    const role = bicep.resources.find((r) => r.type === 'Microsoft.Authorization/roleAssignments' && expr(r.body.scope) === 'openAIAccount');
    assert.ok(role, 'a role assignment on the Azure OpenAI account');
    const properties = role.body.properties as BicepObject;
    assert.equal(expr(properties.principalId), `${site.symbol}.identity.principalId`);
    assert.equal(resolved(bicep, { expr: 'cognitiveServicesOpenAIUserRoleId' }), COGNITIVE_SERVICES_OPENAI_USER);
    assert.match(expr(properties.roleDefinitionId) ?? '', /cognitiveServicesOpenAIUserRoleId\)$/);
    const account = bicep.resources.find((r) => r.symbol === 'openAIAccount');
    assert.ok(account?.existing && account.type === 'Microsoft.CognitiveServices/accounts', 'the account is referenced, never created');
    assert.match(bicep.code, /resource openAIUser '[^']+' = if \(grantModelRole\)/, 'granted only when an account is named');
  });

  it('When the template is read, then no app setting holds an account key, a SAS or a connection string, and no key is ever read', () => {
    for (const { name, value } of appSettings(bicep)) {
      assert.notEqual(name, 'AZURE_STORAGE_CONNECTION_STRING');
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      assert.doesNotMatch(text, /AccountKey=|SharedAccessSignature=|DefaultEndpointsProtocol=|AccountName=|sig=/i, `${name} holds a storage secret`);
      assert.doesNotMatch(text, /listKeys|listAccountSas|listServiceSas|connectionString/i, `${name} is built from the account's keys`);
    }
    assert.doesNotMatch(bicep.code, /listKeys\(|listAccountSas\(|listServiceSas\(/, 'the template never reads the storage account keys');
  });

  it('When infra/azure.parameters.json is read, then it is valid JSON naming only declared parameters, and every parameter without a default', () => {
    const parameters = JSON.parse(fs.readFileSync(path.join(INFRA, 'azure.parameters.json'), 'utf8')) as { $schema: string; parameters: Record<string, { value: unknown }> };
    assert.match(parameters.$schema, /deploymentParameters\.json#$/);
    for (const name of Object.keys(parameters.parameters)) assert.ok(bicep.params.has(name), `${name} is a parameter of azure.bicep`);
    for (const [name, param] of bicep.params) {
      if (param.default === undefined) assert.ok(name in parameters.parameters, `${name} has no default, so azure.parameters.json must give it`);
    }
  });
});
