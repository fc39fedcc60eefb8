import { strict as assert } from 'node:assert';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { startAzurite, type RunningAzurite } from '../../src/cli/azurite';
import { conversationStateStorage } from '../../src/bot/stateStorage';
import { loadConfig } from '../../src/config';

function turnIn(conversationId: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'msteams',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: '29:admin', name: 'Avery Admin' },
    recipient: { id: '28:bot', name: 'Entra Assistant' },
  });
}

describe('Conversation state storage', function () {
  this.timeout(30_000);
  let azurite: RunningAzurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => azurite.stop());

  it('When STATE_STORE is unset, then state stays in memory', () => {
    assert.ok(conversationStateStorage(loadConfig({}).state) instanceof MemoryStorage);
  });

  it('When STATE_STORE=blob, then what one instance saved is read by another (a restart, or a second instance)', async () => {
    const config = loadConfig({ STATE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, STATE_BLOB_CONTAINER: 'state-test' }).state;
    const first = new ConversationState(conversationStateStorage(config));
    const written = first.createProperty<{ topic: string }>('memory');
    const context = turnIn('a:blob-conversation');
    await written.set(context, { topic: 'Megan Bowen' });
    await first.saveChanges(context);

    const second = new ConversationState(conversationStateStorage(config));
    const read = second.createProperty<{ topic: string }>('memory');
    assert.deepEqual(await read.get(turnIn('a:blob-conversation')), { topic: 'Megan Bowen' });
    assert.equal(await read.get(turnIn('a:other-conversation')), undefined);
  });
});
