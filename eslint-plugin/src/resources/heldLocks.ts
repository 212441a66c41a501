import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin, walk } from '../core/ast';
import { getAwaitedValue, isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { receiverKey } from '../core/thisBinding';
import { firstUnsafeExit, statementEndsSafely } from './busyFlags';
import { getEnclosingFinallyTry } from './resourceAnalysis';

/**
 * A lock an async function takes and gives back only on some of its ways out: `await lock.acquireLock(key);
 * … await work(); lock.releaseLock(key);` (also `mutex.lock()`/`unlock()`, `sem.acquire()`/`release()`, and
 * `const release = await mutex.acquire(); … release();`), the release not in a `finally`, with a `return`, a `throw`
 * or an `await` that can reject between the two. On that path the lock stays taken, and every later caller waits
 * for it for good (or until the lock's own timeout). @auth0/auth0-spa-js 1.5.0's `getTokenSilently()` took a
 * cross-tab lock and released it at the end of its happy path, after an iframe round trip and a token request that
 * can fail; 1.6.0 releases it in a `finally`.
 */
export interface LockLeftHeld {
  /** The statement that takes the lock. */
  readonly acquire: TSESTree.Statement;
  /** The lock as written (`lock`, `this.mutex`). */
  readonly lock: string;
  /** The first release the function reaches on its happy path. */
  readonly release: TSESTree.Node;
  /** What leaves the function with the lock still taken: a `return`, a `throw`, an `await`, or null for the end of the function. */
  readonly exit: TSESTree.Node | null;
}

/** The method that takes a lock, and the one on the same lock that gives it back. */
const RELEASE_OF: ReadonlyMap<string, string> = new Map([
  ['acquireLock', 'releaseLock'],
  ['acquire', 'release'],
  ['lock', 'unlock'],
]);

/** Cheap text filter: a file that never releases or unlocks anything takes no lock this way. */
export function mayLeaveLocksHeld(text: string): boolean {
  return text.includes('release') || text.includes('unlock');
}

/** How the lock is given back: a method call on the same lock (with the same first argument), or a call of the function the acquisition handed back. */
type ReleaseMatcher = (node: TSESTree.Node) => boolean;

/** The lock `statement` takes and some way out of its function leaves taken, or null. */
export function findLockLeftHeld(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration): LockLeftHeld | null {
  const block = statement.parent;
  const fn = block.type === AST_NODE_TYPES.BlockStatement ? block.parent : null;
  if (!fn || !isFunctionNode(fn) || fn.body !== block || !isAsyncBody(fn)) return null;
  const taken = readAcquisition(sourceCode, statement);
  if (!taken) return null;
  const releases: TSESTree.Node[] = [];
  let releasedInside = false;
  walk(fn.body, (node) => {
    if (node.range[0] < statement.range[1] || !taken.isRelease(node)) return true;
    if (getEnclosingFunction(node) !== fn || getEnclosingFinallyTry(node, fn) !== null) releasedInside = true;
    else releases.push(node);
    return false;
  });
  // released in a callback or a `finally`: the rule does not follow which ways out reach it
  if (releasedInside || releases.length === 0 || isReleasedElsewhere(sourceCode, fn, taken.isRelease)) return null;
  const isRelease = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.ExpressionStatement && releases.includes(node);
  const exit = firstUnsafeExit(sourceCode, fn, statement, (node) => statementEndsSafely(node, isRelease), isRelease);
  if (exit === undefined) return null;
  return { acquire: statement, lock: taken.lock, release: releases[0] as TSESTree.Node, exit };
}

/** `await lock.acquire(…)` as a statement, or `const release = await mutex.acquire(…)`: the lock and how it is given back. */
function readAcquisition(sourceCode: SourceCode, statement: TSESTree.ExpressionStatement | TSESTree.VariableDeclaration): { lock: string; isRelease: ReleaseMatcher } | null {
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const call = awaitedCall(statement.expression);
    const callee = call ? skipExpressionWrappers(call.callee) : null;
    if (!call || callee?.type !== AST_NODE_TYPES.MemberExpression) return null;
    const releaseMethod = RELEASE_OF.get(getStaticPropertyName(callee) ?? '');
    const lock = releaseMethod ? receiverKey(sourceCode, callee.object) : null;
    if (!releaseMethod || lock === null) return null;
    const key = call.arguments[0] ? sourceCode.getText(call.arguments[0]) : null;
    return { lock, isRelease: (node) => isMethodRelease(sourceCode, node, lock, releaseMethod, key) };
  }
  const declarator = statement.declarations.length === 1 ? statement.declarations[0] : undefined;
  if (statement.kind !== 'const' || declarator?.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const call = awaitedCall(declarator.init);
  const callee = call ? skipExpressionWrappers(call.callee) : null;
  if (callee?.type !== AST_NODE_TYPES.MemberExpression || !RELEASE_OF.has(getStaticPropertyName(callee) ?? '')) return null;
  const variable = findVariableOf(sourceCode, declarator.id);
  // the value is a release function only when every use of it calls it (a pooled client is used otherwise)
  const references = variable?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
  if (references.length === 0 || !references.every((reference) => isCalledBare(reference.identifier))) return null;
  const ids = new Set(references.map((reference) => reference.identifier));
  return { lock: receiverKey(sourceCode, callee.object) ?? sourceCode.getText(callee.object), isRelease: (node) => releasedCall(node, (call) => ids.has(skipExpressionWrappers(call.callee) as TSESTree.Identifier)) };
}

function awaitedCall(raw: TSESTree.Expression): TSESTree.CallExpression | null {
  const expression = skipExpressionWrappers(raw);
  if (!isAwaitNode(expression)) return null;
  const awaited = skipExpressionWrappers(getAwaitedValue(expression));
  return awaited.type === AST_NODE_TYPES.CallExpression ? awaited : null;
}

/** `release();` (or `await release();`) as a statement, its callee an identifier. */
function isCalledBare(identifier: TSESTree.Node): boolean {
  const call = identifier.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === identifier && call.arguments.length === 0;
}

/** A statement, or an arrow function's expression body, that is a call (awaited or not) `matches` accepts. */
function releasedCall(node: TSESTree.Node, matches: (call: TSESTree.CallExpression) => boolean): boolean {
  const isArrowBody = node.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && node.parent.body === node;
  if (node.type !== AST_NODE_TYPES.ExpressionStatement && !isArrowBody) return false;
  let expression = skipExpressionWrappers(node.type === AST_NODE_TYPES.ExpressionStatement ? node.expression : (node as TSESTree.Expression));
  if (isAwaitNode(expression)) expression = skipExpressionWrappers(getAwaitedValue(expression));
  return expression.type === AST_NODE_TYPES.CallExpression && matches(expression);
}

/** `lock.releaseLock(key)` on the same lock, with the same first argument as the acquisition (or none on both). */
function isMethodRelease(sourceCode: SourceCode, node: TSESTree.Node, lock: string, method: string, key: string | null): boolean {
  return releasedCall(node, (call) => {
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== method) return false;
    const argument = call.arguments[0] ? sourceCode.getText(call.arguments[0]) : null;
    return argument === key && receiverKey(sourceCode, callee.object) === lock;
  });
}

/** Some code of the file outside `fn` releases the same lock (a `stop()`, a timer, a helper): not followed. */
function isReleasedElsewhere(sourceCode: SourceCode, fn: FunctionNode, isRelease: ReleaseMatcher): boolean {
  return someNodeWithin(sourceCode.ast, (node) => isRelease(node), (node) => node !== fn);
}
