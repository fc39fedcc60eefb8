/**
 * "reset bob kelly's password": the assistant never resets one (the new password has to reach the person safely);
 * the answer says how to, on that person's page when one is named. Asked as a question it is a documentation answer;
 * a mitigation button or the language model may still ask the mitigation skill for it.
 */
import { escapeMarkdown } from '../../cards/escape';
import type { SkillAnswer } from '../types';

const ENTRA = 'https://entra.microsoft.com';

function text(t: string): SkillAnswer {
  return { kind: 'text', text: t };
}

export function passwordResetAnswer(target: { kind?: string; id: string; displayName: string } | undefined): SkillAnswer {
  const page = target && target.kind !== 'servicePrincipal' ? `${ENTRA}/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${target.id}` : `${ENTRA}/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers`;
  const who = target ? escapeMarkdown(target.displayName) : 'the user';
  return text(
    [
      `I don't reset passwords: a new password has to reach ${who} safely, and that is a step for a person, not a chat bot.`,
      `To do it: open ${who} in the Entra admin center (${page}), select "Reset password", and give the temporary password to the user through a channel you trust; they must change it at the next sign-in.`,
      'Better when the user is registered for MFA: let them change it themselves (self-service password reset at https://aka.ms/sspr), which also remediates their user risk. A risk-based Conditional Access policy can require this automatically for high user risk.',
      'After a reset because of risk, also revoke their sessions ("revoke their sessions") so stolen tokens stop working.',
    ].join('\n'),
  );
}
