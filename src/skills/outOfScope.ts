import { entityOf } from '../understanding/types';
import { passwordResetAnswer } from './common/passwordReset';
import type { Skill, SkillAnswer, SkillRequest } from './types';

const SCOPE =
  'I help with Microsoft Entra ID: sign-in failures, risky users and apps, users, groups, roles, app credentials, ' +
  'Conditional Access policies and audit changes. Type "help" for examples.';

/** Requests the grammar recognised as ones the assistant does not do, and what to do instead. */
const DECLINED: Array<[cue: string, text: string]> = [
  [
    'change a policy',
    'I read Conditional Access policies but do not change them: switch a policy on or off, or edit it, in the Entra admin center (Protection › Conditional Access), ideally after checking its report-only results. I can show who a report-only policy would affect: ask "who would the <policy> policy block if it were on?"',
  ],
  [
    'turn an account back on',
    'I do not turn accounts back on: I act only on risk (disable, revoke sessions, confirm or dismiss risk). An admin with the User Administrator role re-enables an account in the Entra admin center (Users › the user › Edit properties › Settings › Account enabled), after checking in the audit log why it was disabled. I can show that: ask "who disabled <name>?"',
  ],
  ['create or set up', 'I read the directory and act only on risk (disable, revoke sessions, confirm or dismiss risk): creating or setting things up is done in the Entra admin center.'],
  [
    'directory writes',
    'I read the directory and act only on risk (disable, revoke sessions, confirm or dismiss risk): group members, accounts and names are changed in the Entra admin center, devices in Intune, and I send no exports or scheduled reports. I can show what is there now, or who changed it.',
  ],
  ['billing or devices', 'Costs, billing and Intune device policies are outside Entra ID sign-in and identity data, which is what I read.'],
  [
    'grant or take away a role',
    'I read directory role assignments but do not change them. A Privileged Role Administrator (or a Global Administrator) assigns or removes a role in the Entra admin center (Roles & admins › the role › Add assignments, or the assignment › Remove); where Privileged Identity Management is licensed, an eligible assignment with an end date is safer than a permanent one. I can show who holds a role and who changed role assignments: ask "who are the global admins?" or "who changed role assignments this week?"',
  ],
  [
    'change whom a policy covers',
    'I read Conditional Access policies but do not change whom they include or exclude: that is the policy\'s Users › Include / Exclude in the Entra admin center (Protection › Conditional Access › Policies). Each exclusion is a gap in the policy, so an exception group with an owner and a regular review is safer than excluding people one by one. I can show whom a policy applies to and whom it blocked: ask "who does the Require MFA for all users policy apply to?"',
  ],
  [
    'edit a location or a list',
    'I read named locations and the directory but do not edit them: IP ranges, countries and trusted locations are changed in the Entra admin center (Protection › Conditional Access › Named locations), and group members on the group\'s Members page. Marking a location trusted relaxes every policy that exempts trusted locations, so check those first. I can show what is there now and who changed it: ask "which named locations are trusted?"',
  ],
  [
    'mailbox administration',
    'Mailboxes (forwarding, rules, size, permissions) belong to Exchange Online and are managed in the Exchange admin center, not in Entra ID. I can show the person\'s account and their sign-ins to Exchange Online.',
  ],
  [
    'licences, printers, app deployment',
    'Licences are bought, counted and assigned in the Microsoft 365 admin center (Billing › Licenses); printers and app deployment are Intune or on-site IT work. I read Entra ID sign-in, risk and identity data.',
  ],
  [
    'other services',
    'That belongs to another Microsoft 365 service: devices and their compliance to Intune, alerts and mail to Microsoft Defender, call quality to the Teams admin center, licences to the Microsoft 365 admin center. I read Entra ID sign-in, risk and identity data, where a device appears as the device a sign-in came from and whether it counted as compliant.',
  ],
  [
    'devices in Intune',
    'Device inventory and enrolment live in Microsoft Intune (the Intune admin center). I read Entra ID sign-ins, where a device appears as the device a sign-in came from and whether it counted as compliant: ask "why can\'t <name> sign in?"',
  ],
  ['the firewall', 'Firewall, VPN and proxy rules are network settings outside Entra ID; I read Entra ID sign-in, risk and identity data.'],
  [
    'device work or a script',
    'I do not install software, work on devices or write scripts: device work goes through Intune or on-site IT. Ask me the question a script would answer instead, for example "who hasn\'t registered for MFA?" or "which app secrets expire this month?"',
  ],
];

/** The example questions of a decline asked about the person or policy the message named ("who disabled Lee Gu?"). */
function withNames(text: string, request: SkillRequest): string {
  const user = entityOf(request.understanding, 'user');
  const policy = entityOf(request.understanding, 'policy');
  const person = user?.resolution === 'resolved' ? (user.displayName ?? user.text) : undefined;
  const policyName = policy?.resolution === 'resolved' ? (policy.displayName ?? policy.value ?? policy.text) : undefined;
  return text.replace(/<name>/g, person ?? '<name>').replace(/<policy>/g, policyName ?? '<policy>');
}

/** A short scope message with no guessing: plain text, so Teams' own feedback buttons apply to it. */
export const outOfScopeSkill: Skill = {
  name: 'outOfScope',
  version: '1',
  intents: ['outOfScope'],
  answer(request: SkillRequest): Promise<SkillAnswer> {
    // "reset bob kelly's password": declined, with how to do it on that person's page.
    if (entityOf(request.understanding, 'action')?.value === 'resetPassword') {
      const user = entityOf(request.understanding, 'user');
      return Promise.resolve(passwordResetAnswer(user?.id && user.resolution === 'resolved' ? { id: user.id, displayName: user.displayName ?? user.text } : undefined));
    }
    const cues = request.understanding.explanation ?? [];
    // (A cue found when the message was read again with a non-name as a word is marked "re-read: ".)
    const declined = DECLINED.find(([cue]) => cues.includes(cue) || cues.includes(`re-read: ${cue}`));
    return Promise.resolve({ kind: 'text', text: declined ? `${withNames(declined[1], request)} ${SCOPE}` : `That is outside what I can answer. ${SCOPE}` });
  },
};
