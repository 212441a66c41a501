import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import { findVariableOf, isGlobalReference } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';

/**
 * What a written type annotation says about promises:
 * - `promise`: `Promise<…>` (or a union containing it, or a local alias of one);
 * - `thenable`: `PromiseLike<…>` / a `then`-only shape; reported only when thenables are checked;
 * - `other`: a type that is certainly not a promise (`void`, `number`, `any`…);
 * - null: unknown (a type we cannot read without the checker).
 */
export type AnnotationKind = 'promise' | 'thenable' | 'other' | null;

const MAX_DEPTH = 8;

/** Reads a TypeScript type annotation without the checker (local type aliases are followed). */
export function classifyTypeAnnotation(sourceCode: SourceCode, type: TSESTree.TypeNode | undefined, depth = 0): AnnotationKind {
  if (!type || depth > MAX_DEPTH) return null;
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
      return classifyTypeReference(sourceCode, type, depth);
    case AST_NODE_TYPES.TSUnionType: {
      // like the checker: a union is promise-like when one of its members is
      let sawUnknown = false;
      let best: AnnotationKind = 'other';
      for (const member of type.types) {
        const kind = classifyTypeAnnotation(sourceCode, member, depth + 1);
        if (kind === 'promise') return 'promise';
        if (kind === 'thenable') best = 'thenable';
        if (kind === null) sawUnknown = true;
      }
      return best === 'thenable' ? best : sawUnknown ? null : 'other';
    }
    case AST_NODE_TYPES.TSIntersectionType: {
      const kinds = type.types.map((member) => classifyTypeAnnotation(sourceCode, member, depth + 1));
      if (kinds.includes('promise')) return 'promise';
      if (kinds.includes('thenable')) return 'thenable';
      return kinds.includes(null) ? null : 'other';
    }
    case AST_NODE_TYPES.TSTypeOperator:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSIndexedAccessType:
    case AST_NODE_TYPES.TSConditionalType:
    case AST_NODE_TYPES.TSMappedType:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSInferType:
      return null;
    case AST_NODE_TYPES.TSTypeLiteral:
      return type.members.some(
        (member) =>
          (member.type === AST_NODE_TYPES.TSMethodSignature || member.type === AST_NODE_TYPES.TSPropertySignature) &&
          !member.computed &&
          member.key.type === AST_NODE_TYPES.Identifier &&
          member.key.name === 'then',
      )
        ? 'thenable'
        : 'other';
    default:
      // keywords (void, any, number, …), arrays, tuples, function types, literal types
      return 'other';
  }
}

function classifyTypeReference(sourceCode: SourceCode, type: TSESTree.TSTypeReference, depth: number): AnnotationKind {
  if (type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const name = type.typeName.name;
  const variable = findVariableOf(sourceCode, type.typeName);
  if (!variable || variable.defs.length === 0 || isGlobalReference(sourceCode, type.typeName)) {
    if (name === 'Promise') return 'promise';
    if (name === 'PromiseLike') return 'thenable';
    if (KNOWN_NON_PROMISE_GLOBALS.has(name)) return 'other';
    return null;
  }
  const definition = variable.defs[0];
  if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
    return classifyTypeAnnotation(sourceCode, definition.node.typeAnnotation, depth + 1);
  }
  if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
    return classifyInterface(sourceCode, definition.node, depth);
  }
  if (definition?.type === 'ClassName') return classifyClass(sourceCode, definition.node, depth);
  if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSTypeParameter) {
    // <T extends Promise<void>>: a value of type T is a promise
    return definition.node.constraint ? classifyTypeAnnotation(sourceCode, definition.node.constraint, depth + 1) : null;
  }
  return null;
}

/** `interface X extends Promise<T>` is a promise; an interface with a `then` member a thenable. */
function classifyInterface(sourceCode: SourceCode, node: TSESTree.TSInterfaceDeclaration, depth: number): AnnotationKind {
  for (const heritage of node.extends) {
    if (heritage.expression.type !== AST_NODE_TYPES.Identifier) return null;
    const kind = classifyTypeReference(
      sourceCode,
      { type: AST_NODE_TYPES.TSTypeReference, typeName: heritage.expression } as TSESTree.TSTypeReference,
      depth + 1,
    );
    if (kind === 'promise' || kind === null) return kind;
  }
  const hasThen = node.body.body.some(
    (member) =>
      (member.type === AST_NODE_TYPES.TSMethodSignature || member.type === AST_NODE_TYPES.TSPropertySignature) &&
      !member.computed &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === 'then',
  );
  return hasThen ? 'thenable' : node.extends.length > 0 ? null : 'other';
}

