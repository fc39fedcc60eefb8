import { DAY, before, iso } from './clock';
import type { Person } from './model';

/** The authentication methods registration report row of one user. */
export function registrationDetails(person: Person): Record<string, unknown> {
  const methods = person.methodsRegistered;
  const strong = methods.filter((m) => m !== 'email');
  const passwordless = methods.some((m) => m === 'fido2' || m === 'windowsHelloForBusiness' || m === 'passKeyDeviceBound');
  const preferred = methods.includes('microsoftAuthenticatorPush') ? 'push' : methods.includes('mobilePhone') ? 'sms' : 'none';
  return {
    id: person.id,
    userPrincipalName: person.userPrincipalName,
    userDisplayName: person.displayName,
    userType: person.userType === 'Guest' ? 'guest' : 'member',
    isAdmin: person.roleTemplateIds.size > 0,
    isMfaRegistered: person.mfaRegistered,
    isMfaCapable: person.mfaRegistered && strong.length > 0,
    isPasswordlessCapable: passwordless,
    isSsprRegistered: person.ssprRegistered,
    isSsprEnabled: person.userType === 'Member',
    isSsprCapable: person.userType === 'Member' && person.ssprRegistered,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: preferred === 'push' ? ['push'] : preferred === 'sms' ? ['sms'] : [],
    userPreferredMethodForSecondaryAuthentication: preferred,
    methodsRegistered: methods,
    lastUpdatedDateTime: iso(Math.min(before(DAY / 2), person.createdMs + 3 * DAY)),
  };
}
