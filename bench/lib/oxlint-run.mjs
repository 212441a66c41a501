// @ts-check
/**
 * One timed oxlint run in its own process: `node bench/lib/oxlint-run.mjs <corpus-root> <out.json>`.
 * oxlint with `jsPlugins: ["eslint-plugin-loopguard"]` and every rule of `configs.strict`
 * (test/package/.oxlintrc.json, the config the oxlint test checks), one thread, over every manifest file;
 * writes wall time, CPU time and peak RSS of the oxlint process, findings per rule and the findings
 * themselves (`file:line:column rule`, for the comparison with ESLint's `loopguard-strict` row).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readManifest } from './configurations.mjs';
import { oxlintConfig, repoRoot } from './paths.mjs';

const [rootArg, outFile] = process.argv.slice(2);
if (!rootArg || !outFile) {
  console.error('usage: node bench/lib/oxlint-run.mjs <corpus-root> <out.json>');
  process.exit(2);
}
const root = path.resolve(rootArg);
const files = readManifest(root).files.map((file) => file.path);

// oxlint skips whatever a .gitignore above the linted folder names, flags or not, and the corpus lives in
// the git-ignored bench/.corpus: lint it through a link from a folder outside the repository.
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-oxlint-'));
fs.symlinkSync(root, path.join(outside, 'corpus'), 'dir');
const usageFile = path.join(outside, 'usage.json');
const measure = fileURLToPath(new URL('./process-usage.mjs', import.meta.url));
const oxlintCli = path.join(repoRoot, 'node_modules/oxlint/bin/oxlint');

const started = performance.now();
const child = spawnSync(
  process.execPath,
  ['--import', measure, oxlintCli, '-c', oxlintConfig, '--format', 'json', '--threads=1', ...files.map((file) => `corpus/${file}`)],
  { cwd: outside, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LOOPGUARD_USAGE_FILE: usageFile } },
);
const wallMs = performance.now() - started;

/** @type {Record<string, unknown>} */
let outcome;
try {
  const report = /** @type {{ diagnostics: { code: string, filename: string, labels: { span: { line: number, column: number } }[] }[], number_of_files: number }} */ (
    JSON.parse(child.stdout)
  );
  /** @type {Record<string, number>} */
  const findings = {};
  const findingKeys = [];
  for (const diagnostic of report.diagnostics) {
    const rule = diagnostic.code.replace(/^loopguard\((.+)\)$/, 'loopguard/$1');
    findings[rule] = (findings[rule] ?? 0) + 1;
    const start = diagnostic.labels[0]?.span;
    findingKeys.push(`${diagnostic.filename.replace(/^corpus\//, '')}:${start?.line}:${start?.column} ${rule}`);
  }
  const usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
  outcome = {
    ok: true,
    files: report.number_of_files,
    findings,
    findingKeys,
    parseErrors: 0,
    parseErrorFiles: [],
    missingRuleInDisableComment: 0,
    lintMs: wallMs,
    maxRssKB: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  if (report.number_of_files !== files.length) outcome = { ok: false, error: `oxlint linted ${report.number_of_files} of ${files.length} files` };
} catch (error) {
  outcome = { ok: false, error: `oxlint exited ${child.status}: ${String(error)}\n${child.stdout.slice(0, 1000)}\n${child.stderr.slice(-2000)}` };
}
outcome.loadAverage = os.loadavg()[0];
fs.writeFileSync(outFile, JSON.stringify(outcome));
fs.rmSync(outside, { recursive: true, force: true });
