import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, getEnclosingFunction, isNestedFunction, skipExpressionWrappers, walk } from '../core/ast';
import { splitIdentifierWords } from '../core/nameWords';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { findVariableOf, isVariableReference } from '../core/scope';
import { isGlobalName } from '../modules/moduleBindings';
import { hasInformativeType, isPromiseExpression } from '../promises/promiseInference';
import { getTypedServices } from '../core/typeInfo';
import { resolveLocalCallables } from '../modules/localFunctions';
import { type AwaitNode, isAsyncBody, isCompiledAwait } from '../core/compiledAsync';
import { isInOneShotCode } from '../roles/oneShotCode';
import { isInTestCode } from '../roles/testCode';
import { getOperationName, isOrderedOperation } from './orderedOperations';

type Variable = TSESLint.Scope.Variable;

/**
 * Verbs that, as the first word of the awaited call's name, say it only reads: loading or looking up data for
 * one item. Only such a call makes the iterations of a loop independent enough to start together.
 */
const READ_FIRST_WORDS: ReadonlySet<string> = new Set(['get', 'read', 'load', 'fetch', 'stat', 'lstat', 'parse', 'lookup', 'find', 'resolve']);

/** One `await` per iteration of a `for…of` loop whose iterations do not depend on each other. */
export interface IndependentLoopAwait {
  readonly loop: TSESTree.ForOfStatement;
  readonly awaitExpression: AwaitNode;
  readonly operation: TSESTree.CallExpression;
}

/**
 * The awaited read of `loop` when every iteration could run at the same time as the others, or null. All of these
 * must hold, so that starting the iterations together changes nothing but the time:
 * - a `for (const x of xs)` (not `for await`) in an async function (or a compiled one, `core/compiledAsync.ts`), not in test code or one-shot code (where
 *   steps run in order on purpose and speed matters little);
 * - its body's only `await` is the first statement that awaits, `const r = await read(…)` (directly or in a `try`
 *   block of the body, each item's failure handled on its own), a call known to return a promise, or one whose
 *   callee neither the checker nor this file shows (the `await` is then what says it is asynchronous); its name
 *   starts with a read verb (`get`, `read`, `load`, `fetch`, `stat`, `parse`, `lookup`, `find`, `resolve`) and says
 *   nothing about order (`orderedOperations.ts`); the declaration may sit in the block of an `if` without `else`
 *   (the condition picks the items that need the read);
 * - the body has no `break`, `return`, `throw`, `yield`, label or labelled `continue` (nothing stops the loop on a
 *   result; a plain `continue` only ends its own iteration);
 * - or, instead of a read verb: the loop calls each element (`await task()`) in a `try` that collects every result and,
 *   in its `catch`, every error into arrays declared before the loop (what `Promise.allSettled` does; a rethrow of
 *   unexpected errors in that `catch` is allowed, as the settled results would be rethrown too);
 * - what the body writes is its own variables, a property of the iteration's element (`item.did = …`), or results
 *   keyed by the loop variable (`out[key] = …`) or pushed into an array declared before the loop (`out.push(…)`); it
 *   calls nothing whose name says it changes state;
 * - what the awaited call reads is never written in the body.
 */
