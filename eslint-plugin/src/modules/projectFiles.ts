import * as fs from 'node:fs';

import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { findTypeScript } from '../core/typescriptRuntime';
import { type FileParser, parseWithFileParser } from './estreeExportTable';
import { parseTypeScriptFile } from './tsSyntax';

/**
 * What the cross-file analyses read from another file of the project (its export table, the calls its functions
 * make, the types it declares, what its text mentions): each is read from one shared reading of the file, when
 * first asked. The file is read from the disk and parsed once per run, whatever asks; every linted file checks it
 * against the disk (modification time and size) once, on first use.
 */
export interface FileReading<Value> {
  /** Whether the value keeps the file's syntax tree (it is then dropped with the tree: see `MAX_LOADED_FILES`). */
  readonly keepsTree: boolean;
  read(content: FileContent, sourceCode: SourceCode): Value;
}

/** A file's text and its trees, each parsed on first use and shared by all readings. */
export interface FileContent {
  readonly filePath: string;
  readonly text: string;
  /** TypeScript's tree (no parent links, no JSDoc); null where TypeScript is not installed. */
  typeScriptTree(): ts.SourceFile | null;
  /** The ESTree read with the linted file's parser (no parent links, no locations); null when it does not parse. */
  estree(parser: FileParser | null): TSESTree.Program | null;
}

/**
 * Reads the file with TypeScript's parser where TypeScript is installed, else with the parser of the linted file
 * (ESLint's default parser in a JavaScript-only project). Null when neither can read it.
 */
export function readSyntax<Value>(
  content: FileContent,
  parser: FileParser | null,
  withTypeScript: (typescript: typeof ts, sourceFile: ts.SourceFile) => Value | null,
  withEstree: (program: TSESTree.Program) => Value | null,
): Value | null {
  const typescript = findTypeScript();
  if (typescript) {
    const sourceFile = content.typeScriptTree();
    return sourceFile ? withTypeScript(typescript, sourceFile) : null;
  }
  const program = content.estree(parser);
  return program ? withEstree(program) : null;
}

/**
 * What `reading` says about the project file `filePath` (an absolute path, as the resolver returns it), as the
 * file is on disk now. Null when the file cannot be read: missing, not a file, or too large.
 */
export function readProjectFile<Value>(sourceCode: SourceCode, filePath: string, reading: FileReading<Value>): Value | null {
  const file = checkedFile(sourceCode, filePath);
  if (!file) return null;
  if (!reading.keepsTree && file.values.has(reading)) return file.values.get(reading) as Value;
  const content = loadContent(file);
  if (!content) return null;
  const values = reading.keepsTree ? content.values : file.values;
  if (values.has(reading)) return values.get(reading) as Value;
  const value = reading.read(content, sourceCode);
  values.set(reading, value);
  return value;
}

const MAX_FILE_BYTES = 1_000_000;
/** How many files' readings are kept (each a few small tables, without the file's text or tree). */
const MAX_CACHED_FILES = 2000;
/**
 * How many files' text and trees are kept, the most recently used: the readings of one file are mostly asked
 * while the same few files are linted. A file whose tree was dropped is read and parsed again if a reading that
 * was never asked of it is asked later. TypeScript trees of large generated files take megabytes each: with 128 the
 * written-type readings of a TypeScript project doubled the process's peak memory (1.4 GB against 0.77 GB on the
 * performance corpus); 48 keeps it at about 0.9 GB.
 */
const MAX_LOADED_FILES = 48;

/** A project file as it was when read: what was read from it so far (readings that do not keep the tree). */
class ProjectFile {
  readonly values = new Map<FileReading<unknown>, unknown>();

  constructor(
    readonly filePath: string,
    readonly mtimeMs: number,
    readonly size: number,
  ) {}
}

class LoadedContent implements FileContent {
  /** Readings that keep the tree. */
  readonly values = new Map<FileReading<unknown>, unknown>();
  private sourceFile: ts.SourceFile | null | undefined;
  private program: TSESTree.Program | null | undefined;

  constructor(
    readonly filePath: string,
    readonly text: string,
  ) {}

  typeScriptTree(): ts.SourceFile | null {
    if (this.sourceFile === undefined) {
      const typescript = findTypeScript();
      this.sourceFile = typescript ? parseTypeScriptFile(typescript, this.filePath, this.text) : null;
    }
    return this.sourceFile;
  }

  estree(parser: FileParser | null): TSESTree.Program | null {
    if (this.program === undefined) {
      if (!parser) return null; // another linted file may bring a parser
      this.program = parseWithFileParser(parser, this.filePath, this.text);
    }
    return this.program;
  }
}

/** Across linted files: keyed by absolute path. */
const files = new Map<string, ProjectFile>();
/** The text and trees of the files used last, least recently used first. */
const loaded = new Map<ProjectFile, LoadedContent>();
/** Per linted file: files already checked against the disk, so that each is `stat`-ed once per lint. */
const checkedForLint = createFileCache<string, ProjectFile | null>();

function checkedFile(sourceCode: SourceCode, filePath: string): ProjectFile | null {
  const checked = checkedForLint(sourceCode);
  const known = checked.get(filePath);
  if (known !== undefined) return known;
  const file = currentFile(filePath);
  checked.set(filePath, file);
  return file;
}

/** The cached file if the disk still has it as it was read (same modification time and size), else a new entry. */
function currentFile(filePath: string): ProjectFile | null {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(filePath, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // ENOTDIR, EACCES…
  }
  const cached = files.get(filePath);
  if (cached && stat && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  if (cached) {
    files.delete(filePath);
    loaded.delete(cached);
  }
  if (!stat?.isFile() || stat.size > MAX_FILE_BYTES) return null;
  if (files.size >= MAX_CACHED_FILES) {
    files.clear();
    loaded.clear();
  }
  const file = new ProjectFile(filePath, stat.mtimeMs, stat.size);
  files.set(filePath, file);
  return file;
}

function loadContent(file: ProjectFile): LoadedContent | null {
  const known = loaded.get(file);
  if (known) {
    // most recently used last
    loaded.delete(file);
    loaded.set(file, known);
    return known;
  }
  let text: string;
  try {
    text = fs.readFileSync(file.filePath, 'utf8');
  } catch {
    return null; // removed since it was checked
  }
  const content = new LoadedContent(file.filePath, text);
  loaded.set(file, content);
  if (loaded.size > MAX_LOADED_FILES) loaded.delete(loaded.keys().next().value as ProjectFile);
  return content;
}
