import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getAwaitedValue, getCompiledBody, isAsyncBody, isAsyncFunction, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getPatternNames } from '../core/patternNames';
import { type FunctionNode, getCalleeMember, getStaticPropertyName, isFunctionNode, isLoopStatement, isNestedFunction, type LoopStatement, skipExpressionWrappers, walk as walkSubtree } from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import {
  type BoundReason,
  containsConnectionCall,
  containsLimiterCall,
  getCollectionBound,
} from './concurrencyBounds';
import { resolveLocalCallables } from '../modules/localFunctions';
import { getExpressionWords } from '../core/nameWords';
import { exportPath, isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { classifyPromiseType, isPromiseExpression } from '../promises/promiseInference';
import { getPromiseCombinator } from '../promises/promiseApis';
import { classifyTypeAnnotation } from '../promises/promiseTypes';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getNodeType, getTypedServices } from '../core/typeInfo';
import { type CollectionOrigin, getCollectionOrigin } from './collectionOrigin';
import { isStoreRowCall, taskStartsIo } from './taskIo';
import type { AnyRuleContext } from '../core/ruleContext';

export type { BoundReason } from './concurrencyBounds';
export { getCollectionBound, isLimiterCall } from './concurrencyBounds';

/** The API that starts the tasks together. */
export type FanOutApi = 'Promise.all' | 'Promise.allSettled' | 'Promise.any' | 'Promise.race' | PoolHelperApi | LibraryMapApi;

/**
 * A promise library's map and filter (Bluebird's `BB.map(xs, fn, { concurrency })`): every task at once unless given
 * a `concurrency` option. Written like `Promise.all(xs.map(fn))` in most code, so they are judged like it (I/O per
 * element of a collection whose size the outside world decides), not like a pool helper left unlimited.
 */
export type LibraryMapApi = 'bluebird.map' | 'bluebird.filter' | `async.${AsyncCollectionMethod}`;

/**
 * The collection functions of the `async` package (and `neo-async`, its drop-in) that run the iteratee for every
 * element at once: `async.each(models, (model, done) => …, callback)`. Each has a limited form (`eachLimit`,
 * `mapLimit`) and a serial one (`eachSeries`), which are what a fix uses (loopback-connector-mysql 2.4.1 moved its
 * schema migration from `async.each` to `async.eachLimit`); the plain form is judged like `Promise.all(xs.map(fn))`.
 */
const ASYNC_COLLECTION_METHODS = ['each', 'forEach', 'eachOf', 'forEachOf', 'map', 'mapValues', 'filter', 'reject', 'concat', 'groupBy', 'sortBy', 'detect', 'some', 'every'] as const;
type AsyncCollectionMethod = (typeof ASYNC_COLLECTION_METHODS)[number];
export const ASYNC_COLLECTION_METHOD_SET: ReadonlySet<string> = new Set(ASYNC_COLLECTION_METHODS);
/** The packages that export those functions. */
const ASYNC_PACKAGES: ReadonlySet<string> = new Set(['async', 'neo-async']);

function isLibraryMapApi(api: FanOutApi): api is LibraryMapApi {
  return api === 'bluebird.map' || api === 'bluebird.filter' || api.startsWith('async.');
}

/** Promise-pool helpers: they run a limited number of tasks at once only when given a `concurrency` option. */
export type PoolHelperApi = 'p-map' | 'p-filter' | 'p-all';

/** True for p-map, p-filter and p-all. */
export function isPoolHelperApi(api: FanOutApi): api is PoolHelperApi {
  return api === 'p-map' || api === 'p-filter' || api === 'p-all';
}

/**
 * Where the tasks come from:
 * - `list`: an array written in the code (`Promise.all([f(), g()])`);
 * - `map`: one task per element (`urls.map(fetch)`, `Array.from(ids, load)`, `pMap(ids, load)`);
 * - `push-loop`: an array filled with one promise per loop iteration, then awaited all at once;
 * - `unknown`: an array we cannot trace (a parameter, a property).
 */
export type TaskSource = 'list' | 'map' | 'push-loop' | 'unknown';

