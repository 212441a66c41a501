import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { enclosingMethod, findInstanceStopMethods, findTeardowns, methodsByName, methodsRunBy } from './teardownPaths';
import { isGlobalCall, isHandleDropped, isTimerClear, isUnrefOf } from './timerCalls';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A timer kept in a field by a class that can be stopped, which its stop method never clears: after `close()` it
 * keeps the process alive until it fires (an interval, for good) and runs its callback on a stopped instance
 * (socket.io 3.0.4's client armed a connect timeout in `setup()` and cleared it only once a namespace connected,
 * never in `close()`/`destroy()`; 3.0.5 clears it in `destroy()`).
 */
export interface KeptTimer {
  /** The `setTimeout(…)`/`setInterval(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The field (`connectTimeout` in `this.connectTimeout`); null for an interval whose handle is thrown away. */
  readonly field: string | null;
  /** The class's stop method that should clear it. */
  readonly stop: string;
  readonly repeating: boolean;
}

/** The cheap test of a file's text. */
export function mayKeepTimers(text: string): boolean {
  return text.includes('this.') && /\bset(?:Timeout|Interval)\(/.test(text);
}

/**
 * `this.field = setTimeout(…)` (or `setInterval`) in a method of a class (not a stop method itself) with a stop
 * method none of whose paths clears it: neither the stop method, a framework's teardown hook, nor the methods they
 * run on `this` (`teardownPaths.ts`) call `clearTimeout(this.field)`/`clearInterval(this.field)`. Only when the code shows the timer must be cleared: a
 * timeout is cleared somewhere in the class (a timeout nobody ever clears is left to fire), an interval always
 * counts. Not when the timer is `unref()`ed, when a clear sits in a callback (a listener of the class may run it at
 * close: not followed), or when an interval's class extends another (its parent may clear it).
 */
export function findKeptTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): KeptTimer | null {
  const repeating = isGlobalCall(sourceCode, call, 'setInterval');
  if (!repeating && !isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  if (repeating && isHandleDropped(sourceCode, call)) return findDroppedInterval(call);
  const field = heldInField(call);
  if (!field || isUnrefOf(call)) return null;
  const method = enclosingMethod(call);
  if (!method) return null;
  const classBody = method.parent;
  const stops = findInstanceStopMethods(classBody);
  if (stops.length === 0 || stops.includes(method)) return null;
  const uses = fieldUses(sourceCode, classBody, field);
  if (uses.unrefed || uses.clearedInCallback) return null;
  if (uses.clearingMethods.size === 0 && (!repeating || classBody.parent.superClass)) return null;
  const methods = methodsByName(classBody);
  if ([...methodsRunBy(findTeardowns(stops, methods), methods)].some((run) => uses.clearingMethods.has(run))) return null;
  return { call, field, stop: getStaticPropertyName(stops[0]!) ?? 'close', repeating };
}

/**
 * `setInterval(…)` with its handle thrown away, in a method of a class with a stop method (not the stop method
 * itself): nothing can ever clear it, so after `close()` it keeps the process alive for good and runs its callback
 * on a stopped instance (egg 2.29.3's agent kept itself alive with a day-long empty interval in its constructor,
 * which `close()` could not clear; 2.29.4 keeps the handle and clears it there). A parent class cannot clear it
 * either. A timeout, which ends by itself, is left alone; so is an interval in a static method or a plain function.
 */
function findDroppedInterval(call: TSESTree.CallExpression): KeptTimer | null {
  const method = enclosingMethod(call);
  if (!method) return null;
  const stops = findInstanceStopMethods(method.parent);
  if (stops.length === 0 || stops.includes(method)) return null;
  return { call, field: null, stop: getStaticPropertyName(stops[0]!) ?? 'close', repeating: true };
}

/** `this.field = setTimeout(…)`: the field's name. */
function heldInField(call: TSESTree.CallExpression): string | null {
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== position || parent.operator !== '=') return null;
  const target = skipExpressionWrappers(parent.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(target.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  return getStaticPropertyName(target);
}

interface FieldUses {
  /** Methods of the class whose own code (not a callback in it) clears the timer. */
  readonly clearingMethods: Set<TSESTree.MethodDefinition>;
  readonly clearedInCallback: boolean;
  readonly unrefed: boolean;
}

/** How the class's code treats `this.field`: where it clears it, and whether it unrefs it. */
function fieldUses(sourceCode: SourceCode, classBody: TSESTree.ClassBody, field: string): FieldUses {
  const clearingMethods = new Set<TSESTree.MethodDefinition>();
  let clearedInCallback = false;
  let unrefed = false;
  walk(classBody, (node) => {
    if (node !== classBody && node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type !== AST_NODE_TYPES.MemberExpression || !isThisField(node, field)) return true;
    if (isUnrefOf(node)) unrefed = true;
    const position = getOutermostWrapper(node);
    const call = position.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === position && isTimerClear(sourceCode, call)) {
      const fn = getEnclosingFunction(call);
      const method = fn?.parent?.type === AST_NODE_TYPES.MethodDefinition ? fn.parent : null;
      if (method) clearingMethods.add(method);
      else clearedInCallback = true;
    }
    return true;
  });
  return { clearingMethods, clearedInCallback, unrefed };
}

function isThisField(node: TSESTree.MemberExpression, field: string): boolean {
  return skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression && getStaticPropertyName(node) === field;
}
