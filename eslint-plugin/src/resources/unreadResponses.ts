import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper, getPlainPropertyRead, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { exportPath, resolveModuleReference } from '../modules/moduleBindings';

/**
 * A response callback of Node's `http.request`/`http.get` (or `https`'s) that never reads the response: Node's docs
 * say that once a `'response'` handler is given, the body must be consumed (`res.resume()`, a `'data'` listener, a
 * pipe); until it is, the response holds its memory and its socket, which a keep-alive agent never gets back for its
 * next request. jaeger-client 3.14.4's HTTP sender only called its callback with `numSpans`; 3.15.0 calls
 * `resp.resume()` first.
 *
 * Reported when the callback takes no parameter, or its response parameter is not used at all, or only for plain property reads
 * (`res.statusCode`, `res.headers`): any other use (a method called on it, an event listener, a pipe, handing it to a
 * function, returning or storing it) may consume it. The callee is `request`/`get` of `http`/`https` as written, or a
 * variable whose every value is one of them (`const requester = secure ? https.request : http.request`).
 */
export interface UnreadResponse {
  /** The `http.request(…)` call. */
  readonly call: TSESTree.CallExpression;
  /** The callback's response parameter; null when it takes none. */
  readonly response: TSESTree.Identifier | null;
  /** The callee as the messages name it: `` `http.request` ``, `` `https.request`/`http.request` ``. */
  readonly callee: string;
}

const CLIENT_MODULES: ReadonlySet<string> = new Set(['http', 'https']);
const REQUEST_FUNCTIONS: ReadonlySet<string> = new Set(['request', 'get']);

/** How many `?:` and `||` branches a callee's value is followed through. */
const MAX_BRANCHES = 4;

/** The cheap test of a file's text: it loads Node's `http` or `https` (`require('https')`, `from 'node:http'`, `import('http')`). */
export function mayLeaveResponsesUnread(text: string): boolean {
  return /(?:require\s*\(|import\s*\(|from)\s*['"](?:node:)?https?['"]/.test(text);
}

export function findUnreadResponse(sourceCode: SourceCode, call: TSESTree.CallExpression): UnreadResponse | null {
  const last = call.arguments[call.arguments.length - 1];
  const callback = last ? skipExpressionWrappers(last) : null;
  if (!callback || !isFunctionNode(callback) || call.arguments.length < 2) return null;
  // cheap first: `x.request(…)`/`x.get(…)`, or a name that may hold one
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier && !(callee.type === AST_NODE_TYPES.MemberExpression && REQUEST_FUNCTIONS.has(getStaticPropertyName(callee) ?? ''))) return null;
  const response = callback.params[0] ?? null;
  if (response !== null && response.type !== AST_NODE_TYPES.Identifier) return null;
  const requestFunction = requestFunctionOf(sourceCode, callee);
  if (requestFunction === null || (response !== null && !leavesUnread(sourceCode, callback, response))) return null;
  return { call, response, callee: requestFunction };
}

/** `http.request`, `https.get`, or a variable every value of which is one (`secure ? https.request : http.request`). */
function requestFunctionOf(sourceCode: SourceCode, callee: TSESTree.Node): string | null {
  const names = new Set<string>();
  const pending: TSESTree.Node[] = [callee];
  for (let seen = 0; pending.length > 0; seen++) {
    const value = skipExpressionWrappers(pending.pop() as TSESTree.Node);
    if (seen > MAX_BRANCHES) return null;
    if (value.type === AST_NODE_TYPES.ConditionalExpression) pending.push(value.consequent, value.alternate);
    else if (value.type === AST_NODE_TYPES.LogicalExpression) pending.push(value.left, value.right);
    else {
      const reference = resolveModuleReference(sourceCode, value);
      const path = reference ? exportPath(reference) : [];
      if (reference && CLIENT_MODULES.has(reference.module) && path.length === 1 && REQUEST_FUNCTIONS.has(path[0] as string)) {
        names.add(`${reference.module}.${path[0] as string}`);
        continue;
      }
      const init = value.type === AST_NODE_TYPES.Identifier ? getConstInit(sourceCode, value) : null;
      if (!init) return null;
      pending.push(init);
    }
  }
  return names.size > 0 ? [...names].sort().map((name) => `\`${name}\``).join('/') : null;
}

/** The response is never used but for plain property reads (`res.statusCode`), which consume nothing. */
function leavesUnread(sourceCode: SourceCode, callback: FunctionNode, response: TSESTree.Identifier): boolean {
  const variable = findVariableOf(sourceCode, response);
  if (!variable || variable.defs[0]?.node !== callback) return false;
  return variable.references.every((reference) => reference.identifier.type === AST_NODE_TYPES.Identifier && isPlainPropertyRead(reference.identifier));
}

/** Methods and sockets of a response, whose use may consume or release it even when only read as a property. */
const CONSUMING_PROPERTIES = /^(?:socket|connection|on|once|pipe|resume|read|destroy|setEncoding|readable)$/;

/** `res.statusCode`, `res.headers.location`: a plain read, which consumes nothing (`res.socket.destroy()` may). */
function isPlainPropertyRead(identifier: TSESTree.Identifier): boolean {
  const read = getPlainPropertyRead(identifier);
  return read !== null && !CONSUMING_PROPERTIES.test(read.name) && !isMethodCallThrough(read.member);
}

/** `res.socket.destroy()`: a call reached through a property of the response. */
function isMethodCallThrough(member: TSESTree.MemberExpression): boolean {
  let current: TSESTree.Node = getOutermostWrapper(member);
  while (current.parent?.type === AST_NODE_TYPES.MemberExpression && current.parent.object === current) current = getOutermostWrapper(current.parent);
  const parent = current.parent;
  return current !== getOutermostWrapper(member) && parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current;
}
