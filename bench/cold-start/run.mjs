// @ts-check
/**
 * `npm run bench:cold-start [-- rounds]`: how long a new user waits for the first squiggle, without the
 * editor. Interleaved rounds (default 5) of:
 *
 * - `eslint`: a fresh Node process that loads ESLint, the parser and the built plugin from node_modules
 *   and lints one file (`lint-one-file.mjs`): spawn → exit. What the server's start is held against.
 * - `server`: the bundled language server (`extension/dist/server.js`) started over stdio in a workspace
 *   folder with a tsconfig.json (so the file is linted with types, `loopguard.typeAware: "auto"`): spawn →
 *   the first `publishDiagnostics` of the opened file (its syntactic diagnostics, published while the
 *   TypeScript project loads), and spawn → the type-aware diagnostics.
 * - `server-syntactic`: the same with `loopguard.typeAware: "off"`: spawn → first diagnostics.
 *
 * The file is `examples/src/web/server.ts` (in the `examples/` project). Each round starts every process
 * afresh; the ratio server / eslint is taken per round and its median printed. Writes
 * `bench/results/cold-start.json`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { repoRoot, resultsDir } from '../lib/paths.mjs';
import { ServerSession, SERVER_BUNDLE } from '../lib/server-latency.mjs';
import { percentile } from '../lib/stats.mjs';

const ROUNDS = Number(process.argv[2] ?? 5);
const WORKSPACE = path.join(repoRoot, 'examples');
const FILE = path.join(WORKSPACE, 'src', 'web', 'server.ts');
const TIMEOUT_MS = 300_000;

/** Spawn → exit of the one-file ESLint process. */
async function eslintOnce() {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bench', 'cold-start', 'lint-one-file.mjs'), FILE], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`lint-one-file.mjs exited with ${code}: ${stderr}`);
  return { ms, problems: JSON.parse(stdout).problems };
}

/**
 * Spawn → first diagnostics of the opened file, and → its type-aware diagnostics when `typeAware` is on.
 * @param {'auto' | 'off'} typeAware
 */
async function serverOnce(typeAware) {
  const started = performance.now();
  const session = await ServerSession.start(WORKSPACE, { typeAware, useESLintConfig: false });
  try {
    const uri = pathToFileURL(FILE).href;
    /** @type {{ ms: number, mode: string, problems: number }[]} */
    const published = [];
    const typedDone = new Promise((resolve) => {
      session.connection.onNotification('textDocument/publishDiagnostics', (/** @type {any} */ params) => {
        if (params.uri !== uri) return;
        const status = session.statuses.get(uri);
        published.push({ ms: performance.now() - started, mode: status?.mode ?? '?', problems: params.diagnostics.length });
        if (typeAware === 'off' || status?.mode === 'typeAware') resolve(undefined);
      });
    });
    await session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: fs.readFileSync(FILE, 'utf8') },
    });
    await Promise.race([typedDone, new Promise((_, reject) => setTimeout(() => reject(new Error(`no diagnostics within ${TIMEOUT_MS / 1000} s; ${session.tail()}`)), TIMEOUT_MS).unref())]);
    const first = published[0];
    const typed = published.find((entry) => entry.mode === 'typeAware');
    return { firstMs: first.ms, firstMode: first.mode, firstProblems: first.problems, typedMs: typed?.ms, typedProblems: typed?.problems, publishes: published.length };
  } finally {
    await session.stop();
  }
}

if (!fs.existsSync(SERVER_BUNDLE)) throw new Error('extension/dist/server.js is missing: run `npm run build:extension` first');
/** @type {{ eslint: any, server: any, serverSyntactic: any }[]} */
const rounds = [];
for (let round = 1; round <= ROUNDS; round++) {
  const eslint = await eslintOnce();
  const server = await serverOnce('auto');
  const serverSyntactic = await serverOnce('off');
  rounds.push({ eslint, server, serverSyntactic });
  console.log(
    `round ${round}: eslint ${Math.round(eslint.ms)} ms; server first diagnostics ${Math.round(server.firstMs)} ms (${server.firstMode}), ` +
      `type-aware ${server.typedMs === undefined ? '-' : `${Math.round(server.typedMs)} ms`}; server typeAware off ${Math.round(serverSyntactic.firstMs)} ms`,
  );
}
const median = (/** @type {number[]} */ values) => percentile(values, 50);
const summary = {
  rounds: ROUNDS,
  file: path.relative(repoRoot, FILE),
  node: process.version,
  eslintMs: median(rounds.map((r) => r.eslint.ms)),
  serverFirstMs: median(rounds.map((r) => r.server.firstMs)),
  serverFirstMode: rounds.map((r) => r.server.firstMode),
  serverTypedMs: median(rounds.map((r) => r.server.typedMs ?? NaN)),
  serverSyntacticMs: median(rounds.map((r) => r.serverSyntactic.firstMs)),
  ratioFirst: median(rounds.map((r) => r.server.firstMs / r.eslint.ms)),
  ratioSyntactic: median(rounds.map((r) => r.serverSyntactic.firstMs / r.eslint.ms)),
  problems: { eslint: rounds[0]?.eslint.problems, serverFirst: rounds[0]?.server.firstProblems, serverTyped: rounds[0]?.server.typedProblems },
  raw: rounds,
};
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, 'cold-start.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `median of ${ROUNDS}: eslint ${Math.round(summary.eslintMs)} ms; server → first diagnostics ${Math.round(summary.serverFirstMs)} ms ` +
    `(×${summary.ratioFirst.toFixed(2)}), → type-aware ${Math.round(summary.serverTypedMs)} ms; typeAware off ${Math.round(summary.serverSyntacticMs)} ms (×${summary.ratioSyntactic.toFixed(2)})`,
);
