import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';

import {
  contains,
  type FunctionNode,
  getConditionRoot,
  getEnclosingFunction,
  getOutermostWrapper,
  getStaticPropertyName,
  getStaticString,
  isConditionTest,
  isFunctionNode,
  skipExpressionWrappers,
} from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import { SYNC_ITERATION_METHODS } from '../core/syncCallbacks';
import { GLOBAL_MODULE, isModuleExport, type ModuleReference, normalizeModuleSpecifier, resolveModuleReference } from '../modules/moduleBindings';
import { RESOURCE_CATALOG, type ResourceEntry, toResourceEntry, type UserResourceEntry } from './resourceCatalog';
import { isPromiseExpression } from '../promises/promiseInference';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getThisFieldInit } from '../modules/fieldValues';
import { findRisk } from './regionExits';
import { LISTENER_SETUP, type ReleaseSpec } from './releaseSpec';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';

type Variable = TSESLint.Scope.Variable;

// ---------------------------------------------------------------------------------------------------------------
// The catalog, compiled

interface CompiledFactory {
  /** `call`: `module.path(…)`; `new`: `new module.path(…)`; `method`: `owner.method(…)` where owner = `[new] module.path(…)`. */
  readonly kind: 'call' | 'new' | 'method';
  readonly path: readonly string[];
  readonly method: string | null;
}

export interface CompiledResource {
  readonly entry: ResourceEntry;
  readonly factory: CompiledFactory;
  /** Methods of the resource that release it (`close`, `release`). */
  readonly releaseMethods: ReadonlySet<string>;
  /** Functions of the module (or methods of the owner, for `A#m` factories) that release the resource given to them. */
  readonly releaseFunctions: ReadonlySet<string>;
}

export interface ResourceCatalog {
  readonly resources: readonly CompiledResource[];
  /** The names a factory call ends with (`open`, `connect`, `Worker`): a cheap filter before any resolution. */
  readonly calleeNames: ReadonlySet<string>;
  /** Modules whose factory is `new <module>` (any local name can construct it: `import Redis from 'ioredis'`). */
  readonly defaultConstructorModules: ReadonlySet<string>;
}

const RELEASE_FUNCTION = /^([\w$]+)\(resource\)$/;

function compileFactory(text: string): CompiledFactory | null {
  const isNew = text.startsWith('new ');
  const body = isNew ? text.slice(4).trim() : text;
  const hash = body.indexOf('#');
  const ownerText = hash >= 0 ? body.slice(0, hash) : body;
  const path = ownerText === 'default' ? [] : ownerText.split('.').filter((part) => part !== '' && part !== 'default');
  if (hash >= 0) {
    const method = body.slice(hash + 1);
    if (!/^[\w$]+$/.test(method)) return null;
    return { kind: 'method', path, method };
  }
  if (!isNew && path.length === 0) return null;
  return { kind: isNew ? 'new' : 'call', path, method: null };
}

export function compileResource(entry: ResourceEntry): CompiledResource | null {
  const factory = compileFactory(entry.factory);
  if (!factory) return null;
  const releaseMethods = new Set<string>();
  const releaseFunctions = new Set<string>();
  for (const dispose of entry.dispose) {
    const asFunction = RELEASE_FUNCTION.exec(dispose);
    if (asFunction?.[1]) releaseFunctions.add(asFunction[1]);
    else if (/^[\w$]+$/.test(dispose)) releaseMethods.add(dispose);
  }
  return { entry, factory, releaseMethods, releaseFunctions };
}

function compileCatalog(entries: readonly ResourceEntry[]): ResourceCatalog {
  const resources: CompiledResource[] = [];
  const calleeNames = new Set<string>();
  const defaultConstructorModules = new Set<string>();
  for (const entry of entries) {
    const compiled = compileResource(entry);
    if (!compiled) continue;
    resources.push(compiled);
    const { factory } = compiled;
    if (factory.kind === 'method' && factory.method) calleeNames.add(factory.method);
    const last = factory.path[factory.path.length - 1];
    if (factory.kind !== 'method' && last) calleeNames.add(last);
    if (factory.kind === 'new' && factory.path.length === 0) defaultConstructorModules.add(entry.module);
  }
  return { resources, calleeNames, defaultConstructorModules };
}

const DEFAULT_CATALOG = compileCatalog(RESOURCE_CATALOG);
const catalogCache = new WeakMap<readonly UserResourceEntry[], ResourceCatalog>();

