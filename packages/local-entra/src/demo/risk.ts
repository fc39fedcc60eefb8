import { tenantAppByName } from './applications';
import { credentialKeyId, findCredential } from './applicationObjects';
import { CAPTURED_MS, DAY, HOUR, MINUTE, iso, onDay } from './clock';
import { DEMO_SECURITY_ADMIN } from './constants';
import type { Person } from './model';
import { homeAccess } from './networks';
import type { Directory } from './people';
import { PLACES, type Place } from './places';
import { streamFor, type Random } from './random';
import type { SignInEvent } from './signInBuilder';
import { STORY } from './storylines';
import { BOB_HIGH_RISK_FROM } from './storySignIns';

/**
 * Identity Protection data: risky users with their history, risk detections, risky service principals and
 * their detections. Storyline risk is linked to the storyline sign-ins by request and correlation id.
 */

type Json = Record<string, unknown>;

export interface RiskData {
  riskyUsers: Json[];
  riskDetections: Json[];
  riskyServicePrincipals: Json[];
  servicePrincipalRiskDetections: Json[];
}

interface HistoryStep {
  time: number;
  level: string;
  state: string;
  detail: string;
  eventTypes: string[];
  initiatedBy: string | null;
}

function riskyUser(person: Person, steps: HistoryStep[], random: Random): Json {
  const last = steps[steps.length - 1];
  const base = {
    isDeleted: false,
    isProcessing: false,
    userDisplayName: person.displayName,
    userPrincipalName: person.userPrincipalName,
  };
  return {
    id: person.id,
    ...base,
    riskDetail: last.detail,
    riskLastUpdatedDateTime: iso(last.time),
    riskLevel: last.level,
    riskState: last.state,
    history: steps.map((step) => ({
      id: random.guid(),
      ...base,
      riskDetail: step.detail,
      riskLastUpdatedDateTime: iso(step.time),
      riskLevel: step.level,
      riskState: step.state,
      userId: person.id,
      initiatedBy: step.initiatedBy,
      activity: { detail: step.detail, riskEventTypes: step.eventTypes },
    })),
  };
}

interface DetectionSpec {
  person: Person;
  eventType: string;
  level: string;
  state: string;
  detail: string;
  timing: 'realtime' | 'offline';
  activity: 'signin' | 'user';
  activityTime: number;
  detectedTime: number;
  lastUpdated?: number;
  ipAddress?: string | null;
  place?: Place | null;
  signIn?: SignInEvent;
  additionalInfo: Array<{ Key: string; Value: string }>;
  source?: string;
}

function detection(spec: DetectionSpec, random: Random): Json {
  return {
    id: random.hex(64),
    requestId: spec.signIn?.id ?? null,
    correlationId: spec.signIn?.correlationId ?? null,
    riskEventType: spec.eventType,
    riskState: spec.state,
    riskLevel: spec.level,
    riskDetail: spec.detail,
    source: spec.source ?? 'IdentityProtection',
    detectionTimingType: spec.timing,
    activity: spec.activity,
    tokenIssuerType: 'AzureAD',
    ipAddress: spec.ipAddress ?? null,
    location: spec.place ? { city: spec.place.city, state: spec.place.state, countryOrRegion: spec.place.countryOrRegion, geoCoordinates: { altitude: null, latitude: spec.place.latitude, longitude: spec.place.longitude } } : null,
    activityDateTime: iso(spec.activityTime),
    detectedDateTime: iso(spec.detectedTime),
    lastUpdatedDateTime: iso(spec.lastUpdated ?? spec.detectedTime),
    userId: spec.person.id,
    userDisplayName: spec.person.displayName,
    userPrincipalName: spec.person.userPrincipalName,
    additionalInfo: JSON.stringify(spec.additionalInfo),
  };
}

const BACKGROUND_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['unfamiliarFeatures', 4], ['anonymizedIPAddress', 3], ['unlikelyTravel', 3], ['maliciousIPAddress', 1], ['leakedCredentials', 1], ['passwordSpray', 1],
];

