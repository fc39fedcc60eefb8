/**
 * A quicker path for the commonest expression of our card templates, the plain field read (`${title}`,
 * `${$root.user.displayName}`, `${$index}`), inside adaptivecards-templating's own expansion.
 *
 * adaptivecards-templating evaluates each such read through adaptive-expressions: a memory object and an options
 * object per evaluation, the path rebuilt as a string, split again with a regular expression, and each key found
 * with `Object.keys(obj).find(k => k.toLowerCase() === …)`. For the sign-in diagnosis card that was most of its
 * 0.25 ms bind and a third of the turn's garbage (docs/bench.md, "Load"). Here each plain read of a prepared
 * template first follows its keys directly; whenever that finds nothing (a missing field, an array index, a Map,
 * anything unusual) the library's own evaluation runs, so a missing field still renders as the library renders it.
 * Everything else (functions, `$when`, `$data` repetition, string interpolation) stays the library's.
 *
 * One difference by design: a key is read as written, while the library also accepts a key in another case
 * (`${Title}` finding `title`); that other spelling still works, through the fallback, because the direct read finds
 * nothing for it. Only an object holding two keys that differ in case alone could bind differently, and no card
 * model does (`tests/cards.test.ts` binds every template both ways and compares).
 */
import * as AEL from 'adaptive-expressions';

type TemplateMemory = Record<string, unknown> & { $data?: unknown };

/** The reserved names a template's memory holds (adaptivecards-templating's EvaluationContext). */
const MEMORY_FIELDS = new Set(['$root', '$data', '$index', '$host', '$_acTemplateVersion']);

/** The keys of a plain field read, outermost first (`a.b.c` → [a, b, c]), or undefined for anything else. */
function fieldPath(expression: AEL.Expression): string[] | undefined {
  const parts: string[] = [];
  let current: AEL.Expression | undefined = expression;
  while (current) {
    if (current.type !== AEL.ExpressionType.Accessor) return undefined;
    const name: AEL.Expression | undefined = current.children[0];
    const parent: AEL.Expression | undefined = current.children[1];
    if (!(name instanceof AEL.Constant) || typeof name.value !== 'string') return undefined;
    parts.unshift(name.value);
    current = parent;
  }
  return parts.length ? parts : undefined;
}

/** `parts` read key by key from the template's memory, or undefined where a key is not an own property of an object. */
function readDirectly(memory: TemplateMemory, parts: readonly string[]): unknown {
  let current: unknown;
  let i = 0;
  if (parts[0].startsWith('$')) {
    if (!MEMORY_FIELDS.has(parts[0])) return undefined;
    current = memory[parts[0]];
    i = 1;
  } else {
    current = memory.$data;
  }
  for (; i < parts.length; i++) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || current instanceof Map) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, parts[i])) return undefined;
    current = (current as Record<string, unknown>)[parts[i]];
  }
  return current;
}

/** The expression, a plain field read answered directly first; its sub-expressions likewise, in place. */
function withDirectReads(expression: AEL.Expression): AEL.Expression {
  const path = fieldPath(expression);
  if (path) {
    const direct = Object.create(expression) as AEL.Expression;
    direct.tryEvaluate = (state: unknown, options?: AEL.Options): AEL.ValueWithError => {
      const value = readDirectly(state as TemplateMemory, path);
      // The library's own evaluations say "no error" with an undefined error too.
      return value !== undefined ? { value, error: undefined as unknown as string } : expression.tryEvaluate(state, options);
    };
    return direct;
  }
  const children = expression.children;
  for (let i = 0; i < children.length; i++) children[i] = withDirectReads(children[i]);
  return expression;
}

/** Gives every plain field read in a prepared template payload (objects, arrays, expressions) its direct path. */
export function directReadsIn(node: unknown): unknown {
  if (node instanceof AEL.Expression) return withDirectReads(node);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) node[i] = directReadsIn(node[i]);
    return node;
  }
  if (typeof node === 'object' && node !== null) {
    const object = node as Record<string, unknown>;
    for (const key of Object.keys(object)) object[key] = directReadsIn(object[key]);
  }
  return node;
}
