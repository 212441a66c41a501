import * as path from 'node:path';

import rule from '../../../eslint-plugin/src/rules/no-unbounded-concurrency';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';

runInBothModes('no-unbounded-concurrency', rule, {
  both: {
  valid: [
    'async function f(a: string, b: string) { await Promise.all([fetch(a), fetch(b)]); }',
    'async function f(a: string, b: string, c: string) { await Promise.all([a, b, c].map((u) => fetch(u))); }',
    'async function f(a: string) { await Promise.race([new Promise((r) => setTimeout(r, 1000)), fetch(a)]); }',
    `const URLS = ['https://a.example', 'https://b.example'] as const;
async function f() { await Promise.all(URLS.map((u) => fetch(u))); }`,
    'async function f(pair: [string, string]) { await Promise.all(pair.map((u) => fetch(u))); }',
    // a task handed a file system that is not Node's (an in-memory one): nothing says it does I/O
    `declare const git: { listTags(o: object): Promise<string[]>; resolveRef(o: object): Promise<string> };
declare const memfs: object;
export async function tagShas(dir: string) {
  const tags = await git.listTags({ fs: memfs, dir });
  return Promise.all(tags.map(async (tag) => {
    const sha = await git.resolveRef({ fs: memfs, dir, ref: tag });
    return { tag, sha };
  }));
}`,
    `async function f(a: string, b: string) {
  const ps: Promise<Response>[] = [];
  ps.push(fetch(a));
  ps.push(fetch(b));
  await Promise.all(ps);
}`,
    `async function f(a: string, b: string) {
  const ps = [];
  for (const u of [a, b]) ps.push(fetch(u));
  await Promise.all(ps);
}`,
    `async function f() { const ps = []; [1, 2, 3].forEach((n) => ps.push(fetch('/item/' + n))); await Promise.all(ps); }`,
    `async function f(urls: string[]) {
  for (let i = 0; i < urls.length; i += 10) {
    await Promise.all(urls.slice(i, i + 10).map((u) => fetch(u)));
  }
}`,
    `async function f(urls: string[], size: number) {
  for (let i = 0; i < urls.length; i += size) {
    const group = urls.slice(i, i + size);
    await Promise.all(group.map((u) => fetch(u)));
  }
}`,
    `async function f(queue: string[]) {
  while (queue.length > 0) {
    const next = queue.splice(0, 20);
    await Promise.all(next.map((u) => fetch(u)));
  }
}`,
    'async function processBatch(batch: string[]) { await Promise.all(batch.map((u) => fetch(u))); }',
    'async function f(job: { chunk: string[] }) { await Promise.all(job.chunk.map((u) => fetch(u))); }',
    `declare function chunk<T>(items: T[], size: number): T[][];
async function f(urls: string[]) {
  for (const group of chunk(urls, 10)) await Promise.all(group.map((u) => fetch(u)));
}`,
    `async function f(items: string[], size: number, handle: (xs: string[]) => Promise<void>) {
  const ps = [];
  for (let i = 0; i < items.length; i += size) ps.push(handle(items.slice(i, i + size)));
  await Promise.all(ps);
}`,
    `import pLimit from 'p-limit';
const limit = pLimit(4);
async function f(urls: string[]) { await Promise.all(urls.map((u) => limit(() => fetch(u)))); }`,
    `import PQueue from 'p-queue';
const queue = new PQueue({ concurrency: 2 });
async function f(urls: string[]) { await Promise.all(urls.map((u) => queue.add(() => fetch(u)))); }`,
    `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 5 });
async function f(urls: string[]) { await Promise.all(urls.map((u) => limiter.schedule(() => fetch(u)))); }`,
    `class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async acquire(): Promise<void> { if (this.free > 0) { this.free--; return; } await new Promise<void>((r) => this.waiting.push(r)); }
  release(): void { const next = this.waiting.shift(); if (next) next(); else this.free++; }
}
const slots = new Semaphore(3);
async function f(urls: string[]) {
  await Promise.all(urls.map(async (u) => {
    await slots.acquire();
    try { return await fetch(u); } finally { slots.release(); }
  }));
}`,
    `import { Mutex } from 'async-mutex';
const m = new Mutex();
async function f(urls: string[]) { await Promise.all(urls.map((u) => m.runExclusive(() => fetch(u)))); }`,
    `declare function runWithLimit<T>(task: () => Promise<T>): Promise<T>;
async function f(urls: string[]) { await Promise.all(urls.map((u) => runWithLimit(() => fetch(u)))); }`,
    `declare const pool: { query(sql: string, values: unknown[]): Promise<unknown> };
async function f(ids: number[]) { await Promise.all(ids.map((id) => pool.query('select 1 where id = $1', [id]))); }`,
    `import pLimit from 'p-limit';
async function f(urls: string[]) {
  const limit = pLimit(8);
  const ps = [];
  for (const u of urls) ps.push(limit(() => fetch(u)));
  await Promise.all(ps);
}`,
    `import pMap from 'p-map';
async function f(urls: string[]) { await pMap(urls, (u) => fetch(u), { concurrency: 4 }); }`,
    `import pFilter from 'p-filter';
async function f(urls: string[]) { return pFilter(urls, async (u) => (await fetch(u)).ok, { concurrency: 4 }); }`,
    `import pMap from 'p-map';
async function f(urls: string[], options: { concurrency: number }) { await pMap(urls, (u) => fetch(u), options); }`,
    `import pAll from 'p-all';
async function f(urls: string[]) { await pAll(urls.map((u) => () => fetch(u)), { concurrency: 2 }); }`,
    `async function f() { await Promise.all(Object.keys({ users: 1, posts: 2 }).map((k) => fetch('/' + k))); }`,
    `const ENDPOINTS = { users: '/users', posts: '/posts' };
async function f() { await Promise.all(Object.values(ENDPOINTS).map((u) => fetch(u))); }`,
    `async function f(queue: string[]) {
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let u = queue.shift(); u; u = queue.shift()) await fetch(u);
  }));
}`,
    `declare function worker(): Promise<void>;
async function f() { await Promise.all(new Array(4).fill(0).map(() => worker())); }`,
    `declare function worker(): Promise<void>;
async function f() { const ps = []; for (let i = 0; i < 4; i++) ps.push(worker()); await Promise.all(ps); }`,
    'async function f(clients: { close(): Promise<void> }[]) { await Promise.all(clients.map((c) => c.close())); }',
    `async function f(clients: { flush(): Promise<void>; close(): Promise<void> }[]) {
  await Promise.all(clients.map(async (c) => { await c.flush(); await c.close(); }));
}`,
    'async function f(hooks: (() => Promise<void>)[]) { await Promise.all(hooks.map((hook) => hook())); }',
    'async function f(servers: { close(): Promise<void> }[]) { const ps = []; for (const s of servers) ps.push(s.close()); await Promise.all(ps); }',
    // tearing down what the program holds (close, destroy, kill…) is not a fan-out of new work
    `class Pool {
  private kill(child: unknown, signal: string): Promise<void> { return Promise.resolve(); }
  async clean(children: unknown[]) { await Promise.all(children.map((c) => this.kill(c, 'SIGTERM'))); }
}`,
    // one connection or query runner runs the tasks one at a time
    `class PostgresQueryRunner {
  query(sql: string): Promise<unknown> { return Promise.resolve(sql); }
  async createForeignKeys(keys: string[]) { await Promise.all(keys.map((key) => this.query('alter table add ' + key))); }
}`,
    `declare const tx: { insert(row: object): Promise<void> };
async function f(rows: object[]) { await Promise.all(rows.map(async (row) => { await tx.insert(row); })); }`,
    // inside the limiter's own class
    `class PQueue {
  add<T>(task: () => Promise<T>): Promise<T> { return task(); }
  async addAll<T>(tasks: (() => Promise<T>)[]) { return Promise.all(tasks.map(async (task) => this.add(task))); }
}`,
    'async function f(promises: Promise<unknown>[]) { await Promise.all(promises); }',
    'async function f(urls: string[]) { await Promise.all(urls.map((u) => u.length)); }',
    'async function f(ns: number[]) { await Promise.all(ns.map(async (n) => n + 1)); }',
    'async function f(ps: Promise<number>[]) { await Promise.all(ps.map((p) => p.catch(() => 0))); }',
    `class Promise2 {}
const Promise = { all(xs: unknown[]) { return xs; } };
function f(urls: string[]) { Promise.all(urls.map((u) => fetch(u))); }`,
    `async function f(urls: string[]) {
  const ps: Promise<Response>[] = [];
  for (const u of urls) {
    ps.push(fetch(u));
    if (ps.length >= 10) { await Promise.all(ps); ps.length = 0; }
  }
  await Promise.all(ps);
}`,
    `async function f(urls: string[]) {
  const ps = [];
  for (const u of urls) {
    ps.push(fetch(u));
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(ps);
}`,
    // No I/O: the tasks only record, wait or read a cache (the message's sockets, files or queries would be false).
    `async function collect(list: string[], x: string) { list.push(x); }
export async function f(items: string[]) { const seen: string[] = []; await Promise.all(items.map((x) => collect(seen, x))); }`,
    `import { once } from 'node:events';
export async function stopAll(workers: { terminate(): void }[]) { await Promise.all(workers.map((w) => { w.terminate(); return once(w as never, 'exit'); })); }`,
    // Small by construction: nothing says the collection's size is the outside world's (address families, brokers, targets).
    `import { promises as dns } from 'node:dns';
export async function lookupAll(host: string, families: number[]) { return Promise.all(families.map((family) => dns.lookup(host, { family }))); }`,
    `export async function resolve(targets: { url: string }[]) { return Promise.all(targets.map((t) => fetch(t.url))); }`,
    // A length guard bounds the collection.
    `export async function f(urls: string[]) { if (urls.length > 100) throw new Error('too many'); await Promise.all(urls.map((u) => fetch(u))); }`,
  ],
  invalid: [
    // The collection's size is the outside world's: a request's payload, an I/O result, a directory listing.
    {
      code: `import express from 'express';
declare const db: { query(sql: string, values: unknown[]): Promise<unknown> };
const app = express();
app.post('/users', async (req, res) => { await Promise.all(req.body.ids.map((id: string) => db.query('select 1', [id]))); res.end(); });`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 4, column: 48, endLine: 4, endColumn: 59, data: { api: 'Promise.all', collection: 'req.body.ids', origin: "comes from the request, so its size is the client's choice" } }],
    },
    {
      code: `declare const db: { query(sql: string): Promise<{ rows: { url: string }[] }> };
export async function refresh() { const { rows } = await db.query('select url from feeds'); await Promise.all(rows.map((row) => fetch(row.url))); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 99, endLine: 2, endColumn: 110, data: { api: 'Promise.all', collection: 'rows', origin: "comes from I/O, so its size is the data's" } }],
    },
    {
      code: `import fs from 'node:fs';
export async function readAll(dir: string) { const names = fs.readdirSync(dir); return Promise.all(names.map((name) => fs.promises.readFile(dir + '/' + name))); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 88, endLine: 2, endColumn: 99, data: { api: 'Promise.all', collection: 'names', origin: "comes from I/O, so its size is the data's" } }],
    },
    {
      // isomorphic-git is handed Node's fs module: each task reads files through it
      code: `import fs from 'node:fs';
declare const git: { listTags(o: object): Promise<string[]>; resolveRef(o: object): Promise<string> };
export async function tagShas(dir: string) {
  const tags = await git.listTags({ fs, dir });
  return Promise.all(tags.map(async (tag) => {
    const sha = await git.resolveRef({ fs, dir, ref: tag });
    return { tag, sha };
  }));
}`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 5, column: 10, endLine: 5, endColumn: 21, data: { api: 'Promise.all', collection: 'tags', origin: "comes from I/O, so its size is the data's" } }],
    },
    {
      // an async arrow whose value is an object holding an awaited request: the await is the task's work
      code: 'async function f(urls: string[]) { return Promise.all(urls.map(async (u) => ({ u, status: (await fetch(u)).status }))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 43, endLine: 1, endColumn: 54 }],
    },
    {
      code: 'async function f(urls: string[]) { await Promise.all(urls.map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 42, endLine: 1, endColumn: 53 }],
    },
    {
      code: 'async function f(ids: number[], db: any) { return Promise.all(ids.map(async (id) => db.load(id))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 51, endLine: 1, endColumn: 62 }],
    },
    {
      code: 'async function f(urls: string[]) { return Promise.allSettled(urls.map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 43, endLine: 1, endColumn: 61 }],
    },
    {
      code: 'async function f(urls: string[]) { return Promise.race(urls.map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 43, endLine: 1, endColumn: 55 }],
    },
    {
      code: 'async function f(urls: string[]) { return Promise.any(urls.map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 43, endLine: 1, endColumn: 54 }],
    },
    {
      code: 'async function f(urls: string[]) { await Promise.all(urls.map(fetch)); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 42, endLine: 1, endColumn: 53 }],
    },
    {
      code: `async function loadUser(id: number) { return fetch('/users/' + id); }
async function f(ids: number[]) { return Promise.all(ids.map(loadUser)); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 42, endLine: 2, endColumn: 53 }],
    },
    {
      code: `async function f(urls: string[]) {
  const tasks = urls.map(async (u) => {
    const res = await fetch(u);
    return res.json();
  });
  return Promise.all(tasks);
}`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 6, column: 10, endLine: 6, endColumn: 21 }],
    },
    {
      code: `async function f(urls: string[]) {
  const ps = [];
  for (const u of urls) ps.push(fetch(u));
  await Promise.all(ps);
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoopFanOut', line: 4, column: 9, endLine: 4, endColumn: 20 }],
    },
    {
      code: `async function f(urls: string[]) {
  const ps: Promise<Response>[] = [];
  urls.forEach((u) => { ps.push(fetch(u)); });
  await Promise.all(ps);
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoopFanOut', line: 4, column: 9, endLine: 4, endColumn: 20 }],
    },
    {
      code: `async function f(urls: string[]) {
  const ps = [];
  for (let i = 0; i < urls.length; i++) ps.push(fetch(urls[i]!));
  await Promise.allSettled(ps);
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoopFanOut', line: 4, column: 9, endLine: 4, endColumn: 27 }],
    },
    {
      code: `async function f(cursor: { next(): string | null }) {
  const ps = [];
  let u;
  while ((u = cursor.next()) !== null) ps.push(fetch(u));
  await Promise.all(ps);
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoopFanOut', line: 5, column: 9, endLine: 5, endColumn: 20 }],
    },
    {
      code: `async function f(ids: string[]) {
  const ps = [];
  for (const id of ids) {
    ps.push((async () => {
      const res = await fetch('/items/' + id);
      return res.json();
    })());
  }
  return Promise.all(ps);
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoopFanOut', line: 9, column: 10, endLine: 9, endColumn: 21 }],
    },
    {
      code: `import pMap from 'p-map';
async function f(urls: string[]) { return pMap(urls, (u) => fetch(u)); }`,
      output: null,
      errors: [{ messageId: 'missingConcurrency', line: 2, column: 43, endLine: 2, endColumn: 47 }],
    },
    {
      code: `import pFilter from 'p-filter';
async function live(urls: string[]) { return pFilter(urls, async (u) => (await fetch(u)).ok); }`,
      output: null,
      errors: [{ messageId: 'missingConcurrency', data: { api: 'pFilter', collection: 'urls' }, line: 2, column: 46, endLine: 2, endColumn: 53 }],
    },
    {
      code: `import pMap from 'p-map';
async function f(urls: string[]) { return pMap(urls, (u) => fetch(u), { concurrency: Infinity }); }`,
      output: null,
      errors: [{ messageId: 'missingConcurrency', line: 2, column: 43, endLine: 2, endColumn: 47 }],
    },
    {
      code: `import pAll from 'p-all';
async function f(urls: string[]) { return pAll(urls.map((u) => () => fetch(u))); }`,
      output: null,
      errors: [{ messageId: 'missingConcurrency', line: 2, column: 43, endLine: 2, endColumn: 47 }],
    },
    {
      code: 'async function f(urls: string[], home: string) { await Promise.all([fetch(home), ...urls.map((u) => fetch(u))]); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 56, endLine: 1, endColumn: 67 }],
    },
    {
      code: `async function load(id: string) { return fetch('/x/' + id); }
async function f(ids: Set<string>) { await Promise.all(Array.from(ids, (id) => load(id))); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 44, endLine: 2, endColumn: 55 }],
    },
    {
      code: `async function f(body: Record<string, string>) { await Promise.all(Object.keys(body).map((k) => fetch('/keys/' + k))); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 56, endLine: 1, endColumn: 67 }],
    },
    {
      code: 'async function f(items: { ok: boolean; url: string }[]) { await Promise.all(items.filter((x) => x.ok).map(async (x) => fetch(x.url))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 65, endLine: 1, endColumn: 76 }],
    },
    {
      code: 'async function f(urls: string[]) { await Promise.all([...new Set(urls)].map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 42, endLine: 1, endColumn: 53 }],
    },
    {
      code: `import { readFile } from 'node:fs/promises';
async function f(paths: string[]) { return Promise.all(paths.map((p) => readFile(p, 'utf8'))); }`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 44, endLine: 2, endColumn: 55 }],
    },
    {
      code: `async function f(urls: string[]) {
  const results = await Promise.all(
    urls.map(async (url) => {
      const res = await fetch(url);
      return { url, status: res.status };
    }),
  );
  return results;
}`,
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 25, endLine: 2, endColumn: 36 }],
    },
    // a promise-returning method of another file of the project, on a receiver known by its written type (a
    // constructor parameter's interface, a parameter's class)
    {
      code: `import type { UserRepository } from './cross-file/repository';
import { User } from './cross-file';
export class Sync {
  constructor(private readonly users: UserRepository) {}
  async saveAll(ids: string[]) { await Promise.all(ids.map((id) => this.users.save({ id }))); }
  async truncateAll(ids: string[], user: User) { await Promise.all(ids.map(() => user.truncate())); }
}`,
      filename: path.join(FIXTURES_DIR, 'file.ts'),
      output: null,
      errors: [
        { messageId: 'unboundedFanOut', line: 5, column: 40, endLine: 5, endColumn: 51 },
        { messageId: 'unboundedFanOut', line: 6, column: 56, endLine: 6, endColumn: 67 },
      ],
    },
    {
      code: 'async function f(urls: readonly string[]) { await globalThis.Promise.all(urls.map((u) => fetch(u))); }',
      output: null,
      errors: [{ messageId: 'unboundedFanOut', line: 1, column: 51, endLine: 1, endColumn: 73 }],
    },
  ],
  },
  syntacticOnly: {
    valid: [
      // a tuple from a call is small by construction; without types nothing says the collection is large either
      `declare function pair(): [string, string];
async function f() { const p = pair(); await Promise.all(p.map((u) => fetch(u))); }`,
      // without types, `store.load(id)` (a method of an object from another file) is not known to return a promise
      `import { store } from './no-unbounded-concurrency-store';
async function f(ids: number[]) { await Promise.all(ids.map((id) => store.load(id))); }`,
    ],
    invalid: [
    ],
  },
  typedOnly: {
    valid: [
      // the checker knows `pair()` is a tuple: two tasks
      `declare function pair(): [string, string];
async function f() { const p = pair(); await Promise.all(p.map((u) => fetch(u))); }`,
    ],
    invalid: [
      // the checker knows `store.load` returns a promise
      {
        code: `import { store } from './no-unbounded-concurrency-store';
async function f(ids: number[]) { await Promise.all(ids.map((id) => store.load(id))); }`,
        output: null,
        errors: [{ messageId: 'unboundedFanOut', line: 2, column: 41, endLine: 2, endColumn: 52 }],
      },
    ],
  },
});