/** What a `Promise.all`-like call starts: the facts the rule and the task inspector show. */
export interface FanOut {
  readonly call: TSESTree.CallExpression;
  readonly api: FanOutApi;
  readonly source: TaskSource;
  /** The number of tasks when the code fixes it (`[f(), g()]` → 2), else null. */
  readonly taskCount: number | null;
  /** The collection with one task per element (`urls`), or null (a literal list, a `while` loop, unknown). */
  readonly collection: TSESTree.Node | null;
  /** The loop that pushes the tasks (`push-loop` only). */
  readonly loop: TSESTree.Node | null;
  /** Each task is known to start asynchronous work (a promise-returning call, an async callback). */
  readonly startsAsyncWork: boolean;
  /**
   * Each task is a method of the element itself (`hooks.map((h) => h())`, `clients.map((c) => c.flush())`) or
   * tears something down (`close`, `destroy`, `kill`…): the work is on objects the program already holds, so the
   * concurrency is that of existing resources, not of new requests.
   */
  readonly onExistingElements: boolean;
  /** Why the number of tasks running at once is bounded, or null when nothing bounds it. */
  readonly bound: BoundReason | null;
  /** Each task starts I/O (a socket, a file, a query, a process), not only a wait on something already running. */
  readonly startsIo: boolean;
  /** Why the collection can be as large as the outside world makes it (I/O results, a request, a caller's data set), or null. */
  readonly origin: CollectionOrigin | null;
}

/**
 * Describes the tasks a call starts together: `Promise.all/allSettled/any/race(…)`, `pMap(…)` (p-map),
 * `pFilter(…)` (p-filter), `pAll(…)` (p-all) and Bluebird's `map`/`filter`. Null for any other call.
 */
export function analyzeFanOut(context: AnyRuleContext, call: TSESTree.CallExpression): FanOut | null {
  const api = getFanOutApi(context, call);
  if (api === null) return null;
  if (isPoolHelperApi(api) || isLibraryMapApi(api)) return analyzePromiseLibrary(context, call, api);
  const [argument] = call.arguments;
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  return { call, api, ...describeTasks(context, argument, new BoundedWalk(TASK_LIMITS)) };
}

/**
 * True when the fan-out starts I/O for every element of a collection that nothing bounds and whose size the
 * outside world decides (I/O results, a request, a caller's data set). p-map, p-filter and p-all without a `concurrency`
 * option count whatever their input: choosing a pool helper and leaving it unlimited is the mistake; so does a
 * `{ concurrency }` handed to `Array#map` (`findLimitGivenToArrayMap`), whatever the collection.
 */
export function isUnboundedFanOut(fanOut: FanOut): boolean {
  // a limit handed to `Array#map` says the work needed one, and limits nothing
  if (findLimitGivenToArrayMap(fanOut)) return true;
  if (fanOut.bound !== null || !fanOut.startsAsyncWork || fanOut.onExistingElements) return false;
  if (isPoolHelperApi(fanOut.api)) return fanOut.source === 'map' || fanOut.source === 'unknown';
  return (fanOut.source === 'map' || fanOut.source === 'push-loop') && fanOut.startsIo && fanOut.origin !== null;
}

/**
 * The options object a `Promise.all(xs.map(fn, { concurrency: n }))` hands to `Array#map` (the author meant a pool
 * helper's `pMap(xs, fn, { concurrency })` or Bluebird's `Promise.map`): `map` takes its second argument as the
 * callback's `this`, so the limit limits nothing and every task starts at once. Null for any other call.
 */
