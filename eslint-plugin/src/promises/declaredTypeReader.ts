import {
  type DeclaredKind,
  type DeclaredType,
  DISPOSABLE_TYPE,
  type PackageType,
  libraryGeneric,
  MAX_DECLARED_DEPTH,
  unionKind,
  unionOf,
} from '../modules/declaredTypes';
import type { DeclarationSyntax, MemberSyntax, SignatureSyntax, TypeRef, TypeSyntax } from '../modules/typeSyntax';
import { BoundedWalk } from '../core/boundedWalk';

/**
 * Reads written types (`modules/typeSyntax.ts`, from this file or a project file it imports) as
 * `DeclaredType`s: what a value of the type is, what its calls return, its members, elements and
 * parameters. Each question is one `BoundedWalk` that enters every declaration (and union) it reads, so
 * cyclic shapes (`interface C extends C {}`, `type A = B; type B = A`, `interface Node { next: Node }`)
 * end; a type handed on as an answer (a member's type) keeps the depth it was found at, so chains of
 * questions (`a.b.c`) share the one depth budget.
 */
export function declaredTypeOf(ref: TypeRef | null, depth = 0): DeclaredType | null {
  if (!ref || depth > MAX_DECLARED_DEPTH) return null;
  return new SyntaxType(ref, null, depth);
}

/**
 * The type a declaration gives its name when used as a type (`x: Service`): an alias's type, an
 * interface, a class's instances; for a function or a variable (`f` used as a callee or a component), the
 * function type of its value.
 */
export function declaredTypeOfDeclaration(declaration: DeclarationSyntax, depth = 0): DeclaredType | null {
  if (depth > MAX_DECLARED_DEPTH) return null;
  switch (declaration.kind) {
    case 'alias':
      return declaredTypeOf(declaration.type, depth + 1);
    case 'typeParameter':
      return declaredTypeOf(declaration.constraint, depth + 1);
    case 'variable':
      if (declaration.type) return declaredTypeOf(declaration.type, depth + 1);
      return declaration.value ? new SignaturesType([declaration.value], depth + 1) : null;
    case 'function':
      return new SignaturesType(declaration.signatures, depth + 1);
    default:
      return new SyntaxType(null, declaration, depth);
  }
}

/** One question's walk, and the depth at which its type was found (answers found inside it go deeper). */
interface Walk {
  readonly steps: BoundedWalk;
  readonly base: number;
}

function start(base: number): Walk {
  return { steps: new BoundedWalk({ maxDepth: Math.max(0, MAX_DECLARED_DEPTH - base) }), base };
}

/** The depth for a type found at the walk's current step. */
function depthOf(walk: Walk): number {
  return walk.base + walk.steps.depth + 1;
}

/** A written type (or the instance side of an interface/class declaration), answering lazily. */
class SyntaxType implements DeclaredType {
  readonly name: string | null;

  constructor(
    private readonly ref: TypeRef | null,
    private readonly declaration: DeclarationSyntax | null,
    private readonly depth: number,
  ) {
    this.name = declaration && 'name' in declaration ? declaration.name : null;
  }

  kind(): DeclaredKind {
    return this.declaration ? kindOfDeclaration(this.declaration, start(this.depth)) : kindOf(this.ref, start(this.depth));
  }

  callReturns(): readonly DeclaredKind[] | null {
    return this.declaration ? callReturnsOfDeclaration(this.declaration, start(this.depth)) : callReturnsOf(this.ref, start(this.depth));
  }

  packageTypes(): readonly PackageType[] {
    return this.declaration ? packageTypesOfDeclaration(this.declaration, start(this.depth)) : packageTypesOf(this.ref, start(this.depth));
  }

  returned(awaited: boolean): DeclaredType | null {
    return this.declaration ? returnedOfDeclaration(this.declaration, awaited, start(this.depth)) : returnedOf(this.ref, awaited, start(this.depth));
  }

  member(name: string): DeclaredType | null {
    return this.declaration ? memberOfDeclaration(this.declaration, name, start(this.depth)) : memberOf(this.ref, name, start(this.depth));
  }

