import { strict as assert } from 'node:assert';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { startMini } from '@entra-assistant/local-entra/testing';
import { createGraphClient } from '../../src/graph/client';
import { GraphDirectory, odataString, userNameFilter } from '../../src/graph/directory';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';

describe('GraphDirectory: name resolution over Graph', () => {
  describe('OData quoting', () => {
    it("When a name holds an apostrophe (O'Brien), then the filter literal doubles it", () => {
      assert.equal(odataString("O'Brien"), "'O''Brien'");
      assert.equal(userNameFilter("O'Brien"), "startswith(displayName,'O''Brien') or startswith(givenName,'O''Brien') or startswith(surname,'O''Brien')");
    });

    it('When a name tries to close the literal and add a clause, then it stays inside the literal', () => {
      assert.equal(odataString("x' or 1 eq 1 or displayName eq 'y"), "'x'' or 1 eq 1 or displayName eq ''y'");
    });
  });

  describe('against the local Entra (mini tenant)', () => {
    let entra: LocalEntra;
    let directory: GraphDirectory;
    let local: LocalGraphConfig;

    before(async () => {
      entra = await startMini();
      local = localGraphConfig(entra);
      const client = createGraphClient(local.config);
      directory = new GraphDirectory(client);
    });

    after(async () => {
      await entra.stop();
      local.dispose();
    });

    it('When a UPN is given in odd case, then the user is found by an exact userPrincipalName filter', async () => {
      const { result, graphRequests } = await collectGraphRequests(() => directory.findUsers('MEGAN.Bowen@Contoso.com'));
      assert.deepEqual(result.matches.map((m) => m.displayName), ['Megan Bowen']);
      assert.equal(result.matches[0].userPrincipalName, 'megan.bowen@contoso.com');
      assert.match(decodeURIComponent(graphRequests[0].url), /\$filter=userPrincipalName eq 'MEGAN\.Bowen@Contoso\.com'/);
    });

    it("When a guest's #EXT# UPN is given, then the # survives the URL and the guest is found", async () => {
      const result = await directory.findUsers('adele.vance_fabrikam.com#EXT#@contoso.onmicrosoft.com');
      assert.deepEqual(result.matches.map((m) => m.displayName), ['Adele Vance (Fabrikam)']);
    });

    it("When a guest's home address is given, then the guest is found by mail", async () => {
      const result = await directory.findUsers('adele.vance@fabrikam.com');
      assert.deepEqual(result.matches.map((m) => m.displayName), ['Adele Vance (Fabrikam)']);
    });

    it("When a surname with an apostrophe is asked (O'Brien), then Graph accepts the filter and finds him", async () => {
      const result = await directory.findUsers("O'Brien");
      assert.deepEqual(result.matches.map((m) => m.displayName), ["Patrick O'Brien"]);
    });

    it('When a first name is asked, then the user with that first name is the match', async () => {
      const result = await directory.findUsers('megan');
      assert.deepEqual(result.matches.map((m) => m.id).length, 1);
      assert.equal(result.matches[0].displayName, 'Megan Bowen');
    });

    it('When a word inside a display name is asked, then the $search fallback finds it with ConsistencyLevel eventual', async () => {
      const { result, graphRequests } = await collectGraphRequests(() => directory.findUsers('Fabrikam'));
      assert.deepEqual(result.matches.map((m) => m.displayName), ['Adele Vance (Fabrikam)']);
      assert.ok(graphRequests.some((r) => decodeURIComponent(r.url).includes('$search="displayName:Fabrikam"')), JSON.stringify(graphRequests));
    });

    it('When nobody matches a misspelt name, then nothing resolves and the closest names are suggested', async () => {
      const result = await directory.findUsers('Megn');
      assert.deepEqual(result.matches, []);
      assert.deepEqual(result.suggestions, ['Megan Bowen']);
    });

    it('When an app is asked by name or by appId, then its service principal is found with its appId', async () => {
      const byName = await directory.findApps('payroll connector');
      assert.deepEqual(byName.matches.map((m) => m.displayName), ['Payroll Connector']);
      assert.ok(byName.matches[0].appId);
      const byAppId = await directory.findApps(byName.matches[0].appId);
      assert.equal(byAppId.matches[0].id, byName.matches[0].id);
    });

    it('When a group is asked by name, then it is found; an unknown group suggests near names', async () => {
      const found = await directory.findGroups('IT Staff');
      assert.deepEqual(found.matches.map((m) => m.displayName), ['IT Staff']);
      const missing = await directory.findGroups('IT Staf f');
      assert.deepEqual(missing.matches, []);
      assert.ok(missing.suggestions.includes('IT Staff'), JSON.stringify(missing));
    });
  });
});
