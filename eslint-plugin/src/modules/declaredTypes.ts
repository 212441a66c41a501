/**
 * A type as it is written in some file (this one, or a project file it imports), read without the type
 * checker and asked lazily: only the questions a rule asks are answered, so a large interface costs nothing
 * until one of its members is looked up.
 *
 * - `promise`: a `Promise` (or an alias of one, an interface extending it), what an `async` body returns;
 * - `thenable`: another object with a `then` method (`PromiseLike`, a class or `then` shape of the project);
 * - `void`: `void`;
 * - `any`: `any`, `unknown` or an unconstrained type parameter: a value of any kind fits;
 * - `other`: certainly none of these (`number`, an object type, a function type…);
 * - `unknown`: a type that cannot be read without the checker (a package's type, `typeof x`, a mapped type).
 */
export type DeclaredKind = 'promise' | 'thenable' | 'void' | 'any' | 'other' | 'unknown';

export interface DeclaredType {
  /** The type's name for messages when it has one (`Service`, `Handlers`), else null. */
  readonly name: string | null;
  /** What a value of this type is. */
  kind(): DeclaredKind;
  /** What each call signature returns (overloads, members of a union); empty when not callable; null when unreadable. */
  callReturns(): readonly DeclaredKind[] | null;
  /**
   * The type its calls return, every signature's written return type together (null when one writes none);
   * `awaited`: what that promise resolves to (`Promise<T>` gives `T`), as `await f()` yields.
   */
  returned(awaited: boolean): DeclaredType | null;
  /**
   * The exports of packages this type is or extends, as written (`Redis` of `ioredis` for `redis: Redis`, and for
   * `class PrismaService extends PrismaClient` the `PrismaClient` of `@prisma/client`); the checker is not asked.
   */
  packageTypes(): readonly PackageType[];
  /** The declared type of a property or method (an index signature answers for names it does not list). */
  member(name: string): DeclaredType | null;
  /** The type of the element at `index` of an array, tuple or rest parameter. */
  element(index: number): DeclaredType | null;
  /** The type of parameter `index` of its call signatures (a rest parameter answers for the indexes it covers). */
  parameter(index: number): DeclaredType | null;
}

/** An export of a package named as a type. */
export interface PackageType {
  readonly module: string;
  readonly name: string;
}

/** How deep a chain of questions may go (`a.b.c` members, aliases of aliases): bounds every lazy walk. */
export const MAX_DECLARED_DEPTH = 12;

/** The key under which members named by `Symbol.dispose`/`Symbol.asyncDispose` are looked up. */
export const SYMBOL_DISPOSE = '[Symbol.dispose]';
export const SYMBOL_ASYNC_DISPOSE = '[Symbol.asyncDispose]';

/** Combines what union members are: the strongest claim wins (`void | Promise<void>` accepts a promise). */
/** Whether a kind is a promise or another thenable: what a place that waits for a promise accepts. */
export function isPromiseLikeKind(kind: DeclaredKind): boolean {
  return kind === 'promise' || kind === 'thenable';
}

/** Combines what union members are: the strongest claim wins (`void | Promise<void>` accepts a promise). */
export function unionKind(kinds: readonly DeclaredKind[]): DeclaredKind {
  if (kinds.includes('promise')) return 'promise';
  if (kinds.includes('thenable')) return 'thenable';
  if (kinds.includes('any')) return 'any';
  if (kinds.includes('unknown')) return 'unknown';
  if (kinds.includes('void')) return 'void';
  return 'other';
}

/**
 * A union of declared types (`(() => void) | undefined` without its nullish members): a call returns what
 * any member's call returns; a member or element is the union of the members' where they have one.
 */
export function unionOf(parts: readonly DeclaredType[]): DeclaredType | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return new UnionType(parts);
}

class UnionType implements DeclaredType {
  readonly name = null;

  constructor(private readonly parts: readonly DeclaredType[]) {}

  kind(): DeclaredKind {
    return unionKind(this.parts.map((part) => part.kind()));
  }

