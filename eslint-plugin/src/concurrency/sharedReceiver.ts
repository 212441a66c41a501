import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { splitIdentifierWords } from '../core/nameWords';
import { containsThis } from '../core/thisBinding';

type Reference = TSESLint.Scope.Reference;

/** Words of a name that say "a connection, session or transaction": two operations through one stay in order. */
export const CONNECTION_WORDS: ReadonlySet<string> = new Set([
  'client', 'connection', 'conn', 'db', 'database', 'tx', 'trx', 'transaction', 'session', 'socket', 'channel', 'cursor',
  'stream', 'writer', 'reader', 'handle', 'fd', 'page', 'browser', 'redis', 'knex', 'prisma', 'em', 'manager', 'runner',
]);

/** First words of a method name that say it only reads (`getUser`, `fetchPosts`, `list`, `findOne`). */
const READ_VERBS: ReadonlySet<string> = new Set([
  'get', 'fetch', 'find', 'load', 'read', 'list', 'search', 'lookup', 'count', 'describe', 'retrieve', 'stat', 'exists', 'has', 'head',
]);

/** Words of a method name that say a read sets up state later calls rely on (`getToken`, `fetchSession`). */
const STATEFUL_WORDS: ReadonlySet<string> = new Set(['token', 'auth', 'session', 'login', 'cookie', 'credential', 'credentials', 'lock', 'cursor', 'lease', 'ticket']);

export interface ReceiverCall {
  readonly operation: TSESTree.CallExpression;
  readonly references: readonly Reference[];
  /** The step keeps the operation's result (`const x = await …`, `x = await …`). */
  readonly keepsResult: boolean;
}

/**
 * Two reads through the same object that share nothing else: `const a = await api.get(x); const b = await
 * api.get(y);`, `await this.http.getUser(id)` then `await this.http.getPosts(id)`. The receiver is the same path
 * of names (`api`, `this.http`; not `this` alone, whose methods share the instance's state, and no call in the
 * path), named as no connection, session or transaction (one connection serves one query at a time, and the order
 * of two queries on it may matter); both methods read by their names (or are the same method) and neither says it
 * sets up state; the earlier result is kept (a read whose result is dropped is called for what it does); and the
 * receiver appears nowhere else in either call.
 */
export function isIndependentReadPair(earlier: ReceiverCall, later: ReceiverCall): boolean {
  if (!earlier.keepsResult) return false;
  const first = readThroughReceiver(earlier);
  const second = readThroughReceiver(later);
  if (!first || !second || first.path.join('.') !== second.path.join('.')) return false;
  if (first.root !== second.root) return false;
  const sameMethod = first.method === second.method;
  return sameMethod || (isReadName(first.method) && isReadName(second.method));
}

interface Read {
  readonly path: readonly string[];
  /** The receiver's root variable, or `this`. */
  readonly root: unknown;
  readonly method: string;
}

function readThroughReceiver(call: ReceiverCall): Read | null {
  const callee = skipExpressionWrappers(call.operation.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  if (method === null || callee.computed || saysItSetsUpState(method)) return null;
  const path: string[] = [];
  let node = skipExpressionWrappers(callee.object);
  for (let steps = 0; node.type === AST_NODE_TYPES.MemberExpression && steps < 16; steps++) {
    const name = getStaticPropertyName(node);
    if (name === null || node.computed) return null;
    path.unshift(name);
    node = skipExpressionWrappers(node.object);
  }
  let root: unknown;
  if (node.type === AST_NODE_TYPES.ThisExpression) {
    if (path.length === 0 || call.operation.arguments.some(containsThis)) return null;
    root = 'this';
    path.unshift('this');
  } else if (node.type === AST_NODE_TYPES.Identifier) {
    const identifier = node;
    const uses = call.references.filter((reference) => reference.identifier.name === identifier.name);
    const own = uses.find((reference) => reference.identifier === identifier);
    // the receiver's root is used only as the receiver
    if (!own || uses.length !== 1) return null;
    root = own.resolved ?? `global:${identifier.name}`;
    path.unshift(identifier.name);
  } else {
    return null;
  }
  if (path.some((part) => splitIdentifierWords(part).some((word) => CONNECTION_WORDS.has(word)))) return null;
  return { path, root, method };
}

function isReadName(method: string): boolean {
  const [first] = splitIdentifierWords(method);
  return first !== undefined && READ_VERBS.has(first);
}

function saysItSetsUpState(method: string): boolean {
  return splitIdentifierWords(method).some((word) => STATEFUL_WORDS.has(word));
}
