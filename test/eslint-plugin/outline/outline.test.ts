import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { type AsyncOutline, createOutlineCollector, DEFAULT_OUTLINE_OPTIONS, type OutlineNode, type OutlineOptions } from '../../../eslint-plugin/src/outline';
import { oxlintLikeParser } from '../oxlintLikeParser';

/** A node as the tests write it: one line number (1-based, as in an editor) instead of a range. */
interface ExpectedNode {
  kind: OutlineNode['kind'];
  label: string;
  description: string;
  line: number;
  ruleId?: string;
  children?: ExpectedNode[];
}

function outlineOf(code: string, options: OutlineOptions = DEFAULT_OUTLINE_OPTIONS, parserToUse: Linter.Parser = parser as Linter.Parser, filename = 'file.ts'): AsyncOutline {
  let outline: AsyncOutline | null = null;
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parserToUse },
        plugins: { outline: { rules: { collect: createOutlineCollector((result) => (outline = result), options) as never } } },
        rules: { 'outline/collect': 'error' },
      },
    ],
    filename,
  );
  assert.deepEqual(messages, []);
  assert.ok(outline, 'the collector ran');
  return outline;
}

/** Every row of the outline, units and their children, depth first. */
function allRows(outline: AsyncOutline): OutlineNode[] {
  return outline.units.flatMap(function all(node): OutlineNode[] { return [node, ...node.children.flatMap(all)]; });
}

function simplify(node: OutlineNode): ExpectedNode {
  return {
    kind: node.kind,
    label: node.label,
    description: node.description,
    line: node.range.start.line + 1,
    ...(node.ruleId ? { ruleId: node.ruleId } : {}),
    ...(node.children.length > 0 ? { children: node.children.map(simplify) } : {}),
  };
}

