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
];

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
    return Promise.resolve({ kind: 'text', text: declined ? `${declined[1]} ${SCOPE}` : `That is outside what I can answer. ${SCOPE}` });
  },
};