/**
 * TypeScript's output below ES2017 (issue #22): an `async` callback is `(id) => __awaiter(this, void 0, void 0,
 * function* () { … })`, its awaits `yield`s. Its tasks and its I/O are read in the generator.
 */
const COMPILED_FAN_OUT = (callback: string) => `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    return new Promise(function (resolve) { resolve(generator.apply(thisArg, _arguments || []).next().value); });
};
function loadAll(ids) {
    return __awaiter(this, void 0, void 0, function* () {
        return yield Promise.all(ids.map(${callback}));
    });
}
module.exports = { loadAll };`;

runInBothModes('no-unbounded-concurrency (compiled __awaiter code)', rule, {
  both: {
    valid: [
      // work on each existing element (its own method), not new I/O per id
      { code: COMPILED_FAN_OUT('(id) => __awaiter(this, void 0, void 0, function* () { yield id.reload(); })'), filename: 'file.js' },
    ],
    invalid: [
      {
        code: COMPILED_FAN_OUT('(id) => __awaiter(this, void 0, void 0, function* () { return (yield fetch("/items/" + id)).json(); })'),
        filename: 'file.js',
        errors: [{ messageId: 'unboundedFanOut', line: 6, column: 22, endLine: 6, endColumn: 33, data: { api: 'Promise.all', collection: 'ids', origin: "is the caller's data set, of any size" } }],
      },
    ],
  },
});

