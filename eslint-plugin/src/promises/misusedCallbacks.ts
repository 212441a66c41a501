import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import type * as ts from 'typescript';

import { getCalleeMember, getFunctionName, getStaticPropertyName, isFunctionNode, skipBind, skipExpressionWrappers, someNodeWithin, someOwnReturn } from '../core/ast';
import { exportPath, GLOBAL_MODULE, isGlobalName, type ModuleReference, resolveModuleReference } from '../modules/moduleBindings';
import { createFileCache } from '../core/fileCache';
import { classifyPromiseType, getCallbackPromiseKind, getLiteralCallResult } from './promiseInference';
import { findVariableOf, getConstInit } from '../core/scope';
import { declaredTypeOfCallee } from './declaredSlots';
import { type ExpectedCall, expectedCallOfDeclared, expectedCallOfTypes, hasWrittenType, type Reading } from './expectedCalls';
import { rememberFileName } from '../modules/crossFile';
import { asyncFunctionCannotReject, babelAsyncFunctionCannotReject, callCannotReject } from './rejection';
import { compiledBodyWithLocalsCannotReject, isAsyncFunction, isBabelAsyncFunctionValue, isRegeneratorBodyWithTry } from '../core/compiledAsync';
import { resolveLocalCallables } from '../modules/localFunctions';
import {
  getNodeType,
  getTypedServices,
  getTypeScript,
  isAnyOrUnknown,
  type TypedServices,
  unionParts,
} from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

/**
 * Where a promise-returning callback's promise is thrown away or misread:
 * - `forEach`: `xs.forEach(async …)` nobody waits for the iterations;
 * - `timer`: `setTimeout/setInterval/setImmediate/queueMicrotask/process.nextTick`;
 * - `listener`: EventEmitter `on/once/addListener/prepend(Once)Listener`, DOM `addEventListener`;
 * - `executor`: `new Promise(async (resolve, reject) => …)`: a throw inside never rejects the promise;
 * - `predicate`: `filter/some/every/find/findIndex/findLast/findLastIndex`: a promise is always truthy;
 * - `comparator`: `sort/toSorted`: a promise is not a number;
 * - `hook`: a tapable hook's `tap`/`tapAsync` (`compiler.hooks.make.tapAsync(name, fn)`): the hook does not wait for
 *   the promise (only `tapPromise` does), so the build goes on before the work is done and a rejection is unhandled;
 * - `voidParameter`: (types only) any other parameter whose type is a function returning `void`.
 */
export type CallbackPosition = 'forEach' | 'timer' | 'listener' | 'executor' | 'predicate' | 'comparator' | 'hook' | 'voidParameter';

const PREDICATE_METHODS: ReadonlySet<string> = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);
const COMPARATOR_METHODS: ReadonlySet<string> = new Set(['sort', 'toSorted']);
/** Registration methods of Node's `EventEmitter` and the DOM's `EventTarget`. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener',
]);
/** Methods that take a listener off: they never call it, so its promise is not theirs to ignore. */
const LISTENER_REMOVAL_METHODS: ReadonlySet<string> = new Set(['removeEventListener', 'removeListener', 'off', 'un', 'unbind', 'unsubscribe']);
const TIMER_FUNCTIONS: ReadonlySet<string> = new Set(['setTimeout', 'setInterval', 'setImmediate']);
/**
 * A tapable hook's registrations that do not wait for a promise: `tap` (a sync tap: its value is the hook's result,
 * a bail or the next waterfall value) and `tapAsync` (done when it calls its callback). `tapPromise` waits.
 */
const HOOK_TAP_METHODS: ReadonlySet<string> = new Set(['tap', 'tapAsync']);

/**
 * lodash and underscore take the collection first and the callback second: `_.forEach(xs, async (x) => …)` ignores
 * the promises as `xs.forEach` does (bullmq 1.9's `lodash.forEach(execArgv, async (arg) => …)` returned before any
 * port was found), and `_.filter(xs, async …)` reads each promise as `true`. Also the per-function packages and
 * paths (`lodash.foreach`, `lodash/forEach`). lodash/fp (callback first, auto-curried) is not listed.
 */
