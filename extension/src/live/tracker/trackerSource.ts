/**
 * The in-process tracker, as source text: one function expression that takes a `require` for
 * builtin modules. The same text is written to an `--import` file for launched programs and sent
 * in one `Runtime.evaluate` to attached ones, so it must stay self-contained (no imports, no
 * helpers from this bundle; that is why it is a string and not a function).
 *
 * What it keeps: promise hooks without stacks (id, parent id, birth time). Pending promises are held
 * strongly, so that work nothing else references (a chain of tasks waiting on a promise that can never
 * settle) is still there when a capture takes its heap snapshot: every promise for its first second,
 * and after that the oldest `MAX_HELD` pending ones; the rest only through WeakRefs. A promise is let go
 * when it settles. Event-loop delay from `monitorEventLoopDelay` (sampling resolution subtracted),
 * utilisation from `performance.eventLoopUtilization`, heap used. Creation stacks only after
 * `setStacks(true)`. Everything is read through `globalThis[Symbol.for('loopguard.tracker')].snapshot()`,
 * which returns JSON text and starts a new measuring interval; `discardInterval()` starts one without
 * reporting the last (the program was frozen by a capture or a debugger pause: not its own delay).
 */

export const TRACKER_VERSION = 2;
/** Pending promises older than a second that the tracker keeps alive, at most. */
export const TRACKER_MAX_HELD = 10_000;
export const TRACKER_GLOBAL_KEY = 'loopguard.tracker';
export const TRACKER_RESOLUTION_MS = 10;

const body = String.raw`function installLoopguardTracker(requireBuiltin) {
  'use strict';
  var KEY = Symbol.for('${TRACKER_GLOBAL_KEY}');
  if (globalThis[KEY]) return globalThis[KEY].version;
  var v8 = requireBuiltin('node:v8');
  var perfHooks = requireBuiltin('node:perf_hooks');
  var RESOLUTION_MS = ${TRACKER_RESOLUTION_MS};
  var YOUNG_MS = 1000;
  var MAX_HELD = ${TRACKER_MAX_HELD};
  var OLDEST_LIMIT = 20;
  var performance = perfHooks.performance;

  // Named so heap snapshots show what this is: the await-tree analysis leaves it out of what holds a promise.
  function LoopguardTrackerStrongRefs() { this.young = new Map(); this.held = new Map(); }
  var strong = new LoopguardTrackerStrongRefs();
  var info = new WeakMap();
  var old = [];
  var nextId = 1;
  var stacks = false;
  var coarseNow = performance.now();

  function init(promise, parent) {
    var parentRecord = parent === undefined ? undefined : (strong.young.get(parent) || info.get(parent));
    var record = { id: nextId++, parent: parentRecord ? parentRecord.id : 0, born: coarseNow, settled: false, stack: undefined };
    if (stacks) {
      var holder = {};
      Error.captureStackTrace(holder, init);
      record.stack = holder;
    }
    strong.young.set(promise, record);
  }
  function settled(promise) {
    var record = strong.young.get(promise);
    if (record !== undefined) { strong.young.delete(promise); return; }
    record = strong.held.get(promise);
    if (record !== undefined) { strong.held.delete(promise); return; }
    record = info.get(promise);
    if (record !== undefined) record.settled = true;
  }
  var stopHook = v8.promiseHooks.createHook({ init: init, settled: settled });

  var histogram = perfHooks.monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  var lastUtilization = performance.eventLoopUtilization();
  var lastRead = performance.now();

  function sweep() {
    coarseNow = performance.now();
    var limit = coarseNow - YOUNG_MS;
    strong.young.forEach(function (record, promise) {
      if (record.born > limit) return;
      strong.young.delete(promise);
      if (strong.held.size < MAX_HELD) {
        strong.held.set(promise, record);
        return;
      }
      info.set(promise, record);
      old.push(new WeakRef(promise));
    });
    var kept = [];
    for (var i = 0; i < old.length; i++) {
      var promise = old[i].deref();
      if (promise === undefined) continue;
      var record = info.get(promise);
      if (record !== undefined && !record.settled) kept.push(old[i]);
    }
    old = kept;
  }
  var clock = setInterval(function () { coarseNow = performance.now(); }, 100);
  var sweeper = setInterval(sweep, 500);
  clock.unref();
  sweeper.unref();

  function ms(nanoseconds) {
    var value = nanoseconds / 1e6 - RESOLUTION_MS;
    return value > 0 ? Math.round(value * 100) / 100 : 0;
  }
  function formatStack(holder) {
    if (!holder) return undefined;
    var lines = String(holder.stack).split('\n').slice(1);
    return lines.filter(function (line) {
      return line.indexOf('node:internal/promise_hooks') < 0 && line.indexOf('installLoopguardTracker') < 0;
    }).map(function (line) { return line.trim().replace(/^at /, ''); }).slice(0, 12);
  }
  function pendingRecords() {
    var records = [];
    strong.held.forEach(function (record) { records.push(record); });
    strong.young.forEach(function (record) { records.push(record); });
    for (var i = 0; i < old.length; i++) {
      var promise = old[i].deref();
      var record = promise === undefined ? undefined : info.get(promise);
      if (record !== undefined && !record.settled) records.push(record);
    }
    return records;
  }

  function snapshot(options) {
    var now = performance.now();
    coarseNow = now;
    var utilization = performance.eventLoopUtilization(lastUtilization);
    var records = pendingRecords();
    records.sort(function (a, b) { return a.born - b.born; });
    var memory = process.memoryUsage();
    var result = {
      version: ${TRACKER_VERSION},
      pid: process.pid,
      intervalMs: Math.round(now - lastRead),
      resolutionMs: RESOLUTION_MS,
      delay: histogram.count > 0
        ? { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean), samples: histogram.count }
        : { p50: 0, p99: 0, max: 0, mean: 0, samples: 0 },
      utilization: Math.round(utilization.utilization * 1000) / 1000,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      pending: records.length,
      stacks: stacks,
      oldest: records.slice(0, (options && options.oldest) || OLDEST_LIMIT).map(function (record) {
        return { id: record.id, parent: record.parent, ageMs: Math.round(now - record.born), stack: formatStack(record.stack) };
      }),
    };
    startInterval(now);
    return JSON.stringify(result);
  }
  function startInterval(now) {
    histogram.reset();
    lastUtilization = performance.eventLoopUtilization();
    lastRead = now;
  }
  // The first timer tick after a freeze records its delay: start afresh once more after it.
  function discardInterval() {
    startInterval(performance.now());
    var again = setTimeout(function () { startInterval(performance.now()); }, RESOLUTION_MS * 2);
    again.unref();
    return true;
  }
  function setStacks(on) { stacks = !!on; return stacks; }
  function dispose() {
    stopHook();
    histogram.disable();
    clearInterval(clock);
    clearInterval(sweeper);
    strong.young.clear();
    strong.held.clear();
    old = [];
    delete globalThis[KEY];
  }
  Object.defineProperty(globalThis, KEY, {
    value: { version: ${TRACKER_VERSION}, snapshot: snapshot, discardInterval: discardInterval, setStacks: setStacks, dispose: dispose },
    configurable: true, enumerable: false, writable: false,
  });
  return ${TRACKER_VERSION};
}`;

