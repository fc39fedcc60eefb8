/**
 * The view model the directory cards share (userInfo, groupInfo, roleAssignments): preformatted, escaped strings
 * only, so the templates stay free of logic. `summary` renders the same model as plain text.
 */
export interface DirectoryCardModel {
  title: string;
  subtitle: string;
  /** Abnormal things, shown first in the attention colour. */
  callouts: Array<{ text: string }>;
  facts: Array<{ title: string; value: string }>;
  sections: Array<{ heading: string; items: Array<{ text: string }> }>;
  /** What was left out and why (a part the asker's roles do not allow, a list cut at a page). */
  notes: Array<{ text: string }>;
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
