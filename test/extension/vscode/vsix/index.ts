import { runMochaIn } from '../runMocha';

/** Entry point for `extensionTestsPath` when the extension is installed from the packaged .vsix. */
export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
