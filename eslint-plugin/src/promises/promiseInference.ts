import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type * as ts from 'typescript';

import { type FunctionNode, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, skipIndirectCallee, someOwnReturn } from '../core/ast';
import { isTypeScriptSource, rememberFileName, resolveImportedCallable, resolveImportedInstanceMethod } from '../modules/crossFile';
import { createFileCache } from '../core/fileCache';
import { GLOBAL_MODULE, isGlobalName, type ModuleReference, resolveModuleReference } from '../modules/moduleBindings';
import { isPromiseLibraryConstructor } from './packagePromiseApis';
import {
  couldBePromiseExportName,
  FILE_HANDLE_PROMISE_METHODS,
  isFileHandleFactory,
  isPromiseReadlineFactory,
  isPromiseReturningExport,
  isPromisify,
  PROMISE_CHAIN_METHODS,
  READLINE_PROMISE_METHODS,
  RESPONSE_BODY_METHODS,
} from './promiseApis';
import { isAwaiterCall, isBabelAsyncFunctionValue, returnsCompiledPromise } from '../core/compiledAsync';
import { isMigrationQuery } from './migrationQueries';
import { returnsPromiseWithoutCallback } from './callbackDualApi';
import { isPackageClientPromiseCall } from './packageClients';
import { isChainedPromisifiedCall } from './promisifiedMethods';
import { isTransactionEnd } from './transactionEnds';
import { type AnnotationKind, classifyLocalClass, classifyTypeAnnotation, getWrittenCallReturns, getWrittenType } from './promiseTypes';
import { findClassMethods, type LocalCallable, resolveLocalCallables, resolveLocalClass } from '../modules/localFunctions';
import { findVariableOf, getConstInit, isNeverReassigned } from '../core/scope';
import { isPromiseLikeKind } from '../modules/declaredTypes';
import { declaredTypeOfCallee, declaredTypeOfFactoryResult } from './declaredSlots';
import {
  getDeclaredTypeOfReference,
  getNodeType,
  getTypedServices,
  getTypeScript,
  isAnyOrUnknown,
  isBuiltinTypeLike,
  mayHoldThenable,
  mayReturnThenable,
  type TypedServices,
  unionParts,
} from '../core/typeInfo';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

/**
 * How sure we are that an expression evaluates to a promise:
 * - `promise`: a real `Promise` (or a subclass): what every rule treats as a promise;
 * - `thenable`: some other object with a `then` method (`PromiseLike`, query builders…).
 * null means "not a promise, or unknown".
 */
export type PromiseKind = 'promise' | 'thenable';

/**
 * True when `node` evaluates to a promise or another thenable. Without types this is the syntactic
 * inference (async functions of this file and of relative imports, annotated return types, Node's
 * promise APIs, `fetch`, `new Promise`, `Promise.all`, `.then` chains…); with types the checker
 * decides, and the syntactic knowledge fills in where the type is `any`.
 */
export function isPromiseExpression(
  context: AnyRuleContext,
  node: TSESTree.Node,
): boolean {
  return getPromiseKind(context, node) !== null;
}

/** Like {@link isPromiseExpression}, but says whether the value is a real `Promise` or only a thenable. */
export function getPromiseKind(context: AnyRuleContext, node: TSESTree.Node): PromiseKind | null {
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const services = getTypedServices(context);
  if (services) {
    const typed = getTypedPromiseKind(services, node);
    // a thenable the code knows to be a promise by provenance (the VS Code API's `Thenable`s, which are promises
    // at run time and reject when they fail)
    if (typed === 'thenable') return isPromiseByProvenance(context, node) ? 'promise' : typed;
    if (typed !== undefined) return typed;
  }
  return inferPromiseKind(context.sourceCode, node);
}

/**
 * Whether the code says `node` is a real promise without the checker (provenance, `async`): what upgrades a value the
 * checker types as a mere thenable (the VS Code API's `Thenable`s are promises at run time, and reject).
 */
export function isPromiseByProvenance(context: AnyRuleContext, node: TSESTree.Node): boolean {
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  return inferPromiseKind(context.sourceCode, node) === 'promise';
}

/** The syntactic inference alone (no checker), cached per node. */
export function inferPromiseKind(sourceCode: SourceCode, node: TSESTree.Node): PromiseKind | null {
  return infer(sourceCode, node, new BoundedWalk(INFERENCE_LIMITS));
}

// ---------------------------------------------------------------------------------------------
// With types

/**
 * The checker's answer, or undefined when the type is `any`/`unknown` (and the node was not
 * explicitly asserted to be `any`), so the caller falls back to the syntactic inference.
 */
export function getTypedPromiseKind(services: TypedServices, node: TSESTree.Node): PromiseKind | null | undefined {
  const type = getNodeType(services, node);
  if (!type) return undefined;
  if (isAnyOrUnknown(type)) return isExplicitlyUntyped(node) ? null : undefined;
  return classifyPromiseType(services, type, node);
}

