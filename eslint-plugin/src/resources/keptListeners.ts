import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getCalleeMember, getEnclosingFunction, getStaticPropertyName, getStaticString, getTrailingName, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { receiverKey } from '../core/thisBinding';
import { findPrototypeMethods, getThisConstructor } from '../modules/prototypeMethods';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { findStopMethods, isStopName } from './stopMethods';
import { enclosingInstanceMethod, findInstanceStopMethods, methodName as nameOfMethod } from './teardownPaths';
import { getCompiledAsyncSource } from '../core/compiledAsync';
import { findEnclosingStoppableFactory, isInStop } from './stoppableFactories';
import { EVENT_REMOVE_METHODS, LASTING_EMITTER_ADD_METHODS, LISTENER_REMOVE_METHODS } from './listenerMethods';

type SourceCode = Readonly<TSESLint.SourceCode>;

/*
 * Listeners left on an emitter that outlives the code that added them: the caller's `AbortSignal`, and the
 * `process` object from the methods of a class that can be stopped. Each run of that code adds one more, and each
 * keeps what it closes over alive.
 */

/**
 * An `'abort'` listener added to an `AbortSignal` the caller handed in, which the function never removes. The
 * signal may outlive the call: a caller that passes one signal to many calls (a shutdown signal, a session's
 * signal) collects one listener per call, each holding what it closes over (the stream, its buffered chunks, a
 * timer), until the signal is aborted or collected; Node warns of a possible leak at the eleventh. openai 6.45.0
 * and react-router 7.14.0 fixed exactly this by removing the listener when the work ends.
 */
export interface KeptAbortListener {
  /** The `addEventListener('abort', …)` call. */
  readonly call: TSESTree.CallExpression;
  /** Where the signal comes from: the parameter, or the member of one (`options.signal`). */
  readonly signal: TSESTree.Node;
}

/** A name that says the value is an abort signal (`signal`, `abortSignal`, `requestSignal`): XHR and WebSocket objects have an `abort` event too. */
const SIGNAL_NAME = /signal$/i;

/** How many `const` aliases (`const signal = options.signal`) the receiver is followed through. */
const MAX_ALIASES = 4;

export function findKeptAbortListener(sourceCode: SourceCode, call: TSESTree.CallExpression): KeptAbortListener | null {
  const callee = getCalleeMember(call);
  if (!callee || getStaticPropertyName(callee) !== 'addEventListener' || getStaticString(call.arguments[0]) !== 'abort') return null;
  const handler = call.arguments[1];
  if (!handler || handler.type === AST_NODE_TYPES.SpreadElement || !isPlainOptions(call.arguments[2])) return null;
  const fn = getEnclosingFunction(call);
  if (!fn) return null;
  const signal = callerSignal(sourceCode, callee.object);
  if (!signal) return null;
  if (removesAbortListener(sourceCode, fn, null) || removesAbortListener(sourceCode, sourceCode.ast, sourceCode.getText(handler))) return null;
  return { call, signal };
}

/**
 * No options, or an object literal that neither removes the listener by itself (`once`, which does when the signal
 * fires) nor ties it to another signal (`signal`); options in a variable are not read.
 */
function isPlainOptions(options: TSESTree.CallExpressionArgument | undefined): boolean {
  if (options === undefined) return true;
  const value = skipExpressionWrappers(options);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return value.properties.every((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const name = getStaticPropertyName(property);
    return name !== null && name !== 'once' && name !== 'signal';
  });
}

/**
 * The receiver, when it is a signal the caller handed in: a parameter of `fn` or of a function around it
 * (`signal`), a member of one (`options.signal`, `options?.signal`, `init.signal`), or a `const` of `fn` holding
 * either (`const signal = options?.signal`, `const { signal } = options`, `… = options || {}`). Null for anything else (a local
 * `AbortController`'s signal, `this.signal`), whose lifetime is the function's or the object's.
 */
function callerSignal(sourceCode: SourceCode, raw: TSESTree.Node): TSESTree.Node | null {
  const receiver = skipExpressionWrappers(raw);
  let value: TSESTree.Node = receiver;
  for (let aliases = 0; aliases <= MAX_ALIASES; aliases++) {
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(value);
      return name !== null && SIGNAL_NAME.test(name) && isParameter(sourceCode, skipExpressionWrappers(value.object)) ? receiver : null;
    }
    if (value.type !== AST_NODE_TYPES.Identifier || !SIGNAL_NAME.test(value.name)) return null;
    const variable = findVariableOf(sourceCode, value);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type === 'Parameter') return receiver;
    if (definition?.type !== 'Variable' || definition.parent.kind !== 'const' || !definition.node.init) return null;
    const init = skipExpressionWrappers(definition.node.init);
    // `const { signal } = options`, `const { signal } = init || {}`
    if (definition.node.id.type === AST_NODE_TYPES.ObjectPattern) return isParameter(sourceCode, withoutEmptyDefault(init)) ? receiver : null;
    value = init;
  }
  return null;
}

