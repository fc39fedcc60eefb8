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
 * Everything else (functions, `$when`, `$data` repetition, string interpolation) stays the library's. The library's
 * expansion itself gets shortcuts for constants, plain objects and arrays (quickExpand, below), which leave out its
 * per-node bookkeeping: with them the sign-in diagnosis sample binds in 36-41 µs instead of 59-70, with 36-39 KB of
 * garbage instead of 98 (docs/bench.md, "Session 12").
 *
 * One difference by design: a key is read as written, while the library also accepts a key in another case
 * (`${Title}` finding `title`); that other spelling still works, through the fallback, because the direct read finds
 * nothing for it. Only an object holding two keys that differ in case alone could bind differently, and no card
 * model does (`tests/cards.test.ts` binds every template both ways and compares).
 */
import * as AEL from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';

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

/** The key paths of the plain field reads of prepared templates. */
const directPaths = new WeakMap<AEL.Expression, readonly string[]>();

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
    directPaths.set(direct, path);
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

type Evaluate = (expression: AEL.Expression, context: TemplateMemory, allowSubstitutions: boolean) => AEL.ValueWithError;
interface Expansion {
  _context: TemplateMemory;
  internalExpand(node: unknown): unknown;
}
type Expand = (this: Expansion, node: unknown) => unknown;

const library = ACData.Template as unknown as { internalTryEvaluateExpression: Evaluate; prototype: { internalExpand: Expand } };
const libraryEvaluate = library.internalTryEvaluateExpression;
const libraryExpand = library.prototype.internalExpand;
if (typeof libraryEvaluate !== 'function' || typeof libraryExpand !== 'function') {
  throw new Error('adaptivecards-templating has no Template.internalTryEvaluateExpression or internalExpand: check src/cards/directAccessors.ts against this version');
}

// The library evaluates every expression through this one function, which builds a memory object and an options
// object with a closure first: a plain field read of a prepared template (a `$data` or `$when` here; values go through
// quickExpand) is answered from the library's evaluation context, which holds the same $root, $data, $index and $host
// as that memory, before either is built. Every other expression, those of templates not prepared here included, and
// a read that finds nothing, go to the library's function unchanged.
library.internalTryEvaluateExpression = (expression, context, allowSubstitutions) => {
  const path = directPaths.get(expression);
  const value = path && readDirectly(context, path);
  return value !== undefined ? { value, error: undefined as unknown as string } : libraryEvaluate(expression, context, allowSubstitutions);
};

/** The names adaptivecards-templating leaves out of an expanded object (EvaluationContext._reservedFields). */
const RESERVED_FIELDS = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const keysOfNode = new WeakMap<object, readonly string[]>();

/** The keys of a template node that its expansion keeps, listed once per node (a prepared payload does not change). */
function expandedKeys(node: Record<string, unknown>): readonly string[] {
  let keys = keysOfNode.get(node);
  if (!keys) {
    keys = Object.keys(node).filter((key) => !RESERVED_FIELDS.has(key));
    keysOfNode.set(node, keys);
  }
  return keys;
}

/**
 * The library's `internalExpand` for what most of a card is, without its per-node garbage: it saves and restores its
 * evaluation state (an object each time) for every node of the payload, constants included (`"type": "TextBlock"`),
 * wraps every object in a list of data contexts and a list of results, lists its keys again, and evaluates each
 * expression through the function above. Here a constant is returned as the library returns it; an array, and an
 * object with neither `$data` nor `$when`, are expanded as the library expands them (the state it would save and
 * restore around them is unchanged by them), an object over keys listed once per node; a plain field read is answered
 * directly. Anything else (repetition, conditions, functions, string interpolation), and a read that finds nothing, is
 * the library's own expansion.
 */
function quickExpand(this: Expansion, node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const path = directPaths.get(node as AEL.Expression);
  const value = path && readDirectly(this._context, path);
  if (value !== undefined) return value;
  if (Array.isArray(node)) {
    // Each item expanded, null ones left out, a repeated item's copies spread in.
    const items: unknown[] = [];
    for (const item of node) {
      const expanded = this.internalExpand(item);
      if (Array.isArray(expanded)) items.push(...(expanded as unknown[]));
      else if (expanded !== null) items.push(expanded);
    }
    return items;
  }
  if (path || node instanceof AEL.Expression) return libraryExpand.call(this, node);
  const object = node as Record<string, unknown>;
  if (object.$data !== undefined || object.$when !== undefined) return libraryExpand.call(this, node);
  // The library's single-object expansion (expandSingleObject).
  const result: Record<string, unknown> = {};
  for (const key of expandedKeys(object)) {
    const expanded = this.internalExpand(object[key]);
    if (expanded !== undefined) result[key] = expanded;
  }
  return result;
}

/**
 * A prepared template expands through quickExpand (its own `internalExpand`, which the library's recursion calls); a
 * template made elsewhere keeps the library's expansion, which tests/cards.test.ts compares it with.
 */
export function expandQuickly(template: ACData.Template): void {
  (template as unknown as { internalExpand: Expand }).internalExpand = quickExpand;
}
