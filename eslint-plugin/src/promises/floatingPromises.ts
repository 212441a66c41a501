import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, skipIndirectCallee, someOwnReturn } from '../core/ast';
import { findVariableOf, getConstInit } from '../core/scope';
import { isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';
import { forwardsOnlyAnswer, fulfilledHandlerCalls } from './answeringChains';
import { isTestRegistrationCall } from '../roles/testCode';
import { isCalleeAwaitedInFile } from './awaitedCallees';
import { isDroppedAsyncStoreWrite } from './asyncStores';
import { isCallbackStyleCall } from './callbackDualApi';
import { callsCallbackInChain } from './chainedCallbacks';
import { callCannotReject, handlerThrowsAgain, throwsUncaught } from './rejection';
import { type ConditionalAwait, findConditionalAwait } from './conditionalAwaits';
import { findLateAwait, type LateAwait } from './lateAwaits';
import { awaitedOnlyByLaterCalls, storedPromiseName } from './promiseFields';
import { getWrittenValues } from '../modules/fieldValues';
import { getPromiseCombinator, isNeverRejectingMethod, isNeverRejectingMethodName, PROMISE_CHAIN_METHODS } from './promiseApis';
import { resolveMemberReferenceWithTypes } from '../modules/typedModuleReference';
import { isExportedByName } from '../modules/exportedValues';
import { calleeMatchesSpecifiers, type Specifier, typeMatchesSomeSpecifier, writtenTypeMatchesSpecifiers } from './promiseSpecifiers';
import { classifyPromiseType, getPromiseKind, isPromiseByProvenance, isRejectableThenableType } from './promiseInference';
import { classifyTypeAnnotation, getWrittenElementTypes, getWrittenType } from './promiseTypes';
import {
  getDeclaredTypeOfReference,
  getNodeType,
  getTypedServices,
  hasCheckerType,
  isAnyOrUnknown,
  mayReturnObject,
  type TypedServices,
  unionParts,
} from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findUnhandledFinallyBranch } from './finallyBranches';
import { findDroppedDerivedPromise } from './derivedPromises';
import { isDroppedLambdaHandlerCall } from './lambdaHandlers';

export interface FloatingOptions {
  /** Report `void promise` too. */
  readonly checkVoid: boolean;
  /** Report thenables that are not real promises (with a `then(onFulfilled, onRejected)`). */
  readonly checkThenables: boolean;
  readonly allowForKnownSafeCalls: readonly Specifier[];
  readonly allowForKnownSafePromises: readonly Specifier[];
}

/** Why an expression statement leaves a promise floating. */
export type FloatingReason =
  | 'unhandled'
  /** `.catch(x)`/`.then(a, x)` where `x` is not a function: the rejection handler is ignored. */
  | 'uselessHandler'
  /** An array of promises (`xs.map(async …)`) nobody awaits. */
  | 'promiseArray'
  /** `.catch(x)`/`.then(a, x)` where `x` throws again, in a chain nobody holds: what it throws is unhandled. */
  | 'rethrowingHandler'
  /** `.then(a, x)` where `a` can fail: `x` handles only the promise's own rejection, not `a`'s failure. */
  | 'fulfilledHandlerFails'
  /** `await a ? b() : c()`: the `await` takes the condition only, the call it chooses is left running. */
  | 'awaitedCondition'
  /** `p.then((d) => cb(null, d)).catch((e) => cb(e))`: what the callback throws calls it again, then is unhandled. */
  | 'callbackInChain'
  /** `void task.finally(f)` on a promise kept elsewhere: the branch rejects with it, and `void` handles nothing. */
  | 'finallyBranch'
  /** `patch(p);` where `patch` returns a chain on its parameter that can reject (`derivedPromises.ts`). */
  | 'derivedDropped'
  /** `handler(event, context, callback);`: a Lambda-style handler, which may be async, run and its value dropped (`lambdaHandlers.ts`). */
  | 'handlerDropped';

/**
 * Decides whether the value of an expression statement (or an arrow's expression body) is a
 * promise that nobody handles. Null when it is handled or not a promise. Mirrors the handling rules
 * of typescript-eslint's no-floating-promises: awaited, `.catch(f)`, `.then(a, f)`, `.finally` of a
 * handled promise, assignments, and each branch of `?:`, `&&`, `||`, `,`.
 */
export function findFloatingPromise(context: AnyRuleContext, expression: TSESTree.Expression, options: FloatingOptions): FloatingReason | null {
  const node = skipChain(expression);
  if (node.type === AST_NODE_TYPES.CallExpression && isKnownSafeCall(context, node, options)) return null;
  return check(context, node, options, new BoundedWalk(BRANCH_LIMITS));
}

/** `entries[key].finally(…)`: a `.finally` branch of a promise kept in a field or an entry (`finallyBranches.ts`). */
function isStoredPromiseFinally(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'finally' && skipExpressionWrappers(callee.object).type === AST_NODE_TYPES.MemberExpression;
}

function skipChain(node: TSESTree.Node): TSESTree.Node {
  return node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
}

function isKnownSafeCall(context: AnyRuleContext, call: TSESTree.CallExpression, options: FloatingOptions): boolean {
  return calleeMatchesSpecifiers(context.sourceCode, getTypedServices(context), call, options.allowForKnownSafeCalls);
}

/** How deep `a ? b : c`, `a || b`, `(a, b)` and `.finally()` chains are followed to the promise they may leave. */
const BRANCH_LIMITS = { maxDepth: 33 };

function check(context: AnyRuleContext, node: TSESTree.Node, options: FloatingOptions, walk: BoundedWalk): FloatingReason | null {
  return walk.enter(node, null, () => checkNode(context, node, options, walk));
}

