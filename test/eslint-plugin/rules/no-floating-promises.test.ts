import * as path from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../../../eslint-plugin/src/rules/no-floating-promises';
import { oxlintLikeParser } from '../oxlintLikeParser';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';
import { TS_AWAITER_HELPER } from '../compiledCode';

// Keeps the import used when no case sets a filename.
void path;

/**
 * Calls detached inside a function that cannot `await` (so `void` is the one suggestion), in a file next to the
 * cross-file fixtures: each of `texts` (its first occurrence after the previous one) is reported exactly there.
 */
function detachedCalls(code: string, texts: readonly string[]) {
  let from = 0;
  const errors = texts.map((text) => {
    const index = code.indexOf(text, from);
    if (index < 0) throw new Error(`"${text}" is not in the code`);
    from = index + text.length;
    const before = code.slice(0, index).split('\n');
    const line = before.length;
    const column = (before[before.length - 1] as string).length + 1;
    const output = `${code.slice(0, index)}void ${code.slice(index)}`;
    return { messageId: 'floating' as const, line, column, endLine: line, endColumn: column + text.length, suggestions: [{ messageId: 'suggestVoid' as const, output }] };
  });
  return { code, filename: path.join(FIXTURES_DIR, 'file.ts'), output: null, errors };
}

runInBothModes('no-floating-promises', rule, {
  both: {
    valid: [
      // Cross-file: a method that returns no promise, an override that hides the async method of the base, and a
      // base the project does not define (a package).
      { code: `const store = require('./cross-file/store.js');
export function run() { store.size(); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: `import { Model } from './cross-file/model';
class Draft extends Model {
  async save() {}
  // @ts-expect-error: an override that returns no promise
  truncate(): number { return 1; }
  reset() { this.truncate(); }
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: `import { EventEmitter } from 'node:events';
export class Bus extends EventEmitter {
  fire() { this.emit('x'); }
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // Test code: a test registration (the runner awaits it), detached work in tests, an assertion an async test settles.
      { code: `import { test } from 'node:test';
test('x', async () => {});`, options: [{"allowForKnownSafeCalls":[]}] },
      { code: `import t from 'node:test';
t.test('outer', async (t) => { t.test('inner', async () => {}); });` },
      { code: `import { test } from 'node:test';
test.describe('suite', () => {});` },
      { code: `declare function open(): Promise<void>;
open();`, filename: 'test/file.ts' },
      { code: `import assert from 'node:assert';
import { test } from 'node:test';
declare function run(): Promise<void>;
declare function finish(): Promise<void>;
test('rejects', async () => {
  assert.rejects(run(), /boom/);
  await finish();
});` },
      // Command-line scripts and examples: an unhandled rejection ends the script with its error.
      { code: `(async () => { await fetch('/x'); })();`, filename: 'bin/cli.ts' },
      { code: `#!/usr/bin/env node
async function main() { await fetch('/x'); }
main();` },
      // Cannot reject: every failure is caught.
      { code: `const ping = async () => 1;
async function main() {
  ping();
}` },
      { code: `declare function log(error: unknown): void;
async function flush() {
  await fetch('/flush').catch((error) => log(error));
}
export function main() {
  flush();
}` },
      { code: `async function main() {
  (async () => fetch('/x').then(() => undefined).catch(() => undefined))();
}` },
      { code: `async function refresh() {
  const started = Date.now();
  try {
    await fetch('/x');
  } catch (error) {
    console.error('refresh failed', error, Date.now() - started);
  }
}
export function schedule() { refresh(); }` },
      // performance.now() from node:perf_hooks is a clock read like the global one (piscina's worker).
      { code: `import { performance } from 'node:perf_hooks';
async function onMessage(port: { postMessage(value: unknown): void }, task: () => Promise<unknown>) {
  const start = performance.now();
  let response: unknown;
  try {
    response = { result: await task(), time: performance.now() - start };
  } catch (error) {
    response = { error, time: performance.now() - start };
  }
  try {
    port.postMessage(response);
  } catch (error) {
    queueMicrotask(() => { throw error; });
  }
}
export function drain(port: { postMessage(value: unknown): void }, tasks: (() => Promise<unknown>)[]) {
  for (const task of tasks) onMessage(port, task);
}` },
      { code: `export function start() {
  (async () => {
    try { await fetch('/x'); } catch { /* retried by the next tick */ }
  })();
}` },
      { code: `declare const tasks: Promise<void>[];
export function settle() { Promise.allSettled(tasks); }` },
      // Every await is handled; what follows is synchronous state-machine code, which can only throw as it
      // would in a synchronous caller (tedious's SENT_CLIENT_REQUEST state).
      { code: `class Connection {
  declare io: { readMessage(): Promise<string> };
  enter() {
    (async () => {
      let message: string;
      try {
        message = await this.io.readMessage();
      } catch (error) {
        this.onSocketError(error);
        return;
      }
      const parser = this.parse(message);
      if (parser.length === 0) return this.transitionTo('idle');
      this.transitionTo('reading');
    })();
  }
  onSocketError(error: unknown) { console.error(error); }
  parse(message: string) { return message.split(','); }
  transitionTo(state: string) { if (state === '') return; console.log(state); }
}
export { Connection };` },
      // A poll loop that sleeps (a local sleep helper, or timers/promises without options) and routes every
      // failure of the check to reject() (kafkajs's waitFor).
      { code: `const sleep = (ms: number) => new Promise<void>((resolve) => { setTimeout(resolve, ms); });
export function waitFor(check: () => Promise<boolean>) {
  const poll = async (resolve: () => void, reject: (error: unknown) => void) => {
    await sleep(50);
    try {
      if (await check()) return resolve();
      poll(resolve, reject);
    } catch (error) {
      reject(error);
    }
  };
  return new Promise<void>((resolve, reject) => { poll(resolve, reject); });
}` },
      { code: `import { setTimeout as delay } from 'node:timers/promises';
async function tick(onError: (error: unknown) => void) {
  await delay(10);
  await new Promise((resolve) => setImmediate(() => resolve(undefined)));
  try { await fetch('/x'); } catch (error) { onError(error); }
}
export function start() { tick(console.error); }` },
      { code: `declare const tasks: Promise<number>[];
export function settle(done: (values: number[]) => void) {
  Promise.allSettled(tasks).then((results) => { done(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))); });
}` },
      // The promise was just set to a chain whose handlers do not throw again, so its cleanup cannot reject
      // (memoizee 0.4.14 moved its finally onto such a chain).
      { code: `export function track(promise: Promise<unknown>, onSuccess: (value: unknown) => void, onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise = promise.then((result) => { queueMicrotask(() => onSuccess(result)); }, later);
  if (typeof promise.finally === 'function') {
    promise.finally(later);
  }
}` },
      { code: `import assert from 'node:assert';
import { test } from 'node:test';
declare function run(): Promise<void>;
declare function finish(): Promise<void>;
test('rejects later', async () => {
  setImmediate(() => { assert.rejects(run(), /boom/); });
  await finish();
});` },
      // A dual API called with its callback: the result comes through the callback.
      { code: `function close(callback?: (error?: Error) => void): Promise<void> | undefined {
  if (!callback) return new Promise((resolve, reject) => close((error) => (error ? reject(error) : resolve())));
  setImmediate(callback);
  return undefined;
}
export function stop() { close((error) => { if (error) console.error(error); }); }` },
      // The promise is held elsewhere: the callee returns the pipeline's own promise.
      { code: `class Pipeline {
  promise: Promise<void> = fetch('/x').then(() => {});
  exec() {
    const self = this;
    run();
    return this.promise;
    function run() { return self.promise; }
  }
}
export { Pipeline };` },
      // Object.defineProperties returns its first argument, which the function returns.
      { code: `export function wrap(source: Promise<void>) {
  const wrapped = source.then(() => {});
  Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(source));
  return wrapped;
}` },
      // A comment says the rejection is left unhandled on purpose.
      { code: `async function crash() { await fetch('/x'); }
export function fail() {
  // No .catch() handler: in case of an error it goes to unhandledRejection on purpose
  crash();
}` },
      { code: `async function f() { return fetch('/x'); }
async function main() { await f(); }` },
      { code: `async function f() { return fetch('/x'); }
function main() { return f(); }` },
      { code: `async function f() { return fetch('/x'); }
f().catch(() => {});` },
      { code: `async function f() { return fetch('/x'); }
f().then(() => {}, () => {});` },
      { code: `async function f() { return fetch('/x'); }
f().then(() => {}).catch((error) => console.error(error));` },
      { code: `async function f() { return fetch('/x'); }
f().catch(() => {}).finally(() => {});` },
      { code: `async function f() { return fetch('/x'); }
void f();` },
      { code: `async function f() { return fetch('/x'); }
const handler = (error: unknown) => console.error(error);
f().catch(handler);` },
      { code: `async function f() { return fetch('/x'); }
async function* g() { yield await f(); }` },
      { code: `async function f() { return fetch('/x'); }
console.log(f());` },
      { code: `async function f() { return fetch('/x'); }
const results = [f(), f()];
export { results };` },
      { code: `async function f() { return fetch('/x'); }
async function main() { await Promise.all([f(), f()]); }` },
      { code: `function f() { return 1; }
f();` },
      { code: `async function* gen() { yield 1; }
gen();` },
      { code: `function* gen() { yield 1; }
gen();` },
      { code: `declare const x: any;
x.then(() => {});` },
      { code: `const obj = { then() { return 1; } };
obj.then();` },
      { code: `[1, 2, 3].map((x) => x * 2);` },
      { code: `(function () {})();
(() => {})();` },
      { code: `import * as fs from 'node:fs';
fs.readFile('a.txt', () => {});` },
      { code: `import { setInterval } from 'node:timers/promises';
setInterval(100);` },
      { code: `import dns from 'node:dns/promises';
dns.getServers();` },
      { code: `function maybe(): Promise<void> | undefined { return undefined; }
const condition = true;
condition || maybe();` },
      { code: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
f();` },
      { code: `import { test, describe, it } from 'node:test';
test('works', async () => {});
describe('suite', () => { it('case', async () => {}); });` },
      { code: `async function f() { return fetch('/x'); }
(async () => { await f(); })();`, options: [{"ignoreIIFE":true}] },
      { code: `async function track(): Promise<void> {}
track();`, options: [{"allowForKnownSafeCalls":["track"]}] },
      { code: `type SafePromise = Promise<void> & { readonly safe: true };
declare const fireAndForget: SafePromise;
fireAndForget;`, options: [{"allowForKnownSafePromises":["SafePromise"]}] },
      { code: `declare const thenable: PromiseLike<void>;
thenable;` },
      { code: `async function f() { return fetch('/x'); }
async function main() { const p = f(); await p; }` },
      { code: `async function f() { return fetch('/x'); }
function main() { const p = f(); return p; }` },
      { code: `async function f() { return fetch('/x'); }
function main() { const p = f(); p.catch(() => {}); }` },
      { code: `async function f() { return fetch('/x'); }
function main() { const p = f().catch(() => {}); }` },
      { code: `async function f() { return fetch('/x'); }
export const ready = f();` },
      { code: `async function f() { return fetch('/x'); }
function main() { const p = f(); }`, options: [{"checkStored":false}] },
      { code: `import { formatUser } from './no-floating-promises-lib';
formatUser('a');`, filename: path.join(FIXTURES_DIR, "file.ts") },
      { code: `const { size } = require('./no-floating-promises-cjs.js');
size();`, filename: path.join(FIXTURES_DIR, "file.ts") },
      { code: `import { loadUser } from './no-such-module';
loadUser('1');`, filename: path.join(FIXTURES_DIR, "file.ts") },
      { code: `async function main(ids: string[]) { await Promise.all(ids.map(async (id) => id)); }` },
      { code: `let a = 0;
a = 1, a = 2;` },
    ],
    invalid: [
      // A throw, an unhandled await, or a wait that an AbortSignal can cancel: the promise can reject.
      {
        code: `async function pump(read: () => Promise<string>, onError: (error: unknown) => void) {
  let message: string;
  try { message = await read(); } catch (error) { onError(error); return; }
  if (message === '') throw new Error('empty message');
}
export function start(read: () => Promise<string>) { pump(read, console.error); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 6, column: 54, endLine: 6, endColumn: 80, suggestions: [{ messageId: 'suggestVoid', output: `async function pump(read: () => Promise<string>, onError: (error: unknown) => void) {
  let message: string;
  try { message = await read(); } catch (error) { onError(error); return; }
  if (message === '') throw new Error('empty message');
}
export function start(read: () => Promise<string>) { void pump(read, console.error); }` }] },
        ],
      },
      {
        code: `import { setTimeout as delay } from 'node:timers/promises';
async function tick(signal: AbortSignal) {
  await delay(10, undefined, { signal });
}
export function start(signal: AbortSignal) { tick(signal); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 46, endLine: 5, endColumn: 59, suggestions: [{ messageId: 'suggestVoid', output: `import { setTimeout as delay } from 'node:timers/promises';
async function tick(signal: AbortSignal) {
  await delay(10, undefined, { signal });
}
export function start(signal: AbortSignal) { void tick(signal); }` }] },
        ],
      },
      // The cleanup is chained on the original promise, not on the chain that handles its rejection (memoizee
      // 0.4.13), or on a variable that something else may have set since the chain.
      {
        code: `export function track(promise: Promise<unknown>, onSuccess: (value: unknown) => void, onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise.then((result) => { queueMicrotask(() => onSuccess(result)); }, later);
  if (typeof promise.finally === 'function') {
    promise.finally(later);
  }
}`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 5, endLine: 5, endColumn: 28, suggestions: [{ messageId: 'suggestVoid', output: `export function track(promise: Promise<unknown>, onSuccess: (value: unknown) => void, onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise.then((result) => { queueMicrotask(() => onSuccess(result)); }, later);
  if (typeof promise.finally === 'function') {
    void promise.finally(later);
  }
}` }] },
        ],
      },
      {
        code: `export function track(promise: Promise<unknown>, retry: (() => Promise<unknown>) | null, onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise = promise.then(() => {}, later);
  if (retry) promise = retry();
  promise.finally(later);
}`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 3, endLine: 5, endColumn: 26, suggestions: [{ messageId: 'suggestVoid', output: `export function track(promise: Promise<unknown>, retry: (() => Promise<unknown>) | null, onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise = promise.then(() => {}, later);
  if (retry) promise = retry();
  void promise.finally(later);
}` }] },
        ],
      },
      {
        code: `export function track(promise: Promise<unknown>, retries: (() => Promise<unknown>)[], onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise = promise.then(() => {}, later);
  for (const retry of retries) {
    promise.finally(later);
    promise = retry();
  }
}`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 5, endLine: 5, endColumn: 28, suggestions: [{ messageId: 'suggestVoid', output: `export function track(promise: Promise<unknown>, retries: (() => Promise<unknown>)[], onFailure: () => void) {
  const later = () => { queueMicrotask(onFailure); };
  promise = promise.then(() => {}, later);
  for (const retry of retries) {
    void promise.finally(later);
    promise = retry();
  }
}` }] },
        ],
      },
      // Methods defined in other files of the project: a CommonJS singleton (its class inherits from a class of its
      // file), a class re-exported by an index and the base it extends from a third file, static methods, fields
      // holding an instance, and the project's own import aliases (package.json `imports`, tsconfig `paths`).
      detachedCalls(`const store = require('./cross-file/store.js');
export function run() {
  store.load(1);
  store.close();
  store.size();
}`, ['store.load(1);', 'store.close();']),
      detachedCalls(`import { User } from './cross-file';
export function run() {
  new User().truncate();
  User.create();
  const created = new User();
  created.save();
  created.name();
}`, ['new User().truncate();', 'User.create();', 'created.save();']),
      detachedCalls(`import { Model } from './cross-file/model';
class Post extends Model {
  async save() { await fetch('/posts', { method: 'POST' }); }
  archive() { this.truncate(); }
}
export class Feed {
  private readonly post = new Post();
  refresh() { this.post.truncate(); }
}`, ['this.truncate();', 'this.post.truncate();']),
      // Receivers known by their written type: a parameter, a field declared by a constructor parameter and an
      // annotated field, whose class or interface another file declares (through an alias and an index).
      detachedCalls(`import type { UserRepository } from '@cross/repository';
import { User } from './cross-file';
export class Accounts {
  private readonly owner: User;
  constructor(private readonly users: UserRepository) { this.owner = new User(); }
  register(id: string) {
    this.users.save({ id });
    this.users.count();
    this.users.query().where('id');
    this.owner.save();
    this.owner.name();
  }
}
export function archive(user: User | undefined) {
  user?.truncate();
}`, ['this.users.save({ id });', 'this.owner.save();', 'user?.truncate();']),
      // ... and a value a factory of another file is written to return (awaited or not)
      detachedCalls(`import { connectRepository, openRepository } from './cross-file/repository';
export function register(id: string) {
  const opened = openRepository();
  opened.save({ id });
  opened.count();
  return connectRepository().then((connected) => connected);
}`, ['opened.save({ id });']),
      awaitableStatement(
        `import { connectRepository } from './cross-file/repository';
export async function register(id: string) {
  const connected = await connectRepository();
  connected.save({ id });
  connected.count();
}`,
        'connected.save({ id });',
        path.join(FIXTURES_DIR, 'file.ts'),
      ),
      detachedCalls(`import { User } from '@cross/user';
const { Store } = require('#cross/store');
export function run() {
  new User().truncate();
  new Store().load(2);
}`, ['new User().truncate();', 'new Store().load(2);']),
      // Methods of this file: inherited from a base class, called through \`const self = this\`, and through a field
      // that holds an instance of a class of the file.
      detachedCalls(`class Cache {
  async warm() { await fetch('/warm'); }
}
export class Pages extends Cache {
  private readonly spare = new Cache();
  start() {
    this.warm();
    const self = this;
    setTimeout(function () { self.warm(); }, 10);
    this.spare.warm();
  }
}`, ['this.warm();', 'self.warm();', 'this.spare.warm();']),
      // An assertion promise a synchronous test does not wait for: the test ends before it is checked.
      {
        code: `import assert from 'node:assert';
import { test } from 'node:test';
declare function run(): Promise<void>;
test('rejects', () => {
  assert.rejects(run(), /boom/);
});`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 3, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'suggestVoid', output: `import assert from 'node:assert';
import { test } from 'node:test';
declare function run(): Promise<void>;
test('rejects', () => {
  void assert.rejects(run(), /boom/);
});` }] },
        ],
      },
      // Everything in tests when asked; a detached call in a script when asked.
      {
        code: `declare function open(): Promise<void>;
export async function setup() { open(); }`,
        filename: 'test/file.ts',
        options: [{ checkTests: true }],
        output: null,
        errors: [
          { messageId: 'floating', line: 2, column: 33, endLine: 2, endColumn: 40, suggestions: [{ messageId: 'suggestAwait', output: `declare function open(): Promise<void>;
export async function setup() { await open(); }` }, { messageId: 'suggestVoid', output: `declare function open(): Promise<void>;
export async function setup() { void open(); }` }] },
        ],
      },
      {
        code: `async function send() { await fetch('/x'); }
export async function main() { send(); }`,
        filename: 'bin/cli.ts',
        options: [{ checkScripts: true }],
        output: null,
        errors: [
          { messageId: 'floating', line: 2, column: 32, endLine: 2, endColumn: 39, suggestions: [{ messageId: 'suggestAwait', output: `async function send() { await fetch('/x'); }
export async function main() { await send(); }` }, { messageId: 'suggestVoid', output: `async function send() { await fetch('/x'); }
export async function main() { void send(); }` }] },
        ],
      },
      // A catch that rethrows, and an await outside the try: these can reject.
      {
        code: `async function refresh() {
  try { await fetch('/x'); } catch (error) { throw new Error('refresh failed', { cause: error }); }
}
export function schedule() { refresh(); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 4, column: 30, endLine: 4, endColumn: 40, suggestions: [{ messageId: 'suggestVoid', output: `async function refresh() {
  try { await fetch('/x'); } catch (error) { throw new Error('refresh failed', { cause: error }); }
}
export function schedule() { void refresh(); }` }] },
        ],
      },
      {
        code: `async function refresh() {
  await fetch('/token');
  try { await fetch('/x'); } catch { /* ignored */ }
}
export function schedule() { refresh(); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 30, endLine: 5, endColumn: 40, suggestions: [{ messageId: 'suggestVoid', output: `async function refresh() {
  await fetch('/token');
  try { await fetch('/x'); } catch { /* ignored */ }
}
export function schedule() { void refresh(); }` }] },
        ],
      },
      // A callback check that throws is validation, not a second calling convention.
      {
        code: `async function each(items: string[], mapper: (item: string) => Promise<void>) {
  if (typeof mapper !== 'function') throw new TypeError('mapper must be a function');
  for (const item of items) await mapper(item);
}
export function run(items: string[]) { each(items, async (item) => { await fetch(item); }); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 40, endLine: 5, endColumn: 92, suggestions: [{ messageId: 'suggestVoid', output: `async function each(items: string[], mapper: (item: string) => Promise<void>) {
  if (typeof mapper !== 'function') throw new TypeError('mapper must be a function');
  for (const item of items) await mapper(item);
}
export function run(items: string[]) { void each(items, async (item) => { await fetch(item); }); }` }] },
        ],
      },
    {
      code: `const f = async () => fetch('/x');
async function main() {
  f();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 7, suggestions: [{ messageId: 'suggestAwait', output: `const f = async () => fetch('/x');
async function main() {
  await f();
}` }, { messageId: 'suggestVoid', output: `const f = async () => fetch('/x');
async function main() {
  void f();
}` }] },
      ],
    },
    {
      code: `class Service {
  async load() { await fetch('/x'); }
  run() {
    this.load();
  }
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 5, endLine: 4, endColumn: 17, suggestions: [{ messageId: 'suggestVoid', output: `class Service {
  async load() { await fetch('/x'); }
  run() {
    void this.load();
  }
}` }] },
      ],
    },
    {
      code: `async function run(job: () => Promise<void>) {
  job();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 3, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'suggestAwait', output: `async function run(job: () => Promise<void>) {
  await job();
}` }, { messageId: 'suggestVoid', output: `async function run(job: () => Promise<void>) {
  void job();
}` }] },
      ],
    },
    {
      code: `import fsp from 'fs/promises';
async function main() {
  fsp.unlink('a.txt');
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `import fsp from 'fs/promises';
async function main() {
  await fsp.unlink('a.txt');
}` }, { messageId: 'suggestVoid', output: `import fsp from 'fs/promises';
async function main() {
  void fsp.unlink('a.txt');
}` }] },
      ],
    },
    {
      code: `async function main() {
  const response = await fetch('/api');
  response.json();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestAwait', output: `async function main() {
  const response = await fetch('/api');
  await response.json();
}` }, { messageId: 'suggestVoid', output: `async function main() {
  const response = await fetch('/api');
  void response.json();
}` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
[f(), f()];`,
      output: null,
      errors: [
        { messageId: 'floatingPromiseArray', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [] },
      ],
    },
    {
      code: `async function main(ids: string[]) {
  ids.map(async (id) => id);
}`,
      output: null,
      errors: [
        { messageId: 'floatingPromiseArray', line: 2, column: 3, endLine: 2, endColumn: 29, suggestions: [] },
      ],
    },
    {
      code: `declare const pending: Promise<void>[];
pending;`,
      output: null,
      errors: [
        { messageId: 'floatingPromiseArray', line: 2, column: 1, endLine: 2, endColumn: 9, suggestions: [] },
      ],
    },
    {
      code: `async function main(p: Promise<void>) {
  p;
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 3, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `async function main(p: Promise<void>) {
  await p;
}` }, { messageId: 'suggestVoid', output: `async function main(p: Promise<void>) {
  void p;
}` }] },
      ],
    },
    {
      code: `import express from 'express';
async function f() { return fetch('/x'); }
const app = express();
app.get('/', (req, res, next) => {
  f().then(() => res.end());
});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 5, column: 3, endLine: 5, endColumn: 29, suggestions: [{ messageId: 'suggestVoid', output: `import express from 'express';
async function f() { return fetch('/x'); }
const app = express();
app.get('/', (req, res, next) => {
  void f().then(() => res.end());
});` }, { messageId: 'suggestCatch', output: `import express from 'express';
async function f() { return fetch('/x'); }
const app = express();
app.get('/', (req, res, next) => {
  f().then(() => res.end()).catch(next);
});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
const p = new Promise((resolve, reject) => {
  f().then(resolve);
});
export { p };`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
const p = new Promise((resolve, reject) => {
  void f().then(resolve);
});
export { p };` }, { messageId: 'suggestCatch', output: `async function f() { return fetch('/x'); }
const p = new Promise((resolve, reject) => {
  f().then(resolve).catch(reject);
});
export { p };` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
function sync() {
  f();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 7, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
function sync() {
  void f();
}` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
async function main() {
  f().then((x) => x);
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 22, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
async function main() {
  await f().then((x) => x);
}` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
async function main() {
  void f().then((x) => x);
}` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
async function main() {
  void f();
}`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 3, column: 3, endLine: 3, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
async function main() {
  await f();
}` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
const run = () => void f();
export { run };`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 2, column: 19, endLine: 2, endColumn: 27, suggestions: [] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
function main() {
  const pending = f();
}`,
      output: null,
      errors: [
        { messageId: 'danglingStored', line: 3, column: 9, endLine: 3, endColumn: 16, suggestions: [] },
      ],
    },
    {
      code: `async function main() {
  const response = fetch('/api');
}`,
      output: null,
      errors: [
        { messageId: 'danglingStored', line: 2, column: 9, endLine: 2, endColumn: 17, suggestions: [] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
let task = f();
task = f();`,
      output: null,
      errors: [
        { messageId: 'danglingStored', line: 2, column: 5, endLine: 2, endColumn: 9, suggestions: [] },
      ],
    },
    // a module variable the file never reads: the promise assigned later is as lost as one stored at the declaration
    {
      code: `async function f() { return fetch('/x'); }
let p;
p = f();`,
      output: null,
      errors: [{ messageId: 'danglingStored', line: 3, column: 1, endLine: 3, endColumn: 2 }],
    },
    ],
  },
  syntacticOnly: {
    valid: [],
    invalid: [
    // a chain over several lines is underlined up to its last call's callee, not over the callbacks' bodies
    {
      code: `async function f() { return fetch('/x'); }
f().then((value) => {
  console.log(value);
});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().then((value) => {
  console.log(value);
});` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().then((value) => {
  console.log(value);
});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f();` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f();` }] },
      ],
    },
    {
      code: `const api = {
  async save() { await fetch('/x'); },
};
api.save();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `const api = {
  async save() { await fetch('/x'); },
};
await api.save();` }, { messageId: 'suggestVoid', output: `const api = {
  async save() { await fetch('/x'); },
};
void api.save();` }] },
      ],
    },
    {
      code: `class Store { async flush() { await fetch('/x'); } }
const store = new Store();
store.flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `class Store { async flush() { await fetch('/x'); } }
const store = new Store();
await store.flush();` }, { messageId: 'suggestVoid', output: `class Store { async flush() { await fetch('/x'); } }
const store = new Store();
void store.flush();` }] },
      ],
    },
    {
      code: `class Store { async flush() { await fetch('/x'); } }
new Store().flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestAwait', output: `class Store { async flush() { await fetch('/x'); } }
await new Store().flush();` }, { messageId: 'suggestVoid', output: `class Store { async flush() { await fetch('/x'); } }
void new Store().flush();` }] },
      ],
    },
    {
      code: `class Jobs { static async run() { await fetch('/x'); } }
Jobs.run();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `class Jobs { static async run() { await fetch('/x'); } }
await Jobs.run();` }, { messageId: 'suggestVoid', output: `class Jobs { static async run() { await fetch('/x'); } }
void Jobs.run();` }] },
      ],
    },
    {
      code: `function f(): Promise<void> { return Promise.reject(new Error("no")); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `function f(): Promise<void> { return Promise.reject(new Error("no")); }
await f();` }, { messageId: 'suggestVoid', output: `function f(): Promise<void> { return Promise.reject(new Error("no")); }
void f();` }] },
      ],
    },
    {
      code: `declare function load(): Promise<string>;
load();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestAwait', output: `declare function load(): Promise<string>;
await load();` }, { messageId: 'suggestVoid', output: `declare function load(): Promise<string>;
void load();` }] },
      ],
    },
    {
      code: `type Task = Promise<void>;
function f(): Task { return Promise.reject(new Error("no")); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `type Task = Promise<void>;
function f(): Task { return Promise.reject(new Error("no")); }
await f();` }, { messageId: 'suggestVoid', output: `type Task = Promise<void>;
function f(): Task { return Promise.reject(new Error("no")); }
void f();` }] },
      ],
    },
    {
      code: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
f(1);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 6, suggestions: [{ messageId: 'suggestAwait', output: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
await f(1);` }, { messageId: 'suggestVoid', output: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
void f(1);` }] },
      ],
    },
    {
      code: `const f: () => Promise<void> = async () => { await fetch('/x'); };
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `const f: () => Promise<void> = async () => { await fetch('/x'); };
await f();` }, { messageId: 'suggestVoid', output: `const f: () => Promise<void> = async () => { await fetch('/x'); };
void f();` }] },
      ],
    },
    {
      code: `declare const api: { load(): Promise<void> };
api.load();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `declare const api: { load(): Promise<void> };
await api.load();` }, { messageId: 'suggestVoid', output: `declare const api: { load(): Promise<void> };
void api.load();` }] },
      ],
    },
    {
      code: `function get() { return fetch('/x'); }
get();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 7, suggestions: [{ messageId: 'suggestAwait', output: `function get() { return fetch('/x'); }
await get();` }, { messageId: 'suggestVoid', output: `function get() { return fetch('/x'); }
void get();` }] },
      ],
    },
    {
      code: `import { readFile } from 'node:fs/promises';
readFile('a.txt');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 19, suggestions: [{ messageId: 'suggestAwait', output: `import { readFile } from 'node:fs/promises';
await readFile('a.txt');` }, { messageId: 'suggestVoid', output: `import { readFile } from 'node:fs/promises';
void readFile('a.txt');` }] },
      ],
    },
    {
      code: `import * as fs from 'fs';
fs.promises.writeFile('a.txt', 'x');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 37, suggestions: [{ messageId: 'suggestAwait', output: `import * as fs from 'fs';
await fs.promises.writeFile('a.txt', 'x');` }, { messageId: 'suggestVoid', output: `import * as fs from 'fs';
void fs.promises.writeFile('a.txt', 'x');` }] },
      ],
    },
    {
      code: `const { setTimeout: sleep } = require('node:timers/promises');
sleep(10);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'suggestAwait', output: `const { setTimeout: sleep } = require('node:timers/promises');
await sleep(10);` }, { messageId: 'suggestVoid', output: `const { setTimeout: sleep } = require('node:timers/promises');
void sleep(10);` }] },
      ],
    },
    {
      code: `import { lookup } from 'node:dns/promises';
lookup('example.com');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `import { lookup } from 'node:dns/promises';
await lookup('example.com');` }, { messageId: 'suggestVoid', output: `import { lookup } from 'node:dns/promises';
void lookup('example.com');` }] },
      ],
    },
    {
      code: `import { pipeline } from 'node:stream/promises';
declare const a: NodeJS.ReadableStream, b: NodeJS.WritableStream;
pipeline(a, b);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 16, suggestions: [{ messageId: 'suggestAwait', output: `import { pipeline } from 'node:stream/promises';
declare const a: NodeJS.ReadableStream, b: NodeJS.WritableStream;
await pipeline(a, b);` }, { messageId: 'suggestVoid', output: `import { pipeline } from 'node:stream/promises';
declare const a: NodeJS.ReadableStream, b: NodeJS.WritableStream;
void pipeline(a, b);` }] },
      ],
    },
    {
      code: `import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const run = promisify(exec);
run('ls');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 11, suggestions: [{ messageId: 'suggestAwait', output: `import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const run = promisify(exec);
await run('ls');` }, { messageId: 'suggestVoid', output: `import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const run = promisify(exec);
void run('ls');` }] },
      ],
    },
    {
      code: `fetch('/api');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `await fetch('/api');` }, { messageId: 'suggestVoid', output: `void fetch('/api');` }] },
      ],
    },
    {
      code: `import('./no-floating-promises-lib');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 38, suggestions: [{ messageId: 'suggestAwait', output: `await import('./no-floating-promises-lib');` }, { messageId: 'suggestVoid', output: `void import('./no-floating-promises-lib');` }] },
      ],
    },
    {
      code: `new Promise((resolve) => setTimeout(resolve, 10));`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 51, suggestions: [{ messageId: 'suggestAwait', output: `await new Promise((resolve) => setTimeout(resolve, 10));` }, { messageId: 'suggestVoid', output: `void new Promise((resolve) => setTimeout(resolve, 10));` }] },
      ],
    },
    {
      code: `Promise.resolve(1);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 20, suggestions: [{ messageId: 'suggestAwait', output: `await Promise.resolve(1);` }, { messageId: 'suggestVoid', output: `void Promise.resolve(1);` }] },
      ],
    },
    {
      code: `Promise.all([]);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 17, suggestions: [{ messageId: 'suggestAwait', output: `await Promise.all([]);` }, { messageId: 'suggestVoid', output: `void Promise.all([]);` }] },
      ],
    },
    {
      code: `Promise.reject(new Error('x'));`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 32, suggestions: [{ messageId: 'suggestAwait', output: `await Promise.reject(new Error('x'));` }, { messageId: 'suggestVoid', output: `void Promise.reject(new Error('x'));` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().then(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 13, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().catch();` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().finally(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().finally(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().finally(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch(() => {}).then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 36, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().catch(() => {}).then(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch(() => {}).then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch(undefined);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 22, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().catch(undefined);` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch(undefined);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().then(() => {}, null);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 26, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f().then(() => {}, null);` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().then(() => {}, null);` }] },
      ],
    },
    {
      code: `(async () => {
  await Promise.resolve();
})();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 13, suggestions: [{ messageId: 'suggestAwait', output: `await (async () => {
  await Promise.resolve();
})();` }, { messageId: 'suggestVoid', output: `void (async () => {
  await Promise.resolve();
})();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const flag: boolean;
flag ? f() : null;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
await (flag ? f() : null);` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
void (flag ? f() : null);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const flag: boolean;
flag && f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
await (flag && f());` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
void (flag && f());` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f(), 1;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await (f(), 1);` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void (f(), 1);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const ok: boolean;
ok ? f().catch(() => {}) : f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 32, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
declare const ok: boolean;
await (ok ? f().catch(() => {}) : f());` }, { messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const ok: boolean;
void (ok ? f().catch(() => {}) : f());` }] },
      ],
    },
    {
      code: `declare const p: Promise<number>;
p;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 3, suggestions: [{ messageId: 'suggestAwait', output: `declare const p: Promise<number>;
await p;` }, { messageId: 'suggestVoid', output: `declare const p: Promise<number>;
void p;` }] },
      ],
    },
    {
      code: `class MyPromise<T> extends Promise<T> {}
declare const mine: MyPromise<void>;
mine;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 6, suggestions: [{ messageId: 'suggestAwait', output: `class MyPromise<T> extends Promise<T> {}
declare const mine: MyPromise<void>;
await mine;` }, { messageId: 'suggestVoid', output: `class MyPromise<T> extends Promise<T> {}
declare const mine: MyPromise<void>;
void mine;` }] },
      ],
    },
    {
      code: `import { loadUser } from './no-floating-promises-lib';
loadUser('1');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `import { loadUser } from './no-floating-promises-lib';
await loadUser('1');` }, { messageId: 'suggestVoid', output: `import { loadUser } from './no-floating-promises-lib';
void loadUser('1');` }] },
      ],
    },
    {
      code: `import { saveUser, removeUser } from './no-floating-promises-lib';
saveUser('a');
removeUser('b');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
await saveUser('a');
removeUser('b');` }, { messageId: 'suggestVoid', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
void saveUser('a');
removeUser('b');` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 17, suggestions: [{ messageId: 'suggestAwait', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
saveUser('a');
await removeUser('b');` }, { messageId: 'suggestVoid', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
saveUser('a');
void removeUser('b');` }] },
      ],
    },
    {
      code: `import syncAll from './no-floating-promises-lib';
syncAll();`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'suggestAwait', output: `import syncAll from './no-floating-promises-lib';
await syncAll();` }, { messageId: 'suggestVoid', output: `import syncAll from './no-floating-promises-lib';
void syncAll();` }] },
      ],
    },
    {
      code: `import * as users from './no-floating-promises-lib';
users.loadUser('1');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestAwait', output: `import * as users from './no-floating-promises-lib';
await users.loadUser('1');` }, { messageId: 'suggestVoid', output: `import * as users from './no-floating-promises-lib';
void users.loadUser('1');` }] },
      ],
    },
    {
      code: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
fetchUser('1');
saveUser('x');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 16, suggestions: [{ messageId: 'suggestAwait', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
await fetchUser('1');
saveUser('x');` }, { messageId: 'suggestVoid', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
void fetchUser('1');
saveUser('x');` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
fetchUser('1');
await saveUser('x');` }, { messageId: 'suggestVoid', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
fetchUser('1');
void saveUser('x');` }] },
      ],
    },
    {
      code: `const { flush, drain } = require('./no-floating-promises-cjs.js');
flush();
drain();`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'suggestAwait', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
await flush();
drain();` }, { messageId: 'suggestVoid', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
void flush();
drain();` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 9, suggestions: [{ messageId: 'suggestAwait', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
flush();
await drain();` }, { messageId: 'suggestVoid', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
flush();
void drain();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
void f();`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return fetch('/x'); }
await f();` }] },
      ],
    },
    {
      code: `declare const thenable: PromiseLike<void>;
thenable;`,
      options: [{"checkThenables":true}],
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [{ messageId: 'suggestAwait', output: `declare const thenable: PromiseLike<void>;
await thenable;` }, { messageId: 'suggestVoid', output: `declare const thenable: PromiseLike<void>;
void thenable;` }] },
      ],
    },
    ],
  },
  typedOnly: {
    valid: [
      // an optional callback as the rejection handler, and one whose JSDoc type the program cannot resolve (`any`):
      // functions, as in metalsmith 2.6.2's watch mode
      `type BuildCallback = (error: Error | null, files?: string[]) => void;
declare function watch(): Promise<() => void>;
export function process(callback?: BuildCallback) {
  watch().then((close) => close(), callback);
}`,
      { code: `/**
 * @param {() => Promise<() => void>} watch
 * @param {UnresolvedCallback} [callback]
 */
function process(watch, callback) {
  watch().then((close) => close(), callback);
}
module.exports = process;`, filename: 'file.js' },
      // Worker#terminate() resolves with the exit code; it does not reject (piscina's worker pool).
      { code: `import { Worker } from 'node:worker_threads';
export class WorkerInfo {
  constructor(private readonly worker: Worker) {}
  destroy(): void { this.worker.terminate(); }
}` },
    ],
    invalid: [
      // A promise created by the call and returned through a local object is the call's own promise (without
      // types `deferred.promise` is not known to be a promise).
      {
        code: `function start() {
  const deferred = { promise: fetch('/x') };
  return deferred.promise;
}
export function run() { start(); }`,
        output: null,
        errors: [
          { messageId: 'floating', line: 5, column: 25, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'suggestVoid', output: `function start() {
  const deferred = { promise: fetch('/x') };
  return deferred.promise;
}
export function run() { void start(); }` }] },
        ],
      },
    {
      code: `async function f() { return fetch('/x'); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f();` }] },
      ],
    },
    {
      code: `const api = {
  async save() { await fetch('/x'); },
};
api.save();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 12, suggestions: [{ messageId: 'suggestVoid', output: `const api = {
  async save() { await fetch('/x'); },
};
void api.save();` }] },
      ],
    },
    {
      code: `class Store { async flush() { await fetch('/x'); } }
const store = new Store();
store.flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `class Store { async flush() { await fetch('/x'); } }
const store = new Store();
void store.flush();` }] },
      ],
    },
    {
      code: `class Store { async flush() { await fetch('/x'); } }
new Store().flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestVoid', output: `class Store { async flush() { await fetch('/x'); } }
void new Store().flush();` }] },
      ],
    },
    {
      code: `class Jobs { static async run() { await fetch('/x'); } }
Jobs.run();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestVoid', output: `class Jobs { static async run() { await fetch('/x'); } }
void Jobs.run();` }] },
      ],
    },
    {
      code: `function f(): Promise<void> { return Promise.reject(new Error("no")); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `function f(): Promise<void> { return Promise.reject(new Error("no")); }
void f();` }] },
      ],
    },
    {
      code: `declare function load(): Promise<string>;
load();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestVoid', output: `declare function load(): Promise<string>;
void load();` }] },
      ],
    },
    {
      code: `type Task = Promise<void>;
function f(): Task { return Promise.reject(new Error("no")); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `type Task = Promise<void>;
function f(): Task { return Promise.reject(new Error("no")); }
void f();` }] },
      ],
    },
    {
      code: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
f(1);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 6, suggestions: [{ messageId: 'suggestVoid', output: `function f(): void;
function f(x: number): Promise<number>;
function f(x?: number): unknown { return x; }
void f(1);` }] },
      ],
    },
    {
      code: `const f: () => Promise<void> = async () => { await fetch('/x'); };
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `const f: () => Promise<void> = async () => { await fetch('/x'); };
void f();` }] },
      ],
    },
    {
      code: `declare const api: { load(): Promise<void> };
api.load();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestVoid', output: `declare const api: { load(): Promise<void> };
void api.load();` }] },
      ],
    },
    {
      code: `function get() { return fetch('/x'); }
get();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 7, suggestions: [{ messageId: 'suggestVoid', output: `function get() { return fetch('/x'); }
void get();` }] },
      ],
    },
    {
      code: `import { readFile } from 'node:fs/promises';
readFile('a.txt');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 19, suggestions: [{ messageId: 'suggestVoid', output: `import { readFile } from 'node:fs/promises';
void readFile('a.txt');` }] },
      ],
    },
    {
      code: `import * as fs from 'fs';
fs.promises.writeFile('a.txt', 'x');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 37, suggestions: [{ messageId: 'suggestVoid', output: `import * as fs from 'fs';
void fs.promises.writeFile('a.txt', 'x');` }] },
      ],
    },
    {
      code: `const { setTimeout: sleep } = require('node:timers/promises');
sleep(10);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'suggestVoid', output: `const { setTimeout: sleep } = require('node:timers/promises');
void sleep(10);` }] },
      ],
    },
    {
      code: `import { lookup } from 'node:dns/promises';
lookup('example.com');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestVoid', output: `import { lookup } from 'node:dns/promises';
void lookup('example.com');` }] },
      ],
    },
    {
      code: `import { pipeline } from 'node:stream/promises';
declare const a: NodeJS.ReadableStream, b: NodeJS.WritableStream;
pipeline(a, b);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 16, suggestions: [{ messageId: 'suggestVoid', output: `import { pipeline } from 'node:stream/promises';
declare const a: NodeJS.ReadableStream, b: NodeJS.WritableStream;
void pipeline(a, b);` }] },
      ],
    },
    {
      code: `import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const run = promisify(exec);
run('ls');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 11, suggestions: [{ messageId: 'suggestVoid', output: `import { promisify } from 'node:util';
import { exec } from 'node:child_process';
const run = promisify(exec);
void run('ls');` }] },
      ],
    },
    {
      code: `fetch('/api');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `void fetch('/api');` }] },
      ],
    },
    {
      code: `import('./no-floating-promises-lib');`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 38, suggestions: [{ messageId: 'suggestVoid', output: `void import('./no-floating-promises-lib');` }] },
      ],
    },
    {
      code: `new Promise((resolve) => setTimeout(resolve, 10));`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 51, suggestions: [{ messageId: 'suggestVoid', output: `void new Promise((resolve) => setTimeout(resolve, 10));` }] },
      ],
    },
    {
      code: `Promise.resolve(1);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 20, suggestions: [{ messageId: 'suggestVoid', output: `void Promise.resolve(1);` }] },
      ],
    },
    {
      code: `Promise.all([]);`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 17, suggestions: [{ messageId: 'suggestVoid', output: `void Promise.all([]);` }] },
      ],
    },
    {
      code: `Promise.reject(new Error('x'));`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 32, suggestions: [{ messageId: 'suggestVoid', output: `void Promise.reject(new Error('x'));` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 13, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().finally(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().finally(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch(() => {}).then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 36, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch(() => {}).then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().catch(undefined);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 22, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().catch(undefined);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f().then(() => {}, null);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 26, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void f().then(() => {}, null);` }] },
      ],
    },
    {
      code: `(async () => {
  await Promise.resolve();
})();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 1, column: 1, endLine: 1, endColumn: 13, suggestions: [{ messageId: 'suggestVoid', output: `void (async () => {
  await Promise.resolve();
})();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const flag: boolean;
flag ? f() : null;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
void (flag ? f() : null);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const flag: boolean;
flag && f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const flag: boolean;
void (flag && f());` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
f(), 1;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
void (f(), 1);` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
declare const ok: boolean;
ok ? f().catch(() => {}) : f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 32, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return fetch('/x'); }
declare const ok: boolean;
void (ok ? f().catch(() => {}) : f());` }] },
      ],
    },
    {
      code: `declare const p: Promise<number>;
