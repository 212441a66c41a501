import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, isWithin, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { getExecutorPromise } from '../promises/executors';
import { findRace, hasLongDelay, LOG_METHOD, settleVariables, timerCallback } from './settleTimers';
import { isGlobalCall, isHandleDropped } from './timerCalls';

/**
 * A racer that starts its work late: `new Promise((resolve) => { setTimeout(() => { attempt().then(resolve); }, ms); })`
 * raced with `Promise.race` against other work, the timer's handle thrown away. When another racer wins before the
 * delay is over, nothing can clear the timer: it keeps the process alive until it fires, and then starts the work
 * (a second navigation, a second request) that nobody waits for any more (@applitools/eyes-storybook 3.64.5 keeps the
 * handle of its second navigation attempt and clears it once the first attempt wins).
 *
 * The timer is a statement of the promise's executor (its handle kept nowhere), its delay is not a literal under a
 * second, and its callback both resolves the promise and calls something else: the work it starts. A sleep
 * (`setTimeout(resolve, ms)`) starts nothing; a timeout that rejects is `settleTimers.ts`'s.
 */
export interface DeferredRacer {
  /** The `setTimeout(…)` call. */
  readonly timer: TSESTree.CallExpression;
  /** The call the timer starts (`attemptNavigate(…)`). */
  readonly work: TSESTree.CallExpression;
  /** The `Promise.race(…)` the promise is raced in. */
  readonly race: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayRaceDeferredStarts(text: string): boolean {
  return text.includes('.race(') && text.includes('setTimeout(');
}

export function findDeferredRacer(sourceCode: SourceCode, call: TSESTree.CallExpression): DeferredRacer | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout') || !isHandleDropped(sourceCode, call)) return null;
  if (!hasLongDelay(call)) return null;
  const executor = getEnclosingFunction(call);
  const promise = executor ? getExecutorPromise(sourceCode, executor) : null;
  const callback = timerCallback(sourceCode, call);
  if (!executor || !promise || !callback || getEnclosingFunction(callback) !== executor) return null;
  const [resolve] = settleVariables(sourceCode, executor);
  if (!resolve?.references.some((reference) => isWithin(reference.identifier, callback))) return null;
  const work = findStartedWork(callback, new Set(resolve.references.map((reference) => reference.identifier)));
  const race = work ? findRace(sourceCode, promise) : null;
  return work && race ? { timer: call, work, race } : null;
}

/**
 * The first call of the callback that starts work: not `resolve` itself, not a promise's `then`/`catch`/`finally`
 * link (its receiver is the work), not a log.
 */
function findStartedWork(callback: FunctionNode, settles: ReadonlySet<TSESTree.Node>): TSESTree.CallExpression | null {
  let found: TSESTree.CallExpression | null = null;
  walk(callback.body, (node) => {
    if (found) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (settles.has(callee)) return true;
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (method === 'then' || method === 'catch' || method === 'finally' || (method !== null && LOG_METHOD.test(method))) return true;
    if (isFunctionNode(callee)) return true;
    found = node;
    return false;
  });
  return found;
}

