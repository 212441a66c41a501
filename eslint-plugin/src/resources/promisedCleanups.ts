import type { TSESTree } from '@typescript-eslint/utils';

import { isAsyncBody } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getOutermostWrapper, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';
import { EMITTER_ENDS } from './teardownListeners';

/**
 * A call, its result dropped, of an async function of the file that returns a cleanup function (`return () => {
 * subscription.unsubscribe(); }`): the cleanup comes wrapped in the async function's promise, and the call drops
 * the promise, so what the cleanup would release stays held. rxdb 17.4.0's `useLiveRxQuery` ran an async
 * `useCallback` from its effect (`useEffect(() => { runQuery(); })`), and the live query's subscription was never
 * unsubscribed; 17.5.0 made the callback synchronous and returns its cleanup from the effect. The function is found
 * by name (a function of the file, or a `const` holding `useCallback(async () => …)`); the cleanup is a function
 * written in a `return` of the async function itself (not of a nested function) whose body calls a release: a
 * method that ends something (`unsubscribe`, `close`, `dispose`, `abort`…), takes something off (`remove…`, `off`,
 * `unlisten`) or clears it (`clear…`).
 */
export interface PromisedCleanup {
  readonly call: TSESTree.CallExpression;
  /** The async function whose promise holds the cleanup. */
  readonly fn: FunctionNode;
  /** The returned cleanup. */
  readonly cleanup: FunctionNode;
  /** The release the cleanup calls (`subscription.unsubscribe`). */
  readonly release: TSESTree.Node;
}

/** The cheap test of a file's text: a function returned that releases something. */
export function mayPromiseCleanups(text: string): boolean {
  return /return\s*(?:\(\)\s*=>|function\s*\(\))/.test(text) && text.includes('async');
}

export function findPromisedCleanup(sourceCode: SourceCode, call: TSESTree.CallExpression): PromisedCleanup | null {
  if (getOutermostWrapper(call).parent?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  for (const fn of asyncFunctionsCalled(sourceCode, call)) {
    const returned = returnedCleanup(fn);
    if (returned) return { call, fn, cleanup: returned.cleanup, release: returned.release };
  }
  return null;
}

/** The async functions of the file a call runs: by name, also through a `const` holding `useCallback(async () => …)`. */
function asyncFunctionsCalled(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode[] {
  return resolveLocalCallables(sourceCode, skipExpressionWrappers(call.callee)).filter((fn): fn is FunctionNode => isFunctionNode(fn) && isAsyncBody(fn));
}

/** A function literal the async function returns (in its own body) whose body calls a release. */
function returnedCleanup(fn: FunctionNode): { cleanup: FunctionNode; release: TSESTree.Node } | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  let found: { cleanup: FunctionNode; release: TSESTree.Node } | null = null;
  walk(fn.body, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const returned = skipExpressionWrappers(node.argument);
      const release = isFunctionNode(returned) && !returned.async ? findRelease(returned) : null;
      if (release) found = { cleanup: returned as FunctionNode, release };
    }
    return true;
  });
  return found;
}

/** A call in the cleanup's own body of a method that releases: `subscription.unsubscribe()`, `target.removeEventListener(…)`. */
function findRelease(cleanup: FunctionNode): TSESTree.Node | null {
  let release: TSESTree.Node | null = null;
  walk(cleanup.body, (node) => {
    if (release || (node !== cleanup.body && isFunctionNode(node))) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipExpressionWrappers(node.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      if (name !== null && isReleaseName(name)) release = callee;
    }
    return true;
  });
  return release;
}

function isReleaseName(name: string): boolean {
  return EMITTER_ENDS.has(name) || name === 'off' || name === 'unlisten' || /^(?:remove|clear)[A-Z]?/.test(name);
}
