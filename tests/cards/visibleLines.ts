/**
 * How many lines a card shows before anyone clicks: the measure of "the story first". Elements with isVisible false
 * and the cards inside Action.ShowCard are not visible; a TextBlock counts ceil(characters / 60) lines, a fact or a
 * table row one line at least (more when its text is long), an input one.
 */
const CHARS_PER_LINE = 60;

/** What fits on a laptop screen in Teams beside the chat list: the conclusion, not the evidence. */
export const MAX_FIRST_RENDER_LINES = 25;

import { jsonText } from '../../src/jsonText';

type Node = Record<string, unknown>;

function textLines(text: unknown): number {
  const s = typeof text === 'string' ? text : '';
  return Math.max(1, Math.ceil(s.length / CHARS_PER_LINE));
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of ['body', 'items', 'columns']) {
    const value = node[key];
    if (Array.isArray(value)) out.push(...(value as Node[]));
  }
  return out;
}

export interface LineCount {
  lines: number;
  /** Each visible leaf with its lines, for a failure message that says where the lines went. */
  parts: Array<{ type: string; lines: number; text: string }>;
}

export function visibleLines(card: unknown): LineCount {
  const parts: LineCount['parts'] = [];
  const walk = (node: Node): number => {
    if (!node || typeof node !== 'object' || node.isVisible === false) return 0;
    const type = jsonText(node.type);
    if (type === 'TextBlock') {
      const lines = textLines(node.text);
      parts.push({ type, lines, text: jsonText(node.text) });
      return lines;
    }
    if (type === 'RichTextBlock') {
      const text = ((node.inlines as Node[]) ?? []).map((i) => (typeof i === 'string' ? i : jsonText(i.text))).join('');
      const lines = textLines(text);
      parts.push({ type, lines, text });
      return lines;
    }
    if (type === 'FactSet') {
      let lines = 0;
      for (const fact of (node.facts as Node[]) ?? []) {
        const n = Math.max(1, Math.ceil(jsonText(fact.value).length / CHARS_PER_LINE));
        parts.push({ type: 'Fact', lines: n, text: `${jsonText(fact.title)}: ${jsonText(fact.value)}` });
        lines += n;
      }
      return lines;
    }
    if (type === 'Table') {
      let lines = 0;
      for (const row of (node.rows as Node[]) ?? []) {
        if (row.isVisible === false) continue;
        const cellLines = ((row.cells as Node[]) ?? []).map((cell) => children(cell).reduce((sum, item) => sum + walkQuiet(item), 0));
        const n = Math.max(1, ...cellLines);
        parts.push({ type: 'TableRow', lines: n, text: JSON.stringify(row).slice(0, 80) });
        lines += n;
      }
      return lines;
    }
    if (type.startsWith('Input.')) {
      parts.push({ type, lines: 1, text: jsonText(node.id) });
      return 1;
    }
    return children(node).reduce((sum, child) => sum + walk(child), 0);
  };
  /** A table cell's lines, counted without listing its leaves (the row is listed once). */
  const walkQuiet = (node: Node): number => {
    const before = parts.length;
    const lines = walk(node);
    parts.length = before;
    return lines;
  };
  const lines = walk(card as Node);
  return { lines, parts };
}
