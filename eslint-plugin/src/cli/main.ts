#!/usr/bin/env node
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ESLint } from 'eslint';

import { buildLoopguardConfig } from './config';
import { describeSkipReason, readLintableFile } from './fileChecks';
import { listFiles } from './files';
import { readGitignorePatterns } from './gitignore';
import { findTsconfigProblem } from './tsconfigCheck';
import { parseCliOptions, type CliOptions, UsageError, USAGE } from './options';

const EXIT_OK = 0;
const EXIT_LINT_ERRORS = 1;
const EXIT_FATAL = 2;

/** Runs the zero-config CLI and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`loopguard: ${error.message}\n\n${USAGE}\n`);
      return EXIT_FATAL;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    process.stdout.write(`${(require('../../package.json') as { version: string }).version}\n`);
    return EXIT_OK;
  }
  try {
    return await lint(options, cwd);
  } catch (error) {
    process.stderr.write(`loopguard: ${oneLine(error)}\n`);
    return EXIT_FATAL;
  }
}

async function lint(options: CliOptions, workingDirectory: string): Promise<number> {
  // ESLint lints only below its cwd: widen it to the given paths' common folder when they lie outside.
  const cwd = commonBaseDirectory(workingDirectory, options.paths.map((given) => path.resolve(workingDirectory, given)));
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: buildLoopguardConfig({
      strict: options.strict,
      types: options.types,
      cwd,
      ignores: readGitignorePatterns(path.join(cwd, '.gitignore'), cwd),
    }),
    fix: options.fix,
    errorOnUnmatchedPattern: false,
  });

  if (options.types) {
    const problems = new Set(options.paths.map((given) => findTsconfigProblem(path.resolve(workingDirectory, given))));
    for (const problem of problems) if (problem) process.stderr.write(`loopguard: ${problem}\n`);
  }
  const listing = await listFiles(workingDirectory, options.paths, (file) => eslint.isPathIgnored(file));
  let fatal = false;
  for (const problem of listing.problems) {
    process.stderr.write(`loopguard: ${problem.path}: ${problem.message}\n`);
    fatal = true;
  }

  const results: ESLint.LintResult[] = [];
  for (const file of listing.files) {
    const read = readLintableFile(file, options.maxFileSize);
    if ('skip' in read) {
      process.stderr.write(`loopguard: ${displayPath(workingDirectory, file)}: ${describeSkipReason(read.skip)}\n`);
      continue;
    }
    results.push(...(await lintOne(eslint, file, read.text)));
  }
  if (options.fix) await ESLint.outputFixes(results);

  const cleaned = results.map(withoutUnknownRuleDirectives);
  const formatter = await eslint.loadFormatter(options.format);
  const output = await formatter.format(cleaned);
  if (options.outputFile) {
    fs.mkdirSync(path.dirname(path.resolve(cwd, options.outputFile)), { recursive: true });
    fs.writeFileSync(path.resolve(cwd, options.outputFile), output);
  } else if (output) {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }

  const errors = cleaned.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = cleaned.reduce((sum, result) => sum + result.warningCount, 0);
  if (listing.files.length === 0 && listing.problems.length === 0) {
    process.stderr.write('loopguard: no JavaScript or TypeScript files to lint\n');
  }
  if (fatal) return EXIT_FATAL;
  if (errors > 0) return EXIT_LINT_ERRORS;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    process.stderr.write(`loopguard: ${warnings} warnings exceed --max-warnings ${options.maxWarnings}\n`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}

/**
 * Lints one file's text. A crash inside the parser or a rule becomes a fatal message for that file
 * (with the file named), so one bad file never stops the run.
 */
async function lintOne(eslint: ESLint, file: string, text: string): Promise<ESLint.LintResult[]> {
  try {
    return await eslint.lintText(text, { filePath: file });
  } catch (error) {
    return [
      {
        filePath: file,
        messages: [{ ruleId: null, fatal: true, severity: 2, message: `Loopguard could not lint this file: ${oneLine(error)}`, line: 1, column: 1 }],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
  }
}

/**
 * The zero-config run loads only Loopguard, so `eslint-disable` comments that name the project's other
 * plugins' rules would be reported as unknown rules: they are the project's business, not ours.
 */
function withoutUnknownRuleDirectives(result: ESLint.LintResult): ESLint.LintResult {
  const unknown = result.messages.filter((message) => /^Definition for rule '.+' was not found\.$/.test(message.message));
  if (unknown.length === 0) return result;
  const messages = result.messages.filter((message) => !unknown.includes(message));
  return {
    ...result,
    messages,
    errorCount: messages.filter((message) => message.severity === 2).length,
    warningCount: messages.filter((message) => message.severity === 1).length,
    fatalErrorCount: messages.filter((message) => message.fatal === true).length,
  };
}

function displayPath(workingDirectory: string, file: string): string {
  const relative = path.relative(workingDirectory, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function commonBaseDirectory(workingDirectory: string, targets: readonly string[]): string {
  const isInside = (target: string): boolean => {
    const relative = path.relative(workingDirectory, target);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (targets.every(isInside)) return workingDirectory;
  let base = path.dirname(targets[0] ?? workingDirectory);
  for (const target of targets) {
    while (path.relative(base, target).startsWith('..')) base = path.dirname(base);
  }
  return base;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`loopguard: ${oneLine(error)}\n`);
      process.exitCode = EXIT_FATAL;
    },
  );
}
