import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { skipExpressionWrappers } from '../core/ast';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { findTypeScript } from '../core/typescriptRuntime';
import { type CallFacts, type FunctionCalls, type ModuleCall } from './callFacts';
import { getFileDirectory, getFileParser, resolveSpecifierCached } from './crossFile';
import { readCallFactsFromTree } from './estreeCallFacts';
import { parseWithFileParser } from './estreeExportTable';
import { detachedCopy } from './exportTable';
import type { ImportRef } from './exportShapes';
import { getImportedBinding, getNamespaceMember } from './importedBindings';
import { GLOBAL_MODULE, type ModuleReference, normalizeModuleSpecifier } from './moduleBindings';
import { readCallFactsWithTypeScript } from './tsCallFacts';
import { scriptKindOf } from './tsSyntax';

/** What a search across files looks for at the end of a chain of calls: a call of a module export it recognises. */
export interface ChainMatcher<Match> {
  /**
   * Matches the text of a file that may make such a call (the names it looks for). A file whose text does not
   * match, and whose project imports do not either, is not read at all.
   */
  readonly textPattern: RegExp;
  match(reference: ModuleReference): Match | null;
}

/** The functions a call goes through in other files (`["derive()"]`), and what the matcher found at the end. */
export interface CallChain<Match> {
  readonly names: readonly string[];
  readonly match: Match;
}

/** How far a chain is followed: functions in all, and how many deep. */
const CHAIN_LIMITS = { maxDepth: 6, maxSteps: 120 };
const MAX_FILE_BYTES = 1_000_000;
const MAX_CACHED_FILES = 2000;

/**
 * For a call of a function another file of the project exports (`hash()` for `import { hash } from "./crypto"`,
 * also default, namespace and `require` imports, `index` re-exports and the project's aliases), what it reaches
 * when it runs: the first call the matcher recognises, through synchronous functions of that file and of the files
 * it imports in turn, with the names of the functions on the way. Async functions are not followed. Null when
 * nothing is found (or the callee is not a function of the project).
 */
export function findCallChainIntoProject<Match>(sourceCode: SourceCode, callee: TSESTree.Node, matcher: ChainMatcher<Match>): CallChain<Match> | null {
  const directory = getFileDirectory(sourceCode);
  if (!directory) return null;
  const node = skipExpressionWrappers(callee);
  let target: ImportRef | null = null;
  if (node.type === AST_NODE_TYPES.Identifier) target = getImportedBinding(sourceCode, node);
  else if (node.type === AST_NODE_TYPES.MemberExpression) target = getNamespaceMember(sourceCode, node);
  if (!target) return null;
  const filePath = resolveSpecifierCached(sourceCode, directory, target.specifier);
  if (!filePath) return null;
  return new ChainSearch(sourceCode, matcher).fromExport(filePath, target.name);
}

class ChainSearch<Match> {
  private readonly walk = new BoundedWalk(CHAIN_LIMITS);
  /** The text filter's answers, and its own walk (files that import each other end at the cycle). */
  private readonly reach = new Map<string, boolean>();
  private readonly reachWalk = new BoundedWalk(CHAIN_LIMITS);

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly matcher: ChainMatcher<Match>,
  ) {}

  /** The export `name` of `filePath`, through re-exports, to the function it is. */
  fromExport(filePath: string, name: string): CallChain<Match> | null {
    return this.walk.enterOnce(`export\0${filePath}\0${name}`, null, () => {
      if (!this.mayReach(filePath)) return null;
      const facts = loadCallFacts(this.sourceCode, filePath);
      if (!facts) return null;
      const key = facts.exports.get(name);
      if (key !== undefined) return this.fromFunction(filePath, facts, key);
      const directory = path.dirname(filePath);
      const named = facts.reexportNamed.get(name);
      if (named) {
        const next = resolveSpecifierCached(this.sourceCode, directory, named.specifier);
        return next ? this.fromExport(next, named.name) : null;
      }
      if (name === 'default') return null;
      for (const star of facts.reexportAll) {
        const next = resolveSpecifierCached(this.sourceCode, directory, star);
        const found = next ? this.fromExport(next, name) : null;
        if (found) return found;
      }
      return null;
    });
  }

  private fromFunction(filePath: string, facts: CallFacts, key: string): CallChain<Match> | null {
    return this.walk.enterOnce(`function\0${filePath}\0${key}`, null, () => {
      const fn = facts.functions.get(key);
      if (!fn || !fn.followed) return null;
      for (const global of fn.globals) {
        const match = this.matcher.match({ module: GLOBAL_MODULE, path: global });
        if (match !== null) return { names: [], match };
      }
      for (const call of fn.imported) {
        const found = this.fromModuleCall(filePath, call);
        if (found) return found;
      }
      for (const local of fn.local) {
        const inner = this.fromFunction(filePath, facts, local);
        if (inner) return { names: [nameOf(facts.functions.get(local)), ...inner.names], match: inner.match };
      }
      return null;
    });
  }

  /** A call of another module's export: a file of the project is followed into; a package's export is matched. */
  private fromModuleCall(filePath: string, call: ModuleCall): CallChain<Match> | null {
    const next = resolveSpecifierCached(this.sourceCode, path.dirname(filePath), call.specifier);
    if (next === null) {
      const base = normalizeModuleSpecifier(call.specifier);
      const reference = { module: base.module, path: [...base.path, ...(call.name === 'default' ? [] : [call.name]), ...call.path] };
      const match = this.matcher.match(reference);
      return match === null ? null : { names: [], match };
    }
    // `helpers.hash()` on a required module or a namespace is its export `hash`; deeper paths are methods of values
    const exportName = call.name === 'default' && call.path.length === 1 ? (call.path[0] as string) : call.path.length === 0 ? call.name : null;
    if (exportName === null) return null;
    const inner = this.fromExport(next, exportName);
    return inner ? { names: [`${exportName}()`, ...inner.names], match: inner.match } : null;
  }

  /** The file (or a project file it imports, a few levels deep) says a name the matcher looks for. */
  private mayReach(filePath: string): boolean {
    const known = this.reach.get(filePath);
    if (known !== undefined) return known;
    const result = this.reachWalk.enter(filePath, false, () => {
      const text = loadText(this.sourceCode, filePath, this.matcher.textPattern);
      if (text === null) return false;
      if (text.matches) return true;
      const directory = path.dirname(filePath);
      return text.projectSpecifiers.some((specifier) => {
        const next = resolveSpecifierCached(this.sourceCode, directory, specifier);
        return next !== null && this.mayReach(next);
      });
    });
    // a file met again on its own import cycle answered "no" for now: only final answers are kept
    if (result || this.reachWalk.depth === 0) this.reach.set(filePath, result);
    return result;
  }
}

