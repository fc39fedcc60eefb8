import { strict as assert } from 'node:assert';
import type { AccessDecision } from '../../../src/graph/askerAccess';
import type { PermissionKey } from '../../../src/graph/permissions';
import type { TenantSession } from '../../../src/graph/sessions';
import { defineSkill, type SkillSpec } from '../../../src/skills/common/defineSkill';
import type { SkillAnswer, SkillRequest } from '../../../src/skills/types';
import type { Entity } from '../../../src/understanding/types';

const MEGAN: Entity = { type: 'user', text: 'Megan', id: '11111111-1111-1111-1111-111111111111', displayName: 'Megan Bowen', resolution: 'resolved' };

/** A tenant whose asker check allows what `allowed` names, recording each check in `steps`. */
function tenantAllowing(steps: string[], allowed: PermissionKey[], failure?: Error): TenantSession {
  return {
    client: {} as TenantSession['client'],
    mode: 'app',
    mayActOn: async () => ({ allowed: true }),
    async authorize(key: PermissionKey): Promise<AccessDecision> {
      steps.push(`check ${key}`);
      if (failure) throw failure;
      return { allowed: allowed.includes(key), neededRoles: ['globalReader'], heldRoles: [] } as unknown as AccessDecision;
    },
  };
}

function requestWith(entities: Entity[], tenant?: TenantSession): SkillRequest {
  return { understanding: { intent: 'user.info', text: 'who is Megan?', entities }, asker: {}, conversationType: 'personal', now: new Date('2026-11-20T12:00:00Z'), tenant };
}

const text = (answer: SkillAnswer) => (answer as { text: string }).text;

function spec<Q = undefined>(steps: string[], more: Partial<SkillSpec<Q>> = {}): SkillSpec<Q> {
  return {
    name: 'test',
    version: '1',
    intents: ['user.info'],
    what: 'user accounts',
    needs: 'users.read',
    subject: 'user',
    async answer(context) {
      steps.push(`answer ${context.subject?.displayName ?? 'no subject'}`);
      return { kind: 'text', text: 'answered' };
    },
    ...more,
  };
}

describe('defineSkill', () => {
  it('When no tenant is connected, then the shared sentence names what it reads and nothing else runs', async () => {
    const steps: string[] = [];
    const skill = defineSkill(spec(steps, { asked: () => (steps.push('asked'), undefined) }));
    assert.match(text(await skill.answer(requestWith([MEGAN]))), /cannot read user accounts/);
    assert.deepEqual(steps, []);
  });

  it('When the question is worked out before the tenant, then an answer that needs no tenant comes without one', async () => {
    const steps: string[] = [];
    const skill = defineSkill(spec(steps, { askedBeforeTenant: true, asked: () => ({ answer: { kind: 'text', text: 'no tenant needed' } }) }));
    assert.equal(text(await skill.answer(requestWith([]))), 'no tenant needed');
  });

  it('When the subject comes first and none is named, then the question back comes before any check', async () => {
    const steps: string[] = [];
    const answer = await defineSkill(spec(steps)).answer(requestWith([], tenantAllowing(steps, [])));
    assert.match(text(answer), /Which user do you mean/);
    assert.deepEqual(steps, []);
  });

  it('When the subject comes after the check, then the refusal comes before asking for it', async () => {
    const steps: string[] = [];
    const answer = await defineSkill(spec(steps, { subjectFirst: false })).answer(requestWith([], tenantAllowing(steps, [])));
    assert.match(text(answer), /^Reading user accounts needs one of these Microsoft Entra roles/);
    assert.deepEqual(steps, ['check users.read']);
  });

  it('When the question is worked out, then the answer gets it and the check and subject may depend on it', async () => {
    const steps: string[] = [];
    const skill = defineSkill(
      spec<{ key: PermissionKey }>(steps, {
        asked: () => ({ asked: { key: 'groups.read' } }),
        needs: (_request, asked) => asked.key,
        subject: () => undefined,
        async answer(context) {
          steps.push(`answer ${context.asked.key} ${context.subject ? 'with' : 'without'} subject`);
          return { kind: 'text', text: 'answered' };
        },
      }),
    );
    await skill.answer(requestWith([MEGAN], tenantAllowing(steps, ['groups.read'])));
    assert.deepEqual(steps, ['check groups.read', 'answer groups.read without subject']);
  });

  it("When the roles do not allow the read, then a custom refusal gets the asker check's decision", async () => {
    const steps: string[] = [];
    const skill = defineSkill(spec(steps, { refused: (key, decision) => ({ kind: 'text', text: `${key} needs ${decision.neededRoles.join()}` }) }));
    assert.equal(text(await skill.answer(requestWith([MEGAN], tenantAllowing(steps, [])))), 'users.read needs globalReader');
  });

  it('When Graph refuses a read (403), then the answer names the roles, also for a 403 from the check itself', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    const steps: string[] = [];
    const refusedRead = defineSkill(spec(steps, { answer: () => Promise.reject(forbidden) }));
    assert.match(text(await refusedRead.answer(requestWith([MEGAN], tenantAllowing(steps, ['users.read'])))), /^Reading user accounts needs/);
    assert.match(text(await defineSkill(spec(steps)).answer(requestWith([MEGAN], tenantAllowing(steps, [], forbidden)))), /^Reading user accounts needs/);
  });

  it("When the skill words Graph's refusal itself, then it covers the answer's reads and not the check", async () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    const steps: string[] = [];
    const refusedByGraph = (err: unknown) => ((err as { statusCode?: number }).statusCode === 403 ? { kind: 'text' as const, text: 'worded by the skill' } : undefined);
    const skill = defineSkill(spec(steps, { refusedByGraph, answer: () => Promise.reject(forbidden) }));
    assert.equal(text(await skill.answer(requestWith([MEGAN], tenantAllowing(steps, ['users.read'])))), 'worded by the skill');
    await assert.rejects(defineSkill(spec(steps, { refusedByGraph })).answer(requestWith([MEGAN], tenantAllowing(steps, [], forbidden))), /Forbidden/);
    const other = new Error('Graph answered 500');
    await assert.rejects(defineSkill(spec(steps, { refusedByGraph, answer: () => Promise.reject(other) })).answer(requestWith([MEGAN], tenantAllowing(steps, ['users.read']))), /500/);
  });
});
