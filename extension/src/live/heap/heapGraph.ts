/**
 * Index over a parsed heap snapshot: node and edge accessors, retainers (reverse edges),
 * function locations. Node indices here are ordinals (0..nodeCount-1), not array offsets.
 */
import type { RawHeapSnapshot } from './snapshotParser';

export interface SourcePosition {
  /** Script URL or path as V8 knows it (generated JS, not source-mapped). */
  url: string;
  /** 0-based line and column. */
  line: number;
  column: number;
}

export class HeapGraph {
  readonly nodeCount: number;
  private readonly nodes: Uint32Array;
  private readonly edges: Uint32Array;
  readonly strings: string[];
  private readonly nodeFieldCount: number;
  private readonly edgeFieldCount: number;
  private readonly typeOffset: number;
  private readonly nameOffset: number;
  private readonly idOffset: number;
  private readonly sizeOffset: number;
  private readonly edgeCountOffset: number;
  private readonly edgeTypeOffset: number;
  private readonly edgeNameOffset: number;
  private readonly edgeToOffset: number;
  private readonly nodeTypes: string[];
  private readonly edgeTypes: string[];
  /** firstEdge[i] = offset into `edges` of node i's first edge; firstEdge[nodeCount] = edges.length. */
  private readonly firstEdge: Uint32Array;
  private readonly firstRetainer: Uint32Array;
  /** For each retainer slot: the retaining node ordinal and the edge offset. */
  private readonly retainerNode: Uint32Array;
  private readonly retainerEdge: Uint32Array;
  private readonly locationByNode = new Map<number, [scriptId: number, line: number, column: number]>();
  readonly edgeTypeWeak: number;
  readonly edgeTypeElement: number;
  readonly edgeTypeHidden: number;
  readonly edgeTypeShortcut: number;

  constructor(raw: RawHeapSnapshot) {
    const m = raw.meta;
    this.nodes = raw.nodes;
    this.edges = raw.edges;
    this.strings = raw.strings;
    this.nodeFieldCount = m.node_fields.length;
    this.edgeFieldCount = m.edge_fields.length;
    this.typeOffset = field(m.node_fields, 'type');
    this.nameOffset = field(m.node_fields, 'name');
    this.idOffset = field(m.node_fields, 'id');
    this.sizeOffset = field(m.node_fields, 'self_size');
    this.edgeCountOffset = field(m.node_fields, 'edge_count');
    this.edgeTypeOffset = field(m.edge_fields, 'type');
    this.edgeNameOffset = field(m.edge_fields, 'name_or_index');
    this.edgeToOffset = field(m.edge_fields, 'to_node');
    this.nodeTypes = m.node_types[0];
    this.edgeTypes = m.edge_types[0];
    this.edgeTypeWeak = this.edgeTypes.indexOf('weak');
    this.edgeTypeElement = this.edgeTypes.indexOf('element');
    this.edgeTypeHidden = this.edgeTypes.indexOf('hidden');
    this.edgeTypeShortcut = this.edgeTypes.indexOf('shortcut');
    if (this.nodes.length % this.nodeFieldCount !== 0) throw new Error('heap snapshot node array has a partial node');
    this.nodeCount = this.nodes.length / this.nodeFieldCount;

    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    const retainerCounts = new Uint32Array(this.nodeCount + 1);
    let edgeOffset = 0;
    for (let i = 0; i < this.nodeCount; i++) {
      this.firstEdge[i] = edgeOffset;
      edgeOffset += this.nodes[i * this.nodeFieldCount + this.edgeCountOffset] * this.edgeFieldCount;
    }
    if (edgeOffset !== this.edges.length) throw new Error('heap snapshot edge counts do not match the edge array');
    this.firstEdge[this.nodeCount] = edgeOffset;
    for (let e = 0; e < this.edges.length; e += this.edgeFieldCount) {
      retainerCounts[this.edgeTarget(e)]++;
    }
    this.firstRetainer = new Uint32Array(this.nodeCount + 1);
    for (let i = 0, sum = 0; i <= this.nodeCount; i++) {
      this.firstRetainer[i] = sum;
      sum += retainerCounts[i];
    }
    const total = this.edges.length / this.edgeFieldCount;
    this.retainerNode = new Uint32Array(total);
    this.retainerEdge = new Uint32Array(total);
    const fill = this.firstRetainer.slice();
    for (let i = 0; i < this.nodeCount; i++) {
      for (let e = this.firstEdge[i]; e < this.firstEdge[i + 1]; e += this.edgeFieldCount) {
        const slot = fill[this.edgeTarget(e)]++;
        this.retainerNode[slot] = i;
        this.retainerEdge[slot] = e;
      }
    }
    const loc = raw.locations;
    for (let k = 0; k + 3 < loc.length; k += 4) {
      this.locationByNode.set(loc[k] / this.nodeFieldCount, [loc[k + 1], loc[k + 2], loc[k + 3]]);
    }
  }

