import { randomUUID } from 'node:crypto';

export const BOT_ACCOUNT = { id: '28:entra-assistant-bot', name: 'Entra Assistant' };
export const TENANT_ID = '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11';

export interface ActivityOptions {
  text?: string;
  serviceUrl: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  from?: { id: string; name: string; aadObjectId?: string };
  value?: unknown;
  mention?: boolean;
}

/** A Teams message activity as the Teams channel posts it to /api/messages. */
export function teamsMessage(options: ActivityOptions): Record<string, unknown> {
  const conversationType = options.conversationType ?? 'personal';
  const mentionText = `<at>${BOT_ACCOUNT.name}</at>`;
  const text = options.mention ? `${mentionText} ${options.text ?? ''}` : options.text;
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: options.from ?? { id: '29:admin', name: 'Avery Admin', aadObjectId: '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01' },
    recipient: BOT_ACCOUNT,
    conversation: {
      id: options.conversationId ?? `a:${randomUUID()}`,
      conversationType,
      tenantId: TENANT_ID,
      ...(conversationType === 'channel' ? { isGroup: true } : conversationType === 'groupChat' ? { isGroup: true } : {}),
    },
    channelData: { tenant: { id: TENANT_ID } },
    text,
    textFormat: 'plain',
    locale: 'en-US',
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.mention
      ? { entities: [{ type: 'mention', text: mentionText, mentioned: BOT_ACCOUNT }] }
      : {}),
  };
}

export function installUpdate(serviceUrl: string, conversationType: 'personal' | 'groupChat' | 'channel'): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:admin', name: 'Avery Admin' },
    recipient: BOT_ACCOUNT,
    conversation: { id: `a:${randomUUID()}`, conversationType, tenantId: TENANT_ID },
    membersAdded: [BOT_ACCOUNT],
    channelData: { tenant: { id: TENANT_ID } },
  };
}
