import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../../eslint-plugin/src/rules/return-await-in-try';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';
import { fixOutputs, typeCheckTexts } from '../typeCheck';

type InvalidCase = InvalidTestCase<MessageIds, Options>;

/** Functions every case may use: a promise that can reject, a resource, a thenable. */
const DECL = `declare function load(id: string): Promise<string>;
declare function open(): Promise<AsyncDisposable & { read(): Promise<string> }>;
declare function lock(): Disposable;
declare function log(error: unknown): void;
`;

/** @adobe/helix-universal 5.0.0's secrets request: a body read of a fetch-named call's response, returned from a try with a finally. */
const FETCH_CONTEXT = (returned: string) => `declare const fetchContext: { fetch(url: string): Promise<Response>; reset(): Promise<void> };
export async function request(url: string) {
  try {
    const { fetch } = fetchContext;
    const resp = await fetch(url);
    if (!resp.ok) {
      throw new Error(\`failed (\${resp.status})\`);
    }
    ${returned}
  } finally {
    await fetchContext.reset();
  }
}`;

const bothInvalid: InvalidCase[] = [
  {
    name: 'try/catch: the catch never sees the rejection',
    code: DECL + `export async function get(id: string) {
  try {
    return load(id);
  } catch (error) {
    log(error);
    return 'fallback';
  }
}`,
    output: DECL + `export async function get(id: string) {
  try {
    return await load(id);
  } catch (error) {
    log(error);
    return 'fallback';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 20 }],
  },
  {
    name: 'a chain over several lines is underlined up to its last callee, not over the callback',
    code: DECL + `export async function get(id: string) {
  try {
    return load(id)
      .then((text) => text.trim());
  } catch (error) {
    log(error);
    return 'fallback';
  }
}`,
    output: DECL + `export async function get(id: string) {
  try {
    return await load(id)
      .then((text) => text.trim());
  } catch (error) {
    log(error);
    return 'fallback';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '9' }, line: 7, column: 12, endLine: 8, endColumn: 12 }],
  },
  {
    name: 'try/finally: the finally runs while the promise is pending',
    code: DECL + `export async function get(id: string, timer: NodeJS.Timeout) {
  try {
    return load(id);
  } finally {
    clearTimeout(timer);
  }
}`,
    output: DECL + `export async function get(id: string, timer: NodeJS.Timeout) {
  try {
    return await load(id);
  } finally {
    clearTimeout(timer);
  }
}`,
    errors: [{ messageId: 'returnSkipsFinally', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 20 }],
  },
  {
    name: 'try/catch/finally',
    code: DECL + `export const get = async (id: string) => {
  try {
    return load(id);
  } catch (error) {
    log(error);
    throw new Error('failed', { cause: error });
  } finally {
    log('done');
  }
};`,
    output: DECL + `export const get = async (id: string) => {
  try {
    return await load(id);
  } catch (error) {
    log(error);
    throw new Error('failed', { cause: error });
  } finally {
    log('done');
  }
};`,
    errors: [{ messageId: 'returnSkipsCatchAndFinally', data: { line: '11' }, line: 7, column: 12, endLine: 7, endColumn: 20 }],
  },
  {
    name: 'in a catch block that has a finally',
    code: DECL + `export async function get(id: string) {
  try {
    return await load(id);
  } catch {
    return load('backup');
  } finally {
    log('done');
  }
}`,
    output: DECL + `export async function get(id: string) {
  try {
    return await load(id);
  } catch {
    return await load('backup');
  } finally {
    log('done');
  }
}`,
    errors: [{ messageId: 'returnSkipsFinally', data: { line: '10' }, line: 9, column: 12, endLine: 9, endColumn: 26 }],
  },
  {
    name: 'nested in an if, a loop and a block inside the try',
    code: DECL + `export async function first(ids: string[]) {
  try {
    for (const id of ids) {
      if (id) {
        return load(id);
      }
    }
    return 'none';
  } catch (error) {
    log(error);
    return 'failed';
  }
}`,
    output: DECL + `export async function first(ids: string[]) {
  try {
    for (const id of ids) {
      if (id) {
        return await load(id);
      }
    }
    return 'none';
  } catch (error) {
    log(error);
    return 'failed';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '13' }, line: 9, column: 16, endLine: 9, endColumn: 24 }],
  },
  {
    name: 'await using: the resource is disposed while the promise is pending',
    code: DECL + `export async function read(id: string) {
  await using file = await open();
  return load(id + String(file));
}`,
    output: DECL + `export async function read(id: string) {
  await using file = await open();
  return await load(id + String(file));
}`,
    errors: [{ messageId: 'returnSkipsDisposal', data: { line: '6', name: 'file' }, line: 7, column: 10, endLine: 7, endColumn: 33 }],
  },
  {
    name: 'using in an outer block, the return in an inner one',
    code: DECL + `export async function get(id: string) {
  using held = lock();
  if (id) {
    return load(id);
  }
  return '';
}`,
    output: DECL + `export async function get(id: string) {
  using held = lock();
  if (id) {
    return await load(id);
  }
  return '';
}`,
    errors: [{ messageId: 'returnSkipsDisposal', data: { line: '6', name: 'held' }, line: 8, column: 12, endLine: 8, endColumn: 20 }],
  },
  {
    name: 'a conditional is parenthesised',
    code: DECL + `export async function get(id: string, cached: boolean) {
  try {
    return cached ? load('cache:' + id) : load(id);
  } catch {
    return '';
  }
}`,
    output: DECL + `export async function get(id: string, cached: boolean) {
  try {
    return await (cached ? load('cache:' + id) : load(id));
  } catch {
    return '';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 51 }],
  },
  {
    name: 'an `as` assertion is parenthesised, so the assertion still applies to the promise',
    code: DECL + `export async function get(id: string) {
  try {
    return load(id) as Promise<'a' | 'b'>;
  } catch {
    return 'a';
  }
}`,
    output: DECL + `export async function get(id: string) {
  try {
    return await (load(id) as Promise<'a' | 'b'>);
  } catch {
    return 'a';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 42 }],
  },
  {
    name: 'parentheses and comments are kept',
    code: DECL + `export async function get(id: string) {
  try {
    return /* the user */ (
      // by id
      load(id)
    );
  } catch {
    return '';
  }
}`,
    output: DECL + `export async function get(id: string) {
  try {
    return /* the user */ await (
      // by id
      load(id)
    );
  } catch {
    return '';
  }
}`,
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '11' }, line: 9, column: 7, endLine: 9, endColumn: 15 }],
  },
  {
    name: 'a promise held in a variable, a .then chain, a method of this file',
    code: DECL + `class Repo {
  async find(id: string): Promise<string> { return load(id); }
  async get(id: string) {
    const pending = load(id);
    try {
      if (id === 'a') return pending;
      if (id === 'b') return load(id).then((value) => value.trim());
      return this.find(id);
    } catch {
      return '';
    }
  }
}`,
    output: DECL + `class Repo {
  async find(id: string): Promise<string> { return load(id); }
  async get(id: string) {
    const pending = load(id);
    try {
      if (id === 'a') return await pending;
      if (id === 'b') return await load(id).then((value) => value.trim());
      return await this.find(id);
    } catch {
      return '';
    }
  }
}`,
    errors: [
      { messageId: 'returnSkipsCatch', data: { line: '13' }, line: 10, column: 30, endLine: 10, endColumn: 37 },
      { messageId: 'returnSkipsCatch', data: { line: '13' }, line: 11, column: 30, endLine: 11, endColumn: 68 },
      { messageId: 'returnSkipsCatch', data: { line: '13' }, line: 12, column: 14, endLine: 12, endColumn: 27 },
    ],
  },
  {
    name: "Node's promise APIs, known without types by where they come from (JavaScript)",
    code: `import { readFile } from 'node:fs/promises';
export async function read(path) {
  try {
    return readFile(path, 'utf8');
  } catch {
    return '';
  }
}`,
    output: `import { readFile } from 'node:fs/promises';
export async function read(path) {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}`,
    filename: 'file.js',
    errors: [{ messageId: 'returnSkipsCatch', data: { line: '5' }, line: 4, column: 12, endLine: 4, endColumn: 34 }],
  },
  {
    name: 'a body read of a response from a function named fetch (not the global one): the finally runs before the body is read',
    code: FETCH_CONTEXT('return resp.json();'),
    output: FETCH_CONTEXT('return await resp.json();'),
    errors: [{ messageId: 'returnSkipsFinally', data: { line: '10' }, line: 9, column: 12, endLine: 9, endColumn: 23 }],
  },
  {
    name: 'a call whose callee the file awaits elsewhere: the code says it makes a promise',
    code: `declare function release(): void;
export async function read(store: any, id: string) {
  try {
    const head = await store.load(id);
    if (head.done) return head;
    return store.load(head.next);
  } finally {
    release();
  }
}`,
    output: `declare function release(): void;
export async function read(store: any, id: string) {
  try {
    const head = await store.load(id);
    if (head.done) return head;
    return await store.load(head.next);
  } finally {
    release();
  }
}`,
    errors: [{ messageId: 'returnSkipsFinally', data: { line: '7' }, line: 6, column: 12, endLine: 6, endColumn: 33 }],
  },
];

/**
 * TypeScript's output below ES2017 (@azure/service-bus 7.0.0's `dist/index.js`, issue #22): the `async` method is a
 * generator handed to `tslib.__awaiter`, its `await` a `yield`. The same `return` leaves the same `try`, and the fix
 * writes the compiled `return await`: `return yield`.
 */
const SERVICE_BUS_COMPILED = (returned: string) => `const tslib = require("tslib");
function executeAtomXmlOperation(client, webResource) {
    return tslib.__awaiter(this, void 0, void 0, function* () {
        return yield client.sendRequest(webResource);
    });
}
class ServiceBusAdministrationClient {
    deleteResource(name) {
        return tslib.__awaiter(this, void 0, void 0, function* () {
            const { span } = createSpan("deleteResource");
            try {
                ${returned};
            }
            catch (e) {
                span.setStatus({ code: 2 });
                throw e;
            }
            finally {
                span.end();
            }
        });
    }
}
module.exports = { ServiceBusAdministrationClient };`;

/** apollo-server-core 2.19.0's `requestPipeline.js`: `(0, tslib_1.__awaiter)`, and a `finally` only. */
const APOLLO_COMPILED = (returned: string) => `const tslib_1 = require("tslib");
function processGraphQLRequest(requestDidEnd) {
    return (0, tslib_1.__awaiter)(this, void 0, void 0, function* () {
        function sendResponse(response) {
            return (0, tslib_1.__awaiter)(this, void 0, void 0, function* () {
                return yield willSendResponse(response);
            });
        }
        try {
            ${returned};
        }
        finally {
            requestDidEnd();
        }
    });
}
module.exports = { processGraphQLRequest };`;

const compiledInvalid: InvalidCase[] = [
  {
    name: 'compiled async method (tslib.__awaiter): the fix writes `return yield`',
    code: SERVICE_BUS_COMPILED('return executeAtomXmlOperation(this, name)'),
    output: SERVICE_BUS_COMPILED('return yield executeAtomXmlOperation(this, name)'),
    filename: 'file.js',
    errors: [{ messageId: 'returnSkipsCatchAndFinally', data: { line: '18' }, line: 12, column: 24, endLine: 12, endColumn: 59 }],
  },
  {
    name: 'compiled async function called through `(0, tslib_1.__awaiter)`: a `finally` only',
    code: APOLLO_COMPILED('return sendResponse({})'),
    output: APOLLO_COMPILED('return yield sendResponse({})'),
    filename: 'file.js',
    errors: [{ messageId: 'returnSkipsFinally', data: { line: '12' }, line: 10, column: 20, endLine: 10, endColumn: 36 }],
  },
];

/**
 * Functions that are not `async` but return the promise itself (issue #22: @azure/identity's
 * EnvironmentCredential.getToken): the same guards are left early; the fix makes the function `async`, offered as a
 * suggestion when its declared type is `Promise<…>` (so `async` keeps it), none otherwise.
 */
const plainInvalid: InvalidCase[] = [
  {
    // (@loopback/context 1.13.0: the invocation context was closed while async interceptors still ran, fixed by 1.15.0)
    name: 'a function declared to return a value or a promise (an alias of another file) returns a call declared the same way',
    code: `import { ValueOrPromise } from './value-or-promise';
declare function runChain(name: string): ValueOrPromise<string>;
export function invoke(context: { close(): void }, name: string): ValueOrPromise<string> {
  try {
    return runChain(name);
  } finally {
    context.close();
  }
}`,
    filename: path.join(FIXTURES_DIR, 'file.ts'),
    output: null,
    errors: [{ messageId: 'plainReturnSkipsFinally', data: { line: '6' }, line: 5, column: 12, endLine: 5, endColumn: 26, suggestions: [] }],
  },
  {
    name: 'a method declared Promise<…>, its callee from a package that is not installed (the catch and the finally are skipped)',
    code: `import type { TokenCredential } from 'missing-sdk';
declare function startSpan(): { fail(error: unknown): void; end(): void };
export class EnvironmentCredential {
  private credential?: TokenCredential;
  getToken(scope: string): Promise<string | null> {
    const span = startSpan();
    if (this.credential) {
      try {
        return this.credential.getToken(scope);
      } catch (error) {
        span.fail(error);
        throw error;
      } finally {
        span.end();
      }
    }
    span.end();
    return Promise.resolve(null);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'plainReturnSkipsCatchAndFinally',
        data: { line: '13' },
        line: 9,
        column: 16,
        endLine: 9,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'suggestAsyncAndAwait',
            output: `import type { TokenCredential } from 'missing-sdk';
declare function startSpan(): { fail(error: unknown): void; end(): void };
export class EnvironmentCredential {
  private credential?: TokenCredential;
  async getToken(scope: string): Promise<string | null> {
    const span = startSpan();
    if (this.credential) {
      try {
        return await this.credential.getToken(scope);
      } catch (error) {
        span.fail(error);
        throw error;
      } finally {
        span.end();
      }
    }
    span.end();
    return Promise.resolve(null);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'an exported function declared Promise<…>: the finally clears the timer at once',
    code: DECL + `export function withTimeout(id: string, ms: number): Promise<string> {
  const timer = setTimeout(() => log('slow'), ms);
  try {
    return load(id);
  } finally {
    clearTimeout(timer);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'plainReturnSkipsFinally',
        data: { line: '9' },
        line: 8,
        column: 12,
        endLine: 8,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'suggestAsyncAndAwait',
            output: DECL + `export async function withTimeout(id: string, ms: number): Promise<string> {
  const timer = setTimeout(() => log('slow'), ms);
  try {
    return await load(id);
  } finally {
    clearTimeout(timer);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'an arrow function and a static method declared Promise<…>',
    code: DECL + `export const get = (id: string): Promise<string> => {
  try {
    return load(id);
  } catch (error) {
    log(error);
    return Promise.resolve('');
  }
};
export class Store {
  static read(id: string): Promise<string> {
    try {
      return load(id);
    } catch (error) {
      log(error);
      throw new Error('read failed');
    }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'plainReturnSkipsCatch',
        data: { line: '8' },
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'suggestAsyncAndAwait',
            output: DECL + `export const get = async (id: string): Promise<string> => {
  try {
    return await load(id);
  } catch (error) {
    log(error);
    return Promise.resolve('');
  }
};
export class Store {
  static read(id: string): Promise<string> {
    try {
      return load(id);
    } catch (error) {
      log(error);
      throw new Error('read failed');
    }
  }
}`,
          },
        ],
      },
      {
        messageId: 'plainReturnSkipsCatch',
        data: { line: '17' },
        line: 16,
        column: 14,
        endLine: 16,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'suggestAsyncAndAwait',
            output: DECL + `export const get = (id: string): Promise<string> => {
  try {
    return load(id);
  } catch (error) {
    log(error);
    return Promise.resolve('');
  }
};
export class Store {
  static async read(id: string): Promise<string> {
    try {
      return await load(id);
    } catch (error) {
      log(error);
      throw new Error('read failed');
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'an object literal method with a computed name',
    code: DECL + `const key = 'fetch';
export const api = {
  [key](id: string): Promise<string> {
    try {
      return load(id);
    } finally {
      log('done');
    }
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'plainReturnSkipsFinally',
        data: { line: '10' },
        line: 9,
        column: 14,
        endLine: 9,
        endColumn: 22,
        suggestions: [
          {
            messageId: 'suggestAsyncAndAwait',
            output: DECL + `const key = 'fetch';
export const api = {
  async [key](id: string): Promise<string> {
    try {
      return await load(id);
    } finally {
      log('done');
    }
  },
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'declared PromiseLike<…>, and a getter: reported, no suggestion (`async` would not type-check or is not allowed)',
    code: DECL + `export function get(id: string): PromiseLike<string> {
  try {
    return load(id);
  } catch (error) {
    log(error);
    return Promise.resolve('');
  }
}
export class Lazy {
  constructor(private readonly id: string) {}
  get value(): Promise<string> {
    try {
      return load(this.id);
    } finally {
      log('read');
    }
  }
}`,
    output: null,
    errors: [
      { messageId: 'plainReturnSkipsCatch', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 20, suggestions: [] },
      { messageId: 'plainReturnSkipsFinally', data: { line: '18' }, line: 17, column: 14, endLine: 17, endColumn: 27, suggestions: [] },
    ],
  },
];

const bothValid = [
  // a value-or-promise function returning a plain value: nothing is pending
  {
    code: `import { ValueOrPromise } from './value-or-promise';
export function invoke(context: { close(): void }, cached: string): ValueOrPromise<string> {
  try {
    return cached.trim();
  } finally {
    context.close();
  }
}`,
    filename: path.join(FIXTURES_DIR, 'file.ts'),
  },
  { code: SERVICE_BUS_COMPILED('return yield executeAtomXmlOperation(this, name)'), filename: 'file.js' },
  // a generator that no `__awaiter` runs: its `return` hands the promise to whoever iterates it
  {
    code: `function* pages(load) {
    try {
        return load();
    }
    finally {
        done();
    }
}
module.exports = { pages };`,
    filename: 'file.js',
  },
  // not async, declared Promise<…>: the catch hands the error on as a rejection, which awaiting would not change
  DECL + `export function get(id: string): Promise<string> {
  try {
    return load(id);
  } catch (error) {
    return Promise.reject(error);
  }
}`,
  // not async, declared Promise<…>: an already settled promise has nothing to wait for
  DECL + `export function get(id: string): Promise<string> {
  try {
    log(id);
    return Promise.resolve(id);
  } finally {
    log('done');
  }
}`,
  // not async, declared Promise<…>: the return is in the catch (no finally) or outside the try
  DECL + `export function get(id: string): Promise<string> {
  try {
    log(id);
  } catch {
    return load('backup');
  }
  return load(id);
}`,
  // not async, no declared type, an unknown callee: not known to be a promise (\`any\` with types)
  `export function get(client, id) {
  try {
    return client.fetch(id);
  } catch {
    return null;
  }
}`,
  // already awaited
  DECL + `async function get(id: string) {
  try {
    return await load(id);
  } catch {
    return '';
  }
}`,
  // no try: the caller's own handling applies, awaiting changes nothing
  DECL + `async function get(id: string) {
  return load(id);
}`,
  // in a catch without finally: nothing is left to skip
  DECL + `async function get(id: string) {
  try {
    return await load(id);
  } catch {
    return load('backup');
  }
}`,
  // in the finally block itself
  DECL + `async function get(id: string) {
  try {
    log(id);
  } finally {
    return load(id);
  }
}`,
  // an async generator's return awaits its operand already
  DECL + `async function* items(id: string) {
  try {
    yield 1;
    return load(id);
  } finally {
    log('done');
  }
}`,
  // the return belongs to a nested function
  DECL + `async function get(ids: string[]) {
  try {
    return await Promise.all(ids.map(async (id) => { return load(id); }));
  } catch {
    return [];
  }
}`,
  // not a promise
  DECL + `async function get(id: string) {
  try {
    return id.trim();
  } catch {
    return '';
  }
}`,
  // a catch that rethrows unchanged: awaiting would change nothing
  DECL + `async function get(id: string) {
  try {
    return load(id);
  } catch (error) {
    throw error;
  }
}`,
  // only a catch, and the promise cannot reject
  DECL + `async function safe(id: string) {
  try {
    return await load(id);
  } catch {
    return '';
  }
}
async function get(id: string) {
  try {
    return safe(id);
  } catch {
    return 'never';
  }
}`,
  // the using declaration comes after the return, or its block has ended
  DECL + `async function get(id: string) {
  if (id) return load(id);
  using held = lock();
  return '';
}`,
  DECL + `async function get(id: string) {
  {
    using held = lock();
    log(held);
  }
  return load(id);
}`,
  // a \`json()\` of a value that does not come from a fetch, and a callee the file never awaits: nothing says promise
  `declare function release(): void;
export async function read(store: any, parse: any) {
  try {
    const doc = await parse.document();
    store.load(doc.id);
    return doc.json();
  } finally {
    release();
  }
}`,
  // unknown callee: not known to be a promise without types, and \`any\` with them
  `async function get(client, id) {
  try {
    return client.fetch(id);
  } catch {
    return null;
  }
}`,
];

runInBothModes('return-await-in-try', rule, {
  both: { valid: bothValid, invalid: [...bothInvalid, ...plainInvalid, ...compiledInvalid] },
  syntacticOnly: {
    // a generic function's return type is the type of its argument: only the checker knows it is a promise here
    valid: [
      // not async and no declared type, and more than the return in the try: without types the function's promise
      // counts only by its declared type
      DECL + `function get(id: string) {
  try {
    log(id);
    return load(id);
  } catch {
    return Promise.resolve('');
  }
}`,
      DECL + `declare function traced<T>(value: T): T;
async function get(id: string) {
  try {
    return traced(load(id));
  } catch {
    return '';
  }
}`,
    ],
  },
  typedOnly: {
    invalid: [
      {
        code: DECL + `declare function traced<T>(value: T): T;
async function get(id: string) {
  try {
    return traced(load(id));
  } catch {
    return '';
  }
}`,
        output: DECL + `declare function traced<T>(value: T): T;
async function get(id: string) {
  try {
    return await traced(load(id));
  } catch {
    return '';
  }
}`,
        errors: [{ messageId: 'returnSkipsCatch', data: { line: '9' }, line: 8, column: 12, endLine: 8, endColumn: 28 }],
      },
    ],
  },
});

describe('return-await-in-try fixes type-check', () => {
  const outputs = fixOutputs(bothInvalid.filter((testCase) => testCase.filename === undefined));

  it('checks every TypeScript fix', () => {
    assert.equal(outputs.length, bothInvalid.length - 1);
  });

  it('every suggestion that makes a function async type-checks', () => {
    const suggested = fixOutputs(plainInvalid);
    assert.equal(suggested.length, 5);
    const results = typeCheckTexts(suggested.map(({ output }) => output), { name: 'return-await-in-try', declarations: "declare module 'missing-sdk' { export interface TokenCredential { getToken(scope: string): Promise<string | null>; } }" });
    const failures = results.flatMap((errors, index) => (errors.length > 0 ? [`${suggested[index]?.name}: ${errors.join('; ')}`] : []));
    assert.deepEqual(failures, []);
  });

  it('every fix output type-checks', () => {
    const results = typeCheckTexts(outputs.map(({ output }) => output), { name: 'return-await-in-try' });
    const failures = results.flatMap((errors, index) => (errors.length > 0 ? [`${outputs[index]?.name}: ${errors.join('; ')}`] : []));
    assert.deepEqual(failures, []);
  });

  it('the checker does reject a broken output (control)', () => {
    const [errors] = typeCheckTexts([DECL + 'export async function get(id: string) {\n  try {\n    return await load(id).missing;\n  } catch {\n    return "";\n  }\n}'], { name: 'return-await-in-try' });
    assert.ok(errors && errors.length > 0);
  });
});

/**
 * A function that is not `async` whose `try` holds nothing but `return` of a call that makes a promise
 * (supertokens-node 18.0.0's `doFetch`, through a `const` that picks `fetch` or a polyfill).
 */
const DO_FETCH = (choice: string, body = 'return fetchFunction(input, init);') => `declare const crossFetch: typeof fetch;
export const doFetch = (input: string, init?: RequestInit) => {
  const fetchFunction = ${choice};
  try {
    ${body}
  } catch (error) {
    return fetchFunction(input, {});
  }
};`;

runInBothModes('return-await-in-try (a promise call alone in the try of a function that is not async)', rule, {
  both: {
    valid: [
      // the catch hands the error on unchanged: awaiting would change nothing
      `export function load(url: string) {
  try {
    return fetch(url);
  } catch (error) {
    throw error;
  }
}`,
      // the catch hands the error on as a promise library's rejection (knex 0.20's acquireConnection)
      `const Bluebird = require('bluebird');
export function acquire(pool: { acquire(): { promise: Promise<unknown> } }) {
  try {
    return Bluebird.try(() => pool.acquire().promise);
  } catch (error) {
    return Bluebird.reject(error);
  }
}`,
      // an async function of this file that cannot reject: the catch has nothing to see
      `async function label(id: string) { return 'item ' + id; }
export function describe(id: string) {
  try {
    return label(id);
  } catch (error) {
    return Promise.resolve('');
  }
}`,
    ],
    invalid: [
      {
        code: DO_FETCH("typeof fetch !== 'undefined' ? fetch : crossFetch"),
        errors: [{ messageId: 'plainReturnSkipsCatch', data: { line: '6' }, line: 5, column: 12, endLine: 5, endColumn: 38, suggestions: [] }],
      },
      {
        name: 'not async and no declared type, a function declared to return a promise alone in the try (no suggestion: nothing says `async` keeps the type)',
        code: DECL + `function get(id: string) {
  try {
    return load(id);
  } catch {
    return Promise.resolve('');
  }
}`,
        errors: [{ messageId: 'plainReturnSkipsCatch', data: { line: '8' }, line: 7, column: 12, endLine: 7, endColumn: 20, suggestions: [] }],
      },
      {
        code: DO_FETCH('globalThis.fetch ?? crossFetch'),
        errors: [{ messageId: 'plainReturnSkipsCatch', data: { line: '6' }, line: 5, column: 12, endLine: 5, endColumn: 38, suggestions: [] }],
      },
    ],
  },
  syntacticOnly: {
    valid: [
      // more than the return in the try: the catch may be there for the synchronous code
      DO_FETCH('fetch', `const body = JSON.stringify(init);
    return fetchFunction(input, { body });`),
      // one of the functions is this file's and makes no promise
      `function parseLocal(input: string) { return input.trim(); }
export function read(input: string, remote: boolean) {
  const readFunction = remote ? fetch : parseLocal;
  try {
    return readFunction(input);
  } catch (error) {
    return null;
  }
}`,
    ],
    invalid: [],
  },
});

runInBothModes('return-await-in-try (a promise started in a try and awaited after it)', rule, {
  both: {
    valid: [
      // awaited inside the try: the catch sees the rejection
      `export async function flag(decide: () => Promise<boolean>) {
  let decision: Promise<boolean>;
  try {
    decision = decide();
    return await decision;
  } catch {
    return false;
  }
}`,
      // the try awaits something itself: its catch is for that lookup (heroku's labs:enable)
      `export async function enable(get: (path: string) => Promise<unknown>, patch: (feature: string) => Promise<void>, feature: string) {
  let request: Promise<void>;
  try {
    await get('/features/' + feature);
    request = patch(feature);
  } catch (error) {
    request = patch('app-' + feature);
  }
  await request;
}`,
      // the chain handles the rejection where it is made
      `export async function flag(decide: () => Promise<boolean>) {
  let decision: Promise<boolean>;
  try {
    decision = decide().catch(() => false);
  } catch {
    decision = Promise.resolve(false);
  }
  return await decision;
}`,
      // the await after the try sits in a try of its own with a catch
      `export async function flag(decide: () => Promise<boolean>) {
  let decision: Promise<boolean>;
  try {
    decision = decide();
  } catch {
    decision = Promise.resolve(false);
  }
  try {
    return await decision;
  } catch {
    return false;
  }
}`,
      // the catch hands the error on unchanged
      `export async function flag(decide: () => Promise<boolean>) {
  let decision: Promise<boolean>;
  try {
    decision = decide();
  } catch (error) {
    throw error;
  }
  return await decision;
}`,
      // a plain function: nothing awaits after the try
      `export function flag(decide: () => Promise<boolean>) {
  let decision: Promise<boolean> | undefined;
  try {
    decision = decide();
  } catch {
    decision = undefined;
  }
  return decision;
}`,
    ],
    invalid: [
      {
        // @vercel/flags 2.6.2's flag(): the fallback for a failing decide() never sees its rejection
        code: `declare function remember(key: string, value: Promise<unknown>): void;
export async function flag(definition: { key: string; decide: () => Promise<boolean>; defaultValue: boolean }) {
  let decisionPromise: Promise<boolean>;
  try {
    decisionPromise = definition.decide();
  } catch {
    decisionPromise = Promise.resolve(definition.defaultValue);
  }
  remember(definition.key, decisionPromise);
  const decision = await decisionPromise;
  return decision;
}`,
        errors: [{ messageId: 'awaitedAfterTry', data: { name: 'decisionPromise', line: '10', catchLine: '6' }, line: 5, column: 23, endLine: 5, endColumn: 42 }],
      },
    ],
  },
});
