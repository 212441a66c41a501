import type * as ts from 'typescript';

import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { CALLED_MODULES, isCatalogPromiseExport, PACKAGE_MEMBERS } from '../core/packagePromiseCatalog';
import { PROMISE_LIBRARY_STATICS, PROMISE_STATICS } from '../core/promiseStatics';
import { normalizeModuleSpecifier } from './moduleBindings';
import { type ExportedResult, type ImportRef, type MemberTable, ShapeReader, type ShapeSource, type ValueNode } from './exportShapes';
import { findTypeScript } from '../core/typescriptRuntime';
import { getAccessedName, getPropertyNameText, hasModifier, hasParseErrors, importBindings, isCompiledAsyncCall, isModuleExports, parseTypeScriptFile, requireBindings, requiredSpecifier, skipWrappers, someTsNode } from './tsSyntax';

export type { ExportedResult, ImportRef, MemberTable } from './exportShapes';

/**
 * What another file exports, as far as calls go: what calling each export returns, the methods of exported
 * values and of the instances of exported classes; re-exports are followed on demand.
 */
export interface ExportTable {
  readonly results: ReadonlyMap<string, ExportedResult | null>;
  /** Exported values with methods: object literals, instances of the file's classes, the static side of classes. */
  readonly members: ReadonlyMap<string, MemberTable>;
  /** Exported classes: the methods of their instances. */
  readonly classes: ReadonlyMap<string, MemberTable>;
  readonly reexportAll: readonly string[];
  readonly reexportNamed: ReadonlyMap<string, ImportRef>;
}

type Declarations = Map<string, ts.Node[]>;

/** Aliases between top-level names and their initializers are followed this far (about five `const a = b` in a row). */
export const EXPORT_ALIAS_LIMITS = { maxDepth: 16 };
/** Written return types: nested unions and type aliases, as far as `Promise<…>` is usually hidden. */
export const EXPORT_ANNOTATION_LIMITS = { maxDepth: 5 };

/**
 * Lists what the exported functions of another file return, from its syntax alone. The file is parsed
 * with TypeScript's parser directly (no ESTree conversion, no JSDoc). Null when the file does not parse cleanly,
 * or when TypeScript is not installed (a JavaScript-only project).
 */
export function buildExportTable(filePath: string, text: string): ExportTable | null {
  if (!mayExportPromises(text)) return NO_PROMISE_EXPORTS;
  const typescript = findTypeScript();
  return typescript ? exportTableOfSourceFile(typescript, parseTypeScriptFile(typescript, filePath, text)) : null;
}

/** The export table of a file's TypeScript tree; null when it has syntax errors. */
export function exportTableOfSourceFile(typescript: typeof ts, sourceFile: ts.SourceFile): ExportTable | null {
  if (hasParseErrors(sourceFile)) return null;
  return new ExportTableBuilder(typescript, sourceFile).build();
}

/** The table of a file that exports no promise-returning function and re-exports nothing. */
export const NO_PROMISE_EXPORTS: ExportTable = { results: new Map(), members: new Map(), classes: new Map(), reexportAll: [], reexportNamed: new Map() };

/**
 * A file that never says `async`, `Promise`, re-exports anything, extends a class or imports a promise library exports no
 * promise-returning function or method: its table is empty, without reading its syntax (most relative imports
 * are plain helpers, and most linted files are never imported by a file linted after them).
 */
export function mayExportPromises(text: string): boolean {
  return MAY_EXPORT_PROMISES.test(text);
}

/** The packages whose imports can make a function return a promise (a promise library, or a catalogued promise API). */
const PROMISE_PACKAGES: readonly string[] = [
  ...new Set([
    ...PROMISE_LIBRARY_STATICS.keys(),
    ...[...CALLED_MODULES].filter(([, minimum]) => minimum === 0).map(([module]) => module),
    ...PACKAGE_MEMBERS.keys(),
  ]),
];

