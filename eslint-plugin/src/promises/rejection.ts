import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { GLOBAL_MODULE, isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';

/**
 * Can this async work reject? An async function cannot when every statement that could fail runs inside
 * a `try` whose `catch` handles the error without throwing it again, and what runs outside such a `try`
 * cannot fail (declarations and assignments of plain values). Detaching such a call loses no error.
 *
 * The analysis is syntactic and local: a `catch` that calls a logger or a callback is taken to handle the
 * error; an `await` outside a `try` may reject; anything it does not recognise may fail.
 */

/** Built-in constructors whose `new` with plain arguments does not throw. */
const SAFE_CONSTRUCTORS: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'Date', 'Error', 'AbortController']);

/**
 * `Date.now()`, `performance.now()` (global or from `node:perf_hooks`), `process.hrtime()`, `Math.max(…)`:
 * calls that do not throw on plain values.
 */
function isClockOrMathCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const reference = resolveModuleReference(sourceCode, skipExpressionWrappers(call.callee));
  if (!reference) return false;
  const [object, method, ...rest] = reference.path;
  if (rest.length > 0 || object === undefined) return false;
  if (reference.module === 'perf_hooks') return object === 'performance' && method === 'now';
  if (reference.module !== GLOBAL_MODULE || method === undefined) return false;
  return object === 'Math' || (object === 'Date' && method === 'now') || (object === 'performance' && method === 'now') || (object === 'process' && method === 'hrtime');
}

const cannotRejectCache = createFileCache<FunctionNode, boolean>();

/** True when calling the async function `fn` never gives a rejected promise. */
export function asyncFunctionCannotReject(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (!fn.async || fn.generator) return false;
  const cache = cannotRejectCache(sourceCode);
  let known = cache.get(fn);
  if (known === undefined) {
    known = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body.every((statement) => cannotFail(sourceCode, statement, new BoundedWalk(SYNTAX_TREE_LIMITS))) : false;
    cache.set(fn, known);
  }
  return known;
}

/**
 * True when the promise of `call` cannot reject: an async IIFE or a call of this file's async functions
 * whose bodies cannot fail, `Promise.allSettled(…)`, or a synchronous `.then(f)` on one of these.
 */
export function callCannotReject(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  let current = call;
  for (;;) {
    const callee = skipExpressionWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    const method = getStaticPropertyName(callee);
    if (method === 'allSettled' && isGlobalName(sourceCode, callee.object, 'Promise')) {
      return current.arguments.every((argument) => isPlainValue(sourceCode, argument));
    }
    // settled.then((results) => { … }): a synchronous handler on a promise that cannot reject; it can only
    // throw by a programming error, as it would in any synchronous callback.
    const handler = current.arguments[0];
    const receiver = skipExpressionWrappers(callee.object);
    if (!(method === 'then' && current.arguments.length === 1 && handler && isFunctionNode(handler) && !handler.async && receiver.type === AST_NODE_TYPES.CallExpression)) break;
    current = receiver;
  }
  const callables = resolveLocalCallables(sourceCode, skipExpressionWrappers(current.callee));
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && asyncFunctionCannotReject(sourceCode, callable));
}

/** A statement that cannot fail, or a `try` whose `catch` handles what it throws. */
function cannotFail(sourceCode: SourceCode, statement: TSESTree.Node, walk: BoundedWalk): boolean {
  return walk.enter(statement, false, () => cannotFailStep(sourceCode, statement, walk));
}

function cannotFailStep(sourceCode: SourceCode, statement: TSESTree.Node, walk: BoundedWalk): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.TryStatement:
      // A `finally` that does not throw explicitly is taken as cleanup that does not fail (like the `catch`).
      if (statement.handler) return !rethrows(statement.handler.body) && (!statement.finalizer || !rethrows(statement.finalizer));
      return cannotFail(sourceCode, statement.block, walk) && (statement.finalizer?.body ?? []).every((inner) => cannotFail(sourceCode, inner, walk));
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.every((inner) => cannotFail(sourceCode, inner, walk));
    case AST_NODE_TYPES.IfStatement:
      return isPlainValue(sourceCode, statement.test) && cannotFail(sourceCode, statement.consequent, walk) && (!statement.alternate || cannotFail(sourceCode, statement.alternate, walk));
    case AST_NODE_TYPES.VariableDeclaration:
      return statement.declarations.every((declarator) => !declarator.init || isPlainValue(sourceCode, declarator.init));
    case AST_NODE_TYPES.ExpressionStatement:
      return isPlainValue(sourceCode, statement.expression);
    case AST_NODE_TYPES.ReturnStatement:
      return !statement.argument || isPlainValue(sourceCode, statement.argument);
    case AST_NODE_TYPES.EmptyStatement:
    case AST_NODE_TYPES.FunctionDeclaration:
      return true;
    default:
      return false;
  }
}

/** A `catch` or `finally` body that throws again (or returns a rejection) outside nested functions. */
function rethrows(node: TSESTree.Node): boolean {
  return someNodeWithin(node, isThrowOrReject, (inner) => !isFunctionNode(inner));
}

function isThrowOrReject(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument) return false;
  const argument = skipExpressionWrappers(node.argument);
  if (argument.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(argument.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'reject';
}

/** An expression that evaluates without calling anything: values, reads, operators, assignments, functions. */
function isPlainValue(sourceCode: SourceCode, raw: TSESTree.Node, walk = new BoundedWalk(SYNTAX_TREE_LIMITS)): boolean {
  return walk.enter(raw, false, () => isPlainValueStep(sourceCode, raw, walk));
}

function isPlainValueStep(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): boolean {
  const node = skipExpressionWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.ThisExpression:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every((expression) => isPlainValue(sourceCode, expression, walk));
    case AST_NODE_TYPES.ArrayExpression:
      return node.elements.every((element) => element === null || isPlainValue(sourceCode, element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, walk));
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.every((property) =>
        property.type === AST_NODE_TYPES.SpreadElement
          ? isPlainValue(sourceCode, property.argument, walk)
          : (!property.computed || isPlainValue(sourceCode, property.key, walk)) && isPlainValue(sourceCode, property.value, walk),
      );
    case AST_NODE_TYPES.MemberExpression:
      return isPlainValue(sourceCode, node.object, walk) && (!node.computed || isPlainValue(sourceCode, node.property, walk));
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.UpdateExpression:
      return isPlainValue(sourceCode, node.argument, walk);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator !== 'in' && node.operator !== 'instanceof' && isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.LogicalExpression:
      return isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.ConditionalExpression:
      return isPlainValue(sourceCode, node.test, walk) && isPlainValue(sourceCode, node.consequent, walk) && isPlainValue(sourceCode, node.alternate, walk);
    case AST_NODE_TYPES.AssignmentExpression:
      return isPlainValue(sourceCode, node.left, walk) && isPlainValue(sourceCode, node.right, walk);
    case AST_NODE_TYPES.SequenceExpression:
      return node.expressions.every((expression) => isPlainValue(sourceCode, expression, walk));
    case AST_NODE_TYPES.CallExpression:
      return isClockOrMathCall(sourceCode, node) && node.arguments.every((argument) => isPlainValue(sourceCode, argument, walk));
    case AST_NODE_TYPES.NewExpression:
      return (
        node.callee.type === AST_NODE_TYPES.Identifier &&
        SAFE_CONSTRUCTORS.has(node.callee.name) &&
        isGlobalName(sourceCode, node.callee, node.callee.name) &&
        node.arguments.every((argument) => isPlainValue(sourceCode, argument, walk))
      );
    default:
      return false;
  }
}
