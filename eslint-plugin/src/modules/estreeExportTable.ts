import type { TSESTree } from '@typescript-eslint/utils';

import {
  detachedTable,
  EXPORT_ALIAS_LIMITS,
  EXPORT_ANNOTATION_LIMITS,
  forwardPassedImports,
  type ExportedResult,
  type ExportTable,
  type ImportRef,
  mayExportPromises,
  type MemberTable,
  NO_PROMISE_EXPORTS,
  isCatalogPromiseCall,
  PROMISE_CHAIN_METHODS,
  promiseLibraryStatics,
  resultOfDeclarations,
  resultOfTypeName,
  resultOfUnion,
} from './exportTable';
import { ShapeReader, type ShapeSource, type ValueNode } from './exportShapes';
import { getStaticPropertyName, getStaticString, isFunctionNode, everyOwnReturnIs, skipExpressionWrappers, type FunctionNode } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { BoundedWalk, SYNTAX_TREE_LIMITS } from '../core/boundedWalk';
import { isAwaiterCall } from '../core/compiledAsync';

/** What an ESLint parser offers for reading another file: `parse`, or `parseForESLint` (one of the two). */
export interface FileParser {
  parse?(text: string, options: Record<string, unknown>): unknown;
  parseForESLint?(text: string, options: Record<string, unknown>): { ast: unknown };
}

/**
 * The export table of another file read with the parser of the linted file, for projects without
 * TypeScript (ESLint's default parser): what `exportTable.ts` reads with TypeScript's parser, from an
 * ESTree instead. The two must agree (`test/eslint-plugin/modules/exportTable.test.ts` runs every case
 * through both). Null when the file does not parse.
 */
export function parseExportTable(parser: FileParser, filePath: string, text: string): ExportTable | null {
  if (!mayExportPromises(text)) return NO_PROMISE_EXPORTS;
  const tree = parseWithFileParser(parser, filePath, text);
  return tree ? exportTableOfTree(tree) : null;
}

/**
 * Another file's ESTree, read with the linted file's parser (no `parent` links, no locations). Null when it does
 * not parse.
 */
export function parseWithFileParser(parser: FileParser, filePath: string, text: string): TSESTree.Program | null {
  // `.js` may be either: an ES module first, then CommonJS (`return` at the top level, `with`, octal escapes).
  const sourceTypes = filePath.endsWith('.cjs') || filePath.endsWith('.cts') ? ['commonjs'] : filePath.endsWith('.mjs') || filePath.endsWith('.mts') ? ['module'] : ['module', 'commonjs'];
  for (const sourceType of sourceTypes) {
    const options = { ecmaVersion: 'latest', sourceType, filePath, range: false, loc: false, comment: false, tokens: false, ecmaFeatures: { jsx: /\.[jt]sx$/.test(filePath) } };
    try {
      const tree = parser.parse ? parser.parse(text, options) : parser.parseForESLint?.(text, options).ast;
      if (tree && (tree as { type?: unknown }).type === AST_NODE_TYPES.Program) return tree as TSESTree.Program;
    } catch {
      // not this source type, or not valid syntax at all
    }
  }
  return null;
}

/** The export table of a tree the linter already built (any ESTree parser): no second parse. */
export function exportTableOfTree(program: TSESTree.Program, text?: string): ExportTable {
  if (text !== undefined && !mayExportPromises(text)) return NO_PROMISE_EXPORTS;
  return new EstreeExportTableBuilder(program).build();
}

type Declaration = TSESTree.Node;

class EstreeExportTableBuilder implements ShapeSource<Declaration> {
  private readonly declarations = new Map<string, Declaration[]>();
  /** Top-level names bound to a value (classes, and the initializers of constants), for shapes. */
  private readonly values = new Map<string, Declaration>();
  private readonly imports = new Map<string, ImportRef>();
  private readonly results = new Map<string, ExportedResult | null>();
  private readonly members = new Map<string, MemberTable>();
  private readonly classes = new Map<string, MemberTable>();
  private readonly reexportAll: string[] = [];
  private readonly reexportNamed = new Map<string, ImportRef>();
  /** Exports written as a bare top-level name (`export { f }`, `module.exports = { f }`): see `forwardPassedImports`. */
  private readonly passed = new Map<string, string>();
  private readonly shapes = new ShapeReader<Declaration>(this);

