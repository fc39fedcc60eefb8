import { FIRST_PARTY, TENANT_APPS, tenantAppByName } from './applications';
import { credentialKeyId, findCredential } from './applicationObjects';
import { DAY, HOUR, MINUTE, onDay, CAPTURED_MS } from './clock';
import { asRichClient, makeDevice } from './devices';
import type { AppInfo, Device, Person } from './model';
import { homeAccess, hostileAccess, mobileAccess, officeAccess, type Access } from './networks';
import type { Directory } from './people';
import { PLACES } from './places';
import { streamFor, type Random } from './random';
import type { SignInEvent } from './signInBuilder';
import { STORY } from './storylines';

/**
 * The sign-ins of the storylines, as events the sign-in builder turns into log entries. Times are fixed
 * relative to capture, so "this morning" and "yesterday" are what the storylines say.
 */

const OUTLOOK_IOS = 'Outlook-iOS/2.0';
const OUTLOOK_ANDROID = 'Outlook-Android/2.0';
const TEAMS_DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Teams/24295.605.3225.8804 Chrome/124.0.0.0 Electron/30.5.1 Safari/537.36';

/** Bob Kelly is high risk from the attacker's sign-in on; the report-only policy sees that. */
export const BOB_HIGH_RISK_FROM = onDay(-2, 4, 12);

interface EventOptions {
  kind?: SignInEvent['kind'];
  app: AppInfo;
  device: Device;
  clientAppUsed?: string;
  access: Access;
  preCaFailure?: number;
  completesMfa?: boolean;
  mfaFromToken?: boolean;
  userRiskLevel?: string;
  signInRisk?: SignInEvent['signInRisk'];
  correlationId?: string;
}

class Script {
  readonly events: SignInEvent[] = [];
  constructor(private readonly random: Random) {}

  add(person: Person, time: number, options: EventOptions): SignInEvent {
    const kind = options.kind ?? 'interactiveUser';
    const event: SignInEvent = {
      time,
      kind,
      person,
      app: options.app,
      device: options.device,
      clientAppUsed: options.clientAppUsed ?? (options.device.browser.startsWith('Rich Client') ? 'Mobile Apps and Desktop clients' : 'Browser'),
      ipAddress: options.access.ipAddress,
      place: options.access.place,
      network: options.access.network,
      preCaFailure: options.preCaFailure,
      completesMfa: options.completesMfa,
      mfaFromToken: options.mfaFromToken ?? kind === 'nonInteractiveUser',
      userRiskLevel: options.userRiskLevel,
      signInRisk: options.signInRisk,
      id: this.random.guid(),
      correlationId: options.correlationId ?? this.random.guid(),
    };
    this.events.push(event);
    return event;
  }

  /** Ordinary working days: a morning sign-in on the laptop and token refreshes through the day. */
  routine(
    person: Person,
    fromDay: number,
    toDay: number,
    options: { atOffice?: (day: number) => boolean; userRiskLevel?: (time: number) => string; until?: number } = {},
  ): void {
    const until = Math.min(options.until ?? CAPTURED_MS, CAPTURED_MS);
    const laptop = person.devices[0];
    const teams = asRichClient(laptop, TEAMS_DESKTOP);
    for (let day = fromDay; day <= toDay; day++) {
      const weekday = ((Math.floor(onDay(day, 12) / DAY) % 7) + 7 + 4) % 7; // 0 = Sunday
      if (weekday === 0 || weekday === 6) continue;
      const office = options.atOffice ? options.atOffice(day) : day % 3 !== 0;
      const access = office ? officeAccess(person) : homeAccess(person);
      const start = onDay(day, 8 + this.random.int(0, 1), this.random.int(0, 59));
      if (start > until) continue;
      const risk = (t: number) => options.userRiskLevel?.(t);
      this.add(person, start, { app: FIRST_PARTY.officeHome, device: laptop, access, userRiskLevel: risk(start) });
      for (let h = 1; h <= 6; h += this.random.int(1, 3)) {
        const t = start + h * HOUR + this.random.int(0, 50) * MINUTE;
        if (t > until) break;
        this.add(person, t, { kind: 'nonInteractiveUser', app: this.random.pick([FIRST_PARTY.teams, FIRST_PARTY.office, FIRST_PARTY.sharePoint]), device: teams, access, userRiskLevel: risk(t) });
      }
    }
  }
}

