import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { getExecutorPromise } from './executors';

type Variable = NonNullable<ReturnType<typeof findVariableOf>>;

/**
 * `promise.then((data) => cb(null, data)).catch((error) => cb(error))`: a promise bridged to a Node-style callback
 * from inside its own chain. What the callback throws on success (a failed assertion in a test's callback, a bug in
 * the caller) rejects the `then`, so `.catch` calls the callback a second time with the callback's own error, and what
 * it throws there rejects a promise nobody handles (detect-port 1.0.7 moved both calls out of the chain with
 * `process.nextTick`). Only when the success handler calls the callback with a `null`/`undefined` error first
 * (`cb(null, data)`, `cb.call(this, null, data)`) and the `.catch` handler calls the same callback with its error,
 * and the callback is a variable of the code (a parameter, `const cb = args[1]`), not a promise's `resolve`/`reject`.
 */
export function callsCallbackInChain(sourceCode: SourceCode, chain: TSESTree.CallExpression): boolean {
  const catchLink = linkOf(chain, 'catch');
  const onRejected = catchLink ? handlerFunction(catchLink.arguments[0]) : null;
  const thenLink = catchLink ? linkOf(skipExpressionWrappers(memberOf(catchLink).object), 'then') : null;
  const onFulfilled = thenLink && thenLink.arguments.length === 1 ? handlerFunction(thenLink.arguments[0]) : null;
  if (!onRejected || !onFulfilled) return false;
  const error = onRejected.params[0];
  if (error?.type !== AST_NODE_TYPES.Identifier) return false;
  const callbacks = callbackCalls(sourceCode, onFulfilled).filter((call) => isNothing(call.args[0]));
  return callbacks.some((success) =>
    isCallbackVariable(sourceCode, success.callback)
    && callbackCalls(sourceCode, onRejected).some((failure) => failure.callback === success.callback && isIdentifierNamed(failure.args[0], error.name)),
  );
}

function linkOf(node: TSESTree.Node, method: 'then' | 'catch'): TSESTree.CallExpression | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(node.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === method ? node : null;
}

function memberOf(call: TSESTree.CallExpression): TSESTree.MemberExpression {
  return skipExpressionWrappers(call.callee) as TSESTree.MemberExpression;
}

function handlerFunction(raw: TSESTree.Node | undefined): FunctionNode | null {
  const value = raw ? skipExpressionWrappers(raw) : null;
  return value && isFunctionNode(value) ? value : null;
}

interface CallbackCall {
  readonly callback: Variable;
  /** The arguments the callback gets (past the `this` of `.call`). */
  readonly args: readonly TSESTree.Node[];
}

/** Calls of a variable made as statements of the handler's own body, or as its expression body. */
function callbackCalls(sourceCode: SourceCode, handler: FunctionNode): CallbackCall[] {
  const expressions = handler.body.type === AST_NODE_TYPES.BlockStatement
    ? handler.body.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ExpressionStatement ? [statement.expression] : statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument ? [statement.argument] : []))
    : [handler.body];
  const found: CallbackCall[] = [];
  for (const raw of expressions) {
    const call = skipExpressionWrappers(raw);
    if (call.type !== AST_NODE_TYPES.CallExpression) continue;
    const callee = skipExpressionWrappers(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariableOf(sourceCode, callee);
      if (variable) found.push({ callback: variable, args: call.arguments });
      continue;
    }
    // cb.call(this, null, data), cb.apply(this, [null, data]) is left out
    if (callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'call') {
      const object = skipExpressionWrappers(callee.object);
      const variable = object.type === AST_NODE_TYPES.Identifier ? findVariableOf(sourceCode, object) : null;
      if (variable) found.push({ callback: variable, args: call.arguments.slice(1) });
    }
  }
  return found;
}

function isNothing(raw: TSESTree.Node | undefined): boolean {
  const node = raw ? skipExpressionWrappers(raw) : null;
  return (node?.type === AST_NODE_TYPES.Literal && node.value === null) || (node?.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

function isIdentifierNamed(raw: TSESTree.Node | undefined, name: string): boolean {
  const node = raw ? skipExpressionWrappers(raw) : null;
  return node?.type === AST_NODE_TYPES.Identifier && node.name === name;
}

/** A parameter or variable of the code holding a caller's function, not a promise executor's `resolve`/`reject`. */
function isCallbackVariable(sourceCode: SourceCode, variable: Variable): boolean {
  const definition = variable.defs[0];
  if (!definition) return false;
  if (definition.type === 'Parameter') return !(isFunctionNode(definition.node) && getExecutorPromise(sourceCode, definition.node));
  return definition.type === 'Variable';
}
