import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext, SourceCode } from '../core/ruleContext';
import { getTypedServices, hasCheckerType } from '../core/typeInfo';
import { isCalleeAwaitedInFile } from './awaitedCallees';
import { isTestFile } from '../roles/testCode';
import { isGlobalName, resolveModuleReference } from '../modules/moduleBindings';
import { isPromiseLibraryStatic } from './packagePromiseApis';
import { isAsyncBody, isAwaiterBody } from '../core/compiledAsync';
import { getPromiseKind, getTypedPromiseKind } from './promiseInference';
import { classifyTypeAnnotation } from './promiseTypes';
import { declaredReturnOf, declaredTypeOfCallee } from './declaredSlots';
import { isPromiseLikeKind } from '../modules/declaredTypes';
import { rememberFileName } from '../modules/crossFile';
import { callCannotReject, isGlobalPromiseReject } from './rejection';

/**
 * What a `return <promise>` without `await` slips out of. An async function that returns a promise
 * unawaited finishes its own body first and adopts the promise afterwards, so the code around the
 * `return` is left before the promise settles:
 * - `catch`: the `try` block's `catch` never sees the promise's rejection;
 * - `finally`: the `finally` block (of the `try` block or of its `catch`) runs while the work is pending;
 * - `using`: a `using`/`await using` declaration in scope disposes its resource while the work is pending.
 */
export type SkippedGuard =
  | { readonly kind: 'catch'; readonly node: TSESTree.CatchClause }
  | { readonly kind: 'finally'; readonly node: TSESTree.BlockStatement; readonly alsoCatch: boolean }
  | { readonly kind: 'using'; readonly node: TSESTree.VariableDeclaration };

/**
 * The guard a `return <promise>` leaves before the promise settles, or null. The function is `async` (not an
 * async generator, whose `return` awaits already; or the generator of a compiled one, `core/compiledAsync.ts`) and the value is a promise by the shared inference or the
 * checker; or the function is not `async` but returns the promise itself: its declared return type is
 * `Promise<…>`/`PromiseLike<…>` (in TypeScript every value it returns is one), or the checker says the value
 * is a thenable. Null too when the statement leaves no guard, when the value is already settled
 * (`Promise.resolve(value)`, `Promise.reject(error)`: nothing left to wait for), or when it leaves only a
 * `catch` of a promise that cannot reject (`promises/rejection.ts`), which would see nothing.
 */
export function findUnawaitedReturn(context: AnyRuleContext, statement: TSESTree.ReturnStatement): SkippedGuard | null {
  const argument = statement.argument;
  if (!argument) return null;
  const fn = getEnclosingFunction(statement);
  if (!fn || (fn.generator && !isAwaiterBody(fn))) return null;
  const guard = findGuardSkippedByReturn(context.sourceCode, statement);
  if (!guard || !returnsPendingPromise(context, fn, statement, guard, argument)) return null;
  const returned = skipExpressionWrappers(argument);
  if (guard.kind === 'catch' && returned.type === AST_NODE_TYPES.CallExpression && callCannotReject(context.sourceCode, returned)) return null;
  return guard;
}

/** True when `fn` returns `argument` as a promise that may still be pending. */
function returnsPendingPromise(context: AnyRuleContext, fn: FunctionNode, statement: TSESTree.ReturnStatement, guard: SkippedGuard, argument: TSESTree.Expression): boolean {
  if (isSettledPromise(context, argument)) return false;
  if (isAsyncBody(fn)) return getPromiseKind(context, argument) !== null || isCallAwaitedElsewhere(context, argument);
  return (
    declaresPromiseReturn(context, fn) ||
    isTypedThenable(context, argument) ||
    returnsMaybePromiseCall(context, fn, argument) ||
    isGuardedPromiseCallAlone(context, statement, guard, argument)
  );
}

