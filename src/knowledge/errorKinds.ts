/**
 * What kind of failure each AADSTS code is, for the codes the project does not explain one by one, and what an admin
 * usually does about each kind. Sorted by hand from each code's official name (aadstsNames.ts) and the gist of
 * Microsoft's description, so that no listed code is left "not categorised". A code explained in
 * errorCodeCatalogue.ts carries its own kind there and is not repeated here (tests check both).
 */
import type { ErrorCategory } from './errorCodeCatalogue';

export interface ErrorKindInfo {
  /** Short name of the kind, as shown on the card ("Kind: …"). */
  label: string;
  /** What failures of this kind have in common, in a sentence. */
  meaning: string;
  /** What an admin usually does about a failure of this kind. */
  usualAction: string;
}

export const ERROR_KINDS: Readonly<Record<ErrorCategory, ErrorKindInfo>> = {
  interrupt: {
    label: 'Interruption (a step of the sign-in, not a failure)',
    meaning: 'the sign-in stopped to show the user a prompt or to redirect them, and normally carries on afterwards.',
    usualAction: 'Usually nothing: look for a successful sign-in by the same user soon after. Investigate only if no success ever follows.',
  },
  credentials: {
    label: 'User credentials',
    meaning: 'something about the password, key or certificate the user signed in with (or tried to change to) was wrong, missing or not accepted.',
    usualAction: 'Confirm it is the real user, then have them retry, reset or re-register the credential; many of these from unfamiliar places point to an attack rather than a forgetful user.',
  },
  account: {
    label: 'Account state or existence',
    meaning: 'the account is missing from this tenant, in a state that cannot sign in, or not of a type the resource accepts.',
    usualAction: 'Look the user up in the directory: check that the account exists here (or is invited as a guest), is enabled, and is the kind of account the app expects.',
  },
  mfa: {
    label: 'MFA or user interaction required',
    meaning: 'the request needed the user to do something more (usually multifactor authentication or a consent prompt) that had not happened yet.',
    usualAction: 'Check whether a success followed. If not, make sure the user has a working MFA method registered and can complete the prompt in the app they use.',
  },
  conditionalAccess: {
    label: 'Conditional Access or security policy',
    meaning: 'a Conditional Access policy, security defaults or another tenant security rule decided this sign-in could not go through as it was.',
    usualAction: 'Open the sign-in\'s Conditional Access details to see which policy applied and what it required, then change how the user signs in, or the policy if it was not meant to catch them.',
  },
  device: {
    label: 'Device state or registration',
    meaning: 'the device the user signed in from could not prove what it is, or is not registered, joined, compliant or enabled as required.',
    usualAction: 'Look at the device in the sign-in details and in Entra ID: register or re-join it, enable it, or have the user sign in from a managed device or a supported browser.',
  },
  risk: {
    label: 'Identity Protection risk',
    meaning: 'the account or the sign-in was judged risky, so it was blocked or has to be remediated first.',
    usualAction: 'Investigate the user\'s risk detections; remediate (secure password change, MFA) or dismiss the risk once you know it was a false alarm.',
  },
  session: {
    label: 'Token or session expired or revoked',
    meaning: 'a token or session the client relied on was too old, revoked, or belonged to another session, so a fresh sign-in is needed.',
    usualAction: 'Usually the user just signs in again. If many users see it at once, look for a password reset, a session revocation or a sign-in frequency change.',
  },
  application: {
    label: 'App or client configuration',
    meaning: 'the app\'s registration, enterprise app, permissions, consent, credentials or claims set-up does not match what the request needs.',
    usualAction: 'Check the app registration and its enterprise app in this tenant (redirect URIs, credentials, permissions and consent, assignment, claims); the app\'s owner or vendor usually makes the fix.',
  },
  protocol: {
    label: 'Token or request protocol',
    meaning: 'the request the app sent was malformed or broke the rules of the OAuth, OpenID Connect, SAML or WS-Federation protocol.',
    usualAction: 'Nothing to change in the directory as a rule: give the app\'s developer the code, time and correlation id so they can fix the request the app sends.',
  },
  tenant: {
    label: 'Tenant, cross-tenant or cloud boundary',
    meaning: 'the request crossed a boundary it may not: the wrong tenant or endpoint, tenant restrictions, cross-tenant access settings, or another national cloud.',
    usualAction: 'Check which tenant the app and the user belong to, the tenant restrictions and cross-tenant access settings on both sides, and that the app uses the right endpoint.',
  },
  federation: {
    label: 'Federation or on-premises sign-in',
    meaning: 'a part outside Entra ID that handles the sign-in failed: a federated or external identity provider, a pass-through authentication agent, or seamless SSO with on-premises Active Directory.',
    usualAction: 'Check the identity provider or on-premises component involved (AD FS or other IdP, authentication agents, seamless SSO, domain controllers) and its logs.',
  },
  service: {
    label: 'Server-side or transient service error',
    meaning: 'a Microsoft service (or a service it depends on) failed or was too busy to finish the request.',
    usualAction: 'Retry after a few minutes and check Microsoft\'s service health; if it persists, open a support case with the code, time and correlation id.',
  },
};

