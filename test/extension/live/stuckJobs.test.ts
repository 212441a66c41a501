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

  it('leaves the capture\'s freeze out of the delay figures', async () => {
    const cdp = await start(['0', '15']); // no busy loop; a heap big enough for a long freeze
    await new Promise((resolve) => setTimeout(resolve, 300));
    await metrics(cdp);
    let started = Date.now();
    await captureHeapSnapshot(cdp);
    const frozenMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const withFreeze = await metrics(cdp);
    assert.ok(withFreeze.delay.max >= 100, `a ${frozenMs} ms capture shows as ${withFreeze.delay.max} ms of delay when nothing discards it`);

    started = Date.now();
    await captureHeapSnapshot(cdp);
    await cdp.send('Runtime.evaluate', { expression: trackerDiscardIntervalExpression(), returnByValue: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const discarded = await metrics(cdp);
    assert.ok(discarded.delay.max < 50, `after a ${Date.now() - started} ms capture and discardInterval(): max delay ${discarded.delay.max} ms`);
  });
});