/** Classifies a checker type: a built-in `Promise` (or subclass) in any union member, or a thenable. */
export function classifyPromiseType(services: TypedServices, type: ts.Type, node: TSESTree.Node): PromiseKind | null {
  const checker = services.program.getTypeChecker();
  const parts = unionParts(checker.getApparentType(type));
  if (parts.some((part) => isBuiltinTypeLike(services.program, part, ['Promise']))) return 'promise';
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  for (const part of parts) {
    const then = part.getProperty('then');
    if (!then) continue;
    const thenType = checker.getTypeOfSymbolAtLocation(then, tsNode);
    if (unionParts(thenType).some((member) => member.getCallSignatures().length > 0)) return 'thenable';
  }
  return null;
}

/** True when some member of the type is a thenable whose `then` accepts a rejection callback. */
export function isRejectableThenableType(services: TypedServices, type: ts.Type, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const isFunctionParameter = (parameter: ts.Symbol): boolean =>
    unionParts(checker.getApparentType(checker.getTypeOfSymbolAtLocation(parameter, tsNode))).some(
      (part) => part.getCallSignatures().length > 0,
    );
  for (const part of unionParts(checker.getApparentType(type))) {
    const then = part.getProperty('then');
    if (!then) continue;
    const thenType = checker.getTypeOfSymbolAtLocation(then, tsNode);
    for (const member of unionParts(thenType)) {
      for (const signature of member.getCallSignatures()) {
        const [first, second] = signature.parameters;
        if (first && second && isFunctionParameter(first) && isFunctionParameter(second)) return true;
      }
    }
  }
  return false;
}

/** `x as any`, `<unknown>x`: the author said the value is untyped, so we trust the checker's `any`. */
function isExplicitlyUntyped(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.TSAsExpression && node.type !== AST_NODE_TYPES.TSTypeAssertion) return false;
  const annotation = node.typeAnnotation.type;
  return annotation === AST_NODE_TYPES.TSAnyKeyword || annotation === AST_NODE_TYPES.TSUnknownKeyword;
}

/** True when the TypeScript type of `node` is known and is not `any`/`unknown`. */
export function hasInformativeType(services: TypedServices, node: TSESTree.Node): boolean {
  const type = getNodeType(services, node);
  return type !== null && !isAnyOrUnknown(type);
}

export { getTypeScript };

// ---------------------------------------------------------------------------------------------
// Without types

/**
 * How far one question follows values: through `const` aliases, calls of local functions to what they
 * return, `.then` receivers, operands. Functions that call each other end at the cycle.
 */
const INFERENCE_LIMITS = { maxDepth: 13 };
const inferCache = createFileCache<TSESTree.Node, PromiseKind | null>();

function infer(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): PromiseKind | null {
  const cache = inferCache(sourceCode);
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  return walk.enter(raw, null, () => {
    const result = inferUncached(sourceCode, raw, walk);
    cache.set(raw, result);
    return result;
  });
}

function fromAnnotation(kind: AnnotationKind): PromiseKind | null {
  return kind === 'promise' || kind === 'thenable' ? kind : null;
}

function inferUncached(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): PromiseKind | null {
  if (raw.type === AST_NODE_TYPES.TSAsExpression || raw.type === AST_NODE_TYPES.TSTypeAssertion) {
    const kind = classifyTypeAnnotation(sourceCode, raw.typeAnnotation);
    if (kind !== null) return fromAnnotation(kind);
    return infer(sourceCode, raw.expression, walk);
  }
  if (raw.type === AST_NODE_TYPES.TSSatisfiesExpression) return infer(sourceCode, raw.expression, walk);
  const node = skipExpressionWrappers(raw);
  if (node !== raw) return infer(sourceCode, node, walk);
  switch (node.type) {
    case AST_NODE_TYPES.ImportExpression:
      return 'promise';
    case AST_NODE_TYPES.NewExpression:
      return inferNew(sourceCode, node);
    case AST_NODE_TYPES.CallExpression:
      return inferCall(sourceCode, node, walk);
    case AST_NODE_TYPES.Identifier:
      return inferIdentifier(sourceCode, node, walk);
    case AST_NODE_TYPES.MemberExpression:
      return inferMember(sourceCode, node);
    case AST_NODE_TYPES.ConditionalExpression:
      return strongest(infer(sourceCode, node.consequent, walk), infer(sourceCode, node.alternate, walk));
    case AST_NODE_TYPES.LogicalExpression: {
      // `true || p()` is `true`: the right side is never the value
      if (isShortCircuited(sourceCode, node)) return infer(sourceCode, node.left, walk);
      return strongest(infer(sourceCode, node.left, walk), infer(sourceCode, node.right, walk));
    }
    case AST_NODE_TYPES.SequenceExpression:
      return infer(sourceCode, node.expressions[node.expressions.length - 1] ?? node, walk);
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator === '=' ? infer(sourceCode, node.right, walk) : null;
    default:
      return null;
  }
}