function nameOf(fn: FunctionCalls | undefined): string {
  return fn?.name ?? 'call';
}

// ---------------------------------------------------------------------------------------------------------------
// Files read and cached, checked against the disk once per linted file

interface CachedFile<Value> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: Value;
}

/** What the text filter needs of a file, without keeping its text. */
interface FileText {
  /** The matcher's text pattern matches the file. */
  readonly matches: boolean;
  /** Specifiers of imports and `require`s that may be the project's own (relative, `#` subpaths, or aliases). */
  readonly projectSpecifiers: readonly string[];
}

const texts = new Map<string, CachedFile<FileText | null>>();
const callFacts = new Map<string, CachedFile<CallFacts | null>>();
/** Per linted file: files already checked against the disk (each is `stat`-ed once per lint). */
const checkedTexts = new WeakMap<SourceCode, Map<string, FileText | null>>();
const checkedFacts = new WeakMap<SourceCode, Map<string, CallFacts | null>>();

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"\n]+)['"]/g;

function loadText(sourceCode: SourceCode, filePath: string, pattern: RegExp): FileText | null {
  return loadValidated(sourceCode, checkedTexts, texts, filePath, `${pattern.source}\0`, (content) => ({
    matches: pattern.test(content),
    projectSpecifiers: [...content.matchAll(SPECIFIERS)].map((match) => detachedCopy(match[1] as string)).filter((specifier) => !specifier.startsWith('node:')),
  }));
}

function loadCallFacts(sourceCode: SourceCode, filePath: string): CallFacts | null {
  return loadValidated(sourceCode, checkedFacts, callFacts, filePath, '', (content) => readCallFacts(sourceCode, filePath, content));
}

/** Read with TypeScript's parser where TypeScript is installed, else with the linted file's parser. */
function readCallFacts(sourceCode: SourceCode, filePath: string, text: string): CallFacts | null {
  const typescript = findTypeScript();
  if (typescript) {
    const sourceFile = typescript.createSourceFile(filePath, text, { languageVersion: typescript.ScriptTarget.Latest, jsDocParsingMode: typescript.JSDocParsingMode.ParseNone }, false, scriptKindOf(typescript, filePath));
    return readCallFactsWithTypeScript(typescript, sourceFile);
  }
  const parser = getFileParser(sourceCode);
  const tree = parser ? parseWithFileParser(parser, filePath, text) : null;
  return tree ? readCallFactsFromTree(tree) : null;
}

function loadValidated<Value>(
  sourceCode: SourceCode,
  checked: WeakMap<SourceCode, Map<string, Value | null>>,
  cache: Map<string, CachedFile<Value | null>>,
  filePath: string,
  keyPrefix: string,
  read: (content: string) => Value | null,
): Value | null {
  let perFile = checked.get(sourceCode);
  if (!perFile) {
    perFile = new Map();
    checked.set(sourceCode, perFile);
  }
  const key = keyPrefix + filePath;
  if (perFile.has(key)) return perFile.get(key) ?? null;
  let value: Value | null = null;
  try {
    const stat = fs.statSync(filePath);
    const cached = cache.get(key);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      value = cached.value;
    } else if (stat.isFile() && stat.size <= MAX_FILE_BYTES) {
      value = read(fs.readFileSync(filePath, 'utf8'));
      if (cache.size >= MAX_CACHED_FILES) cache.clear();
      cache.set(key, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    }
  } catch {
    value = null;
  }
  perFile.set(key, value);
  return value;
}
