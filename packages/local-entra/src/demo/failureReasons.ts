/**
 * The `status` texts sign-in logs carry for the error codes the demo uses (the service's own wording, with the
 * placeholders filled in by `statusFor`). the repository's tests/fixtures/reference/graph/aadsts-codes.json holds the documentation
 * rows.
 */
interface ReasonTemplate {
  failureReason: string;
  additionalDetails?: string;
}

const REASONS: Record<number, ReasonTemplate> = {
  50126: {
    failureReason: 'Error validating credentials due to invalid username or password.',
    additionalDetails: "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.",
  },
  50053: {
    failureReason: "The account is locked, you've tried to sign in too many times with an incorrect user ID or password.",
    additionalDetails: 'Smart lockout locked the account after repeated failed sign-ins. It unlocks on its own after the lockout period.',
  },
  50057: { failureReason: 'User account is disabled. The account has been disabled by an administrator.' },
  50055: { failureReason: 'The password is expired.', additionalDetails: 'The user must change the password before signing in.' },
  50074: { failureReason: 'Strong Authentication is required.', additionalDetails: 'The user did not pass the MFA challenge (non interactive).' },
  50076: {
    failureReason: "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{resource}'.",
  },
  50079: {
    failureReason: "Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '{resource}'.",
    additionalDetails: 'The user has not registered any method for multifactor authentication.',
  },
  53000: {
    failureReason: 'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant. The user must enroll their device with an approved MDM provider like Intune.',
  },
  53003: {
    failureReason: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  },
  50105: {
    failureReason: "Your administrator has configured the application {appName} ('{appId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '{user}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.",
  },
  65001: {
    failureReason: "The user or administrator has not consented to use the application with ID '{appId}' named '{appName}'. Send an interactive authorization request for this user and resource.",
  },
  90094: { failureReason: 'Admin consent is required for the permissions requested by this application. An admin consent request may be sent to the admin.' },
  700016: {
    failureReason: "Application with identifier '{appId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
  },
  7000222: {
    failureReason: "The provided client secret keys for app '{appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.",
  },
  50140: {
    failureReason: "This error occurred due to 'Keep me signed in' interrupt when the user was signing in.",
    additionalDetails: 'This is an expected part of the sign-in flow, where a user is asked whether to stay signed in on this browser.',
  },
  50058: { failureReason: 'Session information is not sufficient for single-sign-on.', additionalDetails: 'The client asked for silent sign-in and no session was found.' },
  70043: { failureReason: 'The refresh token has expired or is invalid due to sign-in frequency checks by conditional access.' },
};

export interface StatusValues {
  resource?: string;
  appName?: string;
  appId?: string;
  user?: string;
  tenant?: string;
}

export function statusFor(errorCode: number, values: StatusValues = {}): { errorCode: number; failureReason: string | null; additionalDetails: string | null } {
  if (errorCode === 0) return { errorCode: 0, failureReason: null, additionalDetails: null };
  const template = REASONS[errorCode];
  if (!template) throw new Error(`No failure reason for error code ${errorCode}`);
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => values[name as keyof StatusValues] ?? name);
  return {
    errorCode,
    failureReason: fill(template.failureReason),
    additionalDetails: template.additionalDetails ? fill(template.additionalDetails) : null,
  };
}

export const KNOWN_ERROR_CODES = Object.keys(REASONS).map(Number);