/**
 * `return resp.json()` in an `async` function where the file awaits or chains the same callee elsewhere (`await
 * resp.json()` on the error path): the code says the call makes a promise. With types only where the checker has no
 * type for it; not in test files, where a `catch` around a test's step (`catch (err) { reject(err); }`) is the test's
 * own plumbing.
 */
function isCallAwaitedElsewhere(context: AnyRuleContext, argument: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(argument);
  return call.type === AST_NODE_TYPES.CallExpression && isCalleeAwaitedInFile(context.sourceCode, call) && !isTestFile(context) && !hasCheckerType(context, call);
}

/**
 * `try { return fetch(url); } catch (error) { … }` in a function that is not `async`: the `return` is all the `try`
 * holds, so its `catch` is there for that call, and the call makes a promise (by the shared inference, not a guess),
 * whose failures arrive as a rejection the `catch` never sees (supertokens-node 18.0.1 made `doFetch` async and
 * awaited the fetch so that its retry on a rejected fetch could run).
 */
function isGuardedPromiseCallAlone(context: AnyRuleContext, statement: TSESTree.ReturnStatement, guard: SkippedGuard, argument: TSESTree.Expression): boolean {
  if (guard.kind !== 'catch') return false;
  const block = guard.node.parent.block;
  if (block.body.length !== 1 || block.body[0] !== statement) return false;
  return skipExpressionWrappers(argument).type === AST_NODE_TYPES.CallExpression && getPromiseKind(context, argument) === 'promise';
}

/**
 * A function declared to return a value or a promise (`ValueOrPromise<T>`, `T | Promise<T>`, aliases of this file
 * or of a project file it imports) that returns a call declared the same way, or known to make a promise: when the
 * call hands back a promise, the code around the `return` is left before it settles.
 */
function returnsMaybePromiseCall(context: AnyRuleContext, fn: FunctionNode, argument: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(argument);
  if (call.type !== AST_NODE_TYPES.CallExpression || !fn.returnType) return false;
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const declared = declaredReturnOf(context.sourceCode, fn);
  if (!declared || !isPromiseLikeKind(declared.kind())) return false;
  const returns = declaredTypeOfCallee(context.sourceCode, call.callee)?.callReturns();
  return (returns ?? []).some(isPromiseLikeKind) || getPromiseKind(context, call) !== null;
}

/**
 * A function that is not `async` but whose written return type is `Promise<…>` or `PromiseLike<…>` (local
 * aliases followed): TypeScript checks that every value it returns is one, whatever the value's callee is.
 */
export function declaresPromiseReturn(context: AnyRuleContext, fn: FunctionNode): boolean {
  const kind = classifyTypeAnnotation(context.sourceCode, fn.returnType?.typeAnnotation);
  return kind === 'promise' || kind === 'thenable';
}

/** With types: the checker says the value is a promise or another thenable (not `any`). */
function isTypedThenable(context: AnyRuleContext, argument: TSESTree.Expression): boolean {
  const services = getTypedServices(context);
  const kind = services ? getTypedPromiseKind(services, argument) : null;
  return kind !== null && kind !== undefined;
}

/** `Promise.resolve(value)` of a value that is not a promise itself, `Promise.reject(error)`: settled as it is returned. */
function isSettledPromise(context: AnyRuleContext, argument: TSESTree.Expression): boolean {
  const call = skipExpressionWrappers(argument);
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !isGlobalName(context.sourceCode, callee.object, 'Promise')) return false;
  const method = getStaticPropertyName(callee);
  if (method === 'reject') return true;
  const [value, ...rest] = call.arguments;
  return method === 'resolve' && rest.length === 0 && (value === undefined || (value.type !== AST_NODE_TYPES.SpreadElement && getPromiseKind(context, value) === null));
}

/**
 * The innermost guard of the function that `statement` leaves before its value settles, or null: the
 * `return` is directly in its function's body, in a `catch` without `finally`, or the only `catch` around it
 * hands the error on unchanged (`catch (e) { throw e; }`, which awaiting would not change).
 */
