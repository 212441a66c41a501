import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

import { buildCallFacts, type CallFacts, type CallPath, type ClassSummary, type FunctionSummary } from './callFacts';
import type { ImportRef } from './exportShapes';
import { isExportsObject, isModuleExports, requireBindings, requiredSpecifier } from './estreeExportTable';
import { type FunctionNode, getStaticMemberPath, getStaticPropertyName, getStaticString, isFunctionNode, skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getPatternNames } from '../core/patternNames';
import { SYNC_ITERATION_METHODS } from '../core/syncCallbacks';

/**
 * The call facts of a file read from an ESTree (see `callFacts.ts`): what `tsCallFacts.ts` reads from TypeScript's
 * tree, for projects without TypeScript. The tree may come from another parser run, without `parent` links.
 */
export function readCallFactsFromTree(program: TSESTree.Program): CallFacts {
  return new EstreeCallFactsReader().read(program);
}

class EstreeCallFactsReader {
  private readonly imports = new Map<string, ImportRef>();
  private readonly functions = new Map<string, FunctionSummary>();
  private readonly exports = new Map<string, string | FunctionSummary>();
  private readonly reexportAll: string[] = [];
  private readonly reexportNamed = new Map<string, ImportRef>();
  private readonly classes = new Map<string, ClassSummary>();
  private readonly instances = new Map<string, string>();
  private readonly exportedInstances = new Map<string, string>();

  read(program: TSESTree.Program): CallFacts {
    for (const statement of program.body) this.readTopLevel(statement);
    return buildCallFacts({
      imports: this.imports,
      functions: this.functions,
      exports: this.exports,
      reexportAll: this.reexportAll,
      reexportNamed: this.reexportNamed,
      classes: this.classes,
      instances: this.instances,
      exportedInstances: this.exportedInstances,
    });
  }

