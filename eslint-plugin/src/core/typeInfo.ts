import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { BoundedWalk } from './boundedWalk';
import { createFileCache } from './fileCache';
import type { AnyRuleContext } from './ruleContext';
import { getTypeScript } from './typescriptRuntime';

export { getTypeScript };

/** Parser services with a program, or null when the file is linted without type information. */
export type TypedServices = ParserServicesWithTypeInformation;

const servicesCache = createFileCache<'services', TypedServices | null>();

/**
 * The type-checker services for the file `context` lints, or null without type information.
 * Cheap after the first call per file; call it only where the syntactic pass could not decide.
 */
export function getTypedServices(context: AnyRuleContext): TypedServices | null {
  const cache = servicesCache(context.sourceCode);
  const cached = cache.get('services');
  if (cached !== undefined) return cached;
  // typescript-eslint's parser gives a program only with type information; other parsers give no services.
  const found = context.sourceCode.parserServices as Partial<TypedServices> | undefined;
  const services = found?.program && found.esTreeNodeToTSNodeMap ? (found as TypedServices) : null;
  cache.set('services', services);
  return services;
}

/** The type of an ESTree node, or null when the checker cannot give one (it throws on a few synthetic nodes). */
export function getNodeType(services: TypedServices, node: TSESTree.Node): ts.Type | null {
  try {
    return services.getTypeAtLocation(node);
  } catch {
    return null;
  }
}

/**
 * The declared type of the variable, parameter, property or function that `node` (a name or `a.b`) refers
 * to: what the checker computes once per declaration, unlike the type at `node`, which costs a control-flow
 * analysis of the reference every time. Narrowing only removes union members from the declared type, so a
 * declared type that cannot hold some kind of value rules it out at `node` as well. Null for other nodes.
 */
/** The symbol the checker binds to the name `node`, followed through import aliases to its declaration. */
export function getResolvedSymbol(services: TypedServices, node: TSESTree.Node): ts.Symbol | undefined {
  const checker = services.program.getTypeChecker();
  const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.Node | undefined;
  if (!tsNode) return undefined;
  const symbol = checker.getSymbolAtLocation(tsNode);
  return symbol && symbol.flags & getTypeScript().SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

export function getDeclaredTypeOfReference(services: TypedServices, node: TSESTree.Node): ts.Type | null {
  let nameNode: TSESTree.Node;
  if (node.type === 'Identifier') nameNode = node;
  else if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') nameNode = node.property;
  else return null;
  try {
    const symbol = getResolvedSymbol(services, nameNode);
    const { Variable, Property, Method, Function, Accessor } = getTypeScript().SymbolFlags;
    if (!symbol || !(symbol.flags & (Variable | Property | Method | Function | Accessor))) return null;
    return services.program.getTypeChecker().getTypeOfSymbol(symbol);
  } catch {
    return null;
  }
}

/** `any`, `unknown`, `object` or a type parameter: the checker cannot say what values it holds. */
export function isOpenEnded(type: ts.Type): boolean {
  const { TypeFlags } = getTypeScript();
  return (type.flags & (TypeFlags.Any | TypeFlags.Unknown | TypeFlags.NonPrimitive | TypeFlags.Instantiable)) !== 0;
}

/** An object type or an intersection: what may have members (and call signatures). */
function isObjectLike(type: ts.Type): boolean {
  return (type.flags & getTypeScript().TypeFlags.Object) !== 0 || type.isIntersection();
}

/**
 * False when no value of `type` can be a thenable: every union member is a primitive, or an object type
 * without a `then` member. True for anything open-ended (`any`, `unknown`, `object`, type parameters, `{}`).
 */
export function mayHoldThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return unionParts(type).some((part) => {
    if (isOpenEnded(part)) return true;
    if (!isObjectLike(part)) return false;
    const apparent = checker.getApparentType(part);
    return apparent.getProperty('then') !== undefined || apparent.getProperties().length === 0;
  });
}

/**
 * False when calling a value of `type` cannot return a thenable: it is not open-ended and no call signature
 * of any union member returns a type that may hold one. Read from a declared type, this rules out a call
 * (or a callback) without asking the checker to resolve the call, which checks all of its arguments.
 */
export function mayReturnThenable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return someCallResult(checker, type, (result) => mayHoldThenable(checker, result));
}

