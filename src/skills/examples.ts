/** Example questions shown on the welcome and help cards, grouped by what they show off. */
export const EXAMPLE_QUESTIONS = {
  signIns: ["Why can't Megan sign in?", 'What does AADSTS50076 mean?'],
  risk: ['Show high-risk users', 'Any risky apps?'],
  directory: ['Who are the global admins?', 'What changed for Megan this week?'],
} as const;

/** The three questions of the welcome card and of `npm start`'s banner. */
export const STARTER_QUESTIONS = [EXAMPLE_QUESTIONS.signIns[0], EXAMPLE_QUESTIONS.risk[0], EXAMPLE_QUESTIONS.directory[0]];
