import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalledMethodName, getCalleeMember, getEnclosingFunction, getStaticString, getTrailingName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';
import { EMITTER_ADD_METHODS, EVENT_REMOVE_METHODS } from './listenerMethods';
import { isGlobalCall } from './timerCalls';

/**
 * One function registered for two of a stream's or socket's ending events on the same emitter, `res.on('close',
 * onClosed); res.on('end', onClosed);`, when it starts work again (arms a timer, reconnects): one ended stream emits
 * both, so the work starts twice, two timers, two connections, each repeating the doubling on its own end
 * (eventsource 0.2.2 reconnected twice per dropped stream; 0.2.3 takes both listeners off when the first fires).
 *
 * The events are two of `close`, `end`, `finish` and `error` (a failed stream emits `error`, then `close`). Not when
 * the function guards itself at its start against a second run (`if (pending || closed) return; pending = true;`: an
 * early return one of whose `||` operands the function's own assignment makes true), nor when the listeners are taken
 * off (`off`, `removeListener`, `removeAllListeners` on the emitter anywhere in the enclosing function or the listener),
 * nor when the function does not always arm a timer or call something named for (re)connecting (work started only for
 * an error is started once).
 */
export interface DoubledEndListener {
  /** The second registration, which doubles the first. */
  readonly call: TSESTree.CallExpression;
  /** The listener's name as written. */
  readonly listener: string;
  readonly firstEvent: string;
  readonly secondEvent: string;
  /** The line of the first registration. */
  readonly firstLine: number;
  /** The emitter as written. */
  readonly emitter: string;
}

const ENDING_EVENTS: ReadonlySet<string> = new Set(['close', 'end', 'finish', 'error']);
/** Calls that start a connection or a run again: `connect()`, `this.reconnect()`, `retry()`, `restart()`. */
export const RESTARTING_CALL = /^(?:re)?connect|^retry|^restart|^reopen|^resubscribe/i;

/** The cheap test of a file's text. */
export function mayDoubleEndListeners(text: string): boolean {
  return /['"](?:close|end|finish|error)['"]\s*,\s*[\w$.]+\s*\)/.test(text);
}

export function findDoubledEndListener(sourceCode: SourceCode, call: TSESTree.CallExpression): DoubledEndListener | null {
  const registration = readRegistration(sourceCode, call);
  if (!registration) return null;
  const fn = getEnclosingFunction(call);
  const scope = fn?.body ?? sourceCode.ast;
  let first: { readonly call: TSESTree.CallExpression; readonly event: string } | null = null;
  let removed = false;
  walk(scope, (node) => {
    if (first || removed || node === call) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const method = getCalledMethodName(node);
    if (method !== null && EVENT_REMOVE_METHODS.has(method) && emitterText(sourceCode, node) === registration.emitter) removed = true;
    const other = node.range[1] <= call.range[0] ? readRegistration(sourceCode, node) : null;
    if (other && other.emitter === registration.emitter && other.listener === registration.listener && other.event !== registration.event) first = { call: node, event: other.event };
    return true;
  });
  const found = first as { readonly call: TSESTree.CallExpression; readonly event: string } | null;
  if (!found || removed) return null;
  const listeners = resolveLocalCallables(sourceCode, skipExpressionWrappers(call.arguments[1] as TSESTree.Node)).filter(isFunctionNode);
  if (listeners.length !== 1) return null;
  const listener = listeners[0] as FunctionNode;
  if (!startsWorkAgain(sourceCode, listener) || guardsSecondRun(sourceCode, listener) || removesListeners(listener)) return null;
  return { call, listener: registration.listener, firstEvent: found.event, secondEvent: registration.event, firstLine: found.call.loc.start.line, emitter: registration.emitter };
}

interface Registration {
  readonly emitter: string;
  readonly event: string;
  readonly listener: string;
}

/** `emitter.on('end', listener)` with a named listener (a name or `this.x`, not a function written there). */
function readRegistration(sourceCode: SourceCode, call: TSESTree.CallExpression): Registration | null {
  const method = getCalledMethodName(call);
  if (method === null || !EMITTER_ADD_METHODS.has(method) || call.arguments.length !== 2) return null;
  const event = getStaticString(call.arguments[0]);
  if (event === null || !ENDING_EVENTS.has(event)) return null;
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  if (listener.type !== AST_NODE_TYPES.Identifier && listener.type !== AST_NODE_TYPES.MemberExpression) return null;
  const emitter = emitterText(sourceCode, call);
  return emitter === null ? null : { emitter, event, listener: sourceCode.getText(listener) };
}

function emitterText(sourceCode: SourceCode, call: TSESTree.CallExpression): string | null {
  const member = getCalleeMember(call);
  return member ? sourceCode.getText(skipExpressionWrappers(member.object)) : null;
}

/**
 * The listener arms a timer or calls something named for (re)connecting in a statement of its own body that always
 * runs (`setTimeout(connect, delay)`, `this.timer = setTimeout(…)`, `reconnect()`): work started under a condition (only
 * for an error) may well be started once.
 */
function startsWorkAgain(sourceCode: SourceCode, listener: FunctionNode): boolean {
  const statements = listener.body.type === AST_NODE_TYPES.BlockStatement ? listener.body.body : [listener.body];
  return statements.some((statement) => {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement && isStatementNode(statement)) return false;
    let starts = false;
    walk(statement, (node) => {
      if (starts || isFunctionNode(node) || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) return false;
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const name = getTrailingName(skipExpressionWrappers(node.callee));
      starts = isGlobalCall(sourceCode, node, 'setTimeout') || isGlobalCall(sourceCode, node, 'setInterval') || (name !== null && RESTARTING_CALL.test(name));
      return !starts;
    });
    return starts;
  });
}

