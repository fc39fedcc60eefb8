/** The answer model of "show Adele's sign-ins from yesterday": a compact table, newest first. */
import type { SignIn } from '../../graph/signInQueries';
import type { SkillAnswer } from '../types';
import { userSignInLogLink } from '../common/adminCenterLinks';
import { blockingPolicyOf, isSuccess } from './diagnosis';
import { clientText, deviceText, shortWhen, t, when, whereText } from './format';
import { isLegacyClient } from './patterns';

const MAX_ROWS = 15;

function blockedBy(s: SignIn): string {
  const policy = blockingPolicyOf(s);
  return policy ? ` (blocked by ${policy.displayName})` : '';
}

export interface SignInListInput {
  label: string;
  userId?: string;
  userPrincipalName?: string;
  windowLabel: string;
  window: { start: string; end: string };
  signIns: SignIn[];
  truncated: boolean;
  eventTypesRead: string[];
}

export function buildListAnswer(input: SignInListInput): SkillAnswer {
  const failures = input.signIns.filter((s) => !isSuccess(s));
  const shown = input.signIns.slice(0, MAX_ROWS);
  const headline = input.signIns.length
    ? `${input.signIns.length} ${input.eventTypesRead.join(' and ')} sign-ins for ${input.label} ${input.windowLabel}${input.truncated ? ' (newest only)' : ''}: ${failures.length} failed.`
    : `No ${input.eventTypesRead.join(' and ')} sign-ins for ${input.label} ${input.windowLabel}.`;
  const who = input.userPrincipalName ?? input.label;
  const link = userSignInLogLink(input.userId);
  const data = {
    title: t(`Sign-ins: ${input.label}`),
    headline: t(headline),
    window: `${when(input.window.start)} – ${when(input.window.end)}`,
    hasRows: shown.length > 0,
    rows: shown.map((s) => ({
      time: shortWhen(s.createdDateTime),
      app: t(s.appDisplayName ?? '—'),
      result: isSuccess(s) ? 'Success' : t(`Failed ${s.status.errorCode}${blockedBy(s)}`),
      resultColor: isSuccess(s) ? 'Good' : 'Attention',
      where: t(whereText(s)),
      device: t(`${clientText(s, isLegacyClient(s.clientAppUsed))} · ${deviceText(s)}`),
    })),
    moreNote: input.signIns.length > MAX_ROWS ? `Showing the newest ${MAX_ROWS} of ${input.signIns.length}.` : '',
    links: link ? [{ title: 'Sign-in log in Entra', url: link }] : [],
    followUps: failures.length ? [{ title: 'Why did they fail?', ask: `why can't ${who} sign in?` }] : [],
  };
  const summary = [headline, ...shown.map((s) => `• ${when(s.createdDateTime)} ${s.appDisplayName ?? ''} ${isSuccess(s) ? 'success' : `failed ${s.status.errorCode}${blockedBy(s)}`} ${whereText(s)}`)].join('\n');
  return { kind: 'card', template: 'signInList', data, summary };
}
