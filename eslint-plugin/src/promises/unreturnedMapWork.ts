import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isConsoleCall, isFunctionNode, skipExpressionWrappers, someOwnReturn } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { getTypedServices } from '../core/typeInfo';
import { getPromiseCombinator } from './promiseApis';
import { hasInformativeType, isPromiseExpression } from './promiseInference';

/**
 * Work started in the callback of a `map` that a promise combinator waits for, and not returned:
 * `Promise.all(this.tasks.map((task) => { task.check(context); }))`. The braces make the callback's body a block,
 * the block returns nothing, so the combinator gets an array of `undefined` and settles at once: nothing waits for
 * the work it was written to wait for, and a rejection of it goes unhandled (listr2 3.8.4's `checkAll()` ran tasks
 * before their async `enabled` checks ended; 3.8.6 returns the call).
 *
 * Only a plain `function`/arrow callback (an async one returns its promise) whose block has no `return` with a value,
 * and whose last statement is a call: that call is the work (not bookkeeping such as `items.forEach(…)`, `push`,
 * `emit`, `resolve`, logging). With types, only when the call's type is a promise or
 * unknown (a call of a known non-promise type is bookkeeping, and the combinator's misuse is not a floating promise).
 */
export interface UnreturnedMapWork {
  /** The statement that calls the work and drops its promise. */
  readonly statement: TSESTree.ExpressionStatement;
  /** The work, as called (`task.check(context)`). */
  readonly call: TSESTree.CallExpression;
  /** The combinator (`all`, `allSettled`, `any`, `race`). */
  readonly combinator: string;
}

/** The cheap test of a file's text: a combinator and a `map` with a block-bodied callback. */
export function mayDropMapWork(text: string): boolean {
  return /\bPromise\s*\.\s*(?:all|allSettled|any|race)\s*\(/.test(text) && /\.map\(\s*(?:function\b|\([^()]*\)\s*=>\s*\{|[\w$]+\s*=>\s*\{)/.test(text);
}

/** The dropped work of the `map` callback that `call`, a promise combinator, is given; null when there is none. */
export function findUnreturnedMapWork(context: AnyRuleContext, call: TSESTree.CallExpression): UnreturnedMapWork | null {
  const [list] = call.arguments;
  if (list === undefined || list.type === AST_NODE_TYPES.SpreadElement) return null;
  const combinator = getPromiseCombinator(context.sourceCode, call);
  if (combinator === null) return null;
  const mapCall = skipExpressionWrappers(list);
  if (mapCall.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(mapCall.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'map') return null;
  const callback = mapCall.arguments[0] ? skipExpressionWrappers(mapCall.arguments[0]) : null;
  if (!callback || !isFunctionNode(callback) || callback.async || callback.generator || callback.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const body = callback.body;
  if (someOwnReturn(body, (statement) => statement.argument !== null)) return null;
  const last = body.body[body.body.length - 1];
  if (last?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const work = skipExpressionWrappers(last.expression);
  if (work.type !== AST_NODE_TYPES.CallExpression || isConsoleCall(work) || isBookkeeping(work)) return null;
  const services = getTypedServices(context);
  if (services && hasInformativeType(services, work) && !isPromiseExpression(context, work)) return null;
  return { statement: last, call: work, combinator };
}

/** Methods whose call is synchronous bookkeeping on a collection, an emitter or a deferred, not work to wait for. */
const BOOKKEEPING_METHODS: ReadonlySet<string> = new Set([
  'forEach', 'push', 'unshift', 'splice', 'set', 'delete', 'clear', 'sort', 'reverse', 'fill', 'emit', 'resolve', 'reject', 'assign', 'log', 'debug', 'info', 'warn', 'error', 'trace',
]);

/** `items.forEach(…)`, `results.push(…)`, `deferred.resolve(…)`: nothing a combinator could wait for. */
function isBookkeeping(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return name !== null && BOOKKEEPING_METHODS.has(name);
}
