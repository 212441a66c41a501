import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { everyOwnReturnIs, type FunctionNode, getStaticPropertyName, getTrailingName, isFunctionNode, skipBind, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { getReachingValue } from '../core/scope';
import { GLOBAL_MODULE, isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { findInheritedMethods, type LocalCallable, resolveLocalCallables } from '../modules/localFunctions';
import { getThisClass } from '../core/thisBinding';
import { isClockCall } from '../modules/clockReadings';
import { isSettlingTimerExport } from './promiseApis';
import { isPromiseLibraryStatic } from './packagePromiseApis';
import { getAwaitedValue, getBabelAsyncGenerator, getCompiledBody, isAwaitNode } from '../core/compiledAsync';

/**
 * Can this async work reject for a reason its code does not handle? An async function cannot when every
 * `await` (and every explicit `throw`) runs inside a `try` whose `catch` handles the error without throwing
 * it again, and what it returns is a plain value or a call that cannot reject either. Its synchronous code
 * between the awaits can still throw, but only by a programming error or a failure of synchronous code
 * that would end the process in the same way had it been called synchronously: detaching such a call
 * loses no error that handling the promise would have caught. Sleep helpers (`new Promise((resolve) =>
 * setTimeout(resolve, ms))`) and `timers/promises`' waits without options settle without rejecting.
 *
 * The analysis is syntactic and local: a `catch` that calls a logger or a callback is taken to handle the
 * error; an `await` outside a `try` may reject unless what it awaits cannot; anything it does not
 * recognise may fail.
 */

/** Built-in constructors whose `new` with plain arguments does not throw. */
const SAFE_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'Date', 'Error', 'AbortController']);

/** `Date.now()`, `performance.now()`, `process.hrtime()`, `Math.max(…)`: calls that do not throw on plain values. */
function isClockOrMathCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (isClockCall(sourceCode, call)) return true;
  const reference = resolveModuleReference(sourceCode, skipExpressionWrappers(call.callee));
  return reference?.module === GLOBAL_MODULE && reference.path.length === 2 && reference.path[0] === 'Math';
}

const cannotRejectCache = createFileCache<FunctionNode, boolean>();

/** True when calling the async function `fn` never gives a rejected promise. */
export function asyncFunctionCannotReject(sourceCode: SourceCode, fn: FunctionNode, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  // a compiled `async` function (`core/compiledAsync.ts`) is judged by its generator, whose `yield` is its `await`
  const compiled = fn.async ? null : getCompiledBody(fn);
  if ((!fn.async && !compiled) || fn.generator) return false;
  const cache = plainReturnsOf.has(walk) ? null : cannotRejectCache(sourceCode);
  const known = cache?.get(fn);
  if (known !== undefined) return known;
  // functions of the file that await each other end at the cycle (as "may reject")
  return walk.enter(fn, false, () => {
    const body = (compiled ?? fn).body;
    const result =
      body.type === AST_NODE_TYPES.BlockStatement
        ? body.body.every((statement) => cannotFail(sourceCode, statement, walk))
        : (cannotFailExpression(sourceCode, body, walk) && !mayBeOuterPromise(body)) || isPlainReturn(body, walk);
    cache?.set(fn, result);
    return result;
  });
}

/**
 * Babel's compiled `async` function, `_asyncToGenerator(function* () { … })` (`core/compiledAsync.ts`): true when its
 * generator's body cannot fail. Each `yield` is an `await` there, and is taken as one that may reject unless a `try`
 * around it handles the error (the shape of a callback that wraps all its work in `try`/`catch`).
 */
export function babelAsyncFunctionCannotReject(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const generator = getBabelAsyncGenerator(call);
  if (!generator) return false;
  const walk = new BoundedWalk(SYNTAX_TREE_LIMITS);
  return generator.body.body.every((statement) => cannotFail(sourceCode, statement, walk));
}

/**
 * `asyncFunctionCannotReject` for a function whose role says what some of its returned calls give back: a request
 * handler's `return res.json(…)` or `return next(error)` hands on no promise. `isPlainReturn` is asked about each
 * returned call (and an arrow's expression body) that the file's own code does not show to be harmless.
 */
