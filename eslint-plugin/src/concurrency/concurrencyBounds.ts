import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getCalleeMember, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, walk as walkSubtree } from '../core/ast';
import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { getExpressionWords, splitIdentifierWords } from '../core/nameWords';
import { resolveLocalClass } from '../modules/localFunctions';
import { getThisClass } from '../core/thisBinding';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { getNodeType, getTypedServices, unionParts } from '../core/typeInfo';
import type { AnyRuleContext } from '../core/ruleContext';

/**
 * Why the number of tasks started at once is bounded:
 * - `array-literal`: a fixed list written in the code (`[f(), g()]`, `[a, b].map(…)`, `Array.of(…)`);
 * - `tuple`: a tuple type (`[A, B]`, `as const`), written or (with types) inferred;
 * - `slice`: a batch cut from a larger list (`items.slice(i, i + n)`, `queue.splice(0, n)`);
 * - `batch`: a value named as one batch (`batch`, `chunk`, `page`, `window`), or the element of a loop over
 *   a chunking call (`for (const chunk of chunks(items, 10))`);
 * - `batch-loop`: the tasks are pushed in a loop that steps by a batch size (`i += size`);
 * - `fixed-count`: a count, not a collection (`Array.from({ length: n })`, `new Array(n)`,
 *   `for (let i = 0; i < 10; i++)`): the worker-pool idiom;
 * - `small-collection`: the keys/values/entries of an object literal;
 * - `limiter`: each task goes through a limiter (p-limit, p-queue, Bottleneck, a semaphore or mutex), or through one
 *   connection, session, transaction or query runner, which runs them one at a time (`this.query(…)` in a
 *   `QueryRunner`, `tx.insert(…)`, `connection.execute(…)`);
 * - `concurrency-option`: p-map/p-filter/p-all given a `concurrency` option (or options we cannot read);
 * - `awaits-in-loop`: the loop that starts the tasks also awaits on every iteration;
 * - `length-guard`: earlier in the function, a check rejects a collection over some size
 *   (`if (urls.length > MAX) throw …`, `if (ids.length >= limit) return …`).
 */
export type BoundReason =
  | 'array-literal'
  | 'tuple'
  | 'slice'
  | 'batch'
  | 'batch-loop'
  | 'fixed-count'
  | 'small-collection'
  | 'limiter'
  | 'concurrency-option'
  | 'awaits-in-loop'
  | 'length-guard'
  | 'query-limit';

/** How far a collection is followed through aliases, spreads and array methods (`const a = b; const b = a;` ends at the cycle). */
const BOUND_LIMITS = { maxDepth: 9 };

/** Array methods whose result has at most as many elements as their receiver. */
const SIZE_PRESERVING_METHODS: ReadonlySet<string> = new Set([
  'filter', 'map', 'reverse', 'toReversed', 'sort', 'toSorted', 'with', 'fill', 'keys', 'values', 'entries', 'copyWithin',
]);

/** The last word of a name that says "one batch of a larger list". Plurals (`batches`) are lists of batches. */
const BATCH_WORDS: ReadonlySet<string> = new Set(['batch', 'chunk', 'page', 'window', 'slice', 'part', 'partition']);

/** Words of a call that cuts a list into batches: `chunk(items, 10)`, `_.chunk`, `splitEvery`, `paginate`. */
const CHUNKING_WORDS: ReadonlySet<string> = new Set(['chunk', 'chunks', 'chunked', 'batch', 'batches', 'batched', 'paginate', 'partition', 'split', 'pages']);

/**
 * Why the collection `node` holds a bounded number of elements, or null when nothing in the code bounds it.
 * Follows never-reassigned, never-mutated `const`/`let` bindings to their initial value.
 */
export function getCollectionBound(context: AnyRuleContext, node: TSESTree.Node): BoundReason | null {
  return collectionBound(context, node, new BoundedWalk(BOUND_LIMITS)) ?? typedCollectionBound(context, node) ?? lengthGuardBound(context, node);
}

/**
 * `if (xs.length > MAX) throw …` (or `return`) in a statement of an enclosing block before the use of `xs`:
 * whatever the bound, the code chose one.
 */
