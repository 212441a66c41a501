import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { contains, getHoldingIdentifier, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, skipIndirectCallee } from '../core/ast';
import { findVariableOf } from '../core/scope';
import { isGlobalName, resolveModuleReference } from '../modules/moduleBindings';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `setTimeout(…)`, `globalThis.setTimeout(…)` (also `global.`, `window.`): the global `name`, not a method of some scheduler. */
export function isGlobalCall(sourceCode: SourceCode, call: TSESTree.CallExpression, name: string): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === name && isGlobalName(sourceCode, callee, name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== name) return false;
  const owner = skipExpressionWrappers(callee.object);
  return owner.type === AST_NODE_TYPES.Identifier && ['globalThis', 'global', 'window'].includes(owner.name) && isGlobalName(sourceCode, owner, owner.name);
}

/**
 * `clearTimeout(x)` or `clearInterval(x)` (each clears either kind of timer), the globals or those of Node's `timers`
 * module (`import { clearInterval } from 'timers'`, compiled `(0, timers_1.clearInterval)(x)`), which are the same.
 */
export function isTimerClear(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (isGlobalCall(sourceCode, call, 'clearTimeout') || isGlobalCall(sourceCode, call, 'clearInterval')) return true;
  const reference = resolveModuleReference(sourceCode, skipIndirectCallee(call.callee));
  return reference?.module === 'timers' && reference.path.length === 1 && (reference.path[0] === 'clearTimeout' || reference.path[0] === 'clearInterval');
}

/** `clearTimeout(timer)` (or `clearInterval`, which clears timeouts too) whose argument is `identifier`, or null. */
export function clearCallOf(sourceCode: SourceCode, identifier: TSESTree.Node): TSESTree.CallExpression | null {
  const position = getOutermostWrapper(identifier);
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== position) return null;
  return isTimerClear(sourceCode, call) ? call : null;
}

/** `node.unref()`: the timer `node` holds no longer keeps the process alive. */
export function isUnrefOf(node: TSESTree.Node): boolean {
  const position = getOutermostWrapper(node);
  const parent = position.parent;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'unref';
}

/**
 * Whether nothing can clear the timer `call` arms: its handle is thrown away (`setTimeout(…);`), or
 * held in a variable that only the timer's own callback clears (`const id = setTimeout(() => { clearTimeout(id);
 * reject(…) }, ms)`, compiled code's `var id; … id = setTimeout(…)`): a clear of a timer that is already firing.
 */
export function isHandleDropped(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return true;
  const holder = getHoldingIdentifier(position);
  const callback = call.arguments[0];
  if (!holder || !callback) return false;
  const variable = findVariableOf(sourceCode, holder);
  if (!variable) return false;
  let reads = 0;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (reference.isWrite()) {
      if (identifier !== holder) return false;
      continue;
    }
    reads++;
    if (!contains(callback, identifier) || !clearCallOf(sourceCode, identifier)) return false;
  }
  return reads > 0;
}

/** How deep a delay's expression is read, through `const` names (`const interval = 10 * MINUTE`). */
const DELAY_LIMITS = { maxDepth: 8 };

/** The timer's delay in milliseconds when the code fixes it: a literal, `*`/`+` of such, or a `const` holding one. */
export function getWrittenDelay(sourceCode: SourceCode, call: TSESTree.CallExpression): number | null {
  const delay = call.arguments[1];
  return delay ? constantNumber(sourceCode, delay, new BoundedWalk(DELAY_LIMITS)) : null;
}

function constantNumber(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): number | null {
  const node = skipExpressionWrappers(raw);
  return walk.enter(node, null, () => {
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'number' ? node.value : null;
    if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '*' || node.operator === '+')) {
      const left = constantNumber(sourceCode, node.left, walk);
      const right = left === null ? null : constantNumber(sourceCode, node.right, walk);
      if (left === null || right === null) return null;
      return node.operator === '*' ? left * right : left + right;
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const definition = findVariableOf(sourceCode, node)?.defs[0];
    if (definition?.type !== 'Variable' || definition.parent.kind !== 'const' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return null;
    return constantNumber(sourceCode, definition.node.init, walk);
  });
}
