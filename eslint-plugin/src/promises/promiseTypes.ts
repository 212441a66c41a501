import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
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

/**
 * How far a written type is followed: nested unions, aliases, interface and class bases, each declaration
 * entered once per walk (`interface C extends C {}` and alias cycles end there).
 */
const CLASSIFY_LIMITS = { maxDepth: 9 };
/** How deep `a.b.c()` and the types it reads are followed for the written type of an expression. */
const WRITTEN_TYPE_LIMITS = { maxDepth: 12 };

/** Reads a TypeScript type annotation without the checker (local type aliases are followed). */
export function classifyTypeAnnotation(sourceCode: SourceCode, type: TSESTree.TypeNode | undefined): AnnotationKind {
  return classifyAnnotation(sourceCode, type, new BoundedWalk(CLASSIFY_LIMITS));
}

function classifyAnnotation(sourceCode: SourceCode, type: TSESTree.TypeNode | undefined, walk: BoundedWalk): AnnotationKind {
  if (!type) return null;
  return walk.enter(type, null, () => classifyAnnotationNode(sourceCode, type, walk));
}

function classifyAnnotationNode(sourceCode: SourceCode, type: TSESTree.TypeNode, walk: BoundedWalk): AnnotationKind {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
      return classifyTypeReference(sourceCode, type, walk);
    case AST_NODE_TYPES.TSUnionType: {
      // like the checker: a union is promise-like when one of its members is
      let sawUnknown = false;
      let best: AnnotationKind = 'other';
      for (const member of type.types) {
        const kind = classifyAnnotation(sourceCode, member, walk);
        if (kind === 'promise') return 'promise';
        if (kind === 'thenable') best = 'thenable';
        if (kind === null) sawUnknown = true;
      }
      return best === 'thenable' ? best : sawUnknown ? null : 'other';
    }
    case AST_NODE_TYPES.TSIntersectionType: {
      const kinds = type.types.map((member) => classifyAnnotation(sourceCode, member, walk));
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

function classifyTypeReference(sourceCode: SourceCode, type: TSESTree.TSTypeReference, walk: BoundedWalk): AnnotationKind {
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
    return classifyAnnotation(sourceCode, definition.node.typeAnnotation, walk);
  }
  if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration) {
    const declaration = definition.node;
    return walk.enter(declaration, null, () => classifyInterface(sourceCode, declaration, walk));
  }
  if (definition?.type === 'ClassName') return classifyClass(sourceCode, definition.node, walk);
  if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSTypeParameter) {
    // <T extends Promise<void>>: a value of type T is a promise
    return definition.node.constraint ? classifyAnnotation(sourceCode, definition.node.constraint, walk) : null;
  }
  return null;
}