export function findLimitGivenToArrayMap(fanOut: FanOut): TSESTree.ObjectExpression | null {
  if (!fanOut.api.startsWith('Promise.')) return null;
  const [argument] = fanOut.call.arguments;
  const mapCall = argument ? skipExpressionWrappers(argument) : null;
  if (mapCall?.type !== AST_NODE_TYPES.CallExpression || mapCall.arguments.length !== 2) return null;
  const member = getCalleeMember(mapCall);
  if (!member || getStaticPropertyName(member) !== 'map') return null;
  const [callback, options] = mapCall.arguments;
  if (!callback || !isFunctionNode(callback) || options?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const limits = options.properties.some(
    (property) => property.type === AST_NODE_TYPES.Property && getStaticPropertyName(property) === 'concurrency',
  );
  return limits ? options : null;
}

function getFanOutApi(context: AnyRuleContext, call: TSESTree.CallExpression): FanOutApi | null {
  const combinator = getPromiseCombinator(context.sourceCode, call);
  if (combinator !== null) return `Promise.${combinator}` as FanOutApi;
  const reference = resolveModuleReference(context.sourceCode, call.callee);
  if (reference?.module === 'bluebird') {
    const path = exportPath(reference);
    return path.length === 1 && (path[0] === 'map' || path[0] === 'filter') ? `bluebird.${path[0]}` : null;
  }
  if (reference && ASYNC_PACKAGES.has(reference.module)) {
    const path = exportPath(reference);
    const method = path.length === 1 ? path[0] : undefined;
    return method !== undefined && ASYNC_COLLECTION_METHOD_SET.has(method) ? `async.${method as AsyncCollectionMethod}` : null;
  }
  if (!reference || exportPath(reference).length > 0) return null;
  if (reference.module === 'p-map') return 'p-map';
  if (reference.module === 'p-filter') return 'p-filter';
  if (reference.module === 'p-all') return 'p-all';
  return null;
}

type TaskFacts = Omit<FanOut, 'call' | 'api'>;

const UNKNOWN: TaskFacts = {
  source: 'unknown', taskCount: null, collection: null, loop: null, startsAsyncWork: false, onExistingElements: false, bound: null,
  startsIo: false, origin: null,
};

/** How far the tasks of a fan-out are followed through `const` aliases and spreads (alias cycles end there). */
const TASK_LIMITS = { maxDepth: 7 };

function describeTasks(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): TaskFacts {
  return walk.enter(raw, UNKNOWN, () => describeTasksOf(context, raw, walk));
}

function describeTasksOf(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): TaskFacts {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return describeList(context, node, walk);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const mapped = getMappedCollection(context, node);
    if (mapped) return describeMap(context, mapped.collection, mapped.callback);
    return UNKNOWN;
  }
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariableOf(context.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || definition?.type !== 'Variable' || variable.defs.length !== 1 || !isNeverReassigned(variable)) return UNKNOWN;
    const declarator = definition.node;
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return UNKNOWN;
    const init = skipExpressionWrappers(declarator.init);
    if (init.type === AST_NODE_TYPES.ArrayExpression && init.elements.length === 0) {
      return describePushLoop(context, variable, node);
    }
    return describeTasks(context, init, walk);
  }
  return UNKNOWN;
}