runInBothModes('no-unbounded-concurrency (Bluebird map and filter)', rule, {
  both: {
    valid: [
      // a concurrency option bounds it
      `const BB = require('bluebird');
declare const db: { query(sql: string): Promise<{ rows: { url: string }[] }> };
export async function refresh() { const { rows } = await db.query('select url from feeds'); await BB.map(rows, (row: { url: string }) => fetch(row.url), { concurrency: 4 }); }`,
      // a list of the code's own: judged like Promise.all over it
      `const BB = require('bluebird');
export async function warm() { await BB.map(['a', 'b', 'c'], (name: string) => fetch('/warm/' + name)); }`,
      // an array's own map, in a file that uses Bluebird
      `const BB = require('bluebird');
export async function names(rows: { name: string }[]) { return BB.resolve(rows.map((row) => row.name)); }`,
    ],
    invalid: [
      {
        code: `const Promise = require('bluebird');
declare const db: { query(sql: string): Promise<{ rows: { url: string }[] }> };
export async function refresh() { const { rows } = await db.query('select url from feeds'); await Promise.map(rows, (row: { url: string }) => fetch(row.url)); }`,
        output: null,
        errors: [{ messageId: 'unboundedFanOut', line: 3, column: 99, endLine: 3, endColumn: 110, data: { api: 'Promise.map', collection: 'rows', origin: "comes from I/O, so its size is the data's" } }],
      },
    ],
  },
});

