import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { askAll, type AskAnswer } from '../../src/cli/ask';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER, LOCAL_BOT_CLIENT } from '@entra-assistant/local-entra';
import { createGraphClient } from '../../src/graph/client';
import { cardToText } from '../../src/cards/cardText';
import { buttonsOf, TeamsChat, type Card } from '../support/teamsChat';
import { DemoStack } from '../support/demoStack';

/**
 * Who may act on whom, asked through the bot's HTTP endpoint. The expectations are written here from Microsoft's
 * tables, not taken from src/: "Who can perform sensitive actions" (disable), "Who can reset passwords" (its columns
 * also invalidate refresh tokens), https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions,
 * and Identity Protection's "Required roles" (risk decisions, whoever the target is),
 * https://learn.microsoft.com/entra/id-protection/overview-identity-protection.
 */
const ACTORS = {
  globalAdministrator: { upn: DEMO_ADMIN.userPrincipalName, name: DEMO_ADMIN.displayName },
  globalReader: { upn: DEMO_READER.userPrincipalName, name: DEMO_READER.displayName },
  securityAdministrator: { upn: DEMO_SECURITY_ADMIN.userPrincipalName, name: DEMO_SECURITY_ADMIN.displayName },
  securityReader: { upn: DEMO_SECURITY_READER.userPrincipalName, name: DEMO_SECURITY_READER.displayName },
  securityOperator: { upn: 'henrietta.mueller@contoso.com', name: 'Henrietta Mueller' }, // through the Security Operations group
  // Also Privileged Role Administrator, and Security Operator through the Security Operations group.
  userAdministrator: { upn: 'pradeep.gupta@contoso.com', name: 'Pradeep Gupta' },
  conditionalAccessAdministrator: { upn: 'raul.razo@contoso.com', name: 'Raul Razo' },
  applicationAdministrator: { upn: 'miriam.graham@contoso.com', name: 'Miriam Graham' },
  authenticationAdministrator: { upn: 'enrico.cattaneo@contoso.com', name: 'Enrico Cattaneo' }, // also Helpdesk Administrator (group)
  groupsAdministrator: { upn: 'debra.berger@contoso.com', name: 'Debra Berger' },
  reportsReader: { upn: 'irvin.sayers@contoso.com', name: 'Irvin Sayers' },
  helpdeskAdministrator: { upn: 'christie.cline@contoso.com', name: 'Christie Cline' }, // through the Helpdesk Operators group
} as const;
type Actor = keyof typeof ACTORS;

const TARGETS = {
  noRole: { upn: DEMO_MEMBER.userPrincipalName, name: DEMO_MEMBER.displayName, id: DEMO_MEMBER.id },
  helpdeskAdministrator: { upn: 'christie.cline@contoso.com', name: 'Christie Cline', id: '0b9a4594-6ccd-4ae0-b7b9-71172c413147' },
  globalAdministrator: { upn: 'isaiah.langer@contoso.com', name: 'Isaiah Langer', id: '2af31a36-efbc-42ab-a450-4f72ac3a385d' },
} as const;
type Target = keyof typeof TARGETS;

const MITIGATIONS = {
  disable: (t: { upn: string }) => `disable ${t.upn}`,
  revokeSessions: (t: { name: string }) => `revoke ${t.name}'s sessions`,
  confirmCompromised: (t: { name: string }) => `confirm ${t.name} as compromised`,
  dismiss: (t: { name: string }) => `dismiss ${t.name}'s risk`,
  confirmSafe: (t: { name: string }) => `confirm ${t.name} as safe`,
} as const;
type Mitigation = keyof typeof MITIGATIONS;

const RISK: Actor[] = ['globalAdministrator', 'securityAdministrator', 'securityOperator', 'userAdministrator'];
/** Which demo actors may, per Microsoft's tables (the demo tenant has no Privileged Authentication or Password Administrator). */
const EXPECTED: Record<Mitigation, Record<Target, Actor[]>> = {
  disable: {
    noRole: ['globalAdministrator', 'userAdministrator', 'authenticationAdministrator'],
    helpdeskAdministrator: ['globalAdministrator', 'userAdministrator'],
    globalAdministrator: ['globalAdministrator'],
  },
  revokeSessions: {
    noRole: ['globalAdministrator', 'userAdministrator', 'authenticationAdministrator', 'helpdeskAdministrator'],
    helpdeskAdministrator: ['globalAdministrator', 'userAdministrator', 'authenticationAdministrator', 'helpdeskAdministrator'],
    globalAdministrator: ['globalAdministrator'],
  },
  confirmCompromised: { noRole: RISK, helpdeskAdministrator: RISK, globalAdministrator: RISK },
  dismiss: { noRole: RISK, helpdeskAdministrator: RISK, globalAdministrator: RISK },
  confirmSafe: { noRole: RISK, helpdeskAdministrator: RISK, globalAdministrator: RISK },
};

type Outcome = 'offered' | 'refused' | 'own account';

