import * as fs from 'node:fs';
import * as path from 'node:path';

import { isLintablePath } from './fileChecks';

export interface FileListing {
  readonly files: string[];
  /** Problems with the given paths themselves: not found, not a JS/TS file. */
  readonly problems: { path: string; message: string }[];
}

const ALWAYS_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/**
 * Expands the command line's paths into JS/TS files. `isIgnored` is ESLint's own ignore check (which
 * includes the project's .gitignore patterns); folders are walked without following symbolic links.
 */
export async function listFiles(
  workingDirectory: string,
  paths: readonly string[],
  isIgnored: (file: string) => Promise<boolean>,
): Promise<FileListing> {
  const files: string[] = [];
  const problems: { path: string; message: string }[] = [];
  for (const given of paths) {
    const absolute = path.resolve(workingDirectory, given);
    let stats: fs.Stats;
    try {
      stats = fs.statSync(absolute);
    } catch {
      problems.push({ path: given, message: 'no such file or folder' });
      continue;
    }
    if (stats.isFile()) {
      if (!isLintablePath(absolute)) problems.push({ path: given, message: 'not a JavaScript or TypeScript file' });
      else files.push(absolute);
      continue;
    }
    for (const file of walk(absolute)) {
      if (!(await isIgnored(file))) files.push(file);
    }
  }
  return { files: [...new Set(files)].sort(), problems };
}

/** The lintable files under `root`, folders without symbolic links (a queue of folders, not recursion: trees can be deep). */
function* walk(root: string): Generator<string> {
  const directories = [root];
  while (directories.length > 0) {
    const directory = directories.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRECTORIES.has(entry.name)) directories.push(full);
      } else if (entry.isFile() && isLintablePath(full)) {
        yield full;
      }
    }
  }
}
