import { strict as assert } from 'node:assert';
import * as sinon from 'sinon';
import { rememberTurn } from '../../src/understanding/conversation';
import type { Directory } from '../../src/understanding/directory';
import { GrammarRecognizer } from '../../src/understanding/grammarRecognizer';
import * as parse from '../../src/understanding/parse';
import { InMemoryDirectory } from '../../src/understanding/inMemoryDirectory';
import { type ConversationContext, entityOf, type Understanding } from '../../src/understanding/types';

const NOW = new Date('2026-11-20T12:00:00Z'); // a Friday

const MEGAN = { id: 'a0b4c58a-5b27-48fa-b6d1-bf1a1f3ccabe', displayName: 'Megan Bowen', givenName: 'Megan', userPrincipalName: 'megan.bowen@contoso.com', mail: 'megan.bowen@contoso.com' };
const CONOR = { id: '528c9da7-92f2-423a-b255-6fb00faa6f1b', displayName: "Conor O'Brien", givenName: 'Conor', userPrincipalName: 'conor.obrien@contoso.com', mail: 'conor.obrien@contoso.com' };
const SIOBHAN = { id: '0d6a9f2e-7b41-4c1e-8f35-2e9b7c1a4d60', displayName: "Siobhan O'Brien", givenName: 'Siobhan', userPrincipalName: 'siobhan.obrien@contoso.com', mail: 'siobhan.obrien@contoso.com' };
const NESTOR = { id: 'dc18c9cf-3198-4bac-95b2-ee8332725bb5', displayName: 'Nestor Wilke', givenName: 'Nestor', userPrincipalName: 'nestor.wilke_fabrikam.com#EXT#@contoso.onmicrosoft.com', mail: 'nestor.wilke@fabrikam.com' };

function directory(): InMemoryDirectory {
  return new InMemoryDirectory({
    users: [MEGAN, CONOR, SIOBHAN, NESTOR],
    groups: [{ id: 'g-finance', displayName: 'Finance' }, { id: 'g-exec', displayName: 'Northwind Exec' }],
    apps: [{ id: 'sp-payroll', displayName: 'Payroll Connector', appId: '11111111-2222-4333-8444-555555555555' }],
  });
}

async function ask(text: string, options: { directory?: Directory; conversation?: ConversationContext } = {}): Promise<Understanding> {
  return new GrammarRecognizer({ directory: options.directory ?? directory() }).recognize(text, { now: NOW, conversation: options.conversation });
}

