import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { BoundedWalk } from '../core/boundedWalk';
import { getStaticPropertyName, skipExpressionWrappers } from '../core/ast';
import { createFileCache } from '../core/fileCache';
import { AST_NODE_TYPES } from '../core/nodeTypes';
import type { SourceCode } from '../core/ruleContext';
import { type CallFacts, type FunctionCalls, methodKey, type ModuleCall } from './callFacts';
import { getFileDirectory, getFileParser, getReceiverClassImport } from './crossFile';
import { readCallFactsFromTree } from './estreeCallFacts';
import { detachedCopy } from './exportTable';
import type { ImportRef } from './exportShapes';
import { getImportedBinding, getNamespaceMember } from './importedBindings';
import { GLOBAL_MODULE, type ModuleReference, normalizeModuleSpecifier } from './moduleBindings';
import { type FileReading, readProjectFile, readSyntax } from './projectFiles';
import { resolveSpecifierCached } from './specifierResolutions';
import { readCallFactsWithTypeScript } from './tsCallFacts';

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

/**
 * For a call of a function another file of the project exports (`hash()` for `import { hash } from "./crypto"`,
 * also default, namespace and `require` imports, `index` re-exports and the project's aliases), or of a method of
 * a class another file exports (`hasher.hash()` on an exported instance, `Hasher.load()` on the class, and on an
 * instance of it: `new Hasher()`, a field set once to one, a receiver written `hasher: Hasher`), what it reaches
 * when it runs: the first call the matcher recognises, through synchronous functions and methods of that file and
 * of the files it imports in turn, with the names of the functions on the way. Async functions are not followed.
 * Null when nothing is found (or the callee is not a function of the project).
 */
export function findCallChainIntoProject<Match>(sourceCode: SourceCode, callee: TSESTree.Node, matcher: ChainMatcher<Match>): CallChain<Match> | null {
  const directory = getFileDirectory(sourceCode);
  if (!directory) return null;
  for (const target of callTargets(sourceCode, skipExpressionWrappers(callee))) {
    const filePath = resolveSpecifierCached(sourceCode, directory, target.specifier);
    if (!filePath) continue;
    // A search starts afresh (its own walks and text filter), so within one lint its answer depends only on the
    // export and the matcher: a file that calls the same imported function many times searches once.
    const searches = searchesOf(sourceCode, matcher);
    const key = target.member ? `${filePath}\0${target.name}\0${target.member.access}\0${target.member.method}` : `${filePath}\0${target.name}`;
    let found = searches.get(key) as CallChain<Match> | null | undefined;
    if (found === undefined) {
      const search = new ChainSearch(sourceCode, matcher);
      found = target.member ? search.fromExportMember(filePath, target.name, target.member.method, target.member.access) : search.fromExport(filePath, target.name);
      searches.set(key, found);
    }
    if (found) return found;
  }
  return null;
}

/** How a method is reached from an export: on the export itself (an instance's method, a class's static one), or on an instance of the exported class. */
type MemberAccess = 'value' | 'instance';

/** An export a call may run: the export itself (a function), or a method reached from it. */
interface CallTarget extends ImportRef {
  readonly member: { readonly method: string; readonly access: MemberAccess } | null;
}

/** What a callee may run in another module, in the order to try. */
function callTargets(sourceCode: SourceCode, node: TSESTree.Node): CallTarget[] {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const binding = getImportedBinding(sourceCode, node);
    return binding ? [{ ...binding, member: null }] : [];
  }
  if (node.type !== AST_NODE_TYPES.MemberExpression) return [];
  const method = getStaticPropertyName(node);
  if (method === null) return [];
  const targets: CallTarget[] = [];
  const namespaceMember = getNamespaceMember(sourceCode, node);
  if (namespaceMember) {
    targets.push({ specifier: namespaceMember.specifier, name: namespaceMember.name, member: null });
    // `const store = require('./store'); store.load()` where `module.exports = new Store()`
    if (namespaceMember.required) targets.push({ specifier: namespaceMember.specifier, name: 'default', member: { method, access: 'value' } });
    return targets;
  }
  const object = skipExpressionWrappers(node.object);
  const imported = object.type === AST_NODE_TYPES.Identifier ? getImportedBinding(sourceCode, object) : null;
  if (imported) return [{ ...imported, member: { method, access: 'value' } }];
  const receiver = getReceiverClassImport(sourceCode, node);
  return receiver ? [{ ...receiver.ref, member: { method, access: receiver.isStatic ? 'value' : 'instance' } }] : [];
}

/** Per linted file and matcher: `file + export` → the search's answer. */
const searchesForLint = createFileCache<ChainMatcher<unknown>, Map<string, CallChain<unknown> | null>>();

