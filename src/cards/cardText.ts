/**
 * Adaptive Card JSON as readable text, for the terminal: headings, text, facts, tables and buttons in reading order.
 * Folded parts (isVisible false, the card of an Action.ShowCard) are one click away in Teams, so the text shows them
 * too, in place: the terminal has no click. The same lines are the rows a model-written summary may rest on.
 */
import { jsonText } from '../jsonText';

type Node = Record<string, unknown>;

function lines(node: unknown, out: string[], indent = ''): void {
  if (Array.isArray(node)) {
    for (const child of node) lines(child, out, indent);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const element = node as Node;
  switch (element.type) {
    case 'TextBlock':
      if (typeof element.text === 'string' && element.text.trim()) out.push(indent + unescape(element.text));
      return;
    case 'RichTextBlock':
      out.push(indent + ((element.inlines as Node[] | undefined) ?? []).map((i) => (typeof i === 'string' ? i : jsonText(i.text))).join(''));
      return;
    case 'FactSet':
      for (const fact of (element.facts as Node[] | undefined) ?? []) out.push(`${indent}${unescape(String(fact.title))}: ${unescape(String(fact.value))}`);
      return;
    case 'Table':
      for (const row of (element.rows as Node[] | undefined) ?? []) {
        const cells = ((row.cells as Node[] | undefined) ?? []).map((cell) => {
          const inner: string[] = [];
          lines(cell.items, inner);
          return inner.join(' ').trim();
        });
        out.push(`${indent}| ${cells.join(' | ')} |`);
      }
      return;
    case 'ColumnSet': {
      const parts = ((element.columns as Node[] | undefined) ?? []).map((column) => {
        const inner: string[] = [];
        lines(column.items, inner);
        return inner.join(' ').trim();
      });
      const joined = parts.filter(Boolean).join('  ');
      if (joined) out.push(indent + joined);
      return;
    }
    case 'ActionSet':
      actions(element.actions, out, indent);
      return;
    default:
      if (element.items) lines(element.items, out, indent);
      if (element.body) lines(element.body, out, indent);
  }
}

function actions(list: unknown, out: string[], indent: string): void {
  const titles = ((list as Node[] | undefined) ?? []).map((a) => `[${String(a.title ?? a.type)}]`);
  if (titles.length) out.push(indent + titles.join(' '));
  for (const action of (list as Node[] | undefined) ?? []) {
    if (action.type === 'Action.ShowCard' && action.card) lines((action.card as Node).body, out, indent);
  }
}

/** Removes the backslashes that escaped tenant data for Markdown. */
function unescape(text: string): string {
  return text.replace(/\\([\\`*_[\]<>~|#+\-.!{}()])/g, '$1');
}

/** The card elements as lines of text, in reading order (buttons as [titles]). */
export function cardLines(elements: unknown): string[] {
  const out: string[] = [];
  lines(elements, out);
  return out;
}

export function cardToText(card: unknown): string {
  const out: string[] = [];
  const root = card as Node;
  lines(root.body, out);
  actions(root.actions, out, '');
  return out.join('\n');
}