export function findGuardSkippedByReturn(sourceCode: SourceCode, statement: TSESTree.ReturnStatement): SkippedGuard | null {
  let child: TSESTree.Node = statement;
  for (let parent: TSESTree.Node | undefined = statement.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TryStatement: {
        if (parent.finalizer && child !== parent.finalizer) {
          return { kind: 'finally', node: parent.finalizer, alsoCatch: child === parent.block && parent.handler !== null && !rethrowsUnchanged(sourceCode, parent.handler) };
        }
        if (child === parent.block && parent.handler && !rethrowsUnchanged(sourceCode, parent.handler)) return { kind: 'catch', node: parent.handler };
        break;
      }
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.SwitchCase: {
        const statements = parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body;
        const using = findUsingBefore(statements, child);
        if (using) return { kind: 'using', node: using };
        break;
      }
      case AST_NODE_TYPES.ForOfStatement:
        if (child === parent.body && isUsingDeclaration(parent.left)) return { kind: 'using', node: parent.left as TSESTree.VariableDeclaration };
        break;
      case AST_NODE_TYPES.ForStatement:
        if (child === parent.body && parent.init && isUsingDeclaration(parent.init)) return { kind: 'using', node: parent.init as TSESTree.VariableDeclaration };
        break;
      default:
        break;
    }
  }
  return null;
}

/** The last `using`/`await using` declaration among the statements before `child`. */
function findUsingBefore(statements: readonly TSESTree.Node[], child: TSESTree.Node): TSESTree.VariableDeclaration | null {
  let found: TSESTree.VariableDeclaration | null = null;
  for (const statement of statements) {
    if (statement === child) return found;
    if (isUsingDeclaration(statement)) found = statement as TSESTree.VariableDeclaration;
  }
  return null;
}

function isUsingDeclaration(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.VariableDeclaration && (node.kind === 'using' || node.kind === 'await using');
}

/**
 * `catch (error) { throw error; }`, and `catch (error) { return Promise.reject(error); }` (the same for a function
 * that returns a promise): the rejection would reach the caller the same way awaited or not.
 */
function rethrowsUnchanged(sourceCode: SourceCode, handler: TSESTree.CatchClause): boolean {
  const [only, ...rest] = handler.body.body;
  if (!only || rest.length > 0 || handler.param?.type !== AST_NODE_TYPES.Identifier) return false;
  const passed = only.type === AST_NODE_TYPES.ThrowStatement ? only.argument : only.type === AST_NODE_TYPES.ReturnStatement ? rejectedValue(sourceCode, only.argument) : null;
  const error = passed ? skipExpressionWrappers(passed) : null;
  return error?.type === AST_NODE_TYPES.Identifier && error.name === handler.param.name;
}

/** `Promise.reject(x)`, or a promise library's (`Bluebird.reject(x)`): `x`. */
function rejectedValue(sourceCode: SourceCode, node: TSESTree.Expression | null): TSESTree.Node | null {
  const call = node ? skipExpressionWrappers(node) : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 1) return null;
  const callee = skipExpressionWrappers(call.callee);
  if (!isGlobalPromiseReject(sourceCode, call) && !(callee.type === AST_NODE_TYPES.MemberExpression && isPromiseLibraryStatic(resolveModuleReference(sourceCode, callee), 'reject'))) return null;
  return call.arguments[0] ?? null;
}

/**
 * A function that is not `async` but can become `async` without changing its type: its written return type is
 * `Promise<…>` itself (an `async` function must be typed with the global `Promise`; `PromiseLike`, an alias or a
 * union would not type-check), and it is not a getter, setter or generator (the fix checks the first two).
 */
export function canBecomeAsync(fn: FunctionNode): boolean {
  const written = fn.returnType?.typeAnnotation;
  return !fn.async && !fn.generator && written?.type === AST_NODE_TYPES.TSTypeReference && written.typeName.type === AST_NODE_TYPES.Identifier && written.typeName.name === 'Promise';
}
