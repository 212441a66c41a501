import {
  type DeclaredKind,
  type DeclaredType,
  DISPOSABLE_TYPE,
  libraryGeneric,
  MAX_DECLARED_DEPTH,
  unionKind,
  unionOf,
} from '../modules/declaredTypes';
import type { DeclarationSyntax, MemberSyntax, SignatureSyntax, TypeRef, TypeSyntax } from '../modules/typeSyntax';

/**
 * Reads written types (`modules/typeSyntax.ts`, from this file or a relatively imported one) as
 * `DeclaredType`s: what a value of the type is, what its calls return, its members, elements and
 * parameters. Every walk carries a depth budget and the declarations it is inside, so cyclic shapes
 * (`interface C extends C {}`, `type A = B; type B = A`, `interface Node { next: Node }`) end.
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

/** Where a walk is: how deep, and which declarations it is already inside (to stop at cycles). */
interface Walk {
  readonly depth: number;
  readonly inside: ReadonlySet<object>;
}

function deeper(walk: Walk, declaration?: object): Walk | null {
  if (walk.depth >= MAX_DECLARED_DEPTH) return null;
  if (declaration && walk.inside.has(declaration)) return null;
  const inside = declaration ? new Set(walk.inside).add(declaration) : walk.inside;
  return { depth: walk.depth + 1, inside };
}

const START = (depth: number): Walk => ({ depth, inside: new Set() });

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
    return this.declaration ? kindOfDeclaration(this.declaration, START(this.depth)) : kindOf(this.ref, START(this.depth));
  }

  callReturns(): readonly DeclaredKind[] | null {
    return this.declaration ? callReturnsOfDeclaration(this.declaration, START(this.depth)) : callReturnsOf(this.ref, START(this.depth));
  }

  member(name: string): DeclaredType | null {
    return this.declaration ? memberOfDeclaration(this.declaration, name, START(this.depth)) : memberOf(this.ref, name, START(this.depth));
  }

  element(index: number): DeclaredType | null {
    return this.declaration ? null : elementOf(this.ref, index, START(this.depth));
  }

  parameter(index: number): DeclaredType | null {
    return this.declaration ? null : parameterOf(this.ref, index, START(this.depth));
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
    const walk = START(this.depth);
    return this.signatures.map((signature) => returnKind(signature, walk));
  }

  member(): DeclaredType | null {
    return null;
  }

  element(): DeclaredType | null {
    return null;
  }

  parameter(index: number): DeclaredType | null {
    return unionOf(this.signatures.flatMap((signature) => nonNull(parameterOfSignature(signature, index, START(this.depth)))));
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
      return syntax.members.some((member) => memberName(member) === 'then') ? 'promise' : 'other';
    case 'union':
    case 'intersection': {
      const next = deeper(walk);
      if (!next) return 'unknown';
      const kinds = syntax.parts.map((part) => kindOf(part, next));
      if (syntax.form === 'union') return unionKind(kinds);
      return kinds.includes('promise') ? 'promise' : kinds.includes('unknown') ? 'unknown' : 'other';
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'global') {
        if (syntax.name === 'Promise' || syntax.name === 'PromiseLike') return 'promise';
        return NON_PROMISE_GLOBALS.has(syntax.name) ? 'other' : 'unknown';
      }
      return target.kind === 'declaration' ? kindOfDeclaration(target.declaration, walk) : 'unknown';
    }
  }
}

function kindOfDeclaration(declaration: DeclarationSyntax, walk: Walk): DeclaredKind {
  const next = deeper(walk, declaration);
  if (!next) return 'unknown';
  switch (declaration.kind) {
    case 'alias':
      return kindOf(declaration.type, next);
    case 'typeParameter':
      return declaration.constraint ? kindOf(declaration.constraint, next) : 'any';
    case 'interface':
    case 'class': {
      if (declaration.members.some((member) => memberName(member) === 'then')) return 'promise';
      const bases = declaration.bases.map((base) => kindOf(base, next));
      return bases.includes('promise') ? 'promise' : bases.includes('unknown') ? 'unknown' : 'other';
    }
    default:
      return 'unknown';
  }
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
    case 'intersection': {
      const next = deeper(walk);
      if (!next) return null;
      const returns: DeclaredKind[] = [];
      for (const part of syntax.parts) {
        const own = callReturnsOf(part, next);
        if (own === null) return null;
        returns.push(...own);
      }
      return returns;
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'global') return NON_PROMISE_GLOBALS.has(syntax.name) && syntax.name !== 'Function' ? [] : null;
      return target.kind === 'declaration' ? callReturnsOfDeclaration(target.declaration, walk) : null;
    }
  }
}