  element(index: number): DeclaredType | null {
    return this.declaration ? null : elementOf(this.ref, index, start(this.depth));
  }

  parameter(index: number): DeclaredType | null {
    return this.declaration ? null : parameterOf(this.ref, index, start(this.depth));
  }
}

/** The function type of a function declaration's signatures (overloads) or of a variable's function value. */
class SignaturesType implements DeclaredType {
  readonly name = null;

  constructor(
    private readonly signatures: readonly SignatureSyntax[],
    private readonly depth: number,
  ) {}

  kind(): DeclaredKind {
    return 'other';
  }

  callReturns(): readonly DeclaredKind[] | null {
    const walk = start(this.depth);
    return this.signatures.map((signature) => returnKind(signature, walk));
  }

  returned(awaited: boolean): DeclaredType | null {
    return returnedOfSignatures(this.signatures, awaited, start(this.depth));
  }

  packageTypes(): readonly PackageType[] {
    return [];
  }

  member(): DeclaredType | null {
    return null;
  }

  element(): DeclaredType | null {
    return null;
  }

  parameter(index: number): DeclaredType | null {
    return unionOf(this.signatures.flatMap((signature) => nonNull(parameterOfSignature(signature, index, start(this.depth)))));
  }
}

function read(ref: TypeRef | null): TypeSyntax {
  return ref ? ref.read() : { form: 'unknown' };
}

function nonNull<T>(value: T | null): T[] {
  return value === null ? [] : [value];
}

// ---------------------------------------------------------------------------------------------
// What a value of the type is

/** Global types that are certainly not promises (only what is common in annotations). */
const NON_PROMISE_GLOBALS: ReadonlySet<string> = new Set([
  'Array', 'ReadonlyArray', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Record', 'Partial', 'Readonly', 'Required', 'Pick',
  'Omit', 'Date', 'RegExp', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'Buffer', 'Uint8Array',
  'ArrayBuffer', 'Iterable', 'Iterator', 'Generator', 'AsyncGenerator', 'AsyncIterable', 'AsyncIterator', 'Disposable',
  'AsyncDisposable', 'Function',
]);

function kindOf(ref: TypeRef | null, walk: Walk): DeclaredKind {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'void':
      return 'void';
    case 'any':
      return 'any';
    case 'nullish':
    case 'other':
    case 'array':
    case 'tuple':
    case 'function':
      return 'other';
    case 'unknown':
      return 'unknown';
    case 'object':
      return syntax.members.some((member) => memberName(member) === 'then') ? 'thenable' : 'other';
    case 'union':
    case 'intersection': {
      const form = syntax.form;
      return walk.steps.enter(syntax, 'unknown', () => {
        const kinds = syntax.parts.map((part) => kindOf(part, walk));
        if (form === 'union') return unionKind(kinds);
        return strongestThenable(kinds) ?? (kinds.includes('unknown') ? 'unknown' : 'other');
      });
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'global') {
        if (syntax.name === 'Promise') return 'promise';
        if (syntax.name === 'PromiseLike') return 'thenable';
        return NON_PROMISE_GLOBALS.has(syntax.name) ? 'other' : 'unknown';
      }
      return target.kind === 'declaration' ? kindOfDeclaration(target.declaration, walk) : 'unknown';
    }
  }
}

function kindOfDeclaration(declaration: DeclarationSyntax, walk: Walk): DeclaredKind {
  return walk.steps.enter(declaration, 'unknown', (): DeclaredKind => {
    switch (declaration.kind) {
      case 'alias':
        return kindOf(declaration.type, walk);
      case 'typeParameter':
        return declaration.constraint ? kindOf(declaration.constraint, walk) : 'any';
      case 'interface':
      case 'class': {
        const bases = declaration.bases.map((base) => kindOf(base, walk));
        if (bases.includes('promise')) return 'promise';
        if (declaration.members.some((member) => memberName(member) === 'then')) return 'thenable';
        return strongestThenable(bases) ?? (bases.includes('unknown') ? 'unknown' : 'other');
      }
      default:
        return 'unknown';
    }
  });
}

