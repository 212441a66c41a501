import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalledMethodName, getEnclosingFunction, getStaticPropertyName, getStaticString, isFunctionNode, skipBind, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveMethodsCalledFrom } from '../modules/localFunctions';
import { RESTARTING_CALL } from './doubledEndListeners';
import { EMITTER_ADD_METHODS } from './listenerMethods';
import { enclosingInstanceMethod, isThisReceiver } from './teardownPaths';
import { isGlobalCall, isHandleDropped } from './timerCalls';

/**
 * `conn.on('close', () => { …; setTimeout(() => self.connect(retryCount + 1), delay); })`: a reconnect armed when a
 * connection closes, its handle thrown away, on an object that has a method to stop it (`disconnect`, `close`,
 * `stop`…). A stop while the timer waits (the connection dropped by itself, the user then disconnects) cannot clear
 * it: when it fires the object connects again, after its user asked it to stop, and keeps the process alive until
 * then. irc-upd 0.8.0 keeps the handle (`self.retryTimeout = setTimeout(…)`) and clears it in `disconnect()`.
 *
 * Only a timeout whose callback starts by calling a method of the object named for connecting (`connect`,
 * `reconnect`, `retry`…, as `this.m(…)` or through a name of `this`), found in the file, whose own first statements
 * do not return early on a state of the object (`if (this.closed) return;`: a stop that sets it is honoured); armed in
 * a listener of a `close`, `end` or `disconnect` event (added with `on`/`once`/`addListener`/`addEventListener`, or
 * set as `onclose`); not with a written delay under a second (a deferral).
 */
export interface DroppedReconnectTimer {
  readonly call: TSESTree.CallExpression;
  /** The reconnecting call as written: `self.connect`. */
  readonly work: string;
  /** The object's stop method. */
  readonly stop: string;
  readonly event: string;
}

const CLOSING_EVENTS: ReadonlySet<string> = new Set(['close', 'end', 'disconnect']);
const SHORT_DELAY_MS = 1000;

/** The cheap test of a file's text. */
export function mayDropReconnectTimers(text: string): boolean {
  return text.includes('setTimeout(') && /connect|retry|restart|reopen|resubscribe/i.test(text) && /['"](?:close|end|disconnect)['"]|\.on(?:close|end)\s*=/.test(text);
}

export function findDroppedReconnectTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): DroppedReconnectTimer | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout') || !isHandleDropped(sourceCode, call) || isShortDelay(call)) return null;
  const listener = getEnclosingFunction(call);
  const event = listener ? closingEventOf(listener) : null;
  if (!listener || event === null) return null;
  const callback = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  const reconnect = callback ? firstReconnect(sourceCode, callback) : null;
  if (!reconnect) return null;
  // the object's method the reconnect calls, through the file's classes and prototypes or a prototype literal's sibling
  const methods = resolveMethodsCalledFrom(sourceCode, reconnect, getEnclosingFunction(listener));
  if (methods.length === 0 || methods.some((method) => returnsEarlyOnState(sourceCode, method))) return null;
  const stop = findStopOf(sourceCode, methods[0] as FunctionNode);
  return stop === null ? null : { call, work: sourceCode.getText(reconnect), stop, event };
}

function isShortDelay(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1];
  if (delay === undefined) return true;
  const value = skipExpressionWrappers(delay);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' && value.value < SHORT_DELAY_MS;
}

/** The event `listener` is registered for (`x.on('close', listener)`, `x.onclose = listener`), when it is a closing one. */
function closingEventOf(listener: FunctionNode): string | null {
  const parent = listener.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === listener) {
    const method = getCalledMethodName(parent);
    const event = method !== null && (EMITTER_ADD_METHODS.has(method) || method === 'addEventListener') ? getStaticString(parent.arguments[0]) : null;
    return event !== null && CLOSING_EVENTS.has(event) ? event : null;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === listener && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(parent.left);
    return name === 'onclose' || name === 'onend' ? name.slice(2) : null;
  }
  return null;
}

/** The callee of the callback's first call when it reconnects through the object: `self.connect` in `function () { self.connect(n + 1); }`, or the bound method itself. */
function firstReconnect(sourceCode: SourceCode, callback: TSESTree.Node): TSESTree.MemberExpression | null {
  const bound = skipBind(callback);
  if (bound.type === AST_NODE_TYPES.MemberExpression) return isReconnectMember(sourceCode, bound) ? bound : null;
  if (!isFunctionNode(bound)) return null;
  const first = bound.body.type === AST_NODE_TYPES.BlockStatement ? bound.body.body[0] : bound.body;
  const expression = first?.type === AST_NODE_TYPES.ExpressionStatement ? first.expression : first;
  const value = expression ? skipExpressionWrappers(expression) : null;
  if (value?.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && isReconnectMember(sourceCode, callee) ? callee : null;
}

function isReconnectMember(sourceCode: SourceCode, member: TSESTree.MemberExpression): boolean {
  const name = getStaticPropertyName(member);
  return name !== null && RESTARTING_CALL.test(name) && isThisReceiver(sourceCode, member.object);
}

/** `if (this.closed) return;` (or `if (!self.active) { return; }`) among the method's first statements. */
function returnsEarlyOnState(sourceCode: SourceCode, method: FunctionNode): boolean {
  if (method.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  return method.body.body.slice(0, 4).some((statement) => {
    if (statement.type !== AST_NODE_TYPES.IfStatement) return false;
    const consequent = statement.consequent;
    const returns = consequent.type === AST_NODE_TYPES.ReturnStatement || (consequent.type === AST_NODE_TYPES.BlockStatement && consequent.body.some((inner) => inner.type === AST_NODE_TYPES.ReturnStatement));
    return returns && someNodeWithin(statement.test, (node) => node.type === AST_NODE_TYPES.MemberExpression && isThisReceiver(sourceCode, node.object), () => true);
  });
}

/** The stop methods' names in the order one is named in the message: the one that ends a connection first. */
const STOP_PREFERENCE: readonly string[] = ['disconnect', 'close', 'stop', 'destroy', 'dispose', 'shutdown', 'teardown', 'quit', 'end'];

/** The name of a method of the object that stops it (`disconnect`, `close`, `stop`…), found beside `method`. */
function findStopOf(sourceCode: SourceCode, method: FunctionNode): string | null {
  const names = ownerMethodNames(sourceCode, method);
  return STOP_PREFERENCE.find((name) => names.has(name)) ?? null;
}

/**
 * The names of the methods of the object `method` belongs to: its instance's (a class's, or an ES5 constructor's
 * prototype's: `teardownPaths.ts`), or its prototype object literal's.
 */
function ownerMethodNames(sourceCode: SourceCode, method: FunctionNode): Set<string> {
  const instance = enclosingInstanceMethod(sourceCode, method.body)?.instance;
  if (instance) return new Set(instance.methods.keys());
  const names = new Set<string>();
  const parent = method.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of parent.parent.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? getStaticPropertyName(property) : null;
      if (name !== null) names.add(name);
    }
  }
  return names;
}
