import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  type FunctionNode,
  type LoopStatement,
  contains,
  getCalleeMember,
  getEnclosingFunction,
  getEnclosingLoop,
  getOutermostWrapper,
  getStaticPropertyName,
  getStaticString,
  getStatementList,
  isFunctionNode,
  isLoopStatement,
  skipExpressionWrappers,
  someNodeWithin,
} from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getFunctionHolder } from '../core/scope';
import { getExecutorPromise } from '../promises/executors';
import { findListenerPerCallEvent, type ListenerPerCallEvent } from './perCallEvents';
import { someMethodCallWithin } from './keptListeners';
import { EMITTER_ADD_METHODS, LISTENER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';
import { REQUEST_PARAMETER_NAMES } from '../roles/handlerParameters';

type Variable = TSESLint.Scope.Variable;

/*
 * Listeners added again every time something repeats, to an emitter that stays: each repetition leaves one more
 * behind, all of them run on every later event, and each keeps what it closes over alive (Node warns of a leak at
 * the eleventh). Two shapes, each with its evidence that the addition repeats:
 * - inside a listener of a repeating event of the same emitter (`bot.on('spawn', () => { bot.on('chat', …) })`,
 *   webpack-dev-middleware 3.7.1 tapping `compiler.hooks.assetEmitted` inside `compiler.hooks.emit`);
 * - inside a promise that waits for the emitter once per pass of a loop, the loop's emitter the same on every pass
 *   (@aws-sdk/lib-storage 3.0.0 awaiting `_chunkFromStream(stream, …)` per part, each call adding 'data', 'error'
 *   and 'end' listeners to the one stream).
 */

/** A listener added to `emitter` every time a listener of the same emitter runs for an event that repeats. */
export interface ListenerPerEvent {
  readonly kind: 'event';
  readonly call: TSESTree.CallExpression;
  /** What is added (`'chat' listener`, `assetEmitted hook handler`). */
  readonly added: string;
  readonly emitter: string;
  /** What repeats (`'spawn' event`, `emit hook`). */
  readonly repeat: string;
}

/** A listener added to `emitter` by a promise that a loop awaits once per pass, the emitter the same on every pass. */
export interface ListenerPerIteration {
  readonly kind: 'iteration';
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  readonly emitter: string;
  readonly loop: LoopStatement;
  /** The function the loop calls to get the promise, or null when the loop makes the promise itself. */
  readonly helper: string | null;
}

/** A listener added to the socket a request's 'socket' event hands over, on every request. */
export interface ListenerPerSocket {
  readonly kind: 'socket';
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  readonly socket: string;
}

/** Tapable's (webpack's hooks: `compiler.hooks.emit.tap(name, fn)`). */
const HOOK_TAP_METHODS: ReadonlySet<string> = new Set(['tap', 'tapAsync', 'tapPromise']);

/**
 * Events that an emitter fires once in its life (a socket's 'connect' and 'close', a request's 'response', a
 * server's 'listening'): a listener added in their listener is added once.
 */
const ONE_SHOT_EVENTS: ReadonlySet<string> = new Set([
  'ready', 'open', 'connect', 'connected', 'secureConnect', 'listening', 'response', 'headers', 'upgrade', 'socket', 'lookup',
  'end', 'finish', 'prefinish', 'close', 'closed', 'exit', 'error', 'spawn', 'online', 'disconnect', 'disconnected',
  'destroy', 'destroyed', 'abort', 'aborted', 'timeout', 'load', 'DOMContentLoaded', 'unload', 'beforeunload', 'beforeExit',
  'init', 'initialized', 'start', 'started', 'stop', 'stopped', 'done', 'complete', 'completed', 'finished', 'shutdown',
]);

/**
 * The hooks of a webpack compiler that run on every build in watch mode (`emit`, `done`, `compilation`…). Hooks
 * run once per compiler (`environment`, `afterPlugins`, `shutdown`), per `run()` (`run`), or per module of a
 * compilation are not listed: what repeats there is not known from the name.
 */
const PER_BUILD_HOOKS: ReadonlySet<string> = new Set([
  'watchRun', 'invalid', 'beforeCompile', 'compile', 'thisCompilation', 'compilation', 'normalModuleFactory', 'contextModuleFactory',
  'make', 'finishMake', 'afterCompile', 'shouldEmit', 'emit', 'assetEmitted', 'afterEmit', 'done', 'afterDone', 'failed',
]);

/** A listener registration: its emitter (for a hook, the object whose hooks it is) and event or hook. */
interface Registration {
  readonly emitter: string;
  readonly event: string | null;
  readonly hook: string | null;
}

/** The text may hold one of the shapes: the per-call work runs only then. */
export function mayAddRepeatedListeners(text: string): boolean {
  return /\.(?:on|once|addListener|prependListener|prependOnceListener|addEventListener|tap|tapAsync|tapPromise)\(/.test(text);
}

/**
 * `req.socket.once('close', …)` in code that serves a request (a function with a `req` or `request` parameter), with
 * nothing in the file taking a listener off that socket: a kept-alive connection serves many requests over one socket,
 * and each adds one more listener, holding that request's objects, until the connection closes
 * (@jsreport/jsreport-express 3.7.1's render route; 4.0.1 takes it off when the render ends). Not inside an `if`
 * that tests the socket (a listener added once per socket, as fastify does for its kept-alive connections).
 */
export interface ListenerPerServedRequest {
  readonly kind: 'servedRequest';
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  /** The socket as written (`req.socket`). */
  readonly socket: string;
}

export type RepeatedListener = ListenerPerEvent | ListenerPerIteration | ListenerPerSocket | ListenerPerCallEvent | ListenerPerServedRequest;

/**
 * The shape `call` adds a listener in, if any: per event, per loop pass, per request socket, under an event name made
 * for the call, or on the socket of a request served (in that order).
 */
export function findRepeatedListener(sourceCode: SourceCode, call: TSESTree.CallExpression): RepeatedListener | null {
  return (
    findListenerPerEvent(sourceCode, call) ??
    findListenerPerIteration(sourceCode, call) ??
    findListenerPerSocket(sourceCode, call) ??
    findListenerPerCallEvent(sourceCode, call) ??
    findListenerPerServedRequest(sourceCode, call)
  );
}

/** The request's properties that are its connection's socket. */
const REQUEST_SOCKET_PROPERTIES: ReadonlySet<string> = new Set(['socket', 'connection']);

function findListenerPerServedRequest(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerPerServedRequest | null {
  const callee = getCalleeMember(call);
  const method = callee ? getStaticPropertyName(callee) : null;
  const event = getStaticString(call.arguments[0]);
  if (!callee || method === null || !EMITTER_ADD_METHODS.has(method) || event === null || call.arguments.length < 2) return null;
  const socket = skipExpressionWrappers(callee.object);
  if (socket.type !== AST_NODE_TYPES.MemberExpression || !REQUEST_SOCKET_PROPERTIES.has(getStaticPropertyName(socket) ?? '')) return null;
  const request = skipExpressionWrappers(socket.object);
  if (request.type !== AST_NODE_TYPES.Identifier || !REQUEST_PARAMETER_NAMES.has(request.name)) return null;
  const variable = findVariableOf(sourceCode, request);
  const definition = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || definition?.type !== 'Parameter') return null;
  const socketText = sourceCode.getText(socket);
  if (isUnderSocketTest(sourceCode, call, definition.node as TSESTree.Node, socketText)) return null;
  if (removesListenersOf(sourceCode.ast, (receiver) => REQUEST_SOCKET_PROPERTIES.has(receiver.type === AST_NODE_TYPES.MemberExpression ? (getStaticPropertyName(receiver) ?? '') : ''))) return null;
  return { kind: 'servedRequest', call, event, socket: socketText };
}

/** Between `call` and the function `owner` it serves the request in: an `if` or `?:` whose test reads the socket, or a loop. */
function isUnderSocketTest(sourceCode: SourceCode, call: TSESTree.CallExpression, owner: TSESTree.Node, socket: string): boolean {
  for (let node: TSESTree.Node | undefined = call.parent; node && node !== owner; node = node.parent) {
    if (isLoopStatement(node)) return true;
    if ((node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) && sourceCode.getText(node.type === AST_NODE_TYPES.LogicalExpression ? node.left : node.test).includes(socket)) return true;
  }
  return false;
}

function findListenerPerEvent(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerPerEvent | null {
  const inner = readRegistration(sourceCode, call);
  const handler = inner ? getEnclosingFunction(call) : null;
  if (!inner || !handler) return null;
  const position = getOutermostWrapper(handler);
  const outerCall = position.parent;
  if (outerCall?.type !== AST_NODE_TYPES.CallExpression || outerCall.arguments[outerCall.arguments.length - 1] !== position) return null;
  const outer = readRegistration(sourceCode, outerCall);
  if (!outer || outer.emitter !== inner.emitter || !repeats(outer) || !runsWheneverCalled(call, handler)) return null;
  if (removesListenersOf(sourceCode.ast, (receiver) => emitterKey(sourceCode, receiver) === inner.emitter)) return null;
  return {
    kind: 'event',
    call,
    added: inner.hook !== null ? `${inner.hook} hook handler` : `'${inner.event ?? ''}' listener`,
    emitter: inner.emitter,
    repeat: outer.hook !== null ? `${outer.hook} hook` : `'${outer.event ?? ''}' event`,
  };
}

function findListenerPerIteration(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerPerIteration | null {
  const registration = readRegistration(sourceCode, call);
  const receiver = getCalleeMember(call)?.object;
  if (!registration || registration.event === null || registration.hook !== null || receiver?.type !== AST_NODE_TYPES.Identifier) return null;
  const executor = getEnclosingFunction(call);
  const promise = executor ? getExecutorPromise(sourceCode, executor) : null;
  const emitter = findVariableOf(sourceCode, receiver);
  if (!promise || !emitter) return null;
  const owner = getEnclosingFunction(promise);
  const ownerRoot = owner ?? sourceCode.ast;
  if (takesListenersOff(emitter, ownerRoot) || handsOn(ownerRoot, emitter, call)) return null;
  const found = (loop: LoopStatement, helper: string | null): ListenerPerIteration => ({ kind: 'iteration', call, event: registration.event ?? '', emitter: receiver.name, loop, helper });
  // `while (…) { await new Promise((resolve) => stream.on('drain', resolve)); }`
  const inlineLoop = isAwaited(promise) ? getEnclosingLoop(promise, ownerRoot) : null;
  if (inlineLoop && isSameOnEveryPass(emitter, inlineLoop)) return found(inlineLoop, null);
  // `function waitForChunk(stream) { return new Promise(…) }`, called as `await waitForChunk(reader)` in a loop
  if (!owner || !returnsValue(owner, promise)) return null;
  const definition = emitter.defs[0];
  const index = definition?.type === 'Parameter' && definition.node === owner ? owner.params.indexOf(definition.name) : -1;
  const helper = index >= 0 ? getFunctionHolder(sourceCode, owner) : null;
  if (!helper) return null;
  for (const reference of helper.references) {
    const site = getOutermostWrapper(reference.identifier).parent;
    if (site?.type !== AST_NODE_TYPES.CallExpression || site.callee !== getOutermostWrapper(reference.identifier) || !isAwaited(site)) continue;
    const argument = site.arguments[index];
    const loop = getEnclosingLoop(site, getEnclosingFunction(site) ?? sourceCode.ast);
    const passed = argument?.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, argument) : null;
    if (loop && passed && isSameOnEveryPass(passed, loop)) return found(loop, helper.name);
  }
  return null;
}

/**
 * Events a socket fires once, while it connects: a kept-alive socket handed to a later request has connected long
 * before, so a `once` listener for them waits for good and is never taken off by its own firing (request 2.76.0 added
 * one 'connect' listener per request to each pooled socket; 2.77.0 adds it only while the socket is connecting).
 */
const CONNECTING_EVENTS: ReadonlySet<string> = new Set(['connect', 'secureConnect', 'lookup', 'ready']);

/** `socket.once('connect', …)`: a registration that never fires on a socket that has already connected. */
function readConnectingOnce(sourceCode: SourceCode, call: TSESTree.CallExpression): Registration | null {
  const callee = getCalleeMember(call);
  const method = callee ? getStaticPropertyName(callee) : null;
  if (!callee || (method !== 'once' && method !== 'prependOnceListener') || call.arguments.length < 2) return null;
  const event = getStaticString(call.arguments[0]);
  const emitter = emitterKey(sourceCode, callee.object);
  return emitter !== null && event !== null && CONNECTING_EVENTS.has(event) ? { emitter, event, hook: null } : null;
}

function findListenerPerSocket(sourceCode: SourceCode, call: TSESTree.CallExpression): ListenerPerSocket | null {
  const registration = readRegistration(sourceCode, call) ?? readConnectingOnce(sourceCode, call);
  const receiver = getCalleeMember(call)?.object;
  const handler = registration ? getEnclosingFunction(call) : null;
  if (!registration || registration.event === null || receiver?.type !== AST_NODE_TYPES.Identifier || !handler) return null;
  const position = getOutermostWrapper(handler);
  const outerCall = position.parent;
  if (outerCall?.type !== AST_NODE_TYPES.CallExpression || outerCall.arguments[1] !== position || getStaticString(outerCall.arguments[0]) !== 'socket') return null;
  const outerMethod = getCalleeMember(outerCall);
  const socket = findVariableOf(sourceCode, receiver);
  const parameter = handler.params[0];
  // the request's 'socket' listener, added with `once` too: the request fires it once, the socket outlives it
  if (!outerMethod || !EMITTER_ADD_METHODS.has(getStaticPropertyName(outerMethod) ?? '') || parameter?.type !== AST_NODE_TYPES.Identifier) return null;
  if (!socket || socket.defs[0]?.name !== parameter || takesListenersOff(socket, null)) return null;
  if (!runsWheneverCalled(call, handler) && !runsUnlessSocketTested(sourceCode, call, handler, receiver.name)) return null;
  return { kind: 'socket', call, event: registration.event, socket: receiver.name };
}

/**
 * `emitter.on('event', handler)` (also `addListener`, `prependListener`, `addEventListener` without options, which
 * may say `once`), or `owner.hooks.name.tap(…)`, on an emitter named by a stable path (`bot`, `this.client`).
 */
function readRegistration(sourceCode: SourceCode, call: TSESTree.CallExpression): Registration | null {
  const callee = getCalleeMember(call);
  const method = callee ? getStaticPropertyName(callee) : null;
  if (!callee || method === null || call.arguments.length < 2) return null;
  if (LISTENER_ADD_METHODS.has(method)) {
    if (method === 'addEventListener' && call.arguments.length > 2) return null;
    const emitter = emitterKey(sourceCode, callee.object);
    const event = getStaticString(call.arguments[0]);
    return emitter !== null && event !== null ? { emitter, event, hook: null } : null;
  }
  if (!HOOK_TAP_METHODS.has(method)) return null;
  const hook = skipExpressionWrappers(callee.object);
  const hooks = hook.type === AST_NODE_TYPES.MemberExpression ? skipExpressionWrappers(hook.object) : null;
  if (hook.type !== AST_NODE_TYPES.MemberExpression || hooks?.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(hooks) !== 'hooks') return null;
  const emitter = emitterKey(sourceCode, hooks.object);
  const name = getStaticPropertyName(hook);
  return emitter !== null && name !== null ? { emitter, event: null, hook: name } : null;
}

/** The text of `bot`, `this`, `this.client`, `a.b.c` (static names only); null for anything computed. */
function emitterKey(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  let node = skipExpressionWrappers(raw);
  const start = node;
  while (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) node = skipExpressionWrappers(node.object);
  return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression ? sourceCode.getText(start) : null;
}

function repeats(registration: Registration): boolean {
  if (registration.hook !== null) return PER_BUILD_HOOKS.has(registration.hook);
  return registration.event !== null && !ONE_SHOT_EVENTS.has(registration.event);
}

/**
 * `call` is a statement of the handler's own body with nothing before it that can leave the handler (a guard such
 * as `if (registered) return;` says the code adds it once), or the handler's expression body.
 */
function runsWheneverCalled(call: TSESTree.CallExpression, handler: FunctionNode): boolean {
  const position = getOutermostWrapper(call);
  if (handler.body === position) return true;
  const statements = getStatementList(handler.body);
  const statement = position.parent;
  if (!statements || statement?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const index = statements.indexOf(statement);
  return index >= 0 && statements.slice(0, index).every((earlier) => !canLeave(earlier));
}

/**
 * The call is reached through `if` blocks of the handler (`if (timeout !== undefined) { socket.once(…) }`) whose tests
 * do not read the socket (a test of the socket, `if (socket.connecting)`, or of a local read from it, `if (readyState
 * === 'opening')`, is how code adds a listener once per socket), with no `return` or `throw` before it on the way.
 */
function runsUnlessSocketTested(sourceCode: SourceCode, call: TSESTree.CallExpression, handler: FunctionNode, socket: string): boolean {
  const position = getOutermostWrapper(call);
  if (position.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  let node: TSESTree.Node = position.parent;
  let parent = node.parent;
  while (parent && parent !== handler) {
    if (parent.type === AST_NODE_TYPES.BlockStatement) {
      const index = parent.body.indexOf(node as TSESTree.Statement);
      if (index < 0 || parent.body.slice(0, index).some(canLeave)) return false;
    } else if (parent.type !== AST_NODE_TYPES.IfStatement || readsName(sourceCode, parent.test, socket)) {
      return false;
    }
    node = parent;
    parent = parent.parent;
  }
  return parent === handler;
}

/** `root` reads `name`, itself or through a local that holds what it read of it (`var readyState = socket.readyState`). */
function readsName(sourceCode: SourceCode, root: TSESTree.Node, name: string): boolean {
  const mentions = (node: TSESTree.Node): boolean => someNodeWithin(node, (inner) => inner.type === AST_NODE_TYPES.Identifier && inner.name === name, () => true);
  return someNodeWithin(
    root,
    (inner) => {
      if (inner.type !== AST_NODE_TYPES.Identifier) return false;
      if (inner.name === name) return true;
      const definition = findVariableOf(sourceCode, inner)?.defs[0];
      return definition?.type === 'Variable' && definition.node.init !== null && mentions(definition.node.init);
    },
    () => true,
  );
}

/** A `return` or `throw` in `statement`, outside functions nested in it. */
function canLeave(statement: TSESTree.Node): boolean {
  return someNodeWithin(
    statement,
    (node) => node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement,
    (node) => node === statement || !isFunctionNode(node),
  );
}

/** A call that takes listeners off an emitter `isEmitter` accepts, within `root`. */
function removesListenersOf(root: TSESTree.Node, isEmitter: (receiver: TSESTree.Node) => boolean): boolean {
  return someMethodCallWithin(root, (_call, method, receiver) => LISTENER_REMOVE_METHODS.has(method) && isEmitter(skipExpressionWrappers(receiver)));
}

/**
 * The variable's emitter has a listener taken off (`emitter.off(…)`, `removeListener`, `removeAllListeners`,
 * `removeEventListener`; also read as a method value, `emitter.off.bind(emitter)`), within `root` when one is given.
 * Read from the variable's references: no walk over the code.
 */
function takesListenersOff(emitter: Variable, root: TSESTree.Node | null): boolean {
  return emitter.references.some((reference) => {
    const position = getOutermostWrapper(reference.identifier);
    const member = position.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== position) return false;
    const name = getStaticPropertyName(member);
    return name !== null && LISTENER_REMOVE_METHODS.has(name) && (root === null || contains(root, reference.identifier));
  });
}

/**
 * The emitter is handed to another call within `root` (`finished(stream, …)`, `cleanup(stream)`), which may take the
 * listeners off: the analysis cannot tell, so it does not report.
 */
function handsOn(root: TSESTree.Node, emitter: Variable, registration: TSESTree.CallExpression): boolean {
  return emitter.references.some((reference) => {
    const position = getOutermostWrapper(reference.identifier);
    const parent = position.parent;
    if (!contains(root, reference.identifier) || parent?.type !== AST_NODE_TYPES.CallExpression || parent === registration) return false;
    return parent.callee !== position && parent.arguments.includes(position as TSESTree.CallExpressionArgument);
  });
}

function isAwaited(node: TSESTree.Node): boolean {
  return getOutermostWrapper(node).parent?.type === AST_NODE_TYPES.AwaitExpression;
}

/** `fn` returns `value` (`return new Promise(…)`, or an arrow's expression body). */
function returnsValue(fn: FunctionNode, value: TSESTree.Node): boolean {
  const position = getOutermostWrapper(value);
  if (fn.body === position) return true;
  const parent = position.parent;
  return parent?.type === AST_NODE_TYPES.ReturnStatement && getEnclosingFunction(parent) === fn;
}

/** The variable holds the same value on every pass of the loop: declared outside it, never assigned inside it. */
function isSameOnEveryPass(variable: Variable, loop: LoopStatement): boolean {
  const definition = variable.defs[0];
  if (variable.defs.length !== 1 || !definition || contains(loop, definition.name)) return false;
  return variable.references.every((reference) => !reference.isWrite() || !contains(loop, reference.identifier));
}
