// @ts-check
/**
 * `npm run bench` / `npm run bench:smoke`: times each configuration of bench/lib/configurations.mjs over
 * the corpus in separate processes (interleaved, several runs: median, min, max), profiles Loopguard's rules
 * once with ESLint stats, runs the robustness pass (crashes, fixes that parse) with and without types, and
 * measures editor latency (in a warm `Linter`, and through the bundled language server over LSP). Prints
 * one table and writes bench/results/<stamp>.json plus latest.{json,md}.
 *
 * Options: --smoke (a few files, one run, CI-safe), --runs N (0: no timed runs), --only id,id, --edits N,
 *          --skip-robustness, --skip-latency, --skip-profile, --name tag (prefix of the result files).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { configurations } from './lib/configurations.mjs';
import { LATENCY_MODES } from './lib/editor-latency.mjs';
import { SERVER_LATENCY_MODES } from './lib/server-latency.mjs';
import { corpusDir, manifestFile, pluginDist, repoRoot, resultsDir } from './lib/paths.mjs';
import { prepareSmokeCorpus } from './lib/smoke-corpus.mjs';
import { formatMarkdown, formatTable } from './lib/report.mjs';
import { spread } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
    edits: { type: 'string' },
    name: { type: 'string' },
    'skip-robustness': { type: 'boolean', default: false },
    'skip-latency': { type: 'boolean', default: false },
    'skip-profile': { type: 'boolean', default: false },
  },
});
const smoke = Boolean(args.smoke);
const runs = Number(args.runs ?? (smoke ? 1 : 3));
const edits = Number(args.edits ?? (smoke ? 8 : 40));

if (!fs.existsSync(manifestFile)) {
  const message = `bench${smoke ? ':smoke' : ''}: the corpus is not downloaded (${path.relative(repoRoot, corpusDir)} is empty); run \`npm run bench:corpus\` first (needs the npm registry once).`;
  if (smoke) {
    console.log(`${message} Skipping.`);
    process.exit(0);
  }
  console.error(message);
  process.exit(1);
}
if (!fs.existsSync(pluginDist)) {
  console.error(`bench: ${path.relative(repoRoot, pluginDist)} is missing; run \`npm run build\` first.`);
  process.exit(1);
}

const root = smoke ? prepareSmokeCorpus() : corpusDir;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-bench-'));
const only = args.only ? new Set(args.only.split(',')) : null;
const selected = configurations.filter((c) => (only ? only.has(c.id) : !(smoke && c.concurrency > 1) && !c.latencyOnly));
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverageAtStart: os.loadavg()[0],
};
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const corpus = { root: path.relative(repoRoot, root), files: manifest.files.length, lines: manifest.files.reduce((s, f) => s + f.lines, 0) };
console.log(`bench${smoke ? ':smoke' : ''}: ${corpus.files} files, ${corpus.lines} lines; ${selected.length} configurations × ${runs} run(s); load average ${machine.loadAverageAtStart.toFixed(1)}`);

/** @type {Record<string, any[]>} */
const samples = Object.fromEntries(selected.map((c) => [c.id, []]));
// Interleaved: run r of every configuration before run r+1, so a noisy moment hits all of them alike.
for (let run = 1; run <= runs; run++) {
  for (const configuration of selected) {
    const outcome = lintRun(configuration.id, false);
    samples[configuration.id].push(outcome);
    const summary = outcome.ok
      ? `${(outcome.wallMs / 1000).toFixed(1)} s wall, ${(outcome.cpuMs / 1000).toFixed(1)} s CPU, ${Math.round(outcome.maxRssKB / 1024)} MB, load ${outcome.loadAverage.toFixed(1)}`
      : `FAILED: ${outcome.error.split('\n')[0]}`;
    console.log(`  run ${run}/${runs} ${configuration.id}: ${summary}`);
  }
}

const oxlintComparison = compareOxlintWithEslint(samples);
const rows = selected.map((configuration) => summarizeConfiguration(configuration, samples[configuration.id]));

