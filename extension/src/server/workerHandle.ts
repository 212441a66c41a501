import { Worker, type ResourceLimits } from 'node:worker_threads';

import type { RuleCatalog } from './ruleCatalog';
import type { FromWorker, JobRequest, JobResult, Lane, WorkerOptions } from './workerProtocol';

/** Why a worker ended. */
export type WorkerEnd =
  /** The main thread terminated it (a stale lint, a budget, shutdown); `reason` says which. */
  | { kind: 'terminated'; reason: string }
  /** It called `process.exit` (workspace code did). */
  | { kind: 'exited'; code: string; caller?: string }
  /** It crashed: out of memory, or an error outside any handler. */
  | { kind: 'crashed'; message: string; outOfMemory: boolean };

export interface WorkerListener {
  log(key: string, message: string): void;
  /** A line the worker wrote to its stdout or stderr (never the LSP stream). */
  output(line: string): void;
  workspaceCodeStarted(worker: WorkerHandle, folder: string, configFile: string): void;
  workspaceCodeEnded(worker: WorkerHandle, folder: string): void;
  /** The worker took its job (its event loop is not stuck). */
  started(worker: WorkerHandle): void;
  ended(worker: WorkerHandle, end: WorkerEnd): void;
}

interface RunningJob {
  id: number;
  startedAt: number;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

let nextJobId = 1;
let nextWorkerId = 1;

/**
 * One lint worker thread, seen from the main thread: its state, the job it runs, the workspace
 * code it is running or has run (the ESLint configs it loaded), and how it ended. Policy (budgets,
 * cancellation, respawning) lives in `LintPool`.
 */
export class WorkerHandle {
  readonly id = nextWorkerId++;
  readonly ready: Promise<RuleCatalog>;
  readonly spawnedAt = performance.now();
  /** Workspace folders whose ESLint config this worker has loaded or started to load. */
  readonly loadedConfigs = new Map<string, string>();
  /** The workspace code running now (since when), if any. */
  runningWorkspaceCode: { folder: string; configFile: string; since: number } | undefined;
  /** How long the first job took (for the typed worker: about what loading the project costs). */
  firstJobMs: number | undefined;
  idleSince = performance.now();
  private job: RunningJob | undefined;
  private end: WorkerEnd | undefined;
  private exitCall: { code: string; caller?: string } | undefined;
  private crash: { message: string; outOfMemory: boolean } | undefined;
  private terminateReason: string | undefined;
  private readonly worker: Worker;

  constructor(file: string, readonly lane: Lane, private readonly listener: WorkerListener, options: { resourceLimits?: ResourceLimits; warmUp?: boolean } = {}) {
    const workerData: WorkerOptions = { lane, ...(options.warmUp ? { warmUp: true } : {}) };
    const resourceLimits = options.resourceLimits;
    this.worker = new Worker(file, { workerData, stdout: true, stderr: true, ...(resourceLimits ? { resourceLimits } : {}) });
    forwardLines(this.worker.stdout, (line) => listener.output(line));
    forwardLines(this.worker.stderr, (line) => listener.output(line));
    let markReady: (catalog: RuleCatalog) => void = () => undefined;
    let failReady: (error: Error) => void = () => undefined;
    this.ready = new Promise<RuleCatalog>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: FromWorker) => this.onMessage(message, markReady));
    this.worker.on('error', (error: Error & { code?: string }) => {
      this.crash = { message: error.message, outOfMemory: error.code === 'ERR_WORKER_OUT_OF_MEMORY' };
    });
    this.worker.on('exit', (exitCode) => {
      this.end = this.terminateReason !== undefined
        ? { kind: 'terminated', reason: this.terminateReason }
        : this.crash
          ? { kind: 'crashed', ...this.crash }
          : this.exitCall
            ? { kind: 'exited', ...this.exitCall }
            : { kind: 'exited', code: String(exitCode) };
      const error = new WorkerEndedError(this.end);
      failReady(error);
      const job = this.job;
      this.job = undefined;
      job?.reject(error);
      listener.ended(this, this.end);
    });
  }

  get busy(): boolean {
    return this.job !== undefined;
  }

  get alive(): boolean {
    return this.end === undefined;
  }

  /** Milliseconds the current job has been running (0 when idle). */
  get jobElapsedMs(): number {
    return this.job ? performance.now() - this.job.startedAt : 0;
  }

  run(request: JobRequest): Promise<JobResult> {
    if (this.job || this.end) return Promise.reject(new Error('the worker is busy or gone'));
    const id = nextJobId++;
    return new Promise<JobResult>((resolve, reject) => {
      this.job = { id, startedAt: performance.now(), resolve, reject };
      this.worker.postMessage({ type: 'job', id, request });
    });
  }

  clearCaches(workspace: boolean, types: boolean): void {
    if (this.alive) this.worker.postMessage({ type: 'clearCaches', workspace, types });
  }

  /** Stops the worker at once (even inside an endless loop); its job is rejected. */
  terminate(reason: string): void {
    if (!this.alive || this.terminateReason !== undefined) return;
    this.terminateReason = reason;
    void this.worker.terminate();
  }

  private onMessage(message: FromWorker, markReady: (catalog: RuleCatalog) => void): void {
    switch (message.type) {
      case 'ready':
        markReady(message.catalog);
        return;
      case 'started':
        if (this.job?.id === message.id) this.listener.started(this);
        return;
      case 'done':
      case 'failed': {
        const job = this.job;
        if (job?.id !== message.id) return;
        this.job = undefined;
        this.idleSince = performance.now();
        this.firstJobMs ??= performance.now() - job.startedAt;
        if (message.type === 'done') job.resolve(message.result);
        else job.reject(new Error(message.message));
        return;
      }
      case 'log':
        this.listener.log(message.key, message.message);
        return;
      case 'workspaceCode':
        if (message.phase === 'start') {
          this.loadedConfigs.set(message.folder, message.configFile);
          this.runningWorkspaceCode = { folder: message.folder, configFile: message.configFile, since: performance.now() };
          this.listener.workspaceCodeStarted(this, message.folder, message.configFile);
        } else {
          this.runningWorkspaceCode = undefined;
          this.listener.workspaceCodeEnded(this, message.folder);
        }
        return;
      case 'exiting':
        this.exitCall = { code: message.code, ...(message.caller ? { caller: message.caller } : {}) };
        return;
    }
  }
}

export class WorkerEndedError extends Error {
  constructor(readonly end: WorkerEnd) {
    super(describeEnd(end));
  }
}

export function describeEnd(end: WorkerEnd): string {
  switch (end.kind) {
    case 'terminated':
      return `the lint worker was stopped: ${end.reason}`;
    case 'exited':
      return `the lint worker ended with process.exit(${end.code})${end.caller ? `, called from ${end.caller}` : ''}`;
    case 'crashed':
      return end.outOfMemory ? 'the lint worker ran out of memory' : `the lint worker crashed: ${end.message}`;
  }
}

/** Reads a worker's stdout or stderr line by line (the lines go to the log, never to the LSP stream). */
function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      onLine(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    // A worker that never writes a newline must not grow this buffer without bound.
    if (pending.length > 64 * 1024) {
      onLine(pending.slice(0, 64 * 1024));
      pending = '';
    }
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
  });
}
