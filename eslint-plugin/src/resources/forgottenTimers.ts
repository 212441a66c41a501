import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getTrailingName, isNullishValue, skipExpressionWrappers, skipIndirectCallee, walk } from '../core/ast';
import { isTeardownMethodName } from './stopMethods';
import { type InstanceCode, enclosingInstanceMethod, isThisReceiver, methodName, methodsRunBy } from './teardownPaths';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A teardown method that forgets a pending timer or animation frame instead of cancelling it: `this.pendingFrame =
 * null` where the field holds the handle of `requestAnimationFrame(…)` (or `setTimeout`, `setInterval`,
 * `setImmediate`, `requestIdleCallback`) armed by another method, and neither the teardown nor the methods it runs on
 * `this` cancel it. The handle is gone, so nothing can cancel it any more, and its callback still runs after the
 * teardown, on an instance that has let go of what the callback uses (@fluent/dom 0.9.0's `disconnectRoot()` dropped
 * `this.pendingrAF`; the frame then translated elements of a disconnected root; 0.10.0 cancels it first).
 * Only in a method named as a teardown (`disconnect…`, `stop`, `close`, `destroy`, `dispose`, `detach…`, `unmount`,
 * `reset`…): elsewhere a field set to null may be the timer's own callback saying it has fired.
 */
export interface ForgottenTimer {
  /** The `this.field = null` assignment. */
  readonly assignment: TSESTree.AssignmentExpression;
  readonly field: string;
  /** The teardown method's name. */
  readonly method: string;
  /** The call that arms it (`requestAnimationFrame`) and the call that cancels it (`cancelAnimationFrame`). */
  readonly arm: string;
  readonly cancel: string;
}

/** The calls that arm a timer or a frame, and the call that cancels each. */
const CANCEL_OF_ARM: ReadonlyMap<string, string> = new Map([
  ['setTimeout', 'clearTimeout'],
  ['setInterval', 'clearInterval'],
  ['setImmediate', 'clearImmediate'],
  ['requestAnimationFrame', 'cancelAnimationFrame'],
  ['requestIdleCallback', 'cancelIdleCallback'],
]);

const CANCEL_CALLS: ReadonlySet<string> = new Set(CANCEL_OF_ARM.values());

/** The cheap test of a file's text. */
export function mayForgetTimers(text: string): boolean {
  return /\b(?:setTimeout|setInterval|setImmediate|requestAnimationFrame|requestIdleCallback)\(/.test(text) && /this\.[\w$]+\s*=\s*(?:null|undefined|void 0)\b/.test(text);
}

export function findForgottenTimer(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): ForgottenTimer | null {
  const left = assignment.left;
  if (assignment.operator !== '=' || left.type !== AST_NODE_TYPES.MemberExpression || !isNullishValue(assignment.right) || !isThisReceiver(sourceCode, left.object)) return null;
  const field = getStaticPropertyName(left);
  if (field === null) return null;
  const found = enclosingInstanceMethod(sourceCode, assignment);
  if (!found || getEnclosingFunction(assignment) !== found.method) return null;
  const { method, instance } = found;
  const name = methodName(instance, method);
  if (name === null || !isTeardownMethodName(name)) return null;
  const arms = timerArmsOf(sourceCode, instance, field);
  if (arms.length === 0 || arms.some((arm) => arm.method === method)) return null;
  if ([...methodsRunBy(sourceCode, [method], instance)].some((run) => cancelsField(sourceCode, run, field))) return null;
  const arm = arms[0]!.call;
  return { assignment, field, method: name, arm, cancel: CANCEL_OF_ARM.get(arm) ?? 'clearTimeout' };
}

/** The methods of the instance that set `this.field` to a timer or frame they arm, with the call's name. */
function timerArmsOf(sourceCode: SourceCode, instance: InstanceCode, field: string): { method: FunctionNode; call: string }[] {
  const arms: { method: FunctionNode; call: string }[] = [];
  for (const fn of instance.functions) {
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.ClassBody) return false;
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return true;
      if (getStaticPropertyName(node.left) !== field || !isThisReceiver(sourceCode, node.left.object)) return true;
      const value = skipExpressionWrappers(node.right);
      const call = value.type === AST_NODE_TYPES.CallExpression ? getTrailingName(value.callee) : null;
      if (call !== null && CANCEL_OF_ARM.has(call)) arms.push({ method: fn, call });
      return true;
    });
  }
  return arms;
}

/** `clearTimeout(this.field)`, `window.cancelAnimationFrame(this.field)` (any cancel call of a timer or frame) in `fn`. */
function cancelsField(sourceCode: SourceCode, fn: FunctionNode, field: string): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(node) !== field || !isThisReceiver(sourceCode, node.object)) return true;
    const position = getOutermostWrapper(node);
    const call = position.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(position as TSESTree.CallExpressionArgument)) {
      // `(0, timers_1.clearInterval)(this.interval)`: compiled code's call of an imported function
      const callee = getTrailingName(skipIndirectCallee(call.callee));
      if (callee !== null && CANCEL_CALLS.has(callee)) found = true;
    }
    return !found;
  });
  return found;
}