/** `[f(), g()]`, or `[...a.map(f), g()]`: a spread of an unbounded fan-out makes the whole list unbounded. */
function describeList(context: AnyRuleContext, list: TSESTree.ArrayExpression, walk: BoundedWalk): TaskFacts {
  let hasSpread = false;
  for (const element of list.elements) {
    if (element?.type !== AST_NODE_TYPES.SpreadElement) continue;
    hasSpread = true;
    const spread = describeTasks(context, element.argument, walk);
    if (spread.source !== 'list' && spread.source !== 'unknown' && spread.bound === null && spread.startsAsyncWork && !spread.onExistingElements) {
      return spread;
    }
  }
  const startsAsyncWork = list.elements.some(
    (element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isPromiseExpression(context, element),
  );
  return {
    source: 'list',
    taskCount: hasSpread ? null : list.elements.length,
    collection: null,
    loop: null,
    startsAsyncWork,
    onExistingElements: false,
    bound: 'array-literal',
    startsIo: false,
    origin: null,
  };
}

interface MappedCollection {
  readonly collection: TSESTree.Node;
  readonly callback: TSESTree.Node;
}

/** `xs.map(cb)`, `xs.flatMap(cb)`, `Array.from(xs, cb)`. */
function getMappedCollection(context: AnyRuleContext, call: TSESTree.CallExpression): MappedCollection | null {
  const member = getCalleeMember(call);
  if (!member) return null;
  const method = getStaticPropertyName(member);
  const [first, second] = call.arguments;
  if ((method === 'map' || method === 'flatMap') && first && first.type !== AST_NODE_TYPES.SpreadElement) {
    return { collection: member.object, callback: first };
  }
  if (method === 'from' && isGlobalName(context.sourceCode, member.object, 'Array') && first && second) {
    if (first.type === AST_NODE_TYPES.SpreadElement || second.type === AST_NODE_TYPES.SpreadElement) return null;
    return { collection: first, callback: second };
  }
  return null;
}

function describeMap(context: AnyRuleContext, collection: TSESTree.Node, callback: TSESTree.Node): TaskFacts {
  const work = analyzeTaskCallback(context, callback);
  const bound =
    getCollectionBound(context, collection) ??
    (work.limited ? 'limiter' : isFunctionNode(skipExpressionWrappers(callback)) && containsConnectionCall(callback) ? 'limiter' : null);
  return {
    source: 'map',
    taskCount: null,
    collection,
    loop: null,
    startsAsyncWork: work.startsAsyncWork,
    onExistingElements: work.onElement,
    bound,
    startsIo: work.startsAsyncWork && bound === null && (work.rowsOfStore || taskStartsIo(context, callback)),
    origin: bound === null ? getCollectionOrigin(context, collection) : null,
  };
}

/** What the per-element callback does: starts async work, goes through a limiter, or works on the element itself. */
export interface TaskCallbackFacts {
  readonly startsAsyncWork: boolean;
  /** A task is a row method of a store's collection picked by name (`returnsStoreRowCall`): I/O of its own. */
  readonly rowsOfStore: boolean;
  readonly limited: boolean;
  readonly onElement: boolean;
}

/** Analyses the callback of `xs.map(callback)` (a function, or a reference to one). */
export function analyzeTaskCallback(context: AnyRuleContext, raw: TSESTree.Node): TaskCallbackFacts {
  const callback = skipExpressionWrappers(raw);
  if (isFunctionNode(callback)) return analyzeInlineCallback(context, callback);
  return { startsAsyncWork: isAsyncFunctionReference(context, callback), rowsOfStore: false, limited: false, onElement: false };
}

function analyzeInlineCallback(context: AnyRuleContext, callback: FunctionNode): TaskCallbackFacts {
  // a compiled `async` callback, `(x) => __awaiter(this, …, function* () {…})`: its work is in the generator
  const body = getCompiledBody(callback) ?? callback;
  const tasks = getTaskExpressions(body);
  const limited = containsLimiterCall(context, callback.body);
  const rowsOfStore = tasks.some(returnsStoreRowCall);
  const startsAsyncWork = isAsyncBody(body)
    ? tasks.some((task) => skipExpressionWrappers(task).type === AST_NODE_TYPES.CallExpression || skipExpressionWrappers(task).type === AST_NODE_TYPES.NewExpression) ||
      tasks.some((task) => isPromiseExpression(context, task))
    : rowsOfStore || tasks.some((task) => isPromiseExpression(context, task));
  const elementNames = getPatternNames(callback.params[0]);
  const taskCalls = tasks.map((task) => skipExpressionWrappers(task)).filter((task) => task.type === AST_NODE_TYPES.CallExpression);
  const onElement =
    (elementNames.size > 0 && taskCalls.length > 0 && taskCalls.every((task) => {
      const root = getCalleeRoot(task);
      return root !== null && elementNames.has(root);
    })) || containsTeardownCall(callback.body);
  return { startsAsyncWork, rowsOfStore, limited, onElement };
}

/**
 * A task that writes or reads rows of a store's collection picked by name (`(r) =>
 * store.collection('reports').remove({ _id: r._id })`): I/O, and in a plain callback what it returns goes to the
 * fan-out's combinator, so the author knows it for a promise even where inference does not. Only the task's own call:
 * other untraced calls of a plain callback are left alone (on real code they were mostly fan-outs over a few elements:
 * an app's domains, a page's elements, a stack's filters), and so are such calls inside helpers the task calls (a
 * validation hook's queries per updated entity).
 */
function returnsStoreRowCall(task: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(task);
  return node.type === AST_NODE_TYPES.CallExpression && isStoreRowCall(node);
}

/** Operations that release what the program already holds: tearing N things down at once is not a fan-out of new work. */
const TEARDOWN_WORDS: ReadonlySet<string> = new Set([
  'close', 'destroy', 'kill', 'stop', 'end', 'terminate', 'disconnect', 'dispose', 'release', 'abort', 'cancel',
  'unsubscribe', 'shutdown', 'unref', 'quit', 'exit',
]);

/** Some call inside `node` (nested functions included) is named with a teardown verb first (`c.close()`, `this.kill(child)`). */
function containsTeardownCall(node: TSESTree.Node): boolean {
  let found = false;
  walkSubtree(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.CallExpression) {
      const [first] = getExpressionWords(child.callee);
      if (first !== undefined && TEARDOWN_WORDS.has(first)) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * The expressions whose values are the task's work: an arrow's expression body, the arguments of `return`,
 * and in an async callback (or the generator of a compiled one) the awaited expressions (outside nested functions).
 */
function getTaskExpressions(callback: FunctionNode): TSESTree.Node[] {
  const isAsync = isAsyncBody(callback);
  const tasks: TSESTree.Node[] = [];
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = skipExpressionWrappers(callback.body);
    if (body.type === AST_NODE_TYPES.AwaitExpression) return [body.argument];
    // the value, and (below) the awaits inside it: async (tag) => ({ tag, sha: await resolve(tag) })
    tasks.push(callback.body);
  }
  walkSubtree(callback.body, (node) => {
    if (isNestedFunction(node, callback.body)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const argument = skipExpressionWrappers(node.argument);
      if (!isAwaitNode(argument)) tasks.push(node.argument);
    }
    if (isAsync && isAwaitNode(node)) tasks.push(getAwaitedValue(node));
    return true;
  });
  return tasks;
}

/** `fetch`, a local async function, or (with types) a function whose return type is a promise. */
function isAsyncFunctionReference(context: AnyRuleContext, raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  // this.load.bind(this)
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const member = getCalleeMember(node);
    if (!member || getStaticPropertyName(member) !== 'bind') return false;
    node = skipExpressionWrappers(member.object);
  }
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (isGlobalName(context.sourceCode, node, 'fetch')) return true;
  const local = resolveLocalCallables(context.sourceCode, node);
  if (local.length > 0) {
    return local.every((callable) => {
      if (callable.returnType) return classifyTypeAnnotation(context.sourceCode, callable.returnType.typeAnnotation) === 'promise';
      return isFunctionNode(callable) ? isAsyncFunction(callable) : callable.async && !callable.generator;
    });
  }
  const services = getTypedServices(context);
  if (!services) return false;
  const type = getNodeType(services, node);
  if (!type) return false;
  const signatures = type.getCallSignatures();
  return signatures.length > 0 && signatures.every((signature) => classifyPromiseType(services, signature.getReturnType(), node) === 'promise');
}


/** The identifier a call chain starts from: `c.close().catch(f)` → `c`, `h(x)` → `h`. Null for `this`, calls of calls… */
function getCalleeRoot(call: TSESTree.Node): string | null {
  let node = skipExpressionWrappers(call);
  for (let steps = 0; steps < 32; steps++) {
    if (node.type === AST_NODE_TYPES.CallExpression) node = skipExpressionWrappers(node.callee);
    else if (node.type === AST_NODE_TYPES.MemberExpression) node = skipExpressionWrappers(node.object);
    else break;
  }
  return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
}

// ---------------------------------------------------------------------------------------------
// One promise pushed per loop iteration

const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every']);

/**
 * `const tasks = []; for (const x of xs) tasks.push(f(x)); await Promise.all(tasks)`. The array must be used
 * only by `push` calls and by this one call (any other use, like checking `tasks.length`, may be a manual bound).
 */
function describePushLoop(context: AnyRuleContext, variable: TSESLint.Scope.Variable, use: TSESTree.Identifier): TaskFacts {
  const pushes: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (reference.init || identifier === use) continue;
    const parent = identifier.parent;
    if (
      parent?.type !== AST_NODE_TYPES.MemberExpression ||
      parent.object !== identifier ||
      getStaticPropertyName(parent) !== 'push' ||
      parent.parent?.type !== AST_NODE_TYPES.CallExpression ||
      parent.parent.callee !== parent ||
      identifier.range[0] > use.range[0]
    ) {
      return UNKNOWN;
    }
    pushes.push(parent.parent);
  }
  const functionOfArray = getFunctionScopeNode(variable.defs[0]?.node ?? use);
  let first: TaskFacts | null = null;
  for (const push of pushes) {
    const loop = findEnclosingLoop(push, functionOfArray);
    if (!loop) continue;
    const facts = describePushInLoop(context, push, loop);
    first ??= facts;
    if (facts.bound === null && facts.startsAsyncWork && !facts.onExistingElements) return facts;
  }
  if (first) return first;
  const startsAsyncWork = pushes.some((push) => push.arguments.some((argument) => isPromiseExpression(context, argument)));
  return { ...UNKNOWN, source: 'list', taskCount: pushes.reduce((count, push) => count + push.arguments.length, 0), startsAsyncWork, bound: 'array-literal' };
}

