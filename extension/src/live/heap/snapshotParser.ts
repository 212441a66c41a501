/**
 * Streaming parser for V8 `.heapsnapshot` JSON.
 *
 * The text arrives in chunks (from `HeapProfiler.addHeapSnapshotChunk` or a file stream) and is
 * never held whole: the big number arrays go straight into growable typed arrays, the strings into
 * one string array, the small `snapshot` header is parsed with `JSON.parse`. Keys we do not use
 * (`samples`, `trace_tree`, ...) are skipped without being stored.
 */

export interface HeapSnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
  location_fields?: string[];
}

export interface RawHeapSnapshot {
  meta: HeapSnapshotMeta;
  nodes: Uint32Array;
  edges: Uint32Array;
  strings: string[];
  locations: Uint32Array;
}

type NumberArrayKey = 'nodes' | 'edges' | 'locations';

class GrowableUint32 {
  private data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

type State =
  | { kind: 'start' }
  | { kind: 'key' }
  | { kind: 'colon'; key: string }
  | { kind: 'value'; key: string }
  | { kind: 'afterValue' }
  | { kind: 'numbers'; key: NumberArrayKey; open: boolean; current: number; inNumber: boolean }
  | { kind: 'strings'; open: boolean }
  | { kind: 'skip'; capture: boolean; depth: number; inString: boolean; escape: boolean; started: boolean; text: string[] }
  | { kind: 'done' };

export class HeapSnapshotParseError extends Error {}

export class HeapSnapshotParser {
  private buf = '';
  private pos = 0;
  private state: State = { kind: 'start' };
  private meta: HeapSnapshotMeta | undefined;
  private captureKey = '';
  private readonly numbers: Record<NumberArrayKey, GrowableUint32> = {
    nodes: new GrowableUint32(),
    edges: new GrowableUint32(),
    locations: new GrowableUint32(),
  };
  private readonly strings: string[] = [];
  private bytesSeen = 0;

  /** Characters consumed so far (for progress reports). */
  get charactersRead(): number {
    return this.bytesSeen;
  }

  write(chunk: string): void {
    this.bytesSeen += chunk.length;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    while (this.pos < this.buf.length && this.step()) {
      // step() consumes input and returns false when it needs more
    }
  }

  finish(): RawHeapSnapshot {
    if (this.state.kind !== 'done') {
      throw new HeapSnapshotParseError(`heap snapshot ended early (state ${this.state.kind})`);
    }
    if (!this.meta) throw new HeapSnapshotParseError('heap snapshot has no "snapshot.meta" header');
    const meta = this.meta;
    if (!Array.isArray(meta.node_fields) || !Array.isArray(meta.edge_fields) || !Array.isArray(meta.node_types?.[0]) || !Array.isArray(meta.edge_types?.[0])) {
      throw new HeapSnapshotParseError('heap snapshot header lacks node/edge field descriptions');
    }
    return {
      meta,
      nodes: this.numbers.nodes.toArray(),
      edges: this.numbers.edges.toArray(),
      strings: this.strings,
      locations: this.numbers.locations.toArray(),
    };
  }

  /** Handles one token or a run of input; returns false when the buffer must grow first. */
  private step(): boolean {
    const s = this.state;
    switch (s.kind) {
      case 'start':
        this.skipWhitespace();
        if (this.pos >= this.buf.length) return false;
        this.expect('{');
        this.state = { kind: 'key' };
        return true;
      case 'key': {
        this.skipWhitespace();
        if (this.pos >= this.buf.length) return false;
        if (this.buf[this.pos] === '}') {
          this.pos++;
          this.state = { kind: 'done' };
          return true;
        }
        const key = this.readString();
        if (key === undefined) return false;
        this.state = { kind: 'colon', key };
        return true;
      }
      case 'colon':
        this.skipWhitespace();
        if (this.pos >= this.buf.length) return false;
        this.expect(':');
        this.state = { kind: 'value', key: s.key };
        return true;
      case 'value':
        if (s.key === 'nodes' || s.key === 'edges' || s.key === 'locations') {
          this.state = { kind: 'numbers', key: s.key, open: false, current: 0, inNumber: false };
        } else if (s.key === 'strings') {
          this.state = { kind: 'strings', open: false };
        } else {
          this.captureKey = s.key;
          this.state = { kind: 'skip', capture: s.key === 'snapshot', depth: 0, inString: false, escape: false, started: false, text: [] };
        }
        return true;
      case 'afterValue':
        this.skipWhitespace();
        if (this.pos >= this.buf.length) return false;
        if (this.buf[this.pos] === ',') {
          this.pos++;
          this.state = { kind: 'key' };
        } else {
          this.expect('}');
          this.state = { kind: 'done' };
        }
        return true;
      case 'numbers':
        return this.readNumbers(s);
      case 'strings':
        return this.readStrings(s);
      case 'skip':
        return this.skipValue(s);
      case 'done':
        this.skipWhitespace();
        if (this.pos < this.buf.length) throw new HeapSnapshotParseError('unexpected text after the heap snapshot');
        return false;
    }
  }