const MAY_EXPORT_PROMISES = new RegExp(
  `\\basync\\b|\\bPromise\\b|\\bexport\\s*(?:\\*|\\{)|\\bextends\\b|\\bmodule\\.exports\\s*=\\s*(?:\\{|require\\()|['"](?:${PROMISE_PACKAGES.map(escapeRegExp).join('|')})['"]`,
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Exports that pass an import on (`import { save } from './save'; export { save }`, `const { save } =
 * require('./save'); module.exports = { save }`, the usual `index` file): what calling them returns is decided
 * in the imported file, so they become re-exports of it. `passed` maps each export written as a bare name to that
 * name; an export already known to return a promise, or whose name the file declares itself, stays.
 */
export function forwardPassedImports(
  passed: ReadonlyMap<string, string>,
  importOf: (name: string) => ImportRef | null,
  results: Map<string, ExportedResult | null>,
  reexportNamed: Map<string, ImportRef>,
): void {
  for (const [exported, local] of passed) {
    if (results.get(exported) || reexportNamed.has(exported)) continue;
    const imported = importOf(local);
    if (!imported) continue;
    results.delete(exported);
    reexportNamed.set(exported, imported);
  }
}


class ExportTableBuilder implements ShapeSource<ts.Node> {
  private readonly declarations: Declarations = new Map();
  /** Top-level names bound to a value (classes, and the initializers of constants), for shapes. */
  private readonly values = new Map<string, ts.Node>();
  private readonly imports = new Map<string, ImportRef>();
  private readonly results = new Map<string, ExportedResult | null>();
  private readonly members = new Map<string, MemberTable>();
  private readonly classes = new Map<string, MemberTable>();
  private readonly reexportAll: string[] = [];
  private readonly reexportNamed = new Map<string, ImportRef>();
  /** Exports written as a bare top-level name (`export { f }`, `module.exports = { f }`): see `forwardPassedImports`. */
  private readonly passed = new Map<string, string>();
  private readonly shapes = new ShapeReader<ts.Node>(this);

  constructor(
    private readonly typescript: typeof ts,
    private readonly sourceFile: ts.SourceFile,
  ) {}

  build(): ExportTable {
    this.collectTopLevelDeclarations();
    for (const statement of this.sourceFile.statements) this.collectExports(statement);
    forwardPassedImports(this.passed, (name) => this.importOf(name), this.results, this.reexportNamed);
    return detachedTable({ results: this.results, members: this.members, classes: this.classes, reexportAll: this.reexportAll, reexportNamed: this.reexportNamed });
  }

  // ---- ShapeSource: what the shapes of exported values are read from

  declarationsOf(name: string): readonly ts.Node[] {
    const value = this.values.get(name);
    return value ? [value] : [];
  }

  importOf(name: string): ImportRef | null {
    return this.imports.get(name) ?? null;
  }

  describe(raw: ts.Node): ValueNode<ts.Node> {
    const typescript = this.typescript;
    const node = skipWrappers(typescript, raw);
    if (typescript.isClassDeclaration(node) || typescript.isClassExpression(node)) {
      const heritage = node.heritageClauses?.find((clause) => clause.token === typescript.SyntaxKind.ExtendsKeyword);
      return { kind: 'class', superClass: heritage?.types[0]?.expression ?? null };
    }
    if (typescript.isNewExpression(node)) return { kind: 'new', callee: node.expression };
    if (typescript.isObjectLiteralExpression(node)) return { kind: 'object' };
    if (typescript.isIdentifier(node)) return { kind: 'name', name: node.text };
    return { kind: 'other' };
  }

  *classMembers(raw: ts.Node, isStatic: boolean): Iterable<readonly [string, ts.Node | null]> {
    const typescript = this.typescript;
    const node = skipWrappers(typescript, raw);
    if (!typescript.isClassDeclaration(node) && !typescript.isClassExpression(node)) return;
    for (const member of node.members) {
      if (typescript.isConstructorDeclaration(member) || typescript.isClassStaticBlockDeclaration(member) || typescript.isIndexSignatureDeclaration(member)) continue;
      if (hasModifier(typescript, member, typescript.SyntaxKind.StaticKeyword) !== isStatic) continue;
      const name = member.name ? getPropertyNameText(typescript, member.name) : null;
      if (name === null) continue;
      if (typescript.isMethodDeclaration(member)) yield [name, member];
      else if (typescript.isPropertyDeclaration(member) && member.initializer && isFunctionValue(typescript, member.initializer)) yield [name, member.initializer];
      else yield [name, null];
    }
  }

  *objectMembers(raw: ts.Node): Iterable<readonly [string, ts.Node]> {
    const typescript = this.typescript;
    const node = skipWrappers(typescript, raw);
    if (!typescript.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      const key = property.name ? getPropertyNameText(typescript, property.name) : null;
      if (key === null) continue;
      if (typescript.isPropertyAssignment(property)) yield [key, property.initializer];
      else if (typescript.isShorthandPropertyAssignment(property)) yield [key, property.name];
      else if (typescript.isMethodDeclaration(property)) yield [key, property];
    }
  }

  classifyCallable(node: ts.Node): ExportedResult | null {
    return this.classifyValue(node);
  }

  /** The methods of the exported value `node` and of its instances when it is a class. */
  private recordShapes(exported: string, node: ts.Node): void {
    const members = this.shapes.membersOfValue(node);
    if (members && (members.methods.size > 0 || members.base)) this.members.set(exported, members);
    const instances = this.shapes.instancesOfValue(node);
    if (instances && (instances.methods.size > 0 || instances.base)) this.classes.set(exported, instances);
  }

  private collectTopLevelDeclarations(): void {
    const typescript = this.typescript;
    const add = (name: string, node: ts.Node): void => {
      const list = this.declarations.get(name);
      if (list) list.push(node);
      else this.declarations.set(name, [node]);
    };
    for (const statement of this.sourceFile.statements) {
      if (typescript.isFunctionDeclaration(statement) && statement.name) {
        add(statement.name.text, statement);
      } else if (typescript.isClassDeclaration(statement) && statement.name) {
        this.values.set(statement.name.text, statement);
      } else if (typescript.isImportDeclaration(statement)) {
        this.collectImport(statement);
      } else if (typescript.isVariableStatement(statement)) {
        const list = statement.declarationList;
        for (const declaration of list.declarations) this.collectRequire(declaration);
        // `let`/`var` may be reassigned: only constants (and ambient declarations) are followed
        if (!(list.flags & typescript.NodeFlags.Const) && !hasModifier(typescript, statement, typescript.SyntaxKind.DeclareKeyword)) continue;
        for (const declaration of list.declarations) {
          if (!typescript.isIdentifier(declaration.name)) continue;
          add(declaration.name.text, declaration);
          if (declaration.initializer) this.values.set(declaration.name.text, declaration.initializer);
        }
      } else if (typescript.isTypeAliasDeclaration(statement)) {
        add(`type:${statement.name.text}`, statement);
      }
    }
  }

  /** `import A from "./a"`, `import { A as B } from "./a"`: the local name → the export it binds. */
  private collectImport(statement: ts.ImportDeclaration): void {
    // a namespace is no class to extend
    for (const { local, ref, namespace } of importBindings(this.typescript, statement)) if (!namespace) this.imports.set(local, ref);
  }


  /** `const A = require("./a")`, `const { A, B: C } = require("./a")`, `const A = require("./a").A` (any declaration kind). */
  private collectRequire(declaration: ts.VariableDeclaration): void {
    for (const { local, ref } of requireBindings(this.typescript, declaration)) this.imports.set(local, ref);
  }

  private collectExports(statement: ts.Statement): void {
    const typescript = this.typescript;
    if (typescript.isExportDeclaration(statement)) {
      if (statement.isTypeOnly) return;
      const specifier =
        statement.moduleSpecifier && typescript.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      const clause = statement.exportClause;
      if (!clause) {
        if (specifier !== null) this.reexportAll.push(specifier);
        return;
      }
      if (!typescript.isNamedExports(clause)) return; // export * as ns from "…": a namespace, not a function
      for (const element of clause.elements) {
        if (element.isTypeOnly) continue;
        const exported = moduleExportName(element.name);
        const local = moduleExportName(element.propertyName ?? element.name);
        if (statement.moduleSpecifier) {
          if (specifier !== null) this.reexportNamed.set(exported, { specifier, name: local });
        } else {
          this.results.set(exported, this.classifyName(local));
          this.passed.set(exported, local);
          this.recordShapes(exported, element.propertyName ?? element.name);
        }
      }
      return;
    }
    if (typescript.isExportAssignment(statement)) {
      if (statement.isExportEquals) return;
      const expression = statement.expression;
      if (typescript.isIdentifier(expression)) this.passed.set('default', expression.text);
      this.results.set('default', typescript.isIdentifier(expression) ? this.classifyName(expression.text) : this.classifyValue(expression));
      this.recordShapes('default', expression);
      return;
    }
    if (typescript.isExpressionStatement(statement)) {
      this.collectCommonJsExport(statement.expression);
      return;
    }
    if (!hasModifier(typescript, statement, typescript.SyntaxKind.ExportKeyword)) return;
    const isDefault = hasModifier(typescript, statement, typescript.SyntaxKind.DefaultKeyword);
    if (typescript.isFunctionDeclaration(statement)) {
      if (isDefault) this.results.set('default', this.classifyValue(statement));
      else if (statement.name) this.results.set(statement.name.text, this.classifyName(statement.name.text));
    } else if (typescript.isClassDeclaration(statement)) {
      const exported = isDefault ? 'default' : statement.name?.text;
      if (exported !== undefined) this.recordShapes(exported, statement);
    } else if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!typescript.isIdentifier(declaration.name)) continue;
        this.results.set(declaration.name.text, this.classifyName(declaration.name.text));
        if (declaration.initializer) this.recordShapes(declaration.name.text, declaration.initializer);
      }
    }
  }

  /**
   * What calling the top-level `name` returns, following `const a = b` aliases to the declaration
   * (`const a = b; const b = a;` ends at the cycle).
   */
  private classifyName(name: string, walk = new BoundedWalk(EXPORT_ALIAS_LIMITS)): ExportedResult | null {
    return walk.enter(name, null, () => this.classifyDeclarations(this.declarations.get(name) ?? [], walk));
  }

  /** Overloads: the signatures without a body are what callers see. */
  private classifyDeclarations(nodes: readonly ts.Node[], walk: BoundedWalk): ExportedResult | null {
    const typescript = this.typescript;
    return resultOfDeclarations(nodes, (node) => typescript.isFunctionDeclaration(node) && !node.body, (node) => this.classifyValue(node, walk));
  }

  private classifyValue(raw: ts.Node, walk = new BoundedWalk(EXPORT_ALIAS_LIMITS)): ExportedResult | null {
    return walk.enter(raw, null, () => {
      const typescript = this.typescript;
      if (typescript.isVariableDeclaration(raw)) {
        if (raw.type && typescript.isFunctionTypeNode(raw.type)) return this.classifyAnnotation(raw.type.type) ?? null;
        return raw.initializer ? this.classifyValue(raw.initializer, walk) : null;
      }
      const node = skipWrappers(typescript, raw);
      if (typescript.isIdentifier(node)) return this.classifyName(node.text, walk);
      if (!typescript.isFunctionDeclaration(node) && !typescript.isFunctionExpression(node) && !typescript.isArrowFunction(node) && !typescript.isMethodDeclaration(node)) {
        return null;
      }
      if (node.asteriskToken) return null;
      if (node.type) {
        const kind = this.classifyAnnotation(node.type);
        if (kind !== undefined) return kind;
      }
      if (hasModifier(typescript, node, typescript.SyntaxKind.AsyncKeyword)) return 'promise';
      return returnsOnlyNewPromises(typescript, node, (name) => this.promiseLibraryOf(name), (name) => this.importOf(name)) ? 'promise' : null;
    });
  }

  /**
   * The statics of the promise constructor `name` is bound to in this file: the global `Promise` (unless the file
   * declares its own), or a promise library it imports or requires (`const BB = require('bluebird')`); null otherwise.
   */
  private promiseLibraryOf(name: string): ReadonlySet<string> | null {
    return promiseLibraryStatics(name, this.imports.get(name) ?? null, this.declarations.has(name) || this.values.has(name));
  }

  /** A written return type: `Promise<…>` (or a union with it, or a top-level alias of one). undefined = unreadable. */
  private classifyAnnotation(raw: ts.TypeNode | undefined, walk = new BoundedWalk(EXPORT_ANNOTATION_LIMITS)): ExportedResult | null | undefined {
    if (!raw) return undefined;
    return walk.enter(raw, undefined, () => {
      const typescript = this.typescript;
      let type = raw;
      while (typescript.isParenthesizedTypeNode(type)) type = type.type;
      if (typescript.isTypeReferenceNode(type) && typescript.isIdentifier(type.typeName)) {
        const name = type.typeName.text;
        const alias = this.declarations.get(`type:${name}`)?.[0];
        if (alias && typescript.isTypeAliasDeclaration(alias)) return this.classifyAnnotation(alias.type, walk);
        return resultOfTypeName(name);
      }
      if (typescript.isUnionTypeNode(type)) return resultOfUnion(type.types.map((member) => this.classifyAnnotation(member, walk)));
      return null;
    });
  }

  /** `module.exports = { f }`, `module.exports.f = async () => …`, `exports.f = …`, `module.exports = async function`. */
  private collectCommonJsExport(expression: ts.Expression): void {
    const typescript = this.typescript;
    if (!typescript.isBinaryExpression(expression) || expression.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return;
    const target = expression.left;
    if (!typescript.isPropertyAccessExpression(target) && !typescript.isElementAccessExpression(target)) return;
    if (isModuleExports(typescript, target)) {
      const value = skipWrappers(typescript, expression.right);
      const whole = this.requiredModule(value);
      if (whole !== null) {
        // module.exports = require('./impl'): every export of that module
        this.reexportAll.push(whole);
        this.reexportNamed.set('default', { specifier: whole, name: 'default' });
        return;
      }
      if (typescript.isObjectLiteralExpression(value)) {
        for (const property of value.properties) {
          // module.exports = { ...require('./a'), ...b }
          const spread = typescript.isSpreadAssignment(property) ? this.requiredModule(property.expression) : null;
          if (spread !== null) this.reexportAll.push(spread);
        }
        for (const [key, member] of this.objectMembers(value)) {
          this.results.set(key, this.classifyValue(member));
          this.notePassed(key, member);
          if (!typescript.isMethodDeclaration(member)) this.recordShapes(key, member);
        }
      } else {
        this.results.set('default', this.classifyValue(value));
        this.notePassed('default', value);
      }
      this.recordShapes('default', value);
      return;
    }
    const object = skipWrappers(typescript, target.expression);
    const exportsObject =
      (typescript.isIdentifier(object) && object.text === 'exports') ||
      ((typescript.isPropertyAccessExpression(object) || typescript.isElementAccessExpression(object)) && isModuleExports(typescript, object));
    if (!exportsObject) return;
    const key = getAccessedName(typescript, target);
    if (key === null) return;
    this.results.set(key, this.classifyValue(expression.right));
    this.notePassed(key, expression.right);
    this.recordShapes(key, expression.right);
  }

  /** `require('./a')`, or a name bound to one (`const a = require('./a')`): the module's specifier. */
  private requiredModule(raw: ts.Node): string | null {
    const node = skipWrappers(this.typescript, raw);
    const imported = this.typescript.isIdentifier(node) ? this.importOf(node.text) : null;
    if (imported) return imported.name === 'default' ? imported.specifier : null;
    return requiredSpecifier(this.typescript, node);
  }

  private notePassed(exported: string, value: ts.Node): void {
    const inner = skipWrappers(this.typescript, value);
    if (this.typescript.isIdentifier(inner)) this.passed.set(exported, inner.text);
  }
}


