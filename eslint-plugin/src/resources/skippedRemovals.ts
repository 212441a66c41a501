import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { getExecutorPromise } from '../promises/executors';
import { someMethodCallWithin } from './keptListeners';
import { LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { findRisk, isInCatchClause } from './regionExits';
import { type ReleaseSpec, uncataloguedSpec } from './releaseSpec';
import { getEnclosingFinallyTry } from './resourceAnalysis';

/**
 * A listener an async function adds and takes off again further down, with an `await` (or a `return`, a `throw`)
 * between them that can leave the function first: the removal is the code's own word that the listener must not
 * outlive the call, and a rejection skips it, leaving the listener on the target for good, one more for each failed
 * call, each holding what it closes over (expo-web-browser 9.2's Android polyfill added an `AppState` listener,
 * awaited the browser's opening and took the listener off after it: a failed opening left it, and the module's
 * "a browser is open" state, set for good). A listener added in the executor of a promise the function makes counts
 * as added by the function (the executor runs at once). Awaits of a sleep or of what cannot reject do not leave.
 */
export interface ListenerRemovalSkipped {
  /** The add. */
  readonly call: TSESTree.CallExpression;
  /** The removal the exit skips. */
  readonly removal: TSESTree.CallExpression;
  /** What leaves the function between them. */
  readonly exit: TSESTree.Node;
  readonly event: string;
}

/** The cheap test of a file's text: an await, and a removal of listeners. */
export function mayRemoveListenersAfterAwait(text: string): boolean {
  return text.includes('await') && /\.(?:removeEventListener|off|removeListener)\(/.test(text);
}

/** Only what leaves the function counts (an `await`, `return`, `throw`), not calls that might throw. */
const REMOVAL_SPEC: ReleaseSpec = uncataloguedSpec({ syncCallsCanThrow: false, awaitsMayNotReject: true });

export function findListenerRemovalSkipped(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerRemovalSkipped | null {
  const callee = getCalleeMember(call);
  const method = callee ? getStaticPropertyName(callee) : null;
  const event = getStaticString(call.arguments[0]);
  const handler = call.arguments[1];
  if (!callee || method === null || !LISTENER_ADD_METHODS.has(method) || event === null || !handler || !isNamedListener(handler)) return null;
  // an abort signal's listener goes with its controller, mostly made for the one call (a caller's long-lived signal
  // is `keptListeners.ts`'s)
  if (event === 'abort') return null;
  const fn = addingFunction(sourceCode, call);
  if (!fn?.async) return null;
  const target = sourceCode.getText(callee.object);
  const listener = sourceCode.getText(handler);
  const removals: TSESTree.CallExpression[] = [];
  for (const removal of listenerRemovals(sourceCode)) {
    const removed = removal.arguments[1];
    const receiver = getCalleeMember(removal)?.object;
    if (getStaticString(removal.arguments[0]) !== event || !removed || !receiver || sourceCode.getText(removed) !== listener || sourceCode.getText(receiver) !== target) continue;
    // taken off elsewhere too (the listener itself, a stop function, a `finally`, a `catch`): another path takes it off
    if (getEnclosingFunction(removal) !== fn || removal.range[0] < call.range[1] || getEnclosingFinallyTry(removal, fn) || isInCatchClause(removal, fn)) return null;
    removals.push(removal);
  }
  const removal = removals[0];
  if (!removal) return null;
  // the target's own setup calls between the two (`target.on('error', …)`) are not exits
  const object = skipExpressionWrappers(callee.object);
  const id = object.type === AST_NODE_TYPES.Identifier ? object : callee.property.type === AST_NODE_TYPES.Identifier ? callee.property : null;
  if (!id) return null;
  const exit = findRisk(sourceCode, fn, call.range[1], removal.range[0], REMOVAL_SPEC, id, removals);
  return exit ? { call, removal, exit, event } : null;
}

const removalsCache = createFileCache<'removals', readonly TSESTree.CallExpression[]>();

/** The file's calls that take a listener off (`off`, `removeListener`, `removeEventListener`…), in source order: one walk per file. */
function listenerRemovals(sourceCode: SourceCode): readonly TSESTree.CallExpression[] {
  const cache = removalsCache(sourceCode);
  let removals = cache.get('removals');
  if (!removals) {
    const found: TSESTree.CallExpression[] = [];
    someMethodCallWithin(sourceCode.ast, (removal, method) => {
      if (LISTENER_REMOVE_METHODS.has(method)) found.push(removal);
      return false;
    });
    removals = found;
    cache.set('removals', removals);
  }
  return removals;
}

/** A listener a removal can name again: a function's name or a member (`onChange`, `this.onChange`), not one written inline. */
function isNamedListener(raw: TSESTree.CallExpressionArgument): boolean {
  const handler = skipExpressionWrappers(raw);
  return handler.type === AST_NODE_TYPES.Identifier || (handler.type === AST_NODE_TYPES.MemberExpression && !handler.computed);
}

/** The function that adds: the one the call is in, or the one that makes the promise whose executor it is in. */
function addingFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  const fn = getEnclosingFunction(call);
  const promise = fn ? getExecutorPromise(sourceCode, fn) : null;
  return promise ? getEnclosingFunction(promise) : fn;
}
