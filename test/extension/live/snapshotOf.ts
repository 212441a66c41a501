/** Runs a fixture program that writes a heap snapshot of itself, and parses that snapshot. */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseHeapSnapshot, type RawHeapSnapshot } from '../../../extension/src/live/heap/snapshotParser';

export const fixturesDir = path.join(__dirname, 'fixtures');

export async function snapshotOf(fixture: string): Promise<RawHeapSnapshot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'loopguard-live-'));
  const file = path.join(dir, 'fixture.heapsnapshot');
  try {
    await promisify(execFile)(process.execPath, [path.join(fixturesDir, fixture), file], { timeout: 30_000 });
    return await parseHeapSnapshot(createReadStream(file, { highWaterMark: 64 * 1024 }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