/** `class X extends Promise` is a promise; a class with a `then` method a thenable. */
function classifyClass(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, depth: number): AnnotationKind {
  if (node.superClass) {
    if (node.superClass.type !== AST_NODE_TYPES.Identifier) return null;
    if (node.superClass.name === 'Promise' && isGlobalReference(sourceCode, node.superClass)) return 'promise';
    const variable = findVariableOf(sourceCode, node.superClass);
    const definition = variable?.defs[0];
    if (definition?.type !== 'ClassName' || depth > MAX_DEPTH) return null;
    const inherited = classifyClass(sourceCode, definition.node, depth + 1);
    if (inherited !== 'other') return inherited;
  }
  const hasThen = node.body.body.some(
    (member) =>
      (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
      !member.computed &&
      !member.static &&
      member.key.type === AST_NODE_TYPES.Identifier &&
      member.key.name === 'then',
  );
  return hasThen ? 'thenable' : 'other';
}

/** The class declared in this file that `new X()` constructs, classified like a type annotation. */
export function classifyLocalClass(
  sourceCode: SourceCode,
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
): AnnotationKind {
  return classifyClass(sourceCode, node, 0);
}

/** Global types that are certainly not promises (only what is common in annotations). */
const KNOWN_NON_PROMISE_GLOBALS: ReadonlySet<string> = new Set([
  'Array', 'ReadonlyArray', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Record', 'Partial', 'Readonly', 'Required', 'Pick',
  'Omit', 'Date', 'RegExp', 'Error', 'Function', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'Buffer',
  'Uint8Array', 'ArrayBuffer', 'Iterable', 'Iterator', 'Generator', 'AsyncGenerator', 'AsyncIterable',
  'AsyncIterator', 'AsyncIterableIterator', 'IterableIterator', 'NodeJS', 'Response', 'Request', 'URL',
]);

// ---------------------------------------------------------------------------------------------
// Written types of expressions: what the annotations in this file say, without the checker.

type MemberType = { kind: 'value'; type: TSESTree.TypeNode } | { kind: 'method'; returnTypes: TSESTree.TypeNode[] };

/** The annotated type of an expression: `x: T`, `obj.p` where `obj: { p: T }`, `f()` where `f: () => T`. */
export function getWrittenType(sourceCode: SourceCode, raw: TSESTree.Node, depth = 0): TSESTree.TypeNode | null {
  if (depth > MAX_DEPTH) return null;
  const node = skipWrappers(raw);
  switch (node.type) {
    case AST_NODE_TYPES.Identifier: {
      const definition = findVariableOf(sourceCode, node)?.defs[0];
      if (definition?.name.type !== AST_NODE_TYPES.Identifier) return null;
      return definition.name.typeAnnotation?.typeAnnotation ?? null;
    }
    case AST_NODE_TYPES.MemberExpression: {
      const member = getWrittenMember(sourceCode, node, depth);
      return member?.kind === 'value' ? member.type : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const returns = getWrittenCallReturns(sourceCode, node.callee, depth);
      return returns?.length === 1 ? (returns[0] ?? null) : null;
    }
    default:
      return null;
  }
}

/** The return types written for what calling `callee` runs (one per union member / overload), or null. */
export function getWrittenCallReturns(sourceCode: SourceCode, rawCallee: TSESTree.Node, depth = 0): TSESTree.TypeNode[] | null {
  if (depth > MAX_DEPTH) return null;
  const callee = skipWrappers(rawCallee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const member = getWrittenMember(sourceCode, callee, depth);
    if (member?.kind === 'method') return member.returnTypes;
    if (member?.kind === 'value') return functionReturns(sourceCode, member.type, depth);
    return null;
  }
  const type = getWrittenType(sourceCode, callee, depth + 1);
  return type ? functionReturns(sourceCode, type, depth) : null;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.ChainExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression
  ) {
    current = current.expression;
  }
  return current;
}

/** Return types of a function type (through unions with null/undefined and local aliases). */
function functionReturns(sourceCode: SourceCode, type: TSESTree.TypeNode, depth: number): TSESTree.TypeNode[] | null {
  const resolved = resolveAlias(sourceCode, type, depth);
  if (!resolved) return null;
  if (resolved.type === AST_NODE_TYPES.TSFunctionType) return resolved.returnType ? [resolved.returnType.typeAnnotation] : null;
  if (resolved.type === AST_NODE_TYPES.TSUnionType) {
    const returns: TSESTree.TypeNode[] = [];
    for (const member of resolved.types) {
      if (isNullish(member)) continue;
      const inner = functionReturns(sourceCode, member, depth + 1);
      if (!inner) return null;
      returns.push(...inner);
    }
    return returns.length > 0 ? returns : null;
  }
  if (resolved.type === AST_NODE_TYPES.TSTypeLiteral) {
    const calls = resolved.members.filter((member) => member.type === AST_NODE_TYPES.TSCallSignatureDeclaration);
    const returns = calls.map((call) => call.returnType?.typeAnnotation);
    return returns.length > 0 && returns.every((item) => item !== undefined) ? (returns as TSESTree.TypeNode[]) : null;
  }
  return null;
}

