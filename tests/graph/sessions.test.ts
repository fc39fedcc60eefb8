import { strict as assert } from 'node:assert';
import type { GraphConfig } from '../../src/config';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import { GraphSessions } from '../../src/graph/sessions';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN } from '@entra-assistant/local-entra';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { startMini } from '@entra-assistant/local-entra/testing';

describe('Whose rights a Graph read runs with', () => {
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  let config: GraphConfig;
  let sessions: GraphSessions;

  before(async () => {
    entra = await startMini();
    local = localGraphConfig(entra);
    config = local.config;
    sessions = new GraphSessions(config);
  });
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  describe('with the app-only token (no single sign-on)', () => {
    it('When a Global Administrator asks for sign-ins, then the bot allows the read', async () => {
      const decision = await sessions.forAsker(DEMO_ADMIN.id).authorize('signIns.read');
      assert.equal(decision.allowed, true);
      assert.deepEqual(decision.heldRoles, ['globalAdministrator']);
    });

    it('When a Global Reader asks to dismiss a risk, then the bot refuses and names the roles that may', async () => {
      const session = sessions.forAsker(DEMO_READER.id);
      assert.equal((await session.authorize('signIns.read')).allowed, true);
      const write = await session.authorize('riskyUsers.write');
      assert.equal(write.allowed, false);
      // Identity Protection's Required roles: Security Operator may dismiss user risk too (issue #15).
      assert.deepEqual(write.neededRoles.sort(), ['globalAdministrator', 'securityAdministrator', 'securityOperator']);
    });

    it('When a member with no role asks for sign-ins, then the bot refuses before reading anything', async () => {
      const { result, graphRequests } = await collectGraphRequests(() => sessions.forAsker(DEMO_MEMBER.id).authorize('signIns.read'));
      assert.equal(result.allowed, false);
      assert.ok(result.neededRoles.includes('reportsReader'));
      assert.ok(graphRequests.every((r) => !r.url.includes('/auditLogs/')), 'no sign-in was read to decide');
    });

    it('When the role is held through a role-assignable group, then it counts', async () => {
      const decision = await sessions.forAsker(DEMO_SECURITY_ADMIN.id).authorize('riskyUsers.write');
      assert.equal(decision.allowed, true);
      assert.deepEqual(decision.heldRoles, ['securityAdministrator']);
    });

    it('When the same asker asks again, then the roles come from the cache without a Graph call', async () => {
      await sessions.forAsker(DEMO_READER.id).authorize('signIns.read');
      const { graphRequests } = await collectGraphRequests(() => sessions.forAsker(DEMO_READER.id).authorize('directoryAudits.read'));
      assert.equal(graphRequests.length, 0);
    });

    it('When the activity carries no Entra object id, then nothing that needs a role is allowed', async () => {
      const decision = await sessions.forAsker(undefined).authorize('signIns.read');
      assert.equal(decision.allowed, false);
    });
  });

  describe('with the asker\'s single sign-on token (on-behalf-of)', () => {
    it('When a Global Reader reads sign-ins on their own behalf, then Graph answers', async () => {
      const assertion = await entra.issueUserAssertion(DEMO_READER.id);
      const session = sessions.forAsker(DEMO_READER.id, assertion);
      assert.equal(session.mode, 'delegated');
      const page = (await session.client.api('/auditLogs/signIns').top(1).get()) as { value: unknown[] };
      assert.ok(Array.isArray(page.value));
    });

    it('When the same asker asks again with the same token, then the same session is reused (one credential, whose token cache serves the next turn)', async () => {
      const assertion = await entra.issueUserAssertion(DEMO_READER.id);
      const first = sessions.forAsker(DEMO_READER.id, assertion);
      await first.client.api('/auditLogs/signIns').top(1).get();
      assert.equal(sessions.forAsker(DEMO_READER.id, assertion), first);
      assert.notEqual(sessions.forAsker(DEMO_MEMBER.id, assertion), first, 'another asker never shares it');
      assert.notEqual(sessions.forAsker(DEMO_READER.id, await entra.issueUserAssertion(DEMO_READER.id)), first, 'a new token gets a new session');
    });

    it('When askers read Conditional Access policies, then the app-only reads share one policy cache and each on-behalf-of session has its own', async () => {
      const app = sessions.forAsker(DEMO_ADMIN.id);
      assert.ok(app.policies);
      assert.equal(sessions.forAsker(DEMO_READER.id).policies, app.policies, 'the app reads with the same rights for every asker it allowed');
      const reader = sessions.forAsker(DEMO_READER.id, await entra.issueUserAssertion(DEMO_READER.id));
      const member = sessions.forAsker(DEMO_MEMBER.id, await entra.issueUserAssertion(DEMO_MEMBER.id));
      assert.ok(reader.policies && member.policies);
      assert.notEqual(reader.policies, app.policies);
      assert.notEqual(reader.policies, member.policies, 'what one asker\'s token read is never shown with another\'s');
      const uncached = new GraphSessions({ ...config, policyCacheSeconds: 0 });
      assert.equal(uncached.forAsker(DEMO_ADMIN.id).policies, undefined, 'GRAPH_POLICY_CACHE_SECONDS=0 reads every time');
      assert.equal(uncached.forAsker(DEMO_READER.id, await entra.issueUserAssertion(DEMO_READER.id)).policies, undefined);
    });

    it('When a member reads sign-ins on their own behalf, then Graph itself refuses with 403', async () => {
      const assertion = await entra.issueUserAssertion(DEMO_MEMBER.id);
      const session = sessions.forAsker(DEMO_MEMBER.id, assertion);
      await assert.rejects(() => session.client.api('/auditLogs/signIns').top(1).get(), (err: { statusCode?: number }) => err.statusCode === 403);
    });
  });
});