/**
 * TypeScript's ES5 output (danger 3.6.1's inline comments): a loop body moved into `_loop_1`, a task made by a compiled
 * `async` method whose state machine does the I/O, and a chain on a promise held in a variable.
 */
const ES5_COMMENTS = (loopBody: string) => `var Executor = (function () {
    function Executor(api) { this.api = api; }
    Executor.prototype.sendAll = function (comments) {
        var tasks = [];
        var _loop_1 = function (comment) {
${loopBody}
        };
        for (var _i = 0, comments_1 = comments; _i < comments_1.length; _i++) {
            _loop_1(comments_1[_i]);
        }
        return Promise.all(tasks);
    };
    Executor.prototype.remove = function (comment) {
        return __awaiter(this, void 0, void 0, function () {
            return __generator(this, function (_a) {
                switch (_a.label) {
                    case 0: return [4, this.api.deleteComment(comment.id)];
                    case 1: return [2, _a.sent()];
                }
            });
        });
    };
    return Executor;
}());
exports.Executor = Executor;`;

runInBothModes('no-unbounded-concurrency (TypeScript ES5 output)', rule, {
  both: {
    valid: [
      // the loop's function is called from elsewhere too: how often it runs is not the loop's
      { code: ES5_COMMENTS(`            var promise = _this_1.remove(comment);
            tasks.push(promise.then(function () { return 1; }));`).replace('return Promise.all(tasks);', '_loop_1(null);\n        return Promise.all(tasks);').replace('var tasks = [];', 'var tasks = [];\n        var _this_1 = this;'), filename: 'file.js' },
      // a task that only reads what is there
      { code: ES5_COMMENTS(`            var value = comment.cached;
            tasks.push(value.then(function () { return 1; }));`), filename: 'file.js' },
    ],
    invalid: [
      {
        code: ES5_COMMENTS(`            var promise = this_1.remove(comment);
            tasks.push(promise.then(function () { return 1; }).catch(function () { return 0; }));`).replace('        for (var _i', '        var this_1 = this;\n        for (var _i'),
        filename: 'file.js',
        errors: [{ messageId: 'unboundedLoopFanOut', line: 13, column: 16, endLine: 13, endColumn: 27, data: { api: 'Promise.all', over: " (one per element of `comments_1`, which is the caller's data set, of any size)" } }],
      },
    ],
  },
});