function isNullish(type: TSESTree.TypeNode): boolean {
  return type.type === AST_NODE_TYPES.TSUndefinedKeyword || type.type === AST_NODE_TYPES.TSNullKeyword || type.type === AST_NODE_TYPES.TSVoidKeyword;
}

/** Follows local type aliases (`type F = () => Promise<void>`). */
function resolveAlias(sourceCode: SourceCode, type: TSESTree.TypeNode, depth: number): TSESTree.TypeNode | null {
  let current: TSESTree.TypeNode = type;
  for (let step = 0; step < 4 && depth + step <= MAX_DEPTH; step++) {
    if (current.type !== AST_NODE_TYPES.TSTypeReference || current.typeName.type !== AST_NODE_TYPES.Identifier) return current;
    const definition = findVariableOf(sourceCode, current.typeName)?.defs[0];
    if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
      current = definition.node.typeAnnotation;
    } else {
      return current;
    }
  }
  return current;
}

/** The members of an object type written in this file: a type literal, a local interface (with its local bases). */
function objectMembers(sourceCode: SourceCode, type: TSESTree.TypeNode, depth: number): TSESTree.TypeElement[] | null {
  const resolved = resolveAlias(sourceCode, type, depth);
  if (!resolved) return null;
  if (resolved.type === AST_NODE_TYPES.TSTypeLiteral) return resolved.members;
  if (resolved.type === AST_NODE_TYPES.TSUnionType) {
    const nonNullish = resolved.types.filter((member) => !isNullish(member));
    return nonNullish.length === 1 && nonNullish[0] ? objectMembers(sourceCode, nonNullish[0], depth + 1) : null;
  }
  if (resolved.type === AST_NODE_TYPES.TSTypeReference && resolved.typeName.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariableOf(sourceCode, resolved.typeName)?.defs[0];
    if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration && definition.node.extends.length === 0) {
      return definition.node.body.body;
    }
  }
  return null;
}

function getWrittenMember(sourceCode: SourceCode, member: TSESTree.MemberExpression, depth: number): MemberType | null {
  const objectType = getWrittenType(sourceCode, member.object, depth + 1);
  if (!objectType) return null;
  const members = objectMembers(sourceCode, objectType, depth + 1);
  if (!members) return null;
  const name = member.computed
    ? member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string' ? member.property.value : null
    : member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : null;
  if (name === null) return null;
  const methodReturns: TSESTree.TypeNode[] = [];
  for (const element of members) {
    if (element.type === AST_NODE_TYPES.TSMethodSignature || element.type === AST_NODE_TYPES.TSPropertySignature) {
      if (element.computed || element.key.type !== AST_NODE_TYPES.Identifier || element.key.name !== name) continue;
      if (element.type === AST_NODE_TYPES.TSPropertySignature) {
        return element.typeAnnotation ? { kind: 'value', type: element.typeAnnotation.typeAnnotation } : null;
      }
      if (!element.returnType) return null;
      methodReturns.push(element.returnType.typeAnnotation);
    }
  }
  return methodReturns.length > 0 ? { kind: 'method', returnTypes: methodReturns } : null;
}

/** Element types of a written array/tuple type (`Promise<void>[]`, `Array<P>`, `[P, number]`). */
export function getWrittenElementTypes(sourceCode: SourceCode, type: TSESTree.TypeNode, depth = 0): TSESTree.TypeNode[] {
  const resolved = resolveAlias(sourceCode, type, depth);
  if (!resolved) return [];
  if (resolved.type === AST_NODE_TYPES.TSArrayType) return [resolved.elementType];
  if (resolved.type === AST_NODE_TYPES.TSTupleType) {
    return resolved.elementTypes.map((element) =>
      element.type === AST_NODE_TYPES.TSNamedTupleMember ? element.elementType : element.type === AST_NODE_TYPES.TSOptionalType ? element.typeAnnotation : element,
    );
  }
  if (resolved.type === AST_NODE_TYPES.TSTypeOperator && resolved.typeAnnotation) return getWrittenElementTypes(sourceCode, resolved.typeAnnotation, depth + 1);
  if (
    resolved.type === AST_NODE_TYPES.TSTypeReference &&
    resolved.typeName.type === AST_NODE_TYPES.Identifier &&
    (resolved.typeName.name === 'Array' || resolved.typeName.name === 'ReadonlyArray') &&
    isGlobalReference(sourceCode, resolved.typeName)
  ) {
    return resolved.typeArguments?.params.slice(0, 1) ?? [];
  }
  if (resolved.type === AST_NODE_TYPES.TSUnionType) return resolved.types.flatMap((member) => getWrittenElementTypes(sourceCode, member, depth + 1));
  return [];
}