export function asyncFunctionCannotRejectReturning(sourceCode: SourceCode, fn: FunctionNode, isPlainReturn: (call: TSESTree.CallExpression) => boolean): boolean {
  const walk = new BoundedWalk(SYNTAX_TREE_LIMITS);
  plainReturnsOf.set(walk, isPlainReturn);
  return asyncFunctionCannotReject(sourceCode, fn, walk);
}

/** The caller's knowledge of returned calls, for the one judgement a walk belongs to (its results are not cached). */
const plainReturnsOf = new WeakMap<BoundedWalk, (call: TSESTree.CallExpression) => boolean>();

function isPlainReturn(raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const node = skipExpressionWrappers(raw);
  const known = plainReturnsOf.get(walk);
  return known !== undefined && node.type === AST_NODE_TYPES.CallExpression && isSynchronous(node) && known(node);
}

/**
 * True when the promise of `call` cannot reject: an async IIFE or a call of this file's async functions
 * whose bodies cannot fail (or synchronous ones that return only quiet chains), `Promise.allSettled(…)`, a
 * synchronous `.then(f)` on one of these, or a chain ending in `.catch(handler)` whose handler does not throw
 * again (`p.then(resolve).catch(reject)`: the promise-style `try`/`catch`, judged as `no-floating-promises`
 * judges a handled chain).
 */
export function callCannotReject(sourceCode: SourceCode, call: TSESTree.CallExpression, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  if (isHandledChain(sourceCode, call)) return true;
  let current = call;
  for (;;) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = getStaticPropertyName(callee);
    if (method === 'allSettled' && isGlobalName(sourceCode, callee.object, 'Promise')) {
      return current.arguments.every((argument) => isPlainValue(sourceCode, argument));
    }
    // p.then(onValue, onError) with handlers that do not throw again: whatever `p` does, the chain settles quietly
    if (method === 'then' && current.arguments.length === 2 && isQuietHandler(sourceCode, current.arguments[0], false) && isQuietHandler(sourceCode, current.arguments[1], true)) return true;
    // settled.then((results) => { … }), settled.finally(cleanup): a synchronous handler on a promise that cannot
    // reject; it can only throw by a programming error, as it would in any synchronous callback. The promise may be
    // a call, or a variable that straight-line code has just set to one (`p = p.then(a, b); p.finally(c)`).
    const handler = current.arguments[0];
    const stepsOn = method === 'then' ? handler !== undefined && isFunctionNode(handler) && !handler.async : method === 'finally' && isQuietHandler(sourceCode, handler, false);
    if (!stepsOn || current.arguments.length !== 1) break;
    const receiver = skipExpressionWrappers(callee.object);
    const source = receiver.type === AST_NODE_TYPES.Identifier ? getReachingValue(sourceCode, receiver) : receiver;
    const sourceCall = source ? skipExpressionWrappers(source) : null;
    if (sourceCall?.type !== AST_NODE_TYPES.CallExpression) break;
    current = sourceCall;
  }
  const callables = resolveLocalCallables(sourceCode, skipExpressionWrappers(current.callee));
  return (
    callables.length > 0 &&
    callables.every(
      (callable) =>
        isFunctionNode(callable) &&
        (asyncFunctionCannotReject(sourceCode, callable, walk) || returnsOnlyResolvedPromises(sourceCode, callable, walk) || returnsOnlyQuietChains(sourceCode, callable)),
    )
  );
}

/**
 * A synchronous function whose every `return` (at least one) is a chain that ends in a handled `.catch(…)` and
 * then only synchronous steps: `return Promise.race([play(), timeout]).catch((reason) => log(reason)).then(() =>
 * emit('incoming'))` (twilio's incoming-call ringtone). What the steps after the `catch` could throw is a
 * programming error, thrown as it would be in any synchronous callback. (A statement ending in such steps is still
 * reported, as typescript-eslint reports it: the chain is written there, and a `.catch` at its end costs nothing.)
 * Also a chain that handles both outcomes, `return search.then(async (results) => { … }, (error) => { … }).finally(…)`,
 * when neither handler throws again (matrix-react-sdk's room search, which a `useCallback` its effect starts).
 */
