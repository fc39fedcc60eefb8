/** The visible lines of a rendered card, for assertions. */
interface Card {
  body: unknown[];
}

/** Every TextBlock text and FactSet fact of a card, in order ("title: value" for facts). */
export function cardLines(card: unknown): string[] {
  const lines: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock') lines.push(String(element.text));
    if (element.type === 'FactSet') for (const f of element.facts as Array<{ title: string; value: string }>) lines.push(`${f.title}: ${f.value}`);
    Object.values(element).forEach(walk);
  };
  walk((card as Card).body);
  return lines;
}

