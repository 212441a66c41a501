import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { shortText, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';

/**
 * The longest row label: what a row of the default-width side bar shows two levels deep without cutting
 * it. The description after it may be cut; the tooltip has everything.
 */
export const MAX_LABEL_LENGTH = 28;

/**
 * Source code as a row label of at most `max` characters: as written when it fits, else a call with its
 * arguments elided (`fetch(…)`, `this.load(…)`), else cut with an ellipsis.
 */
export function codeLabel(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, max: number): string {
  const text = shortText(sourceCode.getText(node), Number.MAX_SAFE_INTEGER);
  if (text.length <= max) return text;
  const inner = skipExpressionWrappers(node);
  if ((inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) && inner.arguments.length > 0) {
    const callee = shortText(sourceCode.getText(inner.callee), Number.MAX_SAFE_INTEGER);
    const head = `${inner.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${callee}${inner.type === AST_NODE_TYPES.CallExpression && inner.optional ? '?.' : ''}(…)`;
    if (head.length <= max) return head;
  }
  return shortText(text, max);
}
