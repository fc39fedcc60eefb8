/**
 * One shape for every skill that reads the tenant. The skill states what it reads (`what`, `needs`), which tenant
 * object it is about (`subject`), and how it answers from a ready context; this function owns the rest in one
 * order: a tenant is connected, the subject is resolved (or the question back is asked), the asker's roles allow
 * the main read (or the roles that would are named and nothing is read), and a refusal by Graph itself (403)
 * becomes the same named-roles answer.
 *
 * A skill whose question must be worked out first (which action on whom, a "show more" cursor, a question back that
 * needs no read) says so in `asked`: it runs once a tenant is connected, or before that when `askedBeforeTenant`
 * (answers that need no tenant at all), and always before the subject and the permission check.
 */
import type { AccessDecision } from '../../graph/askerAccess';
import type { PermissionKey } from '../../graph/permissions';
import type { TenantSession } from '../../graph/sessions';
import type { DirectoryEntityType, IntentName } from '../../understanding/types';
import { guarded, mayRead, noTenantAnswer, rolesFor, rolesNeededAnswer } from './access';
import { subjectOf } from './subject';
import type { Settled, Skill, SkillAnswer, SkillRequest } from '../types';

export interface Subject {
  id: string;
  displayName: string;
}

/** What a skill's answer function is handed: the request, Graph with the asker's rights, and the subject if any. */
export interface SkillContext<Q = undefined> {
  request: SkillRequest;
  tenant: TenantSession;
  /** Present when the spec names a `subject` type (for this request). */
  subject?: Subject;
  /** What `asked` made of the request; undefined without it. */
  asked: Q;
  /** True when the asker's roles allow a further, optional read. */
  may: (key: PermissionKey) => Promise<boolean>;
}

/** What a skill makes of a request before reading: what the answer works from, or the answer itself. */
export type Asked<Q> = { asked: Q } | { answer: SkillAnswer } | undefined;

export interface SkillSpec<Q = undefined> {
  name: string;
  version: string;
  intents: readonly IntentName[];
  /** What the answer reads, in words for refusals: "user accounts", "sign-in logs". */
  what: string;
  /** The read every answer needs; refused → the roles that would allow it, and nothing is read. */
  needs?: PermissionKey | ((request: SkillRequest, asked: Q) => PermissionKey);
  /** The tenant object the question must name, or (a function) the one this request must name, if any; resolved before any read. */
  subject?: DirectoryEntityType | ((request: SkillRequest, asked: Q) => DirectoryEntityType | undefined);
  /** Whether the subject is resolved before the permission check (the default) or after it. */
  subjectFirst?: boolean;
  /**
   * The request worked out before any read: `{ asked }` is handed to `answer` as `context.asked`, `{ answer }` is the
   * answer at once (a question back, a stale button, an answer that needs no tenant), undefined goes on.
   */
  asked?: (request: SkillRequest) => Asked<Q> | Promise<Asked<Q>>;
  /** Whether `asked` runs before the tenant check (for answers that need no tenant) rather than after it. */
  askedBeforeTenant?: boolean;
  /** Custom text when no tenant is connected (default: the shared sentence with `what`). */
  noTenant?: () => SkillAnswer;
  /** Custom refusal (default: the shared sentence naming the roles); `decision` is the asker check's own answer. */
  refused?: (key: PermissionKey, decision: AccessDecision, context: SkillContext<Q>) => SkillAnswer;
  /**
   * Graph's own refusal, worded by the skill (a 403, an unlicensed tenant): the answer, or undefined to let the error
   * through. It covers the answer's reads only. Without it, a 403 (or ReadRefused) from the permission check on
   * becomes the shared sentence naming the roles `needs` calls for.
   */
  refusedByGraph?: (error: unknown, context: SkillContext<Q>, decision: AccessDecision | undefined) => SkillAnswer | undefined;
  answer(context: SkillContext<Q>): Promise<SkillAnswer>;
  /** Settles an ambiguous name from a fact of the tenant before the admin is asked (see Skill.settle). */
  settle?: (request: SkillRequest) => Promise<Settled | undefined>;
}

export function defineSkill<Q = undefined>(spec: SkillSpec<Q>): Skill {
  const refusal = (key: PermissionKey, decision: AccessDecision, context: SkillContext<Q>) =>
    spec.refused ? spec.refused(key, decision, context) : rolesNeededAnswer(spec.what, rolesFor(key));
  return {
    name: spec.name,
    version: spec.version,
    intents: spec.intents,
    ...(spec.settle ? { settle: spec.settle } : {}),
    async answer(request: SkillRequest): Promise<SkillAnswer> {
      let asked: Q | undefined;
      /** The answer `asked` gives at once, if any. */
      const ask = async (): Promise<SkillAnswer | undefined> => {
        const found = spec.asked ? await spec.asked(request) : undefined;
        if (found && 'answer' in found) return found.answer;
        asked = found?.asked;
        return undefined;
      };
      if (spec.asked && spec.askedBeforeTenant) {
        const answer = await ask();
        if (answer) return answer;
      }
      const tenant = request.tenant;
      if (!tenant) return spec.noTenant ? spec.noTenant() : noTenantAnswer(spec.what);
      if (spec.asked && !spec.askedBeforeTenant) {
        const answer = await ask();
        if (answer) return answer;
      }
      const context: SkillContext<Q> = { request, tenant, asked: asked as Q, may: (key) => mayRead(tenant, key) };
      const needs = typeof spec.needs === 'function' ? spec.needs(request, context.asked) : spec.needs;
      const subjectType = typeof spec.subject === 'function' ? spec.subject(request, context.asked) : spec.subject;
      /** Sets the subject; the answer asking for it when the question names none that resolved. */
      const resolveSubject = (): SkillAnswer | undefined => {
        if (!subjectType) return undefined;
        const found = subjectOf(request.understanding, subjectType);
        if ('answer' in found) return found.answer;
        context.subject = found;
        return undefined;
      };
      const subjectFirst = spec.subjectFirst ?? true;
      if (subjectFirst) {
        const answer = resolveSubject();
        if (answer) return answer;
      }
      let decision: AccessDecision | undefined;
      /** The refusal when the asker's roles do not allow the main read. */
      const check = async (): Promise<SkillAnswer | undefined> => {
        if (!needs) return undefined;
        decision = await tenant.authorize(needs);
        return decision.allowed ? undefined : refusal(needs, decision, context);
      };
      const afterCheck = async (): Promise<SkillAnswer> => (subjectFirst ? undefined : resolveSubject()) ?? spec.answer(context);
      const refusedByGraph = spec.refusedByGraph;
      if (refusedByGraph) {
        const refused = await check();
        if (refused) return refused;
        try {
          return await afterCheck();
        } catch (err) {
          const answer = refusedByGraph(err, context, decision);
          if (answer) return answer;
          throw err;
        }
      }
      const work = async (): Promise<SkillAnswer> => (await check()) ?? afterCheck();
      if (!needs) return work();
      return guarded(spec.what, needs, work);
    },
  };
}
