import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { exportTableOfTree, type FileParser } from './estreeExportTable';
import { type ExportedResult, type ExportTable, exportTableOfSourceFile, type ImportRef, mayExportPromises, NO_PROMISE_EXPORTS } from './exportTable';
import { getThisFieldInit } from './fieldValues';
import { getImportedBinding, getImportedTypeBinding, getNamespaceMember } from './importedBindings';
import { findInheritedMethods, resolveLocalClass } from './localFunctions';
import { getThisClass, isInStaticMember } from '../core/thisBinding';
import { type FileReading, readProjectFile, readSyntax } from './projectFiles';
import { resolveSpecifierCached } from './specifierResolutions';
import { getConstInit } from '../core/scope';
import { getReceiverTypeName } from './writtenReceiverTypes';
import { type FileKey, fileKeyOf } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';

export type { ExportedResult } from './exportTable';

/**
 * How many files a re-export is followed through. Each (file, name) is looked up once per question, so
 * re-export cycles (`a.ts` re-exports `b.ts`, which re-exports `a.ts`) and files that `export *` from many
 * others stay cheap.
 */
const REEXPORT_LIMITS = { maxDepth: 5, maxSteps: 200 };
/**
 * Per linted file: the folder of its physical file (rules know the file through `context.physicalFilename`),
 * or null for text that is not a file on disk (`<input>`, `<text>`).
 */
const fileDirectories = new WeakMap<FileKey, string | null>();
/**
 * Per linted file: the parser that read it, which reads the files it imports where TypeScript is not
 * installed (ESLint's default parser in a JavaScript-only project). Null when it cannot parse text.
 */
const fileParsers = new WeakMap<FileKey, FileParser | null>();

/** The folder of the linted file (null for text that is not a file), once `rememberFileName` was called for it. */
export function getFileDirectory(sourceCode: SourceCode): string | null {
  return fileDirectories.get(fileKeyOf(sourceCode)) ?? null;
}

/** The parser that read the linted file, to read the files it imports where TypeScript is not installed. */
export function getFileParser(sourceCode: SourceCode): FileParser | null {
  return fileParsers.get(fileKeyOf(sourceCode)) ?? null;
}

/** Per linted file: whether it is TypeScript (`.ts`, `.tsx`, `.mts`, `.cts`), where types are written. */
const typeScriptSources = new WeakSet<FileKey>();

/**
 * Whether the linted file is TypeScript, once `rememberFileName` was called for it: only there can a receiver be
 * known by a written type (JavaScript's receivers are followed through their values, not their types).
 */
export function isTypeScriptSource(sourceCode: SourceCode): boolean {
  return typeScriptSources.has(fileKeyOf(sourceCode));
}

/** Tells the cross-file resolver which file `sourceCode` belongs to, and which parser read it. */
export function rememberFileName(sourceCode: SourceCode, fileName: string, parser: unknown): void {
  const file = fileKeyOf(sourceCode);
  if (fileDirectories.has(file)) return;
  if (/\.[cm]?tsx?$/.test(fileName)) typeScriptSources.add(file);
  fileParsers.set(file, asFileParser(parser));
  if (fileName.startsWith('<')) {
    fileDirectories.set(file, null);
    return;
  }
  fileDirectories.set(file, path.dirname(path.resolve(fileName)));
}

/**
 * For `import { f } from "./x"` (also default imports, `const { f } = require("./x")`, and specifiers the project
 * aliases: `#lib/x`, tsconfig `paths`), what calling `f` returns according to the other file: an `async`
 * function, or one annotated to return `Promise<…>`. For a member call `x.m()`, where `x` is a namespace import, a
 * required module, or an imported object, singleton or class: what its method `m` returns. Null when unknown (a
 * package, a file missing, not a function).
 */