// ssh2-sftp-client 9.1.0's uploadDir: one upload per file of a list the caller hands over, each through a method
// whose promise's executor starts the transfer
runInBothModes('no-unbounded-concurrency (a container of a data set, and work started in an executor)', rule, {
  both: {
    valid: [
      // a container of something that is not a data set
      `class Client {
  sftp: any;
  _put(a: string): Promise<void> { return new Promise((resolve) => { this.sftp.fastPut(a, a, resolve); }); }
  async apply(optionList: string[]) {
    const uploads: Promise<void>[] = [];
    for (const o of optionList) uploads.push(this._put(o));
    await Promise.all(uploads);
  }
}`,
      // the executor's work sits in a callback it hands on (not run at once)
      `class Client {
  _wait(a: string): Promise<void> { return new Promise((resolve) => { queueMicrotask(() => { this.sftp.fastPut(a, a, resolve); }); }); }
  sftp: any;
  async apply(fileList: string[]) {
    const waits: Promise<void>[] = [];
    for (const f of fileList) waits.push(this._wait(f));
    await Promise.all(waits);
  }
}`,
    ],
    invalid: [
      {
        code: `class SftpClient {
  sftp: any;
  _fastPut(lPath: string, rPath: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.sftp.fastPut(lPath, rPath, (err: Error | null) => (err ? reject(err) : resolve(lPath)));
    });
  }
  uploadFiles(dstDir: string, fileList: { name: string }[]) {
    return new Promise((resolve) => {
      const uploads: Promise<string>[] = [];
      for (const f of fileList) {
        uploads.push(this._fastPut(f.name, dstDir + '/' + f.name));
      }
      resolve(Promise.all(uploads));
    });
  }
}`,
        output: null,
        errors: [{ messageId: 'unboundedLoopFanOut', line: 14, column: 15, endLine: 14, endColumn: 26 }],
      },
    ],
  },
});

