import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getStaticPropertyName, getTrailingName, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import { type FileKey, fileKeyOf } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { type ClassNode, getThisClass, isInStaticMember } from '../core/thisBinding';
import { getThisFieldInit } from './fieldValues';
import { findPrototypeMethods, getThisConstructor, resolveLocalConstructor } from './prototypeMethods';
import { isExportsObject, isModuleExports } from './estreeExportTable';

/** A declaration in this file that a call may land on: a function with a body, or a body-less signature. */
export type LocalCallable = FunctionNode | TSESTree.TSDeclareFunction | TSESTree.TSEmptyBodyFunctionExpression;

export type { ClassNode } from '../core/thisBinding';

/**
 * The functions of this file that calling `callee` runs, found without types:
 * `f()` (function declaration, `const f = () => …`, `const f = useCallback(() => …, deps)`, overloads), `this.m()` inside a class (a method, or a function
 * stored once at the top of the constructor; also through
 * `const self = this`), `obj.m()` for an object literal bound to a `const`, `x.m()` for
 * `const x = new LocalClass()` and `this.x.m()` for a field set once to one, `LocalClass.m()` for static methods; methods a class inherits from classes of
 * this file count as its own; ES5 classes' prototype methods (`this.m()` in `function Store() {}` or in another
 * `Store.prototype.n = function`, `x.m()` for `var x = new Store()`); the file's own CommonJS exports (`exports.f()`,
 * `module.exports.f()`), and another exported function through `this` in a mixin module. Empty when unknown.
 */
export function resolveLocalCallables(sourceCode: SourceCode, callee: TSESTree.Node): LocalCallable[] {
  const node = skipExpressionWrappers(callee);
  if (isFunctionNode(node)) return [node];
  if (node.type === AST_NODE_TYPES.Identifier) return resolveFunctionBinding(sourceCode, node);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return [];
  const name = getStaticPropertyName(node);
  if (name === null) return [];
  const owner = resolveMethodOwner(sourceCode, node);
  if (owner?.kind === 'prototype') return findPrototypeMethods(owner.constructor, name);
  if (owner?.kind === 'class') {
    const { callables } = findInheritedMethods(sourceCode, owner.classNode, name, owner.isStatic);
    return callables.length > 0 || owner.isStatic ? callables : constructorFunctionField(sourceCode, node);
  }
  if (owner?.kind === 'exports') return findCommonJsExports(sourceCode, owner.program, name);
  if (owner?.kind === 'mixin') return findExportedFunctions(owner.program, name);
  return owner?.kind === 'object' ? findObjectMethods(owner.object, name) : [];
}

/** The functions this file exports as `name` through CommonJS: `exports.name = f`, `module.exports.name = function …`, `module.exports = { name }`. */
function findCommonJsExports(sourceCode: SourceCode, program: TSESTree.Program, name: string): LocalCallable[] {
  const found: LocalCallable[] = [];
  const add = (raw: TSESTree.Node): void => {
    const value = skipExpressionWrappers(raw);
    if (isFunctionNode(value)) found.push(value);
    else if (value.type === AST_NODE_TYPES.Identifier) found.push(...resolveFunctionBinding(sourceCode, value));
  };
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    if (left.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (isModuleExports(left) && right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of right.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.kind === 'init' && getStaticPropertyName(property) === name) add(property.value);
      }
    } else if (getStaticPropertyName(left) === name && isOwnExportsObject(sourceCode, left.object)) {
      add(right);
    }
  }
  return found;
}

/** `export function name() {}`, `export const name = async () => …` at the top of the module. */
function findExportedFunctions(program: TSESTree.Program, name: string): LocalCallable[] {
  const found: LocalCallable[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : null;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) found.push(declaration);
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && isFunctionNode(init)) found.push(init);
      }
    }
  }
  return found;
}

/** CommonJS's `exports` or `module.exports`, where the file does not declare a binding of that name. */
function isOwnExportsObject(sourceCode: SourceCode, raw: TSESTree.Node): boolean {
  if (!isExportsObject(raw)) return false;
  let root = skipExpressionWrappers(raw);
  if (root.type === AST_NODE_TYPES.MemberExpression) root = skipExpressionWrappers(root.object);
  return root.type === AST_NODE_TYPES.Identifier && (findVariableOf(sourceCode, root)?.defs.length ?? 0) === 0;
}

