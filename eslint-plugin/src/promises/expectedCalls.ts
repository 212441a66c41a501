import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { skipExpressionWrappers } from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { type DeclaredType, isPromiseLikeKind } from '../modules/declaredTypes';
import { getTypeScript, isAnyOrUnknown, type TypedServices, unionParts } from '../core/typeInfo';
import { classifyPromiseType } from './promiseInference';

/**
 * What a declared type expects from a function placed where it is declared:
 * - `void`: a function whose result is ignored (`() => void`), so a promise it returns is dropped;
 * - `acceptsPromise`: some signature takes a promise-returning function (`() => Promise<void>`,
 *   `() => void | Promise<void>`, `() => unknown`, an overload that returns a promise, a generic result);
 * - `unknown`: not a function type, or a type that says nothing (`any`, `unknown`, `Function`).
 */
export type ExpectedCall = 'void' | 'acceptsPromise' | 'unknown';

/** How far a verdict follows unions and type parameters' constraints (`T extends U`, `U extends () => void`). */
const TYPE_LIMITS = { maxDepth: 8 };

/** From the checker: every call signature of every union member (nullish members left out), type parameters by their constraint. */
export function expectedCallOfType(services: TypedServices, type: ts.Type, node: TSESTree.Node): ExpectedCall {
  return combine([classifyType(services, type, node, new BoundedWalk(TYPE_LIMITS))]);
}

/** Like `ExpectedCall`, with `none` for a type that is certainly not callable (a string in `(() => void) | string`). */
type Verdict = ExpectedCall | 'none';

/**
 * How a walk reads signatures: `loose` counts a result of `any`, `unknown` or a type parameter as accepting
 * a promise (such a slot takes any function); `strict` counts only a declared promise (for the catalog's
 * positions, where an `unknown` result is still read as a boolean or ignored: `filter`, `forEach`).
 */
export type Reading = 'loose' | 'strict';

function classifyType(services: TypedServices, type: ts.Type, node: TSESTree.Node, walk: BoundedWalk, reading: Reading = 'loose'): Verdict {
  if (isAnyOrUnknown(type)) return 'unknown';
  return walk.enter(type, 'unknown', () => classifyTypeStep(services, type, node, walk, reading));
}

function classifyTypeStep(services: TypedServices, type: ts.Type, node: TSESTree.Node, walk: BoundedWalk, reading: Reading): Verdict {
  const { TypeFlags } = getTypeScript();
  const checker = services.program.getTypeChecker();
  if (type.flags & TypeFlags.TypeParameter) {
    const constraint = checker.getBaseConstraintOfType(type);
    return constraint && constraint !== type ? classifyType(services, constraint, node, walk, reading) : 'unknown';
  }
  if (type.isUnion()) {
    const verdicts = type.types
      .filter((part) => !(part.flags & (TypeFlags.Undefined | TypeFlags.Null | TypeFlags.Void)))
      .map((part) => classifyType(services, part, node, walk, reading));
    return combine(verdicts);
  }
  let sawVoid = false;
  let sawSignature = false;
  for (const signature of checker.getApparentType(type).getCallSignatures()) {
    sawSignature = true;
    const result = classifyReturn(services, signature.getReturnType(), node, reading);
    if (result === 'acceptsPromise') return result;
    if (result === 'void') sawVoid = true;
  }
  if (sawVoid) return 'void';
  return sawSignature ? 'unknown' : 'none';
}

function classifyReturn(services: TypedServices, result: ts.Type, node: TSESTree.Node, reading: Reading): ExpectedCall {
  const { TypeFlags } = getTypeScript();
  const open = TypeFlags.Any | TypeFlags.Unknown | TypeFlags.TypeParameter;
  if (reading === 'loose' && result.flags & open) return 'acceptsPromise';
  if (!(result.flags & open) && classifyPromiseType(services, result, node) !== null) return 'acceptsPromise';
  const parts = unionParts(result);
  if (reading === 'loose' && parts.some((part) => part.flags & open)) return 'acceptsPromise';
  return parts.some((part) => part.flags & TypeFlags.Void) ? 'void' : 'unknown';
}

function combine(verdicts: readonly Verdict[]): ExpectedCall {
  if (verdicts.includes('acceptsPromise')) return 'acceptsPromise';
  if (verdicts.includes('unknown')) return 'unknown';
  return verdicts.includes('void') ? 'void' : 'unknown';
}

/**
 * Without types, from a written type (`modules/declaredTypes.ts`): `void` when its call signatures return
 * `void` (or `void` and other non-promise types) and none returns a promise, `any`, `unknown` or a type
 * that cannot be read.
 */
export function expectedCallOfDeclared(type: DeclaredType | null): ExpectedCall {
  const returns = type?.callReturns();
  if (!returns || returns.length === 0) return 'unknown';
  if (returns.some(isPromiseLikeKind) || returns.includes('any')) return 'acceptsPromise';
  if (returns.includes('unknown')) return 'unknown';
  return returns.includes('void') ? 'void' : 'unknown';
}

