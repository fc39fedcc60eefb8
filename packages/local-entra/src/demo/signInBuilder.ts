import {
  clientAppTypeOf,
  conditionalAccessStatusOf,
  evaluatePolicies,
  matchNamedLocations,
  notEvaluated,
  type PolicyOutcome,
  type SignInFacts,
} from './caEvaluation';
import { iso } from './clock';
import { DEMO_TENANT_ID } from './constants';
import { statusFor } from './failureReasons';
import type { AppInfo, Device, Person, SignInKind } from './model';
import type { Place } from './places';

/**
 * Turns what happened in a sign-in (who, which app, from where, on which device, whether the password was right)
 * into the Graph `signIn` object. Conditional Access is evaluated here, so the policy results and the error code
 * always follow from the tenant's policies.
 */

export interface ServicePrincipalActor {
  id: string;
  appId: string;
  displayName: string;
}

export interface SignInEvent {
  time: number;
  kind: SignInKind;
  person?: Person;
  servicePrincipal?: ServicePrincipalActor;
  app: AppInfo;
  device?: Device;
  clientAppUsed: string;
  ipAddress: string;
  place: Place;
  /** A failure that happens before Conditional Access runs (wrong password, lockout, disabled account...). */
  preCaFailure?: number;
  /** Whether the person answers an MFA prompt when one is needed (default: yes, if registered). */
  completesMfa?: boolean;
  /** The token already carries the MFA claim (earlier in the session). */
  mfaFromToken?: boolean;
  userRiskLevel?: string;
  signInRisk?: { level: string; state: string; detail: string; eventTypes: string[] };
  id: string;
  correlationId: string;
  credential?: { type: 'clientSecret' | 'certificate'; keyId: string; thumbprint?: string };
  /** Network tag for the autonomous system number. */
  network?: 'office' | 'residential' | 'mobile' | 'hosting' | 'hostile';
}

export interface SignInContext {
  policies: readonly Record<string, unknown>[];
  namedLocations: readonly Record<string, unknown>[];
  /** Transitive group ids per user id. */
  groupsOf(userId: string): ReadonlySet<string>;
  /** Lean objects for big tenants: fewer optional fields, and only the policies that applied. */
  lean: boolean;
}

const RISK_EVENT_ENUM = new Set(['unlikelyTravel', 'anonymizedIPAddress', 'maliciousIPAddress', 'unfamiliarFeatures', 'malwareInfectedIPAddress', 'suspiciousIPAddress', 'leakedCredentials', 'investigationsThreatIntelligence', 'generic']);

const ASN: Record<string, number> = { office: 8075, residential: 7922, mobile: 21928, hosting: 16509, hostile: 200651 };

export interface BuiltSignIn {
  record: Record<string, unknown>;
  errorCode: number;
}

export function buildSignIn(event: SignInEvent, context: SignInContext): BuiltSignIn {
  return event.kind === 'servicePrincipal' ? buildServicePrincipalSignIn(event, context) : buildUserSignIn(event, context);
}

interface AuthStep {
  method: string;
  detail: string | null;
  succeeded: boolean;
  result: string;
  requirement: string;
}