function isStatementNode(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration');
}

/**
 * `if (closed) return; … closed = true;` or `if (state === CLOSED) return; … state = CLOSED;`: an early return at the
 * start whose test an assignment of the function makes true again, so the second run stops there.
 */
function guardsSecondRun(sourceCode: SourceCode, listener: FunctionNode): boolean {
  if (listener.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const guards = listener.body.body.filter(
    (statement): statement is TSESTree.IfStatement => statement.type === AST_NODE_TYPES.IfStatement && isExit(statement.consequent),
  );
  return guards.some((guard) => guardOperands(guard.test).some((test) => isMadeTrueBy(sourceCode, listener, test)));
}

/** `if (a || b) return;` returns when either holds: each operand is a guard of its own. */
function guardOperands(test: TSESTree.Expression): TSESTree.Expression[] {
  const operands: TSESTree.Expression[] = [];
  const pending: TSESTree.Expression[] = [test];
  while (pending.length > 0) {
    const inner = skipExpressionWrappers(pending.pop() as TSESTree.Expression) as TSESTree.Expression;
    if (inner.type === AST_NODE_TYPES.LogicalExpression && inner.operator === '||') pending.push(inner.right, inner.left);
    else operands.push(inner);
  }
  return operands;
}

/** An assignment of the listener makes `test` true: `closed = true` for `closed`, `state = CLOSED` for `state === CLOSED`. */
function isMadeTrueBy(sourceCode: SourceCode, listener: FunctionNode, test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '===' || test.operator === '==')) {
    return assigns(sourceCode, listener, sourceCode.getText(test.left), (value) => sourceCode.getText(value) === sourceCode.getText(test.right));
  }
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') {
    return assigns(sourceCode, listener, sourceCode.getText(test.argument), (value) => isFalsyLiteral(value));
  }
  return assigns(sourceCode, listener, sourceCode.getText(test), (value) => !isFalsyLiteral(value));
}

function isExit(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  return statement.type === AST_NODE_TYPES.BlockStatement && statement.body.length === 1 && statement.body[0]?.type === AST_NODE_TYPES.ReturnStatement;
}

function isFalsyLiteral(node: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  return value.type === AST_NODE_TYPES.Literal && !value.value;
}

/** An assignment `target = value` in the listener's own code whose value `accepts`. */
function assigns(sourceCode: SourceCode, listener: FunctionNode, target: string, accepts: (value: TSESTree.Expression) => boolean): boolean {
  let found = false;
  walk(listener.body, (node) => {
    if (found) return false;
    if (node !== listener.body && isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && sourceCode.getText(node.left) === target && accepts(node.right)) found = true;
    return !found;
  });
  return found;
}

/** The listener takes listeners off itself (`res.removeAllListeners('end')`). */
function removesListeners(listener: FunctionNode): boolean {
  let removes = false;
  walk(listener.body, (node) => {
    if (removes) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const method = getCalledMethodName(node);
      removes = method !== null && EVENT_REMOVE_METHODS.has(method);
    }
    return !removes;
  });
  return removes;
}