describe('async outline', () => {
  it('shows floating promises when ordinary statements carry `directive: null` (oxlint)', () => {
    const outline = outlineOf(`'use strict';\nasync function save() {\n  await fetch('/x');\n}\nexport async function run() {\n  save();\n}\n`, DEFAULT_OUTLINE_OPTIONS, oxlintLikeParser);
    assert.deepEqual(outline.units.map(simplify), [
      { kind: 'unit', label: 'save', description: 'async', line: 2, children: [{ kind: 'await', label: "await fetch('/x')", description: '', line: 3 }] },
      {
        kind: 'unit', label: 'run', description: 'async', line: 5,
        children: [
          { kind: 'detached', label: 'floating: save()', description: 'its result and error are lost', line: 6, ruleId: 'no-floating-promises' },
        ],
      },
    ]);
  });

  it('shows a service class: awaits, sequential awaits, fan-outs, blocking, resources, detached work and calls', () => {
    const outline = outlineOf(`import fs from 'node:fs';
import { open } from 'node:fs/promises';

export class UserService {
  async load(id: string, ids: string[]) {
    const user = await fetch('/users/' + id);
    const prefs = await fetch('/prefs/' + id);
    await Promise.all(ids.map((other) => fetch('/users/' + other)));
    await Promise.all([this.save(), this.save()]);
    fs.readFileSync('audit.log');
    const handle = await open('cache.json');
    await handle.read();
    await handle.close();
    this.save();
    return [user, prefs];
  }

  async save() { return fetch('/save'); }
}
`);
    assert.deepEqual(outline.summary, { asyncUnits: 2, awaits: 7, fanOuts: 2, detached: 1, blocking: 1, leaks: 1, misused: 0 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'UserService.load', description: 'async', line: 5,
        children: [
          { kind: 'await', label: "await fetch('/users/' + id)", description: '', line: 6 },
          { kind: 'await', label: "await fetch('/prefs/' + id)", description: 'sequential: independent of line 6', line: 7, ruleId: 'prefer-concurrent-awaits' },
          // a sequential await is a problem of its own: it keeps its row next to the fan-out's
          { kind: 'await', label: 'await Promise.all(…)', description: 'sequential: independent of line 7', line: 8, ruleId: 'prefer-concurrent-awaits' },
          { kind: 'fan-out', label: 'Promise.all', description: 'one per element of ids, unbounded', line: 8, ruleId: 'no-unbounded-concurrency' },
          // otherwise one row per expression: the awaited fan-out is the await's row
          { kind: 'fan-out', label: 'await Promise.all', description: '2 tasks, bounded: a written list', line: 9 },
          { kind: 'call', label: 'calls UserService.save()', description: 'not awaited here', line: 9 },
          { kind: 'call', label: 'calls UserService.save()', description: 'not awaited here', line: 9 },
          { kind: 'blocking', label: 'blocks: fs.readFileSync', description: 'blocks the event loop', line: 10, ruleId: 'no-blocking-in-async' },
          { kind: 'resource', label: 'holds handle', description: 'file handle, released only when nothing throws', line: 11, ruleId: 'require-async-dispose' },
          { kind: 'await', label: 'await handle.read()', description: '', line: 12 },
          { kind: 'await', label: 'await handle.close()', description: '', line: 13 },
          { kind: 'detached', label: 'floating: this.save()', description: 'its result and error are lost', line: 14, ruleId: 'no-floating-promises' },
        ],
      },
      { kind: 'unit', label: 'UserService.save', description: 'async', line: 18 },
    ]);
  });

  it('names event-loop callbacks and nests units as in the source; start-up code is not a unit', () => {
    const outline = outlineOf(`import http from 'node:http';
import fs from 'node:fs';

const config = fs.readFileSync('config.json', 'utf8');

function readTemplate(name: string) {
  return fs.readFileSync(name, 'utf8');
}

const server = http.createServer((request, response) => {
  response.end(readTemplate('index.html'));
});

app.get('/users', async (req, res) => {
  const users = await loadUsers();
  setTimeout(() => {
    void refresh();
  }, 10);
  res.json(users);
});

emitter.on('job', async function onJob(job) {
  await job.run();
});

async function loadUsers() {
  return [];
}

async function refresh() { return fetch('/refresh'); }
`);
    assert.deepEqual(outline.summary, { asyncUnits: 6, awaits: 2, fanOuts: 0, detached: 1, blocking: 1, leaks: 0, misused: 1 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'http.createServer handler', description: 'request handler', line: 10,
        children: [
          { kind: 'blocking', label: 'blocks via readTemplate()', description: 'through readTemplate() → fs.readFileSync', line: 11, ruleId: 'no-blocking-in-async' },
        ],
      },
      {
        kind: 'unit', label: 'app.get("/users") handler', description: 'async', line: 14,
        children: [
          { kind: 'await', label: 'await loadUsers()', description: 'calls loadUsers()', line: 15 },
          {
            kind: 'unit', label: 'setTimeout callback', description: 'timer callback', line: 16,
            children: [
              { kind: 'detached', label: 'detached: refresh()', description: 'void: detached on purpose', line: 17 },
            ],
          },
        ],
      },
      {
        kind: 'unit', label: 'onJob', description: 'async · the emitter ignores its promise', line: 22, ruleId: 'no-misused-async-callback',
        children: [{ kind: 'await', label: 'await job.run()', description: '', line: 23 }],
      },
      { kind: 'unit', label: 'loadUsers', description: 'async', line: 26 },
      { kind: 'unit', label: 'refresh', description: 'async', line: 30 },
    ]);
  });

  it('shows the per-module hooks of a bundler plugin as units, with the synchronous reads of the module they load', () => {
    const outline = outlineOf(`import fs from 'node:fs';

const cache = new Map<string, string>();
function cached(file: string) {
  return cache.get(file) ?? fs.readFileSync(file, 'utf8');
}

export default function text() {
  return {
    name: 'text',
    buildStart() {
      fs.readFileSync('text.config.json', 'utf8');
    },
    load(id: string) {
      return fs.readFileSync(id, 'utf-8');
    },
    transform: {
      filter: { id: /\\.txt$/ },
      handler(code: string, id: string) {
        return cached(id) + fs.readFileSync('banner.txt', 'utf8') + code;
      },
    },
  };
}
`);
    assert.deepEqual(outline.summary, { asyncUnits: 2, awaits: 0, fanOuts: 0, detached: 0, blocking: 1, leaks: 0, misused: 0 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'load', description: 'plugin hook', line: 14,
        children: [{ kind: 'blocking', label: 'blocks: fs.readFileSync', description: 'blocks the event loop', line: 15, ruleId: 'no-blocking-in-async' }],
      },
      { kind: 'unit', label: 'transform.handler', description: 'plugin hook', line: 19 },
    ]);
  });

  it('marks async callbacks whose promise is ignored, keeps labels short and gives one row per expression', () => {
    const outline = outlineOf(`export class Importer {
  async save(row: { id: string; payload: string }) {
    await fetch('/rows/' + row.id, { method: 'PUT', body: row.payload });
  }

  async run(rows: { id: string; payload: string }[], emitter: { on(event: string, listener: () => void): void }) {
    rows.forEach(async (row) => {
      await this.save(row);
    });
    await this.save({ id: 'header', payload: JSON.stringify(rows.map((row) => row.id)) });
    this.save({ id: 'trailer', payload: '' });
    emitter.on('done', async () => {
      await fetch('https://example.com/notifications/import-finished');
    });
  }
}
`);
    assert.deepEqual(outline.summary, { asyncUnits: 4, awaits: 4, fanOuts: 0, detached: 1, blocking: 0, leaks: 0, misused: 2 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'Importer.save', description: 'async', line: 2,
        children: [{ kind: 'await', label: 'await fetch(…)', description: '', line: 3 }],
      },
      {
        kind: 'unit', label: 'Importer.run', description: 'async', line: 6,
        children: [
          {
            kind: 'unit', label: 'rows.forEach callback', description: 'async · forEach ignores its promise', line: 7, ruleId: 'no-misused-async-callback',
            children: [{ kind: 'await', label: 'await this.save(row)', description: 'calls Importer.save()', line: 8 }],
          },
          { kind: 'await', label: 'await this.save(…)', description: 'calls Importer.save()', line: 10 },
          { kind: 'detached', label: 'floating: this.save(…)', description: 'its result and error are lost', line: 11, ruleId: 'no-floating-promises' },
          {
            kind: 'unit', label: 'emitter.on("done") listener', description: 'async · the emitter ignores its promise', line: 12, ruleId: 'no-misused-async-callback',
            children: [{ kind: 'await', label: 'await fetch(…)', description: '', line: 13 }],
          },
        ],
      },
    ]);
    for (const row of allRows(outline)) {
      assert.ok(row.label.length <= 28, `"${row.label}" fits the side bar`);
    }
  });

  it('shows returns that leave a try before their promise settles, and races across awaits, with the rules that report them', () => {
    const outline = outlineOf(`declare function connect(): Promise<{ query(sql: string): Promise<number> }>;
declare function price(item: string): Promise<number>;

export class Store {
  private client?: { query(sql: string): Promise<number> };
  total = 0;
  async query(sql: string) {
    if (!this.client) {
      this.client = await connect();
    }
    try {
      return price(sql);
    } finally {
      this.total += await price(sql);
    }
  }
}
`);
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'Store.query', description: 'async', line: 7,
        children: [
          { kind: 'race', label: 'race on this.client', description: 'initialised twice across await connect()', line: 9, ruleId: 'no-race-across-await' },
          { kind: 'await', label: 'await connect()', description: '', line: 9 },
          { kind: 'return', label: 'return price(sql)', description: 'not awaited: the finally runs before it settles', line: 12, ruleId: 'return-await-in-try' },
          { kind: 'race', label: 'race on this.total', description: 'lost update across await price(sql)', line: 14, ruleId: 'no-race-across-await' },
          { kind: 'await', label: 'await price(sql)', description: '', line: 14 },
        ],
      },
    ]);
  });

  it('shows a value published before it is ready and a count raised after the await', () => {
    const outline = outlineOf(`declare class Context { register(kind: string): Promise<void> }
declare function load(item: string): Promise<string>;
let context: Context | undefined;
export async function getContext() {
  if (!context) {
    context = new Context();
    await context.register('l1');
  }
  return context;
}
export class Limiter {
  active = 0;
  max = 4;
  async start(item: string) {
    while (this.active < this.max) {
      await load(item);
      this.active++;
    }
  }
}
`);
    const races = allRows(outline).filter((row) => row.kind === 'race').map(simplify);
    assert.deepEqual(races, [
      { kind: 'race', label: 'race on context', description: "used half-ready across await context.register('l1')", line: 6, ruleId: 'no-race-across-await' },
      { kind: 'race', label: 'race on this.active', description: 'over the limit across await load(item)', line: 17, ruleId: 'no-race-across-await' },
    ]);
  });

  it("shows an 'abort' listener left on the caller's signal as a leak", () => {
    const outline = outlineOf(`export async function stream(client: { create(o: object): Promise<string> }, options?: { signal?: AbortSignal }) {
  const controller = new AbortController();
  options?.signal?.addEventListener('abort', () => controller.abort());
  return await client.create({ signal: controller.signal });
}
`);
    assert.equal(outline.summary.leaks, 1);
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'stream', description: 'async', line: 1,
        children: [
          { kind: 'resource', label: 'listens to options?.signal', description: "abort listener on the caller's signal, never removed", line: 3, ruleId: 'require-async-dispose' },
          { kind: 'unit', label: 'options?.signal?.ad… listen…', description: 'event listener', line: 3 },
          { kind: 'await', label: 'await client.create(…)', description: '', line: 4 },
        ],
      },
    ]);
  });

  it('shows a listener left on `process` by a method of a class that can be stopped as a leak', () => {
    const outline = outlineOf(`export class Backend {
  async start(init: () => Promise<void>) {
    await init();
    process.on('unhandledRejection', (reason) => console.error(reason));
  }
  async stop() {}
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to process', description: "'unhandledRejection' listener, not removed by stop()", line: 4, ruleId: 'require-async-dispose' },
    ]);
  });

  it("shows a promise's timeout left armed where the promise settles as a leak", () => {
    const outline = outlineOf(`export function request(receiver: { on(e: string, f: (ok: boolean) => void): void }, ms: number) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    receiver.on('answer', (ok) => {
      if (ok) {
        clearTimeout(timer);
        resolve();
      } else {
        reject(new Error('refused'));
      }
    });
  });
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds timer timer', description: 'left armed when the promise settles on line 9', line: 3, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a promise\'s timeout whose handle is thrown away as a leak', () => {
    const outline = outlineOf(`export function ask(worker: { once(event: string, listener: (answer: string) => void): void }, ms: number) {
  return new Promise<string>((resolve, reject) => {
    worker.once('answer', resolve);
    setTimeout(() => reject(new Error('no answer')), ms);
  });
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds timer setTimeout', description: 'timeout never cleared: left armed when the promise settles on line 3', line: 4, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a release only on the success of a promise chain as a leak', () => {
    const outline = outlineOf(`export function count(pool: any) {
  return pool.connect().then((client: any) => client.query('select 1').then((result: any) => {
    client.release();
    return result;
  }));
}
export async function countSafely(pool: any) {
  const client = await pool.connect();
  return client.query('select 1').finally(() => client.release());
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds client', description: 'released only when the chain from line 2 succeeds', line: 3, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a listener added by a teardown and a descriptor never closed as leaks', () => {
    const outline = outlineOf(`import * as fs from 'node:fs';
export class Widget {
  constructor(private readonly el: HTMLElement, private readonly onClick: () => void) {}
  start() {
    this.el.addEventListener('click', this.onClick);
  }
  destroy() {
    window.removeEventListener('resize', this.onClick);
    this.el.addEventListener('click', this.onClick);
  }
}
export function touch(path: string, callback: () => void) {
  fs.open(path, 'a', (error, fd) => callback());
}
export function listen(el: HTMLElement, onClick: () => void) {
  el.addEventListener('click', onClick);
}
`);
    assert.equal(outline.summary.leaks, 1 + 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to this.el', description: "'click' listener added again by destroy(), not removed", line: 9, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds fd', description: 'file descriptor from fs.open, never closed (nor used)', line: 13, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a timer kept in a field past the class\'s stop method as a leak', () => {
    const outline = outlineOf(`export class Heartbeat {
  private interval?: ReturnType<typeof setInterval>;
  constructor(private readonly socket: { ping(): void; end(): void }) {}
  start() {
    this.interval = setInterval(() => this.socket.ping(), 30000);
  }
  stop() {
    this.socket.end();
  }
}
`);
    assert.equal(outline.summary.leaks, 1);
    assert.deepEqual(outline.units.map(simplify), [
      { kind: 'resource', label: 'holds timer this.interval', description: 'interval not cleared by stop()', line: 5, ruleId: 'require-async-dispose' },
      { kind: 'unit', label: 'setInterval callback', description: 'timer callback', line: 5 },
    ]);
  });

  it('shows an interval whose handle is thrown away in a class that can be stopped as a leak', () => {
    const outline = outlineOf(`export class Agent {
  constructor() {
    setInterval(() => {}, 24 * 60 * 60 * 1000);
  }
  close() {}
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds timer setInterval', description: "interval's handle thrown away: close() cannot clear it", line: 3, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a promise a constructor starts, first awaited by a later call, as stored', () => {
    const outline = outlineOf(`export class Store {
  sha: Promise<string>;
  constructor(private readonly send: (command: string) => Promise<string>) {
    this.sha = this.load();
  }
  async load() { return this.send('SCRIPT LOAD'); }
  async increment() { return this.send(await this.sha); }
}
`);
    const rows = allRows(outline).filter((row) => row.ruleId === 'no-floating-promises').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'detached', label: 'stored: this.sha', description: 'a promise started with the instance, first awaited by a later call', line: 4, ruleId: 'no-floating-promises' },
    ]);
  });

  it('shows a release method named where its call was meant as a leak', () => {
    const outline = outlineOf(`export async function shutdown(connections: { close(): Promise<void> }[]) {
  await Promise.all(connections.map((connection) => connection.close));
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'connection.close not called', description: 'close named, not called: nothing is released', line: 2, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows an inline listener on an emitter whose other listeners are taken off as a leak', () => {
    const outline = outlineOf(`export class Connection {
  constructor(private readonly pstream: any) {
    this.pstream.on('cancel', this.onCancel);
    this.pstream.on('transportClose', () => this.cleanup());
  }
  onCancel = () => {};
  cleanup() { this.pstream.removeListener('cancel', this.onCancel); }
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to this.pstream', description: "inline 'transportClose' listener: nothing can take it off", line: 4, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a once listener its rival leaves behind as a leak', () => {
    const outline = outlineOf(`export class Loader {
  constructor(private readonly tech: any) {}
  wait() {
    const onLoad = () => {};
    this.tech.one('loaded', onLoad);
    this.tech.one('failed', () => this.tech.off('loaded', onLoad));
  }
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to this.tech', description: "'failed' listener left on when 'loaded' comes first", line: 6, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a removal that matches no listener as a leak', () => {
    const outline = outlineOf(`export class Dashboard {
  constructor(private readonly uppy: any) {}
  onFocus = () => {};
  onRemoved = () => {};
  init() {
    document.addEventListener('focus', this.onFocus, true);
    this.uppy.on('file-removed', this.onRemoved);
  }
  remove() {
    document.removeEventListener('focus', this.onFocus);
    this.uppy.off(this.onRemoved);
  }
}
`);
    assert.equal(outline.summary.leaks, 2);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to document', description: "removal without the add's capture flag: this.onFocus stays", line: 10, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to this.uppy', description: 'removal names no event: this.onRemoved stays', line: 11, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a listener taken off another event, a raced timer promise and timers stop() cannot clear as leaks', () => {
    const outline = outlineOf(`import { timedPromise } from './timers';
export function createPoller(run: () => Promise<void>, bus: any) {
  const onTick = () => {};
  function poll() {
    setTimeout(() => poll(), 5000);
  }
  bus.on('tick', onTick);
  return {
    start() { poll(); },
    async once() { await Promise.race([run(), timedPromise(1000)]); },
    stop() { bus.off('tock', onTick); },
  };
}
`);
    assert.equal(outline.summary.leaks, 3);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds timer setTimeout', description: "timeout's handle thrown away: stop() cannot clear it", line: 5, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to bus', description: "'tick' listener taken off only 'tock' (line 11): it stays", line: 7, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer timedPromise()', description: 'timer promise never cancelled: left armed when another promise of the race on line 10 wins', line: 10, ruleId: 'require-async-dispose' },
    ]);
  });

  it("shows an idle timeout that leaves a socket open, a listener factory taken off and an ES5 class's kept timer as leaks", () => {
    const outline = outlineOf(`import net from 'node:net';
function buildHandler(done: () => void) { return (e: MessageEvent) => { if (e.data === 'done') done(); }; }
export function probe(port: number, done: (open: boolean) => void) {
  const socket = net.connect(port);
  socket.on('timeout', () => done(false));
  window.addEventListener('message', buildHandler(() => done(true)));
  return () => window.removeEventListener('message', buildHandler);
}
`);
    assert.equal(outline.summary.leaks, 2);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to socket', description: 'idle-timeout handler leaves the socket open: never destroyed', line: 5, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to window', description: "removal names the factory buildHandler, not the 'message' listener it built (line 6): it stays", line: 7, ruleId: 'require-async-dispose' },
    ]);
    const es5 = outlineOf(`function Socket() {}
Socket.prototype.ping = function () {
  var self = this;
  clearTimeout(self.pingTimer);
  self.pingTimer = setTimeout(function () { self.send('ping'); self.ping(); }, 25000);
};
Socket.prototype.send = function () {};
Socket.prototype.close = function () { this.closed = true; };
module.exports = Socket;
`);
    const es5Rows = allRows(es5).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(es5Rows, [{ kind: 'resource', label: 'holds timer this.pingTimer', description: 'timeout not cleared by close()', line: 5, ruleId: 'require-async-dispose' }]);
  });

  it("shows a file piped into a failing destination, a busy flag left set and timeouts' handles collected as leaks", () => {
    const outline = outlineOf(`import * as fs from 'node:fs';
export class Storage {
  private busy = false;
  private timeoutIds: NodeJS.Timeout[] = [];
  copy(from: string, to: string, done: (err?: Error) => void) {
    fs.createReadStream(from).pipe(fs.createWriteStream(to)).on('error', done);
  }
  async flush(send: () => Promise<void>) {
    if (this.busy) return;
    this.busy = true;
    await send();
    this.busy = false;
  }
  expire(ttl: number) {
    this.timeoutIds.push(setTimeout(() => {}, ttl));
  }
  close() {
    this.timeoutIds.forEach(clearTimeout);
  }
}
`);
    assert.equal(outline.summary.leaks, 3);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'pipes fs.createReadStream(…)', description: 'file stays open when the destination fails (line 6)', line: 6, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'sets this.busy', description: 'busy flag left set when the function leaves on line 11', line: 10, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'collects in this.timeoutIds', description: 'timeout handles never taken out: grows with every call', line: 15, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a listener taken off only past an await, a media stream nothing stops and a timer armed at load as leaks', () => {
    const outline = outlineOf(`import type { EventEmitter } from 'node:events';
export async function collect(driver: EventEmitter & { send(method: string): Promise<void> }) {
  const onSheet = (sheet: unknown) => console.log(sheet);
  driver.on('sheet', onSheet);
  await driver.send('CSS.enable');
  driver.off('sheet', onSheet);
}
export async function hasCamera() {
  await navigator.mediaDevices.getUserMedia({ video: true });
  return true;
}
setInterval(() => console.log('alive'), 60000);
`);
    assert.equal(outline.summary.leaks, 3);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: "listens to 'sheet'", description: 'taken off on line 6 only if line 5 does not leave first', line: 4, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'getUserMedia()', description: 'media stream never stopped: the device stays in use', line: 9, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'interval at load', description: 'armed when the module is loaded: keeps every importer alive', line: 12, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a timer armed again by another listener as a leak', () => {
    const outline = outlineOf(`export function connect(node: any, open: () => any) {
  const socket = open();
  socket.on('close', () => { node.tout = setTimeout(() => connect(node, open), 3000); });
  socket.on('error', () => { node.tout = setTimeout(() => connect(node, open), 3000); });
  node.on('close', () => clearTimeout(node.tout));
}
`);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'holds timer node.tout', description: "armed again by the 'error' listener on line 4 without clearing the old one", line: 3, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer node.tout', description: "armed again by the 'close' listener on line 3 without clearing the old one", line: 4, ruleId: 'require-async-dispose' },
    ]);
  });

  it("shows a listener added to a registry's shared value as a leak", () => {
    const outline = outlineOf(`const sockets = new Map();
export function connect(port: number, make: () => any) {
  let socket = sockets.get(port);
  if (!socket) {
    socket = make();
    sockets.set(port, socket);
  }
  socket.on('close', () => sockets.delete(port));
}
`);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to socket', description: "'close' listener added again each time a value of sockets is reused", line: 8, ruleId: 'require-async-dispose' },
    ]);
  });

  it("shows a constructor function's process listener that ends its instance as a leak", () => {
    const code = `function Search() {
  var self = this;
  process.on('exit', function () { _close(self); });
}
Search.prototype.search = function () {};
function _close(target) { target.closed = true; }
module.exports = function locate() { var search = new Search(); _close(search); };
`;
    const outline = outlineOf(code);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to process', description: "'exit' listener, not removed by _close()", line: 3, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows a chain whose rejection handler throws again as floating', () => {
    const outline = outlineOf(`export function load(url: string) {
  fetch(url).catch((error) => { console.error(error); throw error; });
}
`);
    const rows = allRows(outline).filter((row) => row.kind === 'detached').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'detached', label: 'floating: fetch(url).catch(…', description: 'its rejection handler throws again, to nobody', line: 2, ruleId: 'no-floating-promises' },
    ]);
  });

  it('shows a listener the teardown does not take off as a leak', () => {
    const outline = outlineOf(`export class Widget {
  constructor(private readonly bus: { on(event: string, listener: () => void): void; off(event: string, listener: () => void): void }) {}
  mount() {
    this.bus.on('theme', this.onTheme);
    this.bus.on('locale', this.onLocale);
  }
  dispose() { this.bus.off('locale', this.onLocale); }
  onTheme = () => {};
  onLocale = () => {};
}
`);
    assert.equal(outline.summary.leaks, 1);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to this.bus', description: 'this.onTheme not taken off by dispose()', line: 4, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows listeners added again on every pass of a loop, every event or every request as leaks', () => {
    const outline = outlineOf(`export async function writeAll(out: NodeJS.WritableStream, lines: string[]) {
  for (const line of lines) {
    if (!out.write(line)) await new Promise((resolve) => out.on('drain', resolve));
  }
}
export function toDisk(compiler: any) {
  compiler.hooks.emit.tap('plugin', () => {
    compiler.hooks.assetEmitted.tapAsync('plugin', (file: string, content: Buffer, done: () => void) => done());
  });
}
export function send(req: NodeJS.EventEmitter, reject: (error: Error) => void) {
  req.on('socket', (socket: NodeJS.EventEmitter) => {
    socket.on('error', reject);
  });
}
`);
    assert.equal(outline.summary.leaks, 3);
    const rows = allRows(outline).filter((row) => row.kind === 'resource').map(simplify);
    assert.deepEqual(rows, [
      { kind: 'resource', label: 'listens to out', description: "'drain' listener added on every pass of the loop on line 2, never removed", line: 3, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to compiler', description: 'assetEmitted hook handler added on every emit hook, never removed', line: 8, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to socket', description: "'error' listener added for every request on a socket kept alive, never removed", line: 13, ruleId: 'require-async-dispose' },
    ]);
  });

  it('shows an initialisation flag set after the work of a step every operation awaits first', () => {
    const outline = outlineOf(`export class Storage {
  private hasInit = false;
  constructor(private readonly db: { createTable(): Promise<void>; get(): Promise<string> }) {}
  async init() {
    if (this.hasInit) return;
    await this.db.createTable();
    this.hasInit = true;
  }
  async read() {
    await this.init();
    return this.db.get();
  }
  async count() {
    await this.init();
    return (await this.db.get()).length;
  }
}
`);
    const races = allRows(outline).filter((row) => row.kind === 'race').map(simplify);
    assert.deepEqual(races, [
      { kind: 'race', label: 'race on this.hasInit', description: 'initialised twice across await this.db.createTable()', line: 7, ruleId: 'no-race-across-await' },
    ]);
  });

  it('shows a buffer emptied after the await while other code adds to it', () => {
    const outline = outlineOf(`export class Analytics {
  private data: Record<string, number> = {};
  constructor(private readonly post: (body: string) => Promise<void>) {}
  async flush() {
    await this.post(JSON.stringify(this.data));
    this.data = {};
  }
  track(name: string) {
    this.data[name] = (this.data[name] || 0) + 1;
    this.flush();
  }
}
`);
    const races = allRows(outline).filter((row) => row.kind === 'race').map(simplify);
    assert.deepEqual(races, [
      { kind: 'race', label: 'race on this.data', description: 'additions lost across await this.post(JSON.stringify(this…', line: 6, ruleId: 'no-race-across-await' },
    ]);
  });

  it('shows lazy initialisation left to a method of the class, pointing at the method\'s write', () => {
    const outline = outlineOf(`export class TokenClient {
  private cached: { value: string; expiry: number } | null = null;
  constructor(private readonly sts: { exchange(): Promise<{ value: string; expiry: number }> }) {}
  async getAccessToken() {
    if (!this.cached || this.cached.expiry < Date.now()) await this.refresh();
    return this.cached!.value;
  }
  private async refresh() {
    const response = await this.sts.exchange();
    this.cached = { value: response.value, expiry: response.expiry };
  }
}
`);
    const races = allRows(outline).filter((row) => row.kind === 'race').map(simplify);
    assert.deepEqual(races, [
      { kind: 'race', label: 'race on this.cached', description: 'initialised twice across await this.refresh()', line: 10, ruleId: 'no-race-across-await' },
    ]);
  });

  it('gives a returned call of another unit one row: the return names it', () => {
    const outline = outlineOf(`async function fetchCustomer(id: string) {
  return fetch('/customers/' + id);
}
export async function customer(id: string) {
  try {
    return fetchCustomer(id);
  } catch {
    return null;
  }
}
`);
    assert.deepEqual(outline.units.map(simplify)[1], {
      kind: 'unit', label: 'customer', description: 'async', line: 4,
      children: [{ kind: 'return', label: 'return fetchCustomer(id)', description: 'not awaited: the catch misses its rejection · calls fetchCustomer()', line: 6, ruleId: 'return-await-in-try' }],
    });
  });

  it('makes a function that returns a promise without being async a unit when one of its returns leaves a try', () => {
    const outline = outlineOf(`declare function request(url: string): Promise<string>;
export function load(url: string): Promise<string> {
  try {
    return request(url);
  } finally {
    console.log('done');
  }
}
export function plain(url: string): Promise<string> {
  return request(url);
}
`);
    assert.deepEqual(outline.units.map(simplify), [{
      kind: 'unit', label: 'load', description: 'returns a promise', line: 2,
      children: [{ kind: 'return', label: 'return request(url)', description: 'not awaited: the finally runs before it settles', line: 4, ruleId: 'return-await-in-try' }],
    }]);
  });

  it('is empty for a file without async code', () => {
    const outline = outlineOf('export function add(a: number, b: number) { return a + b; }\n');
    assert.deepEqual(outline, { summary: { asyncUnits: 0, awaits: 0, fanOuts: 0, detached: 0, blocking: 0, leaks: 0, misused: 0 }, units: [] });
  });

  const MISUSED = `declare function save(): Promise<void>;
interface Hooks { onStart(): void }
async function poll() { await save(); }
setInterval(poll, 1000);
setTimeout(async () => { await save(); }, 10);
const hooks: Hooks = { async onStart() { await save(); } };
const onTick: () => void = () => save();
class Worker implements Hooks {
  async onStart() { await save(); }
}
async function main() {
  const copy = { ...save() };
  if (save()) return copy;
}
export { hooks, onTick, Worker, main };
`;

  it('shows what no-misused-async-callback reports: on the async unit whose promise is lost, else as a node', () => {
    const outline = outlineOf(MISUSED, { ...DEFAULT_OUTLINE_OPTIONS, misused: { ...DEFAULT_OUTLINE_OPTIONS.misused, checkProperties: true } });
    // the interval armed at load is a leak of its own (a module that exports keeps every importer alive)
    assert.deepEqual(outline.summary, { asyncUnits: 5, awaits: 4, fanOuts: 0, detached: 0, blocking: 0, leaks: 1, misused: 7 });
    assert.deepEqual(outline.units.map(simplify), [
      { kind: 'unit', label: 'poll', description: 'async', line: 3, children: [{ kind: 'await', label: 'await save()', description: '', line: 3 }] },
      { kind: 'misused', label: 'ignored: poll', description: 'the timer ignores its promise', line: 4, ruleId: 'no-misused-async-callback' },
      { kind: 'resource', label: 'interval at load', description: 'armed when the module is loaded: keeps every importer alive', line: 4, ruleId: 'require-async-dispose' },
      {
        kind: 'unit', label: 'setTimeout callback', description: 'async · the timer ignores its promise', line: 5, ruleId: 'no-misused-async-callback',
        children: [{ kind: 'await', label: 'await save()', description: '', line: 5 }],
      },
      {
        kind: 'unit', label: 'hooks.onStart', description: 'async · onStart is declared to return void', line: 6, ruleId: 'no-misused-async-callback',
        children: [{ kind: 'await', label: 'await save()', description: '', line: 6 }],
      },
      { kind: 'misused', label: 'ignored: () => save()', description: 'onTick is declared to return void', line: 7, ruleId: 'no-misused-async-callback' },
      {
        kind: 'unit', label: 'Worker.onStart', description: 'async · Hooks declares onStart to return void', line: 9, ruleId: 'no-misused-async-callback',
        children: [{ kind: 'await', label: 'await save()', description: '', line: 9 }],
      },
      {
        kind: 'unit', label: 'main', description: 'async', line: 11,
        children: [
          { kind: 'misused', label: 'spread: ...save()', description: 'spreads a promise', line: 12, ruleId: 'no-misused-async-callback' },
          { kind: 'misused', label: 'condition: save()', description: 'a promise used as a condition: always truthy', line: 13, ruleId: 'no-misused-async-callback' },
        ],
      },
    ]);
  });

  it('puts a promise used as a condition on the row of its call when the call has one (one row per expression)', () => {
    const outline = outlineOf(`async function exists(id: string) { return id.length > 0; }
export async function create(id: string) {
  if (exists(id)) return;
  await exists(id);
}
`);
    assert.equal(outline.summary.misused, 1);
    assert.deepEqual(outline.units.map(simplify)[1], {
      kind: 'unit', label: 'create', description: 'async', line: 2,
      children: [
        { kind: 'call', label: 'calls exists()', description: 'a promise used as a condition: always truthy', line: 3, ruleId: 'no-misused-async-callback' },
        { kind: 'await', label: 'await exists(id)', description: 'calls exists()', line: 4 },
      ],
    });
  });

  it('shows an async request handler of an Express 4 project as a unit whose promise Express ignores', () => {
    const file = path.join(__dirname, '..', 'fixtures', 'servers', 'express4', 'app.ts');
    const outline = outlineOf(
      `import express from 'express';
declare function load(id: string): Promise<string>;
const app = express();
app.get('/users/:id', async (req, res) => {
  res.send(await load(req.params.id));
});
`,
      DEFAULT_OUTLINE_OPTIONS,
      parser as Linter.Parser,
      file,
    );
    assert.equal(outline.summary.misused, 1);
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'app.get("/users/:…") handler', description: 'async · Express 4 ignores its promise', line: 4, ruleId: 'no-misused-async-callback',
        children: [{ kind: 'await', label: 'await load(req.params.id)', description: '', line: 5 }],
      },
    ]);
  });

  it('shows a promise kept in a private field that nothing awaits as a stored row', () => {
    const outline = outlineOf(`export class Cache {
  #loading: Promise<void> | undefined;
  async load() { await fetch('/warm'); }
  warm() {
    if (!this.#loading) this.#loading = this.load();
  }
}
`);
    assert.equal(outline.summary.detached, 1);
    // a synchronous method is no async unit: the row stands at the top level, on its own line
    assert.deepEqual(outline.units.map(simplify).at(-1), {
      kind: 'detached', label: 'stored: this.#loading', description: 'a promise stored and never awaited', line: 5, ruleId: 'no-floating-promises',
    });
  });

  it('leaves out the positions the rule is configured not to check', () => {
    const off = { checkTests: false, checkScripts: false, checkVariables: false, checkProperties: false, checkReturns: false, checkInheritedMethods: false, checkAttributes: false, checkSpreads: false, checkDispose: false };
    const outline = outlineOf(MISUSED, { ...DEFAULT_OUTLINE_OPTIONS, misused: off });
    assert.equal(outline.summary.misused, 3); // the timer callbacks and the condition are not options
    assert.deepEqual(
      outline.units.flatMap(function collect(node): string[] {
        return [...(node.ruleId === 'no-misused-async-callback' ? [node.label] : []), ...node.children.flatMap(collect)];
      }),
      ['ignored: poll', 'setTimeout callback', 'condition: save()'],
    );
  });

  it("shows the twenty-fourth round's findings: an array inside Promise.all, a limit handed to map, a promise returned to an error-first callback, one awaited after other work, a renewal, a swap and a cleanup dropped with its promise", () => {
    const outline = outlineOf(`declare function rmRemote(name: string): Promise<void>;
declare function request(options: object, cb: (err: Error | null, res: { statusCode: number }) => unknown): void;
declare function fetchToken(): Promise<{ token: string; expiresAt: number }>;
async function refreshAuth(): Promise<string> { const response = await fetch('/auth'); return response.text(); }
let token: string | undefined;
let expiresAt = 0;
export async function destroy(remotes: Map<string, { name: string }[]>, labels: Record<string, string>) {
  await Promise.all([remotes.get('a')?.map(({ name }) => rmRemote(name)), rmRemote('b')]);
  await Promise.all(Object.entries(labels).map(([name]) => rmRemote(name), { concurrency: 5 }));
}
export function get(options: object) {
  request(options, (err, res) => {
    if (res.statusCode === 401) return refreshAuth().then(() => 1);
    return 0;
  });
}
export async function page() {
  const auth = refreshAuth();
  await rmRemote('c');
  return await auth;
}
export async function getToken() {
  if (token && expiresAt > Date.now()) return token;
  const fresh = await fetchToken();
  token = fresh.token;
  expiresAt = fresh.expiresAt;
  return token;
}
export async function withEnv(fn: () => Promise<void>) {
  const previous = { ...process.env };
  try {
    await fn();
  } finally {
    process.env = previous;
  }
}
declare const feed: { subscribe(): { unsubscribe(): void } };
async function watch() {
  await rmRemote('d');
  const subscription = feed.subscribe();
  return () => subscription.unsubscribe();
}
export function mount() {
  watch();
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'array in Promise.all', description: 'promises it does not wait for', line: 8, ruleId: 'no-floating-promises' },
      { kind: 'fan-out', label: 'await Promise.all', description: 'one per element of Object.entries(labels), unbounded: the limit is given to map', line: 9, ruleId: 'no-unbounded-concurrency' },
      { kind: 'detached', label: 'floating: refreshAuth().the…', description: 'returned to an error-first callback, which ignores it', line: 13, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'kept: auth', description: 'awaited only after await rmRemote(\'c\')', line: 18, ruleId: 'no-floating-promises' },
      { kind: 'race', label: 'race on token', description: 'renewed twice across await fetchToken()', line: 25, ruleId: 'no-race-across-await' },
      { kind: 'race', label: 'race on process.env', description: 'swapped across await fn()', line: 34, ruleId: 'no-race-across-await' },
      // (the promise can reject too: no-floating-promises reports the call as well)
      { kind: 'detached', label: 'floating: watch()', description: 'its result and error are lost', line: 44, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'cleanup of watch()', description: 'returned in a promise this call drops: never run', line: 44, ruleId: 'require-async-dispose' },
    ]);
  });

  it("shows the twenty-fifth round's findings: listeners that stay (a name made for one call, inline on document past the teardown, a sibling's taken off another emitter, an emitter replaced without them), a package's timer cleared globally, an unpipe of another destination, waiters left queued, and a redirect before the session is saved", () => {
    const outline = outlineOf(`import { EventEmitter } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import lt from 'long-timeout';
declare function uuid(): string;
export class Host extends EventEmitter {
  private queue: ((value: unknown) => void)[] = [];
  private timer: ReturnType<typeof lt.setTimeout> | null = null;
  private socket!: net.Socket;
  private channel: { off(event: string): void } | null = null;
  run() {
    const id = uuid();
    this.on('console.' + id, () => {});
  }
  watch(manager: EventEmitter) {
    manager.on('wakeup', () => this.queue.shift()?.(1));
    manager.on('error', (err: Error) => {
      this.queue.forEach((reject) => reject(err));
    });
  }
  arm(run: () => void) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = lt.setTimeout(run, 10);
  }
  connect(port: number) {
    this.socket = net.connect(port);
    this.socket.once('close', () => {});
    this.socket.on('data', () => {});
  }
  upgrade() {
    this.socket.removeAllListeners('data');
    this.socket = tls.connect({ socket: this.socket });
    this.socket.on('data', () => {});
  }
  setup() {
    document.addEventListener('visibilitychange', () => {});
  }
  teardown() {
    this.channel?.off('message');
  }
  finish(connection: { stream: NodeJS.WritableStream }, source: NodeJS.ReadableStream & { unpipe(dest: unknown): void }) {
    source.pipe(connection.stream);
    source.unpipe(connection);
  }
}
export function check(client: any, callback: () => void) {
  client.search((res: EventEmitter) => {
    res.on('error', () => {
      client.removeAllListeners('end');
    });
    res.on('end', callback);
  });
}
export function login(req: any, res: any) {
  req.session.state = uuid();
  res.redirect('/authorize');
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'listens to this', description: "listener under 'console.' + id, a name made for one call, never removed", line: 13, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds waiters this.queue', description: "settled on every 'error' but never taken out of the queue", line: 18, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer this.timer', description: 'armed by long-timeout (line 23): the global clearTimeout does not clear it', line: 22, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to this.socket', description: "replaced without its 'close' listeners (line 27)", line: 32, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to document', description: "inline 'visibilitychange' listener not taken off by teardown()", line: 36, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'pipes into connection.stream', description: 'unpipe names connection, never piped into: the pipe on line 42 stays', line: 43, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to res', description: "'end' listeners taken off client, not res: the one on line 51 stays", line: 49, ruleId: 'require-async-dispose' },
      { kind: 'race', label: 'race on req.session', description: 'redirects before the change on line 55 is saved', line: 56, ruleId: 'no-race-across-await' },
    ]);
  });

  it("shows the twenty-sixth round's findings: a one-shot listener that takes itself off instead of its sibling, a marker of work in flight left set, a field used after an await while other code empties it, and a child process started and forgotten", () => {
    const outline = outlineOf(`import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
declare class Timer { constructor(onTick: () => void) }
let refreshing: Promise<void> | undefined;
declare function refresh(): Promise<void>;
export const onDisconnected = async (): Promise<void> => {
  if (refreshing) return;
  refreshing = new Promise<void>(() => {});
  await refresh();
  refreshing = undefined;
};
export function waitFor(engine: EventEmitter, eventName: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    engine.once(eventName, onEvent);
    engine.once('error', onError);
    function onEvent(api: unknown) {
      engine.removeListener('error', onError);
      resolve(api);
    }
    function onError(err: Error) {
      engine.removeListener(eventName, onError);
      reject(err);
    }
  });
}
export class Parser {
  private player: { onError(error: unknown): void } | null = null;
  private timer = new Timer(() => void this.onUpdate());
  stop(): void {
    this.player = null;
  }
  private async update(): Promise<void> {}
  async onUpdate(): Promise<void> {
    if (!this.player) return;
    try {
      await this.update();
    } catch (error) {
      this.player.onError(error);
    }
  }
}
export async function execCLI(args: string[]): Promise<void> {
  spawn('bundle', args, { stdio: 'inherit' });
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'sets refreshing', description: 'busy flag left set when the function leaves on line 9', line: 8, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to engine', description: 'onError takes itself off, not onEvent (line 14): it stays', line: 21, ruleId: 'require-async-dispose' },
      { kind: 'race', label: 'race on this.player', description: 'checked before await this.update(), used after it while line 30 empties it', line: 38, ruleId: 'no-race-across-await' },
      { kind: 'detached', label: 'floating: spawn(…)', description: 'a child process started and forgotten', line: 43, ruleId: 'no-floating-promises' },
    ]);
  });
});

describe('outline (twenty-seventh round)', () => {
  it("shows the twenty-seventh round's findings: a frame a teardown lets go of, a listener on the request's socket per request, a promise written out as data, a store's rows fanned out, an interval its siblings' teardown forgets, and a stream destroyed after its variable took the stream it pipes into", () => {
    const outline = outlineOf(`import type { IncomingMessage, ServerResponse } from 'node:http';
async function userName(id: string): Promise<string> { return id; }
declare const store: { collection(name: string): { find(query: object): Promise<{ _id: string }[]>; remove(query: object): Promise<void> } };
export class Localization {
  private pendingFrame: number | null = null;
  schedule(): void {
    this.pendingFrame = requestAnimationFrame(() => { this.pendingFrame = null; });
  }
  disconnect(): void {
    this.pendingFrame = null;
  }
}
export function handle(req: IncomingMessage, res: ServerResponse): void {
  req.socket.once('close', () => res.destroy());
  res.end(\`Hello, \${userName('x')}\`);
}
export async function clean(): Promise<void> {
  const reports = await store.collection('reports').find({});
  await Promise.all(reports.map((r) => store.collection('reports').remove({ _id: r._id })));
}
export function unzip(res: NodeJS.ReadableStream & { destroy(): void }, zlib: { createUnzip(): NodeJS.WritableStream }): void {
  res = res.pipe(zlib.createUnzip()) as typeof res;
  setTimeout(() => res.destroy(), 1000);
}
export function profiler(onClose: (listener: () => void) => void): void {
  const cleanup = setInterval(() => {}, 60000);
  const canceling = setInterval(() => {}, 1000);
  onClose(() => clearInterval(cleanup));
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'holds this.pendingFrame', description: 'dropped by disconnect() without cancelAnimationFrame: its callback still runs', line: 10, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to req.socket', description: "'close' listener added to the connection's socket for every request served, never removed", line: 14, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: "as data: userName('x')", description: 'a promise written out by a template literal, never awaited', line: 15, ruleId: 'no-floating-promises' },
      { kind: 'fan-out', label: 'await Promise.all', description: 'one per element of reports, unbounded', line: 19, ruleId: 'no-unbounded-concurrency' },
      { kind: 'resource', label: 'closes res', description: 'now the stream it was piped into (line 22): the source stays open', line: 23, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer canceling', description: 'interval nothing clears, though cleanup is cleared (line 28)', line: 27, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (twenty-eighth round)', () => {
  it("shows the twenty-eighth round's findings: a socket let go of only on 'end', a timer handle raced, a file poller, a server on a picked port, a watchdog abort, a callback called inside a chain, an object pooled before its stop, and a released resource replaced", () => {
    const outline = outlineOf(`import * as fs from 'node:fs';
import * as net from 'node:net';
import type { Server } from 'node:http';
interface Page { stopSession(): Promise<void> }
export class Pages {
  private idle: Page[] = [];
  take(): Page | undefined { return this.idle.pop(); }
  async stop(page: Page): Promise<void> {
    this.idle.push(page);
    return page.stopSession();
  }
}
const sessions: net.Socket[] = [];
export const server = net.createServer((socket) => {
  sessions.push(socket);
  socket.once('end', () => sessions.splice(sessions.indexOf(socket), 1));
});
export function invoke(work: Promise<void>): void {
  Promise.race([work, setTimeout(() => {}, 1000)]);
}
export function waitFor(file: string, ready: () => void): void {
  fs.watchFile(file, () => ready());
}
export function address(app: Server): void {
  if (!app.address()) app.listen(0);
}
export function get(url: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal }).then(resolve, reject);
    setTimeout(() => controller.abort(), 30000);
  });
}
export function nodeify(promise: Promise<number>, cb: (error: unknown, value?: number) => void): void {
  promise.then((value) => cb(null, value)).catch((error) => cb(error));
}
let worker: { terminate(): void } | undefined;
export function getWorker(make: () => { terminate(): void }): void {
  worker = make();
}
export function stopWorker(): void {
  worker?.terminate();
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'race', label: 'race on this.idle', description: 'page pooled before page.stopSession() finishes: line 7 can take it', line: 9, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'kept: socket', description: "let go of only on 'end' (it removes it from sessions): never when destroyed first", line: 16, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: 'floating: Promise.race(…)', description: 'its result and error are lost', line: 19, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'holds timer setTimeout', description: 'timer handle raced as a promise (line 19): never awaited, never cleared', line: 19, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'watchFile', description: 'a file poller nothing in the file stops (no unwatchFile)', line: 22, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens: app', description: 'started on a picked port (listen(0)), never closed', line: 25, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer setTimeout', description: 'timeout never cleared: left armed when the promise settles on line 30', line: 31, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: 'floating: promise.then((val…', description: "the caller's callback runs inside the chain: a throw calls it twice, then goes unhandled", line: 35, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'replaces worker', description: 'the old one never released (line 42 releases only the last)', line: 39, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (twenty-ninth round)', () => {
  it("shows the twenty-ninth round's findings: a promise awaited after its try, a .finally branch detached with void, an unref'd timeout acting late, a timeout cleared only on connect, the async package's each, and a connect callback's lazy initialisation", () => {
    const outline = outlineOf(`import * as net from 'node:net';
const async = require('async');
declare const mongodb: { MongoClient: { connect(url: string, cb: (err: Error | null, db?: object) => void): void } };
export async function flag(decide: () => Promise<boolean>): Promise<boolean> {
  let decision: Promise<boolean>;
  try {
    decision = decide();
  } catch {
    decision = Promise.resolve(false);
  }
  return await decision;
}
async function captureAsync(event: Promise<unknown>): Promise<void> { await event; }
export function capture(event: Promise<unknown>, inProgress: Promise<void>[]): void {
  const promise = captureAsync(event);
  inProgress.push(promise);
  void promise.finally(() => inProgress.pop());
}
export function ask(timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stdin.once('data', (data) => resolve(String(data)));
    setTimeout(() => {
      process.stdin.pause();
      reject(new Error('timeout'));
    }, timeout).unref();
  });
}
export class Client {
  socket: net.Socket | null = null;
  timer: ReturnType<typeof setTimeout> | null = null;
  connect(port: number) {
    this.socket = net.connect({ port }, this.onConnect.bind(this));
    this.timer = setTimeout(() => this.close(), 10000);
  }
  onConnect() { clearTimeout(this.timer!); }
  close() { this.socket?.end(); }
}
export function migrate(models: string[], db: { query(sql: string, cb: (err: Error | null) => void): void }, cb: () => void) {
  async.each(models, (model: string, done: (err: Error | null) => void) => db.query('SHOW FIELDS FROM ' + model, done), cb);
}
export function Store(this: { url: string; db?: object }) {}
Store.prototype.connect = function (callback: (err: Error | null, db?: object) => void) {
  var self = this;
  if (self.db) return callback(null, self.db);
  else {
    mongodb.MongoClient.connect(self.url, function (err: Error | null, db?: object) {
      self.db = db;
      callback(err, db);
    });
  }
};
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'return', label: 'decision = decide()', description: 'awaited after the try (line 11): the catch misses its rejection', line: 7, ruleId: 'return-await-in-try' },
      { kind: 'detached', label: 'floating: promise.finally(…)', description: 'a .finally branch of a promise kept elsewhere: it rejects with it, unhandled', line: 17, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'holds timer setTimeout', description: "unref'd timeout never cleared: its process.stdin.pause() still runs after line 21", line: 22, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer this.timer', description: 'timeout not cleared by close()', line: 33, ruleId: 'require-async-dispose' },
      { kind: 'fan-out', label: 'async.each', description: 'one per element of models, unbounded', line: 39, ruleId: 'no-unbounded-concurrency' },
      { kind: 'race', label: 'race on self.db', description: 'connects again until mongodb.MongoClient.connect() calls back', line: 47, ruleId: 'no-race-across-await' },
    ]);
  });

  it('shows a promise a synchronous method stores, first awaited by a later call (a file without a `this` alias)', () => {
    const outline = outlineOf(`export class Batch {
  activeFlush: Promise<void> | undefined;
  ingest = () => {
    this.activeFlush = this.flush();
  };
  flush = async (): Promise<void> => {
    await this.activeFlush;
    await fetch('/ingest');
  };
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'stored: this.activeFlush', description: 'stored by ingest(), first awaited by a later call', line: 4, ruleId: 'no-floating-promises' },
    ]);
  });

  it("shows a listener on process's streams that every instance adds again", () => {
    const outline = outlineOf(`export class Command {
  async init() {
    this.swallowEPIPE();
  }
  swallowEPIPE() {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'listens to process.stdout', description: "'error' listener added again by every instance (swallowEPIPE), using none of it", line: 6, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (thirtieth round)', () => {
  it("shows the thirtieth round's findings: a cache filled in a .then, a stored promise's .finally branch, work detached before the callback, a forEach nobody waits for, props listeners, a cleanup that misses one, and a process listener per restart", () => {
    const outline = outlineOf(`declare function getConfiguration(key: string): Promise<object>;
declare function loadAsync(key: string): Promise<string>;
declare function stringify(value: object): Promise<string>;
const cache: Record<string, object> = {};
const langPromises: Record<string, Promise<string>> = {};
export function initialize(key: string): Promise<object> {
  if (cache[key]) return Promise.resolve(cache[key]);
  return getConfiguration(key).then((configuration) => {
    cache[key] = configuration;
    return configuration;
  });
}
export function use(key: string): void {
  langPromises[key] = loadAsync(key).then((table) => table);
  langPromises[key].finally(() => {
    delete langPromises[key];
  });
}
export function output(report: object, callback: (ok: boolean) => void): void {
  (async () => {
    await stringify(report).catch(() => undefined);
  })();
  callback(true);
}
export async function close(storage: Map<string, { close(): Promise<void> }>): Promise<void> {
  await loadAsync('x');
  storage.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });
}
export class Player {
  constructor(readonly props: { onPlay: () => void }) {}
  add(player: HTMLMediaElement) {
    player.addEventListener('play', this.props.onPlay);
  }
  remove(player: HTMLMediaElement) {
    player.removeEventListener('play', this.props.onPlay);
  }
}
export function adapter(uppy: { on(e: string, f: () => void): void; off(e: string, f: () => void): void }, a: () => void, b: () => void, c: () => void) {
  uppy.on('added', a);
  uppy.on('removed', b);
  uppy.on('progress', c);
  return { cleanup: () => { uppy.off('added', a); uppy.off('progress', c); } };
}
export function startWorker(): void {
  process.on('uncaughtException', () => restartWorker());
}
function restartWorker() {
  setTimeout(() => startWorker(), 1000);
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'race', label: 'race on cache[key]', description: 'fetched again until getConfiguration() has settled', line: 9, ruleId: 'no-race-across-await' },
      { kind: 'detached', label: 'floating: langPromises[key]…', description: 'a .finally branch of a promise kept elsewhere: it rejects with it, unhandled', line: 15, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'floating: async work', description: 'not awaited before callback() says done (line 23)', line: 20, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'listens to player', description: 'removes this.props.onPlay as it is now, not the one added on line 38', line: 41, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to uppy', description: "'removed' listener that cleanup() does not take off (line 48)", line: 46, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to process', description: "'uncaughtException' listener added again on every restart (through restartWorker())", line: 51, ruleId: 'require-async-dispose' },
    ]);
    const units = outline.units.flatMap(function collect(node): { label: string; description: string; ruleId?: string }[] {
      return [{ label: node.label, description: node.description, ruleId: node.ruleId }, ...node.children.flatMap(collect)];
    });
    assert.deepEqual(units.filter((unit) => unit.label === 'storage.forEach callback'), [{ label: 'storage.forEach callback', description: 'async · forEach: `close()` does not wait for it', ruleId: 'no-misused-async-callback' }]);
  });
});

