/** The tree `parseFilter` builds from a `$filter` expression: the subset of OData v4 that Graph supports. */

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

/** Functions Graph accepts in `$filter` (names are matched case-insensitively and stored lower-cased). */
export type FilterFunctionName = 'startswith' | 'endswith';

export type LiteralKind = 'string' | 'number' | 'boolean' | 'null' | 'dateTime' | 'date' | 'guid' | 'enum';

export interface LiteralNode {
  kind: 'literal';
  literalKind: LiteralKind;
  /** string for string/dateTime/date/guid/enum, number, boolean, or null. */
  value: string | number | boolean | null;
  /** For a qualified enum literal (`microsoft.graph.riskLevel'high'`): the type name. */
  enumType?: string;
}

/** A property path such as `status/errorCode`; inside a lambda the first segment may be the range variable. */
export interface PropertyNode {
  kind: 'property';
  path: string[];
}

export interface ComparisonNode {
  kind: 'compare';
  operator: ComparisonOperator;
  left: ValueNode;
  right: ValueNode;
}

export interface InNode {
  kind: 'in';
  operand: ValueNode;
  values: LiteralNode[];
}

export interface FunctionNode {
  kind: 'function';
  name: FilterFunctionName;
  args: ValueNode[];
}

export interface LambdaNode {
  kind: 'lambda';
  operator: 'any' | 'all';
  /** The collection the lambda ranges over. */
  collection: PropertyNode;
  variable?: string;
  predicate?: FilterNode;
}

export interface LogicalNode {
  kind: 'and' | 'or';
  left: FilterNode;
  right: FilterNode;
}

export interface NotNode {
  kind: 'not';
  operand: FilterNode;
}

/** A boolean property used on its own (`accountEnabled`), or `true`/`false`. */
export interface BooleanValueNode {
  kind: 'booleanValue';
  value: PropertyNode | LiteralNode;
}

export type ValueNode = LiteralNode | PropertyNode | FunctionNode;
export type FilterNode = ComparisonNode | InNode | FunctionNode | LambdaNode | LogicalNode | NotNode | BooleanValueNode;