function checkNode(context: AnyRuleContext, node: TSESTree.Node, options: FloatingOptions, walk: BoundedWalk): FloatingReason | null {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return null;
  if (node.type === AST_NODE_TYPES.ConditionalExpression && isAwaitedCondition(context, node)) {
    return check(context, node.consequent, options, walk) ?? check(context, node.alternate, options, walk) ?? 'awaitedCondition';
  }
  if (node.type === AST_NODE_TYPES.SequenceExpression) {
    for (const item of node.expressions) {
      const reason = check(context, item, options, walk);
      if (reason) return reason;
    }
    return null;
  }
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void') {
    if (options.checkVoid) return check(context, node.argument, options, walk);
    return findUnhandledFinallyBranch(context, node.argument) ? 'finallyBranch' : null;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && isStoredPromiseFinally(node) && findUnhandledFinallyBranch(context, node)) return 'finallyBranch';
  if (node.type === AST_NODE_TYPES.CallExpression && returnsOnlyPrimitives(context, node)) return null;
  if (isPromiseArray(context, node, options)) return 'promiseArray';
  if (node.type === AST_NODE_TYPES.AwaitExpression) return null;
  if (node.type === AST_NODE_TYPES.CallExpression && callsCallbackInChain(context.sourceCode, node)) return 'callbackInChain';
  if (!isReportablePromise(context, node, options)) {
    if (isUntracedRethrowingChain(context, node)) return 'rethrowingHandler';
    if (!hasCheckerType(context, node) && findDroppedDerivedPromise(context.sourceCode, node) !== null) return 'derivedDropped';
    // the syntactic test first: it rules out almost every call without asking the checker
    if (node.type === AST_NODE_TYPES.CallExpression && isDroppedLambdaHandlerCall(context, node) && !hasCheckerType(context, node)) return 'handlerDropped';
    if (isUntracedSplitThen(context, node) && fulfilledHandlerFails(context, node, options, walk)) return 'fulfilledHandlerFails';
    const evident = isUntracedThenChain(context, node) || isUntypedCallAwaitedElsewhere(context, node);
    return evident && !losesNothing(context, node) ? 'unhandled' : null;
  }

  if (node.type === AST_NODE_TYPES.CallExpression) {
    const handling = parseHandlingCall(node);
    if (handling?.method === 'finally') return losesNothing(context, node) ? null : check(context, handling.object, options, walk);
    if (handling) {
      if (handling.onRejected === undefined) return losesNothing(context, node) ? null : 'unhandled';
      if (!isRejectionHandler(context, handling.onRejected)) return 'uselessHandler';
      if (rethrowsWhereNobodyHandles(context, node, handling.onRejected)) return 'rethrowingHandler';
      return handling.method === 'then' && fulfilledHandlerFails(context, node, options, walk) ? 'fulfilledHandlerFails' : null;
    }
    return losesNothing(context, node) ? null : 'unhandled';
  }
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return check(context, node.alternate, options, walk) ?? check(context, node.consequent, options, walk);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return check(context, node.left, options, walk) ?? check(context, node.right, options, walk);
  }
  return 'unhandled';
}

/**
 * `await ready() ? render(a) : render(b)` left as a statement: the `await` binds to the condition only (it reads
 * `(await ready()) ? …`), though what the statement does is the call it chooses, which nothing waits for (liquidjs
 * 9.0.0's `unless` tag finished before its body was rendered). Both branches must be calls, neither known to return
 * a plain value, and the `await` must not be in parentheses of its own (`(await ready()) ? a() : b()` says the
 * condition alone is meant).
 */