describe('outline (thirty-first round)', () => {
  it("shows the thirty-first round's findings: a wait listener left on window, a promise made once and raced on every call, a teardown during a pending connect, a dropped chain on the promise passed in, a delete racing a copy, and a fetch response dropped unread", () => {
    const outline = outlineOf(`import { EventEmitter } from 'node:events';
export function whenReady(frame: HTMLIFrameElement): Promise<void> {
  return new Promise<void>((resolve) => {
    window.addEventListener('message', (event) => {
      if (event.source === frame.contentWindow) resolve();
    });
  });
}
export class Pool extends EventEmitter {
  closed!: Promise<void>;
  open(): void {
    this.closed = new Promise<void>((resolve) => this.once('close', resolve));
  }
  async acquire(next: Promise<string>): Promise<string | void> {
    return Promise.race([next, this.closed]);
  }
}
interface Connection { close(): void }
export class Transporter {
  connection?: Connection;
  connecting?: Promise<void>;
  constructor(private readonly dial: (onConnected: (connection: Connection) => void) => Promise<void>) {}
  disconnect(): void {
    if (this.connection) {
      this.connection.close();
    }
  }
  async doConnect(): Promise<void> {
    await this.dial((connection) => {
      this.connection = connection;
    });
  }
  async connect(): Promise<void> {
    this.connecting = this.doConnect();
    try {
      await this.connecting;
    } finally {
      this.connecting = undefined;
    }
  }
}
function track(promise: any) {
  return promise.then((value: unknown) => value);
}
export function send(request: () => any): unknown {
  const sent = request();
  track(sent);
  return sent;
}
declare function copyFileAsync(from: string, to: string): Promise<void>;
declare function unlinkAsync(path: string): Promise<void>;
export async function moveMap(file: string, target: string): Promise<void> {
  await Promise.all([copyFileAsync(file, target), unlinkAsync(file)]);
}
export class WebConnection {
  async query(): Promise<unknown> {
    const response = await this.request();
    return response.body;
  }
  async insert(): Promise<void> {
    await this.request();
  }
  async request(): Promise<Response> {
    const response = await fetch('http://localhost');
    return response;
  }
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'listens to window', description: "'message' wait listener never taken off: one more per call of whenReady()", line: 4, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'races this.closed', description: 'made once (open()): every race leaves a reaction on it', line: 15, ruleId: 'require-async-dispose' },
      { kind: 'race', label: 'race on this.connection', description: 'disconnect() misses a connect still pending in this.connecting', line: 24, ruleId: 'no-race-across-await' },
      { kind: 'detached', label: 'floating: track(sent)', description: 'a chain made on the promise passed in, dropped: it rejects with it, unhandled', line: 47, ruleId: 'no-floating-promises' },
      { kind: 'race', label: 'race on file', description: 'deleted while copyFileAsync() reads it (line 53)', line: 53, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'response of this.request()', description: 'dropped: body never read or cancelled (line 57 reads it)', line: 61, ruleId: 'require-async-dispose' },
    ]);
  });
});

/** The rows of an outline that report for a rule (units left out), in order, with their 1-based lines. */
function ruleRows(outline: AsyncOutline): { kind: string; label: string; description: string; line: number; ruleId?: string }[] {
  return outline.units.flatMap(function collect(node): { kind: string; label: string; description: string; line: number; ruleId?: string }[] {
    const own = node.ruleId && node.kind !== 'unit' ? [{ kind: node.kind, label: node.label, description: node.description, line: node.range.start.line + 1, ruleId: node.ruleId }] : [];
    return [...own, ...node.children.flatMap(collect)];
  });
}

describe('outline (thirty-second round)', () => {
  it("shows the thirty-second round's findings: a release in finally after an await, an interval armed again, a batch put back over new entries, work not returned from a map callback, work cut off by an exit, and a listener one teardown leaves on the emitter it lets go", () => {
    const outline = outlineOf(`import nodeCleanup from 'node-cleanup';
import type { Pool } from 'pg';
declare function post(body: string): Promise<void>;
export async function withClient(pool: Pool, callback: (client: unknown) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await callback(client);
  } finally {
    await client.query('commit');
    client.release();
  }
}
export class Sender {
  private interval: ReturnType<typeof setInterval> | undefined;
  private queue: string[] = [];
  constructor(private period: number) {
    this.start();
  }
  update(period: number): void {
    this.period = period;
    this.start();
  }
  start(): void {
    this.interval = setInterval(() => this.flush(), this.period);
  }
  stop(): void {
    clearInterval(this.interval);
  }
  add(entry: string): void {
    this.queue.push(entry);
  }
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      await post(batch.join());
    } catch {
      this.queue = batch;
    }
  }
}
export function checkAll(tasks: any[]): Promise<unknown[]> {
  return Promise.all(tasks.map((task) => {
    task.check();
  }));
}
declare const child: { once(event: 'exit', listener: () => void): void };
function kill(): Promise<void> {
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
  });
}
nodeCleanup(() => {
  kill().catch(() => undefined);
});
export function createVoiceSearch(recognizer: () => EventTarget & { stop(): void }) {
  let recognition: (EventTarget & { stop(): void }) | undefined;
  const onEnd = (): void => undefined;
  const start = (): void => {
    recognition = recognizer();
    recognition.addEventListener('end', onEnd);
  };
  const dispose = (): void => {
    recognition?.removeEventListener('end', onEnd);
    recognition = undefined;
  };
  const stop = (): void => {
    recognition?.stop();
    recognition = undefined;
  };
  return { start, stop, dispose };
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'releases client', description: 'in finally, skipped when the await on line 9 rejects', line: 10, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds timer this.interval', description: 'armed again by update() (line 21) over the interval it holds', line: 24, ruleId: 'require-async-dispose' },
      { kind: 'race', label: 'race on this.queue', description: 'batch put back over what was added since line 34', line: 38, ruleId: 'no-race-across-await' },
      { kind: 'detached', label: 'floating: task.check()', description: 'not returned from the map callback: Promise.all waits for nothing', line: 44, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'floating: kill().catch(…)', description: 'cut off by the exit that follows the handler', line: 54, ruleId: 'no-floating-promises' },
      { kind: 'resource', label: 'listens to recognition', description: "'end' listener left by stop(), taken off by dispose()", line: 61, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (thirty-third round)', () => {
  it("shows the thirty-third round's findings: a chain whose fulfilled handler throws, a handle awaited where the file reads its promise, lazy initialisation in an `||` beside another object's state, a descriptor kept past the stop method, and a descriptor a failure leaves open", () => {
    const outline = outlineOf(`import * as fs from 'node:fs';
declare function findByDevice(device: unknown): Promise<object>;
export async function sendChunks(api: any, path: string, chunks: Buffer[]): Promise<void> {
  for (const chunk of chunks) {
    api.write(path, chunk).then((result: any) => {
      if (!result.success) throw new Error(result.error);
    });
  }
}
export async function drain(transport: any, session: string): Promise<void> {
  await transport.send({ name: 'Cancel' }).promise;
  const call = transport.call({ name: 'Ping' });
  await call.promise;
  await transport.receive({ session });
}
export class Device {
  private definition?: object;
  constructor(private readonly zh: { interviewing: boolean; modelID: string }) {}
  async resolveDefinition(ignoreCache = false): Promise<void> {
    if (!this.zh.interviewing && (!this.definition || ignoreCache)) {
      this.definition = await findByDevice(this.zh);
    }
  }
}
export class Reader {
  private fd: number | null = null;
  open(path: string): void {
    fs.open(path, 'r', (error, fd) => {
      if (!error) this.fd = fd;
    });
  }
  close(): void {
    this.fd = null;
  }
}
export function peripheral(bus: { number: number }, setAddress: (fd: number, callback: (error: Error | null) => void) => void, cb: (error: Error | null, fd?: number) => void): void {
  fs.open('/dev/i2c-' + bus.number, 'r+', (err, device) => {
    if (err) return cb(err);
    setAddress(device, (error) => {
      if (error) return cb(error);
      cb(null, device);
    });
  });
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'floating: api.write(path, c…', description: 'its result and error are lost', line: 5, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'floating: transport.receive…', description: "a handle awaited: its promise is .promise, as for transport's other calls", line: 14, ruleId: 'no-floating-promises' },
      { kind: 'race', label: 'race on this.definition', description: 'initialised twice across await findByDevice(this.zh)', line: 21, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'keeps fd', description: 'file descriptor from fs.open, kept past close() and never closed', line: 28, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'holds device', description: 'file descriptor left open when setAddress fails (line 40)', line: 37, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (thirty-fourth round)', () => {
  it("shows the thirty-fourth round's findings: a racer whose timer starts its work late, a store checked and filled per kind of entry, a response body returned from a try, a fan-out over tasks given the fs module, a bound async method as a listener, and a pool's terminate dropped", () => {
    const outline = outlineOf(`import fs from 'node:fs';
import type { EventEmitter } from 'node:events';
import workerpool from 'workerpool';
declare function attemptNavigate(timeout: number): Promise<boolean>;
declare function find(id: number): Promise<{ schema: string }>;
declare const git: { listTags(o: object): Promise<string[]>; resolveRef(o: object): Promise<string> };
declare const fetchContext: { fetch(url: string): Promise<Response>; reset(): Promise<void> };
export function navigate(timeout: number) {
  const second = new Promise<boolean>((resolve) => {
    setTimeout(() => {
      attemptNavigate(timeout * 2).then(resolve);
    }, 30000);
  });
  return Promise.race([attemptNavigate(timeout), second]);
}
export class Registry {
  constructor(private readonly cache: { getSchema(id: number): object | undefined; setSchema(id: number, schema: object): object }) {}
  async getSchema(id: number) {
    const schema = this.cache.getSchema(id);
    if (schema) return schema;
    const response = await find(id);
    return this.cache.setSchema(id, JSON.parse(response.schema));
  }
}
export async function request(url: string) {
  const { fetch } = fetchContext;
  try {
    const resp = await fetch(url);
    return resp.json();
  } finally {
    await fetchContext.reset();
  }
}
export async function tagShas(dir: string) {
  const tags = await git.listTags({ fs, dir });
  return Promise.all(tags.map(async (tag) => ({ tag, sha: await git.resolveRef({ fs, dir, ref: tag }) })));
}
export class DialogHandler {
  constructor(private readonly browser: EventEmitter) {
    this.browser.on('dialog', this.onDialog);
  }
  private onDialog = this.tryToHandleDialog.bind(this);
  private async tryToHandleDialog(dialog: unknown): Promise<void> {
    await find(Number(dialog));
  }
}
let pool: any;
export function stopPool(): void {
  const stopping = pool;
  pool = null;
  stopping.terminate();
}
export function startPool(path: string): void {
  pool = workerpool.pool(path);
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'holds timer setTimeout', description: 'starts attemptNavigate() late for the race on line 14, kept if another racer wins', line: 10, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: 'floating: attemptNavigate(t…', description: 'its result and error are lost', line: 11, ruleId: 'no-floating-promises' },
      { kind: 'race', label: 'race on this.cache', description: 'loaded twice across await find(id)', line: 22, ruleId: 'no-race-across-await' },
      { kind: 'return', label: 'return resp.json()', description: 'not awaited: the finally runs before it settles', line: 29, ruleId: 'return-await-in-try' },
      { kind: 'fan-out', label: 'Promise.all', description: 'one per element of tags, unbounded', line: 36, ruleId: 'no-unbounded-concurrency' },
      { kind: 'misused', label: 'ignored: this.onDialog', description: 'the emitter ignores its promise', line: 40, ruleId: 'no-misused-async-callback' },
      { kind: 'detached', label: 'floating: stopping.terminat…', description: 'its result and error are lost', line: 51, ruleId: 'no-floating-promises' },
    ]);
  });
});

