/**
 * What a written type or declaration says, in a form that does not depend on the parser that read it: the
 * linted file comes as ESTree (`localTypeSyntax.ts`), an imported project file as TypeScript's own tree
 * (`importedTypes.ts`). Children are read lazily (`TypeRef.read()`), so describing a type costs one level.
 * One reader (`promises/declaredTypeReader.ts`) interprets both.
 */

/** A written type, read when asked. */
export interface TypeRef {
  read(): TypeSyntax;
}

export type TypeSyntax =
  | { readonly form: 'void' }
  | { readonly form: 'any' } // any, unknown
  | { readonly form: 'nullish' } // undefined, null
  | { readonly form: 'other' } // keywords, literal types, `never`, `object`…: no members we ask about, not callable
  | { readonly form: 'unknown' } // what cannot be read without the checker
  | { readonly form: 'union'; readonly parts: readonly TypeRef[] }
  | { readonly form: 'intersection'; readonly parts: readonly TypeRef[] }
  | { readonly form: 'reference'; readonly name: string; readonly target: () => ReferenceTarget; readonly args: readonly TypeRef[]; readonly literalKeys: readonly (readonly string[] | null)[] }
  | { readonly form: 'function'; readonly signature: SignatureSyntax }
  | { readonly form: 'object'; readonly members: readonly MemberSyntax[] }
  | { readonly form: 'array'; readonly element: TypeRef }
  | { readonly form: 'tuple'; readonly elements: readonly { readonly type: TypeRef; readonly rest: boolean }[] };

/**
 * What a type name denotes: a declaration, a global of the standard library, an export of a package (not read:
 * only its module and name are known), or nothing we can read.
 */
export type ReferenceTarget =
  | { readonly kind: 'declaration'; readonly declaration: DeclarationSyntax }
  | { readonly kind: 'global' }
  | { readonly kind: 'package'; readonly module: string; readonly name: string }
  | { readonly kind: 'unknown' };

/** The target of a name imported from `specifier` that no file of the project answers: a package's export, or unknown. */
export function unreadImportTarget(specifier: string, name: string): ReferenceTarget {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return { kind: 'unknown' };
  const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return { kind: 'package', module: bare, name };
}

export interface ParameterSyntax {
  readonly type: TypeRef | null;
  readonly rest: boolean;
}

export interface SignatureSyntax {
  readonly parameters: readonly ParameterSyntax[];
  /** The written return type; null when none is written (see `bodyReturns`). */
  readonly returns: TypeRef | null;
  /**
   * Without a written return type, what the body says: `promise` for an async function, else `unknown` (a
   * body that returns nothing is not a declaration that callers ignore its result: placeholder methods
   * `run() {}` are overridden by async ones their callers await). Signatures without a body are `any`.
   */
  readonly bodyReturns: 'promise' | 'any' | 'unknown';
}

export type MemberSyntax =
  | { readonly kind: 'property'; readonly name: string | null; readonly type: TypeRef | null; readonly value: SignatureSyntax | null }
  | { readonly kind: 'method'; readonly name: string | null; readonly signature: SignatureSyntax }
  | { readonly kind: 'call'; readonly signature: SignatureSyntax }
  | { readonly kind: 'index'; readonly type: TypeRef | null };

export type DeclarationSyntax =
  | { readonly kind: 'alias'; readonly name: string; readonly type: TypeRef }
  /** Interfaces (every declaration of a merged name) and classes (their instance side). */
  | { readonly kind: 'interface' | 'class'; readonly name: string; readonly key: object; readonly members: readonly MemberSyntax[]; readonly bases: readonly TypeRef[] }
  | { readonly kind: 'function'; readonly name: string; readonly signatures: readonly SignatureSyntax[] }
  | { readonly kind: 'variable'; readonly name: string; readonly type: TypeRef | null; readonly value: SignatureSyntax | null }
  | { readonly kind: 'typeParameter'; readonly constraint: TypeRef | null };

/** A `TypeRef` for a syntax already known. */
export function knownType(syntax: TypeSyntax): TypeRef {
  return { read: () => syntax };
}

export const UNKNOWN_TYPE: TypeRef = knownType({ form: 'unknown' });
