import * as path from 'node:path';

import rule from '../../../eslint-plugin/src/rules/no-misused-async-callback';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';

// Keeps the import used when no case sets a filename.
void path;

/** Lighthouse 6.1.0's driver: the project's own `on` only hands the listener, as it is, to an emitter's. */
const FORWARDING_DRIVER = `import { EventEmitter } from 'node:events';
class Driver {
  private emitter = new EventEmitter();
  on(event: string, cb: (...args: unknown[]) => void) {
    this.emitter.on(event, cb);
  }
`;
const LISTENER = `async () => { await fetch('/continue'); }`;
const HANDLED_LISTENER = `async () => { try { await fetch('/continue'); } catch (error) { console.error(error); } }`;
/** The driver's `on` called by a function the driver is given to. */
const drivenFrom = (listener: string): string => `${FORWARDING_DRIVER}}\nfunction wire(driver: Driver) {\n  driver.on('paused', ${listener});\n}`;
/** The driver's `on` called by its own method. */
const drivingItself = (listener: string): string => `${FORWARDING_DRIVER}  start() {\n    this.on('paused', ${listener});\n  }\n}`;

runInBothModes('no-misused-async-callback', rule, {
  both: {
    valid: [
      // Cannot reject: a handled chain (the promise-style try/catch), a bound function of the file that catches everything.
      `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
declare function stop(): Promise<void>;
export const stopped = new Promise((resolve, reject) => {
  emitter.on('fetch', async () => stop().then(resolve).catch(reject));
});`,
      `import { EventEmitter } from 'node:events';
const port = new EventEmitter();
async function onMessage(prefix: string, message: unknown) {
  try {
    await fetch(prefix + String(message));
  } catch (error) {
    console.error(error);
  }
}
port.on('message', onMessage.bind(null, '/m/'));`,
      // Shutdown listeners: the process (or the REPL session) is ending; a rejection there disturbs nothing.
      `process.on('SIGTERM', async () => {\n  await Promise.resolve();\n  process.exit(0);\n});`,
      `import repl from 'node:repl';\nconst session = repl.start('> ');\nsession.on('exit', async () => { await fetch('/bye'); });`,
      // The project's own \`on\`: what it does with the listener's promise is its business.
      `class Bus { on(event: string, listener: () => Promise<void>) { void listener().catch(() => {}); } wire() { this.on('job', async () => { await fetch('/x'); }); } }`,
      // ... also when it wraps the listener before registering it: the wrapper may handle the promise
      `import { EventEmitter } from 'node:events';\nclass Bus { private emitter = new EventEmitter(); on(event: string, cb: () => unknown) { this.emitter.on(event, () => { void Promise.resolve(cb()).catch(() => {}); }); } wire() { this.on('job', async () => { await fetch('/x'); }); } }`,
      // A listener whose failures are all caught; a timer callback that returns such a call.
      `import { EventEmitter } from 'node:events';\nconst emitter = new EventEmitter();\nemitter.on('job', async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });`,
      `class Client { async reconnect() { try { await fetch('/x'); } catch { /* retried later */ } } schedule() { setTimeout(() => this.reconnect(), 1000); } }`,
      // Test code and scripts.
      { code: `import { EventEmitter } from 'node:events';\nconst emitter = new EventEmitter();\nemitter.on('job', async () => { await fetch('/x'); });`, filename: 'test/file.ts' },
      { code: `setTimeout(async () => { await fetch('/x'); }, 10);`, filename: 'bin/cli.ts' },
      // "Always truthy" needs a promise on every path: \`cond ? p : undefined\` and a function that may return nothing are tested on purpose.
      `declare const enabled: boolean;\nasync function capture() { await fetch('/x'); }\nexport async function f() { const pending = enabled ? capture() : undefined; if (pending) await pending; }`,
      `let cached: Promise<void> | undefined;\nfunction current() { if (!cached) return; return cached.then(() => {}); }\nexport function f() { if (current()) console.log('busy'); }`,
      { code: `[1, 2].forEach((x) => console.log(x));` },
      { code: `async function main(ids: string[]) { for (const id of ids) { await save(id); } }
async function save(id: string) { return fetch(id); }` },
      { code: `async function save(id: string) { return fetch(id); }
async function main(ids: string[]) { await Promise.all(ids.map(async (id) => save(id))); }` },
      { code: `setTimeout(() => console.log('tick'), 10);` },
      { code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', (chunk) => console.log(chunk));` },
      { code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async () => {
  try {
    await Promise.resolve();
  } catch (error) {
    console.error(error);
  }
});` },
      { code: `setTimeout(async () => {
  try {
    await Promise.resolve();
  } catch {
    // ignored on purpose
  }
}, 10);` },
      { code: `[1, 2].forEach(async (x) => {
  try {
    await Promise.resolve(x);
  } catch (error) {
    console.error(error);
  } finally {
    console.log('done');
  }
});` },
      { code: `[1, 2].filter((x) => x > 1);` },
      { code: `[3, 1].sort((a, b) => a - b);` },
      { code: `async function f() { return true; }
async function main() { if (await f()) {} }` },
      { code: `async function f() { return true; }
const p = f();
export { p };` },
      { code: `declare const maybe: Promise<void> | undefined;
if (maybe) {}` },
      { code: `declare const maybe: Promise<void> | null;
const ready = maybe ?? Promise.resolve();
export { ready };` },
      { code: `async function f() { return 1; }
const value = true && f();
export { value };` },
      { code: `async function f() { return 1; }
Promise.resolve().then(async () => f());` },
      { code: `async function f() { return 1; }
Promise.resolve().finally(async () => f());` },
      { code: `async function f() { return 1; }
const results = [1, 2].map(async () => f());
export { results };` },
      { code: `declare function run(task: () => Promise<void>): void;
run(async () => { await fetch('/x'); });` },
      { code: `const app = { on(method: string, path: string, handler: () => Promise<void>) {} };
app.on('GET', '/users', async () => { await fetch('/x'); });` },
      { code: `function sync() { return 1; }
setTimeout(sync, 10);` },
      { code: `async function* stream() { yield 1; }
[1].forEach(stream);` },
      // An expression body that cannot fail and hands on no promise: a literal, an operator's result.
      `import { EventEmitter } from 'node:events';\nconst emitter = new EventEmitter();\nlet count = 0;\nemitter.on('job', async () => count + 1);`,
      // lodash's map hands the promises back
      `import _ from 'lodash';\nexport async function save(ids: string[], put: (id: string) => Promise<void>) {\n  await Promise.all(_.map(ids, async (id) => put(id)));\n}`,
    ],
    invalid: [
    {
      // bullmq 1.9: lodash's and underscore's iteration and predicate functions take the callback second; a
      // per-function package or path is the same function
      code: `import _ from 'lodash';
import forEach from 'lodash/forEach';
const each = require('lodash.foreach');
export async function save(ids: string[], put: (id: string) => Promise<void>) {
  _.forEach(ids, async (id) => { await put(id); });
  forEach(ids, async (id: string) => { await put(id); });
  each(ids, async (id: string) => { await put(id); });
  return _.filter(ids, async (id) => Boolean(id));
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 5, column: 18, endLine: 5, endColumn: 31, suggestions: [] },
        { messageId: 'asyncForEach', line: 6, column: 16, endLine: 6, endColumn: 37, suggestions: [] },
        { messageId: 'asyncForEach', line: 7, column: 13, endLine: 7, endColumn: 34, suggestions: [] },
        { messageId: 'asyncPredicate', line: 8, column: 24, endLine: 8, endColumn: 37, suggestions: [] },
      ],
    },
    {
      // \`async () => pending\`: the arrow's promise takes on the one the name holds, and its rejection.
      code: `declare const pending: Promise<void>;
export function start(ids: string[]) {
  ids.forEach(async () => pending);
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 3, column: 15, endLine: 3, endColumn: 26, suggestions: [] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
async function main() {
  const ids = ['a', 'b'];
  ids.forEach(async (id) => {
    await save(id);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 4, column: 15, endLine: 4, endColumn: 28, suggestions: [{ messageId: 'suggestForOf', output: `async function save(id: string) { return fetch(id); }
async function main() {
  const ids = ['a', 'b'];
  for (const id of ids) {
    await save(id);
  }
}` }, { messageId: 'suggestPromiseAll', output: `async function save(id: string) { return fetch(id); }
async function main() {
  const ids = ['a', 'b'];
  await Promise.all(ids.map(async (id) => {
    await save(id);
  }));
}` }] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
async function main() {
  ['a', 'b'].forEach(async (id) => save(id));
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 3, column: 22, endLine: 3, endColumn: 35, suggestions: [{ messageId: 'suggestForOf', output: `async function save(id: string) { return fetch(id); }
async function main() {
  for (const id of ['a', 'b']) {
    await save(id);
  }
}` }, { messageId: 'suggestPromiseAll', output: `async function save(id: string) { return fetch(id); }
async function main() {
  await Promise.all(['a', 'b'].map(async (id) => save(id)));
}` }] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
async function main(ids: string[]) {
  ids.forEach(async (id, index) => {
    await save(id + index);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 3, column: 15, endLine: 3, endColumn: 35, suggestions: [{ messageId: 'suggestPromiseAll', output: `async function save(id: string) { return fetch(id); }
async function main(ids: string[]) {
  await Promise.all(ids.map(async (id, index) => {
    await save(id + index);
  }));
}` }] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
async function main() {
  Object.keys({ a: 1 }).forEach(async (key) => {
    if (!key) return;
    await save(key);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 3, column: 33, endLine: 3, endColumn: 47, suggestions: [{ messageId: 'suggestPromiseAll', output: `async function save(id: string) { return fetch(id); }
async function main() {
  await Promise.all(Object.keys({ a: 1 }).map(async (key) => {
    if (!key) return;
    await save(key);
  }));
}` }] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
function main(ids: string[]) {
  ids.forEach(async (id) => {
    await save(id);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 3, column: 15, endLine: 3, endColumn: 28, suggestions: [] },
      ],
    },
    {
      code: `async function save(id: string) { return fetch(id); }
declare const items: Set<string>;
async function main() {
  items.forEach(async (id) => {
    await save(id);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 4, column: 17, endLine: 4, endColumn: 30, suggestions: [] },
      ],
    },
    {
      code: `async function handle(x: number) { return fetch(String(x)); }
[1, 2].forEach(handle);`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 2, column: 16, endLine: 2, endColumn: 22, suggestions: [] },
      ],
    },
    {
      code: `async function main(ids: string[]) {
  ids.forEach(async function (id) {
    await Promise.resolve(id);
  });
}`,
      output: null,
      errors: [
        { messageId: 'asyncForEach', line: 2, column: 15, endLine: 2, endColumn: 34, suggestions: [{ messageId: 'suggestForOf', output: `async function main(ids: string[]) {
  for (const id of ids) {
    await Promise.resolve(id);
  }
}` }, { messageId: 'suggestPromiseAll', output: `async function main(ids: string[]) {
  await Promise.all(ids.map(async function (id) {
    await Promise.resolve(id);
  }));
}` }] },
      ],
    },
    {
      code: `setTimeout(async () => {
  await Promise.resolve();
}, 10);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 12, endLine: 1, endColumn: 23, suggestions: [{ messageId: 'suggestTryCatch', output: `setTimeout(async () => {
  try {
    await Promise.resolve();
  } catch (error) {
    console.error(error);
  }
}, 10);` }] },
      ],
    },
    {
      code: `setInterval(async () => {
  await Promise.resolve();
}, 1000);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 13, endLine: 1, endColumn: 24, suggestions: [{ messageId: 'suggestTryCatch', output: `setInterval(async () => {
  try {
    await Promise.resolve();
  } catch (error) {
    console.error(error);
  }
}, 1000);` }] },
      ],
    },
    {
      code: `setImmediate(async () => { await fetch('/x'); });`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 14, endLine: 1, endColumn: 25, suggestions: [{ messageId: 'suggestTryCatch', output: `setImmediate(async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });` }] },
      ],
    },
    {
      code: `queueMicrotask(async () => { await fetch('/x'); });`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 16, endLine: 1, endColumn: 27, suggestions: [{ messageId: 'suggestTryCatch', output: `queueMicrotask(async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });` }] },
      ],
    },
    {
      code: `process.nextTick(async () => { await fetch('/x'); });`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 18, endLine: 1, endColumn: 29, suggestions: [{ messageId: 'suggestTryCatch', output: `process.nextTick(async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });` }] },
      ],
    },
    {
      code: `import { setTimeout as later } from 'node:timers';
later(async () => { await fetch('/x'); }, 5);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 2, column: 7, endLine: 2, endColumn: 18, suggestions: [{ messageId: 'suggestTryCatch', output: `import { setTimeout as later } from 'node:timers';
later(async () => { try { await fetch('/x'); } catch (error) { console.error(error); } }, 5);` }] },
      ],
    },
    {
      code: `async function poll() { return fetch('/poll'); }
setInterval(poll, 1000);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 2, column: 13, endLine: 2, endColumn: 17, suggestions: [{ messageId: 'suggestVoidCatch', output: `async function poll() { return fetch('/poll'); }
setInterval(() => { void poll().catch((error) => console.error(error)); }, 1000);` }] },
      ],
    },
    {
      code: `setTimeout(() => fetch('/ping'), 10);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 12, endLine: 1, endColumn: 17, suggestions: [{ messageId: 'suggestVoidCatch', output: `setTimeout(() => { void fetch('/ping').catch((error) => console.error(error)); }, 10);` }] },
      ],
    },
    {
      code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async () => {
  await Promise.resolve();
});`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 3, column: 20, endLine: 3, endColumn: 31, suggestions: [{ messageId: 'suggestTryCatch', output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async () => {
  try {
    await Promise.resolve();
  } catch (error) {
    console.error(error);
  }
});` }] },
      ],
    },
    {
      // Lighthouse 6.1.0's fetcher: the project's own \`on\` only hands the listener to an emitter's
      code: drivenFrom(LISTENER),
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 9, column: 23, endLine: 9, endColumn: 34, suggestions: [{ messageId: 'suggestTryCatch', output: drivenFrom(HANDLED_LISTENER) }] },
      ],
    },
    {
      code: drivingItself(LISTENER),
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 8, column: 23, endLine: 8, endColumn: 34, suggestions: [{ messageId: 'suggestTryCatch', output: drivingItself(HANDLED_LISTENER) }] },
      ],
    },
    {
      code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.once('ready', async () => { await fetch('/x'); });`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 3, column: 23, endLine: 3, endColumn: 34, suggestions: [{ messageId: 'suggestTryCatch', output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.once('ready', async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });` }] },
      ],
    },
    {
      code: `process.on('message', async () => {
  await Promise.resolve();
  process.exit(0);
});`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 1, column: 23, endLine: 1, endColumn: 34, suggestions: [{ messageId: 'suggestTryCatch', output: `process.on('message', async () => {
  try {
    await Promise.resolve();
    process.exit(0);
  } catch (error) {
    console.error(error);
  }
});` }] },
      ],
    },
    {
      code: `declare const button: HTMLElement;
button.addEventListener('click', async () => {
  await fetch('/clicked');
});`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 2, column: 34, endLine: 2, endColumn: 45, suggestions: [{ messageId: 'suggestTryCatch', output: `declare const button: HTMLElement;
button.addEventListener('click', async () => {
  try {
    await fetch('/clicked');
  } catch (error) {
    console.error(error);
  }
});` }] },
      ],
    },
    {
      code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.prependListener('x', async () => { await fetch('/x'); });
emitter.addListener('y', async () => { await fetch('/x'); });`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 3, column: 30, endLine: 3, endColumn: 41, suggestions: [{ messageId: 'suggestTryCatch', output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.prependListener('x', async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });
emitter.addListener('y', async () => { await fetch('/x'); });` }] },
        { messageId: 'asyncListener', line: 4, column: 26, endLine: 4, endColumn: 37, suggestions: [{ messageId: 'suggestTryCatch', output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.prependListener('x', async () => { await fetch('/x'); });
emitter.addListener('y', async () => { try { await fetch('/x'); } catch (error) { console.error(error); } });` }] },
      ],
    },
    {
      code: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async () => {
  try {
    await Promise.resolve();
  } catch (error) {
    throw new Error('wrapped', { cause: error });
  }
});`,
      output: null,
      errors: [
        { messageId: 'asyncListener', line: 3, column: 20, endLine: 3, endColumn: 31, suggestions: [{ messageId: 'suggestTryCatch', output: `import { EventEmitter } from 'node:events';