function isAwaitedCondition(context: AnyRuleContext, node: TSESTree.ConditionalExpression): boolean {
  if (node.test.type !== AST_NODE_TYPES.AwaitExpression || node.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const branches = [node.consequent, node.alternate];
  if (branches.some((branch) => branch.type !== AST_NODE_TYPES.CallExpression || returnsOnlyPrimitives(context, branch))) return false;
  const before = context.sourceCode.getTokenBefore(node.test);
  return !(before?.value === '(' && before.range[0] >= node.range[0]);
}

/**
 * `x.then(f)` (or `x.then(f).then(g)`, or `x.finally(f)`) with no rejection handler, where inference does not know
 * what `x` is, but the code says it is a promise that can reject: calling `then` (`finally`) says it is a thenable, and
 * besides
 * - the chain forwards its value to a Promise executor's `resolve` and not its failure to `reject`
 *   (moleculer's `this.onConnected().then(resolve)`: on a failure the outer promise never settles);
 * - or `x` is a variable the code also assigns a promise chain or a promise to (`p = p.then(…)`), or is named so
 *   (`context.initPromise.then(…)`), and none of its writes is a promise that cannot reject (`Promise.allSettled`);
 * - or `x` reads a body (`res.text()`, `response.json()`: `isBodyRead`);
 * - or a fulfilled handler of the chain throws (`someFulfilledHandlerThrows`).
 * With types, only where the checker types it `any`; never on Cypress's command chains (`cy.get(…).then(…)`).
 * A chain from any other untraced value (`this[kClose]().then(…)`) is left alone: many such chains cannot fail.
 */
function isUntracedThenChain(context: AnyRuleContext, node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const handling = parseHandlingCall(node);
  if (!handling || handling.method === 'catch' || handling.onRejected !== undefined) return false;
  const root = chainRootHandlingRejection(handling.object);
  if (root === null || isCypressChain(context.sourceCode, root) || isAtomicsWaitValue(context.sourceCode, root)) return false;
  if (hasCheckerType(context, node)) return false;
  return (
    (forwardsOnlyResolve(context.sourceCode, node) && !isSettleAllCall(root)) ||
    (forwardsOnlyAnswer(context.sourceCode, node) && !isSettleAllCall(root)) ||
    isPromiseHolder(context.sourceCode, root) ||
    isForkOfReturnedValue(context.sourceCode, node, root) ||
    isBodyRead(root) ||
    someFulfilledHandlerThrows(node)
  );
}

/**
 * A `then` link of the chain whose inline fulfilled handler throws (outside nested functions and outside a `try` that
 * catches): whatever the value before it is, the chain rejects whenever that `throw` runs, and nothing handles it
 * (@trezor/transport 1.1.20 wrote each chunk with `api.write(path, chunk).then((r) => { if (!r.success) throw … })`,
 * neither awaited nor caught, so a failed write was an unhandled rejection).
 */
function someFulfilledHandlerThrows(chain: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = chain;
  for (let step = 0; step < 64 && node.type === AST_NODE_TYPES.CallExpression; step++) {
    const link = parseHandlingCall(node);
    if (!link) return false;
    const handler = link.method === 'then' && node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
    if (handler && isFunctionNode(handler) && !handler.async && !handler.generator && handler.body.type === AST_NODE_TYPES.BlockStatement && throwsUncaught(handler.body)) return true;
    node = skipExpressionWrappers(link.object);
  }
  return false;
}

/** The Fetch API's body readers (`Response`, `Request`; also got's, ky's and undici's bodies): each returns a promise. */
const BODY_READS: ReadonlySet<string> = new Set(['json', 'text', 'blob', 'arrayBuffer', 'formData']);

/**
 * `res.text()`, `response.json()` with no argument, chained on with `then`: a body read, which rejects when the body
 * cannot be read or parsed (commercetools' sdk-client 2.1.5 caught its `res.text().then(…)`).
 */
function isBodyRead(root: TSESTree.Node): boolean {
  if (root.type !== AST_NODE_TYPES.CallExpression || root.arguments.length > 0) return false;
  const callee = skipExpressionWrappers(root.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && BODY_READS.has(getStaticPropertyName(callee) ?? '');
}

/**
 * `p.then(onFulfilled, onRejected)` nobody holds, whose inline `onFulfilled` can fail: it throws (outside nested
 * functions and outside a `try` that catches), or returns a promise that would itself be reported here (a promise
 * that can reject, with no handler of its own). `onRejected` is called only when `p` rejects; a failure of
 * `onFulfilled` rejects the promise `then` returns, which nobody handles (pacote 9.3.0 moved its fetchers' handlers
 * from `.then(onStat, onError)` to `.then(onStat).catch(onError)` for this).
 */
function fulfilledHandlerFails(context: AnyRuleContext, chain: TSESTree.CallExpression, options: FloatingOptions, walk: BoundedWalk): boolean {
  const onFulfilled = chain.arguments[0] ? skipExpressionWrappers(chain.arguments[0]) : null;
  if (!onFulfilled || !isFunctionNode(onFulfilled) || onFulfilled.async || onFulfilled.generator) return false;
  const returnsFailure = (value: TSESTree.Node): boolean => check(context, value, options, walk) !== null;
  if (onFulfilled.body.type !== AST_NODE_TYPES.BlockStatement) return returnsFailure(onFulfilled.body);
  return someOwnReturn(onFulfilled.body, (statement) => statement.argument !== null && returnsFailure(statement.argument)) || throwsUncaught(onFulfilled.body);
}

/**
 * `x.then(function (v) {…}, function (e) {…})` where inference does not know what `x` is: two inline callbacks are
 * the signature of a promise's `then`. With types, only where the checker types the chain `any`; never on Cypress's
 * command chains.
 */
function isUntracedSplitThen(context: AnyRuleContext, node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const handling = parseHandlingCall(node);
  if (handling?.method !== 'then' || !handling.onRejected || !isFunctionNode(skipExpressionWrappers(handling.onRejected))) return false;
  return !isCypressChain(context.sourceCode, node) && !hasCheckerType(context, node);
}

/**
 * A rejection handler that throws again (`handlerThrowsAgain`) at the end of a chain nobody holds, inside a
 * function: the error it throws rejects a promise no one handles (broccoli 0.12.0 stopped its watcher's error
 * handler from rethrowing for this reason). At the top level of a module, rethrowing may be meant to end the
 * process, and is left alone.
 */
function rethrowsWhereNobodyHandles(context: AnyRuleContext, chain: TSESTree.CallExpression, handler: TSESTree.Expression): boolean {
  return getEnclosingFunction(chain) !== null && handlerThrowsAgain(context.sourceCode, handler);
}

/**
 * `x.then(a, h)`, or `x.then(a).catch(h)` (a chain of two links or more; then `.finally(f)` links, if any), with `h`
 * throwing again, where inference does not know what `x` is: the chain's own methods say it is a promise, and the
 * handler says it expects a rejection. A lone `x.catch(h)` is left out: many objects have a `catch` of their own
 * (a recorder's, a queue's). With types, only where the checker types the chain `any`.
 */
function isUntracedRethrowingChain(context: AnyRuleContext, node: TSESTree.Node): boolean {
  let link = node.type === AST_NODE_TYPES.CallExpression ? parseHandlingCall(node) : null;
  let chain = node;
  for (let step = 0; step < 64 && link?.method === 'finally'; step++) {
    chain = skipExpressionWrappers(link.object);
    link = chain.type === AST_NODE_TYPES.CallExpression ? parseHandlingCall(chain) : null;
  }
  if (!link?.onRejected || chain.type !== AST_NODE_TYPES.CallExpression || isCypressChain(context.sourceCode, chain)) return false;
  if (link.method === 'catch' && !isChainLink(link.object)) return false;
  if (hasCheckerType(context, node)) return false;
  return rethrowsWhereNobodyHandles(context, chain, link.onRejected);
}

/** With types, the checker knows the node's type (not `any` or `unknown`): what it is, it says itself. */

/** `x.then(…)`, `x.catch(…)`, `x.finally(…)`: a link of a promise chain. */
function isChainLink(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.CallExpression && parseHandlingCall(node) !== null;
}

/**
 * `query.then(end); return query;`: a chain forked off a value the function hands back to its caller, who waits
 * for it and handles its failure; the fork's own copy of that failure reaches nobody (an unhandled rejection
 * whenever the returned promise rejects, as in a tracer's wrapper of a database query).
 */
function isForkOfReturnedValue(sourceCode: SourceCode, chain: TSESTree.CallExpression, root: TSESTree.Node): boolean {
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariableOf(sourceCode, root);
  const scope = variable?.scope.variableScope.block;
  if (!variable || !scope || !isFunctionNode(scope)) return false;
  return someOwnReturn(scope.body, (statement) => {
    const value = statement.argument ? skipExpressionWrappers(statement.argument) : null;
    return value?.type === AST_NODE_TYPES.Identifier && statement.range[0] > chain.range[1] && findVariableOf(sourceCode, value) === variable;
  });
}

/**
 * A call whose callee this file awaits or chains elsewhere (`awaitedCallees.ts`), or a write to a store whose reader it
 * awaits (`asyncStores.ts`), which nothing else traces; with types only where the checker types it `any`.
 */
function isUntypedCallAwaitedElsewhere(context: AnyRuleContext, node: TSESTree.Node): node is TSESTree.CallExpression {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (!isCalleeAwaitedInFile(context.sourceCode, node) && !isDroppedAsyncStoreWrite(context.sourceCode, node)) return false;
  return !hasCheckerType(context, node);
}

/**
 * `x.then(resolve)`, or `x.then((value) => { …; resolve(value); })`, where `resolve` settles an outer promise whose
 * `reject` the chain never reaches: on a failure the outer promise never settles, and the rejection goes unhandled
 * (contentstack 3.26.4 caught the `response.json()` chain that its retrying fetch helper resolved through).
 */
function forwardsOnlyResolve(sourceCode: SourceCode, chain: TSESTree.CallExpression): boolean {
  const raw = chain.arguments[0];
  const handler = raw && raw.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(raw) : null;
  if (handler?.type === AST_NODE_TYPES.Identifier) return isOuterResolve(sourceCode, handler);
  // `x.then((json) => { …; resolve(json); })`: the value goes on to the outer promise, the failure nowhere; also from
  // a callback the handler passes on (`x.then((data) => { fs.writeFile(file, data, (err) => { …; resolve(file); }); })`)
  return fulfilledHandlerCalls(chain, (call) => call.callee.type === AST_NODE_TYPES.Identifier && isOuterResolve(sourceCode, call.callee));
}


/**
 * `resolve` of an outer promise: the first parameter of a `new Promise(…)` executor, or a parameter named `resolve`
 * of a function that takes the executor's `reject` beside it (`function fetchRetry(options, resolve, reject)`, a
 * helper the executor hands both to).
 */
function isOuterResolve(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  const parameter = findVariableOf(sourceCode, name)?.defs[0];
  const fn = parameter?.type === 'Parameter' ? parameter.node : null;
  if (!fn || !isFunctionNode(fn)) return false;
  if (fn.params[0] === parameter?.name) {
    const construction = fn.parent;
    // `new Promise(…)`: the global, or a promise library bound to the name (`const Promise = require('bluebird')`)
    const callee = construction?.type === AST_NODE_TYPES.NewExpression && construction.arguments[0] === fn ? skipExpressionWrappers(construction.callee) : null;
    if (callee?.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise') return true;
  }
  const named = (parameterName: string): boolean => fn.params.some((param) => param.type === AST_NODE_TYPES.Identifier && param.name === parameterName);
  return name.name === 'resolve' && named('resolve') && named('reject');
}

/** `Promise.allSettled(…)`, `when.settle(…)`, Bluebird's `settle(…)`: a promise of every outcome, which does not reject. */
function isSettleAllCall(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return name === 'allSettled' || name === 'settle';
}

/** A name the code names or fills as a promise (see {@link isUntracedThenChain}). */
function isPromiseHolder(sourceCode: SourceCode, root: TSESTree.Node): boolean {
  const name = root.type === AST_NODE_TYPES.Identifier ? root.name : root.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(root) : null;
  if (name === null) return false;
  const writes = getWrittenValues(sourceCode, root);
  if (writes.some(isNeverRejectingPromise)) return false;
  return /promise$/i.test(name) || writes.some(isPromiseValue);
}

/** `x.then(…)`, `x.catch(…)`, `x.finally(…)`, `new Promise(…)`, `Promise.resolve(…)`/`reject`/`all`/`race`/`any`. */
function isPromiseValue(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Promise';
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (parseHandlingCall(node)) return true;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Promise') return false;
  const method = getStaticPropertyName(callee);
  return method === 'resolve' || method === 'reject' || method === 'all' || method === 'race' || method === 'any';
}

/** `Promise.allSettled(…)`: settles with every outcome, never rejects. */
function isNeverRejectingPromise(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'allSettled' && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise';
}

/**
 * The value a chain of `.then`/`.catch`/`.finally` starts from, or null when a link of it handles rejections
 * (`worker.terminate().catch(() => {}).then(…)`: the code already decided what a failure does).
 */
function chainRootHandlingRejection(raw: TSESTree.Node): TSESTree.Node | null {
  let node = skipExpressionWrappers(raw);
  for (let step = 0; step < 64 && node.type === AST_NODE_TYPES.CallExpression; step++) {
    const link = parseHandlingCall(node);
    if (!link) break;
    if (link.onRejected !== undefined) return null;
    node = skipExpressionWrappers(link.object);
  }
  return node;
}

/** `Atomics.waitAsync(…).value` (also through a `const`): a promise that settles with a status and never rejects. */
function isAtomicsWaitValue(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(node) !== 'value') return false;
  let object = skipExpressionWrappers(node.object);
  if (object.type === AST_NODE_TYPES.Identifier) object = getConstInit(sourceCode, object) ?? object;
  if (object.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(object.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'waitAsync' && isGlobalName(sourceCode, callee.object, 'Atomics');
}

/** Whether a chain starts at Cypress's global `cy` (or `Cypress`). */
function isCypressChain(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  for (let step = 0; step < 64; step++) {
    if (node.type === AST_NODE_TYPES.CallExpression) node = skipExpressionWrappers(node.callee);
    else if (node.type === AST_NODE_TYPES.MemberExpression) node = skipExpressionWrappers(node.object);
    else break;
  }
  if (node.type !== AST_NODE_TYPES.Identifier || (node.name !== 'cy' && node.name !== 'Cypress')) return false;
  return (findVariableOf(sourceCode, node)?.defs.length ?? 0) === 0;
}

/**
 * A promise-returning call whose promise can be dropped without losing an error or a result: a test
 * registration (the runner awaits it), a call that cannot reject, a callback-style call of a dual API, a
 * call that returns a promise stored elsewhere, or `Object.assign(p, …)` and friends (they return `p`).
 */
function losesNothing(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const sourceCode = context.sourceCode;
  return (
    isTestRegistrationCall(context, call) ||
    callCannotReject(sourceCode, call) ||
    isNeverRejectingMethodCall(context, call) ||
    isCallbackStyleCall(context, call) ||
    returnsHeldPromise(sourceCode, call) ||
    returnsFirstArgument(sourceCode, call)
  );
}

/** With types: a method known to settle without rejecting (`worker.terminate()`), wherever the receiver came from. */
function isNeverRejectingMethodCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  // (the method's name first: the type checker is asked only for the methods of the catalog)
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || !isNeverRejectingMethodName(callee.property.name)) return false;
  const services = getTypedServices(context);
  return services !== null && isNeverRejectingMethod(resolveMemberReferenceWithTypes(services, callee.property));
}

/** Static methods of `Object` that return their first argument. */
const OBJECT_METHODS_RETURNING_TARGET: ReadonlySet<string> = new Set([
  'assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'freeze', 'seal', 'preventExtensions',
]);

function returnsFirstArgument(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  return method !== null && OBJECT_METHODS_RETURNING_TARGET.has(method) && isGlobalName(sourceCode, callee.object, 'Object');
}

/**
 * A call of this file's functions that return, on every path that returns a value, a promise held in
 * state that outlives the call (`return this.promise`, a module variable): dropping this reference to it
 * detaches nothing, whoever stored it owns it.
 */
function returnsHeldPromise(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callables = resolveLocalCallables(sourceCode, call.callee).filter(isFunctionNode);
  return (
    callables.length > 0 &&
    callables.every((fn) => {
      if (fn.async || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
      let returnsValue = false;
      const heldOnly = !someOwnReturn(fn.body, (statement) => {
        if (!statement.argument) return false;
        returnsValue = true;
        return !isHeldOutside(sourceCode, statement.argument, fn);
      });
      return heldOnly && returnsValue;
    })
  );
}

/** `this.x`, `self.pending`, `state.current.promise` on a variable declared outside `fn`, or such a variable itself. */
function isHeldOutside(sourceCode: SourceCode, raw: TSESTree.Node, fn: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    while (node.type === AST_NODE_TYPES.MemberExpression) {
      if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return false;
      node = skipExpressionWrappers(node.object);
    }
    if (node.type === AST_NODE_TYPES.ThisExpression) return true;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const declaration = findVariableOf(sourceCode, node)?.defs[0]?.node;
  return declaration !== undefined && !(fn.range[0] <= declaration.range[0] && declaration.range[1] <= fn.range[1]);
}

/**
 * With types: the callee's declared signatures return only primitives (most statement calls return `void`).
 * Decided without resolving the call, which would check every argument, callbacks' bodies included.
 */
function returnsOnlyPrimitives(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const services = getTypedServices(context);
  if (!services) return false;
  const callee = getDeclaredTypeOfReference(services, skipExpressionWrappers(call.callee));
  return callee !== null && !mayReturnObject(services.program.getTypeChecker(), callee);
}

interface HandlingCall {
  readonly method: 'then' | 'catch' | 'finally';
  readonly object: TSESTree.Expression;
  /** The rejection handler argument; undefined when none was given (or it is spread). */
  readonly onRejected: TSESTree.Expression | undefined;
}

/** `.then(a, b)`, `.catch(b)`, `.finally(f)` by name (the receiver's type is checked separately). */
export function parseHandlingCall(call: TSESTree.CallExpression): HandlingCall | null {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  if (method !== 'then' && method !== 'catch' && method !== 'finally') return null;
  const args = call.arguments;
  if (args.some((argument, index) => argument.type === AST_NODE_TYPES.SpreadElement && index <= (method === 'then' ? 1 : 0))) {
    return { method, object: callee.object, onRejected: undefined };
  }
  const handler = method === 'then' ? args[1] : method === 'catch' ? args[0] : undefined;
  return { method, object: callee.object, onRejected: handler as TSESTree.Expression | undefined };
}

/** A rejection handler that will be called: a function (with types: anything with a call signature). */
function isRejectionHandler(context: AnyRuleContext, handler: TSESTree.Expression): boolean {
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, handler);
    // a handler the types cannot see (`any`: an unresolved JSDoc type) is judged by its syntax; an optional
    // callback (`BuildCallback | undefined`) is taken as the function it usually is
    if (type && !isAnyOrUnknown(type)) return (type.isUnion() ? type.types : [type]).some((part) => part.getCallSignatures().length > 0);
  }
  const inner = skipExpressionWrappers(handler);
  if (isFunctionNode(inner)) return true;
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name !== 'undefined';
  if (inner.type === AST_NODE_TYPES.Literal || inner.type === AST_NODE_TYPES.ObjectExpression || inner.type === AST_NODE_TYPES.ArrayExpression) {
    return false;
  }
  if (inner.type === AST_NODE_TYPES.TemplateLiteral || inner.type === AST_NODE_TYPES.UnaryExpression) return false;
  return true;
}

/** A promise the options say to report: real promises, thenables only with `checkThenables`, minus allow-listed types. */
function isReportablePromise(context: AnyRuleContext, node: TSESTree.Node, options: FloatingOptions): boolean {
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, node);
    if (type && !isAnyOrUnknown(type)) {
      if (typeMatchesSomeSpecifier(services, type, options.allowForKnownSafePromises)) return false;
      const kind = classifyPromiseType(services, type, node);
      if (kind === 'promise') return true;
      if (kind !== 'thenable') return false;
      // a thenable the code knows to be a promise by provenance (the VS Code API's writes)
      if (isPromiseByProvenance(context, node)) return true;
      return options.checkThenables && isRejectableThenableType(services, type, node);
    }
  }
  if (writtenTypeMatchesSpecifiers(context.sourceCode, node, options.allowForKnownSafePromises)) return false;
  const kind = getPromiseKind(context, node);
  return kind === 'promise' || (kind === 'thenable' && options.checkThenables);
}

