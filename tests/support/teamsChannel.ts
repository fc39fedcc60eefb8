import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID } from '@entra-assistant/local-entra';
import { resolveAsker } from '../../src/cli/ask';
import type { ConnectorCall, ConnectorServer } from '../../src/cli/connectorServer';
import type { Card } from './teamsChat';
import { cardLines } from './cardLines';

const BOT = { id: '28:entra-assistant', name: 'Entra Assistant' };

export interface Posted {
  /** Teams' id of the post (the thread's root for a new post). */
  id: string;
  status: number;
  body: string;
}

/** Someone a message mentions, as Teams writes it into a message action's payload. */
export interface PayloadMention {
  id: string;
  displayName: string;
  /** What the post shows for the mention (the text between <at> tags). */
  text: string;
}

/**
 * One team channel with the bot installed, as Teams drives it over HTTP: posts (new threads and replies, addressed
 * to the bot or not), the message action's invokes, and what the bot sent back through the loopback connector.
 */
export class TeamsChannel {
  readonly channelId = `19:${randomUUID()}@thread.tacv2`;
  readonly teamId = `19:${randomUUID()}@thread.tacv2`;

  constructor(
    /** The bot's URL, or how to find it now (it changes when a test restarts the bot). */
    private readonly bot: string | (() => string),
    private readonly connector: ConnectorServer,
    private readonly tenantDir: string,
    /** The team's Microsoft 365 group, as Teams names it in channelData.team.aadGroupId. */
    private readonly aadGroupId?: string,
  ) {}

  private get botUrl(): string {
    return typeof this.bot === 'string' ? this.bot : this.bot();
  }

  private base(as: string, rootId: string, id: string): Record<string, unknown> {
    const asker = resolveAsker(this.tenantDir, as);
    return {
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      from: { id: `29:${asker.id}`, name: asker.name, aadObjectId: asker.id },
      recipient: BOT,
      conversation: { id: `${this.channelId};messageid=${rootId}`, conversationType: 'channel', isGroup: true, tenantId: DEMO_TENANT_ID },
      channelData: { tenant: { id: DEMO_TENANT_ID }, team: { id: this.teamId, ...(this.aadGroupId ? { aadGroupId: this.aadGroupId } : {}) }, channel: { id: this.channelId } },
      locale: 'en-US',
    };
  }

  /** A post: a new thread, or a reply in the thread of `threadRootId`; `toBot` @mentions the bot. */
  async post(text: string, as: string, options: { threadRootId?: string; toBot?: boolean } = {}): Promise<Posted> {
    const id = String(Date.now()) + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
    const mention = `<at>${BOT.name}</at>`;
    const activity = {
      ...this.base(as, options.threadRootId ?? id, id),
      type: 'message',
      text: options.toBot ? `${mention} ${text}` : text,
      textFormat: 'plain',
      ...(options.threadRootId ? { replyToId: options.threadRootId } : {}),
      ...(options.toBot ? { entities: [{ type: 'mention', text: mention, mentioned: BOT }] } : {}),
    };
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    return { id, status: res.status, body: await res.text() };
  }

  /**
   * "Diagnose with Entra Assistant" on a post: the fetchTask invoke (or, with `data`, the dialog's submitAction) as the
   * clicker. The post is described as Teams' messagePayload describes it.
   */
  async messageAction(
    post: { id: string; html: string; poster: string; mentions?: PayloadMention[]; threadRootId?: string },
    as: string,
    data?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const poster = resolveAsker(this.tenantDir, post.poster);
    const invoke = {
      ...this.base(as, post.threadRootId ?? post.id, randomUUID()),
      type: 'invoke',
      name: data ? 'composeExtension/submitAction' : 'composeExtension/fetchTask',
      value: {
        commandId: 'diagnoseMessage',
        commandContext: 'message',
        ...(data ? { data } : {}),
        messagePayload: {
          id: post.id,
          ...(post.threadRootId ? { replyToId: post.threadRootId } : {}),
          messageType: 'message',
          from: { user: { id: poster.id, displayName: poster.name, userIdentityType: 'aadUser' } },
          body: { contentType: 'html', content: post.html },
          mentions: (post.mentions ?? []).map((m, i) => ({ id: i, mentionText: m.text, mentioned: { user: { id: m.id, displayName: m.displayName, userIdentityType: 'aadUser' } } })),
        },
      },
    };
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(invoke) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  /** Messages the bot sent into the thread of `rootId` (POSTs to the connector for that thread), oldest first. */
  repliesIn(rootId: string, after = 0): ConnectorCall[] {
    const thread = `${this.channelId};messageid=${rootId}`;
    return this.connector.calls.slice(after).filter((c) => c.method === 'POST' && c.body.type === 'message' && decodeURIComponent(c.path).includes(`/conversations/${thread}/`));
  }

  /** Messages the bot sent into this channel, any thread or none, oldest first. */
  messages(after = 0): ConnectorCall[] {
    return this.connector.calls.slice(after).filter((c) => c.method === 'POST' && c.body.type === 'message' && decodeURIComponent(c.path).includes(`/conversations/${this.channelId}`));
  }

  /** Messages the bot posted as new threads of this channel (alerts), oldest first. */
  newPosts(after = 0): ConnectorCall[] {
    return this.connector.calls.slice(after).filter((c) => c.method === 'POST' && c.body.type === 'message' && decodeURIComponent(c.path).includes(`/conversations/${this.channelId}/activities`));
  }

  /** Waits until `count` new posts are in this channel after call number `after`; fails after `timeoutMs`. */
  async waitForNewPosts(count: number, after = 0, timeoutMs = 15_000): Promise<ConnectorCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.newPosts(after).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} new posts in the channel, saw ${this.newPosts(after).length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.newPosts(after);
  }

  /** Waits for the next message the bot sends into the thread of `rootId` after call number `after`. */
  nextReplyIn(rootId: string, after: number, timeoutMs = 10_000): Promise<ConnectorCall> {
    const thread = `${this.channelId};messageid=${rootId}`;
    return this.connector.waitFor((c) => this.connector.calls.indexOf(c) >= after && c.method === 'POST' && c.body.type === 'message' && decodeURIComponent(c.path).includes(`/conversations/${thread}/`), timeoutMs);
  }
}

export function cardOf(call: ConnectorCall): Card | undefined {
  return ((call.body.attachments as Array<{ contentType: string; content: Card }> | undefined) ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** The visible lines of a card as one string (for "does it say …" checks). */
export function cardText(card: Card | undefined): string {
  return card ? cardLines(card).join('\n') : '';
}