function lengthGuardBound(context: AnyRuleContext, raw: TSESTree.Node): BoundReason | null {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const text = context.sourceCode.getText(node);
  for (let child: TSESTree.Node = node, parent: TSESTree.Node | undefined = node.parent; parent && !isFunctionNode(child); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) continue;
    for (const statement of parent.body) {
      if (statement === child) break;
      if (statement.type === AST_NODE_TYPES.IfStatement && exitsEarly(statement.consequent) && testsLengthAbove(context, statement.test, text)) return 'length-guard';
    }
  }
  return null;
}

/** `x.length > n`, `x.length >= n`, `n < x.length`, `n <= x.length` (also inside `||`). */
function testsLengthAbove(context: AnyRuleContext, raw: TSESTree.Node, text: string, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  return walk.enter(raw, false, () => testsLengthAboveStep(context, raw, text, walk));
}

function testsLengthAboveStep(context: AnyRuleContext, raw: TSESTree.Node, text: string, walk: BoundedWalk): boolean {
  const test = skipExpressionWrappers(raw);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') {
    return testsLengthAbove(context, test.left, text, walk) || testsLengthAbove(context, test.right, text, walk);
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return false;
  const isLength = (side: TSESTree.Node): boolean => {
    const inner = skipExpressionWrappers(side);
    return inner.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(inner) === 'length' && context.sourceCode.getText(inner.object) === text;
  };
  if (test.operator === '>' || test.operator === '>=') return isLength(test.left);
  if (test.operator === '<' || test.operator === '<=') return isLength(test.right);
  return false;
}

function exitsEarly(statement: TSESTree.Statement): boolean {
  for (let current: TSESTree.Statement | undefined = statement; current !== undefined; ) {
    if (current.type === AST_NODE_TYPES.ThrowStatement || current.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (current.type !== AST_NODE_TYPES.BlockStatement) return false;
    current = current.body[current.body.length - 1];
  }
  return false;
}

function collectionBound(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): BoundReason | null {
  return walk.enter(raw, null, () => collectionBoundOf(context, raw, walk));
}

function collectionBoundOf(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): BoundReason | null {
  if (raw.type === AST_NODE_TYPES.TSAsExpression && isConstAssertion(raw)) return 'tuple';
  const node = skipExpressionWrappers(raw);
  const sourceCode = context.sourceCode;
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      // `Array.from({ length: n }, …)`: a count of workers, not a collection
      return hasProperty(node, 'length') ? 'fixed-count' : null;
    case AST_NODE_TYPES.ArrayExpression: {
      for (const element of node.elements) {
        if (element?.type === AST_NODE_TYPES.SpreadElement && collectionBound(context, element.argument, walk) === null) return null;
      }
      return 'array-literal';
    }
    case AST_NODE_TYPES.NewExpression:
      if (isGlobalName(sourceCode, node.callee, 'Array')) return 'fixed-count';
      if (isGlobalName(sourceCode, node.callee, 'Set') || isGlobalName(sourceCode, node.callee, 'Map')) {
        const [first] = node.arguments;
        return first && first.type !== AST_NODE_TYPES.SpreadElement ? collectionBound(context, first, walk) : null;
      }
      return null;
    case AST_NODE_TYPES.AwaitExpression:
      return hasQueryLimit(node.argument) ? 'query-limit' : null;
    case AST_NODE_TYPES.CallExpression:
      return hasQueryLimit(node) ? 'query-limit' : callResultBound(context, node, walk);
    case AST_NODE_TYPES.Identifier:
      return identifierBound(context, node, walk);
    case AST_NODE_TYPES.MemberExpression:
      return isBatchName(getStaticPropertyName(node)) ? 'batch' : null;
    default:
      return null;
  }
}

/** How many calls of a query's chain are read for its limit. */
const MAX_QUERY_CHAIN = 12;

/**
 * `collection.find(query).limit(n).toArray()`, `repo.find().take(n)`: a query chain that asks the database for at most
 * `n` rows, so the rows a fan-out runs over are as many as the code chose (jsreport-reports 3.1.1 bounded its cleanup
 * this way, querying a batch at a time).
 */
