import type { TSESTree } from '@typescript-eslint/utils';

import { isAsyncFunction, isAwaitNode, isAwaiterBody } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getCalleeMember, getEnclosingFunction, getEnclosingLoop, isDirective, getOutermostWrapper, getStaticPropertyName, walk as walkTree } from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { isExportedClass, isExportedFunction } from '../modules/exportedValues';
import { type ClassNode, resolveLocalClass } from '../modules/localFunctions';
import { isGlobalName } from '../modules/moduleBindings';
import { getCallbackKind, LISTENER_METHODS } from './asyncContext';
import { isStartupFunction } from './oneShotCode';

/**
 * Functions that can run concurrently with themselves: a second call starts while the first one is
 * suspended at an `await`, so both see the same shared state. That is the case for
 * - request handlers, event listeners and `setInterval` callbacks (the server, emitter or timer calls
 *   them again whenever it likes);
 * - async callbacks of array iteration (`items.map(async (item) => …)`, `forEach`): one call per element,
 *   all started at once;
 * - functions and classes the module exports (any caller may call them twice without waiting);
 * - functions of the file called from any of these, or called again and again without waiting (in a loop
 *   or an iteration callback, not awaited).
 * A callback handed to some other function (`lock.run(async () => …)`, `queue.add(…)`) runs when that
 * function decides: unknown, so not concurrent. Start-up functions (`main()`) run once.
 */

/** How a function gets called, as far as overlapping calls go. */
type Invocation =
  /** called again while earlier calls may still run: handlers, listeners, intervals, async iteration callbacks */
  | 'concurrent'
  /** called once per run of the function around it: IIFEs, executors, promise callbacks, `setTimeout` */
  | 'once-per-enclosing-run'
  /** called synchronously for each element during the enclosing run (`xs.map((x) => …)`): its calls of async functions overlap */
  | 'repeated-sync'
  /** a declaration (function, method, property): who calls it decides */
  | 'declared'
  /** handed to a function that decides when to call it */
  | 'unknown';

/** Iteration methods whose callback is called for every element before the method returns. */
const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

/** How far callers are followed (a helper called by a helper called by a handler…). */
const CALLER_LIMITS = { maxDepth: 12, maxSteps: 400 };

const concurrentCache = createFileCache<FunctionNode, boolean>();

/**
 * True when state that lives outside `fn`, up to `boundary` (the function whose scope holds the state, or
 * null for module-level state and instance members), can be touched by two overlapping runs: some function
 * from `fn` outwards, before `boundary`, runs concurrently with itself.
 */
export function sharesStateAcrossConcurrentRuns(sourceCode: SourceCode, fn: FunctionNode, boundary: TSESTree.Node | null): boolean {
  if (boundary !== null) return runsConcurrentlyWithin(sourceCode, fn, boundary, new BoundedWalk(CALLER_LIMITS));
  const cache = concurrentCache(sourceCode);
  let known = cache.get(fn);
  if (known === undefined) {
    known = runsConcurrentlyWithin(sourceCode, fn, null, new BoundedWalk(CALLER_LIMITS));
    cache.set(fn, known);
  }
  return known;
}

function runsConcurrentlyWithin(sourceCode: SourceCode, fn: FunctionNode, boundary: TSESTree.Node | null, walk: BoundedWalk): boolean {
  for (let current: FunctionNode | null = fn; current && current !== boundary; current = getEnclosingFunction(current)) {
    switch (invocationOf(sourceCode, current)) {
      case 'concurrent':
        return true;
      case 'once-per-enclosing-run':
      case 'repeated-sync':
        continue;
      case 'declared': {
        const declared = current;
        return walk.enter(declared, false, () => declaredRunsConcurrently(sourceCode, declared, boundary, walk));
      }
      case 'unknown':
        return false;
    }
  }
  return false;
}

function invocationOf(sourceCode: SourceCode, fn: FunctionNode): Invocation {
  // the body of a compiled `async` function runs once per call of that function
  if (isAwaiterBody(fn)) return 'once-per-enclosing-run';
  const position = getOutermostWrapper(fn);
  const parent = position.parent;
  if (!parent) return 'unknown';
  switch (getCallbackKind(sourceCode, fn)) {
    case 'request-handler':
      return 'concurrent';
    case 'event-listener':
      return parent.type === AST_NODE_TYPES.CallExpression && isOnceRegistration(parent) ? 'once-per-enclosing-run' : 'concurrent';
    case 'timer-callback':
      return parent.type === AST_NODE_TYPES.CallExpression && isIntervalCall(sourceCode, parent) ? 'concurrent' : 'once-per-enclosing-run';
    case 'promise-callback':
      // p.then(async () => …) attached once per turn of a loop, not awaited there: the callbacks overlap
      return parent.type === AST_NODE_TYPES.CallExpression && isChainStartedInLoop(parent) ? 'concurrent' : 'once-per-enclosing-run';
    case 'microtask':
    case 'io-callback':
      return 'once-per-enclosing-run';
    default:
      break;
  }
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression: {
      if (parent.callee === position) return 'once-per-enclosing-run';
      if (isIterationCallback(parent, position)) return isAsyncFunction(fn) ? 'concurrent' : 'repeated-sync';
      return 'unknown';
    }
    case AST_NODE_TYPES.NewExpression:
      return parent.arguments[0] === position && isGlobalName(sourceCode, parent.callee, 'Promise') ? 'once-per-enclosing-run' : 'unknown';
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.ExportNamedDeclaration:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.Property:
      return 'declared';
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === position ? 'declared' : 'unknown';
    default:
      return fn.type === AST_NODE_TYPES.FunctionDeclaration ? 'declared' : 'unknown';
  }
}

