import type * as ts from 'typescript';

import { AWAITER_HELPERS } from '../core/compiledAsync';

import type { ImportRef } from './exportShapes';

/** Helpers for reading TypeScript's syntax tree of another file (no type checker): the export tables and call facts share them. */

export function scriptKindOf(typescript: typeof ts, filePath: string): ts.ScriptKind {
  if (filePath.endsWith('.tsx')) return typescript.ScriptKind.TSX;
  if (filePath.endsWith('.jsx')) return typescript.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(filePath)) return typescript.ScriptKind.JS;
  return typescript.ScriptKind.TS;
}

/** Another file's tree, read with TypeScript's parser directly: no ESTree conversion, no JSDoc, no parent links. */
export function parseTypeScriptFile(typescript: typeof ts, filePath: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(
    filePath,
    text,
    { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(typescript, filePath),
  );
}

/** The file has syntax errors: it may parse into a misleading tree, so nothing is read from it. */
export function hasParseErrors(sourceFile: ts.SourceFile): boolean {
  return ((sourceFile as ts.SourceFile & { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}

/** `require("./a")`: the specifier, or null. */
export function requiredSpecifier(typescript: typeof ts, node: ts.Node): string | null {
  if (!typescript.isCallExpression(node) || !typescript.isIdentifier(node.expression) || node.expression.text !== 'require') return null;
  const [argument] = node.arguments;
  return node.arguments.length === 1 && argument && typescript.isStringLiteralLike(argument) ? argument.text : null;
}

export function hasModifier(typescript: typeof ts, node: ts.Node, kind: ts.SyntaxKind): boolean {
  const modifiers = typescript.canHaveModifiers(node) ? typescript.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/** Strips `(…)`, `x as T`, `x!`, `x satisfies T` and `<T>x`. */
export function skipWrappers(typescript: typeof ts, node: ts.Node): ts.Node {
  let current = node;
  while (
    typescript.isParenthesizedExpression(current) ||
    typescript.isAsExpression(current) ||
    typescript.isNonNullExpression(current) ||
    typescript.isSatisfiesExpression(current) ||
    typescript.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

export function getPropertyNameText(typescript: typeof ts, name: ts.PropertyName): string | null {
  if (typescript.isIdentifier(name) || typescript.isStringLiteral(name) || typescript.isNumericLiteral(name)) return name.text;
  if (typescript.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (typescript.isComputedPropertyName(name)) {
    const expression = name.expression;
    if (typescript.isStringLiteral(expression) || typescript.isNumericLiteral(expression) || typescript.isNoSubstitutionTemplateLiteral(expression)) {
      return expression.text;
    }
  }
  return null;
}

export function getAccessedName(typescript: typeof ts, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | null {
  if (typescript.isPropertyAccessExpression(node)) return typescript.isIdentifier(node.name) ? node.name.text : null;
  const argument = node.argumentExpression;
  if (typescript.isStringLiteral(argument) || typescript.isNumericLiteral(argument) || typescript.isNoSubstitutionTemplateLiteral(argument)) {
    return argument.text;
  }
  return null;
}

export function isModuleExports(typescript: typeof ts, node: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const object = skipWrappers(typescript, node.expression);
  return typescript.isIdentifier(object) && object.text === 'module' && getAccessedName(typescript, node) === 'exports';
}

/**
 * The names a declaration binds to another module's exports through `require`: `const A = require("./a")`
 * (its `default`), `const { A, B: C } = require("./a")`, `const A = require("./a").A`.
 */
export function requireBindings(typescript: typeof ts, declaration: ts.VariableDeclaration): { local: string; ref: ImportRef }[] {
  const init = declaration.initializer ? skipWrappers(typescript, declaration.initializer) : null;
  if (!init) return [];
  const required = requiredSpecifier(typescript, init);
  if (typescript.isIdentifier(declaration.name)) {
    if (required !== null) return [{ local: declaration.name.text, ref: { specifier: required, name: 'default' } }];
    if (!typescript.isPropertyAccessExpression(init) || !typescript.isIdentifier(init.name)) return [];
    const viaMember = requiredSpecifier(typescript, skipWrappers(typescript, init.expression));
    return viaMember === null ? [] : [{ local: declaration.name.text, ref: { specifier: viaMember, name: init.name.text } }];
  }
  if (required === null || !typescript.isObjectBindingPattern(declaration.name)) return [];
  const bindings: { local: string; ref: ImportRef }[] = [];
  for (const element of declaration.name.elements) {
    if (element.dotDotDotToken || !typescript.isIdentifier(element.name)) continue;
    const key = element.propertyName ? getPropertyNameText(typescript, element.propertyName) : element.name.text;
    if (key !== null) bindings.push({ local: element.name.text, ref: { specifier: required, name: key } });
  }
  return bindings;
}

/**
 * The names an import declaration binds to another module's exports: `import A from "./a"` (its `default`),
 * `import { A as B } from "./a"`, and `import * as ns from "./a"` (the whole module, as `default`, marked).
 */
export function importBindings(typescript: typeof ts, statement: ts.ImportDeclaration): { local: string; ref: ImportRef; namespace: boolean }[] {
  const clause = statement.importClause;
  if (!clause || clause.isTypeOnly || !typescript.isStringLiteral(statement.moduleSpecifier)) return [];
  const specifier = statement.moduleSpecifier.text;
  const bindings: { local: string; ref: ImportRef; namespace: boolean }[] = [];
  if (clause.name) bindings.push({ local: clause.name.text, ref: { specifier, name: 'default' }, namespace: false });
  const named = clause.namedBindings;
  if (named && typescript.isNamespaceImport(named)) bindings.push({ local: named.name.text, ref: { specifier, name: 'default' }, namespace: true });
  else if (named) {
    for (const element of named.elements) {
      if (!element.isTypeOnly) bindings.push({ local: element.name.text, ref: { specifier, name: (element.propertyName ?? element.name).text }, namespace: false });
    }
  }
  return bindings;
}

/** Like `someNodeWithin` for TypeScript's tree: `matches` on `root` and every node below it that `descend` lets through (a stack, not recursion). */
export function someTsNode(root: ts.Node, matches: (node: ts.Node) => boolean, descend: (node: ts.Node) => boolean): boolean {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (!descend(node)) continue;
    if (matches(node)) return true;
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return false;
}

/**
 * `__awaiter(this, void 0, void 0, function* () {…})`, `tslib_1.__awaiter(…)`, `(0, tslib_1.__awaiter)(…)` or esbuild's
 * `__async(this, null, function* () {…})`: a compiled `async` function's body, which returns a promise (see
 * `core/compiledAsync.ts`).
 */
export function isCompiledAsyncCall(typescript: typeof ts, call: ts.CallExpression): boolean {
  const last = call.arguments[call.arguments.length - 1];
  if (!last || !typescript.isFunctionExpression(last) || !last.asteriskToken || hasModifier(typescript, last, typescript.SyntaxKind.AsyncKeyword)) return false;
  let callee = skipWrappers(typescript, call.expression);
  // `(0, tslib_1.__awaiter)(…)`
  if (typescript.isBinaryExpression(callee) && callee.operatorToken.kind === typescript.SyntaxKind.CommaToken) callee = skipWrappers(typescript, callee.right);
  const name = typescript.isIdentifier(callee) ? callee.text : typescript.isPropertyAccessExpression(callee) ? callee.name.text : null;
  return name !== null && AWAITER_HELPERS.has(name);
}