/** @type {Record<string, any>} */
const profile = {};
if (!args['skip-profile']) {
  for (const id of ['loopguard-strict', 'loopguard-strict-typed'].filter((id) => selected.some((c) => c.id === id))) {
    console.log(`  profile ${id} (ESLint stats)`);
    const outcome = lintRun(id, true);
    profile[id] = outcome.ok ? { parseMs: outcome.parseMs, ruleMs: outcome.ruleMs } : { error: outcome.error };
  }
}

/** @type {Record<string, any>} */
const robustness = {};
if (!args['skip-robustness']) {
  for (const typed of [false, true]) {
    const label = typed ? 'typed' : 'syntactic';
    console.log(`  robustness pass (${label})`);
    robustness[label] = childJson(
      [process.execPath, '--import', 'tsx', path.join(repoRoot, 'bench/lib/robustness-pass.ts'), root],
      typed ? ['--typed'] : [],
    );
  }
}

/** @type {Record<string, any>} */
const latency = {};
if (!args['skip-latency']) {
  for (const mode of Object.keys(LATENCY_MODES)) {
    console.log(`  editor latency (${mode})`);
    latency[mode] = childJson([process.execPath, path.join(repoRoot, 'bench/lib/editor-latency.mjs'), mode, root], [String(edits)]);
  }
  for (const mode of Object.keys(SERVER_LATENCY_MODES)) {
    console.log(`  editor latency through the language server (${mode})`);
    latency[`server-${mode}`] = childJson([process.execPath, path.join(repoRoot, 'bench/lib/server-latency.mjs'), mode, root], [String(edits)]);
  }
}

