import { strict as assert } from 'node:assert';
import * as sinon from 'sinon';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignIn } from '../../../src/graph/signInQueries';
import { signInFilter } from '../../../src/graph/signInQueries';
import { blockingPolicyOf, diagnose } from '../../../src/skills/signIns/diagnosis';
import { findPatterns } from '../../../src/skills/signIns/patterns';
import { signInSkill } from '../../../src/skills/signIns/signInSkill';
import type { SkillRequest } from '../../../src/skills/types';

let n = 0;
function signIn(overrides: Partial<SignIn> & { code?: number; at: string }): SignIn {
  const { code = 0, at, ...rest } = overrides;
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    createdDateTime: at,
    userId: '11111111-1111-4111-8111-111111111111',
    appId: 'app-1',
    appDisplayName: 'OfficeHome',
    correlationId: `corr-${n}`,
    ipAddress: '203.0.113.5',
    status: { errorCode: code },
    ...rest,
  };
}

describe('Sign-in diagnosis (pure functions)', () => {
  it('When an MFA interrupt is followed by a success in the same session, then it is not counted as a failure', () => {
    const interrupt = signIn({ code: 50074, at: '2026-11-20T10:00:00Z', correlationId: 'same' });
    const success = signIn({ at: '2026-11-20T10:01:00Z', correlationId: 'same' });
    const d = diagnose([success, interrupt]);
    assert.equal(d.failures.length, 0);
    assert.deepEqual(d.interrupted.map((s) => s.status.errorCode), [50074]);
    assert.equal(d.lastSuccess?.id, success.id);
  });

  it('When a real failure has no success after it, then it is the latest failure and counted by code', () => {
    const ok = signIn({ at: '2026-11-20T08:00:00Z', deviceDetail: { operatingSystem: 'Windows 11', isCompliant: true } });
    const bad1 = signIn({ code: 53000, at: '2026-11-20T09:00:00Z', deviceDetail: { operatingSystem: 'Android 15', isCompliant: false } });
    const bad2 = signIn({ code: 53000, at: '2026-11-20T10:00:00Z', deviceDetail: { operatingSystem: 'Android 15', isCompliant: false } });
    const d = diagnose([ok, bad1, bad2]);
    assert.equal(d.latestFailure?.id, bad2.id);
    assert.deepEqual(d.countsByCode, [{ code: 53000, count: 2, title: 'Device not compliant' }]);
    assert.deepEqual(d.differences.find((x) => x.aspect === 'Operating system'), { aspect: 'Operating system', failing: 'Android 15', lastSuccess: 'Windows 11' });
  });

  it('When the same list is diagnosed again, then the first diagnosis is handed out; another list, or the same one with an earlier success, is diagnosed anew', () => {
    const ok = signIn({ at: '2026-11-20T08:00:00Z' });
    const bad = signIn({ code: 53000, at: '2026-11-20T10:00:00Z' });
    const list = [ok, bad];
    const first = diagnose(list);
    assert.equal(diagnose(list), first);
    const copy = [...list];
    assert.notEqual(diagnose(copy), first);
    assert.deepEqual(diagnose(copy), first);
    // Only failures: the last success found outside the window changes the answer, so it is never taken from the list's.
    const failing = [bad];
    assert.equal(diagnose(failing).lastSuccess, undefined);
    const earlier = signIn({ at: '2026-11-01T08:00:00Z' });
    assert.equal(diagnose(failing, earlier).lastSuccess?.id, earlier.id);
    assert.equal(diagnose(failing).lastSuccess, undefined);
  });

  it('When wrong passwords come from many addresses, then a possible password spray is named; from one address it is not', () => {
    const spray = [1, 2, 3, 4, 5].map((i) => signIn({ code: 50126, at: `2026-11-20T0${i}:00:00Z`, ipAddress: `192.0.2.${i}` }));
    assert.ok(findPatterns(spray).some((p) => p.kind === 'passwordSpray'));
    const typos = [1, 2, 3, 4, 5].map((i) => signIn({ code: 50126, at: `2026-11-20T0${i}:00:00Z`, ipAddress: '192.0.2.9' }));
    assert.ok(!findPatterns(typos).some((p) => p.kind === 'passwordSpray'));
  });

  it('When legacy clients fail, then legacy authentication is named with the protocol', () => {
    const imap = signIn({ code: 53003, at: '2026-11-20T01:00:00Z', clientAppUsed: 'IMAP4' });
    assert.match(findPatterns([imap]).find((p) => p.kind === 'legacyAuthentication')?.detail ?? '', /IMAP4/);
  });

  it('When an MFA policy and a block policy both fail, then the block is the blocking policy', () => {
    const s = signIn({
      code: 53003,
      at: '2026-11-20T01:00:00Z',
      appliedConditionalAccessPolicies: [
        { id: 'a', displayName: 'Require MFA', enforcedGrantControls: ['Mfa'], result: 'failure' },
        { id: 'b', displayName: 'Block countries', enforcedGrantControls: ['Block'], result: 'failure' },
      ],
    });
    assert.equal(blockingPolicyOf(s)?.displayName, 'Block countries');
  });

  it('When a filter is built, then ids must be GUIDs so nothing can be injected into it', () => {
    assert.throws(() => signInFilter({ userId: "x' or 1 eq 1", start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }));
    assert.equal(
      signInFilter({ userId: '11111111-1111-4111-8111-111111111111', start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z', errorCode: 53000 }),
      "userId eq '11111111-1111-4111-8111-111111111111' and createdDateTime ge 2026-11-01T00:00:00.000Z and createdDateTime le 2026-11-02T00:00:00.000Z and status/errorCode eq 53000",
    );
  });
});

describe('Sign-in skill refusals from Graph', () => {
  afterEach(() => sinon.restore());

  /** Graph refuses the sign-in read with `error`: alone (the Graph client's error) or inside a $batch (its inner response). */
  function requestWith(error: { statusCode: number; code: string; message: string }): SkillRequest {
    const builder = {
      version: () => builder,
      filter: () => builder,
      select: () => builder,
      orderby: () => builder,
      top: () => builder,
      middlewareOptions: () => builder,
      get: sinon.stub().rejects(error),
      post: sinon.stub().callsFake(async (body: { requests: Array<{ id: string }> }) => ({
        responses: body.requests.map((r) => ({ id: r.id, status: error.statusCode, body: { error: { code: error.code, message: error.message } } })),
      })),
    };
    const client = { api: () => builder } as unknown as Client;
    return {
      understanding: {
        intent: 'signin.troubleshoot',
        text: "why can't megan sign in",
        entities: [{ type: 'user', text: 'Megan', resolution: 'resolved', id: '11111111-1111-4111-8111-111111111111', displayName: 'Megan Bowen' }],
      },
      asker: {},
      conversationType: 'personal',
      now: new Date('2026-11-20T12:00:00Z'),
      tenant: { client, mode: 'delegated', authorize: async () => ({ allowed: true, neededRoles: [], heldRoles: [] }), mayActOn: async () => ({ allowed: true }) },
    };
  }

  it('When the tenant has no P1/P2 licence, then the answer says the licence is missing', async () => {
    const answer = await signInSkill.answer(requestWith({ statusCode: 403, code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" }));
    assert.equal(answer.kind, 'text');
    assert.match(answer.kind === 'text' ? answer.text : '', /P1 or P2 licence/);
  });

  it('When Graph refuses the asker (403 with their own token), then the answer names the roles needed and shows no data', async () => {
    const answer = await signInSkill.answer(requestWith({ statusCode: 403, code: 'Authentication_RequestFromUnsupportedUserRole', message: 'User is not in the allowed roles' }));
    assert.match(answer.kind === 'text' ? answer.text : '', /Reports Reader/);
  });
});
