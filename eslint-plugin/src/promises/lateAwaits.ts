import type { TSESTree } from '@typescript-eslint/utils';

import { type AwaitNode, getAwaitedValue, isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { BoundedWalk } from '../core/boundedWalk';
import { contains, type FunctionNode, getEnclosingFunction, isFunctionNode, skipExpressionWrappers, walk as walkTree } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';
import { GLOBAL_MODULE, resolveModuleReference } from '../modules/moduleBindings';
import { isPackageClientPromiseCall } from './packageClients';
import { getPromiseCombinator, isPromiseReturningExport } from './promiseApis';
import { callCannotReject, throwsUncaught } from './rejection';

/** A promise kept in a local and awaited only after the function has waited for something else. */
export interface LateAwait {
  readonly name: TSESTree.Identifier;
  /** What the function waits for first: an `await`, a `for await` loop or a `yield` of an async generator. */
  readonly waitedFirst: TSESTree.Node;
  /** The read of the variable that finally waits for it (`await p`, `await Promise.all([p, q])`, `return p`). */
  readonly firstUse: TSESTree.Identifier;
}

/**
 * `const user = getUser(id); const orders = await getOrders(id); … await user;` in an async function: the promise
 * starts, then the function waits for other work before anything waits for it or handles it. If it rejects meanwhile,
 * Node finds a rejection nobody handles and ends the process (`unhandledRejection`), and if the other work fails
 * first, the function leaves and nothing ever handles it. @langchain/core 1.3.5's `streamEvents` kept the promise of
 * the run it consumed while it relayed the run's events, and awaited it only in the `finally` (1.4.0 handles it at
 * once). The variable is a `const` of the function (or a `let` never written again), every read is in the function
 * itself, after the wait, and the first read waits for it: it is awaited (alone or inside what is awaited) or
 * returned. The first wait must be for work (a call, a promise, a loop over an async iterator, a `yield` to the
 * consumer), not for a value that is already there (`await null`). Whether the value is a promise is for the caller
 * to decide; the code must show that it can reject (`visiblyMayReject`).
 */
export function findLateAwait(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator): LateAwait | null {
  const name = declarator.id;
  const declaration = declarator.parent;
  if (name.type !== AST_NODE_TYPES.Identifier || !declarator.init || declaration.type !== AST_NODE_TYPES.VariableDeclaration) return null;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return null;
  const fn = getEnclosingFunction(declarator);
  if (!fn || !(isAsyncBody(fn) || (fn.async && fn.generator))) return null;
  const variable = context.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === name.name);
  if (!variable || variable.references.some((reference) => reference.isWrite() && reference.identifier !== name)) return null;
  const reads = variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Identifier);
  if (reads.length === 0 || reads.some((read) => getEnclosingFunction(read) !== fn || read.range[0] < declarator.range[1])) return null;
  const firstUse = reads.reduce((first, read) => (read.range[0] < first.range[0] ? read : first));
  if (!waitsFor(context, firstUse, fn)) return null;
  const waitedFirst = findWaitBetween(fn, declarator.range[1], firstUse);
  // last: the search for a rejection follows the file's functions
  return waitedFirst && visiblyMayReject(context, declarator.init) ? { name, waitedFirst, firstUse } : null;
}

/** The read waits for the value: inside an `await`'s operand (`await p`, `await Promise.all([p, q])`), or returned. */
function waitsFor(context: AnyRuleContext, read: TSESTree.Identifier, fn: FunctionNode): boolean {
  let current: TSESTree.Node = read;
  for (let parent: TSESTree.Node | undefined = read.parent; parent && parent !== fn; current = parent, parent = parent.parent) {
    if (isAwaitNode(parent)) return true;
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return skipExpressionWrappers(current) === read;
    // a call that hands the value on (`track(p)`, `p.then(…)`) decides what happens to it, unless it is a promise combinator
    if (parent.type === AST_NODE_TYPES.CallExpression && getPromiseCombinator(context.sourceCode, parent) === null) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression || isStatement(parent)) return false;
  }
  return false;
}

