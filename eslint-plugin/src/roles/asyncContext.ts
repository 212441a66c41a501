import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';

import {
  type FunctionNode,
  getArgumentIndex,
  getCalleeMember,
  getEnclosingFunction,
  getOutermostWrapper,
  getStaticPropertyName,
  getStaticString,
  skipExpressionWrappers,
} from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { isAwaiterBody } from '../core/compiledAsync';
import { SYNC_ITERATION_METHODS } from '../core/syncCallbacks';
import { findArgumentUses } from '../modules/functionReferences';
import { getPerModuleHookName } from './pluginHooks';
import { GLOBAL_MODULE, isGlobalName, isModuleExport, resolveModuleReference } from '../modules/moduleBindings';
import type { SourceCode } from '../core/ruleContext';

/**
 * Why a function runs on the event loop after start-up:
 * - `async-function`: an async function, arrow or method, or the generator of a compiled one (`core/compiledAsync.ts`);
 * - `promise-callback`: a `.then/.catch/.finally` callback;
 * - `timer-callback`: `setTimeout/setInterval/setImmediate` (global or from `node:timers`);
 * - `microtask`: `queueMicrotask`, `process.nextTick`;
 * - `io-callback`: the callback of Node's callback-style I/O (`fs.readdir(dir, (err, files) => …)`, `dns.lookup`,
 *   `zlib.gzip`, `crypto.pbkdf2`, `child_process.exec`): it runs when the I/O is done, on the event loop;
 * - `event-listener`: an EventEmitter or DOM listener (`on/once/addListener/prependListener/addEventListener`);
 * - `request-handler`: `http.createServer(handler)` and route handlers of web frameworks;
 * - `plugin-hook`: a Rollup or Vite plugin hook the bundler awaits for each module while it works on others
 *   (`load`, `transform`, `resolveId`, …: see `pluginHooks.ts`), even when it is not async.
 */
export type AsyncContextKind =
  | 'async-function'
  | 'promise-callback'
  | 'timer-callback'
  | 'microtask'
  | 'io-callback'
  | 'event-listener'
  | 'request-handler'
  | 'plugin-hook';

export interface AsyncContext {
  readonly kind: AsyncContextKind;
  /** The function whose body is the async context (for inherited contexts, the outer one). */
  readonly functionNode: FunctionNode;
  /**
   * `await` is allowed directly at the node (it is in the body of an async function, not in a nested callback).
   * False in a compiled `async` function, which awaits with `yield`: fixes that insert `await` are not offered there.
   */
  readonly canAwait: boolean;
}

const contextCache = createFileCache<FunctionNode, AsyncContext | null>();

/**
 * The async context `node` runs in, or null when it runs at start-up (module top level) or in an
 * ordinary synchronous function. Callbacks that run synchronously where they are written (the executor
 * of `new Promise`, array iteration callbacks, IIFEs) have the context of the code around them.
 */
export function getAsyncContext(sourceCode: SourceCode, node: TSESTree.Node): AsyncContext | null {
  const fn = getEnclosingFunction(node);
  if (!fn) return null;
  // Default parameter values and the like are evaluated when the function is called: that is the function's context too.
  return getFunctionAsyncContext(sourceCode, fn);
}

/**
 * The async context of code written directly in the body of `fn`. A function that runs where it is written
 * has the context of the function around it: those are followed outwards in a loop (callbacks can nest
 * deeper than the call stack), and every function on the way gets its answer cached.
 */
export function getFunctionAsyncContext(sourceCode: SourceCode, fn: FunctionNode): AsyncContext | null {
  const cache = contextCache(sourceCode);
  const inheriting: FunctionNode[] = [];
  let context: AsyncContext | null = null;
  for (let current: FunctionNode | null = fn; current !== null; ) {
    if (cache.has(current)) {
      context = cache.get(current) ?? null;
      break;
    }
    const parent = getOutermostWrapper(current).parent;
    if (!current.async && parent && runsWhereWritten(sourceCode, current)) {
      inheriting.push(current);
      current = getEnclosingFunction(parent);
      continue;
    }
    context = computeOwnContext(sourceCode, current);
    cache.set(current, context);
    break;
  }
  for (let index = inheriting.length - 1; index >= 0; index--) {
    context = context ? { ...context, canAwait: false } : null;
    cache.set(inheriting[index] as FunctionNode, context);
  }
  return context;
}

/**
 * True for a synchronous function that runs where it is written, as part of the code around it:
 * an IIFE, the executor of `new Promise`, an array iteration callback (`xs.map(x => …)`).
 */
