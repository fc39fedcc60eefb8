import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { repoRoot } from '../paths';
import { prepareTemplate, renderCard, type AdaptiveCard } from './render';
import { escapeMarkdown } from './escape';
import type { FeedbackFooter } from '../feedback/feedbackFooter';

let footerTemplate: ACData.Template | undefined;
let actionsTemplate: ACData.Template | undefined;

function part(name: string): ACData.Template {
  const file = path.join(repoRoot(), 'adaptiveCards', 'parts', `${name}.json`);
  return prepareTemplate(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
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

/** Places an element just before the footer (or last), replacing an earlier one of the same id. */
function beforeFooter(card: AdaptiveCard, element: Record<string, unknown>): AdaptiveCard {
  const body = ((Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>).filter((e) => e.id !== element.id);
  const footerAt = body.findIndex((e) => e.id === 'footer');
  return { ...card, body: footerAt < 0 ? [...body, element] : [...body.slice(0, footerAt), element, ...body.slice(footerAt)] };
}

/** The subtle line that says what understood the question, when a language model is configured. */
export function withUnderstoodBy(card: AdaptiveCard, text: string): AdaptiveCard {
  return beforeFooter(card, { type: 'TextBlock', id: 'understoodBy', text, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' });
}

/**
 * A summary the language model wrote, at the top of the card and marked as such; the message carries Teams' AI
 * label too (aiGeneratedEntity).
 */
export function withModelSummary(card: AdaptiveCard, summary: string): AdaptiveCard {
  const body = ((Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>).filter((e) => e.id !== 'modelSummary');
  const element = {
    type: 'Container',
    id: 'modelSummary',
    style: 'emphasis',
    items: [
      { type: 'TextBlock', text: escapeMarkdown(summary), wrap: true },
      { type: 'TextBlock', text: 'AI-generated summary of the rows below; the rows are read from Microsoft Graph.', wrap: true, isSubtle: true, size: 'Small', spacing: 'None' },
    ],
  };
  return { ...card, body: [element, ...body] };
}

/**
 * Teams' AI label on a message whose text a model wrote: the root message entity with additionalType
 * AIGeneratedContent (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-ai-bot-messages).
 */
export function aiGeneratedEntity(): Record<string, unknown> {
  return { type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '', additionalType: ['AIGeneratedContent'] };
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
