import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { repoRoot } from '../paths';
import { directReadsIn, expandQuickly } from './directAccessors';

export type AdaptiveCard = Record<string, unknown>;

const templates = new Map<string, ACData.Template>();

function templatePath(templateName: string): string {
  if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(templateName)) throw new Error(`Bad card template name: ${templateName}`);
  return path.join(repoRoot(), 'adaptiveCards', `${templateName}.json`);
}

/**
 * A template parsed for binding, its plain field reads given their direct path and its expansion the library's with
 * shortcuts for constants, plain objects and arrays (src/cards/directAccessors.ts). The library keeps its prepared
 * payload (expressions parsed once) in a private field; that is the tree this walks.
 */
export function prepareTemplate(json: object): ACData.Template {
  const template = new ACData.Template(json);
  directReadsIn((template as unknown as { _preparedPayload: unknown })._preparedPayload);
  expandQuickly(template);
  return template;
}

/** Templates read and checked as JSON at start (checkTemplates), not yet prepared: their expressions parse on first use. */
const checked = new Map<string, object>();

function readTemplate(templateName: string): object {
  return JSON.parse(fs.readFileSync(templatePath(templateName), 'utf8')) as object;
}

/**
 * The parsed template, built once and cached: building a Template costs 2.5 times the expansion itself (measured with
 * adaptivecards-templating 2.3.1: a 25-row card bound in 8.3 ms with a reused Template, 21 ms with a new one).
 */
function template(templateName: string): ACData.Template {
  let cached = templates.get(templateName);
  if (!cached) {
    cached = prepareTemplate(checked.get(templateName) ?? readTemplate(templateName));
    checked.delete(templateName);
    templates.set(templateName, cached);
  }
  return cached;
}

/**
 * Binds a template from adaptiveCards/ to data. Values arrive preformatted (see src/cards/format.ts): template
 * functions such as string() build an Intl.DateTimeFormat per call and made a 25-row card six times slower.
 */
export function renderCard(templateName: string, data: object): AdaptiveCard {
  return template(templateName).expand({ $root: data }) as AdaptiveCard;
}

/** The names of the templates in adaptiveCards/ (every .json but the sample data files). */
function templateNames(): string[] {
  return fs
    .readdirSync(path.join(repoRoot(), 'adaptiveCards'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

/**
 * Reads every template and parses its JSON, so that a missing or malformed one stops start-up; their expressions are
 * parsed later (prepareTemplates, or a template's first use). Parsing the expressions of all of them took 0.1-0.15 s
 * of CPU before the bot could listen, most of it for cards the first answer does not show (docs/bench.md, "Session 8").
 */
export function checkTemplates(): string[] {
  const names = templateNames();
  for (const name of names) if (!templates.has(name) && !checked.has(name)) checked.set(name, readTemplate(name));
  return names;
}

/**
 * Prepares every template not yet prepared, one per turn of the event loop, so that a message arriving meanwhile
 * waits for one template at most. Rejects with the first whose expressions do not parse, naming it; stops early when
 * `cancelled()` says so.
 */
export async function prepareTemplates(names: readonly string[], cancelled: () => boolean = () => false): Promise<void> {
  for (const name of names) {
    if (cancelled()) return;
    await new Promise((resolve) => setImmediate(resolve));
    try {
      template(name);
    } catch (err) {
      throw new Error(`card template adaptiveCards/${name}.json is broken: ${(err as Error).message}`, { cause: err });
    }
  }
}

/** Loads every template up front, JSON and expressions (the card tests list and check them this way). */
export function preloadTemplates(): string[] {
  const names = templateNames();
  for (const name of names) template(name);
  return names;
}

/**
 * prepareTemplates after `delayMs`, once the bot listens and has answered what came first; the timer never keeps a
 * stopping process alive. `cancel()` ends it early (what was prepared stays); `done` then settles.
 */
export function prepareTemplatesLater(names: readonly string[], delayMs: number): { done: Promise<void>; cancel(): void } {
  let cancelled = false;
  let settle!: () => void;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = resolve;
    timer = setTimeout(() => {
      timer = undefined;
      prepareTemplates(names, () => cancelled).then(resolve, reject);
    }, delayMs);
    timer.unref();
  });
  return {
    done,
    cancel() {
      cancelled = true;
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
        settle();
      }
    },
  };
}
