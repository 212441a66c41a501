import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getStaticPropertyName } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { PROMISE_CHAIN_METHODS } from './promiseApis';

/**
 * A method named `…Async` whose result the code itself chains with `.then`/`.catch`/`.finally`:
 * `connection.commitAsync().then(…)`, `client.getAsync(key).then(…)`. The suffix is the naming of promisified
 * methods (Bluebird's `promisifyAll` adds `readFileAsync` next to `readFile`, and knex, Sequelize, redis and many
 * applications of that era call them) and of promise-returning methods in general (`zip.loadAsync()`); the
 * chain says the result is a thenable. Together they say promise without types, where the receiver is a
 * parameter or an object promisified at run time.
 *
 * The suffix alone is not taken: amqplib's `encodeBasicRecoverAsync` (an AMQP method's name) returns a buffer.
 */
const ASYNC_SUFFIXED = /^[a-z][\w$]*[a-z0-9]Async$/;

/** True when `call` is `x.nameAsync(…)` and its result is the receiver of a `.then`/`.catch`/`.finally` call. */
export function isChainedPromisifiedCall(call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  if (member === null || member.computed) return false;
  const method = getStaticPropertyName(member);
  if (method === null || !ASYNC_SUFFIXED.test(method)) return false;
  const chain = call.parent;
  if (chain.type !== AST_NODE_TYPES.MemberExpression || chain.object !== call || chain.computed) return false;
  const chainMethod = getStaticPropertyName(chain);
  return chainMethod !== null && PROMISE_CHAIN_METHODS.has(chainMethod) && chain.parent.type === AST_NODE_TYPES.CallExpression && chain.parent.callee === chain;
}
