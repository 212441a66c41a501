import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { receiverKey } from '../core/thisBinding';

/**
 * A server started by a function on a port picked for it (`server.listen(0)`, the way a helper runs an app it was
 * handed), with what `listen` returns thrown away and nothing in the file closing the server: every call leaves a
 * socket listening, and a process that should end does not (supertest 0.10's `serverAddress` started an app's
 * server per request and never closed it; 0.11 keeps it and closes it when the request ends). Only for a server in a
 * variable used for nothing but its own methods and tests (not returned, stored or handed on: its holder may close
 * it), or in a field, and a file that never calls `close` on it.
 */
export interface EphemeralServer {
  readonly call: TSESTree.CallExpression;
  /** The server, as written. */
  readonly server: string;
}

/** The cheap test of a file's text. */
export function mayLeaveEphemeralServers(text: string): boolean {
  return /\.listen\(\s*0\s*[,)]/.test(text);
}

export function findEphemeralServer(sourceCode: SourceCode, call: TSESTree.CallExpression): EphemeralServer | null {
  const member = getCalleeMember(call);
  const port = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  if (!member || getStaticPropertyName(member) !== 'listen' || port?.type !== AST_NODE_TYPES.Literal || port.value !== 0) return null;
  if (getOutermostWrapper(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement || !getEnclosingFunction(call)) return null;
  const key = receiverKey(sourceCode, member.object);
  if (!key || closedReceivers(sourceCode).has(key)) return null;
  const object = skipExpressionWrappers(member.object);
  if (object.type === AST_NODE_TYPES.Identifier && !isOnlyUsedThroughItsMembers(sourceCode, object)) return null;
  return { call, server: sourceCode.getText(member.object) };
}

/** Every read of the variable is `v.method(…)`, `v.x`, or a test of it (`v instanceof S`, `if (v)`). */
function isOnlyUsedThroughItsMembers(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable) return false;
  return variable.references.every((reference) => {
    if (reference.isWrite()) return reference.identifier.parent?.type === AST_NODE_TYPES.VariableDeclarator;
    const position = getOutermostWrapper(reference.identifier);
    const parent = position.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position) return true;
    if (parent?.type === AST_NODE_TYPES.BinaryExpression && parent.operator === 'instanceof') return true;
    return parent?.type === AST_NODE_TYPES.IfStatement || parent?.type === AST_NODE_TYPES.UnaryExpression;
  });
}

const closedCache = createFileCache<'closed', Set<string>>();

/** Receivers the file calls `close`, `closeAllConnections`, `unref` or `destroy` on. */
function closedReceivers(sourceCode: SourceCode): Set<string> {
  const cache = closedCache(sourceCode);
  const known = cache.get('closed');
  if (known) return known;
  const closed = new Set<string>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return true;
    const member = getCalleeMember(node);
    const method = member ? getStaticPropertyName(member) : null;
    if (member && method !== null && ['close', 'closeAllConnections', 'unref', 'destroy'].includes(method)) {
      const key = receiverKey(sourceCode, member.object);
      if (key) closed.add(key);
    }
    return true;
  });
  cache.set('closed', closed);
  return closed;
}