function searchesOf(sourceCode: SourceCode, matcher: ChainMatcher<unknown>): Map<string, CallChain<unknown> | null> {
  const byMatcher = searchesForLint(sourceCode);
  let searches = byMatcher.get(matcher);
  if (!searches) {
    searches = new Map();
    byMatcher.set(matcher, searches);
  }
  return searches;
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
      const facts = readProjectFile(this.sourceCode, filePath, CALL_FACTS);
      if (!facts) return null;
      const key = facts.exports.get(name);
      if (key !== undefined) return this.fromFunction(filePath, facts, key);
      return this.throughReexports(filePath, facts, name, (next, nextName) => this.fromExport(next, nextName));
    });
  }

  /**
   * The method `method` reached from the export `name` of `filePath` (through re-exports): of the export itself
   * (`value`: an exported instance's method, an exported class's static method) or of an instance of the exported
   * class (`instance`), own or inherited from a class of that file.
   */
  fromExportMember(filePath: string, name: string, method: string, access: MemberAccess): CallChain<Match> | null {
    return this.walk.enterOnce(`member\0${filePath}\0${name}\0${access}\0${method}`, null, () => {
      if (!this.mayReach(filePath)) return null;
      const facts = readProjectFile(this.sourceCode, filePath, CALL_FACTS);
      if (!facts) return null;
      const exported = facts.members.get(name);
      if (exported) {
        if (access === 'instance' && exported.instance) return null; // an instance of an instance: not a class
        const key = facts.methods.get(methodKey(exported.className, method, access === 'instance' || exported.instance));
        return key === undefined ? null : this.fromFunction(filePath, facts, key);
      }
      return this.throughReexports(filePath, facts, name, (next, nextName) => this.fromExportMember(next, nextName, method, access));
    });
  }

  /** The answer for the export `name` where `filePath` re-exports it from another module (named, or `export *`). */
  private throughReexports(
    filePath: string,
    facts: CallFacts,
    name: string,
    from: (next: string, name: string) => CallChain<Match> | null,
  ): CallChain<Match> | null {
    const directory = path.dirname(filePath);
    const named = facts.reexportNamed.get(name);
    if (named) {
      const next = resolveSpecifierCached(this.sourceCode, directory, named.specifier);
      return next ? from(next, named.name) : null;
    }
    if (name === 'default') return null;
    for (const star of facts.reexportAll) {
      const next = resolveSpecifierCached(this.sourceCode, directory, star);
      const found = next ? from(next, name) : null;
      if (found) return found;
    }
    return null;
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
    const inner = exportName === null ? null : this.fromExport(next, exportName);
    if (inner) return { names: [`${exportName}()`, ...inner.names], match: inner.match };
    // `hasher.hash()` on an imported instance, `Hasher.load()` on an imported class, `require('./hasher').hasher.hash()`,
    // and `store.load()` on a required module that is an instance (`module.exports = new Store()`)
    const member = memberOfModuleCall(call);
    const viaMember = member ? this.fromExportMember(next, member.name, member.method, 'value') : null;
    return viaMember && member ? { names: [`${member.method}()`, ...viaMember.names], match: viaMember.match } : null;
  }

  /** The file (or a project file it imports, a few levels deep) says a name the matcher looks for. */
  private mayReach(filePath: string): boolean {
    const known = this.reach.get(filePath);
    if (known !== undefined) return known;
    const result = this.reachWalk.enter(filePath, false, () => {
      const matches = readProjectFile(this.sourceCode, filePath, textMatch(this.matcher.textPattern));
      if (matches === null) return false;
      if (matches) return true;
      const directory = path.dirname(filePath);
      return (readProjectFile(this.sourceCode, filePath, PROJECT_SPECIFIERS) ?? []).some((specifier) => {
        const next = resolveSpecifierCached(this.sourceCode, directory, specifier);
        return next !== null && this.mayReach(next);
      });
    });
    // a file met again on its own import cycle answered "no" for now: only final answers are kept
    if (result || this.reachWalk.depth === 0) this.reach.set(filePath, result);
    return result;
  }
}

/** The export and method a call of a module's member names (`x.m()` for an export `x`, `mod.x.m()` and `mod.m()` for a whole module). */
function memberOfModuleCall(call: ModuleCall): { name: string; method: string } | null {
  const [first, second] = call.path;
  if (call.name !== 'default') return call.path.length === 1 && first !== undefined ? { name: call.name, method: first } : null;
  if (call.path.length === 2 && first !== undefined && second !== undefined) return { name: first, method: second };
  return call.path.length === 1 && first !== undefined ? { name: 'default', method: first } : null;
}

function nameOf(fn: FunctionCalls | undefined): string {
  return fn?.name ?? 'call';
}

// ---------------------------------------------------------------------------------------------------------------
// What is read from another file (once per run, from the shared reading of `projectFiles.ts`)

/** What the functions of the file call (`callFacts.ts`). */
const CALL_FACTS: FileReading<CallFacts | null> = {
  keepsTree: false,
  read: (content, sourceCode) => readSyntax(content, getFileParser(sourceCode), readCallFactsWithTypeScript, readCallFactsFromTree),
};

/** For the text filter: whether the text matches a matcher's pattern (one reading per pattern). */
const textMatches = new Map<string, FileReading<boolean>>();

function textMatch(pattern: RegExp): FileReading<boolean> {
  const key = `${pattern.source}\0${pattern.flags}`;
  let reading = textMatches.get(key);
  if (!reading) {
    reading = { keepsTree: false, read: (content) => pattern.test(content.text) };
    textMatches.set(key, reading);
  }
  return reading;
}

const SPECIFIERS = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"\n]+)['"]/g;

/** For the text filter: specifiers of imports and `require`s that may be the project's own (relative, `#` subpaths, or aliases). */
const PROJECT_SPECIFIERS: FileReading<readonly string[]> = {
  keepsTree: false,
  read: (content) => [...content.text.matchAll(SPECIFIERS)].map((match) => detachedCopy(match[1] as string)).filter((specifier) => !specifier.startsWith('node:')),
};
