import { strict as assert } from 'node:assert';
import { PageIterator } from '@microsoft/microsoft-graph-client';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Agent } from 'undici';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { RawCaller, startMini, type GraphBody, type GraphItem } from '../src/testing';
import { appCredential, graphClient, oboCredential } from './support/sdkClients';

const GUEST_UPN = 'adele.vance_fabrikam.com#EXT#@contoso.onmicrosoft.com';
const SECOPS_GROUP = '1a2b3c4d-0000-4000-8000-000000000103';
const IT_GROUP = '1a2b3c4d-0000-4000-8000-000000000104';
const ALL_EMPLOYEES = '1a2b3c4d-0000-4000-8000-000000000101';
const GLOBAL_ADMIN_TEMPLATE = '62e90394-69f5-4237-9190-012177145e10';

describe('Local Entra Graph surface', () => {
  let entra: LocalEntra;
  let app: Client;
  let admin: Client;
  const dispatchers: Agent[] = [];
  let raw: RawCaller;
  let appToken: string;

  before(async () => {
    entra = await startMini();
    const appSide = graphClient(entra, appCredential(entra));
    const adminSide = graphClient(entra, await oboCredential(entra, DEMO_ADMIN.id));
    app = appSide.client;
    admin = adminSide.client;
    dispatchers.push(appSide.dispatcher, adminSide.dispatcher);
    raw = new RawCaller(entra);
    appToken = await raw.appToken();
  });
  after(async () => {
    await Promise.all(dispatchers.map((d) => d.close()));
    await raw.close();
    await entra.stop();
  });

  it('When the Graph client pages through users, then every user comes back once over the nextLinks', async () => {
    const first = (await app.api('/users').top(5).get()) as GraphBody;
    assert.ok(first['@odata.nextLink']);
    const seen: string[] = [];
    await new PageIterator(app, first, (user: { id: string }) => {
      seen.push(user.id);
      return true;
    }).iterate();
    assert.equal(seen.length, 12);
    assert.equal(new Set(seen).size, 12);
  });

  it('When a guest is read by its URL-encoded #EXT# userPrincipalName, then the user is found', async () => {
    const guest = (await app.api(`/users/${encodeURIComponent(GUEST_UPN)}`).select('id,userType,userPrincipalName').get()) as GraphBody;
    assert.equal(guest.userPrincipalName, GUEST_UPN);
    assert.equal(guest.userType, 'Guest');
  });

  it("When users are filtered on a name with an apostrophe, then O'Brien is found", async () => {
    const result = (await app.api('/users').filter("startsWith(displayName,'Patrick O''Brien')").get()) as GraphBody;
    assert.deepEqual(result.value.map((u) => u.displayName), ["Patrick O'Brien"]);
  });

  it('When /me is called with a delegated token, then it is the signed-in user; with an app token, then 400', async () => {
    const me = (await admin.api('/me').get()) as GraphBody;
    assert.equal(me.id, DEMO_ADMIN.id);
    const appOnly = await raw.get('/v1.0/me', appToken);
    assert.equal(appOnly.status, 400);
    assert.equal(appOnly.body.error.message, '/me request is only valid with delegated authentication flow.');
  });

  it('When a user\'s memberships are read, then transitiveMemberOf holds nested groups and the role held through a group', async () => {
    const direct = (await app.api(`/users/${DEMO_SECURITY_ADMIN.id}/memberOf`).get()) as GraphBody;
    assert.deepEqual(direct.value.map((o) => o.id), [SECOPS_GROUP]);
    const transitive = (await app.api(`/users/${DEMO_SECURITY_ADMIN.id}/transitiveMemberOf`).get()) as GraphBody;
    const types = transitive.value.map((o) => `${String(o['@odata.type'])}:${String(o.displayName)}`);
    assert.ok(types.includes('#microsoft.graph.group:IT Staff'));
    assert.ok(types.includes('#microsoft.graph.directoryRole:Security Administrator'));
    const groupsOnly = (await app.api(`/users/${DEMO_SECURITY_ADMIN.id}/transitiveMemberOf/microsoft.graph.group`).get()) as GraphBody;
    assert.ok(groupsOnly.value.every((o) => o['@odata.type'] === '#microsoft.graph.group'));
    assert.match(String(groupsOnly['@odata.context']), /#groups$/);
  });

  it('When group members are read, then direct, transitive, cast and owners lists follow the snapshot', async () => {
    const members = (await app.api(`/groups/${ALL_EMPLOYEES}/members`).get()) as GraphBody;
    assert.equal(members.value.length, 8);
    const transitive = (await app.api(`/groups/${ALL_EMPLOYEES}/transitiveMembers/microsoft.graph.user`).get()) as GraphBody;
    assert.equal(transitive.value.length, 7, 'Marketing members are already direct members');
    const itMembers = (await app.api(`/groups/${IT_GROUP}/transitiveMembers`).get()) as GraphBody;
    assert.ok(itMembers.value.some((o) => o.id === DEMO_SECURITY_ADMIN.id));
    const owners = (await app.api(`/groups/${SECOPS_GROUP}/owners`).get()) as GraphBody;
    assert.deepEqual(owners.value.map((o) => o.id), [DEMO_ADMIN.id]);
  });

  it('When a cast list is counted with /$count, then the count is of that type only (…/microsoft.graph.user/$count)', async () => {
    const all = (await app.api(`/groups/${ALL_EMPLOYEES}/transitiveMembers/$count`).header('ConsistencyLevel', 'eventual').get()) as number | string;
    const users = (await app.api(`/groups/${ALL_EMPLOYEES}/transitiveMembers/microsoft.graph.user/$count`).header('ConsistencyLevel', 'eventual').get()) as number | string;
    assert.equal(Number(users), 7);
    assert.ok(Number(all) > Number(users), `all ${String(all)}, users ${String(users)}`);
  });

  it('When directory roles are listed, then only activated roles appear and their members are readable by template id', async () => {
    const roles = (await app.api('/directoryRoles').get()) as GraphBody;
    assert.deepEqual(roles.value.map((r) => r.displayName).sort(), ['Global Administrator', 'Global Reader', 'Security Administrator', 'Security Reader']);
    const members = (await app.api(`/directoryRoles(roleTemplateId='${GLOBAL_ADMIN_TEMPLATE}')/members`).get()) as GraphBody;
    assert.deepEqual(members.value.map((m) => m.id), [DEMO_ADMIN.id]);
    const missing = await raw.get(`/v1.0/directoryRoles(roleTemplateId='fe930be7-5e62-47db-91af-98c3a49a38b1')`, appToken);
    assert.equal(missing.status, 404);
  });

  it('When role assignments are expanded with principal, then the principal object is inlined', async () => {
    const result = (await app.api('/roleManagement/directory/roleAssignments').filter(`roleDefinitionId eq '${GLOBAL_ADMIN_TEMPLATE}'`).expand('principal').get()) as GraphBody;
    assert.equal(result.value.length, 1);
    const principal = result.value[0].principal as GraphItem;
    assert.equal(principal.id, DEMO_ADMIN.id);
    assert.equal(principal['@odata.type'], '#microsoft.graph.user');
  });

  it('When $select and $expand are combined, then the expanded navigation property is returned as a single object', async () => {
    const user = (await app.api('/users/alex.wilber@contoso.com').select('displayName').expand('manager').get()) as GraphBody;
    assert.equal(user.displayName, 'Alex Wilber');
    assert.equal((user.manager as GraphItem | undefined)?.id, '1a2b3c4d-0000-4000-8000-000000000006', 'manager kept despite $select, and not as a list');
    const assignments = (await app.api('/roleManagement/directory/roleAssignments').filter(`roleDefinitionId eq '${GLOBAL_ADMIN_TEMPLATE}'`).select('principalId').expand('principal').get()) as GraphBody;
    assert.equal((assignments.value[0].principal as GraphItem).id, DEMO_ADMIN.id);
  });

  it('When risk history and app owners are read, then they come from the snapshot objects', async () => {
    const history = (await app.api('/identityProtection/riskyUsers/1a2b3c4d-0000-4000-8000-000000000006/history').get()) as GraphBody;
    assert.equal(history.value.length, 2);
    const spHistory = (await app.api('/identityProtection/riskyServicePrincipals/1a2b3c4d-0000-4000-8000-000000000301/history').get()) as GraphBody;
    assert.equal(spHistory.value.length, 1);
    const owners = (await app.api('/applications/1a2b3c4d-0000-4000-8000-000000000201/owners').get()) as GraphBody;
    assert.equal(owners.value[0].displayName, "Patrick O'Brien");
    const spOwners = (await app.api('/servicePrincipals/1a2b3c4d-0000-4000-8000-000000000301/owners').get()) as GraphBody;
    assert.equal(spOwners.value.length, 1);
  });

  it('When sign-ins are listed, then v1.0 has interactive ones without beta-only fields and beta can ask for non-interactive ones', async () => {
    const v1 = (await app.api('/auditLogs/signIns').get()) as GraphBody;
    assert.ok(v1.value.length > 0);
    assert.ok(v1.value.every((s: Record<string, unknown>) => s.isInteractive === true));
    assert.ok(v1.value.every((s: Record<string, unknown>) => !('signInEventTypes' in s) && !('authenticationDetails' in s) && !('mfaDetail' in s)));
    const beta = (await app.api('/auditLogs/signIns').version('beta').filter("signInEventTypes/any(t: t eq 'nonInteractiveUser')").get()) as GraphBody;
    assert.equal(beta.value.length, 2);
    assert.ok(beta.value.every((s) => (s.signInEventTypes as string[]).includes('nonInteractiveUser')));
  });

  it('When the organization and the remaining collections are read, then each answers 200 with an @odata.context', async () => {
    for (const path of [
      '/organization',
      '/groups',
      '/applications',
      '/servicePrincipals',
      '/auditLogs/directoryAudits',
      '/identityProtection/riskyUsers',
      '/identityProtection/riskDetections',
      '/identityProtection/riskyServicePrincipals',
      '/identityProtection/servicePrincipalRiskDetections',
      '/identity/conditionalAccess/policies',
      '/identity/conditionalAccess/namedLocations',
      '/roleManagement/directory/roleDefinitions',
      '/reports/authenticationMethods/userRegistrationDetails',
    ]) {
      const response = await raw.get(`/v1.0${path}`, appToken);
      assert.equal(response.status, 200, `${path}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body['@odata.context'], `${entra.url}/v1.0/$metadata#${path.slice(1)}`);
      assert.ok(Array.isArray(response.body.value) && response.body.value.length > 0, path);
    }
  });

  it('When any response comes back, then it carries request-id, the echoed client-request-id and a JSON content type', async () => {
    const response = await raw.get('/v1.0/users?$top=1', appToken, { 'client-request-id': 'my-correlation-1' });
    assert.ok(response.headers.get('request-id'));
    assert.equal(response.headers.get('client-request-id'), 'my-correlation-1');
    assert.match(String(response.headers.get('content-type')), /^application\/json/);
  });

  it('When an unknown user is read, then the 404 body is Graph\'s with innerError date, request-id and client-request-id', async () => {
    const response = await raw.get('/v1.0/users/00000000-0000-0000-0000-000000000000', appToken, { 'client-request-id': 'abc' });
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, 'Request_ResourceNotFound');
    assert.match(String(response.body.error.innerError?.date), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    assert.equal(response.body.error.innerError?.['request-id'], response.headers.get('request-id'));
    assert.equal(response.body.error.innerError?.['client-request-id'], 'abc');
  });

  it('When /users/$count is asked without and with ConsistencyLevel, then 400 and then the number', async () => {
    const refused = await raw.get('/v1.0/users/$count', appToken);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '$count is not currently supported.');
    const counted = await raw.get('/v1.0/users/$count', appToken, { ConsistencyLevel: 'eventual' });
    assert.equal(counted.body, 12);
  });

  describe('relationship counts in $filter (owners/$count)', () => {
    const EVENTUAL = { ConsistencyLevel: 'eventual' };
    const query = (collection: string, filter: string, advanced = true) =>
      raw.get(`/v1.0/${collection}?$filter=${encodeURIComponent(filter)}${advanced ? '&$count=true' : ''}&$select=id,displayName`, appToken, advanced ? EVENTUAL : undefined);

    it('When groups are filtered on owners/$count eq 0 with advanced parameters, then the ownerless group comes back with its count', async () => {
      const response = await query('groups', 'owners/$count eq 0');
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.deepEqual(response.body.value.map((g) => g.id), [IT_GROUP]);
      assert.equal(response.body['@odata.count'], 1);
      assert.ok(!('owners' in response.body.value[0]), 'the references stay out of the answer');
      const others = await query('groups', 'owners/$count ne 0');
      assert.equal(others.body['@odata.count'], 4);
      const single = await query('groups', 'not(owners/$count eq 1)');
      assert.deepEqual(single.body.value.map((g) => g.id), [IT_GROUP]);
    });

    it('When owners/$count is filtered without advanced parameters, then Graph\'s advanced-only refusals come back', async () => {
      const eq = await query('groups', 'owners/$count eq 0', false);
      assert.equal(eq.status, 400);
      assert.equal(eq.body.error.code, 'Request_UnsupportedQuery');
      assert.equal(eq.body.error.message, "Unsupported or invalid query filter clause specified for property 'owners/$count' of resource 'Group'.");
      const ne = await query('groups', 'owners/$count ne 0', false);
      assert.equal(ne.status, 400);
      assert.equal(ne.body.error.message, "Filter operator 'NotEqualsMatch' is not supported.");
      const headerOnly = await raw.get(`/v1.0/groups?$filter=${encodeURIComponent('owners/$count eq 0')}`, appToken, EVENTUAL);
      assert.equal(headerOnly.status, 400, 'the header without $count=true is not an advanced query');
    });

    it('When owners/$count is compared with anything but eq/ne 0 or 1, or members/$count is used, then 400 even with advanced parameters', async () => {
      for (const [filter, property] of [
        ['owners/$count eq 2', 'owners/$count'],
        ['owners/$count ge 1', 'owners/$count'],
        ['owners/$count in (0,1)', 'owners/$count'],
        ['members/$count eq 0', 'members/$count'],
      ]) {
        const response = await query('groups', filter);
        assert.equal(response.status, 400, filter);
        assert.equal(response.body.error.message, `Unsupported or invalid query filter clause specified for property '${property}' of resource 'Group'.`, filter);
      }
    });

    it('When applications and service principals are filtered on owners/$count, then the snapshot owners decide', async () => {
      const ownerlessSps = await query('servicePrincipals', 'owners/$count eq 0');
      assert.equal(ownerlessSps.status, 200, JSON.stringify(ownerlessSps.body));
      assert.deepEqual(ownerlessSps.body.value.map((sp) => sp.displayName), ['Microsoft Graph']);
      const ownedApps = await query('applications', 'owners/$count eq 1');
      assert.equal(ownedApps.body['@odata.count'], 3);
      const refused = await query('applications', 'owners/$count eq 0', false);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.message, "Unsupported or invalid query filter clause specified for property 'owners/$count' of resource 'Application'.");
    });
  });
});