/** `[p1, p2]`, `xs.map(async (x) => …)`, `Array.from(xs, async (x) => …)`; with types any array/tuple of promises. */
function isPromiseArray(context: AnyRuleContext, node: TSESTree.Node, options: FloatingOptions, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  return walk.enter(node, false, () => isPromiseArrayNode(context, node, options, walk));
}

/**
 * Array methods whose result holds elements the array already had (`tasks.splice(i, 1)` taking a settled task off a
 * list of pending ones): no promise is made there, and the array's owner handles those it held.
 */
const ELEMENT_RETURNING_METHODS: ReadonlySet<string> = new Set(['splice', 'slice', 'filter', 'sort', 'reverse', 'fill', 'copyWithin']);

function isPromiseArrayNode(context: AnyRuleContext, node: TSESTree.Node, options: FloatingOptions, walk: BoundedWalk): boolean {
  const called = skipExpressionWrappers(node);
  if (called.type === AST_NODE_TYPES.CallExpression && called.callee.type === AST_NODE_TYPES.MemberExpression && ELEMENT_RETURNING_METHODS.has(getStaticPropertyName(called.callee) ?? '')) return false;
  const services = getTypedServices(context);
  if (services) {
    const verdict = typedPromiseArray(services, node, options);
    if (verdict !== undefined) return verdict;
  }
  const inner = skipExpressionWrappers(node);
  // `await [p1, p2]` awaits the array, not the promises in it
  if (inner.type === AST_NODE_TYPES.AwaitExpression) return isPromiseArray(context, inner.argument, options, walk);
  const written = getWrittenType(context.sourceCode, inner);
  if (written) {
    return getWrittenElementTypes(context.sourceCode, written).some((element) => {
      const kind = classifyTypeAnnotation(context.sourceCode, element);
      return kind === 'promise' || (kind === 'thenable' && options.checkThenables);
    });
  }
  if (inner.type === AST_NODE_TYPES.ArrayExpression) {
    return inner.elements.some(
      (element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isReportablePromise(context, element, options),
    );
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(inner.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  const mapper = method === 'map' ? inner.arguments[0] : method === 'from' ? inner.arguments[1] : undefined;
  if (!mapper) return false;
  if (method === 'from' && !(callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Array')) return false;
  const fn = skipExpressionWrappers(mapper);
  // Only when the receiver is certainly an array: a literal, Array.from, or a map on an async callback is only an
  // array-ish heuristic; `.map` on other objects (Observables, Maps of streams) returns other things.
  return isFunctionNode(fn) && isArrayReceiver(context, callee.object, method) && mapperMakesPromises(context, fn);
}

/** A mapper that makes a promise per element: async (not a generator), or an arrow returning one (`xs.map(() => returnsPromise())`). */
function mapperMakesPromises(context: AnyRuleContext, fn: FunctionNode): boolean {
  if (fn.generator) return false;
  return fn.async || (fn.body.type !== AST_NODE_TYPES.BlockStatement && getPromiseKind(context, fn.body) === 'promise');
}

/** The names of an error-first callback's first parameter. */
const ERROR_PARAMETER_NAMES: ReadonlySet<string> = new Set(['err', 'error', 'er']);

/**
 * The function a `return` leaves is a Node-style callback whose caller ignores what it returns: an error-first
 * function (`(err, res, body) => …`, `function (error, data) {…}`, two or three parameters, not async; a lone
 * `(error) => …` is as often an error handler whose result is used, `onError`, Q's `fail`) passed as the
 * last argument of a call that is not a promise's `then`/`catch`/`finally`. A promise returned there reaches nobody:
 * kubernetes-client 6.0.0 returned its auth refresh's `.then(…)` chain from `request`'s callback, and a failed refresh
 * was an unhandled rejection (6.1.0 catches it and hands the error to the callback). Returns the callback, or null.
 */
export function findPromiseReturnedToCallback(context: AnyRuleContext, statement: TSESTree.ReturnStatement, options: FloatingOptions): FunctionNode | null {
  const argument = statement.argument;
  const fn = getEnclosingFunction(statement);
  if (!argument || !fn || fn.async || fn.generator || fn.params.length < 2 || fn.params.length > 3) return null;
  const [first] = fn.params;
  if (first?.type !== AST_NODE_TYPES.Identifier || !ERROR_PARAMETER_NAMES.has(first.name)) return null;
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[call.arguments.length - 1] !== fn) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_HANDLING_METHODS.has(getStaticPropertyName(callee) ?? '')) return null;
  const reason = findFloatingPromise(context, argument, options);
  return reason === 'unhandled' || reason === 'uselessHandler' ? fn : null;
}

// (Q's `fail`/`fin`, jQuery's `done`/`always`: a promise library's own handlers)
const PROMISE_HANDLING_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally', 'fail', 'fin', 'done', 'always']);

/**
 * The elements of `Promise.all([xs.map(f), ys.map(g)])` (also `allSettled`, `any`, `race`) that are themselves arrays
 * of promises: the combinator takes an array as a plain value, so it settles at once and the promises inside are
 * neither waited for nor handled (heroku 11.3's `apps:destroy` removed its git remotes so). An element counts when
 * it is a `map` call (`a?.map(…)` too) whose callback is async or returns a promise, or, with types, an array of
 * promises; the receiver need not be known as an array here (whatever its `map` makes is no promise either).
 */
export function findNestedPromiseArrays(context: AnyRuleContext, call: TSESTree.CallExpression, options: FloatingOptions): TSESTree.Node[] {
  const [list] = call.arguments;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || getPromiseCombinator(context.sourceCode, call) === null) return [];
  const services = getTypedServices(context);
  return list.elements.filter((element): element is TSESTree.Expression => {
    if (element === null || element.type === AST_NODE_TYPES.SpreadElement) return false;
    const typed = services ? typedPromiseArray(services, element, options) : undefined;
    if (typed !== undefined) return typed;
    const inner = skipExpressionWrappers(element);
    if (inner.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length !== 1) return false;
    const mapCallee = skipExpressionWrappers(inner.callee);
    const [mapper] = inner.arguments;
    if (mapCallee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(mapCallee) !== 'map' || !mapper) return false;
    const fn = skipExpressionWrappers(mapper);
    return isFunctionNode(fn) && mapperMakesPromises(context, fn);
  });
}

function isArrayReceiver(context: AnyRuleContext, object: TSESTree.Node, method: string | null): boolean {
  if (method === 'from') return true;
  const inner = skipExpressionWrappers(object);
  const written = getWrittenType(context.sourceCode, inner);
  if (written) return getWrittenElementTypes(context.sourceCode, written).length > 0;
  if (inner.type === AST_NODE_TYPES.ArrayExpression) return true;
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(callee);
      return name === 'filter' || name === 'slice' || name === 'concat' || name === 'keys' || name === 'values' ||
        name === 'entries' || name === 'from' || name === 'split' || name === 'flat' || name === 'sort' || name === 'map';
    }
  }
  return inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression;
}