/**
 * `this.onData` for a function stored once at the top of the constructor (`this.onData = async (chunk) => …`):
 * how TypeScript and Babel compile an arrow-function field for older targets, and how hand-written classes bind
 * handlers. Empty when the field is written anywhere else too (`modules/fieldValues.ts`).
 */
function constructorFunctionField(sourceCode: SourceCode, member: TSESTree.MemberExpression): LocalCallable[] {
  const init = getThisFieldInit(sourceCode, member);
  const value = init ? skipExpressionWrappers(init) : null;
  return isFunctionNode(value) ? [value] : [];
}

/**
 * What the receiver of `receiver.m` is, as far as this file says: the instance (or, for static calls, the
 * constructor) of a class of this file, or an object literal. `this` in a method, `const self = this`,
 * `const x = new LocalClass()`, `LocalClass.m`, `const api = { … }`.
 */
export type MethodOwner =
  | { readonly kind: 'class'; readonly classNode: ClassNode; readonly isStatic: boolean }
  | { readonly kind: 'object'; readonly object: TSESTree.ObjectExpression }
  /** An instance of an ES5 constructor function of this file (`prototypeMethods.ts`). */
  | { readonly kind: 'prototype'; readonly constructor: TSESLint.Scope.Variable }
  /**
   * The module's own exports: `exports.m()` / `module.exports.m()` for `exports.m = m` in this file (`exports`), or
   * `this.m()` inside an exported top-level function of a mixin module, whose host object gets every exported
   * function as a method (`mixin`: `export async function connect() { this.setKey(); }`).
   */
  | { readonly kind: 'exports' | 'mixin'; readonly program: TSESTree.Program };

export function resolveMethodOwner(sourceCode: SourceCode, member: TSESTree.MemberExpression): MethodOwner | null {
  const object = skipExpressionWrappers(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) return thisOwner(sourceCode, member);
  if (isOwnExportsObject(sourceCode, object)) return { kind: 'exports', program: sourceCode.ast };
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    // this.store.m() for a field set once to `new LocalClass()`
    const init = getThisFieldInit(sourceCode, object);
    const created = init ? skipExpressionWrappers(init) : null;
    const classNode = created?.type === AST_NODE_TYPES.NewExpression ? resolveLocalClass(sourceCode, created.callee) : null;
    return classNode ? { kind: 'class', classNode, isStatic: false } : null;
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, object);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.type === 'ClassName') return { kind: 'class', classNode: definition.node, isStatic: true };
  if (definition.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const init = skipExpressionWrappers(declarator.init);
  if (init.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'object', object: init };
  if (init.type === AST_NODE_TYPES.ClassExpression) return { kind: 'class', classNode: init, isStatic: true };
  // const self = this; … self.m()
  if (init.type === AST_NODE_TYPES.ThisExpression) return thisOwner(sourceCode, init);
  if (init.type === AST_NODE_TYPES.NewExpression) {
    const classNode = resolveLocalClass(sourceCode, init.callee);
    if (classNode) return { kind: 'class', classNode, isStatic: false };
    const constructor = hasPrototypes(sourceCode) ? resolveLocalConstructor(sourceCode, init.callee) : null;
    return constructor ? { kind: 'prototype', constructor } : null;
  }
  return null;
}

function thisOwner(sourceCode: SourceCode, node: TSESTree.Node): MethodOwner | null {
  const classNode = getThisClass(node);
  if (classNode) return { kind: 'class', classNode, isStatic: isInStaticMember(node) };
  const constructor = hasPrototypes(sourceCode) ? getThisConstructor(sourceCode, node) : null;
  if (constructor) return { kind: 'prototype', constructor };
  return isInExportedFunction(node) ? { kind: 'mixin', program: sourceCode.ast } : null;
}

/** `this` of an exported top-level function declaration (`export async function connect() { this… }`): a mixin method. */
function isInExportedFunction(node: TSESTree.Node): boolean {
  let current: TSESTree.Node | undefined = node.parent;
  while (current && (!isFunctionNode(current) || current.type === AST_NODE_TYPES.ArrowFunctionExpression)) current = current.parent;
  return current?.type === AST_NODE_TYPES.FunctionDeclaration && current.parent.type === AST_NODE_TYPES.ExportNamedDeclaration && current.parent.parent.type === AST_NODE_TYPES.Program;
}