/** `interface X extends Promise<T>` is a promise; an interface with a `then` member a thenable. */
function classifyInterface(sourceCode: SourceCode, node: TSESTree.TSInterfaceDeclaration, walk: BoundedWalk): AnnotationKind {
  for (const heritage of node.extends) {
    if (heritage.expression.type !== AST_NODE_TYPES.Identifier) return null;
    const kind = classifyTypeReference(
      sourceCode,
      { type: AST_NODE_TYPES.TSTypeReference, typeName: heritage.expression } as TSESTree.TSTypeReference,
      walk,
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
function classifyClass(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, walk: BoundedWalk): AnnotationKind {
  return walk.enter(node, null, () => classifyClassBody(sourceCode, node, walk));
}

function classifyClassBody(sourceCode: SourceCode, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, walk: BoundedWalk): AnnotationKind {
  if (node.superClass) {
    if (node.superClass.type !== AST_NODE_TYPES.Identifier) return null;
    if (node.superClass.name === 'Promise' && isGlobalReference(sourceCode, node.superClass)) return 'promise';
    const variable = findVariableOf(sourceCode, node.superClass);
    const definition = variable?.defs[0];
    if (definition?.type !== 'ClassName') return null;
    const inherited = classifyClass(sourceCode, definition.node, walk);
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
  return classifyClass(sourceCode, node, new BoundedWalk(CLASSIFY_LIMITS));
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
export function getWrittenType(sourceCode: SourceCode, node: TSESTree.Node): TSESTree.TypeNode | null {
  return writtenType(sourceCode, node, new BoundedWalk(WRITTEN_TYPE_LIMITS));
}

/** The return types written for what calling `callee` runs (one per union member / overload), or null. */
export function getWrittenCallReturns(sourceCode: SourceCode, callee: TSESTree.Node): TSESTree.TypeNode[] | null {
  return writtenCallReturns(sourceCode, callee, new BoundedWalk(WRITTEN_TYPE_LIMITS));
}

/** Element types of a written array/tuple type (`Promise<void>[]`, `Array<P>`, `[P, number]`). */
export function getWrittenElementTypes(sourceCode: SourceCode, type: TSESTree.TypeNode): TSESTree.TypeNode[] {
  return writtenElementTypes(sourceCode, type, new BoundedWalk(WRITTEN_TYPE_LIMITS));
}

function writtenType(sourceCode: SourceCode, raw: TSESTree.Node, walk: BoundedWalk): TSESTree.TypeNode | null {
  return walk.enter(raw, null, () => {
    const node = skipWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const definition = findVariableOf(sourceCode, node)?.defs[0];
        if (definition?.name.type !== AST_NODE_TYPES.Identifier) return null;
        return definition.name.typeAnnotation?.typeAnnotation ?? null;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const member = writtenMember(sourceCode, node, walk);
        return member?.kind === 'value' ? member.type : null;
      }
      case AST_NODE_TYPES.CallExpression: {
        const returns = writtenCallReturns(sourceCode, node.callee, walk);
        return returns?.length === 1 ? (returns[0] ?? null) : null;
      }
      default:
        return null;
    }
  });
}

function writtenCallReturns(sourceCode: SourceCode, rawCallee: TSESTree.Node, walk: BoundedWalk): TSESTree.TypeNode[] | null {
  const callee = skipWrappers(rawCallee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const member = writtenMember(sourceCode, callee, walk);
    if (member?.kind === 'method') return member.returnTypes;
    if (member?.kind === 'value') return functionReturns(sourceCode, member.type, walk);
    return null;
  }
  const type = writtenType(sourceCode, callee, walk);
  return type ? functionReturns(sourceCode, type, walk) : null;
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
function functionReturns(sourceCode: SourceCode, type: TSESTree.TypeNode, walk: BoundedWalk): TSESTree.TypeNode[] | null {
  return walk.enter(type, null, () => {
    const resolved = resolveAlias(sourceCode, type);
    if (resolved.type === AST_NODE_TYPES.TSFunctionType) return resolved.returnType ? [resolved.returnType.typeAnnotation] : null;
    if (resolved.type === AST_NODE_TYPES.TSUnionType) {
      const returns: TSESTree.TypeNode[] = [];
      for (const member of resolved.types) {
        if (isNullish(member)) continue;
        const inner = functionReturns(sourceCode, member, walk);
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
  });
}

function isNullish(type: TSESTree.TypeNode): boolean {
  return type.type === AST_NODE_TYPES.TSUndefinedKeyword || type.type === AST_NODE_TYPES.TSNullKeyword || type.type === AST_NODE_TYPES.TSVoidKeyword;
}

/** Follows local type aliases (`type F = () => Promise<void>`), at most a few in a row (alias cycles end there). */
function resolveAlias(sourceCode: SourceCode, type: TSESTree.TypeNode): TSESTree.TypeNode {
  let current: TSESTree.TypeNode = type;
  for (let step = 0; step < 4; step++) {
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
function objectMembers(sourceCode: SourceCode, type: TSESTree.TypeNode, walk: BoundedWalk): TSESTree.TypeElement[] | null {
  return walk.enter(type, null, () => {
    const resolved = resolveAlias(sourceCode, type);
    if (resolved.type === AST_NODE_TYPES.TSTypeLiteral) return resolved.members;
    if (resolved.type === AST_NODE_TYPES.TSUnionType) {
      const nonNullish = resolved.types.filter((member) => !isNullish(member));
      return nonNullish.length === 1 && nonNullish[0] ? objectMembers(sourceCode, nonNullish[0], walk) : null;
    }
    if (resolved.type === AST_NODE_TYPES.TSTypeReference && resolved.typeName.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariableOf(sourceCode, resolved.typeName)?.defs[0];
      if (definition?.type === 'Type' && definition.node.type === AST_NODE_TYPES.TSInterfaceDeclaration && definition.node.extends.length === 0) {
        return definition.node.body.body;
      }
    }
    return null;
  });
}

function writtenMember(sourceCode: SourceCode, member: TSESTree.MemberExpression, walk: BoundedWalk): MemberType | null {
  const objectType = writtenType(sourceCode, member.object, walk);
  if (!objectType) return null;
  const members = objectMembers(sourceCode, objectType, walk);
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

function writtenElementTypes(sourceCode: SourceCode, type: TSESTree.TypeNode, walk: BoundedWalk): TSESTree.TypeNode[] {
  return walk.enter(type, [], () => {
    const resolved = resolveAlias(sourceCode, type);
    if (resolved.type === AST_NODE_TYPES.TSArrayType) return [resolved.elementType];
    if (resolved.type === AST_NODE_TYPES.TSTupleType) {
      return resolved.elementTypes.map((element) =>
        element.type === AST_NODE_TYPES.TSNamedTupleMember ? element.elementType : element.type === AST_NODE_TYPES.TSOptionalType ? element.typeAnnotation : element,
      );
    }
    if (resolved.type === AST_NODE_TYPES.TSTypeOperator && resolved.typeAnnotation) return writtenElementTypes(sourceCode, resolved.typeAnnotation, walk);
    if (
      resolved.type === AST_NODE_TYPES.TSTypeReference &&
      resolved.typeName.type === AST_NODE_TYPES.Identifier &&
      (resolved.typeName.name === 'Array' || resolved.typeName.name === 'ReadonlyArray') &&
      isGlobalReference(sourceCode, resolved.typeName)
    ) {
      return resolved.typeArguments?.params.slice(0, 1) ?? [];
    }
    if (resolved.type === AST_NODE_TYPES.TSUnionType) return resolved.types.flatMap((member) => writtenElementTypes(sourceCode, member, walk));
    return [];
  });
}
