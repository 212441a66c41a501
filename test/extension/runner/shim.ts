import path from 'node:path';

import { findChromium } from './chromium';
import { APT_HINT, ensureTools } from './install';
import { RESULTS_DIR } from './paths';
import { summaryLine } from './results';
import { runExtensionTests } from './runExtensionTests';

interface ShimArguments {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  folder?: string;
  printVersion: boolean;
}

/** Options that take their value in the next argument when not written as `--name=value`. */
const OPTIONS_WITH_VALUE = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'profile', 'locale', 'folder-uri']);

/**
 * Reads the command line @vscode/test-electron gives a VS Code executable. Flags meant for
 * Electron (--no-sandbox, --disable-updates, --skip-welcome, ...) do not apply and are ignored.
 */
export function parseShimArguments(argv: string[]): ShimArguments {
  const parsed: ShimArguments = { extensionDevelopmentPaths: [], printVersion: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('-')) {
      parsed.folder = path.resolve(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = argument.slice(2, equals === -1 ? undefined : equals);
    const value = equals === -1 ? (OPTIONS_WITH_VALUE.has(name) ? argv[++index] : undefined) : argument.slice(equals + 1);
    if (name === 'extensionDevelopmentPath' && value) parsed.extensionDevelopmentPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath' && value) parsed.extensionTestsPath = path.resolve(value);
    else if (name === 'version' || argument === '-v') parsed.printVersion = true;
  }
  return parsed;
}

/** Runs what test-electron asked for in code-server + headless Chromium; returns the tests' exit code. */
export async function shimMain(argv: string[]): Promise<number> {
  const args = parseShimArguments(argv);
  if (args.printVersion) {
    process.stdout.write('1.139.1\ncode-server (loopguard test shim)\nx64\n');
    return 0;
  }
  if (!args.extensionTestsPath) {
    process.stderr.write('loopguard code shim: --extensionTestsPath is required\n');
    return 2;
  }
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write(`loopguard code shim: Chromium is needed to open the workbench: ${APT_HINT}\n`);
    return 1;
  }
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };
  const tools = await ensureTools(say);
  const outcome = await runExtensionTests(tools, chromium, {
    label: 'test-electron',
    extensionDevelopmentPaths: args.extensionDevelopmentPaths,
    extensionTestsPath: args.extensionTestsPath,
    folder: args.folder,
    artifactsDir: path.join(RESULTS_DIR, 'vscode', 'test-electron'),
    timeoutMs: Number(process.env.LOOPGUARD_VSCODE_TIMEOUT_MS) || 900_000,
  }, say);
  if (outcome.results) {
    say(summaryLine({ passed: outcome.results.passed.length, failed: outcome.results.failed.length, skipped: outcome.results.pending.length }));
  }
  return outcome.exitCode;
}
