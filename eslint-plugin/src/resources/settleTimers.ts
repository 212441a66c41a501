import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getHoldingIdentifier, getOutermostWrapper, getStatementList, getStaticPropertyName, isFunctionNode, isWithin, skipBind, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { isGlobalName } from '../modules/moduleBindings';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getConstInit, getFunctionHolder } from '../core/scope';
import { splitIdentifierWords } from '../core/nameWords';
import { getExecutorPromise } from '../promises/executors';
import { EMITTER_ADD_METHODS } from './listenerMethods';
import { clearCallOf, isGlobalCall, isHandleDropped, isUnrefOf } from './timerCalls';

type Variable = TSESLint.Scope.Variable;

/**
 * A timeout armed for a promise (`const timer = setTimeout(() => reject(new Error('timeout')), ms)` in its
 * executor) that the code clears before the promise settles on one path and leaves armed on another: after that
 * settle the timer keeps the process alive, and what its callback closes over, until it fires (@azure/core-amqp
 * 1.1.3's `sendRequest`: cleared before `resolve` on a 2xx answer, left armed for the full 60 s on an error
 * answer). The clear before one settle is the code's own word that the timer must not outlive the promise.
 */
export interface TimerLeftArmed {
  /** The `setTimeout(…)` call. */
  readonly timer: TSESTree.CallExpression;
  /** The variable holding the timer (`timer`, `this` not followed). */
  readonly name: string;
  /** Settles that leave it armed: a call of `resolve`/`reject` (or of a local function that settles), or `reject` handed on as a listener. */
  readonly armedSettles: readonly TSESTree.Node[];
  /** A settle the code clears it before: the evidence. */
  readonly clearedSettle: TSESTree.Node;
}

/** The cheap test of a file's text: a file without both calls cannot hold this shape. */
export function mayArmSettleTimers(text: string): boolean {
  return text.includes('clearTimeout(') && text.includes('setTimeout(') && text.includes('Promise');
}

/**
 * For `timer = setTimeout(callback, ms)` in the executor of `new Promise((resolve, reject) => …)`: the settles of
 * that promise which leave the timer armed. Empty unless all of this holds:
 * - the timer is held in a variable of the executor or of a function around it, given this one timer only, never
 *   `unref()`ed (an unref'd timer does not keep the process alive), and cleared only inside the executor (a clear in
 *   a `.finally` of the promise covers every settle);
 * - the timer's callback settles the promise (it is the promise's timeout, not some other timer);
 * - some settle is preceded by a clear of the timer (`clearTimeout(timer); resolve(value)`, also through a local
 *   function that clears it, `cleanup(); reject(error)`), and another is not.
 * A settle is a call of the executor's `resolve` or `reject`, a call of a function of the executor that settles (a
 * local `fail(error)` is judged at its calls unless it clears the timer itself), or `resolve`/`reject` handed to
 * another call (`socket.once('error', reject)`). Not counted: settles inside the timer's callback, and those the
 * executor's own body makes where it has not armed the timer (before it, or in the other branch of an `if`).
 */
export function findTimerLeftArmed(sourceCode: SourceCode, call: TSESTree.CallExpression): TimerLeftArmed | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  const executor = getEnclosingFunction(call);
  if (!executor || !getExecutorPromise(sourceCode, executor)) return null;
  const timer = heldTimer(sourceCode, call);
  if (!timer || !isOnlyTimerOf(timer, call) || isUnrefed(timer, call) || isClearedOutside(sourceCode, timer, executor)) return null;
  const settlers = settleVariables(sourceCode, executor);
  if (settlers.length === 0) return null;
  const callback = timerCallback(sourceCode, call);
  if (!callback) return null;
  const clearers = clearingFunctions(sourceCode, timer);
  const covered = (site: TSESTree.Node): boolean => isClearedAround(sourceCode, site, timer, clearers);
  const helpers = settlingHelpers(sourceCode, executor, settlers, callback, covered);
  if (!settlesWithin(callback, settlers, helpers)) return null;
  let clearedSettle: TSESTree.Node | null = null;
  const armedSettles: TSESTree.Node[] = [];
  for (const site of settleSites(settlers, helpers)) {
    const fn = getEnclosingFunction(site);
    // settles inside a helper are judged at the helper's calls; those in the timer's callback are the timeout itself
    if (!fn || helpers.has(fn) || isWithin(fn, callback) || (fn === executor && !someStatementAround(site, (statement) => isWithin(call, statement)))) continue;
    if (covered(site) || calledHelper(sourceCode, site, helpers)?.clearsItself) clearedSettle ??= site;
    else armedSettles.push(site);
  }
  if (!clearedSettle || armedSettles.length === 0) return null;
  return { timer: call, name: timer.name, armedSettles, clearedSettle };
}

