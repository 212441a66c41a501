import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

/**
 * The nearest `tsconfig.json` at or above `start`, and whether TypeScript can read it. A broken one is
 * reported once, in one line, so `--types` users know why type information may be missing.
 */
export function findTsconfigProblem(start: string): string | null {
  for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'tsconfig.json');
    if (fs.existsSync(candidate)) return readProblem(candidate);
    if (path.dirname(directory) === directory) return null;
  }
}

function readProblem(tsconfigPath: string): string | null {
  const read = ts.readConfigFile(tsconfigPath, (file) => fs.readFileSync(file, 'utf8'));
  if (!read.error) return null;
  const message = ts.flattenDiagnosticMessageText(read.error.messageText, ' ');
  return `${tsconfigPath}: cannot be read (${message}); files it covers are linted without type information where TypeScript cannot recover`;
}
