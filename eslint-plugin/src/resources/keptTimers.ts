import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { LISTENER_REMOVE_METHODS } from './keptListeners';
import { findStopMethods } from './stopMethods';
import { isGlobalCall, isTimerClear, isUnrefOf } from './timerCalls';

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
  /** The field (`connectTimeout` in `this.connectTimeout`). */
  readonly field: string;
  /** The class's stop method that should clear it. */
  readonly stop: string;
  readonly repeating: boolean;
}

/**
 * Methods a framework runs when it tears the instance down (Angular's `ngOnDestroy`, React's `componentWillUnmount`, a
 * custom element's `disconnectedCallback`, a Node stream's `_destroy`): a clear there is as good as one in the stop method.
 */
const LIFECYCLE_TEARDOWNS: ReadonlySet<string> = new Set(['ngOnDestroy', 'componentWillUnmount', 'disconnectedCallback', '_destroy', '_final']);

/** How many methods deep (`this.m()` calls and `this.m` handed on) a stop path is followed to find a clear. */
const MAX_CALL_DEPTH = 4;

/** The cheap test of a file's text. */
export function mayKeepTimers(text: string): boolean {
  return text.includes('this.') && /\bset(?:Timeout|Interval)\(/.test(text);
}

/**
 * `this.field = setTimeout(…)` (or `setInterval`) in a method of a class (not a stop method itself) with a stop
 * method none of whose paths clears it: neither the stop method, a framework's teardown hook
 * ({@link LIFECYCLE_TEARDOWNS}), nor the methods they run on `this` (followed {@link MAX_CALL_DEPTH} deep) call
 * `clearTimeout(this.field)`/`clearInterval(this.field)`. Only when the code shows the timer must be cleared: a
 * timeout is cleared somewhere in the class (a timeout nobody ever clears is left to fire), an interval always
 * counts. Not when the timer is `unref()`ed, when a clear sits in a callback (a listener of the class may run it at
 * close: not followed), or when an interval's class extends another (its parent may clear it).
 */
export function findKeptTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): KeptTimer | null {
  const repeating = isGlobalCall(sourceCode, call, 'setInterval');
  if (!repeating && !isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  const field = heldInField(call);
  if (!field || isUnrefOf(call)) return null;
  const method = enclosingMethod(call);
  if (!method) return null;
  const classBody = method.parent;
  const stops = findStopMethods(classBody).filter(takesNoSubject);
  if (stops.length === 0 || stops.includes(method)) return null;
  const uses = fieldUses(sourceCode, classBody, field);
  if (uses.unrefed || uses.clearedInCallback) return null;
  if (uses.clearingMethods.size === 0 && (!repeating || classBody.parent.superClass)) return null;
  const methods = methodsByName(classBody);
  const teardowns = [...stops, ...[...LIFECYCLE_TEARDOWNS].flatMap((name) => methods.get(name) ?? [])];
  if (teardowns.some((teardown) => reachesClear(teardown, methods, uses.clearingMethods))) return null;
  return { call, field, stop: getStaticPropertyName(stops[0]!) ?? 'close', repeating };
}

/**
 * Names a stop method's first parameter has when the method stops the instance itself (`close(callback)`,
 * `destroy(error)`, `stop(options)`), rather than something handed to it (a pool's `destroy(resource)`).
 */
const STOP_PARAMETER = /^(?:cb|callback|done|next|fn|err|error|reason|code|force|forced|graceful|discard|options|opts|timeout|signal|\w*(?:Callback|Options))$/i;

function takesNoSubject(stop: TSESTree.MethodDefinition): boolean {
  const first = stop.value.params[0];
  if (!first) return true;
  const parameter = first.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  return parameter.type === AST_NODE_TYPES.Identifier && STOP_PARAMETER.test(parameter.name);
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

/** The instance method whose `this` the call sees (through arrow functions). */
function enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | null {
  for (let fn: FunctionNode | null = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const parent = fn.parent;
    return parent?.type === AST_NODE_TYPES.MethodDefinition && !parent.static ? parent : null;
  }
  return null;
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

function methodsByName(classBody: TSESTree.ClassBody): Map<string, TSESTree.MethodDefinition> {
  const found = new Map<string, TSESTree.MethodDefinition>();
  for (const member of classBody.body) {
    const name = member.type === AST_NODE_TYPES.MethodDefinition && !member.static ? getStaticPropertyName(member) : null;
    if (name !== null && member.type === AST_NODE_TYPES.MethodDefinition && !found.has(name)) found.set(name, member);
  }
  return found;
}

/**
 * The stop method, or a method it runs on `this` (called, or handed on as a callback: `this.transport.close(this.onClose.bind(this))`,
 * anywhere in its code), clears the timer.
 */
function reachesClear(stop: TSESTree.MethodDefinition, methods: ReadonlyMap<string, TSESTree.MethodDefinition>, clearing: ReadonlySet<TSESTree.MethodDefinition>): boolean {
  const seen = new Set<TSESTree.MethodDefinition>([stop]);
  let layer = [stop];
  for (let depth = 0; depth <= MAX_CALL_DEPTH && layer.length > 0; depth++) {
    if (layer.some((method) => clearing.has(method))) return true;
    const next: TSESTree.MethodDefinition[] = [];
    for (const method of layer) {
      walk(method.value, (node) => {
        if (node.type === AST_NODE_TYPES.ClassBody) return false;
        if (node.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(node.object).type !== AST_NODE_TYPES.ThisExpression || !isRun(node)) return true;
        const name = getStaticPropertyName(node);
        const called = name === null ? undefined : methods.get(name);
        if (called && !seen.has(called)) {
          seen.add(called);
          next.push(called);
        }
        return true;
      });
    }
    layer = next;
  }
  return false;
}

/** `this.m(…)`, or `this.m` (or `this.m.bind(this)`) handed to a call that may run it, not to one that takes a listener off. */
function isRun(member: TSESTree.MemberExpression): boolean {
  let position = getOutermostWrapper(member);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === position) return true;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'bind' && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    position = getOutermostWrapper(parent.parent);
  }
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return false;
  const callee = skipExpressionWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return method === null || !LISTENER_REMOVE_METHODS.has(method);
}
