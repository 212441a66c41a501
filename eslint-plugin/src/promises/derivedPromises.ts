import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, isFunctionNode, skipBind, skipExpressionWrappers, someOwnReturn } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';
import { isQuietHandler } from './rejection';

/**
 * `patch.patchPromise(query, span);` as a statement, where `patchPromise` (a function or method of this file) returns a
 * chain it hangs on its parameter, `return promise.then(onOk, (err) => { span.endSpan(); throw err; })`: the chain is a
 * new promise, which rejects whenever the one passed in does, and the statement drops it. The caller may well handle
 * its own promise (it returns `query`), the derived one stays unhandled: every failure becomes an unhandled rejection.
 * @google-cloud/trace-agent 7.1 kept the patched promise (`pgQuery = pgPatch.patchPromise(pgQuery, span)`) and returned
 * that one.
 *
 * Only when every `return` of every function the callee resolves to (at least one) returns, directly or through an
 * assignment (`return (promise = promise.then(…))`), a `then`/`catch`/`finally` chain rooted at one of its own
 * parameters, and the chain can reject: no rejection handler, or a last one that throws (`isQuietHandler` says no).
 * The function calls `then` on what it is given, so it is given a promise; a chain whose handler swallows the error
 * cannot reject and is left alone, as is one whose handler is a name this file does not define or a member
 * (`span.onError`). Returns the callee's name.
 */
export function findDroppedDerivedPromise(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length === 0) return null;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const callables = resolveLocalCallables(sourceCode, callee);
  if (callables.length === 0 || !callables.every((callable) => isFunctionNode(callable) && !callable.async && !callable.generator && returnsRejectableParameterChain(sourceCode, callable))) return null;
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : getStaticPropertyName(callee);
}

function returnsRejectableParameterChain(sourceCode: SourceCode, fn: TSESTree.FunctionLike): boolean {
  if (!isFunctionNode(fn)) return false;
  const parameters = new Set(fn.params.flatMap((parameter) => (parameter.type === AST_NODE_TYPES.Identifier ? [parameter.name] : [])));
  if (parameters.size === 0) return false;
  const values: TSESTree.Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
  else {
    let bare = false;
    someOwnReturn(fn.body, (statement) => {
      if (statement.argument === null) bare = true;
      else values.push(statement.argument);
      return bare || values.length > 8;
    });
    if (bare) return false;
  }
  return values.length > 0 && values.every((value) => isRejectableChainOn(sourceCode, value, parameters));
}

/** `p.then(…)…` (also `(p = p.then(…))`) with `p` among `parameters`, that can reject. */
function isRejectableChainOn(sourceCode: SourceCode, raw: TSESTree.Node, parameters: ReadonlySet<string>): boolean {
  let node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') node = skipExpressionWrappers(node.right);
  // the last link that handles a rejection decides; links before it cannot leave one unhandled
  let decided: boolean | null = null;
  let links = 0;
  for (; links < 16 && node.type === AST_NODE_TYPES.CallExpression; links++) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || (method !== 'then' && method !== 'catch' && method !== 'finally')) return false;
    const handler = method === 'then' ? node.arguments[1] : method === 'catch' ? node.arguments[0] : undefined;
    if (decided === null && handler !== undefined) {
      if (handler.type === AST_NODE_TYPES.SpreadElement) return false;
      // a handler read from an object (`span.onError`) is not judged: it may well not throw
      const known = skipBind(handler);
      decided = (isFunctionNode(known) || known.type === AST_NODE_TYPES.Identifier) && !isQuietHandler(sourceCode, handler, true);
    }
    node = skipExpressionWrappers(callee.object);
  }
  return links > 0 && node.type === AST_NODE_TYPES.Identifier && parameters.has(node.name) && decided !== false;
}