const COLLECTION_LIBRARIES: ReadonlySet<string> = new Set(['lodash', 'lodash-es', 'underscore']);
const COLLECTION_ITERATORS: ReadonlySet<string> = new Set(['foreach', 'each', 'foreachright', 'eachright', 'forin', 'forinright', 'forown', 'forownright']);
const COLLECTION_PREDICATES: ReadonlySet<string> = new Set([
  'filter', 'reject', 'some', 'every', 'find', 'findindex', 'findlast', 'findlastindex', 'findkey', 'findlastkey', 'partition', 'remove',
  'dropwhile', 'takewhile', 'droprightwhile', 'takerightwhile',
]);
const COLLECTION_FUNCTION_NAMES: readonly string[] = ['forEach', 'each', 'forEachRight', 'eachRight', 'forIn', 'forInRight', 'forOwn', 'forOwnRight',
  'reject', 'findKey', 'findLastKey', 'partition', 'remove', 'dropWhile', 'takeWhile', 'dropRightWhile', 'takeRightWhile', 'foreach'];

/** The lowercased function name of a lodash/underscore export (`lodash` + `forEach`, `lodash/forEach`, `lodash.foreach`), or null. */
function collectionLibraryFunction(reference: ModuleReference): string | null {
  const path = exportPath(reference);
  if (COLLECTION_LIBRARIES.has(reference.module)) return path.length === 1 ? (path[0] as string).toLowerCase() : null;
  if (path.length > 0) return null;
  if (reference.module.startsWith('lodash/') && !reference.module.startsWith('lodash/fp')) return reference.module.slice('lodash/'.length).toLowerCase();
  return reference.module.startsWith('lodash.') ? reference.module.slice('lodash.'.length) : null;
}

/** Positions where a rejected promise is lost (the try/catch exemption applies to these). */
export function losesRejection(position: CallbackPosition): boolean {
  return position !== 'predicate' && position !== 'comparator';
}

export interface MisusedCallback {
  readonly position: CallbackPosition;
  /** The callee's display name for messages (`forEach`, `setTimeout`, `on`…). */
  readonly calleeName: string;
  /**
   * For a `forEach` whose async callback cannot reject: the async function around it, whose promise resolves while the
   * callbacks still run (its callers wait for nothing they started).
   */
  readonly unwaitedBy?: string;
}

/**
 * Decides whether the argument `argument` of `call` is a promise-returning callback in a position
 * that ignores or misreads its promise. Null when it is fine.
 */
export function findMisusedCallback(
  context: AnyRuleContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  argument: TSESTree.Node,
): MisusedCallback | null {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index < 0 || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  // `.finally(async () => …)`: the promise chain waits for the callback's promise
  if (call.type === AST_NODE_TYPES.CallExpression && getCalleeMember(call) && getStaticPropertyName(getCalleeMember(call)!) === 'finally') return null;
  if (isListenerRemoval(call)) return null;
  const services = getTypedServices(context);
  // The catalog is cheap and rules out most arguments before any inference.
  const catalog = classifyByCatalog(context, services, call, index);
  let position: MisusedCallback;
  if (catalog) {
    if (!getCallbackPromiseKind(context, argument)) return null;
    if (services && classifyByParameterType(context.sourceCode, services, call, index, 'strict') === 'acceptsPromise') return null;
    position = catalog;
  } else {
    // Outside the catalog only a parameter declared as a void-returning function counts. First rule out, without
    // the checker, function literals that return no promise; then ask about the parameter (most arguments are
    // not callbacks), and about the argument's own type only when the parameter expects a void callback.
    if (!mayReturnPromiseWhenCalled(argument)) return null;
    if (services) {
      if (classifyByParameterType(context.sourceCode, services, call, index) !== 'void') return null;
      if (!getCallbackPromiseKind(context, argument)) return null;
    } else {
      // Without types: a function of this file or a project file it imports whose parameter is written so.
      // The argument's inference first: it is cached per node, the callee's declaration may be in another file.
      if (call.type !== AST_NODE_TYPES.CallExpression || !getCallbackPromiseKind(context, argument)) return null;
      rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
      if (expectedCallOfDeclared(declaredTypeOfCallee(context.sourceCode, call.callee)?.parameter(index) ?? null) !== 'void') return null;
    }
    position = { position: 'voidParameter', calleeName: calleeDisplayName(call) };
  }
  if (losesRejection(position.position) && callbackCannotReject(context.sourceCode, argument)) {
    const unwaitedBy = position.position === 'forEach' ? findUnwaitedForEachOwner(context.sourceCode, call, argument) : null;
    return unwaitedBy === null ? null : { ...position, unwaitedBy };
  }
  return position;
}