  constructor(private readonly program: TSESTree.Program) {}

  build(): ExportTable {
    this.collectTopLevelDeclarations();
    for (const statement of this.program.body) this.collectExports(statement);
    forwardPassedImports(this.passed, (name) => this.importOf(name), this.results, this.reexportNamed);
    return detachedTable({ results: this.results, members: this.members, classes: this.classes, reexportAll: this.reexportAll, reexportNamed: this.reexportNamed });
  }

  // ---- ShapeSource: what the shapes of exported values are read from

  declarationsOf(name: string): readonly Declaration[] {
    const value = this.values.get(name);
    return value ? [value] : [];
  }

  importOf(name: string): ImportRef | null {
    return this.imports.get(name) ?? null;
  }

  describe(raw: Declaration): ValueNode<Declaration> {
    const node = skipExpressionWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return { kind: 'class', superClass: node.superClass };
      case AST_NODE_TYPES.NewExpression:
        return { kind: 'new', callee: node.callee };
      case AST_NODE_TYPES.ObjectExpression:
        return { kind: 'object' };
      case AST_NODE_TYPES.Identifier:
        return { kind: 'name', name: node.name };
      default:
        return { kind: 'other' };
    }
  }

  *classMembers(raw: Declaration, isStatic: boolean): Iterable<readonly [string, Declaration | null]> {
    const node = skipExpressionWrappers(raw);
    if (node.type !== AST_NODE_TYPES.ClassDeclaration && node.type !== AST_NODE_TYPES.ClassExpression) return;
    for (const member of node.body.body) {
      if (member.type === AST_NODE_TYPES.StaticBlock || member.type === AST_NODE_TYPES.TSIndexSignature) continue;
      if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) && member.kind === 'constructor') continue;
      if (member.static !== isStatic) continue;
      const name = getStaticPropertyName(member as Parameters<typeof getStaticPropertyName>[0]);
      if (name === null) continue;
      if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) && member.kind === 'method') {
        yield [name, member.value];
      } else if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value && isFunctionNode(skipExpressionWrappers(member.value))) {
        yield [name, member.value];
      } else {
        yield [name, null];
      }
    }
  }

  *objectMembers(raw: Declaration): Iterable<readonly [string, Declaration]> {
    const node = skipExpressionWrappers(raw);
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const property of node.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
      const key = getStaticPropertyName(property);
      if (key !== null) yield [key, property.value];
    }
  }

  classifyCallable(node: Declaration): ExportedResult | null {
    return this.classifyValue(node);
  }

  /** The methods of the exported value `node` and of its instances when it is a class. */
  private recordShapes(exported: string, node: Declaration): void {
    const members = this.shapes.membersOfValue(node);
    if (members && (members.methods.size > 0 || members.base)) this.members.set(exported, members);
    const instances = this.shapes.instancesOfValue(node);
    if (instances && (instances.methods.size > 0 || instances.base)) this.classes.set(exported, instances);
  }

  private collectTopLevelDeclarations(): void {
    const add = (name: string, node: Declaration): void => {
      const list = this.declarations.get(name);
      if (list) list.push(node);
      else this.declarations.set(name, [node]);
    };
    for (const raw of this.program.body) {
      const statement = raw.type === AST_NODE_TYPES.ExportNamedDeclaration || raw.type === AST_NODE_TYPES.ExportDefaultDeclaration ? raw.declaration : raw;
      if (!statement) continue;
      if ((statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.TSDeclareFunction) && statement.id) {
        add(statement.id.name, statement);
      } else if (statement.type === AST_NODE_TYPES.ClassDeclaration && statement.id) {
        this.values.set(statement.id.name, statement);
      } else if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
        this.collectImport(statement);
      } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of statement.declarations) this.collectRequire(declarator);
        // `let`/`var` may be reassigned: only constants (and ambient declarations) are followed
        if (statement.kind !== 'const' && statement.declare !== true) continue;
        for (const declarator of statement.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
          add(declarator.id.name, declarator);
          if (declarator.init) this.values.set(declarator.id.name, declarator.init);
        }
      } else if (statement.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
        add(`type:${statement.id.name}`, statement);
      }
    }
  }

  /** `import A from "./a"`, `import { A as B } from "./a"`: the local name → the export it binds. */
  private collectImport(statement: TSESTree.ImportDeclaration): void {
    if (statement.importKind === 'type') return;
    const specifier = statement.source.value;
    for (const element of statement.specifiers) {
      if (element.type === AST_NODE_TYPES.ImportDefaultSpecifier) this.imports.set(element.local.name, { specifier, name: 'default' });
      else if (element.type === AST_NODE_TYPES.ImportSpecifier && element.importKind !== 'type') {
        this.imports.set(element.local.name, { specifier, name: moduleExportName(element.imported) });
      }
    }
  }

  /** `const A = require("./a")`, `const { A, B: C } = require("./a")`, `const A = require("./a").A` (any declaration kind). */
  private collectRequire(declarator: TSESTree.VariableDeclarator): void {
    for (const { local, ref } of requireBindings(declarator)) this.imports.set(local, ref);
  }

  private collectExports(statement: TSESTree.ProgramStatement): void {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportAllDeclaration:
        // export * as ns from "…": a namespace, not a function
        if (statement.exported === null && statement.exportKind !== 'type') this.reexportAll.push(statement.source.value);
        return;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        this.collectNamedExport(statement);
        return;
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.Identifier) this.passed.set('default', declaration.name);
        this.results.set('default', declaration.type === AST_NODE_TYPES.Identifier ? this.classifyName(declaration.name) : this.classifyValue(declaration));
        this.recordShapes('default', declaration);
        return;
      }
      case AST_NODE_TYPES.ExpressionStatement:
        this.collectCommonJsExport(statement.expression);
        return;
      default:
        return;
    }
  }

  private collectNamedExport(statement: TSESTree.ExportNamedDeclaration): void {
    const declaration = statement.declaration;
    // (typescript-eslint gives `export declare function/const` the export kind "type" too: they are values)
    if (declaration) {
      if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.TSDeclareFunction) && declaration.id) {
        this.results.set(declaration.id.name, this.classifyName(declaration.id.name));
      } else if (declaration.type === AST_NODE_TYPES.ClassDeclaration && declaration.id) {
        this.recordShapes(declaration.id.name, declaration);
      } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
          this.results.set(declarator.id.name, this.classifyName(declarator.id.name));
          if (declarator.init) this.recordShapes(declarator.id.name, declarator.init);
        }
      }
      return;
    }
    if (statement.exportKind === 'type') return;
    const specifier = statement.source?.value ?? null;
    for (const element of statement.specifiers) {
      if (element.exportKind === 'type') continue;
      const exported = moduleExportName(element.exported);
      const local = moduleExportName(element.local);
      if (statement.source) {
        if (specifier !== null) this.reexportNamed.set(exported, { specifier, name: local });
      } else {
        this.results.set(exported, this.classifyName(local));
        this.passed.set(exported, local);
        this.recordShapes(exported, element.local);
      }
    }
  }

  /** What calling the top-level `name` returns, following `const a = b` aliases (`const a = b; const b = a;` ends at the cycle). */
  private classifyName(name: string, walk = new BoundedWalk(EXPORT_ALIAS_LIMITS)): ExportedResult | null {
    return walk.enter(name, null, () => {
      const declarations = this.declarations.get(name) ?? [];
      return resultOfDeclarations(declarations, (node) => node.type === AST_NODE_TYPES.TSDeclareFunction, (node) => this.classifyValue(node, walk));
    });
  }

  private classifyValue(raw: Declaration, walk = new BoundedWalk(EXPORT_ALIAS_LIMITS)): ExportedResult | null {
    return walk.enter(raw, null, () => {
      if (raw.type === AST_NODE_TYPES.VariableDeclarator) {
        const annotation = raw.id.type === AST_NODE_TYPES.Identifier ? raw.id.typeAnnotation?.typeAnnotation : undefined;
        if (annotation?.type === AST_NODE_TYPES.TSFunctionType) return this.classifyAnnotation(annotation.returnType?.typeAnnotation) ?? null;
        return raw.init ? this.classifyValue(raw.init, walk) : null;
      }
      const node = skipExpressionWrappers(raw);
      if (node.type === AST_NODE_TYPES.Identifier) return this.classifyName(node.name, walk);
      if (!isFunctionNode(node) && node.type !== AST_NODE_TYPES.TSDeclareFunction && node.type !== AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return null;
      if (node.generator) return null;
      if (node.returnType) {
        const kind = this.classifyAnnotation(node.returnType.typeAnnotation);
        if (kind !== undefined) return kind;
      }
      if (node.async) return 'promise';
      return isFunctionNode(node) &&
        returnsOnlyNewPromises(
          node,
          (name) => promiseLibraryStatics(name, this.imports.get(name) ?? null, this.declarations.has(name) || this.values.has(name)),
          (name) => this.imports.get(name) ?? null,
        )
        ? 'promise'
        : null;
    });
  }

  /** A written return type: `Promise<…>` (or a union with it, or a top-level alias of one). undefined = unreadable. */
  private classifyAnnotation(type: TSESTree.TypeNode | undefined, walk = new BoundedWalk(EXPORT_ANNOTATION_LIMITS)): ExportedResult | null | undefined {
    if (!type) return undefined;
    return walk.enter(type, undefined, () => {
      if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
        const name = type.typeName.name;
        const alias = this.declarations.get(`type:${name}`)?.[0];
        if (alias?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return this.classifyAnnotation(alias.typeAnnotation, walk);
        return resultOfTypeName(name);
      }
      if (type.type === AST_NODE_TYPES.TSUnionType) return resultOfUnion(type.types.map((member) => this.classifyAnnotation(member, walk)));
      return null;
    });
  }

  /** `module.exports = { f }`, `module.exports.f = async () => …`, `exports.f = …`, `module.exports = async function`. */
  private collectCommonJsExport(expression: TSESTree.Expression): void {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return;
    const target = expression.left;
    if (target.type !== AST_NODE_TYPES.MemberExpression) return;
    if (isModuleExports(target)) {
      const value = skipExpressionWrappers(expression.right);
      const whole = this.requiredModule(value);
      if (whole !== null) {
        // module.exports = require('./impl'): every export of that module
        this.reexportAll.push(whole);
        this.reexportNamed.set('default', { specifier: whole, name: 'default' });
        return;
      }
      this.recordShapes('default', value);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const property of value.properties) {
          // module.exports = { ...require('./a'), ...b }
          const spread = property.type === AST_NODE_TYPES.SpreadElement ? this.requiredModule(property.argument) : null;
          if (spread !== null) this.reexportAll.push(spread);
        }
      }
      if (value.type !== AST_NODE_TYPES.ObjectExpression) {
        this.results.set('default', this.classifyValue(value));
        this.notePassed('default', value);
        return;
      }
      for (const [key, member] of this.objectMembers(value)) {
        this.results.set(key, this.classifyValue(member));
        this.notePassed(key, member);
        if (!isMethodValue(member)) this.recordShapes(key, member);
      }
      return;
    }
    if (!isExportsObject(target.object)) return;
    const key = getStaticPropertyName(target);
    if (key === null) return;
    this.results.set(key, this.classifyValue(expression.right));
    this.notePassed(key, expression.right);
    this.recordShapes(key, expression.right);
  }

  /** `require('./a')`, or a name bound to one (`const a = require('./a')`): the module's specifier. */
  private requiredModule(raw: TSESTree.Node): string | null {
    const node = skipExpressionWrappers(raw);
    const imported = node.type === AST_NODE_TYPES.Identifier ? this.importOf(node.name) : null;
    if (imported) return imported.name === 'default' ? imported.specifier : null;
    return requiredSpecifier(node);
  }

  private notePassed(exported: string, value: Declaration): void {
    const inner = skipExpressionWrappers(value);
    if (inner.type === AST_NODE_TYPES.Identifier) this.passed.set(exported, inner.name);
  }
}

