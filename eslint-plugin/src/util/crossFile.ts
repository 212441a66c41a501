import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, getStaticString, skipExpressionWrappers } from './ast';
import { findVariableOf, isNeverReassigned } from './scope';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What calling an export of another file returns, as far as its declaration says. */
export type ExportedResult = 'promise' | 'thenable';

/** The exports of one file that return promises when called; `reexports` are followed on demand. */
interface ExportTable {
  readonly mtimeMs: number;
  readonly size: number;
  readonly results: ReadonlyMap<string, ExportedResult | null>;
  readonly reexportAll: readonly string[];
  readonly reexportNamed: ReadonlyMap<string, { specifier: string; name: string }>;
}

/** Across files: keyed by absolute path, checked against mtime + size before each use in a new file. */
const tableCache = new Map<string, ExportTable>();
const MAX_CACHED_FILES = 2000;
const MAX_FILE_BYTES = 1_000_000;
const MAX_REEXPORT_DEPTH = 4;

/** Per linted file: the physical file name (rules know it through `context.filename`). */
const fileNames = new WeakMap<SourceCode, string>();
/** Per linted file: tables already validated against the disk, so each file is stat-ed once per lint. */
const validated = new WeakMap<SourceCode, Map<string, ExportTable | null>>();

/** Tells the cross-file resolver which file `sourceCode` belongs to. */
export function rememberFileName(sourceCode: SourceCode, fileName: string): void {
  if (!fileNames.has(sourceCode)) fileNames.set(sourceCode, fileName);
}

/**
 * For `import { f } from "./x"` (also default imports and `const { f } = require("./x")`), what
 * calling `f` returns according to the other file: an `async` function, or one annotated to return
 * `Promise<…>`. Null when unknown (not relative, file missing, not a function).
 */
export function resolveImportedCallable(
  sourceCode: SourceCode,
  callee: TSESTree.Identifier | TSESTree.MemberExpression,
): ExportedResult | null {
  const rememberedName = fileNames.get(sourceCode);
  if (!rememberedName || rememberedName.startsWith('<')) return null; // <input>, <text>: no file on disk
  const fileName = path.resolve(rememberedName);
  const binding = callee.type === AST_NODE_TYPES.Identifier ? getImportedBinding(sourceCode, callee) : getNamespaceMember(sourceCode, callee);
  if (!binding || !binding.specifier.startsWith('.')) return null;
  return lookupExport(sourceCode, path.dirname(fileName), binding.specifier, binding.name, 0);
}

