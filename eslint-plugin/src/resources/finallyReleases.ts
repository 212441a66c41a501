import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { INFERRED_RELEASE_METHODS } from './inferredResources';
import { getEnclosingFinallyTry } from './resourceAnalysis';

/**
 * A release in a `finally` block that an `await` of the same value, earlier in that block, can skip:
 * `finally { if (tx) await client.query('commit'); client.release(); }`. The `finally` is there so that the value is
 * given back whatever happens; when the awaited call rejects (a commit that fails, a lost connection), the block ends
 * at the `await`, the release below it never runs, and the value leaks (postgraphile 4.3.1 lost a pool client each
 * time a commit failed; 4.3.2 releases it in a `finally` of its own around the commit).
 *
 * Only when the awaited call is a method of the same variable that the release gives back (its own last work, not a
 * release itself), not inside a `try` of its own within the block (someone handled it), and the release is a call of a
 * release method (`release`, `close`, `end`, `destroy`…) on that variable. An `await` of something else (a log flush,
 * another value's close) is not read as a risk to this value: it may not reject, and the code says nothing of it.
 */
export interface ReleaseSkippedInFinally {
  /** The release (`client.release()`). */
  readonly release: TSESTree.CallExpression;
  /** The `await` before it in the `finally` block that can end the block. */
  readonly risk: TSESTree.AwaitExpression;
  readonly name: string;
}

/** The cheap test of a file's text: a `finally` block, and an `await`. */
export function mayReleaseAfterAwaitInFinally(text: string): boolean {
  return /\bfinally\s*\{/.test(text) && /\bawait\b/.test(text);
}

/** `call` releases a variable in a `finally` block after an `await` of its own method there: that `await`. */
export function findReleaseSkippedInFinally(call: TSESTree.CallExpression): ReleaseSkippedInFinally | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || !INFERRED_RELEASE_METHODS.has(method)) return null;
  const receiver = skipExpressionWrappers(member.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return null;
  const fn = getEnclosingFunction(call);
  if (!fn) return null;
  const tryStatement = getEnclosingFinallyTry(call, fn);
  const finalizer = tryStatement?.finalizer;
  if (!finalizer) return null;
  let risk: TSESTree.AwaitExpression | null = null;
  walk(finalizer, (node) => {
    if (risk !== null || node.range[0] >= call.range[0]) return false;
    if (isFunctionNode(node)) return false;
    // an `await` inside a `try` of its own in the block: its failure is handled there (or the release follows it in
    // that try's `finally`)
    if (node.type === AST_NODE_TYPES.TryStatement) return false;
    if (node.type === AST_NODE_TYPES.AwaitExpression && isOwnWorkOf(node, receiver.name)) {
      risk = node;
      return false;
    }
    return true;
  });
  return risk === null ? null : { release: call, risk, name: receiver.name };
}

/** `await client.query('commit')`: a call of a method of `name` that is not a release itself. */
function isOwnWorkOf(awaited: TSESTree.AwaitExpression, name: string): boolean {
  const value = skipExpressionWrappers(awaited.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = getCalleeMember(value);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || INFERRED_RELEASE_METHODS.has(method)) return false;
  const object = skipExpressionWrappers(member.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === name;
}