function typedPromiseArray(services: TypedServices, node: TSESTree.Node, options: FloatingOptions): boolean | undefined {
  const type = getNodeType(services, node);
  if (!type || isAnyOrUnknown(type)) return undefined;
  const checker = services.program.getTypeChecker();
  for (const part of unionParts(type).map((member) => checker.getApparentType(member))) {
    const elementTypes = checker.isArrayType(part)
      ? checker.getTypeArguments(part as Parameters<typeof checker.getTypeArguments>[0]).slice(0, 1)
      : checker.isTupleType(part)
        ? checker.getTypeArguments(part as Parameters<typeof checker.getTypeArguments>[0])
        : [];
    for (const element of elementTypes) {
      if (typeMatchesSomeSpecifier(services, element, options.allowForKnownSafePromises)) continue;
      const kind = classifyPromiseType(services, element, node);
      if (kind === 'promise' || (options.checkThenables && kind === 'thenable' && isRejectableThenableType(services, element, node))) {
        return true;
      }
    }
  }
  return false;
}

/**
 * A local `const p = promise` that nothing ever reads: not awaited, returned, passed on, handled,
 * or exported (the "dangling task"). Returns the declarator to report, or null.
 */
export function isDanglingStoredPromise(
  context: AnyRuleContext,
  declarator: TSESTree.VariableDeclarator,
  options: FloatingOptions,
): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return false;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declare) return false;
  if (declaration.kind === 'using' || declaration.kind === 'await using') return false;
  if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  if (
    declaration.parent.type === AST_NODE_TYPES.ForOfStatement ||
    declaration.parent.type === AST_NODE_TYPES.ForInStatement ||
    declaration.parent.type === AST_NODE_TYPES.ForStatement
  ) {
    return false;
  }
  const variable = context.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === (declarator.id as TSESTree.Identifier).name);
  if (!variable) return false;
  // In scripts, top-level variables are globals other scripts may read.
  if (variable.scope.type === 'global' && context.languageOptions.sourceType !== 'module') return false;
  if (variable.references.some((reference) => reference.isRead())) return false;
  // exported later with `export { p }` or `export default p`
  if (isExportedByName(context.sourceCode, variable.name)) return false;
  const init = skipChain(declarator.init);
  if (init.type === AST_NODE_TYPES.AwaitExpression) return false;
  return isReportablePromise(context, init, options) && !isHandledChain(context, init);
}