function lookupExport(sourceCode: SourceCode, directory: string, specifier: string, name: string, depth: number): ExportedResult | null {
  if (depth > MAX_REEXPORT_DEPTH) return null;
  const filePath = resolveRelativeFileCached(sourceCode, directory, specifier);
  if (!filePath) return null;
  const table = loadTable(sourceCode, filePath);
  if (!table) return null;
  if (table.results.has(name)) return table.results.get(name) ?? null;
  const named = table.reexportNamed.get(name);
  const nextDirectory = path.dirname(filePath);
  if (named) return lookupExport(sourceCode, nextDirectory, named.specifier, named.name, depth + 1);
  if (name === 'default') return null;
  for (const star of table.reexportAll) {
    const found = lookupExport(sourceCode, nextDirectory, star, name, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Per linted file: `directory + specifier` → resolved path (a file calls the same import many times). */
const resolutions = new WeakMap<SourceCode, Map<string, string | null>>();

function resolveRelativeFileCached(sourceCode: SourceCode, directory: string, specifier: string): string | null {
  let perFile = resolutions.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    resolutions.set(sourceCode, perFile);
  }
  const key = `${directory}\0${specifier}`;
  const cached = perFile.get(key);
  if (cached !== undefined) return cached;
  const resolved = resolveRelativeFile(directory, specifier);
  perFile.set(key, resolved);
  return resolved;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function resolveRelativeFile(directory: string, specifier: string): string | null {
  const base = path.resolve(directory, specifier);
  const extension = path.extname(base);
  const candidates: string[] = [];
  if (EXTENSIONS.includes(extension)) {
    candidates.push(base);
    for (const tsExtension of JS_TO_TS[extension] ?? []) candidates.push(base.slice(0, -extension.length) + tsExtension);
  }
  for (const candidate of EXTENSIONS) candidates.push(base + candidate);
  for (const candidate of EXTENSIONS) candidates.push(path.join(base, `index${candidate}`));
  for (const candidate of candidates) {
    if (isFile(candidate)) return candidate;
  }
  return null;
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function loadTable(sourceCode: SourceCode, filePath: string): ExportTable | null {
  let perFile = validated.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    validated.set(sourceCode, perFile);
  }
  if (perFile.has(filePath)) return perFile.get(filePath) ?? null;
  let table: ExportTable | null = null;
  try {
    const stat = fs.statSync(filePath);
    const cached = tableCache.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      table = cached;
    } else if (stat.size <= MAX_FILE_BYTES) {
      table = buildTable(filePath, fs.readFileSync(filePath, 'utf8'), stat);
      if (tableCache.size >= MAX_CACHED_FILES) tableCache.clear();
      if (table) tableCache.set(filePath, table);
    }
  } catch {
    table = null;
  }
  perFile.set(filePath, table);
  return table;
}

/** Parses another file (syntax only) and lists what its exported functions return. */
export function buildTable(filePath: string, text: string, stat: { mtimeMs: number; size: number }): ExportTable | null {
  // A file that never says `async`, `Promise` or re-exports anything exports no promise-returning function:
  // skip parsing it (most relative imports are plain helpers).
  if (!/\basync\b|\bPromise\b|\bexport\s*(?:\*|\{[^}]*\}\s*from)/.test(text)) {
    return { mtimeMs: stat.mtimeMs, size: stat.size, results: new Map(), reexportAll: [], reexportNamed: new Map() };
  }
  let program: TSESTree.Program;
  try {
    program = parse(text, {
      range: true,
      loc: false,
      comment: false,
      jsx: /\.(?:tsx|jsx)$/.test(filePath),
      sourceType: 'module',
      ecmaVersion: 'latest',
      filePath,
    }) as TSESTree.Program;
  } catch {
    return null;
  }
  const declarations = collectTopLevelDeclarations(program);
  const results = new Map<string, ExportedResult | null>();
  const reexportAll: string[] = [];
  const reexportNamed = new Map<string, { specifier: string; name: string }>();
  const classify = (name: string): ExportedResult | null => classifyDeclarations(declarations.get(name) ?? [], declarations);

  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.exportKind === 'type') break;
        if (statement.declaration) {
          for (const name of getDeclaredNames(statement.declaration)) results.set(name, classify(name));
        }
        for (const specifier of statement.specifiers) {
          if (specifier.exportKind === 'type') continue;
          const local = moduleExportName(specifier.local);
          const exported = moduleExportName(specifier.exported);
          if (statement.source) reexportNamed.set(exported, { specifier: statement.source.value, name: local });
          else results.set(exported, classify(local));
        }
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported && statement.exportKind !== 'type') reexportAll.push(statement.source.value);
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (declaration.type === AST_NODE_TYPES.Identifier) results.set('default', classify(declaration.name));
        else results.set('default', classifyValue(declaration, declarations, 0));
        break;
      }
      case AST_NODE_TYPES.ExpressionStatement:
        collectCommonJsExport(statement.expression, results, declarations);
        break;
      default:
        break;
    }
  }
  return { mtimeMs: stat.mtimeMs, size: stat.size, results, reexportAll, reexportNamed };
}

type Declarations = Map<string, TSESTree.Node[]>;

function collectTopLevelDeclarations(program: TSESTree.Program): Declarations {
  const declarations: Declarations = new Map();
  const add = (name: string, node: TSESTree.Node): void => {
    const list = declarations.get(name);
    if (list) list.push(node);
    else declarations.set(name, [node]);
  };
  for (const raw of program.body) {
    const statement =
      (raw.type === AST_NODE_TYPES.ExportNamedDeclaration || raw.type === AST_NODE_TYPES.ExportDefaultDeclaration) &&
      raw.declaration
        ? raw.declaration
        : raw;
    if (
      (statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.TSDeclareFunction) &&
      statement.id
    ) {
      add(statement.id.name, statement);
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration && (statement.kind === 'const' || statement.declare)) {
      // `let`/`var` may be reassigned: only constants are followed (the parser sets no parent links here)
      for (const declarator of statement.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) add(declarator.id.name, declarator);
      }
    } else if (statement.type === AST_NODE_TYPES.TSTypeAliasDeclaration) {
      add(`type:${statement.id.name}`, statement);
    }
  }
  return declarations;
}

function getDeclaredNames(declaration: TSESTree.NamedExportDeclarations): string[] {
  if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.TSDeclareFunction) && declaration.id) {
    return [declaration.id.name];
  }
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
    return declaration.declarations.flatMap((declarator) => (declarator.id.type === AST_NODE_TYPES.Identifier ? [declarator.id.name] : []));
  }
  return [];
}

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/** Overloads: the signatures without a body are what callers see. */
function classifyDeclarations(nodes: readonly TSESTree.Node[], declarations: Declarations): ExportedResult | null {
  if (nodes.length === 0) return null;
  const signatures = nodes.filter((node) => node.type === AST_NODE_TYPES.TSDeclareFunction);
  const candidates = signatures.length > 0 && nodes.length > 1 ? signatures : nodes;
  let result: ExportedResult | null = null;
  for (const node of candidates) {
    const kind = classifyValue(node, declarations, 0);
    if (!kind) return null;
    result = result === 'thenable' ? 'thenable' : kind;
  }
  return result;
}

