import { strict as assert } from 'node:assert';
import { defaultClients, startLocalEntra, type LocalEntra } from '../src';
import { ensureDemoTenant } from '../src/demo';
import { DEMO_CAPTURED_AT } from '../src/demo/constants';
import { RawCaller } from '../src/testing';

/** Graph's least privileged permission for a service principal's memberships. */
const APPLICATION_READER = {
  clientId: '7a7a7a7a-1111-4222-8333-000000000011',
  clientSecret: 'application-reader-secret',
  displayName: 'Application reader',
  applicationPermissions: ['Application.Read.All'],
};

/** Enough for a user's memberships, not for a service principal's. */
const GROUP_MEMBER_READER = {
  clientId: '7a7a7a7a-1111-4222-8333-000000000012',
  clientSecret: 'group-member-reader-secret',
  displayName: 'Group member reader',
  applicationPermissions: ['GroupMember.Read.All'],
};

const EVENTUAL = { ConsistencyLevel: 'eventual' };

describe('Local Entra: a service principal\'s memberOf and transitiveMemberOf (demo tenant)', function () {
  this.timeout(60_000);
  let entra: LocalEntra;
  let raw: RawCaller;
  let token: string;
  let backupService: string;
  let automationGroup: string;
  let teamsSp: string;

  before(async () => {
    entra = await startLocalEntra({
      tenantDir: await ensureDemoTenant(),
      now: new Date(DEMO_CAPTURED_AT),
      clients: [...defaultClients(), APPLICATION_READER, GROUP_MEMBER_READER],
    });
    raw = new RawCaller(entra);
    token = await raw.appToken();
    const sp = await raw.get(`/v1.0/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Backup Service'")}&$select=id`, token);
    backupService = String(sp.body.value[0].id);
    const group = await raw.get(`/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Automation Service Accounts'")}&$select=id`, token);
    automationGroup = String(group.body.value[0].id);
    const teams = await raw.get(`/v1.0/servicePrincipals?$filter=${encodeURIComponent("displayName eq 'Microsoft Teams'")}&$select=id`, token);
    teamsSp = String(teams.body.value[0].id);
  });
  after(async () => {
    await raw.close();
    await entra.stop();
  });

  it('When a service principal in a group is read, then memberOf and transitiveMemberOf list that group', async () => {
    for (const relation of ['memberOf', 'transitiveMemberOf']) {
      const response = await raw.get(`/v1.0/servicePrincipals/${backupService}/${relation}`, token);
      assert.equal(response.status, 200, `${relation}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body['@odata.context'], `${entra.url}/v1.0/$metadata#directoryObjects`);
      assert.deepEqual(
        response.body.value.map((o) => `${String(o['@odata.type'])} ${String(o.id)}`),
        [`#microsoft.graph.group ${automationGroup}`],
        relation,
      );
      assert.ok(!('members' in response.body.value[0]) && !('owners' in response.body.value[0]), 'references stay out');
    }
  });

  it('When the list is cast to groups as an advanced query, then $count, $select, $filter and /$count work as on a user\'s list', async () => {
    const filter = encodeURIComponent("startsWith(displayName,'Automation')");
    const cast = await raw.get(`/v1.0/servicePrincipals/${backupService}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$filter=${filter}&$count=true`, token, EVENTUAL);
    assert.equal(cast.status, 200, JSON.stringify(cast.body));
    assert.equal(cast.body['@odata.context'], `${entra.url}/v1.0/$metadata#groups(id,displayName)`);
    assert.equal(cast.body['@odata.count'], 1);
    assert.deepEqual(cast.body.value, [{ '@odata.type': '#microsoft.graph.group', id: automationGroup, displayName: 'Automation Service Accounts' }]);
    const counted = await raw.get(`/v1.0/servicePrincipals/${backupService}/memberOf/microsoft.graph.group/$count`, token, EVENTUAL);
    assert.equal(counted.body, 1);
    const roles = await raw.get(`/beta/servicePrincipals/${backupService}/memberOf/microsoft.graph.directoryRole?$count=true`, token, EVENTUAL);
    assert.equal(roles.body['@odata.count'], 0);
  });

  it('When $count=true comes without ConsistencyLevel, then it is ignored; when /$count does, then the directory\'s 400', async () => {
    const ignored = await raw.get(`/v1.0/servicePrincipals/${backupService}/memberOf?$count=true`, token);
    assert.equal(ignored.status, 200);
    assert.ok(!('@odata.count' in ignored.body));
    const refused = await raw.get(`/v1.0/servicePrincipals/${backupService}/memberOf/$count`, token);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.message, '$count is not currently supported.');
  });

  it('When a service principal belongs to nothing, then the list is empty; when it does not exist, then 404', async () => {
    const empty = await raw.get(`/v1.0/servicePrincipals/${teamsSp}/memberOf`, token);
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body.value, []);
    const missing = await raw.get('/v1.0/servicePrincipals/00000000-0000-0000-0000-000000000000/transitiveMemberOf', token);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'Request_ResourceNotFound');
  });

  it('When the caller holds Application.Read.All, then the list is served; with only GroupMember.Read.All, then 403', async () => {
    const allowed = await raw.get(`/v1.0/servicePrincipals/${backupService}/memberOf`, await raw.appToken(APPLICATION_READER));
    assert.equal(allowed.status, 200, JSON.stringify(allowed.body));
    const denied = await raw.get(`/v1.0/servicePrincipals/${backupService}/memberOf`, await raw.appToken(GROUP_MEMBER_READER));
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'Authorization_RequestDenied');
  });

  it('When service principals are read with $expand=memberOf, then each carries its groups', async () => {
    const response = await raw.get(`/v1.0/servicePrincipals/${backupService}?$select=id&$expand=memberOf($select=id)`, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.memberOf, [{ '@odata.type': '#microsoft.graph.group', id: automationGroup }]);
  });
});