/** `promise` when one of `kinds` is a promise, else `thenable` when one is, else null. */
function strongestThenable(kinds: readonly DeclaredKind[]): DeclaredKind | null {
  if (kinds.includes('promise')) return 'promise';
  return kinds.includes('thenable') ? 'thenable' : null;
}

function returnKind(signature: SignatureSyntax, walk: Walk): DeclaredKind {
  return signature.returns ? kindOf(signature.returns, walk) : signature.bodyReturns;
}

// ---------------------------------------------------------------------------------------------
// What its calls return

function callReturnsOf(ref: TypeRef | null, walk: Walk): readonly DeclaredKind[] | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'function':
      return [returnKind(syntax.signature, walk)];
    case 'object':
      return syntax.members.flatMap((member) => (member.kind === 'call' ? [returnKind(member.signature, walk)] : []));
    case 'void':
    case 'nullish':
    case 'other':
    case 'array':
    case 'tuple':
      return [];
    case 'any':
    case 'unknown':
      return null;
    case 'union':
    case 'intersection':
      return walk.steps.enter(syntax, null, () => {
        const returns: DeclaredKind[] = [];
        for (const part of syntax.parts) {
          const own = callReturnsOf(part, walk);
          if (own === null) return null;
          returns.push(...own);
        }
        return returns;
      });
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'global') return NON_PROMISE_GLOBALS.has(syntax.name) && syntax.name !== 'Function' ? [] : null;
      return target.kind === 'declaration' ? callReturnsOfDeclaration(target.declaration, walk) : null;
    }
  }
}

function callReturnsOfDeclaration(declaration: DeclarationSyntax, walk: Walk): readonly DeclaredKind[] | null {
  return walk.steps.enter(declaration, null, (): readonly DeclaredKind[] | null => {
    switch (declaration.kind) {
      case 'alias':
        return callReturnsOf(declaration.type, walk);
      case 'typeParameter':
        return declaration.constraint ? callReturnsOf(declaration.constraint, walk) : null;
      case 'class':
        return []; // instances are not callable
      case 'interface': {
        const returns = declaration.members.flatMap((member) => (member.kind === 'call' ? [returnKind(member.signature, walk)] : []));
        for (const base of declaration.bases) {
          const inherited = callReturnsOf(base, walk);
          if (inherited === null) return null;
          returns.push(...inherited);
        }
        return returns;
      }
      default:
        return null;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The packages' types it is or extends

function packageTypesOf(ref: TypeRef | null, walk: Walk): readonly PackageType[] {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'package') return [{ module: target.module, name: target.name }];
      return target.kind === 'declaration' ? packageTypesOfDeclaration(target.declaration, walk) : [];
    }
    case 'union': {
      // `Redis | undefined`: what the one non-nullish member is
      const parts = syntax.parts.filter((part) => read(part).form !== 'nullish');
      const [only] = parts;
      return parts.length === 1 && only ? walk.steps.enter(syntax, [], () => packageTypesOf(only, walk)) : [];
    }
    case 'intersection':
      return walk.steps.enter(syntax, [], () => syntax.parts.flatMap((part) => packageTypesOf(part, walk)));
    default:
      return [];
  }
}

function packageTypesOfDeclaration(declaration: DeclarationSyntax, walk: Walk): readonly PackageType[] {
  return walk.steps.enter(declaration, [], (): readonly PackageType[] => {
    switch (declaration.kind) {
      case 'alias':
        return packageTypesOf(declaration.type, walk);
      case 'interface':
      case 'class':
        return declaration.bases.flatMap((base) => packageTypesOf(base, walk));
      default:
        return [];
    }
  });
}

// ---------------------------------------------------------------------------------------------
// What its calls return, as a type

function returnedOf(ref: TypeRef | null, awaited: boolean, walk: Walk): DeclaredType | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'function':
      return returnedOfSignatures([syntax.signature], awaited, walk);
    case 'object':
      return returnedOfSignatures(callSignatures(syntax.members), awaited, walk);
    case 'union':
      // an optional function (`(() => T) | undefined`): what calling it returns when it is called
      return walk.steps.enter(syntax, null, () => unionOf(syntax.parts.flatMap((part) => (read(part).form === 'nullish' ? [] : nonNull(returnedOf(part, awaited, walk))))));
    case 'reference': {
      const target = syntax.target();
      return target.kind === 'declaration' ? returnedOfDeclaration(target.declaration, awaited, walk) : null;
    }
    default:
      return null;
  }
}

