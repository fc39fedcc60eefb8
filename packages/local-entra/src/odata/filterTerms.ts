/**
 * Reads a parsed `$filter` for what it uses: which operator on which property (gating), its AND terms (planning), and
 * which top-level properties its evaluation reads.
 */
import { FilterNode, LiteralNode, PropertyNode, ValueNode } from './filterAst';

/** Operator names as Graph's docs and messages write them. */
export type FilterOperatorName =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'in'
  | 'null'
  | 'not'
  | 'startsWith'
  | 'endsWith'
  | 'any'
  | 'all';

export interface OperatorUse {
  /** Property path with slashes; inside a lambda, the collection path followed by the element's path. */
  property: string;
  operator: FilterOperatorName;
  insideLambda: boolean;
  /** For a comparison, the literal the property is compared with (`owners/$count eq 0`: 0). */
  literal?: LiteralNode;
}

function isNull(node: ValueNode): boolean {
  return node.kind === 'literal' && node.literalKind === 'null';
}

/** Lists every (property, operator) pair in the filter. */
export function operatorUses(root: FilterNode): OperatorUse[] {
  const uses: OperatorUse[] = [];
  const visit = (node: FilterNode, lambdaPrefix: Map<string, string[]>): void => {
    const pathOf = (property: PropertyNode): string => {
      const [head, ...rest] = property.path;
      const prefix = lambdaPrefix.get(head);
      return (prefix ? [...prefix, ...rest] : property.path).join('/');
    };
    const insideLambda = lambdaPrefix.size > 0;
    const record = (operand: ValueNode, operator: FilterOperatorName, other?: ValueNode): void => {
      if (operand.kind !== 'property') return;
      const literal = other?.kind === 'literal' ? other : undefined;
      uses.push({ property: pathOf(operand), operator, insideLambda, ...(literal ? { literal } : {}) });
    };
    switch (node.kind) {
      case 'and':
      case 'or':
        visit(node.left, lambdaPrefix);
        visit(node.right, lambdaPrefix);
        return;
      case 'not':
        for (const property of propertiesIn(node.operand)) uses.push({ property: pathOf(property), operator: 'not', insideLambda });
        visit(node.operand, lambdaPrefix);
        return;
      case 'compare': {
        const operator: FilterOperatorName = node.operator === 'eq' && (isNull(node.left) || isNull(node.right)) ? 'null' : node.operator;
        record(node.left, operator, node.right);
        record(node.right, operator, node.left);
        return;
      }
      case 'in':
        record(node.operand, 'in');
        return;
      case 'function':
        record(node.args[0], node.name === 'startswith' ? 'startsWith' : 'endsWith');
        return;
      case 'booleanValue':
        record(node.value, 'eq');
        return;
      case 'lambda': {
        const collection = pathOf(node.collection);
        uses.push({ property: collection, operator: node.operator, insideLambda });
        if (node.predicate && node.variable) {
          const inner = new Map(lambdaPrefix).set(node.variable, collection.split('/'));
          visit(node.predicate, inner);
        }
        return;
      }
    }
  };
  visit(root, new Map());
  return uses;
}

function propertiesIn(node: FilterNode): PropertyNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...propertiesIn(node.left), ...propertiesIn(node.right)];
    case 'not':
      return propertiesIn(node.operand);
    case 'compare':
      return [node.left, node.right].filter((operand): operand is PropertyNode => operand.kind === 'property');
    case 'in':
      return node.operand.kind === 'property' ? [node.operand] : [];
    case 'function':
      return node.args.filter((operand): operand is PropertyNode => operand.kind === 'property');
    case 'booleanValue':
      return node.value.kind === 'property' ? [node.value] : [];
    case 'lambda':
      return [node.collection];
  }
}

/** The terms joined by top-level `and`s (a filter without `and` is one term). */
export function andTerms(root: FilterNode): FilterNode[] {
  return root.kind === 'and' ? [...andTerms(root.left), ...andTerms(root.right)] : [root];
}

/** For a term `property op literal` (either side), the property path, operator (as seen from the property) and literal. */
export function propertyComparison(
  term: FilterNode,
): { property: string; operator: string; literal: LiteralNode } | undefined {
  if (term.kind !== 'compare') return undefined;
  const mirrored: Record<string, string> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
  if (term.left.kind === 'property' && term.right.kind === 'literal') {
    return { property: term.left.path.join('/'), operator: term.operator, literal: term.right };
  }
  if (term.right.kind === 'property' && term.left.kind === 'literal') {
    return { property: term.right.path.join('/'), operator: mirrored[term.operator], literal: term.left };
  }
  return undefined;
}

/**
 * The lower-cased first segment of every property path in the filter (a lambda's range variable among them): the
 * top-level properties of an item its evaluation can read.
 */
export function propertyHeads(root: FilterNode): Set<string> {
  const heads = new Set<string>();
  const value = (node: ValueNode): void => {
    if (node.kind === 'property') heads.add(node.path[0].toLowerCase());
    else if (node.kind === 'function') node.args.forEach(value);
  };
  const visit = (node: FilterNode): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        visit(node.left);
        visit(node.right);
        return;
      case 'not':
        visit(node.operand);
        return;
      case 'compare':
        value(node.left);
        value(node.right);
        return;
      case 'in':
        value(node.operand);
        node.values.forEach(value);
        return;
      case 'function':
        value(node);
        return;
      case 'booleanValue':
        value(node.value);
        return;
      case 'lambda':
        value(node.collection);
        if (node.predicate) visit(node.predicate);
        return;
    }
  };
  visit(root);
  return heads;
}
