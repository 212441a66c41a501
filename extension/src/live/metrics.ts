/** The tracker's snapshot, validated: bad or foreign input gives `undefined`, never a throw. */

export interface LiveDelay {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

export interface PendingRecord {
  id: number;
  parent: number;
  ageMs: number;
  stack?: string[];
}

export interface LiveMetrics {
  version: number;
  pid: number;
  intervalMs: number;
  resolutionMs: number;
  delay: LiveDelay;
  utilization: number;
  heapUsed: number;
  heapTotal: number;
  pending: number;
  stacks: boolean;
  oldest: PendingRecord[];
}

export function parseLiveMetrics(text: unknown): LiveMetrics | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const delay = value.delay;
  if (!isObject(delay)) return undefined;
  const numbers = ['version', 'pid', 'intervalMs', 'resolutionMs', 'utilization', 'heapUsed', 'heapTotal', 'pending'] as const;
  if (!numbers.every((k) => isNumber(value[k]))) return undefined;
  if (!(['p50', 'p99', 'max', 'mean', 'samples'] as const).every((k) => isNumber(delay[k]))) return undefined;
  const oldest = Array.isArray(value.oldest) ? value.oldest.filter(isRecord) : [];
  return {
    version: value.version as number,
    pid: value.pid as number,
    intervalMs: value.intervalMs as number,
    resolutionMs: value.resolutionMs as number,
    delay: { p50: delay.p50 as number, p99: delay.p99 as number, max: delay.max as number, mean: delay.mean as number, samples: delay.samples as number },
    utilization: value.utilization as number,
    heapUsed: value.heapUsed as number,
    heapTotal: value.heapTotal as number,
    pending: value.pending as number,
    stacks: value.stacks === true,
    oldest: oldest.map((r) => ({ id: r.id as number, parent: r.parent as number, ageMs: r.ageMs as number, stack: Array.isArray(r.stack) ? r.stack.filter((s): s is string => typeof s === 'string') : undefined })),
  };
}

/** One-line header text, e.g. "delay p50 0 ms · p99 12 ms · max 48 ms │ ELU 15% │ heap 12.3 MB │ 42 pending". */
export function formatHeader(m: LiveMetrics): string {
  return [
    `delay p50 ${round(m.delay.p50)} ms · p99 ${round(m.delay.p99)} ms · max ${round(m.delay.max)} ms`,
    `ELU ${Math.round(m.utilization * 100)}%`,
    `heap ${formatBytes(m.heapUsed)}`,
    `${m.pending} pending`,
  ].join(' │ ');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}

function round(n: number): number {
  return n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return isObject(v) && isNumber(v.id) && isNumber(v.parent) && isNumber(v.ageMs);
}