function returnedOfDeclaration(declaration: DeclarationSyntax, awaited: boolean, walk: Walk): DeclaredType | null {
  return walk.steps.enter(declaration, null, (): DeclaredType | null => {
    switch (declaration.kind) {
      case 'alias':
        return returnedOf(declaration.type, awaited, walk);
      case 'function':
        return returnedOfSignatures(declaration.signatures, awaited, walk);
      case 'variable':
        if (declaration.type) return returnedOf(declaration.type, awaited, walk);
        return declaration.value ? returnedOfSignatures([declaration.value], awaited, walk) : null;
      case 'interface':
        return returnedOfSignatures(callSignatures(declaration.members), awaited, walk);
      default:
        return null;
    }
  });
}

function callSignatures(members: readonly MemberSyntax[]): SignatureSyntax[] {
  return members.flatMap((member) => (member.kind === 'call' ? [member.signature] : []));
}

/** The written return types of `signatures` together; null when there are none or one has none written. */
function returnedOfSignatures(signatures: readonly SignatureSyntax[], awaited: boolean, walk: Walk): DeclaredType | null {
  const types: DeclaredType[] = [];
  for (const signature of signatures) {
    const returned = signature.returns ? returnedType(signature.returns, awaited, walk) : null;
    if (!returned) return null;
    types.push(returned);
  }
  return unionOf(types);
}

/** A written return type, or what it resolves to when `awaited` (`Promise<T>`, `PromiseLike<T>`: `T`). */
function returnedType(ref: TypeRef, awaited: boolean, walk: Walk): DeclaredType | null {
  if (awaited) {
    const syntax = read(ref);
    if (syntax.form === 'reference' && (syntax.name === 'Promise' || syntax.name === 'PromiseLike') && syntax.target().kind === 'global') {
      return declaredTypeOf(syntax.args[0] ?? null, depthOf(walk));
    }
  }
  return declaredTypeOf(ref, depthOf(walk));
}

// ---------------------------------------------------------------------------------------------
// Members, elements, parameters

function memberName(member: MemberSyntax): string | null {
  return member.kind === 'property' || member.kind === 'method' ? member.name : null;
}

/** The members named `name` among `members` as one type (overloaded methods: every signature). */
function ownMember(members: readonly MemberSyntax[], name: string, walk: Walk): DeclaredType | null | undefined {
  const signatures: SignatureSyntax[] = [];
  for (const member of members) {
    if (member.kind === 'method' && member.name === name) signatures.push(member.signature);
    else if (member.kind === 'property' && member.name === name) {
      if (member.type) return declaredTypeOf(member.type, depthOf(walk));
      return member.value ? new SignaturesType([member.value], depthOf(walk)) : null;
    }
  }
  if (signatures.length > 0) return new SignaturesType(signatures, depthOf(walk));
  return undefined; // not declared here
}

function indexMember(members: readonly MemberSyntax[], walk: Walk): DeclaredType | null | undefined {
  for (const member of members) {
    if (member.kind === 'index') return member.type ? declaredTypeOf(member.type, depthOf(walk)) : null;
  }
  return undefined;
}

/** `Record<K, V>`, `Partial<T>`, `Array<T>`…: the library generic with its arguments read as declared types. */
function genericOf(syntax: Extract<TypeSyntax, { form: 'reference' }>, walk: Walk): DeclaredType | null {
  return libraryGeneric(syntax.name, syntax.args.map((arg) => declaredTypeOf(arg, depthOf(walk))), syntax.literalKeys);
}

