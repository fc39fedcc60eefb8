import { FIRST_PARTY, TENANT_APPS } from './applications';
import { credentialKeyId } from './applicationObjects';
import { CAPTURED_MS, DAY } from './clock';
import { asRichClient } from './devices';
import type { AppInfo, Device, Person } from './model';
import { cloudAccess, homeAccess, hostileAccess, mobileAccess, officeAccess, type Access } from './networks';
import { PLACES } from './places';
import { streamFor, type Random } from './random';
import type { SignInEvent } from './signInBuilder';

/**
 * The everyday sign-in traffic of the tenant, generated one time slot at a time (newest first), so two million
 * sign-ins stream to disk without being held in memory. Each slot draws from its own seeded stream.
 */

export const LOG_WINDOW_MS = 30 * DAY;

const OUTLOOK_IOS = 'Outlook-iOS/2.0';
const OUTLOOK_ANDROID = 'Outlook-Android/2.0';
const TEAMS_DESKTOP = 'Teams/24295.605.3225.8804';
const OFFICE_DESKTOP = 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)';

const LEGACY_CLIENTS = ['IMAP4', 'POP3', 'Authenticated SMTP', 'Exchange ActiveSync', 'Exchange Web Services'];

/** Cumulative weights for picking a person in O(log n). */
class WeightedPeople {
  private readonly cumulative: number[] = [];
  private total = 0;
  constructor(readonly people: Person[], weight: (p: Person) => number) {
    for (const person of people) {
      this.total += weight(person);
      this.cumulative.push(this.total);
    }
  }
  get size(): number {
    return this.people.length;
  }
  pick(random: Random): Person {
    const roll = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > roll) hi = mid;
      else lo = mid + 1;
    }
    return this.people[lo];
  }
}

interface AppChoice {
  app: AppInfo;
  client: 'browser' | 'desktop' | 'mobile';
}

const INTERACTIVE_APPS: ReadonlyArray<readonly [AppChoice, number]> = [
  [{ app: FIRST_PARTY.officeHome, client: 'browser' }, 20],
  [{ app: FIRST_PARTY.teams, client: 'desktop' }, 14],
  [{ app: FIRST_PARTY.teams, client: 'mobile' }, 8],
  [{ app: FIRST_PARTY.outlookMobile, client: 'mobile' }, 14],
  [{ app: FIRST_PARTY.office, client: 'desktop' }, 14],
  [{ app: FIRST_PARTY.sharePoint, client: 'browser' }, 10],
  [{ app: FIRST_PARTY.myApps, client: 'browser' }, 5],
];

const REFRESH_APPS: ReadonlyArray<readonly [AppChoice, number]> = [
  [{ app: FIRST_PARTY.teams, client: 'desktop' }, 30],
  [{ app: FIRST_PARTY.teams, client: 'mobile' }, 12],
  [{ app: FIRST_PARTY.outlookMobile, client: 'mobile' }, 20],
  [{ app: FIRST_PARTY.office, client: 'desktop' }, 25],
  [{ app: FIRST_PARTY.sharePoint, client: 'desktop' }, 13],
];

const WEB_APPS = TENANT_APPS.filter((a) => !a.daemon);
const DAEMONS = TENANT_APPS.filter((a) => a.daemon && a.displayName !== 'Payroll Connector' && a.displayName !== 'Inventory Sync');

export interface BackgroundInputs {
  seed: number;
  count: number;
  people: Person[];
  /** Users assigned to apps that require assignment (app id → user ids). */
  assignedUsers: Map<string, ReadonlySet<string>>;
}

export function* backgroundSignIns(inputs: BackgroundInputs): Generator<SignInEvent> {
  const active = new WeightedPeople(
    inputs.people.filter((p) => !p.scripted && p.accountEnabled && p.activity > 0),
    (p) => p.activity,
  );
  const disabled = inputs.people.filter((p) => !p.scripted && !p.accountEnabled);
  const members = inputs.people.filter((p) => !p.scripted && p.userType === 'Member');
  const slot = LOG_WINDOW_MS / Math.max(1, inputs.count);
  let produced = 0;
  for (let i = 0; produced < inputs.count; i++) {
    const random = streamFor(inputs.seed, 'sign-in', i);
    const time = CAPTURED_MS - (i + 0.3 + 0.4 * random.next()) * slot;
    for (const event of slotEvents(random, time, slot, active, disabled, members, inputs)) {
      if (produced >= inputs.count) break;
      produced++;
      yield event;
    }
  }
}

