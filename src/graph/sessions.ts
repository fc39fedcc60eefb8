/**
 * One place decides whose rights a Graph read runs with. With the asker's single sign-on token the bot reads on
 * their behalf (on-behalf-of) and Graph enforces their roles; without it the bot reads with its app-only token and
 * first checks the asker's directory roles itself. Skills ask `authorize()` before reading and say which role is
 * needed when it is refused, so no answer shows more than the asker's roles allow.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphConfig } from '../config';
import { AskerAccess, type AccessDecision } from './askerAccess';
import { createGraphClient, createOnBehalfOfCredential } from './client';
import type { PermissionKey } from './permissions';

export interface TenantSession {
  client: Client;
  mode: 'delegated' | 'app';
  authorize(key: PermissionKey): Promise<AccessDecision>;
}

/** Askers with a live single sign-on token at once, kept per instance; the oldest is dropped beyond this. */
const MAX_DELEGATED_SESSIONS = 500;

export class GraphSessions {
  private readonly appClient: Client;
  private readonly delegated = new Map<string, TenantSession>();
  private readonly access: AskerAccess;
  private organizationName?: Promise<string | undefined>;

  constructor(
    private readonly config: GraphConfig,
    appClient?: Client,
  ) {
    this.appClient = appClient ?? createGraphClient(config);
    this.access = new AskerAccess(this.appClient);
  }

  /** The tenant whose directory the bot reads (GRAPH_TENANT_ID). */
  get tenantId(): string {
    return this.config.tenantId;
  }

  /**
   * The organisation's display name ("Contoso"), read once with the app's own rights, for sentences that say whose
   * directory the bot reads; undefined when it cannot be read (then the tenant id says it).
   */
  tenantName(): Promise<string | undefined> {
    this.organizationName ??= (this.appClient.api('/organization').select('displayName').get() as Promise<{ value: Array<{ displayName?: string }> }>).then(
      (page) => page.value[0]?.displayName || undefined,
      () => {
        this.organizationName = undefined;
        return undefined;
      },
    );
    return this.organizationName;
  }

  /** The app-only client, for lookups that reveal nothing beyond what every member may read (names). */
  get directoryClient(): Client {
    return this.appClient;
  }

  forAsker(aadObjectId: string | undefined, userAssertion?: string): TenantSession {
    if (userAssertion) {
      // One on-behalf-of credential per asker and token: its own cache then spares a token exchange every turn.
      const key = `${aadObjectId ?? ''} ${userAssertion}`;
      const cached = this.delegated.get(key);
      if (cached) return cached;
      const session = this.delegatedSession(aadObjectId, userAssertion);
      if (this.delegated.size >= MAX_DELEGATED_SESSIONS) this.delegated.delete(this.delegated.keys().next().value as string);
      this.delegated.set(key, session);
      return session;
    }
    return { client: this.appClient, mode: 'app', authorize: (key) => this.access.check(aadObjectId, key) };
  }

  private delegatedSession(aadObjectId: string | undefined, userAssertion: string): TenantSession {
    const client = createGraphClient(this.config, createOnBehalfOfCredential(this.config, userAssertion));
    // Graph itself checks the delegated caller's roles and a refusal comes back as a 403 the skill explains; the
    // same role check as app-only mode runs first so that no button is offered that Graph would refuse. If the
    // bot's own app cannot read roles, Graph alone decides.
    return {
      client,
      mode: 'delegated',
      authorize: async (key) => {
        try {
          return await this.access.check(aadObjectId, key);
        } catch {
          return { allowed: true, neededRoles: [], heldRoles: [] };
        }
      },
    };
  }
}
