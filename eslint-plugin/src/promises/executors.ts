import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { isGlobalName } from '../modules/moduleBindings';

/**
 * The `new Promise(executor)` whose executor is `fn`, or null: the global `Promise` (not one the file declares), or
 * the promise class a library keeps on an object for its users to replace (`new Fetch.Promise(…)`, `new this.Promise(…)`).
 */
export function getExecutorPromise(sourceCode: SourceCode, fn: FunctionNode): TSESTree.NewExpression | null {
  const position = getOutermostWrapper(fn);
  const promise = position.parent;
  if (promise?.type !== AST_NODE_TYPES.NewExpression || promise.arguments[0] !== position) return null;
  return isGlobalName(sourceCode, promise.callee, 'Promise') || isKeptPromiseClass(promise.callee) ? promise : null;
}

/** `Fetch.Promise`, `this.Promise`: a `Promise` property of a name or of `this`. */
function isKeptPromiseClass(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'Promise') return false;
  return callee.object.type === AST_NODE_TYPES.Identifier || callee.object.type === AST_NODE_TYPES.ThisExpression;
}
