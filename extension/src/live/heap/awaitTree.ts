/**
 * Builds a pstree-like await tree from a heap snapshot.
 *
 * In V8 an awaited promise points at its waiters (promise → reaction → handler closure → context →
 * suspended async function), never the other way round. We collect those edges once, invert them
 * into "X waits on Y", and print the tree from the outermost suspended async functions down to the
 * leaf promises, where we name what holds the resolver (a Timeout, an array, a closure variable...)
 * and flag the ones that can never settle.
 */
import { HeapGraph, type SourcePosition } from './heapGraph';
import type { RawHeapSnapshot } from './snapshotParser';

export type AwaitNodeKind = 'task' | 'all' | 'allSettled' | 'any' | 'race' | 'then' | 'promise';

export interface AwaitNode {
  kind: AwaitNodeKind;
  /** `main()`, `Promise.all`, `.then(onDone)`, `Promise`. */
  label: string;
  /** Heap object id (the async function object for tasks, the promise otherwise). */
  heapId: number;
  /** Where the async function (or `.then` handler) is defined; 0-based, generated JS. */
  location?: SourcePosition;
  /** For leaves: what keeps the resolver alive, e.g. "Timeout (_onTimeout)". */
  holder?: string;
  /** True when nothing alive can settle this (or, for inner nodes, the children make it impossible). */
  neverSettles: boolean;
  /** Set on the node that closes an await cycle (a deadlock). */
  cycle?: boolean;
  /** A task that is not suspended at an await (it is running, or its await target is unknown). */
  running?: boolean;
  children: AwaitNode[];
}

export interface AwaitTree {
  roots: AwaitNode[];
  /** Suspended async functions found. */
  taskCount: number;
  /** Promises that have at least one waiter (reaction). */
  pendingPromiseCount: number;
  heapNodeCount: number;
  /** CDP script id → URL, to resolve `[[GeneratorLocation]]` without the Debugger domain. */
  scriptUrls: Map<number, string>;
}

type Dependency = { kind: 'await'; task: number } | { kind: 'all' | 'allSettled' | 'any' | 'forward' | 'then'; promise: number; handler?: number };