describe('outline (thirty-fifth round)', () => {
  it("shows the thirty-fifth round's findings: a Lambda handler's value dropped, a deferred kept in a field nothing reads, a hook's async tap, work detached in an 'exit' listener, an object URL given to a worker, an http response never read, a restarting listener on two ending events, and an iterator's return() that does not close the one it wraps", () => {
    const outline = outlineOf(`import http from 'node:http';
declare const compiler: any;
declare const res: NodeJS.EventEmitter;
declare function writeStats(stats: unknown): Promise<void>;
declare function connect(): void;
export function runHandler(lambda: any, event: unknown, context: { done(): void }, callback: () => void) {
  lambda.handler(event, context, callback);
}
export class Subscription {
  _init() {
    this._promise = new Promise((resolve, reject) => {
      this._reject = (error: unknown) => reject(error);
    });
  }
  _promise: Promise<unknown> | null = null;
  _reject: ((error: unknown) => void) | null = null;
}
export function apply() {
  compiler.hooks.done.tap('Stats', async (stats: unknown) => {
    await writeStats(stats);
  });
}
export class Cluster {
  readonly #onExit = () => {
    void this.end();
  };
  constructor() {
    process.once('exit', this.#onExit);
  }
  end(): Promise<void> {
    return writeStats(null);
  }
}
export function worker(code: string) {
  return new Worker(URL.createObjectURL(new Blob([code])));
}
export function ping(url: string, done: () => void) {
  http.get(url, (response) => {
    done();
  });
}
function onClosed(): void {
  setTimeout(connect, 1000);
}
export function watch() {
  res.on('close', onClosed);
  res.on('end', onClosed);
}
export function filtered(source: () => AsyncIterator<unknown>) {
  const inner = source();
  return {
    next() {
      return inner.next().then((value) => value);
    },
    return() {
      return Promise.resolve({ value: undefined, done: true });
    },
  };
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'floating: lambda.handler(…)', description: 'a Lambda-style handler run and its promise dropped: result and error lost', line: 7, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'stored: this._promise', description: 'a promise stored and never awaited', line: 11, ruleId: 'no-floating-promises' },
      { kind: 'detached', label: 'detached: this.end()', description: 'void: detached on purpose', line: 25, ruleId: 'no-floating-promises' },
      { kind: 'misused', label: 'cut by exit: void this.end()', description: "started in an 'exit' listener: never finishes", line: 25, ruleId: 'no-misused-async-callback' },
      { kind: 'resource', label: 'object URL for new Worker', description: 'kept nowhere: never revoked', line: 35, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'response of http.get', description: 'never read: holds its memory and socket', line: 38, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: "onClosed on 'close' and 'en…", description: 'runs twice per ending: its work doubles', line: 47, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'return() without inner.retu…', description: 'the inner iterator stays open on an early stop', line: 56, ruleId: 'require-async-dispose' },
    ]);
    // the hook's async tap is shown on its unit
    const units = outline.units.flatMap(function all(node): AsyncOutline['units'] {
      return [node, ...node.children.flatMap(all)];
    });
    const tap = units.find((node) => node.kind === 'unit' && node.ruleId === 'no-misused-async-callback');
    assert.deepEqual(tap && { label: tap.label, description: tap.description, line: tap.range.start.line + 1 }, { label: 'compiler.hooks.done… callba…', description: "async · the hook's tap does not wait for its promise", line: 19 });
  });
});

describe('outline (thirty-sixth round)', () => {
  it("shows the thirty-sixth round's findings: a chain that answers a request and loses its failure, an executor compiled for ES5, a cache filled through the instance's own accessors, an interval only its own callback clears, a socket's handler left on the socket it replaces, and a reconnect timer nothing can clear", () => {
    const outline = outlineOf(`import { EventEmitter } from 'node:events';
declare function __awaiter(thisArg: unknown, args: unknown, P: unknown, body: () => unknown): Promise<unknown>;
declare function __generator(thisArg: unknown, body: (state: any) => unknown): unknown;
declare function dial(url: string): EventEmitter;
declare class Socket { constructor(url: string); onclose: ((event: unknown) => void) | null; close(): void }
export function list(req: any, res: any) {
  req.db.find().then((docs: unknown) => res.json(docs));
}
export function transform(self: any, source: string) {
  return new Promise(function (resolve, reject) { return __awaiter(self, void 0, void 0, function () {
    var result;
    return __generator(this, function (_b: any) {
      switch (_b.label) {
        case 0: return [4, self.load(source)];
        case 1:
          result = _b.sent();
          resolve(result);
          return [2];
      }
    });
  }); });
}
export class Parser {
  private readonly cache: Record<string, unknown> = {};
  constructor(private readonly parser: { parse(file: string): Promise<unknown> }) {}
  async parse(file: string) {
    const cached = this._getFromCache(file);
    if (cached) return cached;
    const tests = await this.parser.parse(file);
    this._putToCache(tests, file);
    return tests;
  }
  private _getFromCache(file: string) { return this.cache[file]; }
  private _putToCache(tests: unknown, file: string) { this.cache[file] = tests; }
}
export class Launcher {
  private heartbeat?: ReturnType<typeof setInterval>;
  private driver?: { getTitle(): Promise<string> };
  start() {
    this.heartbeat = setInterval(async () => {
      try {
        await this.driver?.getTitle();
      } catch {
        clearInterval(this.heartbeat);
      }
    }, 60000);
  }
  stop() {
    this.driver = undefined;
  }
}
export class Client {
  private socket?: Socket;
  connect(url: string) {
    this.socket?.close();
    this.socket = new Socket(url);
    this.socket.onclose = () => this.reconnect();
  }
  reconnect() {}
}
export class Feed {
  private conn?: EventEmitter;
  constructor(private readonly url: string) {}
  connect() {
    this.conn = dial(this.url);
    this.conn.on('close', () => {
      setTimeout(this.connect.bind(this), 5000);
    });
  }
  close() {
    this.conn?.removeAllListeners();
  }
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'floating: req.db.find().the…', description: 'its result and error are lost', line: 7, ruleId: 'no-floating-promises' },
      { kind: 'misused', label: 'ignored: function (resolve,…', description: 'async Promise executor', line: 10, ruleId: 'no-misused-async-callback' },
      { kind: 'race', label: 'race on this._getFromCache', description: 'loaded twice across await this.parser.parse(file)', line: 30, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'holds timer this.heartbeat', description: 'interval not cleared by stop()', line: 40, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'this.socket.onclose left on…', description: 'this.socket?.close() (line 55) does not take it off: it fires on the replacement', line: 57, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: "reconnect timer on 'close'", description: 'handle dropped: close() cannot clear it', line: 67, ruleId: 'require-async-dispose' },
    ]);
  });
  it('shows a session a function of the file makes, dropped by an awaited statement', () => {
    const outline = outlineOf(`class Session { constructor(readonly id: string) {} }
export async function retry(id: string) {
  const createSession = async () => new Session(id);
  await createSession();
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'dropped: new Session', description: 'made by createSession(…) and never closed', line: 4, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (thirty-seventh round)', () => {
  it("shows the thirty-seventh round's findings: an async useCallback called without await, a value filled from the provider the check asks for, and a listener taken off as a new bound function", () => {
    const outline = outlineOf(`import { useCallback } from 'react';
export function useSocialAuth(api: { connect(props: object): Promise<void> }) {
  const connect = useCallback(async (props: object) => {
    await api.connect(props);
  }, [api]);
  return useCallback(async (props: object) => {
    connect(props);
  }, [connect]);
}
export class Handler {
  private config?: object;
  private configProvider?: () => Promise<object>;
  async handle() {
    if (!this.config && this.configProvider) {
      this.config = await this.configProvider();
    }
    return this.config;
  }
}
export class Connector {
  constructor(private readonly wallet: { on(event: string, listener: () => void): void; off(event: string, listener: () => void): void }) {}
  connect() {
    this.wallet.on('accountChange', this.onAccountChange.bind(this));
  }
  disconnect() {
    this.wallet.off('accountChange', this.onAccountChange.bind(this));
  }
  onAccountChange() {}
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'detached', label: 'floating: connect(props)', description: 'its result and error are lost', line: 7, ruleId: 'no-floating-promises' },
      { kind: 'race', label: 'race on this.config', description: 'initialised twice across await this.configProvider()', line: 15, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'listens to this.wallet', description: "'accountChange' listener taken off as a new this.onAccountChange.bind(…) (line 26): it stays", line: 23, ruleId: 'require-async-dispose' },
    ]);
  });
  it('shows a process listener added by a compiled ES5 method of a class that can be stopped', () => {
    const outline = outlineOf(`var Debuglet = (function () {
  function Debuglet(config) { this.config = config; }
  Debuglet.prototype.start = function () {
    return __awaiter(this, void 0, void 0, function () {
      var that;
      return __generator(this, function (_a) {
        switch (_a.label) {
          case 0:
            that = this;
            process.on('warning', function (warning) { that.config.log(warning); });
            return [4, this.config.load()];
          case 1:
            _a.sent();
            return [2];
        }
      });
    });
  };
  Debuglet.prototype.stop = function () { this.config.log('stopped'); };
  return Debuglet;
}());
exports.Debuglet = Debuglet;
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'listens to process', description: "'warning' listener, not removed by stop()", line: 10, ruleId: 'require-async-dispose' },
    ]);
  });
});

describe('outline (thirty-eighth round)', () => {
  it("shows the thirty-eighth round's findings: a lock left taken, a write stream never ended, a listener left on by one settle, and an Algolia index call dropped", () => {
    const outline = outlineOf(`import fs from 'node:fs';
import algoliasearch from 'algoliasearch';
declare const lock: { acquireLock(key: string): Promise<void>; releaseLock(key: string): void };
export async function getToken(fetchToken: () => Promise<string>) {
  await lock.acquireLock('token');
  const token = await fetchToken();
  lock.releaseLock('token');
  return token;
}
export function writeLines(lines: string[], dest: string) {
  const out = fs.createWriteStream(dest);
  lines.forEach((line) => out.write(line));
}
export function nextMessage(ms: number) {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent) => {
      clearTimeout(timer);
      resolve(event.data);
      window.removeEventListener('message', onMessage);
    };
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    window.addEventListener('message', onMessage);
  });
}
export async function publish(settings: object, exists: boolean) {
  const client = algoliasearch('app', 'key');
  const target = exists ? client.initIndex('tmp') : client.initIndex('main');
  target.setSettings(settings);
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'locks lock', description: 'lock left taken when the function leaves on line 6', line: 5, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'writes out', description: 'file write stream never ended: the file stays open', line: 11, ruleId: 'require-async-dispose' },
      { kind: 'resource', label: 'listens to window', description: "'message' listener left on when the promise settles on line 21", line: 22, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: 'floating: target.setSetting…', description: 'its result and error are lost', line: 28, ruleId: 'no-floating-promises' },
    ]);
  });
});

