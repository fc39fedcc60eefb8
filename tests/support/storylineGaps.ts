/**
 * Storyline facts the answers do not carry yet, each with what is missing; issue #14 (answers that tell the whole
 * story, evidence one click away) closes them, and each entry goes when its answer carries the facts. Shared by the
 * answer test (which skips these storylines) and the Playground test (which checks every other fact of them).
 */
export interface StorylineGap {
  /** The facts of docs/demo-tenant.md the answer lacks. */
  missing: string[];
  why: string;
}

export const STORYLINE_GAPS: Readonly<Record<string, StorylineGap>> = {
  'bob-password-spray': { missing: ['Pradeep Gupta'], why: 'a compound question: the diagnosis does not add who put Bob in Finance (Pradeep Gupta)' },
  'ownerless-group': {
    missing: ['Lynne Robbins', 'Debra Berger', 'Remove owner from group'],
    why: 'a compound question: the list of ownerless groups does not add the audit story of how Project Falcon lost its owner',
  },
  'payroll-secret-then-risk': {
    missing: ['Certificates and secrets management'],
    why: "the workload-risk card shows the credential change without the audit category 'Certificates and secrets management'",
  },
  'alex-leaked-credentials': { missing: ['50079'], why: "a compound question: the risk answer does not show the MFA-registration failure (50079) of Alex's sign-ins" },
};
