import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getTrailingName, pushChildrenLastFirst, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { splitIdentifierWords } from '../core/nameWords';
import type { SourceCode } from '../core/ruleContext';
import { type ReleaseSpec, uncataloguedSpec } from './releaseSpec';

/**
 * A value the catalog does not know, that this function acquires and that the code itself says is a resource:
 * - `released`: the function releases it itself (`browser.close()`, `runner.release()`, `conn.end()`), so it is
 *   the function's to release on every path; only a release that some path skips is worth a report;
 * - `pooled`: a client checked out of a pool here (`const client = await pool.connect()`, `pool.getConnection()`,
 *   `pool.acquire()`, whatever the pool is): checked out here, so given back here, or the pool drains. Whether a
 *   client that is never given back is a leak, the file says by giving such clients back elsewhere
 *   (`getReleasedCheckoutMethods`).
 */
export interface InferredAcquisition {
  readonly kind: 'released' | 'pooled';
  readonly declarator: TSESTree.VariableDeclarator;
  readonly id: TSESTree.Identifier;
  /** The call or construction that gives the value. */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The expression whose value is the resource (`await pool.connect()`, `launch()`). */
  readonly value: TSESTree.Expression;
  /** The checkout method of a pooled client (`connect`, `getConnection`, `acquire`, `checkout`), or null. */
  readonly checkoutMethod: string | null;
  /**
   * For a pooled client, how the code gives it back when it does not: `client.release()`, or `pool.release(resource)`
   * (awaited where it can be: a generic pool's release returns a promise).
   */
  readonly suggestedRelease: { readonly call: string; readonly awaited: boolean } | null;
  readonly functionNode: FunctionNode;
  readonly spec: ReleaseSpec;
}

/** Methods whose call says "this value is given back or shut down" (not `stop`, `abort`, `cancel`: those end work, not ownership). */
export const INFERRED_RELEASE_METHODS: ReadonlySet<string> = new Set(['release', 'close', 'end', 'destroy', 'quit', 'disconnect', 'dispose', 'terminate']);
/**
 * The same without `end`, for a value made without waiting: `end()` also ends the input of a parser or a stream
 * the function writes (`parser.end()`), which holds nothing; a connection whose `end()` releases it is awaited.
 */
const SYNC_ACQUIRED_RELEASE_METHODS: ReadonlySet<string> = new Set([...INFERRED_RELEASE_METHODS].filter((name) => name !== 'end'));

/** Methods that take a client out of a pool, when called on something named as a pool. */
const CHECKOUT_METHODS: ReadonlySet<string> = new Set(['connect', 'getConnection', 'acquire', 'checkout']);
/** A pool's own methods that give a checked-out client back (`pool.release(client)`). */
const POOL_RELEASE_FUNCTIONS: ReadonlySet<string> = new Set(['release', 'destroy']);
const POOLED_RELEASE_METHODS: ReadonlySet<string> = new Set(['release', 'destroy', 'end', 'close']);

/** Methods called right after acquiring that prepare the value rather than use it (an `await` on them is no risk). */
const SETUP_METHODS: readonly string[] = ['connect', 'open', 'init', 'initialize', 'start', 'ready'];

/**
 * A file whose text never calls a release or checkout method by name has no inferred resource: `x.close(`,
 * `x.release(`, `x.end(`, `pool.connect(`… (`[Symbol.asyncDispose]` is a type's business, not an inferred one).
 */
export function mayHoldInferredResources(text: string): boolean {
  return /\.\s*(?:release|close|end|destroy|quit|disconnect|dispose|terminate|connect|getConnection|acquire|checkout)\s*\(/.test(text);
}

/** The inferred resource `declarator` holds (`const x = [await] call(…)` / `new X(…)` in a function), or null. */
export function matchInferredAcquisition(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): InferredAcquisition | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || (declaration.kind !== 'const' && declaration.kind !== 'let')) return null;
  const value = declarator.init;
  let inner = skipExpressionWrappers(value);
  const awaited = inner.type === AST_NODE_TYPES.AwaitExpression;
  if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = skipExpressionWrappers(inner.argument);
  if (inner.type !== AST_NODE_TYPES.CallExpression && inner.type !== AST_NODE_TYPES.NewExpression) return null;
  const fn = getEnclosingFunction(declarator);
  if (!fn || !fn.async) return null; // the risk is an `await` before the release
  const call = inner;
  const id = declarator.id;
  const checkout = awaited ? getPoolCheckout(call) : null;
  if (checkout) {
    // generic pools take the resource back (`pool.release(resource)`); connection pools hand out clients that go back themselves
    const suggestedRelease =
      checkout.method === 'acquire' ? { call: `${sourceCode.getText(checkout.pool)}.release(${id.name})`, awaited: true } : { call: `${id.name}.release()`, awaited: false };
    return {
      kind: 'pooled',
      declarator,
      id,
      call,
      value,
      functionNode: fn,
      spec: specOf(POOLED_RELEASE_METHODS, POOL_RELEASE_FUNCTIONS, checkout.pool, false),
      checkoutMethod: checkout.method,
      suggestedRelease,
    };
  }
  const releaseMethods = awaited ? INFERRED_RELEASE_METHODS : SYNC_ACQUIRED_RELEASE_METHODS;
  if (!isReleasedThroughMethod(sourceCode, declarator, id, releaseMethods)) return null;
  return { kind: 'released', declarator, id, call, value, functionNode: fn, spec: specOf(releaseMethods, new Set(), null, true), checkoutMethod: null, suggestedRelease: null };
}

