import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, contains, getEnclosingFunction, getOutermostWrapper, getStaticPropertyName, getStaticString, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { isThisAlias } from '../core/thisBinding';
import { constructorFunction, extendsAnother, getThisConstructor, listPrototypeMethods } from '../modules/prototypeMethods';
import { LISTENER_REMOVE_METHODS } from './listenerMethods';
import { isStopMethodName, takesNoSubject } from './stopMethods';

type Variable = TSESLint.Scope.Variable;

/**
 * What a class runs when an instance is stopped: its stop methods, the teardown hooks frameworks call, and the methods
 * those run on `this`. The kept-timer and kept-listener shapes ask whether something the class sets up is undone there.
 */

/**
 * Methods a framework runs when it tears the instance down (Angular's `ngOnDestroy`, React's `componentWillUnmount`, a
 * custom element's `disconnectedCallback`, a Node stream's `_destroy`, NestJS's `onModuleDestroy`): a release there is as good as one in the stop method.
 */
const LIFECYCLE_TEARDOWNS: ReadonlySet<string> = new Set([
  'ngOnDestroy', 'componentWillUnmount', 'disconnectedCallback', '_destroy', '_final',
  // NestJS's shutdown hooks
  'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown',
]);

/** How many methods deep (`this.m()` calls and `this.m` handed on) a stop path is followed. */
const MAX_CALL_DEPTH = 4;

/**
 * The code of an instance: a class's methods, or an ES5 constructor and the functions assigned to its prototype
 * (`Socket.prototype.close = function () { … }`, `modules/prototypeMethods.ts`).
 */
export interface InstanceCode {
  /** The instance methods by name (the first of each), as functions. */
  readonly methods: ReadonlyMap<string, FunctionNode>;
  /** The setters by name (a class's `set x(…)`). */
  readonly setters: ReadonlyMap<string, FunctionNode>;
  /** Every function of the instance's own (its methods, accessors and constructor). */
  readonly functions: ReadonlySet<FunctionNode>;
  /** Where its code is written: the class body, or the constructor and each prototype function. */
  readonly roots: readonly TSESTree.Node[];
  /** Whether it extends another class (`extends`, `util.inherits`, `__extends`), whose code this may not show. */
  readonly extendsOther: boolean;
}

/** A method's function and the instance whose code it is. */
export interface InstanceMethod {
  readonly method: FunctionNode;
  readonly instance: InstanceCode;
}

/** The instance stop methods (see `takesNoSubject`), in source order. */
export function findInstanceStopMethods(instance: InstanceCode): FunctionNode[] {
  return [...instance.methods].filter(([name, fn]) => isStopMethodName(name) && takesNoSubject(fn)).map(([, fn]) => fn).sort((a, b) => a.range[0] - b.range[0]);
}

/** The stop methods and the framework's teardown hooks of the instance. */
export function findTeardowns(stops: readonly FunctionNode[], instance: InstanceCode): FunctionNode[] {
  return [...stops, ...[...LIFECYCLE_TEARDOWNS].flatMap((name) => instance.methods.get(name) ?? [])];
}

/** The name of an instance method's function. */
export function methodName(instance: InstanceCode, fn: FunctionNode): string | null {
  for (const [name, method] of instance.methods) if (method === fn) return name;
  return null;
}

/** The instance method of a class whose `this` the node sees (through arrow functions); its function contains the node. */
export function enclosingMethod(node: TSESTree.Node): TSESTree.MethodDefinition | null {
  for (let fn: FunctionNode | null = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const parent = fn.parent;
    return parent?.type === AST_NODE_TYPES.MethodDefinition && !parent.static ? parent : null;
  }
  return null;
}

/**
 * The instance method whose `this` the node sees: a class's method, or a function assigned to an ES5 constructor's
 * prototype (not the constructor itself, which runs before anything can stop the instance).
 */
export function enclosingInstanceMethod(sourceCode: SourceCode, node: TSESTree.Node): InstanceMethod | null {
  const classMethod = enclosingMethod(node);
  if (classMethod) return { method: classMethod.value as TSESTree.FunctionExpression, instance: classInstance(classMethod.parent) };
  const constructor = getThisConstructor(sourceCode, node);
  if (!constructor) return null;
  const instance = prototypeInstance(constructor);
  const method = [...instance.methods.values()].find((fn) => contains(fn, node)) ?? null;
  return method ? { method, instance } : null;
}

const classInstances = new WeakMap<TSESTree.ClassBody, InstanceCode>();

/** A class's instance code. */
export function classInstance(classBody: TSESTree.ClassBody): InstanceCode {
  const cached = classInstances.get(classBody);
  if (cached) return cached;
  const methods = new Map<string, FunctionNode>();
  const setters = new Map<string, FunctionNode>();
  const functions = new Set<FunctionNode>();
  for (const member of classBody.body) {
    // an overload's or abstract method's signature has no code
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static || member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    functions.add(member.value);
    const name = getStaticPropertyName(member);
    if (name === null) continue;
    if (member.kind === 'set') setters.set(name, member.value);
    else if (!methods.has(name) && member.kind === 'method') methods.set(name, member.value);
  }
  const instance: InstanceCode = { methods, setters, functions, roots: [classBody], extendsOther: classBody.parent.superClass !== null };
  classInstances.set(classBody, instance);
  return instance;
}