function hasQueryLimit(raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw);
  for (let steps = 0; steps < MAX_QUERY_CHAIN && node.type === AST_NODE_TYPES.CallExpression; steps++) {
    const member = getCalleeMember(node);
    if (!member) return false;
    const method = getStaticPropertyName(member);
    if ((method === 'limit' || method === 'take') && node.arguments.length === 1) return true;
    node = skipExpressionWrappers(member.object);
  }
  return false;
}

function callResultBound(context: AnyRuleContext, call: TSESTree.CallExpression, walk: BoundedWalk): BoundReason | null {
  const sourceCode = context.sourceCode;
  const args = call.arguments;
  if (isGlobalName(sourceCode, call.callee, 'Array')) return 'fixed-count';
  const member = getCalleeMember(call);
  if (!member) return null;
  const method = getStaticPropertyName(member);
  if (method === null) return null;
  const receiver = member.object;

  if (isGlobalName(sourceCode, receiver, 'Array')) {
    if (method === 'of') return 'array-literal';
    if (method === 'from') {
      const [source] = args;
      if (!source || source.type === AST_NODE_TYPES.SpreadElement) return null;
      const inner = skipExpressionWrappers(source);
      if (inner.type === AST_NODE_TYPES.ObjectExpression && hasProperty(inner, 'length')) return 'fixed-count';
      return collectionBound(context, source, walk);
    }
    return null;
  }
  if (isGlobalName(sourceCode, receiver, 'Object')) {
    if (method !== 'keys' && method !== 'values' && method !== 'entries') return null;
    const [source] = args;
    if (!source || source.type === AST_NODE_TYPES.SpreadElement) return null;
    return isObjectLiteralValue(context, source) ? 'small-collection' : collectionBound(context, source, walk);
  }
  if (method === 'slice') {
    return args.length >= 2 ? 'slice' : collectionBound(context, receiver, walk);
  }
  if (method === 'splice') return args.length >= 2 ? 'slice' : null;
  if (method === 'concat') {
    if (collectionBound(context, receiver, walk) === null) return null;
    return args.every((arg) => arg.type !== AST_NODE_TYPES.SpreadElement && collectionBound(context, arg, walk) !== null)
      ? 'array-literal'
      : null;
  }
  if (SIZE_PRESERVING_METHODS.has(method)) return collectionBound(context, receiver, walk);
  return null;
}

function identifierBound(context: AnyRuleContext, identifier: TSESTree.Identifier, walk: BoundedWalk): BoundReason | null {
  if (isBatchName(identifier.name)) return 'batch';
  const variable = findVariableOf(context.sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return null;
  const name = definition.name;
  if (name.type === AST_NODE_TYPES.Identifier && name.typeAnnotation && isTupleAnnotation(name.typeAnnotation.typeAnnotation)) {
    return 'tuple';
  }
  if (definition.type !== 'Variable') return null;
  const declarator = definition.node;
  const loop = declarator.parent.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) {
    // for (const chunk of chunks(items, 10)): each element is a batch
    return isChunkingCall(loop.right) ? 'batch' : null;
  }
  if (!isNeverReassigned(variable) || declarator.id !== name || !declarator.init) return null;
  if (isMutatedCollection(variable)) return null;
  return collectionBound(context, declarator.init, walk);
}

function isBatchName(name: string | null): boolean {
  if (name === null) return false;
  const words = splitIdentifierWords(name);
  const last = words[words.length - 1];
  return last !== undefined && BATCH_WORDS.has(last);
}

function isChunkingCall(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  return getExpressionWords(node.callee).some((word) => CHUNKING_WORDS.has(word));
}

function isConstAssertion(node: TSESTree.TSAsExpression): boolean {
  const annotation = node.typeAnnotation;
  return (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'const' &&
    skipExpressionWrappers(node.expression).type === AST_NODE_TYPES.ArrayExpression
  );
}

function isTupleAnnotation(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSTupleType) return true;
  return type.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly' && type.typeAnnotation?.type === AST_NODE_TYPES.TSTupleType;
}

function hasProperty(object: TSESTree.ObjectExpression, name: string): boolean {
  return object.properties.some((property) => property.type === AST_NODE_TYPES.Property && getStaticPropertyName(property) === name);
}

