import type { Skill, SkillAnswer } from './types';
import { EXAMPLE_QUESTIONS, STARTER_QUESTIONS } from './examples';

const AREAS = [
  {
    name: 'Sign-in troubleshooting',
    description: 'Why a sign-in failed, each Conditional Access policy’s result, MFA, device and location, and what to do.',
    examples: EXAMPLE_QUESTIONS.signIns,
  },
  {
    name: 'Identity Protection',
    description: 'Risky users and service principals, their detections and history; confirm compromised, dismiss, revoke sessions or disable, each only after you confirm it.',
    examples: EXAMPLE_QUESTIONS.risk,
  },
  {
    name: 'Directory',
    description: 'Users, groups, roles, apps and credentials, Conditional Access policies, and who changed what.',
    examples: EXAMPLE_QUESTIONS.directory,
  },
];

/** What a channel can switch on ("how do I turn on help desk triage in this channel?"): README, "Help-desk channels" and "Alerts". */
const CHANNEL_NOTE =
  'In a team channel, mention me with `/helpdesk on` to have me reply once to each sign-in problem posted there, or with `/alerts on high-risk users`, `/alerts on risky apps` or `/alerts on privileged role changes` to have me post those events as they happen (a team owner or an admin switches them on).';

export const helpSkill: Skill = {
  name: 'help',
  version: '1',
  intents: ['help'],
  answer(): Promise<SkillAnswer> {
    const data = {
      title: 'What I can help with',
      intro:
        'Ask in plain words, in a chat with me or by mentioning me in a channel. I read your tenant through Microsoft Graph, only what your own roles allow.',
      areas: AREAS.map((a) => ({ ...a, examples: a.examples.map((question) => ({ question })) })),
      channelNote: CHANNEL_NOTE,
      scopeNote: 'I only answer questions about Microsoft Entra ID. Answers show their evidence; check before you act.',
    };
    const summary = [
      'I can help with sign-in troubleshooting, Identity Protection, and directory questions (users, groups, roles, apps, policies, audit changes).',
      ...AREAS.flatMap((a) => a.examples.map((q) => `• ${q}`)),
      CHANNEL_NOTE,
    ].join('\n');
    return Promise.resolve({ kind: 'card', template: 'help', data, summary });
  },
};

/** The welcome card's view model. */
export function welcomeModel() {
  return {
    title: 'Hi, I’m Entra Assistant',
    intro: 'I answer questions about your Microsoft Entra ID tenant from Microsoft Graph, with the evidence and what to do next.',
    capabilities: [
      { name: 'Sign-ins', description: 'Why a sign-in failed: error code, Conditional Access, MFA, device, location' },
      { name: 'Risk', description: 'Risky users and workload identities, detections, and safe mitigation' },
      { name: 'Directory', description: 'Users, groups, roles, apps and credentials, and who changed what' },
    ],
    examplesHeading: 'Try asking',
    examples: STARTER_QUESTIONS.map((question) => ({ question })),
  };
}
