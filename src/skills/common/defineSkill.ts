/**
 * One shape for every skill that reads the tenant. The skill states what it reads (`what`, `needs`), which tenant
 * object it is about (`subject`), and how it answers from a ready context; this function owns the rest in one
 * order: a tenant is connected, the subject is resolved (or the question back is asked), the asker's roles allow
 * the main read (or the roles that would are named and nothing is read), and a refusal by Graph itself (403)
 * becomes the same named-roles answer.
 */
import type { PermissionKey } from '../../graph/permissions';
import type { TenantSession } from '../../graph/sessions';
import type { DirectoryEntityType, IntentName } from '../../understanding/types';
import { guarded, mayRead, noTenantAnswer, rolesFor, rolesNeededAnswer } from './access';
import { subjectOf } from './subject';
import type { Skill, SkillAnswer, SkillRequest } from '../types';

export interface Subject {
  id: string;
  displayName: string;
}

/** What a skill's answer function is handed: the request, Graph with the asker's rights, and the subject if any. */
export interface SkillContext {
  request: SkillRequest;
  tenant: TenantSession;
  /** Present when the spec names a `subject` type. */
  subject?: Subject;
  /** True when the asker's roles allow a further, optional read. */
  may(key: PermissionKey): Promise<boolean>;
}

export interface SkillSpec {
  name: string;
  version: string;
  intents: readonly IntentName[];
  /** What the answer reads, in words for refusals: "user accounts", "sign-in logs". */
  what: string;
  /** The read every answer needs; refused → the roles that would allow it, and nothing is read. */
  needs?: PermissionKey | ((request: SkillRequest) => PermissionKey);
  /** The tenant object the question must name; resolved before any read. */
  subject?: DirectoryEntityType;
  /** Whether the subject is resolved before the permission check (the default) or after it. */
  subjectFirst?: boolean;
  /** Custom text when no tenant is connected (default: the shared sentence with `what`). */
  noTenant?: () => SkillAnswer;
  /** Custom refusal (default: the shared sentence naming the roles). */
  refused?: (key: PermissionKey) => SkillAnswer;
  answer(context: SkillContext): Promise<SkillAnswer>;
}

export function defineSkill(spec: SkillSpec): Skill {
  const refusal = (key: PermissionKey) => (spec.refused ? spec.refused(key) : rolesNeededAnswer(spec.what, rolesFor(key)));
  return {
    name: spec.name,
    version: spec.version,
    intents: spec.intents,
    async answer(request: SkillRequest): Promise<SkillAnswer> {
      const tenant = request.tenant;
      if (!tenant) return spec.noTenant ? spec.noTenant() : noTenantAnswer(spec.what);
      const needs = typeof spec.needs === 'function' ? spec.needs(request) : spec.needs;
      const resolveSubject = (): Subject | SkillAnswer | undefined => {
        if (!spec.subject) return undefined;
        const found = subjectOf(request.understanding, spec.subject);
        return 'answer' in found ? found.answer : found;
      };
      const context: SkillContext = { request, tenant, may: (key) => mayRead(tenant, key) };
      const subjectFirst = spec.subjectFirst ?? true;
      if (subjectFirst) {
        const subject = resolveSubject();
        if (subject && 'kind' in subject) return subject;
        context.subject = subject;
      }
      const work = async (): Promise<SkillAnswer> => {
        if (needs && !(await mayRead(tenant, needs))) return refusal(needs);
        if (!subjectFirst) {
          const subject = resolveSubject();
          if (subject && 'kind' in subject) return subject;
          context.subject = subject;
        }
        return spec.answer(context);
      };
      if (!needs) return work();
      return guarded(spec.what, needs, work);
    },
  };
}