/**
 * The names a declaration binds to another module's exports through `require`: `const A = require("./a")`
 * (its `default`), `const { A, B: C } = require("./a")`, `const A = require("./a").A`.
 */
export function requireBindings(declarator: TSESTree.VariableDeclarator): { local: string; ref: ImportRef }[] {
  const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  if (!init) return [];
  const required = requiredSpecifier(init);
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    if (required !== null) return [{ local: declarator.id.name, ref: { specifier: required, name: 'default' } }];
    if (init.type !== AST_NODE_TYPES.MemberExpression || init.computed || init.property.type !== AST_NODE_TYPES.Identifier) return [];
    const viaMember = requiredSpecifier(skipExpressionWrappers(init.object));
    return viaMember === null ? [] : [{ local: declarator.id.name, ref: { specifier: viaMember, name: init.property.name } }];
  }
  if (required === null || declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return [];
  const bindings: { local: string; ref: ImportRef }[] = [];
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
    const key = getStaticPropertyName(property);
    if (key !== null) bindings.push({ local: property.value.name, ref: { specifier: required, name: key } });
  }
  return bindings;
}

/** `require("./a")`: the specifier, or null. */
export function requiredSpecifier(node: TSESTree.Node): string | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'require') return null;
  return node.arguments.length === 1 ? getStaticString(node.arguments[0]) : null;
}