const concurrency = concurrencyCheck(rows);
const report = {
  date: new Date().toISOString(),
  smoke,
  runs,
  machine: { ...machine, loadAverageAtEnd: os.loadavg()[0] },
  corpus,
  rows,
  profile,
  robustness,
  latency,
  concurrency,
  ...(oxlintComparison ? { oxlintComparison } : {}),
};
fs.mkdirSync(resultsDir, { recursive: true });
const stamp = report.date.replace(/[:.]/g, '-');
const prefix = `${args.name ? `${args.name}-` : ''}${smoke ? 'smoke-' : ''}`;
fs.writeFileSync(path.join(resultsDir, `${prefix}${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(resultsDir, `${prefix}latest.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(resultsDir, `${prefix}latest.md`), formatMarkdown(report));
console.log(formatTable(report));
console.log(`written: ${path.relative(repoRoot, path.join(resultsDir, `${prefix}latest.json`))} and .md`);
fs.rmSync(tmp, { recursive: true, force: true });

const failures = [
  ...rows.filter((row) => row.failed > 0).map((row) => `${row.id}: ${row.failed} run(s) failed`),
  ...Object.entries(robustness).flatMap(([label, pass]) =>
    !pass.ok
      ? [`robustness ${label}: ${pass.error}`]
      : [
          ...pass.crashes.map((crash) => `crash (${label}): ${crash.ruleId} on ${crash.file}:${crash.line ?? '?'}: ${crash.message}`),
          ...pass.brokenFixes.map((broken) => `${broken.kind} that does not parse (${label}): ${broken.ruleId} on ${broken.file}: ${broken.parseError}`),
        ],
  ),
  ...concurrency.mismatches.map((text) => `--concurrency 2 changed findings: ${text}`),
  ...(oxlintComparison && !oxlintComparison.same
    ? [`oxlint + Loopguard differs from ESLint's loopguard-strict: ${oxlintComparison.onlyEslint.length} findings only in ESLint, ${oxlintComparison.onlyOxlint.length} only in oxlint`]
    : []),
  ...Object.entries(latency).filter(([, result]) => !result.ok).map(([mode, result]) => `editor latency ${mode}: ${result.error}`),
];
if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):\n  ${failures.slice(0, 50).join('\n  ')}`);
  process.exitCode = 1;
}

/** One timed ESLint (or oxlint) run of a configuration in a child process. */
function lintRun(id, withStats) {
  const out = path.join(tmp, `${id}-${Date.now()}.json`);
  const started = performance.now();
  const script = configurations.find((c) => c.id === id)?.linter === 'oxlint' ? ['bench/lib/oxlint-run.mjs', root, out] : ['bench/lib/lint-run.mjs', id, root, out, ...(withStats ? ['--stats'] : [])];
  const child = spawnSync(process.execPath, [path.join(repoRoot, script[0]), ...script.slice(1)], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (!fs.existsSync(out)) return { ok: false, error: `exit ${child.status}: ${child.stderr.slice(-2000)}` };
  return { ...JSON.parse(fs.readFileSync(out, 'utf8')), wallMs };
}

/** Runs a bench script that writes JSON to the path given after `leading`, and returns that JSON. */
function childJson(leading, trailing) {
  const out = path.join(tmp, `child-${Date.now()}.json`);
  const child = spawnSync(leading[0], [...leading.slice(1), out, ...trailing], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!fs.existsSync(out)) return { ok: false, error: `exit ${child.status}: ${child.stderr.slice(-2000)}` };
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

function summarizeConfiguration(configuration, outcomes) {
  const ok = outcomes.filter((outcome) => outcome.ok);
  const first = ok[0];
  return {
    id: configuration.id,
    label: configuration.label,
    typed: configuration.typed,
    concurrency: configuration.concurrency,
    runs: outcomes.length,
    failed: outcomes.length - ok.length,
    errors: outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.error),
    wallS: ok.length ? spread(ok.map((o) => o.wallMs / 1000)) : null,
    cpuS: ok.length ? spread(ok.map((o) => o.cpuMs / 1000)) : null,
    rssMB: ok.length ? spread(ok.map((o) => o.maxRssKB / 1024)) : null,
    loadAverage: ok.length ? spread(ok.map((o) => o.loadAverage)) : null,
    findings: first?.findings ?? {},
    findingsStable: ok.every((o) => canonical(o.findings) === canonical(first.findings)),
    parseErrors: first?.parseErrors ?? null,
    parseErrorFiles: first?.parseErrorFiles ?? [],
    missingRuleInDisableComment: first?.missingRuleInDisableComment ?? null,
  };
}

/**
 * oxlint must report what ESLint reports, finding by finding (`file:line:column rule`): the first successful
 * run of `oxlint-loopguard-strict` against the first of `loopguard-strict`. Null when either is not selected.
 */
function compareOxlintWithEslint(allSamples) {
  const oxlint = allSamples['oxlint-loopguard-strict']?.find((outcome) => outcome.ok);
  const eslint = allSamples['loopguard-strict']?.find((outcome) => outcome.ok);
  if (!oxlint || !eslint) return null;
  const fromOxlint = new Set(oxlint.findingKeys);
  const fromEslint = new Set(eslint.findingKeys);
  const onlyEslint = [...fromEslint].filter((key) => !fromOxlint.has(key)).sort();
  const onlyOxlint = [...fromOxlint].filter((key) => !fromEslint.has(key)).sort();
  return { same: onlyEslint.length === 0 && onlyOxlint.length === 0, findings: fromEslint.size, onlyEslint: onlyEslint.slice(0, 50), onlyOxlint: onlyOxlint.slice(0, 50) };
}

/** Findings must not depend on ESLint's worker threads: compare each `-c2` row with its single-thread twin. */
function concurrencyCheck(allRows) {
  const mismatches = [];
  for (const row of allRows.filter((r) => r.concurrency > 1)) {
    const twin = allRows.find((r) => r.id === row.id.replace(/-c\d+$/, ''));
    if (!twin || row.failed || twin.failed) continue;
    if (canonical(row.findings) !== canonical(twin.findings)) {
      mismatches.push(`${row.id} ${JSON.stringify(row.findings)} vs ${twin.id} ${JSON.stringify(twin.findings)}`);
    }
  }
  return { mismatches };
}

/** Findings as a string independent of key order. */
function canonical(findings) {
  return JSON.stringify(Object.entries(findings).sort(([a], [b]) => a.localeCompare(b)));
}