/**
 * `this._loading = load()` or `pending = start()` (a private field, or a module variable the file does not export)
 * storing a promise that the file never waits for, or `this.ready = this.load()` in a constructor, waited for only by
 * the class's later calls (`promiseFields.ts`): its rejection goes unhandled. What to report, or null.
 */
export function findDanglingFieldPromise(context: AnyRuleContext, assignment: TSESTree.AssignmentExpression, options: FloatingOptions): DanglingField | null {
  const value = skipChain(assignment.right);
  if (value.type === AST_NODE_TYPES.AwaitExpression || !mayBeStoredPromise(value) || isResolveOnlyPromise(value)) return null;
  if (!isReportablePromise(context, value, options)) return findAwaitedOnlyLaterUnknown(context, assignment, value);
  if (isHandledChain(context, value)) return null;
  const never = storedPromiseName(context.sourceCode, assignment);
  if (never !== null) return { name: never, awaitedLater: false };
  const later = awaitedOnlyByLaterCalls(context.sourceCode, assignment);
  return later === null ? null : { name: later.name, awaitedLater: true, storedBy: later.storedBy };
}

/**
 * `this.bulkResult = this.client.bulk(…)` in a constructor, where nothing says what `bulk` returns (no types, or
 * `any`), and every later read of the field in the class is `await this.bulkResult`: the code's own word that the
 * field holds a promise, first waited for by a later call (@backstage/plugin-search-backend-module-elasticsearch's
 * indexer started its bulk upload this way, and a client error before `finalize()` ended the backend; a later release
 * chains a `.catch` onto it). A value whose type is known is judged by its type alone.
 */