export function runsWhereWritten(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.async || fn.generator) return false;
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === position) return true;
    const member = getCalleeMember(parent);
    const method = member ? getStaticPropertyName(member) : null;
    return parent.arguments[0] === position && method !== null && SYNC_ITERATION_METHODS.has(method);
  }
  if (parent?.type === AST_NODE_TYPES.NewExpression) {
    return parent.arguments[0] === position && isGlobalName(sourceCode, parent.callee, 'Promise');
  }
  return false;
}


export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener',
]);

/**
 * Process events whose listeners must be synchronous or run as the process dies: not "on the event loop".
 * (Node's docs recommend `fs.writeSync` in an `uncaughtException` handler.)
 */
const PROCESS_SHUTDOWN_EVENTS: ReadonlySet<string> = new Set(['exit', 'uncaughtException', 'uncaughtExceptionMonitor']);

const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);

const SERVER_MODULES: ReadonlySet<string> = new Set(['http', 'https', 'http2', 'net', 'tls']);
/** Node's callback-style I/O functions, whose last argument is called when the work is done: by module. */
const CALLBACK_IO_FUNCTIONS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'fs',
    new Set([
      'access', 'appendFile', 'chmod', 'chown', 'close', 'copyFile', 'cp', 'exists', 'fchmod', 'fchown', 'fdatasync', 'fstat',
      'fsync', 'ftruncate', 'futimes', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open', 'opendir', 'read',
      'readdir', 'readFile', 'readlink', 'readv', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate',
      'unlink', 'utimes', 'write', 'writeFile', 'writev',
    ]),
  ],
  ['dns', new Set(['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse'])],
  ['zlib', new Set(['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress'])],
  ['crypto', new Set(['pbkdf2', 'scrypt', 'randomBytes', 'randomFill', 'generateKeyPair', 'hkdf'])],
  ['child_process', new Set(['exec', 'execFile'])],
]);
const SERVER_FACTORIES: ReadonlySet<string> = new Set(['createServer', 'createSecureServer']);

/** Route registration methods shared by Express, Fastify, Koa-router, Hono and friends. */
const ROUTE_METHODS: ReadonlySet<string> = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use',
]);
const HOOK_METHODS: ReadonlySet<string> = new Set(['addHook']);
const REQUEST_PARAMETER_NAMES: ReadonlySet<string> = new Set(['req', 'request', 'ctx', 'context', 'c']);

/** The context of a function that does not run where it is written (see `getFunctionAsyncContext`). */
function computeOwnContext(sourceCode: SourceCode, fn: FunctionNode): AsyncContext | null {
  if (fn.async) return { kind: 'async-function', functionNode: fn, canAwait: true };
  // a compiled `async` function: it awaits with `yield`, so no fix may insert `await` there
  if (isAwaiterBody(fn)) return { kind: 'async-function', functionNode: fn, canAwait: false };
  const kind = getCallbackKind(sourceCode, fn) ?? (getPerModuleHookName(fn) !== null ? 'plugin-hook' : null) ?? getCallbackKindByName(sourceCode, fn);
  return kind ? { kind, functionNode: fn, canAwait: false } : null;
}

/**
 * Who calls `fn` later when this file hands it over by name (`app.get('/x', handler)`, `.then(this.check)`,
 * `setTimeout(tick, 10)`): the first such position that is a callback position. A function also called
 * directly still runs there too.
 */
function getCallbackKindByName(sourceCode: SourceCode, fn: FunctionNode): Exclude<AsyncContextKind, 'async-function'> | null {
  for (const argument of findArgumentUses(sourceCode, fn)) {
    const call = argument.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) continue;
    const kind = classifyCallbackPosition(sourceCode, call, fn, argument);
    if (kind) return kind;
  }
  return null;
}

/**
 * Who calls `fn` later, by the position it is given in, whether or not it is async: a timer, a listener,
 * a request router, a promise chain. Null for other positions.
 */
export function getCallbackKind(sourceCode: SourceCode, fn: FunctionNode): Exclude<AsyncContextKind, 'async-function'> | null {
  const parent = getOutermostWrapper(fn).parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.CallExpression) return classifyCallbackPosition(sourceCode, parent, fn, fn);
  // fastify.route({ method: "GET", url: "/", handler(req, reply) { ... } })
  return isRouteOptionsHandler(parent) ? 'request-handler' : null;
}