export function riskData(seed: number, directory: Directory, storyEvents: SignInEvent[]): RiskData {
  const random = streamFor(seed, 'risk');
  const { cast } = directory;
  const riskyUsers: Json[] = [];
  const detections: Json[] = [];
  const agent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36';

  // Bob Kelly: password spray (offline) and the attacker's unfamiliar sign-in (real time) leave him at high risk.
  const bobSpray = storyEvents.filter((e) => e.person === cast.bob && e.preCaFailure === 50126);
  const bobAttacker = storyEvents.find((e) => e.person === cast.bob && e.signInRisk)!;
  detections.push(detection({
    person: cast.bob, eventType: 'passwordSpray', level: 'high', state: 'atRisk', detail: 'none', timing: 'offline', activity: 'signin',
    activityTime: bobSpray[0].time, detectedTime: onDay(-3, 9, 40), ipAddress: bobSpray[0].ipAddress, place: bobSpray[0].place, signIn: bobSpray[0],
    additionalInfo: [{ Key: 'userAgent', Value: agent }, { Key: 'riskReasons', Value: 'passwordSpray' }],
  }, random));
  detections.push(detection({
    person: cast.bob, eventType: 'unfamiliarFeatures', level: 'medium', state: 'atRisk', detail: 'none', timing: 'realtime', activity: 'signin',
    activityTime: bobAttacker.time, detectedTime: bobAttacker.time + 40_000, ipAddress: STORY.bobAttackerIp, place: bobAttacker.place, signIn: bobAttacker,
    additionalInfo: [{ Key: 'userAgent', Value: agent }, { Key: 'riskReasons', Value: 'UnfamiliarASN, UnfamiliarBrowser, UnfamiliarDevice, UnfamiliarIP, UnfamiliarLocation' }],
  }, random));
  riskyUsers.push(riskyUser(cast.bob, [
    { time: onDay(-3, 9, 40), level: 'medium', state: 'atRisk', detail: 'none', eventTypes: ['passwordSpray'], initiatedBy: null },
    { time: BOB_HIGH_RISK_FROM + 40_000, level: 'high', state: 'atRisk', detail: 'none', eventTypes: ['passwordSpray', 'unfamiliarFeatures'], initiatedBy: null },
  ], random));

  // Adele Vance: medium risk from an unfamiliar sign-in in Paris, dismissed by the security administrator.
  const adeleSignIn = storyEvents.find((e) => e.person === cast.adele && e.signInRisk)!;
  const dismissedAt = onDay(-5, 10, 12);
  detections.push(detection({
    person: cast.adele, eventType: 'unfamiliarFeatures', level: 'medium', state: 'dismissed', detail: 'adminDismissedAllRiskForUser', timing: 'realtime', activity: 'signin',
    activityTime: adeleSignIn.time, detectedTime: adeleSignIn.time + 35_000, lastUpdated: dismissedAt, ipAddress: adeleSignIn.ipAddress, place: PLACES.paris, signIn: adeleSignIn,
    additionalInfo: [{ Key: 'userAgent', Value: adeleSignIn.device?.userAgent ?? agent }, { Key: 'riskReasons', Value: 'UnfamiliarIP, UnfamiliarLocation' }],
  }, random));
  riskyUsers.push(riskyUser(cast.adele, [
    { time: adeleSignIn.time + 35_000, level: 'medium', state: 'atRisk', detail: 'none', eventTypes: ['unfamiliarFeatures'], initiatedBy: null },
    { time: dismissedAt, level: 'none', state: 'dismissed', detail: 'adminDismissedAllRiskForUser', eventTypes: [], initiatedBy: cast.securityAdmin.id },
  ], random));

  // Alex Wilber: his password found in a leak; no MFA method to remediate with.
  detections.push(detection({
    person: cast.alex, eventType: 'leakedCredentials', level: 'medium', state: 'atRisk', detail: 'none', timing: 'offline', activity: 'user',
    activityTime: onDay(-1, 4, 0), detectedTime: onDay(-1, 6, 0), ipAddress: null, place: null,
    additionalInfo: [{ Key: 'leakSource', Value: 'Underground forum' }],
  }, random));
  riskyUsers.push(riskyUser(cast.alex, [
    { time: onDay(-1, 6, 0), level: 'medium', state: 'atRisk', detail: 'none', eventTypes: ['leakedCredentials'], initiatedBy: null },
  ], random));

  // A few more people with everyday risk: most remediated by a secure password change, some still low risk.
  const pool = directory.people.filter((p) => !p.named && p.userType === 'Member' && p.accountEnabled && p.activity > 0);
  const count = Math.min(pool.length, Math.max(5, Math.round(directory.people.length * 0.02)));
  for (const person of random.sample(pool, count)) {
    const eventType = random.weighted(BACKGROUND_TYPES);
    const when = CAPTURED_MS - random.int(2, 28) * DAY - random.int(0, 23) * HOUR;
    const remediated = random.chance(0.6);
    const access = homeAccess(person);
    const level = random.chance(0.7) ? 'low' : 'medium';
    detections.push(detection({
      person, eventType, level, state: remediated ? 'remediated' : 'atRisk', detail: remediated ? 'userPerformedSecuredPasswordChange' : 'none',
      timing: eventType === 'unfamiliarFeatures' ? 'realtime' : 'offline', activity: eventType === 'leakedCredentials' ? 'user' : 'signin',
      activityTime: when, detectedTime: when + 2 * HOUR, lastUpdated: remediated ? when + 30 * HOUR : when + 2 * HOUR,
      ipAddress: eventType === 'leakedCredentials' ? null : access.ipAddress, place: eventType === 'leakedCredentials' ? null : access.place,
      additionalInfo: [{ Key: 'userAgent', Value: person.devices[0].userAgent }],
    }, random));
    const steps: HistoryStep[] = [{ time: when + 2 * HOUR, level, state: 'atRisk', detail: 'none', eventTypes: [eventType], initiatedBy: null }];
    if (remediated) steps.push({ time: when + 30 * HOUR, level: 'none', state: 'remediated', detail: 'userPerformedSecuredPasswordChange', eventTypes: [], initiatedBy: person.id });
    riskyUsers.push(riskyUser(person, steps, random));
  }

  const sp = servicePrincipalRisk(random, storyEvents);
  detections.sort((a, b) => String(b.detectedDateTime).localeCompare(String(a.detectedDateTime)));
  riskyUsers.sort((a, b) => String(b.riskLastUpdatedDateTime).localeCompare(String(a.riskLastUpdatedDateTime)));
  return { riskyUsers, riskDetections: detections, ...sp };
}