const emitter = new EventEmitter();
emitter.on('data', async () => {
  try {
    try {
      await Promise.resolve();
    } catch (error) {
      throw new Error('wrapped', { cause: error });
    }
  } catch (error) {
    console.error(error);
  }
});` }] },
      ],
    },
    {
      code: `setTimeout(async () => {
  await Promise.resolve();
  try {
    await Promise.resolve();
  } catch {}
}, 1);`,
      output: null,
      errors: [
        { messageId: 'asyncTimer', line: 1, column: 12, endLine: 1, endColumn: 23, suggestions: [{ messageId: 'suggestTryCatch', output: `setTimeout(async () => {
  try {
    await Promise.resolve();
    try {
      await Promise.resolve();
    } catch {}
  } catch (error) {
    console.error(error);
  }
}, 1);` }] },
      ],
    },
    {
      code: `async function isActive(id: number) { return id > 0; }
const active = [1, 2].filter(async (id) => isActive(id));
export { active };`,
      output: null,
      errors: [
        { messageId: 'asyncPredicate', line: 2, column: 30, endLine: 2, endColumn: 43, suggestions: [] },
      ],
    },
    {
      code: `const found = [1, 2].find(async (x) => x > 1);
export { found };`,
      output: null,
      errors: [
        { messageId: 'asyncPredicate', line: 1, column: 27, endLine: 1, endColumn: 39, suggestions: [] },
      ],
    },
    {
      code: `const any = [1, 2].some(async (x) => x > 1);
