// @ts-check
/**
 * Editor latency through the real language server, in its own process:
 * `node bench/lib/server-latency.mjs <parse-only|syntactic|parse-only-typed|typed> <corpus-root> <out.json> [edits]`.
 *
 * Starts the bundled server (extension/dist/server.js) over stdio with the corpus root as its workspace
 * folder and the Loopguard `strict` rules (or every rule off) in its settings, opens openai/src/client.ts, waits for the first
 * diagnostics, then sends one-line edits the way an editor does (incremental `didChange`: the previous
 * edit's line removed, a comment line inserted elsewhere, so each version is the original text plus one
 * line, as in editor-latency.mjs) and times each `didChange` until the `publishDiagnostics` of that version.
 * The server waits for typing to pause before it lints (its debounce), so these times include that
 * pause; a second series (interleaved with the first) sends `didSave` right after each `didChange`,
 * which the server lints at once, and so shows the time without the debounce. Also written: the server's own lint time of each edit (its
 * status notification), its CPU time per edit and peak RSS (from /proc, Linux only).
 * Exits 1 (and writes `{ ok: false, error }`) when the server fails, falls back to another mode, or an
 * edit gets no diagnostics within the timeout.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { loadLoopguard } from './configurations.mjs';
import { repoRoot } from './paths.mjs';
import { percentile } from './stats.mjs';

const require = createRequire(import.meta.url);
const protocol = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

/**
 * @typedef {{ label: string, typeAware: 'off' | 'on', expectedMode: 'syntactic' | 'typeAware', rules: 'strict' | 'off' }} ServerMode
 */

/**
 * The server with the `strict` rules, and with every rule off: the same server, settings and edits, so the
 * parse-only figures are the floor the rules' latency compares with.
 * @type {Record<string, ServerMode>}
 */
export const SERVER_LATENCY_MODES = {
  'parse-only': { label: 'language server: every rule off (parse only)', typeAware: 'off', expectedMode: 'syntactic', rules: 'off' },
  syntactic: { label: 'language server: Loopguard strict', typeAware: 'off', expectedMode: 'syntactic', rules: 'strict' },
  'parse-only-typed': { label: 'language server: every rule off, typed (typed parse only)', typeAware: 'on', expectedMode: 'typeAware', rules: 'off' },
  typed: { label: 'language server: Loopguard strict, typed', typeAware: 'on', expectedMode: 'typeAware', rules: 'strict' },
};
export const SERVER_BUNDLE = path.join(repoRoot, 'extension', 'dist', 'server.js');
const LATENCY_FILE = 'openai/src/client.ts'; // the file of editor-latency.mjs
const WARM_UP_EDITS = 3;
const INITIALIZE_TIMEOUT_MS = 120_000;
/** The first typed lint builds the program of the whole corpus: minutes on a loaded machine. */
const FIRST_LINT_TIMEOUT_MS = 900_000;
const EDIT_TIMEOUT_MS = 30_000;

/**
 * @param {string} modeName
 * @param {string} root
 * @param {number} edits
 */
