import type { Entity, IntentName } from './types';
import { escapeMarkdown } from '../cards/escape';

/** Each intent in words, as an admin would say what they asked. */
export const INTENT_DESCRIPTIONS: Record<IntentName, string> = {
  'signin.troubleshoot': 'why a sign-in failed',
  'signin.list': 'a list or summary of sign-ins',
  'risk.user': "a user's risk and detections",
  'risk.users': 'the users at risk',
  'risk.workload': 'risky apps and service principals',
  'risk.remediate': 'a remediation on a risky account or app',
  'user.info': 'details of a user',
  'user.groups': "a user's group memberships",
  'group.info': 'a group, its members and owners',
  'role.assignments': 'directory role assignments',
  'app.info': 'an application, its owners and credentials',
  'audit.changes': 'what changed and who changed it',
  'policy.info': 'Conditional Access policies',
  'docs.answer': 'an explanation of a concept or error code',
  help: 'help',
  outOfScope: 'something outside Entra ID',
};

const ACTION_WORDS: Record<string, string> = {
  confirmCompromised: 'confirm compromised',
  dismiss: 'dismiss the risk',
  confirmSafe: 'confirm safe',
  revokeSessions: 'revoke sessions',
  disable: 'disable the account',
  resetPassword: 'reset the password',
};

function day(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC');
}

/** One entity in words, tenant and user text escaped for Teams Markdown: "user Megan Bowen (megan.bowen@contoso.com)", "time range 2026-11-19 00:00 UTC to …". */
export function describeEntity(entity: Entity): string {
  switch (entity.type) {
    case 'user':
    case 'group':
    case 'app': {
      if (entity.resolution === 'resolved' || entity.displayName) {
        const detail = entity.userPrincipalName ?? entity.appId;
        return `${entity.type} ${escapeMarkdown(entity.displayName)}${detail ? ` (${escapeMarkdown(detail)})` : ''}`;
      }
      return `${entity.type} "${escapeMarkdown(entity.value ?? entity.text)}"${entity.resolution === 'unresolved' ? ' (not looked up)' : ''}`;
    }
    case 'timeRange': {
      const window = entity.start && entity.end ? `${day(entity.start)} to ${day(entity.end)}` : entity.value ?? entity.text;
      return entity.source === 'default' ? `time range ${window} (the default)` : `time range ${window}`;
    }
    case 'errorCode':
      return `error code AADSTS${entity.value}`;
    case 'requestId':
      return `request id ${entity.value}`;
    case 'riskLevel':
      return `risk level ${entity.value}`;
    case 'action':
      return `action: ${ACTION_WORDS[entity.value ?? ''] ?? entity.value}`;
    case 'role':
      return `role ${escapeMarkdown(entity.value)}`;
    case 'policy':
      return `policy "${escapeMarkdown(entity.text)}"`;
    default:
      return `${entity.type} ${escapeMarkdown(entity.text)}`;
  }
}