const filesWithPrototypes = new WeakMap<FileKey, boolean>();

/** The file assigns to some `.prototype` at all: only then can `this` be an ES5 class's instance. */
function hasPrototypes(sourceCode: SourceCode): boolean {
  const file = fileKeyOf(sourceCode);
  let found = filesWithPrototypes.get(file);
  if (found === undefined) {
    found = sourceCode.text.includes('.prototype');
    filesWithPrototypes.set(file, found);
  }
  return found;
}

/** How many `extends` links a method is looked up through. */
const MAX_BASE_CLASSES = 16;

/**
 * The methods named `name` that an instance of `classNode` (or the constructor, for static ones) has: its own,
 * else those it inherits from classes of this file up the `extends` chain. `base` is the first `extends`
 * expression that is not a class of this file (an imported class, a mixin call), where the search stopped
 * without finding the method; null when the chain ended in this file.
 */
export function findInheritedMethods(
  sourceCode: SourceCode,
  classNode: ClassNode,
  name: string,
  isStatic: boolean,
): { callables: LocalCallable[]; base: TSESTree.Expression | null } {
  const seen = new Set<ClassNode>();
  for (let current: ClassNode | null = classNode; current && !seen.has(current) && seen.size < MAX_BASE_CLASSES; ) {
    seen.add(current);
    const own = findClassMethods(current, name, isStatic);
    if (own.length > 0 || hasOwnMember(current, name, isStatic)) return { callables: own, base: null };
    const superClass = current.superClass;
    if (!superClass) return { callables: [], base: null };
    const next = resolveLocalClass(sourceCode, superClass);
    if (!next) return { callables: [], base: superClass };
    current = next;
  }
  return { callables: [], base: null };
}

/** A member named `name` that is not a method (a field, an accessor): it hides what a base class has. */
function hasOwnMember(classNode: ClassNode, name: string, isStatic: boolean): boolean {
  return classNode.body.body.some(
    (member) =>
      (member.type === AST_NODE_TYPES.MethodDefinition ||
        member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractMethodDefinition ||
        member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition) &&
      member.static === isStatic &&
      getStaticPropertyName(member) === name,
  );
}

/** A class of this file that `node` names (`class A {}`, `const A = class {}`), or null. */
export function resolveLocalClass(sourceCode: SourceCode, node: TSESTree.Node): ClassNode | null {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.ClassExpression) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariableOf(sourceCode, inner);
  const definition = variable?.defs[0];
  if (!variable || !definition) return null;
  if (definition.type === 'ClassName') return definition.node;
  if (definition.type === 'Variable' && isNeverReassigned(variable) && definition.node.init) {
    const init = skipExpressionWrappers(definition.node.init);
    if (init.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return null;
}

/**
 * The function a React `useCallback(fn, deps)` (`React.useCallback`) hands back is `fn` itself, kept across renders:
 * `const connect = useCallback(async (props) => …, [deps])` runs the arrow when called. Other values as they are.
 */
function memoizedCallback(init: TSESTree.Node): TSESTree.Node {
  if (init.type !== AST_NODE_TYPES.CallExpression || getTrailingName(skipExpressionWrappers(init.callee)) !== 'useCallback') return init;
  const [callback] = init.arguments;
  return callback && callback.type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(callback) : init;
}

function resolveFunctionBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): LocalCallable[] {
  const variable = findVariableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return [];
  const callables: LocalCallable[] = [];
  for (const definition of variable.defs) {
    if (definition.type === 'FunctionName') {
      callables.push(definition.node);
    } else if (definition.type === 'Variable' && variable.defs.length === 1 && isNeverReassigned(variable)) {
      const declarator = definition.node;
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) {
        const init = memoizedCallback(skipExpressionWrappers(declarator.init));
        if (isFunctionNode(init)) callables.push(init);
      }
    }
  }
  return callables;
}