/** The left operand decides the result on its own: a literal (or a `const` bound to one) that short-circuits. */
function isShortCircuited(sourceCode: SourceCode, node: TSESTree.LogicalExpression): boolean {
  let left = skipExpressionWrappers(node.left);
  if (left.type === AST_NODE_TYPES.Identifier) left = getConstInit(sourceCode, left) ?? left;
  if (left.type !== AST_NODE_TYPES.Literal) return false;
  if (node.operator === '||') return Boolean(left.value);
  if (node.operator === '&&') return !left.value && !('regex' in left);
  return left.value !== null;
}

function strongest(a: PromiseKind | null, b: PromiseKind | null): PromiseKind | null {
  if (a === 'promise' || b === 'promise') return 'promise';
  return a ?? b;
}

function inferNew(sourceCode: SourceCode, node: TSESTree.NewExpression): PromiseKind | null {
  if (isGlobalName(sourceCode, node.callee, 'Promise') || isPromiseLibraryConstructor(resolveModuleReference(sourceCode, node.callee))) return 'promise';
  const callee = skipExpressionWrappers(node.callee);
  if (callee.type === AST_NODE_TYPES.ClassExpression) return fromAnnotation(classifyLocalClass(sourceCode, callee));
  if (callee.type !== AST_NODE_TYPES.Identifier) return null;
  const definition = findVariableOf(sourceCode, callee)?.defs[0];
  if (definition?.type === 'ClassName') return fromAnnotation(classifyLocalClass(sourceCode, definition.node));
  return null;
}


function inferCall(sourceCode: SourceCode, call: TSESTree.CallExpression, walk: BoundedWalk): PromiseKind | null {
  if (isAwaiterCall(call) || isMigrationQuery(sourceCode, call) || isTransactionEnd(sourceCode, call) || isPackageClientPromiseCall(sourceCode, call) || isChainedPromisifiedCall(call)) return 'promise';
  return inferCalleeReturn(sourceCode, call.callee, call.arguments.length, walk);
}

/**
 * What calling `rawCallee` returns (without types): also answers "is this callback promise-returning?"
 * for a function value passed as an argument. `argumentCount` picks among overloads when known.
 * `byWrittenReceiver`: also ask the written type of a method's receiver (`store: Store`) — for calls; a method
 * handed over by reference (`on('x', this.store.close)`) is rare enough not to read other files' types for it.
 */
export function inferCalleeReturn(
  sourceCode: SourceCode,
  rawCallee: TSESTree.Node,
  argumentCount?: number,
  walk = new BoundedWalk(INFERENCE_LIMITS),
  byWrittenReceiver = true,
): PromiseKind | null {
  const direct = skipExpressionWrappers(rawCallee);
  const callee = skipIndirectCallee(direct);
  // `(0, _pFinally2.default)(…)`: a compiled call of an import, known here only as a package's promise API (what a
  // sibling file's function returns is left to the source, where the analyses of that file can see it)
  if (callee !== direct) return isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode) ? 'promise' : null;

  // (async () => { … })(), (function (): Promise<void> { … })()
  if (isFunctionNode(callee)) return inferCallableResult(sourceCode, [callee], walk);

  // require("open")(url): a module called where it is loaded
  if (callee.type === AST_NODE_TYPES.CallExpression && isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode)) {
    return 'promise';
  }

  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // x[Symbol.asyncDispose](): the protocol's method returns a promise, whatever x is
    if (isAsyncDisposeKey(callee)) return 'promise';
    const method = getStaticPropertyName(callee);
    if (method !== null && PROMISE_CHAIN_METHODS.has(method)) {
      // p.then(…) is a promise of the same kind as p
      const receiver = infer(sourceCode, callee.object, walk);
      if (receiver) return receiver;
    }
    const object = skipExpressionWrappers(callee.object);
    if (method !== null && object.type === AST_NODE_TYPES.NewExpression) {
      // new LocalClass().method()
      const classNode = resolveLocalClass(sourceCode, object.callee);
      const methods = classNode ? findClassMethods(classNode, method, false) : [];
      if (methods.length > 0) return inferCallableResult(sourceCode, methods, walk);
    }
    if (method !== null) {
      const instanceKind = inferInstanceMethodCall(sourceCode, callee.object, method);
      if (instanceKind) return instanceKind;
    }
  }

  if (callee.type === AST_NODE_TYPES.Identifier) return inferIdentifierCallee(sourceCode, callee, walk, argumentCount);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(callee);
    if (name !== null && couldBePromiseExportName(name) && isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode)) {
      return 'promise';
    }
  }

  // util.promisify(fn)(…) or const readP = promisify(fn); readP(…)
  if (isPromisifiedFunction(sourceCode, callee)) return 'promise';

  const local = resolveLocalCallables(sourceCode, callee);
  if (local.length > 0) return inferCallableResult(sourceCode, local, walk, argumentCount);
  const shorthand = resolveObjectPropertyFunction(sourceCode, callee);
  if (shorthand.length > 0) return inferCallableResult(sourceCode, shorthand, walk, argumentCount);

  // const f: () => Promise<void>; declare const api: { load(): Promise<void> }; (cb: () => Promise<void>) => cb()
  const written = getWrittenCallReturns(sourceCode, callee);
  if (written) {
    const kinds = written.map((type) => classifyTypeAnnotation(sourceCode, type));
    if (kinds.every((kind) => kind === 'promise')) return 'promise';
    if (kinds.every((kind) => kind === 'promise' || kind === 'thenable')) return 'thenable';
    if (kinds.every((kind) => kind !== null)) return null;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  return resolveImportedCallable(sourceCode, callee) ?? resolveImportedInstanceMethod(sourceCode, callee) ?? (byWrittenReceiver ? inferDeclaredMethodCall(sourceCode, callee) : null);
}