/** `options || {}`, `options ?? {}`: `options`, the object an empty default stands in for. */
function withoutEmptyDefault(node: TSESTree.Node): TSESTree.Node {
  if (node.type !== AST_NODE_TYPES.LogicalExpression || node.operator === '&&') return node;
  const fallback = skipExpressionWrappers(node.right);
  return fallback.type === AST_NODE_TYPES.ObjectExpression && fallback.properties.length === 0 ? skipExpressionWrappers(node.left) : node;
}

/** A parameter of any function (a destructured one too: `{ signal }` in `run({ signal })` is the caller's). */
function isParameter(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(sourceCode, node)?.defs[0];
  return definition?.type === 'Parameter';
}

/**
 * A `removeEventListener('abort', …)` within `root`: of any listener (`handler` null), or of the one written as
 * `handler`. Either says the code takes its listeners off again; the rule does not check the paths.
 */
function removesAbortListener(sourceCode: SourceCode, root: TSESTree.Node, handler: string | null): boolean {
  return someMethodCallWithin(root, (call, method) => {
    if (method !== 'removeEventListener' || getStaticString(call.arguments[0]) !== 'abort') return false;
    const removed = call.arguments[1];
    return handler === null || (removed !== undefined && removed.type !== AST_NODE_TYPES.SpreadElement && sourceCode.getText(removed) === handler);
  });
}

/**
 * A listener added to `process` in a method (or the constructor) of a class that has a method to stop it (`stop`,
 * `close`, `dispose`, `destroy`, `shutdown`, `teardown`), in a file that never takes a listener off `process`. Every
 * instance, and every start after a stop, adds one more, each holding its instance, until Node warns at the eleventh
 * (@backstage/backend-app-api 1.4.1 removed its backend's `unhandledRejection` and `uncaughtException` listeners in
 * `stop()`). A class without such a method is taken to live as long as the process.
 *
 * The same for `window` and `document` in a browser: a class whose instances can be stopped adds a lasting listener
 * to the page's global objects in its constructor, a listener that ends the instance, and the file never takes one off
 * them. The page keeps every instance's listener, and with it the instance, for as long as it is open
 * (amazon-chime-sdk-js 2.7.0's meeting logger kept its `unload` listener in a field so that `destroy()` could remove
 * it; until then every logger of every meeting stayed listening).
 */
export interface KeptProcessListener {
  readonly call: TSESTree.CallExpression;
  /** `process`, or a browser page's `window` or `document`. */
  readonly target: KeptListenerTarget;
  /** `on`, `addListener` or `prependListener`; `once` for an event `process` emits only as it ends. */
  readonly verb: string;
  readonly event: string;
  /** The method that adds it, and the class's method that should take it off again. */
  readonly method: string;
  readonly stop: string;
}

/** The long-lived global objects whose kept listeners are judged: Node's `process`, a page's `window` and `document`. */
export type KeptListenerTarget = 'process' | 'window' | 'document';

const PAGE_GLOBALS: readonly KeptListenerTarget[] = ['window', 'document'];

export function findKeptProcessListener(sourceCode: SourceCode, call: TSESTree.CallExpression): KeptProcessListener | null {
  const callee = getCalleeMember(call);
  const verb = callee ? getStaticPropertyName(callee) : null;
  const event = getStaticString(call.arguments[0]);
  if (!callee || verb === null || event === null || call.arguments.length < 2) return null;
  if (verb === 'addEventListener') return findKeptPageListener(sourceCode, call, callee.object, event);
  // `once` takes itself off when the event comes, which for a signal or the exit is only at the end
  if (!LASTING_EMITTER_ADD_METHODS.has(verb) && !(verb === 'once' && PROCESS_END_EVENT.test(event))) return null;
  if (!isGlobalName(sourceCode, callee.object, 'process')) return null;
  const enclosing = getEnclosingFunction(call);
  const fn = enclosing ? getCompiledAsyncSource(enclosing) : null;
  const method = fn?.parent;
  if (fn && method?.type !== AST_NODE_TYPES.MethodDefinition) {
    return (
      findFactoryProcessListener(sourceCode, call, verb, event) ??
      findPrototypeMethodProcessListener(sourceCode, call, fn, verb, event) ??
      (verb === 'once' || fn !== enclosing ? null : findInstanceEndingListener(sourceCode, call, fn, verb, event))
    );
  }
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.static) return null;
  const methodName = getStaticPropertyName(method);
  const stopMethod = findStopMethods(method.parent)[0];
  const stop = stopMethod ? getStaticPropertyName(stopMethod) : null;
  if (!methodName || !stop || methodName === stop || removesProcessListener(sourceCode)) return null;
  return { call, target: 'process', verb, event, method: methodName, stop };
}