function getFunctionScopeNode(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

type LoopLike = { readonly kind: 'statement'; readonly node: LoopStatement } | { readonly kind: 'callback'; readonly node: TSESTree.CallExpression; readonly callback: FunctionNode };

/** The innermost loop around `node` that runs inside the function declaring the array (not beyond it). */
function findEnclosingLoop(node: TSESTree.Node, boundary: TSESTree.Node | null): LoopLike | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== boundary; child = current, current = current.parent) {
    if (isLoopStatement(current)) {
      if (current.body === child) return { kind: 'statement', node: current };
      continue;
    }
    if (isFunctionNode(current)) {
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === current) {
        const member = getCalleeMember(call);
        const method = member ? getStaticPropertyName(member) : null;
        if (method !== null && ITERATION_METHODS.has(method)) return { kind: 'callback', node: call, callback: current };
      }
      const compiledLoop = getCompiledLoopOf(current, boundary);
      if (compiledLoop) return { kind: 'statement', node: compiledLoop };
      return null; // pushed from some other function: we cannot tell how often it runs
    }
  }
  return null;
}

/**
 * The loop whose body a compiler moved into a function (TypeScript's ES5 output for a loop whose closures capture its
 * variable: `var _loop_1 = function (item) { … }; for (…) { _loop_1(item); }`): the loop whose body holds its one
 * call, inside `boundary`.
 */