/** `x[Symbol.asyncDispose]`: the method the explicit resource management protocol says returns a promise. */
function isAsyncDisposeKey(callee: TSESTree.MemberExpression): boolean {
  const key = callee.property;
  return callee.computed && key.type === AST_NODE_TYPES.MemberExpression && !key.computed
    && key.object.type === AST_NODE_TYPES.Identifier && key.object.name === 'Symbol'
    && key.property.type === AST_NODE_TYPES.Identifier && key.property.name === 'asyncDispose';
}

/**
 * Whether `callee` is called where its result is dropped or tested (a statement, `void`, a condition, `!x()`, an
 * operand of `&&`/`||`) or is the result of a callback arrow: the places a dropped or misread promise is reported. Reading another file's declarations
 * for every other call kept their syntax trees for the whole run (twice the memory on TypeScript projects).
 */
function isDroppedOrTestedCall(callee: TSESTree.MemberExpression): boolean {
  const call = callee.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) return false;
  let node: TSESTree.Node = call;
  let parent = node.parent;
  while (parent?.type === AST_NODE_TYPES.ChainExpression || parent?.type === AST_NODE_TYPES.TSNonNullExpression || parent?.type === AST_NODE_TYPES.LogicalExpression) {
    node = parent;
    parent = node.parent;
  }
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return true;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'void' || parent.operator === '!';
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node;
    case AST_NODE_TYPES.ArrowFunctionExpression:
      // the task of a callback (`ids.map((id) => this.users.save(id))`): what a fan-out or a misused callback asks
      return parent.body === node && parent.parent?.type === AST_NODE_TYPES.CallExpression;
    default:
      return false;
  }
}

/**
 * `store.close()` where `store: Store`, `this.users.save()` where the class declares `private users: UsersRepo`
 * (also as a constructor parameter): what the written type of the receiver (a class or interface of this file
 * or of a project file it imports) says the method returns, every signature alike.
 */
export function inferDeclaredMethodCall(sourceCode: SourceCode, callee: TSESTree.MemberExpression, anyPosition = false): PromiseKind | null {
  if (!isTypeScriptSource(sourceCode) || (!anyPosition && !isDroppedOrTestedCall(callee))) return null;
  const method = getStaticPropertyName(callee);
  const object = skipExpressionWrappers(callee.object);
  const factoryResult = object.type === AST_NODE_TYPES.Identifier && method !== null ? () => declaredTypeOfFactoryResult(sourceCode, object)?.member(method) : () => null;
  const returns = (declaredTypeOfCallee(sourceCode, callee) ?? factoryResult())?.callReturns();
  if (!returns || returns.length === 0) return null;
  if (returns.every((kind) => kind === 'promise')) return 'promise';
  return returns.every(isPromiseLikeKind) ? 'thenable' : null;
}

/**
 * A plain-name callee, dispatched on what the name is bound to (one scope lookup): a global (`fetch`),
 * an import (Node's promise APIs, relative files), or a local binding (functions, promisified
 * functions, annotated values and parameters).
 */