function classifyValue(raw: TSESTree.Node, declarations: Declarations, depth: number): ExportedResult | null {
  if (depth > 4) return null;
  if (raw.type === AST_NODE_TYPES.VariableDeclarator) {
    const annotation = raw.id.type === AST_NODE_TYPES.Identifier ? raw.id.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type === AST_NODE_TYPES.TSFunctionType) return classifyAnnotation(annotation.returnType?.typeAnnotation, declarations, 0) ?? null;
    return raw.init ? classifyValue(raw.init, declarations, depth + 1) : null;
  }
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return classifyDeclarations(declarations.get(node.name) ?? [], declarations);
  if (
    node.type !== AST_NODE_TYPES.FunctionDeclaration &&
    node.type !== AST_NODE_TYPES.FunctionExpression &&
    node.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    node.type !== AST_NODE_TYPES.TSDeclareFunction
  ) {
    return null;
  }
  if (node.generator) return null;
  if (node.returnType) {
    const kind = classifyAnnotation(node.returnType.typeAnnotation, declarations, 0);
    if (kind !== undefined) return kind;
  }
  return node.async ? 'promise' : null;
}

/** A written return type: `Promise<…>` (or a union with it, or a top-level alias of one). undefined = unreadable. */
function classifyAnnotation(type: TSESTree.TypeNode | undefined, declarations: Declarations, depth: number): ExportedResult | null | undefined {
  if (!type || depth > 4) return undefined;
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
    const name = type.typeName.name;
    const alias = declarations.get(`type:${name}`)?.[0];
    if (alias?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return classifyAnnotation(alias.typeAnnotation, declarations, depth + 1);
    if (name === 'Promise') return 'promise';
    if (name === 'PromiseLike') return 'thenable';
    return undefined;
  }
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    const kinds = type.types.map((member) => classifyAnnotation(member, declarations, depth + 1));
    if (kinds.includes('promise')) return 'promise';
    if (kinds.includes('thenable')) return 'thenable';
    return kinds.includes(undefined) ? undefined : null;
  }
  return null;
}

/** `module.exports = { f }`, `module.exports.f = async () => …`, `exports.f = …`, `module.exports = async function`. */
function collectCommonJsExport(expression: TSESTree.Expression, results: Map<string, ExportedResult | null>, declarations: Declarations): void {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return;
  const target = expression.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return;
  if (isModuleExports(target)) {
    const value = skipExpressionWrappers(expression.right);
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = getStaticPropertyName(property);
        if (key !== null) results.set(key, classifyValue(property.value, declarations, 0));
      }
    } else {
      results.set('default', classifyValue(value, declarations, 0));
    }
    return;
  }
  const object = target.object;
  if (
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ||
    (object.type === AST_NODE_TYPES.MemberExpression && isModuleExports(object))
  ) {
    const key = getStaticPropertyName(target);
    if (key !== null) results.set(key, classifyValue(expression.right, declarations, 0));
  }
}

function isModuleExports(node: TSESTree.MemberExpression): boolean {
  return (
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === 'module' &&
    getStaticPropertyName(node) === 'exports'
  );
}

/** The module specifier and export name an identifier was imported as (ESM imports and CommonJS `require`). */
function getImportedBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): { specifier: string; name: string } | null {
  const variable = findVariableOf(sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return null;
  if (definition.type === 'ImportBinding') {
    const node = definition.node;
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) return null;
    const declaration = node.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return null;
    const specifier = declaration.source.value;
    if (node.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { specifier, name: 'default' };
    if (node.type === AST_NODE_TYPES.ImportSpecifier) return { specifier, name: moduleExportName(node.imported) };
    return null;
  }
  if (definition.type !== 'Variable' || !isNeverReassigned(variable)) return null;
  const declarator = definition.node;
  const init = declarator.init ? skipExpressionWrappers(declarator.init) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression || !isRequireCall(init)) return null;
  const specifier = getStaticString(init.arguments[0]);
  if (specifier === null) return null;
  // const f = require("./f")  → the default (module.exports) export
  if (declarator.id.type === AST_NODE_TYPES.Identifier) return { specifier, name: 'default' };
  // const { f } = require("./f")
  if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value === definition.name) {
        const key = getStaticPropertyName(property);
        return key === null ? null : { specifier, name: key };
      }
    }
  }
  return null;
}

/** `ns.f` for `import * as ns from "./x"` or `const ns = require("./x")`. */
function getNamespaceMember(sourceCode: SourceCode, member: TSESTree.MemberExpression): { specifier: string; name: string } | null {
  const object = skipExpressionWrappers(member.object);
  const name = getStaticPropertyName(member);
  if (object.type !== AST_NODE_TYPES.Identifier || name === null) return null;
  const variable = findVariableOf(sourceCode, object);
  const definition = variable?.defs[0];
  if (!variable || !definition || variable.defs.length !== 1) return null;
  if (definition.type === 'ImportBinding' && definition.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    const declaration = definition.node.parent;
    return declaration.importKind === 'type' ? null : { specifier: declaration.source.value, name };
  }
  const binding = getImportedBinding(sourceCode, object);
  return binding && binding.name === 'default' && definition.type === 'Variable' ? { specifier: binding.specifier, name } : null;
}

function isRequireCall(call: TSESTree.CallExpression): boolean {
  return call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'require' && call.arguments.length === 1;
}
