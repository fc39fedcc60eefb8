import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { repoRoot } from '../paths';
import { renderCard, type AdaptiveCard } from './render';
import type { FeedbackFooter } from '../feedback/feedbackFooter';

let footerTemplate: ACData.Template | undefined;

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
  if (!footerTemplate) {
    const file = path.join(repoRoot(), 'adaptiveCards', 'parts', 'footer.json');
    footerTemplate = new ACData.Template(JSON.parse(fs.readFileSync(file, 'utf8')) as object);
  }
  const part = footerTemplate.expand({ $root: footer }) as Record<string, unknown>;
  const body = (Array.isArray(card.body) ? card.body : []) as Array<Record<string, unknown>>;
  return { ...card, body: [...body.filter((element) => element.id !== 'footer'), part] };
}

export function renderAnswerCard(templateName: string, data: object, footer: FooterModel): AdaptiveCard {
  return withFooter(renderCard(templateName, data), footer);
}
