import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getEnclosingFunction, getTrailingName, isFunctionNode, skipBind, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import { findVariableOf } from '../core/scope';
import { getExecutorPromise } from '../promises/executors';
import { findEnclosingStoppableFactory, isInStop } from './stoppableFactories';
import { enclosingMethod } from './teardownPaths';
import { isGlobalCall, isHandleDropped } from './timerCalls';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A timer whose handle is thrown away in a closure of a stoppable factory (`stoppableFactories.ts`), so the object's
 * stop method cannot clear it:
 * - a timeout that runs the factory's own work (`setTimeout(() => poll(cb), sleepFor)`): a stop before it fires leaves
 *   it keeping the process alive until then, and then it runs that work on a stopped object, often arming the next one
 *   (launchdarkly-node-server-sdk 6.4.1 kept its polling timer and cleared it in `stop()`; @splitsoftware/splitio
 *   10.3.0 its first-push timeout);
 * - an interval, which nothing can ever clear.
 * Not a timeout inside a promise's executor (a sleep or a promise's own timeout: `settleTimers.ts`), one with a delay
 * under five seconds as written (a deferral or a quick retry), one whose callback only runs a teardown or a helper
 * local to one method, nor a timer armed by the stop method itself. The same timeouts in classes are not reported:
 * on real code they were mostly retries that run harmlessly after a stop (a class's dropped interval is
 * `keptTimers.ts`'s).
 */
export interface TimerDroppedByStop {
  readonly call: TSESTree.CallExpression;
  readonly repeating: boolean;
  /** The stop method that cannot clear it. */
  readonly stop: string;
  /** What the timer runs of the object (`poll`, `reconnect`); null for an interval. */
  readonly work: string | null;
  /** The factory's name. */
  readonly factory: string;
}

/** Literal delays below this many milliseconds end soon after a stop: a deferral or a quick retry, not a wait worth a report. */
const SHORT_DELAY_MS = 5000;

/** The cheap test of a file's text. */
export function mayDropTimersOfStoppable(text: string): boolean {
  return /\bset(?:Timeout|Interval)\(/.test(text) && /\b(?:stop|close|dispose|destroy|shutdown|teardown)\b/.test(text);
}

export function findTimerDroppedByStop(sourceCode: SourceCode, call: TSESTree.CallExpression): TimerDroppedByStop | null {
  const repeating = isGlobalCall(sourceCode, call, 'setInterval');
  if (!repeating && !isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  if (!isHandleDropped(sourceCode, call)) return null;
  const fn = getEnclosingFunction(call);
  if (!fn || getExecutorPromise(sourceCode, fn)) return null;
  if (!repeating && isShortDelay(call)) return null;
  // a class's timers are `keptTimers.ts`'s (its dropped intervals); its dropped timeouts are not reported
  if (enclosingMethod(call)) return null;
  const factory = findEnclosingStoppableFactory(call);
  if (!factory || isInStop(factory, call)) return null;
  if (repeating) return { call, repeating, stop: factory.stop, work: null, factory: factory.name };
  const work = runWork(call, (callee) => {
    if (callee.type !== AST_NODE_TYPES.Identifier) return null;
    const definition = findVariableOf(sourceCode, callee)?.defs[0];
    const declared = definition?.type === 'FunctionName' ? definition.node : definition?.type === 'Variable' ? definition.node.init : null;
    // a function of the factory itself (`poll`), not a helper local to one of its methods
    return declared && isFunctionNode(skipExpressionWrappers(declared)) && getEnclosingFunction(declared) === factory.factory ? callee.name : null;
  });
  return work === null || isTeardownWork(work) ? null : { call, repeating, stop: factory.stop, work, factory: factory.name };
}

/**
 * A delay under {@link SHORT_DELAY_MS} as written: none, a literal, or a sum or product of literals and random numbers
 * (`_.random(500) + 500`, `Math.random() * 1000`), every literal in it under the bound.
 */
function isShortDelay(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1];
  if (!delay) return true;
  const value = skipExpressionWrappers(delay);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'number' && value.value < SHORT_DELAY_MS;
  if (value.type !== AST_NODE_TYPES.BinaryExpression || (value.operator !== '+' && value.operator !== '*')) return false;
  let literals = 0;
  const stack: TSESTree.Node[] = [value];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const part = skipExpressionWrappers(node);
    if (part.type === AST_NODE_TYPES.Literal) {
      if (typeof part.value !== 'number' || part.value >= SHORT_DELAY_MS) return false;
      literals++;
    } else if (part.type === AST_NODE_TYPES.BinaryExpression && (part.operator === '+' || part.operator === '*')) {
      stack.push(part.left, part.right);
    } else if (part.type === AST_NODE_TYPES.CallExpression && getTrailingName(skipExpressionWrappers(part.callee)) === 'random') {
      // the arguments of `random(…)` are its bounds
      for (const argument of part.arguments) stack.push(argument);
    } else {
      return false;
    }
  }
  return literals > 0;
}

/** A name that says the work ends something (`_killInstance`, `closePopup`): running it after a stop undoes nothing. */
function isTeardownWork(name: string): boolean {
  return splitIdentifierWords(name).some((word) => TEARDOWN_WORDS.has(word));
}

const TEARDOWN_WORDS: ReadonlySet<string> = new Set(['kill', 'close', 'destroy', 'stop', 'end', 'terminate', 'dispose', 'release', 'cleanup', 'clean', 'remove', 'clear', 'disconnect', 'shutdown', 'teardown', 'unsubscribe', 'abort', 'cancel', 'hide', 'exit', 'quit']);

/**
 * The name of the object's work the timer runs: its callback itself (`startPublisher`), or a
 * call its callback makes in its own body (`() => { poll(cb); }`), as `isWork` names it; null for anything else.
 */
function runWork(call: TSESTree.CallExpression, isWork: (callee: TSESTree.Node) => string | null): string | null {
  const raw = call.arguments[0];
  if (!raw || raw.type === AST_NODE_TYPES.SpreadElement) return null;
  const callback = skipBind(skipExpressionWrappers(raw));
  if (!isFunctionNode(callback)) return isWork(callback);
  let work: string | null = null;
  someNodeWithin(
    callback.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      work = isWork(skipExpressionWrappers(node.callee));
      return work !== null;
    },
    (node) => !isFunctionNode(node),
  );
  return work;
}
