import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './nodeTypes';
import { getOutermostWrapper } from './ast';

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
