/**
 * Entra Assistant's own explanation and fix for the sign-in error codes admins meet most. Written for this project
 * and checked against the facts of Microsoft's error reference (tests compare names and forbid copied sentences).
 * `title` is a short label of ours; the official CamelCase name comes from aadstsNames.ts.
 */

export type ErrorCategory =
  | 'interrupt'
  | 'credentials'
  | 'account'
  | 'mfa'
  | 'conditionalAccess'
  | 'device'
  | 'risk'
  | 'session'
  | 'application'
  /** A malformed request or a broken protocol rule: the app's developer fixes it. */
  | 'protocol'
  | 'tenant'
  | 'federation'
  | 'service';

export interface ErrorCodeKnowledge {
  title: string;
  category: ErrorCategory;
  /** What happened, in plain words for an admin. */
  explanation: string;
  /** What the admin does next. */
  fix: string;
}

type Entry = [number, string, ErrorCategory, string, string];

const ENTRIES: Entry[] = [
  // Interrupts: the sign-in pauses for the user and usually goes on to succeed.
  [50140, 'Stay signed in? prompt', 'interrupt', 'The user was shown the "Stay signed in?" question. It is a pause in the flow, not a failure.', 'Nothing to fix. If users find the prompt confusing, change the company branding option that shows it.'],
  [50125, 'Password reset registration prompt', 'interrupt', 'The user was asked to register details for self-service password reset before going on.', 'Nothing to fix once the user has registered; otherwise ask them to finish at aka.ms/mysecurityinfo.'],
  [50072, 'MFA registration prompt', 'interrupt', 'The user had to set up a second factor before continuing; the sign-in resumes once they do.', 'Check that a later sign-in succeeded. If none did, help the user add a method at aka.ms/mysecurityinfo.'],
  [50074, 'MFA challenge shown', 'interrupt', 'Entra asked for a second factor. The entry records the challenge; a success normally follows in the same session.', 'Usually nothing. If no success follows, check the user\'s registered methods and whether they approved the prompt.'],
  [50058, 'Silent sign-in found no session', 'interrupt', 'An app tried to sign the user in without showing a prompt, but the browser or device had no usable session, so the app has to ask.', 'Usually nothing: the app falls back to an interactive prompt. Look closer only if the user is stuck in a loop.'],
  [50199, 'Continue sign-in confirmation', 'interrupt', 'Entra paused to let the user confirm this really is the app they wanted, a safety check for unusual redirects.', 'Nothing to fix when the user confirmed. If the prompt keeps appearing, review the app\'s redirect set-up.'],
  [50158, 'External security challenge', 'interrupt', 'A third-party check (for example an external MFA provider) had to be passed before going on.', 'Confirm the user completed the external check; if it never completes, review the external provider\'s set-up.'],
  [50097, 'Device authentication needed', 'interrupt', 'Entra needed the device to prove who it is, for a device-based rule, before going on.', 'Usually handled by the client. If it keeps failing, check the device registration and that the broker app is installed.'],
  [81010, 'Seamless SSO ticket stale', 'interrupt', 'The Kerberos ticket used for seamless single sign-on was out of date or unreadable, so the user gets a prompt instead.', 'Ask the user to lock and unlock or sign out of Windows; if widespread, check the seamless SSO computer account and roll its key.'],
  // Credentials and account state.
  [50126, 'Wrong user name or password', 'credentials', 'The password (or the user name) given did not match. Many of these from many addresses point to a password spray.', 'If it is the user, have them reset the password through self-service. If the addresses are unfamiliar, treat it as an attack: check risk detections and require MFA.'],
  [50053, 'Account locked', 'credentials', 'Smart lockout blocked the account for a while after repeated wrong passwords, or the attempt came from an address known to be malicious.', 'Read the failure reason to tell lockout from a malicious-address block. Lockout clears itself; if an attack caused it, reset the password and check for risky sign-ins.'],
  [50055, 'Password expired', 'credentials', 'The user\'s password is past its expiry date.', 'Have the user change it (self-service or at the prompt), or reset it for them.'],
  [50144, 'On-premises password expired', 'credentials', 'The password in the on-premises directory expired; with pass-through or federated sign-in Entra cannot accept it.', 'Have the user change the password on a domain-joined machine or through self-service with writeback, then retry.'],
  [50056, 'No password set', 'credentials', 'The account has no password stored in the directory, so a password sign-in cannot succeed.', 'Set a password for the user (or, for synced users, check that password hash sync covers them).'],
  [50034, 'User not found', 'account', 'No account with that sign-in name exists in this tenant, often a typo or a user who signed in to the wrong organisation.', 'Check the sign-in name the user typed and which tenant the app points to; create or restore the account if it should exist.'],
  [50057, 'Account disabled', 'account', 'The account is switched off in the directory (accountEnabled is false), so every sign-in is refused.', 'Find out who disabled it and why (directory audit log). Re-enable it only if the change was not intended.'],
  [50014, 'Guest invitation not redeemed', 'account', 'The guest account exists but the invitation was never accepted, so the account is still pending.', 'Resend the invitation, or have the guest open the original link and accept it.'],
  [50020, 'User from another tenant not allowed', 'account', 'The account belongs to a different organisation or identity provider that this app or tenant does not accept.', 'Invite the person as a guest, or have them sign in with an account of this tenant; check whether the app is meant to be multi-tenant.'],
  [16000, 'Account missing in the resource tenant', 'account', 'The signed-in account does not exist in the tenant that owns the app; it has to be added as a guest first.', 'Invite the user as a guest of this tenant, or have them sign in with a different account.'],
  [51004, 'Account not in directory', 'account', 'The account is not present in the directory the sign-in was aimed at.', 'Check the tenant the app uses and whether the user should be invited as a guest there.'],
  [50131, 'Conditional Access check failed', 'conditionalAccess', 'A Conditional Access rule could not be satisfied, for example an unknown device state or browser.', 'Open the policy evaluation for this sign-in to see which policy failed and what it required.'],
  // MFA.
  [50076, 'MFA required', 'mfa', 'A policy or setting required multifactor authentication and the user had not completed it yet.', 'If a success follows, nothing to do. Otherwise check the user has a working method and is not blocked from MFA.'],
  [50079, 'MFA registration required', 'mfa', 'The user must set up multifactor authentication but has not registered any method.', 'Have the user register a method at aka.ms/mysecurityinfo (from a trusted place if a policy requires it), or issue a Temporary Access Pass.'],
  [50078, 'MFA claim expired', 'mfa', 'The earlier MFA proof in the session is too old for this request, so MFA has to be done again.', 'Ask the user to sign in again and complete MFA; check sign-in frequency settings if it happens often.'],
  [50088, 'MFA limit reached', 'mfa', 'Too many MFA phone calls or texts were sent to the user in a short time.', 'Wait before retrying, or have the user switch to the Authenticator app; check whether someone else is triggering the prompts.'],
  [50089, 'Sign-in flow expired', 'session', 'The temporary token that carries the sign-in flow expired (it took too long, or the session was revoked), so the app asks the user again.', 'Ask the user to start the sign-in again and complete it without a long pause.'],
  [53004, 'MFA registration blocked', 'risk', 'The user has to finish MFA registration first, but registering was not allowed in this situation (typically because the sign-in looked risky).', 'Investigate any risk on the user; then let them register from a trusted place, or give them a Temporary Access Pass.'],
  [53010, 'Security info registration blocked', 'conditionalAccess', 'A Conditional Access rule on registering security info stopped the user, usually because they are outside an allowed location.', 'Have the user register from the required network or device, or give them a Temporary Access Pass.'],
  // Conditional Access and devices.
  [53000, 'Device not compliant', 'device', 'Conditional Access lets only compliant devices in here, and this device is not compliant (or not enrolled in Intune at all).', 'Have the user enroll the device in Intune (Company Portal) and fix whatever makes it non-compliant, or sign in from a compliant device.'],
  [53001, 'Device not domain-joined', 'device', 'A policy requires a hybrid-joined device and this device is not joined.', 'Use a hybrid-joined corporate device, or check why the device\'s join state is not registered in Entra.'],
  [53002, 'App not approved', 'conditionalAccess', 'A policy allows only approved client apps (for example Outlook mobile) and the user used a different app.', 'Have the user install and use an approved app, such as the Microsoft mobile app for the service.'],
  [53003, 'Blocked by Conditional Access', 'conditionalAccess', 'A Conditional Access policy with a block control matched this sign-in and stopped it.', 'Check which policy blocked it and which condition matched (location, client app, platform). Change how the user signs in, or the policy if the block was not intended.'],
  [530032, 'Blocked by security policy', 'conditionalAccess', 'A tenant security policy (such as a sign-in restriction for the account) blocked the attempt.', 'Review the Conditional Access and security policies that apply to the user and the resource.'],
  [530035, 'Blocked by security defaults', 'conditionalAccess', 'Security defaults refused the sign-in, typically legacy authentication or a missing MFA registration.', 'Move the client to modern authentication, or make sure the user registered MFA; review whether security defaults or Conditional Access should govern the tenant.'],
  [53011, 'Blocked by risk in home tenant', 'risk', 'The user\'s own (home) tenant rates them risky, so this tenant blocks the guest sign-in.', 'The guest\'s home organisation must remediate the risk; nothing can be changed on this side besides removing the guest.'],
  [70043, 'Sign-in frequency reached', 'session', 'The session is older than the sign-in frequency a Conditional Access policy allows, so the user must sign in again.', 'Nothing is broken: the user signs in again. Review the sign-in frequency session control if it is too strict.'],
  [50005, 'Device platform blocked', 'device', 'The user signed in from a device platform or state that a Conditional Access policy does not allow.', 'Check the policy\'s platform conditions and sign in from a supported platform.'],
  // Risk.
  [530034, 'Delegated admin blocked', 'risk', 'A delegated admin (partner) sign-in was blocked because of suspicious activity.', 'The partner must review the sign-in and secure the account; contact them to confirm the activity.'],
  [50135, 'Password change required (risk)', 'risk', 'The account is considered at risk, and a password change is required before it may sign in.', 'Have the user do a secure password change (with MFA) or reset the password and dismiss the risk after investigating.'],
  [50142, 'Password change required by policy', 'conditionalAccess', 'A Conditional Access policy requires the user to change their password before going on.', 'Let the user change the password at the prompt; check the risk that triggered it.'],
  // Tokens and sessions.
  [50173, 'Session revoked', 'session', 'The refresh token or session was invalidated, for example by a password change or an admin revoking sessions.', 'Ask the user to sign in again. If nobody revoked the sessions on purpose, check the audit log.'],
  [70008, 'Refresh token expired or revoked', 'session', 'The app presented a refresh token that is no longer valid (too old or revoked).', 'Sign in again in the app. If many users see it after a change, look for revoked sessions or a password reset.'],
  [700082, 'Refresh token expired (inactivity)', 'session', 'The refresh token was unused for too long and expired.', 'Sign in again in the app; nothing else to fix.'],
  [700084, 'Single-page app token expired', 'session', 'A single-page app\'s refresh token reached its fixed lifetime and the app must get a new one interactively.', 'Sign in again; app developers should handle the interactive renewal.'],
  [50132, 'Session no longer valid', 'session', 'The session was invalidated, for example after a password change, so the user has to sign in again.', 'Ask the user to sign in again with the current password.'],
  [50133, 'Session revoked after password change', 'session', 'The session was revoked because the password changed since it was issued.', 'Ask the user to sign in again with the new password.'],
  [54005, 'Authorization code already used', 'application', 'The app tried to redeem the same one-time authorization code twice.', 'An app bug or a double submit; restart the sign-in. Developers should redeem each code only once.'],
  [70000, 'Invalid grant', 'application', 'The app\'s token request used a grant (code, refresh token, assertion) that was not valid for this request.', 'Sign in again; if it persists, the app developer should check the token request it sends.'],
  // Application configuration.
  [50011, 'Reply URL mismatch', 'application', 'The redirect address the app sent is not one of the addresses registered for the app.', 'Add the exact redirect URI to the app registration, or correct the app\'s configuration.'],
  [50105, 'User not assigned to the app', 'application', 'The app requires assignment and the user (or any group they belong to) is not assigned to it.', 'Assign the user or one of their groups to the app in Enterprise applications, if they should have access.'],
  [65001, 'Consent missing', 'application', 'Neither the user nor an admin has agreed to the permissions this app asks for.', 'Review the permissions and grant admin consent for the app, or let the user consent if policy allows.'],
  [65004, 'User declined consent', 'application', 'The user refused the permissions the app asked for.', 'Explain what the app needs, or have an admin consent for the organisation.'],
  [90094, 'Admin consent required', 'application', 'The app asks for permissions that only an administrator may grant.', 'Review the app\'s permissions; if appropriate, grant admin consent or set up the admin consent workflow.'],
  [90095, 'Admin consent request needed', 'application', 'The user needs an admin to approve the app, and the admin consent workflow is on.', 'Review the pending request under Enterprise applications, admin consent requests.'],
  [700016, 'App not found in tenant', 'application', 'The app id in the request is not registered in this tenant (not installed, deleted, or a typo).', 'Check the client id the app uses, and that its service principal exists here (admin consent creates it).'],
  [500011, 'Resource not found in tenant', 'application', 'The API the app asked a token for has no service principal in this tenant.', 'Have an admin consent to the app that provides the API, or correct the resource id the client asks for.'],
  [500014, 'Resource app disabled', 'application', 'The service principal of the requested API is disabled in this tenant.', 'Re-enable the service principal (Enterprise applications, Properties) if it should be usable.'],
  [70001, 'App disabled or not found', 'application', 'The app is not registered here or has been disabled, so it cannot sign users in.', 'Check the app registration and enterprise application exist and are enabled.'],
  [7000112, 'App disabled', 'application', 'The app\'s service principal is disabled in the tenant.', 'Enable the enterprise application again if it should work, after checking why it was disabled.'],
  [700054, 'Response type not enabled', 'application', 'The app asked for an ID token through the implicit flow, which is not enabled for it.', 'Enable ID tokens for the app registration or move the app to the authorization code flow.'],
  [7000215, 'Invalid client secret', 'application', 'The app authenticated with a secret that does not match any secret of the app (often the secret id sent instead of its value).', 'Create a new client secret and configure its value (not its id) in the app.'],
  [7000222, 'Client secret expired', 'application', 'The app signed in with a client secret that has expired, so every token request fails.', 'Create a new secret (or better, a certificate or managed identity), update the app\'s configuration, then remove the expired secret.'],
  [70002, 'Invalid client', 'application', 'The app\'s credentials were wrong or missing in the token request.', 'Check the client id and secret or certificate the app uses.'],
  [70011, 'Invalid scope', 'application', 'The app asked for a scope that is malformed or not valid for the resource.', 'Fix the scopes the app requests.'],
  [50194, 'Single-tenant app used through a multi-tenant endpoint', 'application', 'A single-tenant app used the shared "common" endpoint instead of its tenant\'s own endpoint.', 'Configure the app to use its tenant-specific authority, or make it multi-tenant if intended.'],
  [700027, 'Client assertion invalid', 'application', 'The signed assertion the app sent as its credential failed validation (wrong certificate, audience or time).', 'Check the certificate uploaded for the app and the clock of the machine running it.'],
  [7000218, 'Client credential missing', 'application', 'A confidential app sent its request without a client secret or assertion.', 'Configure the app\'s credential, or enable public client flows if it is meant to be public.'],
  [50012, 'Authentication failed', 'application', 'A generic authentication failure, often a bad client assertion or signature.', 'Look at the failure reason and additional details for the specific cause.'],
  [50013, 'Assertion invalid', 'application', 'A token or assertion presented was not valid (signature, audience or lifetime).', 'Check the certificate and clock of the app or identity provider issuing the assertion.'],
  [50001, 'Resource unknown', 'application', 'The resource (API) in the request does not exist or is disabled in the tenant.', 'Check the resource or scope the app asks for, and that the API is available in the tenant.'],
  [90014, 'Required field missing', 'application', 'The sign-in request lacked a required parameter.', 'Restart the sign-in from the app; developers should check the request they send.'],
  [90072, 'MFA impossible for an external account', 'mfa', 'The account used is not a member or guest of this tenant, so it cannot meet this tenant\'s MFA requirement.', 'Invite the person as a guest (or fix the sync of their account), then let them register MFA.'],
  [50000, 'Token issuance error', 'service', 'The sign-in service hit an error issuing the token.', 'Retry; if it persists, check the Microsoft service health page and open a support case.'],
  [90033, 'Directory temporarily unavailable', 'service', 'A directory service needed for the sign-in did not answer in time.', 'Retry in a few minutes; check service health if it continues.'],
  [90055, 'Tenant throttled', 'service', 'Too many sign-in requests came from the tenant in a short time.', 'Find the app or script sending bursts of sign-ins and slow it down or make it cache tokens.'],
  [50196, 'Sign-in loop detected', 'application', 'The app sent the same sign-in request repeatedly in a short time, so Entra stopped it.', 'Developers should cache tokens instead of requesting new ones in a loop; the user can retry later.'],
  [500133, 'Token expired in assertion', 'session', 'An assertion used to get a new token (for example on-behalf-of) had already expired.', 'Get a fresh token first; check the clock of the calling service.'],
  // Tenant and cross-tenant.
  [500212, 'Blocked by this tenant\'s outbound access policy', 'tenant', 'Cross-tenant access settings of the user\'s tenant do not allow going to the resource tenant.', 'Review outbound cross-tenant access settings for the partner organisation.'],
  [500213, 'Blocked by the resource tenant\'s inbound policy', 'tenant', 'Inbound cross-tenant settings on the side that owns the resource do not let users from this organisation in.', 'The resource tenant must allow inbound access for this organisation, or the user needs another account.'],
  [90002, 'Tenant not found', 'tenant', 'The tenant named in the request does not exist or has no active subscription.', 'Check the tenant id or domain the app uses.'],
  [50059, 'No tenant information', 'tenant', 'Entra could not tell which tenant the sign-in belongs to.', 'Use a tenant-specific sign-in address or include the user\'s domain in the sign-in.'],
  // Federation and hybrid.
  [50008, 'SAML token invalid', 'federation', 'The SAML token from the federated identity provider was missing or not valid.', 'Check the federation server (for example AD FS) configuration and its token-signing certificate.'],
  [50107, 'Federation realm invalid', 'federation', 'The realm of the federated identity provider is not configured for the tenant.', 'Check the federation settings of the domain.'],
  [80001, 'On-premises agent unavailable', 'federation', 'The pass-through authentication agent could not be reached to check the password.', 'Check the pass-through authentication agents are running and can reach Entra.'],
  [80002, 'Password validation timed out', 'federation', 'The on-premises agent took too long to validate the password.', 'Check the health of the authentication agents and the domain controllers they use.'],
  [80007, 'On-premises password check error', 'federation', 'The on-premises agent could not validate the password because of an error in the local directory.', 'Look at the agent\'s event logs and the domain controllers.'],
  [81012, 'Different user on the device', 'federation', 'The account chosen for the sign-in is not the account signed in to the Windows device, so seamless SSO cannot vouch for it.', 'Sign in with the device\'s own account, or expect a prompt when using a second account.'],
  [50155, 'Device authentication failed', 'device', 'The device could not prove its identity (deleted, disabled or with an invalid certificate).', 'Check the device object in Entra; re-register the device if needed.'],
  [50187, 'Device check failed', 'device', 'Entra could not authenticate the device, so a device-based rule could not be checked (common in private browsing or unsupported browsers).', 'Use a supported browser (Edge, or Chrome with the Microsoft extension) outside private mode.'],
  [50129, 'Device not workplace-joined', 'device', 'A policy needs the device to be registered with Entra, and it is not.', 'Register the device (Settings, Access work or school) or use a registered device.'],
  [130008, 'Windows Hello key device not found', 'device', 'The Windows Hello for Business key belongs to a device that Entra cannot find.', 'Re-register the device and set up Windows Hello again.'],
  [135011, 'Device disabled', 'device', 'The device used for the sign-in is disabled in Entra.', 'Re-enable the device if appropriate, or have the user use another device.'],
];

/** Our explanations, by code. */
export const ERROR_CODE_CATALOGUE: ReadonlyMap<number, ErrorCodeKnowledge> = new Map(
  ENTRIES.map(([code, title, category, explanation, fix]) => [code, { title, category, explanation, fix }]),
);