/**
 * `fn` is the first thing at least two other functions of the file do (`await this.init();` as the first statement
 * of several methods): a step that guards every operation, so operations started together run it together. A step
 * awaited further down (after an operation's own preparation) is not taken: the file then often runs it once
 * before the operations start.
 */
export function isFirstStepOfSeveralFunctions(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const callers = new Set<FunctionNode>();
  for (const reference of callersOf(sourceCode, fn)) {
    const call = getOutermostWrapper(reference).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || getOutermostWrapper(call.callee) !== getOutermostWrapper(reference)) continue;
    const awaited = getOutermostWrapper(call).parent;
    const statement = awaited ? getOutermostWrapper(awaited).parent : undefined;
    const caller = getEnclosingFunction(call);
    if (!awaited || !isAwaitNode(awaited) || !caller || caller === fn || statement?.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    if (caller.body.type === AST_NODE_TYPES.BlockStatement && caller.body.body.find((item) => item.type !== AST_NODE_TYPES.ExpressionStatement || !isDirective(item)) === statement) callers.add(caller);
  }
  return callers.size >= 2;
}


/** `emitter.once('ready', …)`: the listener runs once per registration. */
function isOnceRegistration(call: TSESTree.CallExpression): boolean {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  return method === 'once' || method === 'prependOnceListener';
}

function isIntervalCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'setInterval';
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'setInterval' && (isGlobalName(sourceCode, callee.object, 'globalThis') || callee.object.type === AST_NODE_TYPES.Identifier);
}

function isIterationCallback(call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  return call.arguments[0] === argument && method !== null && ITERATION_METHODS.has(method);
}

/** A declared function: exported, a method of an exported class, or called from code that runs concurrently. */
function declaredRunsConcurrently(sourceCode: SourceCode, fn: FunctionNode, boundary: TSESTree.Node | null, walk: BoundedWalk): boolean {
  if (isStartupFunction(sourceCode, fn)) return false;
  if (boundary === null && (isExportedFunction(sourceCode, fn) || isExportedMethod(sourceCode, fn))) return true;
  return callersOf(sourceCode, fn).some((reference) => callRunsConcurrently(sourceCode, reference, boundary, walk));
}

/** A method of an exported class (or of an exported instance's class), or a prototype method of an exported constructor. */
function isExportedMethod(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const parent = getOutermostWrapper(fn).parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    if (parent.static || parent.key.type === AST_NODE_TYPES.PrivateIdentifier || (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor')) return false;
    // private by declaration or by convention: its callers in the class decide
    if (parent.accessibility === 'private' || isConventionallyPrivate(getStaticPropertyName(parent))) return false;
    return isExportedClass(sourceCode, parent.parent.parent as ClassNode);
  }
  // Constructor.prototype.method = function () { … }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    if (isConventionallyPrivate(getStaticPropertyName(parent.left))) return false;
    const owner = parent.left.object;
    if (owner.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(owner) !== 'prototype') return false;
    const constructor = owner.object.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, owner.object)?.defs[0] : undefined;
    if (constructor?.type === 'FunctionName') return isExportedFunction(sourceCode, constructor.node);
    const classNode = resolveLocalClass(sourceCode, owner.object);
    return classNode !== null && isExportedClass(sourceCode, classNode);
  }
  return false;
}

/** `_flush`, `__init`: a name that says "internal" by the common JavaScript convention. */
function isConventionallyPrivate(name: string | null): boolean {
  return name !== null && name.startsWith('_');
}

/** The places that name `fn` to call it or hand it on: uses of its binding, or `this.m` inside its class. */
function callersOf(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Node[] {
  const parent = getOutermostWrapper(fn).parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return usesOf(sourceCode, fn.id);
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return usesOf(sourceCode, parent.id);
  if ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.static) {
    const name = getStaticPropertyName(parent);
    return name === null ? [] : thisMembersOf(sourceCode, parent.parent.parent as ClassNode).get(name) ?? [];
  }
  return [];
}

