import { FEEDBACK_CATEGORIES, type FeedbackCategory, type RaterFeedback } from './types';

/** What the footer shows about feedback, for adaptiveCards/parts/footer.json. */
export interface FeedbackFooter {
  answerId: string;
  showButtons: boolean;
  showForm: boolean;
  notice?: string;
  noticeColor?: 'Default' | 'Good' | 'Attention';
  categories: Array<{ inputId: string; title: string; value: 'true' | 'false' }>;
  comment: string;
}

/** The card's input id for a category toggle; the Action.Execute invoke brings the inputs back under these ids. */
export function categoryInputId(category: FeedbackCategory): string {
  return `feedbackCategory_${category}`;
}

function footer(answerId: string, parts: Partial<FeedbackFooter>): FeedbackFooter {
  return {
    answerId,
    showButtons: true,
    showForm: false,
    categories: FEEDBACK_CATEGORIES.map((c) => ({ inputId: categoryInputId(c.id), title: c.title, value: 'false' })),
    comment: '',
    ...parts,
  };
}

/** A fresh answer: 👍 and 👎, nothing rated yet. */
export function feedbackButtons(answerId: string): FeedbackFooter {
  return footer(answerId, {});
}

/** After 👎: the categories and a comment box, prefilled with what this person said last time. */
export function feedbackForm(answerId: string, previous?: RaterFeedback): FeedbackFooter {
  const chosen = new Set(previous?.rating === 'down' ? previous.categories : []);
  return footer(answerId, {
    showButtons: false,
    showForm: true,
    categories: FEEDBACK_CATEGORIES.map((c) => ({ inputId: categoryInputId(c.id), title: c.title, value: chosen.has(c.id) ? 'true' : 'false' })),
    comment: previous?.rating === 'down' ? (previous.comment ?? '') : '',
  });
}

/** Once stored: the rating given and a thank-you; the buttons stay so the person can change their mind. */
export function feedbackThanks(answerId: string, feedback: RaterFeedback): FeedbackFooter {
  return footer(answerId, { notice: ratingSentence(feedback), noticeColor: 'Good' });
}

/** The store did not take the rating: say so plainly, and leave the buttons to try again. */
export function feedbackNotSaved(answerId: string): FeedbackFooter {
  return footer(answerId, {
    notice: 'Your feedback was not saved: the feedback store is not available right now. Please try again later.',
    noticeColor: 'Attention',
  });
}

export function ratingSentence(feedback: RaterFeedback): string {
  if (feedback.rating === 'up') return 'You rated this answer 👍 helpful. Thank you!';
  const titles = FEEDBACK_CATEGORIES.filter((c) => feedback.categories.includes(c.id)).map((c) => c.title);
  return `You rated this answer 👎 not helpful${titles.length ? ` (${titles.join(', ')})` : ''}. Thank you: your admins will look at it.`;
}
