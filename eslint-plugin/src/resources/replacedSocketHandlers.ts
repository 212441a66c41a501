import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveMethodsCalledFrom } from '../modules/localFunctions';
import { isThisReceiver } from './teardownPaths';

/**
 * A socket's handler property set to a function of its owner, `this.socket.onclose = this._onClose.bind(this);`, in a
 * function that first closes the socket the owner held and then makes a new one in the same field: `_connect() {
 * this._closeSocket(); this.socket = new WebSocket(url); this.socket.onclose = …; }`, where the close (here or in the
 * method it calls) leaves the old socket's handler on. A closed WebSocket still fires its `close` event (and `error`,
 * when it was closed while connecting), after the close call has returned: the old socket's handler then runs
 * against the owner, which by then holds the new socket, and tears down or reports the wrong connection. strophe.js
 * 1.2.15 and 1.3.4 clear the handlers (`this.socket.onclose = null`) before `close()`.
 *
 * Only `onclose` and `onerror` (a closing WebSocket delivers no more messages), only a handler bound to the owner (a
 * method bound to `this`, an arrow or function that reads `this` or a name of it), and only when the close is of
 * the same field (`this.socket.close()`), in the function before the new socket is made or in a method of the file
 * that it calls there. A close that detaches the handler (`this.socket.onclose = null`, `removeEventListener('close', …)`,
 * `removeAllListeners`) is not reported.
 */
export interface ReplacedSocketHandler {
  readonly assignment: TSESTree.AssignmentExpression;
  /** The field as written (`this.socket`). */
  readonly socket: string;
  /** `close` or `error`. */
  readonly event: string;
  /** The close that leaves the handler on: `this._closeSocket()` or `this.socket.close()`, as written. */
  readonly closer: string;
  readonly closerLine: number;
}

const LATE_EVENTS: ReadonlySet<string> = new Set(['close', 'error']);
const DETACH_METHODS: ReadonlySet<string> = new Set(['removeEventListener', 'removeAllListeners', 'removeListener', 'off']);

/** The cheap test of a file's text. */
export function mayLeaveSocketHandlersOnReplace(text: string): boolean {
  return /\.on(?:close|error)\s*=/.test(text) && text.includes('.close()');
}

export function findReplacedSocketHandler(sourceCode: SourceCode, assignment: TSESTree.AssignmentExpression): ReplacedSocketHandler | null {
  if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const handlerName = getStaticPropertyName(assignment.left);
  const event = handlerName?.startsWith('on') ? handlerName.slice(2) : null;
  if (event === null || !LATE_EVENTS.has(event)) return null;
  const holder = skipExpressionWrappers(assignment.left.object);
  const field = holder.type === AST_NODE_TYPES.MemberExpression && !holder.computed && isThisReceiver(sourceCode, holder.object) ? getStaticPropertyName(holder) : null;
  if (field === null || !isOwnerBound(sourceCode, assignment.right)) return null;
  const fn = getEnclosingFunction(assignment);
  if (!fn || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const made = findNewSocket(sourceCode, fn.body, field, assignment);
  if (!made) return null;
  const closer = findCloseBefore(sourceCode, fn, fn.body, field, made.range[0]);
  if (!closer || detaches(sourceCode, closer.region, field, event)) return null;
  return { assignment, socket: sourceCode.getText(holder), event, closer: sourceCode.getText(closer.call), closerLine: closer.call.loc.start.line };
}

/** `this.m.bind(this)`, or a function literal that reads `this` or a name of it: the handler acts on the owner. */
function isOwnerBound(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(value.callee) === 'bind') {
    const [bound] = value.arguments;
    return bound !== undefined && isThisReceiver(sourceCode, bound);
  }
  if (!isFunctionNode(value)) return false;
  const readsOwner = (node: TSESTree.Node): boolean =>
    (node.type === AST_NODE_TYPES.ThisExpression && value.type === AST_NODE_TYPES.ArrowFunctionExpression) || (node.type === AST_NODE_TYPES.Identifier && isThisReceiver(sourceCode, node));
  // an arrow's own `this` is the owner's; a `function`'s is the socket, so only a name of the owner counts there
  return someNodeWithin(value.body, readsOwner, (node) => !isFunctionNode(node) || node.type === AST_NODE_TYPES.ArrowFunctionExpression);
}

