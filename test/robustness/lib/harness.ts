import * as path from 'node:path';

import { clearCaches } from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import type { NewDiagnostic } from './typeCheck';

/**
 * Runs a plugin's rules over a text the way the robustness checks need: a rule that throws is recorded
 * (with its id) and the others still run; then every fix and every suggestion is applied alone and the
 * result parsed again (and, when a type checker is given, type-checked against the original's diagnostics).
 */

export interface PluginLike {
  rules: Record<string, { meta?: { fixable?: string; hasSuggestions?: boolean; docs?: { requiresTypeChecking?: boolean } } }>;
}

export interface HarnessOptions {
  plugin: PluginLike;
  /** Namespace the rules are registered under, e.g. `loopguard`. */
  namespace: string;
  /** Folder the file names are relative to (the Linter's `cwd`); also `tsconfigRootDir` when typed. */
  rootDir: string;
  /** Lint with `projectService` type information (the file must belong to a tsconfig under rootDir). */
  typed: boolean;
  /** Rule ids to run (default: every rule of the plugin). */
  ruleIds?: string[];
  /**
   * `espree`: ESLint's default parser, as a JavaScript project without typescript-eslint lints (no parser services,
   * and none of the fields TypeScript's syntax adds, such as a class's `implements`). Default: typescript-eslint's.
   */
  parser?: 'typescript-eslint' | 'espree';
}

export interface Crash {
  file: string;
  ruleId: string;
  message: string;
  line?: number;
}

export interface BrokenFix {
  file: string;
  ruleId: string;
  kind: 'fix' | 'suggestion';
  messageId?: string;
  description: string;
  parseError: string;
  /** A few lines around the edit, after it was applied. */
  excerpt: string;
}

/** A fix or suggestion whose result parses but has type errors the original text did not have. */
export interface IllTypedFix {
  file: string;
  ruleId: string;
  kind: 'fix' | 'suggestion';
  messageId?: string;
  description: string;
  diagnostics: NewDiagnostic[];
}

/** Tells which diagnostics an edited text of a project file has that its original did not. */
export interface FixTypeChecker {
  newDiagnostics(fileName: string, original: string, edited: string): NewDiagnostic[];
}

export interface FileCheck {
  /** Whether the text parsed at all (a mutated text often does not; no rule runs then). */
  parsed: boolean;
  crashes: Crash[];
  /** Errors thrown outside any rule (parser, ESLint itself), kept apart from rule crashes. */
  otherErrors: string[];
  findings: Record<string, number>;
  fixesChecked: number;
  suggestionsChecked: number;
  brokenFixes: BrokenFix[];
  /** Fixes and suggestions whose result was type-checked (only when a type checker was given). */
  typeCheckedEdits: number;
  illTypedFixes: IllTypedFix[];
}

const FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
/** ESLint 10 reports `eslint-disable` comments naming rules of plugins that are not loaded; not findings. */
const MISSING_RULE = /^Definition for rule '.+' was not found\.$/;

export class RobustnessHarness {
  private readonly linter: Linter;

  constructor(private readonly options: HarnessOptions) {
    this.linter = new Linter({ configType: 'flat', cwd: options.rootDir });
  }

  /** Every rule id the harness runs, without namespace. */
  get ruleIds(): string[] {
    return this.options.ruleIds ?? Object.keys(this.options.plugin.rules);
  }

  /**
   * Lints `text` as `fileName` (relative to rootDir) and checks that every fix and suggestion parses;
   * with `typeChecker`, also that it adds no type error to the file.
   */
  check(text: string, fileName: string, sourceType: 'module' | 'commonjs' = 'module', typeChecker?: FixTypeChecker): FileCheck {
    const filename = path.join(this.options.rootDir, fileName);
    const result: FileCheck = {
      parsed: true,
      crashes: [],
      otherErrors: [],
      findings: {},
      fixesChecked: 0,
      suggestionsChecked: 0,
      brokenFixes: [],
      typeCheckedEdits: 0,
      illTypedFixes: [],
    };
    let remaining = [...this.ruleIds];
    let messages: Linter.LintMessage[] = [];
    // A throwing rule aborts the whole verify: record it, drop it, and lint again with the rest.
    while (true) {
      try {
        messages = this.linter.verify(text, this.config(remaining, this.options.typed, sourceType), filename);
        break;
      } catch (error) {
        const err = error as Error & { ruleId?: string; currentNode?: { loc?: { start: { line: number } } } };
        const ruleId = err.ruleId?.replace(`${this.options.namespace}/`, '');
        if (!ruleId || !remaining.includes(ruleId)) {
          result.otherErrors.push(firstLine(err.message));
          return result;
        }
        result.crashes.push({ file: fileName, ruleId, message: firstLine(err.message), line: err.currentNode?.loc?.start.line });
        remaining = remaining.filter((id) => id !== ruleId);
      }
    }
    const fatal = messages.find((message) => message.fatal);
    if (fatal) {
      // A text nested deeper than the stack overflows TypeScript while the project service updates the file, and
      // every later typed parse of that file (and sometimes of others) fails until the service is dropped.
      if (this.options.typed && /Maximum call stack size exceeded/.test(fatal.message)) clearCaches();
      result.parsed = false;
      return result;
    }
    for (const message of messages) {
      if (MISSING_RULE.test(message.message)) continue;
      const ruleId = message.ruleId?.replace(`${this.options.namespace}/`, '') ?? '(none)';
      result.findings[ruleId] = (result.findings[ruleId] ?? 0) + 1;
      if (message.fix) {
        result.fixesChecked += 1;
        const edit = { ruleId, kind: 'fix' as const, messageId: message.messageId, description: message.message };
        this.checkEdit(text, message.fix, fileName, sourceType, edit, result, typeChecker);
      }
      for (const suggestion of message.suggestions ?? []) {
        result.suggestionsChecked += 1;
        const edit = { ruleId, kind: 'suggestion' as const, messageId: suggestion.messageId, description: suggestion.desc };
        this.checkEdit(text, suggestion.fix, fileName, sourceType, edit, result, typeChecker);
      }
    }
    return result;
  }

