import type { TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '../core/astUtils';
import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type FunctionNode, getEnclosingFunction, getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { findVariableOf, getScopeOf, isNeverReassigned } from '../core/scope';
import type { DeclaredType } from '../modules/declaredTypes';
import { getThisClass } from '../core/thisBinding';
import { resolveLocalClass } from '../modules/localFunctions';
import { localClassSyntax, localDeclarationOf, localDeclarationOfVariable, localTypeRef, memberKeyName } from '../modules/localTypeSyntax';
import { isTypeScriptSource } from '../modules/crossFile';
import { getReceiverTypeName } from '../modules/writtenReceiverTypes';
import { declaredTypeOf, declaredTypeOfDeclaration } from './declaredTypeReader';

/**
 * Without the checker: the type written for the place where an expression stands, in this file or a
 * project file it imports. A variable's annotation, the member of an object literal's declared type, an
 * element of a declared array or tuple, the parameter of a local or imported function, the declared return
 * type of the enclosing function, a JSX component's props, `x as T` and `x satisfies T`. Null where nothing
 * is written (or it is written in a package, which only the checker reads).
 */
export function declaredTypeAt(sourceCode: SourceCode, node: TSESTree.Node, walk = new BoundedWalk(NESTING_LIMITS)): DeclaredType | null {
  return walk.enter(node, null, () => declaredTypeAtStep(sourceCode, node, walk));
}

function declaredTypeAtStep(sourceCode: SourceCode, node: TSESTree.Node, walk: BoundedWalk): DeclaredType | null {
  const outer = getValuePosition(node);
  const parent = outer.parent;
  if (!parent) return null;
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
      return declaredTypeOf(localTypeRef(sourceCode, parent.typeAnnotation));
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier && parent.id.typeAnnotation
        ? declaredTypeOf(localTypeRef(sourceCode, parent.id.typeAnnotation.typeAnnotation))
        : null;
    case AST_NODE_TYPES.PropertyDefinition:
      return parent.value === outer && parent.typeAnnotation ? declaredTypeOf(localTypeRef(sourceCode, parent.typeAnnotation.typeAnnotation)) : null;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === outer ? declaredTypeOfTarget(sourceCode, parent.left, walk) : null;
    case AST_NODE_TYPES.Property: {
      if (parent.value !== outer || parent.kind !== 'init' || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const key = memberKeyName(parent);
      return key === null ? null : (declaredTypeAt(sourceCode, parent.parent, walk)?.member(key) ?? null);
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const index = parent.elements.indexOf(outer as TSESTree.Expression);
      if (index < 0 || parent.elements.slice(0, index).some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return null;
      return declaredTypeAt(sourceCode, parent, walk)?.element(index) ?? null;
    }
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = getEnclosingFunction(parent);
      return fn ? declaredReturnOf(sourceCode, fn) : null;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === outer ? declaredReturnOf(sourceCode, parent) : null;
    case AST_NODE_TYPES.CallExpression: {
      const index = parent.arguments.indexOf(outer as TSESTree.CallExpressionArgument);
      if (index < 0 || parent.arguments.slice(0, index).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
      return declaredTypeOfCallee(sourceCode, parent.callee, walk)?.parameter(index) ?? null;
    }
    case AST_NODE_TYPES.JSXExpressionContainer: {
      const attribute = parent.parent;
      if (attribute.type !== AST_NODE_TYPES.JSXAttribute || attribute.name.type !== AST_NODE_TYPES.JSXIdentifier) return null;
      return declaredPropsOf(sourceCode, attribute.parent)?.member(attribute.name.name) ?? null;
    }
    default:
      return null;
  }
}

/**
 * How many object literals, arrays, calls and member accesses deep a position may be nested in the one
 * that declares it (`{ a: { b: [() => …] } }`, `this.a.b.c = …`).
 */
const NESTING_LIMITS = { maxDepth: 8 };

/**
 * The node whose parent decides what is expected of `node`: past `x!`, optional chains, and the branches
 * of `c ? a : b` and `a || b` (a value from either branch ends up in the same place).
 */
export function getValuePosition(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    if (parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.ChainExpression) {
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) {
      current = parent;
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression) {
      current = parent;
    } else {
      break;
    }
  }
  return current;
}

/** The declared type of what an assignment writes to: `x` (its annotation), `a.b`, `this.b` (the member's). */
export function declaredTypeOfTarget(sourceCode: SourceCode, target: TSESTree.Node, walk = new BoundedWalk(NESTING_LIMITS)): DeclaredType | null {
  const inner = skipExpressionWrappers(target);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const declaration = localDeclarationOf(sourceCode, inner, 'value');
    return declaration?.kind === 'variable' && declaration.type ? declaredTypeOf(declaration.type) : null;
  }
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getStaticPropertyName(inner);
  if (name === null) return null;
  return declaredTypeOfValue(sourceCode, inner.object, walk)?.member(name) ?? null;
}

/** The declared type of a value (a receiver): an annotated name, `this` in a class, an instance of a known class, `a.b`. */
export function declaredTypeOfReceiver(sourceCode: SourceCode, node: TSESTree.Node): DeclaredType | null {
  return declaredTypeOfValue(sourceCode, node, new BoundedWalk(NESTING_LIMITS));
}

/**
 * The type a never-reassigned variable holds by what its initializer's callee is written to return: `const store =
 * createStore()` with `createStore(): Store`, `const db = await connect()` with `connect(): Promise<Db>`. TypeScript
 * files only. Asked only where a dropped promise is judged: reading the declarations of every factory of a file
 * keeps their files' syntax trees for the whole run.
 */
export function declaredTypeOfFactoryResult(sourceCode: SourceCode, identifier: TSESTree.Identifier): DeclaredType | null {
  if (!isTypeScriptSource(sourceCode)) return null;
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  const init = definition?.type === 'Variable' && definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
  if (!init || !variable || !isNeverReassigned(variable)) return null;
  if (init.type === AST_NODE_TYPES.CallExpression) return declaredTypeOfCallee(sourceCode, init.callee)?.returned(false) ?? null;
  const awaited = init.type === AST_NODE_TYPES.AwaitExpression ? skipExpressionWrappers(init.argument) : null;
  return awaited?.type === AST_NODE_TYPES.CallExpression ? (declaredTypeOfCallee(sourceCode, awaited.callee)?.returned(true) ?? null) : null;
}

/** The declared type of a value: an annotated name, `this` in a class, an instance of a known class, `a.b`. */
function declaredTypeOfValue(sourceCode: SourceCode, node: TSESTree.Node, walk: BoundedWalk): DeclaredType | null {
  return walk.enter(node, null, () => declaredTypeOfValueStep(sourceCode, node, walk));
}

function declaredTypeOfValueStep(sourceCode: SourceCode, node: TSESTree.Node, walk: BoundedWalk): DeclaredType | null {
  const inner = skipExpressionWrappers(node);
  switch (inner.type) {
    case AST_NODE_TYPES.ThisExpression: {
      const classNode = getThisClass(inner);
      return classNode ? declaredTypeOfDeclaration(localClassSyntax(sourceCode, classNode)) : null;
    }
    case AST_NODE_TYPES.Identifier: {
      const declaration = localDeclarationOf(sourceCode, inner, 'value');
      if (declaration?.kind === 'variable' && declaration.type) return declaredTypeOf(declaration.type);
      // const x = new Service(): an instance of a class of this file or a project file it imports
      const definition = findVariableOf(sourceCode, inner)?.defs[0];
      const init = definition?.type === 'Variable' && definition.node.init ? skipExpressionWrappers(definition.node.init) : null;
      if (init?.type !== AST_NODE_TYPES.NewExpression) return null;
      const local = resolveLocalClass(sourceCode, init.callee);
      if (local) return declaredTypeOfDeclaration(localClassSyntax(sourceCode, local));
      const callee = skipExpressionWrappers(init.callee);
      const imported = callee.type === AST_NODE_TYPES.Identifier ? localDeclarationOf(sourceCode, callee, 'value') : null;
      return imported?.kind === 'class' ? declaredTypeOfDeclaration(imported) : null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = getStaticPropertyName(inner);
      return name === null ? null : (declaredTypeOfValue(sourceCode, inner.object, walk)?.member(name) ?? null);
    }
    default:
      return null;
  }
}

/** The declared type of what a call calls: a function of this file or a project file it imports, a method of a declared value. */
export function declaredTypeOfCallee(sourceCode: SourceCode, callee: TSESTree.Node, walk = new BoundedWalk(NESTING_LIMITS)): DeclaredType | null {
  const inner = skipExpressionWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const declaration = localDeclarationOf(sourceCode, inner, 'value');
    return declaration && declaration.kind !== 'class' ? declaredTypeOfDeclaration(declaration) : null;
  }
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = getStaticPropertyName(inner);
  return name === null ? null : (declaredTypeOfValue(sourceCode, inner.object, walk)?.member(name) ?? null);
}

