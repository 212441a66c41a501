import type { TSESTree } from '@typescript-eslint/utils';

import { getEnclosingFunction, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { getPromiseKind } from './promiseInference';
import { callCannotReject } from './rejection';

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
 * The guard a `return <promise>` of an async function leaves before the promise settles, or null: the
 * statement returns no promise (by the shared inference, or the checker), is not in an async function (an
 * async generator's `return` awaits already), leaves no guard, or leaves only a `catch` of a promise that
 * cannot reject (`promises/rejection.ts`), which would see nothing.
 */
export function findUnawaitedReturn(context: AnyRuleContext, statement: TSESTree.ReturnStatement): SkippedGuard | null {
  const argument = statement.argument;
  if (!argument) return null;
  const fn = getEnclosingFunction(statement);
  if (!fn?.async || fn.generator) return null;
  const guard = findGuardSkippedByReturn(statement);
  if (!guard || !getPromiseKind(context, argument)) return null;
  const returned = skipExpressionWrappers(argument);
  if (guard.kind === 'catch' && returned.type === AST_NODE_TYPES.CallExpression && callCannotReject(context.sourceCode, returned)) return null;
  return guard;
}

/**
 * The innermost guard of the function that `statement` leaves before its value settles, or null: the
 * `return` is directly in its function's body, in a `catch` without `finally`, or the only `catch` around it
 * hands the error on unchanged (`catch (e) { throw e; }`, which awaiting would not change).
 */
export function findGuardSkippedByReturn(statement: TSESTree.ReturnStatement): SkippedGuard | null {
  let child: TSESTree.Node = statement;
  for (let parent: TSESTree.Node | undefined = statement.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.TryStatement: {
        if (parent.finalizer && child !== parent.finalizer) {
          return { kind: 'finally', node: parent.finalizer, alsoCatch: child === parent.block && parent.handler !== null && !rethrowsUnchanged(parent.handler) };
        }
        if (child === parent.block && parent.handler && !rethrowsUnchanged(parent.handler)) return { kind: 'catch', node: parent.handler };
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

/** `catch (error) { throw error; }`: the rejection would reach the caller the same way awaited or not. */
function rethrowsUnchanged(handler: TSESTree.CatchClause): boolean {
  const [only, ...rest] = handler.body.body;
  if (!only || rest.length > 0 || only.type !== AST_NODE_TYPES.ThrowStatement) return false;
  const thrown = skipExpressionWrappers(only.argument);
  return handler.param?.type === AST_NODE_TYPES.Identifier && thrown.type === AST_NODE_TYPES.Identifier && thrown.name === handler.param.name;
}