/** A function or arrow (a class field holding one is a method for callers). */
function isFunctionValue(typescript: typeof ts, node: ts.Node): boolean {
  const inner = skipWrappers(typescript, node);
  return typescript.isFunctionExpression(inner) || typescript.isArrowFunction(inner);
}

/** A table of the collected names that keeps copies of them, not slices of the file's text (the table outlives it). */
export function detachedTable(table: ExportTable): ExportTable {
  const detachedResults = new Map<string, ExportedResult | null>();
  for (const [name, result] of table.results) detachedResults.set(detachedCopy(name), result);
  const detachedReexports = new Map<string, ImportRef>();
  for (const [name, target] of table.reexportNamed) detachedReexports.set(detachedCopy(name), detachedRef(target));
  return {
    results: detachedResults,
    members: detachedMemberTables(table.members),
    classes: detachedMemberTables(table.classes),
    reexportAll: table.reexportAll.map(detachedCopy),
    reexportNamed: detachedReexports,
  };
}

function detachedRef(ref: ImportRef): ImportRef {
  return { specifier: detachedCopy(ref.specifier), name: detachedCopy(ref.name) };
}

function detachedMemberTables(tables: ReadonlyMap<string, MemberTable>): Map<string, MemberTable> {
  const detached = new Map<string, MemberTable>();
  for (const [name, table] of tables) {
    const methods = new Map<string, ExportedResult | null>();
    for (const [method, result] of table.methods) methods.set(detachedCopy(method), result);
    detached.set(detachedCopy(name), { methods, base: table.base ? detachedRef(table.base) : null });
  }
  return detached;
}

