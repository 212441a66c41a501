import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { LintPool, type PoolTimings } from '../../../extension/src/server/lintPool';
import type { JobRequest, JobResult } from '../../../extension/src/server/workerProtocol';
import { DEFAULT_SETTINGS } from '../../../extension/src/shared/settings';

// The pool's policies with a stand-in worker (fixtures/fakeLintWorker.js: the same protocol, no
// ESLint) and short timings. The language server tests cover the same behaviour with the real worker.
const FAKE_WORKER = path.join(__dirname, 'fixtures', 'fakeLintWorker.js');
const TIMINGS: Partial<PoolTimings> = { configBudgetMs: 300, ackTimeoutMs: 500, staleGraceMs: 200, spareAfterMs: 100, maxJobMs: 20_000 };

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function job(text: string): JobRequest {
  return {
    kind: 'analyse',
    withOutline: false,
    doc: { uri: 'file:///ws/a.js', languageId: 'javascript', version: 1, text },
    context: { settings: DEFAULT_SETTINGS, typeAware: { reason: 'test' }, folders: ['/ws'], trusted: true, blockedConfigs: {} },
  };
}

/** The blocked folders (and why) the worker was given for the job that produced this result. */
function blockedIn(result: JobResult | undefined): Record<string, string> {
  assert.equal(result?.kind, 'analyse');
  return JSON.parse(result.kind === 'analyse' ? result.analysis.status.message ?? '{}' : '{}') as Record<string, string>;
}

describe('LintPool', function () {
  this.timeout(30_000);
  let pool: LintPool;
  let logs: string[];
  let othersOpen: boolean;

  beforeEach(() => {
    logs = [];
    othersOpen = true;
    pool = new LintPool(FAKE_WORKER, (_key, message) => logs.push(message), () => othersOpen, TIMINGS);
    pool.start();
  });
  afterEach(() => pool.dispose());

  it('runs jobs and knows the rules from the first worker', async () => {
    assert.deepEqual((await pool.catalog()).ruleIds, ['fake-rule']);
    assert.deepEqual(blockedIn(await pool.run(job('ok'), 'syntactic')), {});
    await assert.rejects(pool.run(job('fail broken'), 'syntactic'), /broken/);
  });

  it('stops a stale lint once it has run the grace time, so the next one does not wait for it', async () => {
    othersOpen = false;
    // A grace time well above the 50 ms the test lets the stale lint run: on a loaded machine that delay can
    // overshoot 200 ms, and the stale lint would then be stopped at once, with no grace left to measure.
    // No spare worker during the test: the spare timer (started with the stale lint) sees the next job queued
    // and starts one, and a spare that loads within 100 ms would serve that job before the grace is over.
    pool.dispose();
    pool = new LintPool(FAKE_WORKER, (_key, message) => logs.push(message), () => othersOpen, { ...TIMINGS, staleGraceMs: 1000, spareAfterMs: 60_000 });
    pool.start();
    await pool.catalog();
    const controller = new AbortController();
    const stale = pool.run(job('sleep 10000'), 'syntactic', { signal: controller.signal });
    await delay(50);
    controller.abort();
    assert.equal(await stale, undefined, 'the caller is answered at once');
    const started = performance.now();
    assert.ok(await pool.run(job('ok'), 'syntactic'));
    const waited = performance.now() - started;
    assert.ok(waited < 5000, `the next job waited ${Math.round(waited)} ms`);
    assert.ok(waited >= 100, 'the stale lint had its grace time');
  });

  it('drops a queued job whose caller no longer wants it', async () => {
    await pool.catalog();
    // Two workers at most: the third job waits in the queue.
    const running = [pool.run(job('sleep 300'), 'syntactic'), pool.run(job('sleep 300'), 'syntactic')];
    const controller = new AbortController();
    const queued = pool.run(job('sleep 5000'), 'syntactic', { signal: controller.signal });
    await delay(50);
    controller.abort();
    assert.equal(await queued, undefined);
    const started = performance.now();
    await Promise.all(running);
    assert.ok(await pool.run(job('ok'), 'syntactic'));
    assert.ok(performance.now() - started < 2500, 'the dropped job never ran');
  });

  it('serves open documents before the workspace scan', async () => {
    await pool.catalog();
    const busy = [pool.run(job('sleep 400'), 'syntactic'), pool.run(job('sleep 400'), 'syntactic')];
    await delay(50);
    const order: string[] = [];
    const background = pool.run(job('sleep 50'), 'syntactic', { background: true }).then(() => order.push('scan'));
    const open = pool.run(job('ok'), 'syntactic').then(() => order.push('open'));
    await Promise.all([...busy, background, open]);
    assert.equal(order[0], 'open');
  });

  it('starts a spare worker during a long lint only when other documents may need one', async () => {
    await pool.catalog();
    othersOpen = false;
    const alone = pool.run(job('sleep 600'), 'syntactic');
    await delay(400);
    assert.equal(pool.workerCounts().syntactic, 1);
    await alone;
    othersOpen = true;
    const withOthers = pool.run(job('sleep 600'), 'syntactic');
    await delay(400);
    assert.equal(pool.workerCounts().syntactic, 2);
    await withOthers;
  });

  it('stops workspace code that runs over its budget, blocks that config and lints without it', async () => {
    await pool.catalog();
    const started = performance.now();
    const result = await pool.run(job('config-loop /ws'), 'syntactic');
    assert.ok(performance.now() - started >= 300);
    assert.match(blockedIn(result)['/ws'] ?? '', /^eslint\.config\.mjs did not finish loading within 300 ms \(an endless loop\?\)/);
    assert.ok(logs.some((line) => line.startsWith(`${path.join('/ws', 'eslint.config.mjs')} did not finish loading within 300 ms`)), logs.join('\n'));
  });

  it('replaces a worker that workspace code ended with process.exit, says so once and does not load that config again', async () => {
    await pool.catalog();
    assert.deepEqual(blockedIn(await pool.run(job('config-exit-later /ws 4'), 'syntactic')), {});
    await delay(300);
    assert.deepEqual(logs.filter((line) => line.includes('process.exit(4)')), [
      'The lint worker ended with process.exit(4), called from /ws/eslint.config.mjs:2:30 after loading /ws/eslint.config.mjs; it was replaced.',
    ]);
    for (let i = 0; i < 3; i++) {
      const blocked = blockedIn(await pool.run(job('config-exit-later /ws 4'), 'syntactic'));
      assert.match(blocked['/ws'] ?? '', /^eslint\.config\.mjs ended a lint worker with process\.exit\(4\)/);
    }
    await delay(300);
    assert.equal(logs.filter((line) => line.includes('process.exit(4)')).length, 1);
    assert.equal(pool.workerCounts().syntactic, 1);
  });

  it('replaces a worker that does not take its job (stuck in a timer a config left) and runs the job elsewhere', async () => {
    await pool.catalog();
    await pool.run(job('config-hang-later /ws'), 'syntactic');
    await delay(100);
    const result = await pool.run(job('ok'), 'syntactic');
    assert.match(blockedIn(result)['/ws'] ?? '', /left a lint worker unresponsive/);
    assert.ok(logs.some((line) => /stopped answering after loading \/ws\/eslint\.config\.mjs; it was replaced/.test(line)), logs.join('\n'));
  });

  it('gives up on a job that ends every worker it runs on', async () => {
    await pool.catalog();
    await assert.rejects(pool.run(job('exit-now 9'), 'syntactic'), /process\.exit\(9\)/);
    assert.ok(await pool.run(job('ok'), 'syntactic'), 'the pool still works');
  });
});