function buildUserSignIn(event: SignInEvent, context: SignInContext): BuiltSignIn {
  const person = event.person;
  const device = event.device;
  if (!person || !device) throw new Error('A user sign-in needs a person and a device');
  const interactive = event.kind === 'interactiveUser';
  const located = matchNamedLocations(event.ipAddress, event.place.countryOrRegion, context.namedLocations);
  const facts: SignInFacts = {
    userId: person.id,
    isGuest: person.userType === 'Guest',
    groupIds: context.groupsOf(person.id),
    roleIds: person.roleTemplateIds,
    appId: event.app.appId,
    office365: event.app.office365,
    clientAppType: clientAppTypeOf(event.clientAppUsed),
    platform: device.platform,
    namedLocationIds: located.ids,
    trustedLocation: located.trusted,
    userRiskLevel: event.userRiskLevel ?? 'none',
    signInRiskLevel: event.signInRisk?.level ?? 'none',
    mfaSatisfied: event.mfaFromToken === true,
    deviceCompliant: device.isCompliant,
  };

  const passwordMethod = person.synced ? 'Password Hash Sync' : 'Password in the cloud';
  const steps: AuthStep[] = [];
  let outcomes: PolicyOutcome[];
  let errorCode = 0;
  let mfaRequired = false;

  if (event.preCaFailure !== undefined) {
    outcomes = notEvaluated(context.policies);
    errorCode = event.preCaFailure;
    if (interactive) {
      steps.push({
        method: 'Password',
        detail: passwordMethod,
        succeeded: errorCode !== 50126 && errorCode !== 50053,
        result: errorCode === 50126 ? 'Invalid username or password or Invalid on-premise username or password.' : errorCode === 50053 ? 'Account locked' : 'Correct password',
        requirement: 'Primary authentication',
      });
    }
  } else {
    const first = evaluatePolicies(context.policies, facts);
    const unmet = (o: PolicyOutcome[], control: string) => o.some((p) => p.result === 'failure' && p.unmetControls.includes(control));
    const blocked = unmet(first, 'block');
    mfaRequired = unmet(first, 'mfa') || first.some((p) => p.result === 'success' && p.enforcedGrantControls.includes('Mfa'));
    const wantsMfaNow = unmet(first, 'mfa') && !blocked;
    const completes = event.completesMfa ?? true;
    const performsMfa = wantsMfaNow && interactive && person.mfaRegistered && completes;
    outcomes = performsMfa ? evaluatePolicies(context.policies, { ...facts, mfaSatisfied: true }) : first;

    if (interactive) {
      steps.push({ method: 'Password', detail: passwordMethod, succeeded: true, result: 'Correct password', requirement: 'Primary authentication' });
    } else {
      steps.push({ method: 'Previously satisfied', detail: null, succeeded: true, result: 'First factor requirement satisfied by claim in the token', requirement: 'Primary authentication' });
    }
    if (event.mfaFromToken && mfaRequired) {
      steps.push({ method: 'Previously satisfied', detail: null, succeeded: true, result: 'MFA requirement satisfied by claim in the token', requirement: 'Multifactor authentication' });
    } else if (performsMfa) {
      steps.push({ method: 'Mobile app notification', detail: null, succeeded: true, result: 'MFA successfully completed', requirement: 'Multifactor authentication' });
    } else if (wantsMfaNow && interactive && person.mfaRegistered && !completes) {
      steps.push({ method: 'Mobile app notification', detail: null, succeeded: false, result: 'MFA denied; user did not respond to mobile app notification', requirement: 'Multifactor authentication' });
    }

    if (unmet(outcomes, 'block')) errorCode = 53003;
    else if (unmet(outcomes, 'compliantDevice')) errorCode = 53000;
    else if (unmet(outcomes, 'mfa')) errorCode = !person.mfaRegistered ? 50079 : interactive ? 50074 : 50076;
  }

  const risk = event.signInRisk ?? { level: 'none', state: 'none', detail: 'none', eventTypes: [] };
  const status = statusFor(errorCode, {
    resource: event.app.resourceId,
    appName: event.app.displayName,
    appId: event.app.appId,
    user: person.signInName,
    tenant: 'contoso.com',
  });
  const guest = person.userType === 'Guest';
  const record: Record<string, unknown> = {
    id: event.id,
    createdDateTime: iso(event.time),
    userDisplayName: person.displayName,
    userPrincipalName: person.signInName,
    userId: person.id,
    appId: event.app.appId,
    appDisplayName: event.app.displayName,
    ipAddress: event.ipAddress,
    clientAppUsed: event.clientAppUsed,
    correlationId: event.correlationId,
    conditionalAccessStatus: conditionalAccessStatusOf(outcomes),
    isInteractive: interactive,
    riskDetail: risk.detail,
    riskLevelAggregated: risk.level,
    riskLevelDuringSignIn: risk.level,
    riskState: risk.state,
    riskEventTypes: risk.eventTypes.filter((t) => RISK_EVENT_ENUM.has(t)),
    riskEventTypes_v2: risk.eventTypes,
    resourceDisplayName: event.app.resourceDisplayName,
    resourceId: event.app.resourceId,
    resourceTenantId: DEMO_TENANT_ID,
    homeTenantId: guest ? person.homeTenantId : DEMO_TENANT_ID,
    authenticationRequirement: mfaRequired ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    signInIdentifier: person.signInName,
    signInEventTypes: [event.kind],
    servicePrincipalId: '',
    userType: guest ? 'guest' : 'member',
    crossTenantAccessType: guest ? 'b2bCollaboration' : 'none',
    clientCredentialType: 'none',
    tokenIssuerType: 'AzureAD',
    authenticationProtocol: 'none',
    status,
    deviceDetail: {
      deviceId: device.deviceId,
      displayName: device.displayName,
      operatingSystem: device.operatingSystem,
      browser: device.browser,
      isCompliant: device.isCompliant,
      isManaged: device.isManaged,
      trustType: device.trustType,
    },
    location: locationOf(event.place, context.lean),
    appliedConditionalAccessPolicies: policyEntries(outcomes, context.lean),
    authenticationDetails: steps.map((s) => ({
      authenticationStepDateTime: iso(event.time),
      authenticationMethod: s.method,
      authenticationMethodDetail: s.detail,
      succeeded: s.succeeded,
      authenticationStepResultDetail: s.result,
      authenticationStepRequirement: s.requirement,
    })),
    authenticationMethodsUsed: steps.filter((s) => s.succeeded && s.method !== 'Previously satisfied').map((s) => s.method),
  };
  if (!context.lean) {
    Object.assign(record, {
      userAgent: device.userAgent,
      originalRequestId: event.id,
      processingTimeInMilliseconds: 80 + (parseInt(event.id.slice(0, 4), 16) % 400),
      tokenIssuerName: '',
      homeTenantName: guest ? person.homeDomain : 'Contoso',
      flaggedForReview: false,
      isTenantRestricted: false,
      autonomousSystemNumber: ASN[event.network ?? 'residential'],
      networkLocationDetails: networkDetails(located.ids, located.trusted, context.namedLocations),
      authenticationProcessingDetails: [{ key: 'Login Hint Present', value: interactive ? 'True' : 'False' }],
      authenticationRequirementPolicies: mfaRequired ? [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }] : [],
      sessionLifetimePolicies: [],
    });
  }
  return { record: context.lean ? leanCopy(record) : record, errorCode };
}

