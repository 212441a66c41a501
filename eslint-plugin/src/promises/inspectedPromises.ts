import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConditionRoot, getStaticPropertyName, isConditionTest, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';

type Reference = TSESLint.Scope.Reference;

/** What a promise has of its own: reading these is using it as a promise. */
const PROMISE_MEMBERS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * A local `const result = this.load()` of an async function of this file that the code only tests or reads
 * properties from (`if (!result) return; result.device_id`): the value of an async function is a promise, always
 * truthy and without the result's properties, so the code meant `await` (matrix-js-sdk 10.0 added it to
 * `rehydrateDevice`). Nothing waits for the promise either, and its rejection goes unhandled. Only calls of async
 * functions count, whose value is a plain `Promise`: never thenables or promise hybrids (a child process that is also a
 * promise, a query builder), whose own properties are there to be read. The use to quote (a property read if
 * there is one, else a test), or null.
 */
export function findInspectedPromise(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator): TSESTree.Node | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
  const init = skipExpressionWrappers(declarator.init);
  if (init.type !== AST_NODE_TYPES.CallExpression) return null;
  const variable = context.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === (declarator.id as TSESTree.Identifier).name);
  if (!variable || variable.scope.type === 'global' || variable.scope.type === 'module') return null;
  const reads = variable.references.filter((reference) => reference.isRead());
  if (reads.length === 0 || variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  if (!reads.every(isInspection)) return null;
  if (!isAsyncFunctionCall(context, init)) return null;
  // the clearest use to quote: a property read (`result.device_id`), else a test (`!result`)
  const property = reads.find((reference) => reference.identifier.parent.type === AST_NODE_TYPES.MemberExpression);
  const use = (property ?? reads[0])?.identifier;
  if (!use) return null;
  const parent = use.parent;
  return parent.type === AST_NODE_TYPES.MemberExpression || parent.type === AST_NODE_TYPES.UnaryExpression || parent.type === AST_NODE_TYPES.BinaryExpression ? parent : use;
}

/** A call whose every callee in this file is an `async` function (`this.load()` for `async load()`, prototype methods too). */
function isAsyncFunctionCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const callables = resolveLocalCallables(context.sourceCode, call.callee);
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && callable.async && !callable.generator);
}

/**
 * A read that looks at the value without taking the promise in: a test (`if (!r)`, `r ? … : …`, `r && r.x` in a test,
 * `r == null`, `typeof r`) or a property other than the promise's own (`r.device_id`, not called, not written).
 */
function isInspection(reference: Reference): boolean {
  const identifier = reference.identifier;
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
    const name = getStaticPropertyName(parent);
    if (name === null || PROMISE_MEMBERS.has(name)) return false;
    const user = parent.parent;
    const isCalled = user.type === AST_NODE_TYPES.CallExpression && user.callee === parent;
    const isWritten = (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) || user.type === AST_NODE_TYPES.UpdateExpression;
    return !isCalled && !isWritten;
  }
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === 'typeof' || isInTestPosition(parent);
  if (parent.type === AST_NODE_TYPES.BinaryExpression) return ['==', '===', '!=', '!=='].includes(parent.operator);
  return isInTestPosition(identifier);
}

/** The node, under `!` and `&&`/`||` only, is the test of an `if`, a loop or a conditional expression. */
function isInTestPosition(node: TSESTree.Node): boolean {
  return isConditionTest(getConditionRoot(node, false));
}
