import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { GraphConfig } from '../../src/config';
import type { Logger } from '../../src/logger';
import { askAll, type AskAnswer } from '../../src/cli/ask';
import { ConnectorServer } from '../../src/cli/connectorServer';
import { startLocalStack, type LocalStack } from '../../src/cli/localStack';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import type { LocalEntraOptions } from '@entra-assistant/local-entra';
import { DEMO_ADMIN, DEMO_CAPTURED_AT, DEMO_MEMBER, DEMO_READER } from '@entra-assistant/local-entra';
import { withTemporaryStores } from './temporaryStores';

export const PINNED_NOW = DEMO_CAPTURED_AT;

export interface GraphRequest {
  method: string;
  url: string;
  status: number;
}

/** The bot and the local Entra on loopback, with both clocks pinned, asked as Teams would. */
export class DemoStack {
  private stack?: LocalStack;
  private connector?: ConnectorServer;
  private disposeStores: () => void = () => undefined;

  constructor(
    readonly tenantDir: string,
    private readonly env: Record<string, string> = {},
    /** More options for the local Entra (faults, throttling). */
    private readonly entra: Omit<LocalEntraOptions, 'tenantDir' | 'port' | 'now'> = {},
    /** The bot's logger; silent unless a test captures the lines. */
    private readonly logger: Logger = pino({ level: 'silent' }),
  ) {}

  /**
   * The stack on the demo tenant with the askers' roles already read: the bot checks each asker's roles once (one
   * $batch, then cached), so each test counts only its own answer's round trips.
   */
  static async onDemoTenant(askers: ReadonlyArray<{ userPrincipalName: string }> = [DEMO_ADMIN, DEMO_READER, DEMO_MEMBER]): Promise<DemoStack> {
    const stack = await new DemoStack(await ensureDemoTenant()).start();
    for (const asker of askers) await stack.ask('who is Megan?', asker.userPrincipalName);
    // The trained fallback classifier is loaded a second after the bot listens: the tests read questions as a user
    // would a moment later, not in that first second (a question with no grammar cue would otherwise depend on timing).
    await stack.stack!.assistant.understandingReady;
    return stack;
  }

  async start(): Promise<this> {
    const stores = withTemporaryStores(this.env);
    this.disposeStores = stores.dispose;
    this.connector = await new ConnectorServer().start();
    this.stack = await startLocalStack({
      // Tests ask faster than people do: usage limits are tested on their own (bot/usageLimits.test.ts).
      env: { ANSWER_DIAGNOSTICS: 'on', LOG_LEVEL: 'silent', ASSISTANT_NOW: PINNED_NOW, QUESTIONS_PER_USER_PER_MINUTE: '10000', QUESTIONS_PER_TENANT_PER_MINUTE: '100000', MITIGATIONS_PER_USER_PER_MINUTE: '1000', MITIGATIONS_PER_TENANT_PER_MINUTE: '10000', ...stores.env },
      botPort: 0,
      entra: { ...this.entra, tenantDir: this.tenantDir, port: 0, now: new Date(PINNED_NOW) },
      overrides: { logger: this.logger },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.stack?.stop();
    await this.connector?.stop();
    this.disposeStores();
  }

  /**
   * Stops the bot and starts it again on the same stores and the same local Entra, as a redeployment or a crash
   * and restart would: what it kept in memory is gone, what it stored is not.
   */
  async restartBot(): Promise<void> {
    await this.stack!.restartAssistant();
  }

  /** The running local Entra (to add events, or change its faults, while the bot runs). */
  get localEntra(): LocalStack['entra'] {
    return this.stack!.entra;
  }

  get botUrl(): string {
    return this.stack!.assistant.server.url;
  }

  /** How the bot reaches the local Entra: tests read the tenant's state through the same Graph client. */
  get graphConfig(): GraphConfig {
    return this.stack!.config.graph!;
  }

  /** A delegated token for a tenant user, as Teams single sign-on would hand over (SSO_ENABLED stacks). */
  userToken(userObjectId: string): Promise<string> {
    return this.stack!.entra.issueUserAssertion(userObjectId);
  }

  get connectorServer(): ConnectorServer {
    return this.connector!;
  }

  /** Several messages in one conversation, as a follow-up chain: each answer in order. */
  askChain(texts: readonly string[], as: string): Promise<AskAnswer[]> {
    const conversation = randomUUID();
    return askAll(texts.map((text) => ({ conversation, as, text })), this.stack!.assistant.server.url, this.connector!, this.tenantDir);
  }

  async ask(text: string, as: string): Promise<AskAnswer> {
    const [answer] = await askAll([{ conversation: randomUUID(), as, text }], this.stack!.assistant.server.url, this.connector!, this.tenantDir);
    return answer;
  }
}

/** Name lookups of understanding list /users, /groups, /applications or /servicePrincipals; the skills never do. */
const NAME_LOOKUP = /\/v1\.0\/(users|groups|applications|servicePrincipals)\?/;

/** Graph round trips of the answer itself, without the name lookups that resolved the question. */
export function answerRequests(answer: AskAnswer): GraphRequest[] {
  return (answer.graphRequests as GraphRequest[]).filter((r) => !NAME_LOOKUP.test(r.url));
}

/**
 * One demo stack for the enclosing `describe`: started before its tests, stopped after them. The handle's `stack` is
 * set once the `before` hook has run.
 */
export function demoStackFor(askers?: ReadonlyArray<{ userPrincipalName: string }>): { readonly stack: DemoStack } {
  const handle = {} as { stack: DemoStack };
  before(async () => {
    handle.stack = await DemoStack.onDemoTenant(askers);
  });
  after(async () => {
    await handle.stack?.stop();
  });
  return handle;
}