export function resolveImportedCallable(
  sourceCode: SourceCode,
  callee: TSESTree.Identifier | TSESTree.MemberExpression,
): ExportedResult | null {
  const directory = fileDirectories.get(fileKeyOf(sourceCode));
  if (!directory) return null;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = getImportedBinding(sourceCode, callee);
    return binding ? lookupResult(sourceCode, directory, binding.specifier, binding.name, new BoundedWalk(REEXPORT_LIMITS)) : null;
  }
  const method = getStaticPropertyName(callee);
  if (method === null) return null;
  const namespaceMember = getNamespaceMember(sourceCode, callee);
  if (namespaceMember) {
    const walk = new BoundedWalk(REEXPORT_LIMITS);
    const direct = lookupResult(sourceCode, directory, namespaceMember.specifier, namespaceMember.name, walk);
    // `const store = require("./store"); store.load()`: a method of what `module.exports` is (a singleton, a class)
    if (direct !== null || !namespaceMember.required) return direct;
  }
  const object = skipExpressionWrappers(callee.object);
  const binding = object.type === AST_NODE_TYPES.Identifier ? getImportedBinding(sourceCode, object) : null;
  if (!binding) return null;
  return lookupMember(sourceCode, directory, binding, 'members', method);
}

/**
 * What calling `receiver.m()` returns when the receiver is an instance of a class imported from another file of
 * the project: `new Store().m()`, `const store = new Store(); store.m()`, `this.store.m()` for a field set once
 * to `new Store()`, and `this.m()` in a class that inherits `m` from an imported base. Null when unknown.
 */
export function resolveImportedInstanceMethod(sourceCode: SourceCode, callee: TSESTree.MemberExpression): ExportedResult | null {
  const directory = fileDirectories.get(fileKeyOf(sourceCode));
  const method = getStaticPropertyName(callee);
  if (!directory || method === null) return null;
  const classExpression = getInstanceClass(sourceCode, callee);
  const binding = classExpression ? getClassBinding(sourceCode, classExpression) : null;
  return binding ? lookupMember(sourceCode, directory, binding, 'classes', method) : null;
}

/**
 * The class of another module whose instance receives the method call `callee` (`new Store().m()`, a const or a
 * field set once to `new Store()`, `this.m()` inherited from an imported base, and a receiver whose written type
 * names an imported class or interface: `store: Store`, `private readonly store: Store`), as the import that
 * names it; `static` when the call is on the class itself (`this.m()` in a static method). Null otherwise.
 */
export function getReceiverClassImport(sourceCode: SourceCode, callee: TSESTree.MemberExpression): { readonly ref: ImportRef; readonly isStatic: boolean } | null {
  const classExpression = getInstanceClass(sourceCode, callee);
  const created = classExpression ? getClassBinding(sourceCode, classExpression) : null;
  if (created) return { ref: created, isStatic: skipExpressionWrappers(callee.object).type === AST_NODE_TYPES.ThisExpression && isInStaticMember(callee) };
  const written = getReceiverTypeName(sourceCode, callee.object);
  const ref = written ? getImportedTypeBinding(sourceCode, written) : null;
  return ref ? { ref, isStatic: false } : null;
}

/** The imported class whose instance (or, through `extends`, whose subclass's instance) receives the call, or null. */
function getInstanceClass(sourceCode: SourceCode, callee: TSESTree.MemberExpression): TSESTree.Node | null {
  const object = skipExpressionWrappers(callee.object);
  const method = getStaticPropertyName(callee);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const classNode = getThisClass(callee);
    return classNode && method !== null ? findInheritedMethods(sourceCode, classNode, method, isInStaticMember(callee)).base : null;
  }
  let value: TSESTree.Node | null = null;
  if (object.type === AST_NODE_TYPES.NewExpression) value = object;
  else if (object.type === AST_NODE_TYPES.Identifier) value = getConstInit(sourceCode, object);
  else if (object.type === AST_NODE_TYPES.MemberExpression) value = getThisFieldInit(sourceCode, object);
  const created = value ? skipExpressionWrappers(value) : null;
  if (created?.type !== AST_NODE_TYPES.NewExpression) return null;
  const localClass = resolveLocalClass(sourceCode, created.callee);
  if (!localClass) return created.callee;
  // an instance of a class of this file: its inherited methods may come from an imported base
  return method === null ? null : findInheritedMethods(sourceCode, localClass, method, false).base;
}

