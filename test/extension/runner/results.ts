import fs from 'node:fs';

/** What the in-host mocha runner (test/extension/vscode/index.ts) writes to `$LOOPGUARD_TEST_RESULTS`. */
export interface SuiteResults {
  passed: string[];
  failed: { title: string; error: string }[];
  pending: string[];
}

export const RESULTS_ENV = 'LOOPGUARD_TEST_RESULTS';

export function readSuiteResults(file: string): SuiteResults | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SuiteResults>;
    if (!Array.isArray(parsed.passed) || !Array.isArray(parsed.failed) || !Array.isArray(parsed.pending)) return undefined;
    return { passed: parsed.passed, failed: parsed.failed, pending: parsed.pending };
  } catch {
    return undefined;
  }
}

/** The closing line CI looks for. */
export function summaryLine(counts: { passed: number; failed: number; skipped: number }): string {
  return `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`;
}
