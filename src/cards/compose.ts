import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { repoRoot } from '../paths';
import { renderCard, type AdaptiveCard } from './render';
import type { FeedbackFooter } from '../feedback/feedbackFooter';

let footerTemplate: ACData.Template | undefined;
let actionsTemplate: ACData.Template | undefined;

function part(name: string): ACData.Template {
  const file = path.join(repoRoot(), 'adaptiveCards', 'parts', `${name}.json`);
  return new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
}

/** A card button's title and the Action.Submit data it sends back. */
export interface SubmitButton {
  title: string;
  data: Record<string, unknown>;
}

/**
 * The buttons a skill asked for (mitigations, "show more"), from adaptiveCards/parts/answerActions.json, placed
 * after the answer and before the footer. Replaces any earlier set; an empty list removes it.
 */
export function withAnswerActions(card: AdaptiveCard, buttons: readonly SubmitButton[]): AdaptiveCard {
  const body = ((Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>).filter((element) => element.id !== 'answerActions');
  if (buttons.length === 0) return { ...card, body };
  actionsTemplate ??= part('answerActions');
  const set = actionsTemplate.expand({ $root: { actions: buttons } }) as Record<string, unknown>;
  const footerAt = body.findIndex((element) => element.id === 'footer');
  if (footerAt < 0) return { ...card, body: [...body, set] };
  return { ...card, body: [...body.slice(0, footerAt), set, ...body.slice(footerAt)] };
}

/** A highlighted line at the top of a card that says what happened since it was sent ("Bob was confirmed compromised"). */
export function withBanner(card: AdaptiveCard, text: string, style: 'good' | 'attention' | 'warning' = 'good'): AdaptiveCard {
  const body = ((Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>).filter((element) => element.id !== 'banner');
  const banner = { type: 'Container', id: 'banner', style, items: [{ type: 'TextBlock', text, wrap: true, weight: 'Bolder' }] };
  return { ...card, body: [banner, ...body] };
}

export interface FooterModel {
  /** A short subtle line: which skill answered, and the answer's id for feedback and support. */
  footnote: string;
  /** 👍/👎 buttons, the 👎 form, or the rating given; absent when no feedback store is wired (some tests). */
  feedback?: FeedbackFooter;
}

/**
 * Every answer card ends with the same footer, built from adaptiveCards/parts/footer.json, so feedback and the
 * answer id live in one place for all skills. A feedback click replaces only this footer.
 */
export function withFooter(card: AdaptiveCard, footer: FooterModel): AdaptiveCard {
  footerTemplate ??= part('footer');
  const expanded = footerTemplate.expand({ $root: footer }) as Record<string, unknown>;
  const body = (Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>;
  return { ...card, body: [...body.filter((element) => element.id !== 'footer'), expanded] };
}

export function renderAnswerCard(templateName: string, data: object, footer: FooterModel): AdaptiveCard {
  return withFooter(renderCard(templateName, data), footer);
}
