import * as fs from 'node:fs';
import * as path from 'node:path';

import type { AnyRuleContext } from '../core/ruleContext';

/**
 * The linted file's path inside its package, with `/` separators: relative to the nearest folder above it
 * that holds a `package.json` (or, without one, to ESLint's working directory). Folder conventions such as
 * `test/` or `bin/` are read from this path only, never from the folders above the package: a checkout
 * under `~/test/` is not test code, and in a monorepo each package's own `test/` counts. A file outside
 * both keeps its name alone.
 */
export function projectRelativePath(context: AnyRuleContext): string {
  const file = path.resolve(context.cwd, context.physicalFilename);
  const root = packageRootOf(path.dirname(file)) ?? context.cwd;
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return path.basename(file);
  return relative.split(path.sep).join('/');
}

/** Folder → its nearest folder with a `package.json` (itself or an ancestor), or null. Folders repeat across files. */
const packageRoots = new Map<string, string | null>();
const MAX_REMEMBERED_FOLDERS = 10_000;

function packageRootOf(folder: string): string | null {
  const known = packageRoots.get(folder);
  if (known !== undefined) return known;
  let root: string | null;
  if (fs.statSync(path.join(folder, 'package.json'), { throwIfNoEntry: false })?.isFile()) root = folder;
  else {
    const parent = path.dirname(folder);
    root = parent === folder ? null : packageRootOf(parent);
  }
  if (packageRoots.size >= MAX_REMEMBERED_FOLDERS) packageRoots.clear();
  packageRoots.set(folder, root);
  return root;
}