function inferIdentifierCallee(sourceCode: SourceCode, callee: TSESTree.Identifier, walk: BoundedWalk, argumentCount?: number): PromiseKind | null {
  const variable = findVariableOf(sourceCode, callee);
  const definition = variable?.defs[0];
  if (!variable || !definition) {
    return couldBePromiseExportName(callee.name) && isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode) ? 'promise' : null;
  }
  if (definition.type === 'ImportBinding') {
    if (isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode)) return 'promise';
    return resolveImportedCallable(sourceCode, callee);
  }
  if (definition.type === 'Variable' || definition.type === 'Parameter' || definition.type === 'FunctionName') {
    if (definition.type === 'Variable' && isPromiseReturningExport(resolveModuleReference(sourceCode, callee), sourceCode)) return 'promise';
    if (definition.type === 'Variable' && isPromisifiedFunction(sourceCode, callee)) return 'promise';
    const choice = definition.type === 'Variable' && definition.parent.kind === 'const' && definition.node.init ? choiceBranches(definition.node.init) : null;
    if (choice) return inferChosenCallee(sourceCode, choice, walk, argumentCount);
    const local = resolveLocalCallables(sourceCode, callee);
    if (local.length > 0) return inferCallableResult(sourceCode, local, walk, argumentCount);
    const written = getWrittenCallReturns(sourceCode, callee);
    if (written) return kindOfReturns(sourceCode, written);
    return definition.type === 'Variable' ? resolveImportedCallable(sourceCode, callee) : null;
  }
  return null;
}

/** `a ? f : g`, `f || g`, `f ?? g`: the functions a `const` may hold; null for any other value. */
function choiceBranches(raw: TSESTree.Node): TSESTree.Node[] | null {
  const value = skipExpressionWrappers(raw);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) return [value.consequent, value.alternate];
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') return [value.left, value.right];
  return null;
}

/**
 * `const fetchFunction = typeof fetch !== 'undefined' ? fetch : crossFetch` (or `options.fetch ?? globalThis.fetch`):
 * a promise when one of the functions is known to return one and no other is a function of this file that does not
 * (the others are stand-ins the code cannot see: a polyfill, the caller's own).
 */
function inferChosenCallee(sourceCode: SourceCode, branches: readonly TSESTree.Node[], walk: BoundedWalk, argumentCount?: number): PromiseKind | null {
  let known = false;
  for (const branch of branches) {
    const kind = walk.enter(branch, null, () => inferCalleeReturn(sourceCode, branch, argumentCount, walk));
    if (kind === 'promise') known = true;
    else if (isFunctionNode(skipExpressionWrappers(branch)) || resolveLocalCallables(sourceCode, branch).length > 0) return null;
  }
  return known ? 'promise' : null;
}

function kindOfReturns(sourceCode: SourceCode, written: readonly TSESTree.TypeNode[]): PromiseKind | null {
  const kinds = written.map((type) => classifyTypeAnnotation(sourceCode, type));
  if (kinds.every((kind) => kind === 'promise')) return 'promise';
  if (kinds.every((kind) => kind === 'promise' || kind === 'thenable')) return 'thenable';
  return null;
}

/** `const api = { load }` with `load` a function of this file: `api.load()` runs it. */
function resolveObjectPropertyFunction(sourceCode: SourceCode, callee: TSESTree.Node): LocalCallable[] {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return [];
  const name = getStaticPropertyName(callee);
  const init = getConstInit(sourceCode, callee.object);
  if (name === null || init?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  for (const property of init.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || getStaticPropertyName(property) !== name) continue;
    const value = skipExpressionWrappers(property.value);
    return value.type === AST_NODE_TYPES.Identifier ? resolveLocalCallables(sourceCode, value) : [];
  }
  return [];
}

/**
 * What calling one of `callables` returns. Overload signatures, when present, are what callers see.
 * A promise only when every candidate returns one (an overload set that mixes results stays unknown).
 */
function inferCallableResult(
  sourceCode: SourceCode,
  callables: readonly LocalCallable[],
  walk: BoundedWalk,
  argumentCount?: number,
): PromiseKind | null {
  const signatures = callables.filter((callable) => !('body' in callable) || callable.body == null);
  let candidates = signatures.length > 0 && callables.length > 1 ? signatures : callables;
  if (argumentCount !== undefined && candidates.length > 1) {
    const fitting = candidates.filter((candidate) => acceptsArgumentCount(candidate, argumentCount));
    if (fitting.length > 0) candidates = fitting;
  }
  let result: PromiseKind | null = null;
  for (const candidate of candidates) {
    const kind = inferCallableReturn(sourceCode, candidate, walk);
    if (!kind) return null;
    result = result === 'thenable' ? 'thenable' : kind;
  }
  return result;
}

