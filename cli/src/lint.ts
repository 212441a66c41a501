import * as fs from 'node:fs';
import * as path from 'node:path';

import { ESLint } from 'eslint';

import { buildLoopguardConfig } from './config';
import { displayPath } from './display';
import { EXIT_FATAL, EXIT_LINT_ERRORS, EXIT_OK } from './exitCodes';
import { describeSkipReason, readLintableFile } from './fileChecks';
import { listFiles } from './files';
import { loadFormatter } from './formatter';
import { readGitignorePatterns } from './gitignore';
import { FileLinter } from './lintFile';
import { type CliOptions, UsageError } from './options';

/** Lints the files the options name and returns the exit code. */
export async function lint(options: CliOptions, workingDirectory: string): Promise<number> {
  const say = (line: string): void => {
    process.stderr.write(`loopguard: ${line}\n`);
  };
  // ESLint lints only below its cwd: widen it to the given paths' common folder when they lie outside.
  const cwd = commonBaseDirectory(workingDirectory, options.paths.map((given) => path.resolve(workingDirectory, given)));
  const ignores = readGitignorePatterns(path.join(cwd, '.gitignore'), cwd);
  const engine = (types: boolean): ESLint =>
    new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: buildLoopguardConfig({ strict: options.strict, types, cwd, ignores }),
      fix: options.fix,
      errorOnUnmatchedPattern: false,
    });
  const syntactic = engine(false);
  let formatter: ESLint.LoadedFormatter;
  try {
    formatter = await loadFormatter(syntactic, options.format);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(error.message);
    return EXIT_FATAL;
  }

  const listing = await listFiles(workingDirectory, options.paths, (file) => syntactic.isPathIgnored(file));
  for (const problem of listing.problems) say(`${problem.path}: ${problem.message}`);
  if (listing.files.length === 0 && listing.problems.length === 0) {
    say(`no JavaScript or TypeScript file to lint in ${options.paths.join(', ')} (.gitignore and node_modules are skipped)`);
    return EXIT_FATAL;
  }

  const linter = new FileLinter(syntactic, options.types ? engine(true) : null, workingDirectory, say);
  const results: ESLint.LintResult[] = [];
  for (const file of listing.files) {
    const read = readLintableFile(file, options.maxFileSize);
    if ('skip' in read) {
      say(`${displayPath(workingDirectory, file)}: ${describeSkipReason(read.skip)}`);
      continue;
    }
    results.push(...(await linter.lint(file, read.text)));
  }
  linter.reportOutsideProjects();
  if (options.fix) await ESLint.outputFixes(results);

  const cleaned = results.map(withoutUnknownRuleDirectives);
  const output = await formatter.format(cleaned);
  if (options.outputFile) {
    fs.mkdirSync(path.dirname(path.resolve(cwd, options.outputFile)), { recursive: true });
    fs.writeFileSync(path.resolve(cwd, options.outputFile), output);
  } else if (output) {
    process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  }

  const errors = cleaned.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = cleaned.reduce((sum, result) => sum + result.warningCount, 0);
  if (listing.problems.length > 0) return EXIT_FATAL;
  if (errors > 0) return EXIT_LINT_ERRORS;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    say(`${warnings} warnings exceed --max-warnings ${options.maxWarnings}`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
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