async function measure(modeName, root, edits) {
  const mode = SERVER_LATENCY_MODES[modeName];
  if (!fs.existsSync(SERVER_BUNDLE)) throw new Error(`${path.relative(repoRoot, SERVER_BUNDLE)} is missing: run \`npm run build:extension\` first`);
  const filename = path.join(root, LATENCY_FILE);
  if (!fs.existsSync(filename)) throw new Error(`${LATENCY_FILE} is not in the corpus at ${root}`);
  const original = fs.readFileSync(filename, 'utf8');
  const lines = original.split('\n');
  const uri = pathToFileURL(filename).href;
  const settings = { typeAware: mode.typeAware, useESLintConfig: false, rules: mode.rules === 'strict' ? strictRules() : allRulesOff() };

  const server = await ServerSession.start(root, settings);
  try {
    const openedAt = performance.now();
    const firstPublished = server.diagnosticsFor(uri, 1, FIRST_LINT_TIMEOUT_MS);
    await server.connection.sendNotification(protocol.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'typescript', version: 1, text: original },
    });
    const first = await firstPublished;
    const firstMs = performance.now() - openedAt;
    server.checkLint(uri, mode.expectedMode);

    // The editor's view of the document, to check each change gives exactly the intended text.
    let mirror = TextDocument.create(uri, 'typescript', 1, original);
    /** @type {number | undefined} */
    let insertedAt;
    /** One edit: undo the previous inserted line, insert one at `at`; optionally save at once. */
    const edit = async (/** @type {number} */ at, /** @type {string} */ comment, /** @type {boolean} */ save) => {
      const version = mirror.version + 1;
      /** @type {{ range: { start: { line: number, character: number }, end: { line: number, character: number } }, text: string }[]} */
      const changes = [];
      if (insertedAt !== undefined) changes.push({ range: { start: { line: insertedAt, character: 0 }, end: { line: insertedAt + 1, character: 0 } }, text: '' });
      changes.push({ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: `${comment}\n` });
      mirror = TextDocument.update(mirror, changes, version);
      insertedAt = at;
      const expected = [...lines.slice(0, at), comment, ...lines.slice(at)].join('\n');
      if (mirror.getText() !== expected) throw new Error(`edit at line ${at} does not give the original text plus one line (bench bug)`);

      const published = server.diagnosticsFor(uri, version, EDIT_TIMEOUT_MS);
      const cpuBefore = server.cpuMs();
      const started = performance.now();
      await server.connection.sendNotification(protocol.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
      if (save) await server.connection.sendNotification(protocol.DidSaveTextDocumentNotification.type, { textDocument: { uri } });
      const diagnostics = await published;
      const ms = performance.now() - started;
      const cpuAfter = server.cpuMs();
      const status = server.checkLint(uri, mode.expectedMode);
      return { ms, cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore, lintMs: status.durationMs ?? NaN, findings: diagnostics.diagnostics.length };
    };
    // Spread over the file in a scattered order (the step of editor-latency.mjs).
    const lineOf = (/** @type {number} */ i) => (i * 389 + 17) % lines.length;

    for (let i = 0; i < WARM_UP_EDITS; i++) await edit((i * 211 + 101) % lines.length, `  // warm-up ${i}`, false);
    // The two series interleaved, so warm-up and the machine's load affect both alike; the saved edits go
    // to other lines (the same text twice in a row could let caches answer).
    const typing = [];
    const saving = [];
    for (let i = 0; i < edits; i++) {
      typing.push(await edit(lineOf(i), `  // edit ${i}`, false));
      saving.push(await edit(lineOf(edits + i), `  // saved edit ${i}`, true));
    }

    const times = typing.map((e) => e.ms);
    const cpuTimes = typing.flatMap((e) => (e.cpuMs === null ? [] : [e.cpuMs]));
    const lintTimes = typing.map((e) => e.lintMs);
    const savedTimes = saving.map((e) => e.ms);
    const savedCpuTimes = saving.flatMap((e) => (e.cpuMs === null ? [] : [e.cpuMs]));
    return {
      ok: true,
      mode: modeName,
      label: mode.label,
      via: 'language server',
      file: LATENCY_FILE,
      lines: lines.length,
      edits,
      warmUpEdits: WARM_UP_EDITS,
      bundleBuiltAt: fs.statSync(SERVER_BUNDLE).mtime.toISOString(),
      firstMs,
      findings: first.diagnostics.length,
      // didChange → publishDiagnostics of that version: includes the server's typing debounce.
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      p95: percentile(times, 95),
      max: Math.max(...times),
      // Server CPU time (all threads) between sending the change and receiving its diagnostics, in steps of one clock tick.
      cpuP50: cpuTimes.length ? percentile(cpuTimes, 50) : null,
      cpuP90: cpuTimes.length ? percentile(cpuTimes, 90) : null,
      cpuP95: cpuTimes.length ? percentile(cpuTimes, 95) : null,
      cpuTickMs: server.tickMs,
      // The lint alone, as the server timed it (its status notification's durationMs).
      lintP50: percentile(lintTimes, 50),
      lintP95: percentile(lintTimes, 95),
      // didChange + didSave → publishDiagnostics: the server lints at once, no debounce.
      saved: {
        p50: percentile(savedTimes, 50),
        p90: percentile(savedTimes, 90),
        p95: percentile(savedTimes, 95),
        max: Math.max(...savedTimes),
        cpuP50: savedCpuTimes.length ? percentile(savedCpuTimes, 50) : null,
        lintP50: percentile(saving.map((e) => e.lintMs), 50),
      },
      maxRssKB: server.peakRssKB(),
    };
  } finally {
    await server.stop();
  }
}

