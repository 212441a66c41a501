import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someOwnReturn, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';

/**
 * `await this.request({ … });` as a statement, where `request` is a function or method of this file that hands back
 * the `Response` of the global `fetch` (`const response = await fetch(url, …); … return response;`), and another
 * call of it in the file reads the response's body (`const response = await this.request(…); … response.body`): the
 * statement drops the response without reading or cancelling its body, so the body's stream, and the connection or
 * subrequest under it, stays open until the response is collected. @clickhouse/client-web 0.2.7 drained the insert's
 * response (`await res.text()`), which Cloudflare Workers and `async_insert` needed.
 *
 * Only for a callee whose every `return` hands back such a response or a rejection (`Promise.reject(…)`), and when the
 * file reads a body from another call of the same callee: that use says the body is the caller's to consume.
 */
export interface DroppedResponse {
  readonly call: TSESTree.CallExpression;
  /** The callee, as written (`this.request`). */
  readonly callee: string;
  /** Another call of it whose body is read. */
  readonly reader: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayDropResponses(text: string): boolean {
  return text.includes('fetch(') && text.includes('.body');
}

export function findDroppedResponse(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement): DroppedResponse | null {
  const awaited = skipExpressionWrappers(statement.expression);
  if (awaited.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const call = skipExpressionWrappers(awaited.argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(call.callee);
  const callables = resolveLocalCallables(sourceCode, callee);
  if (callables.length === 0 || !callables.every((callable) => isFunctionNode(callable) && returnsFetchResponse(sourceCode, callable))) return null;
  const text = sourceCode.getText(callee);
  const reader = findBodyReader(sourceCode, text, call);
  return reader ? { call, callee: text, reader } : null;
}

/** Every `return` hands back a variable holding `await fetch(…)`, or a rejection; at least one the former. */
function returnsFetchResponse(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  if (!isFunctionNode(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  let responses = 0;
  let other = false;
  someOwnReturn(fn.body, (statement) => {
    const value = statement.argument ? skipExpressionWrappers(statement.argument) : null;
    if (value && isFetchResponse(sourceCode, value)) responses++;
    else if (!value || !isRejection(sourceCode, value)) other = true;
    return other;
  });
  return responses > 0 && !other;
}

function isFetchResponse(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  let node = value;
  if (node.type === AST_NODE_TYPES.Identifier) node = getConstInit(sourceCode, node) ?? node;
  node = skipExpressionWrappers(node);
  if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
  return node.type === AST_NODE_TYPES.CallExpression && isGlobalName(sourceCode, node.callee, 'fetch');
}

function isRejection(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'reject' && isGlobalName(sourceCode, callee.object, 'Promise');
}

/** `const response = await <callee>(…)` elsewhere in the file whose `response.body` (or a body read) is used. */
function findBodyReader(sourceCode: SourceCode, calleeText: string, except: TSESTree.CallExpression): TSESTree.CallExpression | null {
  let reader: TSESTree.CallExpression | null = null;
  walk(sourceCode.ast, (node) => {
    if (reader) return false;
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return true;
    const init = skipExpressionWrappers(node.init);
    const call = init.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(init.argument) : null;
    if (call?.type === AST_NODE_TYPES.CallExpression && call !== except && sourceCode.getText(skipExpressionWrappers(call.callee)) === calleeText && readsBody(sourceCode, node.id)) reader = call;
    return true;
  });
  return reader;
}

const BODY_READS: ReadonlySet<string> = new Set(['body', 'text', 'json', 'arrayBuffer', 'blob', 'formData']);

function readsBody(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  return (findVariableOf(sourceCode, name)?.references ?? []).some((reference) => {
    const member = reference.identifier.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === reference.identifier && BODY_READS.has(getStaticPropertyName(member) ?? '');
  });
}