function findAwaitedOnlyLaterUnknown(context: AnyRuleContext, assignment: TSESTree.AssignmentExpression, value: TSESTree.Node): DanglingField | null {
  // the text first: most stored calls are of fields that nothing awaits
  const target = skipExpressionWrappers(assignment.left);
  const field = target.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(target) : null;
  if (field === null || !new RegExp(`await\\s*\\(?\\s*this\\.${field.replace(/\$/g, '\\$')}\\b`).test(context.sourceCode.text)) return null;
  if (!isCollaboratorCall(context.sourceCode, value) || hasKnownType(context, value) || isHandledChain(context, value)) return null;
  const later = awaitedOnlyByLaterCalls(context.sourceCode, assignment);
  return later === null ? null : { name: later.name, awaitedLater: true, storedBy: later.storedBy };
}

/**
 * A method call on an object (`this.client.bulk(…)`, `ZepClient.init(…)`, `db.createCollection(…).then(…)`), the chain's
 * first call, that is not a function of the package's own modules (`(0, lib_1.GetCustomCertificateBuffer)(config)`,
 * `readConfig()`): a client's method does I/O that fails when a server does; the package's own function is a helper
 * whose failures, if any, the code here cannot see (camunda8-sdk's certificate reader, read this way, rejects only on a
 * misconfiguration: noise on the bug set's trees).
 */