/** The overload can take `count` arguments (required ≤ count ≤ declared, unless a rest parameter). */
function acceptsArgumentCount(callable: LocalCallable, count: number): boolean {
  let required = 0;
  for (const parameter of callable.params) {
    if (parameter.type === AST_NODE_TYPES.RestElement) return count >= required;
    const optional =
      parameter.type === AST_NODE_TYPES.AssignmentPattern ||
      (parameter.type === AST_NODE_TYPES.Identifier && parameter.optional) ||
      (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern);
    if (!optional) required++;
  }
  const declared = callable.params.filter((parameter) => !(parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this')).length;
  return count >= required && count <= declared;
}

function inferCallableReturn(sourceCode: SourceCode, callable: LocalCallable, walk: BoundedWalk): PromiseKind | null {
  if (callable.generator) return null;
  if (callable.returnType) {
    const kind = classifyTypeAnnotation(sourceCode, callable.returnType.typeAnnotation);
    if (kind !== null) return fromAnnotation(kind);
  }
  if (callable.async) return 'promise';
  if (!isFunctionNode(callable)) return null;
  if (callable.body.type !== AST_NODE_TYPES.BlockStatement) return infer(sourceCode, callable.body, walk);
  // a dual API's promise, returned when no callback is given (`callbackDualApi.ts` tells calls that pass one)
  return inferReturnedValues(sourceCode, callable, walk) ?? (returnsPromiseWithoutCallback(callable) ? 'promise' : null);
}

/** A non-async function whose every `return` returns a promise (at least one) returns a promise. */
function inferReturnedValues(
  sourceCode: SourceCode,
  fn: FunctionNode,
  walk: BoundedWalk,
): PromiseKind | null {
  const returns: TSESTree.ReturnStatement[] = [];
  collectReturns(fn.body, returns);
  if (returns.length === 0) return null;
  // The inferred return type is the union of the returned values: a promise when one of them is,
  // provided no other one may be `any` (which would swallow the union).
  let result: PromiseKind | null = null;
  for (const statement of returns) {
    if (!statement.argument) continue;
    const kind = infer(sourceCode, statement.argument, walk);
    if (kind === 'promise') result = 'promise';
    else if (kind === 'thenable') result ??= 'thenable';
    else if (!isCertainlyTyped(statement.argument)) return null;
  }
  return result;
}

/** Values whose type is never `any`: literals, templates, object and array literals, functions. */
function isCertainlyTyped(node: TSESTree.Node): boolean {
  const inner = skipExpressionWrappers(node);
  return (
    inner.type === AST_NODE_TYPES.Literal ||
    inner.type === AST_NODE_TYPES.TemplateLiteral ||
    inner.type === AST_NODE_TYPES.ObjectExpression ||
    inner.type === AST_NODE_TYPES.ArrayExpression ||
    isFunctionNode(inner) ||
    (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator !== 'delete') ||
    (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined')
  );
}

const MAX_RETURNS = 32;

function collectReturns(node: TSESTree.Node, into: TSESTree.ReturnStatement[]): void {
  someOwnReturn(node, (statement) => {
    into.push(statement);
    return into.length > MAX_RETURNS;
  });
}


function isPromisifiedFunction(sourceCode: SourceCode, callee: TSESTree.Node): boolean {
  if (callee.type === AST_NODE_TYPES.CallExpression) {
    return isPromisify(resolveModuleReference(sourceCode, callee.callee));
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const init = getConstInit(sourceCode, callee);
  return init !== null && init.type === AST_NODE_TYPES.CallExpression && isPromisify(resolveModuleReference(sourceCode, init.callee));
}

/**
 * Methods of objects with a known promise-based API: a fetch `Response` (`res.json()`), a
 * `readline/promises` interface (`rl.question()`), an `fs.promises` FileHandle (`fh.close()`).
 */
function inferInstanceMethodCall(sourceCode: SourceCode, objectNode: TSESTree.Node, method: string): PromiseKind | null {
  const origin = getInstanceOrigin(sourceCode, objectNode, new BoundedWalk(INFERENCE_LIMITS));
  if (!origin) return null;
  if (origin === 'response' && RESPONSE_BODY_METHODS.has(method)) return 'promise';
  if (origin === 'readline' && READLINE_PROMISE_METHODS.has(method)) return 'promise';
  if (origin === 'fileHandle' && FILE_HANDLE_PROMISE_METHODS.has(method)) return 'promise';
  return null;
}

type InstanceOrigin = 'response' | 'readline' | 'fileHandle';

/** Where the object `raw` comes from, through `const` aliases (`const a = b; const b = a;` ends at the cycle). */
/** Packages whose default export (or `fetch` export) is a fetch function resolving to a `Response`. */
const FETCH_MODULES: ReadonlySet<string> = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'undici', 'make-fetch-happen', 'minipass-fetch', '@adobe/fetch', '@adobe/helix-fetch']);

/**
 * What an awaited `fetch(…)` calls: the global `fetch`, a fetch package's export, or any function the code names
 * `fetch` (`const { fetch } = context()`, an injected `fetch` parameter): by the Fetch API's convention it resolves
 * to a `Response` (@adobe/helix-universal 5.0.4 awaited the `resp.json()` it returned inside a `try` whose `finally`
 * reset the fetch context).
 */
function isFetchCallee(reference: ModuleReference | null, callee: TSESTree.Node): boolean {
  if (reference?.module === GLOBAL_MODULE) return reference.path.length === 1 && reference.path[0] === 'fetch';
  if (reference && FETCH_MODULES.has(reference.module)) {
    const [first, ...rest] = reference.path;
    return rest.length === 0 && (first === undefined || first === 'default' || first === 'fetch');
  }
  const node = skipExpressionWrappers(callee);
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'fetch';
}

function getInstanceOrigin(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): InstanceOrigin | null {
  return walk.enter(raw, null, () => instanceOriginOf(sourceCode, raw, walk));
}

function instanceOriginOf(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): InstanceOrigin | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.AwaitExpression) {
    const awaited = skipExpressionWrappers(node.argument);
    if (awaited.type === AST_NODE_TYPES.CallExpression) {
      const reference = resolveModuleReference(sourceCode, awaited.callee);
      if (isFetchCallee(reference, awaited.callee)) return 'response';
      if (isFileHandleFactory(reference)) return 'fileHandle';
    }
    return null;
  }
  if (node.type === AST_NODE_TYPES.NewExpression && isGlobalName(sourceCode, node.callee, 'Response')) return 'response';
  if (node.type === AST_NODE_TYPES.CallExpression && isPromiseReadlineFactory(resolveModuleReference(sourceCode, node.callee))) {
    return 'readline';
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, node);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.name.type === AST_NODE_TYPES.Identifier && definition.name.typeAnnotation) {
    const annotation = definition.name.typeAnnotation.typeAnnotation;
    if (
      annotation.type === AST_NODE_TYPES.TSTypeReference &&
      annotation.typeName.type === AST_NODE_TYPES.Identifier &&
      annotation.typeName.name === 'Response' &&
      findVariableOf(sourceCode, annotation.typeName)?.defs.length !== 1
    ) {
      return 'response';
    }
  }
  const init = getConstInit(sourceCode, node);
  return init ? getInstanceOrigin(sourceCode, init, walk) : null;
}