p;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 3, suggestions: [{ messageId: 'suggestVoid', output: `declare const p: Promise<number>;
void p;` }] },
      ],
    },
    {
      code: `class MyPromise<T> extends Promise<T> {}
declare const mine: MyPromise<void>;
mine;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 6, suggestions: [{ messageId: 'suggestVoid', output: `class MyPromise<T> extends Promise<T> {}
declare const mine: MyPromise<void>;
void mine;` }] },
      ],
    },
    {
      code: `import { loadUser } from './no-floating-promises-lib';
loadUser('1');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `import { loadUser } from './no-floating-promises-lib';
void loadUser('1');` }] },
      ],
    },
    {
      code: `import { saveUser, removeUser } from './no-floating-promises-lib';
saveUser('a');
removeUser('b');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
void saveUser('a');
removeUser('b');` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 17, suggestions: [{ messageId: 'suggestVoid', output: `import { saveUser, removeUser } from './no-floating-promises-lib';
saveUser('a');
void removeUser('b');` }] },
      ],
    },
    {
      code: `import syncAll from './no-floating-promises-lib';
syncAll();`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'suggestVoid', output: `import syncAll from './no-floating-promises-lib';
void syncAll();` }] },
      ],
    },
    {
      code: `import * as users from './no-floating-promises-lib';
users.loadUser('1');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestVoid', output: `import * as users from './no-floating-promises-lib';
void users.loadUser('1');` }] },
      ],
    },
    {
      code: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
fetchUser('1');
saveUser('x');`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 16, suggestions: [{ messageId: 'suggestVoid', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
void fetchUser('1');
saveUser('x');` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `import { fetchUser, saveUser } from './no-floating-promises-reexport';
fetchUser('1');
void saveUser('x');` }] },
      ],
    },
    {
      code: `const { flush, drain } = require('./no-floating-promises-cjs.js');
flush();
drain();`,
      filename: path.join(FIXTURES_DIR, "file.ts"),
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'suggestVoid', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
void flush();
drain();` }] },
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 9, suggestions: [{ messageId: 'suggestVoid', output: `const { flush, drain } = require('./no-floating-promises-cjs.js');
flush();
void drain();` }] },
      ],
    },
    {
      code: `async function f() { return fetch('/x'); }
void f();`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [] },
      ],
    },
    {
      code: `declare const thenable: PromiseLike<void>;
thenable;`,
      options: [{"checkThenables":true}],
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [{ messageId: 'suggestVoid', output: `declare const thenable: PromiseLike<void>;
void thenable;` }] },
      ],
    },
    ],
  },
});

