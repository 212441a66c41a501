import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getTrailingName } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';

/**
 * `async` functions as TypeScript (and Babel's regenerator-free transform) compile them below ES2017: the body
 * becomes a generator handed to a helper, `__awaiter(this, void 0, void 0, function* () { … })` (emitted into
 * the file or imported from tslib, `tslib_1.__awaiter(…)`), which returns a promise; each `await` is a `yield`.
 * Many packages still ship such code.
 */

/** `__awaiter(this, …, function* () {…})` or `tslib_1.__awaiter(…)`: a call that returns the compiled function's promise. */
export function isAwaiterCall(call: TSESTree.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (last?.type !== AST_NODE_TYPES.FunctionExpression || !last.generator) return false;
  return getTrailingName(call.callee) === '__awaiter';
}

/** The generator a compiled `async` function's body became. */
export function isAwaiterBody(fn: TSESTree.Node): boolean {
  if (fn.type !== AST_NODE_TYPES.FunctionExpression || !fn.generator) return false;
  const call = fn.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[call.arguments.length - 1] === fn && isAwaiterCall(call);
}

/** `yield x` in such a generator: what `await x` compiles to. */
export function isCompiledAwait(node: TSESTree.Node): node is TSESTree.YieldExpression {
  if (node.type !== AST_NODE_TYPES.YieldExpression || node.delegate) return false;
  const fn = getEnclosingFunction(node);
  return fn !== null && isAwaiterBody(fn);
}
