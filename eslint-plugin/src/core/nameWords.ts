import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './nodeTypes';
import { getStaticPropertyName, skipExpressionWrappers } from './ast';

/**
 * The lower-case words of an identifier: `getOrCreateUser` → `["get", "or", "create", "user"]`,
 * `PQueue` → `["p", "queue"]`, `MAX_BATCH_SIZE` → `["max", "batch", "size"]`, `$` → `["$"]`.
 */
export function splitIdentifierWords(name: string): string[] {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-#]+/g, ' ');
  const words = spaced.split(/\s+/).filter((word) => word.length > 0).map((word) => word.toLowerCase());
  return words.length > 0 ? words : [name];
}

/**
 * The name an expression is known by in the code: `x` for an identifier, the property for `a.b.x`,
 * the callee's name for a call (`getItems()` → `getItems`). Null when there is none.
 */
export function getExpressionName(raw: TSESTree.Node): string | null {
  let node = skipExpressionWrappers(raw);
  // `f()()()…`: the innermost callee names it (a loop: such chains can be longer than the stack is deep)
  while (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) node = skipExpressionWrappers(node.callee);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(node);
  return null;
}

/** The words of `getExpressionName(node)`, or an empty list. */
export function getExpressionWords(node: TSESTree.Node): string[] {
  const name = getExpressionName(node);
  return name === null ? [] : splitIdentifierWords(name);
}
