/**
 * Small formatters for sign-in answers. Every string that comes from the tenant goes through `t()` (Markdown
 * escaping) here or in the answer models, never raw into a card.
 */
import { escapeMarkdown } from '../../cards/escape';
import {
  clientAppLabel,
  conditionalAccessResultLabel,
  dateTimeLabel,
  grantControlLabel,
  operatingSystemLabel,
  riskEventTypeLabel,
  riskLevelLabel,
  riskStateLabel,
  shortAddressLabel,
  shortDateTimeLabel,
} from '../../cards/labels';
import type { AppliedPolicy, SignIn } from '../../graph/signInQueries';
import { placeOf } from './diagnosis';

export const t = escapeMarkdown;

/** "2026-11-20 11:38 UTC" (labels.ts holds the one format). */
export function when(iso: string | null | undefined): string {
  return dateTimeLabel(iso);
}

export function shortWhen(iso: string): string {
  return shortDateTimeLabel(iso);
}

export function policyResult(result: string): string {
  return conditionalAccessResultLabel(result);
}

/** Failures first, then what applied, then report-only, then the rest. */
export function policyOrder(p: AppliedPolicy): number {
  const order = ['failure', 'success', 'reportOnlyFailure', 'reportOnlyInterrupted', 'reportOnlySuccess', 'notApplied', 'reportOnlyNotApplied', 'notEnabled'];
  const index = order.indexOf(p.result);
  return index < 0 ? order.length : index;
}

export function grantControl(control: string): string {
  return grantControlLabel(control);
}

function yesNo(value: boolean | null | undefined, yes: string, no: string): string | undefined {
  return value === true ? yes : value === false ? no : undefined;
}

export function deviceText(s: SignIn): string {
  const d = s.deviceDetail;
  const parts = [
    d?.displayName,
    operatingSystemLabel(d?.operatingSystem),
    d?.browser,
    yesNo(d?.isCompliant, 'compliant', 'not compliant'),
    yesNo(d?.isManaged, 'managed', 'not managed'),
    d?.trustType || undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no device details';
}

export function clientText(s: SignIn, legacy: boolean): string {
  const client = clientAppLabel(s.clientAppUsed);
  return legacy ? `${client} (legacy authentication)` : client;
}

/** The client for a table cell: "legacy" alone, as "authentication" does not fit a narrow column whole. */
export function shortClientText(s: SignIn, legacy: boolean): string {
  const client = clientAppLabel(s.clientAppUsed);
  return legacy ? `${client} (legacy)` : client;
}

/** The address and place for a table cell: a long IPv6 address shortened (the details keep it whole). */
export function shortWhereText(s: SignIn): string {
  return [shortAddressLabel(s.ipAddress), placeOf(s)].filter(Boolean).join(' · ') || '—';
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
  const types = s.riskEventTypes_v2 ?? [];
  const events = types.length ? ` (${types.map((type) => riskEventTypeLabel(type)).join(', ')}; Graph: ${types.join(', ')})` : '';
  if (level === 'hidden') return riskLevelLabel(level);
  return level === 'none' ? 'none' : `${riskLevelLabel(level)}, ${s.riskState ? riskStateLabel(s.riskState) : 'unknown state'}${events}`;
}

export function firstName(displayName: string | null | undefined): string {
  return (displayName ?? '').trim().split(/\s+/)[0] || 'there';
}
