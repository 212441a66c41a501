import type { ESLint } from 'eslint';

import { UsageError } from './options';

/**
 * Loads an ESLint formatter (a built-in name, a package such as `@microsoft/eslint-formatter-sarif`
 * installed in the project, or a file path) before anything is linted. A name that resolves to nothing
 * is a usage error in one line: ESLint's own message names the internal file it looked for.
 */
export async function loadFormatter(eslint: ESLint, name: string): Promise<ESLint.LoadedFormatter> {
  try {
    return await eslint.loadFormatter(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // "There was a problem loading formatter: <file>\nError: Cannot find module '<file>' …": nothing by that name.
    const tried = /^There was a problem loading formatter: (.+)$/m.exec(message)?.[1];
    const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
    if (tried !== undefined && missing !== undefined && (missing === tried || tried.includes(missing) || missing.includes(name))) {
      throw new UsageError(`unknown format "${name}": it is neither one of ESLint's formatters (stylish, json, …) nor a formatter installed in this project`);
    }
    const cause = message.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('There was a problem loading formatter'))[0] ?? message;
    throw new UsageError(`the formatter "${name}" failed to load: ${cause.trim()}`);
  }
}
