import { CAST, castDisplayName, type CastMember } from './cast';
import { DAY, before } from './clock';
import { DEMO_TENANT_DOMAIN } from './constants';
import { makeDevice } from './devices';
import type { Device, Person } from './model';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, PARTNER_DOMAINS } from './names';
import { HOME_PLACES, isEuropean, type PlaceName } from './places';
import { stableGuid, streamFor, type Random } from './random';

/**
 * The people of the tenant: the named cast first (fixed ids), then seeded background people up to the
 * requested count. Managers are wired by department.
 */

const INITIAL_DOMAIN = 'contoso.onmicrosoft.com';

export function partnerTenantId(domain: string): string {
  return stableGuid(0, 'partner-tenant', domain);
}

function methodsFor(random: Random, registered: boolean): string[] {
  if (!registered) return [];
  return random.weighted<string[]>([
    [['microsoftAuthenticatorPush', 'softwareOneTimePasscode'], 50],
    [['microsoftAuthenticatorPush', 'softwareOneTimePasscode', 'mobilePhone'], 25],
    [['mobilePhone'], 10],
    [['windowsHelloForBusiness', 'microsoftAuthenticatorPush'], 10],
    [['fido2', 'microsoftAuthenticatorPush'], 5],
  ]);
}

function workDevices(random: Random, compliant: { laptop: boolean; phone: boolean }): Device[] {
  const mac = random.chance(0.15);
  const laptop = makeDevice(random, { kind: mac ? 'macLaptop' : 'windowsLaptop', managed: true, compliant: compliant.laptop });
  const iPhone = random.chance(0.55);
  const phone = makeDevice(random, { kind: iPhone ? 'iPhone' : 'androidPhone', managed: compliant.phone || random.chance(0.5), compliant: compliant.phone });
  return [laptop, phone];
}

function guestDevices(random: Random): Device[] {
  return [
    makeDevice(random, { kind: random.chance(0.8) ? 'personalWindows' : 'macLaptop', managed: false, compliant: false }),
    makeDevice(random, { kind: random.chance(0.5) ? 'iPhone' : 'androidPhone', managed: false, compliant: false }),
  ];
}

function fromCast(member: CastMember, index: number, seed: number): Person {
  const random = streamFor(seed, 'cast', member.id);
  const guest = member.guestHomeAddress !== undefined;
  const homeDomain = guest ? member.guestHomeAddress!.split('@')[1] : undefined;
  const createdMs = before(member.createdDaysAgo * DAY + random.int(0, 8) * 3_600_000);
  return {
    index,
    id: member.id,
    userPrincipalName: member.userPrincipalName,
    displayName: castDisplayName(member),
    givenName: member.givenName,
    surname: member.surname,
    mail: guest ? member.guestHomeAddress! : member.userPrincipalName.endsWith(INITIAL_DOMAIN) ? '' : member.userPrincipalName,
    userType: guest ? 'Guest' : 'Member',
    accountEnabled: member.accountEnabled ?? true,
    department: member.department,
    jobTitle: member.jobTitle,
    home: member.home,
    office: guest ? undefined : isEuropean(member.home) ? 'london' : 'hq',
    createdMs,
    lastPasswordChangeMs: Math.max(createdMs, before(random.int(5, 80) * DAY)),
    synced: member.synced,
    mfaRegistered: member.mfaRegistered,
    methodsRegistered: member.mfaRegistered ? ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'] : [],
    ssprRegistered: member.mfaRegistered,
    homeDomain,
    homeTenantId: homeDomain ? partnerTenantId(homeDomain) : undefined,
    signInName: (member.guestHomeAddress ?? member.userPrincipalName).toLowerCase(),
    devices: guest ? guestDevices(random) : workDevices(random, { laptop: true, phone: true }),
    activity: member.dormant ? 0 : 1,
    named: true,
    scripted: member.scripted === true,
    roleTemplateIds: new Set(),
    employeeId: guest ? undefined : `E${String(10000 + index).padStart(5, '0')}`,
  };
}

function asciiLocal(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '');
}