/** Methods (incl. overload signatures) and function-valued fields named `name` declared in `classNode` itself. */
export function findClassMethods(classNode: ClassNode, name: string, isStatic: boolean): LocalCallable[] {
  const found: LocalCallable[] = [];
  for (const member of findNamedMembers(classNode, name, isStatic)) {
    const callable = memberCallable(member);
    if (callable) found.push(callable);
    // one level only: a field bound to another field's method is not followed further
    const bound = member.type === AST_NODE_TYPES.PropertyDefinition && member.value ? getBoundOwnMethodName(skipExpressionWrappers(member.value)) : null;
    if (bound === null || bound === name) continue;
    for (const target of findNamedMembers(classNode, bound, isStatic)) {
      const method = memberCallable(target);
      if (isFunctionNode(method)) found.push(method);
    }
  }
  return found;
}

/** A method's function (a body-less signature too), or a field's value when it is a function. */
function memberCallable(member: TSESTree.MethodDefinition | TSESTree.TSAbstractMethodDefinition | TSESTree.PropertyDefinition): LocalCallable | null {
  if (member.type !== AST_NODE_TYPES.PropertyDefinition) return member.value;
  const value = member.value ? skipExpressionWrappers(member.value) : null;
  return isFunctionNode(value) ? value : null;
}

/** The class's methods (not getters or setters) and fields named `name`, static or not as asked. */
function findNamedMembers(
  classNode: ClassNode,
  name: string,
  isStatic: boolean,
): (TSESTree.MethodDefinition | TSESTree.TSAbstractMethodDefinition | TSESTree.PropertyDefinition)[] {
  return classNode.body.body.filter(
    (member): member is TSESTree.MethodDefinition | TSESTree.TSAbstractMethodDefinition | TSESTree.PropertyDefinition =>
      (((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) && member.kind === 'method') ||
        member.type === AST_NODE_TYPES.PropertyDefinition) &&
      member.static === isStatic &&
      getStaticPropertyName(member) === name,
  );
}

/**
 * `this.tryToHandleDialog.bind(this)` (also with more arguments): the name of the method of the same class that a
 * field initialised this way calls (`private onDialog = this.tryToHandleDialog.bind(this)`: @serenity-js/webdriverio
 * 3.42.2 stopped handing the async method so bound to an event emitter, which dropped its promise).
 */
function getBoundOwnMethodName(value: TSESTree.Node): string | null {
  if (value.type !== AST_NODE_TYPES.CallExpression || value.arguments[0]?.type !== AST_NODE_TYPES.ThisExpression) return null;
  const callee = skipExpressionWrappers(value.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'bind') return null;
  const bound = skipExpressionWrappers(callee.object);
  if (bound.type !== AST_NODE_TYPES.MemberExpression || skipExpressionWrappers(bound.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  return getStaticPropertyName(bound);
}

/**
 * The functions `this.m()` (or `self.m()`) runs when called from `caller`: `resolveLocalCallables`'s, else the sibling
 * method of the prototype object literal `caller` belongs to (`findSiblingObjectMethods`: `Strophe.Websocket.prototype =
 * { … }`, whose owner is no variable the prototype readers follow).
 */
export function resolveMethodsCalledFrom(sourceCode: SourceCode, callee: TSESTree.MemberExpression, caller: FunctionNode | null): FunctionNode[] {
  const resolved = resolveLocalCallables(sourceCode, callee).filter(isFunctionNode);
  if (resolved.length > 0 || !caller) return resolved;
  const name = getStaticPropertyName(callee);
  return name === null ? [] : findSiblingObjectMethods(caller, name).filter(isFunctionNode);
}

/**
 * `this.m()` inside a method of an object literal that is a prototype (`Socket.prototype = { connect() { this.m(); }, m() {…} }`):
 * the sibling method named `name` of the literal the calling method belongs to. Empty when `fn` is no such method.
 */
export function findSiblingObjectMethods(fn: FunctionNode, name: string): LocalCallable[] {
  const property = fn.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== fn) return [];
  const object = property.parent;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const holder = object.parent;
  // `X.prototype = { … }`: the methods of every instance of X
  const isPrototype = holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === object && holder.left.type === AST_NODE_TYPES.MemberExpression && getStaticPropertyName(holder.left) === 'prototype';
  return isPrototype ? findObjectMethods(object, name) : [];
}

function findObjectMethods(object: TSESTree.ObjectExpression, name: string): LocalCallable[] {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
    if (getStaticPropertyName(property) !== name) continue;
    const value = skipExpressionWrappers(property.value);
    return isFunctionNode(value) ? [value] : [];
  }
  return [];
}