/**
 * A timeout for a promise whose handle the code throws away (`setTimeout(() => reject(new Error('timeout')), ms);` as
 * a statement of its executor) while the promise can also settle another way (`resolve` called later or handed on):
 * nothing can clear it, so whenever the other way wins the timer stays armed for its whole delay, keeping the
 * process alive and its callback's closure (viem 2.21.33's `waitForTransactionReceipt`, 180 s after a receipt came).
 */
export interface TimeoutNeverCleared {
  /** The `setTimeout(…)` call. */
  readonly timer: TSESTree.CallExpression;
  /**
   * How the promise can be done with while the timer is armed: `settle`, the first settle outside the timer's
   * callback; `race`, the `Promise.race(…)` the promise is raced in (another promise of it can win).
   */
  readonly other: { readonly kind: 'settle' | 'race'; readonly node: TSESTree.Node };
  /**
   * For `setTimeout(…).unref()`, which does not hold the process: the call of its callback that acts on something
   * outside the promise (`process.stdin.pause()`), and still runs after the promise has settled another way.
   */
  readonly lateEffect?: TSESTree.CallExpression;
}

/** The cheap test of a file's text for {@link findTimeoutNeverCleared}. */
export function mayDropSettleTimeouts(text: string): boolean {
  return text.includes('setTimeout(') && text.includes('Promise');
}

/** Delays below this many milliseconds hold nothing worth a report (a deferral, not a timeout). */
const SHORT_DELAY_MS = 1000;

/** The timer is given a delay, and not one written as a number under {@link SHORT_DELAY_MS}. */
export function hasLongDelay(call: TSESTree.CallExpression): boolean {
  const delay = call.arguments[1] ? skipExpressionWrappers(call.arguments[1]) : null;
  return delay !== null && !(delay.type === AST_NODE_TYPES.Literal && typeof delay.value === 'number' && delay.value < SHORT_DELAY_MS);
}

/**
 * For `setTimeout(callback, ms)` written as a statement of the executor of `new Promise((resolve, reject) => …)`, or
 * of a listener the executor adds (node-fetch 1.0 armed its request's timeout when the socket came, and never cleared
 * it after the response): the settle that leaves it armed, or null. Null unless the callback rejects the promise and
 * cannot resolve it (it is the promise's timeout, not a deferred `resolve`, a retry or some other timer), the delay is
 * not a literal under a second, and the promise also settles outside the callback:
 * a call of `resolve`/`reject` (or of a local function that settles) after the timer or in a function of the
 * executor, or `resolve`/`reject` handed to other code (`socket.once('end', resolve)`, `{ resolve, reject }`).
 * A sleep, `new Promise((resolve) => setTimeout(resolve, ms))`, has no timeout to leave armed.
 */