/** Loopguard's `strict` preset as `loopguard.rules` settings (rule id without prefix → entry). */
function strictRules() {
  const loopguard = loadLoopguard();
  /** @type {Record<string, unknown>} */
  const rules = {};
  for (const [key, entry] of Object.entries(loopguard.configs.strict.rules)) rules[key.replace(/^loopguard\//, '')] = entry;
  return rules;
}

/** Every Loopguard rule set to "off" (a rule left out of the settings would get its recommended severity). */
function allRulesOff() {
  return Object.fromEntries(Object.keys(loadLoopguard().rules).map((id) => [id, 'off']));
}

/** The server process and its LSP connection, as a minimal editor drives it. */
export class ServerSession {
  /**
   * @param {import('node:child_process').ChildProcessWithoutNullStreams} child
   * @param {any} connection
   */
  constructor(child, connection) {
    this.child = child;
    this.connection = connection;
    this.stderr = '';
    /** @type {string[]} */
    this.logs = [];
    /** @type {Map<string, { mode: string, state: string, durationMs?: number, message?: string }>} */
    this.statuses = new Map();
    /** @type {{ uri: string, version: number, resolve: (params: any) => void, reject: (error: Error) => void }[]} */
    this.waiters = [];
    /** @type {string | null} */
    this.exited = null;
    this.tickMs = clockTickMs();
  }

  /**
   * @param {string} root workspace folder
   * @param {Record<string, unknown>} settings the `loopguard` section
   */
  static async start(root, settings) {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = protocol.createProtocolConnection(new protocol.StreamMessageReader(child.stdout), new protocol.StreamMessageWriter(child.stdin));
    const session = new ServerSession(child, connection);
    child.stderr.on('data', (/** @type {Buffer} */ chunk) => { session.stderr = (session.stderr + chunk.toString()).slice(-4000); });
    child.on('exit', (code, signal) => {
      session.exited = `the server exited (code ${code}, signal ${signal})`;
      for (const waiter of session.waiters.splice(0)) waiter.reject(new Error(`${session.exited} while waiting for diagnostics; ${session.tail()}`));
    });
    connection.onRequest(protocol.ConfigurationRequest.type, (/** @type {any} */ params) =>
      params.items.map((/** @type {any} */ item) => (item.section === 'loopguard' ? settings : null)),
    );
    connection.onRequest(protocol.RegistrationRequest.type, () => undefined);
    connection.onNotification(protocol.LogMessageNotification.type, (/** @type {any} */ params) => { session.logs.push(params.message); });
    connection.onNotification('loopguard/status', (/** @type {any} */ params) => { session.statuses.set(params.uri, params); });
    connection.onNotification(protocol.PublishDiagnosticsNotification.type, (/** @type {any} */ params) => {
      for (const waiter of [...session.waiters]) {
        if (waiter.uri === params.uri && waiter.version === params.version) {
          session.waiters.splice(session.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.listen();
    await withTimeout(
      connection.sendRequest(protocol.InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(root).href,
        workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
        initializationOptions: { workspaceTrusted: true },
      }),
      INITIALIZE_TIMEOUT_MS,
      () => `the server did not answer initialize within ${INITIALIZE_TIMEOUT_MS / 1000} s; ${session.tail()}`,
    ).catch(async (error) => {
      await session.stop();
      throw error;
    });
    await connection.sendNotification(protocol.InitializedNotification.type, {});
    return session;
  }

  /**
   * The diagnostics the server publishes for this version of the document (rejects after `timeoutMs`).
   * @param {string} uri
   * @param {number} version
   * @param {number} timeoutMs
   * @returns {Promise<{ diagnostics: unknown[] }>}
   */
  diagnosticsFor(uri, version, timeoutMs) {
    if (this.exited) return Promise.reject(new Error(`${this.exited}; ${this.tail()}`));
    /** @type {Promise<{ diagnostics: unknown[] }>} */
    const published = new Promise((resolve, reject) => this.waiters.push({ uri, version, resolve, reject }));
    return withTimeout(published, timeoutMs, () => `no diagnostics for ${path.basename(uri)} version ${version} within ${timeoutMs / 1000} s; ${this.tail()}`);
  }

  /**
   * The status that came with the last diagnostics; throws when the lint failed or used another mode.
   * @param {string} uri
   * @param {'syntactic' | 'typeAware'} expectedMode
   */
  checkLint(uri, expectedMode) {
    const unknownRule = this.logs.find((line) => /unknown rule/.test(line));
    if (unknownRule) throw new Error(`the server bundle does not know a strict rule (${unknownRule}); rebuild it with \`npm run build:extension\``);
    const status = this.statuses.get(uri);
    if (!status) throw new Error(`the server sent no status for ${path.basename(uri)}; ${this.tail()}`);
    if (status.state === 'error' || status.mode !== expectedMode || typeof status.durationMs !== 'number') {
      throw new Error(`the server linted ${path.basename(uri)} in ${status.mode} mode (expected ${expectedMode}), state ${status.state}: ${status.message ?? 'no message'}; ${this.tail()}`);
    }
    return status;
  }

  /** CPU time of the server process (user + system, all threads) in ms, from /proc; null elsewhere. */
  cpuMs() {
    try {
      const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * this.tickMs; // utime and stime (fields 14 and 15)
    } catch {
      return null;
    }
  }

  /** The server's peak resident set size in kB (VmHWM), null when /proc cannot tell. */
  peakRssKB() {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }

  tail() {
    return `server stderr: ${this.stderr.slice(-1000) || '(empty)'}; last log lines: ${this.logs.slice(-5).join(' | ') || '(none)'}`;
  }

  /** LSP shutdown and exit; the process is killed when it does not end within a few seconds. */
  async stop() {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      try {
        await withTimeout(this.connection.sendRequest(protocol.ShutdownRequest.type), 5000, () => 'shutdown timed out');
        await this.connection.sendNotification(protocol.ExitNotification.type);
      } catch {
        // Killed below.
      }
      await Promise.race([exited, delay(5000)]);
      if (!this.exited) {
        this.child.kill('SIGKILL');
        await Promise.race([exited, delay(5000)]);
      }
    }
    this.connection.dispose();
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {() => string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, message) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message())), ms); });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/** @param {number} ms */
function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Length of one clock tick (the unit of /proc CPU times) in ms. */
function clockTickMs() {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(answer.stdout?.trim());
  return 1000 / (Number.isFinite(ticks) && ticks > 0 ? ticks : 100);
}

// Last, so the classes and constants above are initialised before it runs.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, rootArg, outFile, editsArg] = process.argv.slice(2);
  const edits = Number(editsArg ?? 40);
  if (!mode || !rootArg || !outFile || !(mode in SERVER_LATENCY_MODES) || !Number.isInteger(edits) || edits < 1) {
    console.error(`usage: node bench/lib/server-latency.mjs <${Object.keys(SERVER_LATENCY_MODES).join('|')}> <corpus-root> <out.json> [edits]`);
    process.exit(2);
  }
  /** @type {Record<string, unknown>} */
  let result;
  try {
    result = await measure(mode, path.resolve(rootArg), edits);
  } catch (error) {
    result = { ok: false, mode, label: SERVER_LATENCY_MODES[mode].label, error: error instanceof Error ? error.message : String(error) };
  }
  fs.writeFileSync(outFile, JSON.stringify(result));
  if (!result.ok) {
    console.error(`server-latency ${mode}: ${result.error}`);
    process.exitCode = 1;
  }
}
