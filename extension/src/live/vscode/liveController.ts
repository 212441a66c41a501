/**
 * State of the Live view: which js-debug session it follows, the tracker's latest numbers, and the
 * last captured task tree. Polls every 1.5 s while the view is visible and the program runs.
 */
import * as vscode from 'vscode';
import { captureHeapSnapshot, fetchSuspendedLocation, type SuspendedLocation } from '../cdp/heapCapture';
import { buildAwaitTree, type AwaitTree } from '../heap/awaitTree';
import { formatBytes, parseLiveMetrics, type LiveMetrics } from '../metrics';
import { trackerDiscardIntervalExpression, trackerInjectExpression, trackerSnapshotExpression } from '../tracker/trackerSource';
import { TRACKED_DEBUG_TYPES } from '../launchConfig';
import { SessionChannel } from './sessionChannel';

export const POLL_INTERVAL_MS = 1_500;
/** `[[GeneratorLocation]]` lookups walk the debuggee's heap: at most this many per capture. */
export const LOCATION_LOOKUP_CAP = 50;
/** Looked up right after a capture when the heap is at most this big (~16 ms each at 4 MB). */
const EAGER_LOCATION_COUNT = 10;
const EAGER_LOCATION_MAX_HEAP = 32 * 1024 * 1024;
const RESUMING_REQUESTS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'restartFrame', 'goto']);

export type CaptureState =
  | { kind: 'none' }
  | { kind: 'capturing'; heapBytes?: number }
  | { kind: 'done'; tree: AwaitTree; at: Date; tookMs: number }
  | { kind: 'failed'; message: string };

export type LocationState = { kind: 'pending' } | { kind: 'known'; url: string; location: SuspendedLocation } | { kind: 'unknown' };

export class LiveSession {
  metrics: LiveMetrics | undefined;
  /** Why there are no numbers (no tracker, evaluate failed...). */
  metricsNote: string | undefined;
  paused = false;
  ended = false;
  capture: CaptureState = { kind: 'none' };
  readonly locations = new Map<number, LocationState>();
  injectionTried = false;
  constructor(readonly channel: SessionChannel) {}
  get session(): vscode.DebugSession {
    return this.channel.session;
  }
}

