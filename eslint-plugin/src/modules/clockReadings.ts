import type { TSESTree } from '@typescript-eslint/utils';

import { skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';
import { GLOBAL_MODULE, resolveModuleReference } from './moduleBindings';

/**
 * A call that reads a clock: `Date.now()`, `performance.now()` (global or from `node:perf_hooks`),
 * `process.hrtime()`/`process.hrtime.bigint()`. They do not throw on plain values.
 */
export function isClockCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const reference = resolveModuleReference(sourceCode, skipExpressionWrappers(call.callee));
  if (!reference) return false;
  const [object, method, ...rest] = reference.path;
  if (object === undefined || method === undefined) return false;
  if (reference.module === 'perf_hooks') return rest.length === 0 && object === 'performance' && method === 'now';
  if (reference.module !== GLOBAL_MODULE) return false;
  if (object === 'process' && method === 'hrtime') return rest.length === 0 || (rest.length === 1 && rest[0] === 'bigint');
  return rest.length === 0 && ((object === 'Date' && method === 'now') || (object === 'performance' && method === 'now'));
}

/**
 * The current time as an expression reads it: a clock call, `new Date()` without arguments, `+new Date()`,
 * `new Date().getTime()`, or a `const` of the same function initialised with one (`const now = Date.now()`).
 */
export function isTimeReading(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  let followedConst = false;
  // each step unwraps one layer (`+x`, `x.getTime()`, a `const` once): a short loop, no recursion
  for (let step = 0; step < MAX_TIME_WRAPPERS; step++) {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const init = followedConst ? null : getConstInit(sourceCode, node);
      if (!init) return false;
      followedConst = true;
      node = skipExpressionWrappers(init);
    } else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '+') {
      node = skipExpressionWrappers(node.argument);
    } else if (node.type === AST_NODE_TYPES.NewExpression) {
      return node.arguments.length === 0 && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Date' && resolveModuleReference(sourceCode, node.callee)?.module === GLOBAL_MODULE;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      if (isClockCall(sourceCode, node)) return true;
      const callee = skipExpressionWrappers(node.callee);
      const isGetTime = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'getTime';
      if (!isGetTime) return false;
      node = skipExpressionWrappers(callee.object);
    } else {
      return false;
    }
  }
  return false;
}

const MAX_TIME_WRAPPERS = 8;