/**
 * The kind of every listed code that has no explanation of its own in errorCodeCatalogue.ts.
 * One list per kind, so a reviewer sees at once which codes were judged alike.
 */
const CODES_BY_KIND: Readonly<Record<ErrorCategory, readonly number[]>> = {
  interrupt: [1000002, 50157, 50168, 51005, 70016],
  credentials: [
    17003, 50032, 50064, 50137, 50192, 90013, 130004, 130005, 220501,
    // Password changes and self-service resets
    120000, 120002, 120003, 120004, 120005, 120008, 120011, 120012, 120014, 120015, 120016, 120018, 120020,
  ],
  account: [16003, 50015, 50197, 54000, 80012, 90125, 500141, 500207, 500208],
  mfa: [700020, 9002341],
  conditionalAccess: [50178],
  device: [50127, 130006, 130007, 135010, 220450, 240001],
  risk: [],
  session: [16001, 16002, 50136, 50139, 50141, 90086, 140001, 160021],
  application: [
    28002, 28003, 50003, 50007, 50010, 50017, 50042, 50043, 50048, 50150, 50156, 50165, 52004, 65002, 65005, 67003, 70004,
    70005, 75003, 75005, 75008, 75011, 75016, 76021, 90008, 90009, 90027, 90093, 90124, 90130, 221000, 501461, 650052,
    650054, 650056, 650057, 650059, 700011, 700022, 700023, 700025, 700030, 700229, 900236, 900971, 7000114, 7500529,
    9001023, 9002332, 50146, 1000031,
    // Claims mapping and transformation
    50100, 50101, 50102, 50103, 50108, 50109, 50111, 50123, 50124, 50162, 50163, 501241, 501621,
  ],
  protocol: [
    50006, 50027, 50029, 50049, 50050, 50061, 50068, 50070, 50071, 50098, 50099, 50117, 50120, 50130, 50134, 50138,
    50164, 50167, 50171, 70003, 70007, 70018, 70019, 75001, 76026, 90004, 90005, 90007, 90010, 90015, 90016, 90022,
    90023, 90056, 90100, 90101, 90102, 90107, 90112, 90114, 90117, 90119, 90120, 90121, 100007, 140000, 165900, 240002,
    750054, 900144, 900384, 900561, 901002, 9002313,
    // PKCE
    50147, 50148, 50149, 501481, 501491,
  ],
  tenant: [
    50002, 50128, 50143, 50160, 51000, 90019, 90038, 90043, 90051, 90085, 90099, 90126, 500021, 500022, 700005, 900382, 900432,
    1000104, 5000224,
  ],
  federation: [
    20001, 20012, 20033, 40008, 40009, 40010, 40015, 50085, 50159, 50161, 50166, 50169, 50170, 50172, 50176, 50177,
    50180, 51001, 51006, 90020, 90081, 90082, 90084, 90087, 90123, 120013, 399284, 901011, 901012, 901014, 1000000, 5000819,
    5001256, 7500514,
    // Pass-through authentication agents
    80005, 80010, 80013, 80014,
    // Seamless single sign-on (Kerberos)
    81004, 81005, 81006, 81007, 81009, 81011,
  ],
  service: [50033, 50086, 50087, 70012, 90006, 90012, 90024, 90036, 90090, 90091, 90092, 120021, 165004, 230109],
};

const KIND_OF_CODE: ReadonlyMap<number, ErrorCategory> = new Map(
  (Object.entries(CODES_BY_KIND) as Array<[ErrorCategory, readonly number[]]>).flatMap(([kind, codes]) => codes.map((code) => [code, kind] as const)),
);

/** The kind the table gives a code without an explanation of its own; undefined for codes it does not list. */
export function tabledKindOf(code: number): ErrorCategory | undefined {
  return KIND_OF_CODE.get(code);
}

/** Every code the table sorts, with repeats kept, so a test can tell a code listed twice. */
export function tabledCodes(): number[] {
  return Object.values(CODES_BY_KIND).flat();
}