function getCompiledLoopOf(fn: FunctionNode, boundary: TSESTree.Node | null): LoopStatement | null {
  const holder = fn.parent;
  if (holder?.type !== AST_NODE_TYPES.VariableDeclarator || holder.init !== fn || holder.id.type !== AST_NODE_TYPES.Identifier || !/^_loop_\d+$/.test(holder.id.name)) return null;
  const name = holder.id.name;
  let loop: LoopStatement | null = null;
  let calls = 0;
  const scopeRoot = boundary ?? holder;
  walkSubtree(scopeRoot, (child) => {
    if (child.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = skipExpressionWrappers(child.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== name) return true;
    calls++;
    loop = loopStatementAround(child, boundary);
    return true;
  });
  return calls === 1 ? loop : null;
}

/** The loop statement whose body holds `node`, within its function and inside `boundary`, or null. */
function loopStatementAround(node: TSESTree.Node, boundary: TSESTree.Node | null): LoopStatement | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== boundary && !isFunctionNode(current); child = current, current = current.parent) {
    if (isLoopStatement(current) && current.body === child) return current;
  }
  return null;
}

function describePushInLoop(context: AnyRuleContext, push: TSESTree.CallExpression, loop: LoopLike): TaskFacts {
  const startsAsyncWork = push.arguments.some(
    (argument) => argument.type !== AST_NODE_TYPES.SpreadElement && isPromiseExpression(context, argument),
  );
  const limited = push.arguments.some((argument) => containsLimiterCall(context, argument));
  const elementNames = getLoopElementNames(loop);
  const onExistingElements =
    elementNames.size > 0 &&
    push.arguments.length > 0 &&
    push.arguments.every((argument) => {
      const inner = skipExpressionWrappers(argument);
      const root = inner.type === AST_NODE_TYPES.CallExpression ? getCalleeRoot(inner) : null;
      return root !== null && elementNames.has(root);
    });
  const tearsDown = push.arguments.some((argument) => containsTeardownCall(argument));
  const { collection, bound } = getLoopBound(context, loop);
  const body = loop.kind === 'statement' ? loop.node.body : loop.callback.body;
  const awaitsEachIteration = (loop.kind === 'statement' && loop.node.type === AST_NODE_TYPES.ForOfStatement && loop.node.await) || containsAwait(body);
  const unbounded = bound === null;
  return {
    source: 'push-loop',
    taskCount: null,
    collection,
    loop: loop.node,
    startsAsyncWork,
    startsIo: startsAsyncWork && unbounded && push.arguments.some((argument) => taskStartsIo(context, argument)),
    origin: unbounded ? (collection ? getCollectionOrigin(context, collection) : pullsFromSource(loop)) : null,
    onExistingElements: onExistingElements || tearsDown,
    bound:
      bound ??
      (limited
        ? 'limiter'
        : push.arguments.some((argument) => containsConnectionCall(argument))
          ? 'limiter'
          : awaitsEachIteration
            ? 'awaits-in-loop'
            : null),
  };
}