describe('GrammarRecognizer', () => {
  describe('names through the directory', () => {
    it('When a first name matches one user, then the entity carries the id, display name and UPN', async () => {
      const u = await ask("Why can't Megan sign in?");
      assert.equal(u.intent, 'signin.troubleshoot');
      assert.deepEqual(entityOf(u, 'user'), { type: 'user', text: 'Megan', source: 'message', resolution: 'resolved', id: MEGAN.id, displayName: 'Megan Bowen', userPrincipalName: 'megan.bowen@contoso.com' });
    });

    it('When a UPN is written in odd case, then it resolves to the same user', async () => {
      const u = await ask('is MEGAN.BOWEN@CONTOSO.COM risky?');
      assert.equal(u.intent, 'risk.user');
      assert.equal(entityOf(u, 'user')?.id, MEGAN.id);
    });

    it("When a guest is named by home address or by #EXT# UPN, then the guest resolves", async () => {
      assert.equal(entityOf(await ask('who is nestor.wilke@fabrikam.com'), 'user')?.id, NESTOR.id);
      assert.equal(entityOf(await ask('look up nestor.wilke_fabrikam.com#EXT#@contoso.onmicrosoft.com'), 'user')?.id, NESTOR.id);
    });

    it("When a surname matches two users (O'Brien), then the entity is ambiguous with both as candidates", async () => {
      const user = entityOf(await ask("why can't O'Brien sign in?"), 'user');
      assert.equal(user?.resolution, 'ambiguous');
      assert.deepEqual(user?.candidates?.map((c) => c.displayName).sort(), ["Conor O'Brien", "Siobhan O'Brien"]);
    });

    it('When a name matches nobody, then it is notFound with the closest names', async () => {
      const user = entityOf(await ask('is Megn risky?'), 'user');
      assert.equal(user?.resolution, 'notFound');
      assert.deepEqual(user?.suggestions, ['Megan Bowen']);
    });

    it('When the grammar guessed the wrong type, then the directory settles it and the intent follows', async () => {
      const u = await ask('who owns Payroll');
      assert.equal(u.intent, 'app.info');
      assert.equal(entityOf(u, 'app')?.id, 'sp-payroll');
    });

    it('When no directory is given (no tenant), then names stay as written, marked unresolved, and nothing is looked up', async () => {
      const u = await new GrammarRecognizer().recognize("why can't Megan sign in", { now: NOW });
      assert.deepEqual(entityOf(u, 'user'), { type: 'user', text: 'Megan', source: 'message', resolution: 'unresolved' });
    });

    it('When the directory fails, then the turn still understands the question and the name is unresolved', async () => {
      const failing: Directory = { findUsers: sinon.stub().rejects(new Error('Graph 503')), findGroups: sinon.stub().resolves({ matches: [], suggestions: [] }), findApps: sinon.stub().resolves({ matches: [], suggestions: [] }) };
      const u = await ask('who is Megan Bowen', { directory: failing });
      assert.equal(u.intent, 'user.info');
      assert.equal(entityOf(u, 'user')?.resolution, 'unresolved');
      assert.ok(u.explanation?.some((e) => e.includes('Graph 503')));
    });

    it('When a question names no tenant object, then the directory is not called', async () => {
      const spy: Directory = { findUsers: sinon.spy(), findGroups: sinon.spy(), findApps: sinon.spy() };
      const u = await ask('show high-risk users', { directory: spy });
      assert.equal(u.intent, 'risk.users');
      assert.equal((spy.findUsers as sinon.SinonSpy).callCount + (spy.findGroups as sinon.SinonSpy).callCount + (spy.findApps as sinon.SinonSpy).callCount, 0);
    });
  });

  describe('entities', () => {
    it('When a help-desk post names a person, an app, an error and a time, then all four are found', async () => {
      const u = await ask("Hi team, Megan can't get into Outlook on her new phone since this morning, error 53000, ideas?");
      assert.equal(u.intent, 'signin.troubleshoot');
      assert.equal(entityOf(u, 'user')?.id, MEGAN.id);
      assert.equal(entityOf(u, 'app')?.value, 'Outlook');
      assert.equal(entityOf(u, 'errorCode')?.value, '53000');
      assert.deepEqual(
        { value: entityOf(u, 'timeRange')?.value, start: entityOf(u, 'timeRange')?.start },
        { value: 'thisMorning', start: '2026-11-20T00:00:00.000Z' },
      );
    });

    it('When time phrases are used, then each window is computed from the turn clock', async () => {
      const window = async (text: string) => {
        const t = entityOf(await ask(text), 'timeRange');
        return [t?.value, t?.start, t?.end];
      };
      assert.deepEqual(await window('failed sign-ins yesterday'), ['yesterday', '2026-11-19T00:00:00.000Z', '2026-11-20T00:00:00.000Z']);
      assert.deepEqual(await window('failed sign-ins since Monday'), ['since:monday', '2026-11-16T00:00:00.000Z', '2026-11-20T12:00:00.000Z']);
      assert.deepEqual(await window('failed sign-ins in the last 3 days'), ['P3D', '2026-11-17T12:00:00.000Z', '2026-11-20T12:00:00.000Z']);
      assert.deepEqual(await window('failed sign-ins since Nov 3'), ['since:2026-11-03', '2026-11-03T00:00:00.000Z', '2026-11-20T12:00:00.000Z']);
    });

    it('When no time is named, then the intent default window is added and marked as the default', async () => {
      const t = entityOf(await ask('what changed for Megan'), 'timeRange');
      assert.deepEqual([t?.value, t?.source, t?.start], ['P7D', 'default', '2026-11-13T12:00:00.000Z']);
    });

    it('When error codes and request ids are written in their usual forms, then each is normalised', async () => {
      for (const text of ['What does AADSTS50076 mean?', 'explain error 50076', 'what is 50076']) {
        assert.equal(entityOf(await ask(text), 'errorCode')?.value, '50076', text);
      }
      const u = await ask('why did request 5A1C2E3F-8B9D-4C7E-A1B2-C3D4E5F6A7B8 fail');
      assert.equal(entityOf(u, 'requestId')?.value, '5a1c2e3f-8b9d-4c7e-a1b2-c3d4e5f6a7b8');
    });

    it('When an admin asks to act, then the action and the user are found; asking who did it is an audit question', async () => {
      const act = await ask("revoke Conor O'Brien's sessions");
      assert.equal(act.intent, 'risk.remediate');
      assert.equal(entityOf(act, 'action')?.value, 'revokeSessions');
      assert.equal(entityOf(act, 'user')?.id, CONOR.id);
      const audit = await ask("who reset Megan's password?");
      assert.equal(audit.intent, 'audit.changes');
      assert.equal(entityOf(audit, 'action'), undefined);
    });

    it('When roles and policies are named loosely, then they are normalised', async () => {
      assert.equal(entityOf(await ask('who are the global admins?'), 'role')?.value, 'Global Administrator');
      assert.equal(entityOf(await ask('explain the Block legacy authentication policy'), 'policy')?.text, 'Block legacy authentication');
    });

    it('When the question is out of scope or a greeting, then nothing is attached but a person it names who is in the tenant', async () => {
      assert.deepEqual((await ask('hello')).entities, []);
      assert.deepEqual((await ask('schedule a meeting with the board tomorrow')).entities, []);
      const declined = await ask('schedule a meeting with Megan Bowen tomorrow');
      assert.equal(declined.intent, 'outOfScope');
      assert.deepEqual(declined.entities.map((e) => [e.type, e.displayName]), [['user', 'Megan Bowen']]);
    });
  });

  describe('follow-ups', () => {
    async function chain(texts: string[]): Promise<Understanding[]> {
      let memory: ConversationContext | undefined;
      const out: Understanding[] = [];
      for (const text of texts) {
        const u = await ask(text, { conversation: memory });
        memory = rememberTurn(memory, u.intent, u.entities);
        out.push(u);
      }
      return out;
    }

    it('When "and his groups?" follows a question about a user, then it asks for that user\'s groups', async () => {
      const [, groups] = await chain(["why can't Megan sign in?", 'and her groups?']);
      assert.equal(groups.intent, 'user.groups');
      assert.equal(entityOf(groups, 'user')?.id, MEGAN.id);
      assert.equal(entityOf(groups, 'user')?.source, 'conversation');
      assert.equal(groups.followUp, true);
    });

    it('When "what about yesterday?" follows, then the same question is asked for the new window', async () => {
      const [, again] = await chain(["show Megan's sign-ins today", 'what about yesterday?']);
      assert.equal(again.intent, 'signin.list');
      assert.equal(entityOf(again, 'user')?.id, MEGAN.id);
      assert.equal(entityOf(again, 'timeRange')?.value, 'yesterday');
    });

    it('When "is it risky?" follows a question about an app, then it is about that app', async () => {
      const [, risk] = await chain(['who owns Payroll Connector', 'is it risky?']);
      assert.equal(risk.intent, 'risk.workload');
      assert.equal(entityOf(risk, 'app')?.id, 'sp-payroll');
    });

    it('When a pronoun has nothing to refer to, then no entity is invented', async () => {
      const u = await ask('is she risky?');
      assert.equal(entityOf(u, 'user'), undefined);
    });
  });

  describe('one parse per question', () => {
    afterEach(() => sinon.restore());

    it('When a message is checked for several people and then understood, then its words are parsed once, and understood as a fresh parse would', async () => {
      const recognizer = new GrammarRecognizer({ directory: directory() });
      await recognizer.warm();
      const expected = await new GrammarRecognizer({ directory: directory() }).recognize("Why can't Megan sign in?", { now: NOW });
      const parses = sinon.spy(parse, 'parseQuestion');
      assert.deepEqual(await recognizer.splitQuestions("Why can't Megan sign in?", { now: NOW }), ["Why can't Megan sign in?"]);
      assert.deepEqual(await recognizer.recognize("Why can't Megan sign in?", { now: NOW }), expected);
      assert.equal(parses.callCount, 1, 'the split check and the understanding share one parse');
      await recognizer.recognize("Why can't Megan sign in?", { now: NOW });
      assert.equal(parses.callCount, 2, 'a parse is handed on once: asked again, the words are parsed again');
      await recognizer.splitQuestions("Why can't Megan sign in?", { now: NOW });
      await recognizer.recognize("Why can't Megan sign in?", { now: new Date(NOW.getTime() + 60_000) });
      assert.equal(parses.callCount, 4, 'not at another time (times in the words are read against the clock)');
    });
  });
});
