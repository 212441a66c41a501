import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someOwnReturn, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { type InstanceCode, enclosingInstanceMethod, isThisReceiver, methodName } from './teardownPaths';
import { fieldUses } from './keptTimers';
import { isGlobalCall } from './timerCalls';

/**
 * A method that arms an interval into a field without clearing the one the field holds, run again while that one
 * still runs: `startLogSending() { this.interval = setInterval(send, ms); }`, called by the constructor and again by
 * `updateConfig()`. The second call puts a new handle in the field; the first interval can no longer be cleared by
 * anything, and both run for good, each doing the work (sumo-logger 2.0.1 sent its logs twice after a config change
 * and `stopLogSending()` stopped only one; 2.5.0 clears the old interval first).
 *
 * Only when a method of the class clears that field in its own code (`keptTimers.ts`' reading: so the class means the
 * interval to stop), the arming method reads
 * nothing of the field before it arms (no check, no clear) and does not return before it (a guard such as `if
 * (this.connecting) return;` may keep a second run from arming), and it is run from two of the instance's functions, one of
 * which (not the constructor) runs it without clearing the field first, itself or through a method of the instance.
 */
export interface RearmedInterval {
  readonly call: TSESTree.CallExpression;
  readonly field: string;
  /** The arming method, and the other method that runs it again. */
  readonly method: string;
  readonly rerun: string;
  readonly rerunAt: TSESTree.Node;
}

/** The cheap test of a file's text: an interval put in a field, and an interval cleared. */
export function mayRearmIntervals(text: string): boolean {
  return /\.\s*[\w$]+\s*=\s*setInterval\(/.test(text) && /clearInterval\(/.test(text);
}

export function findRearmedInterval(sourceCode: SourceCode, call: TSESTree.CallExpression): RearmedInterval | null {
  if (!isGlobalCall(sourceCode, call, 'setInterval')) return null;
  const assignment = getOutermostWrapper(call).parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=') return null;
  const target = skipExpressionWrappers(assignment.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, target.object)) return null;
  const field = getStaticPropertyName(target);
  if (field === null) return null;
  const found = enclosingInstanceMethod(sourceCode, call);
  if (!found) return null;
  const { method, instance } = found;
  const name = methodName(instance, method);
  if (name === null || readsFieldBefore(sourceCode, method, field, assignment) || returnsBefore(method, assignment)) return null;
  const clearing = fieldUses(sourceCode, instance, field).clearingMethods;
  if (clearing.size === 0 || clearing.has(method)) return null;
  const callers = callsOf(sourceCode, instance, name);
  if (new Set(callers.map((caller) => caller.fn)).size < 2) return null;
  const clearingNames = new Set([...clearing].map((fn) => methodName(instance, fn)).filter((known): known is string => known !== null));
  const rerun = callers.find((caller) => {
    const callerName = methodName(instance, caller.fn);
    return callerName !== null && caller.fn !== method && !clearsBefore(sourceCode, caller.fn, field, clearingNames, caller.call);
  });
  if (!rerun) return null;
  return { call, field, method: name, rerun: methodName(instance, rerun.fn) ?? 'another method', rerunAt: rerun.call };
}

/** `method` reads `this.field` (a check or a clear) before the assignment that arms it. */
function readsFieldBefore(sourceCode: SourceCode, method: FunctionNode, field: string, assignment: TSESTree.Node): boolean {
  let read = false;
  walk(method.body, (node) => {
    if (read || node.range[0] >= assignment.range[0]) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && isThisReceiver(sourceCode, node.object) && getStaticPropertyName(node) === field) {
      read = true;
      return false;
    }
    return true;
  });
  return read;
}

/** `if (this.connecting) return;` before the arming: a guard that may keep a second run from arming again. */
function returnsBefore(method: FunctionNode, assignment: TSESTree.Node): boolean {
  return someOwnReturn(method.body, (statement) => statement.range[0] < assignment.range[0]);
}

interface MethodCall {
  readonly fn: FunctionNode;
  readonly call: TSESTree.CallExpression;
}

/** The calls `this.name(…)` in the instance's functions (the constructor included), with the function each is in. */
function callsOf(sourceCode: SourceCode, instance: InstanceCode, name: string): MethodCall[] {
  const calls: MethodCall[] = [];
  for (const fn of instance.functions) {
    walk(fn.body, (node) => {
      if (isFunctionNode(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) return false;
      if (node.type === AST_NODE_TYPES.CallExpression && isThisMethod(sourceCode, node.callee, name)) calls.push({ fn, call: node });
      return true;
    });
  }
  return calls;
}

function isThisMethod(sourceCode: SourceCode, raw: TSESTree.Node, name: string): boolean {
  const callee = skipExpressionWrappers(raw);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === name && isThisReceiver(sourceCode, callee.object);
}

/** `fn` clears `this.field` before `call`: itself, or by running a method of the instance that clears it. */
function clearsBefore(sourceCode: SourceCode, fn: FunctionNode, field: string, clearingNames: ReadonlySet<string>, call: TSESTree.Node): boolean {
  let cleared = false;
  walk(fn.body, (node) => {
    if (cleared || node.range[0] >= call.range[0]) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && isThisReceiver(sourceCode, node.object)) {
      const name = getStaticPropertyName(node);
      if (name === field || (name !== null && clearingNames.has(name))) cleared = true;
    }
    return !cleared;
  });
  return cleared;
}