runInBothModes('no-unbounded-concurrency (a concurrency option handed to Array#map)', rule, {
  both: {
    valid: [
      // the option goes to a helper that takes it
      `import pMap from 'p-map';\ndeclare function save(entry: [string, string]): Promise<void>;\nexport async function create(labels: Record<string, string>) {\n  await pMap(Object.entries(labels), (entry) => save(entry), { concurrency: 5 });\n}`,
      // map's second argument is a real \`this\`, not an options object
      `declare function save(this: { prefix: string }, name: string): Promise<void>;\nexport async function create(names: string[]) {\n  await Promise.all([...names].slice(0, 3).map(save, { prefix: 'x' }));\n}`,
    ],
    invalid: [
      {
        code: `declare const models: { create(kind: string, body: object): Promise<void> };\nconst MAX_CONCURRENT_REQUESTS = 5;\nexport async function createImage(labels: Record<string, string>) {\n  await Promise.all(Object.entries(labels).map(([name, value]) => {\n    return models.create('image_label', { label_name: name, value });\n  }, {\n    concurrency: MAX_CONCURRENT_REQUESTS,\n  }));\n}`,
        output: null,
        errors: [
          {
            messageId: 'limitGivenToArrayMap',
            data: { api: 'Promise.all', collection: 'Object.entries(labels)' },
            line: 4,
            column: 9,
            endLine: 4,
            endColumn: 20,
          },
        ],
      },
    ],
  },
});