  private checkEdit(
    text: string,
    fix: { range: [number, number]; text: string },
    fileName: string,
    sourceType: 'module' | 'commonjs',
    edit: { ruleId: string; kind: 'fix' | 'suggestion'; messageId?: string; description: string },
    result: FileCheck,
    typeChecker: FixTypeChecker | undefined,
  ): void {
    // ESLint lints the text without its byte order mark, so its ranges count from after it (and so does its own fixer).
    const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
    const linted = text.slice(bom.length);
    const fixed = bom + linted.slice(0, fix.range[0]) + fix.text + linted.slice(fix.range[1]);
    const parseError = this.parseError(fixed, fileName, sourceType);
    if (parseError !== null) {
      result.brokenFixes.push({ file: fileName, ...edit, parseError, excerpt: excerptAround(fixed, bom.length + fix.range[0], fix.text.length) });
      return;
    }
    if (typeChecker === undefined) return;
    result.typeCheckedEdits += 1;
    const diagnostics = typeChecker.newDiagnostics(path.join(this.options.rootDir, fileName), text, fixed);
    if (diagnostics.length > 0) result.illTypedFixes.push({ file: fileName, ...edit, diagnostics });
  }

  /** The parser's message when `text` does not parse, else null (syntax only, no rules, no types). */
  parseError(text: string, fileName: string, sourceType: 'module' | 'commonjs' = 'module'): string | null {
    const messages = this.linter.verify(text, this.config([], false, sourceType), path.join(this.options.rootDir, fileName));
    const fatal = messages.find((message) => message.fatal);
    return fatal ? `${fatal.line}:${fatal.column} ${fatal.message}` : null;
  }

  private config(ruleIds: string[], typed: boolean, sourceType: 'module' | 'commonjs'): Linter.Config[] {
    const parserOptions = typed ? { projectService: true, tsconfigRootDir: this.options.rootDir } : {};
    return [
      {
        files: FILES,
        languageOptions: {
          // no `parser`: ESLint's own (espree)
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          ...(this.options.parser === 'espree' ? {} : { parser: require('@typescript-eslint/parser') as Linter.Parser }),
          ecmaVersion: 'latest',
          sourceType,
          parserOptions,
        },
        linterOptions: { reportUnusedDisableDirectives: 'off' },
        plugins: { [this.options.namespace]: this.options.plugin as never },
        rules: Object.fromEntries(ruleIds.map((id) => [`${this.options.namespace}/${id}`, 'error'])),
      },
    ];
  }
}

/** A readable report of a fix or suggestion that adds type errors: where, what, and the text around each. */
export function formatIllTypedFix(fix: IllTypedFix): string {
  const header = `${fix.ruleId} ${fix.kind}${fix.messageId ? ` (${fix.messageId})` : ''} "${fix.description}" on ${fix.file}:`;
  const diagnostics = fix.diagnostics.map((diagnostic) => {
    const at = diagnostic.line === undefined ? '' : ` at ${diagnostic.line}:${diagnostic.column}`;
    return `  TS${diagnostic.code}${at}: ${diagnostic.message}\n${diagnostic.excerpt}`;
  });
  return [header, ...diagnostics].join('\n');
}

function firstLine(message: string): string {
  return message.split('\n').slice(0, 3).join(' | ');
}

function excerptAround(text: string, offset: number, length: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1));
  const lineBefore = text.lastIndexOf('\n', Math.max(0, start - 1));
  let end = offset + length;
  for (let i = 0; i < 2 && end !== -1; i++) end = text.indexOf('\n', end + 1);
  return text.slice(lineBefore + 1, end === -1 ? undefined : end).slice(0, 600);
}