function slotEvents(
  random: Random,
  time: number,
  slot: number,
  active: WeightedPeople,
  disabled: Person[],
  members: Person[],
  inputs: BackgroundInputs,
): SignInEvent[] {
  const roll = random.next();
  if (roll < 0.14 && DAEMONS.length > 0) return [daemonSignIn(random, time)];
  if (active.size === 0) return [];
  if (roll < 0.145 && disabled.length > 0) return [disabledAttempt(random, time, random.pick(disabled))];
  if (roll < 0.152 && members.length > 0) return [legacyAttempt(random, time, random.pick(members))];
  if (roll < 0.158 && members.length > 0) return [hostileAttempt(random, time, random.pick(members))];
  const person = active.pick(random);
  if (roll < 0.55) return refresh(random, time, person);
  return interactive(random, time, slot, person, inputs);
}

function base(random: Random, time: number, person: Person, kind: SignInEvent['kind'], app: AppInfo, device: Device, access: Access, clientAppUsed: string): SignInEvent {
  return {
    time,
    kind,
    person,
    app,
    device,
    clientAppUsed,
    ipAddress: access.ipAddress,
    place: access.place,
    network: access.network,
    id: random.guid(),
    correlationId: random.guid(),
  };
}

function deviceFor(person: Person, choice: AppChoice, random: Random): { device: Device; clientAppUsed: string } {
  const laptop = person.devices[0];
  const phone = person.devices[1];
  if (choice.client === 'browser') return { device: random.chance(0.1) ? phone : laptop, clientAppUsed: 'Browser' };
  if (choice.client === 'mobile') {
    const agent = choice.app === FIRST_PARTY.outlookMobile ? (phone.platform === 'iOS' ? OUTLOOK_IOS : OUTLOOK_ANDROID) : 'TeamsMobile';
    return { device: asRichClient(phone, agent), clientAppUsed: 'Mobile Apps and Desktop clients' };
  }
  return { device: asRichClient(laptop, choice.app === FIRST_PARTY.teams ? TEAMS_DESKTOP : OFFICE_DESKTOP), clientAppUsed: 'Mobile Apps and Desktop clients' };
}

function accessFor(random: Random, person: Person, device: Device): Access {
  if (person.userType === 'Guest') return homeAccess(person);
  if (device.platform === 'iOS' || device.platform === 'android') return random.chance(0.6) ? mobileAccess(person) : officeAccess(person);
  if (random.chance(0.03)) return { ipAddress: `100.81.${person.index % 250}.${(person.index * 7) % 250 + 2}`, place: random.pick([PLACES.paris, PLACES.amsterdam, PLACES.singapore, PLACES.toronto]), network: 'residential' };
  return random.chance(0.58) ? officeAccess(person) : homeAccess(person);
}

function refresh(random: Random, time: number, person: Person): SignInEvent[] {
  const choice = random.weighted(person.userType === 'Guest' ? [[{ app: FIRST_PARTY.teams, client: 'desktop' as const }, 1]] : REFRESH_APPS);
  const { device, clientAppUsed } = deviceFor(person, choice, random);
  const event = base(random, time, person, 'nonInteractiveUser', choice.app, device, accessFor(random, person, device), clientAppUsed);
  event.mfaFromToken = person.mfaRegistered && random.chance(0.97);
  if (random.chance(0.01)) event.preCaFailure = 50058;
  return [event];
}

