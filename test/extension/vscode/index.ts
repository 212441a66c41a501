import { runMochaIn } from './runMocha';

/** Entry point for `extensionTestsPath`: the integration suites next to this file. */
export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