function returnsOnlyQuietChains(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const isQuietChain = (raw: TSESTree.Node): boolean => {
    let node = skipExpressionWrappers(raw);
    for (let step = 0; step < MAX_QUIET_STEPS && node.type === AST_NODE_TYPES.CallExpression; step++) {
      if (isHandledChain(sourceCode, node)) return true;
      const callee = skipExpressionWrappers(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      const handler = node.arguments[0];
      // `p.then(onValue, onError)` with quiet handlers; an async `onValue` that cannot reject is quiet too
      if (method === 'then' && node.arguments.length === 2 && isQuietHandler(sourceCode, node.arguments[1], true)) {
        const onValue = handler ? skipExpressionWrappers(handler) : null;
        if (isQuietHandler(sourceCode, handler, false) || (onValue && isFunctionNode(onValue) && onValue.async && asyncFunctionCannotReject(sourceCode, onValue))) return true;
      }
      const synchronous = handler !== undefined && isFunctionNode(handler) && !handler.async && node.arguments.length === 1;
      if ((method !== 'then' && method !== 'finally') || !synchronous || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      node = skipExpressionWrappers(callee.object);
    }
    return false;
  };
  return fn.body.type === AST_NODE_TYPES.BlockStatement ? everyOwnReturnIs(fn.body, isQuietChain) : isQuietChain(fn.body);
}

/** How many synchronous `.then`/`.finally` steps after the handled `catch` are followed. */
const MAX_QUIET_STEPS = 16;

/**
 * A synchronous function whose every `return` (at least one) is `Promise.resolve(…)` of a plain value, of the global
 * `Promise` or a promise library (`clean() { this.cache.clear(); return Promise.resolve(); }`): its promise cannot
 * reject, and its synchronous code throws to its caller, not into the promise.
 */
function returnsOnlyResolvedPromises(sourceCode: SourceCode, fn: FunctionNode, walk: BoundedWalk): boolean {
  if (fn.async || fn.generator) return false;
  const isResolved = (raw: TSESTree.Node): boolean => {
    const node = skipExpressionWrappers(raw);
    if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 1) return false;
    const reference = resolveModuleReference(sourceCode, skipExpressionWrappers(node.callee));
    const isGlobalResolve = reference?.module === GLOBAL_MODULE && reference.path.length === 2 && reference.path[0] === 'Promise' && reference.path[1] === 'resolve';
    const resolves = isGlobalResolve || isPromiseLibraryStatic(reference, 'resolve');
    return resolves && node.arguments.every((argument) => isPlainValue(sourceCode, argument, walk));
  };
  return fn.body.type === AST_NODE_TYPES.BlockStatement ? everyOwnReturnIs(fn.body, isResolved) : isResolved(fn.body);
}

/**
 * An awaited wait that cannot reject: a sleep helper of this file, `new Promise((resolve) => setTimeout(resolve,
 * ms))`, or `timers/promises`' waits without options. (Detached, such a wait is no loss of an error but of the
 * wait itself, so `callCannotReject` does not count them.)
 */
function isSettlingWait(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (isSettlingPromise(sourceCode, node)) return true;
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(node.callee);
  if (!node.arguments.every((argument) => isPlainValue(sourceCode, argument))) return false;
  if (isSettlingTimerExport(resolveModuleReference(sourceCode, callee), node.arguments.length)) return true;
  const callables = resolveLocalCallables(sourceCode, callee);
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && returnsSettlingPromise(sourceCode, callable));
}

/** A synchronous function that returns a promise that cannot reject: `(ms) => new Promise((resolve) => setTimeout(resolve, ms))`. */
function returnsSettlingPromise(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isSettlingPromise(sourceCode, body);
  const last = body.body.at(-1);
  return body.body.length === 1 && last?.type === AST_NODE_TYPES.ReturnStatement && last.argument !== null && isSettlingPromise(sourceCode, last.argument);
}

/** Callbacks that schedule without throwing on a function and a plain delay. */
const SCHEDULERS: ReadonlySet<string> = new Set(['setTimeout', 'setImmediate', 'queueMicrotask']);

/**
 * `new Promise((resolve) => …)` whose executor never takes `reject` and only resolves or schedules the
 * resolution (`setTimeout(resolve, ms)`, `setImmediate(() => resolve(value))`): it settles and never rejects.
 */
