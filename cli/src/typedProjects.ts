import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

/** The files typescript-eslint's project service looks for, nearest first, in each folder. */
const PROJECT_FILES = ['tsconfig.json', 'jsconfig.json'];

const CANNOT_READ_FILE = 5083;
const FILE_NOT_FOUND = 6053;
const CIRCULAR_EXTENDS = 18000;
const NO_INPUTS = 18003;

/**
 * For `--types`: which tsconfig.json (or jsconfig.json) the project service would use for a linted file,
 * and whether TypeScript can use it at all. A file with no usable project is linted without type
 * information; the reason is said once per project file, not once per linted file.
 */
export class TypedProjects {
  private readonly nearestByFolder = new Map<string, string | null>();
  private readonly problems = new Map<string, string | null>();

  /** The nearest project file at or above the file's folder, or null. */
  projectFileOf(file: string): string | null {
    const visited: string[] = [];
    let found: string | null = null;
    for (let folder = path.dirname(path.resolve(file)); ; folder = path.dirname(folder)) {
      const known = this.nearestByFolder.get(folder);
      if (known !== undefined) {
        found = known;
        break;
      }
      visited.push(folder);
      const candidate = PROJECT_FILES.map((name) => path.join(folder, name)).find(isFile);
      if (candidate) {
        found = candidate;
        break;
      }
      if (path.dirname(folder) === folder) break;
    }
    for (const folder of visited) this.nearestByFolder.set(folder, found);
    return found;
  }

  /** Why TypeScript cannot use the project file (unreadable, broken `extends`, no input file), or null. */
  problemOf(projectFile: string): string | null {
    let problem = this.problems.get(projectFile);
    if (problem === undefined) {
      problem = readProblem(projectFile);
      this.problems.set(projectFile, problem);
    }
    return problem;
  }
}

function readProblem(projectFile: string): string | null {
  let unrecoverable: ts.Diagnostic | undefined;
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      unrecoverable = diagnostic;
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(projectFile, undefined, host);
  if (!parsed || unrecoverable) return `cannot be read (${unrecoverable ? messageOf(unrecoverable) : 'unknown error'})`;
  const syntax = parsed.errors.find((error) => error.file?.fileName === projectFile && error.code < 2000);
  if (syntax) return `is not valid JSON (${messageOf(syntax)})`;
  const brokenExtends = parsed.errors.find((error) => error.code === CIRCULAR_EXTENDS || error.code === CANNOT_READ_FILE || error.code === FILE_NOT_FOUND);
  if (brokenExtends) return `has a broken "extends" (${messageOf(brokenExtends)})`;
  const noInputs = parsed.errors.some((error) => error.code === NO_INPUTS);
  if ((noInputs || parsed.fileNames.length === 0) && !parsed.projectReferences?.length) return 'includes no file';
  return null;
}

function messageOf(diagnostic: ts.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}