function isCollaboratorCall(sourceCode: SourceCode, value: TSESTree.Node): boolean {
  let call = skipExpressionWrappers(value);
  while (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_CHAIN_METHODS.has(getStaticPropertyName(call.callee) ?? '')) {
    call = skipExpressionWrappers(call.callee.object);
  }
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipIndirectCallee(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const reference = resolveModuleReference(sourceCode, callee);
  return reference === null || !reference.module.startsWith('.');
}

/** With types, a value whose type is neither `any` nor `unknown`. */
function hasKnownType(context: AnyRuleContext, node: TSESTree.Node): boolean {
  const services = getTypedServices(context);
  const type = services ? getNodeType(services, node) : null;
  return type !== null && type !== undefined && !isAnyOrUnknown(type);
}

/** A stored promise nobody handles in time: never waited for, or (`awaitedLater`) first waited for by a later call. */
export interface DanglingField {
  readonly name: string;
  readonly awaitedLater: boolean;
  /** The synchronous method that stores it, when it is not the constructor. */
  readonly storedBy?: string | null;
}

/** `new Promise((resolve) => emitter.once('ready', resolve))`: an executor that takes no `reject` has no rejection to lose. */
function isResolveOnlyPromise(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.NewExpression || inner.callee.type !== AST_NODE_TYPES.Identifier || inner.callee.name !== 'Promise') return false;
  const executor = inner.arguments[0] ? skipExpressionWrappers(inner.arguments[0]) : null;
  return isFunctionNode(executor) && !executor.async && executor.params.length <= 1;
}

/** Cheap pre-check: a call or `new` (the values inference may find to be a promise). */
function mayBeStoredPromise(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression;
}

/**
 * A promise kept in a local and awaited only after the function has waited for other work (`lateAwaits.ts`), when the
 * value is a promise that can reject and has no handler yet. Null otherwise.
 */
export function findPromiseAwaitedLate(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator, options: FloatingOptions): LateAwait | null {
  const init = declarator.init ? skipChain(declarator.init) : null;
  if (!init || init.type === AST_NODE_TYPES.AwaitExpression) return null;
  if (init.type === AST_NODE_TYPES.CallExpression && (isKnownSafeCall(context, init, options) || callCannotReject(context.sourceCode, init))) return null;
  if (!isReportablePromise(context, init, options) || isHandledChain(context, init) || (init.type === AST_NODE_TYPES.CallExpression && losesNothing(context, init))) return null;
  return findLateAwait(context, declarator);
}

/**
 * A local awaited only under a condition (`const r = callback(); if (wait) await r;`, see `conditionalAwaits.ts`)
 * whose value may be a promise that can reject: not an allow-listed call, not a call of the file that cannot
 * reject, and, with types, not a value whose type is known and not a promise.
 */
export function findConditionallyAwaitedPromise(
  context: AnyRuleContext,
  declarator: TSESTree.VariableDeclarator,
  options: FloatingOptions,
): ConditionalAwait | null {
  const found = findConditionalAwait(context, declarator);
  if (!found) return null;
  const { call } = found;
  if (call.type === AST_NODE_TYPES.CallExpression && (isKnownSafeCall(context, call, options) || callCannotReject(context.sourceCode, call))) return null;
  const services = getTypedServices(context);
  const type = services ? getNodeType(services, call) : null;
  if (type && !isAnyOrUnknown(type) && !isReportablePromise(context, call, options)) return null;
  return found;
}

/** `p.catch(f)` / `p.then(a, f)` stored in a variable: the rejection is handled. */
function isHandledChain(context: AnyRuleContext, node: TSESTree.Node, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const handling = parseHandlingCall(node);
  if (!handling) return false;
  if (handling.method === 'finally') return walk.enter(node, false, () => isHandledChain(context, skipChain(handling.object), walk));
  return handling.onRejected !== undefined && isRejectionHandler(context, handling.onRejected);
}

/** Words in a comment that say a promise is left unhandled on purpose. */
const DELIBERATE_DETACH = /no-floating-promises|fire[- ]and[- ]forget|unhandled ?rejection|intentional|deliberate|on purpose|(?:do not|don't|no need to|not) await|no \.?catch/i;

/**
 * True when a comment on the statement's line or the line before says the promise is detached on purpose
 * (an `eslint-disable` of a peer's floating-promise rule, "fire and forget", "goes to unhandledRejection").
 */
export function isMarkedDeliberate(sourceCode: SourceCode, statement: TSESTree.Node): boolean {
  const line = statement.loc.start.line;
  const comments = [...sourceCode.getCommentsBefore(statement), ...sourceCode.getCommentsAfter(statement)];
  return comments.some((comment) => comment.loc.end.line >= line - 1 && comment.loc.start.line <= statement.loc.end.line && DELIBERATE_DETACH.test(comment.value));
}
