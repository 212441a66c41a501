import type { TSESTree } from '@typescript-eslint/utils';

import { contains, skipExpressionWrappers, someNodeWithin } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { isCompiledAwait } from '../core/compiledAsync';

/**
 * A promise kept in a local and awaited only under a condition: `const result = callback(); if (wait) await
 * result;`. The code itself says the value may be a promise (it awaits it), and on the path where the
 * condition is false nothing awaits or handles it: its rejection goes unhandled. (Compiled `__awaiter`
 * code writes the `await` as a `yield` in the generator it hands to `__awaiter`.)
 */
export interface ConditionalAwait {
  /** The `if` whose consequent holds every await of the value. */
  readonly guard: TSESTree.IfStatement;
  /** The call whose value is kept (`callback()`). */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
}

/**
 * The guard of `declarator`'s value when every read of it is an `await` (or an `__awaiter` `yield`) inside
 * the consequent of one `if` of the same block, after the declaration, that has no `else` that reads it,
 * and does not test the value itself (`if (isPromise(r)) await r` leaves no promise on the other path).
 */
export function findConditionalAwait(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator): ConditionalAwait | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const init = skipExpressionWrappers(declarator.init);
  if (init.type !== AST_NODE_TYPES.CallExpression && init.type !== AST_NODE_TYPES.NewExpression) return null;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return null;
  const block = declaration.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return null;
  const variable = context.sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable || variable.defs.length !== 1) return null;
  const reads = variable.references.filter((reference) => !reference.init);
  if (reads.length === 0 || reads.some((reference) => !reference.isReadOnly())) return null;

  // the statement of the block that holds the first read: every read must be in it, and it must be an `if`
  const [first] = reads;
  const guard = first ? block.body.find((statement) => contains(statement, first.identifier)) : undefined;
  if (guard?.type !== AST_NODE_TYPES.IfStatement) return null;
  for (const { identifier } of reads) {
    if (!isAwaitOperand(identifier) || !contains(guard.consequent, identifier)) return null;
  }
  const name = declarator.id.name;
  const mentions = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && node.name === name;
  if (someNodeWithin(guard.test, mentions, () => true)) return null;
  return { guard, call: init };
}

/** `await x`, or `yield x` in the generator of a compiled `async` function. */
function isAwaitOperand(identifier: TSESTree.Node): boolean {
  const parent = identifier.parent;
  return parent?.type === AST_NODE_TYPES.AwaitExpression || (parent !== undefined && isCompiledAwait(parent) && parent.argument === identifier);
}
