import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, isFunctionNode, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { getAwaitedValue, isAsyncBody, isAwaitNode } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getTypedServices } from '../core/typeInfo';
import { getTypedPromiseKind } from './promiseInference';
import { callCannotReject } from './rejection';

/**
 * A promise started inside a `try` and awaited only after it: `try { decision = flag.decide(); } catch { decision =
 * Promise.resolve(fallback); } … const value = await decision;`. The `try` sees the call start, not the promise settle,
 * so its `catch` takes only what the call throws synchronously; a rejection comes out of the `await` below, past the
 * fallback meant for it (@vercel/flags 3.1.1 moved the `await` into the `try`). The later `await` is what says the
 * value is a promise, without types: nothing awaits a value it knows to be plain.
 */
export interface PromiseAwaitedAfterTry {
  /** The call whose promise the variable takes inside the `try`. */
  readonly call: TSESTree.CallExpression;
  readonly name: string;
  /** The `catch` the rejection skips. */
  readonly handler: TSESTree.CatchClause;
  /** The `await` after the `try`. */
  readonly awaited: TSESTree.Node;
}

/**
 * The facts for `name = call(…)`, an expression statement inside the block of a `try` with a `catch`, in an `async`
 * function, a block that awaits nothing itself: `name` is a variable declared outside that block, awaited (`await name`) after the `try` in the same
 * function and outside any other `try` with a `catch`, never awaited inside this block, and never given a handler
 * (`name.catch(…)`, `name.then(…)`). Null when the call cannot reject (`promises/rejection.ts`) or the checker says
 * its value is not a promise, and when the `catch` hands the error on unchanged (`catch (e) { throw e; }`: awaiting
 * inside would change nothing), and when the call is a chain that handles the rejection itself (`p.catch(…)`).
 */
export function findPromiseAwaitedAfterTry(context: AnyRuleContext, assignment: TSESTree.AssignmentExpression): PromiseAwaitedAfterTry | null {
  if (assignment.operator !== '=' || assignment.left.type !== AST_NODE_TYPES.Identifier || assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const call = skipExpressionWrappers(assignment.right);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const fn = getEnclosingFunction(assignment);
  if (!fn || !isAsyncBody(fn)) return null;
  const tryStatement = findGuardingTry(assignment.parent, fn);
  if (!tryStatement?.handler || rethrowsOnly(tryStatement.handler)) return null;
  const variable = findVariableOf(context.sourceCode, assignment.left);
  const definition = variable?.defs[0]?.name;
  if (!variable || !definition || within(definition, tryStatement.block)) return null;
  let awaited: TSESTree.Node | null = null;
  for (const reference of variable.references) {
    const id = reference.identifier;
    if (!reference.isRead()) continue;
    const parent = id.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === id && isHandlerMethod(getStaticPropertyName(parent))) return null;
    const awaitNode = id.type === AST_NODE_TYPES.Identifier ? awaitOf(id) : null;
    if (!awaitNode) continue;
    if (within(id, tryStatement.block)) return null;
    if (awaited === null && id.range[0] >= tryStatement.range[1] && getEnclosingFunction(id) === fn && !isGuarded(awaitNode, fn)) awaited = awaitNode;
  }
  if (!awaited || handlesRejection(call) || awaitsWithin(tryStatement.block) || callCannotReject(context.sourceCode, call)) return null;
  const services = getTypedServices(context);
  if (services && getTypedPromiseKind(services, call) === null) return null;
  return { call, name: assignment.left.name, handler: tryStatement.handler, awaited };
}

/** The innermost `try` whose block holds `statement`, within `fn`. */
function findGuardingTry(statement: TSESTree.Node, fn: FunctionNode): TSESTree.TryStatement | null {
  let child: TSESTree.Node = statement;
  for (let parent = statement.parent; parent && parent !== fn && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement) return child === parent.block ? parent : null;
  }
  return null;
}

/**
 * The block awaits something itself: its `catch` is there for that (a lookup that may fail), and the promise it
 * starts on the way is the next step's, not the one the `catch` was written for.
 */
function awaitsWithin(block: TSESTree.BlockStatement): boolean {
  return someNodeWithin(block, (node) => isAwaitNode(node), (node) => !isFunctionNode(node));
}

/** `catch (e) { throw e; }`: the error goes on unchanged, whether it is caught here or not. */
function rethrowsOnly(handler: TSESTree.CatchClause): boolean {
  const [only, ...rest] = handler.body.body;
  if (!only || rest.length > 0 || only.type !== AST_NODE_TYPES.ThrowStatement || handler.param?.type !== AST_NODE_TYPES.Identifier) return false;
  const thrown = skipExpressionWrappers(only.argument);
  return thrown.type === AST_NODE_TYPES.Identifier && thrown.name === handler.param.name;
}

/** `p.catch(…)`, `p.then(a, b)`: the chain handles the rejection where it is made (what the handler throws again is meant). */
function handlesRejection(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  return method === 'catch' || (method === 'then' && call.arguments.length >= 2);
}

function isHandlerMethod(name: string | null): boolean {
  return name === 'catch' || name === 'then' || name === 'finally';
}

/** The `await` (or compiled `yield`) whose operand is `id` itself. */
function awaitOf(id: TSESTree.Identifier): TSESTree.Node | null {
  const parent = id.parent;
  return parent && isAwaitNode(parent) && skipExpressionWrappers(getAwaitedValue(parent)) === id ? parent : null;
}

/** The `await` sits in the block of a `try` with a `catch` inside `fn`: that `catch` sees the rejection. */
function isGuarded(node: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && child === parent.block && parent.handler) return true;
  }
  return false;
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return node.range[0] >= container.range[0] && node.range[1] <= container.range[1];
}
