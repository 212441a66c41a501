import type { TSESTree } from '@typescript-eslint/utils';

import { keepsOuterThis } from '../core/compiledAsync';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { contains, type FunctionNode, getEnclosingFunction, getOutermostWrapper, isFunctionNode, skipExpressionWrappers, walk } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';
import { sharesStateAcrossConcurrentRuns } from '../roles/concurrentCalls';

/**
 * State that outlives one run of a function, so two overlapping runs see the same value:
 * - `member`: a member of `this` in a method (`this.conn`, `this.cache`, `this.stats.total`);
 * - `module`: a binding of the module (`let client`, `const cache = new Map()`), or a member of one;
 * - `captured`: a variable of an enclosing function that the function reaches (`total` in
 *   `items.map(async (item) => { total += await price(item) })`), or a member of one.
 * A local variable or parameter of the function itself is not shared.
 */
export interface SharedState {
  readonly kind: 'member' | 'module' | 'captured';
  /** The state as written, spaces removed (`this.conn`, `cache`): what reads and writes are compared by. */
  readonly text: string;
  /** The function whose scope holds the state (captured variables), or null (module state, members of `this`). */
  readonly boundary: TSESTree.Node | null;
}

/**
 * What shared state `raw` (an identifier or a member chain) names, seen from inside `fn`; null for locals,
 * parameters, globals, and `this` outside a method.
 */
export function getSharedState(sourceCode: SourceCode, raw: TSESTree.Node, fn: FunctionNode): SharedState | null {
  const node = skipExpressionWrappers(raw);
  let root: TSESTree.Node = node;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  if (root === node && node.type !== AST_NODE_TYPES.Identifier) return null;
  const text = stateText(sourceCode, node);
  if (root.type === AST_NODE_TYPES.ThisExpression) {
    const method = getThisOwner(root);
    return method ? { kind: 'member', text, boundary: getEnclosingFunction(method) } : null;
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, root);
  const definition = variable?.defs[0];
  if (!variable || definition?.type !== 'Variable') return null;
  const scope = variable.scope.variableScope;
  if (scope.type === 'module' || scope.type === 'global') return { kind: 'module', text, boundary: null };
  const owner = scope.block;
  if (!isFunctionNode(owner) || owner === fn || !contains(owner, fn)) return null;
  return { kind: 'captured', text, boundary: owner };
}

/** True when some function that touches `state` from `fn` can run twice at once (roles/concurrentCalls.ts). */
export function isTouchedConcurrently(sourceCode: SourceCode, state: SharedState, fn: FunctionNode): boolean {
  return sharesStateAcrossConcurrentRuns(sourceCode, fn, state.boundary);
}

/** The text of a state expression without spaces, comments or optional chaining, for comparisons. */
export function stateText(sourceCode: SourceCode, node: TSESTree.Node): string {
  return sourceCode.getText(skipExpressionWrappers(node)).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|\s+/g, '').replace(/\?\./g, '.');
}

/**
 * The method `this` refers to at `thisNode`: the nearest non-arrow function, when it is a class method or
 * field, an object method, or assigned to a member (`Service.prototype.load = function () {…}`); a class
 * field's arrow (`handle = async () => {…}`) counts as a method. Null elsewhere (`this` of a plain function).
 */
function getThisOwner(thisNode: TSESTree.Node): FunctionNode | null {
  for (let current = thisNode.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) {
      const parent = getOutermostWrapper(current).parent;
      if (parent?.type === AST_NODE_TYPES.PropertyDefinition) return current;
      continue;
    }
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    // the generator of a compiled `async` method runs with the method's `this`
    if (current.type === AST_NODE_TYPES.FunctionExpression && keepsOuterThis(current)) continue;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const parent = getOutermostWrapper(current).parent;
      const isMethod =
        parent?.type === AST_NODE_TYPES.MethodDefinition ||
        parent?.type === AST_NODE_TYPES.PropertyDefinition ||
        parent?.type === AST_NODE_TYPES.Property ||
        (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression);
      return isMethod ? current : null;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return null;
  }
  return null;
}

/** Reads of the state named `text` inside `root` (not in nested functions, not as an assignment target). */
export function findStateReads(sourceCode: SourceCode, root: TSESTree.Node, text: string): TSESTree.Node[] {
  const reads: TSESTree.Node[] = [];
  walk(root, (node) => {
    if (isFunctionNode(node)) return false;
    if ((node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) && stateText(sourceCode, node) === text) {
      const parent = node.parent;
      if (!(parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node)) reads.push(node);
      return false;
    }
    return true;
  });
  return reads;
}

/** Some assignment of the state named `text` in `fn` lies between `start` and `end` (`const prev = this.state; this.state = 'busy'; …`). */
export function isStateWrittenBetween(sourceCode: SourceCode, fn: FunctionNode, text: string, start: number, end: number): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found || isFunctionNode(node) || node.range[1] <= start || node.range[0] >= end) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && stateText(sourceCode, node.left) === text) found = true;
    return !found;
  });
  return found;
}
