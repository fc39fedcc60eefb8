import { FEEDBACK_CATEGORIES, type FeedbackCategory, type Rating } from './types';
import { categoryInputId } from './feedbackFooter';

const MAX_COMMENT = 1000;

export type FeedbackVerb = 'feedback.up' | 'feedback.down' | 'feedback.submit' | 'feedback.cancel';
const VERBS: readonly string[] = ['feedback.up', 'feedback.down', 'feedback.submit', 'feedback.cancel'];

export function isFeedbackVerb(verb: unknown): verb is FeedbackVerb {
  return typeof verb === 'string' && VERBS.includes(verb);
}

/** The 👎 form's inputs as the Action.Execute invoke brings them: toggles "true"/"false", an optional comment. */
export function formAnswers(data: Record<string, unknown>): { categories: FeedbackCategory[]; comment?: string } {
  const categories = FEEDBACK_CATEGORIES.filter((c) => data[categoryInputId(c.id)] === 'true' || data[categoryInputId(c.id)] === true).map((c) => c.id);
  return { categories, comment: cleanComment(data.feedbackComment) };
}

/**
 * Teams' own feedback loop: `reaction` like/dislike and `feedback`, which Teams sends as a JSON string
 * `{"feedbackText": …}`
 * (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/format-ai-bot-messages), and the
 * Agents Playground as the plain text typed (measured with @microsoft/m365agentsplayground 0.2.28): accept both.
 */
export function teamsFeedback(actionValue: unknown): { rating: Rating; comment?: string } | undefined {
  if (!actionValue || typeof actionValue !== 'object') return undefined;
  const { reaction, feedback } = actionValue as { reaction?: unknown; feedback?: unknown };
  if (reaction !== 'like' && reaction !== 'dislike') return undefined;
  return { rating: reaction === 'like' ? 'up' : 'down', comment: cleanComment(feedbackText(feedback)) };
}

function feedbackText(feedback: unknown): unknown {
  if (typeof feedback !== 'string') return (feedback as { feedbackText?: unknown } | undefined)?.feedbackText;
  try {
    const parsed: unknown = JSON.parse(feedback);
    if (parsed && typeof parsed === 'object' && 'feedbackText' in parsed) return parsed.feedbackText;
  } catch {
    // Not JSON: the Playground's plain text.
  }
  return feedback;
}

function cleanComment(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim().slice(0, MAX_COMMENT);
  return text ? text : undefined;
}