/** The statement-level `this.<field> = new X(…)` (or a call) in `body` before `before`. */
function findNewSocket(sourceCode: SourceCode, body: TSESTree.BlockStatement, field: string, before: TSESTree.Node): TSESTree.AssignmentExpression | null {
  let found: TSESTree.AssignmentExpression | null = null;
  for (const statement of body.body) {
    if (statement.range[0] >= before.range[0]) break;
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null;
    if (expression?.type !== AST_NODE_TYPES.AssignmentExpression || !isFieldOf(sourceCode, expression.left, field)) continue;
    const value = skipExpressionWrappers(expression.right);
    if (value.type === AST_NODE_TYPES.NewExpression || value.type === AST_NODE_TYPES.CallExpression) found = expression;
  }
  return found;
}

interface Closer {
  /** The call as written in the function: `this._closeSocket()` or `this.socket.close()`. */
  readonly call: TSESTree.CallExpression;
  /** Where the close happens: the called method's body, or the function's statements before the new socket. */
  readonly region: readonly TSESTree.Node[];
}

/** A close of the field before `end`: `this.<field>.close()` itself, or a call of a method of the file that makes one. */
function findCloseBefore(sourceCode: SourceCode, fn: FunctionNode, body: TSESTree.BlockStatement, field: string, end: number): Closer | null {
  const before = body.body.filter((statement) => statement.range[1] <= end);
  for (const statement of before) {
    const expression = statement.type === AST_NODE_TYPES.ExpressionStatement ? skipExpressionWrappers(statement.expression) : null;
    if (expression?.type !== AST_NODE_TYPES.CallExpression) continue;
    if (isFieldClose(sourceCode, expression, field)) return { call: expression, region: before };
    const callee = skipExpressionWrappers(expression.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, callee.object)) continue;
    const methods = resolveMethodsCalledFrom(sourceCode, callee, fn);
    const closing = methods.filter((method) => someNodeWithin(method.body, (node) => node.type === AST_NODE_TYPES.CallExpression && isFieldClose(sourceCode, node, field), () => true));
    if (closing.length > 0 && closing.length === methods.length) return { call: expression, region: [...before, ...closing.map((method) => method.body)] };
  }
  return null;
}

/** `this.<field>.close()`. */
function isFieldClose(sourceCode: SourceCode, call: TSESTree.CallExpression, field: string): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'close' && isFieldOf(sourceCode, callee.object, field);
}

/** `this.<field>` (or through a name of `this`). */
function isFieldOf(sourceCode: SourceCode, raw: TSESTree.Node, field: string): boolean {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && getStaticPropertyName(node) === field && isThisReceiver(sourceCode, node.object);
}

/** The region takes the handler off the field's socket: `this.socket.onclose = …`, `this.socket.removeEventListener('close', …)`, `removeAllListeners`. */
function detaches(sourceCode: SourceCode, region: readonly TSESTree.Node[], field: string, event: string): boolean {
  return region.some((root) =>
    someNodeWithin(
      root,
      (node) => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
          return getStaticPropertyName(node.left) === `on${event}` && isFieldOf(sourceCode, node.left.object, field);
        }
        if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = getStaticPropertyName(node.callee);
        if (method === null || !DETACH_METHODS.has(method) || !isFieldOf(sourceCode, node.callee.object, field)) return false;
        const [type] = node.arguments;
        return method === 'removeAllListeners' || type === undefined || getStaticString(type) === null || getStaticString(type) === event;
      },
      () => true,
    ),
  );
}