function usesOf(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.Node[] {
  const variable = findVariableOf(sourceCode, id);
  return variable ? variable.references.filter((reference) => reference.identifier !== id && !reference.init).map((reference) => reference.identifier as TSESTree.Node) : [];
}

const thisMembersCache = createFileCache<ClassNode, Map<string, TSESTree.MemberExpression[]>>();

/** `this.name` member expressions in the class's own methods (not in nested classes), by name. */
function thisMembersOf(sourceCode: SourceCode, classNode: ClassNode): Map<string, TSESTree.MemberExpression[]> {
  const cache = thisMembersCache(sourceCode);
  let known = cache.get(classNode);
  if (!known) {
    const found = new Map<string, TSESTree.MemberExpression[]>();
    walkTree(classNode.body, (node) => {
      if (node !== classNode.body && node.type === AST_NODE_TYPES.ClassBody) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const name = getStaticPropertyName(node);
        if (name !== null) found.set(name, [...(found.get(name) ?? []), node]);
      }
      return true;
    });
    known = found;
    cache.set(classNode, known);
  }
  return known;
}

/**
 * Whether the call (or hand-over) at `reference` can overlap with another one: it registers `fn` as a
 * listener or maps it over a list, it starts `fn` repeatedly without waiting, or the function it is in
 * runs concurrently.
 */
function callRunsConcurrently(sourceCode: SourceCode, raw: TSESTree.Node, boundary: TSESTree.Node | null, walk: BoundedWalk): boolean {
  let reference = getOutermostWrapper(raw);
  // this.onData.bind(this)
  const bindCall = reference.parent?.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(reference.parent) === 'bind' ? reference.parent.parent : null;
  if (bindCall?.type === AST_NODE_TYPES.CallExpression && bindCall.callee === reference.parent) reference = getOutermostWrapper(bindCall);
  const parent = reference.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (parent.callee !== reference) return isRegisteredRepeatedly(sourceCode, parent, reference);
  const caller = getEnclosingFunction(parent);
  if (!caller || caller === boundary) return false;
  if (isStartedRepeatedly(sourceCode, parent, caller)) return true;
  return runsConcurrentlyWithin(sourceCode, caller, boundary, walk);
}

/** `emitter.on('data', handler)`, `setInterval(tick, 1000)`, `items.map(load)`. */
function isRegisteredRepeatedly(sourceCode: SourceCode, call: TSESTree.CallExpression, argument: TSESTree.Node): boolean {
  if (isIterationCallback(call, argument) || (isIntervalCall(sourceCode, call) && call.arguments[0] === argument)) return true;
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  return method !== null && LISTENER_METHODS.has(method) && !isOnceRegistration(call) && call.arguments.length >= 2 && call.arguments[call.arguments.length - 1] === argument;
}

/**
 * Calls of `caller` that overlap: any call in a synchronous iteration callback (it cannot wait), and in a loop a
 * call whose promise is dropped (`start(item);`) or collected for later (`tasks.push(start(item))`,
 * `[start(a), start(b)]`). A promise kept in a variable may be awaited before the next iteration: unknown.
 */
function isStartedRepeatedly(sourceCode: SourceCode, call: TSESTree.CallExpression, caller: FunctionNode): boolean {
  const position = getOutermostWrapper(call);
  if (position.parent?.type === AST_NODE_TYPES.AwaitExpression) return false;
  if (invocationOf(sourceCode, caller) === 'repeated-sync') return true;
  const parent = position.parent;
  const pushMember = parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== position ? getCalleeMember(parent) : null;
  const collected =
    parent?.type === AST_NODE_TYPES.ExpressionStatement ||
    parent?.type === AST_NODE_TYPES.ArrayExpression ||
    (pushMember !== null && getStaticPropertyName(pushMember) === 'push');
  return collected && getEnclosingLoop(call, caller) !== null;
}

/**
 * `Promise.resolve(start(item)).then(onDone).catch(onError);` as a statement in a loop: the chain `call` is
 * part of is dropped (or collected) once per turn, so its callbacks can overlap with each other.
 */
function isChainStartedInLoop(call: TSESTree.CallExpression): boolean {
  let top: TSESTree.Node = getOutermostWrapper(call);
  for (;;) {
    const member = top.parent;
    const next = member?.type === AST_NODE_TYPES.MemberExpression && member.object === top ? member.parent : null;
    if (next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    top = getOutermostWrapper(next);
  }
  const parent = top.parent;
  const caller = getEnclosingFunction(call);
  return caller !== null && (parent?.type === AST_NODE_TYPES.ExpressionStatement || parent?.type === AST_NODE_TYPES.ArrayExpression) && getEnclosingLoop(top, caller) !== null;
}