function callReturnsOfDeclaration(declaration: DeclarationSyntax, walk: Walk): readonly DeclaredKind[] | null {
  const next = deeper(walk, declaration);
  if (!next) return null;
  switch (declaration.kind) {
    case 'alias':
      return callReturnsOf(declaration.type, next);
    case 'typeParameter':
      return declaration.constraint ? callReturnsOf(declaration.constraint, next) : null;
    case 'class':
      return []; // instances are not callable
    case 'interface': {
      const returns = declaration.members.flatMap((member) => (member.kind === 'call' ? [returnKind(member.signature, next)] : []));
      for (const base of declaration.bases) {
        const inherited = callReturnsOf(base, next);
        if (inherited === null) return null;
        returns.push(...inherited);
      }
      return returns;
    }
    default:
      return null;
  }
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
      if (member.type) return declaredTypeOf(member.type, walk.depth + 1);
      return member.value ? new SignaturesType([member.value], walk.depth + 1) : null;
    }
  }
  if (signatures.length > 0) return new SignaturesType(signatures, walk.depth + 1);
  return undefined; // not declared here
}

function indexMember(members: readonly MemberSyntax[], walk: Walk): DeclaredType | null | undefined {
  for (const member of members) {
    if (member.kind === 'index') return member.type ? declaredTypeOf(member.type, walk.depth + 1) : null;
  }
  return undefined;
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
    case 'intersection': {
      const next = deeper(walk);
      if (!next) return null;
      return unionOf(syntax.parts.flatMap((part) => nonNull(memberOf(part, name, next))));
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'declaration') return memberOfDeclaration(target.declaration, name, walk);
      if (target.kind !== 'global') return null;
      if (syntax.name === 'Disposable') return DISPOSABLE_TYPE.member(name);
      const next = deeper(walk);
      if (!next) return null;
      return libraryGeneric(syntax.name, syntax.args.map((arg) => declaredTypeOf(arg, next.depth)), syntax.literalKeys)?.member(name) ?? null;
    }
    default:
      return null;
  }
}

function memberOfDeclaration(declaration: DeclarationSyntax, name: string, walk: Walk): DeclaredType | null {
  const next = deeper(walk, declaration);
  if (!next) return null;
  switch (declaration.kind) {
    case 'alias':
      return memberOf(declaration.type, name, next);
    case 'typeParameter':
      return declaration.constraint ? memberOf(declaration.constraint, name, next) : null;
    case 'interface':
    case 'class': {
      const own = ownMember(declaration.members, name, next);
      if (own !== undefined) return own;
      for (const base of declaration.bases) {
        const inherited = memberOf(base, name, next);
        if (inherited) return inherited;
      }
      return indexMember(declaration.members, next) ?? null;
    }
    default:
      return null;
  }
}

function elementOf(ref: TypeRef | null, index: number, walk: Walk): DeclaredType | null {
  const syntax = read(ref);
  switch (syntax.form) {
    case 'array':
      return declaredTypeOf(syntax.element, walk.depth + 1);
    case 'tuple': {
      const element = syntax.elements[index];
      if (element && !element.rest) return declaredTypeOf(element.type, walk.depth + 1);
      const rest = syntax.elements.find((candidate) => candidate.rest);
      return rest ? elementOf(rest.type, 0, walk) : null;
    }
    case 'union': {
      const next = deeper(walk);
      if (!next) return null;
      return unionOf(syntax.parts.flatMap((part) => nonNull(elementOf(part, index, next))));
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind === 'declaration') {
        const next = deeper(walk, target.declaration);
        if (!next) return null;
        if (target.declaration.kind === 'alias') return elementOf(target.declaration.type, index, next);
        if (target.declaration.kind === 'typeParameter') return elementOf(target.declaration.constraint, index, next);
        return null;
      }
      if (target.kind !== 'global') return null;
      const next = deeper(walk);
      if (!next) return null;
      return libraryGeneric(syntax.name, syntax.args.map((arg) => declaredTypeOf(arg, next.depth)), syntax.literalKeys)?.element(index) ?? null;
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
    if (position === index) return declaredTypeOf(parameter.type, walk.depth + 1);
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
    case 'union': {
      const next = deeper(walk);
      if (!next) return null;
      return unionOf(syntax.parts.flatMap((part) => nonNull(parameterOf(part, index, next))));
    }
    case 'reference': {
      const target = syntax.target();
      if (target.kind !== 'declaration') return null;
      const next = deeper(walk, target.declaration);
      if (!next) return null;
      const declaration = target.declaration;
      if (declaration.kind === 'alias') return parameterOf(declaration.type, index, next);
      if (declaration.kind === 'typeParameter') return parameterOf(declaration.constraint, index, next);
      if (declaration.kind === 'interface') {
        return unionOf(declaration.members.flatMap((member) => (member.kind === 'call' ? nonNull(parameterOfSignature(member.signature, index, next)) : [])));
      }
      return null;
    }
    default:
      return null;
  }
}