function isStatement(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type === AST_NODE_TYPES.VariableDeclaration;
}

/**
 * The first place between `start` and the first use where the function waits for other work: an `await` (or its
 * compiled `yield`) whose operand does not hold the first use, a `for await` loop, or a `yield` of an async generator.
 */
function findWaitBetween(fn: FunctionNode, start: number, firstUse: TSESTree.Identifier): TSESTree.Node | null {
  let found: TSESTree.Node | null = null;
  walkTree(fn.body, (node) => {
    if (found || isFunctionNode(node) || node.range[1] <= start || node.range[0] >= firstUse.range[0]) return false;
    if (node.type === AST_NODE_TYPES.ForOfStatement && node.await && node.range[0] >= start) {
      found = node;
      return false;
    }
    if (node.range[0] >= start && waitsForWork(node, firstUse)) {
      found = node;
      return false;
    }
    return true;
  });
  return found;
}

function waitsForWork(node: TSESTree.Node, firstUse: TSESTree.Identifier): boolean {
  if (node.type === AST_NODE_TYPES.YieldExpression && !isAwaitNode(node)) return true;
  if (!isAwaitNode(node) || contains(node, firstUse)) return false;
  const awaited = skipExpressionWrappers(getAwaitedValue(node as AwaitNode));
  return awaited.type !== AST_NODE_TYPES.Literal && !(awaited.type === AST_NODE_TYPES.Identifier && awaited.name === 'undefined');
}

/**
 * The code shows the promise can reject: a call of an async function of the file that throws, or awaits work that is
 * not known to be quiet, outside a `try` that catches (`consumeRunnableStream()`, which awaits the run it consumes),
 * a call of an I/O API known to return a promise (`fetch`, `fs/promises`, a package's API or a client it hands out),
 * or a combination (`Promise.all([…])`, `Promise.all(xs.map(load))`) of one of these. A promise of a function of
 * another file or of unknown code is left alone: on real code, most of those kept for later cannot fail (loaders that
 * catch their own errors, waits on style sheets that resolve either way), and so are the file's functions whose
 * awaits are all quiet (`callCannotReject`, settled combinations, functions that only wrap a callback in a promise).
 */
function visiblyMayReject(context: AnyRuleContext, raw: TSESTree.Node, walk = new BoundedWalk(REJECTION_LIMITS)): boolean {
  return walk.enter(raw, false, () => visiblyMayRejectStep(context, raw, walk));
}

/** How deep the search for a rejection follows the file's functions and combinations. */
const REJECTION_LIMITS = { maxDepth: 8 };

function visiblyMayRejectStep(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const call = skipExpressionWrappers(raw);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  // the tasks of a combination must show it themselves: a mapper that returns a route's own `resolve(…)` is unknown
  const combined = combinedTasks(context, call);
  if (combined) return combined.some((task) => (isFunctionNode(task) ? taskVisiblyMayReject(context, task, walk) : visiblyMayReject(context, task, walk)));
  const callables = resolveLocalCallables(context.sourceCode, call.callee);
  if (callables.length > 0) return callables.every((fn) => isFunctionNode(fn) && isAsyncBody(fn) && bodyMayReject(context, fn, walk));
  const reference = resolveModuleReference(context.sourceCode, call.callee);
  if (reference && reference.module !== GLOBAL_MODULE && reference.module !== 'timers' && reference.module !== 'timers/promises') {
    if (isPromiseReturningExport(reference, context.sourceCode)) return true;
  } else if (reference?.module === GLOBAL_MODULE && reference.path.length === 1 && reference.path[0] === 'fetch') {
    return true;
  }
  return isPackageClientPromiseCall(context.sourceCode, call);
}