const all = [1, 2].every(async (x) => x > 1);
export { any, all };`,
      output: null,
      errors: [
        { messageId: 'asyncPredicate', line: 1, column: 25, endLine: 1, endColumn: 37, suggestions: [] },
        { messageId: 'asyncPredicate', line: 2, column: 26, endLine: 2, endColumn: 38, suggestions: [] },
      ],
    },
    {
      code: `const index = [1, 2].findIndex(async (x) => x > 1);
const last = [1, 2].findLast(async (x) => x > 1);
const lastIndex = [1, 2].findLastIndex(async (x) => x > 1);
export { index, last, lastIndex };`,
      output: null,
      errors: [
        { messageId: 'asyncPredicate', line: 1, column: 32, endLine: 1, endColumn: 44, suggestions: [] },
        { messageId: 'asyncPredicate', line: 2, column: 30, endLine: 2, endColumn: 42, suggestions: [] },
        { messageId: 'asyncPredicate', line: 3, column: 40, endLine: 3, endColumn: 52, suggestions: [] },
      ],
    },
    {
      code: `const sorted = [3, 1].sort(async (a, b) => a - b);
export { sorted };`,
      output: null,
      errors: [
        { messageId: 'asyncComparator', line: 1, column: 28, endLine: 1, endColumn: 43, suggestions: [] },
      ],
    },
    {
      code: `async function isActive(id: number) { return id > 0; }
const active = [1, 2].filter(isActive);
export { active };`,
      output: null,
      errors: [
        { messageId: 'asyncPredicate', line: 2, column: 30, endLine: 2, endColumn: 38, suggestions: [] },
      ],
    },
    {
      code: `const p = new Promise(async (resolve) => {
  resolve(await fetch('/x'));
});
export { p };`,
      output: null,
      errors: [
        { messageId: 'asyncExecutor', line: 1, column: 23, endLine: 1, endColumn: 41, suggestions: [] },
      ],
    },
    {
      code: `async function isReady() { return true; }