/**
 * The page's case: `window.addEventListener(event, listener)` (or `document`'s) in the constructor of a class with a
 * stop method, without `once` or a `signal` in its options, in a file that never takes a listener off that object,
 * where the listener is written inline and ends the instance (`() => this.stop()`, `findInstanceEnding`: the instance
 * is ended otherwise too, and its listener stays to end it again), or is one the file takes off the other page global
 * only (`isRemovedFromOtherPageGlobal`). A listener that does other work for the page (a `beforeunload` warning while
 * requests are pending, as convex's client adds) is often meant to live with the page, and a client is often one per
 * page: on the bug set's trees such reports were not worth a maintainer's time. Only the constructor, where every
 * instance adds one: a method that adds one (`setup()`, `start()`) is called as its caller orders it with the stop,
 * and a teardown that takes no listener off says nothing about listeners (`teardownListeners.ts` judges a class that
 * takes others off). Only classes: a page's functions and ES5 constructors are not read for a stop.
 */
function findKeptPageListener(sourceCode: SourceCode, call: TSESTree.CallExpression, receiver: TSESTree.Expression, event: string): KeptProcessListener | null {
  const target = PAGE_GLOBALS.find((name) => isGlobalName(sourceCode, receiver, name));
  if (!target || !isPlainOptions(call.arguments[2])) return null;
  const enclosing = getEnclosingFunction(call);
  const fn = enclosing ? getCompiledAsyncSource(enclosing) : null;
  const method = fn?.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return null;
  const stopMethod = findStopMethods(method.parent)[0];
  const stop = stopMethod ? getStaticPropertyName(stopMethod) : null;
  if (!stop) return null;
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  const endsInstance = isFunctionNode(listener) && findInstanceEnding(sourceCode, listener) !== null;
  if (!endsInstance && !isRemovedFromOtherPageGlobal(sourceCode, target, sourceCode.getText(listener))) return null;
  const removes = someMethodCallWithin(sourceCode.ast, (_, name, object) => LISTENER_REMOVE_METHODS.has(name) && isGlobalName(sourceCode, object, target));
  return removes ? null : { call, target, verb: 'addEventListener', event, method: 'constructor', stop };
}

/**
 * The class case for an ES5 class: the listener added to `process` by a function assigned to a constructor's prototype
 * that starts the instance (`STARTING_METHOD`; compiled `async` included: `Debuglet.prototype.start = function () {
 * return __awaiter(…) }`), the prototype having a stop method (@google-cloud/debug-agent 2.3.2 stopped adding a
 * `warning` listener in every `start()`).
 */
function findPrototypeMethodProcessListener(sourceCode: SourceCode, call: TSESTree.CallExpression, fn: FunctionNode, verb: string, event: string): KeptProcessListener | null {
  const owner = enclosingInstanceMethod(sourceCode, call);
  if (!owner || owner.method !== fn) return null;
  const methodName = nameOfMethod(owner.instance, fn);
  if (methodName === null || !STARTING_METHOD.test(methodName)) return null;
  const stopMethod = findInstanceStopMethods(owner.instance)[0];
  const stop = stopMethod ? nameOfMethod(owner.instance, stopMethod) : null;
  if (!stop || methodName === stop || removesProcessListener(sourceCode)) return null;
  return { call, target: 'process', verb, event, method: methodName, stop };
}

/**
 * The file takes the listener (by its text, `this.resetReaderFn`) off the other page global, never off `target`: the
 * removal meant for it misses (rxdb 17's signaling adds a `visibilitychange` listener to `document` and its `close()`
 * takes it off `window`).
 */
function isRemovedFromOtherPageGlobal(sourceCode: SourceCode, target: KeptListenerTarget, listener: string): boolean {
  return someMethodCallWithin(sourceCode.ast, (removal, name, object) => {
    const removed = removal.arguments[1];
    if (name !== 'removeEventListener' || removed === undefined || sourceCode.getText(removed) !== listener) return false;
    return PAGE_GLOBALS.some((other) => other !== target && isGlobalName(sourceCode, object, other));
  });
}

/**
 * The methods that start what a stop method stops (`start`, `_start`, `open`, `connect`, `listen`, `init…`, `run`,
 * `launch`, `begin`, `resume`). For ES5 classes the listener must be added by one: on the bug set's trees and the
 * corpora, ES5 classes that add `process` listeners in other methods are one per process (pm2's daemon
 * `handleSignals`, its client's `killDaemon`, raygun's `reportUncaughtExceptions`), and their stop ends the process.
 */
const STARTING_METHOD = /^_?(?:start|open|connect|listen|init|initialize|run|launch|begin|resume)(?:[A-Z]\w*)?$/;

