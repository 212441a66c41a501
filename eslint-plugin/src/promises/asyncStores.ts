import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, getTrailingName, skipExpressionWrappers } from '../core/ast';
import { isAsyncBody } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getWrittenValues } from '../modules/fieldValues';
import { isSiblingMethodAwaitedInFile } from './awaitedCallees';

/** A store's writers and the readers whose `await` says the store is asynchronous. */
const READERS_OF_WRITER: ReadonlyMap<string, readonly string[]> = new Map([
  ['set', ['get']],
  ['put', ['get']],
  ['del', ['get']],
  ['delete', ['get']],
  ['remove', ['get']],
  ['setItem', ['getItem']],
  ['removeItem', ['getItem']],
  ['hset', ['hget', 'hgetall']],
  ['hdel', ['hget', 'hgetall']],
]);

/** Collections whose `get` returns what was stored: awaiting it waits for a stored promise, not for the store. */
const SYNCHRONOUS_COLLECTIONS = new Set(['Map', 'WeakMap', 'Set', 'WeakSet', 'LRU', 'LRUCache', 'LruCache', 'QuickLRU', 'NodeCache', 'TTLCache']);

/** A receiver or value named as a promise, or as work in flight. */
const PROMISE_NAME = /promise|pending|inflight|in_flight|ongoing|running|deferred|waiting|loading/i;

/**
 * A write to an asynchronous store dropped in async code: `cache.set(key, value)` as a statement of an async function,
 * in a file that awaits `cache.get(…)` of the same receiver (a variable, or `this.<field>` of the same class).
 * The awaited reader is what says the store is asynchronous; its write then returns a promise too, whose failure
 * nobody sees and whose completion the next read does not wait for (gatsby-transformer-remark 2.9.2 awaited
 * `cache.get` and dropped each `cache.set`).
 *
 * Not a store of promises, whose `get` is awaited for the stored promise (`await pending.get(id)`): the receiver is
 * named as one (`ASTPromiseMap`, `inflightRequests`), this write stores one (`set(id, clientPromise)`,
 * `set(id, load())` of a chain), or the file makes the receiver as a synchronous collection (`new Map()`,
 * `new LRU(…)`). Without types only: the checker knows the store's methods.
 */
export function isDroppedAsyncStoreWrite(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const writer = getStaticPropertyName(callee);
  const readers = writer === null ? undefined : READERS_OF_WRITER.get(writer);
  if (readers === undefined) return false;
  const fn = getEnclosingFunction(call);
  if (!fn || !isAsyncBody(fn)) return false;
  const receiver = skipExpressionWrappers(callee.object);
  if (PROMISE_NAME.test(getTrailingName(receiver) ?? '')) return false;
  if (call.arguments.some(isPromiseLikeValue)) return false;
  if (!readers.some((reader) => isSiblingMethodAwaitedInFile(sourceCode, call, reader))) return false;
  return !getWrittenValues(sourceCode, receiver).some(isSynchronousCollection);
}

function isPromiseLikeValue(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise';
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) return PROMISE_NAME.test(getTrailingName(node) ?? '');
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = node.callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(node.callee) : null;
  return method === 'then' || method === 'catch' || method === 'finally';
}

function isSynchronousCollection(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return true;
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const name = getTrailingName(node.callee);
  return name !== null && SYNCHRONOUS_COLLECTIONS.has(name);
}
