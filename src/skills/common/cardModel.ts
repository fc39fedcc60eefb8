/**
 * The view model of the one directory card (adaptiveCards/directory.json: users, groups, roles, apps, policies, audit
 * changes; the workload-risk card adds its advice): preformatted, escaped strings only, so the template stays free of
 * logic. `summary` renders the same model as plain text.
 */
export interface DirectoryCardModel {
  title: string;
  subtitle: string;
  /** Abnormal things, shown first in the attention colour. */
  callouts: Array<{ text: string }>;
  facts: Array<{ title: string; value: string }>;
  sections: CardSection[];
  /** What was left out and why (a part the asker's roles do not allow, a list cut at a page). */
  notes: Array<{ text: string }>;
}

export interface CardSection {
  heading: string;
  items: Array<{ text: string }>;
  /** Evidence one click away: hidden at first render, shown by a button titled `button` that toggles the element `id`. */
  folded?: boolean;
  id?: string;
  button?: string;
}

/**
 * The section folded behind a button that says what it shows and how many: "Risk history (2)". `id` must be unique
 * in the card.
 */
export function folded(section: CardSection, id: string, label: string): CardSection {
  const count = section.items.length;
  return { ...section, folded: true, id, button: `${label} (${count})` };
}

export function directorySummary(model: DirectoryCardModel): string {
  return [
    model.subtitle ? `${model.title} — ${model.subtitle}` : model.title,
    ...model.callouts.map((c) => `⚠ ${c.text}`),
    ...model.facts.map((f) => `${f.title}: ${f.value}`),
    ...model.sections.flatMap((s) => [`${s.heading}:`, ...s.items.map((i) => `• ${i.text}`)]),
    ...model.notes.map((n) => n.text),
  ].join('\n');
}
