import type * as ts from 'typescript';

import { buildCallFacts, type CallFacts, type CallPath, type ClassSummary, type FunctionSummary } from './callFacts';
import type { ImportRef } from './exportShapes';
import { SYNC_ITERATION_METHODS } from '../core/syncCallbacks';
import { getPropertyNameText, hasModifier, hasParseErrors, importBindings, isModuleExports, requireBindings, requiredSpecifier, skipWrappers } from './tsSyntax';

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** A node met in a walk, with the node that holds it and the outermost `(…)` around it (the tree has no parent links). */
interface Entry {
  readonly node: ts.Node;
  readonly parent: ts.Node;
  readonly position: ts.Node;
}

/**
 * The call facts of a file read with TypeScript's parser (see `callFacts.ts`); `estreeCallFacts.ts` reads the same
 * from an ESTree, and the two must agree (`test/eslint-plugin/modules/callFacts.test.ts` runs every case through
 * both). Null when the file does not parse cleanly.
 */
export function readCallFactsWithTypeScript(typescript: typeof ts, sourceFile: ts.SourceFile): CallFacts | null {
  if (hasParseErrors(sourceFile)) return null;
  return new TsCallFactsReader(typescript).read(sourceFile);
}

class TsCallFactsReader {
  private readonly imports = new Map<string, ImportRef>();
  private readonly functions = new Map<string, FunctionSummary>();
  private readonly exports = new Map<string, string | FunctionSummary>();
  private readonly reexportAll: string[] = [];
  private readonly reexportNamed = new Map<string, ImportRef>();
  private readonly classes = new Map<string, ClassSummary>();
  private readonly instances = new Map<string, string>();
  private readonly exportedInstances = new Map<string, string>();

  constructor(private readonly typescript: typeof ts) {}

