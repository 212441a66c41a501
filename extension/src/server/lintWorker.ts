/**
 * A lint worker (a worker thread of the language server, bundled as extension/dist/lintWorker.js):
 * loads ESLint, the rules and TypeScript, and runs one job at a time for the main thread, which
 * only speaks LSP. Workspace code (an ESLint config and what it imports) runs here too, where it
 * cannot block the message loop, write to the LSP stream (this thread's stdout and stderr are
 * pipes the main thread reads into the log) or end the server (`process.exit` ends this thread).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';

import { clearCaches as clearTypeScriptEslintCaches } from '@typescript-eslint/parser';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { DEFAULT_SETTINGS } from '../shared/settings';
import { LintService } from './lintService';
import { pluginCatalog } from './plugin';
import { installProcessExitGuard } from './processGuard';
import type { FromWorker, JobRequest, JobResult, ToWorker, WorkerOptions } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('lintWorker.js runs as a worker thread of the Loopguard language server');
const post = (message: FromWorker) => port.postMessage(message);

installProcessExitGuard((code, caller) => post({ type: 'exiting', code, ...(caller ? { caller } : {}) }), __filename);
process.on('uncaughtException', (error) => post({ type: 'log', key: `uncaught:${String(error)}`, message: `Unexpected error in a lint worker (it keeps running): ${error.stack ?? String(error)}` }));
process.on('unhandledRejection', (reason) => post({ type: 'log', key: `rejection:${String(reason)}`, message: `Unhandled rejection in a lint worker (it keeps running): ${String(reason)}` }));

const service = new LintService((key, message) => post({ type: 'log', key, message }), {
  start: (folder, configFile) => post({ type: 'workspaceCode', phase: 'start', folder, configFile }),
  end: (folder) => post({ type: 'workspaceCode', phase: 'end', folder }),
});

/** Jobs and cache clears run one after the other, never interleaved at an `await`. */
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    post({ type: 'started', id: message.id });
    queue = queue.then(() => runJob(message.id, message.request));
  } else {
    queue = queue.then(() => {
      if (message.workspace) service.clearWorkspaceCaches();
      if (message.types || message.workspace) {
        clearTypeScriptEslintCaches();
        service.clearTypeCaches();
      }
    });
  }
});

async function runJob(id: number, request: JobRequest): Promise<void> {
  try {
    const doc = TextDocument.create(request.doc.uri, request.doc.languageId, request.doc.version, request.doc.text);
    const result: JobResult = request.kind === 'analyse'
      ? { kind: 'analyse', analysis: await service.analyse(doc, request.context, request.withOutline) }
      : { kind: 'fixAll', edits: await service.fixAll(doc, request.context, request.onlyRule) };
    post({ type: 'done', id, result });
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  // After the answer is on its way: the syntax tree of this file need not outlive its lint.
  service.releaseLastFile();
  if (request.doc.text.length >= LARGE_TEXT) collectGarbage();
}

/** Texts from this size on leave a heap worth collecting at once (a 1 MB file: about 200 MB of garbage). */
const LARGE_TEXT = 256 * 1024;
let gc: (() => void) | undefined;

/**
 * A full collection after a large file, while the worker is idle anyway: otherwise V8 keeps the
 * dead syntax tree until the next lint needs room, and the next lint of that file (after an edit)
 * peaks at two trees' worth of memory. `--expose-gc` is set at run time because a worker thread
 * cannot take V8 flags of its own.
 */
function collectGarbage(): void {
  try {
    if (!gc) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    }
    gc();
  } catch {
    gc = () => undefined;
  }
}

/**
 * A spare worker (started while another lints a large file) lints a small text before it says it
 * is ready: a fresh worker's first lint compiles the rules and the parser and takes about 0.4 s,
 * which the first document it serves should not wait for.
 */
async function warmUp(): Promise<void> {
  const text = "import fs from 'node:fs';\nexport async function load(ids: string[]) {\n  const config = fs.readFileSync('c.json', 'utf8');\n  await Promise.all(ids.map((id) => fetch(id)));\n  return config;\n}\n";
  const doc = TextDocument.create('untitled:loopguard-warm-up', 'typescript', 0, text);
  await service.analyse(doc, { settings: DEFAULT_SETTINGS, typeAware: { reason: 'warm-up' }, folders: [], trusted: false, blockedConfigs: {} }, true);
  service.releaseLastFile();
}

if ((workerData as WorkerOptions | undefined)?.warmUp) {
  queue = warmUp().catch(() => undefined);
}
void queue.then(() => post({ type: 'ready', catalog: pluginCatalog() }));