  callReturns(): readonly DeclaredKind[] | null {
    const returns: DeclaredKind[] = [];
    for (const part of this.parts) {
      const own = part.callReturns();
      if (own === null) return null;
      returns.push(...own);
    }
    return returns;
  }

  packageTypes(): readonly PackageType[] {
    return [];
  }

  returned(awaited: boolean): DeclaredType | null {
    const found: DeclaredType[] = [];
    for (const part of this.parts) {
      const returned = part.returned(awaited);
      if (!returned) return null;
      found.push(returned);
    }
    return unionOf(found);
  }

  member(name: string): DeclaredType | null {
    return this.collect((part) => part.member(name));
  }

  element(index: number): DeclaredType | null {
    return this.collect((part) => part.element(index));
  }

  parameter(index: number): DeclaredType | null {
    return this.collect((part) => part.parameter(index));
  }

  private collect(pick: (part: DeclaredType) => DeclaredType | null): DeclaredType | null {
    const found: DeclaredType[] = [];
    for (const part of this.parts) {
      const value = pick(part);
      if (value) found.push(value);
    }
    return unionOf(found);
  }
}

/**
 * A function type known only by what it returns: the type of a method written with a body (`m() {}` is a
 * method returning `void`), whose parameters are not asked about.
 */
export function functionReturning(returns: readonly DeclaredKind[]): DeclaredType {
  return {
    name: null,
    kind: () => 'other',
    callReturns: () => returns,
    returned: () => null,
    packageTypes: () => [],
    member: () => null,
    element: () => null,
    parameter: () => null,
  };
}

/** The type of the global `Disposable`: `[Symbol.dispose](): void`. */
export const DISPOSABLE_TYPE: DeclaredType = {
  name: 'Disposable',
  kind: () => 'other',
  callReturns: () => [],
  returned: () => null,
    packageTypes: () => [],
  member: (name) => (name === SYMBOL_DISPOSE ? functionReturning(['void']) : null),
  element: () => null,
  parameter: () => null,
};

/**
 * The generic library types whose meaning for members and elements does not depend on the checker:
 * `Array<T>`/`ReadonlyArray<T>` (elements), `Record<K, V>` (every member is V), `Partial<T>`, `Required<T>`,
 * `Readonly<T>`, `NonNullable<T>` (T's members), `Pick<T, K>`/`Omit<T, K>` (T's members, the omitted ones
 * left out when written as string literals). Null for other names.
 */
export function libraryGeneric(name: string, args: readonly (DeclaredType | null)[], literalKeys: readonly (readonly string[] | null)[]): DeclaredType | null {
  const [first, second] = args;
  switch (name) {
    case 'Array':
    case 'ReadonlyArray':
      return first ? arrayOf(first) : null;
    case 'Record':
      return second ? recordOf(second) : null;
    case 'Partial':
    case 'Required':
    case 'Readonly':
    case 'NonNullable':
      return first ?? null;
    case 'Pick':
    case 'Omit': {
      if (!first) return null;
      const keys = literalKeys[1] ?? null;
      return keys === null ? first : withMembers(first, name === 'Pick' ? (member) => keys.includes(member) : (member) => !keys.includes(member));
    }
    default:
      return null;
  }
}

function arrayOf(element: DeclaredType): DeclaredType {
  return {
    name: null,
    kind: () => 'other',
    callReturns: () => [],
    returned: () => null,
    packageTypes: () => [],
    member: () => null,
    element: () => element,
    parameter: () => null,
  };
}

function recordOf(value: DeclaredType): DeclaredType {
  return {
    name: null,
    kind: () => 'other',
    callReturns: () => [],
    returned: () => null,
    packageTypes: () => [],
    member: () => value,
    element: () => null,
    parameter: () => null,
  };
}

function withMembers(base: DeclaredType, keep: (name: string) => boolean): DeclaredType {
  return {
    name: base.name,
    kind: () => base.kind(),
    callReturns: () => base.callReturns(),
    returned: (awaited) => base.returned(awaited),
    packageTypes: () => base.packageTypes(),
    member: (name) => (keep(name) ? base.member(name) : null),
    element: (index) => base.element(index),
    parameter: (index) => base.parameter(index),
  };
}