/** An object literal without spreads, written inline or bound to a never-reassigned variable. */
function isObjectLiteralValue(context: AnyRuleContext, raw: TSESTree.Node, walk = new BoundedWalk(BOUND_LIMITS)): boolean {
  return walk.enter(raw, false, () => {
    const node = skipExpressionWrappers(raw);
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      return node.properties.every((property) => property.type === AST_NODE_TYPES.Property);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariableOf(context.sourceCode, node);
    const definition = variable?.defs[0];
    if (!variable || definition?.type !== 'Variable' || !isNeverReassigned(variable) || !definition.node.init) return false;
    if (definition.node.id.type !== AST_NODE_TYPES.Identifier || hasPropertyWrites(variable)) return false;
    return isObjectLiteralValue(context, definition.node.init, walk);
  });
}

/** `obj[key] = …` or `obj.x = …` somewhere: the object may grow. */
function hasPropertyWrites(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    return (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === reference.identifier &&
      parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
      parent.parent.left === parent
    );
  });
}

const GROWING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'concat', 'fill', 'copyWithin']);

/** The array bound to `variable` may change size after its initialisation (`push`, `length = …`, `a[i] = …`). */
export function isMutatedCollection(variable: TSESLint.Scope.Variable): boolean {
  if (hasPropertyWrites(variable)) return true;
  return variable.references.some((reference) => {
    const parent = reference.identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== reference.identifier) return false;
    const method = getStaticPropertyName(parent);
    return method !== null && GROWING_METHODS.has(method) && parent.parent?.type === AST_NODE_TYPES.CallExpression;
  });
}

/** With types: a tuple (or a union of tuples) is bounded. */
function typedCollectionBound(context: AnyRuleContext, node: TSESTree.Node): BoundReason | null {
  const services = getTypedServices(context);
  if (!services) return null;
  const type = getNodeType(services, node);
  if (!type) return null;
  const checker = services.program.getTypeChecker();
  const parts = unionParts(type);
  return parts.length > 0 && parts.every((part) => checker.isTupleType(part)) ? 'tuple' : null;
}

// ---------------------------------------------------------------------------------------------
// Limiters

/** Packages whose instances or wrapped functions limit how many tasks run at once. */
const LIMITER_MODULES: ReadonlySet<string> = new Set([
  'p-limit', 'p-queue', 'p-throttle', 'bottleneck', 'async-sema', 'async-mutex', 'limiter', 'p-semaphore', 'semaphore-async-await',
  '@supercharge/promise-pool', 'promise-pool', 'p-ratelimit', 'p-mutex', 'plimit-lit',
]);

/** Words of a name that say "this limits concurrency". */
const LIMITER_WORDS: ReadonlySet<string> = new Set([
  'limit', 'limiter', 'limited', 'throttle', 'throttled', 'throttler', 'semaphore', 'sema', 'sem', 'mutex', 'queue',
  'pool', 'bottleneck', 'scheduler', 'lock', 'permit', 'permits', 'concurrency', 'serial', 'sequential', 'exclusive',
]);

/** Methods of semaphores and mutexes: a task that calls one of them waits for a free slot. */
const SLOT_METHODS: ReadonlySet<string> = new Set([
  'acquire', 'acquireLock', 'runExclusive', 'withLock', 'withPermit', 'waitForUnlock', 'schedule', 'removeTokens',
]);

/**
 * True when `call` hands its work to a limiter: `limit(() => …)` for `const limit = pLimit(4)`,
 * `queue.add(…)`, `limiter.schedule(…)`, `sem.acquire()`, `mutex.runExclusive(…)`, `pool.query(…)`,
 * or any function or receiver whose name says so (`runWithLimit`, `this.queue.push`).
 */
export function isLimiterCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const sourceCode = context.sourceCode;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (hasLimiterWord(callee.name)) return true;
    const variable = findVariableOf(sourceCode, callee);
    const definition = variable?.defs[0];
    if (definition?.type === 'Variable' && definition.node.init) return isLimiterFactory(context, definition.node.init);
    return false;
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method !== null && SLOT_METHODS.has(method)) return true;
  // `queue.add(() => …)`, `pool.query(…)`: not `queue.shift()` on an array that happens to be called a queue
  const handsOverWork =
    (method !== null && HAND_OVER_METHODS.has(method)) || call.arguments.some((argument) => isFunctionNode(skipExpressionWrappers(argument)));
  return handsOverWork && isLimiterObject(context, callee.object);
}