/** The fields a lean (big-tenant) sign-in keeps: what the bot filters and reports on. */
const LEAN_FIELDS = [
  'id', 'createdDateTime', 'userDisplayName', 'userPrincipalName', 'userId', 'appId', 'appDisplayName', 'ipAddress',
  'clientAppUsed', 'correlationId', 'conditionalAccessStatus', 'isInteractive', 'riskLevelDuringSignIn', 'riskState',
  'riskEventTypes_v2', 'resourceDisplayName', 'authenticationRequirement', 'signInEventTypes', 'userType',
  'servicePrincipalId', 'servicePrincipalName', 'clientCredentialType', 'servicePrincipalCredentialKeyId', 'status',
  'deviceDetail', 'location', 'appliedConditionalAccessPolicies', 'authenticationDetails',
];

function leanCopy(record: Record<string, unknown>): Record<string, unknown> {
  const lean: Record<string, unknown> = {};
  for (const field of LEAN_FIELDS) if (field in record) lean[field] = record[field];
  if (Array.isArray(lean.authenticationDetails)) {
    lean.authenticationDetails = (lean.authenticationDetails as Array<Record<string, unknown>>).map((d) => ({
      authenticationMethod: d.authenticationMethod,
      succeeded: d.succeeded,
      authenticationStepResultDetail: d.authenticationStepResultDetail,
      authenticationStepRequirement: d.authenticationStepRequirement,
    }));
  }
  return lean;
}

