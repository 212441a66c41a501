import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getCalleeMember, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { findVariableOf } from '../core/scope';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * `res = res.pipe(zlib.createUnzip())`, then `res.destroy()`: the variable that held the response now holds the
 * stream it was piped into, so the destroy meant to close the response (on a timeout, an abort) destroys the unzip
 * stream instead, and the response, with its socket, stays open (algoliasearch 3.20.0's request timeout; 3.20.1 keeps
 * the original response and destroys that). Reported at the `destroy()`/`abort()` written after the reassignment (or in
 * a function that runs later), when the variable's value before the pipe is copied nowhere (`const original = res`).
 */
export interface DestroyOfPipedDestination {
  readonly call: TSESTree.CallExpression;
  readonly name: string;
  /** The `v = v.pipe(…)` assignment. */
  readonly reassignment: TSESTree.AssignmentExpression;
}

const CLOSE_METHODS: ReadonlySet<string> = new Set(['destroy', 'abort']);

/** The cheap test of a file's text. */
export function mayDestroyPipedDestinations(text: string): boolean {
  return /\b([\w$]+)\s*=\s*\1\.pipe\(/.test(text) && /\.(?:destroy|abort)\(/.test(text);
}

export function findDestroyOfPipedDestination(sourceCode: SourceCode, call: TSESTree.CallExpression): DestroyOfPipedDestination | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  if (!member || method === null || !CLOSE_METHODS.has(method)) return null;
  const receiver = skipExpressionWrappers(member.object);
  if (receiver.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, receiver);
  if (!variable) return null;
  let reassignment: TSESTree.AssignmentExpression | null = null;
  for (const reference of variable.references) {
    const position = getOutermostWrapper(reference.identifier);
    const parent = position.parent;
    if (reference.isWrite() && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === position && isPipeOf(parent.right, variable)) {
      reassignment ??= parent;
      continue;
    }
    // `const original = res`: the value before the pipe is kept, and may be what the code closes
    if (reference.isRead() && (parent?.type === AST_NODE_TYPES.VariableDeclarator || parent?.type === AST_NODE_TYPES.AssignmentExpression) && (parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.init : parent.right) === position) {
      return null;
    }
  }
  if (!reassignment || reassignment.range[1] > call.range[0]) return null;
  return { call, name: receiver.name, reassignment };
}

/** `v.pipe(…)` on the variable itself. */
function isPipeOf(raw: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  const value = skipExpressionWrappers(raw);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const member = getCalleeMember(value);
  const object = member ? skipExpressionWrappers(member.object) : null;
  return member !== null && getStaticPropertyName(member) === 'pipe' && object?.type === AST_NODE_TYPES.Identifier && variable.references.some((reference) => reference.identifier === object);
}
