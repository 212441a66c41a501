import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, getStaticPropertyName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { getCompiledBodyThis, keepsOuterThis } from '../core/compiledAsync';
import { isThisAlias } from '../core/thisBinding';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf } from '../core/scope';

type Variable = TSESLint.Scope.Variable;

/**
 * ES5 classes: a constructor function and the methods assigned to its prototype (`function Store(db) { … }`,
 * `Store.prototype.open = function (cb) { … }`, or `Store.prototype = { open: function … }`), as libraries written
 * before `class` define them, and as TypeScript's and Babel's ES5 output does (`var Store = (function () { function
 * Store() {} Store.prototype.open = …; return Store; }())`, where the inner `function Store` is the constructor).
 */

/**
 * The constructor function whose instance `this` is at `node` (through arrow functions and the generators of
 * compiled `async` functions): inside the constructor itself, or inside a function assigned to a property of its
 * prototype. Null elsewhere, and for a function that has no prototype methods (a plain function's `this`).
 */
export function getThisConstructor(sourceCode: SourceCode, node: TSESTree.Node): Variable | null {
  const fn = getThisFunction(sourceCode, node);
  if (!fn) return null;
  const parent = fn.parent;
  // X.prototype.m = function () { … this … }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
    const constructorName = prototypeMemberOwner(parent.left);
    const variable = constructorName ? findVariableOf(sourceCode, constructorName) : null;
    return variable && hasPrototypeMembers(variable) ? variable : null;
  }
  // X.prototype = { m: function () { … this … } }
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const assignment = parent.parent.parent;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== parent.parent) return null;
    const constructorName = prototypeOwner(assignment.left);
    const variable = constructorName ? findVariableOf(sourceCode, constructorName) : null;
    return variable && hasPrototypeMembers(variable) ? variable : null;
  }
  return constructorVariableOf(sourceCode, fn);
}

/** The constructor function a name or `new` callee refers to (`new Store()`, `Store`), when it has prototype methods. */
export function resolveLocalConstructor(sourceCode: SourceCode, node: TSESTree.Node): Variable | null {
  const inner = skipExpressionWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, inner);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.type === 'FunctionName') return hasPrototypeMembers(variable) ? variable : null;
  if (definition.type !== 'Variable' || definition.node.init === null) return null;
  const init = skipExpressionWrappers(definition.node.init);
  if (isFunctionNode(init)) return hasPrototypeMembers(variable) ? variable : null;
  // var Store = (function () { function Store() {} Store.prototype.m = …; return Store; }())
  const returned = returnedByImmediateCall(init);
  const constructor = returned ? findVariableOf(sourceCode, returned) : null;
  return constructor && constructor !== variable && constructor.defs[0]?.type === 'FunctionName' && hasPrototypeMembers(constructor) ? constructor : null;
}

/** The name an immediately called function expression returns at its end (`return Store;`). */
function returnedByImmediateCall(node: TSESTree.Node): TSESTree.Identifier | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(node.callee);
  if ((callee.type !== AST_NODE_TYPES.FunctionExpression && callee.type !== AST_NODE_TYPES.ArrowFunctionExpression) || callee.body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const last = callee.body.body[callee.body.body.length - 1];
  const value = last?.type === AST_NODE_TYPES.ReturnStatement && last.argument ? skipExpressionWrappers(last.argument) : null;
  return value?.type === AST_NODE_TYPES.Identifier ? value : null;
}

/** The functions assigned to the prototype property `name` of the constructor `variable`. */
export function findPrototypeMethods(variable: Variable, name: string): FunctionNode[] {
  const found: FunctionNode[] = [];
  forEachPrototypeFunction(variable, (property, fn) => {
    if (property === name) found.push(fn);
  });
  return found;
}

/** The functions assigned to the constructor's prototype, by property name (the first of each name). */
export function listPrototypeMethods(variable: Variable): Map<string, FunctionNode> {
  const found = new Map<string, FunctionNode>();
  forEachPrototypeFunction(variable, (property, fn) => {
    if (!found.has(property)) found.set(property, fn);
  });
  return found;
}

