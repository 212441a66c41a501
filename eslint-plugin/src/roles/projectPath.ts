import * as path from 'node:path';

import type { AnyRuleContext } from '../core/ruleContext';

/**
 * The linted file's path inside the project, with `/` separators: relative to ESLint's working directory
 * (the project root for the CLI, the workspace folder in the editor). Folder conventions such as `test/`
 * or `bin/` are read from this path only, never from the folders above the project: a checkout under
 * `~/test/` is not test code. A file outside the working directory keeps its name alone.
 */
export function projectRelativePath(context: AnyRuleContext): string {
  const file = path.resolve(context.cwd, context.physicalFilename);
  const relative = path.relative(context.cwd, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return path.basename(file);
  return relative.split(path.sep).join('/');
}
