/**
 * Takes a heap snapshot over CDP and parses it while the chunks arrive (never holding the text).
 * The debuggee is frozen while V8 writes the snapshot; `onProgress` reports V8's progress.
 */
import { HeapSnapshotParser, type RawHeapSnapshot } from '../heap/snapshotParser';
import type { CdpClient } from './cdpClient';

export interface CaptureOptions {
  /** Whole capture, default 5 minutes (a 77 MB heap takes ~9 s here; big heaps far more). */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function captureHeapSnapshot(client: CdpClient, options: CaptureOptions = {}): Promise<RawHeapSnapshot> {
  const parser = new HeapSnapshotParser();
  let parseError: Error | undefined;
  const stopChunks = client.on('HeapProfiler.addHeapSnapshotChunk', (params) => {
    const chunk = (params as { chunk?: unknown } | undefined)?.chunk;
    if (typeof chunk !== 'string' || parseError) return;
    try {
      parser.write(chunk);
    } catch (err) {
      parseError = err as Error;
    }
  });
  const stopProgress = client.on('HeapProfiler.reportHeapSnapshotProgress', (params) => {
    const p = params as { done?: unknown; total?: unknown } | undefined;
    if (typeof p?.done === 'number' && typeof p.total === 'number') options.onProgress?.(p.done, p.total);
  });
  try {
    await client.subscribe(['HeapProfiler.addHeapSnapshotChunk', 'HeapProfiler.reportHeapSnapshotProgress']);
    await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: options.onProgress !== undefined }, options.timeoutMs ?? 300_000);
  } finally {
    stopChunks();
    stopProgress();
  }
  if (parseError) throw parseError;
  return parser.finish();
}

export interface SuspendedLocation {
  scriptId: string;
  /** 0-based. */
  lineNumber: number;
  columnNumber: number;
  /** "suspended", "running" or "closed". */
  state?: string;
}

const OBJECT_GROUP = 'loopguard-live';

/**
 * Where a suspended async function is waiting (`[[GeneratorLocation]]`). Each lookup walks the
 * heap in the debuggee (16 ms at 4 MB, 630 ms at 77 MB), so callers fetch lazily and cap it.
 */
export async function fetchSuspendedLocation(client: CdpClient, heapId: number, timeoutMs = 10_000): Promise<SuspendedLocation | undefined> {
  try {
    const { result } = await client.send<{ result?: { objectId?: string } }>(
      'HeapProfiler.getObjectByHeapObjectId',
      { objectId: String(heapId), objectGroup: OBJECT_GROUP },
      timeoutMs,
    );
    if (!result?.objectId) return undefined;
    const props = await client.send<{ internalProperties?: { name: string; value?: { value?: unknown } }[] }>(
      'Runtime.getProperties',
      { objectId: result.objectId, ownProperties: true },
      timeoutMs,
    );
    const internal = props.internalProperties ?? [];
    const loc = internal.find((p) => p.name === '[[GeneratorLocation]]')?.value?.value as Partial<SuspendedLocation> | undefined;
    const state = internal.find((p) => p.name === '[[GeneratorState]]')?.value?.value;
    if (!loc || typeof loc.scriptId !== 'string' || typeof loc.lineNumber !== 'number') return undefined;
    return { scriptId: loc.scriptId, lineNumber: loc.lineNumber, columnNumber: typeof loc.columnNumber === 'number' ? loc.columnNumber : 0, state: typeof state === 'string' ? state : undefined };
  } finally {
    client.send('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP }, timeoutMs).catch(() => undefined);
  }
}
