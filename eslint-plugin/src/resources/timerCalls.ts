import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { contains, getHoldingIdentifier, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { findVariableOf } from '../core/scope';
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
    const argument = getOutermostWrapper(identifier);
    const clear = argument.parent;
    if (!contains(callback, identifier) || clear?.type !== AST_NODE_TYPES.CallExpression || clear.arguments[0] !== argument || !isTimerClear(sourceCode, clear)) return false;
  }
  return reads > 0;
}