export function findTimeoutNeverCleared(sourceCode: SourceCode, call: TSESTree.CallExpression): TimeoutNeverCleared | null {
  if (!isGlobalCall(sourceCode, call, 'setTimeout')) return null;
  const unrefed = isUnrefStatement(call);
  if (!(unrefed || isHandleDropped(sourceCode, call) || isArrowBody(call))) return null;
  if (!hasLongDelay(call)) return null;
  const armer = getEnclosingFunction(call);
  const executor = armer ? timeoutExecutor(sourceCode, armer) : null;
  const promise = executor ? getExecutorPromise(sourceCode, executor) : null;
  if (!armer || !executor || !promise) return null;
  const settlers = settleVariables(sourceCode, executor);
  const reject = settlers[1];
  if (!reject || !call.arguments[0]) return null;
  // `setTimeout(() => reject(error), ms)`, or `setTimeout(reject, ms)` itself; a timer that resolves is a deferral
  // (a retry after a delay, a sleep), not a timeout
  // `setTimeout(reject.bind(null, error), ms)` hands `reject` on as well (@google-cloud/spanner 5.2's `_acquire`)
  const first = skipBind(call.arguments[0]);
  const callback = timerCallback(sourceCode, call);
  const isReject = first.type === AST_NODE_TYPES.Identifier && reject.references.some((reference) => reference.identifier === first);
  const rejects = isReject || (callback !== null && reject.references.some((reference) => isWithin(reference.identifier, callback)));
  if (!rejects && !abortsExecutorWork(sourceCode, executor, first)) return null;
  // a callback that can resolve too retries the work after a delay (`setTimeout(() => attempt().then(resolve, reject),
  // 5000)`): a deferral, not a timeout
  const resolve = settlers[0];
  if (callback && resolve?.references.some((reference) => isWithin(reference.identifier, callback))) return null;
  // an unref'd timer holds nothing: it matters only for what its callback still does once the promise is settled
  const lateEffect = unrefed ? (callback ? findOutsideEffect(sourceCode, callback, settlers) : null) : undefined;
  if (lateEffect === null) return null;
  const helpers = settlingHelpers(sourceCode, executor, settlers, callback ?? executor, () => false);
  const otherSettle = [...settleSites(settlers, helpers), ...handedOnInObjects(settlers)].find((site) => {
    const fn = getEnclosingFunction(site);
    if (!fn || helpers.has(fn) || isWithin(site, callback ?? first)) return false;
    // the arming function's own calls of `resolve`/`reject` count where it has armed the timer (after it, not in the
    // other branch of an `if`), and the executor's, when one of its listeners arms it, after that listener is given;
    // a hand-over settles later wherever it is written
    if (site.type !== AST_NODE_TYPES.CallExpression) return true;
    if (fn === armer) return someStatementAround(site, (statement) => isWithin(call, statement));
    return fn !== executor || site.range[0] > armer.range[1];
  });
  if (otherSettle) return { timer: call, other: { kind: 'settle', node: otherSettle }, ...(lateEffect ? { lateEffect } : {}) };
  const race = findRace(sourceCode, promise);
  return race ? { timer: call, other: { kind: 'race', node: race }, ...(lateEffect ? { lateEffect } : {}) } : null;
}

/** Methods that only log. */
export const LOG_METHOD = /^(?:log|debug|info|warn|warning|error|trace|verbose|silly|fatal)$/;

/** `setTimeout(…).unref();`: the handle is dropped once unref'd. */
function isUnrefStatement(call: TSESTree.CallExpression): boolean {
  if (!isUnrefOf(call)) return false;
  const unref = getOutermostWrapper(call).parent?.parent;
  return unref?.type === AST_NODE_TYPES.CallExpression && getOutermostWrapper(unref).parent?.type === AST_NODE_TYPES.ExpressionStatement;
}

/**
 * A statement of the timer's callback that calls a method on something declared outside the executor
 * (`process.stdin.pause()`, `this.socket.destroy()`): an effect on the world the promise was waiting on, which the
 * late callback still has once the promise is settled (cli-ux 4.9.1's prompt paused stdin from a prompt already
 * answered). Calls of `resolve`/`reject`, of plain functions and of logging methods (`this.logger.warn(…)`) are not
 * effects of that kind.
 */
function findOutsideEffect(sourceCode: SourceCode, callback: FunctionNode, settlers: readonly Variable[]): TSESTree.CallExpression | null {
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  for (const statement of callback.body.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const call = skipExpressionWrappers(statement.expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || LOG_METHOD.test(getStaticPropertyName(callee) ?? '')) continue;
    let root: TSESTree.Node = skipExpressionWrappers(callee.object);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
    if (root.type === AST_NODE_TYPES.ThisExpression) return call;
    if (root.type !== AST_NODE_TYPES.Identifier || settlers.some((settler) => settler.name === root.name)) continue;
    const definition = findVariableOf(sourceCode, root)?.defs[0];
    const promiseFunction = getEnclosingFunction(callback);
    if (!definition) {
      if (isGlobalName(sourceCode, root, 'process')) return call;
      continue;
    }
    if (promiseFunction && !isWithin(definition.name, promiseFunction)) return call;
  }
  return null;
}

/**
 * The executor whose timeout `armer` arms: the executor itself, or a callback written inline as an argument of a call
 * the executor makes (`req.once('socket', () => { setTimeout(() => reject(…), ms) })`: the timeout of the request,
 * armed when its socket comes).
 */