describe('no-floating-promises with statements marked `directive: null` (oxlint)', () => {
  new RuleTester({ languageOptions: { parser: oxlintLikeParser as never } }).run('no-floating-promises', rule, {
    valid: [`'use strict';\nasync function f() { return fetch('/x'); }\nvoid f();`],
    invalid: [
      {
        code: `'use strict';\nasync function f() { return fetch('/x'); }\nf();`,
        output: null,
        errors: [
          {
            messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 5,
            suggestions: [
              { messageId: 'suggestAwait', output: `'use strict';\nasync function f() { return fetch('/x'); }\nawait f();` },
              { messageId: 'suggestVoid', output: `'use strict';\nasync function f() { return fetch('/x'); }\nvoid f();` },
            ],
          },
        ],
      },
    ],
  });
});

/** A file of a project whose package.json declares opn 5, fs-extra 11 and axios 1 (`fixtures/packages/`). */
const PACKAGE_APP = path.join(FIXTURES_DIR, 'packages', 'app.ts');
/** A file of a project that declares open 0.0.5 and opn 3, from before their promise APIs. */
const LEGACY_APP = path.join(FIXTURES_DIR, 'packages', 'legacy', 'app.ts');

runInBothModes('no-floating-promises (promise APIs of well-known packages)', rule, {
  both: {
    valid: [
      // the callback form of fs-extra's functions returns nothing
      { code: `import fse from 'fs-extra';\nexport function clean(dir: string) { fse.remove(dir, (error) => console.error(error)); }`, filename: PACKAGE_APP },
      { code: `import fse from 'fs-extra';\nexport function clean(dir: string, done: (error: Error | null) => void) { fse.remove(dir, done); }`, filename: PACKAGE_APP },
      // the sync one is not a promise
      { code: `import fse from 'fs-extra';\nexport function clean(dir: string) { fse.removeSync(dir); }`, filename: PACKAGE_APP },
      // handled
      { code: `import fse from 'fs-extra';\nexport function clean(dir: string) { fse.remove(dir).catch(() => {}); }`, filename: PACKAGE_APP },
      { code: `const opn = require('opn');\nexport async function show(url: string) { await opn(url); }`, filename: PACKAGE_APP },
      // open 0.0.5 (another package then) returns a child process; opn 3 took a callback
      { code: `const open = require('open');\nexport function show(url: string) { open(url); }`, filename: LEGACY_APP },
      { code: `const opn = require('opn');\nexport function show(url: string) { opn(url); }`, filename: LEGACY_APP },
      // not declared by the project: its version is unknown
      { code: `const open = require('open');\nexport function show(url: string) { open(url); }`, filename: PACKAGE_APP },
      // axios.create() makes a client; creating one is not a request
      { code: `import axios from 'axios';\nexport function client() { axios.create({ baseURL: '/api' }); }`, filename: PACKAGE_APP },
      // cloudinary's uploader told through a callback; a URL helper is not a request
      { code: `const cloudinary = require('cloudinary');\nexport function remove(id: string) { cloudinary.v2.uploader.destroy(id, (error: unknown) => console.error(error)); }`, filename: PACKAGE_APP },
      { code: `const cloudinary = require('cloudinary');\nexport function link(id: string) { cloudinary.v2.url(id); }`, filename: PACKAGE_APP },
    ],
    invalid: [
      { ...detachedCalls(`const opn = require('opn');\nexport function show(url: string) { opn(url); }`, ['opn(url);']), filename: PACKAGE_APP },
      { ...detachedCalls('export function show(url: string) {\n  if (url) require(`opn`)(url);\n}', ['require(`opn`)(url);']), filename: PACKAGE_APP },
      { ...detachedCalls(`import fse from 'fs-extra';\nexport function clean(dir: string) { fse.remove(dir); }`, ['fse.remove(dir);']), filename: PACKAGE_APP },
      { ...detachedCalls(`import { outputJson } from 'fs-extra';\nexport function save(file: string) { outputJson(file, { saved: true }); }`, ['outputJson(file, { saved: true });']), filename: PACKAGE_APP },
      { ...detachedCalls(`import axios from 'axios';\nexport function ping(url: string) { axios.post(url, { at: Date.now() }); }`, ['axios.post(url, { at: Date.now() });']), filename: PACKAGE_APP },
      // (@keystonejs/file-adapters 5.5.0: a deleted file's Cloudinary request dropped, fixed in 6.0.0)
      { ...detachedCalls(`const cloudinary = require('cloudinary');\nexport class Adapter {\n  delete({ id }: { id?: string }) {\n    if (id) {\n      cloudinary.v2.uploader.destroy(id);\n    }\n  }\n}`, ['cloudinary.v2.uploader.destroy(id);']), filename: PACKAGE_APP },
      { ...detachedCalls(`import { v2 as cloudinary } from 'cloudinary';\nexport function clear(prefix: string) { cloudinary.api.delete_resources_by_prefix(prefix); }`, ['cloudinary.api.delete_resources_by_prefix(prefix);']), filename: PACKAGE_APP },
    ],
  },
});

// A promise kept in a local and awaited only when a condition holds: on the other path nobody handles it.
const CRON_TICK = `export class Job {
  waitForCompletion = false;
  constructor(private readonly callbacks: Array<() => void | Promise<void>>) {}
  async fireOnTick() {
    for (const callback of this.callbacks) {
      const result = callback();
      if (this.waitForCompletion) await result;
    }
  }
}`;

/** The same loop in TypeScript's downlevel output: the `await` is a `yield` of the generator given to `__awaiter`. */
const CRON_TICK_COMPILED = `var __awaiter = function (thisArg, _arguments, P, generator) { return new Promise(function () { generator.call(thisArg); }); };
class Job {
    fireOnTick() {
        return __awaiter(this, void 0, void 0, function* () {
            for (const callback of this._callbacks) {
                const result = callback.call(this.context, this.onComplete);
                if (this.waitForCompletion)
                    yield result;
            }
        });
    }
}
module.exports = { Job };`;

const NUMBER_AWAITED_SOMETIMES = `declare function countRows(): number;
export async function tick(wait: boolean) {
  const count = countRows();
  if (wait) await count;
}`;

function awaitedOnlySometimes(line: number, column: number, name: string, condition: string) {
  return { messageId: 'awaitedOnlySometimes' as const, line, column, endLine: line, endColumn: column + name.length, data: { name, condition } };
}

runInBothModes('no-floating-promises (awaited only under a condition)', rule, {
  both: {
    valid: [
      // the fix: handled on the other path
      `export async function tick(callback: () => Promise<void>, wait: boolean) {
  const result = callback();
  if (wait) await result;
  else result.catch((error) => console.error(error));
}`,
      // the condition tests the value itself: on the other path it is not a promise
      `export async function tick(callback: () => unknown) {
  const result = callback();
  if (result instanceof Promise) await result;
}`,
      `export async function tick(callback: () => unknown) {
  const result: any = callback();
  if (result && typeof result.then === 'function') await result;
}`,
      // only an `if` of the declaration's own block is judged (here the `if` is inside a loop)
      `export async function tick(callback: () => Promise<void>, attempts: number) {
  const result = callback();
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt === 0) await result;
  }
}`,
      // awaited on every path
      `export async function tick(callback: () => Promise<void>, wait: boolean) {
  const result = callback();
  if (wait) console.log('waiting');
  await result;
}`,
      // a call of the file that cannot reject
      `async function settle(): Promise<void> {
  try { await fetch('/x'); } catch { /* reported by the caller's log */ }
}
export async function tick(wait: boolean) {
  const result = settle();
  if (wait) await result;
}`,
      // test code
      { code: `export async function tick(callback: () => Promise<void>, wait: boolean) {
  const result = callback();
  if (wait) await result;
}`, filename: 'test/file.ts' },
    ],
    invalid: [
      { code: CRON_TICK, output: null, errors: [awaitedOnlySometimes(6, 13, 'result', 'this.waitForCompletion')] },
      // other statements between the call and the `if`
      { code: `export async function publish(send: (topic: string) => Promise<void>, topic: string, options: { confirm?: boolean }) {
  const delivery = send(topic);
  console.log('sent', topic);
  if (options.confirm) {
    await delivery;
  }
}`, output: null, errors: [awaitedOnlySometimes(2, 9, 'delivery', 'options.confirm')] },
      { code: CRON_TICK_COMPILED, filename: path.join(FIXTURES_DIR, 'file.js'), output: null, errors: [awaitedOnlySometimes(6, 23, 'result', 'this.waitForCompletion')] },
    ],
  },
  // With types, a value whose type is known and is no promise is not one on the other path either.
  syntacticOnly: { valid: [], invalid: [{ code: NUMBER_AWAITED_SOMETIMES, output: null, errors: [awaitedOnlySometimes(3, 9, 'count', 'wait')] }] },
  typedOnly: { valid: [NUMBER_AWAITED_SOMETIMES], invalid: [] },
});

// Compiled `async` methods that call tslib's helper (`importHelpers`) return its promise.
const TSLIB_COMPILED = `const tslib_1 = require("tslib");
class Store {
    save() {
        return tslib_1.__awaiter(this, void 0, void 0, function* () { yield this.write(); });
    }
    flush() {
        this.save();
    }
}
module.exports = { Store };`;

/** TypeScript's ES5 output of the same method: no generator, `__generator`'s state machine. */
const TSLIB_ES5_COMPILED = `var tslib_1 = require("tslib");
var Store = (function () {
    function Store() {}
    Store.prototype.save = function () {
        return tslib_1.__awaiter(this, void 0, void 0, function () {
            return tslib_1.__generator(this, function (_a) {
                switch (_a.label) {
                    case 0: return [4, this.write()];
                    case 1: return [2];
                }
            });
        });
    };
    Store.prototype.flush = function () {
        this.save();
    };
    return Store;
}());
module.exports = { Store: Store };`;

/** Babel 6's output around p-finally: the interop helper wraps the variable that holds the module. */
const BABEL6_P_FINALLY = `"use strict";
var _pFinally = require("p-finally");
var _pFinally2 = _interopRequireDefault(_pFinally);
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
var children = 0;
function registerChild(child) {
  children++;
  (0, _pFinally2.default)(child, function () {
    children--;
  });
}
module.exports = { registerChild: registerChild };`;

/** esbuild's downlevel output of the same method: the generator goes to its `__async` helper. */
const ESBUILD_COMPILED = `var __async = (__this, __arguments, generator) => new Promise((resolve) => resolve(generator.call(__this).next()));
class Plugin {
    consume() {
        return __async(this, null, function* () { yield this.load(); });
    }
    apply() {
        this.consume();
    }
}
module.exports = { Plugin };`;