  read(sourceFile: ts.SourceFile): CallFacts {
    for (const statement of sourceFile.statements) this.readTopLevel(statement);
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

  private readTopLevel(statement: ts.Statement): void {
    const typescript = this.typescript;
    const exported = hasModifier(typescript, statement, typescript.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(typescript, statement, typescript.SyntaxKind.DefaultKeyword);
    if (typescript.isImportDeclaration(statement)) {
      this.readImport(statement);
    } else if (typescript.isImportEqualsDeclaration(statement)) {
      const reference = statement.moduleReference;
      if (!statement.isTypeOnly && typescript.isExternalModuleReference(reference) && typescript.isStringLiteralLike(reference.expression)) {
        this.imports.set(statement.name.text, { specifier: reference.expression.text, name: 'default' });
      }
    } else if (typescript.isFunctionDeclaration(statement)) {
      if (!statement.body) return;
      const summary = this.summarize(statement);
      if (statement.name) this.functions.set(statement.name.text, summary);
      if (exported) this.exports.set(isDefault ? 'default' : (statement.name?.text ?? 'default'), statement.name ? statement.name.text : summary);
    } else if (typescript.isClassDeclaration(statement)) {
      const name = statement.name?.text ?? (isDefault ? 'default' : null);
      if (name === null) return;
      this.classes.set(name, this.summarizeClass(statement));
      if (exported) this.exports.set(isDefault ? 'default' : name, name);
    } else if (typescript.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) this.readDeclaration(declaration, exported);
    } else if (typescript.isExportDeclaration(statement)) {
      this.readExportDeclaration(statement);
    } else if (typescript.isExportAssignment(statement)) {
      if (!statement.isExportEquals) this.exportValue('default', statement.expression);
    } else if (typescript.isExpressionStatement(statement)) {
      this.readCommonJsExport(statement.expression);
    }
  }

  private readImport(statement: ts.ImportDeclaration): void {
    for (const { local, ref } of importBindings(this.typescript, statement)) this.imports.set(local, ref);
  }


  /** `const f = () => …`, and `require` bindings (`const fs = require("fs")`, `const { readFileSync } = require("fs")`). */
  private readDeclaration(declaration: ts.VariableDeclaration, exported: boolean): void {
    const typescript = this.typescript;
    const bindings = requireBindings(typescript, declaration);
    for (const { local, ref } of bindings) this.imports.set(local, ref);
    const init = declaration.initializer ? skipWrappers(typescript, declaration.initializer) : null;
    const instanceOf = init ? this.instanceClass(init) : null;
    if (instanceOf !== null && typescript.isIdentifier(declaration.name)) {
      // const store = new Store(): an instance of a class of the file
      this.instances.set(declaration.name.text, instanceOf);
      if (exported) this.exports.set(declaration.name.text, declaration.name.text);
      return;
    }
    if (bindings.length > 0 || !init || !typescript.isIdentifier(declaration.name) || !isFunctionLike(typescript, init)) return;
    this.functions.set(declaration.name.text, this.summarize(init));
    if (exported) this.exports.set(declaration.name.text, declaration.name.text);
  }

  private readExportDeclaration(statement: ts.ExportDeclaration): void {
    const typescript = this.typescript;
    if (statement.isTypeOnly) return;
    const specifier = statement.moduleSpecifier && typescript.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
    const clause = statement.exportClause;
    if (!clause) {
      if (specifier !== null) this.reexportAll.push(specifier);
      return;
    }
    if (!typescript.isNamedExports(clause)) return;
    for (const element of clause.elements) {
      if (element.isTypeOnly) continue;
      const local = (element.propertyName ?? element.name).text;
      if (statement.moduleSpecifier) {
        if (specifier !== null) this.reexportNamed.set(element.name.text, { specifier, name: local });
      } else {
        this.exports.set(element.name.text, local);
      }
    }
  }

  /** `module.exports = f | function … | { f, g: h, k() {} }`, `exports.f = …`, `module.exports.f = …`. */
  private readCommonJsExport(expression: ts.Expression): void {
    const typescript = this.typescript;
    if (!typescript.isBinaryExpression(expression) || expression.operatorToken.kind !== typescript.SyntaxKind.EqualsToken) return;
    const target = expression.left;
    if (!typescript.isPropertyAccessExpression(target)) return;
    const value = skipWrappers(typescript, expression.right);
    if (isModuleExports(typescript, target)) {
      const whole = this.requiredModule(value);
      if (whole !== null) {
        // module.exports = require('./impl'): every export of that module
        this.reexportAll.push(whole);
        this.reexportNamed.set('default', { specifier: whole, name: 'default' });
        return;
      }
      if (!typescript.isObjectLiteralExpression(value)) {
        this.exportValue('default', value);
        return;
      }
      for (const property of value.properties) {
        // module.exports = { ...require('./a'), ...b }
        const spread = typescript.isSpreadAssignment(property) ? this.requiredModule(property.expression) : null;
        if (spread !== null) this.reexportAll.push(spread);
        if (!property.name || typescript.isComputedPropertyName(property.name)) continue;
        const key = getPropertyNameText(typescript, property.name);
        if (key === null) continue;
        if (typescript.isShorthandPropertyAssignment(property)) this.exports.set(key, property.name.text);
        else if (typescript.isPropertyAssignment(property)) this.exportValue(key, property.initializer);
        else if (typescript.isMethodDeclaration(property) && property.body) this.exports.set(key, this.summarize(property));
      }
      return;
    }
    const object = skipWrappers(typescript, target.expression);
    const isExportsObject =
      (typescript.isIdentifier(object) && object.text === 'exports') || (typescript.isPropertyAccessExpression(object) && isModuleExports(typescript, object));
    if (isExportsObject) this.exportValue(target.name.text, value);
  }

  /** `require('./a')`, or a name bound to one (`const a = require('./a')`): the module's specifier. */
  private requiredModule(raw: ts.Node): string | null {
    const node = skipWrappers(this.typescript, raw);
    const imported = this.typescript.isIdentifier(node) ? this.imports.get(node.text) : undefined;
    if (imported) return imported.name === 'default' ? imported.specifier : null;
    return requiredSpecifier(this.typescript, node);
  }

  /** An exported value: a function written there, or the name of a top-level function. */
  private exportValue(exported: string, raw: ts.Node): void {
    const typescript = this.typescript;
    const value = skipWrappers(typescript, raw);
    const instanceOf = this.instanceClass(value);
    if (typescript.isIdentifier(value)) this.exports.set(exported, value.text);
    else if (isFunctionLike(typescript, value)) this.exports.set(exported, this.summarize(value));
    else if (instanceOf !== null) this.exportedInstances.set(exported, instanceOf);
  }

  /** `new Store(…)`: the name of the class constructed. */
  private instanceClass(value: ts.Node): string | null {
    const typescript = this.typescript;
    if (!typescript.isNewExpression(value)) return null;
    const callee = skipWrappers(typescript, value.expression);
    return typescript.isIdentifier(callee) ? callee.text : null;
  }

  /** The methods of a class (functions in class fields too), instance and static, and the class it extends. */
  private summarizeClass(node: ts.ClassDeclaration): ClassSummary {
    const typescript = this.typescript;
    const methods = new Map<string, FunctionSummary>();
    const statics = new Map<string, FunctionSummary>();
    for (const member of node.members) {
      const name = member.name && (typescript.isIdentifier(member.name) || typescript.isStringLiteral(member.name)) ? member.name.text : null;
      if (name === null) continue;
      const into = hasModifier(typescript, member, typescript.SyntaxKind.StaticKeyword) ? statics : methods;
      if (typescript.isMethodDeclaration(member)) {
        if (member.body) into.set(name, this.summarize(member));
      } else if (typescript.isPropertyDeclaration(member) && member.initializer) {
        const value = skipWrappers(typescript, member.initializer);
        if (isFunctionLike(typescript, value)) into.set(name, this.summarize(value));
      }
    }
    const extendsClause = node.heritageClauses?.find((clause) => clause.token === typescript.SyntaxKind.ExtendsKeyword);
    const base = extendsClause?.types[0]?.expression;
    return { base: base && typescript.isIdentifier(base) ? base.text : null, methods, statics };
  }

  /** What running `fn` calls synchronously, and the names it declares. */
  private summarize(fn: FunctionLike): FunctionSummary {
    const typescript = this.typescript;
    const calls: CallPath[] = [];
    const declared = new Set<string>();
    for (const parameter of fn.parameters) addBindingNames(typescript, parameter.name, declared);
    // The tree has no parent links (parsed without them): each entry carries the node that holds it, and the
    // outermost `(…)` around it, which is what that node holds.
    const stack: Entry[] = fn.body ? [{ node: fn.body, parent: fn, position: fn.body }] : [];
    while (stack.length > 0) {
      const { node, parent, position } = stack.pop() as Entry;
      if (isFunctionLike(typescript, node) || typescript.isClassLike(node)) {
        if (typescript.isFunctionDeclaration(node) && node.name) declared.add(node.name.text);
        if (typescript.isClassDeclaration(node) && node.name) declared.add(node.name.text);
        if (!isFunctionLike(typescript, node) || !runsWhereWritten(typescript, node, parent, position)) continue;
        for (const parameter of node.parameters) addBindingNames(typescript, parameter.name, declared);
        if (node.body) stack.push({ node: node.body, parent: node, position: node.body });
        continue;
      }
      if (typescript.isVariableDeclaration(node)) addBindingNames(typescript, node.name, declared);
      else if (typescript.isCatchClause(node) && node.variableDeclaration) addBindingNames(typescript, node.variableDeclaration.name, declared);
      else if (typescript.isCallExpression(node)) {
        const path = calleePath(typescript, node.expression);
        if (path) calls.push(path);
      }
      const children: ts.Node[] = [];
      typescript.forEachChild(node, (child) => {
        children.push(child);
      });
      const wrapper = typescript.isParenthesizedExpression(node);
      for (let index = children.length - 1; index >= 0; index--) {
        const child = children[index] as ts.Node;
        stack.push(wrapper ? { node: child, parent, position } : { node: child, parent: node, position: child });
      }
    }
    return {
      async: hasModifier(typescript, fn, typescript.SyntaxKind.AsyncKeyword),
      generator: 'asteriskToken' in fn && fn.asteriskToken !== undefined,
      calls,
      declared,
    };
  }
}

/** How a call's callee is written: a name and a member path, or `require("x").y`. */
function calleePath(typescript: typeof ts, raw: ts.Expression): CallPath | null {
  const path: string[] = [];
  let node: ts.Node = skipWrappers(typescript, raw);
  for (let steps = 0; steps < 32; steps++) {
    if (typescript.isPropertyAccessExpression(node)) {
      if (!typescript.isIdentifier(node.name)) return null;
      path.unshift(node.name.text);
      node = skipWrappers(typescript, node.expression);
    } else if (typescript.isElementAccessExpression(node) && typescript.isStringLiteralLike(node.argumentExpression)) {
      path.unshift(node.argumentExpression.text);
      node = skipWrappers(typescript, node.expression);
    } else {
      break;
    }
  }
  if (typescript.isIdentifier(node)) return { kind: 'name', root: node.text, path };
  if (node.kind === typescript.SyntaxKind.ThisKeyword) return path.length > 0 ? { kind: 'name', root: 'this', path } : null;
  const required = requiredSpecifier(typescript, node);
  return required !== null && path.length > 0 ? { kind: 'require', specifier: required, path } : null;
}

/**
 * A nested function that runs as part of the code around it: an IIFE, an array iteration callback, the
 * executor of `new Promise` (the same positions as `runsWhereWritten` of `roles/asyncContext.ts`).
 */
function runsWhereWritten(typescript: typeof ts, fn: FunctionLike, parent: ts.Node, position: ts.Node): boolean {
  if (hasModifier(typescript, fn, typescript.SyntaxKind.AsyncKeyword) || ('asteriskToken' in fn && fn.asteriskToken)) return false;
  if (typescript.isCallExpression(parent)) {
    if (parent.expression === position) return true;
    const callee = skipWrappers(typescript, parent.expression);
    return parent.arguments[0] === position && typescript.isPropertyAccessExpression(callee) && SYNC_ITERATION_METHODS.has(callee.name.text);
  }
  if (typescript.isNewExpression(parent)) {
    const callee = skipWrappers(typescript, parent.expression);
    return parent.arguments?.[0] === position && typescript.isIdentifier(callee) && callee.text === 'Promise';
  }
  return false;
}

function isFunctionLike(typescript: typeof ts, node: ts.Node): node is FunctionLike {
  return typescript.isFunctionDeclaration(node) || typescript.isFunctionExpression(node) || typescript.isArrowFunction(node) || typescript.isMethodDeclaration(node);
}

function addBindingNames(typescript: typeof ts, name: ts.BindingName, into: Set<string>): void {
  const stack: ts.Node[] = [name];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (typescript.isIdentifier(node)) into.add(node.text);
    else if (typescript.isObjectBindingPattern(node) || typescript.isArrayBindingPattern(node)) {
      for (const element of node.elements) if (typescript.isBindingElement(element)) stack.push(element.name);
    }
  }
}
