import { parseArgs } from 'node:util';

import { DEFAULT_MAX_FILE_SIZE } from './fileChecks';
import { parseFileSize } from './fileSize';

export interface CliOptions {
  readonly paths: string[];
  readonly format: string;
  readonly fix: boolean;
  readonly strict: boolean;
  readonly types: boolean;
  readonly maxWarnings: number;
  readonly maxFileSize: number;
  readonly outputFile: string | null;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: loopguard [options] [paths...]

Lints JavaScript and TypeScript files for async mistakes with Loopguard's recommended rules.
No ESLint configuration is needed. Paths default to the current folder; .gitignore is honoured.

Options:
  --strict               Use all rules (configs.strict) instead of configs.recommended
  --types                Type-aware linting with the nearest tsconfig.json, through the CLI's own
                         TypeScript 6 (files without a usable tsconfig are linted without types)
  --fix                  Apply automatic fixes
  -f, --format <name>    ESLint formatter: stylish (default), json, @microsoft/eslint-formatter-sarif, …
  -o, --output-file <f>  Write the report to a file instead of standard output
  --max-warnings <n>     Exit with code 1 when there are more than n warnings
  --max-file-size <n>    Skip files larger than n bytes (default ${DEFAULT_MAX_FILE_SIZE}); accepts 500kb, 2mb
  -h, --help             Show this help
  -v, --version          Show the version

Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 bad usage, nothing to lint or a fatal error.`;

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        strict: { type: 'boolean', default: false },
        types: { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        'max-file-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: values.format ?? 'stylish',
    fix: values.fix === true,
    strict: values.strict === true,
    types: values.types === true,
    maxWarnings: values['max-warnings'] === undefined ? -1 : parseCount(values['max-warnings'], '--max-warnings'),
    maxFileSize: values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(values['max-file-size']),
    outputFile: values['output-file'] ?? null,
    help: values.help === true,
    version: values.version === true,
  };
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got "${value}"`);
  return Number(value);
}

function parseSize(value: string): number {
  const bytes = parseFileSize(value);
  if (bytes === undefined) throw new UsageError(`--max-file-size expects a size such as 1000000, 500kb or 2mb, got "${value}"`);
  return bytes;
}