function backgroundPerson(index: number, seed: number, usedUpns: Set<string>): Person {
  const random = streamFor(seed, 'person', index);
  const givenName = random.pick(FIRST_NAMES);
  const surname = random.pick(LAST_NAMES);
  const guest = random.chance(0.08);
  const home = random.weighted<PlaceName>(HOME_PLACES);
  const createdDaysAgo = guest ? random.int(3, 700) : random.int(20, 2400);
  const createdMs = before(createdDaysAgo * DAY + random.int(0, 86_399) * 1000);
  const baseLocal = `${asciiLocal(givenName)}.${asciiLocal(surname)}`;
  let local = baseLocal;
  const domain = guest ? random.pick(PARTNER_DOMAINS) : DEMO_TENANT_DOMAIN;
  for (let n = 2; usedUpns.has(`${local}@${domain}`); n++) local = `${baseLocal}${n}`;
  usedUpns.add(`${local}@${domain}`);
  const homeAddress = `${local}@${domain}`;
  const registered = random.chance(guest ? 0.8 : 0.95);
  const stale = random.chance(0.07);
  const person: Person = {
    index,
    id: random.guid(),
    userPrincipalName: guest ? `${local}_${domain}#EXT#@${INITIAL_DOMAIN}` : homeAddress,
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    mail: homeAddress,
    userType: guest ? 'Guest' : 'Member',
    accountEnabled: !random.chance(guest ? 0.02 : 0.035),
    home,
    office: guest ? undefined : isEuropean(home) ? 'london' : 'hq',
    createdMs,
    lastPasswordChangeMs: Math.max(createdMs, before(random.int(1, 200) * DAY)),
    synced: !guest && random.chance(0.6),
    mfaRegistered: registered,
    methodsRegistered: methodsFor(random, registered),
    ssprRegistered: registered && random.chance(0.85),
    homeDomain: guest ? domain : undefined,
    homeTenantId: guest ? partnerTenantId(domain) : undefined,
    signInName: homeAddress.toLowerCase(),
    devices: guest ? guestDevices(random) : workDevices(random, { laptop: random.chance(0.97), phone: random.chance(0.9) }),
    activity: stale ? 0 : random.weighted<number>([[0.3, 2], [1, 6], [2, 3], [4, 1]]),
    named: false,
    scripted: false,
    roleTemplateIds: new Set(),
    employeeId: guest ? undefined : `E${String(10000 + index).padStart(5, '0')}`,
    lastSeenMs: stale ? before(random.int(45, 400) * DAY) : undefined,
  };
  if (!person.accountEnabled) {
    person.disabledMs = before(random.int(31, 300) * DAY);
    person.activity = 0;
    person.lastSeenMs = person.disabledMs - random.int(1, 20) * DAY;
  }
  if (!guest) {
    const department = random.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
    person.department = department.name;
    person.jobTitle = random.pick(department.titles.slice(2));
  } else {
    person.jobTitle = undefined;
    const ageDays = Math.floor((before(0) - createdMs) / DAY);
    if (ageDays < 4 && random.chance(0.5)) person.activity = 0;
  }
  return person;
}

export interface Directory {
  people: Person[];
  byId: Map<string, Person>;
  cast: Record<keyof typeof CAST, Person>;
  /** Manager of each person (ids), for those who have one. */
  managerOf: Map<string, string>;
}

export function buildPeople(seed: number, total: number): Directory {
  const castEntries = Object.entries(CAST) as Array<[keyof typeof CAST, CastMember]>;
  const people: Person[] = [];
  const cast = {} as Record<keyof typeof CAST, Person>;
  const usedUpns = new Set<string>();
  castEntries.forEach(([key, member], i) => {
    const person = fromCast(member, i, seed);
    cast[key] = person;
    people.push(person);
    usedUpns.add(person.mail.toLowerCase());
  });
  for (let i = people.length; i < Math.max(total, people.length); i++) people.push(backgroundPerson(i, seed, usedUpns));

  const managerOf = wireManagers(people, cast);
  const byId = new Map(people.map((p) => [p.id, p]));
  return { people, byId, cast, managerOf };
}

/** Department heads report to the CEO; every eighth member of a department leads a team; the rest report to a lead. */
function wireManagers(people: Person[], cast: Record<keyof typeof CAST, Person>): Map<string, string> {
  const managerOf = new Map<string, string>();
  const heads = new Map<string, Person>();
  const leads = new Map<string, Person>();
  const counts = new Map<string, number>();
  for (const person of people) {
    if (person.named || !person.department) continue;
    const department = DEPARTMENTS.find((d) => d.name === person.department)!;
    const count = counts.get(person.department) ?? 0;
    counts.set(person.department, count + 1);
    if (!heads.has(person.department)) {
      heads.set(person.department, person);
      person.jobTitle = department.titles[0];
      managerOf.set(person.id, cast.ceo.id);
    } else if (count % 8 === 1) {
      leads.set(person.department, person);
      person.jobTitle = department.titles[1];
      managerOf.set(person.id, heads.get(person.department)!.id);
    } else {
      managerOf.set(person.id, (leads.get(person.department) ?? heads.get(person.department)!).id);
    }
  }
  for (const person of people) {
    if (!person.named || person.userType === 'Guest' || person.id === cast.ceo.id) continue;
    const head = person.department ? heads.get(person.department) : undefined;
    managerOf.set(person.id, head && head.id !== person.id ? head.id : cast.ceo.id);
  }
  managerOf.delete(cast.breakGlass1.id);
  managerOf.delete(cast.breakGlass2.id);
  return managerOf;
}
