import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import type { LintMode } from '../shared/customMessages';
import type { RuleSetting } from '../shared/settings';
import { RULE_PREFIX, loopguardPlugin } from './plugin';
import { guardExit } from './processGuard';
import { severityOf } from './settings';

export interface LintInput {
  text: string;
  /** Absolute path of the file (real, or virtual for untitled documents). */
  filePath: string;
  /**
   * The project root the file is linted from (ESLint's `cwd`): its workspace folder. The rules read
   * folder conventions (`test/`, `bin/`) from the path below it, so a checkout under `~/test/` is not
   * test code. Without one (a file outside every folder) it is the root of the file system.
   */
  cwd?: string;
  /** Rule id (without prefix) → entry. */
  rules: Record<string, RuleSetting>;
  /** Set to lint with type information through typescript-eslint's project service. */
  typeAware?: { tsconfigRootDir: string };
  /** Only this rule (without prefix) may report or fix. */
  onlyRule?: string;
  /** Also build the task inspector's async outline, in the same pass as the rules. */
  outlineCollector?: OutlineCollector;
}

/** The outline rule to run beside the rules (see `outline.ts`); it reports nothing. */
export interface OutlineCollector {
  readonly rule: object;
}

const OUTLINE_PLUGIN = 'loopguard-outline';
const OUTLINE_RULE = `${OUTLINE_PLUGIN}/collect`;

export interface ParseError {
  message: string;
  line: number;
  column: number;
}

export interface LintResult {
  /** Problems of loopguard rules, in ESLint's order. */
  messages: Linter.LintMessage[];
  parseError?: ParseError;
  /** The mode really used (type-aware falls back to syntactic per file when needed). */
  mode: LintMode;
  /** Why type-aware mode was requested but not used. */
  typeAwareFallback?: string;
  /** Rules that threw; they were switched off for this run and the others still ran. */
  ruleErrors: Array<{ ruleId: string; message: string }>;
  /** Rule options that failed their schema; the rule ran with its default options. */
  invalidOptions: Array<{ ruleId: string; message: string }>;
  /** The file is outside what ESLint lints (for example inside node_modules). */
  ignored: boolean;
}

export interface FixResult extends LintResult {
  /** The text with every applicable fix applied (equal to the input when nothing was fixed). */
  output: string;
}

const MAX_LINTERS = 8;

/** Files must lie under the Linter's cwd for a config to match them: the folder given if the file is inside it, else the root. */
function workingDirectoryOf(input: LintInput): string {
  const root = path.parse(input.filePath).root || path.sep;
  if (input.cwd === undefined) return root;
  const relative = path.relative(input.cwd, input.filePath);
  return relative.startsWith('..') || path.isAbsolute(relative) ? root : input.cwd;
}

const LINTED_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const MAX_RULE_ERRORS_PER_RUN = 5;

/**
 * Runs the bundled loopguard rules through ESLint's `Linter` with `@typescript-eslint/parser`.
 * Never throws for bad input: parse errors, rule errors, invalid options and `process.exit`
 * calls are turned into fields of the result.
 */
export class LintEngine {
  /** `plugin` is the bundled eslint-plugin-loopguard; tests pass their own. */
  constructor(private readonly plugin: object = loopguardPlugin) {}

  /** One Linter per working directory, the most recently used last. */
  private readonly linters = new Map<string, Linter>();
  private readonly validatedOptions = new Map<string, string | undefined>();
  /** Working directories whose Linter holds the `SourceCode` of its last file (see {@link releaseLastFile}). */
  private readonly holding = new Set<string>();

  lint(input: LintInput): LintResult {
    const result = this.run(input, (linter, config, options) => ({
      messages: linter.verify(input.text, config, options),
      output: input.text,
    }));
    const { output: _ignored, ...rest } = result;
    return rest;
  }

  fix(input: LintInput): FixResult {
    return this.run(input, (linter, config, options) => {
      const fixed = linter.verifyAndFix(input.text, config, options);
      return { messages: fixed.messages, output: fixed.output };
    });
  }

