import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getPromiseKind } from './promiseInference';
import { callCannotReject } from './rejection';

/**
 * `void task.finally(cleanup)` on a promise the code also keeps for someone to wait on (`tasks.push(task)`, `await
 * Promise.all(tasks)` later): `.finally()` makes a second promise that settles like the first, so when `task` rejects,
 * the branch rejects too, and nothing handles the branch. `void` tells a linter the promise is meant to float; it
 * handles nothing, so the rejection is unhandled and can end the process, though the code handles `task` itself
 * where it waits on it (@graphql-hive/core 0.22 did the cleanup in a `.then(cleanup, cleanup)` that settles quietly).
 * With a single use, `void task.finally(…)` is the same deliberate detach as `void task` and is left alone. Also a
 * promise kept in a field or a map (`langPromises[key] = load(key).then(…)`, then `langPromises[key]['finally'](clear)`
 * as a statement, with or without `void`: angular-translate 2.13 reported "Possibly unhandled rejection" for every
 * failed language load, and 2.14 ends the branch with `.catch(angular.noop)`).
 */
export interface UnhandledFinallyBranch {
  /** The promise the branch is made from, as written (`task`, `langPromises[key]`). */
  readonly name: string;
  /** Another use of the promise: where the code keeps or waits on it (for a field or map entry, where it is stored). */
  readonly keptAt: TSESTree.Node;
}

/**
 * The facts for `void name.finally(…)` (`detached`, the operand of `void`, chains of `.finally` followed): `name` is
 * a variable never reassigned, initialised with a call that may reject (a promise by the shared inference or the
 * checker, `promises/rejection.ts`), and read somewhere else than in this statement.
 */
export function findUnhandledFinallyBranch(context: AnyRuleContext, detached: TSESTree.Expression): UnhandledFinallyBranch | null {
  let node = skipExpressionWrappers(detached);
  let sawFinally = false;
  while (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'finally') return null;
    sawFinally = true;
    node = skipExpressionWrappers(callee.object);
  }
  if (sawFinally && node.type === AST_NODE_TYPES.MemberExpression) return findStoredPromise(context, node, detached);
  if (!sawFinally || node.type !== AST_NODE_TYPES.Identifier) return null;
  const promise = node;
  const variable = findVariableOf(context.sourceCode, promise);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const init = definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression || callCannotReject(context.sourceCode, init)) return null;
  const keptAt = variable.references.find((reference) => reference.isRead() && !within(reference.identifier, detached))?.identifier;
  if (keptAt?.type !== AST_NODE_TYPES.Identifier || getPromiseKind(context, init) === null) return null;
  return { name: promise.name, keptAt };
}

/**
 * `stored` (a field or an entry, `langPromises[key]`) when the function around `detached` stores a promise that may
 * reject in it earlier (`stored = call(…)`, the last such store before it): the store is where the code keeps it.
 */
function findStoredPromise(context: AnyRuleContext, stored: TSESTree.MemberExpression, detached: TSESTree.Expression): UnhandledFinallyBranch | null {
  const fn = getEnclosingFunction(detached);
  if (!fn) return null;
  const text = context.sourceCode.getText(stored);
  let store: TSESTree.AssignmentExpression | null = null;
  walk(fn.body, (node) => {
    if (node.range[0] >= detached.range[0]) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && context.sourceCode.getText(node.left) === text) store = node;
    return true;
  });
  const found = store as TSESTree.AssignmentExpression | null;
  const init = found ? skipExpressionWrappers(found.right) : null;
  if (!found || init?.type !== AST_NODE_TYPES.CallExpression || callCannotReject(context.sourceCode, init)) return null;
  if (getPromiseKind(context, init) === null && !isThenStep(init)) return null;
  return { name: text, keptAt: found.left };
}

/** `load(key).then(onLoaded, onFailed)`: a step of a promise chain, whatever the inference knows of its start. */
function isThenStep(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  const first = call.arguments[0] ? skipExpressionWrappers(call.arguments[0] as TSESTree.Node) : null;
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'then' && first !== null && isFunctionNode(first);
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