/** A combined task (`async (f) => load(f)`) that throws, or awaits or returns a call that visibly may reject. */
function taskVisiblyMayReject(context: AnyRuleContext, fn: FunctionNode, walk: BoundedWalk): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return visiblyMayReject(context, fn.body, walk);
  return throwsUncaught(
    fn.body,
    (node) =>
      node.type === AST_NODE_TYPES.ThrowStatement ||
      (isAwaitNode(node) && visiblyMayReject(context, getAwaitedValue(node), walk)) ||
      (node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && visiblyMayReject(context, node.argument, walk)),
  );
}

/** An async function's body throws, or awaits something not known to be quiet, outside a `try` that catches. */
function bodyMayReject(context: AnyRuleContext, fn: FunctionNode, walk: BoundedWalk): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.async && !isQuiet(context, fn.body, walk);
  return throwsUncaught(fn.body, (node) => node.type === AST_NODE_TYPES.ThrowStatement || (isAwaitNode(node) && !isQuiet(context, getAwaitedValue(node), walk)));
}

/**
 * Known not to reject: not a call (a value, `new Promise(…)` of the code's own), a call that cannot reject
 * (`callCannotReject`), `Promise.allSettled(…)`, or a combination whose every task is quiet. Past the walk's depth,
 * quiet (nothing shown).
 */
function isQuiet(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  return walk.enter(raw, true, () => isQuietStep(context, raw, walk));
}

function isQuietStep(context: AnyRuleContext, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const call = skipExpressionWrappers(raw);
  if (call.type !== AST_NODE_TYPES.CallExpression) return call.type === AST_NODE_TYPES.NewExpression || call.type === AST_NODE_TYPES.Literal;
  if (callCannotReject(context.sourceCode, call)) return true;
  const combined = combinedTasks(context, call);
  if (combined) return combined.every((task) => (isFunctionNode(task) ? !bodyMayReject(context, task, walk) : isQuiet(context, task, walk)));
  const callables = resolveLocalCallables(context.sourceCode, call.callee);
  return callables.length > 0 && callables.every((fn) => isFunctionNode(fn) && (!isAsyncBody(fn) || !bodyMayReject(context, fn, walk)) && !returnsUnknownWork(fn));
}

/** A synchronous function of the file that returns something other than a promise it makes (`new Promise(…)`). */
function returnsUnknownWork(fn: FunctionNode): boolean {
  if (isAsyncBody(fn)) return false;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return skipExpressionWrappers(fn.body).type !== AST_NODE_TYPES.NewExpression;
  let unknown = false;
  walkTree(fn.body, (node) => {
    if (unknown || isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && skipExpressionWrappers(node.argument).type !== AST_NODE_TYPES.NewExpression) unknown = true;
    return true;
  });
  return unknown;
}

/**
 * The tasks `Promise.all/race/any(…)` combines: the elements of a written list, or the mapper of `xs.map(fn)` (the
 * function, or the file's function it names). Null for any other call; an empty list for `Promise.allSettled`.
 */
function combinedTasks(context: AnyRuleContext, call: TSESTree.CallExpression): TSESTree.Node[] | null {
  const method = getPromiseCombinator(context.sourceCode, call);
  if (method === null) return null;
  if (method === 'allSettled') return [];
  const list = call.arguments[0] ? skipExpressionWrappers(call.arguments[0]) : null;
  if (list?.type === AST_NODE_TYPES.ArrayExpression) return list.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== AST_NODE_TYPES.SpreadElement);
  if (list?.type === AST_NODE_TYPES.CallExpression && list.callee.type === AST_NODE_TYPES.MemberExpression && list.arguments[0]) {
    const mapper = skipExpressionWrappers(list.arguments[0]);
    if (isFunctionNode(mapper)) return [mapper];
    const named = resolveLocalCallables(context.sourceCode, mapper).filter(isFunctionNode);
    return named.length > 0 ? named : null;
  }
  return null;
}
