import * as assert from 'node:assert/strict';
import { evaluate, FilterSyntaxError, parseFilter } from '../src/odata';

type Item = Record<string, unknown>;

const signIn: Item = {
  id: '66ea54eb-6301-4ee5-be62-ff5a759b0100',
  createdDateTime: '2026-11-02T10:15:30.1234567Z',
  userPrincipalName: 'meganb@contoso.com',
  userDisplayName: 'Megan Bowen',
  userId: 'd1b8c8a4-2f0e-4c5e-9a5a-1b2c3d4e5f60',
  appDisplayName: 'Graph Explorer',
  status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
  location: { city: 'Redmond', countryOrRegion: 'US' },
  isInteractive: true,
  riskLevelDuringSignIn: 'high',
  riskEventTypes_v2: ['unfamiliarFeatures', 'anonymizedIPAddress'],
  signInEventTypes: ['interactiveUser'],
  deviceDetail: { browser: 'Edge 120', operatingSystem: 'Windows10' },
  mfaDetail: null,
};

const audit: Item = {
  id: 'Directory_1',
  activityDateTime: '2026-11-01T08:00:00Z',
  initiatedBy: { user: { id: 'a1', userPrincipalName: 'admin@contoso.com' }, app: null },
  targetResources: [
    { id: 't1', displayName: "O'Brien", type: 'User' },
    { id: 't2', displayName: 'Sales', type: 'Group' },
  ],
};

function matches(filter: string, item: Item = signIn): boolean {
  return evaluate(parseFilter(filter), item);
}