/** The value of a method property (`{ m() {} }`): TypeScript's tree calls it a method, the ESTree a function. */
function isMethodValue(node: TSESTree.Node): boolean {
  const property = node.parent;
  return property?.type === AST_NODE_TYPES.Property && property.value === node && (property.method || property.kind !== 'init');
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

export function isModuleExports(node: TSESTree.MemberExpression): boolean {
  const object = skipExpressionWrappers(node.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && getStaticPropertyName(node) === 'exports';
}

/** CommonJS's exports object as written: `exports` or `module.exports` (wrappers skipped). */
export function isExportsObject(raw: TSESTree.Node): boolean {
  const object = skipExpressionWrappers(raw);
  return (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') || (object.type === AST_NODE_TYPES.MemberExpression && isModuleExports(object));
}


/** `returnsOnlyNewPromises` of `exportTable.ts`, on an ESTree. */
function returnsOnlyNewPromises(fn: FunctionNode, promiseLibraryOf: (name: string) => ReadonlySet<string> | null, importOf: (name: string) => ImportRef | null): boolean {
  const body = fn.body;
  const walk = new BoundedWalk(SYNTAX_TREE_LIMITS);
  const isNewPromise = (raw: TSESTree.Node): boolean => walk.enter(raw, false, () => isNewPromiseStep(raw));
  const isNewPromiseStep = (raw: TSESTree.Node): boolean => {
    const node = skipExpressionWrappers(raw);
    if (node.type === AST_NODE_TYPES.NewExpression) return node.callee.type === AST_NODE_TYPES.Identifier && promiseLibraryOf(node.callee.name) !== null;
    if (node.type === AST_NODE_TYPES.ConditionalExpression) return isNewPromise(node.consequent) && isNewPromise(node.alternate);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const init = body.type === AST_NODE_TYPES.BlockStatement ? ownConstInit(body, node.name) : null;
      return init !== null && isNewPromise(init);
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    // a compiled `async` function: `return __awaiter(this, void 0, void 0, function* () {…})`
    if (isAwaiterCall(node)) return true;
    const callee = skipExpressionWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) return isCatalogPromiseCall(importOf(callee.name), null);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = getStaticPropertyName(callee);
    if (name !== null && PROMISE_CHAIN_METHODS.has(name)) return isNewPromise(callee.object);
    if (callee.object.type !== AST_NODE_TYPES.Identifier) return false;
    const { object } = callee;
    return name !== null && (promiseLibraryOf(object.name)?.has(name) === true || isCatalogPromiseCall(importOf(object.name), name));
  };
  return body.type === AST_NODE_TYPES.BlockStatement ? everyOwnReturnIs(body, isNewPromise) : isNewPromise(body);
}

/** The initializer of `const name = …` among the statements of a function's body (not nested blocks). */
function ownConstInit(body: TSESTree.BlockStatement, name: string): TSESTree.Expression | null {
  for (const statement of body.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration || statement.kind !== 'const') continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name) return declarator.init;
    }
  }
  return null;
}
