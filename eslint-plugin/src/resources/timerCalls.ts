import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { isGlobalName } from '../modules/moduleBindings';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `setTimeout(…)`, `globalThis.setTimeout(…)` (also `global.`, `window.`): the global `name`, not a method of some scheduler. */
export function isGlobalCall(sourceCode: SourceCode, call: TSESTree.CallExpression, name: string): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === name && isGlobalName(sourceCode, callee, name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== name) return false;
  const owner = skipExpressionWrappers(callee.object);
  return owner.type === AST_NODE_TYPES.Identifier && ['globalThis', 'global', 'window'].includes(owner.name) && isGlobalName(sourceCode, owner, owner.name);
}

/** `clearTimeout(x)` or `clearInterval(x)` (each clears either kind of timer). */
export function isTimerClear(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  return isGlobalCall(sourceCode, call, 'clearTimeout') || isGlobalCall(sourceCode, call, 'clearInterval');
}

/** `node.unref()`: the timer `node` holds no longer keeps the process alive. */
export function isUnrefOf(node: TSESTree.Node): boolean {
  const position = getOutermostWrapper(node);
  const parent = position.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'unref';
}
