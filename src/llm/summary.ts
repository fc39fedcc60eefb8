/**
 * A summary the model writes above an answer card is grounded in that card only: the model sees the card's rows as
 * fenced data, and every number the summary states must be one of the numbers in those rows, or the summary is
 * dropped and the card goes out alone.
 */
import { cardLines } from '../cards/cardText';
import type { AdaptiveCard } from '../cards/render';

/** Rows of a card that a summary may rest on: its text, facts and table rows, without the footer. */
export function cardRows(card: AdaptiveCard): string[] {
  const body = (Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>;
  return cardLines(body.filter((element) => element.id !== 'footer' && element.id !== 'answerActions')).slice(0, 120);
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

function numbers(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((n) => n.replace(/,/g, '').replace(/\.0+$/, ''));
}

/** The numbers a summary states that none of the rows show; empty when the summary may be sent. */
export function ungroundedNumbers(summary: string, rows: readonly string[]): string[] {
  const known = new Set(rows.flatMap(numbers));
  return numbers(summary).filter((n) => !known.has(n));
}

/** The model's text as one short plain paragraph, or undefined when it is empty or too long to be a summary. */
export function cleanSummary(text: string | null | undefined): string | undefined {
  const plain = (text ?? '').replace(/\s+/g, ' ').trim();
  return plain && plain.length <= 400 ? plain : undefined;
}