function outcomeOf(answer: AskAnswer): { outcome: Outcome | 'unclear'; text: string } {
  const text = answer.cards.length ? answer.cards.map((c) => cardToText(c)).join('\n') : answer.text;
  if (/which is your own account/.test(text)) return { outcome: 'own account', text };
  if (/you need one of these Microsoft Entra roles|may do that to an account holding it/.test(text)) return { outcome: 'refused', text };
  // A confirmation card, or the role passed and the state says there is nothing to do.
  if (answer.cards.length && /Confirm/.test(text)) return { outcome: 'offered', text };
  if (/has no open risk|is already/.test(text)) return { outcome: 'offered', text };
  return { outcome: 'unclear', text };
}

describe('Who may act on whom: every demo admin role × every mitigation × three targets (issue #15, item 3)', function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let tenantDir: string;

  before(async () => {
    tenantDir = await ensureDemoTenant();
    stack = await new DemoStack(tenantDir, { SSO_ENABLED: 'on', SSO_APP_ID: LOCAL_BOT_CLIENT.clientId }).start();
  });
  after(async () => {
    await stack?.stop();
  });

  it('When each admin signed in with single sign-on asks for each mitigation on a user with no role, a Helpdesk Administrator and a Global Administrator, then the card comes exactly where Microsoft\'s tables allow it', async () => {
    const wrong: string[] = [];
    for (const [mitigation, ask] of Object.entries(MITIGATIONS) as Array<[Mitigation, (t: { upn: string; name: string }) => string]>) {
      for (const [targetKey, target] of Object.entries(TARGETS) as Array<[Target, (typeof TARGETS)[Target]]>) {
        for (const [actorKey, actor] of Object.entries(ACTORS) as Array<[Actor, (typeof ACTORS)[Actor]]>) {
          const [answer] = await askAll([{ conversation: randomUUID(), as: actor.upn, text: ask(target) }], stack.botUrl, stack.connectorServer, tenantDir, { ssoToken: (id) => stack.userToken(id) });
          const expected: Outcome = actor.upn === target.upn ? 'own account' : EXPECTED[mitigation][targetKey].includes(actorKey) ? 'offered' : 'refused';
          const { outcome, text } = outcomeOf(answer);
          if (outcome !== expected) wrong.push(`${actorKey} × ${mitigation} × ${targetKey}: expected ${expected}, got ${outcome}: ${text.slice(0, 160)}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('When a User Administrator asks to disable a Global Administrator, then the refusal names the role the target holds and the roles that may', async () => {
    const [answer] = await askAll([{ conversation: randomUUID(), as: ACTORS.userAdministrator.upn, text: MITIGATIONS.disable(TARGETS.globalAdministrator) }], stack.botUrl, stack.connectorServer, tenantDir, {
      ssoToken: (id) => stack.userToken(id),
    });
    assert.equal(answer.cards.length, 0, 'no confirmation card');
    assert.match(answer.text, /Isaiah Langer holds Global Administrator, and in Microsoft Entra only Privileged Authentication Administrator or Global Administrator may do that to an account holding it\. Your roles do not allow it[^]*Nothing was changed\./);
  });

  it('When a User Administrator clicks Confirm on a Global Administrator\'s card to disable another Global Administrator, then it is refused on the card and the account stays enabled', async () => {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, tenantDir);
    assert.equal(await chat.signIn(DEMO_ADMIN.userPrincipalName, await stack.userToken(DEMO_ADMIN.id)), 200);
    const asked = await chat.say(MITIGATIONS.disable(TARGETS.globalAdministrator), DEMO_ADMIN.userPrincipalName);
    const card = asked.cards[0];
    assert.ok(card && buttonsOf(card).some((b) => b.title === 'Disable account'), `the confirmation card for the Global Administrator: ${asked.text}`);
    const pradeepId = '21095052-b695-4c12-be67-077ec7e4f09f';
    assert.equal(await chat.signIn(ACTORS.userAdministrator.upn, await stack.userToken(pradeepId)), 200);
    const clicked = await chat.execute(card, 'Disable account', ACTORS.userAdministrator.upn);
    assert.equal(clicked.status, 200);
    assert.match(cardToText(clicked.body.value), /only Privileged Authentication Administrator or Global Administrator may do that[^]*Nothing was changed\./);
    const user = (await createGraphClient(stack.graphConfig).api(`/users/${TARGETS.globalAdministrator.id}`).select('accountEnabled').get()) as { accountEnabled: boolean };
    assert.equal(user.accountEnabled, true, 'nothing was changed');
  });
});

describe('Who may act on whom with the bot\'s app-only token (issue #15, item 3)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await new DemoStack(await ensureDemoTenant()).start();
  });
  after(async () => {
    await stack?.stop();
  });

  it('When a Global Administrator asks the bot without single sign-on to disable another Global Administrator, then no card comes: the bot\'s app holds no role that may, and it says so', async () => {
    const answer = await stack.ask(MITIGATIONS.disable(TARGETS.globalAdministrator), DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text, /Your roles allow it, but without single sign-on I act with this bot's own app registration, and it holds no role that may change such an account/);
  });

  it('When a Global Administrator asks the bot without single sign-on to disable a user with no role, then the confirmation card comes', async () => {
    const answer = await stack.ask(MITIGATIONS.disable(TARGETS.noRole), DEMO_ADMIN.userPrincipalName);
    assert.ok(answer.cards.some((c) => buttonsOf(c as Card).some((b) => b.title === 'Disable account')), answer.text);
  });
});