runInBothModes("no-unbounded-concurrency (a store's rows fanned out through a plain callback)", rule, {
  both: {
    valid: [
      // a batch at a time: the query asks for at most a limit of rows (@jsreport/jsreport-reports 3.1.1)
      `declare const store: { collection(name: string): { find(query: object): { limit(n: number): { toArray(): Promise<{ _id: string }[]> } }; remove(query: object): Promise<void> } };\nexport async function clean(limit: number) {\n  while (true) {\n    const reports = await store.collection('reports').find({}).limit(limit).toArray();\n    await Promise.all(reports.map((r) => store.collection('reports').remove({ _id: r._id })));\n    if (reports.length === 0) return;\n  }\n}`,
      // a store's row calls inside a helper the task calls are not followed (jsreport-core's duplicate-name check per updated entity)
      `declare const store: { collection(name: string): { find(query: object): Promise<{ _id: string; name: string }[]> } };\nasync function validateName(entity: { name: string }) {\n  const same = await store.collection('folders').find({ name: entity.name });\n  if (same.length > 1) throw new Error('duplicate');\n}\nexport async function beforeUpdate(query: object) {\n  const entities = await store.collection('templates').find(query);\n  return Promise.all(entities.map((e) => validateName(e)));\n}`,
      // a plain callback whose call is not a store's: not known to start I/O
      `declare const heroku: { patch(url: string): unknown };\ndeclare function selectDomains(): Promise<string[]>;\nexport async function configure() {\n  const domains = await selectDomains();\n  await Promise.all(domains.map((domain) => heroku.patch('/domains/' + domain)));\n}`,
    ],
    invalid: [
      {
        name: 'every old report removed at once (@jsreport/jsreport-reports 3.0.7)',
        code: `declare const store: { collection(name: string): { find(query: object): Promise<{ _id: string }[]>; remove(query: object): Promise<void> } };\nexport async function clean(before: Date) {\n  const reportsToRemove = await store.collection('reports').find({ creationDate: { $lt: before } });\n  await Promise.all(reportsToRemove.map((r) => store.collection('reports').remove({ _id: r._id })));\n}`,
        output: null,
        errors: [{ messageId: 'unboundedFanOut', line: 4, column: 9, endLine: 4, endColumn: 20, data: { api: 'Promise.all', collection: 'reportsToRemove', origin: "comes from I/O, so its size is the data's" } }],
      },
    ],
  },
});

