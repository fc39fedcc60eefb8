import { strict as assert } from 'node:assert';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DEMO_ADMIN } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { readReferenceJson } from './support/reference';
import { RawCaller, startMini } from '../src/testing';

type Definitions = Record<string, { allOf?: Array<{ $ref?: string }>; properties?: Record<string, unknown>; 'x-beta-prod-only-names'?: string[]; 'x-openType'?: boolean }>;

/** Every Graph path the bot reads, and the type of its items (by @odata.type when the list is mixed). */
const ENDPOINTS: Array<[string, string]> = [
  ['/organization', 'organization'],
  ['/users', 'user'],
  [`/users/${DEMO_ADMIN.id}?$select=id,displayName,signInActivity,accountEnabled,userType`, 'user'],
  [`/users/${DEMO_ADMIN.id}/memberOf`, '*'],
  [`/users/${DEMO_ADMIN.id}/transitiveMemberOf`, '*'],
  ['/groups', 'group'],
  ['/groups/1a2b3c4d-0000-4000-8000-000000000101/members', '*'],
  ['/groups/1a2b3c4d-0000-4000-8000-000000000104/transitiveMembers', '*'],
  ['/groups/1a2b3c4d-0000-4000-8000-000000000101/owners', '*'],
  ['/applications', 'application'],
  ['/applications/1a2b3c4d-0000-4000-8000-000000000201/owners', '*'],
  ['/servicePrincipals', 'servicePrincipal'],
  ['/servicePrincipals/1a2b3c4d-0000-4000-8000-000000000301/owners', '*'],
  ['/directoryRoles', 'directoryRole'],
  ['/directoryRoles/roleTemplateId=62e90394-69f5-4237-9190-012177145e10/members', '*'],
  ['/roleManagement/directory/roleAssignments', 'unifiedRoleAssignment'],
  ['/roleManagement/directory/roleDefinitions', 'unifiedRoleDefinition'],
  ['/auditLogs/signIns', 'signIn'],
  ['/auditLogs/directoryAudits', 'directoryAudit'],
  ['/identityProtection/riskyUsers', 'riskyUser'],
  ['/identityProtection/riskyUsers/1a2b3c4d-0000-4000-8000-000000000006/history', 'riskyUserHistoryItem'],
  ['/identityProtection/riskDetections', 'riskDetection'],
  ['/identityProtection/riskyServicePrincipals', 'riskyServicePrincipal'],
  ['/identityProtection/riskyServicePrincipals/1a2b3c4d-0000-4000-8000-000000000301/history', 'riskyServicePrincipalHistoryItem'],
  ['/identityProtection/servicePrincipalRiskDetections', 'servicePrincipalRiskDetection'],
  ['/identity/conditionalAccess/policies', 'conditionalAccessPolicy'],
  ['/identity/conditionalAccess/namedLocations', '*'],
  ['/reports/authenticationMethods/userRegistrationDetails', 'userRegistrationDetails'],
];

function declared(definitions: Definitions, name: string, beta: boolean): Set<string> {
  const definition = definitions[name];
  const names = new Set([...Object.keys(definition?.properties ?? {}), ...(beta ? definition?.['x-beta-prod-only-names'] ?? [] : [])]);
  for (const part of definition?.allOf ?? []) {
    if (part.$ref) declared(definitions, part.$ref.split('/').pop() as string, beta).forEach((p) => names.add(p));
  }
  return names;
}

describe('Local Entra responses against the Graph JSON Schemas', function () {
  let entra: LocalEntra;
  let raw: RawCaller;
  let token: string;
  let schemas: Record<'v1.0' | 'beta', { definitions: Definitions }>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  before(async () => {
    schemas = readReferenceJson('graph', 'graph-schemas.json');
    for (const version of ['v1.0', 'beta'] as const) ajv.addSchema({ $id: `graph-${version}`, definitions: schemas[version].definitions });
    entra = await startMini();
    raw = new RawCaller(entra);
    token = await raw.appToken();
  });
  after(async () => {
    await raw?.close();
    await entra?.stop();
  });

  for (const version of ['v1.0', 'beta'] as const) {
    for (const [endpoint, type] of ENDPOINTS) {
      it(`When ${version}${endpoint.split('?')[0]} answers, then each object validates and declares no property its version lacks`, async () => {
        const response = await raw.get(`/${version}${endpoint}`, token);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        const items: Array<Record<string, unknown>> = Array.isArray(response.body.value) ? response.body.value : [response.body];
        assert.ok(items.length > 0, 'the mini tenant has data for every endpoint');
        for (const item of items) {
          const typeName = `microsoft.graph.${type === '*' ? String(item['@odata.type']).replace('#microsoft.graph.', '') : type}`;
          const validate: ValidateFunction = ajv.getSchema(`graph-${version}#/definitions/${typeName}`) as ValidateFunction;
          assert.ok(validate, `schema for ${typeName}`);
          const { '@odata.context': _context, '@odata.type': _type, ...body } = item;
          assert.ok(validate(body), `${typeName} ${String(item.id)}: ${ajv.errorsText(validate.errors)}`);
          const known = declared(schemas[version].definitions, typeName, version === 'beta');
          const undeclared = Object.keys(body).filter((key) => !known.has(key));
          assert.deepEqual(undeclared, [], `${typeName} ${String(item.id)} on ${version}`);
        }
      });
    }
  }
});
