import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getImplementsClauses, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import type { AnyRuleContext } from '../core/ruleContext';
import { getNodeType, getTypedServices, type TypedServices, unionParts } from '../core/typeInfo';
import { rememberFileName } from '../modules/crossFile';
import { localHeritage, localSignature, memberKeyName } from '../modules/localTypeSyntax';
import { type DeclaredType, isPromiseLikeKind } from '../modules/declaredTypes';
import { declaredTypeOf } from './declaredTypeReader';
import { expectedCallOfDeclared, expectedCallOfType, isWrittenDeclaration } from './expectedCalls';
import { callbackCannotReject } from './misusedCallbacks';
import { classifyPromiseType, getCallbackPromiseKind } from './promiseInference';

type ClassLike = TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration;

type InheritingMember = TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.TSMethodSignature | TSESTree.TSPropertySignature;

export interface InheritedMisuse {
  /** The method, field or signature that returns a promise. */
  readonly member: InheritingMember;
  /** Its function value (a method's body, a field's function literal), when it has one. */
  readonly value: TSESTree.Node | null;
  readonly name: string;
  /** The inherited type that declares it to return `void`, as written in the heritage clause. */
  readonly base: string;
}

/**
 * Async methods (and promise-returning fields and signatures) of a class or interface whose base class,
 * implemented interface or extended interface declares the same member to return `void`: code that calls
 * it through the base type ignores the promise. With types the checker reads the bases; without, the bases
 * written in this file or a project file it imports, and `Disposable`.
 */
export function findInheritedVoidMethods(context: AnyRuleContext, node: ClassLike): InheritedMisuse[] {
  const hasHeritage = node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? node.extends.length > 0 : node.superClass !== null || getImplementsClauses(node).length > 0;
  if (!hasHeritage) return [];
  const members = promiseReturningMembers(context, node);
  if (members.length === 0) return [];
  rememberFileName(context.sourceCode, context.physicalFilename, context.languageOptions?.parser);
  const services = getTypedServices(context);
  const found: InheritedMisuse[] = [];
  for (const candidate of members) {
    const base = services ? voidBaseWithTypes(services, node, candidate.member) : voidBaseWithoutTypes(context, node, candidate.name);
    if (base !== null) found.push({ ...candidate, base });
  }
  return found;
}

interface Candidate {
  readonly member: InheritingMember;
  readonly value: TSESTree.Node | null;
  readonly name: string;
}

function promiseReturningMembers(context: AnyRuleContext, node: ClassLike): Candidate[] {
  const candidates: Candidate[] = [];
  const body = node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? node.body.body : node.body.body;
  for (const member of body) {
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      if (member.static || member.kind !== 'method') continue;
      const name = memberKeyName(member);
      if (name !== null && getCallbackPromiseKind(context, member.value) && !callbackCannotReject(context.sourceCode, member.value)) candidates.push({ member, value: member.value, name });
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      if (member.static || !member.value) continue;
      const value = skipExpressionWrappers(member.value);
      if (!isFunctionNode(value) && value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression) continue;
      const name = memberKeyName(member);
      if (name !== null && getCallbackPromiseKind(context, member.value) && !callbackCannotReject(context.sourceCode, member.value)) candidates.push({ member, value: member.value, name });
    } else if (member.type === AST_NODE_TYPES.TSMethodSignature || member.type === AST_NODE_TYPES.TSPropertySignature) {
      if (member.type === AST_NODE_TYPES.TSMethodSignature && member.kind !== 'method') continue;
      const name = memberKeyName(member);
      if (name !== null && signatureReturnsPromise(context, member)) candidates.push({ member, value: null, name });
    }
  }
  return candidates;
}

/** An interface member declared to return a promise: `m(): Promise<void>`, `f: () => Promise<void>`. */
function signatureReturnsPromise(context: AnyRuleContext, member: TSESTree.TSMethodSignature | TSESTree.TSPropertySignature): boolean {
  const services = getTypedServices(context);
  if (services) {
    const type = getNodeType(services, member);
    if (!type) return false;
    return unionParts(type).some((part) => part.getCallSignatures().some((signature) => classifyPromiseType(services, signature.getReturnType(), member) !== null));
  }
  const sourceCode = context.sourceCode;
  if (member.type === AST_NODE_TYPES.TSMethodSignature) {
    const signature = localSignature(sourceCode, member);
    return signature.returns !== null && isPromiseLikeType(declaredTypeOf(signature.returns));
  }
  const annotation = member.typeAnnotation?.typeAnnotation;
  if (!annotation || annotation.type !== AST_NODE_TYPES.TSFunctionType) return false;
  const signature = localSignature(sourceCode, annotation);
  return signature.returns !== null && isPromiseLikeType(declaredTypeOf(signature.returns));
}

function voidBaseWithoutTypes(context: AnyRuleContext, node: ClassLike, name: string): string | null {
  for (const base of localHeritage(context.sourceCode, node)) {
    if (expectedCallOfDeclared(declaredTypeOf(base.type)?.member(name) ?? null) === 'void') return base.name;
  }
  return null;
}

function voidBaseWithTypes(services: TypedServices, node: ClassLike, member: InheritingMember): string | null {
  try {
    const checker = services.program.getTypeChecker();
    const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.ClassLikeDeclaration | ts.InterfaceDeclaration;
    const tsMember = services.esTreeNodeToTSNodeMap.get(member) as ts.Node;
    const name = memberPropertyName(checker, tsNode, tsMember);
    if (name === null) return null;
    for (const clause of tsNode.heritageClauses ?? []) {
      for (const heritage of clause.types) {
        const baseType = checker.getTypeAtLocation(heritage);
        const property = checker.getPropertiesOfType(checker.getApparentType(baseType)).find((candidate) => candidate.escapedName === name);
        if (!property || !(property.getDeclarations() ?? []).some(isWrittenDeclaration)) continue;
        const propertyType = checker.getTypeOfSymbolAtLocation(property, heritage);
        if (expectedCallOfType(services, propertyType, member) === 'void') return heritage.expression.getText();
      }
    }
  } catch {
    // synthetic or unusual declarations: no verdict
  }
  return null;
}

/**
 * The checker's (escaped) name of a member's property: its declared name, or for a computed key such as
 * `[Symbol.dispose]` the name the checker gave the property it declares (`__@dispose@…`, which
 * `getPropertyOfType` cannot look up by string: the base's properties are compared by this name).
 */
function memberPropertyName(checker: ts.TypeChecker, owner: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, member: ts.Node): ts.__String | null {
  const own = (member as ts.Node & { symbol?: ts.Symbol }).symbol;
  if (own && own.escapedName !== '__computed') return own.escapedName;
  const type = checker.getTypeAtLocation(owner);
  const property = type.getProperties().find((candidate) => candidate.getDeclarations()?.includes(member as ts.Declaration));
  return property ? property.escapedName : null;
}

function isPromiseLikeType(type: DeclaredType | null): boolean {
  return type !== null && isPromiseLikeKind(type.kind());
}