/** ES module text for `node --import <file>`. */
export function trackerImportModule(): string {
  return `import { createRequire } from 'node:module';\n(${body})(createRequire(import.meta.url));\n`;
}

/**
 * One expression for `Runtime.evaluate` in a running program: installs the tracker (once) and
 * evaluates to its version, or to 0 when the program's Node cannot load builtins from here.
 */
export function trackerInjectExpression(): string {
  return `(function () {
  var load = typeof process === 'object' && process && typeof process.getBuiltinModule === 'function'
    ? function (id) { return process.getBuiltinModule(id); }
    : (typeof require === 'function' ? require : undefined);
  if (!load) return 0;
  return (${body})(load);
})()`;
}

/** Expression that evaluates to the tracker's snapshot JSON text, or `null` without a tracker. */
export function trackerSnapshotExpression(): string {
  return `(globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')] ? globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')].snapshot() : null)`;
}

/** Expression that turns creation stacks on or off; evaluates to the new state or `null`. */
export function trackerSetStacksExpression(on: boolean): string {
  return `(globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')] ? globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')].setStacks(${on}) : null)`;
}

/**
 * Expression that starts a new measuring interval without reporting the last one (after a capture's
 * freeze or a debugger pause); evaluates to `true`, or `null` without a tracker.
 */
export function trackerDiscardIntervalExpression(): string {
  return `(globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')] && globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')].discardInterval ? globalThis[Symbol.for('${TRACKER_GLOBAL_KEY}')].discardInterval() : null)`;
}