runInBothModes("no-unbounded-concurrency (the async package's collection functions)", rule, {
  both: {
    valid: [
      // the limited form (loopback-connector-mysql 2.4.1), and the serial one
      `const async = require('async');
export function migrate(this: { execute(sql: string, cb: (err: Error | null) => void): void }, models: string[], cb: (err?: Error | null) => void) {
  const self = this;
  async.eachLimit(models, 4, (model: string, done: (err: Error | null) => void) => self.execute('SHOW FIELDS FROM ' + model, done), cb);
  async.eachSeries(models, (model: string, done: (err: Error | null) => void) => self.execute('SHOW INDEXES FROM ' + model, done), cb);
}`,
      // a list of the code's own
      `const async = require('async');
export function warm(get: (url: string, cb: (err: Error | null) => void) => void, cb: () => void) {
  async.each(['a', 'b', 'c'], (name: string, done: (err: Error | null) => void) => get('/warm/' + name, done), cb);
}`,
      // no I/O in the iteratee
      `const async = require('async');
export function names(rows: { name: string }[], cb: (err: Error | null, names?: string[]) => void) {
  async.map(rows, (row: { name: string }, done: (err: Error | null, name?: string) => void) => done(null, row.name.trim()), cb);
}`,
    ],
    invalid: [
      {
        name: "loopback-connector-mysql 2.4.0's autoupdate: one schema query per model, all at once",
        code: `const async = require('async');
export function autoupdate(this: { execute(sql: string, cb: (err: Error | null, rows?: unknown[]) => void): void }, models: string[], cb: (err?: Error | null) => void) {
  const self = this;
  async.each(models, function (model: string, done: (err?: Error | null) => void) {
    self.execute('SHOW FIELDS FROM ' + model, function (err: Error | null) {
      done(err);
    });
  }, cb);
}`,
        output: null,
        errors: [{ messageId: 'unboundedAsyncCollection', line: 4, column: 3, endLine: 4, endColumn: 13, data: { api: 'async.each', collection: 'models', origin: "is the caller's data set, of any size", limited: 'async.eachLimit', serial: 'async.eachSeries' } }],
      },
      {
        name: 'neo-async, a function taken out of the module',
        code: `import { mapValues } from 'neo-async';
import * as fs from 'fs';
export function sizes(files: Record<string, string>, cb: (err: Error | null, sizes?: Record<string, number>) => void) {
  mapValues(files, (file: string, done: (err: Error | null, size?: number) => void) => fs.stat(file, (err, stat) => done(err, stat?.size)), cb);
}`,
        output: null,
        errors: [{ messageId: 'unboundedAsyncCollection', line: 4, column: 3, endLine: 4, endColumn: 12, data: { api: 'mapValues', collection: 'files', origin: "is the caller's data set, of any size", limited: 'mapValuesLimit', serial: 'mapValuesSeries' } }],
      },
    ],
  },
});

/** @applitools/core 4.x's offline run: every resource of every target read at once, in a helper the run calls with what it read. */
const OFFLINE_RUN = (calls: string, helperHead = 'async function uploadResources(targets: string[]): Promise<void> {') => `import { promises as fs } from 'node:fs';
export async function runOffline(dir: string): Promise<void> {
${calls}
}
${helperHead}
  await Promise.all(targets.map((target) => fs.readFile(target)));
}`;

runInBothModes('no-unbounded-concurrency (a helper every caller in the file hands what it read)', rule, {
  both: {
    valid: [
      // one caller hands it a fixed list
      OFFLINE_RUN("  await uploadResources(await fs.readdir(dir));\n  await uploadResources(['settings.json', 'close.json']);"),
      // exported: callers in other files hand it what they like
      OFFLINE_RUN('  await uploadResources(await fs.readdir(dir));', 'export async function uploadResources(targets: string[]): Promise<void> {'),
      // also handed on as a value
      OFFLINE_RUN('  await uploadResources(await fs.readdir(dir));\n  void [uploadResources];'),
    ],
    invalid: [
      {
        code: OFFLINE_RUN('  const targets = await fs.readdir(dir);\n  await uploadResources(targets);'),
        errors: [{ messageId: 'unboundedFanOut', line: 7, column: 9, endLine: 7, endColumn: 20, data: { api: 'Promise.all', collection: 'targets', origin: "comes from I/O, so its size is the data's" } }],
      },
    ],
  },
});