/**
 * The type the checker expects at `node` (its contextual type): the declared type of the variable it
 * initialises or the member it is assigned to, the property of an object literal's declared type, the
 * declared return type of the function it is returned from, a JSX attribute's type, an element of a
 * declared array or tuple. Null when nothing is declared there.
 */
export function getContextualTypeOf(services: TypedServices, node: TSESTree.Node): ts.Type | null {
  try {
    const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.Expression | undefined;
    if (!tsNode) return null;
    return services.program.getTypeChecker().getContextualType(tsNode) ?? null;
  } catch {
    return null;
  }
}

/**
 * The declared type of the member `name` of an object type (each union member, its index signatures for
 * names it does not list): what a method written in an object literal must conform to.
 */
export function memberTypesOf(services: TypedServices, type: ts.Type, name: string, node: TSESTree.Node): ts.Type[] {
  const checker = services.program.getTypeChecker();
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  const found: ts.Type[] = [];
  for (const part of unionParts(type)) {
    if (isAnyOrUnknown(part)) continue;
    const apparent = checker.getApparentType(part);
    const property = apparent.getProperty(name);
    if (property) {
      found.push(checker.getTypeOfSymbolAtLocation(property, tsNode));
      continue;
    }
    const index = checker.getIndexTypeOfType(apparent, /^\d+$/.test(name) ? getTypeScript().IndexKind.Number : getTypeScript().IndexKind.String)
      ?? checker.getIndexTypeOfType(apparent, getTypeScript().IndexKind.String);
    if (index) found.push(index);
  }
  return found;
}

/** The verdict over several declared types (members of a union, overloads): a promise accepted anywhere wins. */
export function expectedCallOfTypes(services: TypedServices, types: readonly ts.Type[], node: TSESTree.Node, reading: Reading = 'loose'): ExpectedCall {
  return combine(types.map((type) => classifyType(services, type, node, new BoundedWalk(TYPE_LIMITS), reading)));
}

/**
 * True when a declaration states its type in writing: a property or method signature, an annotated
 * variable, parameter, property or method (JSDoc included), a variable or property made with its type
 * written (`new Set<() => void>()`, `[] as Handler[]`), a method without a body (abstract, overload,
 * ambient) or one in a declaration file. `let f = () => {}` and `run() {}` are not: their types are
 * inferred from what they happen to be, and a placeholder `run() {}` is often overridden by an async
 * method its callers await.
 */
export function isWrittenDeclaration(declaration: ts.Declaration): boolean {
  const typescript = getTypeScript();
  if (declaration.getSourceFile().isDeclarationFile) return true;
  if (typescript.isMethodSignature(declaration) || typescript.isCallSignatureDeclaration(declaration)) return true;
  if (typescript.isMethodDeclaration(declaration) || typescript.isFunctionDeclaration(declaration)) {
    return declaration.type !== undefined || declaration.body === undefined || typescript.getJSDocReturnType(declaration) !== undefined;
  }
  if (
    typescript.isVariableDeclaration(declaration) ||
    typescript.isParameter(declaration) ||
    typescript.isPropertyDeclaration(declaration) ||
    typescript.isPropertySignature(declaration)
  ) {
    if (declaration.type !== undefined || typescript.getJSDocType(declaration) !== undefined) return true;
    return 'initializer' in declaration && declaration.initializer !== undefined && hasWrittenTypeArguments(declaration.initializer);
  }
  return false;
}

/** `new Set<() => void>()`, `[] as Array<() => void>`: a value whose type is written where it is made. */
function hasWrittenTypeArguments(initializer: ts.Expression): boolean {
  const typescript = getTypeScript();
  let inner = initializer;
  while (typescript.isParenthesizedExpression(inner)) inner = inner.expression;
  if (typescript.isNewExpression(inner)) return (inner.typeArguments?.length ?? 0) > 0;
  if (typescript.isAsExpression(inner) || typescript.isTypeAssertionExpression(inner)) {
    return !(typescript.isTypeReferenceNode(inner.type) && typescript.isIdentifier(inner.type.typeName) && inner.type.typeName.text === 'const');
  }
  return false;
}

/**
 * True when the checker's type for a name or member (`x`, `a.b`, `this.handlers`, `a[key]` for `a`) comes
 * from a written declaration (see `isWrittenDeclaration`): `let f = () => {}` and `this.cycle = [first]`
 * are not, their types were inferred from the first value they happened to hold.
 */
export function hasWrittenType(services: TypedServices, node: TSESTree.Node): boolean {
  const checker = services.program.getTypeChecker();
  let inner = skipExpressionWrappers(node);
  while (inner.type === AST_NODE_TYPES.MemberExpression && inner.computed) inner = skipExpressionWrappers(inner.object);
  const nameNode = inner.type === AST_NODE_TYPES.MemberExpression ? inner.property : inner;
  if (nameNode.type !== AST_NODE_TYPES.Identifier && nameNode.type !== AST_NODE_TYPES.PrivateIdentifier) return false;
  try {
    const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(nameNode) as ts.Node);
    const declarations = symbol?.getDeclarations() ?? [];
    return declarations.length > 0 && declarations.every(isWrittenDeclaration);
  } catch {
    return false;
  }
}