/** The props a JSX element's component declares: the type of the first parameter of a function component. */
function declaredPropsOf(sourceCode: SourceCode, element: TSESTree.JSXOpeningElement): DeclaredType | null {
  const name = element.name;
  if (name.type !== AST_NODE_TYPES.JSXIdentifier || !/^[A-Z]/.test(name.name)) return null; // intrinsic elements: the checker's business
  const variable = ASTUtils.findVariable(getScopeOf(sourceCode, element), name.name);
  if (!variable) return null;
  const declaration = localDeclarationOfVariable(sourceCode, variable, 'value');
  if (!declaration || declaration.kind === 'class') return null;
  return declaredTypeOfDeclaration(declaration)?.parameter(0) ?? null;
}

/** The declared return type of a function (the promised type for an `async` one). */
export function declaredReturnOf(sourceCode: SourceCode, fn: FunctionNode): DeclaredType | null {
  const annotation = fn.returnType?.typeAnnotation;
  if (!annotation) return null;
  if (!fn.async) return declaredTypeOf(localTypeRef(sourceCode, annotation));
  const syntax = localTypeRef(sourceCode, annotation).read();
  if (syntax.form !== 'reference' || syntax.name !== 'Promise' || syntax.target().kind !== 'global') return null;
  return declaredTypeOf(syntax.args[0] ?? null);
}

/**
 * Whether the written type of a method call's receiver names an import: `store.load()` with `store: Store`,
 * `this.users.save()` with `private users: UserRepository` (also a constructor parameter), where `Store` or
 * `UserRepository` is imported (from a project file or a package).
 */
export function isReceiverTypeImported(sourceCode: SourceCode, callee: TSESTree.MemberExpression): boolean {
  const named = getReceiverTypeName(sourceCode, callee.object);
  return named !== null && findVariableOf(sourceCode, named)?.defs[0]?.type === 'ImportBinding';
}