  /**
   * Lets the last linted file's syntax tree be collected. ESLint's `Linter` keeps the `SourceCode` of
   * its last run, and the rules' per-file caches keep their facts until another file starts, so the
   * tree of a 1 MB file (about 180 MB) stayed alive until the next lint, which then needed room for
   * two trees. Linting an empty text with one rule on replaces both. Cheap (about a millisecond);
   * call it after the result has been handed on.
   */
  releaseLastFile(): void {
    const firstRule = Object.keys((this.plugin as { rules?: object }).rules ?? {})[0];
    for (const root of this.holding) {
      const linter = this.linters.get(root);
      if (!linter) continue;
      const config: Linter.Config[] = [{
        files: ['**/*.js'],
        plugins: { loopguard: this.plugin as NonNullable<Linter.Config['plugins']>[string] },
        rules: firstRule === undefined ? {} : { [RULE_PREFIX + firstRule]: 'warn' },
      }];
      try {
        guardExit(() => linter.verify('', config, { filename: path.join(root, '__loopguard_release__.js') }));
      } catch {
        // Nothing to release then.
      }
    }
    this.holding.clear();
  }

  private run(
    input: LintInput,
    verify: (linter: Linter, config: Linter.Config[], options: Linter.LintOptions & Linter.FixOptions) => { messages: Linter.LintMessage[]; output: string },
  ): FixResult {
    const cwd = workingDirectoryOf(input);
    const linter = this.linterFor(cwd);
    const invalidOptions: LintResult['invalidOptions'] = [];
    const rules = this.checkedRules(linter, input, invalidOptions);
    const ruleErrors: LintResult['ruleErrors'] = [];
    const excluded = new Set<string>();
    let typeAwareFallback: string | undefined;

    const attempt = (typed: boolean): FixResult => {
      for (;;) {
        const config = buildConfig(this.plugin, input, rules, typed);
        const options = {
          filename: input.filePath,
          ruleFilter: ({ ruleId }: { ruleId: string }) =>
            !excluded.has(ruleId) && (ruleId === OUTLINE_RULE || input.onlyRule === undefined || ruleId === RULE_PREFIX + input.onlyRule),
        };
        try {
          const { messages, output } = guardExit(() => verify(linter, config, options));
          return finish(messages, output, typed);
        } catch (error) {
          const ruleId = crashedRuleId(error);
          if (ruleId === undefined || excluded.has(ruleId) || excluded.size >= MAX_RULE_ERRORS_PER_RUN) {
            if (typed) throw error; // let the caller retry without types
            return {
              messages: [], output: input.text, mode: 'syntactic', ruleErrors: [...ruleErrors, { ruleId: ruleId ?? '(eslint)', message: errorMessage(error) }],
              invalidOptions, ignored: false, typeAwareFallback,
            };
          }
          excluded.add(ruleId);
          ruleErrors.push({ ruleId, message: errorMessage(error) });
        }
      }
    };

    const finish = (messages: Linter.LintMessage[], output: string, typed: boolean): FixResult => {
      const fatal = messages.find((m) => m.fatal === true);
      const ignored = messages.length === 1 && messages[0]!.ruleId === null && /^No matching configuration found/.test(messages[0]!.message);
      return {
        messages: messages.filter((m) => typeof m.ruleId === 'string' && m.ruleId.startsWith(RULE_PREFIX)),
        parseError: fatal ? { message: fatal.message, line: fatal.line, column: fatal.column } : undefined,
        output,
        mode: typed ? 'typeAware' : 'syntactic',
        typeAwareFallback,
        ruleErrors,
        invalidOptions,
        ignored,
      };
    };

    if (input.typeAware) {
      try {
        const typed = attempt(true);
        if (typed.parseError === undefined) return typed;
        typeAwareFallback = typed.parseError.message;
      } catch (error) {
        typeAwareFallback = errorMessage(error);
      }
      ruleErrors.length = 0;
      excluded.clear();
    }
    const syntactic = attempt(false);
    // A real syntax error fails both ways: report it as a parse error, not as a type-aware problem.
    if (syntactic.parseError !== undefined) syntactic.typeAwareFallback = undefined;
    return syntactic;
  }