  private readNumbers(s: Extract<State, { kind: 'numbers' }>): boolean {
    const buf = this.buf;
    if (!s.open) {
      this.skipWhitespace();
      if (this.pos >= buf.length) return false;
      this.expect('[');
      s.open = true;
    }
    const out = this.numbers[s.key];
    let i = this.pos;
    let current = s.current;
    let inNumber = s.inNumber;
    for (; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        current = current * 10 + (c - 48);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        out.push(current);
        current = 0;
        inNumber = false;
      }
      if (c === 93 /* ] */) {
        this.pos = i + 1;
        this.state = { kind: 'afterValue' };
        return true;
      }
      if (c !== 44 && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        throw new HeapSnapshotParseError(`unexpected character ${JSON.stringify(buf[i])} in "${s.key}"`);
      }
    }
    this.pos = i;
    s.current = current;
    s.inNumber = inNumber;
    return false;
  }

  private readStrings(s: Extract<State, { kind: 'strings' }>): boolean {
    if (!s.open) {
      this.skipWhitespace();
      if (this.pos >= this.buf.length) return false;
      this.expect('[');
      s.open = true;
    }
    for (;;) {
      this.skipSeparators();
      if (this.pos >= this.buf.length) return false;
      if (this.buf[this.pos] === ']') {
        this.pos++;
        this.state = { kind: 'afterValue' };
        return true;
      }
      const str = this.readString();
      if (str === undefined) return false;
      this.strings.push(str);
    }
  }

  private skipValue(s: Extract<State, { kind: 'skip' }>): boolean {
    const buf = this.buf;
    let i = this.pos;
    if (!s.started) {
      while (i < buf.length && isWhitespace(buf.charCodeAt(i))) i++;
      if (i >= buf.length) {
        this.pos = i;
        return false;
      }
      s.started = true;
    }
    const from = i;
    let ended = false;
    for (; i < buf.length; i++) {
      const c = buf[i];
      if (s.inString) {
        if (s.escape) s.escape = false;
        else if (c === '\\') s.escape = true;
        else if (c === '"') s.inString = false;
        continue;
      }
      if (c === '"') s.inString = true;
      else if (c === '{' || c === '[') s.depth++;
      else if (c === '}' || c === ']') {
        if (s.depth === 0) {
          ended = true; // a primitive value ends at the closing brace of the top object
          break;
        }
        s.depth--;
        if (s.depth === 0) {
          i++;
          ended = true;
          break;
        }
      } else if (c === ',' && s.depth === 0) {
        ended = true;
        break;
      }
    }
    if (s.capture) s.text.push(buf.slice(from, i));
    this.pos = i;
    if (!ended) return false;
    if (s.capture) this.takeHeader(s.text.join(''));
    this.state = { kind: 'afterValue' };
    return true;
  }

  private takeHeader(text: string): void {
    if (this.captureKey !== 'snapshot') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HeapSnapshotParseError('heap snapshot header is not valid JSON');
    }
    const meta = (parsed as { meta?: HeapSnapshotMeta } | null)?.meta;
    if (!meta || typeof meta !== 'object') throw new HeapSnapshotParseError('heap snapshot header has no "meta"');
    this.meta = meta;
  }

  /** Reads a JSON string token at `pos`; returns undefined (consuming nothing) if it is incomplete. */
  private readString(): string | undefined {
    const buf = this.buf;
    if (buf[this.pos] !== '"') throw new HeapSnapshotParseError(`expected a string at ${JSON.stringify(buf.slice(this.pos, this.pos + 20))}`);
    let i = this.pos + 1;
    for (;;) {
      const close = buf.indexOf('"', i);
      if (close < 0) return undefined;
      let backslashes = 0;
      for (let j = close - 1; j > this.pos && buf.charCodeAt(j) === 92; j--) backslashes++;
      if (backslashes % 2 === 0) {
        const raw = buf.slice(this.pos, close + 1);
        this.pos = close + 1;
        return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      i = close + 1;
    }
  }

  private skipWhitespace(): void {
    while (this.pos < this.buf.length && isWhitespace(this.buf.charCodeAt(this.pos))) this.pos++;
  }

  private skipSeparators(): void {
    while (this.pos < this.buf.length) {
      const c = this.buf.charCodeAt(this.pos);
      if (c !== 44 && !isWhitespace(c)) break;
      this.pos++;
    }
  }

  private expect(ch: string): void {
    if (this.buf[this.pos] !== ch) {
      throw new HeapSnapshotParseError(`expected ${JSON.stringify(ch)} but found ${JSON.stringify(this.buf.slice(this.pos, this.pos + 20))}`);
    }
    this.pos++;
  }
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Parses a whole snapshot given as an async iterable of text chunks (a file stream, CDP chunks). */
export async function parseHeapSnapshot(chunks: AsyncIterable<string | Buffer>): Promise<RawHeapSnapshot> {
  const parser = new HeapSnapshotParser();
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  return parser.finish();
}
