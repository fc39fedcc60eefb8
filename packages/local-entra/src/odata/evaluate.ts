/**
 * Evaluates a parsed `$filter` against one item. The tree is compiled once into closures (cached per tree),
 * so evaluating two million sign-ins does not re-read literals or re-parse date-times for every item.
 */
import { FilterNode, LiteralNode, ValueNode } from './filterAst';
import { compareValues, foldCase, instantKey, readPath } from './values';

type Scope = ReadonlyMap<string, unknown> | undefined;
type Predicate = (item: unknown, scope: Scope) => boolean;

/** A resolved operand: `instant` marks a date-time, whose value is then an instantKey string. */
interface Operand {
  value: unknown;
  instant: boolean;
}
type OperandReader = (item: unknown, scope: Scope) => Operand;

const compiled = new WeakMap<FilterNode, Predicate>();

export function compileFilter(node: FilterNode): Predicate {
  let predicate = compiled.get(node);
  if (!predicate) {
    predicate = compileNode(node);
    compiled.set(node, predicate);
  }
  return predicate;
}

/** True when the item satisfies the filter. */
export function evaluate(node: FilterNode, item: Record<string, unknown>): boolean {
  return compileFilter(node)(item, undefined);
}

function compileNode(node: FilterNode): Predicate {
  switch (node.kind) {
    case 'and': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (item, scope) => left(item, scope) && right(item, scope);
    }
    case 'or': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (item, scope) => left(item, scope) || right(item, scope);
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (item, scope) => !operand(item, scope);
    }
    case 'compare': {
      const left = compileOperand(node.left);
      const right = compileOperand(node.right);
      const test = comparisonTest(node.operator);
      return (item, scope) => test(left(item, scope), right(item, scope));
    }
    case 'in': {
      const operand = compileOperand(node.operand);
      const candidates = node.values.map((value) => compileOperand(value));
      const equals = comparisonTest('eq');
      return (item, scope) => {
        const actual = operand(item, scope);
        return candidates.some((candidate) => equals(actual, candidate(item, scope)));
      };
    }
    case 'function': {
      const reader = compileOperand(node);
      return (item, scope) => reader(item, scope).value === true;
    }
    case 'booleanValue': {
      const reader = compileOperand(node.value);
      return (item, scope) => reader(item, scope).value === true;
    }
    case 'lambda': {
      const collectionPath = node.collection.path;
      const readCollection = compilePath(collectionPath);
      const predicate = node.predicate ? compileNode(node.predicate) : undefined;
      const variable = node.variable ?? '';
      return (item, scope) => {
        const collection = readCollection(item, scope);
        const elements = Array.isArray(collection) ? collection : [];
        if (!predicate) return elements.length > 0;
        // One scope for the elements in turn: a predicate only reads it (a nested lambda copies it).
        const inner = new Map(scope ?? []);
        const test = (element: unknown): boolean => predicate(item, inner.set(variable, element));
        return node.operator === 'any' ? elements.some(test) : elements.every(test);
      };
    }
  }
}

function compilePath(path: readonly string[]): (item: unknown, scope: Scope) => unknown {
  const [head, ...rest] = path;
  return (item, scope) => {
    if (scope?.has(head)) return readPath(scope.get(head), rest);
    return readPath(item, path);
  };
}

function compileOperand(node: ValueNode): OperandReader {
  switch (node.kind) {
    case 'literal': {
      const operand = literalOperand(node);
      return () => operand;
    }
    case 'property': {
      const read = compilePath(node.path);
      return (item, scope) => ({ value: read(item, scope), instant: false });
    }
    case 'function': {
      const [subjectReader, affixReader] = node.args.map((arg) => compileOperand(arg));
      const matches = node.name === 'startswith' ? startsWith : endsWith;
      return (item, scope) => {
        const subject = subjectReader(item, scope).value;
        const affix = affixReader(item, scope).value;
        const value = typeof subject === 'string' && typeof affix === 'string' && matches(foldCase(subject), foldCase(affix));
        return { value, instant: false };
      };
    }
  }
}

function startsWith(subject: string, prefix: string): boolean {
  return subject.startsWith(prefix);
}

function endsWith(subject: string, suffix: string): boolean {
  return subject.endsWith(suffix);
}

function literalOperand(node: LiteralNode): Operand {
  if (node.literalKind === 'dateTime' || node.literalKind === 'date') {
    return { value: instantKey(String(node.value)), instant: true };
  }
  return { value: node.value, instant: false };
}

/** The last text made an instant and its key: a time window's two bounds test the same value one after the other. */
let lastInstantText: string | undefined;
let lastInstantKey: string | undefined;

function instantOf(operand: Operand): unknown {
  if (operand.instant || typeof operand.value !== 'string') return operand.value;
  if (operand.value !== lastInstantText) {
    lastInstantText = operand.value;
    lastInstantKey = instantKey(operand.value);
  }
  return lastInstantKey;
}

/**
 * The order of two values, a date-time on one side making the other side an instant too. Two instant keys are
 * written alike (UTC, seven fraction digits), so they compare as they are: folding their case changes nothing.
 */
function compareOperands(left: Operand, right: Operand): number | undefined {
  if (left.instant === right.instant) return compareValues(left.value, right.value);
  const a = instantOf(left);
  const b = instantOf(right);
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : a < b ? -1 : 1;
  return compareValues(a, b);
}

function comparisonTest(operator: string): (left: Operand, right: Operand) => boolean {
  return (left, right) => {
    const leftMissing = left.value === null || left.value === undefined;
    const rightMissing = right.value === null || right.value === undefined;
    if (leftMissing || rightMissing) {
      if (operator === 'eq') return leftMissing && rightMissing;
      if (operator === 'ne') return leftMissing !== rightMissing;
      return false;
    }
    const order = compareOperands(left, right);
    if (order === undefined) return operator === 'ne';
    switch (operator) {
      case 'eq':
        return order === 0;
      case 'ne':
        return order !== 0;
      case 'gt':
        return order > 0;
      case 'ge':
        return order >= 0;
      case 'lt':
        return order < 0;
      default:
        return order <= 0;
    }
  };
}