runInBothModes('no-floating-promises (compiled async functions)', rule, {
  both: {
    valid: [
      { code: TSLIB_COMPILED.replace('        this.save();', '        return this.save();'), filename: path.join(FIXTURES_DIR, 'file.js') },
      { code: `const { size } = require('./cross-file/compiled.js');\nexport function count(queue: unknown[]) { size(queue); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      { ...detachedCalls(TSLIB_COMPILED, ['this.save();']), filename: path.join(FIXTURES_DIR, 'file.js') },
      { ...detachedCalls(ESBUILD_COMPILED, ['this.consume();']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // TypeScript's ES5 output: `__awaiter` runs `__generator`'s state machine instead of a generator
      { ...detachedCalls(TSLIB_ES5_COMPILED, ['this.save();']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // Babel 6 wraps the variable holding the module, and calls it without a \`this\` (lerna 2.0.0's registerChild)
      {
        code: BABEL6_P_FINALLY,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        output: null,
        errors: [{ messageId: 'floating', line: 8, column: 3, endLine: 8, endColumn: 25, suggestions: [{ messageId: 'suggestVoid', output: BABEL6_P_FINALLY.replace('  (0, _pFinally2', '  void (0, _pFinally2') }] }],
      },
      // functions of another file compiled by tsc and by esbuild (@module-federation/dts-plugin 0.8.8 dropped `consumeTypes(…)`'s promise)
      detachedCalls(
        `const { consumeTypes, flush } = require('./cross-file/compiled.js');\nexport function apply(options: object, queue: object) {\n  consumeTypes(options);\n  flush(queue);\n}`,
        ['consumeTypes(options);', 'flush(queue);'],
      ),
    ],
  },
  // without types, a compiled call of a sibling file's function is left to that file's source, where its analyses
  // can see whether it can reject (with types, the checker says it returns a promise)
  syntacticOnly: {
    valid: [
      { code: `"use strict";\nvar _compiled = require("./cross-file/compiled.js");\nfunction apply(options) {\n  (0, _compiled.consumeTypes)(options);\n}\nmodule.exports = { apply: apply };`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [],
  },
});

// A migration's queries: the runner waits only for what `up`/`down` returns, and a knex builder runs only when awaited.
const MIGRATION = path.join(FIXTURES_DIR, 'migrations', '20200721_views.ts');
/** The same file name outside a migrations folder. */
const NOT_A_MIGRATION = path.join(FIXTURES_DIR, 'test', 'file.ts');

const KNEX_DOWN = `export function up(knex: any) {
  return knex.schema.raw('CREATE VIEW latest AS SELECT 1');
}
export function down(knex: any) {
  knex.schema.raw('DROP VIEW latest');
}`;

const SEQUELIZE_UP = `module.exports = {
  up: async (queryInterface: any) => {
    queryInterface.addColumn('users', 'age', { type: 'INTEGER' });
  },
  down: async (queryInterface: any) => {
    await queryInterface.removeColumn('users', 'age');
  },
};`;

const TYPEORM_UP = `export class AddIndex {
  async up(queryRunner: any) {
    queryRunner.query('CREATE INDEX users_name ON users (name)');
  }
}`;

/** A detached call directly in an async function (by default in a migration): both suggestions, `await` first. */
function awaitableStatement(code: string, statement: string, filename = MIGRATION) {
  const index = code.indexOf(statement);
  const line = code.slice(0, index).split('\n').length;
  const column = index - code.lastIndexOf('\n', index - 1);
  const suggestions = [
    { messageId: 'suggestAwait' as const, output: `${code.slice(0, index)}await ${code.slice(index)}` },
    { messageId: 'suggestVoid' as const, output: `${code.slice(0, index)}void ${code.slice(index)}` },
  ];
  return { code, filename, output: null, errors: [{ messageId: 'floating' as const, line, column, endLine: line, endColumn: column + statement.length, suggestions }] };
}

runInBothModes('no-floating-promises (queries of a migration)', rule, {
  both: {
    valid: [
      { code: KNEX_DOWN.replace("  knex.schema.raw('DROP", "  return knex.schema.raw('DROP"), filename: MIGRATION },
      { code: `export async function up(knex: any) {
  await knex.schema.createTable('users', (table: any) => {
    table.increments('id');
    table.string('name');
  });
  knex.client.logger.warn('created');
}`, filename: MIGRATION },
      // not the migration's interface, or not a migration
      { code: `export function down(knex: any, log: any) {
  log.info('dropping');
  return knex.schema.dropTable('users');
}`, filename: MIGRATION },
      { code: KNEX_DOWN, filename: NOT_A_MIGRATION },
      { code: `export function rollback(knex: any) {
  knex.schema.raw('DROP VIEW latest');
}`, filename: MIGRATION },
    ],
    invalid: [
      { ...detachedCalls(KNEX_DOWN, ["knex.schema.raw('DROP VIEW latest');"]), filename: MIGRATION },
      awaitableStatement(SEQUELIZE_UP, "queryInterface.addColumn('users', 'age', { type: 'INTEGER' });"),
      awaitableStatement(TYPEORM_UP, "queryRunner.query('CREATE INDEX users_name ON users (name)');"),
      { ...detachedCalls(`exports.down = function down(knex: any) {
  knex('users').where({ legacy: true }).del();
};`, ['knex(\'users\').where({ legacy: true }).del();']), filename: MIGRATION },
    ],
  },
});

// Ending a database transaction: `rollback()`/`commit()` without a callback is a round trip that answers through a promise.
const DATASTORE_MERGE = `export function merge(datastore: any, entities: any[], callback: (err: unknown) => void) {
  const transaction = datastore.transaction();
  transaction.run(async (err: unknown) => {
    if (err) {
      transaction.rollback();
      callback(err);
      return;
    }
    await Promise.all(entities.map((entity) => transaction.get(entity.key)));
  });
}`;

const MSSQL_FINALLY = `export function acquire(pool: any, cb: (conn: any) => Promise<unknown>) {
  return pool.connect().then(async (conn: any) => {
    try {
      return await cb(conn);
    } finally {
      if (conn.tx_) {
        conn.tx_.rollback();
        conn.tx_ = null;
      }
    }
  });
}`;

const TYPEORM_CATCH = `export class Persister {
  async save(queryRunner: any, entity: unknown) {
    await queryRunner.startTransaction();
    try {
      await queryRunner.manager.save(entity);
      await queryRunner.commitTransaction();
    } catch (error) {
      queryRunner.rollbackTransaction();
      throw error;
    }
  }
}`;

const MONGO_ABORT = `export async function transfer(client: any, from: string, to: string) {
  const session = client.startSession();
  session.startTransaction();
  try {
    await client.db('bank').collection('accounts').updateOne({ _id: from }, { $inc: { balance: -1 } }, { session });
    await client.db('bank').collection('accounts').updateOne({ _id: to }, { $inc: { balance: 1 } }, { session });
    await session.commitTransaction();
  } catch (error) {
    session.abortTransaction();
    throw error;
  } finally {
    await session.endSession();
  }
}`;

/** A dropped transaction end in an async function: both suggestions, `await` first. */
function awaitableEnd(code: string, statement: string) {
  return awaitableStatement(code, statement, path.join(FIXTURES_DIR, 'file.ts'));
}

runInBothModes('no-floating-promises (ending a transaction)', rule, {
  both: {
    valid: [
      { code: DATASTORE_MERGE.replace('      transaction.rollback();', '      await transaction.rollback();'), filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: MONGO_ABORT.replace('    session.abortTransaction();', '    await session.abortTransaction();'), filename: path.join(FIXTURES_DIR, 'file.ts') },
      // the callback API: the result comes through the callback
      { code: `export async function end(transaction: any, done: () => void) {
  transaction.rollback(done);
  transaction.commit((err: unknown) => done());
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // callback-style code: the client may well be a callback one
      { code: `export function finish(trx: any) {
  trx.commit();
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // IndexedDB: a transaction over named stores, whose commit() returns nothing
      { code: `export async function put(db: any, user: unknown) {
  const tx = db.transaction('users', 'readwrite');
  tx.objectStore('users').put(user);
  tx.commit();
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // the transaction of a callback the client runs: the client settles it (drizzle's rollback() throws)
      { code: `export async function withdraw(db: any, id: number) {
  await db.transaction(async (tx: any) => {
    const [account] = await tx.select().from('accounts').where({ id });
    if (account.balance < 100) {
      tx.rollback();
    }
    await tx.update('accounts').set({ balance: account.balance - 100 });
  });
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // not a transaction: a store's commit, a repository's commit
      { code: `export async function save(store: any, repo: any) {
  store.commit('setUser', { id: 1 });
  repo.commit();
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      awaitableEnd(DATASTORE_MERGE, 'transaction.rollback();'),
      awaitableEnd(MSSQL_FINALLY, 'conn.tx_.rollback();'),
      awaitableEnd(TYPEORM_CATCH, 'queryRunner.rollbackTransaction();'),
      awaitableEnd(MONGO_ABORT, 'session.abortTransaction();'),
      awaitableEnd(`export async function rollbackOnError(knex: any, rows: unknown[]) {
  const trx = await knex.transaction();
  try {
    await trx('users').insert(rows);
    await trx.commit();
  } catch (error) {
    trx.rollback();
    throw error;
  }
}`, 'trx.rollback();'),
    ],
  },
});

/** A file of a project that declares ioredis 5, redis 4, puppeteer, amqplib, node-telegram-bot-api and kafkajs (`fixtures/clients/`). */
const CLIENTS_APP = path.join(FIXTURES_DIR, 'clients', 'app.ts');
/** A project that declares redis 3, whose client took callbacks. */
const REDIS_3_APP = path.join(FIXTURES_DIR, 'clients', 'redis3', 'app.ts');

/** ui5-builder 3.1.0's minifier: a workerpool pool created on first use, terminated by a cleanup task. */
const WORKER_POOL = (terminate: string, other = 'pool = null;') => `import workerpool from 'workerpool';
declare function registerCleanupTask(task: () => unknown): void;
declare function createFake(): unknown;
let pool: any;
export function getPool(workerPath: string) {
  if (!pool) {
    pool = workerpool.pool(workerPath, { maxWorkers: 2 });
    registerCleanupTask(() => {
      const poolToBeTerminated = pool;
      ${other}
      ${terminate}
    });
  }
  return pool;
}`;

runInBothModes('no-floating-promises (clients that packages hand out)', rule, {
  both: {
    valid: [
      { code: WORKER_POOL('return poolToBeTerminated.terminate();'), filename: CLIENTS_APP },
      // the variable is also given a value the analysis cannot read: which object it holds is not known
      { code: WORKER_POOL('poolToBeTerminated.terminate();', '[pool] = [createFake()];'), filename: CLIENTS_APP },
      // awaited, handled, or given a callback (the clients' other calling convention)
      { code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function save(key: string, value: string) { await redis.set(key, value); }`, filename: CLIENTS_APP },
      { code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport function save(key: string, value: string) { redis.set(key, value).catch(() => {}); }`, filename: CLIENTS_APP },
      { code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport function save(key: string, value: string, done: (error: Error | null) => void) { redis.set(key, value, done); }`, filename: CLIENTS_APP },
      // not a command, or a method that returns no promise (ioredis's disconnect(), amqplib's publish())
      { code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport function stop() { redis.disconnect(); }`, filename: CLIENTS_APP },
      {
        code: `import amqp from 'amqplib';
export async function publish(body: Buffer) {
  const connection = await amqp.connect('amqp://localhost');
  const channel = await connection.createChannel();
  channel.publish('events', 'created', body);
  await connection.close();
}`,
        filename: CLIENTS_APP,
      },
      // redis 3 answered through callbacks only
      { code: `import { createClient } from 'redis';\nconst client = createClient();\nexport function save(key: string, value: string) { client.set(key, value); }`, filename: REDIS_3_APP },
      // a client that came in as a parameter: who made it is not known here
      { code: `export function save(redis: any, key: string, value: string) { redis.set(key, value); }`, filename: CLIENTS_APP },
      // a parameter whose written type is the project's own, not the package's
      { code: `import type { Page } from './pages';\nexport function visit(page: Page) { page.goto('https://example.com'); }`, filename: CLIENTS_APP },
      // a variable assigned again: what it holds is not known
      { code: `import Redis from 'ioredis';\nlet redis = new Redis();\nexport function swap(other: any) { redis = other; }\nexport function save(key: string) { redis.set(key, '1'); }`, filename: CLIENTS_APP },
    ],
    invalid: [
      {
        ...detachedCalls(`import Redis from 'ioredis';\nconst redis = new Redis();\nexport function save(key: string, value: string) { redis.set(key, value); }`, ['redis.set(key, value);']),
        filename: CLIENTS_APP,
      },
      {
        // workerpool's pool, kept in a module variable that is filled and cleared: its terminate() is a promise
        ...detachedCalls(WORKER_POOL('poolToBeTerminated.terminate();'), ['poolToBeTerminated.terminate();']),
        filename: CLIENTS_APP,
      },
      {
        ...detachedCalls(`import { createClient } from 'redis';\nconst client = createClient();\nexport function save(key: string, fields: Record<string, string>) { client.hSet(key, fields); }`, ['client.hSet(key, fields);']),
        filename: CLIENTS_APP,
      },
      {
        ...detachedCalls(
          `const TelegramBot = require('node-telegram-bot-api');
const bot = new TelegramBot(process.env.TOKEN, { polling: true });
bot.on('message', (message: { chat: { id: number } }) => {
  bot.sendMessage(message.chat.id, 'received');
});`,
          ['bot.sendMessage(message.chat.id, \'received\');'],
        ),
        filename: CLIENTS_APP,
      },
      // a page handed out by a browser the file launched, in async code
      awaitableStatement(
        `import puppeteer from 'puppeteer';
export async function capture(url: string) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  page.goto(url);
  await page.screenshot({ path: 'page.png' });
  await browser.close();
}`,
        'page.goto(url);',
        CLIENTS_APP,
      ),
      {
        // clients known by their written type: a constructor parameter property and a parameter (a callback still
        // takes the callback convention)
        ...detachedCalls(
          `import Redis from 'ioredis';
import type { Page } from 'puppeteer';
export class Cache {
  constructor(private readonly redis: Redis) {}
  touch(key: string, done: () => void) {
    this.redis.set(key, '1');
    this.redis.get(key, done);
  }
}
export function visit(page: Page | undefined) { page?.goto('https://example.com'); }`,
          ["this.redis.set(key, '1');", "page?.goto('https://example.com');"],
        ),
        filename: CLIENTS_APP,
      },
      {
        // a Prisma client's model delegates (lazy queries: dropped, they never run), also through a class of the
        // project that extends the client; and the second of two parameters known by their written types
        ...detachedCalls(
          `import { PrismaClient } from '@prisma/client';
import { PrismaService } from './cross-file/prisma';
import type { Page } from 'puppeteer';
import { Collection } from 'mongodb';
const prisma = new PrismaClient();
export function log(message: string) {
  prisma.log.create({ data: { message } });
  prisma.$disconnect();
  prisma.$on('query', () => undefined);
}
export class Users {
  constructor(private readonly db: PrismaService) {}
  touch(id: string) { this.db.user.update({ where: { id }, data: {} }); }
}
export function visit(page: Page, users: Collection) { users.insertOne({ page: page.url() }); }`,
          ['prisma.log.create({ data: { message } });', 'prisma.$disconnect();', 'this.db.user.update({ where: { id }, data: {} });', 'users.insertOne({ page: page.url() });'],
        ),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      {
        // the VS Code API's writes (thenables that are promises at run time and reject when they fail), known by
        // provenance, also through a qualified written type; its notifications are left running on purpose
        ...detachedCalls(
          `import * as vscode from 'vscode';
export function activate(context: vscode.ExtensionContext) {
  context.globalState.update('seen', true);
  vscode.workspace.getConfiguration('demo').update('enabled', true);
  vscode.workspace.applyEdit(new vscode.WorkspaceEdit());
  vscode.window.showInformationMessage('ready');
  context.globalState.get('seen');
}`,
          ["context.globalState.update('seen', true);", "vscode.workspace.getConfiguration('demo').update('enabled', true);", 'vscode.workspace.applyEdit(new vscode.WorkspaceEdit());'],
        ),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      {
        // chat bots: what a discord.js client hands its listeners by event, and Telegraf's context; a reply returned
        // from the handler is the framework's to wait for
        ...detachedCalls(
          `import { Client } from 'discord.js';
import { Telegraf } from 'telegraf';
const client = new Client({ intents: [] });
client.on('messageCreate', (message) => {
  message.reply('pong');
  message.channel.send('seen');
});
client.on('ready', (ready) => { ready.reply('not a message'); });
const bot = new Telegraf('token');
bot.start((ctx) => ctx.reply('welcome'));
bot.command('help', (ctx) => { ctx.reply('help'); });`,
          ["message.reply('pong');", "message.channel.send('seen');", "ctx.reply('help');"],
        ),
        filename: path.join(FIXTURES_DIR, 'file.ts'),
      },
      {
        // a client kept in a field set in the constructor; a producer handed out by another client
        ...detachedCalls(
          `import { Kafka } from 'kafkajs';
export class Events {
  private readonly producer;
  constructor(kafka: Kafka) {
    this.producer = new Kafka({ brokers: ['localhost:9092'] }).producer();
  }
  emit(topic: string, value: string) {
    this.producer.send({ topic, messages: [{ value }] });
  }
}`,
          ['this.producer.send({ topic, messages: [{ value }] });'],
        ),
        filename: CLIENTS_APP,
      },
    ],
  },
});

runInBothModes('no-floating-promises (through index files that pass imports on)', rule, {
  both: {
    valid: [
      { code: `import { saveAccount } from './cross-file/accounts';\nexport async function create(account: { id: string }) { await saveAccount(account); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      detachedCalls(`import { saveAccount } from './cross-file/accounts';\nexport function create(account: { id: string }) { saveAccount(account); }`, ['saveAccount(account);']),
      detachedCalls(`const accounts = require('./cross-file/accounts/index.js');\nexport function create(account: { id: string }) { accounts.saveAccount(account); }`, ['accounts.saveAccount(account);']),
    ],
  },
});

runInBothModes('no-floating-promises (promise libraries: Bluebird)', rule, {
  both: {
    valid: [
      // a synchronous function whose only return is a resolved promise of a plain value cannot reject
      { code: `const BB = require('bluebird');\nconst cache = new Map();\nfunction clean() { cache.clear(); return BB.resolve(); }\nexport function onConnected() { clean(); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: `const cache = new Map<string, number>();\nfunction clean(): Promise<void> { cache.clear(); return Promise.resolve(); }\nexport function onConnected() { clean(); }` },
      { code: `const BB = require('bluebird');\nexport async function run(xs: number[]) { await BB.map(xs, (x: number) => x * 2); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      // (gatsby 2.0's api runner: a Bluebird chain dropped inside an executor; npm 6's `BB.join(…)` in callback code)
      detachedCalls(`const Promise = require('bluebird');\nexport function runAll(plugins: string[]) {\n  Promise.mapSeries(plugins, (plugin: string) => plugin).then((results: string[]) => results.filter(Boolean));\n}`, [
        'Promise.mapSeries(plugins, (plugin: string) => plugin).then((results: string[]) => results.filter(Boolean));',
      ]),
      detachedCalls(`const BB = require('bluebird');\nconst readFile = BB.promisify(require('fs').readFile);\nexport function update(cb: (error: Error | null) => void) {\n  BB.join(readFile('a'), readFile('b'), () => cb(null));\n  readFile('c');\n}`, [
        "BB.join(readFile('a'), readFile('b'), () => cb(null));",
        "readFile('c');",
      ]),
      detachedCalls(`import BB from 'bluebird';\nexport function later() {\n  new BB((resolve: (value: number) => void) => resolve(1)).then((value: number) => value.toFixed(2));\n}`, [
        'new BB((resolve: (value: number) => void) => resolve(1)).then((value: number) => value.toFixed(2));',
      ]),
    ],
  },
});

runInBothModes('no-floating-promises (functions of another file that return the promise they make)', rule, {
  both: {
    valid: [
      { code: `const gitTools = require('./cross-file/gitTools.js');\nexport function version(output: string) { gitTools.versionOf(output); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: `const gitTools = require('./cross-file/gitTools.js');\nexport function init(settings: object) { return gitTools.init(settings).then(() => gitTools.later(10)); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      // (@node-red/runtime 4.1.1: the projects storage's `init` did not return `gitTools.init(…)`'s chain, fixed in 4.1.2)
      detachedCalls(
        `const gitTools = require('./cross-file/gitTools.js');\nexport function init(settings: { version?: string }) {\n  return Promise.resolve().then(function () {\n    gitTools.init(settings).then(function (gitConfig) { settings.version = gitConfig?.version; });\n  });\n}`,
        ['gitTools.init(settings).then(function (gitConfig) { settings.version = gitConfig?.version; });'],
      ),
      detachedCalls(`import { later } from './cross-file/gitTools.js';\nexport function tick() { later(10); }`, ['later(10);']),
    ],
  },
});

runInBothModes('no-floating-promises (promises kept in private fields and module variables)', rule, {
  both: {
    valid: [
      // the field is awaited, returned or chained somewhere in the class
      `export class Cache {
  private _loading: Promise<void> | null = null;
  async load() { await fetch('/warm'); }
  warm() { if (!this._loading) this._loading = this.load(); return this._loading; }
}`,
      `export class Cache {
  #loading: Promise<void> | null = null;
  async load() { await fetch('/warm'); }
  warm() { if (!this.#loading) this.#loading = this.load(); }
  async ready() { await this.#loading; }
}`,
      // a public field: the class's users may await it (\`await cache.ready\`)
      `export class Cache {
  ready: Promise<void>;
  constructor() { this.ready = this.load(); }
  async load() { await fetch('/warm'); }
}`,
      // read through another name
      `export class Cache {
  _loading: Promise<void> | null = null;
  async load() { await fetch('/warm'); }
  warm() { const self = this; if (!this._loading) this._loading = this.load(); return self; }
}`,
      // a `_` field is private only by convention: other files may read it
      `export class Scheduler {
  _ready: Promise<void> | null = null;
  async connect() { await fetch('/db'); }
  start() { this._ready = this.connect(); }
}`,
      // a promise that cannot reject: its executor takes no `reject`
      `import { EventEmitter } from 'node:events';
export class Scheduler extends EventEmitter {
  #ready: Promise<unknown>;
  constructor() { super(); this.#ready = new Promise((resolve) => { this.once('ready', resolve); }); }
}`,
      // an exported module variable, and one that is handed on
      `export let pending: Promise<Response> | undefined;\nexport function kick() { if (!pending) pending = fetch('/kick'); }`,
      `let pending: Promise<Response> | undefined;\nexport function kick() { if (!pending) pending = fetch('/kick'); return pending; }`,
      // the rejection is handled where it is stored
      `let pending: Promise<void> | undefined;\nexport function kick() { if (!pending) pending = fetch('/kick').then(() => {}, () => {}); }`,
    ],
    invalid: [
      {
        code: `export class Cache {
  private loading: Promise<void> | null = null;
  async load() { await fetch('/warm'); }
  warm() {
    if (this.loading !== null) return;
    this.loading = this.load();
  }
}`,
        errors: [{ messageId: 'danglingStored', data: { name: 'this.loading' }, line: 6, column: 5, endLine: 6, endColumn: 17 }],
      },
      {
        code: `export class Cache {
  #loading: Promise<void> | undefined;
  async load() { await fetch('/warm'); }
  warm() { if (!this.#loading) this.#loading = this.load(); }
}`,
        errors: [{ messageId: 'danglingStored', data: { name: 'this.#loading' }, line: 4, column: 32, endLine: 4, endColumn: 45 }],
      },
      {
        code: `let pending: Promise<Response> | undefined;\nexport function kick() {\n  if (!pending) pending = fetch('/kick');\n}`,
        errors: [{ messageId: 'danglingStored', data: { name: 'pending' }, line: 3, column: 17, endLine: 3, endColumn: 24 }],
      },
    ],
  },
});

/** rate-limit-redis 4.3.1's store: script loads started in the constructor, first awaited by later calls. */
const REDIS_STORE = (constructorBody: string, members = '') => `export class RedisStore {
  incrementScriptSha: Promise<string>;
  constructor(private readonly sendCommand: (...args: string[]) => Promise<unknown>) {
    ${constructorBody}
  }
  async loadIncrementScript(): Promise<string> {
    return String(await this.sendCommand('SCRIPT', 'LOAD', 'return 1'));
  }
  async increment(key: string) {
    return this.sendCommand('EVALSHA', await this.incrementScriptSha, '1', key);
  }
  async reset(key: string) {
    this.incrementScriptSha = this.loadIncrementScript();
    await this.sendCommand('DEL', key);
  }${members}
}`;

runInBothModes('no-floating-promises (a promise started in the constructor, first awaited by later calls)', rule, {
  both: {
    valid: [
      // handled where it starts
      REDIS_STORE('this.incrementScriptSha = this.loadIncrementScript();\n    this.incrementScriptSha.catch(() => {});'),
      REDIS_STORE('this.incrementScriptSha = this.loadIncrementScript().catch(() => \'\');'),
      // read another way too: chained on, handed on, tested
      REDIS_STORE('this.incrementScriptSha = this.loadIncrementScript();', `
  ready() { return this.incrementScriptSha; }`),
      // started outside the constructor (a method a caller awaits may start it)
      REDIS_STORE('this.incrementScriptSha = Promise.resolve(\'\');', `
  async init() { this.incrementScriptSha = this.loadIncrementScript(); }`),
      // nothing in the class awaits it: the class's users may (a public \`ready\`)
      `export class Client {
  ready: Promise<void>;
  constructor() { this.ready = this.connect(); }
  async connect() { await fetch('/db'); }
}`,
    ],
    invalid: [
      {
        name: "rate-limit-redis 4.3.1: the script's load starts with the store, first awaited by increment()",
        code: REDIS_STORE('this.incrementScriptSha = this.loadIncrementScript();'),
        errors: [{ messageId: 'awaitedOnlyLater', data: { name: 'this.incrementScriptSha' }, line: 4, column: 5, endLine: 4, endColumn: 28 }],
      },
    ],
  },
});

/** @backstage/plugin-search-backend-module-elasticsearch's indexer: a bulk upload of a client nothing types, started with the instance. */
const BULK_INDEXER = (constructorEnd: string) => `export class Indexer {
  private processed = 0;
  private error: unknown;
  private readonly client: any;
  private readonly bulkResult: any;
  constructor(options: { client: any }) {
    this.client = options.client;
    const that = this;
    this.bulkResult = this.client.bulk({
      onDocument() {
        that.processed++;
        return {};
      },
    });${constructorEnd}
  }
  async finalize() {
    const result = await this.bulkResult;
    return result;
  }
}`;

runInBothModes('no-floating-promises (an unknown call stored in the constructor, every later read an await)', rule, {
  both: {
    valid: [
      // its rejection kept for later (the fixed indexer)
      BULK_INDEXER(`
    this.bulkResult.catch((e: unknown) => {
      this.error = e;
    });`),
      // \`that\` handed on: the field may be read through it anywhere
      BULK_INDEXER(`
    register(that);`).replace('export class Indexer', 'declare function register(indexer: unknown): void;\nexport class Indexer'),
      // a function of the package's own modules: what it can throw is its own body's business
      BULK_INDEXER('').replace('export class Indexer', "import { loadCertificate } from './certificates';\nexport class Indexer").replace('this.client.bulk({', 'loadCertificate({'),
    ],
    invalid: [
      {
        name: "the bulk upload's rejection before finalize() is nobody's (@backstage/plugin-search-backend-module-elasticsearch, 2022-12)",
        code: BULK_INDEXER(''),
        errors: [{ messageId: 'awaitedOnlyLater', data: { name: 'this.bulkResult' }, line: 9, column: 5, endLine: 9, endColumn: 20 }],
      },
    ],
  },
});

/** knex 0.20.6's Oracle transaction (issue #22): the connection's promisified commit, chained without a rejection handler. */
const ORACLE_RELEASE = `export function release(connection: any, t: any) {
  return Promise.resolve(connection).then(async (cnx: any) => {
    try {
      return await t.work(cnx);
    } finally {
      cnx.isTransaction = false;
      cnx.commitAsync().then(function (err: unknown) {
        t.client.releaseConnection(cnx);
      });
    }
  });
}`;

runInBothModes('no-floating-promises (promisified …Async methods that the code chains)', rule, {
  both: {
    valid: [
      { code: ORACLE_RELEASE.replace('cnx.commitAsync().then(function (err: unknown) {', 'await cnx.commitAsync().then(function (err: unknown) {'), filename: path.join(FIXTURES_DIR, 'file.ts') },
      // handled, or returned
      { code: `export function read(client: any) {
  client.getAsync('k').then((v: unknown) => console.log(v)).catch(console.error);
  return client.setAsync('k', 1).then(() => 1);
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // the suffix alone: amqplib's encodeBasicRecoverAsync returns a buffer
      { code: `export async function encode(codec: any) {
  codec.encodeBasicRecoverAsync(1, { requeue: true });
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a chain on something else than the …Async call's own result
      { code: `export async function load(zip: any) {
  zip.loadAsync(data).files.then;
  zip.file('a').loadAsync;
}
const data = '';`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      {
        code: ORACLE_RELEASE,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        output: null,
        errors: [
          {
            messageId: 'floating',
            line: 7,
            column: 7,
            endLine: 7,
            endColumn: 29,
            suggestions: [
              { messageId: 'suggestAwait', output: ORACLE_RELEASE.replace('cnx.commitAsync().then(', 'await cnx.commitAsync().then(') },
              { messageId: 'suggestVoid', output: ORACLE_RELEASE.replace('cnx.commitAsync().then(', 'void cnx.commitAsync().then(') },
            ],
          },
        ],
      },
    ],
  },
});

/**
 * Round 7 of issue #22 (real fixed bugs collected blind): values nothing traces, which the code itself shows to be
 * promises that can reject.
 */
runInBothModes('no-floating-promises (promises the code itself shows)', rule, {
  both: {
    valid: [
      // a `.then` chain on a value nothing says more about: many such chains cannot fail (undici's `this[kClose]()`)
      { code: `const kClose = Symbol('close');\nexport class Dispatcher {\n  [kClose](): any { return undefined; }\n  close() { this[kClose]().then(() => undefined); }\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a link of the chain already handles rejections
      { code: `export function stop(worker: any) { worker.terminate().catch(() => {}).then(() => undefined); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // Cypress commands are not promises
      { code: `declare const cy: any;\ncy.get('button').then(() => undefined);`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // \`this\` in a function that is not exported: not a mixin method
      { code: `async function save(this: any) { await this.store.write(); }\nfunction flush(this: any) { this.save(); }\nexport const api = { save, flush };`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // \`exports\` declared by the file itself is not CommonJS's
      { code: `const exports = { async validate() {} };\nexport function run(other: any) { other.validate(); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a chain forked off a value the function does not hand on: nothing says it is a promise that fails
      { code: `export function trace(query: any, end: () => void) {\n  query.then(end);\n  return undefined;\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // the chain itself is what the function hands back
      { code: `export function trace(query: any, end: (value: unknown) => unknown) {\n  query = query.then(end);\n  return query;\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // Atomics.waitAsync(…).value settles with a status and never rejects
      { code: `export function wait(state: Int32Array, onDone: (status: string) => void) {\n  const result: any = Atomics.waitAsync(state, 0, 0, 10);\n  if (result.async) result.value.then(onDone);\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // named a promise, but written only with Promise.allSettled, which never rejects
      { code: `export class Files {\n  loadPromise: any = null;\n  load(paths: string[], read: (p: string) => Promise<string>) {\n    this.loadPromise = Promise.allSettled(paths.map(read));\n    this.loadPromise.then(() => { this.loadPromise = null; });\n  }\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a method of the class itself, awaited elsewhere with another argument (a MULTI builder returns itself)
      { code: `export class Queue {\n  run(client: any, name: string): any { return client[name](); }\n  async add(client: any) { await this.run(client, 'add'); }\n  queue(multi: any) { this.run(multi, 'release'); }\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // \`f.call(…)\` is not a method of the value
      { code: `export async function run(exec: any, pipeline: any) { exec.call(pipeline); await exec(pipeline); }`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // cacache 6.2.0: the chain returns it; and the same file's synchronous function
      { code: `const fixOwner = require('./fix-owner');\nfunction fixPerms(cache, opts) {\n  return mkdirfix(cache).then(() => {\n    fixOwner.owner(cache);\n    return fixOwner.chownr(cache, opts.uid, opts.gid);\n  });\n}\nmodule.exports = fixPerms;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // mineflayer 4.6.0: the fork handles the rejection before its cleanup
      { code: `function once(emitter, event) {\n  const task = createTask();\n  task.promise.catch(() => {}).finally(() => emitter.removeListener(event, task.finish));\n  return task.promise;\n}\nmodule.exports = { once };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a handler that forwards to a resolve nothing pairs with a reject, or a chain that reaches the reject
      { code: `function load(response, resolve) {\n  response.load().then(function (json) { resolve(json); });\n}\nfunction fetchRetry(response, resolve, reject) {\n  response.load().then(function (json) { resolve(json); }, reject);\n}\nmodule.exports = { load, fetchRetry };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a cleanup after a value nothing says is a promise (a builder's own \`finally\` step)
      { code: `export function build(query: any, done: () => void) {\n  query.finally(done);\n}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      // moleculer 0.13.1: the chain forwards to resolve, never to reject, so the outer promise never settles on a failure
      (() => {
        const code = `export function connect(connection: any) {\n  return new Promise((resolve, reject) => {\n    connection.on('error', reject);\n    connection.open().then(resolve);\n  });\n}`;
        const at = code.indexOf('connection.open()');
        const end = code.indexOf(';', at);
        return {
          code,
          filename: path.join(FIXTURES_DIR, 'file.ts'),
          errors: [{
            messageId: 'floating' as const, line: 4, column: 5, endLine: 4, endColumn: 37,
            suggestions: [
              { messageId: 'suggestVoid' as const, output: `${code.slice(0, at)}void ${code.slice(at)}` },
              { messageId: 'suggestCatch' as const, output: `${code.slice(0, end)}.catch(reject)${code.slice(end)}` },
            ],
          }],
        };
      })(),
      // contentstack 3.26.3: the value goes on to the outer promise through a helper that takes its resolve and reject
      (() => {
        const code = `function fetchRetry(request, options, resolve, reject) {
  request(options.url).then(function (response) {
    var data = response.json();
    data.then(function (json) {
      resolve(json);
    });
  }).catch(reject);
}
module.exports = fetchRetry;`;
        const at = code.indexOf('data.then(');
        return {
          code,
          filename: path.join(FIXTURES_DIR, 'file.js'),
          output: null,
          errors: [{
            messageId: 'floating' as const, line: 4, column: 5, endLine: 4, endColumn: 14,
            suggestions: [
              { messageId: 'suggestVoid' as const, output: `${code.slice(0, at)}void ${code.slice(at)}` },
            ],
          }],
        };
      })(),
      // moleculer 0.12.4: a variable the code also fills with promise chains
      detachedCalls(`export function track(start: () => any, dispose: () => void) {\n  let p = start();\n  p = p.then((res: unknown) => res);\n  p.then((res: unknown) => { dispose(); return res; });\n  return p;\n}`, ['p.then((res: unknown) => { dispose(); return res; });']),
      // subscriptions-transport-ws 0.9.2: a value named a promise
      detachedCalls(`export function onStart(context: any, unsubscribe: () => void) {\n  context.initPromise.then(() => unsubscribe());\n}`, ['context.initPromise.then(() => unsubscribe());']),
      // appium-remote-debugger 11.5.4: a mixin module's exported async function called through \`this\` by another one
      (() => {
        const code = `export async function setConnectionKey(this: any) {\n  await this.rpcClient.send('setConnectionKey');\n}\nexport async function connect(this: any) {\n  try {\n    this.setConnectionKey();\n  } catch (err) {\n    this.log.error(err);\n  }\n}`;
        const at = code.indexOf('this.setConnectionKey();');
        return {
          code,
          filename: path.join(FIXTURES_DIR, 'file.ts'),
          errors: [{
            messageId: 'floating' as const, line: 6, column: 5, endLine: 6, endColumn: 29,
            suggestions: [
              { messageId: 'suggestAwait' as const, output: `${code.slice(0, at)}await ${code.slice(at)}` },
              { messageId: 'suggestVoid' as const, output: `${code.slice(0, at)}void ${code.slice(at)}` },
            ],
          }],
        };
      })(),
      // a CommonJS module's own export called through \`exports\`, returning Q's promises
      { ...detachedCalls(`var Q = require('q');\nexports.validateName = validateName;\nfunction validateName(name) {\n  if (name === '') return Q.reject(new Error('empty name'));\n  return Q.resolve();\n}\nexports.create = function (name) {\n  return Q().then(function () {\n    exports.validateName(name);\n  });\n};`, ['exports.validateName(name);']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // elastic-apm-node 3.7.0: a fork of the query the wrapper returns; the caller handles the query's failure, not the fork's
      detachedCalls(`export function wrapQuery(orig: (...args: unknown[]) => any, end: () => void) {\n  return function (this: unknown, ...args: unknown[]) {\n    const query = orig.apply(this, args);\n    if (typeof query.then === 'function') {\n      query.then(end);\n    }\n    return query;\n  };\n}`, ['query.then(end);']),
      // lighthouse 6.1.0: a collaborator's method the same file awaits elsewhere
      detachedCalls(`export class Fetcher {\n  driver: any;\n  constructor(driver: any) { this.driver = driver; }\n  async enable() { await this.driver.sendCommand('Fetch.enable'); }\n  onPaused(id: string) { this.driver.sendCommand('Fetch.continueRequest', { id }); }\n}`, ["this.driver.sendCommand('Fetch.continueRequest', { id });"]),
      // mineflayer 4.5.1: a cleanup forked off the task's promise, which the function returns; when the task is
      // cancelled the fork rejects too, and nothing handles it
      { ...detachedCalls(`function once(emitter, event) {\n  const task = createTask();\n  task.promise.finally(() => emitter.removeListener(event, task.finish));\n  return task.promise;\n}\nmodule.exports = { once };`, ['task.promise.finally(() => emitter.removeListener(event, task.finish));']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // cacache 6.1.2: a function of another file that returns a promise-inflight promise (or Bluebird's), dropped in a \`.then\`
      { ...detachedCalls(`const fixOwner = require('./fix-owner');\nfunction fixPerms(cache, opts) {\n  return mkdirfix(cache).then(() => {\n    fixOwner.chownr(cache, opts.uid, opts.gid);\n  });\n}\nmodule.exports = fixPerms;`, ['fixOwner.chownr(cache, opts.uid, opts.gid);']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // ember-cli 3.16.0: a promise helper package called as a function
      detachedCalls(`import promiseFinally = require('promise.prototype.finally');\nexport function watch(build: any, cleanup: () => void) {\n  promiseFinally(build.then((hash: unknown) => hash), cleanup);\n}`, ['promiseFinally(build.then((hash: unknown) => hash), cleanup);']),
    ],
  },
});

/**
 * ES5 classes (a constructor function and its prototype's methods) and dual APIs that return their promise only
 * without a callback (issue #22: levelup 4.3.0's constructor opens the store with the caller's optional callback and
 * drops the promise `open` returns when there is none, `levelup-constructor-open-floating` in bench/bugs).
 */
const LEVELUP = `var promisify = require('./promisify');
function LevelUP(db, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  if (!db) {
    if (typeof callback === 'function') return process.nextTick(callback, new Error('no store'));
    throw new Error('no store');
  }
  this.db = db;
  this.open(callback);
}
LevelUP.prototype.open = function (opts, callback) {
  var self = this;
  var promise;
  if (typeof opts === 'function') {
    callback = opts;
    opts = null;
  }
  if (!callback) {
    callback = promisify();
    promise = callback.promise;
  }
  this.db.open(opts, function (err) {
    if (err) return callback(err);
    callback(null, self);
  });
  return promise;
};
LevelUP.prototype.close = function (callback) {
  var self = this;
  var promise;
  if (!callback) {
    callback = promisify();
    promise = callback.promise;
  }
  this.once('open', function () {
    self.close(callback);
  });
  return promise;
};
module.exports = LevelUP;`;

/** TypeScript's ES5 output of a class with an async method: the constructor inside an IIFE, methods on its prototype. */
const ES5_CLASS = `var Store = /** @class */ (function () {
    function Store(db) {
        this.db = db;
    }
    Store.prototype.save = function (doc) {
        var _this = this;
        return new Promise(function (resolve, reject) {
            _this.db.put(doc, function (err) { return err ? reject(err) : resolve(doc); });
        });
    };
    Store.prototype.flush = function (docs) {
        var _this = this;
        docs.forEach(function (doc) { _this.save(doc); });
        this.save(docs[0]);
    };
    return Store;
}());
function track(db, doc) {
    var store = new Store(db);
    store.save(doc);
}
module.exports = { Store: Store, track: track };`;

runInBothModes('no-floating-promises (ES5 classes and dual APIs)', rule, {
  both: {
    valid: [
      // the callback is filled in when absent (\`close\` in \`self.close(callback)\`): the call passes one
      { code: LEVELUP.replace('  this.open(callback);\n', '  this.open(callback || function () {});\n'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a parameter the caller never tests: a required callback, whose call returns nothing
      { code: LEVELUP.replace("    if (typeof callback === 'function') return process.nextTick(callback, new Error('no store'));\n", ''), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a function literal as the callback
      { code: LEVELUP.replace('  this.open(callback);\n', '  this.open(function (err) { if (err) console.error(err); });\n'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a plain function's \`this\` (no prototype methods): nothing to resolve
      { code: `function helper() { this.save(); }\nmodule.exports = helper;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      { ...detachedCalls(LEVELUP, ['this.open(callback);']), filename: path.join(FIXTURES_DIR, 'file.js') },
      { ...detachedCalls(ES5_CLASS, ['_this.save(doc);', 'this.save(docs[0]);', 'store.save(doc);']), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
  },
});

/**
 * The promise of an async function kept in a local that the code only tests or reads properties from (issue #22:
 * matrix-js-sdk 9.11's `rehydrateDevice` read `device_data` off `this.getDehydratedDevice()`'s promise, fixed with
 * `await` in 10.0).
 */
const REHYDRATE = (call: string) => `function MatrixClient(http) {
  this.http = http;
}
MatrixClient.prototype.getDehydratedDevice = async function () {
  return this.http.authedRequest('GET', '/dehydrated_device');
};
MatrixClient.prototype.rehydrateDevice = async function () {
  const getDeviceResult = ${call};
  if (!getDeviceResult) {
    return;
  }
  if (!getDeviceResult.device_data || !getDeviceResult.device_id) {
    console.info('no dehydrated device found');
    return;
  }
  return getDeviceResult.device_id;
};
module.exports = MatrixClient;`;

runInBothModes('no-floating-promises (a promise only tested or read from)', rule, {
  both: {
    valid: [
      { code: REHYDRATE('await this.getDehydratedDevice()'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // handed on or awaited later: used as a promise
      { code: `class Store {
  async load(id: string) { return { id }; }
  async get(id: string) {
    const pending = this.load(id);
    if (!pending) throw new Error('no load');
    return await pending;
  }
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a function that is not async: its value may well have properties of its own
      { code: `function start(cmd: string) { return Object.assign(Promise.resolve(0), { pid: 1, cmd }); }
export function run() {
  const child = start('ls');
  if (child.pid) console.log(child.cmd);
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      {
        code: REHYDRATE('this.getDehydratedDevice()'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'inspectedPromise', data: { name: 'getDeviceResult', use: 'getDeviceResult.device_data' }, line: 8, column: 9, endLine: 8, endColumn: 24 }],
      },
      {
        code: `class Store {
  async load(id: string) { return { id, name: 'x' }; }
  async describe(id: string) {
    const item = this.load(id);
    return item ? 'found' : 'missing';
  }
}`,
        filename: path.join(FIXTURES_DIR, 'file.ts'),
        errors: [{ messageId: 'inspectedPromise', data: { name: 'item', use: 'item' }, line: 4, column: 11, endLine: 4, endColumn: 15 }],
      },
    ],
  },
});

/**
 * A package's client reached through a `.then` callback's parameter and kept in a field the class fills only with it
 * (issue #22: amqp-connection-manager 3.2.3 closed its amqplib connection without returning the promise).
 */
const CONNECTION_MANAGER = (closeStatement: string, extraWrite = '') => `const amqp = require('amqplib');
class AmqpConnectionManager {
  connect(url) {
    return amqp.connect(url).then((connection) => {
      this._currentConnection = connection;
      connection.on('close', () => {
        this._currentConnection = null;
      });
    });
  }
  close() {
    return Promise.resolve().then(() => {
      if (this._currentConnection) {
        ${closeStatement}
      }
      this._currentConnection = null;${extraWrite}
    });
  }
}
module.exports = AmqpConnectionManager;`;

runInBothModes('no-floating-promises (clients reached through then() and fields)', rule, {
  both: {
    valid: [
      { code: CONNECTION_MANAGER('return this._currentConnection.close();'), filename: CLIENTS_APP },
      // the field also holds something that is not the client
      { code: CONNECTION_MANAGER('this._currentConnection.close();', '\n      this._currentConnection = createFake();'), filename: CLIENTS_APP },
    ],
    invalid: [
      { ...detachedCalls(CONNECTION_MANAGER('this._currentConnection.close();'), ['this._currentConnection.close();']), filename: CLIENTS_APP },
    ],
  },
});

/**
 * A file write piped into a write stream made on the spot, which nothing listens to (pdfmake 0.3.0's
 * `OutputDocumentServer#write`: the promise resolved on the document's 'end', before the file was written).
 */
function droppedWrite(code: string, text: string, target: string) {
  const index = code.indexOf(text);
  const before = code.slice(0, index).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] as string).length + 1;
  return { code, filename: path.join(FIXTURES_DIR, 'file.ts'), output: null, errors: [{ messageId: 'droppedFileWrite' as const, line, column, endLine: line, endColumn: column + text.length, data: { target } }] };
}

runInBothModes('no-floating-promises (a file write nobody waits for)', rule, {
  both: {
    valid: [
      { code: `import * as fs from 'node:fs';
export function save(source: NodeJS.ReadableStream, file: string) {
  return new Promise((resolve, reject) => {
    source.pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject);
  });
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      { code: `import * as fs from 'node:fs';
export async function save(source: NodeJS.ReadableStream, file: string) {
  const out = fs.createWriteStream(file);
  source.pipe(out);
  await new Promise((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // the code does not wait for the source either: a log the write goes on filling by itself (gatsby-recipes' debug log)
      { code: `import * as fs from 'node:fs';
export async function start(child: { stdout?: NodeJS.ReadableStream }, logFile: string) {
  const writeStream = fs.createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(writeStream);
  return { started: true };
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
      // synchronous code that hands the stream on: its caller decides
      { code: `import * as fs from 'node:fs';
export function start(source: NodeJS.ReadableStream, file: string) {
  source.pipe(fs.createWriteStream(file));
  return source;
}`, filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      droppedWrite(`import _fs from 'node:fs';
export class OutputDocumentServer {
  constructor(private readonly getStream: () => Promise<NodeJS.ReadableStream & { end(): void }>) {}
  async write(filename: string) {
    const stream = await this.getStream();
    return new Promise((resolve) => {
      stream.pipe(_fs.createWriteStream(filename));
      stream.on('end', resolve);
      stream.end();
    });
  }
}`, 'stream.pipe(_fs.createWriteStream(filename))', '_fs.createWriteStream(filename)'),
      droppedWrite(`import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
export async function download(body: NodeJS.ReadableStream, dest: string) {
  const file = createWriteStream(dest);
  body.pipe(file);
  await once(body, 'end');
  return dest;
}`, 'body.pipe(file)', 'createWriteStream(dest)'),
    ],
  },
});

/** A write dropped in an async function: the report offers `await` and `void`. */
function droppedStoreWrite(code: string, text: string, filename = 'file.js') {
  const index = code.indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not in the code`);
  const before = code.slice(0, index).split('\n');
  const line = before.length;
  const column = (before[before.length - 1] as string).length + 1;
  return {
    code,
    filename: path.join(FIXTURES_DIR, filename),
    errors: [{
      messageId: 'floating' as const, line, column, endLine: line, endColumn: column + text.length,
      suggestions: [
        { messageId: 'suggestAwait' as const, output: `${code.slice(0, index)}await ${code.slice(index)}` },
        { messageId: 'suggestVoid' as const, output: `${code.slice(0, index)}void ${code.slice(index)}` },
      ],
    }],
  };
}

/** gatsby-transformer-remark 2.9.2: the plugin's cache is read with `await` and written without it. */
const REMARK_HEADINGS = `module.exports = ({ cache }) => {
  async function getHeadings(node) {
    const cached = await cache.get(node.id);
    if (cached) return cached;
    const headings = await parse(node);
    cache.set(node.id, headings);
    return headings;
  }
  return { getHeadings };
};`;

runInBothModes('no-floating-promises (writes to a store whose reader the file awaits)', rule, {
  both: {
    valid: [
      { code: REMARK_HEADINGS.replace('cache.set(', 'await cache.set('), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a map of promises: awaiting what it holds says nothing of the map
      { code: `const pending = new Map();
async function load(id) {
  const running = pending.get(id);
  if (running) return await running;
  const work = fetchIt(id);
  pending.set(id, work);
  try { return await work; } finally { pending.delete(id); }
}
async function read(id) {
  const result = await cache.get(id);
  pending.delete(id);
  return result;
}
module.exports = { load, read };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      { code: `const cache = new Map();
async function getClient(id) {
  const existing = await cache.get(id);
  if (existing) return existing;
  const client = connect(id);
  cache.set(id, client);
  return client;
}
module.exports = { getClient };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the receiver named as a promise store, or a promise stored
      { code: `module.exports = (self) => ({
  async get(key) {
    const ongoing = await self.promiseCache.get(key);
    self.promiseCache.delete(key);
    return ongoing;
  },
  async put(key, store) {
    const client = await store.get(key);
    const clientPromise = open(client);
    store.set(key, clientPromise);
  },
});`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // synchronous code that writes: nothing there waits, so the write is not a missing await
      { code: `async function read(cache, key) { return await cache.get(key); }
function remember(cache, key, value) { cache.set(key, value); }
module.exports = { read, remember };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // another receiver than the one awaited
      { code: `async function copy(source, target, key) {
  const value = await source.get(key);
  target.set(key, value);
}
module.exports = { copy };`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      droppedStoreWrite(REMARK_HEADINGS, 'cache.set(node.id, headings);'),
      // AsyncStorage-like stores and a class's field
      droppedStoreWrite(`class Session {
  constructor(storage) { this.storage = storage; }
  async restore() {
    const token = await this.storage.getItem('token');
    if (!token) return null;
    return token;
  }
  async logout() {
    this.storage.removeItem('token');
  }
}
module.exports = Session;`, "this.storage.removeItem('token');"),
    ],
  },
});

/** typescript-language-server 0.8.1's compiled server: `yield this.tspClient.request(…)` in `__awaiter` bodies, one request dropped. */
const COMPILED_SERVER = (dropped: string) => `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    return new (P || (P = Promise))(function (resolve, reject) { resolve(); });
};
class LspServer {
    constructor(tspClient) { this.tspClient = tspClient; }
    initialize(params) {
        return __awaiter(this, void 0, void 0, function* () {
            ${dropped}
            return { capabilities: {} };
        });
    }
    format(args) {
        return __awaiter(this, void 0, void 0, function* () {
            return yield this.tspClient.request('format', args);
        });
    }
}
module.exports = LspServer;`;

runInBothModes('no-floating-promises (a collaborator awaited in compiled async methods)', rule, {
  both: {
    valid: [
      { code: COMPILED_SERVER("yield this.tspClient.request('configure', params);"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a generator that is no compiled async function: its \`yield\` waits for nothing
      { code: `class Reader {
  constructor(source) { this.source = source; }
  *lines() { yield this.source.request('line'); }
  peek() { this.source.request('peek'); }
}
module.exports = Reader;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: COMPILED_SERVER("this.tspClient.request('configure', params);"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating' as const, line: 8, column: 13, endLine: 8, endColumn: 57,
          suggestions: [
            { messageId: 'suggestVoid' as const, output: COMPILED_SERVER("void this.tspClient.request('configure', params);") },
          ],
        }],
      },
    ],
  },
});

/** apollo-gateway 0.13's poller, in short: the update handles its fetch's failure, but its helper throws on purpose. */
const POLLING_GATEWAY = (update: string, failure = 'throw new SchemaValidationError(errors);') => `class Gateway {
  async updateComposition() {
    let definitions;
    try {
      definitions = await this.fetchDefinitions();
    } catch (error) {
      console.warn('keeping the old schema', error);
      return;
    }
    this.schema = this.createSchema(definitions);
  }
  createSchema(definitions) {
    const errors = validate(definitions);
    if (errors.length > 0) ${failure}
    return build(definitions);
  }
  async fetchDefinitions() { return fetch('/definitions'); }
  startPolling() {
    this.timer = setInterval(() => {
      ${update}
    }, 10000);
  }
}
module.exports = Gateway;`;

/** The same update compiled by TypeScript for ES2015: its generator's `this` is the method's. */
const COMPILED_GATEWAY = (update: string) => `${TS_AWAITER_HELPER}
class Gateway {
    updateComposition() {
        return __awaiter(this, void 0, void 0, function* () {
            let definitions;
            try {
                definitions = yield this.fetchDefinitions();
            }
            catch (error) {
                console.warn('keeping the old schema', error);
                return;
            }
            this.schema = this.createSchema(definitions);
        });
    }
    createSchema(definitions) {
        const errors = validate(definitions);
        if (errors.length > 0)
            throw new SchemaValidationError(errors);
        return build(definitions);
    }
    fetchDefinitions() { return fetch('/definitions'); }
    startPolling() {
        this.timer = setInterval(() => {
            ${update}
        }, 10000);
    }
}
module.exports = Gateway;`;

runInBothModes('no-floating-promises (an async function whose synchronous helper throws on purpose)', rule, {
  both: {
    valid: [
      { code: POLLING_GATEWAY('this.updateComposition().catch((error) => console.error(error));'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // an argument check: a programming error, which a synchronous caller would not handle either
      { code: POLLING_GATEWAY('this.updateComposition();', "throw new TypeError('definitions must be a list');"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a broken invariant: the built-in `Error` is thrown for programming errors as often as for failures
      { code: POLLING_GATEWAY('this.updateComposition();', "throw new Error('createSchema called when unmounted');"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the helper handles its own failure
      { code: POLLING_GATEWAY('this.updateComposition();', '{ try { throw new SchemaValidationError(errors); } catch (error) { console.error(error); } }'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a function that builds an error: its own throw is an internal check
      { code: POLLING_GATEWAY('this.updateComposition();').replace('this.schema = this.createSchema(definitions);', "this.emit('error', this.createSchemaError(definitions));").replace('createSchema(definitions) {', 'createSchemaError(definitions) {'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the helper only throws in a callback of its own
      { code: POLLING_GATEWAY('this.updateComposition();', 'errors.forEach((error) => { throw error; });'), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: POLLING_GATEWAY('this.updateComposition();'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating' as const, line: 20, column: 7, endLine: 20, endColumn: 32,
          suggestions: [{ messageId: 'suggestVoid' as const, output: POLLING_GATEWAY('void this.updateComposition();') }],
        }],
      },
      {
        code: COMPILED_GATEWAY('this.updateComposition();'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating' as const, line: 30, column: 13, endLine: 30, endColumn: 38,
          suggestions: [{ messageId: 'suggestVoid' as const, output: COMPILED_GATEWAY('void this.updateComposition();') }],
        }],
      },
    ],
  },
});

/** A rejection handler that throws again at the end of a chain nobody holds (broccoli 0.11.0's watcher). */
runInBothModes('no-floating-promises (a rejection handler that throws again)', rule, {
  both: {
    valid: [
      // the handler takes the error without throwing it on (broccoli 0.12.0's fix)
      `export function check(watcher: any) {
  watcher.current.then(function (hash: string) {
    watcher.emit('change', hash);
  }, function (error: Error) {
    watcher.emit('error', error);
  }).finally(() => check(watcher));
}`,
      // the chain is handed to the caller, who handles what the handler throws
      `export function load(url: string) {
  return fetch(url).catch((error: Error) => { console.error(error); throw error; });
}`,
      // a throw the handler catches itself, or one in a callback of its own
      `export function load(url: string) {
  fetch(url).catch((error: Error) => {
    try { throw new Error('wrapped: ' + error.message); } catch (wrapped) { console.error(wrapped); }
  });
}`,
      `export function load(url: string, errors: Error[]) {
  fetch(url).catch(() => { errors.forEach((error) => { throw error; }); });
}`,
      // at the top level of a module, throwing again may be meant to end the process
      `fetch('/health').catch((error: Error) => { console.error(error); throw error; });`,
      // a handler that only throws handles nothing: often meant to end the process
      `export function start(loop: () => Promise<void>) {
  loop().catch((error: Error) => { throw new Error('Unexpected error in the loop: ' + error.message); });
}`,
      // a deferred's \`reject\` is not a rejection of the chain
      `export function relay(work: any, deferred: any) {
  work.then((value: unknown) => deferred.resolve(value)).catch((error: Error) => deferred.reject(error));
}`,
      // a lone \`catch\` of an object inference does not know: many objects have a \`catch\` of their own
      `export function register(recorder: any, emit: (error: Error) => void) {
  recorder.catch((error: Error) => { emit(error); throw error; });
}`,
    ],
    invalid: [
      {
        code: `export function check(watcher: any) {
  watcher.current.then(function (hash: string) {
    watcher.emit('change', hash);
  }, function (error: Error) {
    watcher.emit('error', error);
    throw error;
  }.bind(watcher)).finally(() => check(watcher));
}`,
        errors: [{ messageId: 'floatingRethrowingHandler', line: 2, column: 3, endLine: 7, endColumn: 27 }],
      },
      {
        name: 'a known promise, the handler named',
        code: `function rethrow(error: Error) {
  console.error(error);
  throw error;
}
export function load(url: string) {
  fetch(url).then((response) => response.json(), rethrow);
}`,
        errors: [{ messageId: 'floatingRethrowingHandler', line: 6, column: 3, endLine: 6, endColumn: 59 }],
      },
      {
        name: 'in an async function, the await suggested',
        code: `export async function load(url: string) {
  fetch(url).catch((error: Error) => { if (!(error instanceof TypeError)) throw error; });
}`,
        errors: [{
          messageId: 'floatingRethrowingHandler', line: 2, column: 3, endLine: 2, endColumn: 91,
          suggestions: [{ messageId: 'suggestAwait', output: `export async function load(url: string) {
  await fetch(url).catch((error: Error) => { if (!(error instanceof TypeError)) throw error; });
}` }],
        }],
      },
    ],
  },
});

// vite 2.2.2's worker plugin dropped the `close()` of a Rollup build in a `finally`
runInBothModes('no-floating-promises (a Rollup build)', rule, {
  both: {
    valid: [
      { code: `const rollup = require('rollup');\nasync function bundle(input) {\n  const build = await rollup.rollup({ input });\n  try {\n    return await build.generate({ format: 'es' });\n  } finally {\n    await build.close();\n  }\n}\nmodule.exports = bundle;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a build made elsewhere: who made it is not known here
      { code: `function finish(build) {\n  build.close();\n}\nmodule.exports = finish;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `const rollup = require('rollup');\nasync function bundle(input) {\n  const build = await rollup.rollup({ input });\n  try {\n    return await build.generate({ format: 'es' });\n  } finally {\n    build.close();\n  }\n}\nmodule.exports = bundle;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        output: null,
        errors: [{
          messageId: 'floating', line: 7, column: 5, endLine: 7, endColumn: 19,
          suggestions: [
            { messageId: 'suggestAwait', output: `const rollup = require('rollup');\nasync function bundle(input) {\n  const build = await rollup.rollup({ input });\n  try {\n    return await build.generate({ format: 'es' });\n  } finally {\n    await build.close();\n  }\n}\nmodule.exports = bundle;` },
            { messageId: 'suggestVoid', output: `const rollup = require('rollup');\nasync function bundle(input) {\n  const build = await rollup.rollup({ input });\n  try {\n    return await build.generate({ format: 'es' });\n  } finally {\n    void build.close();\n  }\n}\nmodule.exports = bundle;` },
          ],
        }],
      },
    ],
  },
});

// gatsby-plugin-algolia 0.3.4 awaited the index's setSettings(…) before moving the temporary index over the main one.
runInBothModes('no-floating-promises (an Algolia index)', rule, {
  both: {
    valid: [
      { code: `const algoliasearch = require('algoliasearch');\nasync function publish(appId, apiKey, name, objects, settings, exists) {\n  const client = algoliasearch(appId, apiKey);\n  const index = client.initIndex(name);\n  const tmp = client.initIndex(\`\${name}_tmp\`);\n  const target = exists ? tmp : index;\n  await target.saveObjects(objects);\n  if (settings) {\n    await target.setSettings(settings);\n  }\n  return client.moveIndex(tmp.indexName, name);\n}\nmodule.exports = publish;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a callback: algoliasearch 3's other convention, no promise
      { code: `const algoliasearch = require('algoliasearch');\nasync function publish(appId, apiKey, name, objects, settings, exists) {\n  const client = algoliasearch(appId, apiKey);\n  const index = client.initIndex(name);\n  const tmp = client.initIndex(\`\${name}_tmp\`);\n  const target = exists ? tmp : index;\n  await target.saveObjects(objects);\n  if (settings) {\n    target.setSettings(settings, (error) => { if (error) console.error(error); });\n  }\n  return client.moveIndex(tmp.indexName, name);\n}\nmodule.exports = publish;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // one branch is not known to be an index
      { code: `const algoliasearch = require('algoliasearch');\nconst search = require('./search');\nasync function publish(appId, apiKey, name, settings, exists) {\n  const index = algoliasearch(appId, apiKey).initIndex(name);\n  const target = exists ? search.open(name) : index;\n  target.setSettings(settings);\n}\nmodule.exports = publish;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `const algoliasearch = require('algoliasearch');\nasync function publish(appId, apiKey, name, objects, settings, exists) {\n  const client = algoliasearch(appId, apiKey);\n  const index = client.initIndex(name);\n  const tmp = client.initIndex(\`\${name}_tmp\`);\n  const target = exists ? tmp : index;\n  await target.saveObjects(objects);\n  if (settings) {\n    target.setSettings(settings);\n  }\n  return client.moveIndex(tmp.indexName, name);\n}\nmodule.exports = publish;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        output: null,
        errors: [{
          messageId: 'floating', line: 9, column: 5, endLine: 9, endColumn: 34,
          suggestions: [
            { messageId: 'suggestAwait', output: `const algoliasearch = require('algoliasearch');\nasync function publish(appId, apiKey, name, objects, settings, exists) {\n  const client = algoliasearch(appId, apiKey);\n  const index = client.initIndex(name);\n  const tmp = client.initIndex(\`\${name}_tmp\`);\n  const target = exists ? tmp : index;\n  await target.saveObjects(objects);\n  if (settings) {\n    await target.setSettings(settings);\n  }\n  return client.moveIndex(tmp.indexName, name);\n}\nmodule.exports = publish;` },
            { messageId: 'suggestVoid', output: `const algoliasearch = require('algoliasearch');\nasync function publish(appId, apiKey, name, objects, settings, exists) {\n  const client = algoliasearch(appId, apiKey);\n  const index = client.initIndex(name);\n  const tmp = client.initIndex(\`\${name}_tmp\`);\n  const target = exists ? tmp : index;\n  await target.saveObjects(objects);\n  if (settings) {\n    void target.setSettings(settings);\n  }\n  return client.moveIndex(tmp.indexName, name);\n}\nmodule.exports = publish;` },
          ],
        }],
      },
    ],
  },
});

// pacote 7.5.3 handled the promise of its own `withTarballStream` (another file, which builds it in consts of chains).
runInBothModes('no-floating-promises (a promise another file builds in steps)', rule, {
  both: {
    valid: [
      { code: `const withTarball = require('./cross-file/tarballStream.js');\nfunction stream(spec) {\n  return withTarball(spec, (s) => s);\n}\nmodule.exports = stream;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a chain on a value the other file does not know
      { code: `const { drain } = require('./cross-file/tarballStream.js');\nfunction run(queue) {\n  drain(queue);\n}\nmodule.exports = run;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `const withTarball = require('./cross-file/tarballStream.js');\nfunction stream(spec) {\n  withTarball(spec, (s) => s);\n}\nmodule.exports = stream;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 31,
          suggestions: [{ messageId: 'suggestVoid', output: `const withTarball = require('./cross-file/tarballStream.js');\nfunction stream(spec) {\n  void withTarball(spec, (s) => s);\n}\nmodule.exports = stream;` }],
        }],
      },
    ],
  },
});

// bolt 0.20.6 awaited `yarn.install(…)`, imported through Babel's namespace helper.
runInBothModes("no-floating-promises (a module imported through a compiler's import helper)", rule, {
  both: {
    valid: [
      { code: `var _yarn = require('./cross-file/babelYarn.js');\nvar yarn = _interopRequireWildcard(_yarn);\nfunction _interopRequireWildcard(obj) { return obj; }\nasync function run(dir) {\n  yarn.version(dir);\n}\nmodule.exports = run;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `var _yarn = require('./cross-file/babelYarn.js');\nvar yarn = _interopRequireWildcard(_yarn);\nfunction _interopRequireWildcard(obj) { return obj; }\nasync function run(dir) {\n  yarn.install(dir);\n}\nmodule.exports = run;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 5, column: 3, endLine: 5, endColumn: 21,
          suggestions: [
            { messageId: 'suggestAwait', output: `var _yarn = require('./cross-file/babelYarn.js');\nvar yarn = _interopRequireWildcard(_yarn);\nfunction _interopRequireWildcard(obj) { return obj; }\nasync function run(dir) {\n  await yarn.install(dir);\n}\nmodule.exports = run;` },
            { messageId: 'suggestVoid', output: `var _yarn = require('./cross-file/babelYarn.js');\nvar yarn = _interopRequireWildcard(_yarn);\nfunction _interopRequireWildcard(obj) { return obj; }\nasync function run(dir) {\n  void yarn.install(dir);\n}\nmodule.exports = run;` },
          ],
        }],
      },
      {
        code: `const tslib_1 = require('tslib');\nconst yarn = tslib_1.__importStar(require('./cross-file/babelYarn.js'));\nfunction run(dir) {\n  yarn.install(dir);\n}\nmodule.exports = run;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 4, column: 3, endLine: 4, endColumn: 21,
          suggestions: [{ messageId: 'suggestVoid', output: `const tslib_1 = require('tslib');\nconst yarn = tslib_1.__importStar(require('./cross-file/babelYarn.js'));\nfunction run(dir) {\n  void yarn.install(dir);\n}\nmodule.exports = run;` }],
        }],
      },
    ],
  },
});

// pacote 9.3.0 moved its fetchers' handlers from `.then(onStat, onError)` to `.then(onStat).catch(onError)`.
runInBothModes("no-floating-promises (then's second argument and a first callback that fails)", rule, {
  both: {
    valid: [
      // the first callback cannot fail visibly
      { code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => { out.emit('done', response); }, (err: Error) => { out.emit('error', err); });\n}` },
      // the handler after the chain catches both
      { code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => {\n    if (!response.ok) throw new Error('HTTP ' + response.status);\n    out.emit('done', response);\n  }).catch((err: Error) => { out.emit('error', err); });\n}` },
      // what it throws, it catches itself
      { code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => {\n    try {\n      if (!response.ok) throw new Error('HTTP ' + response.status);\n    } catch (err) {\n      out.emit('error', err);\n    }\n  }, (err: Error) => { out.emit('error', err); });\n}` },
      // the promise it returns is handled
      { code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => response.json().catch(() => null), (err: Error) => { out.emit('error', err); });\n}` },
      // the chain is returned: the caller handles it
      { code: `export function load(url: string) {\n  return fetch(url).then((response) => {\n    if (!response.ok) throw new Error('HTTP');\n    return response;\n  }, () => null);\n}` },
    ],
    invalid: [
      {
        code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => {\n    if (!response.ok) throw new Error('HTTP ' + response.status);\n    out.emit('done', response);\n  }, (err: Error) => { out.emit('error', err); });\n}`,
        errors: [{ messageId: 'floatingFulfilledHandler', line: 2, column: 3, endLine: 2, endColumn: 18, suggestions: [] }],
      },
      // a receiver nobody knows (\`any\` with types), given two callbacks
      {
        code: `declare const fetcher: any;\nexport function tarball(spec: string, out: { emit(event: string, value: unknown): void }) {\n  fetcher.manifest(spec).then(function (manifest: unknown) {\n    if (!manifest) throw new Error('no manifest');\n    out.emit('manifest', manifest);\n  }, function (err: Error) {\n    out.emit('error', err);\n  });\n}`,
        errors: [{ messageId: 'floatingFulfilledHandler', line: 3, column: 3, endLine: 3, endColumn: 30, suggestions: [] }],
      },
    ],
  },
  // \`response.json()\` is a promise by its type: without types, \`response\` is not known
  typedOnly: {
    invalid: [
      {
        code: `export function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => response.json(), (err: Error) => { out.emit('error', err); });\n}`,
        errors: [{ messageId: 'floatingFulfilledHandler', line: 2, column: 3, endLine: 2, endColumn: 95, suggestions: [] }],
      },
      {
        code: `export async function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  fetch(url).then((response) => {\n    return response.json();\n  }, (err: Error) => { out.emit('error', err); });\n}`,
        errors: [{
          messageId: 'floatingFulfilledHandler', line: 2, column: 3, endLine: 2, endColumn: 18,
          suggestions: [{ messageId: 'suggestAwait', output: `export async function load(url: string, out: { emit(event: string, value: unknown): void }) {\n  await fetch(url).then((response) => {\n    return response.json();\n  }, (err: Error) => { out.emit('error', err); });\n}` }],
        }],
      },
    ],
  },
});

// medusa 1.3.6 awaited `this.retrieve(…)`, whose promise its ES5 output read as the key (`key.locked_at`).
runInBothModes('no-floating-promises (an async method read as its result, compiled for ES5)', rule, {
  both: {
    valid: [
      { code: `function Keys() {}\nKeys.prototype.retrieve = function (id) {\n  return __awaiter(this, void 0, void 0, function () {\n    return __generator(this, function (_a) { return [2, id]; });\n  });\n};\nKeys.prototype.lock = function (id) {\n  return __awaiter(this, void 0, void 0, function () {\n    var key;\n    return __generator(this, function (_a) {\n      switch (_a.label) {\n        case 0: return [4, this.retrieve(id)];\n        case 1:\n          key = _a.sent();\n          return [2, key.locked_at];\n      }\n    });\n  });\n};\nmodule.exports = Keys;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `function Keys() {}\nKeys.prototype.retrieve = function (id) {\n  return __awaiter(this, void 0, void 0, function () {\n    return __generator(this, function (_a) { return [2, id]; });\n  });\n};\nKeys.prototype.lock = function (id) {\n  var _this = this;\n  return this.atomic(function (manager) {\n    return __awaiter(_this, void 0, void 0, function () {\n      var key;\n      return __generator(this, function (_a) {\n        key = this.retrieve(id);\n        if (key.locked_at) throw new Error('locked');\n        return [2, manager.save(__assign(__assign({}, key), { locked_at: Date.now() }))];\n      });\n    });\n  });\n};\nmodule.exports = Keys;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'inspectedPromise', data: { name: 'key', use: 'key.locked_at' }, line: 13, column: 9, endLine: 13, endColumn: 12 }],
      },
    ],
  },
});

// @commercetools/sdk-client-v2 2.1.5 caught the `res.text().then(…)` of its HTTP middleware.
runInBothModes('no-floating-promises (a body read chained without a handler)', rule, {
  both: {
    valid: [
      { code: `function parse(res, next) {\n  res.text().then((text) => next(text)).catch((error) => next(error));\n}\nmodule.exports = parse;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // Express's \`res.json(body)\` sends a body: it takes an argument
      { code: `function send(res, body) {\n  res.json(body);\n}\nmodule.exports = send;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a function that returns a chain ending in a handled catch and synchronous steps cannot reject
      { code: `function ring(play, emit) {\n  return Promise.race([play()]).catch((reason) => console.info(reason)).then(() => emit('incoming'));\n}\nfunction incoming(play, emit) {\n  ring(play, emit);\n}\nmodule.exports = incoming;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `function parse(res, next) {\n  res.text().then((text) => next(JSON.parse(text)));\n}\nmodule.exports = parse;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 2, column: 3, endLine: 2, endColumn: 53,
          suggestions: [{ messageId: 'suggestVoid', output: `function parse(res, next) {\n  void res.text().then((text) => next(JSON.parse(text)));\n}\nmodule.exports = parse;` }],
        }],
      },
      {
        code: `function load(response, resolve) {\n  response.json().then(function (json) { resolve(json); });\n}\nmodule.exports = load;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 2, column: 3, endLine: 2, endColumn: 60,
          suggestions: [{ messageId: 'suggestVoid', output: `function load(response, resolve) {\n  void response.json().then(function (json) { resolve(json); });\n}\nmodule.exports = load;` }],
        }],
      },
    ],
  },
});

// @trezor/transport 1.1.21 awaited each chunk's `api.write(path, chunk).then((result) => { if (!result.success) throw … })`:
// a fulfilled handler that throws makes the chain reject, whatever the value before it is.
runInBothModes('no-floating-promises (a chain whose fulfilled handler throws)', rule, {
  both: {
    valid: [
      // awaited
      { code: `async function send(api, path, chunks) {\n  for (const chunk of chunks) {\n    await api.write(path, chunk).then((result) => {\n      if (!result.success) throw new Error(result.error);\n    });\n  }\n}\nmodule.exports = send;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // caught after the throwing handler
      { code: `function send(api, path, chunk, done) {\n  api.write(path, chunk).then((result) => {\n    if (!result.success) throw new Error(result.error);\n  }).catch(done);\n}\nmodule.exports = send;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the throw is caught inside the handler
      { code: `function send(api, path, chunk, log) {\n  api.write(path, chunk).then((result) => {\n    try {\n      if (!result.success) throw new Error(result.error);\n    } catch (error) {\n      log(error);\n    }\n  });\n}\nmodule.exports = send;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the throw is in a function the handler only defines
      { code: `function watch(api, emitter) {\n  api.ready().then(() => {\n    emitter.on('data', (data) => {\n      if (!data) throw new Error('empty');\n    });\n  });\n}\nmodule.exports = watch;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `function send(api, path, chunks) {\n  for (const chunk of chunks) {\n    api.write(path, chunk).then((result) => {\n      if (!result.success) throw new Error(result.error);\n    });\n  }\n}\nmodule.exports = send;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 3, column: 5, endLine: 3, endColumn: 32,
          suggestions: [{ messageId: 'suggestVoid', output: `function send(api, path, chunks) {\n  for (const chunk of chunks) {\n    void api.write(path, chunk).then((result) => {\n      if (!result.success) throw new Error(result.error);\n    });\n  }\n}\nmodule.exports = send;` }],
        }],
      },
      {
        // the throwing handler is an earlier link of the chain
        code: `async function load(api, id, cache) {\n  api.get(id).then(function (item) {\n    if (!item) { throw new Error('missing ' + id); }\n    return item;\n  }).then((item) => cache.set(id, item));\n}\nmodule.exports = load;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'floating', line: 2, column: 3, endLine: 5, endColumn: 10,
          suggestions: [
            { messageId: 'suggestAwait', output: `async function load(api, id, cache) {\n  await api.get(id).then(function (item) {\n    if (!item) { throw new Error('missing ' + id); }\n    return item;\n  }).then((item) => cache.set(id, item));\n}\nmodule.exports = load;` },
            { messageId: 'suggestVoid', output: `async function load(api, id, cache) {\n  void api.get(id).then(function (item) {\n    if (!item) { throw new Error('missing ' + id); }\n    return item;\n  }).then((item) => cache.set(id, item));\n}\nmodule.exports = load;` },
          ],
        }],
      },
    ],
  },
});

/** @trezor/connect 9.3.0's `DeviceCommands`, with `drain` as the body of its method that reads the transport out. */
const COMMANDS = (drain: string) => `class Commands {
  constructor(transport) {
    this.transport = transport;
  }
  async call(name, data) {
    this.callPromise = this.transport.call({ name, data });
    const response = await this.callPromise.promise;
    this.callPromise = undefined;
    return response;
  }
  async cancel() {
    await this.transport.send({ name: 'Cancel' }).promise;
  }
  async drain(session) {
${drain}
  }
}
module.exports = Commands;`;

// @trezor/connect 9.4.0 awaited `this.transport.receive(…).promise`: its transport's calls return handles
// (`{ promise, abort }`), and awaiting the handle itself resumes at once.
runInBothModes('no-floating-promises (a handle awaited where the file reads its promise)', rule, {
  both: {
    valid: [
      { code: COMMANDS('    await this.transport.receive({ session }).promise;'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a deferred hands its promise out: the factory's other calls are not handles
      { code: `const Q = require('q');\nasync function load(read) {\n  const deferred = Q.defer();\n  read((error, data) => (error ? deferred.reject(error) : deferred.resolve(data)));\n  await Q.delay(10);\n  return deferred.promise;\n}\nmodule.exports = load;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the receiver's calls are mostly awaited as they are: most of its methods return promises
      { code: `async function sync(api) {\n  const job = api.start();\n  await job.promise;\n  await api.flush();\n  await api.close();\n}\nmodule.exports = sync;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a store of deferreds, settled through the receiver itself: its \`get\` hands the promise out
      { code: `async function pick(ui, device) {\n  await ui.create('disconnect', device).promise;\n  const confirmation = ui.create('confirm', device);\n  await confirmation.promise;\n  const { payload } = await ui.get('device');\n  ui.resolve({ type: 'done' });\n  return payload;\n}\nmodule.exports = pick;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the class's own methods
      { code: `class Queue {\n  add() { return { promise: Promise.resolve() }; }\n  async run() { await this.add().promise; await this.drain(); }\n  async drain() {}\n}\nmodule.exports = Queue;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: COMMANDS('    await this.transport.receive({ session });'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'awaitedHandle', line: 15, column: 11, endLine: 15, endColumn: 46,
          data: { call: 'this.transport.receive({ session })', receiver: 'this.transport', read: '.promise' },
          suggestions: [{ messageId: 'suggestAwaitHandle', data: { call: 'this.transport.receive({ session })', receiver: 'this.transport', read: '.promise' }, output: COMMANDS('    await this.transport.receive({ session }).promise;') }],
        }],
      },
      {
        // AWS SDK v2: a request object, whose promise \`.promise()\` starts it
        code: `async function copy(s3, bucket, key, body) {\n  const head = await s3.headObject({ Bucket: bucket, Key: key }).promise();\n  const acl = await s3.getObjectAcl({ Bucket: bucket, Key: key }).promise();\n  await s3.putObject({ Bucket: bucket, Key: key, Body: body });\n  return { head, acl };\n}\nmodule.exports = copy;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'awaitedHandle', line: 4, column: 9, endLine: 4, endColumn: 63,
          data: { call: 's3.putObject({ Bucket: bucket, Key: key…', receiver: 's3', read: '.promise()' },
          suggestions: [{
            messageId: 'suggestAwaitHandle',
            data: { call: 's3.putObject({ Bucket: bucket, Key: key…', receiver: 's3', read: '.promise()' },
            output: `async function copy(s3, bucket, key, body) {\n  const head = await s3.headObject({ Bucket: bucket, Key: key }).promise();\n  const acl = await s3.getObjectAcl({ Bucket: bucket, Key: key }).promise();\n  await s3.putObject({ Bucket: bucket, Key: key, Body: body }).promise();\n  return { head, acl };\n}\nmodule.exports = copy;`,
          }],
        }],
      },
    ],
  },
});

// liquidjs 9.0.1 put the choice of its `unless` tag in parentheses so the `await` takes the render it chooses.
runInBothModes('no-floating-promises (an await that takes only the condition of a choice)', rule, {
  both: {
    valid: [
      // the choice is awaited
      `declare function isFalsy(value: unknown): boolean;\ndeclare function render(templates: string[]): Promise<void>;\nexport async function unless(cond: unknown, a: string[], b: string[]) {\n  await (isFalsy(cond) ? render(a) : render(b));\n}`,
      // the parentheses say the condition alone is awaited
      `declare function ready(): Promise<boolean>;\ndeclare function start(): void;\ndeclare function stop(): void;\nexport async function toggle() {\n  (await ready()) ? start() : stop();\n}`,
      // a branch that is not a call
      `declare function exists(path: string): Promise<boolean>;\ndeclare function read(path: string): string;\nexport async function load(path: string, cache: Map<string, string>) {\n  await exists(path) ? read(path) : cache;\n}`,
    ],
    invalid: [
      {
        code: `declare function isFalsy(value: unknown): boolean;\nexport const Unless = {\n  render: async function (this: { templates: string[]; elseTemplates: string[] }, cond: unknown, r: { renderTemplates(templates: string[]): unknown }) {\n    await isFalsy(cond)\n      ? r.renderTemplates(this.templates)\n      : r.renderTemplates(this.elseTemplates);\n  },\n};`,
        errors: [
          {
            messageId: 'floatingAwaitedCondition',
            line: 4,
            column: 5,
            endLine: 6,
            endColumn: 46,
            suggestions: [
              {
                messageId: 'suggestAwaitChoice',
                output: `declare function isFalsy(value: unknown): boolean;\nexport const Unless = {\n  render: async function (this: { templates: string[]; elseTemplates: string[] }, cond: unknown, r: { renderTemplates(templates: string[]): unknown }) {\n    await ((await isFalsy(cond)) ? r.renderTemplates(this.templates)\n      : r.renderTemplates(this.elseTemplates));\n  },\n};`,
              },
            ],
          },
        ],
      },
    ],
  },
});

runInBothModes('no-floating-promises (an array of promises inside a Promise.all list)', rule, {
  both: {
    valid: [
      // spread into the list
      `declare function rmRemote(name: string): Promise<void>;\nexport async function destroy(a: { name: string }[], b: { name: string }[]) {\n  await Promise.all([...a.map(({ name }) => rmRemote(name)), ...b.map(({ name }) => rmRemote(name))]);\n}`,
      // a map whose callback makes no promise
      `export async function sizes(a: string[], load: () => Promise<void>) {\n  await Promise.all([a.map((name) => name.length), load()]);\n}`,
    ],
    invalid: [
      {
        code: `declare function rmRemote(name: string): Promise<void>;\nexport async function destroy(remotes: Map<string, { name: string }[]>, url: string, sshUrl: string) {\n  await Promise.all([\n    remotes.get(url)?.map(({ name }) => rmRemote(name)),\n    remotes.get(sshUrl)?.map(async ({ name }) => rmRemote(name)),\n  ]);\n}`,
        errors: [
          {
            messageId: 'nestedPromiseArray',
            line: 4,
            column: 5,
            endLine: 4,
            endColumn: 56,
            suggestions: [
              {
                messageId: 'suggestSpread',
                output: `declare function rmRemote(name: string): Promise<void>;\nexport async function destroy(remotes: Map<string, { name: string }[]>, url: string, sshUrl: string) {\n  await Promise.all([\n    ...(remotes.get(url)?.map(({ name }) => rmRemote(name)) ?? []),\n    remotes.get(sshUrl)?.map(async ({ name }) => rmRemote(name)),\n  ]);\n}`,
              },
            ],
          },
          {
            messageId: 'nestedPromiseArray',
            line: 5,
            column: 5,
            endLine: 5,
            endColumn: 65,
            suggestions: [
              {
                messageId: 'suggestSpread',
                output: `declare function rmRemote(name: string): Promise<void>;\nexport async function destroy(remotes: Map<string, { name: string }[]>, url: string, sshUrl: string) {\n  await Promise.all([\n    remotes.get(url)?.map(({ name }) => rmRemote(name)),\n    ...(remotes.get(sshUrl)?.map(async ({ name }) => rmRemote(name)) ?? []),\n  ]);\n}`,
              },
            ],
          },
        ],
      },
      {
        code: `declare function open(name: string): Promise<void>;\nexport async function connect(channels: string[]) {\n  await Promise.allSettled([channels.map(async (name) => open(name))]);\n}`,
        errors: [
          {
            messageId: 'nestedPromiseArray',
            line: 3,
            column: 29,
            endLine: 3,
            endColumn: 69,
            suggestions: [{ messageId: 'suggestSpread', output: `declare function open(name: string): Promise<void>;\nexport async function connect(channels: string[]) {\n  await Promise.allSettled([...channels.map(async (name) => open(name))]);\n}` }],
          },
        ],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a promise returned from an error-first callback)', rule, {
  both: {
    valid: [
      // the chain hands its failure on
      `declare function refreshAuth(type: string): Promise<string>;\ndeclare function request(options: object, cb: (err: Error | null, res: { statusCode: number }) => unknown): void;\nexport function get(options: object, cb: (err: Error | null, value?: number) => void) {\n  request(options, (err, res) => {\n    if (err) return cb(err);\n    if (res.statusCode === 401) return refreshAuth('token').then(() => cb(null, 1)).catch((error) => cb(error));\n    return cb(null, res.statusCode);\n  });\n}`,
      // a promise's own rejection handler: what it returns is the chain's
      `declare function retry(): Promise<void>;\nexport function run(p: Promise<void>) {\n  return p.then(undefined, (err: Error) => {\n    return retry();\n  });\n}`,
      // not error-first
      `declare function load(name: string): Promise<void>;\ndeclare function each(names: string[], cb: (name: string) => unknown): void;\nexport function run(names: string[]) {\n  each(names, (name) => {\n    return load(name);\n  });\n}`,
    ],
    invalid: [
      {
        code: `declare function refreshAuth(type: string): Promise<string>;\ndeclare function request(options: object, cb: (err: Error | null, res: { statusCode: number }, body: unknown) => unknown): void;\nexport function get(options: object, cb: (err: Error | null, value?: unknown) => void) {\n  return request(options, (err, res, body) => {\n    if (err) return cb(err);\n    if (res.statusCode === 401) {\n      return refreshAuth('token')\n        .then((auth) => cb(null, auth));\n    }\n    return cb(null, body);\n  });\n}`,
        errors: [{ messageId: 'returnedToCallback', data: { callback: '(err, res, body) => …' }, line: 7, column: 14, endLine: 8, endColumn: 14 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a promise awaited only after other work)', rule, {
  both: {
    valid: [
      // both awaited together
      `declare function getUser(id: string): Promise<string>;\ndeclare function getOrders(id: string): Promise<string[]>;\nexport async function page(id: string) {\n  const user = getUser(id);\n  const [orders, name] = await Promise.all([getOrders(id), user]);\n  return { orders, name };\n}`,
      // handled at once, awaited later
      `declare function consume(): Promise<void>;\ndeclare const events: AsyncIterable<string>;\nexport async function* relay() {\n  const consuming = consume();\n  consuming.catch(() => {});\n  try {\n    for await (const event of events) yield event;\n  } finally {\n    await consuming;\n  }\n}`,
      // awaited before anything else is waited for
      `declare function getUser(id: string): Promise<string>;\ndeclare function getOrders(id: string): Promise<string[]>;\nexport async function page(id: string) {\n  const user = getUser(id);\n  const name = await user;\n  return { name, orders: await getOrders(id) };\n}`,
      // nothing shows it can reject: a function of another file, a combination of loaders that catch their own errors
      `declare function getUser(id: string): Promise<string>;\ndeclare function getOrders(id: string): Promise<string[]>;\nexport async function page(id: string) {\n  const user = getUser(id);\n  const orders = await getOrders(id);\n  return { orders, name: await user };\n}`,
      `async function load(name: string): Promise<string | Error> {\n  try {\n    return await (await fetch(name)).text();\n  } catch (error) {\n    return error as Error;\n  }\n}\ndeclare function getModule(): Promise<void>;\nexport async function page(names: string[]) {\n  const styles = Promise.all(names.map(load));\n  await getModule();\n  return await styles;\n}`,
      // handed on to a call that decides what happens to it
      `declare function getUser(id: string): Promise<string>;\ndeclare function getOrders(id: string): Promise<string[]>;\ndeclare function track(p: Promise<unknown>): void;\nexport async function page(id: string) {\n  const user = getUser(id);\n  await getOrders(id);\n  track(user);\n}`,
    ],
    invalid: [
      {
        code: `async function getUser(id: string): Promise<string> {\n  const response = await fetch('/users/' + id);\n  return response.text();\n}\ndeclare function getOrders(id: string): Promise<string[]>;\nexport async function page(id: string) {\n  const user = getUser(id);\n  const orders = await getOrders(id);\n  return { orders, name: await user };\n}`,
        errors: [{ messageId: 'awaitedAfterOtherWork', data: { name: 'user', other: 'await getOrders(id)' }, line: 7, column: 9, endLine: 7, endColumn: 13 }],
      },
      {
        code: `declare function getOrders(id: string): Promise<string[]>;\nexport async function page(id: string) {\n  const profile = Promise.all([fetch('/users/' + id), fetch('/avatars/' + id)]);\n  const orders = await getOrders(id);\n  return { orders, profile: await profile };\n}`,
        errors: [{ messageId: 'awaitedAfterOtherWork', data: { name: 'profile', other: 'await getOrders(id)' }, line: 3, column: 9, endLine: 3, endColumn: 16 }],
      },
      {
        code: `declare const streamer: AsyncIterable<{ id: string }> & { finish(): Promise<void> };\nexport class Runnable {\n  async *streamEvents() {\n    const consumeRunnableStream = async () => {\n      await streamer.finish();\n    };\n    const runnableStreamConsumePromise = consumeRunnableStream();\n    try {\n      for await (const event of streamer) {\n        yield event;\n      }\n    } finally {\n      await runnableStreamConsumePromise;\n    }\n  }\n}`,
        errors: [{ messageId: 'awaitedAfterOtherWork', data: { name: 'runnableStreamConsumePromise', other: 'for await (const event of streamer) {' }, line: 7, column: 11, endLine: 7, endColumn: 39 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a promise kept in a closure variable only tested for presence)', rule, {
  both: {
    valid: [
      // the closure hands the kept promise on
      `export function authExchange(init: () => Promise<void>) {\n  let initializing: Promise<void> | undefined;\n  return () => {\n    if (!initializing) initializing = Promise.resolve().then(init);\n    return initializing;\n  };\n}`,
      // handled where it starts
      `export function authExchange(init: () => Promise<void>, fail: (error: unknown) => void) {\n  let initializing: Promise<void> | undefined;\n  return () => {\n    if (!initializing) initializing = Promise.resolve().then(init).catch(fail);\n  };\n}`,
      // a local of the function that assigns it: the dangling-task check's
      `export function kick() {\n  let pending: Promise<Response> | undefined;\n  if (!pending) pending = fetch('/kick');\n  return pending !== undefined;\n}`,
    ],
    invalid: [
      {
        code: `export function authExchange(init: () => Promise<{ token: string } | undefined>, flush: () => void) {\n  let initializing: Promise<void> | undefined;\n  let state: { token: string } | undefined;\n  return (operation: { key: number }) => {\n    if (!state && !initializing) {\n      initializing = Promise.resolve().then(init).then((value) => {\n        state = value;\n        initializing = undefined;\n        flush();\n      });\n    }\n    return operation;\n  };\n}`,
        errors: [{ messageId: 'danglingStored', data: { name: 'initializing' }, line: 6, column: 7, endLine: 6, endColumn: 19 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a child process started and forgotten in an async function)', rule, {
  both: {
    valid: [
      // awaited through a promise-returning helper (@shopify/cli-kit 3.3.3)
      `import { execFile } from 'node:child_process';\nimport { promisify } from 'node:util';\nconst run = promisify(execFile);\nexport async function execCLI(args: string[]): Promise<void> {\n  await run('bundle', ['exec', 'shopify', ...args]);\n}`,
      // a detached child is meant to outlive the call
      `import { spawn } from 'node:child_process';\nexport async function openBrowser(url: string): Promise<void> {\n  spawn('xdg-open', [url], { detached: true, stdio: 'ignore' });\n}`,
      // exec with a callback hears the end
      `import { exec } from 'child_process';\nexport async function notify(message: string, done: (error: Error | null) => void): Promise<void> {\n  exec(\`notify-send \${message}\`, done);\n}`,
      // not an async function
      `import { spawn } from 'child_process';\nexport function start(args: string[]): void {\n  spawn('server', args, { stdio: 'inherit' });\n}`,
      // the child is kept
      `import { spawn } from 'child_process';\nexport async function start(args: string[]) {\n  const child = spawn('server', args);\n  return child;\n}`,
    ],
    invalid: [
      {
        name: "the Ruby CLI spawned and forgotten, the command's promise resolved at once (@shopify/cli-kit 3.3.2)",
        code: `import { spawn } from 'child_process';\nexport async function execCLI2(args: string[], env: NodeJS.ProcessEnv): Promise<void> {\n  spawn('bundle', ['exec', 'shopify'].concat(args), {\n    stdio: 'inherit',\n    shell: true,\n    env,\n  });\n}`,
        errors: [{ messageId: 'forgottenChildProcess', data: { method: 'spawn' }, line: 3, column: 3, endLine: 3, endColumn: 8 }],
      },
      {
        name: 'through the module object, with exec',
        code: `const childProcess = require('child_process');\nexport async function build(): Promise<void> {\n  childProcess.exec('npm run build');\n}`,
        errors: [{ messageId: 'forgottenChildProcess', data: { method: 'exec' }, line: 3, column: 3, endLine: 3, endColumn: 37 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a promise written out as data)', rule, {
  both: {
    valid: [
      // awaited first (zone-mta 2.4.3)
      { code: `const promClient = require('prom-client');\nexport async function metrics(res: { end(body: string): void }) {\n  res.end(await promClient.register.metrics());\n}`, filename: PACKAGE_APP },
      // prom-client 12's metrics() returns the text itself
      { code: `const promClient = require('prom-client');\nexport function metrics(res: { end(body: string): void }) {\n  res.end(promClient.register.metrics());\n}`, filename: LEGACY_APP },
      // a tagged template may await what it is given
      `async function load(): Promise<string> { return 'x'; }\ndeclare function sql(parts: TemplateStringsArray, ...values: unknown[]): Promise<unknown>;\nexport function query() {\n  return sql\`select \${load()}\`;\n}`,
      // the value of an async function awaited into the template
      `async function load(): Promise<string> { return 'x'; }\nexport async function render(): Promise<string> {\n  return \`<p>\${await load()}</p>\`;\n}`,
      // not a response: a writer of its own
      `async function load(): Promise<string> { return 'x'; }\nexport function log(queue: { send(value: unknown): void }) {\n  queue.send(load());\n}`,
    ],
    invalid: [
      {
        name: "prom-client 13's metrics() served as it is (zone-mta 2.4.2)",
        code: `const promClient = require('prom-client');\nexport function metrics(res: { end(body: unknown): void }, next: () => void) {\n  res.end(promClient.register.metrics());\n  next();\n}`,
        filename: PACKAGE_APP,
        errors: [{ messageId: 'promiseWrittenAsData', data: { sink: 'res.end(…)', promise: 'promClient.register.metrics()' }, line: 3, column: 11, endLine: 3, endColumn: 40 }],
      },
      {
        name: 'an async function put in a template literal',
        code: `async function userName(id: string): Promise<string> { return id; }\nexport function greet(id: string): string {\n  return \`Hello, \${userName(id)}\`;\n}`,
        errors: [{ messageId: 'promiseWrittenAsData', data: { sink: 'a template literal', promise: 'userName(id)' }, line: 3, column: 20, endLine: 3, endColumn: 32 }],
      },
      {
        name: 'an async function written into a file',
        code: `import { writeFileSync } from 'node:fs';\nasync function render(): Promise<string> { return ''; }\nexport function save(path: string): void {\n  writeFileSync(path, render());\n}`,
        errors: [{ messageId: 'promiseWrittenAsData', data: { sink: 'writeFileSync(…)', promise: 'render()' }, line: 4, column: 23, endLine: 4, endColumn: 31 }],
      },
    ],
  },
});

runInBothModes("no-floating-promises (a caller's callback called from inside the chain)", rule, {
  both: {
    valid: [
      // both handlers in one then, the callback run outside the chain (detect-port 1.0.7)
      `export function detect(promise: Promise<number>, cb: (error: Error | null, port?: number) => void): void {\n  promise.then((data) => {\n    process.nextTick(cb, null, data);\n  }, (err: Error) => {\n    process.nextTick(cb, err);\n  });\n}`,
      // a promise's own resolve and reject cannot throw
      `export function wrap(promise: Promise<number>): Promise<number> {\n  return new Promise((resolve, reject) => {\n    promise.then((data) => resolve(data)).catch((err) => reject(err));\n  });\n}`,
      // the success handler does not call it Node-style
      `export function run(promise: Promise<void>, done: (error?: Error) => void): void {\n  promise.then(() => console.log('ok')).catch((err: Error) => done(err));\n}`,
    ],
    invalid: [
      {
        name: 'the callback bridged inside then/catch (detect-port 1.0.6)',
        code: `export function detect(this: unknown, promise: Promise<number>, cb: (error: Error | null, port?: number) => void): void {\n  promise.then((data) => {\n    cb.call(this, null, data);\n  }).catch((err: Error) => {\n    cb.call(this, err);\n  });\n}`,
        errors: [{ messageId: 'floatingCallbackInChain', line: 2, column: 3, endLine: 4, endColumn: 11 }],
      },
      {
        name: 'arrow bodies, a callback held in a const',
        code: `export function nodeify(promise: Promise<string>, args: unknown[]): void {\n  const callback = args[1] as (error: unknown, value?: string) => void;\n  promise.then((value) => callback(null, value)).catch((error) => callback(error));\n}`,
        errors: [{ messageId: 'floatingCallbackInChain', line: 3, column: 3, endLine: 3, endColumn: 84 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a [Symbol.asyncDispose]() call dropped)', rule, {
  both: {
    valid: [
      `export async function close(database: AsyncDisposable): Promise<void> {\n  await database[Symbol.asyncDispose]();\n}`,
      // the sync protocol's method returns nothing
      `export function close(database: Disposable): void {\n  database[Symbol.dispose]();\n}`,
    ],
    invalid: [
      {
        name: 'the async dispose called and dropped',
        code: `export function close(database: any): void {\n  database[Symbol.asyncDispose]();\n}`,
        errors: [{ messageId: 'floating', line: 2, column: 3, endLine: 2, endColumn: 35, suggestions: [{ messageId: 'suggestVoid', output: `export function close(database: any): void {\n  void database[Symbol.asyncDispose]();\n}` }] }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a .finally branch of a promise kept elsewhere, detached with void)', rule, {
  both: {
    valid: [
      // the branch is made from a chain that handles the rejection first (@graphql-hive/core 0.22)
      `async function captureAsync(event: Promise<unknown>): Promise<void> { await event; }\nexport function capture(event: Promise<unknown>, inProgress: Promise<void>[]): void {\n  const promise = captureAsync(event);\n  inProgress.push(promise);\n  void promise.catch(() => undefined).finally(() => inProgress.splice(inProgress.indexOf(promise), 1));\n}`,
      // used only here: the same deliberate detach as \`void promise\`
      `async function captureAsync(event: Promise<unknown>): Promise<void> { await event; }\nexport function capture(event: Promise<unknown>, done: () => void): void {\n  const promise = captureAsync(event);\n  void promise.finally(done);\n}`,
      // a promise that cannot reject
      `export function capture(events: Promise<unknown>[], inProgress: Promise<unknown>[]): void {\n  const promise = Promise.allSettled(events);\n  inProgress.push(promise);\n  void promise.finally(() => inProgress.pop());\n}`,
    ],
    invalid: [
      {
        name: '@graphql-hive/core 0.21.1: the promise is awaited by dispose(), its finally branch by nobody',
        code: `async function captureAsync(event: Promise<unknown>): Promise<void> { await event; }\nexport function capture(event: Promise<unknown>, inProgress: Promise<void>[]): void {\n  const promise = captureAsync(event);\n  inProgress.push(promise);\n  void promise.finally(() => {\n    inProgress.splice(inProgress.indexOf(promise), 1);\n  });\n}`,
        errors: [{ messageId: 'floatingFinallyBranch', data: { name: 'promise', line: '4', detail: ' (`void` handles nothing)' }, line: 5, column: 3, endLine: 5, endColumn: 23, suggestions: [] }],
      },
    ],
  },
});

/** @axiomhq/js 1.6.0's batch: flushes started by the synchronous ingest(), each awaited only by the next flush. */
const AXIOM_BATCH = (ingestBody: string) => `export class Batch {
  events: object[] = [];
  activeFlush: Promise<void> | undefined;
  nextFlush: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly send: (events: object[]) => Promise<void>) {}
  ingest = (event: object) => {
    this.events.push(event);
${ingestBody}
  };
  flush = async (): Promise<void> => {
    const events = this.events.splice(0, this.events.length);
    await this.activeFlush;
    await this.send(events);
  };
}`;

runInBothModes('no-floating-promises (a promise a synchronous method stores, first awaited by a later call)', rule, {
  both: {
    valid: [
      // handled where it starts (@axiomhq/js 1.6.1)
      AXIOM_BATCH('    this.activeFlush = this.flush().catch(() => undefined);'),
      // an async method may await what it stores
      `export class Batch {
  activeFlush: Promise<void> | undefined;
  async ingest() {
    this.activeFlush = this.flush();
    await this.activeFlush;
  }
  async flush(): Promise<void> {
    await this.activeFlush;
    await fetch('/ingest');
  }
}`,
    ],
    invalid: [
      {
        name: '@axiomhq/js 1.6.0: stored by ingest() and by its timer, awaited only by the next flush',
        code: AXIOM_BATCH('    clearTimeout(this.nextFlush);\n    this.nextFlush = setTimeout(() => {\n      this.activeFlush = this.flush();\n    }, 1000);'),
        errors: [{ messageId: 'awaitedOnlyByLaterCall', data: { name: 'this.activeFlush', method: 'ingest' }, line: 10, column: 7, endLine: 10, endColumn: 23 }],
      },
    ],
  },
});

runInBothModes('no-floating-promises (a .finally branch of a promise kept in a field or a map)', rule, {
  both: {
    valid: [
      // the branch ends in a handler (angular-translate 2.14)
      `declare function loadAsync(key: string): Promise<string>;\nconst langPromises: Record<string, Promise<string>> = {};\nexport function use(key: string): void {\n  langPromises[key] = loadAsync(key).then((table) => table);\n  langPromises[key]['finally'](() => {\n    delete langPromises[key];\n  }).catch(() => undefined);\n}`,
    ],
    invalid: [
      {
        name: 'angular-translate 2.13.1: the language load kept in langPromises, its finally branch dropped',
        code: `declare function loadAsync(key: string): Promise<string>;\nconst langPromises: Record<string, Promise<string>> = {};\nexport function use(key: string): void {\n  langPromises[key] = loadAsync(key).then((table) => table);\n  langPromises[key]['finally'](() => {\n    delete langPromises[key];\n  });\n}`,
        errors: [{ messageId: 'floatingFinallyBranch', data: { name: 'langPromises[key]', line: '4', detail: '' }, line: 5, column: 3, endLine: 5, endColumn: 31, suggestions: [] }],
      },
    ],
  },
  syntacticOnly: {
    // what is kept cannot reject (with types, a promise left unhandled all the same)
    valid: [`const settled: Record<string, Promise<unknown>> = {};\nexport function use(key: string, work: Promise<unknown>[]): void {\n  settled[key] = Promise.allSettled(work);\n  settled[key].finally(() => {\n    delete settled[key];\n  });\n}`],
    invalid: [],
  },
});

/** wdio-html-nice-reporter 8.0.0's htmlOutput(): the JSON report written in a detached async function. */
const DETACHED_WRITE = (body: string, parameters = 'report: object, file: string, callback: (ok: boolean) => void') => `declare function stringify(value: object): Promise<string>;
declare function writeFile(file: string, text: string): void;
export function output(${parameters}): void {
${body}
}`;

runInBothModes('no-floating-promises (async work detached before the callback says the function is done)', rule, {
  both: {
    valid: [
      // the callback is called when the work has settled
      DETACHED_WRITE(`  (async () => {
    await stringify(report).then((text) => writeFile(file, text));
  })().then(() => callback(true), () => callback(false));`),
      // nothing tells the caller the function is done
      DETACHED_WRITE(`  (async () => {
    await stringify(report).then((text) => writeFile(file, text)).catch((error: unknown) => console.error(error));
  })();`, 'report: object, file: string'),
      // the callback comes first
      DETACHED_WRITE(`  callback(true);
  (async () => {
    await stringify(report).then((text) => writeFile(file, text)).catch((error: unknown) => console.error(error));
  })();`),
      // nothing awaited: the work is done when the function returns
      DETACHED_WRITE(`  (async () => {
    writeFile(file, JSON.stringify(report));
  })();
  callback(true);`),
    ],
    invalid: [
      {
        code: DETACHED_WRITE(`  try {
    (async () => {
      await stringify(report).then((text) => writeFile(file, text)).catch((error: unknown) => console.error(error));
    })();
  } catch (error) {
    console.error(error);
  }
  callback(true);`),
        errors: [{ messageId: 'floatingBeforeDone', data: { callback: 'callback', line: '11' }, line: 5, column: 5, endLine: 5, endColumn: 17 }],
      },
      {
        // compiled by TypeScript, and a callback with a default value
        code: `${TS_AWAITER_HELPER}
declare function stringify(value: object): Promise<string>;
declare function writeFile(file: string, text: string): void;
export function output(report: object, file: string, callback = (ok: boolean) => console.log(ok)): void {
  (() => __awaiter(this, void 0, void 0, function* () {
    yield stringify(report).then((text) => writeFile(file, text)).catch((error: unknown) => console.error(error));
  }))();
  callback(true);
}`,
        errors: [{ messageId: 'floatingBeforeDone', data: { callback: 'callback', line: String(TS_AWAITER_HELPER.split('\n').length + 7) }, line: TS_AWAITER_HELPER.split('\n').length + 4, column: 3, endLine: TS_AWAITER_HELPER.split('\n').length + 4, endColumn: 9 }],
      },
    ],
  },
});

/** @google-cloud/trace-agent 5.x's pg plugin (compiled JavaScript): a helper that chains on the query's promise, its result dropped. */
const PATCHED_QUERY = (call: string, patch = "        return (promise = promise.then((res) => {\n            span.endSpan();\n            return res;\n        }, (err) => {\n            span.endSpan();\n            throw err;\n        }));") => `'use strict';
class PostgresPatchUtility {
    patchPromise(promise, span) {
${patch}
    }
}
exports.wrapQuery = function (original, span) {
    const pgPatch = new PostgresPatchUtility();
    let pgQuery = original.apply(this, arguments);
    if (pgQuery && typeof pgQuery.then === 'function') {
${call}
    }
    return pgQuery;
};`;
const JS_FILE = path.join(FIXTURES_DIR, 'file.js');

runInBothModes('no-floating-promises (a chain made on the promise passed in, dropped)', rule, {
  both: {
    valid: [
      // the chain is kept in place of the promise passed in
      { code: PATCHED_QUERY('        pgQuery = pgPatch.patchPromise(pgQuery, span);'), filename: JS_FILE },
      // a handler that does not throw: the chain cannot reject
      { code: PATCHED_QUERY('        pgPatch.patchPromise(pgQuery, span);', '        return promise.then(() => span.endSpan(), () => span.endSpan());'), filename: JS_FILE },
      // the helper returns something else on one path
      { code: PATCHED_QUERY('        pgPatch.patchPromise(pgQuery, span);', "        if (!span) return null;\n        return promise.then(() => span.endSpan());"), filename: JS_FILE },
      // a handler this file does not define may well not throw
      { code: PATCHED_QUERY('        pgPatch.patchPromise(pgQuery, span);', '        return promise.then(onDone, span.onError);'), filename: JS_FILE },
    ],
    invalid: [
      {
        code: PATCHED_QUERY('        pgPatch.patchPromise(pgQuery, span);'),
        filename: JS_FILE,
        errors: [{ messageId: 'floatingDerivedPromise', data: { name: 'patchPromise' }, line: 17, column: 9, endLine: 17, endColumn: 45 }],
      },
      {
        // a plain function whose chain has no rejection handler
        code: `'use strict';\nfunction track(promise, log) {\n  return promise.then((value) => {\n    log(value);\n    return value;\n  });\n}\nexports.send = function (request, log) {\n  const sent = request();\n  track(sent, log);\n  return sent;\n};`,
        filename: JS_FILE,
        errors: [{ messageId: 'floatingDerivedPromise', data: { name: 'track' }, line: 10, column: 3, endLine: 10, endColumn: 20 }],
      },
    ],
  },
});

/** listr2 3.8.4's checkAll(): the map callback's braces drop the check's promise. */
const CHECK_ALL = (callback: string) => `export class Listr {
  constructor(private readonly tasks: any[]) {}
  checkAll(context: object): Promise<unknown[]> {
    return Promise.all(this.tasks.map(${callback}));
  }
}`;

runInBothModes('no-floating-promises (work called in a map callback a combinator waits for, not returned)', rule, {
  both: {
    valid: [
      CHECK_ALL('(task) => task.check(context)'),
      CHECK_ALL('(task) => {\n      return task.check(context);\n    }'),
      // an async callback returns its promise
      CHECK_ALL('async (task) => {\n      await task.check(context);\n    }'),
      // bookkeeping, not work to wait for
      CHECK_ALL('(task) => {\n      task.results.push(context);\n    }'),
      CHECK_ALL('(task) => {\n      console.log(task);\n    }'),
      // the last statement is no call
      CHECK_ALL('(task) => {\n      task.checked = true;\n    }'),
    ],
    invalid: [
      {
        code: CHECK_ALL('(task) => {\n      task.check(context);\n    }'),
        errors: [{
          messageId: 'mapWorkNotReturned',
          data: { work: 'task.check(context)', combinator: 'all' },
          line: 5, column: 7, endLine: 5, endColumn: 27,
          suggestions: [{ messageId: 'suggestReturnWork', data: { work: 'task.check(context)', combinator: 'all' }, output: CHECK_ALL('(task) => {\n      return task.check(context);\n    }') }],
        }],
      },
      {
        // medusa 1.3.5's staged jobs: the queue's add dropped in a function callback
        code: `declare const queue: any;\nexport async function stageJobs(jobs: { name: string }[]): Promise<void> {\n  await Promise.allSettled(jobs.map(function (job) {\n    const data = { name: job.name };\n    queue.add(data);\n  }));\n}`,
        errors: [{
          messageId: 'mapWorkNotReturned',
          data: { work: 'queue.add(data)', combinator: 'allSettled' },
          line: 5, column: 5, endLine: 5, endColumn: 21,
          suggestions: [{ messageId: 'suggestReturnWork', data: { work: 'queue.add(data)', combinator: 'allSettled' }, output: `declare const queue: any;\nexport async function stageJobs(jobs: { name: string }[]): Promise<void> {\n  await Promise.allSettled(jobs.map(function (job) {\n    const data = { name: job.name };\n    return queue.add(data);\n  }));\n}` }],
        }],
      },
    ],
  },
  typedOnly: {
    // the call's type says it is no promise
    valid: [`declare function mark(value: string): number;\nexport function markAll(values: string[]): Promise<unknown[]> {\n  return Promise.all(values.map((value) => {\n    mark(value);\n  }));\n}`],
  },
  syntacticOnly: {
    invalid: [{
      code: `declare function mark(value: string): number;\nexport function markAll(values: string[]): Promise<unknown[]> {\n  return Promise.all(values.map((value) => {\n    mark(value);\n  }));\n}`,
      errors: [{ messageId: 'mapWorkNotReturned', line: 4, column: 5, endLine: 4, endColumn: 17, suggestions: [{ messageId: 'suggestReturnWork', output: `declare function mark(value: string): number;\nexport function markAll(values: string[]): Promise<unknown[]> {\n  return Promise.all(values.map((value) => {\n    return mark(value);\n  }));\n}` }] }],
    }],
  },
});

/** tsc-watch 2.1.2's command-line script: the children's kill dropped in handlers after which the process exits. */
const EXIT_SCRIPT = (handlers: string) => `#!/usr/bin/env node
import nodeCleanup from 'node-cleanup';
const killers: (() => Promise<void>)[] = [];
function killProcesses(): Promise<void[]> {
  return Promise.all(killers.map((kill) => kill()));
}
${handlers}`;

runInBothModes('no-floating-promises (work dropped in a handler after which the process exits)', rule, {
  both: {
    valid: [
      // waited for, then the exit
      EXIT_SCRIPT("nodeCleanup(() => {\n  killProcesses().then(() => process.exit());\n  nodeCleanup.uninstall();\n  return false;\n});"),
      EXIT_SCRIPT("process.on('SIGINT', () => {\n  killProcesses().then(() => process.exit(0));\n});"),
      // a signal listener that does not exit: the process lives until the work ends
      EXIT_SCRIPT("process.on('SIGTERM', () => {\n  killProcesses();\n});"),
      // the listener of another emitter
      EXIT_SCRIPT("declare const child: { on(event: string, listener: () => void): void };\nchild.on('exit', () => {\n  killProcesses();\n});"),
    ],
    invalid: [
      {
        code: EXIT_SCRIPT('nodeCleanup(() => {\n  killProcesses();\n});'),
        errors: [{
          messageId: 'workCutByExit',
          data: { exit: '`node-cleanup` exits once its handlers return', remedy: 'Wait for it, then exit: return `false` from the handler and call `killProcesses().then(() => process.exit())`.' },
          line: 8, column: 3, endLine: 8, endColumn: 19,
        }],
      },
      {
        code: EXIT_SCRIPT("process.on('SIGINT', () => {\n  killProcesses();\n  process.exit(0);\n});"),
        errors: [{ messageId: 'workCutByExit', data: { exit: '`process.exit()` follows', remedy: 'Wait for it, then exit: `killProcesses().then(() => process.exit())`.' }, line: 8, column: 3, endLine: 8, endColumn: 19 }],
      },
      {
        code: EXIT_SCRIPT("process.once('exit', () => {\n  killProcesses();\n});"),
        errors: [{
          messageId: 'workCutByExit',
          data: { exit: "no async work runs after the 'exit' event", remedy: "Nothing asynchronous can finish in an 'exit' listener: do this work in a signal or `beforeExit` listener that exits when it is done, or synchronously." },
          line: 8, column: 3, endLine: 8, endColumn: 19,
        }],
      },
    ],
  },
});

/** lambda-local 1.4.6 / node-lambda 0.11.7: a local runner calling the user's Lambda handler. */
const LAMBDA_RUNNER = (call: string) => `const path = require('path');
exports.run = function run(file, name, event) {
  const lambdaFunc = require(path.resolve(file));
  const context = { done(error, result) { console.log(error, result); } };
  const callback = (error, result) => console.log(error, result);
  ${call}
};`;

runInBothModes('no-floating-promises (a Lambda handler run and its value dropped)', rule, {
  both: {
    valid: [
      // 1.4.7: the value is kept and chained when it is a thenable
      { code: LAMBDA_RUNNER("const result = lambdaFunc[name](event, context, callback);\n  if (result && typeof result.then === 'function') result.then((value) => callback(null, value), callback);"), filename: JS_FILE },
      // a handler of this file that is not async returns no promise
      { code: LAMBDA_RUNNER('function handler(event, context, callback) {\n    callback(null, event);\n  }\n  handler(event, context, callback);'), filename: JS_FILE },
      // not the handler's arguments
      { code: LAMBDA_RUNNER('lambdaFunc[name](event, callback);'), filename: JS_FILE },
      // wrapped in a promise of its own: the code takes the handler for a callback-style one (netlify-cli's templates)
      { code: LAMBDA_RUNNER('return new Promise((resolve, reject) => {\n    const cb = (error, value) => (error ? reject(error) : resolve(value));\n    lambdaFunc.handler(event, context, cb);\n  });'), filename: JS_FILE },
    ],
    invalid: [
      {
        code: LAMBDA_RUNNER('lambdaFunc[name](event, context, callback);'),
        filename: JS_FILE,
        errors: [{ messageId: 'floatingHandlerResult', data: { name: 'lambdaFunc[name]' }, line: 6, column: 3, endLine: 6, endColumn: 46, suggestions: [] }],
      },
      {
        code: LAMBDA_RUNNER('const handler = lambdaFunc.handler;\n  handler(event, context, context.done);'),
        filename: JS_FILE,
        errors: [{ messageId: 'floatingHandlerResult', data: { name: 'handler' }, line: 7, column: 3, endLine: 7, endColumn: 41, suggestions: [] }],
      },
    ],
  },
});

/** centrifuge 2.0.0's subscription: a deferred kept in a `_` field that the file never reads. */
const SUBSCRIPTION = (init: string, more = '') => `class Subscription {
  constructor() {
    this._promise = null;
    this._initializePromise();
  }
  _initializePromise() {
${init}
  }
  _fail(error) {
    this._reject(error);
  }${more}
}
module.exports = Subscription;`;
const DEFERRED = '    this._promise = new Promise((resolve, reject) => {\n      this._resolve = resolve;\n      this._reject = (error) => reject(error);\n    })';

runInBothModes("no-floating-promises (a deferred kept in a field nothing reads)", rule, {
  both: {
    valid: [
      // 2.1.2: the rejection is handled where the promise is made
      { code: SUBSCRIPTION(`${DEFERRED}.then(function () {}, function () {});`), filename: JS_FILE },
      // the class hands it out
      { code: SUBSCRIPTION(`${DEFERRED};`, '\n  ready() {\n    return this._promise;\n  }'), filename: JS_FILE },
      // a public field: the class's users may await it
      { code: SUBSCRIPTION(`${DEFERRED.replace('this._promise =', 'this.promise =')};`), filename: JS_FILE },
      // the executor keeps its reject: it settles there
      { code: SUBSCRIPTION("    this._promise = new Promise((resolve, reject) => {\n      this._stream.once('end', resolve);\n      this._stream.once('error', reject);\n    });"), filename: JS_FILE },
    ],
    invalid: [
      {
        code: SUBSCRIPTION(`${DEFERRED};`),
        filename: JS_FILE,
        errors: [{ messageId: 'danglingStored', data: { name: 'this._promise' }, line: 7, column: 5, endLine: 7, endColumn: 18 }],
      },
    ],
  },
});

/** amplify-provider-awscloudformation 4.28.2's downloadZip: the executor's resolve reached only from a callback inside the chain's handler. */
const DOWNLOAD_ZIP = (tail: string) => `const fs = require('fs');
function downloadZip(s3, tempDir, zipFileName) {
  return new Promise((resolve, reject) => {
    s3.getFile({ Key: zipFileName }).then((objectResult) => {
      fs.writeFile(tempDir, Buffer.from(objectResult), (err) => {
        if (err) {
          reject(err);
          return;
        }
        resolve(tempDir);
      });
    })${tail};
  });
}
module.exports = { downloadZip };`;

runInBothModes("no-floating-promises (a chain whose value answers a request, a subscriber or an outer promise, and whose failure reaches nobody)", rule, {
  both: {
    valid: [
      // 4.29.0: the failure goes to the outer promise's reject
      { code: DOWNLOAD_ZIP('.catch((e) => {\n      reject(e);\n    })'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a resolve kept in a function the handler stores, not one it passes on: left to inference
      { code: `function start(job) {\n  return new Promise((resolve, reject) => {\n    job.on('error', reject);\n    job.ready().then(() => {\n      job.finish = () => resolve(job);\n    });\n  });\n}\nmodule.exports = { start };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // graphql-ruby-client 1.7.9: the failure goes to the observer
      { code: `function createHandler(options) {\n  return function (operation, observer) {\n    options.fetchOperation(operation).then(function (response) {\n      observer.onNext(response.body);\n    }).catch(function (error) { return observer.onError(error); });\n  };\n}\nmodule.exports = { createHandler };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a \`res\` that is no request handler's response (no \`req\` before it)
      { code: `function show(res, store) {\n  store.load().then((value) => res.send(value));\n}\nmodule.exports = { show };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // an Express handler that hands the failure to next
      { code: `function list(req, res, next) {\n  req.db.find().then((docs) => res.json(docs), next);\n}\nmodule.exports = { list };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // \`node.send\` outside a Node-RED node's file
      { code: `function Relay() {\n  const node = this;\n  node.on('input', (msg) => {\n    node.client.lookup(msg.payload).then((value) => node.send(value));\n  });\n}\nmodule.exports = Relay;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      // amplify-provider-awscloudformation 4.28.2
      (() => {
        const code = DOWNLOAD_ZIP('');
        const at = code.indexOf('s3.getFile(');
        const end = code.indexOf('    });\n  });', at) + '    })'.length;
        return {
          code,
          filename: path.join(FIXTURES_DIR, 'file.js'),
          output: null,
          errors: [{
            messageId: 'floating' as const, line: 4, column: 5, endLine: 4, endColumn: 42,
            suggestions: [
              { messageId: 'suggestVoid' as const, output: `${code.slice(0, at)}void ${code.slice(at)}` },
              { messageId: 'suggestCatch' as const, output: `${code.slice(0, end)}.catch(reject)${code.slice(end)}` },
            ],
          }],
        };
      })(),
      // graphql-ruby-client 1.7.4's Ably handler: the value goes to the observer, the failure nowhere
      { ...detachedCalls(`function createAblyHandler(options) {\n  var fetchOperation = options.fetchOperation;\n  return function (operation, variables, observer) {\n    fetchOperation(operation, variables).then(function (response) {\n      var channel = options.ably.channels.get(response.id);\n      channel.subscribe('update', function (message) {\n        observer.onNext({ data: message.data });\n      });\n    });\n    return { dispose: function () {} };\n  };\n}\nmodule.exports = { createAblyHandler };`, ['fetchOperation(operation, variables).then']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // an Express handler whose request is never answered when the query fails
      { ...detachedCalls(`function list(req, res) {\n  req.db.find({ owner: req.user }).then((docs) => {\n    res.status(200).json(docs);\n  });\n}\nmodule.exports = { list };`, ['req.db.find({ owner: req.user }).then']), filename: path.join(FIXTURES_DIR, 'file.js') },
      // node-red-contrib-telegrambot 17.0.6's receiver: a Node-RED node sends the chain's value on, its failure nowhere
      { ...detachedCalls(`module.exports = function (RED) {\n  function TelegramInNode(config) {\n    RED.nodes.createNode(this, config);\n    let node = this;\n    this.processMessage = function (bot, msg) {\n      bot.getFileLink(msg.payload.content).then(function (weblink) {\n        msg.payload.weblink = weblink;\n        node.send([msg, null]);\n      });\n    };\n  }\n  RED.nodes.registerType('telegram receiver', TelegramInNode);\n};`, ['bot.getFileLink(msg.payload.content).then']), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
  },
});

/** @dynamic-labs/sdk-react-core 4.47.1's social sign-in hook: an async callback kept by `useCallback`, called by another without `await`. */
const SOCIAL_AUTH = (call: string) => `import { useCallback } from 'react';
export function useSocialAuth(api: { connect(props: object): Promise<void>; show(): void }) {
  const connectSocialAccount = useCallback(async (props: object) => {
    await api.connect(props);
  }, [api]);
  const showAuthFlow = useCallback(() => api.show(), [api]);
  const checkCaptchaAndConnect = useCallback(async (props: { captcha: boolean }) => {
    if (!props.captcha) {
      ${call}
      return;
    }
    showAuthFlow();
    await connectSocialAccount(props);
  }, [connectSocialAccount, showAuthFlow]);
  return { connectSocialAccount: checkCaptchaAndConnect };
}`;

runInBothModes('no-floating-promises (an async function kept by useCallback)', rule, {
  both: {
    valid: [
      // 4.47.3: awaited
      { code: SOCIAL_AUTH('await connectSocialAccount(props);'), filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a synchronous callback kept the same way
      { code: SOCIAL_AUTH('showAuthFlow();'), filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      (() => {
        const code = SOCIAL_AUTH('connectSocialAccount(props);');
        const at = code.indexOf('connectSocialAccount(props);');
        return {
          code,
          filename: path.join(FIXTURES_DIR, 'file.ts'),
          output: null,
          errors: [{
            messageId: 'floating' as const, line: 9, column: 7, endLine: 9, endColumn: 35,
            suggestions: [
              { messageId: 'suggestAwait' as const, output: `${code.slice(0, at)}await ${code.slice(at)}` },
              { messageId: 'suggestVoid' as const, output: `${code.slice(0, at)}void ${code.slice(at)}` },
            ],
          }],
        };
      })(),
      // the compiled form the package ships (TypeScript's __awaiter inside useCallback), called from a compiled callback
      {
        ...detachedCalls(`import { __awaiter } from 'tslib';
import { useCallback } from 'react';
export function useSocialAuth(api) {
  const connectSocialAccount = useCallback((props) => __awaiter(void 0, void 0, void 0, function* () {
    yield api.connect(props);
  }), [api]);
  const onCaptchaSuccess = (captchaToken) => __awaiter(void 0, void 0, void 0, function* () {
    connectSocialAccount(Object.assign({}, { captchaToken }));
    api.hide();
  });
  return { onCaptchaSuccess };
}`, ['connectSocialAccount(Object.assign({}, { captchaToken }));']),
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
    ],
  },
});

/** Functions that cannot reject though they loop: each step's failure handled inside the loop (matrix-react-sdk's room search handler walks the results in a `for … of`). */
const LOOPING = (call: string) => `declare function save(item: string): Promise<void>;
declare function log(error: unknown): void;
async function saveAll(items: string[]) {
  for (const item of items) {
    try {
      await save(item);
    } catch (error) {
      log(error);
    }
  }
}
async function saveEach(items: string[]) {
  for (const item of items) {
    await save(item);
  }
}
function search(results: Promise<string[]>): Promise<boolean> {
  return results
    .then(
      async (found) => {
        for (const item of found) {
          if (!item) continue;
          log(item);
        }
        return true;
      },
      (error) => {
        log(error);
        return false;
      },
    )
    .finally(() => log('done'));
}
export function run(items: string[], results: Promise<string[]>) {
  ${call}
}`;

runInBothModes('no-floating-promises (functions that loop and cannot reject)', rule, {
  both: {
    valid: [
      // every await of the loop inside a try that handles it
      { code: LOOPING('saveAll(items);'), filename: path.join(FIXTURES_DIR, 'file.ts') },
      // a returned chain with both handlers, the async fulfilled handler only looping over plain work
      { code: LOOPING('search(results);'), filename: path.join(FIXTURES_DIR, 'file.ts') },
    ],
    invalid: [
      // an await in the loop that nothing handles
      detachedCalls(LOOPING('saveEach(items);'), ['saveEach(items);']),
    ],
  },
});