  private readTopLevel(statement: TSESTree.ProgramStatement): void {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        this.readImport(statement);
        return;
      case AST_NODE_TYPES.TSImportEqualsDeclaration: {
        const reference = statement.moduleReference;
        const specifier = statement.importKind !== 'type' && reference.type === AST_NODE_TYPES.TSExternalModuleReference ? getStaticString(reference.expression) : null;
        if (specifier !== null) this.imports.set(statement.id.name, { specifier, name: 'default' });
        return;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
        this.readFunctionDeclaration(statement, null);
        return;
      case AST_NODE_TYPES.ClassDeclaration:
        this.readClassDeclaration(statement, null);
        return;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) this.readDeclarator(declarator, false);
        return;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        this.readNamedExport(statement);
        return;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (statement.exported === null && statement.exportKind !== 'type') this.reexportAll.push(statement.source.value);
        return;
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) this.readFunctionDeclaration(declaration, 'default');
        else if (declaration.type === AST_NODE_TYPES.ClassDeclaration) this.readClassDeclaration(declaration, 'default');
        else this.exportValue('default', declaration);
        return;
      }
      case AST_NODE_TYPES.ExpressionStatement:
        this.readCommonJsExport(statement.expression);
        return;
      default:
        return;
    }
  }

  private readImport(statement: TSESTree.ImportDeclaration): void {
    if (statement.importKind === 'type') return;
    const specifier = statement.source.value;
    for (const element of statement.specifiers) {
      if (element.type === AST_NODE_TYPES.ImportSpecifier) {
        if (element.importKind === 'type') continue;
        const imported = element.imported.type === AST_NODE_TYPES.Identifier ? element.imported.name : element.imported.value;
        this.imports.set(element.local.name, { specifier, name: imported });
      } else {
        this.imports.set(element.local.name, { specifier, name: 'default' });
      }
    }
  }

  private readFunctionDeclaration(fn: TSESTree.FunctionDeclaration, exportedAs: string | null): void {
    const summary = summarize(fn);
    if (fn.id) this.functions.set(fn.id.name, summary);
    if (exportedAs !== null) this.exports.set(exportedAs, fn.id ? fn.id.name : summary);
  }

  private readClassDeclaration(node: TSESTree.ClassDeclaration, exportedAs: string | null): void {
    const name = node.id?.name ?? (exportedAs === 'default' ? 'default' : null);
    if (name === null) return;
    this.classes.set(name, summarizeClass(node));
    if (exportedAs !== null) this.exports.set(exportedAs, name);
  }

  /** `const f = () => …`, and `require` bindings (`const fs = require("fs")`, `const { readFileSync } = require("fs")`). */
  private readDeclarator(declarator: TSESTree.VariableDeclarator, exported: boolean): void {
    const bindings = requireBindings(declarator);
    for (const { local, ref } of bindings) this.imports.set(local, ref);
    const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
    const instanceOf = init ? instanceClass(init) : null;
    if (instanceOf !== null && declarator.id.type === AST_NODE_TYPES.Identifier) {
      // const store = new Store(): an instance of a class of the file
      this.instances.set(declarator.id.name, instanceOf);
      if (exported) this.exports.set(declarator.id.name, declarator.id.name);
      return;
    }
    if (bindings.length > 0 || !init || declarator.id.type !== AST_NODE_TYPES.Identifier || !isFunctionNode(init)) return;
    this.functions.set(declarator.id.name, summarize(init));
    if (exported) this.exports.set(declarator.id.name, declarator.id.name);
  }

  private readNamedExport(statement: TSESTree.ExportNamedDeclaration): void {
    const declaration = statement.declaration;
    if (declaration) {
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) this.readFunctionDeclaration(declaration, declaration.id ? declaration.id.name : 'default');
      else if (declaration.type === AST_NODE_TYPES.ClassDeclaration) this.readClassDeclaration(declaration, declaration.id ? declaration.id.name : 'default');
      else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) for (const declarator of declaration.declarations) this.readDeclarator(declarator, true);
      return;
    }
    if (statement.exportKind === 'type') return;
    for (const element of statement.specifiers) {
      if (element.exportKind === 'type') continue;
      const exported = element.exported.type === AST_NODE_TYPES.Identifier ? element.exported.name : element.exported.value;
      const local = element.local.type === AST_NODE_TYPES.Identifier ? element.local.name : element.local.value;
      if (statement.source) this.reexportNamed.set(exported, { specifier: statement.source.value, name: local });
      else this.exports.set(exported, local);
    }
  }

  /** `module.exports = f | function … | { f, g: h, k() {} }`, `exports.f = …`, `module.exports.f = …`. */
  private readCommonJsExport(expression: TSESTree.Expression): void {
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return;
    const target = expression.left;
    if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return;
    const value = skipExpressionWrappers(expression.right);
    if (isModuleExports(target)) {
      const whole = this.requiredModule(value);
      if (whole !== null) {
        // module.exports = require('./impl'): every export of that module
        this.reexportAll.push(whole);
        this.reexportNamed.set('default', { specifier: whole, name: 'default' });
        return;
      }
      if (value.type !== AST_NODE_TYPES.ObjectExpression) {
        this.exportValue('default', value);
        return;
      }
      for (const property of value.properties) {
        // module.exports = { ...require('./a'), ...b }
        const spread = property.type === AST_NODE_TYPES.SpreadElement ? this.requiredModule(property.argument) : null;
        if (spread !== null) this.reexportAll.push(spread);
        if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || property.computed) continue;
        const key = getStaticPropertyName(property);
        if (key === null) continue;
        if (property.shorthand && property.value.type === AST_NODE_TYPES.Identifier) this.exports.set(key, property.value.name);
        else this.exportValue(key, property.value);
      }
      return;
    }
    const name = getStaticPropertyName(target);
    if (isExportsObject(target.object) && name !== null) this.exportValue(name, value);
  }

  /** `require('./a')`, or a name bound to one (`const a = require('./a')`): the module's specifier. */
  private requiredModule(raw: TSESTree.Node): string | null {
    const node = skipExpressionWrappers(raw);
    const imported = node.type === AST_NODE_TYPES.Identifier ? this.imports.get(node.name) : undefined;
    if (imported) return imported.name === 'default' ? imported.specifier : null;
    return requiredSpecifier(node);
  }

  /** An exported value: a function written there, or the name of a top-level function. */
  private exportValue(exported: string, raw: TSESTree.Node): void {
    const value = skipExpressionWrappers(raw);
    const instanceOf = instanceClass(value);
    if (value.type === AST_NODE_TYPES.Identifier) this.exports.set(exported, value.name);
    else if (isFunctionNode(value)) this.exports.set(exported, summarize(value));
    else if (instanceOf !== null) this.exportedInstances.set(exported, instanceOf);
  }
}

/** `new Store(…)`: the name of the class constructed. */
function instanceClass(value: TSESTree.Node): string | null {
  if (value.type !== AST_NODE_TYPES.NewExpression) return null;
  const callee = skipExpressionWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
}

