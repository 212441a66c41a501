import type { TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, getCalleeMember, getEnclosingFunction, getFunctionName, getOutermostWrapper, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getExecutorPromise } from '../promises/executors';
import { someMethodCallWithin } from './keptListeners';
import { LISTENER_REMOVE_METHODS } from './listenerMethods';
import { isGlobalTarget } from './teardownListeners';

/**
 * A wait for one event built on a lasting listener: `new Promise((resolve) => { window.addEventListener('message',
 * (event) => { if (event.data === 'ready') resolve(); }) })` in a function. The listener is written inline, so
 * nothing can take it off, and it does not take itself off when it settles the promise: every call of the function
 * leaves one more on the page's global object, each holding what it closes over (an iframe, a connection) and running
 * on every later event. @remote-ui/rpc 1.3.5 named its iframe-ready listener and removed it once the iframe was ready.
 *
 * Only on the global targets (`window`, `self`, `document`, `globalThis`), which outlive every caller; with
 * `addEventListener` and no third argument (`{ once: true }` or a `signal` take it off); in the executor of a promise
 * inside a function (a module's own top-level wait runs once); when the listener calls the executor's `resolve` and
 * removes no listener itself.
 */
export interface WaitListenerKept {
  readonly call: TSESTree.CallExpression;
  /** The target, as written (`window`). */
  readonly target: string;
  readonly event: string;
  /** The function whose calls each leave one (`fromIframe`), '' when it has no name. */
  readonly caller: string;
}

/** The cheap test of a file's text. */
export function mayKeepWaitListeners(text: string): boolean {
  return text.includes('.addEventListener(') && text.includes('new Promise');
}

export function findWaitListenerKept(sourceCode: SourceCode, call: TSESTree.CallExpression): WaitListenerKept | null {
  const member = getCalleeMember(call);
  if (!member || getStaticPropertyName(member) !== 'addEventListener' || call.arguments.length !== 2) return null;
  const event = getStaticString(call.arguments[0]);
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  if (event === null || !isFunctionNode(listener) || getOutermostWrapper(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  if (!isGlobalTarget(sourceCode, skipExpressionWrappers(member.object))) return null;
  const executor = getEnclosingFunction(call);
  if (!executor || !getExecutorPromise(sourceCode, executor)) return null;
  const caller = getEnclosingFunction(executor);
  if (!caller) return null;
  const resolve = executor.params[0];
  if (resolve?.type !== AST_NODE_TYPES.Identifier || !callsWithin(sourceCode, resolve, listener)) return null;
  if (someMethodCallWithin(listener, (_call, method) => LISTENER_REMOVE_METHODS.has(method))) return null;
  return { call, target: sourceCode.getText(member.object), event, caller: getFunctionName(caller) ?? '' };
}

/** `resolve(…)` is called inside `fn`. */
function callsWithin(sourceCode: SourceCode, settle: TSESTree.Identifier, fn: FunctionNode): boolean {
  return (findVariableOf(sourceCode, settle)?.references ?? []).some((reference) => {
    const parent = reference.identifier.parent;
    return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier && contains(fn, reference.identifier);
  });
}
