import fs from 'node:fs';
import path from 'node:path';

import Mocha from 'mocha';

interface Results {
  passed: string[];
  failed: { title: string; error: string }[];
  pending: string[];
}

/**
 * Runs every `*.test.js` file of `directory` with mocha inside the extension host. The outcome is
 * also written as JSON to `$LOOPGUARD_TEST_RESULTS` when the runner set it, so the runner can print
 * exact counts; with @vscode/test-electron the rejected promise (exit code) is what counts.
 */
export function runMochaIn(directory: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  if (process.env.LOOPGUARD_TEST_GREP) mocha.grep(process.env.LOOPGUARD_TEST_GREP);
  for (const file of fs.readdirSync(directory).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(directory, file));
  }
  const results: Results = { passed: [], failed: [], pending: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      writeResults(results);
      if (failures > 0) reject(new Error(`${failures} test${failures === 1 ? '' : 's'} failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push(test.fullTitle()));
    runner.on('pending', (test) => results.pending.push(test.fullTitle()));
    runner.on('fail', (test, error: unknown) => {
      results.failed.push({ title: test.fullTitle(), error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
}

function writeResults(results: Results): void {
  const file = process.env.LOOPGUARD_TEST_RESULTS;
  if (!file) return;
  try {
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  } catch (error) {
    console.error(`could not write the test results to ${file}:`, error);
  }
}