/**
 * False when calling a value of `type` can only give primitives (`void`, `undefined`, strings, numbers…):
 * neither a promise nor anything holding one. Like `mayReturnThenable`, read from a declared type.
 */
export function mayReturnObject(checker: ts.TypeChecker, type: ts.Type): boolean {
  return someCallResult(checker, type, (result) => unionParts(result).some((part) => isOpenEnded(part) || isObjectLike(part)));
}

/** True when `type` is open-ended, or some call signature of a union member returns a type `matches` accepts. */
function someCallResult(checker: ts.TypeChecker, type: ts.Type, matches: (result: ts.Type) => boolean): boolean {
  return unionParts(type).some((part) => {
    if (isOpenEnded(part)) return true;
    if (!isObjectLike(part)) return false;
    return checker.getApparentType(part).getCallSignatures().some((signature) => matches(signature.getReturnType()));
  });
}

export function unionParts(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/** `any` or `unknown`: the checker knows nothing useful, so syntactic knowledge may fill the gap. */
export function isAnyOrUnknown(type: ts.Type): boolean {
  const { TypeFlags } = getTypeScript();
  return (type.flags & (TypeFlags.Any | TypeFlags.Unknown)) !== 0;
}

/** With types, the checker gives `node` a type that is not `any`/`unknown`; false without types. */
export function hasCheckerType(context: AnyRuleContext, node: TSESTree.Node): boolean {
  const services = getTypedServices(context);
  const type = services ? getNodeType(services, node) : null;
  return type !== null && !isAnyOrUnknown(type);
}

/** True when the symbol is declared in one of TypeScript's default library files (`lib.*.d.ts`). */
export function isSymbolFromDefaultLibrary(program: ts.Program, symbol: ts.Symbol | undefined): boolean {
  if (!symbol) return false;
  const declarations = symbol.getDeclarations() ?? [];
  return declarations.some((declaration) => program.isSourceFileDefaultLibrary(declaration.getSourceFile()));
}

/**
 * True when `type` is the built-in `name` (e.g. `Promise`) or a class/interface that extends it.
 * Unions count only when every member does; intersections when any member does. Each type is entered once
 * per question and at most a few levels deep (`interface C extends C {}` has itself as a base).
 */
export function isBuiltinTypeLike(program: ts.Program, type: ts.Type, names: readonly string[]): boolean {
  return builtinTypeLike(program, type, names, new BoundedWalk(BUILTIN_BASE_LIMITS));
}

const BUILTIN_BASE_LIMITS = { maxDepth: 9 };

function builtinTypeLike(program: ts.Program, type: ts.Type, names: readonly string[], walk: BoundedWalk): boolean {
  return walk.enter(type, false, () => {
    const tsModule = getTypeScript();
    if (type.isIntersection()) return type.types.some((part) => builtinTypeLike(program, part, names, walk));
    if (type.isUnion()) return type.types.every((part) => builtinTypeLike(program, part, names, walk));
    if (type.flags & tsModule.TypeFlags.TypeParameter) {
      const constraint = type.getConstraint();
      return constraint ? builtinTypeLike(program, constraint, names, walk) : false;
    }
    const symbol = type.getSymbol();
    if (!symbol) return false;
    if (names.includes(symbol.getName()) && isSymbolFromDefaultLibrary(program, symbol)) return true;
    if (symbol.flags & (tsModule.SymbolFlags.Class | tsModule.SymbolFlags.Interface)) {
      const checker = program.getTypeChecker();
      const declared = checker.getDeclaredTypeOfSymbol(symbol);
      const bases = declared.isClassOrInterface() ? checker.getBaseTypes(declared) : [];
      return bases.some((base) => builtinTypeLike(program, base, names, walk));
    }
    return false;
  });
}

/** True when some call signature of `type` (or of a union member) exists. */
export function isCallableType(type: ts.Type): boolean {
  return unionParts(type).some((part) => part.getCallSignatures().length > 0);
}

/** The file path a symbol's first declaration lives in, or null. */
export function getDeclarationFile(symbol: ts.Symbol | undefined): string | null {
  const declaration = symbol?.getDeclarations()?.[0];
  return declaration ? declaration.getSourceFile().fileName : null;
}
