import * as assert from 'node:assert/strict';
import {
  CollectionBody,
  countQuery,
  createIndexedCollection,
  ENDPOINT_RULES,
  EndpointRules,
  GraphQueryError,
  QueryableCollection,
  QueryInput,
  runQuery,
} from '../src/odata';

type Item = Record<string, unknown>;

const BASE = 'https://127.0.0.1:8443/v1.0';

function guid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

const FIRST_NAMES = ['Megan', 'Adele', 'Alex', 'Diego', 'Isaiah', 'Lidia', 'Nestor', 'Patti', "Sean", 'Grady'];

function makeUsers(count: number): Item[] {
  return Array.from({ length: count }, (_, n) => {
    const first = FIRST_NAMES[n % FIRST_NAMES.length];
    const last = n === 7 ? "O'Brien" : `Surname${String(n).padStart(3, '0')}`;
    return {
      id: guid(n),
      displayName: `${first} ${last}`,
      givenName: first,
      userPrincipalName: `${first.toLowerCase()}.${n}@contoso.com`,
      mail: n % 5 === 0 ? null : `${first.toLowerCase()}.${n}@contoso.com`,
      accountEnabled: n % 4 !== 0,
      userType: n % 10 === 9 ? 'Guest' : 'Member',
      createdDateTime: new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString().replace('.000Z', 'Z'),
      companyName: n % 2 === 0 ? 'Contoso' : 'Fabrikam',
      proxyAddresses: [`SMTP:${first.toLowerCase()}.${n}@contoso.com`],
    };
  });
}

function makeSignIns(count: number): Item[] {
  return Array.from({ length: count }, (_, n) => ({
    id: guid(100_000 + n),
    // Stored oldest first on purpose: the engine must still answer newest first.
    createdDateTime: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString().replace('Z', '0000Z'),
    userId: guid(n % 25),
    userPrincipalName: `user${n % 25}@contoso.com`,
    appDisplayName: n % 3 === 0 ? 'Graph Explorer' : 'Office 365 Exchange Online',
    status: { errorCode: n % 7 === 0 ? 50126 : 0 },
    location: { countryOrRegion: n % 2 === 0 ? 'US' : 'FR' },
  }));
}