function isSettlingPromise(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.NewExpression || node.arguments.length !== 1 || !isGlobalName(sourceCode, node.callee, 'Promise')) return false;
  const executor = skipExpressionWrappers(node.arguments[0] as TSESTree.Node);
  if (!isFunctionNode(executor) || executor.async || executor.params.length > 1) return false;
  const resolve = executor.params[0];
  if (resolve !== undefined && resolve.type !== AST_NODE_TYPES.Identifier) return false;
  return bodyExpressions(executor).every((expression) => isSchedulingCall(sourceCode, expression, resolve?.name));
}

/** What a function's body evaluates: the expression of an arrow, or each statement of a block (an expression statement as its expression). */
function bodyExpressions(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  return fn.body.body.map((statement) => (statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : statement));
}

function isSchedulingCall(sourceCode: SourceCode, raw: TSESTree.Node, resolveName: string | undefined): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (isResolveCall(sourceCode, node, resolveName)) return true;
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (!SCHEDULERS.has(callee.name) || !isGlobalName(sourceCode, callee, callee.name)) return false;
  const [callback, ...rest] = node.arguments;
  if (callback === undefined || !rest.every((argument) => isPlainValue(sourceCode, argument))) return false;
  const scheduled = skipExpressionWrappers(callback);
  if (scheduled.type === AST_NODE_TYPES.Identifier) return scheduled.name === resolveName;
  // setImmediate(() => resolve(value)): the scheduled function only resolves
  if (!isFunctionNode(scheduled) || scheduled.async) return false;
  return bodyExpressions(scheduled).every((expression) => isResolveCall(sourceCode, expression, resolveName));
}

/** `resolve(value)` with a plain value. */
function isResolveCall(sourceCode: SourceCode, raw: TSESTree.Node, resolveName: string | undefined): boolean {
  const node = skipExpressionWrappers(raw);
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === resolveName &&
    node.arguments.every((argument) => isPlainValue(sourceCode, argument))
  );
}

/**
 * `….catch(handler)` where the handler takes the error without throwing it again: a function whose body
 * does not `throw` or return `Promise.reject(…)`, or a name of one (`reject`, a callback, a logger; a
 * function of this file is looked at). Like a `catch` clause that calls a logger or a callback.
 */
function isHandledChain(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'catch' || call.arguments.length !== 1) return false;
  return isQuietHandler(sourceCode, call.arguments[0], true);
}

/**
 * A handler that does not throw again: a synchronous function of this file (inline, or by name) whose body neither
 * throws nor returns `Promise.reject(…)`. As a rejection handler (`asRejectionHandler`), also a name that resolves
 * to no function of the file (`reject`, a callback, a logger).
 */
export function isQuietHandler(sourceCode: SourceCode, raw: TSESTree.Node | undefined, asRejectionHandler: boolean): boolean {
  if (!raw || raw.type === AST_NODE_TYPES.SpreadElement) return false;
  const handler = skipExpressionWrappers(raw);
  if (isFunctionNode(handler)) return !handlerRethrows(handler);
  if (handler.type !== AST_NODE_TYPES.Identifier || handler.name === 'undefined') return false;
  const callables = resolveLocalCallables(sourceCode, handler);
  if (callables.length === 0) return asRejectionHandler;
  return callables.every((callable) => (isFunctionNode(callable) ? !handlerRethrows(callable) : asRejectionHandler));
}

function handlerRethrows(fn: FunctionNode): boolean {
  if (fn.async) return true; // an async handler's own failures reject the chain's promise
  return fn.body.type === AST_NODE_TYPES.BlockStatement ? rethrows(fn.body) : isRejectCall(fn.body);
}

/**
 * `async () => value`: the arrow hands on what `value` names, and a promise it names rejects the arrow's
 * promise (`items.forEach(async () => pending)`). A name, member or `this` (or a choice between them) may
 * hold one; a literal, an operator's result or a function does not.
 */
function mayBeOuterPromise(body: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [body];
  while (stack.length > 0) {
    const node = skipExpressionWrappers(stack.pop() as TSESTree.Node);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        if (node.name !== 'undefined') return true;
        break;
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.ThisExpression:
        return true;
      case AST_NODE_TYPES.ConditionalExpression:
        stack.push(node.consequent, node.alternate);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        stack.push(node.left, node.right);
        break;
      case AST_NODE_TYPES.SequenceExpression:
        stack.push(node.expressions[node.expressions.length - 1] as TSESTree.Node);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        stack.push(node.right);
        break;
      default:
        break;
    }
  }
  return false;
}

