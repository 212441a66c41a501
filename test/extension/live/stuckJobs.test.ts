import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CdpClient } from '../../../extension/src/live/cdp/cdpClient';
import { captureHeapSnapshot } from '../../../extension/src/live/cdp/heapCapture';
import { buildAwaitTree } from '../../../extension/src/live/heap/awaitTree';
import { parseLiveMetrics, type LiveMetrics } from '../../../extension/src/live/metrics';
import { trackerDiscardIntervalExpression, trackerImportModule, trackerSnapshotExpression } from '../../../extension/src/live/tracker/trackerSource';
import { startInspected, type InspectedProcess } from './inspectedProcess';
import { renderAwaitTree } from './knownTree';
import { STUCK_JOBS_TREES, rootTrees } from './stuckJobsTrees';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a capture of the most common stuck program (jobs on promises that never settle, a poller, a busy loop)', function () {
  this.timeout(120_000);
  let dir: string;
  let target: InspectedProcess | undefined;
  let client: CdpClient | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loopguard-stuck-'));
  });
  afterEach(async () => {
    client?.close();
    await target?.stop();
    client = undefined;
    target = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function start(args: string[]): Promise<CdpClient> {
    const tracker = path.join(dir, 'tracker.mjs');
    await writeFile(tracker, trackerImportModule());
    target = await startInspected('stuck-jobs.js', ['--import', pathToFileURL(tracker).href], 20_000, args);
    client = await CdpClient.connect(target.webSocketUrl);
    return client;
  }

  /** Blocks the program's event loop for `ms` in a timer callback of its own, and resolves once it is free again. */
  async function freezeLoop(cdp: CdpClient, ms: number): Promise<void> {
    const expression = `new Promise((resolve) => setTimeout(() => { const end = Date.now() + ${ms}; while (Date.now() < end); resolve(true); }, 0))`;
    await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  }

  async function metrics(cdp: CdpClient): Promise<LiveMetrics> {
    const answer = await cdp.send<{ result: { value?: unknown } }>('Runtime.evaluate', { expression: trackerSnapshotExpression(), returnByValue: true });
    const parsed = parseLiveMetrics(answer.result.value);
    assert.ok(parsed, `not tracker output: ${String(answer.result.value)}`);
    return parsed;
  }

  it('shows all three stuck jobs as never settling, and the poller; the capture loses no pending promise', async () => {
    const cdp = await start(['200']);
    // past the tracker's first second, when it keeps only pending promises it chose to hold
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const before = await metrics(cdp);
    const tree = buildAwaitTree(await captureHeapSnapshot(cdp));
    assert.deepEqual(rootTrees(renderAwaitTree(tree)), [...STUCK_JOBS_TREES].sort());
    const after = await metrics(cdp);
    // the heap snapshot collects garbage first: what the tracker holds survives it
    assert.ok(after.pending >= before.pending, `pending ${before.pending} before the capture, ${after.pending} after`);
    assert.ok(before.pending >= 9, `pending ${before.pending}`);
  });

  it('leaves the capture\'s freeze out of the delay figures', async function () {
    const cdp = await start(['0', '15']); // no busy loop; a heap big enough for a long freeze
    await delay(300);
    await metrics(cdp);
    // The control: a freeze shows as delay when nothing discards it. The loop is blocked in a timer of the program's own,
    // not by a capture. Neither is recorded every time: on this machine (Node 20.20, an inspector session attached) the
    // tracker's monitorEventLoopDelay records nothing at all for the freeze in about half the runs, while a second
    // monitor created in the same process records it each time; the cause is not found. Without the control the run
    // cannot tell whether discardInterval() works, so it says so and stops (pending), instead of passing or failing.
    await freezeLoop(cdp, 300);
    await delay(100);
    const withFreeze = await metrics(cdp);
    if (withFreeze.delay.max < 250) {
      console.log(`the delay monitor missed a 300 ms freeze (max ${withFreeze.delay.max} ms): discardInterval() not checked in this run`);
      this.skip();
    }

    // As the controller does: a capture (and a freeze after it, standing in for the capture's own when the monitor sees
    // it), then discardInterval(), which also drops the monitor's first tick after the freeze.
    await captureHeapSnapshot(cdp);
    await freezeLoop(cdp, 300);
    await cdp.send('Runtime.evaluate', { expression: trackerDiscardIntervalExpression(), returnByValue: true });
    await delay(100);
    const discarded = await metrics(cdp);
    assert.ok(discarded.delay.max < 50, `after a capture, a 300 ms freeze and discardInterval(): max delay ${discarded.delay.max} ms`);
  });
});