export function storySignIns(seed: number, directory: Directory): SignInEvent[] {
  const random = streamFor(seed, 'story-sign-ins');
  const script = new Script(random);
  const { cast } = directory;

  // Megan Bowen: laptop fine for weeks; a new, unenrolled Android phone is blocked by the compliant-device policy.
  const megan = cast.megan;
  script.routine(megan, -29, 0);
  const pixel = asRichClient(makeDevice(random, { kind: 'androidPhone', managed: false, compliant: false }), OUTLOOK_ANDROID);
  const meganMobile = mobileAccess(megan);
  [onDay(0, 7, 42), onDay(0, 8, 15), onDay(0, 9, 3), onDay(0, 10, 27), onDay(0, 11, 38)].forEach((t, i) => {
    script.add(megan, t, { app: FIRST_PARTY.outlookMobile, device: pixel, access: meganMobile, mfaFromToken: i > 0 });
  });
  script.add(megan, onDay(0, 7, 44), { app: FIRST_PARTY.teams, device: { ...pixel, userAgent: 'TeamsMobile-Android' }, access: meganMobile, mfaFromToken: true });

  // Priya Patel: a personal iPhone that is not enrolled in Intune.
  const priya = cast.priya;
  script.routine(priya, -29, 0);
  const iphone = asRichClient(makeDevice(random, { kind: 'iPhone', managed: false, compliant: false }), OUTLOOK_IOS);
  [onDay(-1, 18, 5), onDay(-1, 18, 9), onDay(-1, 21, 40), onDay(0, 6, 55), onDay(0, 9, 12)].forEach((t, i) => {
    script.add(priya, t, { app: FIRST_PARTY.outlookMobile, device: iphone, access: homeAccess(priya), mfaFromToken: i > 0 });
  });

  // Bob Kelly: password spray from many addresses, smart lockout, then the attacker with the right password stopped by MFA.
  const bob = cast.bob;
  const bobRisk = (t: number) => (t >= BOB_HIGH_RISK_FROM ? 'high' : 'none');
  script.routine(bob, -29, 0, { userRiskLevel: bobRisk });
  const sprayPlaces = [PLACES.amsterdam, PLACES.singapore, PLACES.saoPaulo, PLACES.frankfurt, PLACES.moscow];
  const attackerDevice = makeDevice(random, { kind: 'linuxWorkstation', managed: false, compliant: false });
  for (let i = 0; i < 36; i++) {
    const t = onDay(-3, 2, 0) + i * 150_000 + random.int(0, 60_000);
    const lockedOut = i >= 28;
    script.add(bob, t, {
      app: FIRST_PARTY.officeHome,
      device: attackerDevice,
      access: hostileAccess(10 + i * 5, sprayPlaces[i % sprayPlaces.length]),
      preCaFailure: lockedOut ? 50053 : 50126,
    });
  }
  script.add(bob, onDay(-3, 3, 41), { app: FIRST_PARTY.teams, device: asRichClient(bob.devices[0], TEAMS_DESKTOP), access: homeAccess(bob), preCaFailure: 50053 });
  script.add(bob, BOB_HIGH_RISK_FROM, {
    app: FIRST_PARTY.officeHome,
    device: attackerDevice,
    access: hostileAccess(200, PLACES.saoPaulo),
    completesMfa: false,
    userRiskLevel: 'medium',
    signInRisk: { level: 'medium', state: 'atRisk', detail: 'none', eventTypes: ['unfamiliarFeatures'] },
  });

  // Lee Gu: disabled yesterday afternoon; his phone keeps trying, and so does he this morning.
  const lee = cast.lee;
  const leeDisabled = lee.disabledMs ?? onDay(-1, 16, 20);
  script.routine(lee, -29, -1, { until: leeDisabled });
  const leePhone = asRichClient(lee.devices[1], OUTLOOK_IOS);
  for (let t = leeDisabled + 25 * MINUTE; t < CAPTURED_MS; t += 3 * HOUR + random.int(0, 40) * MINUTE) {
    script.add(lee, t, { kind: 'nonInteractiveUser', app: FIRST_PARTY.outlookMobile, device: leePhone, access: mobileAccess(lee), preCaFailure: 50057 });
  }
  script.add(lee, onDay(0, 8, 31), { app: FIRST_PARTY.officeHome, device: lee.devices[0], access: homeAccess(lee), preCaFailure: 50057 });
  script.add(lee, onDay(0, 8, 33), { app: FIRST_PARTY.officeHome, device: lee.devices[0], access: homeAccess(lee), preCaFailure: 50057 });

  // Nestor Wilke, a Fabrikam guest who never registered MFA.
  const nestor = cast.nestor;
  const nestorAccess = { ipAddress: '100.90.12.44', place: PLACES.london, network: 'residential' as const };
  [onDay(-1, 14, 2), onDay(-1, 14, 5), onDay(0, 9, 48), onDay(0, 9, 51)].forEach((t, i) => {
    script.add(nestor, t, { app: i % 2 ? FIRST_PARTY.sharePoint : FIRST_PARTY.teams, device: nestor.devices[0], access: nestorAccess });
  });

  // Johanna Lorenz: a modern laptop, and an old IMAP/POP mail app blocked as legacy authentication.
  const johanna = cast.johanna;
  script.routine(johanna, -29, 0);
  const mailApp: Device = { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '', userAgent: 'BAV2ROPC' };
  for (let t = onDay(-5, 6, 10); t < CAPTURED_MS; t += 2 * HOUR + random.int(0, 20) * MINUTE) {
    script.add(johanna, t, { app: FIRST_PARTY.exchange, device: mailApp, clientAppUsed: random.chance(0.8) ? 'IMAP4' : 'POP3', access: homeAccess(johanna) });
  }

  // Lidia Holloway: her password used from a blocked country.
  const lidia = cast.lidia;
  script.routine(lidia, -29, 0);
  [onDay(-1, 22, 47), onDay(-1, 22, 49), onDay(-1, 23, 3)].forEach((t) => {
    script.add(lidia, t, { app: FIRST_PARTY.officeHome, device: attackerDevice, access: hostileAccess(77, PLACES.moscow) });
  });

  // Adele Vance: an unfamiliar sign-in while travelling (risk later dismissed by an admin).
  const adele = cast.adele;
  script.routine(adele, -29, 0, { atOffice: (day) => day < -8 || day > -5 });
  script.add(adele, onDay(-6, 7, 18), {
    app: FIRST_PARTY.officeHome,
    device: adele.devices[0],
    access: { ipAddress: '100.81.200.17', place: PLACES.paris, network: 'residential' },
    signInRisk: { level: 'medium', state: 'atRisk', detail: 'none', eventTypes: ['unfamiliarFeatures'] },
  });

  // Alex Wilber: no MFA method, so sign-ins outside the trusted HQ network fail with 50079.
  const alex = cast.alex;
  script.routine(alex, -29, 0, { atOffice: () => true });
  [onDay(-4, 19, 22), onDay(-2, 20, 5), onDay(0, 7, 30)].forEach((t) => {
    script.add(alex, t, { app: FIRST_PARTY.officeHome, device: alex.devices[0], access: homeAccess(alex) });
  });

  // Diego Siciliani: nothing wrong.
  script.routine(cast.diego, -29, 0, { atOffice: () => true });

  // Joni Sherman: not assigned to the HR Portal; the user only has the correlation id from the error page.
  const joni = cast.joni;
  script.routine(joni, -29, 0);
  const hrPortal = tenantAppByName('HR Portal');
  script.add(joni, onDay(-1, 15, 26), { app: hrPortal, device: joni.devices[0], access: officeAccess(joni), preCaFailure: 50105, correlationId: STORY.joniCorrelationId });

  return [...script.events, ...servicePrincipalStories(random)];
}