/** `while ((row = cursor.next()) !== null)`: a loop that pulls its elements from a source one call at a time. */
function pullsFromSource(loop: LoopLike): CollectionOrigin | null {
  const node = loop.node;
  if (node.type !== AST_NODE_TYPES.WhileStatement && node.type !== AST_NODE_TYPES.DoWhileStatement) return null;
  let pulls = false;
  walkSubtree(node.test, (child) => {
    if (pulls || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.CallExpression) pulls = true;
    return !pulls;
  });
  return pulls ? 'io-result' : null;
}

function getLoopElementNames(loop: LoopLike): Set<string> {
  if (loop.kind === 'callback') return getPatternNames(loop.callback.params[0]);
  if (loop.node.type !== AST_NODE_TYPES.ForOfStatement) return new Set();
  const left = loop.node.left;
  if (left.type !== AST_NODE_TYPES.VariableDeclaration) return new Set();
  return getPatternNames(left.declarations[0]?.id as TSESTree.Parameter | undefined);
}

function getLoopBound(context: AnyRuleContext, loop: LoopLike): { collection: TSESTree.Node | null; bound: BoundReason | null } {
  if (loop.kind === 'callback') {
    const member = getCalleeMember(loop.node);
    const collection = member ? member.object : null;
    return { collection, bound: collection ? getCollectionBound(context, collection) : null };
  }
  const node = loop.node;
  switch (node.type) {
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.ForInStatement:
      return { collection: node.right, bound: getCollectionBound(context, node.right) };
    case AST_NODE_TYPES.ForStatement:
      return getForStatementBound(context, node);
    default:
      return { collection: null, bound: null };
  }
}

/** `for (let i = 0; i < xs.length; i++)` → xs; `i < 10` → fixed count; `i += size` → batches. */
function getForStatementBound(context: AnyRuleContext, loop: TSESTree.ForStatement): { collection: TSESTree.Node | null; bound: BoundReason | null } {
  const update = loop.update ? skipExpressionWrappers(loop.update) : null;
  if (update?.type === AST_NODE_TYPES.AssignmentExpression && update.operator === '+=') {
    const step = skipExpressionWrappers(update.right);
    if (!(step.type === AST_NODE_TYPES.Literal && step.value === 1)) return { collection: null, bound: 'batch-loop' };
  }
  const test = loop.test ? skipExpressionWrappers(loop.test) : null;
  if (test?.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '<' && test.operator !== '<=')) return { collection: null, bound: null };
  const limit = skipExpressionWrappers(test.right);
  if (limit.type === AST_NODE_TYPES.Literal && typeof limit.value === 'number') return { collection: null, bound: 'fixed-count' };
  if (limit.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(limit) === 'length') {
    return { collection: limit.object, bound: getCollectionBound(context, limit.object) };
  }
  return { collection: null, bound: null };
}

