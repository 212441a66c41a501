import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { getConstInit } from '../core/scope';

/**
 * An async iterator made over another one (`{ next() { return inner.next().then(…); }, return() { return
 * Promise.resolve({ done: true }); } }`) whose `return()` does not pass the close on: a consumer that stops early (a
 * `for await` left by `break`, a GraphQL subscription ended by its client) closes the outer iterator, and the inner one,
 * with the subscription, the listener or the stream under it, stays open for good. graphql-subscriptions 0.4.2's
 * `withFilter` did this; 0.4.3 calls `asyncIterator.return()` (and `throw()`) from its own.
 *
 * Reported at the `return` method's first statement, for an object literal with `next` and `return` functions, when
 * `next` (or a `const` function of the file it calls) waits on `inner.next()` of a variable `inner` (awaits it or chains
 * `.then` on it: an async iterator, which holds something) and `return` does not mention `inner` at all.
 */
export interface UnforwardedIteratorReturn {
  /** Where to report: the first statement of `return` (its body, for an arrow with an expression body). */
  readonly node: TSESTree.Node;
  /** The inner iterator as written. */
  readonly inner: string;
}

/** The cheap test of a file's text. */
export function mayWrapAsyncIterators(text: string): boolean {
  return text.includes('.next()') && /\breturn\s*(?:\(|:)/.test(text);
}

export function findUnforwardedIteratorReturn(sourceCode: SourceCode, object: TSESTree.ObjectExpression): UnforwardedIteratorReturn | null {
  const next = propertyFunction(object, 'next');
  const close = propertyFunction(object, 'return');
  if (!next || !close) return null;
  const inner = awaitedInnerNext(sourceCode, next) ?? calledLocalFunctions(sourceCode, next).map((fn) => awaitedInnerNext(sourceCode, fn)).find((name) => name !== null) ?? null;
  if (inner === null || mentions(close, inner)) return null;
  const first = close.body.type === AST_NODE_TYPES.BlockStatement ? close.body.body[0] : close.body;
  return first ? { node: first, inner } : null;
}

function propertyFunction(object: TSESTree.ObjectExpression, name: string): FunctionNode | null {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || getStaticPropertyName(property) !== name) continue;
    const value = skipExpressionWrappers(property.value);
    return isFunctionNode(value) ? value : null;
  }
  return null;
}

/** `inner.next().then(…)` or `await inner.next()` in `fn`'s own code, `inner` a plain name: that name. */
function awaitedInnerNext(sourceCode: SourceCode, fn: FunctionNode): string | null {
  let found: string | null = null;
  walk(fn.body, (node) => {
    if (found !== null) return false;
    if (node !== fn.body && isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 0) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'next') return true;
    const receiver = skipExpressionWrappers(callee.object);
    if (receiver.type !== AST_NODE_TYPES.Identifier || !isWaitedOn(node)) return true;
    found = sourceCode.getText(receiver);
    return false;
  });
  return found;
}

/** `await call`, or `call.then(…)`. */
function isWaitedOn(call: TSESTree.CallExpression): boolean {
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return true;
  return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'then';
}

/** The `const` functions of the file that `fn` calls by name in its own code (`getNextPromise()`). */
function calledLocalFunctions(sourceCode: SourceCode, fn: FunctionNode): FunctionNode[] {
  const found: FunctionNode[] = [];
  walk(fn.body, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
      const init = getConstInit(sourceCode, node.callee);
      if (init && isFunctionNode(init)) found.push(init);
    }
    return true;
  });
  return found;
}

function mentions(fn: FunctionNode, name: string): boolean {
  return someNodeWithin(fn, (node) => node.type === AST_NODE_TYPES.Identifier && node.name === name, () => true);
}
