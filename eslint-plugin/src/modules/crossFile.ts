import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, getStaticString, skipExpressionWrappers } from '../core/ast';
import { exportTableOfTree, type FileParser, parseExportTable } from './estreeExportTable';
import { buildExportTable, type ExportedResult, type ExportTable, exportTableOfParsedFile } from './exportTable';
import { findVariableOf, isNeverReassigned } from '../core/scope';
import type { SourceCode } from '../core/ruleContext';
import { findTypeScript } from '../core/typescriptRuntime';

export type { ExportedResult } from './exportTable';

/**
 * An export table and what it was read from. Tables read from disk carry the file's modification time and
 * size. A table taken from a linted file's tree carries the size of the linted text and the time it was
 * linted instead: its modification time is read (once) by the first importer that needs it, so that linting
 * a file costs no `stat` for a table that no later file may ever ask for.
 */
interface CachedTable {
  readonly table: ExportTable;
  readonly size: number;
  /** Null until checked against the disk, for a table taken from a linted file. */
  mtimeMs: number | null;
  /** When the file was linted (for a table not yet checked against the disk). */
  readonly lintedAt: number;
}

/** Across files: keyed by absolute path, checked against mtime + size before each use in a new file. */
const tableCache = new Map<string, CachedTable>();
const MAX_CACHED_FILES = 2000;
const MAX_FILE_BYTES = 1_000_000;
/**
 * How many files a re-export is followed through. Each (file, name) is looked up once per question, so
 * re-export cycles (`a.ts` re-exports `b.ts`, which re-exports `a.ts`) and files that `export *` from many
 * others stay cheap.
 */
const REEXPORT_LIMITS = { maxDepth: 5, maxSteps: 200 };
/**
 * A linted file's table is trusted for the file on disk only if the disk copy has the linted size and was
 * last modified at least this long before the lint (coarse file-system timestamps, small clock skews).
 */
const MODIFIED_BEFORE_LINT_MARGIN_MS = 2000;

/**
 * Per linted file: the folder of its physical file (rules know the file through `context.physicalFilename`),
 * or null for text that is not a file on disk (`<input>`, `<text>`).
 */
const fileDirectories = new WeakMap<SourceCode, string | null>();
/** Per linted file: tables already validated against the disk, so each file is stat-ed once per lint. */
const validated = new WeakMap<SourceCode, Map<string, ExportTable | null>>();
/**
 * Per linted file: the parser that read it, which reads the files it imports where TypeScript is not
 * installed (ESLint's default parser in a JavaScript-only project). Null when it cannot parse text.
 */
const fileParsers = new WeakMap<SourceCode, FileParser | null>();

/** Tells the cross-file resolver which file `sourceCode` belongs to, and which parser read it. */
export function rememberFileName(sourceCode: SourceCode, fileName: string, parser: unknown): void {
  if (fileDirectories.has(sourceCode)) return;
  fileParsers.set(sourceCode, asFileParser(parser));
  if (fileName.startsWith('<')) {
    fileDirectories.set(sourceCode, null);
    return;
  }
  const filePath = path.resolve(fileName);
  fileDirectories.set(sourceCode, path.dirname(filePath));
  rememberOwnExports(sourceCode, filePath);
}

/**
 * Files of a project import each other: the export table of the file being linted is read from the tree the
 * parser already built (top-level statements only), so a file linted later that imports this one does not
 * parse it again. The first importer uses it only if the file on disk is what was linted (not an editor's
 * unsaved buffer): see `getCachedTable`.
 */
function rememberOwnExports(sourceCode: SourceCode, filePath: string): void {
  const size = Buffer.byteLength(sourceCode.text, 'utf8') + (sourceCode.hasBOM ? 3 : 0);
  if (size > MAX_FILE_BYTES) return;
  const sourceFile = (sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined)
    ?.esTreeNodeToTSNodeMap?.get(sourceCode.ast) as ts.SourceFile | undefined;
  // typescript-eslint keeps TypeScript's tree of the file; other parsers (ESLint's default one) only the ESTree.
  const table = sourceFile && typeof sourceFile.statements === 'object' ? exportTableOfParsedFile(sourceFile) : exportTableOfTree(sourceCode.ast, sourceCode.text);
  cacheTable(filePath, { table, size, mtimeMs: null, lintedAt: Date.now() });
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
  const directory = fileDirectories.get(sourceCode);
  if (!directory) return null;
  const binding = callee.type === AST_NODE_TYPES.Identifier ? getImportedBinding(sourceCode, callee) : getNamespaceMember(sourceCode, callee);
  if (!binding || !binding.specifier.startsWith('.')) return null;
  return lookupExport(sourceCode, directory, binding.specifier, binding.name, new BoundedWalk(REEXPORT_LIMITS));
}

function lookupExport(sourceCode: SourceCode, directory: string, specifier: string, name: string, walk: BoundedWalk): ExportedResult | null {
  const filePath = resolveRelativeFileCached(sourceCode, directory, specifier);
  if (!filePath) return null;
  return walk.enterOnce(`${filePath}\0${name}`, null, () => {
    const table = loadTable(sourceCode, filePath);
    if (!table) return null;
    if (table.results.has(name)) return table.results.get(name) ?? null;
    const named = table.reexportNamed.get(name);
    const nextDirectory = path.dirname(filePath);
    if (named) return lookupExport(sourceCode, nextDirectory, named.specifier, named.name, walk);
    if (name === 'default') return null;
    for (const star of table.reexportAll) {
      const found = lookupExport(sourceCode, nextDirectory, star, name, walk);
      if (found) return found;
    }
    return null;
  });
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
    // most candidates do not exist: no exception for those
    return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ENOTDIR, EACCES…
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
    table = getCachedTable(filePath, stat);
    if (!table && stat.isFile() && stat.size <= MAX_FILE_BYTES) {
      table = readExportTable(sourceCode, filePath, fs.readFileSync(filePath, 'utf8'));
      if (table) cacheTable(filePath, { table, size: stat.size, mtimeMs: stat.mtimeMs, lintedAt: 0 });
    }
  } catch {
    table = null;
  }
  perFile.set(filePath, table);
  return table;
}

/** Another file's table: read with TypeScript's parser when TypeScript is installed, else with the linted file's parser. */
function readExportTable(sourceCode: SourceCode, filePath: string, text: string): ExportTable | null {
  if (findTypeScript()) return buildExportTable(filePath, text);
  const parser = fileParsers.get(sourceCode);
  return parser ? parseExportTable(parser, filePath, text) : null;
}

function asFileParser(parser: unknown): FileParser | null {
  const candidate = parser as FileParser | null | undefined;
  return typeof candidate?.parse === 'function' || typeof candidate?.parseForESLint === 'function' ? candidate : null;
}

/**
 * The cached table of `filePath` if the file has not changed since it was read: same modification time and
 * size; for a table taken from a linted file, same size and modified well before the lint.
 */
function getCachedTable(filePath: string, stat: fs.Stats): ExportTable | null {
  const cached = tableCache.get(filePath);
  if (!cached || cached.size !== stat.size) return null;
  if (cached.mtimeMs === null && stat.mtimeMs <= cached.lintedAt - MODIFIED_BEFORE_LINT_MARGIN_MS) cached.mtimeMs = stat.mtimeMs;
  return cached.mtimeMs === stat.mtimeMs ? cached.table : null;
}

function cacheTable(filePath: string, entry: CachedTable): void {
  if (tableCache.size >= MAX_CACHED_FILES) tableCache.clear();
  tableCache.set(filePath, entry);
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

function moduleExportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}