function timeoutExecutor(sourceCode: SourceCode, armer: FunctionNode): FunctionNode | null {
  if (getExecutorPromise(sourceCode, armer)) return armer;
  const position = getOutermostWrapper(armer);
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return null;
  // a listener (a promise's callback runs on one outcome only: a retry after a failure, not the promise's timeout)
  const callee = skipExpressionWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (method === null || !(EMITTER_ADD_METHODS.has(method) || method === 'addEventListener')) return null;
  const outer = getEnclosingFunction(call);
  return outer && getExecutorPromise(sourceCode, outer) ? outer : null;
}

/**
 * The `Promise.race([…])` a promise is raced in: written in its array, held in a variable written once that is
 * (`const timeout = new Promise(…); await Promise.race([work, timeout])`, compiled code's `var timeout; … timeout =
 * new Promise(…)`), or returned by a local function a call of which is
 * (`Promise.race([work, timeout(ms)])`). When another promise of the race wins, the race is done with this one.
 */
export function findRace(sourceCode: SourceCode, promise: TSESTree.NewExpression): TSESTree.CallExpression | null {
  let position = getOutermostWrapper(promise);
  // `const second = enabled ? new Promise(…) : Promise.resolve(…)`: a branch of a choice is held as the choice is
  while (position.parent?.type === AST_NODE_TYPES.ConditionalExpression && position.parent.test !== position) position = getOutermostWrapper(position.parent);
  const parent = position.parent;
  if (!parent) return null;
  const holder = getHoldingIdentifier(position);
  if (holder) {
    const variable = findVariableOf(sourceCode, holder);
    const writes = variable ? variable.references.filter((reference) => reference.isWrite()) : [];
    if (!variable || writes.length !== 1 || writes[0]!.identifier !== holder) return null;
    return firstRaceOf(sourceCode, variable.references.map((reference) => reference.identifier));
  }
  const fn = parent.type === AST_NODE_TYPES.ReturnStatement ? getEnclosingFunction(parent) : isFunctionNode(parent) && parent.body === position ? parent : null;
  const maker = fn ? getFunctionHolder(sourceCode, fn) : null;
  if (!maker) return raceHolding(sourceCode, promise);
  const calls = maker.references.flatMap(({ identifier }) => (identifier.parent.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier ? [identifier.parent] : []));
  return firstRaceOf(sourceCode, calls);
}

function firstRaceOf(sourceCode: SourceCode, nodes: readonly TSESTree.Node[]): TSESTree.CallExpression | null {
  for (const node of nodes) {
    const race = raceHolding(sourceCode, node);
    if (race) return race;
  }
  return null;
}

/**
 * `Promise.race([…, node, …])`: the race whose array holds `node`, also through `.concat(…)` (compiled code's
 * `Promise.race(tasks.concat([node]))` for `Promise.race([...tasks, node])`) and through a `const` holding the array.
 */
export function raceHolding(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.CallExpression | null {
  const position = getOutermostWrapper(node);
  const pushedInto = arrayPushedInto(sourceCode, position);
  if (pushedInto) return raceOfHeldArray(sourceCode, pushedInto) ?? null;
  const array = position.parent;
  let race = array?.type === AST_NODE_TYPES.ArrayExpression ? array.parent : null;
  let argument: TSESTree.Node | undefined = array;
  if (race?.type === AST_NODE_TYPES.CallExpression && race.arguments.includes(array as TSESTree.ArrayExpression) && isConcat(race)) {
    argument = getOutermostWrapper(race);
    race = argument.parent ?? null;
  }
  if (array?.type === AST_NODE_TYPES.ArrayExpression && argument === array) {
    const held = raceOfHeldArray(sourceCode, array);
    if (held !== undefined) return held;
  }
  return race?.type === AST_NODE_TYPES.CallExpression && race.arguments[0] === argument && isPromiseRace(sourceCode, race) ? race : null;
}

function isPromiseRace(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'race' && isGlobalName(sourceCode, callee.object, 'Promise');
}

/**
 * `promises.push(node)` where `promises` is a `const` holding an array literal: that literal (@google-cloud/spanner
 * 5.2's `_acquire` pushed its timeout promise onto the `promises` it raced).
 */
function arrayPushedInto(sourceCode: SourceCode, position: TSESTree.Node): TSESTree.ArrayExpression | null {
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== position || call.arguments.length !== 1) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'push' || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
  const init = getConstInit(sourceCode, callee.object);
  return init?.type === AST_NODE_TYPES.ArrayExpression ? init : null;
}

