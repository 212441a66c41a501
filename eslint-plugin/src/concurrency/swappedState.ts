import type { TSESTree } from '@typescript-eslint/utils';

import { type AwaitNode, isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { getSharedState, isTouchedConcurrently, type SharedState, stateText } from './sharedState';
import type { Race } from './racesAcrossAwait';



/**
 * `const previous = { ...process.env }; try { setEnv(); return await run(); } finally { process.env = previous; }`
 * (also `const saved = this.context;` … `this.context = saved;`) in an async function that can run concurrently with
 * itself: the value is swapped for the length of the `await` and put back afterwards, so overlapping calls see each
 * other's value while they wait, and a call that starts during another's swap saves that value and puts it back at
 * its end, losing the original (asyncio's reason for context variables). @anthropic-ai/bedrock-sdk 0.26.3 resolved
 * AWS credentials with explicit keys written into `process.env` this way; 0.26.4 hands them to the signer instead.
 * The copy must be taken in the function before the `try`, from the state itself (`S`, `{ ...S }`,
 * `Object.assign({}, S)`), and put back by a statement of the `finally`; the state is a member of `this`, a binding of
 * the module (or a member of one), or the environment (`process.env`, `process.env.PATH`).
 */
export function findSwappedState(sourceCode: SourceCode, tryStatement: TSESTree.TryStatement): Race | null {
  const finalizer = tryStatement.finalizer;
  const fn = getEnclosingFunction(tryStatement);
  if (!finalizer || !fn || !isAsyncBody(fn)) return null;
  for (const statement of finalizer.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const restore = statement.expression;
    if (restore.type !== AST_NODE_TYPES.AssignmentExpression || restore.operator !== '=') continue;
    const copy = skipExpressionWrappers(restore.right);
    if (copy.type !== AST_NODE_TYPES.Identifier) continue;
    const saved = getConstInit(sourceCode, copy);
    if (!saved || getEnclosingFunction(saved) !== fn || saved.range[1] > tryStatement.range[0]) continue;
    const written = stateText(sourceCode, restore.left);
    if (!copiesState(sourceCode, saved, written)) continue;
    const state = getSharedState(sourceCode, restore.left, fn) ?? environmentState(sourceCode, restore.left, written);
    if (!state) continue;
    // the swap lasts for the `try`'s first `await` (one walk of the block, only once a restore is found)
    const awaitNode = firstAwaitOf(tryStatement.block);
    if (!awaitNode) return null;
    if (!isTouchedConcurrently(sourceCode, state, fn)) continue;
    return { kind: 'swapped-state', state, read: saved, awaitNode, write: restore, functionNode: fn };
  }
  return null;
}

/** The first `await` of `block`, outside nested functions. */
function firstAwaitOf(block: TSESTree.BlockStatement): AwaitNode | null {
  let found: AwaitNode | null = null;
  walk(block, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (isAwaitNode(node)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

/** `S`, `{ ...S }`, `Object.assign({}, S)`: a copy of the state whose text is `text`. */
function copiesState(sourceCode: SourceCode, raw: TSESTree.Node, text: string): boolean {
  const value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const [only] = value.properties;
    return value.properties.length === 1 && only?.type === AST_NODE_TYPES.SpreadElement && stateText(sourceCode, only.argument) === text;
  }
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(value.callee);
    const [target, source] = value.arguments;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      getStaticPropertyName(callee) === 'assign' &&
      isGlobalName(sourceCode, callee.object, 'Object') &&
      value.arguments.length === 2 &&
      target?.type === AST_NODE_TYPES.ObjectExpression &&
      target.properties.length === 0 &&
      source !== undefined &&
      stateText(sourceCode, source) === text
    );
  }
  return (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression) && stateText(sourceCode, value) === text;
}

/**
 * `process.env`, `process.env.PATH`: the environment, shared by every call. (A global function patched for the length
 * of a call, `process.stdout.write = capture`, is left out: on real code, output captured by a command-line tool or a
 * test, one at a time.)
 */
function environmentState(sourceCode: SourceCode, raw: TSESTree.Node, text: string): SharedState | null {
  let env = skipExpressionWrappers(raw);
  while (env.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(env) !== 'env') env = skipExpressionWrappers(env.object);
  if (env.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(env) !== 'env') return null;
  return isGlobalName(sourceCode, env.object, 'process') ? { kind: 'module', text, boundary: null } : null;
}