function servicePrincipalStories(random: Random): SignInEvent[] {
  const events: SignInEvent[] = [];
  const spEvent = (appName: string, time: number, access: Access, keyId: string, type: 'clientSecret' | 'certificate', failure?: number): SignInEvent => {
    const app = tenantAppByName(appName);
    return {
      time,
      kind: 'servicePrincipal',
      servicePrincipal: { id: app.servicePrincipalId, appId: app.appId, displayName: app.displayName },
      app,
      clientAppUsed: '',
      ipAddress: access.ipAddress,
      place: access.place,
      network: access.network,
      preCaFailure: failure,
      id: random.guid(),
      correlationId: random.guid(),
      credential: { type, keyId },
    };
  };

  // Inventory Sync: hourly job; its only secret expired eight days ago.
  const inventory = findCredential('inventory-expired-secret');
  const inventoryKey = credentialKeyId(inventory.app, inventory.credential);
  const expiry = CAPTURED_MS + inventory.credential.endDaysFromCapture * DAY;
  const inventoryAccess: Access = { ipAddress: '100.100.20.31', place: PLACES.redmond, network: 'hosting' };
  for (let t = onDay(-29, 0, 5); t < CAPTURED_MS; t += HOUR) {
    events.push(spEvent('Inventory Sync', t, inventoryAccess, inventoryKey, 'clientSecret', t >= expiry ? 7000222 : undefined));
  }

  // Payroll Connector: nightly runs with the old secret, then the new secret used from an unknown address.
  const payrollOld = TENANT_APPS.find((a) => a.displayName === 'Payroll Connector')!;
  const oldKey = credentialKeyId(payrollOld, payrollOld.credentials[0]);
  const fresh = findCredential('payroll-new-secret');
  const newKey = credentialKeyId(fresh.app, fresh.credential);
  const payrollAccess: Access = { ipAddress: '100.100.20.58', place: PLACES.redmond, network: 'hosting' };
  for (let day = -29; day <= 0; day++) {
    const t = onDay(day, 1, 30);
    if (t < CAPTURED_MS) events.push(spEvent('Payroll Connector', t, payrollAccess, oldKey, 'clientSecret'));
  }
  for (let i = 0; i < 14; i++) {
    const t = onDay(-2, 10, 2) + i * 97 * MINUTE;
    events.push(spEvent('Payroll Connector', t, hostileAccess(150, PLACES.singapore), newKey, 'clientSecret'));
  }
  return events;
}
