/**
 * Small formatters for sign-in answers. Every string that comes from the tenant goes through `t()` (Markdown
 * escaping) here or in the answer models, never raw into a card.
 */
import { escapeMarkdown } from '../../cards/escape';
import type { AppliedPolicy, SignIn } from '../../graph/signInQueries';
import { placeOf } from './diagnosis';

export const t = escapeMarkdown;

/** "2026-11-20 11:38 UTC": exact, unambiguous for admins in every time zone. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function shortWhen(iso: string): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(5, 16).replace('T', ' ')}`;
}

const POLICY_RESULTS: Record<string, string> = {
  success: 'Satisfied',
  failure: 'Failed: blocked this sign-in',
  notApplied: 'Not applied',
  notEnabled: 'Off (disabled)',
  unknown: 'Unknown',
  reportOnlySuccess: 'Report-only: would pass',
  reportOnlyFailure: 'Report-only: would fail',
  reportOnlyNotApplied: 'Report-only: not applied',
  reportOnlyInterrupted: 'Report-only: would interrupt',
};

export function policyResult(result: string): string {
  return POLICY_RESULTS[result] ?? result;
}

/** Failures first, then what applied, then report-only, then the rest. */
export function policyOrder(p: AppliedPolicy): number {
  const order = ['failure', 'success', 'reportOnlyFailure', 'reportOnlyInterrupted', 'reportOnlySuccess', 'notApplied', 'reportOnlyNotApplied', 'notEnabled'];
  const index = order.indexOf(p.result);
  return index < 0 ? order.length : index;
}

const CONTROLS: Record<string, string> = {
  block: 'block access',
  mfa: 'multifactor authentication',
  compliantDevice: 'a device marked compliant (Intune)',
  domainJoinedDevice: 'a hybrid-joined device',
  approvedApplication: 'an approved client app',
  compliantApplication: 'an app protection policy',
  passwordChange: 'a password change',
  riskRemediation: 'risk remediation',
};

export function grantControl(control: string): string {
  return CONTROLS[control] ?? control;
}

function yesNo(value: boolean | null | undefined, yes: string, no: string): string | undefined {
  return value === true ? yes : value === false ? no : undefined;
}

export function deviceText(s: SignIn): string {
  const d = s.deviceDetail;
  const parts = [
    d?.displayName,
    d?.operatingSystem,
    d?.browser,
    yesNo(d?.isCompliant, 'compliant', 'not compliant'),
    yesNo(d?.isManaged, 'managed', 'not managed'),
    d?.trustType || undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no device details';
}

export function clientText(s: SignIn, legacy: boolean): string {
  const client = s.clientAppUsed || 'unknown client';
  return legacy ? `${client} (legacy authentication)` : client;
}

export function whereText(s: SignIn): string {
  return [s.ipAddress, placeOf(s)].filter(Boolean).join(' · ') || '—';
}

export function mfaText(s: SignIn): string {
  const requirement =
    s.authenticationRequirement === 'multiFactorAuthentication'
      ? 'MFA required'
      : s.authenticationRequirement === 'singleFactorAuthentication'
        ? 'single factor required'
        : 'requirement not reported';
  const steps = (s.authenticationDetails ?? [])
    .map((step) => [step.authenticationMethod, step.authenticationStepResultDetail].filter(Boolean).join(': '))
    .filter(Boolean);
  return steps.length ? `${requirement}; ${steps.join('; ')}` : requirement;
}

export function riskText(s: SignIn): string {
  const level = s.riskLevelDuringSignIn ?? 'none';
  const events = s.riskEventTypes_v2?.length ? ` (${s.riskEventTypes_v2.join(', ')})` : '';
  if (level === 'hidden') return 'hidden (needs Entra ID P2)';
  return level === 'none' ? 'none' : `${level}, ${s.riskState ?? 'unknown state'}${events}`;
}

export function firstName(displayName: string | null | undefined): string {
  return (displayName ?? '').trim().split(/\s+/)[0] || 'there';
}
