import { strict as assert } from 'node:assert';
import { ENDPOINT_REQUIREMENTS, LOCAL_BOT_APPLICATION_PERMISSIONS, LOCAL_BOT_DELEGATED_SCOPES, ROLE_TEMPLATE_IDS, deniedBodies as localEntraDenied } from '@entra-assistant/local-entra';
import { BOT_APPLICATION_PERMISSIONS, BOT_DELEGATED_SCOPES, BUILT_IN_ROLES, ENDPOINT_PERMISSIONS, deniedBodies, type EndpointPermission } from '../../src/graph/permissions';

/**
 * The bot's permission table (src/graph/permissions.ts) and the local Entra's (packages/local-entra/src/permissions.ts)
 * are written separately from Microsoft's pages on purpose; here they must agree, so a slip in either is seen.
 */
describe('The bot\'s permission table against the local Entra\'s', () => {
  const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();

  it('When both tables are read, then they name the same endpoints', () => {
    assert.deepEqual(Object.keys(ENDPOINT_PERMISSIONS).sort(), Object.keys(ENDPOINT_REQUIREMENTS).sort());
  });

  for (const [key, bot] of Object.entries(ENDPOINT_PERMISSIONS) as Array<[keyof typeof ENDPOINT_PERMISSIONS, EndpointPermission]>) {
    it(`When ${key} is compared, then the permissions, the roles (by template id) and the refusals agree`, () => {
      const local = ENDPOINT_REQUIREMENTS[key];
      assert.ok(local, `the local Entra has no ${key}`);
      assert.deepEqual(sorted(bot.application), sorted(local.application), 'application permissions');
      assert.deepEqual(sorted(bot.delegated), sorted(local.delegated), 'delegated permissions');
      const localRoles = 'roles' in local ? local.roles : undefined;
      assert.deepEqual(sorted(bot.roles?.map((role) => BUILT_IN_ROLES[role])), sorted(localRoles?.map((role) => ROLE_TEMPLATE_IDS[role])), 'roles');
      assert.deepEqual(deniedBodies(bot), localEntraDenied(local), 'refusal bodies');
    });
  }

  it('When the demo tenant\'s consent for the bot is read, then it grants exactly what the bot asks for', () => {
    assert.deepEqual(sorted(LOCAL_BOT_APPLICATION_PERMISSIONS), sorted(BOT_APPLICATION_PERMISSIONS));
    assert.deepEqual(sorted(LOCAL_BOT_DELEGATED_SCOPES), sorted(BOT_DELEGATED_SCOPES));
  });
});