/**
 * Only an exit (`await`, `return`, `throw`…) counts as a way to skip the release, not a synchronous call that
 * might throw. A value the function releases itself is only lent to the calls it is passed to; a pooled client
 * passed on may be handed over (`new Transaction(client)`).
 */
function specOf(releaseMethods: ReadonlySet<string>, releaseFunctions: ReadonlySet<string>, owner: TSESTree.Node | null, argumentsBorrow: boolean): ReleaseSpec {
  return uncataloguedSpec({ releaseMethods, releaseFunctions, owner, setup: SETUP_METHODS, syncCallsCanThrow: false, argumentsBorrow, awaitsMayNotReject: true });
}

const poolEvidence = createFileCache<'methods', ReadonlySet<string>>();

/**
 * The checkout methods (`connect`, `getConnection`…) whose clients this file gives back somewhere
 * (`client.release()`, `pool.release(client)`): the file's own word that such a checkout must be released. A
 * "pool" whose `getConnection()` hands out a connection it keeps (no release anywhere) is not one.
 */
export function getReleasedCheckoutMethods(sourceCode: SourceCode): ReadonlySet<string> {
  const cache = poolEvidence(sourceCode);
  const cached = cache.get('methods');
  if (cached) return cached;
  const methods = new Set<string>();
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init) {
      const init = skipExpressionWrappers(node.init);
      const checkout = init.type === AST_NODE_TYPES.AwaitExpression ? getPoolCheckout(skipExpressionWrappers(init.argument)) : null;
      if (checkout && !methods.has(checkout.method) && isGivenBack(sourceCode, node, node.id)) methods.add(checkout.method);
    }
    pushChildrenLastFirst(node, stack, sourceCode);
  }
  cache.set('methods', methods);
  return methods;
}

/** `client.release()`/`client.destroy()`, or `anything.release(client)`. */
function isGivenBack(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier): boolean {
  if (isReleasedThroughMethod(sourceCode, declarator, id, POOL_RELEASE_FUNCTIONS)) return true;
  const variable = sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name);
  return (variable?.references ?? []).some((reference) => {
    const call = getOutermostWrapper(reference.identifier).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== getOutermostWrapper(reference.identifier)) return false;
    const callee = skipExpressionWrappers(call.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    return name !== null && POOL_RELEASE_FUNCTIONS.has(name);
  });
}

/** `pool.connect()`, `this.pool.getConnection()`, `dbPool.acquire()`: the pool expression and the method, or null. */
function getPoolCheckout(call: TSESTree.Node): { pool: TSESTree.Expression; method: string } | null {
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  if (method === null || !CHECKOUT_METHODS.has(method)) return null;
  const name = getTrailingName(callee.object);
  return name !== null && splitIdentifierWords(name).at(-1) === 'pool' ? { pool: callee.object, method } : null;
}

/**
 * Some use of the variable is a call of one of its release methods (`id.close()`) on the function's normal path:
 * not only in a `catch` clause, where a release of what failed says nothing about the value's ownership when
 * nothing fails (a stream destroyed on error is handed to the response otherwise).
 */
function isReleasedThroughMethod(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator, id: TSESTree.Identifier, methods: ReadonlySet<string>): boolean {
  const variable = sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === id.name);
  if (!variable) return false;
  return variable.references.some((reference) => {
    const member = getOutermostWrapper(reference.identifier).parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== getOutermostWrapper(reference.identifier)) return false;
    const name = getStaticPropertyName(member);
    const call = getOutermostWrapper(member).parent;
    return name !== null && methods.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === getOutermostWrapper(member) && !isInCatchClause(call, declarator);
  });
}

/** `node` is in a `catch` clause that comes after `from` (in the same function). */
function isInCatchClause(node: TSESTree.Node, from: TSESTree.Node): boolean {
  for (let current = node.parent; current && current.range[0] > from.range[0]; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CatchClause) return true;
  }
  return false;
}