/**
 * The race of an array held in a `const` (`const racers = [work, timeout(ms)]; … racers.push(abort); return
 * Promise.race(racers)`): undefined when the array is not held so; null when some use is neither the race nor a `push`
 * (the array may go anywhere); else the race.
 */
function raceOfHeldArray(sourceCode: SourceCode, array: TSESTree.ArrayExpression): TSESTree.CallExpression | null | undefined {
  const holder = getHoldingIdentifier(getOutermostWrapper(array));
  const variable = holder ? findVariableOf(sourceCode, holder) : null;
  const declaration = variable?.defs[0]?.parent;
  if (!variable || declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') return undefined;
  let race: TSESTree.CallExpression | null = null;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = getOutermostWrapper(reference.identifier);
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === use && isPromiseRace(sourceCode, parent)) race ??= parent;
    else if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use || getStaticPropertyName(parent) !== 'push' || parent.parent.type !== AST_NODE_TYPES.CallExpression) return null;
  }
  return race;
}

/** The call is the expression body of an arrow (an executor's return value is ignored). */
function isArrowBody(call: TSESTree.CallExpression): boolean {
  const position = getOutermostWrapper(call);
  return position.parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && position.parent.body === position;
}

/** `list.concat(…)`. */
function isConcat(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'concat';
}

/** `resolve`/`reject` placed in an object literal (`observe(id, { resolve, reject })`): handed to code that settles later. */
function handedOnInObjects(settlers: readonly Variable[]): TSESTree.Node[] {
  return settlers.flatMap((settler) =>
    settler.references
      .filter((reference) => {
        const parent = getOutermostWrapper(reference.identifier).parent;
        return parent?.type === AST_NODE_TYPES.Property && parent.value === getOutermostWrapper(reference.identifier) && parent.parent.type === AST_NODE_TYPES.ObjectExpression;
      })
      .map((reference) => reference.identifier),
  );
}

/** The variable the timer is stored in: `const timer = setTimeout(…)` or `timer = setTimeout(…)`. */
function heldTimer(sourceCode: SourceCode, call: TSESTree.CallExpression): Variable | null {
  const position = getOutermostWrapper(call);
  const parent = position.parent;
  const target =
    parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === position
      ? parent.id
      : parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === position && parent.operator === '='
        ? parent.left
        : null;
  return target?.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, target) : null;
}

/** No other value is ever written to the variable (one timer, not a timer per retry). */
function isOnlyTimerOf(timer: Variable, call: TSESTree.CallExpression): boolean {
  return timer.references.every((reference) => {
    if (!reference.writeExpr) return true;
    const value = skipExpressionWrappers(reference.writeExpr);
    return value === call || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.Literal && value.value === null);
  });
}

/** `timer.unref()` anywhere, or `setTimeout(…).unref()`: the timer does not hold the process. */
function isUnrefed(timer: Variable, call: TSESTree.CallExpression): boolean {
  return isUnrefOf(call) || timer.references.some((reference) => isUnrefOf(reference.identifier));
}


/** A clear of the timer outside the executor (`promise.finally(() => clearTimeout(timer))`) covers every settle. */
function isClearedOutside(sourceCode: SourceCode, timer: Variable, executor: FunctionNode): boolean {
  return timer.references.some((reference) => {
    const call = clearCallOf(sourceCode, reference.identifier);
    return call !== null && !isWithin(call, executor);
  });
}

/** The executor's `resolve` and `reject` parameters. */
export function settleVariables(sourceCode: SourceCode, executor: FunctionNode): Variable[] {
  const found: Variable[] = [];
  for (const parameter of executor.params.slice(0, 2)) {
    const variable = parameter.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, parameter) : null;
    if (variable) found.push(variable);
  }
  return found;
}

/** Words of a function's or method's name that end the work it belongs to (`abort`, `controller.abort()`). */
const ABORT_WORDS: ReadonlySet<string> = new Set(['abort', 'cancel']);

/**
 * The timer's callback aborts work the executor itself started: `setTimeout(abort, ms)` or `setTimeout(() =>
 * controller.abort(), ms)`, with `abort`/`controller` declared inside the executor (`const { pipe, abort } =
 * renderToPipeableStream(…)`): a watchdog of this promise's work, as much its timeout as a `reject` (@react-router/dev
 * 7.8.1's server entry aborted the render after `streamTimeout` and never cleared the timer when the render finished).
 */