function input(path: string, query: string, extra: Partial<QueryInput> = {}): QueryInput {
  const entitySet = path.replace(/^\//, '');
  return {
    params: new URLSearchParams(query),
    requestUrl: `${BASE}${path}`,
    contextUrl: `${BASE}/$metadata#${entitySet}`,
    ...extra,
  };
}

/** The request a client makes when it follows a nextLink: same URL, same headers. */
function follow(nextLink: string, previous: QueryInput): QueryInput {
  const url = new URL(nextLink);
  return { ...previous, params: url.searchParams, requestUrl: `${url.origin}${url.pathname}` };
}

function readAllPages(collection: QueryableCollection, first: QueryInput, rules: EndpointRules): { pages: CollectionBody[]; items: Item[] } {
  const pages: CollectionBody[] = [];
  let request: QueryInput | undefined = first;
  while (request) {
    const body = runQuery(collection, request, rules);
    pages.push(body);
    const next = body['@odata.nextLink'];
    request = next ? follow(next, request) : undefined;
    assert.ok(pages.length < 1000, 'paging does not terminate');
  }
  return { pages, items: pages.flatMap((page) => page.value) };
}

function assertGraphError(run: () => unknown, status: number, code: string, message?: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof GraphQueryError, `expected GraphQueryError, got ${String(error)}`);
    assert.equal(error.status, status);
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

const EVENTUAL = { consistencyLevel: 'eventual' };
const users = createIndexedCollection(makeUsers(250), ['id', 'userPrincipalName']);
const signInItems = makeSignIns(2_500);
const signIns = createIndexedCollection(signInItems, ['userId', 'status/errorCode', 'id']);
const usersRules = ENDPOINT_RULES.users;
const signInRules = ENDPOINT_RULES.signIns;

describe('OData runQuery', () => {
  describe('paging', () => {
    it('When /users is read without $top, then pages of 100 come back and following nextLink returns each user once', () => {
      const { pages, items } = readAllPages(users, input('/users', ''), usersRules);
      assert.deepEqual(pages.map((page) => page.value.length), [100, 100, 50]);
      assert.equal(new Set(items.map((item) => item.id)).size, 250);
      assert.equal(pages[2]['@odata.nextLink'], undefined);
    });

    it('When a filtered sign-in query is paged with $top, then every match comes once, newest first, and nextLink keeps $filter and $top', () => {
      const filter = "userId eq '" + guid(3) + "' and status/errorCode eq 0";
      const first = input('/auditLogs/signIns', `$filter=${encodeURIComponent(filter)}&$top=7`);
      const { pages, items } = readAllPages(signIns, first, signInRules);
      const expected = signInItems
        .filter((item) => item.userId === guid(3) && (item.status as Item).errorCode === 0)
        .map((item) => item.id)
        .reverse();
      assert.deepEqual(items.map((item) => item.id), expected);
      assert.ok(pages.length > 2);
      const nextLink = new URL(pages[0]['@odata.nextLink'] as string);
      assert.equal(nextLink.searchParams.get('$filter'), filter);
      assert.equal(nextLink.searchParams.get('$top'), '7');
      assert.ok(nextLink.searchParams.get('$skiptoken'));
      assert.equal(`${nextLink.origin}${nextLink.pathname}`, `${BASE}/auditLogs/signIns`);
    });

    it('When the same page is requested twice, then the same items and the same nextLink come back (stable paging)', () => {
      const first = runQuery(signIns, input('/auditLogs/signIns', '$top=50'), signInRules);
      const again = runQuery(signIns, input('/auditLogs/signIns', '$top=50'), signInRules);
      assert.deepEqual(again, first);
      const second = runQuery(signIns, follow(first['@odata.nextLink'] as string, input('/auditLogs/signIns', '')), signInRules);
      assert.equal(second.value.length, 50);
      assert.ok((second.value[0].createdDateTime as string) < (first.value[49].createdDateTime as string));
    });

    it('When the last page is exactly full, then no nextLink is returned', () => {
      const body = runQuery(users, input('/users', `$filter=${encodeURIComponent("id in ('" + guid(1) + "','" + guid(2) + "')")}&$top=2`), usersRules);
      assert.equal(body.value.length, 2);
      assert.equal(body['@odata.nextLink'], undefined);
    });

    it('When $skip is sent to an endpoint that supports it, then the first matches are skipped', () => {
      const policies = createIndexedCollection(
        Array.from({ length: 5 }, (_, n) => ({ id: `p${n}`, displayName: `Policy ${n}` })),
        [],
      );
      const body = runQuery(policies, input('/identity/conditionalAccess/policies', '$skip=3'), ENDPOINT_RULES.conditionalAccessPolicies);
      assert.deepEqual(body.value.map((item) => item.id), ['p3', 'p4']);
    });

    it('When $skip is sent to /users, then Graph refuses it', () => {
      assertGraphError(() => runQuery(users, input('/users', '$skip=3'), usersRules), 400, 'Request_BadRequest');
    });
  });

  describe('$top limits per endpoint', () => {
    const documented: [keyof typeof ENDPOINT_RULES, number, number][] = [
      ['users', 100, 999],
      ['groups', 100, 999],
      ['servicePrincipals', 100, 999],
      ['applications', 100, 999],
      ['directoryObjects', 100, 999],
      ['signIns', 1000, 1000],
      ['riskDetections', 20, 500],
    ];
    for (const [route, defaultSize, maxSize] of documented) {
      it(`When ${route} is read, then the default page is ${defaultSize}, $top=${maxSize} is accepted and $top=${maxSize + 1} is refused`, () => {
        const rules = ENDPOINT_RULES[route];
        const items = Array.from({ length: maxSize + 5 }, (_, n) => ({ id: guid(n), createdDateTime: '2026-11-01T00:00:00Z', detectedDateTime: '2026-11-01T00:00:00Z' }));
        const collection = createIndexedCollection(items, []);
        assert.equal(runQuery(collection, input(`/${route}`, ''), rules).value.length, defaultSize);
        const full = runQuery(collection, input(`/${route}`, `$top=${maxSize}`), rules);
        assert.equal(full.value.length, maxSize);
        assert.ok(full['@odata.nextLink']);
        assertGraphError(
          () => runQuery(collection, input(`/${route}`, `$top=${maxSize + 1}`), rules),
          400,
          rules.directoryObject ? 'Request_BadRequest' : 'BadRequest',
          `Invalid page size specified: '${maxSize + 1}'. Must be between 1 and ${maxSize} inclusive.`,
        );
      });
    }

    it('When every route of ENDPOINT_RULES is checked, then each has a default page no larger than its maximum', () => {
      const routes = Object.keys(ENDPOINT_RULES);
      assert.equal(routes.length, 19);
      for (const [route, rules] of Object.entries(ENDPOINT_RULES)) {
        assert.ok(rules.defaultPageSize >= 1 && rules.defaultPageSize <= rules.maxPageSize, route);
      }
    });

    it('When $top is 0 or not a number, then it is refused', () => {
      assertGraphError(() => runQuery(users, input('/users', '$top=0'), usersRules), 400, 'Request_BadRequest', /Invalid page size specified: '0'/);
      assertGraphError(() => runQuery(users, input('/users', '$top=ten'), usersRules), 400, 'Request_BadRequest');
    });

    it('When $top is sent to /directoryRoles, then it is refused because directory roles do not page', () => {
      const roles = createIndexedCollection([{ id: 'r1', displayName: 'Global Administrator' }], []);
      assertGraphError(() => runQuery(roles, input('/directoryRoles', '$top=1'), ENDPOINT_RULES.directoryRoles), 400, 'BadRequest', /Query option 'Top' is not allowed/);
      assert.equal(runQuery(roles, input('/directoryRoles', ''), ENDPOINT_RULES.directoryRoles).value.length, 1);
    });
  });

  describe('$skiptoken integrity', () => {
    const first = input('/users', '$top=10');
    const nextLink = runQuery(users, first, usersRules)['@odata.nextLink'] as string;
    const token = new URL(nextLink).searchParams.get('$skiptoken') as string;

    it('When a skip token is garbage, then 400 is answered', () => {
      assertGraphError(() => runQuery(users, input('/users', '$top=10&$skiptoken=garbage'), usersRules), 400, 'Request_BadRequest');
      assertGraphError(() => runQuery(users, input('/users', '$top=10&$skiptoken=%25%25'), usersRules), 400, 'Request_BadRequest');
    });

    it('When one character of a skip token is changed, then 400 is answered', () => {
      const index = Math.floor(token.length / 3);
      const tampered = token.slice(0, index) + (token[index] === 'A' ? 'B' : 'A') + token.slice(index + 1);
      assertGraphError(() => runQuery(users, input('/users', `$top=10&$skiptoken=${tampered}`), usersRules), 400, 'Request_BadRequest');
    });

    it('When a skip token is replayed with another $filter or $top, then 400 is answered', () => {
      assertGraphError(
        () => runQuery(users, input('/users', `$top=10&$filter=${encodeURIComponent("accountEnabled eq true")}&$skiptoken=${token}`), usersRules),
        400,
        'Request_BadRequest',
      );
      assertGraphError(() => runQuery(users, input('/users', `$top=20&$skiptoken=${token}`), usersRules), 400, 'Request_BadRequest');
    });

    it('When a skip token is replayed on another collection, then 400 is answered', () => {
      assertGraphError(() => runQuery(users, input('/groups', `$top=10&$skiptoken=${token}`), ENDPOINT_RULES.groups), 400, 'Request_BadRequest');
    });

    it('When the untouched token is followed, then the next page starts after the first', () => {
      const body = runQuery(users, follow(nextLink, first), usersRules);
      assert.equal(body.value[0].id, guid(10));
    });
  });

  describe('advanced queries on directory objects', () => {
    it('When $count=true comes without ConsistencyLevel, then it is silently ignored', () => {
      const body = runQuery(users, input('/users', '$count=true&$top=5'), usersRules);
      assert.equal('@odata.count' in body, false);
      assert.equal(body.value.length, 5);
    });

    it('When $count=true comes with ConsistencyLevel: eventual, then @odata.count is the total before paging', () => {
      const body = runQuery(users, input('/users', `$count=true&$top=5&$filter=${encodeURIComponent("userType eq 'Guest'")}`, EVENTUAL), usersRules);
      assert.equal(body['@odata.count'], 25);
      assert.equal(body.value.length, 5);
      assert.deepEqual(Object.keys(body), ['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    });

    it('When $search comes without the header, then the documented 400 is answered', () => {
      assertGraphError(
        () => runQuery(users, input('/users', '$search="displayName:meg"'), usersRules),
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    });

    it('When endsWith comes without advanced parameters, then the documented 400 is answered', () => {
      assertGraphError(
        () => runQuery(users, input('/users', `$filter=${encodeURIComponent("endsWith(userPrincipalName,'@contoso.com')")}`), usersRules),
        400,
        'Request_UnsupportedQuery',
        "Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information",
      );
    });

    it('When endsWith comes with the header but without $count=true, then it is still refused', () => {
      assertGraphError(
        () => runQuery(users, input('/users', `$filter=${encodeURIComponent("endsWith(mail,'@contoso.com')")}`, EVENTUAL), usersRules),
        400,
        'Request_UnsupportedQuery',
        /Operator 'endsWith'/,
      );
    });

    it('When endsWith comes with the header and $count=true, then it filters', () => {
      const body = runQuery(users, input('/users', `$count=true&$filter=${encodeURIComponent("endsWith(userPrincipalName,'.7@contoso.com')")}`, EVENTUAL), usersRules);
      assert.deepEqual(body.value.map((item) => item.id), [guid(7)]);
      assert.equal(body['@odata.count'], 1);
    });

    it('When ne comes without advanced parameters, then Graph refuses the NotEqualsMatch operator', () => {
      assertGraphError(
        () => runQuery(users, input('/users', `$filter=${encodeURIComponent("userType ne 'Member'")}`), usersRules),
        400,
        'Request_UnsupportedQuery',
        "Filter operator 'NotEqualsMatch' is not supported.",
      );
      const body = runQuery(users, input('/users', `$count=true&$filter=${encodeURIComponent("userType ne 'Member'")}`, EVENTUAL), usersRules);
      assert.equal(body['@odata.count'], 25);
    });

    it('When not comes without advanced parameters, then it is refused, and with them it negates', () => {
      const filter = encodeURIComponent('not(accountEnabled eq true)');
      assertGraphError(() => runQuery(users, input('/users', `$filter=${filter}`), usersRules), 400, 'Request_UnsupportedQuery', /Operator 'not'/);
      const body = runQuery(users, input('/users', `$count=true&$filter=${filter}`, EVENTUAL), usersRules);
      assert.equal(body['@odata.count'], 63);
    });

    it('When a property is filterable only with advanced parameters, then it is refused without them and answered with them', () => {
      const filter = encodeURIComponent("companyName eq 'Contoso'");
      assertGraphError(
        () => runQuery(users, input('/users', `$filter=${filter}`), usersRules),
        400,
        'Request_UnsupportedQuery',
        "Unsupported or invalid query filter clause specified for property 'companyName' of resource 'User'.",
      );
      assert.equal(runQuery(users, input('/users', `$count=true&$filter=${filter}`, EVENTUAL), usersRules)['@odata.count'], 125);
    });

    it('When a group is filtered on createdDateTime even with advanced parameters, then the documented 400 is answered', () => {
      const groups = createIndexedCollection([{ id: 'g1', displayName: 'Sales', createdDateTime: '2021-12-01T00:00:00Z' }], []);
      assertGraphError(
        () => runQuery(groups, input('/groups', '$filter=createdDateTime ge 2021-11-01&$count=true', EVENTUAL), ENDPOINT_RULES.groups),
        400,
        'Request_UnsupportedQuery',
        "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.",
      );
    });

    it('When $filter and $orderby come together without advanced parameters, then sorting is refused', () => {
      const query = `$filter=${encodeURIComponent("startswith(displayName,'a')")}&$orderby=displayName`;
      assertGraphError(() => runQuery(users, input('/users', query), usersRules), 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
      const body = runQuery(users, input('/users', `${query}&$count=true`, EVENTUAL), usersRules);
      const names = body.value.map((item) => String(item.displayName));
      assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      assert.equal(body['@odata.count'], 50);
    });

    it('When $orderby names a property outside the defaults without advanced parameters, then it is refused', () => {
      assertGraphError(
        () => runQuery(users, input('/users', '$orderby=createdDateTime desc'), usersRules),
        400,
        'Request_UnsupportedQuery',
        "Unsupported sort property 'createdDateTime' for 'User'.",
      );
      const body = runQuery(users, input('/users', '$orderby=createdDateTime desc&$count=true&$top=3', EVENTUAL), usersRules);
      assert.deepEqual(body.value.map((item) => item.id), [guid(249), guid(248), guid(247)]);
    });

    it('When $expand comes with advanced parameters, then it is refused', () => {
      const groups = createIndexedCollection([{ id: 'g1', displayName: 'Sales' }], []);
      const expand = (): Item[] => [];
      assertGraphError(
        () => runQuery(groups, input('/groups', '$expand=members&$count=true', { ...EVENTUAL, expand }), ENDPOINT_RULES.groups),
        400,
        'Request_UnsupportedQuery',
      );
    });

    it('When an unparseable filter is sent to a directory endpoint, then Graph answers Invalid filter clause', () => {
      assertGraphError(() => runQuery(users, input('/users', `$filter=${encodeURIComponent("displayName eq 'x")}`), usersRules), 400, 'BadRequest', 'Invalid filter clause');
    });

    it('When /users/$count is requested without the header, then "$count is not currently supported." is answered, and with it the count', () => {
      assertGraphError(() => countQuery(users, input('/users/$count', ''), usersRules), 400, 'Request_BadRequest', '$count is not currently supported.');
      assert.equal(countQuery(users, input('/users/$count', `$filter=${encodeURIComponent("userType eq 'Guest'")}`, EVENTUAL), usersRules), 25);
    });

    it('When a snapshot leaves a collection out, then its /$count in a filter is 0, as Graph never has a null collection', () => {
      const groups = createIndexedCollection(
        [
          { id: 'g1', displayName: 'No owners key' },
          { id: 'g2', displayName: 'Null owners', owners: null },
          { id: 'g3', displayName: 'One owner', owners: [{ '@odata.type': '#microsoft.graph.user', id: 'u1' }] },
        ],
        [],
      );
      const ids = (filter: string) => runQuery(groups, input('/groups', `$count=true&$filter=${encodeURIComponent(filter)}`, EVENTUAL), ENDPOINT_RULES.groups).value.map((g) => g.id);
      assert.deepEqual(ids('owners/$count eq 0'), ['g1', 'g2']);
      assert.deepEqual(ids('owners/$count eq 1'), ['g3']);
      assert.deepEqual(ids("owners/$count eq 0 and startsWith(displayName,'Null')"), ['g2']);
    });

    it('When users are filtered on assignedLicenses/$count, then it is an advanced query against 0 or 1 only', () => {
      const licensed = createIndexedCollection(
        [
          { id: 'u1', assignedLicenses: [] },
          { id: 'u2', assignedLicenses: [{ skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df', disabledPlans: [] }] },
        ],
        [],
      );
      const filter = encodeURIComponent('assignedLicenses/$count eq 0');
      assertGraphError(() => runQuery(licensed, input('/users', `$filter=${filter}`), usersRules), 400, 'Request_UnsupportedQuery', /property 'assignedLicenses\/\$count' of resource 'User'/);
      assert.deepEqual(runQuery(licensed, input('/users', `$count=true&$filter=${filter}`, EVENTUAL), usersRules).value.map((u) => u.id), ['u1']);
      assertGraphError(
        () => runQuery(licensed, input('/users', `$count=true&$filter=${encodeURIComponent('assignedLicenses/$count lt 2')}`, EVENTUAL), usersRules),
        400,
        'Request_UnsupportedQuery',
        /property 'assignedLicenses\/\$count'/,
      );
    });
  });

  describe('$search', () => {
    it('When a display name word starts with the search text, then the user matches', () => {
      const body = runQuery(users, input('/users', '$search="displayName:meg"&$top=999', EVENTUAL), usersRules);
      assert.equal(body.value.length, 25);
      assert.ok(body.value.every((item) => String(item.displayName).startsWith('Megan')));
    });

    it('When the search text matches the start of a later word, then the user matches too', () => {
      const body = runQuery(users, input('/users', `$search=${encodeURIComponent('"displayName:brien"')}`, EVENTUAL), usersRules);
      assert.deepEqual(body.value.map((item) => item.id), [guid(7)]);
    });

    it('When two clauses are joined by AND, then both must match; by OR, either', () => {
      const and = runQuery(users, input('/users', `$search=${encodeURIComponent('"displayName:megan" AND "userPrincipalName:megan.10@"')}`, EVENTUAL), usersRules);
      assert.deepEqual(and.value.map((item) => item.id), [guid(10)]);
      const or = runQuery(users, input('/users', `$top=999&$search=${encodeURIComponent('"displayName:megan" OR "displayName:adele"')}`, EVENTUAL), usersRules);
      assert.equal(or.value.length, 50);
    });

    it('When the search clause is not in double quotes, then 400 is answered', () => {
      assertGraphError(() => runQuery(users, input('/users', '$search=displayName:meg', EVENTUAL), usersRules), 400, 'Request_BadRequest', /double quotes/);
    });

    it('When the search names a property that cannot be searched, then 400 is answered', () => {
      assertGraphError(() => runQuery(users, input('/users', '$search="companyName:contoso"', EVENTUAL), usersRules), 400, 'Request_UnsupportedQuery');
    });

    it('When $search is sent to sign-ins, then it is refused', () => {
      assertGraphError(() => runQuery(signIns, input('/auditLogs/signIns', '$search="userPrincipalName:user1"'), signInRules), 400, 'BadRequest', /Query option 'Search' is not allowed/);
    });
  });

  describe('$select, $orderby, $count and $expand', () => {
    it('When $select lists properties in any case, then only those plus id are returned and the context names them', () => {
      const body = runQuery(users, input('/users', '$select=DisplayName,mail,notAProperty&$top=2'), usersRules);
      assert.deepEqual(Object.keys(body.value[0]).sort(), ['displayName', 'id', 'mail']);
      assert.equal(body['@odata.context'], `${BASE}/$metadata#users(DisplayName,mail,notAProperty)`);
    });

    it('When $orderby has two keys, then the second breaks ties of the first', () => {
      const body = runQuery(users, input('/users', '$orderby=givenName,userPrincipalName desc&$top=3&$count=true', EVENTUAL), usersRules);
      assert.deepEqual(body.value.map((item) => item.userPrincipalName), ['adele.91@contoso.com', 'adele.81@contoso.com', 'adele.71@contoso.com']);
    });

    it('When sign-ins are ordered by createdDateTime asc, then the oldest comes first', () => {
      const body = runQuery(signIns, input('/auditLogs/signIns', '$orderby=createdDateTime asc&$top=2'), signInRules);
      assert.deepEqual(body.value.map((item) => item.id), [guid(100_000), guid(100_001)]);
    });

    it('When sign-ins are ordered by another property, then Graph refuses it', () => {
      assertGraphError(() => runQuery(signIns, input('/auditLogs/signIns', '$orderby=userId'), signInRules), 400, 'Request_UnsupportedQuery', /Unsupported sort property 'userId'/);
    });

    it('When $count=true is sent to sign-ins, then it is refused (not documented for the API)', () => {
      assertGraphError(() => runQuery(signIns, input('/auditLogs/signIns', '$count=true'), signInRules), 400, 'BadRequest', /Query option 'Count'/);
    });

    it('When $count=true is sent to riskyUsers, then @odata.count is returned without any header', () => {
      const risky = createIndexedCollection(
        Array.from({ length: 30 }, (_, n) => ({ id: guid(n), riskLevel: n < 12 ? 'high' : 'low' })),
        [],
      );
      const body = runQuery(risky, input('/identityProtection/riskyUsers', `$count=true&$filter=${encodeURIComponent("riskLevel eq microsoft.graph.riskLevel'high'")}`), ENDPOINT_RULES.riskyUsers);
      assert.equal(body['@odata.count'], 12);
      assert.equal(body.value.length, 12);
    });

    it('When sign-ins are filtered on a property Graph does not filter, then Request_UnsupportedQuery is answered', () => {
      assertGraphError(
        () => runQuery(signIns, input('/auditLogs/signIns', `$filter=${encodeURIComponent("ipAddress eq '1.1.1.1' and status/failureReason eq 'x'")}`), signInRules),
        400,
        'Request_UnsupportedQuery',
        "Unsupported or invalid query filter clause specified for property 'status/failureReason' of resource 'SignIn'.",
      );
    });

    it('When sign-ins are filtered on userType, isInteractive or tokenIssuerType, then they are refused, as the signIn pages list no $filter for them', () => {
      for (const filter of ["userType eq 'guest'", 'isInteractive eq false', "tokenIssuerType eq 'AzureAD'"]) {
        const property = filter.split(' ')[0];
        assertGraphError(
          () => runQuery(signIns, input('/auditLogs/signIns', `$filter=${encodeURIComponent(filter)}`), signInRules),
          400,
          'Request_UnsupportedQuery',
          `Unsupported or invalid query filter clause specified for property '${property}' of resource 'SignIn'.`,
        );
      }
    });

    it('When users are filtered with startsWith on creationType or externalUserState, then it is refused even with advanced parameters; eq works by default', () => {
      for (const property of ['creationType', 'externalUserState']) {
        assertGraphError(
          () => runQuery(users, input('/users', `$count=true&$filter=${encodeURIComponent(`startsWith(${property},'Inv')`)}`, EVENTUAL), usersRules),
          400,
          'Request_UnsupportedQuery',
          `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
        );
        assert.equal(runQuery(users, input('/users', `$filter=${encodeURIComponent(`${property} eq 'Invitation'`)}`), usersRules).value.length, 0);
      }
    });

    it('When a sign-in filter cannot be parsed, then BadRequest names the problem', () => {
      assertGraphError(() => runQuery(signIns, input('/auditLogs/signIns', '$filter=userId eq'), signInRules), 400, 'BadRequest', /^Invalid filter clause: /);
    });

    it('When $expand=members($select=id) is asked for groups, then at most 20 members come back, projected', () => {
      const groups = createIndexedCollection([{ id: 'g1', displayName: 'Sales' }], []);
      const members = makeUsers(30);
      const expand = (item: Item, navigation: string): Item[] | undefined => (navigation === 'members' && item.id === 'g1' ? members : undefined);
      const body = runQuery(groups, input('/groups', '$expand=members($select=id,displayName)', { expand }), ENDPOINT_RULES.groups);
      const expanded = body.value[0].members as Item[];
      assert.equal(expanded.length, 20);
      assert.deepEqual(Object.keys(expanded[0]).sort(), ['displayName', 'id']);
    });

    it('When $expand names a navigation property the endpoint does not expand, then 400 is answered', () => {
      const groups = createIndexedCollection([{ id: 'g1' }], []);
      assertGraphError(() => runQuery(groups, input('/groups', '$expand=drive', { expand: () => [] }), ENDPOINT_RULES.groups), 400, 'BadRequest', /Could not find a property named 'drive'/);
      assertGraphError(() => runQuery(signIns, input('/auditLogs/signIns', '$expand=user'), signInRules), 400, 'BadRequest', /Query option 'Expand'/);
    });

    it('When options are written without the $ prefix, then Graph reads them all the same', () => {
      const body = runQuery(users, input('/users', 'top=3&select=displayName'), usersRules);
      assert.equal(body.value.length, 3);
      assert.deepEqual(Object.keys(body.value[0]).sort(), ['displayName', 'id']);
    });
  });
});