  type(node: number): string {
    return this.nodeTypes[this.nodes[node * this.nodeFieldCount + this.typeOffset]] ?? '';
  }
  name(node: number): string {
    return this.strings[this.nodes[node * this.nodeFieldCount + this.nameOffset]] ?? '';
  }
  id(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.idOffset];
  }
  selfSize(node: number): number {
    return this.nodes[node * this.nodeFieldCount + this.sizeOffset];
  }

  /** Edge offsets of a node's outgoing edges. */
  *edgesOf(node: number): Generator<number> {
    for (let e = this.firstEdge[node]; e < this.firstEdge[node + 1]; e += this.edgeFieldCount) yield e;
  }
  edgeTarget(edge: number): number {
    return this.edges[edge + this.edgeToOffset] / this.nodeFieldCount;
  }
  edgeType(edge: number): number {
    return this.edges[edge + this.edgeTypeOffset];
  }
  edgeTypeName(edge: number): string {
    return this.edgeTypes[this.edgeType(edge)] ?? '';
  }
  /** Property/variable name, or the index as a string for element and hidden edges. */
  edgeName(edge: number): string {
    const type = this.edgeType(edge);
    const raw = this.edges[edge + this.edgeNameOffset];
    return type === this.edgeTypeElement || type === this.edgeTypeHidden ? String(raw) : (this.strings[raw] ?? '');
  }

  /** Retainers as [retaining node, edge offset] pairs. */
  *retainersOf(node: number): Generator<[number, number]> {
    for (let r = this.firstRetainer[node]; r < this.firstRetainer[node + 1]; r++) {
      yield [this.retainerNode[r], this.retainerEdge[r]];
    }
  }

  /** The first target of an edge with this name (any type but weak), or -1. */
  child(node: number, edgeName: string): number {
    const nameIndex = this.stringIndex(edgeName);
    if (nameIndex < 0) return -1;
    const fields = this.edgeFieldCount;
    for (let e = this.firstEdge[node], end = this.firstEdge[node + 1]; e < end; e += fields) {
      const type = this.edges[e + this.edgeTypeOffset];
      if (type === this.edgeTypeWeak || type === this.edgeTypeElement || type === this.edgeTypeHidden) continue;
      if (this.edges[e + this.edgeNameOffset] === nameIndex) return this.edges[e + this.edgeToOffset] / this.nodeFieldCount;
    }
    return -1;
  }

  private readonly stringIndexCache = new Map<string, number>();
  private stringIndex(value: string): number {
    let index = this.stringIndexCache.get(value);
    if (index === undefined) {
      index = this.strings.indexOf(value);
      this.stringIndexCache.set(value, index);
    }
    return index;
  }

  /** Retainer slots of a node: use with retainerNodeAt / retainerEdgeAt (no allocation). */
  retainerRange(node: number): [start: number, end: number] {
    return [this.firstRetainer[node], this.firstRetainer[node + 1]];
  }
  retainerNodeAt(slot: number): number {
    return this.retainerNode[slot];
  }
  retainerEdgeAt(slot: number): number {
    return this.retainerEdge[slot];
  }

  /** Targets of the node's non-weak edges. */
  *children(node: number): Generator<number> {
    for (const e of this.edgesOf(node)) if (this.edgeType(e) !== this.edgeTypeWeak) yield this.edgeTarget(e);
  }

  /** Where a closure's function is defined, from the snapshot's `locations` and its script. */
  functionPosition(closure: number): SourcePosition | undefined {
    const loc = this.locationByNode.get(closure);
    if (!loc) return undefined;
    const shared = this.child(closure, 'shared');
    const script = shared < 0 ? -1 : this.child(shared, 'script_or_debug_info');
    const url = script < 0 ? '' : this.name(script);
    if (!url || url.startsWith('system /')) return undefined;
    return { url, line: loc[1], column: loc[2] };
  }

  /** Script id → URL, for the scripts that have functions in this snapshot. */
  scriptUrls(): Map<number, string> {
    const out = new Map<number, string>();
    for (const [closure, [scriptId]] of this.locationByNode) {
      if (out.has(scriptId)) continue;
      const pos = this.functionPosition(closure);
      if (pos) out.set(scriptId, pos.url);
    }
    return out;
  }

  /** Name of the builtin code a closure runs, e.g. "AsyncFunctionAwaitResolveClosure", or "". */
  builtinCode(closure: number): string {
    const code = this.child(closure, 'code');
    if (code < 0) return '';
    const m = /^\((\w+) builtin( handle)?\)$/.exec(this.name(code));
    return m ? m[1] : '';
  }
}

function field(fields: string[], name: string): number {
  const i = fields.indexOf(name);
  if (i < 0) throw new Error(`heap snapshot lacks the "${name}" field`);
  return i;
}
