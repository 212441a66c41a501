import * as path from 'node:path';

import type { RuleCatalog } from './ruleCatalog';
import { WorkerEndedError, WorkerHandle, describeEnd, type WorkerEnd, type WorkerListener } from './workerHandle';
import type { JobRequest, JobResult, Lane } from './workerProtocol';

/** How long things may take before the pool acts; `DEFAULT_POOL_TIMINGS` in the server, shorter in unit tests. */
export interface PoolTimings {
  /** Workspace code (loading a workspace's ESLint and its config) may run this long per call before its worker is stopped. */
  configBudgetMs: number;
  /** A worker that does not take a job within this time is stuck (in a timer that workspace code set, for example). */
  ackTimeoutMs: number;
  /** A syntactic lint that a newer version made stale is stopped once it has run this long (a new worker loads in about that time). */
  staleGraceMs: number;
  /** A stale typed lint is stopped after twice what the typed worker's first lint (loading the project) took, and at least this. */
  typedStaleGraceMinMs: number;
  /** No lint may run longer than this. */
  maxJobMs: number;
  /**
   * When a syntactic lint has run this long, no other syntactic worker is free and other documents may
   * need one, a spare worker is started (it costs about 100 MB, so not for a lone document).
   */
  spareAfterMs: number;
  /** A spare syntactic worker idle this long is stopped (its memory goes back); the typed worker after the longer time. */
  idleRetireMs: number;
  typedIdleRetireMs: number;
}

export const DEFAULT_POOL_TIMINGS: PoolTimings = {
  configBudgetMs: 10_000,
  ackTimeoutMs: 10_000,
  staleGraceMs: 1000,
  typedStaleGraceMinMs: 5000,
  maxJobMs: 5 * 60_000,
  spareAfterMs: 300,
  idleRetireMs: 60_000,
  typedIdleRetireMs: 10 * 60_000,
};

export const CONFIG_BUDGET_MS = DEFAULT_POOL_TIMINGS.configBudgetMs;
const MAX_WORKERS: Record<Lane, number> = { syntactic: 2, typed: 1 };
/**
 * Heap limits of a syntactic worker. The old generation's: a pathological file ends its worker, not
 * the machine. The young generation's: 16 MB instead of V8's default took 10-15 MB off the peak of a
 * 1 MB file's lint at the same CPU time (most of a syntax tree lives until the lint ends anyway).
 */
const SYNTACTIC_HEAP_LIMITS = { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 16 };
/** A job is tried on at most this many workers (a config that ended one is not loaded by the next). */
const MAX_ATTEMPTS = 3;
/** Workers that end before they are ready this many times in a row mean the bundle cannot run: stop spawning. */
const MAX_SPAWN_FAILURES = 3;

/** A job's result, with the worker that computed it. */
export type PoolResult = JobResult & { workerId: number };

export interface RunOptions {
  /** Workspace scan jobs wait for every job of open documents. */
  background?: boolean;
  /** Aborted when the result is no longer wanted (a newer version of the document, or it closed). */
  signal?: AbortSignal;
}

interface Job {
  request: JobRequest;
  lane: Lane;
  background: boolean;
  attempts: number;
  /** The caller no longer wants the result (it has been resolved with undefined). */
  abandoned: boolean;
  settled: boolean;
  worker?: WorkerHandle;
  /** Cleared when the worker says it took the job. */
  ackTimer?: NodeJS.Timeout;
  timers: NodeJS.Timeout[];
  resolve(result: PoolResult | undefined): void;
  reject(error: Error): void;
}

/**
 * The lint workers: a small pool of syntactic workers and one typed worker that keeps its
 * TypeScript project service warm. The main thread hands jobs to idle workers and keeps them
 * answering: a stale lint that runs long is stopped by terminating its worker, workspace code gets
 * a time budget, a stuck or exiting worker is replaced, and an ESLint config that caused it is not
 * loaded again until it changes (lints fall back to the settings and say why).
 */
