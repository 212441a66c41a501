import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipBind, skipExpressionWrappers, walk } from '../core/ast';
import { type InstanceCode, classInstance, enclosingInstanceMethod, enclosingMethod, findInstanceStopMethods, findTeardowns, isHandedOn, isHandedToStart, isThisReceiver, methodName, methodsRunBy } from './teardownPaths';
import { clearCallOf, isGlobalCall, isHandleDropped, isUnrefOf } from './timerCalls';

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
  const field = heldInField(sourceCode, call);
  if (!field || isUnrefOf(call)) return null;
  const found = enclosingInstanceMethod(sourceCode, call);
  if (!found) return null;
  const { method, instance } = found;
  const stops = findInstanceStopMethods(instance);
  if (stops.length === 0 || stops.includes(method)) return null;
  if (!repeating && startsWithGuard(sourceCode, call, instance)) return null;
  const uses = fieldUses(sourceCode, instance, field);
  if (uses.unrefed || uses.clearedInCallback) return null;
  if (uses.clearingMethods.size === 0 && (!repeating || instance.extendsOther)) return null;
  if ([...methodsRunBy(sourceCode, findTeardowns(stops, instance), instance)].some((run) => uses.clearingMethods.has(run))) return null;
  return { call, field, stop: methodName(instance, stops[0]!) ?? 'close', repeating };
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
  const instance = classInstance(method.parent);
  const stops = findInstanceStopMethods(instance);
  if (stops.length === 0 || stops.includes(method.value as TSESTree.FunctionExpression)) return null;
  return { call, field: null, stop: methodName(instance, stops[0]!) ?? 'close', repeating: true };
}

/** `this.field = setTimeout(…)` (or `self.field = …` for `var self = this`): the field's name. */
function heldInField(sourceCode: SourceCode, call: TSESTree.CallExpression): string | null {
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  if (parent?.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== position || parent.operator !== '=') return null;
  const target = skipExpressionWrappers(parent.left);
  if (target.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, target.object)) return null;
  return getStaticPropertyName(target);
}

export interface FieldUses {
  /** Methods of the instance whose own code (not a callback in it) clears the timer. */
  readonly clearingMethods: Set<FunctionNode>;
  readonly clearedInCallback: boolean;
  readonly unrefed: boolean;
}

/**
 * How the instance's code treats `this.field`: where it clears it, and whether it unrefs it. A method that clears it
 * without arming it again, handed on as a callback (`transport.once('close', this._transportClose.bind(this))`), counts
 * as a clear in a callback: it may run when the instance stops; not one handed on to run when the connection starts
 * (`net.connect(opts, this._onConnect.bind(this))`, `isHandedToStart`). One that clears and arms again restarts the timer.
 */
export function fieldUses(sourceCode: SourceCode, instance: InstanceCode, field: string): FieldUses {
  const clearingMethods = new Set<FunctionNode>();
  const armingMethods = new Set<FunctionNode>();
  const handedOn = new Set<string>();
  let clearedInCallback = false;
  let unrefed = false;
  for (const root of instance.roots) {
    walk(root, (node) => {
      if (node !== root && node.type === AST_NODE_TYPES.ClassBody) return false;
      if (node.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, node.object)) return true;
      const name = getStaticPropertyName(node);
      if (name === null) return true;
      if (name !== field) {
        if (isHandedOn(node) && !isHandedToStart(node)) handedOn.add(name);
        return true;
      }
      if (isArmed(sourceCode, node)) {
        const fn = getEnclosingFunction(node);
        if (fn) armingMethods.add(fn);
      }
      if (isUnrefOf(node)) unrefed = true;
      const call = clearCallOf(sourceCode, node);
      // a clear in the timer's own callback (`this.t = setInterval(() => { … clearInterval(this.t); })`) ends it on
      // its own condition: it is no teardown, and no stop runs it
      if (call && !isInOwnTimerCallback(sourceCode, call, field)) {
        const fn = getEnclosingFunction(call);
        if (fn && instance.functions.has(fn)) clearingMethods.add(fn);
        else clearedInCallback = true;
      }
      return true;
    });
  }
  for (const method of clearingMethods) {
    const name = methodName(instance, method);
    if (name !== null && handedOn.has(name) && !armingMethods.has(method)) clearedInCallback = true;
  }
  return { clearingMethods, clearedInCallback, unrefed };
}

/** `call` runs inside the callback of the timer that `this.<field> = setTimeout(…)` (or `setInterval`) arms. */
function isInOwnTimerCallback(sourceCode: SourceCode, call: TSESTree.CallExpression, field: string): boolean {
  for (let fn = getEnclosingFunction(call); fn; fn = getEnclosingFunction(fn)) {
    const timer = fn.parent;
    if (timer?.type !== AST_NODE_TYPES.CallExpression || timer.arguments[0] !== fn) continue;
    if (!isGlobalCall(sourceCode, timer, 'setTimeout') && !isGlobalCall(sourceCode, timer, 'setInterval')) continue;
    return heldInField(sourceCode, timer) === field;
  }
  return false;
}

/** `this.field = setTimeout(…)`: the field armed here. */
function isArmed(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const position = getOutermostWrapper(member);
  const assignment = position.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== position) return false;
  const value = skipExpressionWrappers(assignment.right);
  return value.type === AST_NODE_TYPES.CallExpression && (isGlobalCall(sourceCode, value, 'setTimeout') || isGlobalCall(sourceCode, value, 'setInterval'));
}

/**
 * A timeout whose callback checks a condition before it acts (`if ('closed' == self.readyState) return;`, a body that
 * is one `if`, `self.hoverState == 'in' && self.show()`): a stop usually changes what it checks, so firing after the
 * stop does nothing. The callback written inline or as a method of the instance (`this._onTimeout.bind(this)`).
 */
function startsWithGuard(sourceCode: SourceCode, call: TSESTree.CallExpression, instance: InstanceCode): boolean {
  const callback = call.arguments[0] ? skipBind(skipExpressionWrappers(call.arguments[0])) : null;
  let fn: FunctionNode | null = callback && isFunctionNode(callback) ? callback : null;
  if (!fn && callback?.type === AST_NODE_TYPES.MemberExpression && isThisReceiver(sourceCode, callback.object)) {
    const name = getStaticPropertyName(callback);
    fn = (name === null ? null : instance.methods.get(name)) ?? null;
  }
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  // leading log lines (`debug('timeout')`) come before the check
  const start = fn.body.body.findIndex((statement) => !isLogLine(statement));
  if (start < 0) return false;
  const body = fn.body.body.slice(start);
  const first = body[0]!;
  if (first.type === AST_NODE_TYPES.IfStatement) return body.length === 1 ? first.alternate === null : isExit(first.consequent) && first.alternate === null;
  return body.length === 1 && first.type === AST_NODE_TYPES.ExpressionStatement && first.expression.type === AST_NODE_TYPES.LogicalExpression && first.expression.operator === '&&';
}

/** `debug(…)`, `console.log(…)`, `this.logger.debug(…)`: a statement that only logs. */
function isLogLine(statement: TSESTree.Statement): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(statement.expression.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  const owner = callee.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(callee.object) : null;
  return (name !== null && LOG_NAME.test(name)) || (owner?.type === AST_NODE_TYPES.Identifier && LOG_NAME.test(owner.name));
}

const LOG_NAME = /^(?:debug|log|logger|trace|verbose|console|_debug)$/i;

function isExit(statement: TSESTree.Statement): boolean {
  const only = statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 ? statement.body[0]! : statement;
  return only.type === AST_NODE_TYPES.ReturnStatement;
}
