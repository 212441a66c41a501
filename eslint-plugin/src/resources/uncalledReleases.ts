import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getNodeType, getTypedServices, isAnyOrUnknown, isCallableType } from '../core/typeInfo';
import { isGlobalName } from '../modules/moduleBindings';

/**
 * A release method named where a call of it was meant: `await Promise.all(connections.map((c) => c.close))` hands
 * `Promise.all` the functions themselves, which it takes as values that are already there, so it resolves at once and
 * nothing is closed (@golevelup/nestjs-rabbitmq 3.1.0's `onApplicationShutdown` closed no AMQP connection; 3.2.0
 * calls `close()`). The same slip in `await client.close;` waits for nothing.
 */
export interface UncalledRelease {
  /** The `c.close` that names the method. */
  readonly member: TSESTree.MemberExpression;
  /** Its name (`close`). */
  readonly method: string;
}

/**
 * Methods whose only job is to give something back: naming one without calling it in a place that waits for its
 * work is never what the code meant. Not `end` (also a common data field: a range's or a segment's end) nor the
 * promise-valued properties some objects have (`writer.closed`, `stream.finished`).
 */
const RELEASE_METHODS: ReadonlySet<string> = new Set(['close', 'destroy', 'disconnect', 'quit', 'release', 'dispose', 'terminate', 'shutdown', 'stop']);

/** The cheap test of a file's text: a release method's name not followed by a call's parenthesis. */
export function mayLeaveReleasesUncalled(text: string): boolean {
  return /\.(?:close|destroy|disconnect|quit|release|dispose|terminate|shutdown|stop)\b\s*(?:[);\],]|$)/m.test(text);
}

/**
 * The release methods named, not called, where their work is waited for: the operand of `await`, an element of the
 * array given to `Promise.all`/`allSettled`, or the expression body of the callback of a `.map(…)` whose result is
 * given to them. With types, only when the member is a function (a promise-valued `close` property is awaited
 * rightly); without them, by its name.
 */
export function findUncalledReleases(context: AnyRuleContext, node: TSESTree.AwaitExpression | TSESTree.CallExpression): UncalledRelease[] {
  const candidates = node.type === AST_NODE_TYPES.AwaitExpression ? [node.argument] : waitedValues(context, node);
  const found: UncalledRelease[] = [];
  for (const candidate of candidates) {
    const member = skipExpressionWrappers(candidate);
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.optional) continue;
    const method = getStaticPropertyName(member);
    if (method === null || !RELEASE_METHODS.has(method) || !isFunctionValued(context, member)) continue;
    found.push({ member, method });
  }
  return found;
}

/** For `Promise.all(…)`/`allSettled(…)`: the expressions whose values it waits for, as written in its argument. */
function waitedValues(context: AnyRuleContext, call: TSESTree.CallExpression): TSESTree.Node[] {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !['all', 'allSettled'].includes(getStaticPropertyName(callee) ?? '')) return [];
  if (!isGlobalName(context.sourceCode, callee.object, 'Promise')) return [];
  const argument = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  if (argument?.type === AST_NODE_TYPES.ArrayExpression) return argument.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
  if (argument?.type !== AST_NODE_TYPES.CallExpression) return [];
  const mapper = skipExpressionWrappers(argument.callee);
  const callback = argument.arguments[0] ? skipExpressionWrappers(argument.arguments[0]) : null;
  if (mapper.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(mapper) !== 'map' || callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return [];
  return callback.body.type === AST_NODE_TYPES.BlockStatement ? [] : [callback.body];
}

/** Without types, true; with them, unless the member's type is known and not callable. */
function isFunctionValued(context: AnyRuleContext, member: TSESTree.MemberExpression): boolean {
  const services = getTypedServices(context);
  if (!services) return true;
  const type = getNodeType(services, member);
  return !type || isAnyOrUnknown(type) || isCallableType(type);
}