/** `x.removeEventListener('message', listener)`: the listener is handed back, not called. */
function isListenerRemoval(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const member = call.type === AST_NODE_TYPES.CallExpression ? getCalleeMember(call) : null;
  const method = member ? getStaticPropertyName(member) : null;
  return method !== null && LISTENER_REMOVAL_METHODS.has(method);
}

/**
 * `xs.forEach(async (x) => { try { await … } catch { … } })` as a statement of an async function of its own, with an
 * `await` in the callback and one in the function: the callbacks cannot reject, but the function's promise resolves
 * before they are done, so whoever awaits it goes on while they still run (@applitools/core 4.x's `close()` closed its
 * tests this way, and `getResults()` could come before the close; the next version kept the work's promise). Its
 * name (`close`), or '' when it has none; null when that is not so, or when every call of the function in the file
 * drops its promise (`this._process();` in a listener: nobody waits for it, and the code tracks the work another way,
 * as exceljs's zip reader counts its entries).
 */
function findUnwaitedForEachOwner(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): string | null {
  const callback = skipExpressionWrappers(argument);
  if (call.type !== AST_NODE_TYPES.CallExpression || !isFunctionNode(callback) || !callback.async || call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  let owner: TSESTree.Node | undefined = call.parent.parent;
  while (owner && !isFunctionNode(owner)) owner = owner.parent;
  if (!owner || !isFunctionNode(owner) || !isAsyncFunction(owner) || !awaitsOutside(callback, callback) || !awaitsOutside(owner, callback)) return null;
  const name = getFunctionName(owner) ?? '';
  return name !== '' && onlyDroppedCalls(sourceCode, name) ? null : name;
}

/** Whether the file calls `name` (`name(…)`, `x.name(…)`) and every such call is a statement that drops its result. */
function onlyDroppedCalls(sourceCode: SourceCode, name: string): boolean {
  let calls = 0;
  let kept = false;
  someNodeWithin(
    sourceCode.ast,
    (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipExpressionWrappers(node.callee);
      const called = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      if (called !== name) return false;
      calls++;
      kept = node.parent.type !== AST_NODE_TYPES.ExpressionStatement;
      return kept;
    },
    () => true,
  );
  return calls > 0 && !kept;
}

/** Whether `fn` has an `await` of its own (not in a nested function), outside `except`. */
function awaitsOutside(fn: TSESTree.Node, except: TSESTree.Node): boolean {
  const body = isFunctionNode(fn) ? fn.body : fn;
  return someNodeWithin(body, (node) => node.type === AST_NODE_TYPES.AwaitExpression, (node) => node === body || (node !== except && !isFunctionNode(node)));
}

/**
 * `consume(...handlers)` where the spread holds promise-returning functions and the parameters it fills
 * are declared to take void-returning ones (a rest parameter `...handlers: (() => void)[]` or a tuple of
 * them). With types, the spread's element types against the parameters; without, an array literal (or a
 * never-reassigned name of one) against a function of this file or a project file it imports.
 */
export function findMisusedSpreadArgument(
  context: AnyRuleContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  spread: TSESTree.SpreadElement,
): MisusedCallback | null {
  const index = call.arguments.indexOf(spread);
  if (index < 0) return null;
  const services = getTypedServices(context);
  if (services) {
    const elements = spreadElementTypes(services, spread.argument);
    for (const [offset, element] of elements.entries()) {
      if (!element || !returnsThenableWhenCalled(services, element, spread)) continue;
      const position = elements.length === 1 && !isTupleSpread(services, spread.argument) ? index : index + offset;
      if (classifyByParameterType(context.sourceCode, services, call, position) === 'void') {
        return { position: 'voidParameter', calleeName: calleeDisplayName(call) };
      }
    }
    return null;
  }
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const elements = spreadLiteralElements(context, spread.argument);
  if (!elements.some((element) => element !== null && getCallbackPromiseKind(context, element) !== null && !callbackCannotReject(context.sourceCode, element))) return null;
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const parameters = declaredTypeOfCallee(context.sourceCode, call.callee);
  for (const [offset, element] of elements.entries()) {
    if (!element || !getCallbackPromiseKind(context, element) || callbackCannotReject(context.sourceCode, element)) continue;
    if (expectedCallOfDeclared(parameters?.parameter(index + offset) ?? null) === 'void') {
      return { position: 'voidParameter', calleeName: calleeDisplayName(call) };
    }
  }
  return null;
}

/** The element types of a spread array or tuple (one for an array). */
function spreadElementTypes(services: TypedServices, argument: TSESTree.Node): (ts.Type | undefined)[] {
  const type = getNodeType(services, argument);
  if (!type || isAnyOrUnknown(type)) return [];
  const checker = services.program.getTypeChecker();
  if (checker.isArrayType(type) || checker.isTupleType(type)) return [...checker.getTypeArguments(type as ts.TypeReference)];
  return [];
}

function isTupleSpread(services: TypedServices, argument: TSESTree.Node): boolean {
  const type = getNodeType(services, argument);
  return type !== null && services.program.getTypeChecker().isTupleType(type);
}

function returnsThenableWhenCalled(services: TypedServices, type: ts.Type, node: TSESTree.Node): boolean {
  return unionParts(type).some((part) => part.getCallSignatures().some((signature) => returnsThenable(services, signature.getReturnType(), node)));
}

/** The elements of an array literal spread directly or through a never-reassigned `const`. */
function spreadLiteralElements(context: AnyRuleContext, argument: TSESTree.Node): (TSESTree.Node | null)[] {
  let inner = skipExpressionWrappers(argument);
  if (inner.type === AST_NODE_TYPES.Identifier) inner = getConstInit(context.sourceCode, inner) ?? inner;
  if (inner.type !== AST_NODE_TYPES.ArrayExpression) return [];
  const elements: (TSESTree.Node | null)[] = [];
  for (const element of inner.elements) {
    if (element?.type === AST_NODE_TYPES.SpreadElement) break;
    elements.push(element);
  }
  return elements;
}

/**
 * False when the argument is a function literal whose syntax says it returns no promise. Other arguments
 * are left to the parameter check: a name's own type can cost an inference of its initializer, while the
 * callee's type is mostly read from declarations.
 */
function mayReturnPromiseWhenCalled(argument: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(argument);
  return !isFunctionNode(inner) || getLiteralCallResult(inner) !== null;
}

function calleeDisplayName(call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return getStaticPropertyName(callee) ?? 'this function';
  return 'this function';
}

/** The syntactic catalog (Array/timer/emitter/Promise APIs), with the receiver checked by types when known. */
function classifyByCatalog(
  context: AnyRuleContext,
  services: TypedServices | null,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
): MisusedCallback | null {
  const sourceCode = context.sourceCode;
  if (!hasCatalogName(call) && !isTimersImport(context, call.callee)) return null;
  if (call.type === AST_NODE_TYPES.NewExpression) {
    return index === 0 && isGlobalName(sourceCode, call.callee, 'Promise') ? { position: 'executor', calleeName: 'Promise' } : null;
  }
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) {
    const reference = resolveModuleReference(sourceCode, callee);
    const [first] = reference?.path ?? [];
    if (reference && reference.path.length === 1 && first) {
      if ((reference.module === GLOBAL_MODULE || reference.module === 'timers') && TIMER_FUNCTIONS.has(first)) {
        return index === 0 ? { position: 'timer', calleeName: first } : null;
      }
      if (reference.module === GLOBAL_MODULE && first === 'queueMicrotask') return index === 0 ? { position: 'timer', calleeName: first } : null;
    }
    if (reference && reference.path.length === 2 && reference.path[1] === 'nextTick' &&
      ((reference.module === GLOBAL_MODULE && first === 'process'))) {
      return index === 0 ? { position: 'timer', calleeName: 'process.nextTick' } : null;
    }
    if (reference && reference.module === 'process' && reference.path.length === 1 && first === 'nextTick') {
      return index === 0 ? { position: 'timer', calleeName: 'process.nextTick' } : null;
    }
    const collectionFunction = reference ? collectionLibraryFunction(reference) : null;
    if (collectionFunction !== null && index === 1) {
      const calleeName = sourceCode.getText(callee);
      if (COLLECTION_ITERATORS.has(collectionFunction)) return { position: 'forEach', calleeName };
      if (COLLECTION_PREDICATES.has(collectionFunction)) return { position: 'predicate', calleeName };
    }
    if (collectionFunction !== null) return null;
  }
  const member = getCalleeMember(call);
  if (!member) return null;
  const method = getStaticPropertyName(member);
  if (method === null) return null;
  if (method === 'forEach' && index === 0) {
    return { position: 'forEach', calleeName: method };
  }
  if ((PREDICATE_METHODS.has(method) || COMPARATOR_METHODS.has(method)) && index === 0) {
    if (services && !receiverMayBeArray(services, member.object)) return null;
    return { position: PREDICATE_METHODS.has(method) ? 'predicate' : 'comparator', calleeName: method };
  }
  if (HOOK_TAP_METHODS.has(method) && index === 1 && isHooksMember(member.object)) return { position: 'hook', calleeName: method };
  if (LISTENER_METHODS.has(method) && index === 1 && call.arguments.length <= 3) {
    const event = call.arguments[0];
    // app.on("GET", "/path", handler) style routers pass the handler later; here the listener is the 2nd argument
    if (!event || event.type === AST_NODE_TYPES.SpreadElement || isFunctionNode(skipExpressionWrappers(event))) return null;
    return { position: 'listener', calleeName: method };
  }
  return null;
}