describe('outline (thirty-ninth round)', () => {
  it("shows the thirty-ninth round's findings: a page listener per instance, work done after a stop, an object released by one helper only, and a stored call first awaited later", () => {
    const outline = outlineOf(`import { EventEmitter } from 'node:events';
declare class Client extends EventEmitter { download(path: string, cb: () => void): void; upload(path: string, cb: () => void): void; close(): void }
export class PostLogger {
  constructor() {
    window.addEventListener('unload', () => this.stop());
  }
  stop() {}
}
export class Poller {
  private stopped = false;
  private timer = setInterval(() => void this.poll(), 1000);
  constructor(private readonly request: () => Promise<string>, private readonly onData: (data: string) => void) {}
  stop() {
    clearInterval(this.timer);
    this.stopped = true;
  }
  private async poll() {
    if (this.stopped) return;
    const data = await this.request();
    this.onData(data);
  }
}
function upload(client: Client, path: string, done: () => void) {
  client.upload(path, () => {
    client.close();
    done();
  });
}
function download(client: Client, path: string, done: () => void) {
  client.download(path, done);
}
export function copy(path: string, remote: boolean, done: () => void) {
  const client = new Client();
  if (remote) download(client, path, done);
  else upload(client, path, done);
}
export class Indexer {
  private readonly bulkResult: any;
  constructor(client: any) {
    this.bulkResult = client.bulk();
  }
  async finalize() {
    return await this.bulkResult;
  }
}
`);
    assert.deepEqual(ruleRows(outline), [
      { kind: 'resource', label: 'listens to window', description: "'unload' listener, not removed by stop()", line: 5, ruleId: 'require-async-dispose' },
      { kind: 'race', label: 'works past this.stopped', description: 'checked before await this.request(), not after it while line 15 sets it', line: 20, ruleId: 'no-race-across-await' },
      { kind: 'resource', label: 'holds client', description: 'released by upload(), not by download() (line 34)', line: 33, ruleId: 'require-async-dispose' },
      { kind: 'detached', label: 'stored: this.bulkResult', description: 'a promise started with the instance, first awaited by a later call', line: 40, ruleId: 'no-floating-promises' },
    ]);
  });
});