function inferIdentifier(sourceCode: SourceCode, identifier: TSESTree.Identifier, walk: BoundedWalk): PromiseKind | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.name.type === AST_NODE_TYPES.Identifier && definition.name.typeAnnotation) {
    const kind = classifyTypeAnnotation(sourceCode, definition.name.typeAnnotation.typeAnnotation);
    if (kind !== null) return fromAnnotation(kind);
  }
  const init = definition.type === 'Variable' && isNeverReassigned(variable) && definition.node.id.type === AST_NODE_TYPES.Identifier
    ? definition.node.init
    : null;
  return init ? infer(sourceCode, init, walk) : null;
}

function inferMember(sourceCode: SourceCode, member: TSESTree.MemberExpression): PromiseKind | null {
  const written = getWrittenType(sourceCode, member);
  if (written) return fromAnnotation(classifyTypeAnnotation(sourceCode, written));
  // Promise.withResolvers().promise
  if (getStaticPropertyName(member) !== 'promise') return null;
  let object = skipExpressionWrappers(member.object);
  if (object.type === AST_NODE_TYPES.Identifier) object = getConstInit(sourceCode, object) ?? object;
  if (object.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(object.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'withResolvers') return null;
  return isGlobalName(sourceCode, callee.object, 'Promise') ? 'promise' : null;
}

// ---------------------------------------------------------------------------------------------
// Callbacks and conditions

/**
 * Whether calling the function value `node` (an argument such as `async (x) => …` or `handler`) returns a
 * promise. With types: every call signature returns a thenable; the syntactic inference fills in for `any`.
 */
export function getCallbackPromiseKind(context: AnyRuleContext, node: TSESTree.Node): PromiseKind | null {
  const inner = skipExpressionWrappers(node);
  if (isFunctionNode(inner)) {
    // The syntax of a function literal often decides; its type would make the checker resolve the call it is passed to.
    const known = getLiteralCallResult(inner);
    if (known !== undefined) return known;
  }
  if (isBabelAsyncFunctionValue(inner)) return 'promise';
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, node);
    if (type && !isAnyOrUnknown(type)) {
      // Every signature must return one: an overloaded function (`gc()`, `gc({ execution: 'async' })`) returns a
      // promise only for some arguments, and which ones its caller passes is not known here.
      const checker = services.program.getTypeChecker();
      let result: PromiseKind | null = null;
      for (const part of unionParts(checker.getApparentType(type))) {
        for (const signature of part.getCallSignatures()) {
          const kind = classifyPromiseType(services, signature.getReturnType(), node);
          if (kind === null) return null;
          if (result !== 'promise') result = kind;
        }
      }
      return result;
    }
  }
  return inferCalleeReturn(context.sourceCode, node, undefined, undefined, false);
}

/**
 * What calling the function literal `fn` returns when its syntax alone decides: a promise for a
 * non-generator async function; nothing for a generator or a body whose `return`s give no value.
 * Undefined when the returned values have to be inferred.
 */
export function getLiteralCallResult(fn: FunctionNode): PromiseKind | null | undefined {
  if (fn.generator) return null;
  // also TypeScript's ES5 output that declares its locals before the state machine
  // (`function () { var a; return __awaiter(…); }`, `core/compiledAsync.ts`)
  if (fn.async || returnsCompiledPromise(fn)) return 'promise';
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  return someOwnReturn(fn.body, (statement) => statement.argument !== null) ? undefined : null;
}