function containsAwait(body: TSESTree.Node): boolean {
  let found = false;
  walkSubtree(body, (node) => {
    if (found || isNestedFunction(node, body)) return false;
    if (isAwaitNode(node)) found = true;
    return !found;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// p-map, p-filter and p-all; Bluebird's map and filter (the same arguments)

function analyzePromiseLibrary(context: AnyRuleContext, call: TSESTree.CallExpression, api: PoolHelperApi | LibraryMapApi): FanOut | null {
  const [input, second, third] = call.arguments;
  if (!input || input.type === AST_NODE_TYPES.SpreadElement) return null;
  // pMap(input, mapper, options) and pFilter(input, filterer, options); pAll(tasks, options)
  // (the `async` package takes no options: its limit is in the function's name, `eachLimit(xs, n, fn, done)`)
  const options = api === 'p-all' ? second : api.startsWith('async.') ? undefined : third;
  const optionsBound = getConcurrencyOptionBound(options);
  if (api !== 'p-all') {
    if (!second || second.type === AST_NODE_TYPES.SpreadElement) return null;
    const facts = describeMap(context, input, second);
    // the `async` package's iteratee reports through its callback (`(model, done) => …`), not a promise
    const startsIo = api.startsWith('async.') ? facts.bound === null && taskStartsIo(context, second) : facts.startsIo;
    return { call, api, ...facts, startsIo, startsAsyncWork: true, bound: optionsBound ?? facts.bound };
  }
  // pAll(tasks): tasks are functions that each start a task when called
  const tasks = skipExpressionWrappers(input);
  const mapped = tasks.type === AST_NODE_TYPES.CallExpression ? getMappedCollection(context, tasks) : null;
  if (!mapped) {
    const bound = optionsBound ?? (tasks.type === AST_NODE_TYPES.ArrayExpression ? 'array-literal' : null);
    const taskCount = tasks.type === AST_NODE_TYPES.ArrayExpression && tasks.elements.every((e) => e?.type !== AST_NODE_TYPES.SpreadElement) ? tasks.elements.length : null;
    return { call, api, ...UNKNOWN, source: taskCount === null ? 'unknown' : 'list', taskCount, startsAsyncWork: true, bound };
  }
  const limited = containsLimiterCall(context, mapped.callback);
  const bound = optionsBound ?? getCollectionBound(context, mapped.collection) ?? (limited ? 'limiter' : null);
  return {
    call, api, source: 'map', taskCount: null, collection: mapped.collection, loop: null, startsAsyncWork: true, onExistingElements: false, bound,
    startsIo: taskStartsIo(context, mapped.callback), origin: getCollectionOrigin(context, mapped.collection),
  };
}

/** `{ concurrency: 4 }` bounds; `{}`, no options, or `{ concurrency: Infinity }` do not; options we cannot read count as bounded. */
function getConcurrencyOptionBound(options: TSESTree.CallExpressionArgument | undefined): BoundReason | null {
  if (!options) return null;
  const node = skipExpressionWrappers(options);
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return 'concurrency-option';
  let sawUnknown = false;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property) {
      sawUnknown = true;
      continue;
    }
    if (getStaticPropertyName(property) !== 'concurrency') continue;
    const value = skipExpressionWrappers(property.value);
    const isInfinite =
      (value.type === AST_NODE_TYPES.Identifier && value.name === 'Infinity') ||
      (value.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(value) === 'POSITIVE_INFINITY');
    return isInfinite ? null : 'concurrency-option';
  }
  return sawUnknown ? 'concurrency-option' : null;
}