export function findIndependentLoopAwait(context: AnyRuleContext, loop: TSESTree.ForOfStatement): IndependentLoopAwait | null {
  if (loop.await || loop.left.type !== AST_NODE_TYPES.VariableDeclaration || loop.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const fn = getEnclosingFunction(loop);
  if (!fn || !isAsyncBody(fn)) return null;
  const sourceCode = context.sourceCode;
  const loopVariables = new Set<Variable>(sourceCode.getDeclaredVariables(loop.left));
  const body = loop.body;
  const facts = collectBodyFacts(body);
  if (!facts || facts.awaits.length !== 1) return null;
  const [awaitExpression] = facts.awaits;
  if (!awaitExpression || !isDeclaredFromAwait(body, awaitExpression)) return null;
  const awaited = awaitExpression.argument;
  if (!awaited) return null;
  const operation = skipExpressionWrappers(awaited);
  if (operation.type !== AST_NODE_TYPES.CallExpression) return null;
  // each element called in turn, its result and its error both collected: what `Promise.allSettled` does
  const settlesAll = isLoopVariableCall(sourceCode, operation, loopVariables) && isSettleAllTry(sourceCode, body, awaitExpression);
  if (!settlesAll && (!isReadCall(sourceCode, operation) || facts.throws.length > 0)) return null;
  if (settlesAll && !facts.throws.every((statement) => isInCatchOf(statement, awaitExpression))) return null;
  if (!isAwaitedWork(context, awaited, operation)) return null;
  const written = new Set<Variable>();
  for (const target of facts.writes) {
    const variable = writtenOuterVariable(sourceCode, target, body, loopVariables);
    if (variable === undefined) return null;
    if (variable) written.add(variable);
  }
  for (const call of facts.calls) {
    if (call !== operation && isOrderedOperation(call) && !isResultPush(sourceCode, call, body, written)) return null;
  }
  // a condition that reads what the body writes (`if (!cache[name]) { … cache[name] = … }`) ties the iterations together
  const guards = getGuards(awaitExpression.parent.parent!, body) ?? [];
  if (readsAny(sourceCode, operation, written) || guards.some((guard) => readsAny(sourceCode, guard.test, written))) return null;
  if (isInTestCode(context, loop) || isInOneShotCode(context, loop)) return null;
  return { loop, awaitExpression, operation };
}

/**
 * The awaited call is work that takes time: a promise by inference; or, when nothing says either way, a call of code
 * this file does not show, for which the `await` itself is the evidence. A function of this file that the inference
 * does not find to return a promise, or a call the checker types as something else, gives nothing to wait for.
 */
function isAwaitedWork(context: AnyRuleContext, awaited: TSESTree.Expression, operation: TSESTree.CallExpression): boolean {
  if (isPromiseExpression(context, awaited)) return true;
  const services = getTypedServices(context);
  if (services && hasInformativeType(services, operation)) return false;
  return resolveLocalCallables(context.sourceCode, operation.callee).length === 0;
}

interface BodyFacts {
  readonly awaits: AwaitNode[];
  readonly writes: TSESTree.Node[];
  readonly calls: TSESTree.CallExpression[];
  /** A `throw` stops the loop; it is allowed only as the rethrow of a settle-all loop's unexpected errors. */
  readonly throws: TSESTree.ThrowStatement[];
}

/** `task()` where `task` is the loop's variable: each element of a list of functions called in turn. */
function isLoopVariableCall(sourceCode: SourceCode, call: TSESTree.CallExpression, loopVariables: ReadonlySet<Variable>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || call.arguments.length > 0) return false;
  const variable = findVariableOf(sourceCode, callee);
  return variable !== null && loopVariables.has(variable);
}

/**
 * The awaited declaration sits in `try { const r = await task(); … out.push(r) } catch (error) { … errors.push(…) }`,
 * a statement of the body: every element's result and every element's error is collected, so no element depends on
 * another one's outcome (`@nestjs/terminus` 9.0's health indicators, run together since 9.1). A loop that calls
 * each element in turn without collecting both is as often an ordered chain (hooks, middleware, migrations).
 */
function isSettleAllTry(sourceCode: SourceCode, body: TSESTree.BlockStatement, awaitExpression: AwaitNode): boolean {
  const statement = awaitedDeclarationTry(awaitExpression);
  if (!statement || statement.parent !== body || !statement.handler) return false;
  return pushesToOuterArray(sourceCode, statement.block, body) && pushesToOuterArray(sourceCode, statement.handler.body, body);
}

function pushesToOuterArray(sourceCode: SourceCode, block: TSESTree.BlockStatement, body: TSESTree.BlockStatement): boolean {
  let found = false;
  walk(block, (node) => {
    if (found || isNestedFunction(node, block)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression && isResultPush(sourceCode, node, body, new Set())) found = true;
    return !found;
  });
  return found;
}