/**
 * What calling a name returns, from all its declarations: with overloads, the signatures without a body are
 * what callers see, and every one of them must return a promise (a thenable if any returns only that).
 */
export function resultOfDeclarations<Node>(
  nodes: readonly Node[],
  isSignature: (node: Node) => boolean,
  classify: (node: Node) => ExportedResult | null,
): ExportedResult | null {
  if (nodes.length === 0) return null;
  const signatures = nodes.filter(isSignature);
  const candidates = signatures.length > 0 && nodes.length > 1 ? signatures : nodes;
  let result: ExportedResult | null = null;
  for (const node of candidates) {
    const kind = classify(node);
    if (!kind) return null;
    result = result === 'thenable' ? 'thenable' : kind;
  }
  return result;
}

/** A written return type named `name` (not a local alias): `Promise`, `PromiseLike`, or unreadable (undefined). */
export function resultOfTypeName(name: string): ExportedResult | undefined {
  if (name === 'Promise') return 'promise';
  if (name === 'PromiseLike') return 'thenable';
  return undefined;
}

/** A union return type: a promise if a member is one, else a thenable if a member is one; unreadable if a member is. */
export function resultOfUnion(kinds: readonly (ExportedResult | null | undefined)[]): ExportedResult | null | undefined {
  if (kinds.includes('promise')) return 'promise';
  if (kinds.includes('thenable')) return 'thenable';
  return kinds.includes(undefined) ? undefined : null;
}

