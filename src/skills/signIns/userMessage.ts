/**
 * A ready-to-send message for the affected user, in plain language without admin jargon. Built from the latest
 * real failure and the patterns found; the admin copies it into a chat or an e-mail.
 */
import { operatingSystemLabel } from '../../cards/labels';
import type { SignIn } from '../../graph/signInQueries';
import { errorCodeInfo } from '../../knowledge/errorCodes';
import { firstName } from './format';
import type { Pattern } from './patterns';

export function userMessageFor(latest: SignIn, patterns: readonly Pattern[], displayName: string): string {
  const hi = `Hi ${firstName(latest.userDisplayName ?? displayName)},`;
  const app = latest.appDisplayName ?? 'the app';
  const os = latest.deviceDetail?.operatingSystem ? `${operatingSystemLabel(latest.deviceDetail.operatingSystem)} ` : '';
  const has = (kind: Pattern['kind']) => patterns.some((p) => p.kind === kind);
  const code = latest.status.errorCode;
  if (has('passwordSpray') || has('blockedLocation')) {
    return `${hi} we saw sign-in attempts with your account that did not come from you, and we blocked them. Please change your password now at https://aka.ms/sspr and tell us if you notice anything unusual.`;
  }
  if (code === 50053) return `${hi} your account was locked for a short while after too many wrong passwords. Wait a few minutes and try again with your current password. If you did not make those attempts, tell us right away.`;
  if (code === 50057) return `${hi} your account is switched off at the moment, so you cannot sign in. We are checking why and will let you know as soon as you can sign in again.`;
  if (code === 53000 || code === 53001) return `${hi} ${app} on your ${os}device is blocked because the device is not enrolled in company device management. Open the Company Portal app, sign in and enroll the device, then try again. Your other devices are not affected.`;
  if (code === 50079 || code === 50072) return `${hi} before you can continue you need to set up a second way to sign in (for example the Microsoft Authenticator app). Go to https://aka.ms/mysecurityinfo, add a method, then try again.`;
  if (has('legacyAuthentication')) return `${hi} your mail app uses an old sign-in method that we block for security. Please switch to Outlook (desktop or mobile) or another app that supports modern sign-in; your mail itself is fine.`;
  if (code === 50105) return `${hi} you do not have access to ${app} yet. We are checking with the app's owner whether you should be added.`;
  if (code === 50126) return `${hi} the password entered was not accepted. If you have forgotten it, reset it at https://aka.ms/sspr.`;
  if (code === 53003) return `${hi} this sign-in to ${app} was blocked by a company security rule. We are looking into it and will tell you how to get access.`;
  return `${hi} we are looking into your sign-in problem with ${app} (error ${errorCodeInfo(code).aadsts}) and will get back to you shortly.`;
}
