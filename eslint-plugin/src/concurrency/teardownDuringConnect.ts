import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, isNullishValue, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type ClassNode, getThisClass } from '../core/thisBinding';

/**
 * A teardown that closes a connection only if it is already there, in a class that keeps its pending connect in a
 * field and sets the connection while that connect runs: `disconnect() { if (this.transportConnection) {
 * this.transportConnection.close(); … } }` beside `connect() { this.connectionPromise = this.doConnect(); try { await
 * this.connectionPromise } finally { delete this.connectionPromise } }`, where `doConnect()` sets
 * `this.transportConnection` once the transport connects. A `disconnect()` that comes while the connect is pending finds
 * nothing to close, returns, and the connection opens afterwards and stays open (the close was lost).
 * @deepkit/rpc 1.0.1-alpha.108 made `disconnect()` wait for `this.connectionPromise` first.
 *
 * Only when all of this holds: the `if` tests `this.<conn>` (or `!= null`) and its block calls a close-like method of
 * it; the method around it is a teardown by name (`disconnect`, `close`, `stop`, `destroy`, `shutdown`, `end`,
 * `dispose`, `terminate`); another method keeps a call of a method of the class in a field (`this.<pending> =
 * this.doConnect()`), awaits that field or chains on it, and clears it afterwards (`delete`, `= undefined`/`null`); the
 * called method is where `this.<conn>` gets its value, later than its start (in a callback, or after an `await` of its
 * own: a method that sets it before its first `await` has set it by the time the pending field holds its promise); and
 * the teardown never reads the pending field.
 */
export interface TeardownDuringConnect {
  /** The `if` test that finds the connection unset. */
  readonly test: TSESTree.Node;
  readonly teardown: string;
  /** The connection field, as written (`this.transportConnection`). */
  readonly connection: string;
  /** The pending field, as written (`this.connectionPromise`). */
  readonly pending: string;
  /** The method that sets the connection (`doConnect`). */
  readonly connect: string;
}

const TEARDOWN_NAME = /^(?:disconnect|close|stop|destroy|shutdown|end|dispose|terminate)/i;
const CLOSE_METHODS: ReadonlySet<string> = new Set(['close', 'end', 'destroy', 'disconnect', 'terminate', 'quit', 'shutdown']);

/** The cheap test of a file's text. */
export function mayTearDownDuringConnect(text: string): boolean {
  return /\bawait this\.|\.then\(/.test(text) && /\b(?:disconnect|close|stop|destroy|shutdown|end|dispose|terminate)\w*\s*\(/i.test(text) && /delete this\.|= (?:undefined|null)/.test(text);
}

export function findTeardownDuringConnect(guard: TSESTree.IfStatement): TeardownDuringConnect | null {
  const connection = testedThisField(guard.test);
  if (connection === null || !closesField(guard.consequent, connection)) return null;
  const teardown = enclosingMethod(guard);
  const teardownName = teardown ? getStaticPropertyName(teardown) : null;
  if (!teardown || teardownName === null || !TEARDOWN_NAME.test(teardownName)) return null;
  const owner = getThisClass(guard, true);
  if (!owner) return null;
  for (const tracker of pendingTrackers(owner)) {
    if (tracker.method === teardown || readsThisField(teardown, tracker.field)) continue;
    const connect = methodNamed(owner, tracker.calls);
    if (!connect || connect === teardown || !writesThisField(connect, connection)) continue;
    return { test: guard.test, teardown: teardownName, connection: `this.${connection}`, pending: `this.${tracker.field}`, connect: tracker.calls };
  }
  return null;
}

/** `this.x`, `this.x != null`, `this.x !== undefined` → `x`. */
function testedThisField(raw: TSESTree.Node): string | null {
  let test = skipExpressionWrappers(raw);
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!=' || test.operator === '!==') && isNullishValue(test.right)) test = skipExpressionWrappers(test.left);
  return thisFieldName(test);
}

function thisFieldName(raw: TSESTree.Node): string | null {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.MemberExpression && skipExpressionWrappers(node.object).type === AST_NODE_TYPES.ThisExpression ? getStaticPropertyName(node) : null;
}

/** `this.<field>.close()` (or another close-like method) within `block`. */
function closesField(block: TSESTree.Node, field: string): boolean {
  return someNodeWithin(
    block,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && CLOSE_METHODS.has(getStaticPropertyName(callee) ?? '') && thisFieldName(callee.object) === field;
    },
    () => true,
  );
}

type Method = TSESTree.MethodDefinition;

function enclosingMethod(node: TSESTree.Node): Method | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition) return current;
  }
  return null;
}

interface PendingTracker {
  readonly field: string;
  /** The method of the class whose promise the field keeps (`doConnect` in `this.connectionPromise = this.doConnect()`). */
  readonly calls: string;
  readonly method: Method;
}

/** Fields a method fills with a call of the class's own method, awaits (or chains on) and clears again. */
function pendingTrackers(owner: ClassNode): PendingTracker[] {
  const trackers: PendingTracker[] = [];
  for (const member of owner.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    walk(member.value.body ?? member.value, (node) => {
      if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return true;
      const field = thisFieldName(node.left);
      const value = skipExpressionWrappers(node.right);
      const callee = value.type === AST_NODE_TYPES.CallExpression ? skipExpressionWrappers(value.callee) : null;
      const calls = callee ? thisFieldName(callee) : null;
      if (field !== null && calls !== null && waitsAndClears(member, field)) trackers.push({ field, calls, method: member });
      return true;
    });
  }
  return trackers;
}

/** `await this.<field>` (or `this.<field>.then(…)`) and a `delete this.<field>` / `this.<field> = undefined|null` in `method`. */
function waitsAndClears(method: Method, field: string): boolean {
  let waits = false;
  let clears = false;
  walk(method.value, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression && thisFieldName(node.argument) === field) waits = true;
    if (node.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(node) === 'then' && thisFieldName(node.object) === field) waits = true;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && thisFieldName(node.argument) === field) clears = true;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && thisFieldName(node.left) === field && isNullishValue(node.right)) clears = true;
    return !(waits && clears);
  });
  return waits && clears;
}

function methodNamed(owner: ClassNode, name: string): Method | null {
  for (const member of owner.body.body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method' && getStaticPropertyName(member) === name) return member;
  }
  return null;
}

function readsThisField(method: Method, field: string): boolean {
  return someNodeWithin(method.value, (node) => node.type === AST_NODE_TYPES.MemberExpression && thisFieldName(node) === field, () => true);
}

/**
 * `this.<field> = value` (not a nullish value) in `method` where it comes later than the call that starts the method:
 * inside a callback, or after an `await` of the method's own. An `async` method that sets the field before its first
 * `await` has set it by the time its promise is kept in the pending field (langsmith's worker `_start()`).
 */
function writesThisField(method: Method, field: string): boolean {
  const body = method.value;
  const ownAwaits: TSESTree.AwaitExpression[] = [];
  walk(body, (node) => {
    if (node !== body && isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression) ownAwaits.push(node);
    return true;
  });
  return someNodeWithin(
    body,
    (node) =>
      node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && thisFieldName(node.left) === field && !isNullishValue(node.right) &&
      (isInCallback(node, body) || ownAwaits.some((awaited) => awaited.range[1] <= node.range[0])),
    () => true,
  );
}

/** `node` is inside a function nested in `fn`. */
function isInCallback(node: TSESTree.Node, fn: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (isFunctionNode(current)) return true;
  }
  return false;
}