/** The methods of a class (functions in class fields too), instance and static, and the class it extends. */
function summarizeClass(node: TSESTree.ClassDeclaration): ClassSummary {
  const methods = new Map<string, FunctionSummary>();
  const statics = new Map<string, FunctionSummary>();
  for (const member of node.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    const key = member.key;
    const name = member.computed ? null : key.type === AST_NODE_TYPES.Identifier ? key.name : key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
    if (name === null) continue;
    const into = member.static ? statics : methods;
    if (member.type === AST_NODE_TYPES.MethodDefinition) {
      if (member.kind === 'method' && member.value.type === AST_NODE_TYPES.FunctionExpression) into.set(name, summarize(member.value));
    } else if (member.value) {
      const value = skipExpressionWrappers(member.value);
      if (isFunctionNode(value)) into.set(name, summarize(value));
    }
  }
  const base = node.superClass ? skipExpressionWrappers(node.superClass) : null;
  return { base: base?.type === AST_NODE_TYPES.Identifier ? base.name : null, methods, statics };
}

/** What running `fn` calls synchronously, and the names it declares (parents are tracked here: the tree may have none). */
function summarize(fn: FunctionNode): FunctionSummary {
  const calls: CallPath[] = [];
  const declared = new Set<string>();
  for (const parameter of fn.params) for (const name of getPatternNames(parameter)) declared.add(name);
  const stack: { node: TSESTree.Node; parent: TSESTree.Node | null }[] = [{ node: fn.body, parent: fn }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop() as { node: TSESTree.Node; parent: TSESTree.Node | null };
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
      if ((node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration) && node.id) declared.add(node.id.name);
      if (!isFunctionNode(node) || !runsWhereWritten(node, parent)) continue;
      for (const parameter of node.params) for (const name of getPatternNames(parameter)) declared.add(name);
      stack.push({ node: node.body, parent: node });
      continue;
    }
    if (node.type === AST_NODE_TYPES.VariableDeclarator) for (const name of getPatternNames(node.id)) declared.add(name);
    else if (node.type === AST_NODE_TYPES.CatchClause && node.param) for (const name of getPatternNames(node.param)) declared.add(name);
    else if (node.type === AST_NODE_TYPES.CallExpression) {
      const path = calleePath(node.callee);
      if (path) calls.push(path);
    }
    pushChildren(node, stack);
  }
  return { async: fn.async, generator: fn.generator, calls, declared };
}

/** Children in source order off the stack (last pushed first), with their parent: the tree may have no `parent` links. */
function pushChildren(node: TSESTree.Node, stack: { node: TSESTree.Node; parent: TSESTree.Node | null }[]): void {
  const keys = visitorKeys[node.type] ?? [];
  const children: TSESTree.Node[] = [];
  for (const key of keys) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  for (let index = children.length - 1; index >= 0; index--) stack.push({ node: children[index] as TSESTree.Node, parent: node });
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** How a call's callee is written: a name and a member path, or `require("x").y`. */
function calleePath(raw: TSESTree.Node): CallPath | null {
  const chain = getStaticMemberPath(raw, 32);
  if (!chain) return null;
  const { start: node, path } = chain;
  if (node.type === AST_NODE_TYPES.Identifier) return { kind: 'name', root: node.name, path };
  if (node.type === AST_NODE_TYPES.ThisExpression) return path.length > 0 ? { kind: 'name', root: 'this', path } : null;
  const required = requiredSpecifier(node);
  return required !== null && path.length > 0 ? { kind: 'require', specifier: required, path } : null;
}

/**
 * A nested function that runs as part of the code around it: an IIFE, an array iteration callback, the executor
 * of `new Promise` (the positions `roles/asyncContext.ts` calls `runsWhereWritten`). `parent` is the node that
 * holds it, wrappers such as `(…)` having no node of their own in an ESTree.
 */
function runsWhereWritten(fn: FunctionNode, parent: TSESTree.Node | null): boolean {
  if (fn.async || fn.generator || !parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression) {
    if (skipExpressionWrappers(parent.callee) === fn) return true;
    const callee = skipExpressionWrappers(parent.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    return parent.arguments[0] === fn && method !== null && SYNC_ITERATION_METHODS.has(method);
  }
  if (parent.type === AST_NODE_TYPES.NewExpression) {
    const callee = skipExpressionWrappers(parent.callee);
    return parent.arguments[0] === fn && callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
  }
  return false;
}