/**
 * A string equal to `text` that does not keep alive the file text it was cut from. V8 stores a substring of
 * 13 or more characters as a view into its parent: a cached export name taken from a file's syntax tree
 * would otherwise keep that whole file in memory for the rest of the run (measured: tens of MB on the
 * benchmark corpus, and a larger heap for the garbage collector to trace).
 */
export function detachedCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}


function moduleExportName(node: ts.ModuleExportName): string {
  return node.text;
}

/**
 * A function that is not `async` but whose every `return` hands back a promise it makes on the spot (`new
 * Promise(…)`, `Promise.resolve(…)`, also of a promise library: `BB.resolve(…)`, or a call of a package's promise API:
 * `inflight(key, work)`, `axios.get(url)`; at least one, no bare `return;`), or an arrow whose body is one: the promise
 * wrapper of callback code (`init(settings) { return new Promise((resolve, reject) => …) }`). Also a chain on such a
 * promise (`BB.try(…).catch(…)`), a choice between two (`ok ? BB.try(…) : BB.reject(…)`), and a `const` of the
 * function's body that holds one (`const tried = BB.try(…); return tried.catch(…)`). `promiseLibraryOf` gives the
 * statics of the promise constructor a name is bound to, `importOf` the package export it was imported as.
 */
function returnsOnlyNewPromises(
  typescript: typeof ts,
  fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration,
  promiseLibraryOf: (name: string) => ReadonlySet<string> | null,
  importOf: (name: string) => ImportRef | null,
): boolean {
  const body = fn.body;
  if (body === undefined) return false;
  const walk = new BoundedWalk(SYNTAX_TREE_LIMITS);
  const isNewPromise = (raw: ts.Node): boolean => walk.enter(raw, false, () => isNewPromiseStep(raw));
  const isNewPromiseStep = (raw: ts.Node): boolean => {
    const node = skipWrappers(typescript, raw);
    if (typescript.isNewExpression(node)) return typescript.isIdentifier(node.expression) && promiseLibraryOf(node.expression.text) !== null;
    if (typescript.isConditionalExpression(node)) return isNewPromise(node.whenTrue) && isNewPromise(node.whenFalse);
    if (typescript.isIdentifier(node)) {
      const init = typescript.isBlock(body) ? ownConstInit(typescript, body, node.text) : undefined;
      return init !== undefined && isNewPromise(init);
    }
    if (!typescript.isCallExpression(node)) return false;
    // a compiled `async` function: `return __awaiter(this, void 0, void 0, function* () {…})`
    if (isCompiledAsyncCall(typescript, node)) return true;
    const callee = skipWrappers(typescript, node.expression);
    if (typescript.isIdentifier(callee)) return isCatalogPromiseCall(importOf(callee.text), null);
    if (!typescript.isPropertyAccessExpression(callee)) return false;
    if (PROMISE_CHAIN_METHODS.has(callee.name.text)) return isNewPromise(callee.expression);
    if (!typescript.isIdentifier(callee.expression)) return false;
    const { expression: object, name } = callee;
    return promiseLibraryOf(object.text)?.has(name.text) === true || isCatalogPromiseCall(importOf(object.text), name.text);
  };
  if (!typescript.isBlock(body)) return isNewPromise(body);
  let count = 0;
  const other = someTsNode(
    body,
    (node) => typescript.isReturnStatement(node) && (++count > MAX_OWN_RETURNS || node.expression === undefined || !isNewPromise(node.expression)),
    (node) => node === body || !(typescript.isFunctionLike(node) || typescript.isClassLike(node) || typescript.isExpression(node)),
  );
  return !other && count > 0;
}

