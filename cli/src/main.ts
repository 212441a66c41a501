#!/usr/bin/env node
import { firstLine } from './display';
import { EXIT_FATAL, EXIT_OK } from './exitCodes';
import { parseCliOptions, type CliOptions, UsageError, USAGE } from './options';
import { useOwnTypeScript } from './ownTypeScript';

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
    process.stdout.write(`${(require('../package.json') as { version: string }).version}\n`);
    return EXIT_OK;
  }
  try {
    // ESLint, the parser and TypeScript are loaded only to lint: `--help` needs none of them.
    useOwnTypeScript();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { lint } = require('./lint') as typeof import('./lint');
    return await lint(options, cwd);
  } catch (error) {
    process.stderr.write(`loopguard: ${firstLine(error)}\n`);
    return EXIT_FATAL;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`loopguard: ${firstLine(error)}\n`);
      process.exitCode = EXIT_FATAL;
    },
  );
}
