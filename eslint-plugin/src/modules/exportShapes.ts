import { BoundedWalk } from '../core/boundedWalk';

/** What calling an export of another file returns, as far as its declaration says. */
export type ExportedResult = 'promise' | 'thenable';

/** An export of another module: the specifier as written in the file that imports it, and the export's name. */
export interface ImportRef {
  readonly specifier: string;
  readonly name: string;
}

/**
 * The methods of an exported value or of the instances of an exported class: what calling each returns (null:
 * not a promise, or unknown), and the imported class it extends, where the methods it lacks are looked up.
 */
export interface MemberTable {
  readonly methods: ReadonlyMap<string, ExportedResult | null>;
  readonly base: ImportRef | null;
}

/**
 * What a reading of a file (TypeScript's tree or an ESTree) says about its top-level values, for
 * {@link ShapeReader}: the two readings share how shapes are built, and differ only in how they look at nodes.
 */
export interface ShapeSource<Node> {
  /** The top-level declarations (functions, classes, constants) of `name`. */
  declarationsOf(name: string): readonly Node[];
  /** The module export a top-level name was imported as (`import { A } from "./a"`, `const A = require("./a")`). */
  importOf(name: string): ImportRef | null;
  /** What a node is, for shapes: a class, `new C(…)`, an object literal, a name, or something else. */
  describe(node: Node): ValueNode<Node>;
  /** The members of a class (static or not): name → the value to classify, or null for a field or accessor. */
  classMembers(classNode: Node, isStatic: boolean): Iterable<readonly [string, Node | null]>;
  /** The members of an object literal: name → the value to classify. */
  objectMembers(objectNode: Node): Iterable<readonly [string, Node]>;
  /** What calling a method, a function-valued field or property returns. */
  classifyCallable(node: Node): ExportedResult | null;
}

export type ValueNode<Node> =
  | { readonly kind: 'class'; readonly superClass: Node | null }
  | { readonly kind: 'new'; readonly callee: Node }
  | { readonly kind: 'object' }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'other' };

/** How far names, `extends` chains and class aliases are followed inside one file. */
const SHAPE_LIMITS = { maxDepth: 12, maxSteps: 200 };

/**
 * Builds the member tables of the values a file exports, from one reading of its syntax:
 * - an object literal: its methods (`export const api = { async list() {} }`);
 * - an instance of a class of the file: the class's instance methods (`module.exports = new Store()`);
 * - a class: its static methods as the value's members, its instance methods as the class's instances.
 * Methods a class inherits from classes of the same file are merged in (its own win); a base imported from
 * another file is recorded, for the importer to follow.
 */
export class ShapeReader<Node> {
  constructor(private readonly source: ShapeSource<Node>) {}

  /** The members of the value `node` (null when it has none that the reading knows). */
  membersOfValue(node: Node): MemberTable | null {
    return this.valueMembers(node, new BoundedWalk(SHAPE_LIMITS));
  }

  /** The instance members of the class `node` denotes (a class, or a name of one), or null. */
  instancesOfValue(node: Node): MemberTable | null {
    const walk = new BoundedWalk(SHAPE_LIMITS);
    const classNode = this.resolveClass(node, walk);
    return classNode === null ? null : this.classTable(classNode, false, walk);
  }

  private valueMembers(node: Node, walk: BoundedWalk): MemberTable | null {
    return walk.enter(node, null, () => {
      const value = this.source.describe(node);
      switch (value.kind) {
        case 'object':
          return { methods: this.objectMethods(node), base: null };
        case 'class':
          return this.classTable(node, true, walk);
        case 'new': {
          const classNode = this.resolveClass(value.callee, walk);
          return classNode === null ? null : this.classTable(classNode, false, walk);
        }
        case 'name': {
          const [declaration] = this.source.declarationsOf(value.name);
          return declaration === undefined ? null : this.valueMembers(declaration, walk);
        }
        default:
          return null;
      }
    });
  }

  /** The class a node denotes in this file: a class, or a name bound to one (through `const A = B`). */
  private resolveClass(node: Node, walk: BoundedWalk): Node | null {
    return walk.enter(node, null, () => {
      const value = this.source.describe(node);
      if (value.kind === 'class') return node;
      if (value.kind !== 'name') return null;
      const [declaration] = this.source.declarationsOf(value.name);
      return declaration === undefined ? null : this.resolveClass(declaration, walk);
    });
  }

  /** A class's methods (instance or static), its bases' in this file merged in under its own. */
  private classTable(classNode: Node, isStatic: boolean, walk: BoundedWalk): MemberTable {
    const chain: Node[] = [];
    let base: ImportRef | null = null;
    for (let current: Node | null = classNode; current !== null && !chain.includes(current) && chain.length < SHAPE_LIMITS.maxDepth; ) {
      chain.push(current);
      const value = this.source.describe(current);
      const superClass = value.kind === 'class' ? value.superClass : null;
      if (superClass === null) break;
      const next = this.resolveClass(superClass, walk);
      if (next === null) {
        const superValue = this.source.describe(superClass);
        base = superValue.kind === 'name' ? this.source.importOf(superValue.name) : null;
      }
      current = next;
    }
    const methods = new Map<string, ExportedResult | null>();
    // the most derived class first: a method it declares hides the one of its base
    for (const current of chain) {
      for (const [name, member] of this.source.classMembers(current, isStatic)) {
        if (!methods.has(name)) methods.set(name, member === null ? null : this.source.classifyCallable(member));
      }
    }
    return { methods, base };
  }

  private objectMethods(objectNode: Node): Map<string, ExportedResult | null> {
    const methods = new Map<string, ExportedResult | null>();
    for (const [name, member] of this.source.objectMembers(objectNode)) methods.set(name, this.source.classifyCallable(member));
    return methods;
  }
}
