import * as path from 'node:path';

import type { ESLint } from 'eslint';

import { displayPath, firstLine } from './display';
import { TypedProjects } from './typedProjects';

/** typescript-eslint's message for a file that no tsconfig.json takes in. */
const NOT_IN_PROJECT = /was not found by the project service|not included in/;

/** Writes one line to standard error (the CLI's only channel for remarks). */
export type Say = (line: string) => void;

/**
 * Lints files one by one, with type information where `--types` asked for it and a usable project
 * exists, and without it otherwise. Every reason for linting without types is said once: per project
 * file for a broken or empty one, once for files outside any project.
 */
export class FileLinter {
  private readonly projects = new TypedProjects();
  private readonly announced = new Set<string>();
  /** Project file (or '' for none) → files the project service did not take. */
  private readonly outsideProjects = new Map<string, { files: string[]; reason: string }>();

  constructor(
    private readonly syntactic: ESLint,
    private readonly typed: ESLint | null,
    private readonly workingDirectory: string,
    private readonly say: Say,
  ) {}

  async lint(file: string, text: string): Promise<ESLint.LintResult[]> {
    if (!this.typed || !this.canUseTypes(file)) return lintText(this.syntactic, file, text);
    const typed = await lintText(this.typed, file, text);
    const typedFatal = fatalMessage(typed);
    if (typedFatal === undefined) return typed;
    // A syntax error fails both ways and is reported as such; anything else was the typed setup's.
    const syntactic = await lintText(this.syntactic, file, text);
    if (fatalMessage(syntactic) === undefined) this.rememberOutsideProject(file, typedFatal);
    return syntactic;
  }

  /** Says which files the project service could not take, grouped by project file. Call once at the end. */
  reportOutsideProjects(): void {
    for (const [projectFile, { files, reason }] of this.outsideProjects) {
      const first = this.display(files[0] ?? '');
      const others = files.length > 1 ? ` and ${files.length - 1} other file${files.length > 2 ? 's' : ''}` : '';
      if (NOT_IN_PROJECT.test(reason)) {
        this.say(`${projectFile === '' ? 'no TypeScript project' : this.display(projectFile)} does not include ${first}${others}; linted without type information`);
      } else {
        this.say(`no type information for ${first}${others} (${reason}); linted without type information`);
      }
    }
  }

  private canUseTypes(file: string): boolean {
    const projectFile = this.projects.projectFileOf(file);
    if (projectFile === null) {
      this.sayOnce('no-project', `--types: no tsconfig.json or jsconfig.json at or above ${this.display(path.dirname(file))}; files without one are linted without type information`);
      return false;
    }
    const problem = this.projects.problemOf(projectFile);
    if (problem === null) return true;
    this.sayOnce(projectFile, `${this.display(projectFile)} ${problem}; the files it covers are linted without type information`);
    return false;
  }

  private rememberOutsideProject(file: string, reason: string): void {
    const key = this.projects.projectFileOf(file) ?? '';
    const entry = this.outsideProjects.get(key);
    if (entry) entry.files.push(file);
    else this.outsideProjects.set(key, { files: [file], reason: firstLine(reason).replace(/^Parsing error: /, '') });
  }

  private sayOnce(key: string, line: string): void {
    if (this.announced.has(key)) return;
    this.announced.add(key);
    this.say(line);
  }

  private display(file: string): string {
    return displayPath(this.workingDirectory, file);
  }
}

function fatalMessage(results: readonly ESLint.LintResult[]): string | undefined {
  for (const result of results) {
    const fatal = result.messages.find((message) => message.fatal === true);
    if (fatal) return fatal.message;
  }
  return undefined;
}

/**
 * Lints one file's text. A crash inside the parser or a rule becomes a fatal message for that file
 * (with the file named), so one bad file never stops the run.
 */
async function lintText(eslint: ESLint, file: string, text: string): Promise<ESLint.LintResult[]> {
  try {
    return await eslint.lintText(text, { filePath: file });
  } catch (error) {
    return [
      {
        filePath: file,
        messages: [{ ruleId: null, fatal: true, severity: 2, message: `Loopguard could not lint this file: ${firstLine(error)}`, line: 1, column: 1 }],
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
