// @ts-check
/**
 * Editor latency, in its own process: `node bench/lib/editor-latency.mjs <mode> <corpus-root> <out.json> [edits]`.
 * Keeps one warm ESLint `Linter` (what the language server uses) and re-lints openai's src/client.ts after
 * one-line edits: each edit inserts one comment line at a different place into the original text, as a user
 * typing there would. Writes the first lint, p50/p90/p95/max of the edits (wall and CPU: the process is
 * single-threaded, so CPU time is the latency an idle machine would show), and peak RSS.
 */
import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';

import { configurationById, flatConfigFor } from './configurations.mjs';
import { percentile } from './stats.mjs';

/** Latency modes: a bench configuration id, linted in memory. `floor` is the parse-only figure. */
export const LATENCY_MODES = {
  'parse-only': 'floor',
  'parse-only-one-rule': 'floor-one-rule',
  'loopguard-strict': 'loopguard-strict',
  'parse-only-typed': 'floor-typed',
  'typed-statement-types': 'floor-typed-statement-types',
  'loopguard-strict-typed': 'loopguard-strict-typed',
  'tseslint-anchor': 'tseslint-anchor',
};
export const LATENCY_FILE = 'openai/src/client.ts';

const [mode, rootArg, outFile, editsArg] = process.argv.slice(2);
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!mode || !rootArg || !outFile || !(mode in LATENCY_MODES)) {
    console.error(`usage: node bench/lib/editor-latency.mjs <${Object.keys(LATENCY_MODES).join('|')}> <corpus-root> <out.json> [edits]`);
    process.exit(2);
  }
  fs.writeFileSync(outFile, JSON.stringify(measure(mode, path.resolve(rootArg), Number(editsArg ?? 40))));
}

/**
 * @param {string} latencyMode
 * @param {string} root
 * @param {number} edits
 */
function measure(latencyMode, root, edits) {
  const configuration = configurationById(LATENCY_MODES[/** @type {keyof typeof LATENCY_MODES} */ (latencyMode)]);
  const config = flatConfigFor(configuration, root);
  const filename = path.join(root, LATENCY_FILE);
  if (!fs.existsSync(filename)) return { ok: false, error: `${LATENCY_FILE} is not in the corpus at ${root}` };
  const original = fs.readFileSync(filename, 'utf8');
  const lines = original.split('\n');
  const linter = new Linter({ configType: 'flat', cwd: root });

  const verify = (/** @type {string} */ text) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const messages = linter.verify(text, /** @type {any} */ (config), filename);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const fatal = messages.find((message) => message.fatal);
    if (fatal) throw new Error(`${LATENCY_FILE} did not parse: ${fatal.message}`);
    return { ms, cpuMs, findings: messages.length };
  };

  const first = verify(original);
  for (let i = 0; i < 3; i++) verify(original); // warm-up: JIT, caches, the program
  const times = [];
  const cpuTimes = [];
  for (let i = 0; i < edits; i++) {
    // Spread the edits over the file; a prime step visits lines in a scattered order.
    const at = (i * 389 + 17) % lines.length;
    const edited = [...lines.slice(0, at), `  // edit ${i}`, ...lines.slice(at)].join('\n');
    const { ms, cpuMs } = verify(edited);
    times.push(ms);
    cpuTimes.push(cpuMs);
  }
  const usage = process.resourceUsage();
  return {
    ok: true,
    mode: latencyMode,
    file: LATENCY_FILE,
    lines: lines.length,
    edits,
    firstMs: first.ms,
    firstCpuMs: first.cpuMs,
    findings: first.findings,
    // Wall-clock latency, what the user waits; on a shared machine the CPU figures below are steadier.
    p50: percentile(times, 50),
    p90: percentile(times, 90),
    p95: percentile(times, 95),
    max: Math.max(...times),
    cpuP50: percentile(cpuTimes, 50),
    cpuP90: percentile(cpuTimes, 90),
    cpuP95: percentile(cpuTimes, 95),
    maxRssKB: usage.maxRSS,
  };
}
