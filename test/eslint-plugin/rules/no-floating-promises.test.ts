import * as path from 'node:path';

import rule from '../../../eslint-plugin/src/rules/no-floating-promises';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';

// Keeps the import used when no case sets a filename.
void path;

runInBothModes('no-floating-promises', rule, {
  both: {
    valid: [
      { code: `async function f() { return 1; }
async function main() { await f(); }` },
      { code: `async function f() { return 1; }
function main() { return f(); }` },
      { code: `async function f() { return 1; }
f().catch(() => {});` },
      { code: `async function f() { return 1; }
f().then(() => {}, () => {});` },
      { code: `async function f() { return 1; }
f().then(() => {}).catch((error) => console.error(error));` },
      { code: `async function f() { return 1; }
f().catch(() => {}).finally(() => {});` },
      { code: `async function f() { return 1; }
void f();` },
      { code: `async function f() { return 1; }
const handler = (error: unknown) => console.error(error);
f().catch(handler);` },
      { code: `async function f() { return 1; }
async function* g() { yield await f(); }` },
      { code: `async function f() { return 1; }
console.log(f());` },
      { code: `async function f() { return 1; }
let p;
p = f();` },
      { code: `async function f() { return 1; }
const results = [f(), f()];
export { results };` },
      { code: `async function f() { return 1; }
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
      { code: `async function f() { return 1; }
(async () => { await f(); })();`, options: [{"ignoreIIFE":true}] },
      { code: `async function track(): Promise<void> {}
track();`, options: [{"allowForKnownSafeCalls":["track"]}] },
      { code: `type SafePromise = Promise<void> & { readonly safe: true };
declare const fireAndForget: SafePromise;
fireAndForget;`, options: [{"allowForKnownSafePromises":["SafePromise"]}] },
      { code: `declare const thenable: PromiseLike<void>;
thenable;` },
      { code: `async function f() { return 1; }
async function main() { const p = f(); await p; }` },
      { code: `async function f() { return 1; }
function main() { const p = f(); return p; }` },
      { code: `async function f() { return 1; }
function main() { const p = f(); p.catch(() => {}); }` },
      { code: `async function f() { return 1; }
function main() { const p = f().catch(() => {}); }` },
      { code: `async function f() { return 1; }
export const ready = f();` },
      { code: `async function f() { return 1; }
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
    {
      code: `const f = async () => 1;
async function main() {
  f();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 7, suggestions: [{ messageId: 'suggestAwait', output: `const f = async () => 1;
async function main() {
  await f();
}` }, { messageId: 'suggestVoid', output: `const f = async () => 1;
async function main() {
  void f();
}` }] },
      ],
    },
    {
      code: `class Service {
  async load() {}
  run() {
    this.load();
  }
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 5, endLine: 4, endColumn: 17, suggestions: [{ messageId: 'suggestVoid', output: `class Service {
  async load() {}
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
      code: `async function f() { return 1; }
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
async function f() { return 1; }
const app = express();
app.get('/', (req, res, next) => {
  f().then(() => res.end());
});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 5, column: 3, endLine: 5, endColumn: 29, suggestions: [{ messageId: 'suggestVoid', output: `import express from 'express';
async function f() { return 1; }
const app = express();
app.get('/', (req, res, next) => {
  void f().then(() => res.end());
});` }, { messageId: 'suggestCatch', output: `import express from 'express';
async function f() { return 1; }
const app = express();
app.get('/', (req, res, next) => {
  f().then(() => res.end()).catch(next);
});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
const p = new Promise((resolve, reject) => {
  f().then(resolve);
});
export { p };`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 21, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
const p = new Promise((resolve, reject) => {
  void f().then(resolve);
});
export { p };` }, { messageId: 'suggestCatch', output: `async function f() { return 1; }
const p = new Promise((resolve, reject) => {
  f().then(resolve).catch(reject);
});
export { p };` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
function sync() {
  f();
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 7, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
function sync() {
  void f();
}` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
async function main() {
  f().then((x) => x);
}`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 3, endLine: 3, endColumn: 22, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
async function main() {
  await f().then((x) => x);
}` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
async function main() {
  void f().then((x) => x);
}` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
async function main() {
  void f();
}`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 3, column: 3, endLine: 3, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
async function main() {
  await f();
}` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
const run = () => void f();
export { run };`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 2, column: 19, endLine: 2, endColumn: 27, suggestions: [] },
      ],
    },
    {
      code: `async function f() { return 1; }
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
      code: `async function f() { return 1; }
let task = f();
task = f();`,
      output: null,
      errors: [
        { messageId: 'danglingStored', line: 2, column: 5, endLine: 2, endColumn: 9, suggestions: [] },
      ],
    },
    ],
  },
  syntacticOnly: {
    valid: [],
    invalid: [
    // a chain over several lines is underlined up to its last call's callee, not over the callbacks' bodies
    {
      code: `async function f() { return 1; }
f().then((value) => {
  console.log(value);
});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().then((value) => {
  console.log(value);
});` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().then((value) => {
  console.log(value);
});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f();` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f();` }] },
      ],
    },
    {
      code: `const api = {
  async save() {},
};
api.save();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `const api = {
  async save() {},
};
await api.save();` }, { messageId: 'suggestVoid', output: `const api = {
  async save() {},
};
void api.save();` }] },
      ],
    },
    {
      code: `class Store { async flush() {} }
const store = new Store();
store.flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `class Store { async flush() {} }
const store = new Store();
await store.flush();` }, { messageId: 'suggestVoid', output: `class Store { async flush() {} }
const store = new Store();
void store.flush();` }] },
      ],
    },
    {
      code: `class Store { async flush() {} }
new Store().flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestAwait', output: `class Store { async flush() {} }
await new Store().flush();` }, { messageId: 'suggestVoid', output: `class Store { async flush() {} }
void new Store().flush();` }] },
      ],
    },
    {
      code: `class Jobs { static async run() {} }
Jobs.run();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestAwait', output: `class Jobs { static async run() {} }
await Jobs.run();` }, { messageId: 'suggestVoid', output: `class Jobs { static async run() {} }
void Jobs.run();` }] },
      ],
    },
    {
      code: `function f(): Promise<void> { return Promise.resolve(); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `function f(): Promise<void> { return Promise.resolve(); }
await f();` }, { messageId: 'suggestVoid', output: `function f(): Promise<void> { return Promise.resolve(); }
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
function f(): Task { return Promise.resolve(); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `type Task = Promise<void>;
function f(): Task { return Promise.resolve(); }
await f();` }, { messageId: 'suggestVoid', output: `type Task = Promise<void>;
function f(): Task { return Promise.resolve(); }
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
      code: `const f: () => Promise<void> = async () => {};
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestAwait', output: `const f: () => Promise<void> = async () => {};
await f();` }, { messageId: 'suggestVoid', output: `const f: () => Promise<void> = async () => {};
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
      code: `async function f() { return 1; }
f().then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().then(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 13, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().catch();` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch();` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().finally(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().finally(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().finally(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch(() => {}).then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 36, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().catch(() => {}).then(() => {});` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch(() => {}).then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch(undefined);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 22, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().catch(undefined);` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch(undefined);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().then(() => {}, null);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 26, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await f().then(() => {}, null);` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
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
      code: `async function f() { return 1; }
declare const flag: boolean;
flag ? f() : null;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
declare const flag: boolean;
await (flag ? f() : null);` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
declare const flag: boolean;
void (flag ? f() : null);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
declare const flag: boolean;
flag && f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
declare const flag: boolean;
await (flag && f());` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
declare const flag: boolean;
void (flag && f());` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f(), 1;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
await (f(), 1);` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
void (f(), 1);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
declare const ok: boolean;
ok ? f().catch(() => {}) : f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 32, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
declare const ok: boolean;
await (ok ? f().catch(() => {}) : f());` }, { messageId: 'suggestVoid', output: `async function f() { return 1; }
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
      code: `async function f() { return 1; }
void f();`,
      options: [{"checkVoid":true}],
      output: null,
      errors: [
        { messageId: 'floatingVoid', line: 2, column: 1, endLine: 2, endColumn: 10, suggestions: [{ messageId: 'suggestAwait', output: `async function f() { return 1; }
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
    {
      code: `import { test } from 'node:test';
test('x', async () => {});`,
      options: [{"allowForKnownSafeCalls":[]}],
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 27, suggestions: [{ messageId: 'suggestAwait', output: `import { test } from 'node:test';
await test('x', async () => {});` }, { messageId: 'suggestVoid', output: `import { test } from 'node:test';
void test('x', async () => {});` }] },
      ],
    },
    ],
  },
  typedOnly: {
    valid: [],
    invalid: [
    {
      code: `async function f() { return 1; }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f();` }] },
      ],
    },
    {
      code: `const api = {
  async save() {},
};
api.save();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 4, column: 1, endLine: 4, endColumn: 12, suggestions: [{ messageId: 'suggestVoid', output: `const api = {
  async save() {},
};
void api.save();` }] },
      ],
    },
    {
      code: `class Store { async flush() {} }
const store = new Store();
store.flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestVoid', output: `class Store { async flush() {} }
const store = new Store();
void store.flush();` }] },
      ],
    },
    {
      code: `class Store { async flush() {} }
new Store().flush();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'suggestVoid', output: `class Store { async flush() {} }
void new Store().flush();` }] },
      ],
    },
    {
      code: `class Jobs { static async run() {} }
Jobs.run();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 12, suggestions: [{ messageId: 'suggestVoid', output: `class Jobs { static async run() {} }
void Jobs.run();` }] },
      ],
    },
    {
      code: `function f(): Promise<void> { return Promise.resolve(); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `function f(): Promise<void> { return Promise.resolve(); }
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
function f(): Task { return Promise.resolve(); }
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `type Task = Promise<void>;
function f(): Task { return Promise.resolve(); }
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
      code: `const f: () => Promise<void> = async () => {};
f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 5, suggestions: [{ messageId: 'suggestVoid', output: `const f: () => Promise<void> = async () => {};
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
      code: `async function f() { return 1; }
f().then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 13, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch();` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().finally(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().finally(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch(() => {}).then(() => {});`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 36, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch(() => {}).then(() => {});` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().catch(undefined);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 22, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void f().catch(undefined);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f().then(() => {}, null);`,
      output: null,
      errors: [
        { messageId: 'floatingUselessRejectionHandler', line: 2, column: 1, endLine: 2, endColumn: 26, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
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
      code: `async function f() { return 1; }
declare const flag: boolean;
flag ? f() : null;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
declare const flag: boolean;
void (flag ? f() : null);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
declare const flag: boolean;
flag && f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 13, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
declare const flag: boolean;
void (flag && f());` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
f(), 1;`,
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 8, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
void (f(), 1);` }] },
      ],
    },
    {
      code: `async function f() { return 1; }
declare const ok: boolean;
ok ? f().catch(() => {}) : f();`,
      output: null,
      errors: [
        { messageId: 'floating', line: 3, column: 1, endLine: 3, endColumn: 32, suggestions: [{ messageId: 'suggestVoid', output: `async function f() { return 1; }
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
      code: `async function f() { return 1; }
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
    {
      code: `import { test } from 'node:test';
test('x', async () => {});`,
      options: [{"allowForKnownSafeCalls":[]}],
      output: null,
      errors: [
        { messageId: 'floating', line: 2, column: 1, endLine: 2, endColumn: 27, suggestions: [{ messageId: 'suggestVoid', output: `import { test } from 'node:test';
void test('x', async () => {});` }] },
      ],
    },
    ],
  },
});
