import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getStaticPropertyName, getTrailingName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { isAwaiterBody } from '../core/compiledAsync';

/**
 * Ending a database transaction: `transaction.rollback()`, `trx.commit()`, `queryRunner.rollbackTransaction()`,
 * `session.abortTransaction()`. Every Node database client whose transaction objects have these methods answers
 * through a promise when no callback is passed (Sequelize, knex and Objection, MikroORM, TypeORM's query runner,
 * Google Datastore and Spanner, MongoDB's sessions, mssql, node-oracledb): the statement is a round trip to the
 * server that can fail (a lost connection, a serialization failure on commit), and a dropped one loses that error
 * and lets the code go on before the transaction ended. Known by the method and by what the receiver is called,
 * since the client is rarely typed where the transaction is used.
 *
 * Not a transaction end here: a call that passes anything that may be a callback (`connection.rollback(done)`,
 * mysql's and tedious's callback API), a call outside an `async` function (callback-style code, where the client
 * may well be a callback one), and IndexedDB's `IDBTransaction.commit()`, which returns nothing: its transaction
 * is opened with store names, `db.transaction('users', 'readwrite')`. Nor the transaction a client hands to a
 * callback it runs (`db.transaction(async (tx) => { … tx.rollback(); })`): there the client settles the transaction
 * by what the callback does, and in drizzle `tx.rollback()` is no round trip at all but a `throw`.
 */

/** Methods of a transaction object that end it. */
const TRANSACTION_METHODS: ReadonlySet<string> = new Set(['rollback', 'commit']);
/** Methods of a session or query runner that end the transaction it runs. */
const RUNNER_METHODS: ReadonlySet<string> = new Set(['rollbackTransaction', 'commitTransaction', 'abortTransaction']);

/** `transaction`, `trx`, `tx`, `txn` (also `tx_`), `dbTransaction`, `this.sessionTransaction`. */
const TRANSACTION_NAME = /^(?:(?:tx|trx|txn|transaction)_?|[a-z_$][\w$]*Transaction)$/i;
/** `queryRunner`, `this.queryRunner`, `session`, `clientSession`. */
const RUNNER_NAME = /^(?:(?:query)?runner|session|[a-z_$][\w$]*(?:QueryRunner|Session))$/i;

/** True when `call` ends a database transaction and so evaluates to a promise (see the file comment). */
export function isTransactionEnd(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  if (member === null) return false;
  const method = getStaticPropertyName(member);
  if (method === null) return false;
  const receiver = getTrailingName(member.object);
  if (receiver === null) return false;
  const named = TRANSACTION_METHODS.has(method) ? TRANSACTION_NAME.test(receiver) : RUNNER_METHODS.has(method) && RUNNER_NAME.test(receiver);
  if (!named || call.arguments.some(mayBeCallback) || !isInAsyncFunction(call) || isHandedToCallback(sourceCode, member.object)) return false;
  return method !== 'commit' || !isIndexedDbTransaction(sourceCode, member.object);
}

/** An argument that may be a callback: anything but a literal, a template, or an object or array literal. */
function mayBeCallback(argument: TSESTree.CallExpressionArgument): boolean {
  const value = skipExpressionWrappers(argument);
  return value.type !== AST_NODE_TYPES.Literal && value.type !== AST_NODE_TYPES.TemplateLiteral &&
    value.type !== AST_NODE_TYPES.ObjectExpression && value.type !== AST_NODE_TYPES.ArrayExpression;
}

function isInAsyncFunction(node: TSESTree.Node): boolean {
  const fn = getEnclosingFunction(node);
  return fn !== null && (fn.async || isAwaiterBody(fn));
}

/** Calls that run a callback inside a transaction they open: `transaction`, `$transaction`, `runTransaction`, `withTransaction`, `transact`. */
const TRANSACTION_RUNNER = /transact/i;

/** `db.transaction(async (tx) => …)`: a parameter of a callback handed to a call that runs it in a transaction. */
function isHandedToCallback(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  const object = skipExpressionWrappers(receiver);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(sourceCode, object)?.defs[0];
  if (definition?.type !== 'Parameter') return false;
  const callback = definition.node;
  const call = callback.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(callback as TSESTree.CallExpressionArgument) &&
    TRANSACTION_RUNNER.test(getTrailingName(call.callee) ?? '');
}

/** `const tx = db.transaction('users', 'readwrite')`: IndexedDB opens a transaction over named stores. */
function isIndexedDbTransaction(sourceCode: SourceCode, receiver: TSESTree.Node): boolean {
  const object = skipExpressionWrappers(receiver);
  if (object.type !== AST_NODE_TYPES.Identifier) return false;
  const init = getConstInit(sourceCode, object);
  if (init?.type !== AST_NODE_TYPES.CallExpression || getTrailingName(init.callee) !== 'transaction') return false;
  const first = init.arguments[0];
  if (first === undefined) return false;
  const storeNames = skipExpressionWrappers(first);
  return !isFunctionNode(storeNames) && (storeNames.type === AST_NODE_TYPES.Literal || storeNames.type === AST_NODE_TYPES.ArrayExpression ||
    storeNames.type === AST_NODE_TYPES.TemplateLiteral);
}
