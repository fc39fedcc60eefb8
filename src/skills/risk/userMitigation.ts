/**
 * What to do about a user's open risk, by situation, in the project's own words. The bot never resets a password:
 * where a reset is the answer it says how and where (the user's page in the Entra admin center), and says so when
 * the user cannot do it themselves (no MFA method to prove who they are).
 */
import type { RiskDetection, RiskySignIn } from '../../graph/riskQueries';
import { riskTypeInfo } from '../../knowledge/riskTypes';
import { e, typeName, whereText } from './riskText';
import { outcomeOf, when } from './userRiskText';

/** Successful sign-ins from an address, in the 30 days before, that make it "one the user normally uses". */
export const FAMILIAR_SIGN_INS = 3;

export interface Situation {
  /** The user's name, escaped. */
  name: string;
  state: string;
  /** The open detections (at risk or confirmed compromised), newest first. */
  open: RiskDetection[];
  /** The sign-ins read, by id (a detection's requestId). */
  signIns: Map<string, RiskySignIn>;
  /** Successful earlier sign-ins per flagged address (only addresses that were checked). */
  familiar: Map<string, number>;
  /** undefined: not known (the asker may not read MFA registration). */
  mfaRegistered?: boolean;
  accountEnabled?: boolean | null;
}

/** An unfamiliar-sign-in detection from an address the user often signs in from successfully: most likely the user. */
export function looksSafe(d: RiskDetection, familiar: Map<string, number>): boolean {
  return d.riskEventType === 'unfamiliarFeatures' && Boolean(d.ipAddress) && (familiar.get(d.ipAddress ?? '') ?? 0) >= FAMILIAR_SIGN_INS;
}

function whereOf(d: RiskDetection): string {
  return whereText(d.ipAddress, d.location) || 'an unknown address';
}

function resetHow(): string {
  return "Entra Assistant does not reset passwords: use Reset password on the user's page in the Entra admin center (Open the user in Entra, below), or let a user-risk Conditional Access policy require a secure password change at the next sign-in.";
}

/** The steps, most urgent first. */
export function mitigationSteps(s: Situation): string[] {
  const steps: string[] = [];
  const types = new Set(s.open.map((d) => d.riskEventType));
  const signInsOf = (d: RiskDetection) => (d.requestId ? s.signIns.get(d.requestId) : undefined);
  const succeeded = s.open.filter((d) => signInsOf(d) && outcomeOf(signInsOf(d)!) === 'succeeded' && !looksSafe(d, s.familiar));
  const passwordKnown = s.open.filter((d) => signInsOf(d) && outcomeOf(signInsOf(d)!) === 'passwordAccepted');
  let resetSaid = false;
  const reset = (why: string) => {
    steps.push(`${why} ${resetSaid ? '' : resetHow()}`.trim());
    resetSaid = true;
  };

  if (s.state === 'confirmedCompromised') {
    reset(`${s.name} is confirmed compromised: reset the password, revoke sessions, and review what the account did since the first detection.`);
    steps.push('Once the account is secured, dismiss the risk so that risk-based policies stop blocking it.');
  }
  if (succeeded.length > 0) {
    const d = succeeded[0];
    steps.push(`The risky sign-in from ${whereOf(d)} on ${when(d.activityDateTime)} succeeded: unless ${s.name} confirms it was them, revoke sessions now and reset the password.`);
  }
  if (types.has('leakedCredentials')) {
    reset(`${s.name}'s password was found in a leak: require a secure password reset.`);
  }
  if (types.has('passwordSpray')) {
    const known = passwordKnown[0];
    if (known) {
      reset(`A password spray hit this account, and the sign-in from ${whereOf(known)} on ${when(known.activityDateTime)} had the right password (only MFA stopped it): reset the password.`);
    } else {
      reset('A password spray tried common passwords against this account: reset the password to be safe.');
    }
    if (s.mfaRegistered === true) steps.push(`Keep MFA required for ${s.name} in Conditional Access: it is what stops a sprayed password that works.`);
    if (s.mfaRegistered === undefined) steps.push(`Check that ${s.name} has MFA registered and that Conditional Access requires it: MFA is what stops a sprayed password that works.`);
  } else if (passwordKnown.length > 0) {
    const d = passwordKnown[0];
    reset(`The sign-in from ${whereOf(d)} on ${when(d.activityDateTime)} had the right password (only MFA stopped it): reset the password.`);
  }
  for (const d of s.open.filter((x) => x.riskEventType === 'unfamiliarFeatures')) {
    if (looksSafe(d, s.familiar)) {
      const count = s.familiar.get(d.ipAddress ?? '') ?? 0;
      steps.push(
        `The unfamiliar sign-in on ${when(d.activityDateTime)} came from ${whereOf(d)}, where ${s.name} signed in successfully ${count} times in the 30 days before: most likely ${s.name}. Confirm the sign-in safe.`,
      );
    } else if (!types.has('passwordSpray') && passwordKnown.length === 0) {
      steps.push(
        `Ask ${s.name} whether the sign-in from ${whereOf(d)} on ${when(d.activityDateTime)} was theirs. If it was, confirm it safe or dismiss the risk; if not, confirm the account compromised and reset the password.`,
      );
    }
  }
  for (const type of types) {
    if (['leakedCredentials', 'passwordSpray', 'unfamiliarFeatures'].includes(type)) continue;
    steps.push(`${e(typeName(type))}: ${e(riskTypeInfo(type, 'user').action)}`);
  }
  if (s.mfaRegistered === false) {
    steps.push(
      `${s.name} has no MFA method registered, so they cannot clear the risk themselves (a self-service secure password change needs MFA): an administrator has to reset the password, hand the temporary password over safely, and have ${s.name} register MFA.`,
    );
  } else if (s.mfaRegistered === undefined && resetSaid) {
    steps.push(`Check whether ${s.name} has MFA registered: without it they cannot clear the risk themselves.`);
  }
  if (s.accountEnabled === false) steps.push('The account is already disabled: nobody can sign in with it until it is enabled again.');
  if (steps.length === 0) {
    steps.push(`Review the detections below with ${s.name}. If the activity was theirs, dismiss the risk; if not, confirm the account compromised and reset the password.`);
  }
  return steps;
}