function servicePrincipalRisk(random: Random, storyEvents: SignInEvent[]): Pick<RiskData, 'riskyServicePrincipals' | 'servicePrincipalRiskDetections'> {
  const payroll = tenantAppByName('Payroll Connector');
  const fresh = findCredential('payroll-new-secret');
  const newKey = credentialKeyId(fresh.app, fresh.credential);
  const firstUse = storyEvents.filter((e) => e.servicePrincipal?.id === payroll.servicePrincipalId && e.ipAddress === STORY.payrollAttackerIp).sort((a, b) => a.time - b.time)[0];
  const detected = onDay(-1, 3, 0);
  const marketing = tenantAppByName('Marketing Automation');
  const spDetection = (app: typeof payroll, fields: Json): Json => ({
    id: random.hex(64),
    activity: 'servicePrincipal',
    appId: app.appId,
    servicePrincipalDisplayName: app.displayName,
    servicePrincipalId: app.servicePrincipalId,
    source: 'IdentityProtection',
    tokenIssuerType: 'AzureAD',
    ...fields,
  });
  const riskySp = (app: typeof payroll, level: string, state: string, detail: string, updated: number, history: Json[]): Json => ({
    id: app.servicePrincipalId,
    appId: app.appId,
    displayName: app.displayName,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    isEnabled: true,
    isProcessing: false,
    riskDetail: detail,
    riskLastUpdatedDateTime: iso(updated),
    riskLevel: level,
    riskState: state,
    history,
  });
  const historyItem = (app: typeof payroll, level: string, state: string, detail: string, time: number, eventTypes: string[], initiatedBy: string | null): Json => ({
    id: random.guid(),
    appId: app.appId,
    displayName: app.displayName,
    servicePrincipalId: app.servicePrincipalId,
    servicePrincipalType: 'Application',
    isEnabled: true,
    isProcessing: false,
    riskDetail: detail,
    riskLastUpdatedDateTime: iso(time),
    riskLevel: level,
    riskState: state,
    initiatedBy,
    activity: { detail, riskEventTypes: eventTypes },
  });
  const marketingDetected = CAPTURED_MS - 17 * DAY - 5 * HOUR;
  const marketingDismissed = marketingDetected + 20 * HOUR + 12 * MINUTE;
  return {
    riskyServicePrincipals: [
      riskySp(payroll, 'high', 'atRisk', 'none', detected, [historyItem(payroll, 'high', 'atRisk', 'none', detected, ['suspiciousSignins'], null)]),
      riskySp(marketing, 'none', 'dismissed', 'adminDismissedAllRiskForServicePrincipal', marketingDismissed, [
        historyItem(marketing, 'low', 'atRisk', 'none', marketingDetected, ['anomalousServicePrincipalActivity'], null),
        historyItem(marketing, 'none', 'dismissed', 'adminDismissedAllRiskForServicePrincipal', marketingDismissed, [], DEMO_SECURITY_ADMIN.id),
      ]),
    ],
    servicePrincipalRiskDetections: [
      spDetection(payroll, {
        activityDateTime: iso(firstUse.time),
        detectedDateTime: iso(detected),
        lastUpdatedDateTime: iso(detected),
        additionalInfo: JSON.stringify([{ Key: 'riskReasons', Value: 'New credential used from an unfamiliar address' }]),
        correlationId: firstUse.correlationId,
        requestId: firstUse.id,
        detectionTimingType: 'offline',
        ipAddress: STORY.payrollAttackerIp,
        keyIds: [newKey],
        location: { city: PLACES.singapore.city, state: PLACES.singapore.state, countryOrRegion: PLACES.singapore.countryOrRegion, geoCoordinates: null },
        riskDetail: 'none',
        riskEventType: 'suspiciousSignins',
        riskLevel: 'high',
        riskState: 'atRisk',
      }),
      spDetection(marketing, {
        activityDateTime: iso(marketingDetected - 3 * HOUR),
        detectedDateTime: iso(marketingDetected),
        lastUpdatedDateTime: iso(marketingDismissed),
        additionalInfo: JSON.stringify([{ Key: 'riskReasons', Value: 'Unusual volume of directory reads' }]),
        correlationId: null,
        requestId: null,
        detectionTimingType: 'offline',
        ipAddress: null,
        keyIds: [],
        location: null,
        riskDetail: 'adminDismissedAllRiskForServicePrincipal',
        riskEventType: 'anomalousServicePrincipalActivity',
        riskLevel: 'low',
        riskState: 'dismissed',
      }),
    ],
  };
}