/**
 * `compiler.hooks.make`, `hooks.done`: a hook read off a `hooks` object, the way webpack, tapable's users and their
 * plugins keep them. A `tap` of anything else (a stream library's, a test double's) is not a hook's.
 */
function isHooksMember(hook: TSESTree.Node): boolean {
  const member = skipExpressionWrappers(hook);
  if (member.type !== AST_NODE_TYPES.MemberExpression) return false;
  const owner = skipExpressionWrappers(member.object);
  if (owner.type === AST_NODE_TYPES.Identifier) return owner.name === 'hooks';
  return owner.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(owner) === 'hooks';
}

const CATALOG_NAMES: ReadonlySet<string> = new Set([
  ...TIMER_FUNCTIONS, ...HOOK_TAP_METHODS, 'queueMicrotask', 'nextTick', 'forEach', ...PREDICATE_METHODS, ...COMPARATOR_METHODS, ...LISTENER_METHODS, 'Promise',
  ...COLLECTION_FUNCTION_NAMES,
]);

/** Cheap pre-check on the callee's last name before any scope or provenance work. */
function hasCatalogName(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return CATALOG_NAMES.has(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(callee);
  return name !== null && CATALOG_NAMES.has(name);
}

/** `import { setTimeout as later } from "node:timers"`: a renamed timer import. */
function isTimersImport(context: AnyRuleContext, callee: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(callee);
  if (inner.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = findVariableOf(context.sourceCode, inner)?.defs[0];
  if (definition?.type !== 'ImportBinding' || definition.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return false;
  const declaration = definition.node.parent;
  return declaration.type === AST_NODE_TYPES.ImportDeclaration && /^(?:node:)?timers$/.test(declaration.source.value);
}

/** With types: the receiver is an array or tuple (or the checker knows nothing about it). */
function receiverMayBeArray(services: TypedServices, object: TSESTree.Node): boolean {
  const type = getNodeType(services, object);
  if (!type || isAnyOrUnknown(type)) return true;
  const checker = services.program.getTypeChecker();
  return unionParts(checker.getApparentType(type)).some((part) => checker.isArrayType(part) || checker.isTupleType(part));
}

const calleeTypes = createFileCache<TSESTree.Node, ts.Type | null>();

/** The callee's type, asked once per call however many of its arguments are checked. */
function getCalleeType(sourceCode: SourceCode, services: TypedServices, call: TSESTree.CallExpression | TSESTree.NewExpression): ts.Type | null {
  const cache = calleeTypes(sourceCode);
  let type = cache.get(call);
  if (type === undefined) {
    type = getNodeType(services, call.callee);
    cache.set(call, type);
  }
  return type;
}

/**
 * What the callee's parameter at `index` expects, over every call/construct signature (overloads): see
 * `ExpectedCall`; `acceptsPromise` when some signature takes a promise-returning function there.
 */
function classifyByParameterType(
  sourceCode: SourceCode,
  services: TypedServices,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  index: number,
  reading: Reading = 'loose',
): ExpectedCall {
  const tsModule = getTypeScript();
  const checker = services.program.getTypeChecker();
  const calleeType = getCalleeType(sourceCode, services, call);
  if (!calleeType || isAnyOrUnknown(calleeType)) return 'unknown';
  const tsCall: ts.Node = services.esTreeNodeToTSNodeMap.get(call);
  const parameterTypes: ts.Type[] = [];
  /** Per signature, the parameter's type as written in its declaration, before type arguments are filled in. */
  const writtenTypes: (ts.Type | null)[] = [];
  for (const part of unionParts(calleeType)) {
    const signatures = call.type === AST_NODE_TYPES.CallExpression ? part.getCallSignatures() : part.getConstructSignatures();
    for (const signature of signatures) {
      const found = parameterTypeAt(checker, signature, index);
      if (!found) continue;
      parameterTypes.push(found);
      const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
      const declared = declaration ? checker.getSignatureFromDeclaration(declaration) : undefined;
      writtenTypes.push(declared ? parameterTypeAt(checker, declared, index) : null);
    }
  }
  const verdict = expectedCallOfTypes(services, parameterTypes, call, reading);
  if (verdict === 'void') {
    // `this.cycle = [first]; this.cycle.push(next)`: `push(...items: T[])` wants `() => void` only because `T` was
    // inferred from the first element. A `void` that only type arguments bring counts when they were written
    // (the receiver's declared type), not when the checker inferred them.
    const onlyInstantiated = writtenTypes.some((written) => !written || expectedCallOfTypes(services, [written], call, reading) !== 'void');
    if (onlyInstantiated && !receiverHasWrittenType(services, call)) return 'unknown';
    return verdict;
  }
  // The declared parameter types decide, except a bare type parameter (`cb: T`): only then ask for the
  // argument's contextual type, which makes the checker resolve the whole call (costly: it checks every
  // argument, function bodies included).
  const sawTypeParameter = parameterTypes.some((type) => type.flags & tsModule.TypeFlags.TypeParameter);
  if (verdict === 'unknown' && sawTypeParameter && (tsModule.isCallExpression(tsCall) || tsModule.isNewExpression(tsCall))) {
    try {
      // not in TypeScript's public typings, but stable and what editors use for argument contexts
      const internal = checker as unknown as { getContextualTypeForArgumentAtIndex?: (node: ts.Node, index: number) => ts.Type | undefined };
      const contextual = internal.getContextualTypeForArgumentAtIndex?.(tsCall, index);
      if (contextual) return expectedCallOfTypes(services, [contextual], call, reading);
    } catch {
      // some synthetic calls have no contextual type
    }
  }
  return verdict;
}

/** The type a signature expects at argument `index` (a rest parameter's element or tuple member), or null. */
function parameterTypeAt(checker: ts.TypeChecker, signature: ts.Signature, index: number): ts.Type | null {
  const tsModule = getTypeScript();
  const parameters = signature.parameters;
  for (let position = 0; position < parameters.length; position++) {
    const parameter = parameters[position];
    if (!parameter) continue;
    const declaration = parameter.valueDeclaration;
    const isRest = declaration !== undefined && tsModule.isParameter(declaration) && declaration.dotDotDotToken !== undefined;
    if (isRest ? index < position : position !== index) continue;
    // the parameter's own type: asked at the callee, the checker would re-check the callee expression each time
    const type = checker.getTypeOfSymbol(parameter);
    if (!isRest) return type;
    if (checker.isArrayType(type)) return checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
    if (checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference)[index - position] ?? type;
    return type;
  }
  return null;
}

/** `handlers.push(…)` where `handlers` is declared with its type written (see `hasWrittenType`). */
function receiverHasWrittenType(services: TypedServices, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const member = call.type === AST_NODE_TYPES.CallExpression ? getCalleeMember(call) : null;
  return member !== null && hasWrittenType(services, member.object);
}

function returnsThenable(services: TypedServices, type: ts.Type, node: TSESTree.Node): boolean {
  return classifyPromiseType(services, type, node) !== null;
}

/**
 * Calling the callback gives a promise that cannot reject: an async function (literal, or a function or method
 * of this file passed by name or bound: `onMessage.bind(null, port)`) whose failures are all caught, or an
 * arrow that returns such a call (`() => this.reconnect()` where `reconnect` catches everything), or a
 * handled chain (`async () => stop().then(resolve).catch(reject)`).
 */
export function callbackCannotReject(sourceCode: SourceCode, argument: TSESTree.Node): boolean {
  let inner = skipExpressionWrappers(argument);
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    if (babelAsyncFunctionCannotReject(sourceCode, inner)) return true;
    // a regenerator state machine with a `try`: what its `catch` does is not read, so it may handle its failures
    if (isBabelAsyncFunctionValue(inner) && isRegeneratorBodyWithTry(inner)) return true;
    inner = skipBind(inner);
  }
  const named = inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression;
  const callables = isFunctionNode(inner) ? [inner] : named ? resolveLocalCallables(sourceCode, inner).filter(isFunctionNode) : [];
  return (
    callables.length > 0 &&
    callables.every((fn) => {
      if (isAsyncFunction(fn)) return asyncFunctionCannotReject(sourceCode, fn);
      if (compiledBodyWithLocalsCannotReject(fn)) return true;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
        const body = skipExpressionWrappers(fn.body);
        return body.type === AST_NODE_TYPES.CallExpression && callCannotReject(sourceCode, body);
      }
      // () => { …; return chain.catch(reject); }: every promise it returns is handled
      let returnsPromise = false;
      const other = someOwnReturn(fn.body, (statement) => {
        if (statement.argument === null) return false;
        const returned = skipExpressionWrappers(statement.argument);
        if (returned.type !== AST_NODE_TYPES.CallExpression || !callCannotReject(sourceCode, returned)) return true;
        returnsPromise = true;
        return false;
      });
      return returnsPromise && !other;
    })
  );
}

/**
 * The expressions of a condition that are read as booleans, as typescript-eslint reads them: the test
 * itself, both operands of `&&`/`||` inside a test, the left operand of `&&`/`||` elsewhere (the right one
 * is the value), and of `??` only inside a test.
 */
export function collectConditionOperands(node: TSESTree.Node, isTest: boolean, into: TSESTree.Node[]): void {
  // `a || b || …` nests as deep as it is long: a stack, not recursion (left operands first, as written).
  const stack: TSESTree.Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as TSESTree.Node;
    const inner = current.type === AST_NODE_TYPES.ChainExpression ? current.expression : current;
    if (inner.type !== AST_NODE_TYPES.LogicalExpression) {
      into.push(current);
      continue;
    }
    if (isTest) stack.push(inner.right);
    if (inner.operator !== '??' || isTest) stack.push(inner.left);
  }
}
