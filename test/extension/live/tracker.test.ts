import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CdpClient } from '../../../extension/src/live/cdp/cdpClient';
import { parseLiveMetrics, formatHeader, type LiveMetrics } from '../../../extension/src/live/metrics';
import { TRACKER_VERSION, trackerImportModule, trackerInjectExpression, trackerSnapshotExpression } from '../../../extension/src/live/tracker/trackerSource';
import { startInspected } from './inspectedProcess';
import { fixturesDir } from './snapshotOf';

async function runWithTracker(args: string[]): Promise<LiveMetrics> {
  const dir = await mkdtemp(path.join(tmpdir(), 'loopguard-tracker-'));
  try {
    const file = path.join(dir, 'tracker.mjs');
    await writeFile(file, trackerImportModule());
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', pathToFileURL(file).href, path.join(fixturesDir, 'tracker-target.js'), ...args], { timeout: 30_000 });
    const metrics = parseLiveMetrics(stdout.trim());
    assert.ok(metrics, `not tracker output: ${stdout}`);
    return metrics;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('tracker', function () {
  this.timeout(60_000);

  it('preloaded with --import: sees a 200 ms block, utilisation, heap and pending promises, no stacks', async () => {
    const m = await runWithTracker([]);
    assert.ok(m.delay.max >= 150 && m.delay.max < 1000, `max delay ${m.delay.max}`);
    assert.ok(m.delay.p50 < m.delay.max, `p50 ${m.delay.p50} vs max ${m.delay.max}`);
    assert.ok(m.utilization > 0.3 && m.utilization <= 1, `utilisation ${m.utilization}`);
    assert.ok(m.heapUsed > 1_000_000 && m.heapUsed <= m.heapTotal);
    assert.ok(m.pending >= 101 && m.pending < 150, `pending ${m.pending}`);
    assert.equal(m.stacks, false);
    assert.ok(m.oldest.length > 0 && m.oldest.every((r) => r.stack === undefined));
    assert.ok(m.oldest[0].ageMs >= 200, `oldest age ${m.oldest[0].ageMs}`);
    assert.match(formatHeader(m), /^delay p50 .* ms · p99 .* ms · max \d+ ms │ ELU \d+% │ heap [\d.]+ MB │ \d+ pending$/);
  });

  it('records creation stacks only when asked, without the hook dispatcher frames', async () => {
    const m = await runWithTracker(['stacks', 'x']);
    assert.equal(m.stacks, true);
    const stacks = m.oldest.map((r) => r.stack ?? []);
    const mine = stacks.find((s) => s.some((line) => line.startsWith('createdHere ')));
    assert.ok(mine, `no stack through createdHere in ${JSON.stringify(stacks.slice(0, 3))}`);
    assert.ok(mine[0].startsWith('new Promise') || mine[0].startsWith('createdHere'), mine[0]);
    assert.ok(stacks.flat().every((line) => !line.includes('promise_hooks') && !line.includes('installLoopguardTracker')));
  });

  it('injected with one Runtime.evaluate into a running program, once', async () => {
    const target = await startInspected('known-tree.js');
    const client = await CdpClient.connect(target.webSocketUrl);
    try {
      const evaluate = async (expression: string): Promise<unknown> =>
        (await client.send<{ result: { value?: unknown } }>('Runtime.evaluate', { expression, returnByValue: true })).result.value;
      assert.equal(await evaluate(trackerSnapshotExpression()), null);
      assert.equal(await evaluate(trackerInjectExpression()), TRACKER_VERSION);
      assert.equal(await evaluate(trackerInjectExpression()), TRACKER_VERSION);
      await evaluate('globalThis.later = Array.from({ length: 50 }, () => new Promise(() => {})); 0');
      // the delay monitor measures from its first tick on: let it start before blocking
      await new Promise((r) => setTimeout(r, 100));
      await evaluate('(() => { const end = Date.now() + 200; while (Date.now() < end); })()');
      await new Promise((r) => setTimeout(r, 100));
      const m = parseLiveMetrics(await evaluate(trackerSnapshotExpression()));
      assert.ok(m, 'no snapshot');
      assert.ok(m.pending >= 50, `pending ${m.pending}`);
      assert.ok(m.delay.max >= 150, `max delay ${m.delay.max}`);
      // a new interval starts after each read
      await new Promise((r) => setTimeout(r, 100));
      const next = parseLiveMetrics(await evaluate(trackerSnapshotExpression()));
      assert.ok(next && next.delay.max < 150, `max delay after reset ${next?.delay.max}`);
    } finally {
      client.close();
      await target.stop();
    }
  });
});

describe('parseLiveMetrics', () => {
  it('rejects foreign or broken input without throwing', () => {
    for (const bad of [undefined, null, 42, '', 'not json', '[]', '{}', '{"delay":{}}', JSON.stringify({ version: 1, delay: { p50: 'x' } })]) {
      assert.equal(parseLiveMetrics(bad), undefined, String(bad));
    }
  });
});
