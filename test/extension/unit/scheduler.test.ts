import * as assert from 'node:assert/strict';

import { LintScheduler } from '../../../extension/src/server/scheduler';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LintScheduler', () => {
  it('debounces: only the last of quick requests runs', async () => {
    const runs: string[] = [];
    const scheduler = new LintScheduler<string>(async (uri, trigger) => { runs.push(`${uri}:${trigger}`); });
    for (let i = 0; i < 5; i++) scheduler.schedule('a', 20, `t${i}`);
    await delay(60);
    await scheduler.idle('a');
    assert.deepEqual(runs, ['a:t4']);
  });

  it('runs again once after a request that arrived during a run', async () => {
    const runs: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => { release = resolve; });
    const scheduler = new LintScheduler<string>(async (_uri, trigger) => {
      runs.push(trigger);
      if (trigger === 'first') await blocked;
    });
    scheduler.schedule('a', 0, 'first');
    await delay(10);
    scheduler.schedule('a', 0, 'second');
    scheduler.schedule('a', 0, 'third');
    await delay(10);
    assert.deepEqual(runs, ['first']);
    release();
    await delay(10);
    await scheduler.idle('a');
    assert.deepEqual(runs, ['first', 'third']);
  });

  it('cancel drops a pending run; documents are independent', async () => {
    const runs: string[] = [];
    const scheduler = new LintScheduler<string>(async (uri) => { runs.push(uri); });
    scheduler.schedule('a', 10, 'x');
    scheduler.schedule('b', 10, 'x');
    scheduler.cancel('a');
    await delay(40);
    assert.deepEqual(runs, ['b']);
  });

  it('survives a failing run', async () => {
    let count = 0;
    const scheduler = new LintScheduler<string>(async () => { count++; throw new Error('boom'); });
    scheduler.schedule('a', 0, 'x');
    await delay(10);
    scheduler.schedule('a', 0, 'x');
    await delay(10);
    assert.equal(count, 2);
  });
});