/** In the `catch` clause of the `try` whose block holds the awaited declaration. */
function isInCatchOf(statement: TSESTree.ThrowStatement, awaitExpression: AwaitNode): boolean {
  const handler = awaitedDeclarationTry(awaitExpression)?.handler;
  return handler !== null && handler !== undefined && contains(handler, statement);
}

/** The `try` whose block holds the awaited declaration as one of its statements (`try { const r = await f(); … }`). */
function awaitedDeclarationTry(awaitExpression: AwaitNode): TSESTree.TryStatement | null {
  const block = awaitExpression.parent.parent?.parent;
  const statement = block?.parent;
  return statement?.type === AST_NODE_TYPES.TryStatement && statement.block === block ? statement : null;
}

/** The body's awaits, write targets and calls (outside nested functions), or null when it can leave the loop early. */
function collectBodyFacts(body: TSESTree.BlockStatement): BodyFacts | null {
  const facts: BodyFacts = { awaits: [], writes: [], calls: [], throws: [] };
  let leaves = false;
  walk(body, (node) => {
    if (leaves || isNestedFunction(node, body)) return false;
    switch (node.type) {
      case AST_NODE_TYPES.AwaitExpression:
        facts.awaits.push(node);
        break;
      case AST_NODE_TYPES.YieldExpression:
        // the `yield` of a compiled `async` function is its `await`; any other leaves the loop's iteration
        if (isCompiledAwait(node)) {
          facts.awaits.push(node);
          break;
        }
        leaves = true;
        return false;
      case AST_NODE_TYPES.ContinueStatement:
        // an unlabelled `continue` skips the rest of one iteration: a `return` from that item's own task
        if (node.label) {
          leaves = true;
          return false;
        }
        break;
      case AST_NODE_TYPES.ThrowStatement:
        facts.throws.push(node);
        break;
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.LabeledStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        leaves = true;
        return false;
      case AST_NODE_TYPES.AssignmentExpression:
        facts.writes.push(node.left);
        break;
      case AST_NODE_TYPES.UpdateExpression:
        facts.writes.push(node.argument);
        break;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete') facts.writes.push(node.argument);
        break;
      case AST_NODE_TYPES.CallExpression:
        facts.calls.push(node);
        break;
      default:
        break;
    }
    return true;
  });
  return leaves ? null : facts;
}

/**
 * `const r = await f(…)` as a statement of the body itself, or of a `try` block that is a statement of the body (each
 * item's failure handled on its own: `try { const r = await f(x); … } catch {}`), the first one that awaits.
 */
function isDeclaredFromAwait(body: TSESTree.BlockStatement, awaitExpression: AwaitNode): boolean {
  const declarator = awaitExpression.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== awaitExpression) return false;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return false;
  return getGuards(declaration, body) !== null || awaitedDeclarationTry(awaitExpression)?.parent === body;
}

/**
 * The `if`s without `else` whose blocks hold a statement of the body (`if (isMention(item)) { const r = await
 * resolve(item); … }`, ifs nested in ifs too; none for a statement of the body itself), or null when it is held
 * otherwise. Such a condition only picks the items that need the read, unless it reads what the body writes.
 */
function getGuards(statement: TSESTree.Node, body: TSESTree.BlockStatement): TSESTree.IfStatement[] | null {
  const guards: TSESTree.IfStatement[] = [];
  let node: TSESTree.Node = statement;
  for (let depth = 0; depth < 4; depth++) {
    if (node.parent === body) return guards;
    const block = node.parent;
    const guard = block?.parent;
    if (block?.type !== AST_NODE_TYPES.BlockStatement || guard?.type !== AST_NODE_TYPES.IfStatement || guard.consequent !== block || guard.alternate) return null;
    guards.push(guard);
    node = guard;
  }
  return null;
}

function isReadCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  // `Promise.resolve(…).then(…)` (a compiled `import()`) resolves nothing
  if (isPromiseStaticChain(sourceCode, call)) return false;
  const name = getOperationName(call);
  const first = name ? splitIdentifierWords(name)[0] : undefined;
  return first !== undefined && READ_FIRST_WORDS.has(first) && !isOrderedOperation(call);
}

/** `Promise.resolve(…)` or a `.then/.catch/.finally` chain on one. */
function isPromiseStaticChain(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  let callee = skipExpressionWrappers(call.callee);
  for (let steps = 0; steps < 16 && callee.type === AST_NODE_TYPES.MemberExpression; steps++) {
    const inner = skipExpressionWrappers(callee.object);
    if (inner.type !== AST_NODE_TYPES.CallExpression) return isGlobalName(sourceCode, inner, 'Promise');
    callee = skipExpressionWrappers(inner.callee);
  }
  return false;
}

/**
 * For a write target in the body: null when it is the body's own (a variable declared in it, a member of one),
 * the outer variable when it is a result keyed by the loop variables (`out[key] = …`, `out[item.id] = …`), and
 * undefined for any other write (an outer variable, a member of `this` or of an outer object under another key).
 */
function writtenOuterVariable(sourceCode: SourceCode, raw: TSESTree.Node, body: TSESTree.BlockStatement, loopVariables: ReadonlySet<Variable>): Variable | null | undefined {
  const target = skipExpressionWrappers(raw);
  if (target.type === AST_NODE_TYPES.Identifier) return isDeclaredIn(sourceCode, target, body) ? null : undefined;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = skipExpressionWrappers(target.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (isDeclaredIn(sourceCode, object, body)) return null;
  const variable = findVariableOf(sourceCode, object);
  // a property of the iteration's own element (`feature.did = did`)
  if (variable && loopVariables.has(variable) && !target.computed) return null;
  if (!variable || !target.computed || !readsOnly(sourceCode, target.property, loopVariables)) return undefined;
  return variable;
}

/** `out.push(…)` on an outer variable that the body writes only as results: the iterations' results in order. */
function isResultPush(sourceCode: SourceCode, call: TSESTree.CallExpression, body: TSESTree.BlockStatement, written: Set<Variable>): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'push') return false;
  const object = skipExpressionWrappers(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || isDeclaredIn(sourceCode, object, body)) return false;
  const variable = findVariableOf(sourceCode, object);
  if (!variable) return false;
  written.add(variable);
  return true;
}

function isDeclaredIn(sourceCode: SourceCode, identifier: TSESTree.Identifier, block: TSESTree.Node): boolean {
  const definition = findVariableOf(sourceCode, identifier)?.defs[0];
  return definition !== undefined && contains(block, definition.name);
}

/** The expression reads names of the loop variables only (`key`, `item.id`), and calls nothing. */
function readsOnly(sourceCode: SourceCode, expression: TSESTree.Node, variables: ReadonlySet<Variable>): boolean {
  let only = true;
  walk(expression, (node) => {
    if (!only) return false;
    if (node.type === AST_NODE_TYPES.CallExpression || isNestedFunction(node, expression)) only = false;
    else if (node.type === AST_NODE_TYPES.Identifier && isVariableReference(node)) {
      const variable = findVariableOf(sourceCode, node);
      if (!variable || !variables.has(variable)) only = false;
    }
    return only;
  });
  return only;
}

/** The awaited call reads one of `variables`. */
function readsAny(sourceCode: SourceCode, call: TSESTree.Node, variables: ReadonlySet<Variable>): boolean {
  if (variables.size === 0) return false;
  let reads = false;
  walk(call, (node) => {
    if (reads) return false;
    if (node.type === AST_NODE_TYPES.Identifier && isVariableReference(node)) {
      const variable = findVariableOf(sourceCode, node);
      if (variable && variables.has(variable)) reads = true;
    }
    return true;
  });
  return reads;
}