/** `Store` bound to an import, or `models.Store` of a namespace import or a required module. */
function getClassBinding(sourceCode: SourceCode, raw: TSESTree.Node): ImportRef | null {
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.Identifier) return getImportedBinding(sourceCode, node);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const member = getNamespaceMember(sourceCode, node);
    return member ? { specifier: member.specifier, name: member.name } : null;
  }
  return null;
}

/**
 * What method `method` of the export `binding` returns: of the value itself (`members`) or of the instances of
 * the class it is (`classes`), up its chain of imported bases (each base resolved from the file that names it).
 */
function lookupMember(sourceCode: SourceCode, directory: string, binding: ImportRef, kind: 'members' | 'classes', method: string): ExportedResult | null {
  const walk = new BoundedWalk(REEXPORT_LIMITS);
  let found = findExport(sourceCode, directory, binding.specifier, binding.name, walk, (table, name) => table[kind].get(name));
  // the chain of imported bases: each found member table says which base to ask next
  for (let links = 0; found && links < MAX_BASE_LINKS; links++) {
    const result = found.value.methods.get(method);
    if (result !== undefined || found.value.methods.has(method)) return result ?? null;
    const base: ImportRef | null = found.value.base;
    if (!base) return null;
    found = findExport(sourceCode, path.dirname(found.filePath), base.specifier, base.name, walk, (table, name) => table.classes.get(name));
  }
  return null;
}

/** How many imported base classes a method is looked up through. */
const MAX_BASE_LINKS = 8;

/** What calling the export `name` of `specifier` returns, following re-exports. */
function lookupResult(sourceCode: SourceCode, directory: string, specifier: string, name: string, walk: BoundedWalk): ExportedResult | null {
  return findExport(sourceCode, directory, specifier, name, walk, (table, exported) => (table.results.has(exported) ? table.results.get(exported) ?? null : undefined))?.value ?? null;
}

/**
 * The answer `pick` gives for the export `name` of the module `specifier` (written in `directory`), following
 * named and `export *` re-exports to the file that declares it (where the export may have another name); with
 * that file's path. `pick` returns undefined when the file does not declare the export. Null when no file answers.
 */
function findExport<Value>(
  sourceCode: SourceCode,
  directory: string,
  specifier: string,
  name: string,
  walk: BoundedWalk,
  pick: (table: ExportTable, name: string) => Value | undefined,
): { value: Value; filePath: string } | null {
  const filePath = resolveSpecifierCached(sourceCode, directory, specifier);
  if (!filePath) return null;
  return walk.enterOnce(`${filePath}\0${name}`, null, () => {
    const table = loadTable(sourceCode, filePath);
    if (!table) return null;
    const value = pick(table, name);
    if (value !== undefined) return { value, filePath };
    const named = table.reexportNamed.get(name);
    const nextDirectory = path.dirname(filePath);
    if (named) return findExport(sourceCode, nextDirectory, named.specifier, named.name, walk, pick);
    if (name === 'default') return null;
    for (const star of table.reexportAll) {
      const found = findExport(sourceCode, nextDirectory, star, name, walk, pick);
      if (found) return found;
    }
    return null;
  });
}

/**
 * What another file exports (`exportTable.ts`), read from its text when it may export promises at all, else
 * from the shared reading of the file (`projectFiles.ts`). A file linted earlier in the run is read from the disk
 * too, when a file linted later first asks: most linted files are never imported by a later one.
 */
const EXPORT_TABLE: FileReading<ExportTable | null> = {
  keepsTree: false,
  read: (content, sourceCode) =>
    mayExportPromises(content.text) ? readSyntax(content, getFileParser(sourceCode), exportTableOfSourceFile, (program) => exportTableOfTree(program)) : NO_PROMISE_EXPORTS,
};

function loadTable(sourceCode: SourceCode, filePath: string): ExportTable | null {
  return readProjectFile(sourceCode, filePath, EXPORT_TABLE);
}

function asFileParser(parser: unknown): FileParser | null {
  const candidate = parser as FileParser | null | undefined;
  return typeof candidate?.parse === 'function' || typeof candidate?.parseForESLint === 'function' ? candidate : null;
}
