import { createHash } from 'node:crypto';
import * as path from 'node:path';

import * as ts from 'typescript';

/**
 * Type-checks edited versions of one file of a TypeScript project and tells which diagnostics the edit
 * introduced. One LanguageService per project: swapping a file's text only re-parses that file and
 * re-checks it, the rest of the program (libs, @types, the other files) is reused.
 */

export interface NewDiagnostic {
  code: number;
  /** The flattened message text (chains joined by newlines). */
  message: string;
  /** 1-based position in the edited text, when the diagnostic has one. */
  line?: number;
  column?: number;
  /** A few lines of the edited text around the diagnostic. */
  excerpt: string;
}

export class ProjectTypeChecker {
  private readonly settings: ts.CompilerOptions;
  private readonly rootNames: Set<string>;
  /** Texts that replace the files on disk, by absolute file name. */
  private readonly overrides = new Map<string, string>();
  private readonly service: ts.LanguageService;
  private projectVersion = 0;
  /** Baseline diagnostic keys of a file's original text, by file name + text hash. */
  private readonly baselines = new Map<string, Array<{ key: string; start: number | undefined }>>();
  /** Content hashes of the files on disk (which the checks never change), by file name. */
  private readonly diskVersions = new Map<string, string>();

  constructor(tsconfigPath: string) {
    const config = ts.readConfigFile(tsconfigPath, (file) => ts.sys.readFile(file));
    if (config.error) throw new Error(`cannot read ${tsconfigPath}: ${flatten(config.error.messageText)}`);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(tsconfigPath), undefined, tsconfigPath);
    if (parsed.errors.length > 0) throw new Error(`invalid ${tsconfigPath}: ${parsed.errors.map((error) => flatten(error.messageText)).join('; ')}`);
    this.settings = parsed.options;
    this.rootNames = new Set(parsed.fileNames.map(normalize));
    const host: ts.LanguageServiceHost = {
      getCompilationSettings: () => this.settings,
      getProjectVersion: () => String(this.projectVersion),
      getScriptFileNames: () => [...this.rootNames],
      // Versions follow the content, so putting a file's text back returns to the program already built.
      getScriptVersion: (fileName) => {
        const text = this.overrides.get(normalize(fileName));
        return text === undefined ? this.diskVersion(fileName) : hash(text);
      },
      getScriptSnapshot: (fileName) => {
        const text = this.overrides.get(normalize(fileName)) ?? ts.sys.readFile(fileName);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => path.dirname(tsconfigPath),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (fileName) => this.overrides.has(normalize(fileName)) || ts.sys.fileExists(fileName),
      readFile: (fileName, encoding) => this.overrides.get(normalize(fileName)) ?? ts.sys.readFile(fileName, encoding),
      readDirectory: (dir, extensions, exclude, include, depth) => ts.sys.readDirectory(dir, extensions, exclude, include, depth),
      directoryExists: (dir) => ts.sys.directoryExists(dir),
      getDirectories: (dir) => ts.sys.getDirectories(dir),
      realpath: (fileName) => (ts.sys.realpath ? ts.sys.realpath(fileName) : fileName),
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, path.dirname(tsconfigPath)));
  }

  /**
   * The diagnostics (syntactic + semantic, of `fileName` only) that `edited` has and `original` did not,
   * compared by code and message, since positions shift with the edit. A diagnostic that already occurred
   * counts as new when it occurs more often than before; then the occurrences outside the edited span
   * that sit where an original one sat (shifted by the edit) are the old ones.
   */
  newDiagnostics(fileName: string, original: string, edited: string): NewDiagnostic[] {
    const file = normalize(fileName);
    const baselineKey = `${file}\0${hash(original)}`;
    let baseline = this.baselines.get(baselineKey);
    if (baseline === undefined) {
      baseline = this.diagnosticsWith(file, original).map((diagnostic) => ({ key: keyOf(diagnostic), start: diagnostic.start }));
      this.baselines.set(baselineKey, baseline);
    }
    const remaining = [...baseline];
    const consume = (key: string, start: number | undefined, samePlace: boolean): boolean => {
      const index = remaining.findIndex((old) => old.key === key && (!samePlace || old.start === start));
      if (index === -1) return false;
      remaining.splice(index, 1);
      return true;
    };
    const toOriginal = originalOffset(original, edited);
    const diagnostics = this.diagnosticsWith(file, edited).map((diagnostic) => ({ diagnostic, key: keyOf(diagnostic) }));
    const unmatched = diagnostics.filter(({ diagnostic, key }) => !consume(key, toOriginal(diagnostic.start), true));
    return unmatched.filter(({ key }) => !consume(key, undefined, false)).map(({ diagnostic }) => toNewDiagnostic(diagnostic, edited));
  }

  private diskVersion(fileName: string): string {
    let version = this.diskVersions.get(fileName);
    if (version === undefined) {
      const text = ts.sys.readFile(fileName);
      version = text === undefined ? 'missing' : hash(text);
      this.diskVersions.set(fileName, version);
    }
    return version;
  }

  /**
   * Syntactic and semantic diagnostics of `file` while its text is `text`, the rest of the project as on
   * disk; the project is left as it was (the next check reuses everything but this file).
   */
  private diagnosticsWith(file: string, text: string): ts.Diagnostic[] {
    const wasRoot = this.rootNames.has(file);
    const previous = this.overrides.get(file);
    this.rootNames.add(file);
    this.overrides.set(file, text);
    this.projectVersion += 1;
    try {
      return [...this.service.getSyntacticDiagnostics(file), ...this.service.getSemanticDiagnostics(file)];
    } finally {
      if (!wasRoot) this.rootNames.delete(file);
      if (previous === undefined) this.overrides.delete(file);
      else this.overrides.set(file, previous);
      this.projectVersion += 1;
    }
  }
}

function normalize(fileName: string): string {
  return path.resolve(fileName).split(path.sep).join('/');
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function flatten(message: string | ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, '\n');
}

function keyOf(diagnostic: ts.Diagnostic): string {
  return `TS${diagnostic.code}: ${flatten(diagnostic.messageText)}`;
}

/**
 * Maps an offset of `edited` back to `original` when it lies in the text both share before or after the
 * edit; undefined inside the edited span.
 */
function originalOffset(original: string, edited: string): (offset: number | undefined) => number | undefined {
  let prefix = 0;
  while (prefix < original.length && prefix < edited.length && original[prefix] === edited[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < original.length - prefix &&
    suffix < edited.length - prefix &&
    original[original.length - 1 - suffix] === edited[edited.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const shift = edited.length - original.length;
  return (offset) => {
    if (offset === undefined) return undefined;
    if (offset < prefix) return offset;
    if (offset >= edited.length - suffix) return offset - shift;
    return undefined;
  };
}

function toNewDiagnostic(diagnostic: ts.Diagnostic, text: string): NewDiagnostic {
  const message = flatten(diagnostic.messageText);
  if (diagnostic.start === undefined) return { code: diagnostic.code, message, excerpt: '' };
  const before = text.slice(0, diagnostic.start).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const lines = text.split('\n');
  const first = Math.max(0, line - 3);
  const excerpt = lines
    .slice(first, line + 2)
    .map((content, i) => `${String(first + i + 1).padStart(4)}${first + i + 1 === line ? ' >' : '  '} ${content}`)
    .join('\n');
  return { code: diagnostic.code, message, line, column, excerpt };
}