const prototypeInstances = new WeakMap<Variable, InstanceCode>();

/** An ES5 constructor's instance code: the constructor, then the prototype's functions. */
function prototypeInstance(constructor: Variable): InstanceCode {
  const cached = prototypeInstances.get(constructor);
  if (cached) return cached;
  const methods = listPrototypeMethods(constructor);
  const own = constructorFunction(constructor);
  const functions = new Set<FunctionNode>(own ? [own, ...methods.values()] : methods.values());
  const instance: InstanceCode = { methods, setters: new Map(), functions, roots: [...functions], extendsOther: extendsAnother(constructor) };
  prototypeInstances.set(constructor, instance);
  return instance;
}

/**
 * The methods the teardowns run: themselves, and the methods they run on `this` (called, or handed on as a callback:
 * `this.transport.close(this.onClose.bind(this))`, anywhere in their code), and the setters their assignments to
 * `this` run, followed {@link MAX_CALL_DEPTH} deep.
 */
export function methodsRunBy(sourceCode: SourceCode, teardowns: readonly FunctionNode[], instance: InstanceCode): Set<FunctionNode> {
  const seen = new Set<FunctionNode>(teardowns);
  let layer = [...seen];
  for (let depth = 0; depth < MAX_CALL_DEPTH && layer.length > 0; depth++) {
    const next: FunctionNode[] = [];
    for (const method of layer) {
      walk(method, (node) => {
        if (node.type === AST_NODE_TYPES.ClassBody) return false;
        if (node.type !== AST_NODE_TYPES.MemberExpression || !isThisReceiver(sourceCode, node.object)) return true;
        const name = getStaticPropertyName(node);
        // `this.recording = null` runs the class's `set recording(…)`, which may undo what the old value set up
        const called = name === null ? undefined : isRun(node) ? instance.methods.get(name) : isAssigned(node) ? instance.setters.get(name) : undefined;
        if (called && !seen.has(called)) {
          seen.add(called);
          next.push(called);
        }
        return true;
      });
    }
    layer = next;
  }
  return seen;
}

/** `this`, or in an ES5 function a name that holds it (`var self = this`). */
export function isThisReceiver(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  return node.type === AST_NODE_TYPES.ThisExpression || (node.type === AST_NODE_TYPES.Identifier && isThisAlias(sourceCode, node));
}

function isAssigned(member: TSESTree.MemberExpression): boolean {
  const position = getOutermostWrapper(member);
  return position.parent?.type === AST_NODE_TYPES.AssignmentExpression && position.parent.left === position;
}

/** `this.m(…)`, or `this.m` (or `this.m.bind(this)`) handed to a call that may run it, not to one that takes a listener off. */
function isRun(member: TSESTree.MemberExpression): boolean {
  const position = getOutermostWrapper(member);
  const parent = position.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === position) || isHandedOn(member);
}

/**
 * The call `member` is handed to as an argument, itself or bound (`this.m.bind(this)`), and the argument it is there;
 * null when it is not an argument.
 */
function handedTo(member: TSESTree.MemberExpression): { call: TSESTree.CallExpression; argument: TSESTree.Node } | null {
  let position = getOutermostWrapper(member);
  const parent = position.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === position && getStaticPropertyName(parent) === 'bind' && parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    position = getOutermostWrapper(parent.parent);
  }
  const call = position.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(position as TSESTree.CallExpressionArgument)) return null;
  return { call, argument: position };
}

/** `this.m` (or `this.m.bind(this)`) handed to a call that may run it later (a listener, a callback), not to one that takes a listener off. */
export function isHandedOn(member: TSESTree.MemberExpression): boolean {
  const handed = handedTo(member);
  if (!handed) return false;
  const callee = skipExpressionWrappers(handed.call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  return method === null || !LISTENER_REMOVE_METHODS.has(method);
}

/**
 * Handed on (see {@link isHandedOn}) to run when a connection or server starts, not when it stops: the callback of
 * `net.connect(opts, this._onConnect.bind(this))`, `tls.connect(…)`, `server.listen(port, this._onListening)`, or a
 * listener of a start event (`socket.once('connect', this._onConnect.bind(this))`, 'secureConnect', 'ready', 'open',
 * 'listening'). A method that runs then cannot be what runs at close (simplesmtp 0.3.13 cleared its connection timeout
 * only in `_onConnect`).
 */
export function isHandedToStart(member: TSESTree.MemberExpression): boolean {
  const handed = handedTo(member);
  if (!handed || handed.call.arguments[handed.call.arguments.length - 1] !== handed.argument) return false;
  const callee = skipExpressionWrappers(handed.call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  if (method === 'connect' || method === 'listen' || method === 'createConnection') return true;
  if (method !== 'on' && method !== 'once' && method !== 'addListener') return false;
  const event = getStaticString(handed.call.arguments[0]);
  return event !== null && START_EVENTS.has(event);
}

/** Events that say a connection or server has started. */
const START_EVENTS: ReadonlySet<string> = new Set(['connect', 'secureConnect', 'ready', 'open', 'listening']);
