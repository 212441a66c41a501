import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getConditionRoot, getStaticPropertyName, getTrailingName, isConditionTest, isFunctionNode, skipExpressionWrappers, skipIndirectCallee } from '../core/ast';
import { returnsCompiledPromise } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { AnyRuleContext } from '../core/ruleContext';
import { resolveLocalCallables } from '../modules/localFunctions';

type Reference = TSESLint.Scope.Reference;

/** What a promise has of its own: reading these is using it as a promise. */
const PROMISE_MEMBERS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** A variable that holds an async function's promise and is only inspected, with where to report it. */
export interface InspectedPromise {
  /** The name where the promise is stored: the declaration's, or the assignment's in compiled code. */
  readonly name: TSESTree.Identifier;
  /** The use to quote: a property read if there is one, else a test. */
  readonly use: TSESTree.Node;
}

/**
 * A local `const result = this.load()` of an async function of this file that the code only tests or reads
 * properties from (`if (!result) return; result.device_id`): the value of an async function is a promise, always
 * truthy and without the result's properties, so the code meant `await` (matrix-js-sdk 10.0 added it to
 * `rehydrateDevice`). Nothing waits for the promise either, and its rejection goes unhandled. Only calls of async
 * functions count (compiled ones too), whose value is a plain `Promise`: never thenables or promise hybrids (a child
 * process that is also a promise, a query builder), whose own properties are there to be read. Compiled code declares
 * the variable first and assigns it once later (`var key; … key = this.retrieve(id); if (key.locked_at)`, medusa 1.3.6
 * awaited it); a copy of its properties (`__assign({}, key)`, `{ ...key }`) is an inspection too.
 */
export function findInspectedPromise(context: AnyRuleContext, declarator: TSESTree.VariableDeclarator): InspectedPromise | null {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
  const variable = context.sourceCode.getDeclaredVariables(declarator).find((candidate) => candidate.name === (declarator.id as TSESTree.Identifier).name);
  if (!variable || variable.scope.type === 'global' || variable.scope.type === 'module') return null;
  const writes = variable.references.filter((reference) => reference.isWrite());
  const written = writes[0]?.identifier;
  if (written?.type !== AST_NODE_TYPES.Identifier || writes.length !== 1) return null;
  const stored = writes[0]?.init ? declarator.init : assignedOnce(written);
  const init = stored ? skipExpressionWrappers(stored) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression) return null;
  const reads = variable.references.filter((reference) => reference.isRead());
  if (reads.length === 0 || !reads.every((reference) => reference.identifier.range[0] > init.range[1] && isInspection(reference))) return null;
  if (!isAsyncFunctionCall(context, init)) return null;
  // the clearest use to quote: a property read (`result.device_id`), else a test (`!result`)
  const property = reads.find((reference) => reference.identifier.parent.type === AST_NODE_TYPES.MemberExpression);
  const use = (property ?? reads[0])?.identifier;
  if (!use) return null;
  const parent = use.parent;
  const quoted = parent.type === AST_NODE_TYPES.MemberExpression || parent.type === AST_NODE_TYPES.UnaryExpression || parent.type === AST_NODE_TYPES.BinaryExpression ? parent : use;
  return { name: written, use: quoted };
}

/** `name = value;` as a statement of its own: the value. */
function assignedOnce(name: TSESTree.Identifier): TSESTree.Expression | null {
  const assignment = name.parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== name) return null;
  return assignment.parent.type === AST_NODE_TYPES.ExpressionStatement ? assignment.right : null;
}

/** A call whose every callee in this file is an `async` function (`this.load()` for `async load()`, prototype methods and compiled ones too). */
function isAsyncFunctionCall(context: AnyRuleContext, call: TSESTree.CallExpression): boolean {
  const callables = resolveLocalCallables(context.sourceCode, call.callee);
  return callables.length > 0 && callables.every((callable) => isFunctionNode(callable) && returnsCompiledPromise(callable));
}

/** Helpers that copy the properties of their later arguments: `Object.assign`, TypeScript's `__assign`, Babel's `_extends`. */
const PROPERTY_COPIES: ReadonlySet<string> = new Set(['assign', '__assign', '_extends', '_objectSpread', '_objectSpread2']);

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
  if (parent.type === AST_NODE_TYPES.SpreadElement) return parent.parent.type === AST_NODE_TYPES.ObjectExpression;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.indexOf(identifier as TSESTree.Identifier) > 0) {
    const name = getTrailingName(skipIndirectCallee(parent.callee));
    return name !== null && PROPERTY_COPIES.has(name);
  }
  if (parent.type === AST_NODE_TYPES.UnaryExpression) return parent.operator === 'typeof' || isInTestPosition(parent);
  if (parent.type === AST_NODE_TYPES.BinaryExpression) return ['==', '===', '!=', '!=='].includes(parent.operator);
  return isInTestPosition(identifier);
}

/** The node, under `!` and `&&`/`||` only, is the test of an `if`, a loop or a conditional expression. */
function isInTestPosition(node: TSESTree.Node): boolean {
  return isConditionTest(getConditionRoot(node, false));
}