/** An expression whose evaluation cannot fail: a plain value, or a call (awaited or not) whose promise cannot reject. */
function cannotFailExpression(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  if (isPlainValue(sourceCode, raw)) return true;
  let node = skipExpressionWrappers(raw);
  if (isAwaitNode(node)) {
    node = skipExpressionWrappers(getAwaitedValue(node));
    if (isSettlingWait(sourceCode, node)) return true;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || !callCannotReject(sourceCode, node, walk)) return false;
  // the arguments are evaluated before the call, outside its promise (a handler of `.catch` is not called
  // here): synchronous code, which can only throw synchronously
  return isHandledChain(sourceCode, node) || node.arguments.every(isSynchronous);
}

/** A statement that cannot fail, or a `try` whose `catch` handles what it throws. */
function cannotFail(sourceCode: SourceCode, statement: TSESTree.Node, walk: BoundedWalk): boolean {
  return walk.enter(statement, false, () => cannotFailStep(sourceCode, statement, walk));
}

function cannotFailStep(sourceCode: SourceCode, statement: TSESTree.Node, walk: BoundedWalk): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.TryStatement:
      // A `finally` that does not throw explicitly is taken as cleanup that does not fail (like the `catch`).
      if (statement.handler) return !rethrows(statement.handler.body) && (!statement.finalizer || !rethrows(statement.finalizer));
      return cannotFail(sourceCode, statement.block, walk) && (statement.finalizer?.body ?? []).every((inner) => cannotFail(sourceCode, inner, walk));
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.every((inner) => cannotFail(sourceCode, inner, walk));
    case AST_NODE_TYPES.IfStatement:
      return isQuietSynchronous(sourceCode, statement.test) && cannotFail(sourceCode, statement.consequent, walk) && (!statement.alternate || cannotFail(sourceCode, statement.alternate, walk));
    case AST_NODE_TYPES.VariableDeclaration:
      return statement.kind !== 'await using' && statement.declarations.every((declarator) => !declarator.init || cannotFailExpression(sourceCode, declarator.init, walk) || isQuietSynchronous(sourceCode, declarator.init));
    case AST_NODE_TYPES.ExpressionStatement:
      return cannotFailExpression(sourceCode, statement.expression, walk) || isQuietSynchronous(sourceCode, statement.expression);
    case AST_NODE_TYPES.ReturnStatement:
      // a returned promise is adopted: its rejection is the function's
      return !statement.argument || cannotFailExpression(sourceCode, statement.argument, walk) || returnsNoPromise(sourceCode, statement.argument) || isPlainReturn(statement.argument, walk);
    // a loop whose head cannot throw on purpose nor wait, and whose body cannot fail (matrix-react-sdk's search
    // results handler walks each result's timeline in a `for … of`)
    case AST_NODE_TYPES.ForOfStatement:
      return !statement.await && isQuietSynchronous(sourceCode, statement.right) && cannotFail(sourceCode, statement.body, walk);
    case AST_NODE_TYPES.ForInStatement:
      return isQuietSynchronous(sourceCode, statement.right) && cannotFail(sourceCode, statement.body, walk);
    case AST_NODE_TYPES.ForStatement:
      return [statement.init, statement.test, statement.update].every((part) => !part || (part.type === AST_NODE_TYPES.VariableDeclaration ? cannotFail(sourceCode, part, walk) : isQuietSynchronous(sourceCode, part))) && cannotFail(sourceCode, statement.body, walk);
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return isQuietSynchronous(sourceCode, statement.test) && cannotFail(sourceCode, statement.body, walk);
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    default:
      return false;
  }
}

/**
 * Code that does not wait: no `await`, `yield` or `for await` outside nested functions. It can throw only
 * synchronously (see the top of this file). A promise it creates and drops is not this function's rejection.
 */
function isSynchronous(node: TSESTree.Node): boolean {
  return !someNodeWithin(node, isWait, (inner) => !isFunctionNode(inner));
}

