/**
 * Deep links into the Microsoft Entra admin center. Only GUIDs go into the URLs (checked), so tenant data cannot
 * change where a link points.
 */
import { isGuid } from '../../graph/ids';

const ENTRA = 'https://entra.microsoft.com/#view';
function id(value: string | null | undefined): string | undefined {
  return isGuid(value) ? value.toLowerCase() : undefined;
}

export function userLink(userId: string | null | undefined): string | undefined {
  const user = id(userId);
  return user && `${ENTRA}/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${user}`;
}

/** The user's sign-in log in the admin center; the request id on the card finds the entry there. */
export function userSignInLogLink(userId: string | null | undefined): string | undefined {
  const user = id(userId);
  return user && `${ENTRA}/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/SignIns/userId/${user}`;
}

export function policyLink(policyId: string | null | undefined): string | undefined {
  const policy = id(policyId);
  return policy && `${ENTRA}/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/${policy}`;
}

export function applicationLink(appId: string | null | undefined): string | undefined {
  const app = id(appId);
  return app && `${ENTRA}/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${app}`;
}

/** The sign-in diagnostic blade, where an admin can paste the request or correlation id. */
export const SIGN_IN_DIAGNOSTIC_LINK = `${ENTRA}/Microsoft_AAD_IAM/TroubleshootingBlade`;