export class LintPool {
  private readonly workers: WorkerHandle[] = [];
  private readonly ready = new Set<WorkerHandle>();
  private readonly running = new Map<WorkerHandle, Job>();
  private readonly queues: Record<Lane, Job[]> = { syntactic: [], typed: [] };
  private readonly budgetTimers = new Map<WorkerHandle, NodeJS.Timeout>();
  /** Workspace folder → why its ESLint config is not loaded. */
  private readonly blocked = new Map<string, string>();
  private readonly retireTimer: NodeJS.Timeout;
  private spawnFailures = 0;
  private lastSpawnError: string | undefined;
  private disposed = false;
  private resolveCatalog!: (catalog: RuleCatalog) => void;
  private rejectCatalog!: (error: Error) => void;
  private readonly catalogPromise = new Promise<RuleCatalog>((resolve, reject) => {
    this.resolveCatalog = resolve;
    this.rejectCatalog = reject;
  });

  private readonly timings: PoolTimings;

  constructor(
    private readonly workerFile: string,
    private readonly log: (key: string, message: string) => void,
    /** Whether other work may arrive while a long lint runs (other documents are open). */
    private readonly othersMayNeedAWorker: () => boolean = () => true,
    timings: Partial<PoolTimings> = {},
  ) {
    this.timings = { ...DEFAULT_POOL_TIMINGS, ...timings };
    this.catalogPromise.catch(() => undefined);
    this.retireTimer = setInterval(() => this.retireIdleWorkers(), Math.min(10_000, this.timings.idleRetireMs / 2));
    this.retireTimer.unref();
  }

  /** Starts the first syntactic worker (it loads ESLint while the client and server shake hands). */
  start(): void {
    this.spawn('syntactic');
  }

  /** The rules, as the first worker to load them describes them. */
  catalog(): Promise<RuleCatalog> {
    return this.catalogPromise;
  }

  /**
   * Resolves with the result and the id of the worker that computed it, or undefined when the signal
   * aborted first. Rejects when the lint fails.
   */
  run(request: JobRequest, lane: Lane, options: RunOptions = {}): Promise<PoolResult | undefined> {
    if (this.disposed) return Promise.reject(new Error('the server is shutting down'));
    if (options.signal?.aborted) return Promise.resolve(undefined);
    return new Promise<PoolResult | undefined>((resolve, reject) => {
      const job: Job = { request, lane, background: options.background === true, attempts: 0, abandoned: false, settled: false, timers: [], resolve, reject };
      this.enqueue(job);
      options.signal?.addEventListener('abort', () => this.abandon(job), { once: true });
      this.pump(lane);
    });
  }

  /** The id of the typed worker (started or starting), if there is one: a new one has no project loaded. */
  typedWorkerId(): number | undefined {
    return this.workers.find((worker) => worker.lane === 'typed')?.id;
  }

  /** How many workers each lane has now (started or starting). */
  workerCounts(): Record<Lane, number> {
    return {
      syntactic: this.workers.filter((worker) => worker.lane === 'syntactic').length,
      typed: this.workers.filter((worker) => worker.lane === 'typed').length,
    };
  }

