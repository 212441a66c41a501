import type { TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipExpressionWrappers, walk } from './ast';
import { keepsOuterThis } from './compiledAsync';
import { AST_NODE_TYPES } from './nodeTypes';
import type { SourceCode } from './ruleContext';
import { findVariableOf } from './scope';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * The class whose instance `this` is at `node` (through arrow functions, not through other functions). With
 * `throughAwaiters`, also through the generators of compiled async methods (`__awaiter(this, …, function* () {…})`),
 * which run with the method's `this`.
 */
export function getThisClass(node: TSESTree.Node, throughAwaiters = false): ClassNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      if (throughAwaiters && keepsOuterThis(current)) continue;
      const owner = current.parent;
      if (owner?.type === AST_NODE_TYPES.MethodDefinition) return owner.parent.parent as ClassNode;
      return null;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) {
      return current.parent.parent as ClassNode;
    }
  }
  return null;
}

/** `node` is in a static method, field or block (where `this` is the class itself). */
export function isInStaticMember(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.MethodDefinition || current.type === AST_NODE_TYPES.PropertyDefinition) {
      return current.static;
    }
    if (current.type === AST_NODE_TYPES.StaticBlock) return true;
  }
  return false;
}

/** `this` (or `super`) anywhere in `node`, outside nested non-arrow functions (which have their own; not the generator of a compiled `async` function). */
export function containsThis(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (child) => {
    if (found) return false;
    if ((child.type === AST_NODE_TYPES.FunctionExpression && !keepsOuterThis(child)) || child.type === AST_NODE_TYPES.FunctionDeclaration) return false;
    if (child.type === AST_NODE_TYPES.ThisExpression || child.type === AST_NODE_TYPES.Super) found = true;
    return !found;
  });
  return found;
}

/**
 * The names compiled and ES5 code gives `this` (`var _this = this`, `var self = this`, `var that = this`; TypeScript's
 * `var this_1 = this` for a loop body it moves into a function).
 */
const THIS_ALIAS_NAME = /^(?:_this\d*|this_\d+|_self|self|that|_that|me)$/;

/**
 * A variable of such a name that holds `this`: `var _this = this`, or TypeScript's ES5 constructor's
 * `var _this = _super.call(this) || this`.
 */
export function isThisAlias(sourceCode: SourceCode, name: TSESTree.Identifier): boolean {
  if (!THIS_ALIAS_NAME.test(name.name)) return false;
  const definition = findVariableOf(sourceCode, name)?.defs[0];
  if (definition?.type !== 'Variable' || !definition.node.init) return false;
  const init = skipExpressionWrappers(definition.node.init);
  if (init.type === AST_NODE_TYPES.ThisExpression) return true;
  return init.type === AST_NODE_TYPES.LogicalExpression && skipExpressionWrappers(init.right).type === AST_NODE_TYPES.ThisExpression;
}

/**
 * A receiver's identity within the file: its path of static names with `this` and its aliases written `this`
 * (`_this.pstream` and `this.pstream` are one emitter, `self` is `this`). Null for a computed or called receiver
 * (`this.get(id)`, `list[i]`).
 */
export function receiverKey(sourceCode: SourceCode, raw: TSESTree.Node): string | null {
  const parts: string[] = [];
  let node = skipExpressionWrappers(raw);
  for (let depth = 0; depth < 8; depth++) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = getStaticPropertyName(node);
      if (name === null || node.computed) return null;
      parts.unshift(name);
      node = skipExpressionWrappers(node.object);
      continue;
    }
    if (node.type === AST_NODE_TYPES.ThisExpression) return ['this', ...parts].join('.');
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    return [isThisAlias(sourceCode, node) ? 'this' : node.name, ...parts].join('.');
  }
  return null;
}
