import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import { generateTenant } from '../src/demo';
import { FILES } from '../src/demo/generate';
import { readReferenceJson } from './support/reference';
import { readValueFile } from './support/jsonFiles';


/** The Graph type each snapshot file holds (named locations carry their own @odata.type). */
const TYPES: Partial<Record<keyof typeof FILES, string | null>> = {
  users: 'user',
  groups: 'group',
  applications: 'application',
  servicePrincipals: 'servicePrincipal',
  signIns: 'signIn',
  directoryAudits: 'directoryAudit',
  riskyUsers: 'riskyUser',
  riskDetections: 'riskDetection',
  riskyServicePrincipals: 'riskyServicePrincipal',
  servicePrincipalRiskDetections: 'servicePrincipalRiskDetection',
  policies: 'conditionalAccessPolicy',
  namedLocations: null,
  roleDefinitions: 'unifiedRoleDefinition',
  roleAssignments: 'unifiedRoleAssignment',
  userRegistrationDetails: 'userRegistrationDetails',
  organization: 'organization',
};

describe('Demo tenant shapes', function () {
  this.timeout(60_000);

  it('When every generated object is checked against the Graph schemas (v1.0 and beta), then none breaks its type', async () => {
    const schemas = readReferenceJson<Record<string, { definitions: Record<string, object> }>>('graph', 'graph-schemas.json');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-shapes-'));
    try {
      await generateTenant({ outDir: dir, users: 120, signIns: 1500, audits: 150 });
      for (const version of ['v1.0', 'beta']) {
        const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
        ajv.addSchema({ $id: 'graph', definitions: schemas[version].definitions });
        const problems: string[] = [];
        for (const [key, type] of Object.entries(TYPES) as Array<[keyof typeof FILES, string | null]>) {
          const items = readValueFile(path.join(dir, FILES[key]));
          for (const item of items) {
            const name = type ? `microsoft.graph.${type}` : String(item['@odata.type']).slice(1);
            const validate = ajv.getSchema(`graph#/definitions/${name}`);
            assert.ok(validate, `${version}: no schema for ${name}`);
            if (!validate(item)) problems.push(`${version} ${FILES[key]} ${String(item.id)}: ${ajv.errorsText(validate.errors)}`);
          }
        }
        assert.deepEqual(problems.slice(0, 5), []);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