  /** Tells every worker to forget what it read from the workspace (`workspace`) or its type information (`types`). */
  clearCaches(workspace: boolean, types: boolean): void {
    for (const worker of this.workers) worker.clearCaches(workspace, types);
    // Configs that were given up on are tried again once something in the workspace changed.
    if (workspace) this.blocked.clear();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.retireTimer);
    for (const lane of ['syntactic', 'typed'] as const) {
      for (const job of this.queues[lane].splice(0)) this.settle(job, undefined);
    }
    for (const worker of [...this.workers]) worker.terminate('the server is shutting down');
  }

  private enqueue(job: Job, first = false): void {
    const queue = this.queues[job.lane];
    if (first) queue.unshift(job);
    else if (job.background) queue.push(job);
    else {
      // Open documents go before the workspace scan.
      const firstBackground = queue.findIndex((queued) => queued.background);
      queue.splice(firstBackground < 0 ? queue.length : firstBackground, 0, job);
    }
  }

  private pump(lane: Lane): void {
    const queue = this.queues[lane];
    while (queue.length > 0) {
      const worker = this.workers.find((candidate) => candidate.lane === lane && this.ready.has(candidate) && !this.running.has(candidate));
      if (!worker) {
        this.spawnIfNeeded(lane);
        return;
      }
      this.dispatch(queue.shift()!, worker);
    }
  }

  /** A new worker only when none of the lane is starting or about to be free, within the lane's maximum. */
  private spawnIfNeeded(lane: Lane): void {
    const inLane = this.workers.filter((worker) => worker.lane === lane);
    const starting = inLane.some((worker) => !this.ready.has(worker));
    const freeingSoon = inLane.some((worker) => this.running.get(worker)?.abandoned === true);
    if (!starting && !freeingSoon && inLane.length < MAX_WORKERS[lane]) this.spawn(lane);
  }

  private spawn(lane: Lane, warmUp = false): void {
    if (this.disposed) return;
    if (this.spawnFailures >= MAX_SPAWN_FAILURES) {
      this.failQueued(lane, new Error(`the lint worker cannot start: ${this.lastSpawnError ?? 'unknown error'}`));
      return;
    }
    const worker = new WorkerHandle(this.workerFile, lane, this.listener, { ...(lane === 'syntactic' ? { resourceLimits: SYNTACTIC_HEAP_LIMITS } : {}), warmUp });
    this.workers.push(worker);
    worker.ready.then(
      (catalog) => {
        this.spawnFailures = 0;
        this.ready.add(worker);
        this.resolveCatalog(catalog);
        this.pump(lane);
      },
      () => undefined, // `ended` handles it
    );
  }

  private dispatch(job: Job, worker: WorkerHandle): void {
    job.worker = worker;
    job.attempts++;
    this.running.set(worker, job);
    const request = { ...job.request, context: { ...job.request.context, blockedConfigs: Object.fromEntries(this.blocked) } };
    const { ackTimeoutMs, maxJobMs, spareAfterMs } = this.timings;
    job.ackTimer = setTimeout(() => this.stuck(worker), ackTimeoutMs);
    job.timers.push(setTimeout(() => worker.terminate(`a lint took longer than ${formatDuration(maxJobMs)}`), maxJobMs));
    if (job.lane === 'syntactic') job.timers.push(setTimeout(() => this.ensureSpare(), spareAfterMs));
    worker.run(request).then(
      (result) => this.finished(job, worker, result),
      (error: Error) => this.failed(job, worker, error),
    );
  }

  private finished(job: Job, worker: WorkerHandle, result: JobResult): void {
    this.release(job, worker);
    this.settle(job, { ...result, workerId: worker.id });
    this.pump(job.lane);
  }

  private failed(job: Job, worker: WorkerHandle, error: Error): void {
    this.release(job, worker);
    if (job.abandoned || this.disposed) {
      this.settle(job, undefined);
    } else if (!(error instanceof WorkerEndedError) || !retryable(error.end) || job.attempts >= MAX_ATTEMPTS) {
      this.settle(job, error);
    } else {
      this.enqueue(job, true);
    }
    this.pump(job.lane);
  }

  private release(job: Job, worker: WorkerHandle): void {
    clearTimeout(job.ackTimer);
    for (const timer of job.timers) clearTimeout(timer);
    job.timers = [];
    job.worker = undefined;
    if (this.running.get(worker) === job) this.running.delete(worker);
  }

  private settle(job: Job, outcome: PoolResult | Error | undefined): void {
    if (job.settled) return;
    job.settled = true;
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(job.abandoned ? undefined : outcome);
  }

  /** The caller no longer wants the result: drop a queued job; stop a running one that runs long. */
  private abandon(job: Job): void {
    if (job.settled) return;
    job.abandoned = true;
    this.settle(job, undefined);
    const queue = this.queues[job.lane];
    if (queue.includes(job)) {
      queue.splice(queue.indexOf(job), 1);
      return;
    }
    const worker = job.worker;
    if (!worker) return;
    const { staleGraceMs, typedStaleGraceMinMs } = this.timings;
    const grace = worker.lane === 'syntactic' ? staleGraceMs : Math.max(typedStaleGraceMinMs, 2 * (worker.firstJobMs ?? 0));
    const stop = () => {
      if (this.running.get(worker) === job) worker.terminate('its lint was superseded by a newer version of the document');
    };
    const remaining = grace - worker.jobElapsedMs;
    if (remaining <= 0) stop();
    else job.timers.push(setTimeout(stop, remaining));
  }

  private ensureSpare(): void {
    if (!this.othersMayNeedAWorker() && this.queues.syntactic.length === 0) return;
    const syntactic = this.workers.filter((worker) => worker.lane === 'syntactic');
    const free = syntactic.some((worker) => !this.running.has(worker));
    if (!free && syntactic.length < MAX_WORKERS.syntactic) this.spawn('syntactic', true);
  }

  /** A worker that did not take its job is stuck, most likely in code a workspace config left behind. */
  private stuck(worker: WorkerHandle): void {
    const configs = [...worker.loadedConfigs].map(([folder, file]) => path.join(folder, file));
    for (const [folder, file] of worker.loadedConfigs) {
      this.block(folder, `${file} left a lint worker unresponsive, so it is not loaded until it changes; using the loopguard settings`);
    }
    this.log(`stuck:${configs.join(',')}`, `A lint worker stopped answering${configs.length > 0 ? ` after loading ${configs.join(', ')}` : ''}; it was replaced.`);
    worker.terminate('it stopped answering');
  }

  private readonly listener: WorkerListener = {
    log: (key, message) => this.log(key, message),
    output: (line) => {
      if (line.trim()) this.log(`output:${line.slice(0, 200)}`, `Lint worker output: ${line}`);
    },
    started: (worker) => clearTimeout(this.running.get(worker)?.ackTimer),
    workspaceCodeStarted: (worker, folder, configFile) => {
      clearTimeout(this.budgetTimers.get(worker));
      const budget = this.timings.configBudgetMs;
      this.budgetTimers.set(worker, setTimeout(() => {
        const file = path.join(folder, configFile);
        this.block(folder, `${configFile} did not finish loading within ${formatDuration(budget)} (an endless loop?), so it is not loaded until it changes; using the loopguard settings`);
        this.log(`budget:${file}`, `${file} did not finish loading within ${formatDuration(budget)}; its lint worker was stopped and the loopguard settings are used for ${folder} until the config changes.`);
        worker.terminate(`${file} ran over its time budget`);
      }, budget));
    },
    workspaceCodeEnded: (worker) => {
      clearTimeout(this.budgetTimers.get(worker));
      this.budgetTimers.delete(worker);
    },
    ended: (worker, end) => this.ended(worker, end),
  };

  private ended(worker: WorkerHandle, end: WorkerEnd): void {
    clearTimeout(this.budgetTimers.get(worker));
    this.budgetTimers.delete(worker);
    this.workers.splice(this.workers.indexOf(worker), 1);
    const wasReady = this.ready.delete(worker);
    if (!wasReady && end.kind !== 'terminated') {
      this.spawnFailures++;
      this.lastSpawnError = describeEnd(end);
    }
    if (end.kind !== 'terminated') {
      // process.exit or a crash: the workspace code this worker loaded is the suspect, not the bundled rules.
      for (const [folder, file] of worker.loadedConfigs) {
        this.block(folder, `${file} ended a lint worker with ${end.kind === 'exited' ? `process.exit(${end.code})` : 'a crash'}, so it is not loaded until it changes; using the loopguard settings`);
      }
      const configs = [...worker.loadedConfigs].map(([folder, file]) => path.join(folder, file));
      this.log(`ended:${describeEnd(end)}`, `${capitalise(describeEnd(end))}${configs.length > 0 ? ` after loading ${configs.join(', ')}` : ''}; it was replaced.`);
    }
    // Keep one syntactic worker ready; others start when a job needs them.
    if (!this.disposed && worker.lane === 'syntactic' && !this.workers.some((other) => other.lane === 'syntactic')) this.spawn('syntactic');
    this.pump(worker.lane);
  }

  private block(folder: string, reason: string): void {
    this.blocked.set(folder, reason);
  }

  private failQueued(lane: Lane, error: Error): void {
    for (const job of this.queues[lane].splice(0)) this.settle(job, error);
    if (lane === 'syntactic') this.rejectCatalog(error);
  }

  private retireIdleWorkers(): void {
    const now = performance.now();
    for (const worker of [...this.workers]) {
      if (!this.ready.has(worker) || this.running.has(worker)) continue;
      const idleMs = now - worker.idleSince;
      const others = this.workers.filter((other) => other !== worker && other.lane === worker.lane).length;
      if (worker.lane === 'syntactic' && others > 0 && idleMs > this.timings.idleRetireMs) worker.terminate('idle');
      else if (worker.lane === 'typed' && idleMs > this.timings.typedIdleRetireMs) worker.terminate('idle');
    }
  }
}

/** Out of memory and the job watchdog repeat on another worker; exits and stuck workers come from workspace code, which is blocked by then. */
function retryable(end: WorkerEnd): boolean {
  if (end.kind === 'crashed') return !end.outOfMemory;
  if (end.kind === 'terminated') return !end.reason.startsWith('a lint took longer than');
  return true;
}

/** "10 s", "5 minutes", "300 ms". */
export function formatDuration(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} minutes`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
