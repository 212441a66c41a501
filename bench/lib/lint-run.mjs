// @ts-check
/**
 * One timed ESLint run in its own process: `node bench/lib/lint-run.mjs <config-id> <corpus-root> <out.json>`.
 * Lints every manifest file through the ESLint API (what the CLI does, without formatting), then writes
 * wall time, peak RSS (whole process, worker threads included) and findings per rule to <out.json>.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';

import { configurationById, readManifest } from './configurations.mjs';
import { summarizeResults } from './summarize.mjs';

const [id, rootArg, outFile, statsFlag] = process.argv.slice(2);
if (!id || !rootArg || !outFile) {
  console.error('usage: node bench/lib/lint-run.mjs <config-id> <corpus-root> <out.json> [--stats]');
  process.exit(2);
}

const root = path.resolve(rootArg);
const started = performance.now();
const configuration = configurationById(id);
process.env.LOOPGUARD_BENCH_CONFIG = id;
process.env.LOOPGUARD_BENCH_ROOT = root;

const files = readManifest(root).files.map((file) => path.join(root, file.path));
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: fileURLToPath(new URL('./eslint.config.mjs', import.meta.url)),
  concurrency: configuration.concurrency > 1 ? configuration.concurrency : 'off',
  stats: statsFlag === '--stats',
  warnIgnored: false,
});

/** @type {Record<string, unknown>} */
let outcome;
try {
  const results = await eslint.lintFiles(files);
  const lintMs = performance.now() - started;
  outcome = { ok: true, lintMs, ...summarizeResults(results, statsFlag === '--stats') };
} catch (error) {
  const err = /** @type {Error} */ (error);
  outcome = { ok: false, error: `${err.message}\n${err.stack ?? ''}`.slice(0, 4000) };
}
const usage = process.resourceUsage();
outcome.maxRssKB = usage.maxRSS;
// CPU time of the whole process (all threads): steadier than wall time when the machine is shared.
outcome.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
outcome.loadAverage = os.loadavg()[0];
fs.writeFileSync(outFile, JSON.stringify(outcome));