export class LiveController implements vscode.Disposable {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private visible = false;
  private polling = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: (line: string) => void) {
    this.disposables.push(
      vscode.debug.onDidStartDebugSession((s) => this.track(s)),
      vscode.debug.onDidTerminateDebugSession((s) => this.untrack(s)),
      vscode.debug.onDidChangeActiveDebugSession(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('loopguard.live') && this.changed.fire()),
    );
    for (const type of TRACKED_DEBUG_TYPES) {
      this.disposables.push(
        vscode.debug.registerDebugAdapterTrackerFactory(type, {
          createDebugAdapterTracker: (session) => ({
            onDidSendMessage: (message: { type?: string; event?: string; body?: { reason?: unknown } }) => {
              if (message?.type !== 'event') return;
              if (message.event === 'stopped') this.setPaused(session, true, typeof message.body?.reason === 'string' ? message.body.reason : '');
              else if (message.event === 'continued') this.setPaused(session, false, '');
            },
            // a client-requested resume has no 'continued' event (DAP): watch the requests too
            onWillReceiveMessage: (message: { type?: string; command?: string }) => {
              if (message?.type === 'request' && RESUMING_REQUESTS.has(message.command ?? '')) this.setPaused(session, false, '');
            },
          }),
        }),
      );
    }
    if (vscode.debug.activeDebugSession) this.track(vscode.debug.activeDebugSession);
  }

  /** The session the view shows: the active js-debug target (child) session. */
  get current(): LiveSession | undefined {
    const active = vscode.debug.activeDebugSession;
    if (!active) return undefined;
    const own = this.sessions.get(active.id);
    if (own) return own;
    // the launcher (parent) is active: show its child target session
    for (const s of this.sessions.values()) if (s.session.parentSession?.id === active.id) return s;
    return undefined;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.update();
  }

  private track(session: vscode.DebugSession): void {
    if (!(TRACKED_DEBUG_TYPES as readonly string[]).includes(session.type) || !session.parentSession) return;
    if (this.sessions.has(session.id)) return;
    this.sessions.set(session.id, new LiveSession(new SessionChannel(session, this.log)));
    this.update();
  }

  private untrack(session: vscode.DebugSession): void {
    const live = this.sessions.get(session.id);
    if (!live) return;
    live.ended = true;
    if (live.capture.kind === 'capturing') live.capture = { kind: 'failed', message: 'the debug session ended during the capture' };
    live.channel.dispose();
    this.sessions.delete(session.id);
    this.update();
  }

  private setPaused(session: vscode.DebugSession, paused: boolean, reason: string): void {
    const live = this.sessions.get(session.id);
    if (!live || live.paused === paused) return;
    live.paused = paused;
    this.changed.fire();
    // the time the debugger held the program is not event-loop delay of the program's own making
    if (!paused) void this.discardInterval(live);
    // not on every step of a stepping user: only where they stopped on purpose
    if (paused && reason !== 'step' && reason !== 'entry' && reason !== 'goto') void this.maybeCaptureOnPause(live);
    else this.update();
  }

  private async maybeCaptureOnPause(live: LiveSession): Promise<void> {
    const maxMb = vscode.workspace.getConfiguration('loopguard.live').get<number>('captureOnPauseMaxHeap', 16);
    if (!maxMb || !live.metrics || live.metrics.heapUsed > maxMb * 1024 * 1024) return;
    if (live.capture.kind === 'capturing') return;
    await this.capture(live);
  }

  /** Starts or stops polling to match visibility and the current session. */
  private update(): void {
    this.changed.fire();
    const shouldPoll = this.visible && this.current !== undefined;
    if (shouldPoll && !this.timer) {
      this.timer = setInterval(() => void this.poll(), POLL_INTERVAL_MS);
      void this.poll();
    } else if (!shouldPoll && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private async poll(live = this.current): Promise<void> {
    if (!live || live.paused || live.ended || this.polling || live.capture.kind === 'capturing') return;
    this.polling = true;
    try {
      let text = await live.channel.evaluateString(trackerSnapshotExpression());
      if (text === undefined && !live.injectionTried && vscode.workspace.getConfiguration('loopguard.live').get<boolean>('tracker', true)) {
        live.injectionTried = true;
        const version = await live.channel.evaluateString(trackerInjectExpression());
        this.log(`[live] tracker injected into "${live.session.name}": ${version ?? 'failed'}`);
        text = await live.channel.evaluateString(trackerSnapshotExpression());
      }
      const metrics = parseLiveMetrics(text);
      live.metrics = metrics ?? live.metrics;
      live.metricsNote = metrics ? undefined : text === undefined ? 'no tracker in this program (setting loopguard.live.tracker is off, or it cannot load)' : 'the tracker answered something unexpected';
    } catch (err) {
      live.metricsNote = `no answer from the program: ${(err as Error).message}`;
    } finally {
      this.polling = false;
      this.changed.fire();
    }
  }

  /** Starts a new measuring interval in the tracker without reporting the last one. */
  private async discardInterval(live: LiveSession): Promise<void> {
    try {
      await live.channel.evaluateString(trackerDiscardIntervalExpression());
    } catch {
      // no tracker, or the session is ending: nothing to discard
    }
  }

  /**
   * Takes a heap snapshot (the program is frozen meanwhile) and builds the await tree. The freeze is left
   * out of the header's figures: the numbers up to the capture are read first, the interval with the
   * freeze is discarded after it.
   */
  async capture(live = this.current): Promise<void> {
    if (!live) {
      void vscode.window.showInformationMessage('Loopguard: start a Node debug session to capture its task tree.');
      return;
    }
    if (live.capture.kind === 'capturing') return;
    if (!live.paused) await this.poll(live); // the figures up to the freeze
    if ((live.capture as CaptureState).kind === 'capturing') return; // another capture started meanwhile
    const heap = live.metrics ? ` (heap ${formatBytes(live.metrics.heapUsed)})` : '';
    live.capture = { kind: 'capturing', heapBytes: live.metrics?.heapUsed };
    live.locations.clear();
    this.changed.fire();
    const started = Date.now();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Loopguard: capturing the task tree${heap}; the program is frozen meanwhile`, cancellable: false },
      async (progress) => {
        try {
          const cdp = await live.channel.cdpClient(true);
          if (!cdp) throw new Error('js-debug offers no CDP connection for this session, which a heap snapshot needs');
          let reported = 0;
          const raw = await captureHeapSnapshot(cdp, {
            onProgress: (done, total) => {
              const pct = total > 0 ? Math.floor((done / total) * 90) : 0;
              if (pct > reported) {
                progress.report({ increment: pct - reported, message: 'writing the heap snapshot' });
                reported = pct;
              }
            },
          }).finally(() => (live.paused ? undefined : this.discardInterval(live)));
          progress.report({ increment: 90 - reported, message: 'analysing' });
          const tree = buildAwaitTree(raw);
          live.capture = live.ended ? { kind: 'failed', message: 'the debug session ended during the capture' } : { kind: 'done', tree, at: new Date(), tookMs: Date.now() - started };
          this.log(`[live] captured ${tree.taskCount} tasks from ${tree.heapNodeCount} heap objects in ${Date.now() - started} ms`);
          if (live.capture.kind === 'done' && (live.metrics?.heapUsed ?? Infinity) <= EAGER_LOCATION_MAX_HEAP) void this.resolveFirstLocations(live, tree);
        } catch (err) {
          live.capture = { kind: 'failed', message: live.ended ? 'the debug session ended during the capture' : (err as Error).message };
          this.log(`[live] capture failed: ${(err as Error).message}`);
        } finally {
          this.changed.fire();
        }
      },
    );
  }

  /**
   * Rows open expanded, so "on expand" never fires for them: on a small heap, look up where the
   * first few tasks are suspended right away (each lookup walks the debuggee's heap).
   */
  private async resolveFirstLocations(live: LiveSession, tree: AwaitTree): Promise<void> {
    const tasks: number[] = [];
    const walk = (nodes: AwaitTree['roots']): void => {
      for (const n of nodes) {
        if (tasks.length >= EAGER_LOCATION_COUNT) return;
        if (n.kind === 'task') tasks.push(n.heapId);
        walk(n.children);
      }
    };
    walk(tree.roots);
    for (const heapId of tasks) {
      if (live.ended || live.capture.kind !== 'done' || live.capture.tree !== tree) return;
      await this.resolveLocation(live, heapId);
    }
  }

  /** Fetches where a suspended task waits, lazily (on expand), capped per capture. */
  async resolveLocation(live: LiveSession, heapId: number): Promise<void> {
    const capture = live.capture;
    if (live.locations.has(heapId) || capture.kind !== 'done') return;
    if (live.locations.size >= LOCATION_LOOKUP_CAP) return;
    live.locations.set(heapId, { kind: 'pending' });
    try {
      const cdp = await live.channel.cdpClient();
      const loc = cdp ? await fetchSuspendedLocation(cdp, heapId) : undefined;
      const url = loc ? capture.tree.scriptUrls.get(Number(loc.scriptId)) : undefined;
      live.locations.set(heapId, loc && url && loc.state === 'suspended' ? { kind: 'known', url, location: loc } : { kind: 'unknown' });
    } catch {
      live.locations.set(heapId, { kind: 'unknown' });
    }
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.sessions.values()) s.channel.dispose();
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