function interactive(random: Random, time: number, slot: number, person: Person, inputs: BackgroundInputs): SignInEvent[] {
  const guest = person.userType === 'Guest';
  let choice: AppChoice;
  if (guest) choice = random.pick([{ app: FIRST_PARTY.teams, client: 'browser' as const }, { app: FIRST_PARTY.sharePoint, client: 'browser' as const }]);
  else if (random.chance(0.12)) choice = { app: random.pick(WEB_APPS), client: 'browser' };
  else if (random.chance(0.04) && (person.department === 'IT' || person.department === 'Engineering')) choice = { app: FIRST_PARTY.azurePortal, client: 'browser' };
  else choice = random.weighted(INTERACTIVE_APPS);
  const { device, clientAppUsed } = deviceFor(person, choice, random);
  const access = accessFor(random, person, device);
  const event = base(random, time, person, 'interactiveUser', choice.app, device, access, clientAppUsed);

  const tenantApp = TENANT_APPS.find((a) => a.appId === choice.app.appId);
  const failure = random.next();
  if (tenantApp?.assignmentRequired && !inputs.assignedUsers.get(tenantApp.appId)?.has(person.id)) event.preCaFailure = 50105;
  else if (failure < 0.035) event.preCaFailure = 50126;
  else if (failure < 0.05) event.preCaFailure = 50140;
  else if (failure < 0.054 && !person.synced && CAPTURED_MS - person.lastPasswordChangeMs > 90 * DAY) event.preCaFailure = 50055;
  else if (failure < 0.057 && tenantApp) event.preCaFailure = 65001;
  else if (failure < 0.059 && tenantApp) event.preCaFailure = 90094;
  else if (failure < 0.06) {
    event.app = { appId: random.guid(), displayName: '', resourceId: '00000003-0000-0000-c000-000000000000', resourceDisplayName: 'Microsoft Graph', office365: false };
    event.preCaFailure = 700016;
  }

  if (event.preCaFailure === undefined && person.mfaRegistered && random.chance(0.06)) {
    // The user ignored the push notification, then tried again a moment later (same correlation id).
    const abandoned: SignInEvent = { ...event, time: time - 0.25 * slot, id: random.guid(), completesMfa: false };
    return [event, abandoned];
  }
  return [event];
}

function disabledAttempt(random: Random, time: number, person: Person): SignInEvent {
  const choice = { app: FIRST_PARTY.outlookMobile, client: 'mobile' as const };
  const { device, clientAppUsed } = deviceFor(person, choice, random);
  const event = base(random, time, person, 'nonInteractiveUser', choice.app, device, mobileAccess(person), clientAppUsed);
  event.preCaFailure = 50057;
  return event;
}

function legacyAttempt(random: Random, time: number, person: Person): SignInEvent {
  const device: Device = { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '', userAgent: 'BAV2ROPC' };
  const event = base(random, time, person, 'interactiveUser', FIRST_PARTY.exchange, device, homeAccess(person), random.pick(LEGACY_CLIENTS));
  if (random.chance(0.3)) event.preCaFailure = 50126;
  return event;
}

function hostileAttempt(random: Random, time: number, person: Person): SignInEvent {
  const place = random.pick([PLACES.moscow, PLACES.pyongyang, PLACES.saoPaulo, PLACES.singapore, PLACES.amsterdam]);
  const device: Device = { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Chrome 118.0.0', platform: 'windows', isCompliant: false, isManaged: false, trustType: '', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36' };
  const event = base(random, time, person, 'interactiveUser', FIRST_PARTY.officeHome, device, hostileAccess(random.int(2, 254), place), 'Browser');
  event.preCaFailure = random.chance(0.85) ? 50126 : undefined;
  event.completesMfa = false;
  return event;
}

function daemonSignIn(random: Random, time: number): SignInEvent {
  const app = random.pick(DAEMONS);
  const credential = app.credentials.find((c) => c.endDaysFromCapture > 0) ?? app.credentials[0];
  const access = cloudAccess(TENANT_APPS.indexOf(app));
  return {
    time,
    kind: 'servicePrincipal',
    servicePrincipal: { id: app.servicePrincipalId, appId: app.appId, displayName: app.displayName },
    app,
    clientAppUsed: '',
    ipAddress: access.ipAddress,
    place: access.place,
    network: access.network,
    id: random.guid(),
    correlationId: random.guid(),
    credential: credential ? { type: credential.kind === 'certificate' ? 'certificate' : 'clientSecret', keyId: credentialKeyId(app, credential) } : undefined,
  };
}
