import * as path from 'node:path';

import type { JSONSchema, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../core/nodeTypes';
import type * as ts from 'typescript';

import { skipExpressionWrappers } from '../core/ast';
import { BoundedWalk } from '../core/boundedWalk';
import { GLOBAL_MODULE, normalizeModuleSpecifier, resolveModuleReference } from '../modules/moduleBindings';
import { resolveLocalCallables } from '../modules/localFunctions';
import { findVariableOf } from '../core/scope';
import { getDeclaredTypeOfReference, getResolvedSymbol, getTypeScript, isOpenEnded, type TypedServices } from '../core/typeInfo';
import type { SourceCode } from '../core/ruleContext';

/**
 * A name of a function or type, optionally tied to where it is declared, written like
 * typescript-eslint's specifiers so options migrate unchanged:
 * `"name"`, `{ from: "file", name, path? }`, `{ from: "lib", name }`, `{ from: "package", name, package }`.
 */
export type Specifier =
  | string
  | { from: 'file'; name: string | readonly string[]; path?: string }
  | { from: 'lib'; name: string | readonly string[] }
  | { from: 'package'; name: string | readonly string[]; package: string };

const NAME_SCHEMA: JSONSchema.JSONSchema4 = {
  oneOf: [
    { type: 'string' },
    { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  ],
};

/** JSON schema for a list of specifiers. */
export const SPECIFIERS_SCHEMA: JSONSchema.JSONSchema4ArraySchema = {
  type: 'array',
  items: {
    oneOf: [
      { type: 'string' },
      {
        type: 'object',
        additionalProperties: false,
        properties: { from: { type: 'string', enum: ['file'] }, name: NAME_SCHEMA, path: { type: 'string' } },
        required: ['from', 'name'],
      },
      {
        type: 'object',
        additionalProperties: false,
        properties: { from: { type: 'string', enum: ['lib'] }, name: NAME_SCHEMA },
        required: ['from', 'name'],
      },
      {
        type: 'object',
        additionalProperties: false,
        properties: { from: { type: 'string', enum: ['package'] }, name: NAME_SCHEMA, package: { type: 'string' } },
        required: ['from', 'name', 'package'],
      },
    ],
  },
};

function namesOf(specifier: Specifier): readonly string[] {
  if (typeof specifier === 'string') return [specifier];
  return typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
}

/**
 * True when the callee of `call` matches one of `specifiers` (only plain identifier callees have a
 * name, as in typescript-eslint). `package` specifiers match by import provenance (`import { test }
 * from "node:test"`), or with types by where the function is declared.
 */
export function calleeMatchesSpecifiers(
  sourceCode: SourceCode,
  services: TypedServices | null,
  call: TSESTree.CallExpression,
  specifiers: readonly Specifier[],
): boolean {
  if (specifiers.length === 0) return false;
  const callee = skipExpressionWrappers(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  for (const specifier of specifiers) {
    if (name !== null && namesOf(specifier).includes(name) && calleeSourceMatches(sourceCode, services, callee, specifier)) return true;
    if (services && typeOfCalleeMatches(services, callee, specifier)) return true;
  }
  return false;
}

function calleeSourceMatches(sourceCode: SourceCode, services: TypedServices | null, callee: TSESTree.Node, specifier: Specifier): boolean {
  if (typeof specifier === 'string') return true;
  const reference = resolveModuleReference(sourceCode, callee);
  switch (specifier.from) {
    case 'package': {
      const wanted = normalizeModuleSpecifier(specifier.package);
      if (reference && reference.module === wanted.module) return true;
      if (!services) return false;
      const symbol = getResolvedSymbol(services, callee);
      return symbol !== undefined && isDeclaredInPackage(services.program, symbol, specifier.package);
    }
    case 'lib':
      return reference !== null && reference.module === GLOBAL_MODULE;
    case 'file': {
      if (services) {
        const symbol = getResolvedSymbol(services, callee);
        return symbol !== undefined && isDeclaredInProjectFile(services.program, symbol, specifier.path);
      }
      if (specifier.path !== undefined) return false;
      return callee.type === AST_NODE_TYPES.Identifier && resolveLocalCallables(sourceCode, callee).length > 0;
    }
  }
}

function typeOfCalleeMatches(services: TypedServices, callee: TSESTree.Node, specifier: Specifier): boolean {
  // Most calls are not to allow-listed functions: rule them out from the declared type of the callee's name
  // (computed once per declaration) before asking for its type at the call (a control-flow analysis each time).
  const declared = getDeclaredTypeOfReference(services, callee);
  if (declared && !mayBeNamedBy(declared, namesOf(specifier))) return false;
  try {
    return typeMatchesSpecifier(services, services.getTypeAtLocation(callee), specifier);
  } catch {
    return false;
  }
}

/** Union and intersection members are followed this deep (the checker flattens them: two levels in practice). */
const MEMBER_LIMITS = { maxDepth: 9 };

/** False when no part of `type` (nor anything it can be narrowed to) bears one of `names`. */
function mayBeNamedBy(type: ts.Type, names: readonly string[], walk = new BoundedWalk(MEMBER_LIMITS)): boolean {
  return walk.enter(type, true, () => {
    if (isOpenEnded(type)) return true;
    if (type.isUnionOrIntersection()) return type.types.some((part) => mayBeNamedBy(part, names, walk));
    const candidates = [type.aliasSymbol?.getName(), type.getSymbol()?.getName(), (type as { intrinsicName?: string }).intrinsicName];
    return names.some((name) => candidates.includes(name));
  });
}

/** True when the type (every member of a union) is named by one of `specifiers`. */
export function typeMatchesSomeSpecifier(services: TypedServices, type: ts.Type, specifiers: readonly Specifier[]): boolean {
  return specifiers.some((specifier) => typeMatchesSpecifier(services, type, specifier));
}

function typeMatchesSpecifier(services: TypedServices, type: ts.Type, specifier: Specifier, walk = new BoundedWalk(MEMBER_LIMITS)): boolean {
  return walk.enter(type, false, () => {
    if (type.isUnion()) return type.types.every((part) => typeMatchesSpecifier(services, part, specifier, walk));
    const symbol = type.aliasSymbol ?? type.getSymbol();
    const intrinsicName = (type as { intrinsicName?: string }).intrinsicName;
    const candidates = [symbol?.getName(), intrinsicName];
    if (namesOf(specifier).some((name) => candidates.includes(name))) {
      if (typeof specifier === 'string') return true;
      const source = type.getSymbol() ?? type.aliasSymbol;
      if (source && symbolSourceMatches(services.program, source, specifier)) return true;
    }
    if (type.isIntersection()) return type.types.some((part) => typeMatchesSpecifier(services, part, specifier, walk));
    return false;
  });
}

function symbolSourceMatches(program: ts.Program, symbol: ts.Symbol, specifier: Exclude<Specifier, string>): boolean {
  switch (specifier.from) {
    case 'lib':
      return (symbol.getDeclarations() ?? []).some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
    case 'file':
      return isDeclaredInProjectFile(program, symbol, specifier.path);
    case 'package':
      return isDeclaredInPackage(program, symbol, specifier.package);
  }
}

function isDeclaredInProjectFile(program: ts.Program, symbol: ts.Symbol, relativePath: string | undefined): boolean {
  const files = (symbol.getDeclarations() ?? []).map((declaration) => declaration.getSourceFile());
  if (relativePath === undefined) {
    return files.some((file) => !program.isSourceFileDefaultLibrary(file) && !program.isSourceFileFromExternalLibrary(file) &&
      !file.fileName.includes('/node_modules/'));
  }
  const wanted = path.join(program.getCurrentDirectory(), relativePath);
  return files.some((file) => path.normalize(file.fileName) === wanted);
}

/** Declared in `node_modules/<pkg>/…`, in `@types/<pkg>`, or inside `declare module "<pkg>"`. */
function isDeclaredInPackage(program: ts.Program, symbol: ts.Symbol, packageName: string): boolean {
  const tsModule = getTypeScript();
  const typesName = packageName.replace(/^@([^/]+)\//, '$1__');
  const bare = packageName.startsWith('node:') ? packageName.slice('node:'.length) : packageName;
  for (const declaration of symbol.getDeclarations() ?? []) {
    for (let current: ts.Node | undefined = declaration; current; current = current.parent) {
      if (tsModule.isModuleDeclaration(current) && tsModule.isStringLiteral(current.name)) {
        const declared = current.name.text;
        if (declared === packageName || declared === bare || declared === `node:${bare}`) return true;
      }
    }
    const fileName = declaration.getSourceFile().fileName.replace(/\\/g, '/');
    if (fileName.includes(`/node_modules/${packageName}/`) || fileName.includes(`/node_modules/@types/${typesName}/`)) return true;
  }
  return false;
}

/**
 * The type name written for an expression without the checker: `x` declared `x: SafePromise<T>`,
 * a call of a local function declared `(): SafePromise<T>`, or `new SafePromise()`.
 */
export function getWrittenTypeName(sourceCode: SourceCode, node: TSESTree.Node): string | null {
  const inner = skipExpressionWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariableOf(sourceCode, inner)?.defs[0];
    const annotation = definition?.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation?.typeAnnotation : undefined;
    return referenceName(annotation);
  }
  if (inner.type === AST_NODE_TYPES.NewExpression) {
    const callee = skipExpressionWrappers(inner.callee);
    return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  }
  if (inner.type === AST_NODE_TYPES.CallExpression) {
    const callables = resolveLocalCallables(sourceCode, inner.callee);
    const names = new Set(callables.map((callable) => referenceName(callable.returnType?.typeAnnotation)));
    const [only] = names;
    return names.size === 1 && only !== undefined ? only : null;
  }
  return null;
}

function referenceName(annotation: TSESTree.TypeNode | undefined): string | null {
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference || annotation.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  return annotation.typeName.name;
}

/** Syntactic counterpart of {@link typeMatchesSomeSpecifier}: by written type name (string and `file` specifiers). */
export function writtenTypeMatchesSpecifiers(sourceCode: SourceCode, node: TSESTree.Node, specifiers: readonly Specifier[]): boolean {
  if (specifiers.length === 0) return false;
  const name = getWrittenTypeName(sourceCode, node);
  if (name === null) return false;
  return specifiers.some((specifier) => (typeof specifier === 'string' || specifier.from === 'file') && namesOf(specifier).includes(name));
}
