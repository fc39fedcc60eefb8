/**
 * A recursive-descent parser for the `$filter` subset Graph supports. `@odata/parser` was tried first: it
 * rejects `startsWith(...)` (camel case, as Graph's docs write it), the `in` operator and `not(...)`, all of
 * which Graph accepts, so the grammar is written out here (precedence: or < and < not < comparison).
 */
import {
  ComparisonOperator,
  FilterFunctionName,
  FilterNode,
  FunctionNode,
  LambdaNode,
  LiteralNode,
  PropertyNode,
  ValueNode,
} from './filterAst';
import { FilterSyntaxError, Token, tokenize } from './filterLexer';

export { FilterSyntaxError } from './filterLexer';

const COMPARISON_OPERATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'endswith']);

class FilterParser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    if (this.peek().kind === 'eof') throw this.error('The $filter expression is empty');
    const node = this.orExpression();
    if (this.peek().kind !== 'eof') throw this.error(`Unexpected '${this.peek().text}'`);
    return node;
  }

  private orExpression(): FilterNode {
    let node = this.andExpression();
    while (this.isKeyword('or')) {
      this.advance();
      node = { kind: 'or', left: node, right: this.andExpression() };
    }
    return node;
  }

  private andExpression(): FilterNode {
    let node = this.notExpression();
    while (this.isKeyword('and')) {
      this.advance();
      node = { kind: 'and', left: node, right: this.notExpression() };
    }
    return node;
  }

  private notExpression(): FilterNode {
    if (this.isKeyword('not') && this.peek(1).kind !== '/' && this.peek(1).kind !== 'eof') {
      this.advance();
      return { kind: 'not', operand: this.notExpression() };
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    if (this.peek().kind === '(') {
      this.advance();
      const inner = this.orExpression();
      this.expect(')');
      return inner;
    }
    const left = this.operand();
    if (left.kind === 'lambda') return left;
    const next = this.peek();
    if (next.kind === 'identifier' && COMPARISON_OPERATORS.has(next.text.toLowerCase())) {
      this.advance();
      const right = this.operand();
      if (right.kind === 'lambda') throw this.error('A lambda cannot be compared', next.position);
      return { kind: 'compare', operator: next.text.toLowerCase() as ComparisonOperator, left, right };
    }
    if (this.isKeyword('in')) {
      this.advance();
      return { kind: 'in', operand: left, values: this.literalList() };
    }
    if (left.kind === 'function') return left;
    if (left.kind === 'property' || (left.kind === 'literal' && left.literalKind === 'boolean')) {
      return { kind: 'booleanValue', value: left };
    }
    throw this.error(`Expected a comparison operator after the ${left.kind}`);
  }

  private literalList(): LiteralNode[] {
    this.expect('(');
    const values: LiteralNode[] = [];
    for (;;) {
      const operand = this.operand();
      if (operand.kind !== 'literal') throw this.error('The in operator takes a list of literals');
      values.push(operand);
      if (this.peek().kind === ',') {
        this.advance();
        continue;
      }
      this.expect(')');
      return values;
    }
  }

  private operand(): ValueNode | LambdaNode {
    const token = this.peek();
    switch (token.kind) {
      case 'string':
        this.advance();
        return { kind: 'literal', literalKind: 'string', value: token.text };
      case 'number':
        this.advance();
        return { kind: 'literal', literalKind: 'number', value: Number(token.text) };
      case 'dateTime':
      case 'date':
      case 'guid':
        this.advance();
        return { kind: 'literal', literalKind: token.kind, value: token.text };
      case 'enum':
        this.advance();
        return { kind: 'literal', literalKind: 'enum', value: token.text, enumType: token.enumType };
      case 'identifier':
        return this.identifierOperand(token);
      default:
        throw this.error(token.kind === 'eof' ? 'Unexpected end of the $filter expression' : `Unexpected '${token.text}'`);
    }
  }

  private identifierOperand(token: Token): ValueNode | LambdaNode {
    const lower = token.text.toLowerCase();
    if (this.peek(1).kind !== '(' && this.peek(1).kind !== '/') {
      if (lower === 'true' || lower === 'false') {
        this.advance();
        return { kind: 'literal', literalKind: 'boolean', value: lower === 'true' };
      }
      if (lower === 'null') {
        this.advance();
        return { kind: 'literal', literalKind: 'null', value: null };
      }
    }
    if (this.peek(1).kind === '(') return this.functionCall(token);
    return this.pathOrLambda();
  }

  private functionCall(token: Token): FunctionNode {
    const name = token.text.toLowerCase();
    if (!FUNCTIONS.has(name)) throw this.error(`The function '${token.text}' is not supported`, token.position);
    this.advance();
    this.expect('(');
    const args: ValueNode[] = [];
    for (;;) {
      const arg = this.operand();
      if (arg.kind === 'lambda') throw this.error('A lambda cannot be a function argument');
      args.push(arg);
      if (this.peek().kind === ',') {
        this.advance();
        continue;
      }
      this.expect(')');
      break;
    }
    if (args.length !== 2) throw this.error(`The function '${token.text}' takes 2 arguments`, token.position);
    return { kind: 'function', name: name as FilterFunctionName, args };
  }

  private pathOrLambda(): PropertyNode | LambdaNode {
    const path = [this.expectIdentifier()];
    while (this.peek().kind === '/') {
      this.advance();
      const segment = this.expectIdentifier();
      const lambdaOperator = segment.toLowerCase();
      if ((lambdaOperator === 'any' || lambdaOperator === 'all') && this.peek().kind === '(') {
        return this.lambda(lambdaOperator, { kind: 'property', path });
      }
      path.push(segment);
    }
    return { kind: 'property', path };
  }

  private lambda(operator: 'any' | 'all', collection: PropertyNode): LambdaNode {
    this.expect('(');
    if (this.peek().kind === ')') {
      if (operator === 'all') throw this.error('all() needs a lambda expression');
      this.advance();
      return { kind: 'lambda', operator, collection };
    }
    const variable = this.expectIdentifier();
    this.expect(':');
    const predicate = this.orExpression();
    this.expect(')');
    return { kind: 'lambda', operator, collection, variable, predicate };
  }

  private expectIdentifier(): string {
    const token = this.peek();
    if (token.kind !== 'identifier') throw this.error(`Expected a property name but found '${token.text || 'end of input'}'`);
    this.advance();
    return token.text;
  }

  private expect(kind: Token['kind']): void {
    const token = this.peek();
    if (token.kind !== kind) throw this.error(`Expected '${kind}' but found '${token.text || 'end of input'}'`);
    this.advance();
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text.toLowerCase() === word;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private advance(): void {
    this.index += 1;
  }

  private error(message: string, position = this.peek().position): FilterSyntaxError {
    return new FilterSyntaxError(`${message} (position ${position})`, position);
  }
}

/** Parses a `$filter` expression; throws FilterSyntaxError when it is not valid OData or uses what Graph does not support. */
export function parseFilter(text: string): FilterNode {
  return new FilterParser(tokenize(text)).parse();
}