/** Methods by which limiters, queues and pools take work. */
const HAND_OVER_METHODS: ReadonlySet<string> = new Set([
  'add', 'addAll', 'schedule', 'enqueue', 'submit', 'run', 'query', 'execute', 'exec', 'wrap', 'use', 'call', 'process',
]);

/** `pLimit(4)`, `new PQueue({ concurrency: 2 })`, `createLimiter(…)`: creates a limiter. */
function isLimiterFactory(context: AnyRuleContext, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return false;
  const reference = resolveModuleReference(context.sourceCode, node.callee);
  if (reference && LIMITER_MODULES.has(reference.module)) return true;
  return getExpressionWords(node.callee).some((word) => LIMITER_WORDS.has(word));
}

function isLimiterObject(context: AnyRuleContext, raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ThisExpression) {
    // inside the limiter's own class: `this.add(…)` in a PQueue or a Semaphore
    const classNode = getThisClass(node);
    if (!classNode) return false;
    const name = classNode.id?.name ?? null;
    return (name !== null && hasLimiterWord(name)) || isLocalSemaphoreClass(classNode);
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getStaticPropertyName(node);
    return name !== null && hasLimiterWord(name);
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  if (hasLimiterWord(node.name)) return true;
  const variable = findVariableOf(context.sourceCode, node);
  const definition = variable?.defs[0];
  if (definition?.type !== 'Variable' || !definition.node.init) return false;
  const init = skipExpressionWrappers(definition.node.init);
  if (isLimiterFactory(context, init)) return true;
  if (init.type === AST_NODE_TYPES.NewExpression) {
    const classNode = resolveLocalClass(context.sourceCode, init.callee);
    return classNode !== null && isLocalSemaphoreClass(classNode);
  }
  return false;
}

/** A class of this file with `acquire` and `release` methods, or `runExclusive`: a hand-written semaphore. */
function isLocalSemaphoreClass(classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression): boolean {
  const names = new Set<string>();
  for (const member of classNode.body.body) {
    if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) && !member.static) {
      const name = getStaticPropertyName(member);
      if (name !== null) names.add(name);
    }
  }
  return (names.has('acquire') && names.has('release')) || names.has('runExclusive');
}

function hasLimiterWord(name: string): boolean {
  return splitIdentifierWords(name).some((word) => LIMITER_WORDS.has(word));
}

/** True when some call inside `node` (nested functions included) goes through a limiter. */
export function containsLimiterCall(context: AnyRuleContext, node: TSESTree.Node): boolean {
  let found = false;
  walkSubtree(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.CallExpression && isLimiterCall(context, child)) {
      found = true;
      return false;
    }
    return true;
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// One connection

/** Words of a name for one connection, session or transaction (not `client` or `db`, which are often pools or HTTP clients). */
const CONNECTION_WORDS: ReadonlySet<string> = new Set([
  'connection', 'conn', 'session', 'transaction', 'tx', 'trx', 'runner', 'socket', 'channel',
]);

/** True when some call inside `node` is a method of one connection (`tx.query(…)`, `this.query(…)` in a `QueryRunner`). */
export function containsConnectionCall(node: TSESTree.Node): boolean {
  let found = false;
  walkSubtree(node, (child) => {
    if (found) return false;
    if (child.type === AST_NODE_TYPES.CallExpression) {
      const member = getCalleeMember(child);
      if (member && isConnectionObject(member.object)) found = true;
    }
    return !found;
  });
  return found;
}

function isConnectionObject(raw: TSESTree.Node): boolean {
  const node = skipExpressionWrappers(raw);
  let name: string | null = null;
  if (node.type === AST_NODE_TYPES.Identifier) name = node.name;
  else if (node.type === AST_NODE_TYPES.MemberExpression) name = getStaticPropertyName(node);
  else if (node.type === AST_NODE_TYPES.ThisExpression) name = getThisClass(node)?.id?.name ?? null;
  return name !== null && splitIdentifierWords(name).some((word) => CONNECTION_WORDS.has(word));
}