async function main() {
  if (isReady()) {
    return 1;
  }
  return 0;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 7, endLine: 3, endColumn: 16, suggestions: [{ messageId: 'suggestAwait', output: `async function isReady() { return true; }
async function main() {
  if (await isReady()) {
    return 1;
  }
  return 0;
}` }] },
      ],
    },
    {
      code: `async function isReady() { return true; }
function main() {
  if (isReady()) {
    return 1;
  }
  return 0;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 7, endLine: 3, endColumn: 16, suggestions: [] },
      ],
    },
    {
      code: `async function more() { return false; }
async function main() {
  while (more()) {
    break;
  }
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 10, endLine: 3, endColumn: 16, suggestions: [{ messageId: 'suggestAwait', output: `async function more() { return false; }
async function main() {
  while (await more()) {
    break;
  }
}` }] },
      ],
    },
    {
      code: `async function more() { return false; }
async function main() {
  do {
    break;
  } while (more());
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 5, column: 12, endLine: 5, endColumn: 18, suggestions: [{ messageId: 'suggestAwait', output: `async function more() { return false; }
async function main() {
  do {
    break;
  } while (await more());
}` }] },
      ],
    },
    {
      code: `async function ok() { return true; }
async function main() {
  for (let i = 0; ok(); i++) {
    break;
  }
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 19, endLine: 3, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `async function ok() { return true; }
async function main() {
  for (let i = 0; await ok(); i++) {
    break;
  }
}` }] },
      ],
    },
    {
      code: `async function ok() { return true; }
async function main() {
  return ok() ? 'yes' : 'no';
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 10, endLine: 3, endColumn: 14, suggestions: [{ messageId: 'suggestAwait', output: `async function ok() { return true; }
async function main() {
  return await ok() ? 'yes' : 'no';
}` }] },
      ],
    },
    {
      code: `async function ok() { return true; }
async function main(flag: boolean) {
  if (flag && ok()) return 1;
  return 0;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 15, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'suggestAwait', output: `async function ok() { return true; }
async function main(flag: boolean) {
  if (flag && await ok()) return 1;
  return 0;
}` }] },
      ],
    },
    {
      code: `async function ok() { return true; }
async function main() {
  return !ok();
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 11, endLine: 3, endColumn: 15, suggestions: [{ messageId: 'suggestAwait', output: `async function ok() { return true; }
async function main() {
  return !await ok();
}` }] },
      ],
    },
    {
      code: `async function ok() { return true; }
async function main(other: boolean) {
  const both = ok() || other;
  return both;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 16, endLine: 3, endColumn: 20, suggestions: [{ messageId: 'suggestAwait', output: `async function ok() { return true; }
async function main(other: boolean) {
  const both = await ok() || other;
  return both;
}` }] },
      ],
    },
    {
      code: `declare const pending: Promise<boolean>;
async function main() {
  if (pending) return 1;
  return 0;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 3, column: 7, endLine: 3, endColumn: 14, suggestions: [{ messageId: 'suggestAwait', output: `declare const pending: Promise<boolean>;
async function main() {
  if (await pending) return 1;
  return 0;
}` }] },
      ],
    },
    {
      code: `async function main() {
  if (fetch('/health')) return 1;
  return 0;
}`,
      output: null,
      errors: [
        { messageId: 'conditional', line: 2, column: 7, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'suggestAwait', output: `async function main() {
  if (await fetch('/health')) return 1;
  return 0;
}` }] },
      ],
    },
    ],
  },
  syntacticOnly: {
    valid: [],
    invalid: [],
  },
  typedOnly: {
    valid: [
      // Babel's compiled async callback that handles every failure itself (webpack-bundle-analyzer 3.0.4's done hook)
      `declare function _asyncToGenerator(fn: () => Generator<unknown, void, unknown>): () => Promise<void>;
export function done(actions: Array<() => Promise<void>>, callback: (error?: unknown) => void) {
  setImmediate(_asyncToGenerator(function* () {
    try {
      yield Promise.all(actions.map((action) => action()));
      callback();
    } catch (error) {
      callback(error);
    }
  }));
}`,
      // An overloaded function returns a promise only for some arguments (\`gc({ execution: 'async' })\`).
      `declare const gc: { (): void; (options: { execution: 'async' }): Promise<void> };
setInterval(gc, 1000);`,
      // \`push(...items: T[])\` wants \`() => void\` only because T was inferred from the first element.
      `declare function first(): void;
declare function save(): Promise<void>;
export class Route {
  cycle = [first];
  add() {
    this.cycle.push(async () => {
      await save();
    });
  }
}`,
    ],
    invalid: [
      {
        code: `declare function save(): Promise<void>;
const handlers: Array<() => void> = [];
handlers.push(async () => {
  await save();
});`,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 3, column: 15, endLine: 3, endColumn: 26, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
const handlers: Array<() => void> = [];
handlers.push(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
      {
        code: `declare function save(): Promise<void>;
const handlers = new Set<() => void>();
handlers.add(async () => {
  await save();
});`,
        output: null,
        errors: [
          { messageId: 'voidParameter', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [{ messageId: 'suggestTryCatch', output: `declare function save(): Promise<void>;
const handlers = new Set<() => void>();
handlers.add(async () => {
  try {
    await save();
  } catch (error) {
    console.error(error);
  }
});` }] },
        ],
      },
    ],
  },
});

/** A file next to the cross-file fixtures, so its relative imports reach them. */
const FIXTURE_FILE = path.join(FIXTURES_DIR, 'file.ts');

runInBothModes('no-misused-async-callback (async methods of other files)', rule, {
  both: {
    valid: [
      // a sync method of the same singleton
      { code: `const store = require('./cross-file/store.js');\nexport function empty() { return store.size() ? 0 : 1; }`, filename: FIXTURE_FILE },
      { code: `const store = require('./cross-file/store.js');\nexport async function f(id: string) { if (await store.load(id)) return 1; return 0; }`, filename: FIXTURE_FILE },
    ],
    invalid: [
      {
        // an async method of a CommonJS singleton of another file, inherited from its base class
        code: `const store = require('./cross-file/store.js');\nexport function f(id: string) { if (store.close()) return id; return null; }`,
        filename: FIXTURE_FILE,
        errors: [{ messageId: 'conditional', line: 2, column: 37, endLine: 2, endColumn: 50 }],
      },
      {
        // a method a class inherits from a class of another file
        code: `import { Model } from './cross-file/model';\nexport class Post extends Model { async save() {} check() { return this.truncate() ? 1 : 0; } }`,
        filename: FIXTURE_FILE,
        errors: [{ messageId: 'conditional', line: 2, column: 68, endLine: 2, endColumn: 83 }],
      },
      {
        code: `const store = require('./cross-file/store.js');\nexport function f(ids: string[]) { ids.forEach(store.load); }`,
        filename: FIXTURE_FILE,
        errors: [{ messageId: 'asyncForEach', line: 2, column: 48, endLine: 2, endColumn: 58 }],
      },
    ],
  },
});

/** @serenity-js/webdriverio 3.41.2's dialog handler: an async method bound to the instance in a field, given to an emitter. */
const DIALOG_HANDLER = (body: string) => `import type { EventEmitter } from 'node:events';
declare function accept(dialog: unknown): Promise<void>;
export class DialogHandler {
  constructor(private readonly browser: EventEmitter) {
    this.browser.on('dialog', this.onDialog);
  }
  private onDialog = this.tryToHandleDialog.bind(this);
  private async tryToHandleDialog(dialog: unknown): Promise<void> {
    ${body}
  }
}`;

runInBothModes('no-misused-async-callback (functions stored once in the constructor)', rule, {
  both: {
    valid: [
      // written again in a method: which function `this.onUpgrade` holds is not known
      `import type { EventEmitter } from 'node:events';
declare function prepare(request: unknown): Promise<unknown>;
export class Proxy {
  onUpgrade: (request: unknown) => unknown;
  constructor() {
    this.onUpgrade = async (request: unknown) => { await prepare(request); };
  }
  quiet() { this.onUpgrade = () => undefined; }
  listen(server: EventEmitter) { server.on('upgrade', this.onUpgrade); }
}`,
      // the bound method catches everything
      DIALOG_HANDLER('try { await accept(dialog); } catch (error) { console.error(error); }'),
      // the stored function catches everything
      `import type { EventEmitter } from 'node:events';
declare function prepare(request: unknown): Promise<unknown>;
export class Proxy {
  onUpgrade: (request: unknown) => Promise<void>;
  constructor() {
    this.onUpgrade = async (request: unknown) => { try { await prepare(request); } catch (error) { console.error(error); } };
  }
  listen(server: EventEmitter) { server.on('upgrade', this.onUpgrade); }
}`,
    ],
    invalid: [
      {
        // how TypeScript compiles an arrow field below ES2022, and its `async` body below ES2017
        code: `import type { EventEmitter } from 'node:events';
declare function __awaiter(thisArg: unknown, a: unknown, b: unknown, body: () => Generator): Promise<void>;
declare function prepare(request: unknown): Promise<unknown>;
export class Proxy {
  onUpgrade: (request: unknown) => Promise<void>;
  subscribe: (server: EventEmitter) => void;
  constructor() {
    this.onUpgrade = (request) => __awaiter(this, void 0, void 0, function* () {
      yield prepare(request);
    });
    this.subscribe = (server) => {
      server.on('upgrade', this.onUpgrade);
    };
  }
}`,
        errors: [{ messageId: 'asyncListener', data: { name: 'on' }, line: 12, column: 28, endLine: 12, endColumn: 42, suggestions: [] }],
      },
      {
        // a field holding an async method bound to the instance: the emitter drops the promise the method returns
        code: DIALOG_HANDLER('await accept(dialog);'),
        errors: [{ messageId: 'asyncListener', data: { name: 'on' }, line: 5, column: 31, endLine: 5, endColumn: 44, suggestions: [] }],
      },
    ],
  },
});

/** Files of projects whose package.json declares the server framework (`fixtures/servers/`). */
const EXPRESS_4 = path.join(FIXTURES_DIR, 'servers', 'express4', 'app.ts');
const EXPRESS_5 = path.join(FIXTURES_DIR, 'servers', 'express5', 'app.ts');
const PATCHED_EXPRESS_4 = path.join(FIXTURES_DIR, 'servers', 'patched', 'app.ts');
const CONNECT = path.join(FIXTURES_DIR, 'servers', 'connect', 'app.ts');
/** A project that declares no server framework. */
const NO_FRAMEWORK = path.join(FIXTURES_DIR, 'packages', 'app.ts');

const ROUTE = `import express from 'express';
const app = express();
declare function load(id: string): Promise<string>;
app.get('/users/:id', async (req, res) => {
  res.send(await load(req.params.id));
});`;

const MIDDLEWARE = `declare function authorize(token: string): Promise<void>;
export const auth = async (req: any, res: any, next: any) => {
  await authorize(req.headers.authorization);
  next();
};`;

runInBothModes('no-misused-async-callback (request handlers of Express 4 and Connect)', rule, {
  both: {
    valid: [
      // Express 5 hands a rejection to the error handlers; so does Express 4 patched by express-async-errors
      { code: ROUTE, filename: EXPRESS_5 },
      { code: ROUTE, filename: PATCHED_EXPRESS_4 },
      { code: MIDDLEWARE, filename: EXPRESS_5 },
      // a project that declares neither Express nor Connect: the framework is unknown
      { code: ROUTE, filename: NO_FRAMEWORK },
      { code: MIDDLEWARE, filename: NO_FRAMEWORK },
      // every failure answered or handed to next: the promise cannot reject
      {
        code: `import express from 'express';
const app = express();
declare function load(id: string): Promise<string>;
app.get('/users/:id', async (req, res, next) => {
  try {
    res.send(await load(req.params.id));
  } catch (error) {
    next(error);
  }
});`,
        filename: EXPRESS_4,
      },
      // what it returns outside the try is no promise of its own: the response's methods, next(…), a call handed next
      {
        code: `declare function find(path: string): Promise<unknown>;
declare function handle(req: any, res: any, next: any, scope: string): Promise<void>;
export const checkAccess = async (req: any, res: any, next: any) => {
  if (req.method === 'OPTIONS') {
    return res.status(200).end();
  }
  if (!req.path) return next();
  try {
    if (!(await find(req.path))) throw new Error('forbidden');
    return next();
  } catch (error) {
    return next(error);
  }
};
export const access = async (req: any, res: any, next: any) => handle(req, res, next, 'global');`,
        filename: EXPRESS_4,
      },
      // a wrapper made to catch the rejection (express-async-handler and friends), by literal or by name
      {
        code: `import express from 'express';
declare function asyncHandler(fn: (...args: any[]) => Promise<void>): express.RequestHandler;
declare function load(id: string): Promise<string>;
const app = express();
app.get('/users/:id', asyncHandler(async (req, res, next) => {
  res.send(await load(req.params.id));
}));`,
        filename: EXPRESS_4,
      },
      {
        code: `declare function wrap(fn: (...args: any[]) => Promise<void>): unknown;
${MIDDLEWARE}
export const wrapped = wrap(auth);`,
        filename: EXPRESS_4,
      },
      // called by other code, which decides what happens to the promise
      { code: `${MIDDLEWARE}\nexport async function both(req: any, res: any, next: any) {\n  try { await auth(req, res, next); } catch (error) { next(error); }\n}`, filename: EXPRESS_4 },
      // other frameworks' shapes: Koa's (ctx, next), Fastify's (request, reply), awaited by their frameworks
      {
        code: `declare const router: { get(path: string, handler: (...args: any[]) => unknown): void };
declare function load(id: string): Promise<string>;
router.get('/users/:id', async (ctx, next) => { ctx.body = await load(ctx.params.id); await next(); });
router.get('/items/:id', async (request, reply) => { reply.send(await load(request.params.id)); });`,
        filename: EXPRESS_4,
      },
      // a class's method: NestJS awaits its middleware's use(req, res, next)
      {
        code: `declare function authorize(token: string): Promise<void>;
export class AuthMiddleware {
  async use(req: any, res: any, next: () => void) {
    await authorize(req.headers.authorization);
    next();
  }
}`,
        filename: EXPRESS_4,
      },
      // a handler in test code fails its test anyway
      { code: MIDDLEWARE, filename: path.join(FIXTURES_DIR, 'servers', 'express4', 'auth.test.ts') },
      // not async
      { code: `export const auth = (req: any, res: any, next: any) => { next(); };`, filename: EXPRESS_4 },
    ],
    invalid: [
      {
        code: ROUTE,
        filename: EXPRESS_4,
        errors: [{ messageId: 'asyncMiddleware', data: { name: 'Express 4' }, line: 4, column: 23, endLine: 4, endColumn: 42, suggestions: [] }],
      },
      {
        code: MIDDLEWARE,
        filename: EXPRESS_4,
        errors: [
          {
            messageId: 'asyncMiddleware',
            data: { name: 'Express 4' },
            line: 2,
            column: 21,
            endLine: 2,
            endColumn: 61,
            suggestions: [
              {
                messageId: 'suggestNextCatch',
                output: `declare function authorize(token: string): Promise<void>;
export const auth = async (req: any, res: any, next: any) => {
  try {
    await authorize(req.headers.authorization);
    next();
  } catch (error) {
    next(error);
  }
};`,
              },
            ],
          },
        ],
      },
      // a function declaration handed to a route registration by name; the error middleware's shape
      {
        code: `import express from 'express';
declare function load(id: string): Promise<string>;
declare function report(error: unknown): Promise<void>;
async function show(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.send(await load(req.params.id));
}
export async function onError(err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) {
  await report(err);
  next(err);
}
const app = express();
app.get('/users/:id', show);`,
        filename: EXPRESS_4,
        errors: [
          {
            messageId: 'asyncMiddleware',
            line: 7,
            column: 8,
            endLine: 7,
            endColumn: 117,
            suggestions: [
              {
                messageId: 'suggestNextCatch',
                output: `import express from 'express';
declare function load(id: string): Promise<string>;
declare function report(error: unknown): Promise<void>;
async function show(req: express.Request, res: express.Response, next: express.NextFunction) {
  res.send(await load(req.params.id));
}
export async function onError(err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) {
  try {
    await report(err);
    next(err);
  } catch (error) {
    next(error);
  }
}
const app = express();
app.get('/users/:id', show);`,
              },
            ],
          },
          {
            messageId: 'asyncMiddleware',
            line: 12,
            column: 23,
            endLine: 12,
            endColumn: 27,
            suggestions: [
              {
                messageId: 'suggestNextCatch',
                output: `import express from 'express';
declare function load(id: string): Promise<string>;
declare function report(error: unknown): Promise<void>;
async function show(req: express.Request, res: express.Response, next: express.NextFunction) {
  try {
    res.send(await load(req.params.id));
  } catch (error) {
    next(error);
  }
}
export async function onError(err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) {
  await report(err);
  next(err);
}
const app = express();
app.get('/users/:id', show);`,
              },
            ],
          },
        ],
      },
      // Connect without Express; a middleware kept in a field for the user's app.use(…), compiled by TypeScript
      {
        code: `declare function __awaiter(thisArg: unknown, a: unknown, b: unknown, body: () => Generator): Promise<void>;
declare function prepare(req: unknown): Promise<unknown>;
export class Proxy {
  middleware: (req: any, res: any, next: any) => Promise<void>;
  constructor() {
    this.middleware = (req, res, next) => __awaiter(this, void 0, void 0, function* () {
      const options = yield prepare(req);
      res.end(String(options));
    });
  }
}`,
        filename: CONNECT,
        errors: [{ messageId: 'asyncMiddleware', data: { name: 'Connect' }, line: 6, column: 23, endLine: 6, endColumn: 42, suggestions: [] }],
      },
    ],
  },
});

/** (moleculer 0.13's latency strategy: a timer that starts the next round of Bluebird pings) with the timer's callback. */
const LATENCY_TIMER = (callback: string): string => `const Promise = require('bluebird');
declare function sendPing(host: string): Promise<void>;
export class Latency {
  hosts: string[] = [];
  pingHosts() {
    return Promise.map(this.hosts, (host: string) => sendPing(host), { concurrency: 5 });
  }
  start() {
    setTimeout(${callback}, 1000);
  }
}`;
const TIMER_CALLBACK = '() => this.pingHosts()';

runInBothModes('no-misused-async-callback (Bluebird promises, and callbacks that hand back a handled chain)', rule, {
  both: {
    valid: [
      // (serverless 3's zip service: the listener returns a chain that ends in the executor's reject)
      `import { EventEmitter } from 'node:events';
const BB = require('bluebird');
export function zip(output: EventEmitter, files: string[], read: (file: string) => Promise<string>) {
  return new BB((resolve: (value: string[]) => void, reject: (error: Error) => void) => {
    output.on('open', () => {
      const unique = [...new Set(files)];
      return BB.all(unique.map(read)).then((contents: string[]) => resolve(contents)).catch(reject);
    });
  });
}`,
    ],
    invalid: [],
  },
  // with types, `require('bluebird')` of a package the project has not installed is `any`, so the timer callback
  // returns `any` and the checker's answer stands
  syntacticOnly: {
    valid: [],
    invalid: [
      {
        code: LATENCY_TIMER(TIMER_CALLBACK),
        errors: [
          {
            messageId: 'asyncTimer',
            line: 9,
            column: 16,
            endLine: 9,
            endColumn: 21,
            suggestions: [
              {
                messageId: 'suggestVoidCatch',
                output: LATENCY_TIMER('() => { void this.pingHosts().catch((error) => console.error(error)); }'),
              },
            ],
          },
        ],
      },
    ],
  },
  typedOnly: {
    valid: [
      LATENCY_TIMER(TIMER_CALLBACK),
    ],
    invalid: [],
  },
});

/** What Babel 6 makes of `hooks.forEach(async (hook) => await hook(config))` (webdriverio 4.6.2's session hooks). */
const BABEL_FOR_EACH = (callback: string) => `declare const _regenerator2: any;
declare const _asyncToGenerator3: any;
export function runHooks(hooks: Array<(config: object) => Promise<void>>, config: object) {
  hooks.forEach(${callback});
}`;

runInBothModes('no-misused-async-callback (an async callback compiled by Babel)', rule, {
  both: {
    valid: [
      // regenerator's state machine with a \`try\` (exceljs 3.8's compiled \`stream.on('finished', async () => { try … catch … })\`):
      // what its \`catch\` does is not read, so it is taken to handle its failures
      `declare const regeneratorRuntime: any;
declare function _asyncToGenerator(fn: unknown): () => Promise<void>;
export function watch(stream: { on(event: string, listener: () => void): void; emit(event: string, error?: unknown): void }, done: Promise<void>) {
  stream.on('finished', _asyncToGenerator(regeneratorRuntime.mark(function _callee() {
    return regeneratorRuntime.wrap(function _callee$(_context) {
      while (1) {
        switch (_context.prev = _context.next) {
          case 0:
            _context.prev = 0;
            _context.next = 3;
            return done;
          case 3:
            stream.emit('done');
            _context.next = 8;
            break;
          case 6:
            _context.prev = 6;
            _context.t0 = _context["catch"](0);
            stream.emit('error', _context.t0);
          case 8:
          case 'end':
            return _context.stop();
        }
      }
    }, _callee, null, [[0, 6]]);
  })));
}`,
      // a plain function handed back by an immediately called wrapper that is not Babel's
      BABEL_FOR_EACH(`function () {
    var seen = new Set();
    return function (hook) {
      seen.add(hook);
    };
  }()`),
    ],
    invalid: [
      {
        code: BABEL_FOR_EACH(`function () {
    var _ref = (0, _asyncToGenerator3.default)(_regenerator2.default.mark(function _callee(hook) {
      return _regenerator2.default.wrap(function _callee$(_context) {
        while (1) {
          switch (_context.prev = _context.next) {
            case 0:
              _context.next = 2;
              return hook(config);
            case 2:
            case 'end':
              return _context.stop();
          }
        }
      }, _callee, this);
    }));
    return function (_x) {
      return _ref.apply(this, arguments);
    };
  }()`),
        errors: [{ messageId: 'asyncForEach', line: 4, column: 17, endLine: 4, endColumn: 28, suggestions: [] }],
      },
      {
        name: 'without regenerator: the generator handed to the helper',
        code: BABEL_FOR_EACH(`function () {
    var _ref = _asyncToGenerator3.default(function* (hook) {
      yield hook(config);
    });
    return function (_x) {
      return _ref.apply(this, arguments);
    };
  }()`),
        errors: [{ messageId: 'asyncForEach', line: 4, column: 17, endLine: 4, endColumn: 28, suggestions: [] }],
      },
    ],
  },
});

/** @applitools/core 4.x's close(): each test closed in a forEach callback that catches everything. */
const CLOSE_ALL = (body: string, head = 'export async function close(storage: Map<string, Item>): Promise<void> {') => `interface Item { close(): Promise<void>; abort(): Promise<void> }
declare function ready(): Promise<void>;
${head}
  await ready();
${body}
}`;

runInBothModes('no-misused-async-callback (forEach callbacks that cannot reject, in an async function that does not wait for them)', rule, {
  both: {
    valid: [
      // awaited (the next version kept each close's promise)
      CLOSE_ALL(`  await Promise.all([...storage.values()].map(async (item) => {
    try {
      await item.close();
    } catch {
      await item.abort().catch(() => undefined);
    }
  }));`),
      // a function that is not async: no caller waits for it
      CLOSE_ALL(`  storage.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });`, 'export function close(storage: Map<string, Item>): void {').replace('  await ready();\n', '  void ready();\n'),
      // the callback awaits nothing
      CLOSE_ALL(`  storage.forEach(async (item) => {
    try {
      void item.close().catch(() => undefined);
    } catch (error) {
      console.error(error);
    }
  });`),
      // every call of the function drops its promise: nobody waits for it, and the code counts its work another way (exceljs's zip reader)
      `declare function loadEntries(): Promise<Map<string, { read(): Promise<string> }>>;\nexport class ZipReader {\n  count = 0;\n  start(stream: { on(event: string, fn: () => void): void }) {\n    stream.on('finish', () => {\n      this.process();\n    });\n  }\n  async process() {\n    const entries = await loadEntries();\n    entries.forEach(async (entry) => {\n      this.count++;\n      try {\n        console.log(await entry.read());\n      } catch (error) {\n        console.error(error);\n      }\n    });\n  }\n}`,
      // the async function awaits nothing itself
      CLOSE_ALL(`  storage.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });`).replace('  await ready();\n', ''),
    ],
    invalid: [
      {
        code: CLOSE_ALL(`  storage.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });`),
        errors: [{ messageId: 'asyncForEachUnwaited', data: { name: 'forEach', owner: '`close()`' }, line: 5, column: 19, endLine: 5, endColumn: 34, suggestions: [] }],
      },
      {
        // an async arrow held by a variable
        code: CLOSE_ALL(`  storage.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });`, 'export const close = async (storage: Map<string, Item>): Promise<void> => {').replace(/\}$/, '};'),
        errors: [{ messageId: 'asyncForEachUnwaited', data: { name: 'forEach', owner: '`close()`' }, line: 5, column: 19, endLine: 5, endColumn: 34, suggestions: [] }],
      },
      {
        // an array: the rewrites that wait
        code: CLOSE_ALL(`  items.forEach(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  });`, 'export async function close(items: Item[]): Promise<void> {'),
        errors: [{ messageId: 'asyncForEachUnwaited', data: { name: 'forEach', owner: '`close()`' }, line: 5, column: 17, endLine: 5, endColumn: 32, suggestions: [{ messageId: 'suggestForOf', output: CLOSE_ALL(`  for (const item of items) {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  }`, 'export async function close(items: Item[]): Promise<void> {') }, { messageId: 'suggestPromiseAll', output: CLOSE_ALL(`  await Promise.all(items.map(async (item) => {
    try {
      await item.close();
    } catch (error) {
      console.error(error);
    }
  }));`, 'export async function close(items: Item[]): Promise<void> {') }] }],
      },
    ],
  },
});

/** @remote-ui/rpc 1.2.5's endpoint: an async listener given to an interface's addEventListener, and taken off again. */
const MESSAGE_ENDPOINT = (listener: string) => `export interface MessageEndpoint {
  addEventListener(event: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(event: 'message', listener: (event: MessageEvent) => void): void;
}
export function createEndpoint(initial: MessageEndpoint, handle: (data: unknown) => Promise<void>) {
  let messenger = initial;
  messenger.addEventListener('message', listener);
  return {
    replace(next: MessageEndpoint) {
      messenger.removeEventListener('message', listener);
      messenger = next;
      next.addEventListener('message', listener);
    },
  };
${listener}
}`;

runInBothModes('no-misused-async-callback (an interface contract of addEventListener, and the removal of the listener)', rule, {
  both: {
    valid: [
      // the listener catches everything
      MESSAGE_ENDPOINT('  async function listener(event: MessageEvent) {\n    try {\n      await handle(event.data);\n    } catch (error) {\n      console.error(error);\n    }\n  }'),
    ],
    invalid: [
      {
        // the catch answers the caller and throws again: the listener's promise rejects; the removal is not a misuse
        code: MESSAGE_ENDPOINT('  async function listener(event: MessageEvent) {\n    try {\n      await handle(event.data);\n    } catch (error) {\n      console.error(error);\n      throw error;\n    }\n  }'),
        errors: [
          { messageId: 'asyncListener', data: { name: 'addEventListener' }, line: 7, column: 41, endLine: 7, endColumn: 49, suggestions: null },
          { messageId: 'asyncListener', data: { name: 'addEventListener' }, line: 12, column: 40, endLine: 12, endColumn: 48, suggestions: null },
        ],
      },
    ],
  },
});

/** @module-federation/enhanced-like webpack plugins: what a tapable hook does with an async function's promise. */
const HOOK_PLUGIN = (tap: string) => `declare const compiler: any;
declare function writeStats(stats: unknown): Promise<void>;
export class StatsPlugin {
  apply(): void {
    compiler.hooks.done.${tap};
  }
}`;

const HANDLED_TAP = "tap('StatsPlugin', async (stats: unknown) => {\n      try {\n        await writeStats(stats);\n      } catch (error) {\n        console.error(error);\n      }\n    })";

runInBothModes('no-misused-async-callback (an async function given to a tapable hook)', rule, {
  both: {
    valid: [
      // tapPromise waits for the promise
      HOOK_PLUGIN("tapPromise('StatsPlugin', async (stats: unknown) => {\n      await writeStats(stats);\n    })"),
      HOOK_PLUGIN("tapAsync('StatsPlugin', (stats: unknown, callback: (error?: Error) => void) => {\n      writeStats(stats).then(() => callback(), callback);\n    })"),
      // an async function that catches what it awaits cannot reject
      HOOK_PLUGIN(HANDLED_TAP),
      // not a hook's tap
      `declare const stream: any;\ndeclare function log(value: unknown): Promise<void>;\nstream.tap('x', async (value: unknown) => {\n  await log(value);\n});`,
    ],
    invalid: [
      {
        code: HOOK_PLUGIN("tap('StatsPlugin', async (stats: unknown) => {\n      await writeStats(stats);\n    })"),
        errors: [{ messageId: 'asyncHook', data: { name: 'tap' }, line: 5, column: 44, endLine: 5, endColumn: 69, suggestions: [{ messageId: 'suggestTryCatch', output: HOOK_PLUGIN(HANDLED_TAP) }] }],
      },
      {
        code: HOOK_PLUGIN("tapAsync('StatsPlugin', async (stats: unknown, callback: () => void) => {\n      await writeStats(stats);\n      callback();\n    })"),
        errors: [{ messageId: 'asyncHook', data: { name: 'tapAsync' }, line: 5, column: 49, endLine: 5, endColumn: 96, suggestions: [{ messageId: 'suggestTryCatch', output: HOOK_PLUGIN("tapAsync('StatsPlugin', async (stats: unknown, callback: () => void) => {\n      try {\n        await writeStats(stats);\n        callback();\n      } catch (error) {\n        console.error(error);\n      }\n    })") }] }],
      },
    ],
  },
});

/** batch-cluster 17.0.0: the process's 'exit' listener, kept in a field, ends the cluster with `void`. */
const EXIT_LISTENER = (body: string, event = 'exit', head = '') => `${head}declare function killAll(graceful: boolean): Promise<void>;
declare function killNow(): void;
export class Cluster {
  readonly #exitListener = () => {
${body}
  };
  constructor() {
    process.once('${event}', this.#exitListener);
  }
  end(graceful: boolean): Promise<void> {
    return killAll(graceful);
  }
}`;

runInBothModes("no-misused-async-callback (async work detached in an 'exit' listener)", rule, {
  both: {
    valid: [
      // 17.1.0: the children are killed synchronously
      EXIT_LISTENER('    killNow();'),
      // a listener of an event that can wait
      EXIT_LISTENER('    void this.end(false);', 'beforeExit'),
    ],
    invalid: [
      {
        code: EXIT_LISTENER('    void this.end(false);'),
        errors: [{ messageId: 'exitWork', data: { work: 'this.end(false)' }, line: 5, column: 5, endLine: 5, endColumn: 25 }],
      },
      {
        // the process module, imported
        code: EXIT_LISTENER('    void this.end(false);', 'exit', "import process from 'node:process';\n"),
        errors: [{ messageId: 'exitWork', data: { work: 'this.end(false)' }, line: 6, column: 5, endLine: 6, endColumn: 25 }],
      },
    ],
  },
});

/** TypeScript's ES5 output (ts-jest 29.1.1's processAsync): an async executor compiled to `__awaiter` over `__generator`, its locals declared first. */
const COMPILED_EXECUTOR = (machine: string) => `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) { return new (P || (P = Promise))(function (resolve) { resolve(generator); }); };
var __generator = (this && this.__generator) || function (thisArg, body) { return body.call(thisArg, { label: 0, sent: function () {}, trys: [] }); };
function Transformer() {}
Transformer.prototype.processAsync = function (sourceText) {
    var _this = this;
    return new Promise(function (resolve, reject) { return __awaiter(_this, void 0, void 0, function () {
        var configs, result;
        return __generator(this, function (_b) {
${machine}
        });
    }); });
};
module.exports = Transformer;`;

runInBothModes('no-misused-async-callback (an async executor compiled for ES5)', rule, {
  both: {
    valid: [
      // the state machine has a try (its catch is not read: it may handle every failure)
      { code: COMPILED_EXECUTOR(`            switch (_b.label) {
                case 0:
                    _b.trys.push([0, 2, , 3]);
                    return [4 /*yield*/, this.load(sourceText)];
                case 1:
                    resolve(_b.sent());
                    return [3 /*break*/, 3];
                case 2:
                    reject(_b.sent());
                    return [3 /*break*/, 3];
                case 3: return [2 /*return*/];
            }`), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a synchronous executor
      { code: `function run(load) {\n  return new Promise(function (resolve, reject) { load(resolve, reject); });\n}\nmodule.exports = run;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: COMPILED_EXECUTOR(`            switch (_b.label) {
                case 0:
                    configs = this._configsFor(sourceText);
                    return [4 /*yield*/, configs.transform(sourceText)];
                case 1:
                    result = _b.sent();
                    resolve(result);
                    return [2 /*return*/];
            }`),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'asyncExecutor', data: { name: 'Promise' }, line: 6, column: 24, endLine: 6, endColumn: 50, suggestions: [] }],
      },
    ],
  },
});
