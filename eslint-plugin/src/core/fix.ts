import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './nodeTypes';
import { getOutermostWrapper } from './ast';
import { ASTUtils } from './astUtils';

/**
 * `await <expression>` as text to put where `node` is, parenthesised when the position binds tighter than
 * `await` (`x.toString()`, `f()()`, `` tag`x` ``, `a ** b`).
 */
export function awaitedReplacement(node: TSESTree.Node, expressionText: string): string {
  const text = `await ${expressionText}`;
  return needsParenthesesForAwait(node) ? `(${text})` : text;
}

function needsParenthesesForAwait(node: TSESTree.Node): boolean {
  const outer = getOutermostWrapper(node);
  const parent = outer.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === outer;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === outer;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === outer;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === outer;
    default:
      return false;
  }
}

/** The source text between a call's parentheses, comments and formatting kept. Null for `f?.()` or `f<T>()`. */
export function getArgumentsText(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | null {
  if (call.optional || call.typeArguments) return null;
  const open = sourceCode.getTokenAfter(call.callee, (token) => token.value === '(');
  const close = sourceCode.getLastToken(call);
  if (!open || !close || close.value !== ')') return null;
  return sourceCode.text.slice(open.range[1], close.range[0]);
}

/** Wraps an operand in parentheses when it would not survive being put next to a binary `-`. */
export function asOperandOfMinus(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, side: 'left' | 'right'): string {
  const text = sourceCode.getText(node);
  const needs =
    node.type === AST_NODE_TYPES.ConditionalExpression ||
    node.type === AST_NODE_TYPES.LogicalExpression ||
    node.type === AST_NODE_TYPES.AssignmentExpression ||
    node.type === AST_NODE_TYPES.SequenceExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    (node.type === AST_NODE_TYPES.BinaryExpression && !['*', '/', '%', '**'].includes(node.operator) && !(side === 'left' && (node.operator === '+' || node.operator === '-')));
  return needs ? `(${text})` : text;
}

/**
 * Puts a unary operator (`await`, `void`) before `expression` as an insertion, so comments and formatting stay:
 * before its opening parenthesis when it has one, else before it, wrapping it in parentheses when it binds
 * looser than a unary operator (`await (a ? p : q)`, `await (p as Promise<T>)`).
 */
export function prefixWithUnaryOperator(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  expression: TSESTree.Expression,
  operator: string,
): TSESLint.RuleFix | TSESLint.RuleFix[] {
  if (ASTUtils.isParenthesized(expression, sourceCode)) {
    const opening = sourceCode.getTokenBefore(expression);
    return fixer.insertTextBeforeRange(opening?.range ?? expression.range, `${operator} `);
  }
  if (bindsTighterThanUnary(expression)) return fixer.insertTextBefore(expression, `${operator} `);
  return [fixer.insertTextBefore(expression, `${operator} (`), fixer.insertTextAfter(expression, ')')];
}

/** Expressions that bind tighter than a unary operator, so `await x`/`void x` needs no parentheses. */
function bindsTighterThanUnary(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.MemberExpression:
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.TaggedTemplateExpression:
    case AST_NODE_TYPES.ImportExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.MetaProperty:
    case AST_NODE_TYPES.Super:
      return true;
    case AST_NODE_TYPES.UpdateExpression:
      return !node.prefix;
    default:
      return false;
  }
}

/**
 * Where `async ` goes to make a function `async`: before `function`, before an arrow's parameters, before a
 * method's name (after its modifiers: `public static async get()`, `async [key]()`). Null for what cannot be
 * `async`: getters, setters, constructors, generators.
 */
export function asyncKeywordAnchor(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression,
): TSESTree.Token | null {
  if (fn.async || fn.generator) return null;
  const parent = fn.parent;
  const isMethod =
    (parent.type === AST_NODE_TYPES.MethodDefinition && parent.value === fn) || (parent.type === AST_NODE_TYPES.Property && parent.value === fn && (parent.method || parent.kind !== 'init'));
  if (!isMethod) return sourceCode.getFirstToken(fn);
  if (parent.kind !== 'method' && parent.kind !== 'init') return null;
  return parent.computed ? sourceCode.getTokenBefore(parent.key, { filter: (token) => token.value === '[' }) : sourceCode.getFirstToken(parent.key);
}