function memberOf(ref: TypeRef | null, name: string, walk: Walk): DeclaredType | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'object': {
      const own = ownMember(syntax.members, name, walk);
      if (own !== undefined) return own;
      return indexMember(syntax.members, walk) ?? null;
    }
    case 'union':
    case 'intersection':
      return walk.steps.enter(syntax, null, () => unionOf(syntax.parts.flatMap((part) => nonNull(memberOf(part, name, walk)))));
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'declaration') return memberOfDeclaration(target.declaration, name, walk);
      if (target.kind !== 'global') return null;
      if (syntax.name === 'Disposable') return DISPOSABLE_TYPE.member(name);
      return genericOf(syntax, walk)?.member(name) ?? null;
    }
    default:
      return null;
  }
}

function memberOfDeclaration(declaration: DeclarationSyntax, name: string, walk: Walk): DeclaredType | null {
  return walk.steps.enter(declaration, null, (): DeclaredType | null => {
    switch (declaration.kind) {
      case 'alias':
        return memberOf(declaration.type, name, walk);
      case 'typeParameter':
        return declaration.constraint ? memberOf(declaration.constraint, name, walk) : null;
      case 'interface':
      case 'class': {
        const own = ownMember(declaration.members, name, walk);
        if (own !== undefined) return own;
        for (const base of declaration.bases) {
          const inherited = memberOf(base, name, walk);
          if (inherited) return inherited;
        }
        return indexMember(declaration.members, walk) ?? null;
      }
      default:
        return null;
    }
  });
}

function elementOf(ref: TypeRef | null, index: number, walk: Walk): DeclaredType | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'array':
      return declaredTypeOf(syntax.element, depthOf(walk));
    case 'tuple': {
      const element = syntax.elements[index];
      if (element && !element.rest) return declaredTypeOf(element.type, depthOf(walk));
      const rest = syntax.elements.find((candidate) => candidate.rest);
      return rest ? walk.steps.enter(syntax, null, () => elementOf(rest.type, 0, walk)) : null;
    }
    case 'union':
      return walk.steps.enter(syntax, null, () => unionOf(syntax.parts.flatMap((part) => nonNull(elementOf(part, index, walk)))));
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'declaration') {
        const declaration = target.declaration;
        return walk.steps.enter(declaration, null, () => {
          if (declaration.kind === 'alias') return elementOf(declaration.type, index, walk);
          if (declaration.kind === 'typeParameter') return elementOf(declaration.constraint, index, walk);
          return null;
        });
      }
      return target.kind === 'global' ? (genericOf(syntax, walk)?.element(index) ?? null) : null;
    }
    default:
      return null;
  }
}

function parameterOfSignature(signature: SignatureSyntax, index: number, walk: Walk): DeclaredType | null {
  for (let position = 0; position < signature.parameters.length; position++) {
    const parameter = signature.parameters[position];
    if (!parameter) continue;
    if (parameter.rest && index >= position) return parameter.type ? elementOf(parameter.type, index - position, walk) : null;
    if (position === index) return declaredTypeOf(parameter.type, depthOf(walk));
  }
  return null;
}

function parameterOf(ref: TypeRef | null, index: number, walk: Walk): DeclaredType | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'function':
      return parameterOfSignature(syntax.signature, index, walk);
    case 'object':
      return unionOf(syntax.members.flatMap((member) => (member.kind === 'call' ? nonNull(parameterOfSignature(member.signature, index, walk)) : [])));
    case 'union':
      return walk.steps.enter(syntax, null, () => unionOf(syntax.parts.flatMap((part) => nonNull(parameterOf(part, index, walk)))));
    case 'reference': {
      const target = syntax.target();
      if (target.kind !== 'declaration') return null;
      const declaration = target.declaration;
      return walk.steps.enter(declaration, null, (): DeclaredType | null => {
        if (declaration.kind === 'alias') return parameterOf(declaration.type, index, walk);
        if (declaration.kind === 'typeParameter') return parameterOf(declaration.constraint, index, walk);
        if (declaration.kind === 'interface') {
          return unionOf(declaration.members.flatMap((member) => (member.kind === 'call' ? nonNull(parameterOfSignature(member.signature, index, walk)) : [])));
        }
        return null;
      });
    }
    default:
      return null;
  }
}
