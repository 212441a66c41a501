import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { firstNodeFrom, type FunctionNode, getEnclosingFunction, skipExpressionWrappers, walk } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { runsWhereWritten } from './asyncContext';

/**
 * Lazy initialisation: code that runs only when a cached value is missing, so once per cache entry rather
 * than once per call:
 * - `if (!this.client) { … this.client = … }`: the block fills the value its test finds missing;
 * - `if (this.connections[key]) return this.connections[key]; … this.connections[key] = …`: an early
 *   return of the cached value, and the function fills it later.
 * The cached value must be state that outlives the call (a member or a variable of an outer scope).
 */
export function isInLazyInitialization(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let fn = getEnclosingFunction(node);
  // A callback that runs where it is written (an executor, an IIFE) belongs to the function around it.
  let inner: TSESTree.Node = node;
  while (fn) {
    if (isGuardedByMissingValue(sourceCode, inner, fn) || followsCachedReturn(sourceCode, inner, fn)) return true;
    if (!runsWhereWritten(sourceCode, fn)) return false;
    inner = fn;
    fn = getEnclosingFunction(fn);
  }
  return false;
}

/** `node` is in the consequent of `if (!cached) { … }` whose block assigns `cached`. */
function isGuardedByMissingValue(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let child: TSESTree.Node = node, parent = node.parent; parent && child !== fn.body; child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement || parent.consequent !== child) continue;
    const cached = missingValueOf(parent.test);
    if (cached && isLongLived(cached) && assigns(sourceCode, parent.consequent, cached)) return true;
  }
  return false;
}

/** `node` comes after `if (cached) return …;` in the function's body, and the function assigns `cached`. */
function followsCachedReturn(sourceCode: SourceCode, node: TSESTree.Node, fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const statements = fn.body.body;
  // The statement that holds `node`: the last one that starts at or before it (statements are in source order).
  const index = firstNodeFrom(statements, node.range[0] + 1) - 1;
  const statement = statements[index];
  if (!statement || node.range[1] > statement.range[1]) return false;
  return firstCachedReturn(sourceCode, fn.body) < index;
}

const firstCachedReturnCache = createFileCache<TSESTree.BlockStatement, number>();

/**
 * The index of the first statement of a function's body that is `if (cached) return …;` for a value the body
 * assigns, or `Infinity`: one pass per function, not one per node asked about (a function with thousands of
 * statements was read once for each of them).
 */
function firstCachedReturn(sourceCode: SourceCode, body: TSESTree.BlockStatement): number {
  const cache = firstCachedReturnCache(sourceCode);
  let first = cache.get(body);
  if (first === undefined) {
    first = body.body.findIndex((statement) => {
      if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !returnsAlways(statement.consequent)) return false;
      const cached = presentValueOf(statement.test);
      return cached !== null && isLongLived(cached) && assigns(sourceCode, body, cached);
    });
    if (first < 0) first = Infinity;
    cache.set(body, first);
  }
  return first;
}

/** The value a test finds missing: `!x`, `x == null`, `x === undefined`, `!map.has(k)`. */
export function missingValueOf(raw: TSESTree.Expression): TSESTree.Expression | null {
  const test = skipExpressionWrappers(raw) as TSESTree.Expression;
  if (test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!') return valueOf(test.argument);
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '==' || test.operator === '===')) {
    if (isNullish(test.right)) return valueOf(test.left as TSESTree.Expression);
    if (isNullish(test.left)) return valueOf(test.right);
  }
  return null;
}

/** The value a test finds present: `x`, `x != null`, `x !== undefined`, `map.has(k)`. */
export function presentValueOf(raw: TSESTree.Expression): TSESTree.Expression | null {
  const test = skipExpressionWrappers(raw) as TSESTree.Expression;
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '!=' || test.operator === '!==')) {
    if (isNullish(test.right)) return valueOf(test.left as TSESTree.Expression);
    if (isNullish(test.left)) return valueOf(test.right);
    return null;
  }
  return valueOf(test);
}

/** A member or identifier read (or `map.has(k)` / `map.get(k)`, as `map[k]`). */
function valueOf(raw: TSESTree.Expression): TSESTree.Expression | null {
  const value = skipExpressionWrappers(raw) as TSESTree.Expression;
  if (value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.Identifier) return value;
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && value.arguments.length === 1) {
    const property = value.callee.property;
    if (property.type === AST_NODE_TYPES.Identifier && (property.name === 'has' || property.name === 'get')) return value;
  }
  return null;
}

function isNullish(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/** State that outlives one call: a member (`this.x`, `cache[k]`, `map.get(k)`) rather than a local. */
function isLongLived(value: TSESTree.Expression): boolean {
  return value.type !== AST_NODE_TYPES.Identifier;
}

/** `scope` assigns the cached value: `cached = …`, `cached ??= …`, or `map.set(k, …)` for `map.has(k)`/`map.get(k)`. */
function assigns(sourceCode: SourceCode, scope: TSESTree.Node, cached: TSESTree.Expression): boolean {
  return assignedKeys(sourceCode, scope).has(cacheKeyText(sourceCode, cached));
}

const assignedKeysCache = createFileCache<TSESTree.Node, ReadonlySet<string>>();

/**
 * Everything `scope` assigns, as {@link cacheKeyText} writes it (`this.client`, `map[k]` for `map.set(k, …)`):
 * one walk per block or body, however many nodes in it ask whether it fills their cache.
 */
function assignedKeys(sourceCode: SourceCode, scope: TSESTree.Node): ReadonlySet<string> {
  const cache = assignedKeysCache(sourceCode);
  let keys = cache.get(scope);
  if (!keys) {
    const found = new Set<string>();
    walk(scope, (child) => {
      if (child.type === AST_NODE_TYPES.AssignmentExpression) found.add(sourceCode.getText(child.left));
      else if (child.type === AST_NODE_TYPES.CallExpression && child.callee.type === AST_NODE_TYPES.MemberExpression) {
        const property = child.callee.property;
        if (property.type === AST_NODE_TYPES.Identifier && property.name === 'set' && child.arguments.length === 2 && child.arguments[0]) {
          found.add(`${sourceCode.getText(child.callee.object)}[${sourceCode.getText(child.arguments[0])}]`);
        }
      }
      return true;
    });
    keys = found;
    cache.set(scope, keys);
  }
  return keys;
}

/** The text an assignment to the cached value has on its left: `map.get(k)` is written `map[k]` for comparison with `map.set(k, …)`. */
export function cacheKeyText(sourceCode: SourceCode, cached: TSESTree.Expression): string {
  if (cached.type === AST_NODE_TYPES.CallExpression && cached.callee.type === AST_NODE_TYPES.MemberExpression && cached.arguments[0]) {
    return `${sourceCode.getText(cached.callee.object)}[${sourceCode.getText(cached.arguments[0])}]`;
  }
  return sourceCode.getText(cached);
}

/** A statement that always returns (or throws): `return x;`, `{ …; return x; }`. */
export function returnsAlways(statement: TSESTree.Statement): boolean {
  for (let current: TSESTree.Statement | undefined = statement; current !== undefined; ) {
    if (current.type === AST_NODE_TYPES.ReturnStatement || current.type === AST_NODE_TYPES.ThrowStatement) return true;
    if (current.type !== AST_NODE_TYPES.BlockStatement) return false;
    current = current.body[current.body.length - 1];
  }
  return false;
}