/** The user's `resources` entries, then the built-in catalog (cached per options array). */
export function getResourceCatalog(userEntries: readonly UserResourceEntry[] | undefined): ResourceCatalog {
  if (!userEntries || userEntries.length === 0) return DEFAULT_CATALOG;
  let catalog = catalogCache.get(userEntries);
  if (!catalog) {
    catalog = compileCatalog([...userEntries.map(toResourceEntry), ...RESOURCE_CATALOG]); // the user's entries win
    catalogCache.set(userEntries, catalog);
  }
  return catalog;
}

/**
 * True when the acquisition is the call of a user factory that returns a promise not awaited here: the
 * resource is what that promise resolves to, so this call site acquires nothing yet. The rule and the task
 * inspector both ask this, so they agree.
 */
export function isPendingResourcePromise(context: AnyRuleContext, acquisition: Acquisition): boolean {
  return (
    acquisition.resource.entry.mayReturnPromise === true &&
    acquisition.value.type !== AST_NODE_TYPES.AwaitExpression &&
    isPromiseExpression(context, acquisition.call)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Acquisition: where a resource comes into a function

/** How the acquired value is held. */
export type Holder =
  /** `const h = await open(p)` (also `let`, `var`, `using`, `await using`). */
  | { readonly kind: 'declaration'; readonly declarator: TSESTree.VariableDeclarator; readonly id: TSESTree.Identifier }
  /** `h = await open(p);` into a local `let h;`. */
  | { readonly kind: 'assignment'; readonly assignment: TSESTree.AssignmentExpression; readonly id: TSESTree.Identifier }
  /** `await pool.connect();`: the value is dropped on the floor. */
  | { readonly kind: 'discarded' }
  /** `(await open(p)).readFile()`: used once and dropped. */
  | { readonly kind: 'used-once'; readonly method: string }
  /** Anything else (returned, passed on, stored): the function does not own it. */
  | { readonly kind: 'escaped' };

export interface Acquisition {
  /** The factory call (`open(p)`, `pool.connect()`, `new Worker(f)`). */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The expression whose value is the resource (`await open(p)`, `pool.acquire().promise`). */
  readonly value: TSESTree.Node;
  readonly resource: CompiledResource;
  readonly holder: Holder;
  /** The function that owns the resource; null at module level. */
  readonly functionNode: FunctionNode | null;
}

/** The catalog resource `call` acquires, with how the value is held; null when `call` is not an acquisition. */
export function matchAcquisition(
  sourceCode: SourceCode,
  catalog: ResourceCatalog,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  moduleNames: ReadonlySet<string> = EMPTY,
): Acquisition | null {
  if (!mayBeFactoryCall(catalog, call, moduleNames)) return null;
  const resource = findFactory(sourceCode, catalog, call);
  if (!resource) return null;
  if (resource.entry.async && call.arguments.some((argument) => isFunctionNode(skipExpressionWrappers(argument)))) {
    return null; // callback style: the resource goes to the callback, not to the caller
  }
  const value = getResourceValue(resource, call);
  if (!value) return null;
  return { call, value, resource, holder: getHolder(resource, value), functionNode: getEnclosingFunction(value) };
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * A cheap filter before any resolution: the callee's name is a factory name, or (for `new X`) a local name the
 * file bound to a module that is itself a constructor ({@link getConstructorModuleNames}).
 */
function mayBeFactoryCall(catalog: ResourceCatalog, call: TSESTree.CallExpression | TSESTree.NewExpression, moduleNames: ReadonlySet<string>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    return catalog.calleeNames.has(callee.name) || (call.type === AST_NODE_TYPES.NewExpression && moduleNames.has(callee.name));
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(callee);
    return name !== null && catalog.calleeNames.has(name);
  }
  return false;
}

/**
 * The local name an import or `require` binds to a module that the catalog constructs directly
 * (`import Redis from 'ioredis'`, `const IORedis = require('ioredis')`).
 */
export function getConstructorModuleNames(catalog: ResourceCatalog, node: TSESTree.ImportDeclaration | TSESTree.VariableDeclarator): string[] {
  if (catalog.defaultConstructorModules.size === 0) return [];
  if (node.type === AST_NODE_TYPES.ImportDeclaration) {
    if (!catalog.defaultConstructorModules.has(normalizeModuleSpecifier(node.source.value).module)) return [];
    return node.specifiers.filter((specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier || getImportedName(specifier) === 'default').map((specifier) => specifier.local.name);
  }
  if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return [];
  const init = skipExpressionWrappers(node.init);
  if (init.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') return [];
  const specifier = getStaticString(init.arguments[0]);
  return specifier !== null && catalog.defaultConstructorModules.has(normalizeModuleSpecifier(specifier).module) ? [node.id.name] : [];
}

function getImportedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

/** The catalog entry whose factory `call` is (the callee and the method's owner are resolved once). */
function findFactory(
  sourceCode: SourceCode,
  catalog: ResourceCatalog,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): CompiledResource | null {
  const isNew = call.type === AST_NODE_TYPES.NewExpression;
  const callee = skipExpressionWrappers(call.callee);
  const method = !isNew && callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
  let calleeReference: ModuleReference | null | undefined;
  let ownerReference: ModuleReference | null | undefined;
  for (const resource of catalog.resources) {
    const { factory, entry } = resource;
    if (factory.kind === 'method') {
      if (method === null || method !== factory.method || callee.type !== AST_NODE_TYPES.MemberExpression) continue;
      ownerReference ??= resolveCreator(sourceCode, callee.object);
      if (isModuleExport(ownerReference, entry.module, factory.path)) return resource;
      continue;
    }
    if ((factory.kind === 'new') !== isNew) continue;
    calleeReference ??= resolveModuleReference(sourceCode, call.callee);
    if (isModuleExport(calleeReference, entry.module, factory.path)) return resource;
  }
  return null;
}

/**
 * The module export whose call or construction made the value of `node`: `pool` for
 * `const pool = new pg.Pool()` → `pg` + `["Pool"]`. Follows `const` aliases and `this.x` fields assigned once.
 */
export function resolveCreator(sourceCode: SourceCode, node: TSESTree.Node, walk = new BoundedWalk(CREATOR_LIMITS)): ModuleReference | null {
  return walk.enter(node, null, () => {
    const inner = skipExpressionWrappers(node);
    switch (inner.type) {
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.CallExpression:
        return resolveModuleReference(sourceCode, inner.callee);
      case AST_NODE_TYPES.AwaitExpression:
        return resolveCreator(sourceCode, inner.argument, walk);
      case AST_NODE_TYPES.Identifier: {
        const variable = findVariableOf(sourceCode, inner);
        const init = getSingleInit(variable);
        return init ? resolveCreator(sourceCode, init, walk) : null;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const init = getThisFieldInit(sourceCode, inner);
        return init ? resolveCreator(sourceCode, init, walk) : null;
      }
      default:
        return null;
    }
  });
}

/** How far a value is followed to its creator: `const` aliases, `await`, `this.x` fields (`this.a = this.b` cycles end there). */
const CREATOR_LIMITS = { maxDepth: 9 };

/** The initializer of a variable that is written only where it is declared, to a plain identifier. */
function getSingleInit(variable: Variable | null): TSESTree.Expression | null {
  const definition = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || definition?.type !== 'Variable') return null;
  if (definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return null;
  return isNeverReassigned(variable) ? definition.node.init : null;
}

/** `await call`, `call`, or `await call.promise` (tarn) as the expression whose value is the resource. */
function getResourceValue(resource: CompiledResource, call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node | null {
  let value: TSESTree.Node = getOutermostWrapper(call);
  const property = resource.entry.resultProperty;
  if (property) {
    const parent = value.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== value || getStaticPropertyName(parent) !== property) return null;
    value = getOutermostWrapper(parent);
  }
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return getOutermostWrapper(parent);
  return resource.entry.async ? null : value;
}

function getHolder(resource: CompiledResource, value: TSESTree.Node): Holder {
  const parent = value.parent;
  if (!parent) return { kind: 'escaped' };
  switch (parent.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier
        ? { kind: 'declaration', declarator: parent, id: parent.id }
        : { kind: 'escaped' };
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.operator === '=' &&
        parent.right === value &&
        parent.left.type === AST_NODE_TYPES.Identifier &&
        parent.parent.type === AST_NODE_TYPES.ExpressionStatement
        ? { kind: 'assignment', assignment: parent, id: parent.left }
        : { kind: 'escaped' };
    case AST_NODE_TYPES.ExpressionStatement:
      return { kind: 'discarded' };
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== value) return { kind: 'escaped' };
      const method = getStaticPropertyName(parent);
      const member = getOutermostWrapper(parent);
      const isCall = member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
      if (method === null || !isCall) return { kind: 'escaped' };
      if (
        resource.releaseMethods.has(method) ||
        resource.entry.transfer?.includes(method) ||
        resource.entry.setup?.includes(method) ||
        LISTENER_SETUP.includes(method)
      ) {
        return { kind: 'escaped' }; // released, handed over, or a fluent call that returns the resource itself
      }
      return { kind: 'used-once', method };
    }
    default:
      return { kind: 'escaped' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Ownership and release

export function releaseSpecFor(acquisition: Acquisition): ReleaseSpec {
  const { entry, releaseMethods, releaseFunctions, factory } = acquisition.resource;
  const callee = skipExpressionWrappers(acquisition.call.callee);
  const owner = factory.kind === 'method' && callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : null;
  return {
    releaseMethods,
    releaseFunctions,
    module: entry.module,
    owner,
    transfer: entry.transfer ?? [],
    setup: entry.setup ?? [],
    releasedByIteration: entry.releasedByIteration === true,
    handleArgument: entry.handleArgument === true,
    syncCallsCanThrow: entry.checkUnreleased,
  };
}

export type ReleaseVerdict =
  /** Released on every path, or ownership leaves the function, or the analysis cannot tell: nothing to report. */
  | { readonly kind: 'ok' }
  | { readonly kind: 'never-released' }
  /** Released, but `risk` (an `await`, a call, a `return`…) between acquisition and release can skip it. */
  | { readonly kind: 'released-on-success'; readonly risk: TSESTree.Node; readonly release: TSESTree.Node };

export interface ReleaseAnalysis {
  readonly verdict: ReleaseVerdict;
  /** Release calls written directly in the owning function (not in nested functions), in source order. */
  readonly releases: readonly TSESTree.Node[];
}

type UseKind = 'use' | 'release' | 'escape';

/**
 * Decides whether the value held by `id` (acquired at `value`, in `fn`) is released on every path.
 * Conservative: any alias, any hand-over, a release inside a nested function or an unknown position → `ok`.
 */
export function analyzeRelease(
  sourceCode: SourceCode,
  fn: FunctionNode,
  value: TSESTree.Node,
  id: TSESTree.Identifier,
  spec: ReleaseSpec,
): ReleaseAnalysis {
  const ok: ReleaseAnalysis = { verdict: { kind: 'ok' }, releases: [] };
  const variable = findVariableOf(sourceCode, id);
  if (!variable || variable.defs.length !== 1) return ok;
  const definition = variable.defs[0];
  if (definition?.type !== 'Variable' || getEnclosingFunction(definition.node) !== fn) return ok;
  const acquiringWrite = value.parent;
  const releases: TSESTree.Node[] = [];
  let listens = false;
  for (const reference of variable.references) {
    const identifier = reference.identifier;
    if (identifier.type !== AST_NODE_TYPES.Identifier) return ok;
    if (reference.isWrite()) {
      const write = identifier.parent;
      if (write === acquiringWrite) continue;
      if (isNullishWrite(write)) continue;
      return ok; // assigned something else: another value shares the name
    }
    const inner = getEnclosingFunction(identifier);
    if (inner !== fn && !runsBeforeReturning(inner, fn)) return ok; // captured by a callback that may outlive the call
    const kind = classifyUse(sourceCode, identifier, spec);
    if (kind === 'escape') return ok;
    listens ||= isListenerRegistration(identifier);
    if (kind === 'release') {
      if (inner !== fn) return ok; // released in a callback: when is unknown
      releases.push(releaseNodeOf(identifier));
    }
  }
  releases.sort((a, b) => a.range[0] - b.range[0]);
  // A resource that registers event listeners and is never released lives on through its events (a subscriber).
  if (releases.length === 0) return listens ? ok : { verdict: { kind: 'never-released' }, releases };

  const site = value.range[1];
  for (const release of releases) {
    const tryStatement = getEnclosingFinallyTry(release, fn);
    if (!tryStatement) continue;
    if (contains(tryStatement.block, value)) return { verdict: { kind: 'ok' }, releases };
    if (tryStatement.range[0] >= site && !findRisk(sourceCode, fn, site, tryStatement.range[0], spec, id, releases)) {
      return { verdict: { kind: 'ok' }, releases };
    }
  }
  const last = releases[releases.length - 1];
  if (!last) return ok;
  const risk = findRisk(sourceCode, fn, site, last.range[0], spec, id, releases);
  return risk ? { verdict: { kind: 'released-on-success', risk, release: last }, releases } : { verdict: { kind: 'ok' }, releases };
}

/** `x.on('message', (m) => …)`, `x.subscribe(…)`: the resource keeps working through its events after this function returns. */
function isListenerRegistration(identifier: TSESTree.Identifier): boolean {
  const member = getOutermostWrapper(identifier).parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = getStaticPropertyName(member);
  if (name === 'subscribe' || name === 'psubscribe') return true;
  if (name === null || !['on', 'once', 'addListener', 'prependListener'].includes(name)) return false;
  const call = getOutermostWrapper(member).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => isFunctionNode(skipExpressionWrappers(argument)));
}


/**
 * True when every function between `inner` and `outer` runs and finishes while `outer` runs: an immediately
 * invoked function or an array iteration callback. Any other callback may keep the value alive after `outer` returns.
 */
function runsBeforeReturning(inner: FunctionNode | null, outer: FunctionNode): boolean {
  for (let current = inner; current && current !== outer; current = getEnclosingFunction(current)) {
    if (current.async || current.generator) return false;
    const position = getOutermostWrapper(current);
    const parent = position.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
    if (parent.callee === position) continue;
    const callee = skipExpressionWrappers(parent.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    if (name === null || !SYNC_ITERATION_METHODS.has(name) || parent.arguments[0] !== position) return false;
  }
  return inner !== null;
}

/** `x = null` / `x = undefined` (clearing the variable after release). */
function isNullishWrite(write: TSESTree.Node | undefined): boolean {
  if (write?.type === AST_NODE_TYPES.AssignmentExpression) return isNullish(write.right);
  if (write?.type === AST_NODE_TYPES.VariableDeclarator) return write.init === null || isNullish(write.init);
  return false;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** The statement-level node that represents a release (the call, or the `for await` loop for iteration). */
function releaseNodeOf(identifier: TSESTree.Identifier): TSESTree.Node {
  const outer = getOutermostWrapper(identifier);
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.ForOfStatement) return parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return getOutermostWrapper(parent).parent ?? parent;
  return parent ?? identifier;
}

const WELL_KNOWN_DISPOSERS: ReadonlySet<string> = new Set(['asyncDispose', 'dispose']);

/** `h[Symbol.asyncDispose]` / `h[Symbol.dispose]`. */
function isWellKnownDisposer(member: TSESTree.MemberExpression): boolean {
  if (!member.computed) return false;
  const key = skipExpressionWrappers(member.property);
  return (
    key.type === AST_NODE_TYPES.MemberExpression &&
    !key.computed &&
    key.object.type === AST_NODE_TYPES.Identifier &&
    key.object.name === 'Symbol' &&
    key.property.type === AST_NODE_TYPES.Identifier &&
    WELL_KNOWN_DISPOSERS.has(key.property.name)
  );
}

function classifyUse(sourceCode: SourceCode, identifier: TSESTree.Identifier, spec: ReleaseSpec): UseKind {
  const node = getOutermostWrapper(identifier);
  const parent = node.parent;
  if (!parent) return 'escape';
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== node) return 'escape'; // used as a computed key: odd
      const member = getOutermostWrapper(parent);
      const isCall = member.parent?.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
      if (isWellKnownDisposer(parent)) return isCall ? 'release' : 'escape';
      const name = getStaticPropertyName(parent);
      if (!isCall) return 'use'; // a property read or write (`h.fd`, `h.timeout = 5`)
      if (name === null) return 'escape';
      if (spec.releaseMethods.has(name)) return 'release';
      if (spec.transfer.includes(name)) return 'escape';
      // `return await client.connect()`: a connecting or starting method often resolves to the resource itself,
      // which the caller now holds
      return RESOURCE_RETURNING_METHODS.has(name) && isReturnedValue(member.parent) ? 'escape' : 'use';
    }
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression: {
      if (parent.callee === node) return 'use';
      if (parent.type === AST_NODE_TYPES.CallExpression && isReleaseFunctionCall(sourceCode, parent, node, spec)) return 'release';
      const callee = resolveModuleReference(sourceCode, parent.callee);
      if (spec.handleArgument && spec.module && callee?.module === spec.module) return 'use';
      if (callee && isObservingFunction(callee)) return 'use';
      // lent to a call; given to a constructor, it is wrapped by what it builds (`new StreamableFile(stream)`)
      return spec.argumentsBorrow === true && parent.type === AST_NODE_TYPES.CallExpression ? 'use' : 'escape';
    }
    case AST_NODE_TYPES.ForOfStatement:
      if (parent.right !== node) return 'escape';
      return parent.await && spec.releasedByIteration ? 'release' : 'use';
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return 'use';
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node ? 'use' : 'escape';
    case AST_NODE_TYPES.ForStatement:
      return parent.test === node ? 'use' : 'escape';
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'delete' ? 'escape' : 'use';
    case AST_NODE_TYPES.BinaryExpression:
      return 'use'; // comparisons (`h === null`, `'x' in h`)
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === node && isTestPosition(parent) ? 'use' : 'escape';
    case AST_NODE_TYPES.ExpressionStatement:
      return 'use';
    default:
      return 'escape';
  }
}

/** Methods that commonly resolve to the object they are called on (`await client.connect()` gives the client). */
const RESOURCE_RETURNING_METHODS: ReadonlySet<string> = new Set(['connect', 'open', 'init', 'initialize', 'start', 'listen', 'ready', 'setup', 'launch']);

/** `return x`, `return await x`, or the expression body of an arrow: the value leaves the function. */
function isReturnedValue(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  let current = getOutermostWrapper(node);
  if (current.parent?.type === AST_NODE_TYPES.AwaitExpression) current = getOutermostWrapper(current.parent);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.ReturnStatement) return parent.argument === current;
  return parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current;
}

/** Functions that look at a value without taking it over: `events.once(emitter, "x")`, `console.log(h)`. */
function isObservingFunction(reference: ModuleReference): boolean {
  const [first, second] = reference.path;
  if (reference.module === 'events') return reference.path.length === 1 && (first === 'once' || first === 'on');
  if (reference.module === 'util') return first === 'inspect' || first === 'format';
  return reference.module === GLOBAL_MODULE && first === 'console' && second !== undefined && reference.path.length === 2;
}

/** `h && h.close()`, `if (h && ready)`: the logical expression's value is tested or thrown away, not kept. */
function isTestPosition(logical: TSESTree.LogicalExpression): boolean {
  const root = getConditionRoot(logical);
  return root.parent?.type === AST_NODE_TYPES.ExpressionStatement || isConditionTest(root);
}

/** `fs.closeSync(fd)` (a release function of the module) or `pool.release(client)` (a release method of the owner). */
function isReleaseFunctionCall(sourceCode: SourceCode, call: TSESTree.CallExpression, argument: TSESTree.Node, spec: ReleaseSpec): boolean {
  if (call.arguments[0] !== argument || spec.releaseFunctions.size === 0) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (spec.owner) {
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = getStaticPropertyName(callee);
    return name !== null && spec.releaseFunctions.has(name) && sameReference(sourceCode, callee.object, spec.owner);
  }
  const reference = resolveModuleReference(sourceCode, callee);
  const [name] = reference?.path ?? [];
  return reference?.module === spec.module && reference.path.length === 1 && name !== undefined && spec.releaseFunctions.has(name);
}

/** The same variable or the same `this.x` chain (compared link by link in a loop: chains can be long). */
function sameReference(sourceCode: SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  let left = skipExpressionWrappers(a);
  let right = skipExpressionWrappers(b);
  while (left.type === AST_NODE_TYPES.MemberExpression && right.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(left);
    if (name === null || name !== getStaticPropertyName(right)) return false;
    left = skipExpressionWrappers(left.object);
    right = skipExpressionWrappers(right.object);
  }
  if (left.type === AST_NODE_TYPES.Identifier && right.type === AST_NODE_TYPES.Identifier) {
    return left.name === right.name && findVariableOf(sourceCode, left) === findVariableOf(sourceCode, right);
  }
  return left.type === AST_NODE_TYPES.ThisExpression && right.type === AST_NODE_TYPES.ThisExpression;
}

/** The `try` whose `finally` holds `node`, within `fn` (the innermost one). */
export function getEnclosingFinallyTry(node: TSESTree.Node, fn: FunctionNode): TSESTree.TryStatement | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return current;
    child = current;
  }
  return null;
}
