import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { inRanges } from '../../src/plans/execute';
import { PlaceIndex } from '../../src/understanding/entities/tenantPlaces';
import { SpanSet } from '../../src/understanding/text/spans';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown; label?: string }>;
  operation: { kind: string };
  window?: { label: string };
}

/**
 * The tenant's places (issue #13): Conditional Access named locations linked by the words admins use for them ("the
 * Paris office range", "our HQ"), sign-ins counted from inside a location's IP ranges, and people listed by the city,
 * office or department the directory gives them. Phrasings of our own, written for these tests; none is from a
 * measured set.
 */
describe('Named locations, offices, cities and departments (issue #13)', function () {
  this.timeout(120_000);

  describe('Linking', () => {
    const places = new PlaceIndex(
      [
        { id: 'l1', displayName: 'Paris office', ipRanges: ['192.0.2.0/25'] },
        { id: 'l2', displayName: 'Fabrikam HQ network', ipRanges: ['2001:db8::/48'], isTrusted: true },
        { id: 'l3', displayName: 'Sanctioned countries', countries: ['KP', 'IR'] },
      ],
      [
        { department: 'Legal', city: 'Paris', officeLocation: 'Paris' },
        { department: 'Human Resources', city: 'Lyon', officeLocation: 'Lyon' },
        { department: 'Engineering', city: 'Paris', officeLocation: 'Paris' },
      ],
    );
    const link = (text: string) => places.link(text, new SpanSet());

    it('When a location is named with a kind word or two of its words, then it links; a city alone stays a city', () => {
      assert.equal(link('failures from the Paris office range')[0]?.displayName, 'Paris office');
      assert.equal(link('is the hq network trusted')[0]?.displayName, 'Fabrikam HQ network');
      assert.equal(link('traffic from sanctioned countries')[0]?.displayName, 'Sanctioned countries');
      const city = link('who is based in Paris');
      assert.deepEqual(city.map((e) => [e.type, e.field, e.value]), [['userAttribute', 'city', 'Paris']]);
    });

    it('When a location name is followed by "policy", then it is the policy\'s name and is left alone', () => {
      assert.deepEqual(link('who did the sanctioned countries policy stop'), []);
    });

    it('When a department is said by its short name or its people, then it links; the pronoun "it" never does', () => {
      assert.equal(link('how many people in HR')[0]?.value, 'Human Resources');
      assert.equal(link('list the engineers')[0]?.value, 'Engineering');
      assert.deepEqual(link('what is in it for legal'), []);
      assert.deepEqual(link('the legal app'), []);
    });

    it('When an address is checked against ranges, then IPv4 and IPv6 ranges match and a malformed address does not', () => {
      assert.equal(inRanges('192.0.2.77', ['192.0.2.0/25']), true);
      assert.equal(inRanges('192.0.2.200', ['192.0.2.0/25']), false);
      assert.equal(inRanges('2001:db8:0:1::5', ['2001:db8::/48']), true);
      assert.equal(inRanges('not an address', ['192.0.2.0/25']), false);
    });
  });

  describe('Through the whole stack', () => {
    const demo = demoStackFor([DEMO_ADMIN]);
    const admin = DEMO_ADMIN.userPrincipalName;

    it('When sign-ins from an office range are asked for, then only sign-ins from inside its IP range are counted', async () => {
      const answer = await demo.stack.ask('how many sign-ins came from the london office network today?', admin);
      assert.equal(answer.intent, 'signin.list');
      const plan = answer.plan as PlanShape;
      assert.equal(plan.resource, 'signIns');
      assert.deepEqual(plan.filters.map((f) => [f.field, f.op, f.value]), [['ipAddress', 'inRange', ['198.51.100.0/24']]]);
      assert.equal(plan.operation.kind, 'count');
      // The demo tenant has 5 sign-ins from 198.51.100.0/24 on the capture day.
      assert.match(answer.text, /\*\*5 sign-ins\*\*/);
      assert.ok((answer.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'namedLocation' && e.displayName === 'London office'));
    });

    it('When a location is shown and the next question asks about sign-ins "from there", then that location is carried', async () => {
      const [location, fromThere] = await demo.stack.askChain(['is the hq network a trusted location?', 'any failed sign-ins from there this week?'], admin);
      assert.match(location.text, /Contoso HQ network[\s\S]*203\.0\.113\.0\/24/);
      const plan = fromThere.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'ipAddress' && f.op === 'inRange'), JSON.stringify(plan.filters));
      assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'failure'));
    });

    it('When sign-ins from the blocked-country location are asked for, then its countries are the condition', async () => {
      const answer = await demo.stack.ask('show sign-ins from blocked countries this month', admin);
      const plan = answer.plan as PlanShape;
      assert.deepEqual(plan.filters.find((f) => f.field === 'country')?.value, ['RU', 'KP', 'IR', 'SY', 'CU', 'BY']);
      assert.match(answer.text, /Lidia Holloway/);
    });

    it('When people are asked for by city, office or department, then the directory field is the condition', async () => {
      const toronto = await demo.stack.ask('list users based in Toronto', admin);
      assert.deepEqual((toronto.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['city', 'Toronto']]);
      assert.match(toronto.text, /\*\*7 users\*\*/);
      const office = await demo.stack.ask('who works in the London office?', admin);
      assert.deepEqual((office.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['officeLocation', 'London']]);
      assert.match(office.text, /40 users/);
      const hr = await demo.stack.ask('how many people work in HR?', admin);
      assert.deepEqual((hr.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['department', 'Human Resources']]);
      assert.match(hr.text, /\*\*14 users\*\*/);
    });

    it('When a department shares its name with a group, then "the Marketing department" and "people in Finance who …" are the department, "members of Finance" the group', async () => {
      const marketing = await demo.stack.ask('how many staff does the Marketing department have?', admin);
      assert.equal(marketing.intent, 'user.info');
      assert.deepEqual((marketing.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['department', 'Marketing']]);
      const finance = await demo.stack.ask('which people in Finance are disabled?', admin);
      assert.equal((finance.plan as PlanShape).resource, 'users');
      assert.deepEqual((finance.plan as PlanShape).filters.map((f) => [f.field, f.value]).sort(), [['accountEnabled', false], ['department', 'Finance']]);
      const group = await demo.stack.ask('members of Finance', admin);
      assert.equal(group.intent, 'group.info');
      assert.match(group.text, /^Finance\n/);
    });

    it('When a list without a department field is asked of a department ("engineers with no MFA"), then it is asked of those people by id', async () => {
      const answer = await demo.stack.ask('how many of our engineers have no MFA method registered?', admin);
      const plan = answer.plan as PlanShape;
      assert.equal(plan.resource, 'registrationDetails');
      const people = plan.filters.find((f) => f.field === 'id');
      assert.equal(people?.op, 'in');
      assert.equal(people?.label, 'in Engineering');
      // Three of the demo tenant's 41 engineers have no method registered.
      assert.match(answer.text, /\*\*3 users\*\*/);
      // "have no mfa" is the same question in fewer words.
      const short = await demo.stack.ask('how many engineers have no mfa?', admin);
      assert.equal((short.plan as PlanShape).resource, 'registrationDetails');
      assert.match(short.text, /\*\*3 users\*\*/);
    });

    it('When locations are the subject, then "and london?" is the London office location, "from HQ" is the HQ network, and "is it trusted?" shows the location either way', async () => {
      const [hq, london] = await demo.stack.askChain(['is our HQ network a trusted location?', 'and london?'], admin);
      assert.deepEqual((hq.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['displayName', 'Contoso HQ network']]);
      assert.deepEqual((london.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['displayName', 'London office']]);
      assert.match(london.text, /London office[\s\S]*198\.51\.100\.0\/24[\s\S]*\| no \|/);
      const failing = await demo.stack.ask('anything failing from HQ today?', admin);
      assert.equal(failing.intent, 'signin.list');
      assert.ok((failing.plan as PlanShape).filters.some((f) => f.field === 'ipAddress' && f.op === 'inRange'), JSON.stringify(failing.plan));
    });

    it('When guests are asked for by the organisation they come from, then their home domain is the condition, not a group of that name', async () => {
      const answer = await demo.stack.ask('which external users are from fabrikam?', admin);
      const plan = answer.plan as PlanShape;
      assert.equal(plan.resource, 'users');
      assert.ok(plan.filters.some((f) => f.field === 'userPrincipalName' && f.op === 'contains' && f.value === '_fabrikam'), JSON.stringify(plan.filters));
      assert.match(answer.text, /Nestor Wilke/);
      assert.doesNotMatch(answer.text, /litwareinc/);
    });
  });
});
