import * as fs from 'node:fs';
import * as path from 'node:path';

import type { AnyRuleContext } from '../core/ruleContext';

/**
 * The linted file's path inside its package, with `/` separators: relative to the nearest folder above it
 * that holds a `package.json`, looking no higher than ESLint's working directory (the project root for the
 * CLI, the workspace folder in the editor), which is the root when no package is found below it. Folder
 * conventions such as `test/` or `bin/` are read from this path only, never from the folders above the
 * project: a checkout under `~/test/` is not test code, and in a monorepo each package's own `test/` counts.
 * A file outside the working directory is placed by the nearest `package.json` above it, or keeps its name alone.
 */
export function projectRelativePath(context: AnyRuleContext): string {
  const key = `${context.cwd}\0${context.physicalFilename}`;
  let known = projectPaths.get(key);
  if (known === undefined) {
    known = computeProjectRelativePath(context);
    if (projectPaths.size >= MAX_REMEMBERED_FOLDERS) projectPaths.clear();
    projectPaths.set(key, known);
  }
  return known;
}

/**
 * Whether `matches` holds for the file's project path, where `matches` reads folder and file names
 * wherever they are in the path (a `test/` folder, a `*.test.ts` name): then a file whose whole path does
 * not match cannot match inside its package either, and most files are answered without looking for
 * their package.
 */
export function projectPathMatches(context: AnyRuleContext, matches: (relativePath: string) => boolean): boolean {
  return matches(context.physicalFilename.split(path.sep).join('/')) && matches(projectRelativePath(context));
}

/** cwd + file → the file's project path (files are asked about by several rules). */
const projectPaths = new Map<string, string>();

function computeProjectRelativePath(context: AnyRuleContext): string {
  const cwd = path.resolve(context.cwd);
  const file = path.resolve(cwd, context.physicalFilename);
  const insideCwd = isInside(file, cwd);
  const root = packageRootOf(path.dirname(file), insideCwd ? cwd : null) ?? (insideCwd ? cwd : null);
  if (root === null) return path.basename(file);
  return path.relative(root, file).split(path.sep).join('/');
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Folder → whether it holds a `package.json`. Folders repeat across files. */
const hasPackageJson = new Map<string, boolean>();
const MAX_REMEMBERED_FOLDERS = 10_000;

/** The nearest folder from `folder` upwards (stopping at `limit` when given) that holds a `package.json`. */
function packageRootOf(folder: string, limit: string | null): string | null {
  for (let current = folder; ; current = path.dirname(current)) {
    let known = hasPackageJson.get(current);
    if (known === undefined) {
      known = fs.statSync(path.join(current, 'package.json'), { throwIfNoEntry: false })?.isFile() === true;
      if (hasPackageJson.size >= MAX_REMEMBERED_FOLDERS) hasPackageJson.clear();
      hasPackageJson.set(current, known);
    }
    if (known) return current;
    if (current === limit || path.dirname(current) === current) return null;
  }
}