/**
 * Synchronous code that calls no function of this file that throws on purpose: `this.createSchema(list)` whose
 * own code has `throw new ValidationError(errors)` outside a `try` fails for a reason the code expects (apollo-gateway
 * 0.13's polled `updateComposition()` rejected whenever a composition failed), unlike the programming errors any
 * synchronous code may throw. A built-in error (`TypeError` on a bad argument, `new Error('called when unmounted')` on
 * a broken invariant) is taken as one of those, and so is a throw inside a function that builds errors (`makeError(…)`).
 */
function isQuietSynchronous(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return isSynchronous(node) && !someNodeWithin(node, (inner) => inner.type === AST_NODE_TYPES.CallExpression && callsThrowingFunction(sourceCode, inner), (inner) => !isFunctionNode(inner));
}

function callsThrowingFunction(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (isErrorFactory(call.callee)) return false;
  return calledFunctions(sourceCode, call).some((callable) => isFunctionNode(callable) && !callable.async && !callable.generator && throwsOnPurpose(callable));
}

/** The functions of this file `call` runs; `this.m()` also in the generator of a compiled async method, whose `this` is the method's. */
function calledFunctions(sourceCode: SourceCode, call: TSESTree.CallExpression): LocalCallable[] {
  const local = resolveLocalCallables(sourceCode, call.callee);
  if (local.length > 0) return local;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(callee.object).type !== AST_NODE_TYPES.ThisExpression) return [];
  const name = getStaticPropertyName(callee);
  const classNode = name === null ? null : getThisClass(callee, true);
  return classNode && name !== null ? findInheritedMethods(sourceCode, classNode, name, false).callables : [];
}

/** The function's own code (not nested functions, not a `try` block a `catch` handles) throws a failure it expects ({@link isDomainFailure}). */
function throwsOnPurpose(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  return someNodeWithin(
    fn.body,
    (node) => node.type === AST_NODE_TYPES.ThrowStatement && isDomainFailure(node.argument),
    (node) => !isFunctionNode(node) && !(node.parent?.type === AST_NODE_TYPES.TryStatement && node.parent.block === node && node.parent.handler !== null),
  );
}

/** `makeError(…)`, `this.createHttpError(…)`: a function that builds an error for its caller to throw; a `throw` of its own is an internal check. */
function isErrorFactory(callee: TSESTree.Node): boolean {
  return /Error$/.test(getTrailingName(callee) ?? '');
}

/** The language's own errors: a bad argument, a broken invariant (`throw new Error('called when unmounted')`). */
const BUILT_IN_ERRORS: ReadonlySet<string> = new Set(['Error', 'TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'URIError', 'AggregateError', 'AssertionError']);

/**
 * A failure the code expects: an error of the project's or a library's own class (`new SchemaValidationError(errors)`,
 * `new errors.NotFoundError()`), or an error value handed on (`throw error`). Not the built-in errors, which code throws
 * for programming errors and broken invariants as often as for real failures.
 */
function isDomainFailure(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = getTrailingName(node.callee);
  return name !== null && /(?:Error|Exception)$/.test(name) && !BUILT_IN_ERRORS.has(name);
}

function isWait(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression || (node.type === AST_NODE_TYPES.ForOfStatement && node.await);
}

/**
 * A returned expression that is no promise: a plain value, or a call of this file's synchronous functions
 * that return nothing (`return this.transitionTo(next)` in a state machine).
 */
function returnsNoPromise(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  if (isPlainValue(sourceCode, raw)) return true;
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression || !isSynchronous(node)) return false;
  const callables = resolveLocalCallables(sourceCode, skipExpressionWrappers(node.callee));
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && !callable.async && returnsNothing(callable));
}

/** A function whose every `return` (outside nested functions) is bare, with a block body. */
function returnsNothing(fn: FunctionNode): boolean {
  return fn.body.type === AST_NODE_TYPES.BlockStatement && !someNodeWithin(fn.body, (inner) => inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument !== null, (inner) => !isFunctionNode(inner));
}

/**
 * A rejection handler that handles the error in part and then throws again: a synchronous function of this file
 * (inline, bound with `.bind(…)`, or by name) whose block body does something (logs, emits, cleans up, tests the
 * error) and throws (or returns `Promise.reject(…)`) outside nested functions and outside a `try` that would catch
 * it. What it throws rejects the chain's promise, for whoever holds that promise to handle. A body that only throws
 * (`(error) => { throw error; }`, `throw new Error('unexpected', error)`) is left out: it handles nothing, and is
 * often meant to end the process.
 */
