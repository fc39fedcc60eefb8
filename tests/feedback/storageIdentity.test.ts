/**
 * The stores with an endpoint and a managed identity instead of a connection string (issue #15 item 5), as
 * infra/azure.bicep deploys them. Real Azure cannot run here, and Azurite cannot stand in: it accepts Microsoft Entra
 * tokens only over https with its OAuth option, while the project's scripts start it on plain http with the
 * well-known account key (src/cli/azurite.ts). So the credential is stubbed (no call to the App Service identity
 * endpoint) and each client's transport is replaced by a recorder; everything between them, the stores, the Azure
 * SDK clients and their bearer-token policy, is the real code. Connection strings are shown against Azurite by
 * feedbackStores.test.ts, conversationStateStorage.test.ts and mitigations/mitigationStores.test.ts.
 */
import { strict as assert } from 'node:assert';
import { type HttpClient, type PipelineRequest, createHttpHeaders } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import type { BlobsStorageOptions } from 'botbuilder-azure-blobs';
import * as sinon from 'sinon';
import { openMitigationStore } from '../../src/mitigations/openMitigationStore';
import { conversationStateStorage } from '../../src/bot/stateStorage';
import { loadConfig } from '../../src/config';
import { openFeedbackStore } from '../../src/feedback/openFeedbackStore';
import * as azureStorage from '../../src/storage/azureStorage';

const TABLE_ENDPOINT = 'https://entraassist0abc.table.core.windows.net';
const BLOB_ENDPOINT = 'https://entraassist0abc.blob.core.windows.net';
const TOKEN = 'managed-identity-token';
const STORAGE_SCOPE = 'https://storage.azure.com/.default';

interface Sent {
  method: string;
  url: string;
  authorization?: string;
}

describe('Stores reached with a managed identity instead of a connection string', () => {
  const sandbox = sinon.createSandbox();
  let sent: Sent[];
  let getToken: sinon.SinonStub;

  beforeEach(() => {
    sent = [];
    getToken = sandbox.stub(ManagedIdentityCredential.prototype, 'getToken').resolves({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
    // Tables: a GET finds nothing, anything else (creating the table) succeeds with no content.
    const tableTransport: HttpClient = {
      sendRequest: async (request: PipelineRequest) => {
        sent.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') });
        return { request, status: request.method === 'GET' ? 404 : 204, headers: createHttpHeaders() };
      },
    };
    const tableClient = azureStorage.tableClient;
    sandbox.stub(azureStorage, 'tableClient').callsFake((access, tableName) => tableClient(access, tableName, { httpClient: tableTransport }));
    // Blobs go through the storage library's older transport interface: the container is created, the blob is missing.
    const blobTransport = {
      sendRequest: async (request: { method: string; url: string; headers: { get(name: string): string | undefined } }) => {
        sent.push({ method: request.method, url: request.url, authorization: request.headers.get('authorization') });
        return { request, status: request.method === 'GET' ? 404 : 201, headers: { toJson: () => ({}) } };
      },
    };
    const blobsStorage = azureStorage.blobsStorage;
    sandbox
      .stub(azureStorage, 'blobsStorage')
      .callsFake((access, container) => blobsStorage(access, container, { storagePipelineOptions: { httpClient: blobTransport } } as unknown as BlobsStorageOptions));
  });
  afterEach(() => sandbox.restore());

  function assertSignedIn(prefix: string): void {
    assert.ok(sent.length > 0, 'a request was sent');
    for (const request of sent) {
      assert.ok(request.url.startsWith(`${prefix}`), `${request.method} ${request.url} goes to ${prefix}`);
      assert.equal(request.authorization, `Bearer ${TOKEN}`, `${request.method} ${request.url} carries the managed identity's token, not a shared key`);
    }
    assert.ok(getToken.called, 'the token comes from the managed identity');
    for (const call of getToken.getCalls()) assert.deepEqual([call.args[0]].flat(), [STORAGE_SCOPE]);
  }

  it('When FEEDBACK_STORE=table names AZURE_STORAGE_TABLE_ENDPOINT, then answers and mitigations are read from that account with the managed identity token', async () => {
    const config = loadConfig({ FEEDBACK_STORE: 'table', AZURE_STORAGE_TABLE_ENDPOINT: `${TABLE_ENDPOINT}/` }).feedback;
    const feedback = openFeedbackStore(config);
    const mitigations = openMitigationStore(config);

    assert.equal(await feedback.getAnswer('answer-1'), undefined);
    assert.equal(await mitigations.get('mitigation-1'), undefined);

    assertSignedIn(TABLE_ENDPOINT);
    const paths = sent.map((r) => `${r.method} ${new URL(r.url).pathname}`);
    assert.ok(paths.includes('POST /Tables'), `the feedback table is created if missing: ${paths.join(', ')}`);
    assert.ok(paths.some((p) => p.startsWith("GET /EntraAssistantFeedback(PartitionKey='answer-1'")), paths.join(', '));
    assert.ok(paths.some((p) => p.startsWith('GET /EntraAssistantFeedbackMitigations(')), paths.join(', '));
  });

  it('When STATE_STORE=blob names AZURE_STORAGE_BLOB_ENDPOINT, then conversation state is read from its container with the managed identity token', async () => {
    const storage = conversationStateStorage(loadConfig({ STATE_STORE: 'blob', AZURE_STORAGE_BLOB_ENDPOINT: `${BLOB_ENDPOINT}/` }).state);

    assert.deepEqual(await storage.read(['msteams/conversations/a:1/']), {});

    assertSignedIn(`${BLOB_ENDPOINT}/entra-assistant-state`);
    assert.ok(sent.some((r) => r.method === 'PUT' && r.url.includes('restype=container')), 'the container is created if missing');
  });

  it('When only AZURE_STORAGE_CONNECTION_STRING is set, then requests are signed with its key and no identity is asked for a token', async () => {
    const connectionString = `DefaultEndpointsProtocol=https;AccountName=entraassist0abc;AccountKey=a2V5;TableEndpoint=${TABLE_ENDPOINT};BlobEndpoint=${BLOB_ENDPOINT};`;
    const config = loadConfig({ FEEDBACK_STORE: 'table', STATE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: connectionString });

    await openFeedbackStore(config.feedback).getAnswer('answer-1');
    await conversationStateStorage(config.state).read(['msteams/conversations/a:1/']);

    assert.ok(sent.some((r) => r.url.startsWith(TABLE_ENDPOINT)) && sent.some((r) => r.url.startsWith(BLOB_ENDPOINT)), 'both services were reached');
    for (const request of sent) assert.match(request.authorization ?? '', /^SharedKey(Lite)? entraassist0abc:/, `${request.method} ${request.url}`);
    assert.equal(getToken.callCount, 0);
  });

  it('When AZURE_STORAGE_CREDENTIAL or AZURE_STORAGE_CLIENT_ID is given, then that credential is built', () => {
    assert.ok(azureStorage.storageCredential({ credential: 'managed-identity' }) instanceof ManagedIdentityCredential);
    assert.ok(azureStorage.storageCredential({ credential: 'managed-identity', clientId: '5c8f1a2b-3d4e-4f60-8a7b-9c0d1e2f3a4b' }) instanceof ManagedIdentityCredential);
    assert.ok(azureStorage.storageCredential({ credential: 'default' }) instanceof DefaultAzureCredential);
  });
});
