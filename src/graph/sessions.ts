/**
 * One place decides whose rights a Graph read runs with. With the asker's single sign-on token the bot reads on
 * their behalf (on-behalf-of) and Graph enforces their roles; without it the bot reads with its app-only token and
 * first checks the asker's directory roles itself. Skills ask `authorize()` before reading and say which role is
 * needed when it is refused, so no answer shows more than the asker's roles allow.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { DEFAULT_POLICY_CACHE_SECONDS, type GraphConfig } from '../config';
import type { Logger } from '../logger';
import { AskerAccess, type AccessDecision } from './askerAccess';
import { createGraphClient, createOnBehalfOfCredential } from './client';
import type { PermissionKey } from './permissions';
import { PolicyDefinitionCache } from './signInQueries';
import { isGovernedByTarget, mayActOn, type TargetDecision } from '../mitigations/targetRules';
import type { MitigationProposal } from '../mitigations/types';

/** Whether the one who would act may act on this target: the asker, and with the app-only token also the bot's app. */
export type TargetCheck = { allowed: true } | ({ allowed: false; actor: 'asker' | 'app' } & TargetDecision);

export interface TenantSession {
  client: Client;
  mode: 'delegated' | 'app';
  authorize(key: PermissionKey): Promise<AccessDecision>;
  /** Conditional Access policy definitions read with this session's rights, held briefly (GRAPH_POLICY_CACHE_SECONDS); absent: read every time. */
  policies?: PolicyDefinitionCache;
  /** The target's roles against the asker's (src/mitigations/targetRules.ts); `fresh` reads the target's roles again (Confirm). */
  mayActOn(proposal: MitigationProposal, options?: { fresh?: boolean }): Promise<TargetCheck>;
}

/** Askers with a live single sign-on token at once, kept per instance; the oldest is dropped beyond this. */
const MAX_DELEGATED_SESSIONS = 500;

export class GraphSessions {
  private readonly appClient: Client;
  private readonly delegated = new Map<string, TenantSession>();
  private readonly access: AskerAccess;
  private readonly appPolicies?: PolicyDefinitionCache;
  private organizationName?: Promise<string | undefined>;

  constructor(
    private readonly config: GraphConfig,
    appClient?: Client,
    /** Where Graph requests made outside a turn are logged (a turn's go to the turn's logger). */
    private readonly logger?: Logger,
  ) {
    this.appClient = appClient ?? createGraphClient(config, undefined, logger);
    this.access = new AskerAccess(this.appClient);
    this.appPolicies = this.policyCache();
  }

  /** One per Graph client: definitions read with one asker's token are never shown to another. */
  private policyCache(): PolicyDefinitionCache | undefined {
    const seconds = this.config.policyCacheSeconds ?? DEFAULT_POLICY_CACHE_SECONDS;
    return seconds > 0 ? new PolicyDefinitionCache({ ttlMs: seconds * 1000 }) : undefined;
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
    return { client: this.appClient, mode: 'app', policies: this.appPolicies, authorize: (key) => this.access.check(aadObjectId, key), mayActOn: (proposal, options) => this.targetCheck(aadObjectId, proposal, true, options?.fresh) };
  }

  /**
   * Who may act on whom. With the app-only token Graph checks the app, not the asker: an app without a directory role
   * may only change users who hold none (Graph: "the app must be assigned a higher privileged administrator role as
   * indicated in Who can perform sensitive actions"), so both the asker and the app must pass. With the asker's own
   * token only the asker's roles count.
   */
  private async targetCheck(aadObjectId: string | undefined, proposal: MitigationProposal, appOnly: boolean, fresh = false): Promise<TargetCheck> {
    const { action, target } = proposal;
    if (target.kind !== 'user' || !isGovernedByTarget(action)) return { allowed: true };
    if (fresh) this.access.forget(target.id);
    const targetRoles = await this.access.directoryRoles(target.id);
    const asker = aadObjectId ? await this.access.directoryRoles(aadObjectId) : { roleTemplateIds: new Set<string>(), inRoleAssignableGroup: false };
    const byAsker = mayActOn(action, asker.roleTemplateIds, targetRoles);
    if (!byAsker.allowed) return { ...byAsker, allowed: false, actor: 'asker' };
    if (!appOnly) return { allowed: true };
    const byApp = mayActOn(action, await this.appRoleTemplateIds(), targetRoles);
    // An app's permission alone (no role) is enough for users who hold no role and are in no role-assignable group.
    const plainUser = targetRoles.roleTemplateIds.size === 0 && !targetRoles.inRoleAssignableGroup;
    return byApp.allowed || plainUser ? { allowed: true } : { ...byApp, allowed: false, actor: 'app' };
  }

  private appRoles?: Promise<Set<string>>;

  /** The directory roles assigned to the bot's own service principal, read once (they change with a deployment). */
  private appRoleTemplateIds(): Promise<Set<string>> {
    this.appRoles ??= (async () => {
      const sps = (await this.appClient.api('/servicePrincipals').filter(`appId eq '${this.config.clientId}'`).select('id').get()) as { value: Array<{ id: string }> };
      const spId = sps.value[0]?.id;
      if (!spId) return new Set<string>();
      const assignments = (await this.appClient.api('/roleManagement/directory/roleAssignments').filter(`principalId eq '${spId}'`).select('roleDefinitionId,directoryScopeId').get()) as {
        value: Array<{ roleDefinitionId: string; directoryScopeId: string }>;
      };
      return new Set(assignments.value.filter((a) => a.directoryScopeId === '/').map((a) => a.roleDefinitionId.toLowerCase()));
    })();
    this.appRoles.catch(() => (this.appRoles = undefined));
    return this.appRoles;
  }

  private delegatedSession(aadObjectId: string | undefined, userAssertion: string): TenantSession {
    const client = createGraphClient(this.config, createOnBehalfOfCredential(this.config, userAssertion), this.logger);
    // Graph itself checks the delegated caller's roles and a refusal comes back as a 403 the skill explains; the
    // same role check as app-only mode runs first so that no button is offered that Graph would refuse. If the
    // bot's own app cannot read roles, Graph alone decides.
    return {
      client,
      mode: 'delegated',
      policies: this.policyCache(),
      mayActOn: (proposal, options) => this.targetCheck(aadObjectId, proposal, false, options?.fresh),
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