function abortsExecutorWork(sourceCode: SourceCode, executor: FunctionNode, first: TSESTree.Node): boolean {
  const declaredInExecutor = (identifier: TSESTree.Identifier): boolean => {
    const definition = findVariableOf(sourceCode, identifier)?.defs[0];
    return definition !== undefined && definition.type !== 'Parameter' && isWithin(definition.name, executor);
  };
  const isAbortName = (name: string): boolean => splitIdentifierWords(name).some((word) => ABORT_WORDS.has(word.toLowerCase()));
  const isAbortCallee = (raw: TSESTree.Node): boolean => {
    const callee = skipExpressionWrappers(raw);
    if (callee.type === AST_NODE_TYPES.Identifier) return isAbortName(callee.name) && declaredInExecutor(callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = getStaticPropertyName(callee);
    const object = skipExpressionWrappers(callee.object);
    return method !== null && isAbortName(method) && object.type === AST_NODE_TYPES.Identifier && declaredInExecutor(object);
  };
  if (isFunctionNode(first)) {
    const body = first.body;
    if (body.type !== AST_NODE_TYPES.BlockStatement) return body.type === AST_NODE_TYPES.CallExpression && isAbortCallee(body.callee);
    return body.body.length === 1 && body.body[0]!.type === AST_NODE_TYPES.ExpressionStatement
      && body.body[0].expression.type === AST_NODE_TYPES.CallExpression && isAbortCallee(body.body[0].expression.callee);
  }
  return isAbortCallee(first);
}

/** The timer's callback as a function node: written inline, or a local function named there. */
export function timerCallback(sourceCode: SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  const first = call.arguments[0];
  if (!first) return null;
  const value = skipExpressionWrappers(first);
  if (isFunctionNode(value)) return value;
  return value.type === AST_NODE_TYPES.Identifier ? localFunction(sourceCode, value) : null;
}

/** `function fail() {…}` or `const fail = (…) => …` of the code, named by `identifier`. */
function localFunction(sourceCode: SourceCode, identifier: TSESTree.Identifier): FunctionNode | null {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
  if (definition?.type !== 'Variable' || definition.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.parent.kind !== 'const') return null;
  const init = definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  return isFunctionNode(init) ? init : null;
}

export interface SettlingHelper {
  /** The helper's calls. */
  readonly calls: readonly TSESTree.CallExpression[];
  /** Every settle inside it is preceded by a clear of the timer (`const done = (error) => { clearTimeout(timer); … }`). */
  clearsItself: boolean;
}

/**
 * Functions of the executor (not the timer's callback) that settle the promise themselves and are only ever called
 * by name (`const fail = (error) => { …; reject(error); }`): their settles are judged where they are called.
 */
export function settlingHelpers(
  sourceCode: SourceCode,
  executor: FunctionNode,
  settlers: readonly Variable[],
  callback: FunctionNode,
  covered: (site: TSESTree.Node) => boolean,
): Map<FunctionNode, SettlingHelper> {
  const helpers = new Map<FunctionNode, SettlingHelper>();
  for (const settler of settlers) {
    for (const reference of settler.references) {
      const fn = getEnclosingFunction(reference.identifier);
      if (!fn || fn === executor || fn === callback || getEnclosingFunction(fn) !== executor) continue;
      const known = helpers.get(fn);
      const clears = covered(reference.identifier);
      if (known) {
        known.clearsItself &&= clears;
        continue;
      }
      const calls = callsByName(sourceCode, fn);
      if (calls) helpers.set(fn, { calls, clearsItself: clears });
    }
  }
  return helpers;
}

/** The helper a call site calls (`fail(error)`), if it is one. */
export function calledHelper(sourceCode: SourceCode, site: TSESTree.Node, helpers: ReadonlyMap<FunctionNode, SettlingHelper>): SettlingHelper | null {
  if (site.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(site.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunction(sourceCode, callee) : null;
  return fn ? (helpers.get(fn) ?? null) : null;
}

/** The calls of a local function held by a name, when every use of the name is a call; null otherwise. */
function callsByName(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const variable = getFunctionHolder(sourceCode, fn);
  if (!variable) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const parent = reference.identifier.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee !== reference.identifier) return null;
    calls.push(parent);
  }
  return calls;
}

/** The callback settles the promise itself or through a helper. */
function settlesWithin(callback: FunctionNode, settlers: readonly Variable[], helpers: ReadonlyMap<FunctionNode, SettlingHelper>): boolean {
  const direct = settlers.some((settler) => settler.references.some((reference) => isWithin(reference.identifier, callback)));
  return direct || [...helpers.values()].some((helper) => helper.calls.some((call) => isWithin(call, callback)));
}

/** Every place that settles: calls of `resolve`/`reject`, hand-overs of them (`once('error', reject)`), and calls of helpers. */
export function settleSites(settlers: readonly Variable[], helpers: ReadonlyMap<FunctionNode, SettlingHelper>): TSESTree.Node[] {
  const sites: TSESTree.Node[] = [];
  for (const settler of settlers) {
    for (const reference of settler.references) {
      const parent = getOutermostWrapper(reference.identifier).parent;
      if (parent?.type !== AST_NODE_TYPES.CallExpression) continue;
      sites.push(parent.callee === getOutermostWrapper(reference.identifier) ? parent : reference.identifier);
    }
  }
  for (const helper of helpers.values()) sites.push(...helper.calls);
  return sites.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Variables of the code holding a function that clears the timer in its own statements (`const cleanup = () => {
 * clearTimeout(timer); … }`, `cancel = () => { … }`): a call of one clears it.
 */
function clearingFunctions(sourceCode: SourceCode, timer: Variable): Set<Variable> {
  const found = new Set<Variable>();
  for (const reference of timer.references) {
    const call = clearCallOf(sourceCode, reference.identifier);
    const fn = call ? getEnclosingFunction(call) : null;
    const holder = fn ? getFunctionHolder(sourceCode, fn) : null;
    if (holder) found.add(holder);
  }
  return found;
}

/**
 * A clear of the timer in a statement around `site`, before or after it, on its way up to the enclosing function
 * (also inside an `if` of that statement: `if (!timedOut) clearTimeout(timer)`; `reject(error); clearTimeout(timer);`
 * runs in the same turn), or a call of a function that clears it.
 */
function isClearedAround(sourceCode: SourceCode, site: TSESTree.Node, timer: Variable, clearers: ReadonlySet<Variable>): boolean {
  return someStatementAround(site, (statement) => clearsWithin(sourceCode, statement, timer, clearers), true);
}

/**
 * Some statement around `site` in one of the blocks that hold it, up to its function, satisfies `test`: one before
 * it runs first whenever `site` runs (or may, when the match is inside an `if` of that statement); with `orAfter`,
 * statements after it, which run in the same turn, count too.
 */
export function someStatementAround(site: TSESTree.Node, test: (statement: TSESTree.Node) => boolean, orAfter = false): boolean {
  const fn = getEnclosingFunction(site);
  for (let node: TSESTree.Node = site; node !== fn && node.parent; node = node.parent) {
    const siblings = siblingsOf(node);
    if (!siblings) continue;
    const index = siblings.indexOf(node);
    if (siblings.some((sibling, at) => (at < index || (orAfter && at > index)) && test(sibling))) return true;
  }
  return false;
}

/** The statement list (or sequence) `node` is an item of. */
function siblingsOf(node: TSESTree.Node): readonly TSESTree.Node[] | null {
  const parent = node.parent;
  if (!parent) return null;
  return parent.type === AST_NODE_TYPES.SequenceExpression ? parent.expressions : getStatementList(parent);
}

/** `clearTimeout(timer)` within `root` (not in nested functions), or a call of a function that clears it. */
function clearsWithin(sourceCode: SourceCode, root: TSESTree.Node, timer: Variable, clearers: ReadonlySet<Variable>): boolean {
  return someNodeWithin(
    root,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const argument = node.arguments[0] ? skipExpressionWrappers(node.arguments[0]) : null;
      if (argument?.type === AST_NODE_TYPES.Identifier && clearCallOf(sourceCode, argument) === node) return timer.references.some((reference) => reference.identifier === argument);
      const callee = skipExpressionWrappers(node.callee);
      const held = callee.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, callee) : null;
      return held !== null && clearers.has(held);
    },
    (node) => !isFunctionNode(node),
  );
}