/** Events `process` emits only as it ends: signals, `exit`, `beforeExit`. */
const PROCESS_END_EVENT = /^(?:SIG[A-Z0-9]+|exit|beforeExit)$/;

/**
 * A listener added to `process` by a stoppable factory (`stoppableFactories.ts`) outside its stop method, which the
 * factory never takes off: every object it makes adds one more, each holding the object after it is stopped (vite
 * 2.1.3's `createServer` took its `SIGTERM` listener off in `close()`). Not when the factory takes any listener off
 * `process`, or the file takes this one off.
 */
function findFactoryProcessListener(sourceCode: SourceCode, call: TSESTree.CallExpression, verb: string, event: string): KeptProcessListener | null {
  const factory = findEnclosingStoppableFactory(call);
  if (!factory || isInStop(factory, call)) return null;
  const isProcessRemoval = (method: string, receiver: TSESTree.Expression): boolean => EVENT_REMOVE_METHODS.has(method) && isGlobalName(sourceCode, receiver, 'process');
  if (someMethodCallWithin(factory.factory, (_, method, receiver) => isProcessRemoval(method, receiver))) return null;
  const listener = sourceCode.getText(call.arguments[1] as TSESTree.Node);
  const removed = someMethodCallWithin(sourceCode.ast, (removal, method, receiver) => {
    const argument = removal.arguments[1];
    return isProcessRemoval(method, receiver) && argument !== undefined && sourceCode.getText(argument) === listener;
  });
  return removed ? null : { call, target: 'process', verb, event, method: factory.name, stop: factory.stop };
}

/**
 * A listener added to `process` by a constructor function (or a prototype method) to end its instance when the process
 * ends (`process.on('exit', function () { _close(self); })`), where the file also ends instances otherwise (the same
 * `_close(…)` called elsewhere, or a prototype method of that name): every instance adds one, and one ended early
 * leaves its listener, which holds it, on `process` for good. node-hue-api 1.1 tracked its UPnP searches in a shared
 * clean-up instead of one `exit` listener per search.
 */
function findInstanceEndingListener(sourceCode: SourceCode, call: TSESTree.CallExpression, fn: FunctionNode, verb: string, event: string): KeptProcessListener | null {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const constructor = getThisConstructor(sourceCode, fn.body);
  const listener = skipExpressionWrappers(call.arguments[1] as TSESTree.Node);
  if (!constructor || !isFunctionNode(listener) || call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const ending = findInstanceEnding(sourceCode, listener);
  if (ending === null || removesProcessListener(sourceCode)) return null;
  const endedElsewhere =
    findPrototypeMethods(constructor, ending).length > 0 ||
    someNodeWithin(
      sourceCode.ast,
      (node) => node.type === AST_NODE_TYPES.CallExpression && getTrailingName(skipExpressionWrappers(node.callee)) === ending,
      (node) => node !== listener,
    );
  if (!endedElsewhere) return null;
  return { call, target: 'process', verb, event, method: constructor.name, stop: ending };
}

/** The name of what a listener calls to end the instance: `self.close()`, `this.destroy()`, `_close(self)`; or null. */
function findInstanceEnding(sourceCode: SourceCode, listener: FunctionNode): string | null {
  let ending: string | null = null;
  const isInstance = (raw: TSESTree.Node): boolean => receiverKey(sourceCode, raw) === 'this';
  someNodeWithin(
    listener.body,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      const name = getTrailingName(callee);
      if (name === null || !isStopName(name)) return false;
      const onInstance = callee.type === AST_NODE_TYPES.MemberExpression ? isInstance(callee.object) : node.arguments.some((argument) => isInstance(argument));
      if (onInstance) ending = name;
      return onInstance;
    },
    (node) => !isFunctionNode(node),
  );
  return ending;
}

/** `process.off(…)`, `process.removeListener(…)`, `process.removeAllListeners(…)` anywhere in the file. */
function removesProcessListener(sourceCode: SourceCode): boolean {
  return someMethodCallWithin(sourceCode.ast, (call, method, receiver) => EVENT_REMOVE_METHODS.has(method) && isGlobalName(sourceCode, receiver, 'process'));
}

/**
 * A call `receiver.method(…)` within `root` for which `matches` holds; nested functions included unless `descend`
 * says otherwise.
 */
export function someMethodCallWithin(
  root: TSESTree.Node,
  matches: (call: TSESTree.CallExpression, method: string, receiver: TSESTree.Expression) => boolean,
  descend: (node: TSESTree.Node) => boolean = () => true,
): boolean {
  return someNodeWithin(
    root,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const member = getCalleeMember(node);
      const method = member ? getStaticPropertyName(member) : null;
      return member !== null && method !== null && matches(node, method, member.object);
    },
    descend,
  );
}