export function handlerThrowsAgain(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const handler = skipBind(raw);
  const callables: readonly TSESTree.Node[] = isFunctionNode(handler) ? [handler] : handler.type === AST_NODE_TYPES.Identifier ? resolveLocalCallables(sourceCode, handler) : [];
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && !callable.async && !callable.generator && handlesThenThrows(sourceCode, callable));
}

function handlesThenThrows(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const isThrow = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.ThrowStatement || (node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && isGlobalPromiseReject(sourceCode, node.argument));
  const [first, ...rest] = fn.body.body;
  if (!first || (rest.length === 0 && isThrow(first))) return false;
  return throwsUncaught(fn.body, isThrow);
}

/**
 * A throw (`isThrow`) in a function's body outside nested functions and outside a `try` block whose `catch` would
 * catch it: what the function throws to whoever calls it.
 */
export function throwsUncaught(body: TSESTree.BlockStatement, isThrow: (node: TSESTree.Node) => boolean = (node) => node.type === AST_NODE_TYPES.ThrowStatement): boolean {
  return someNodeWithin(body, isThrow, (inner) => !isFunctionNode(inner) && !(inner.parent?.type === AST_NODE_TYPES.TryStatement && inner.parent.block === inner && inner.parent.handler !== null));
}

/** `Promise.reject(…)` of the global `Promise` (not a deferred's `reject`). */
export function isGlobalPromiseReject(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const call = skipExpressionWrappers(raw);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'reject' && isGlobalName(sourceCode, callee.object, 'Promise');
}

/** A `catch` or `finally` body that throws again (or returns a rejection) outside nested functions. */
function rethrows(node: TSESTree.Node): boolean {
  return someNodeWithin(node, isThrowOrReject, (inner) => !isFunctionNode(inner));
}

function isThrowOrReject(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
  return node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && isRejectCall(node.argument);
}

/** `Promise.reject(…)` (or any `….reject(…)`): a rejection handed back. */
function isRejectCall(raw: TSESTree.Node): boolean {
  const argument = skipExpressionWrappers(raw);
  if (argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(argument.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'reject';
}

/** An expression that evaluates without calling anything: values, reads, operators, assignments, functions. */
function isPlainValue(sourceCode: SourceCode, raw: TSESTree.Node, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  return walk.enter(raw, false, () => isPlainValueStep(sourceCode, raw, walk));
}

function isPlainValueStep(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isPlainValue(sourceCode, expression, walk));
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element === null || isPlainValue(sourceCode, element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, walk));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? isPlainValue(sourceCode, property.argument, walk)
          : (!property.computed || isPlainValue(sourceCode, property.key, walk)) && isPlainValue(sourceCode, property.value, walk),
      );
    case AST_NODE_TYPES.MemberExpression:
      return isPlainValue(sourceCode, node.object, walk) && (!node.computed || isPlainValue(sourceCode, node.property, walk));
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return isPlainValue(sourceCode, node.argument, walk);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator !== 'in' && node.operator !== 'instanceof' && isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.LogicalExpression:
      return isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.ConditionalExpression:
      return isPlainValue(sourceCode, node.test, walk) && isPlainValue(sourceCode, node.consequent, walk) && isPlainValue(sourceCode, node.alternate, walk);
    case AST_NODE_TYPES.AssignmentExpression:
      return isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.SequenceExpression:
      return node.expressions.every((expression) => isPlainValue(sourceCode, expression, walk));
    case AST_NODE_TYPES.CallExpression:
      return isClockOrMathCall(sourceCode, node) && node.arguments.every((argument) => isPlainValue(sourceCode, argument, walk));
    case AST_NODE_TYPES.NewExpression:
      return (
        node.callee.type === AST_NODE_TYPES.Identifier &&
        SAFE_CONSTRUCTORS.has(node.callee.name) &&
        isGlobalName(sourceCode, node.callee, node.callee.name) &&
        node.arguments.every((argument) => isPlainValue(sourceCode, argument, walk))
      );
    default:
      return false;
  }
}
