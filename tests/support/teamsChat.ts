import { randomUUID } from 'node:crypto';
import { activityFor, resolveAsker } from '../../src/cli/ask';
import type { ConnectorCall, ConnectorServer } from '../../src/cli/connectorServer';

export type Card = { body: Array<Record<string, unknown>> } & Record<string, unknown>;

export interface Reply {
  activities: Array<Record<string, unknown>>;
  cards: Card[];
  text: string;
  /** The connector's id of the first message sent (Teams' message id, for replyToId and updates). */
  messageId?: string;
}

interface Button {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every button of a card, in order, wherever its ActionSet sits. */
export function buttonsOf(card: Card): Button[] {
  const found: Button[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Action.')) found.push(n as unknown as Button);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  walk(card.actions);
  return found;
}

function button(card: Card, title: string): Button {
  const found = buttonsOf(card).find((b) => b.title === title);
  if (!found) throw new Error(`no button "${title}" on the card; it has: ${buttonsOf(card).map((b) => b.title).join(', ')}`);
  return found;
}

/**
 * One Teams conversation with the bot, as its people would use it: they type, press Action.Submit buttons (a
 * message with the button's data) and Action.Execute buttons (an adaptiveCard/action invoke whose HTTP answer
 * replaces the card for the clicker). Replies and card updates are read from the loopback connector.
 */
export class TeamsChat {
  private readonly conversationId = randomUUID();

  constructor(
    private readonly botUrl: string,
    private readonly connector: ConnectorServer,
    private readonly tenantDir: string,
    private readonly channel = false,
  ) {}

  private base(as: string, text: string): Record<string, unknown> {
    return activityFor({ conversation: 'chat', as, text, channel: this.channel }, resolveAsker(this.tenantDir, as), this.conversationId, this.connector.url);
  }

  async say(text: string, as: string): Promise<Reply> {
    return this.post(this.base(as, text));
  }

  /** Presses an Action.Submit button on a card of a message in this chat. */
  async submit(card: Card, title: string, as: string, replyToId?: string): Promise<Reply> {
    const b = button(card, title);
    if (b.type !== 'Action.Submit') throw new Error(`"${title}" is ${b.type}, not Action.Submit`);
    return this.post({ ...this.base(as, ''), text: '', entities: [], value: b.data ?? {}, ...(replyToId ? { replyToId } : {}) });
  }

  /** Presses an Action.Execute button: the bot's HTTP answer (status and body) is what Teams would show the clicker. */
  async execute(card: Card, title: string, as: string, replyToId?: string): Promise<{ status: number; body: { statusCode?: number; type?: string; value?: unknown } }> {
    const b = button(card, title);
    if (b.type !== 'Action.Execute') throw new Error(`"${title}" is ${b.type}, not Action.Execute`);
    const invoke = {
      ...this.base(as, ''),
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      entities: [],
      ...(replyToId ? { replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb: b.verb, data: b.data ?? {} }, trigger: 'manual' },
    };
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(invoke) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {} };
  }

  /** What Teams does after single sign-on: hands the user's token to the bot (signin/tokenExchange); answers the HTTP status. */
  async signIn(as: string, token: string): Promise<number> {
    const invoke = { ...this.base(as, ''), type: 'invoke', name: 'signin/tokenExchange', text: undefined, value: { id: randomUUID(), connectionName: 'graph', token } };
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(invoke) });
    return res.status;
  }

  /** Card updates the bot sent (updateActivity: PUT to the connector), newest last. */
  updates(): ConnectorCall[] {
    return this.connector.calls.filter((c) => c.method === 'PUT' && c.path.includes(encodeURIComponent(this.conversationIdInPaths())));
  }

  private conversationIdInPaths(): string {
    return this.conversationId;
  }

  private async post(activity: Record<string, unknown>): Promise<Reply> {
    const before = this.connector.calls.length;
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    if (res.status >= 300) throw new Error(`The bot answered HTTP ${res.status}: ${await res.text()}`);
    const calls = this.connector.calls.slice(before).filter((c) => c.method === 'POST' && c.body.type === 'message');
    const activities = calls.map((c) => c.body);
    const cards = activities.flatMap((a) => ((a.attachments as Array<{ content: Card }> | undefined) ?? []).map((x) => x.content));
    const firstIndex = calls.length ? this.connector.calls.indexOf(calls[0]) : -1;
    return {
      activities,
      cards,
      text: activities.map((a) => (typeof a.text === 'string' ? a.text : '')).join('\n'),
      ...(firstIndex >= 0 ? { messageId: `activity-${firstIndex + 1}` } : {}),
    };
  }
}