describe('OData $filter parser and evaluator', () => {
  describe('comparison operators', () => {
    const cases: [string, boolean][] = [
      ["userDisplayName eq 'Megan Bowen'", true],
      ["userDisplayName ne 'Megan Bowen'", false],
      ['status/errorCode gt 50000', true],
      ['status/errorCode ge 50126', true],
      ['status/errorCode lt 50126', false],
      ['status/errorCode le 50126', true],
      ['status/errorCode eq 0', false],
    ];
    for (const [filter, expected] of cases) {
      it(`When the filter is "${filter}", then the sign-in ${expected ? 'matches' : 'does not match'}`, () => {
        assert.equal(matches(filter), expected);
      });
    }
  });

  describe('logical operators and parentheses', () => {
    it('When and joins a true and a false term, then the item does not match', () => {
      assert.equal(matches("userId eq 'd1b8c8a4-2f0e-4c5e-9a5a-1b2c3d4e5f60' and status/errorCode eq 0"), false);
    });

    it('When or joins a false and a true term, then the item matches', () => {
      assert.equal(matches("status/errorCode eq 0 or location/countryOrRegion eq 'US'"), true);
    });

    it('When not wraps a true comparison (with and without a space), then the item does not match', () => {
      assert.equal(matches("not(location/city eq 'Redmond')"), false);
      assert.equal(matches("not (location/city eq 'Paris')"), true);
    });

    it('When parentheses group an or inside an and, then and does not bind first', () => {
      // Without the parentheses: (false and false) or true = true; with them: false and (...) = false.
      assert.equal(matches("status/errorCode eq 0 and (location/city eq 'Paris' or isInteractive eq true)"), false);
      assert.equal(matches("status/errorCode eq 0 and location/city eq 'Paris' or isInteractive eq true"), true);
    });

    it('When in lists the value, then the item matches, and when it does not, then it does not', () => {
      assert.equal(matches("location/countryOrRegion in ('FR', 'US')"), true);
      assert.equal(matches("location/countryOrRegion in ('FR', 'DE')"), false);
    });
  });

  describe('string functions', () => {
    it('When startswith is written startsWith or startswith, then both match case-insensitively', () => {
      assert.equal(matches("startsWith(appDisplayName, 'graph')"), true);
      assert.equal(matches("startswith(appDisplayName,'Graph Ex')"), true);
      assert.equal(matches("startswith(appDisplayName,'Explorer')"), false);
    });

    it('When endswith is written endsWith or endswith, then it tests the suffix', () => {
      assert.equal(matches("endsWith(userPrincipalName,'@CONTOSO.com')"), true);
      assert.equal(matches("endswith(userPrincipalName,'@fabrikam.com')"), false);
    });

    it('When a function result is compared with true, then the comparison uses its value', () => {
      assert.equal(matches("startswith(userDisplayName,'Meg') eq true"), true);
    });
  });

  describe('literals', () => {
    it("When a string holds a doubled apostrophe (O''Brien), then it means one apostrophe", () => {
      const node = parseFilter("displayName eq 'O''Brien'");
      assert.deepEqual(node, {
        kind: 'compare',
        operator: 'eq',
        left: { kind: 'property', path: ['displayName'] },
        right: { kind: 'literal', literalKind: 'string', value: "O'Brien" },
      });
      assert.equal(evaluate(node, { displayName: "o'brien" }), true);
      assert.equal(evaluate(node, { displayName: 'OBrien' }), false);
    });

    it('When a string is an empty pair of quotes, then it is the empty string', () => {
      assert.equal(evaluate(parseFilter("mail eq ''"), { mail: '' }), true);
    });

    it('When an enum literal is qualified or plain, then both compare with the stored member', () => {
      assert.equal(matches("riskLevelDuringSignIn eq microsoft.graph.riskLevel'high'"), true);
      assert.equal(matches("riskLevelDuringSignIn eq 'high'"), true);
      assert.equal(matches("riskLevelDuringSignIn eq microsoft.graph.riskLevel'low'"), false);
      const node = parseFilter("riskLevel eq microsoft.graph.riskLevel'medium'");
      assert.equal(node.kind === 'compare' && node.right.kind === 'literal' && node.right.enumType, 'microsoft.graph.riskLevel');
    });

    it('When a date-time literal has no fraction, then it compares as an instant with the 7-digit stored value', () => {
      assert.equal(matches('createdDateTime ge 2026-11-02T10:15:30Z'), true);
      assert.equal(matches('createdDateTime gt 2026-11-02T10:15:31Z'), false);
    });

    it('When a date-time literal has fractional digits beyond milliseconds, then they decide the comparison', () => {
      assert.equal(matches('createdDateTime ge 2026-11-02T10:15:30.1234567Z'), true);
      assert.equal(matches('createdDateTime gt 2026-11-02T10:15:30.1234567Z'), false);
      assert.equal(matches('createdDateTime gt 2026-11-02T10:15:30.1234566Z'), true);
      assert.equal(matches('createdDateTime eq 2026-11-02T10:15:30.1234567Z'), true);
    });

    it('When a date-time literal carries an offset, then it is converted to UTC', () => {
      assert.equal(matches('createdDateTime ge 2026-11-02T11:15:30+01:00'), true);
      assert.equal(matches('createdDateTime ge 2026-11-02T11:15:31+01:00'), false);
    });

    it('When a date literal is used, then it means midnight UTC', () => {
      assert.equal(matches('createdDateTime ge 2026-11-02'), true);
      assert.equal(matches('createdDateTime ge 2026-11-03'), false);
    });

    it('When a GUID literal is unquoted, then it equals the stored id whatever the case', () => {
      assert.equal(matches('userId eq D1B8C8A4-2F0E-4C5E-9A5A-1B2C3D4E5F60'), true);
      assert.equal(matches('userId eq 00000000-0000-0000-0000-000000000000'), false);
    });

    it('When an integer is compared with a numeric property, then it compares as a number', () => {
      assert.equal(matches('status/errorCode eq 50126'), true);
      assert.equal(matches("status/errorCode eq '50126'"), false);
    });

    it('When a boolean literal or a bare boolean property is used, then it tests the value', () => {
      assert.equal(matches('isInteractive eq true'), true);
      assert.equal(matches('isInteractive eq false'), false);
      assert.equal(matches('isInteractive'), true);
    });

    it('When null is compared, then eq matches missing and null values and ne matches present ones', () => {
      assert.equal(matches('mfaDetail eq null'), true);
      assert.equal(matches('notAProperty eq null'), true);
      assert.equal(matches('appDisplayName eq null'), false);
      assert.equal(matches('appDisplayName ne null'), true);
    });
  });

  describe('property paths and case', () => {
    it('When a nested path is used, then it reads through complex properties', () => {
      assert.equal(matches("location/countryOrRegion eq 'US'"), true);
      assert.equal(matches("initiatedBy/user/id eq 'a1'", audit), true);
      assert.equal(matches("initiatedBy/app/appId eq 'x'", audit), false);
    });

    it('When a UPN or display name differs only in case, then eq still matches (Graph compares case-insensitively)', () => {
      assert.equal(matches("userPrincipalName eq 'MeganB@Contoso.com'"), true);
      assert.equal(matches("userDisplayName eq 'MEGAN BOWEN'"), true);
    });

    it('When a property name is written in another case, then it is still found', () => {
      assert.equal(matches("UserDisplayName eq 'Megan Bowen'"), true);
    });
  });

  describe('lambdas', () => {
    it('When any() tests a collection of strings, then it matches if one element passes', () => {
      assert.equal(matches("signInEventTypes/any(t: t eq 'interactiveUser')"), true);
      assert.equal(matches("signInEventTypes/any(t: t eq 'nonInteractiveUser')"), false);
      assert.equal(matches("riskEventTypes_v2/any(r:r eq 'anonymizedIPAddress')"), true);
    });

    it('When any() tests a collection of objects by a property path, then it reads through the range variable', () => {
      assert.equal(matches("targetResources/any(t: t/id eq 't2')", audit), true);
      assert.equal(matches("targetResources/any(t: t/displayName eq 'O''Brien')", audit), true);
      assert.equal(matches("targetResources/any(t: t/id eq 't3')", audit), false);
    });

    it('When all() is used, then every element must pass', () => {
      assert.equal(matches("targetResources/all(t: startswith(t/id, 't'))", audit), true);
      assert.equal(matches("targetResources/all(t: t/type eq 'User')", audit), false);
    });

    it('When a lambda body uses and plus an outer property, then both scopes resolve', () => {
      assert.equal(matches("targetResources/any(t: t/type eq 'Group' and t/displayName eq 'Sales') and id eq 'Directory_1'", audit), true);
    });

    it('When any() has no body, then it tests that the collection is not empty', () => {
      assert.equal(matches('riskEventTypes_v2/any()'), true);
      assert.equal(matches('riskEventTypes_v2/any()', { riskEventTypes_v2: [] }), false);
    });

    it('When endsWith is used inside a lambda, then it applies to each element', () => {
      const user = { proxyAddresses: ['SMTP:ada@contoso.com', 'smtp:ada@contoso.OnMicrosoft.com'] };
      assert.equal(evaluate(parseFilter("proxyAddresses/any(p:endsWith(p, 'onmicrosoft.com'))"), user), true);
    });
  });

  describe('syntax errors', () => {
    const invalid = [
      "displayName eq 'unterminated",
      'displayName eq',
      "displayName eq 'a' and",
      "contains(displayName,'a')",
      "startswith(displayName)",
      "displayName eq 'a' 'b'",
      '(displayName eq 1',
      'a/any(x: )',
      "displayName # 'a'",
      '',
    ];
    for (const text of invalid) {
      it(`When the filter is ${JSON.stringify(text)}, then parseFilter throws FilterSyntaxError`, () => {
        assert.throws(() => parseFilter(text), FilterSyntaxError);
      });
    }
  });
});