/** `.then`, `.catch`, `.finally`: a promise chained on is a promise again. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/** The initializer of `const name = …` among the statements of a function's body (not nested blocks). */
function ownConstInit(typescript: typeof ts, body: ts.Block, name: string): ts.Expression | undefined {
  for (const statement of body.statements) {
    if (!typescript.isVariableStatement(statement) || !(statement.declarationList.flags & typescript.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (typescript.isIdentifier(declaration.name) && declaration.name.text === name) return declaration.initializer;
    }
  }
  return undefined;
}

const MAX_OWN_RETURNS = 32;

/**
 * The statics of the promise constructor a top-level name is bound to (see `ExportTableBuilder.promiseLibraryOf`):
 * `imported` is the module export it was imported as, `declared` whether the file declares the name itself.
 */
export function promiseLibraryStatics(name: string, imported: ImportRef | null, declared: boolean): ReadonlySet<string> | null {
  if (imported) return imported.name === 'default' || imported.name === 'Promise' ? (PROMISE_LIBRARY_STATICS.get(imported.specifier) ?? null) : null;
  return name === 'Promise' && !declared ? PROMISE_STATICS : null;
}

/**
 * `name(…)` (`member` null) or `name.member(…)`, where `name` was imported as `imported`: a package export that returns
 * a promise on every call by the catalog (`core/packagePromiseCatalog.ts`: `inflight(key, work)` of promise-inflight,
 * `axios.get(url)`, `execa(file)`). Packages known only from a declared major version are not taken: the project of
 * the file that exports the wrapper is not read here.
 */
export function isCatalogPromiseCall(imported: ImportRef | null, member: string | null): boolean {
  if (imported === null || imported.specifier.startsWith('.')) return false;
  const reference = normalizeModuleSpecifier(imported.specifier);
  const path = [...reference.path, ...(imported.name === 'default' ? [] : [imported.name]), ...(member === null ? [] : [member])];
  return isCatalogPromiseExport(reference.module, path, () => null);
}