/**
 * True when `node` is a promise on every path (not `Promise<T> | undefined`): a promise where a boolean
 * is expected is always truthy. With types this is the checker's "every union member is a thenable".
 */
export function isAlwaysPromise(context: AnyRuleContext, node: TSESTree.Node): boolean {
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const services = getTypedServices(context);
  if (services) {
    const checker = services.program.getTypeChecker();
    const declared = getDeclaredTypeOfReference(services, node);
    if (declared && !mayHoldThenable(checker, declared)) return false;
    const call = skipExpressionWrappers(node);
    if (call.type === AST_NODE_TYPES.CallExpression) {
      const callee = getDeclaredTypeOfReference(services, skipExpressionWrappers(call.callee));
      if (callee && !mayReturnThenable(checker, callee)) return false;
    }
    const type = getNodeType(services, node);
    if (type && !isAnyOrUnknown(type)) {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      return unionParts(checker.getApparentType(type)).every((part) => {
        const then = part.getProperty('then');
        if (!then) return false;
        const thenType = checker.getTypeOfSymbolAtLocation(then, tsNode);
        return unionParts(thenType).some((member) =>
          member.getCallSignatures().some((signature) => {
            const first = signature.parameters[0];
            if (!first) return false;
            const parameterType = checker.getApparentType(checker.getTypeOfSymbolAtLocation(first, tsNode));
            return unionParts(parameterType).some((candidate) => candidate.getCallSignatures().length > 0);
          }),
        );
      });
    }
  }
  return isPromiseOnEveryPath(context.sourceCode, node, new BoundedWalk(INFERENCE_LIMITS));
}

/**
 * Without types: `node` is a promise whatever path produced it. `cond ? p : undefined`, `a && p`, a
 * `const` bound to one of these, and a call of a function that may also `return;`, fall off its end or
 * return a non-promise are promises only sometimes, and testing them is legitimate.
 */
function isPromiseOnEveryPath(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  return walk.enter(raw, false, () => isPromiseOnEveryPathStep(sourceCode, raw, walk));
}

function isPromiseOnEveryPathStep(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return isPromiseOnEveryPath(sourceCode, node.consequent, walk) && isPromiseOnEveryPath(sourceCode, node.alternate, walk);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.SequenceExpression:
      return false;
    case AST_NODE_TYPES.Identifier: {
      const init = getConstInit(sourceCode, node);
      if (init) return isPromiseOnEveryPath(sourceCode, init, walk);
      break;
    }
    case AST_NODE_TYPES.CallExpression: {
      const local = resolveLocalCallables(sourceCode, node.callee).filter(isFunctionNode);
      if (local.length > 0 && !local.every((fn) => returnsPromiseOnEveryPath(sourceCode, fn, walk))) return false;
      break;
    }
    default:
      break;
  }
  if (inferPromiseKind(sourceCode, node) === null) return false;
  return !mayBeNonPromise(sourceCode, node);
}

/** An async function, a promise-annotated one, or one whose every path ends in `return <promise>`. */
function returnsPromiseOnEveryPath(sourceCode: SourceCode, fn: FunctionNode, walk: BoundedWalk): boolean {
  if (fn.generator) return false;
  if (fn.async) return true;
  if (fn.returnType) return classifyTypeAnnotation(sourceCode, fn.returnType.typeAnnotation) === 'promise';
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isPromiseOnEveryPath(sourceCode, fn.body, walk);
  const last = fn.body.body[fn.body.body.length - 1];
  if (last?.type !== AST_NODE_TYPES.ReturnStatement && last?.type !== AST_NODE_TYPES.ThrowStatement) return false;
  return !someOwnReturn(fn.body, (statement) => !statement.argument || !isPromiseOnEveryPath(sourceCode, statement.argument, walk));
}

/** A written type that admits non-promises too (`Promise<T> | undefined`), so a truthiness check is legitimate. */
function mayBeNonPromise(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const written =
    node.type === AST_NODE_TYPES.CallExpression
      ? getWrittenCallReturns(sourceCode, node.callee) ?? localReturnAnnotations(sourceCode, node.callee)
      : [getWrittenType(sourceCode, node)].filter((type): type is TSESTree.TypeNode => type !== null);
  return written.some((type) => type.type === AST_NODE_TYPES.TSUnionType && type.types.some((member) => classifyTypeAnnotation(sourceCode, member) !== 'promise'));
}

function localReturnAnnotations(sourceCode: SourceCode, callee: TSESTree.Node): TSESTree.TypeNode[] {
  return resolveLocalCallables(sourceCode, callee).flatMap((callable) => (callable.returnType ? [callable.returnType.typeAnnotation] : []));
}
