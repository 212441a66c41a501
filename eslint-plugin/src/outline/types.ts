/**
 * The async outline of one file: what the task inspector shows. Plain data (JSON-serialisable), with
 * LSP-style zero-based positions, so the language server can send it as is.
 */
export interface OutlinePosition {
  readonly line: number;
  readonly character: number;
}

export interface OutlineRange {
  readonly start: OutlinePosition;
  readonly end: OutlinePosition;
}

/**
 * - `unit`: an async function, method or arrow, or a callback run by the event loop;
 * - `await`: an await point (or `for await`);
 * - `fan-out`: `Promise.all/allSettled/race/any` (and p-map/p-all): tasks started together;
 * - `detached`: a promise nobody awaits (floating, `void`-ed, stored and never awaited);
 * - `blocking`: a call that blocks the event loop (directly or through a local helper);
 * - `resource`: a resource acquired here, and how it is released;
 * - `call`: a call of another async unit of this file;
 * - `return`: a promise returned without `await` from inside a `try`/`catch`/`finally` or a `using` scope,
 *   which leaves that guard before the promise settles;
 * - `race`: shared state written after an `await` from a read before it, where calls can overlap;
 * - `problem`: a Loopguard diagnostic no other node shows (added by the language server, which puts every
 *   diagnostic of the file on a node).
 */
export type OutlineNodeKind = 'unit' | 'await' | 'fan-out' | 'detached' | 'blocking' | 'resource' | 'call' | 'return' | 'race' | 'problem';

export interface OutlineNode {
  readonly kind: OutlineNodeKind;
  readonly label: string;
  readonly description: string;
  /** A codicon id (`symbol-method`, `watch`, `warning`…). */
  readonly icon: string;
  readonly range: OutlineRange;
  /**
   * The Loopguard rule that reports this node when it is enabled (`no-blocking-in-async`), decided by the
   * same analysis the rule runs. The server joins it with the actual diagnostics for severity and fixes.
   */
  readonly ruleId?: string;
  readonly children: OutlineNode[];
}

export interface OutlineSummary {
  readonly asyncUnits: number;
  readonly awaits: number;
  readonly fanOuts: number;
  readonly detached: number;
  readonly blocking: number;
  readonly leaks: number;
  /** Async callbacks given where their promise is ignored or misread (`no-misused-async-callback`). */
  readonly misused: number;
}

export interface AsyncOutline {
  readonly summary: OutlineSummary;
  readonly units: OutlineNode[];
}