/** What calls `fn`, given to `call` as `argument` (the function itself, or a name or bound method that denotes it). */
export function classifyCallbackPosition(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  fn: FunctionNode,
  argument: TSESTree.Node,
): Exclude<AsyncContextKind, 'async-function'> | null {
  const index = getArgumentIndex(argument);
  if (index < 0) return null;
  const callee = skipExpressionWrappers(call.callee);

  if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) {
    const reference = resolveModuleReference(sourceCode, callee);
    if (reference) {
      const [first] = reference.path;
      if (reference.path.length === 1 && first && (reference.module === GLOBAL_MODULE || reference.module === 'timers') && TIMER_FUNCTIONS.has(first)) {
        return index === 0 ? 'timer-callback' : null;
      }
      if (reference.path.length === 1 && first === 'queueMicrotask' && reference.module === GLOBAL_MODULE) return 'microtask';
      if (isModuleExport(reference, GLOBAL_MODULE, ['process', 'nextTick']) || isModuleExport(reference, 'process', ['nextTick'])) {
        return index === 0 ? 'microtask' : null;
      }
      if (reference.path.length === 1 && first && CALLBACK_IO_FUNCTIONS.get(reference.module)?.has(first) === true) {
        return index === call.arguments.length - 1 && index > 0 ? 'io-callback' : null;
      }
      if (reference.path.length === 1 && first && SERVER_MODULES.has(reference.module) && SERVER_FACTORIES.has(first)) {
        return index === call.arguments.length - 1 ? 'request-handler' : null;
      }
    }
  }

  const member = getCalleeMember(call);
  if (!member) return null;
  const method = getStaticPropertyName(member);
  if (method === null) return null;

  if (method === 'then') return index <= 1 ? 'promise-callback' : null;
  if (method === 'catch' || method === 'finally') return index === 0 ? 'promise-callback' : null;

  if (isRouteRegistration(call, method, fn, index)) return 'request-handler';
  if (HOOK_METHODS.has(method) && index === call.arguments.length - 1 && getStaticString(call.arguments[0]) !== null) {
    return 'request-handler';
  }

  if (LISTENER_METHODS.has(method) && (index === 1 || index === call.arguments.length - 1)) {
    const eventName = getStaticString(call.arguments[0]);
    if (eventName !== null && PROCESS_SHUTDOWN_EVENTS.has(eventName) && isProcessObject(sourceCode, member.object)) {
      return null;
    }
    return 'event-listener';
  }
  return null;
}

/** The global `process`, or `process` imported from `node:process`. */
function isProcessObject(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return isGlobalName(sourceCode, node, 'process') || isModuleExport(resolveModuleReference(sourceCode, node), 'process', []);
}

/**
 * `app.get("/users", handler)`, `router.post("/x", auth, handler)`, `app.use("/api", handler)`,
 * `app.use((req, res, next) => ...)`, `router.route("/x").get(handler)`, `app.on("GET", "/x", handler)` (Hono).
 */
function isRouteRegistration(call: TSESTree.CallExpression, method: string, fn: FunctionNode, index: number): boolean {
  if (!ROUTE_METHODS.has(method)) return false;
  const first = call.arguments[0];
  if (first && isRoutePath(first)) return index >= 1;
  // router.route("/x").get(handler): the path is given to `route`, every argument is a handler
  const member = getCalleeMember(call);
  const receiver = member ? skipExpressionWrappers(member.object) : null;
  if (receiver?.type === AST_NODE_TYPES.CallExpression) {
    const receiverMember = getCalleeMember(receiver);
    if (receiverMember && getStaticPropertyName(receiverMember) === 'route' && receiver.arguments[0] && isRoutePath(receiver.arguments[0])) {
      return true;
    }
  }
  return method === 'use' && looksLikeMiddleware(fn);
}

function isRoutePath(node: TSESTree.Node): boolean {
  const path = getStaticString(node);
  if (path !== null) return path.startsWith('/') || path === '*';
  return node.type === AST_NODE_TYPES.Literal && 'regex' in node;
}

/** `(req, res, next) => …` or `(ctx, next) => …`: the shape of a request middleware. */
function looksLikeMiddleware(fn: FunctionNode): boolean {
  const first = fn.params[0];
  return fn.params.length >= 2 && first?.type === AST_NODE_TYPES.Identifier && REQUEST_PARAMETER_NAMES.has(first.name);
}

function isRouteOptionsHandler(parent: TSESTree.Node): boolean {
  if (parent.type !== AST_NODE_TYPES.Property || getStaticPropertyName(parent) !== 'handler') return false;
  const object = parent.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const call = object.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(object)) return false;
  const member = getCalleeMember(call);
  return member !== null && getStaticPropertyName(member) === 'route';
}