const ELEMENT_CLOSURES: Record<string, 'all' | 'allSettled' | 'any'> = {
  PromiseAllResolveElementClosure: 'all',
  PromiseAllSettledResolveElementClosure: 'allSettled',
  PromiseAllSettledRejectElementClosure: 'allSettled',
  PromiseAnyRejectElementClosure: 'any',
};
const AWAIT_CLOSURES = new Set(['AsyncFunctionAwaitResolveClosure', 'AsyncFunctionAwaitRejectClosure']);
const RESOLVER_CLOSURES = new Set(['PromiseCapabilityDefaultResolve', 'PromiseCapabilityDefaultReject']);
/** Objects that can hold a promise but never settle it by themselves. */
const PASSIVE_HOLDERS = new Set(['Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'global', 'system / Context']);
/** The constructor name of the live tracker's strong references (see tracker/trackerSource.ts). */
const TRACKER_HOLDER = 'LoopguardTrackerStrongRefs';
const MAX_REACHABILITY_VISITS = 500_000;
const MAX_HOLDER_DEPTH = 12;

export function buildAwaitTree(raw: RawHeapSnapshot | HeapGraph): AwaitTree {
  const graph = raw instanceof HeapGraph ? raw : new HeapGraph(raw);
  return new AwaitTreeBuilder(graph).build();
}

class AwaitTreeBuilder {
  /** promise → what waits on it. */
  private readonly dependents = new Map<number, Dependency[]>();
  /** promise → what it waits on (inverse of `dependents`, tasks excluded). */
  private readonly waitsOn = new Map<number, { on: number; kind: Dependency['kind']; handler?: number }[]>();
  /** async function object → its own promise, and the reverse. */
  private readonly promiseOfTask = new Map<number, number>();
  private readonly taskOfPromise = new Map<number, number>();
  /** async function object → the promise it is suspended on. */
  private readonly awaitedBy = new Map<number, number>();
  private readonly promises: number[] = [];
  private readonly visitedTasks = new Set<number>();
  /**
   * The live tracker's own strong references (its `LoopguardTrackerStrongRefs` and their maps): they keep
   * pending promises alive for the capture, so they never count as what holds or can settle a promise.
   */
  private readonly trackerNodes = new Set<number>();

  constructor(private readonly g: HeapGraph) {}

  build(): AwaitTree {
    this.scan();
    // Roots: tasks nobody waits on. One that is not suspended at an await either (it is running,
    // or finished with a result the snapshot does not show) tells nothing about waiting: left out.
    const rootTasks = [...this.promiseOfTask.keys()].filter(
      (task) => this.awaitedBy.has(task) && !this.hasVisibleDependent(this.promiseOfTask.get(task)!, new Set()),
    );
    rootTasks.sort((a, b) => this.g.id(a) - this.g.id(b));
    const roots = rootTasks.map((task) => this.buildPromise(this.promiseOfTask.get(task)!, []));
    // Tasks in an await cycle have no root above them: show each cycle once.
    const rest = [...this.promiseOfTask.keys()].filter((t) => !this.visitedTasks.has(t) && this.awaitedBy.has(t)).sort((a, b) => this.g.id(a) - this.g.id(b));
    for (const task of rest) {
      if (!this.visitedTasks.has(task)) roots.push(this.buildPromise(this.promiseOfTask.get(task)!, []));
    }
    let pending = 0;
    for (const p of this.promises) if (this.reactionsOf(p).length > 0) pending++;
    return { roots, taskCount: this.awaitedBy.size, pendingPromiseCount: pending, heapNodeCount: this.g.nodeCount, scriptUrls: this.g.scriptUrls() };
  }

  // ---- scanning -------------------------------------------------------------------------------

  private scan(): void {
    const g = this.g;
    for (let n = 0; n < g.nodeCount; n++) {
      if (g.type(n) !== 'object') continue;
      const name = g.name(n);
      if (name === TRACKER_HOLDER) this.collectTrackerNodes(n);
      if (name === 'Promise' || (name !== 'Generator' && name !== 'Object' && g.child(n, 'reactions_or_result') >= 0)) {
        this.promises.push(n);
      } else if (name === 'Generator' && g.child(n, 'function') >= 0) {
        const promise = this.firstChildWhere(n, (c) => this.isPromise(c));
        // a finished async function can outlive its run (a debugger's async stacks keep it): skip it
        if (promise >= 0 && !this.isSettled(promise)) {
          this.promiseOfTask.set(n, promise);
          this.taskOfPromise.set(promise, n);
        }
      }
    }
    for (const p of this.promises) {
      for (const reaction of this.reactionsOf(p)) {
        const dep = this.classifyReaction(reaction);
        if (!dep) continue;
        push(this.dependents, p, dep);
        if (dep.kind === 'await') {
          this.awaitedBy.set(dep.task, p);
        } else {
          push(this.waitsOn, dep.promise, { on: p, kind: dep.kind, handler: dep.handler });
        }
      }
    }
  }

  /** The tracker's holder object, its maps and their backing stores. */
  private collectTrackerNodes(holder: number): void {
    const g = this.g;
    this.trackerNodes.add(holder);
    for (const map of g.children(holder)) {
      if (g.type(map) !== 'object' || g.name(map) !== 'Map') continue;
      this.trackerNodes.add(map);
      for (const store of g.children(map)) if (g.type(store) === 'array' || g.type(store) === 'hidden') this.trackerNodes.add(store);
    }
  }

  /** Settled promises keep their result where pending ones keep reactions (or nothing). */
  private isSettled(promise: number): boolean {
    const r = this.g.child(promise, 'reactions_or_result');
    return r >= 0 && this.g.name(r) !== 'system / PromiseReaction';
  }

  private isPromise(n: number): boolean {
    return this.g.type(n) === 'object' && (this.g.name(n) === 'Promise' || this.g.child(n, 'reactions_or_result') >= 0);
  }

  private firstChildWhere(n: number, test: (c: number) => boolean): number {
    for (const c of this.g.children(n)) if (test(c)) return c;
    return -1;
  }

  /** The PromiseReaction list of a pending promise (empty for settled ones). */
  private reactionsOf(promise: number): number[] {
    const out: number[] = [];
    let r = this.g.child(promise, 'reactions_or_result');
    const seen = new Set<number>();
    while (r >= 0 && this.g.name(r) === 'system / PromiseReaction' && !seen.has(r)) {
      seen.add(r);
      out.push(r);
      r = this.firstChildWhere(r, (c) => this.g.name(c) === 'system / PromiseReaction');
    }
    return out;
  }

  private classifyReaction(reaction: number): Dependency | undefined {
    const g = this.g;
    const handlers: number[] = [];
    let derived = -1;
    for (const c of g.children(reaction)) {
      if (g.type(c) === 'closure') handlers.push(c);
      else if (this.isPromise(c)) derived = c;
      else if (g.name(c) === 'system / PromiseCapability' && derived < 0) derived = this.firstChildWhere(c, (x) => this.isPromise(x));
    }
    const codes = handlers.map((h) => g.builtinCode(h));
    for (let i = 0; i < handlers.length; i++) {
      const kind = ELEMENT_CLOSURES[codes[i]];
      if (kind) {
        const capability = this.firstChildWhere(g.child(handlers[i], 'context'), (c) => g.name(c) === 'system / PromiseCapability');
        const group = capability < 0 ? -1 : this.firstChildWhere(capability, (c) => this.isPromise(c));
        if (group >= 0) return { kind, promise: group };
      }
    }
    for (let i = 0; i < handlers.length; i++) {
      if (AWAIT_CLOSURES.has(codes[i])) {
        const task = g.child(g.child(handlers[i], 'context'), 'extension');
        if (task >= 0 && this.promiseOfTask.has(task)) return { kind: 'await', task };
      }
    }
    for (let i = 0; i < handlers.length; i++) {
      if (RESOLVER_CLOSURES.has(codes[i])) {
        const target = this.resolvedBy(handlers[i]);
        if (target >= 0) return { kind: 'forward', promise: target };
      }
    }
    if (derived >= 0) {
      const handler = handlers.find((h, i) => codes[i] === '') ?? handlers[0];
      return { kind: 'then', promise: derived, handler };
    }
    return undefined;
  }

  /** The promise a resolve/reject function settles, or -1. */
  private resolvedBy(fn: number): number {
    const ctx = this.g.child(fn, 'context');
    return ctx < 0 ? -1 : this.firstChildWhere(ctx, (c) => this.isPromise(c));
  }

  /** Whether some task or group waits on this promise, directly or through `.then`/resolve chains. */
  private hasVisibleDependent(promise: number, seen: Set<number>): boolean {
    if (seen.has(promise)) return false;
    seen.add(promise);
    for (const dep of this.dependents.get(promise) ?? []) {
      if (dep.kind === 'await' || dep.kind === 'all' || dep.kind === 'allSettled' || dep.kind === 'any') return true;
      if (dep.kind === 'forward' && this.forwardCount(dep.promise) > 1) return true;
      if (this.hasVisibleDependent(dep.promise, seen)) return true;
    }
    return false;
  }

  private forwardCount(promise: number): number {
    return (this.waitsOn.get(promise) ?? []).filter((w) => w.kind === 'forward').length;
  }

  // ---- tree -----------------------------------------------------------------------------------

  private buildPromise(promise: number, path: number[]): AwaitNode {
    const g = this.g;
    const task = this.taskOfPromise.get(promise);
    if (path.includes(promise)) {
      const label = task !== undefined ? `${this.taskName(task)}()` : 'Promise';
      return { kind: task !== undefined ? 'task' : 'promise', label, heapId: g.id(task ?? promise), neverSettles: true, cycle: true, children: [] };
    }
    const inner = [...path, promise];
    if (task !== undefined) {
      this.visitedTasks.add(task);
      const fn = g.child(task, 'function');
      const node: AwaitNode = { kind: 'task', label: `${this.taskName(task)}()`, heapId: g.id(task), location: fn >= 0 ? g.functionPosition(fn) : undefined, neverSettles: false, children: [] };
      const awaited = this.awaitedBy.get(task);
      if (awaited === undefined) {
        node.running = true;
      } else {
        node.children.push(this.buildPromise(awaited, inner));
        node.neverSettles = node.children[0].neverSettles;
      }
      return node;
    }
    const waits = this.waitsOn.get(promise) ?? [];
    const group = waits.find((w) => w.kind === 'all' || w.kind === 'allSettled' || w.kind === 'any');
    const forwards = waits.filter((w) => w.kind === 'forward');
    if (group || forwards.length > 1) {
      const kind = group ? (group.kind as 'all' | 'allSettled' | 'any') : 'race';
      const members = (group ? waits.filter((w) => w.kind === kind) : forwards).map((w) => w.on);
      members.sort((a, b) => g.id(a) - g.id(b));
      const children = members.map((m) => this.buildPromise(m, inner));
      const never = kind === 'race' || kind === 'any' ? children.length > 0 && children.every((c) => c.neverSettles) : children.some((c) => c.neverSettles);
      return { kind, label: `Promise.${kind}`, heapId: g.id(promise), neverSettles: never, children };
    }
    if (forwards.length === 1) return this.buildPromise(forwards[0].on, path);
    const then = waits.find((w) => w.kind === 'then');
    if (then) {
      const handler = then.handler ?? -1;
      const name = handler >= 0 ? g.name(handler) || '<anonymous>' : '';
      const child = this.buildPromise(then.on, inner);
      return {
        kind: 'then',
        label: `.then(${name})`,
        heapId: g.id(promise),
        location: handler >= 0 ? g.functionPosition(handler) : undefined,
        neverSettles: child.neverSettles,
        children: [child],
      };
    }
    return this.buildLeaf(promise);
  }

  private taskName(task: number): string {
    const fn = this.g.child(task, 'function');
    return (fn >= 0 && this.g.name(fn)) || '<anonymous>';
  }

  private buildLeaf(promise: number): AwaitNode {
    const g = this.g;
    const forbidden = this.waitingSide(promise);
    const resolvers = this.resolversOf(promise);
    let holder: string | undefined;
    let neverSettles: boolean;
    if (resolvers.length > 0) {
      const reachable = this.reachableFromRoots(resolvers, forbidden);
      neverSettles = reachable === false;
      holder = neverSettles ? undefined : this.describeHolder(resolvers, forbidden);
    } else {
      holder = this.describeHolder([promise], forbidden);
      neverSettles = this.onlyPassiveHolders(promise, forbidden);
    }
    return { kind: 'promise', label: 'Promise', heapId: g.id(promise), holder, neverSettles, children: [] };
  }

  /**
   * The promise, everything that waits on it (transitively), and those tasks' function objects; and the
   * tracker's references (a promise only the tracker keeps would be garbage without it).
   */
  private waitingSide(promise: number): Set<number> {
    const out = new Set<number>(this.trackerNodes);
    const stack = [promise];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (out.has(p)) continue;
      out.add(p);
      for (const dep of this.dependents.get(p) ?? []) {
        if (dep.kind === 'await') {
          out.add(dep.task);
          stack.push(this.promiseOfTask.get(dep.task)!);
        } else {
          stack.push(dep.promise);
        }
      }
    }
    return out;
  }

  private resolversOf(promise: number): number[] {
    const g = this.g;
    const out: number[] = [];
    for (const [ctx] of g.retainersOf(promise)) {
      if (g.name(ctx) !== 'system / Context') continue;
      for (const [fn, edge] of g.retainersOf(ctx)) {
        if (g.edgeType(edge) === g.edgeTypeWeak) continue;
        if (g.type(fn) === 'closure' && RESOLVER_CLOSURES.has(g.builtinCode(fn)) && g.child(fn, 'context') === ctx) out.push(fn);
      }
    }
    return out;
  }

  /**
   * Whether any of `starts` is reachable from the snapshot root without passing through `forbidden`
   * (walking retainers upwards). Returns undefined when the walk was too big to finish.
   */
  private reachableFromRoots(starts: number[], forbidden: Set<number>): boolean | undefined {
    const g = this.g;
    const seen = new Set<number>(starts);
    const queue = [...starts];
    for (let head = 0; head < queue.length; head++) {
      if (seen.size > MAX_REACHABILITY_VISITS) return undefined;
      const n = queue[head];
      if (n === 0) return true;
      const [start, end] = g.retainerRange(n);
      for (let slot = start; slot < end; slot++) {
        const edgeType = g.edgeType(g.retainerEdgeAt(slot));
        if (edgeType === g.edgeTypeWeak || edgeType === g.edgeTypeShortcut) continue;
        const r = g.retainerNodeAt(slot);
        if (seen.has(r) || forbidden.has(r)) continue;
        seen.add(r);
        queue.push(r);
      }
    }
    return false;
  }

  /** A leaf promise without resolving functions: settle-able only by native code holding it. */
  private onlyPassiveHolders(promise: number, forbidden: Set<number>): boolean {
    const g = this.g;
    const seen = new Set<number>();
    const stack = [promise];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const [r, edge] of g.retainersOf(n)) {
        if (g.edgeType(edge) === g.edgeTypeWeak || g.edgeType(edge) === g.edgeTypeShortcut || forbidden.has(r) || seen.has(r)) continue;
        seen.add(r);
        const type = g.type(r);
        const name = g.name(r);
        if (type === 'hidden' && name === 'system / PromiseReaction') continue; // a waiter's reaction
        if (type === 'code') continue; // feedback and inline caches
        if (type === 'array' || type === 'hidden' || (type === 'object' && name === 'system / Context')) {
          stack.push(r); // a backing store, property cell or scope: look at its owner
          continue;
        }
        if (type === 'closure') continue; // a closure variable or bound argument: JavaScript, passive
        if (type === 'object' && (PASSIVE_HOLDERS.has(name) || isGlobalObject(name))) continue;
        return false; // native wrappers, handles, unknown classes: might settle it
      }
    }
    return true;
  }

  /** A short account of what keeps one of `starts` alive, e.g. "Timeout (_onTimeout)". */
  private describeHolder(starts: number[], forbidden: Set<number>): string | undefined {
    const g = this.g;
    let best: string | undefined;
    for (const start of starts) {
      const via: string[] = [];
      let cur = start;
      const seen = new Set<number>([start]);
      for (let depth = 0; depth < MAX_HOLDER_DEPTH; depth++) {
        const step = this.pickRetainer(cur, forbidden, seen);
        if (!step) break;
        const [r, edge] = step;
        seen.add(r);
        const type = g.type(r);
        const edgeLabel = this.edgeLabel(edge);
        const name = g.name(r);
        if (type === 'synthetic') {
          best ??= via.length ? `${name} (${via.reverse().join(' → ')})` : name;
          break;
        }
        if (type === 'object' && name !== 'Object' && !name.startsWith('system /')) {
          via.push(edgeLabel);
          return `${isGlobalObject(name) ? 'global' : name} (${via.reverse().join(' → ')})`;
        }
        if (type === 'closure') via.push(`closure ${name || '<anonymous>'}`);
        else if (edgeLabel && g.edgeTypeName(edge) !== 'internal' && g.edgeTypeName(edge) !== 'hidden') via.push(edgeLabel);
        cur = r;
      }
      best ??= via.length ? via.reverse().join(' → ') : undefined;
    }
    return best;
  }

  private pickRetainer(node: number, forbidden: Set<number>, seen: Set<number>): [number, number] | undefined {
    const g = this.g;
    let fallback: [number, number] | undefined;
    for (const [r, edge] of g.retainersOf(node)) {
      const t = g.edgeTypeName(edge);
      if (t === 'weak' || t === 'shortcut' || forbidden.has(r) || seen.has(r)) continue;
      if (g.type(r) === 'hidden' && g.name(r) === 'system / PromiseCapability') continue;
      if (t === 'property' || t === 'element' || t === 'context') return [r, edge];
      fallback ??= [r, edge];
    }
    return fallback;
  }

  private edgeLabel(edge: number): string {
    const g = this.g;
    const t = g.edgeTypeName(edge);
    const name = g.edgeName(edge);
    if (t === 'element') return `[${name}]`;
    if (t === 'context') return `variable ${name}`;
    return name;
  }
}

/** The global object is named "global", or "global / <context name>" under an inspector. */
function isGlobalObject(name: string): boolean {
  return name === 'global' || name.startsWith('global /');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