  private linterFor(cwd: string): Linter {
    this.holding.add(cwd);
    let linter = this.linters.get(cwd);
    if (linter) {
      this.linters.delete(cwd);
    } else {
      linter = new Linter({ configType: 'flat', cwd });
      // One per workspace folder (and file system root); a folder removed long ago is dropped.
      if (this.linters.size >= MAX_LINTERS) this.linters.delete(this.linters.keys().next().value!);
    }
    this.linters.set(cwd, linter);
    return linter;
  }

  /** Entries whose options fail the rule's schema keep their severity and lose the options. */
  private checkedRules(linter: Linter, input: LintInput, invalid: LintResult['invalidOptions']): Record<string, RuleSetting> {
    const rules: Record<string, RuleSetting> = {};
    for (const [id, entry] of Object.entries(input.rules)) {
      if (!Array.isArray(entry) || entry.length < 2) {
        rules[id] = entry;
        continue;
      }
      const key = `${id}\u0000${safeStringify(entry)}`;
      if (!this.validatedOptions.has(key)) this.validatedOptions.set(key, validateEntry(this.plugin, linter, workingDirectoryOf(input), id, entry));
      const problem = this.validatedOptions.get(key);
      if (problem === undefined) {
        rules[id] = entry;
      } else {
        rules[id] = severityOf(entry);
        invalid.push({ ruleId: RULE_PREFIX + id, message: problem });
      }
    }
    return rules;
  }
}

function buildConfig(plugin: object, input: LintInput, rules: Record<string, RuleSetting>, typed: boolean): Linter.Config[] {
  const ext = path.extname(input.filePath).toLowerCase();
  const isTs = ext === '.ts' || ext === '.mts' || ext === '.cts' || ext === '.tsx';
  const parserOptions: Record<string, unknown> = {
    ecmaFeatures: { jsx: !isTs || ext === '.tsx' },
  };
  if (typed && input.typeAware) {
    parserOptions.projectService = true;
    parserOptions.tsconfigRootDir = input.typeAware.tsconfigRootDir;
    parserOptions.disallowAutomaticSingleRunInference = true;
  } else {
    // Without types no rule needs TypeScript's own syntax tree, and the maps between it and the ESTree keep it
    // alive for the whole lint (the export table of the file is then read from the ESTree): 15-20 MB off the
    // peak of a 1 MB file.
    parserOptions.preserveNodeMaps = false;
  }
  const eslintRules: Linter.RulesRecord = {};
  for (const [id, entry] of Object.entries(rules)) eslintRules[RULE_PREFIX + id] = entry as Linter.RuleEntry;
  const plugins: NonNullable<Linter.Config['plugins']> = { loopguard: plugin as NonNullable<Linter.Config['plugins']>[string] };
  if (input.outlineCollector) {
    plugins[OUTLINE_PLUGIN] = { rules: { collect: input.outlineCollector.rule as never } };
    eslintRules[OUTLINE_RULE] = 'warn';
  }
  return [
    {
      name: 'loopguard/language-server',
      files: LINTED_FILES,
      plugins,
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: ext === '.cjs' || ext === '.cts' ? 'commonjs' : 'module',
        parserOptions,
      },
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      rules: eslintRules,
    },
  ];
}

function validateEntry(plugin: object, linter: Linter, cwd: string, id: string, entry: RuleSetting): string | undefined {
  const probe = path.join(cwd, '__loopguard_options_check__.js');
  try {
    linter.verify('', [{ files: ['**/*.js'], plugins: { loopguard: plugin as never }, rules: { [RULE_PREFIX + id]: entry as Linter.RuleEntry } }], { filename: probe });
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** The rule that threw, from ESLint's `ruleId` on the error or its "while loading rule" message. */
export function crashedRuleId(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fromProperty = (error as { ruleId?: unknown }).ruleId;
  if (typeof fromProperty === 'string') return fromProperty;
  const message = errorMessage(error);
  const loading = /Error while loading rule '([^']+)'/.exec(message);
  return loading?.[1];
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