function buildServicePrincipalSignIn(event: SignInEvent, context: SignInContext): BuiltSignIn {
  const sp = event.servicePrincipal;
  if (!sp) throw new Error('A service principal sign-in needs its service principal');
  const errorCode = event.preCaFailure ?? 0;
  const record: Record<string, unknown> = {
    id: event.id,
    createdDateTime: iso(event.time),
    userDisplayName: null,
    userPrincipalName: null,
    userId: '',
    appId: sp.appId,
    appDisplayName: sp.displayName,
    ipAddress: event.ipAddress,
    clientAppUsed: null,
    correlationId: event.correlationId,
    conditionalAccessStatus: 'notApplied',
    isInteractive: false,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: event.app.resourceDisplayName,
    resourceId: event.app.resourceId,
    resourceTenantId: DEMO_TENANT_ID,
    homeTenantId: DEMO_TENANT_ID,
    authenticationRequirement: 'singleFactorAuthentication',
    signInIdentifier: null,
    signInEventTypes: ['servicePrincipal'],
    servicePrincipalId: sp.id,
    servicePrincipalName: sp.displayName,
    userType: null,
    crossTenantAccessType: 'none',
    clientCredentialType: event.credential?.type ?? 'clientSecret',
    servicePrincipalCredentialKeyId: event.credential?.keyId ?? null,
    servicePrincipalCredentialThumbprint: event.credential?.thumbprint ?? null,
    tokenIssuerType: 'AzureAD',
    authenticationProtocol: 'none',
    status: statusFor(errorCode, { appId: sp.appId, appName: sp.displayName, tenant: 'contoso.com' }),
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '' },
    location: locationOf(event.place, context.lean),
    appliedConditionalAccessPolicies: [],
    authenticationDetails: [],
    authenticationMethodsUsed: [],
  };
  if (!context.lean) {
    Object.assign(record, {
      userAgent: null,
      originalRequestId: event.id,
      processingTimeInMilliseconds: 20 + (parseInt(event.id.slice(0, 4), 16) % 120),
      tokenIssuerName: '',
      flaggedForReview: false,
      isTenantRestricted: false,
      autonomousSystemNumber: ASN[event.network ?? 'hosting'],
      networkLocationDetails: [],
      authenticationProcessingDetails: [],
      authenticationRequirementPolicies: [],
      sessionLifetimePolicies: [],
    });
  }
  return { record: context.lean ? leanCopy(record) : record, errorCode };
}

function locationOf(place: Place, lean: boolean): Record<string, unknown> {
  return {
    city: place.city,
    state: place.state,
    countryOrRegion: place.countryOrRegion,
    geoCoordinates: lean ? null : { altitude: null, latitude: place.latitude, longitude: place.longitude },
  };
}

const QUIET_RESULTS = new Set(['notApplied', 'notEnabled', 'reportOnlyNotApplied']);

function policyEntries(outcomes: PolicyOutcome[], lean: boolean): Record<string, unknown>[] {
  return outcomes
    .filter((o) => !lean || !QUIET_RESULTS.has(o.result))
    .map((o) => ({
      id: o.id,
      displayName: o.displayName,
      enforcedGrantControls: o.enforcedGrantControls,
      enforcedSessionControls: o.enforcedSessionControls,
      result: o.result,
    }));
}

function networkDetails(ids: ReadonlySet<string>, trusted: boolean, locations: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const names = locations.filter((l) => ids.has(l.id as string)).map((l) => l.displayName as string);
  if (names.length === 0) return [];
  return [{ networkType: trusted ? 'trusted' : 'namedNetwork', networkNames: names }];
}