/** Each function assigned to a static name of the constructor's prototype, in source order of the assignments. */
function forEachPrototypeFunction(variable: Variable, visit: (name: string, fn: FunctionNode) => void): void {
  const offer = (name: string | null, raw: TSESTree.Node): void => {
    const value = skipExpressionWrappers(raw);
    if (name !== null && isFunctionNode(value)) visit(name, value);
  };
  for (const reference of variable.references) {
    const prototype = reference.identifier.parent;
    if (!isPrototypeAccess(prototype, reference.identifier)) continue;
    const outer = prototype.parent;
    // X.prototype.name = function …
    if (outer.type === AST_NODE_TYPES.MemberExpression && outer.object === prototype) {
      const assignment = outer.parent;
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === outer && assignment.operator === '=') offer(getStaticPropertyName(outer), assignment.right);
    }
    // X.prototype = { name: function … }
    if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === prototype && outer.right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of outer.right.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.kind === 'init') offer(getStaticPropertyName(property), property.value);
      }
    }
  }
}

/** The constructor's own function (`function Store() {}`, `var Store = function () {}`). */
export function constructorFunction(variable: Variable): FunctionNode | null {
  const definition = variable.defs[0];
  if (definition?.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.type !== 'Variable' || !definition.node.init) return null;
  const init = skipExpressionWrappers(definition.node.init);
  return isFunctionNode(init) ? init : null;
}

/** Calls that make one constructor inherit another's prototype. */
const INHERIT_CALLS: ReadonlySet<string> = new Set(['inherits', '__extends', '_inherits', '_inheritsLoose', 'extend']);

/**
 * Whether the constructor inherits another's methods: `util.inherits(Store, Base)`, compiled `__extends(Store, _super)`,
 * `Store.prototype = Object.create(Base.prototype)`, `Object.setPrototypeOf(Store.prototype, …)`.
 */
export function extendsAnother(variable: Variable): boolean {
  return variable.references.some((reference) => {
    const identifier = reference.identifier;
    const parent = identifier.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier) {
      const callee = skipExpressionWrappers(parent.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
      return name !== null && INHERIT_CALLS.has(name) && parent.arguments.length >= 2;
    }
    if (!isPrototypeAccess(parent, identifier)) return false;
    const outer = parent.parent;
    if (outer.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) return outer.right.type !== AST_NODE_TYPES.ObjectExpression;
    if (outer.type !== AST_NODE_TYPES.CallExpression || outer.arguments[0] !== parent) return false;
    const callee = skipExpressionWrappers(outer.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(callee) === 'setPrototypeOf';
  });
}

/** The nearest function that has its own `this` (not an arrow, not a compiled `async` function's generator). */
function getThisFunction(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
    if (current.type === AST_NODE_TYPES.FunctionExpression && !keepsOuterThis(current)) {
      // `__awaiter(_this, …, function () {…})` in an arrow compiled for ES5: the `this` of where `var _this = this` is
      const alias = getCompiledBodyThis(current);
      const holder = alias?.type === AST_NODE_TYPES.Identifier && isThisAlias(sourceCode, alias) ? findVariableOf(sourceCode, alias)?.defs[0]?.node : undefined;
      if (!holder) return current;
      current = holder;
      continue;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) return null;
  }
  return null;
}

/** `function X() { … }` or `var X = function () { … }` with prototype methods: the constructor itself. */
function constructorVariableOf(sourceCode: SourceCode, fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression): Variable | null {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) name = fn.parent.id;
  const variable = name ? findVariableOf(sourceCode, name) : null;
  return variable && hasPrototypeMembers(variable) ? variable : null;
}

function hasPrototypeMembers(variable: Variable): boolean {
  return variable.references.some((reference) => isPrototypeAccess(reference.identifier.parent, reference.identifier));
}

function isPrototypeAccess(node: TSESTree.Node, object: TSESTree.Node): node is TSESTree.MemberExpression {
  return node.type === AST_NODE_TYPES.MemberExpression && node.object === object && getStaticPropertyName(node) === 'prototype';
}

/** `X` in `X.prototype.m` (the left side of a method's assignment). */
function prototypeMemberOwner(target: TSESTree.Node): TSESTree.Identifier | null {
  return target.type === AST_NODE_TYPES.MemberExpression ? prototypeOwner(target.object) : null;
}

/** `X` in `X.prototype`. */
function prototypeOwner(node: TSESTree.Node): TSESTree.Identifier | null {
  if (node.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(node) !== 'prototype') return null;
  const object = skipExpressionWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier ? object : null;
}
