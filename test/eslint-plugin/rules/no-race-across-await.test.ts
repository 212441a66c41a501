import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';

import rule, { type MessageIds, type Options } from '../../../eslint-plugin/src/rules/no-race-across-await';
import { runInBothModes } from '../RuleTester';
import { fixOutputs, typeCheckTexts } from '../typeCheck';

type InvalidCase = InvalidTestCase<MessageIds, Options>;

/** Promise-returning functions the TypeScript cases use. */
const DECL = `interface Client { query(sql: string): Promise<number>; close(): Promise<void> }
declare function connect(): Promise<Client>;
declare function price(item: string): Promise<number>;
declare function load(key: string): Promise<string>;
`;

/** The same for JavaScript cases (JSDoc, so that the suggestion outputs type-check with `checkJs`). */
const JS_DECL = `/** @returns {Promise<{ query(sql: string): Promise<number> }>} */
async function connect() { return { query: async () => 1 }; }
`;

/** The rendered lazy-initialisation message, checked once with a Linter below. */
const LAZY_MESSAGE = (state: string, operation: string): string =>
  `Two overlapping calls can both find \`${state}\` unset, both wait for \`${operation}\`, and the later one overwrites the first: the work runs twice and the first result is dropped (a connection or client made by the first call would never be closed). Cache the promise instead (\`${state} ??= ${operation}\`) so overlapping calls share it, or initialise under a lock.`;

const bothInvalid: InvalidCase[] = [
  {
    // (hardhat 3.8.0: concurrent network connections got a context whose providers were not registered yet, fixed in 3.9.0)
    name: 'a value published before the awaits that prepare it (module state)',
    code: DECL + `declare class Context { register(kind: string): Promise<void> }
let context: Context | undefined;
export async function getContext(): Promise<Context> {
  if (context === undefined) {
    context = new Context();
    await context.register("l1");
    await context.register("op");
  }
  return context;
}`,
    errors: [{ messageId: 'publishedEarly', data: { state: 'context', operation: 'context.register("l1")', key: '' }, line: 9, column: 5, endLine: 9, endColumn: 28, suggestions: [] }],
  },
  {
    name: 'a client published before it is connected, after an early return of the ready one (a member)',
    code: DECL + `declare function createClient(): Client & { connect(): Promise<void> };
export class Store {
  private client?: Client & { connect(): Promise<void> };
  async getClient() {
    if (this.client) return this.client;
    this.client = createClient();
    await this.client.connect();
    return this.client;
  }
}`,
    errors: [{ messageId: 'publishedEarly', data: { state: 'this.client', operation: 'this.client.connect()', key: '' }, line: 10, column: 5, endLine: 10, endColumn: 33, suggestions: [] }],
  },
  {
    // (@rushstack/node-core-library 3.45.4: forEachAsync ran more callbacks than its concurrency, fixed in 3.45.5)
    name: 'a count checked against a limit and raised after the await, in a loop re-entered from completion callbacks',
    code: DECL + `export function forEachLimited(items: Iterator<string>, limit: number, run: (item: string) => Promise<void>) {
  let inProgress = 0;
  let done = false;
  async function pump(): Promise<void> {
    while (inProgress < limit && !done) {
      const next = await Promise.resolve(items.next());
      done = !!next.done;
      if (!done) {
        inProgress++;
        run(next.value).then(async () => {
          inProgress--;
          await pump();
        }, () => {});
      }
    }
  }
  return pump();
}`,
    errors: [{ messageId: 'countedLate', data: { state: 'inProgress', operation: 'Promise.resolve(items.next())', key: '' }, line: 13, column: 9, endLine: 13, endColumn: 21, suggestions: [] }],
  },
  {
    name: 'a count of a member checked under an if and raised after the await',
    code: DECL + `export class Limiter {
  private active = 0;
  constructor(private max: number) {}
  async start(item: string) {
    if (this.active < this.max) {
      const value = await load(item);
      this.active += 1;
      return value;
    }
    return null;
  }
}`,
    errors: [{ messageId: 'countedLate', data: { state: 'this.active', operation: 'load(item)', key: '' }, line: 11, column: 7, endLine: 11, endColumn: 23, suggestions: [] }],
  },
  {
    // (@smithy/node-http-handler 4.14.0: concurrent first requests each made an http.Agent, fixed in 4.14.1)
    name: 'lazy initialisation under a plain condition beside the check (`&&`), of a member of a member',
    code: DECL + `export class Handler {
  private config: { agent?: Client; makeAgent(): Promise<Client> } = { makeAgent: connect };
  async handle(request: { protocol: string }) {
    const isSSL = request.protocol === "https:";
    if (!isSSL && !this.config.agent) {
      this.config.agent = await this.config.makeAgent();
    }
    return this.config.agent;
  }
}`,
    errors: [
      { messageId: 'lazyInit', data: { state: 'this.config.agent', operation: 'this.config.makeAgent()', key: '' }, line: 10, column: 7, endLine: 10, endColumn: 56, suggestions: [] },
    ],
  },
  {
    // (zigbee2mqtt 2.2.1: overlapping resolveDefinition calls each looked the definition up, fixed by 2.14.1)
    name: 'lazy initialisation as one operand of `||`, beside a test of another member object (`&&`)',
    code: DECL + `declare function findByDevice(device: { modelID: string }): Promise<Client>;
export class Device {
  private definition?: Client;
  private definitionModelID?: string;
  constructor(private readonly zh: { interviewing: boolean; modelID: string }) {}
  async resolveDefinition(ignoreCache = false) {
    if (!this.zh.interviewing && (!this.definition || this.definitionModelID !== this.zh.modelID || ignoreCache)) {
      this.definition = await findByDevice(this.zh);
      this.definitionModelID = this.zh.modelID;
    }
  }
}`,
    errors: [
      { messageId: 'lazyInit', data: { state: 'this.definition', operation: 'findByDevice(this.zh)', key: '' }, line: 12, column: 7, endLine: 12, endColumn: 52, suggestions: [] },
    ],
  },
  {
    // (kafkajs 1.15.0: the runner's and the user's heartbeats all passed the interval check, fixed in 1.16.0)
    name: 'a throttle: the time of the last request compared with the clock, updated only after the await',
    code: DECL + `export class ConsumerGroup {
  private lastRequest = 0;
  constructor(private coordinator: Client) {}
  async heartbeat({ interval }: { interval: number }) {
    const now = Date.now();
    if (now >= this.lastRequest + interval) {
      await this.coordinator.query("heartbeat");
      this.lastRequest = Date.now();
    }
  }
}`,
    errors: [
      {
        messageId: 'timeWindow',
        data: { state: 'this.lastRequest', operation: 'this.coordinator.query("heartbeat")', key: '' },
        line: 12,
        column: 7,
        endLine: 12,
        endColumn: 36,
        suggestions: [],
      },
    ],
  },
  {
    name: 'an expiry: a token refreshed when the clock passed the time it expires, the time stored after the await',
    code: DECL + `let expiresAt = 0;
let token = "";
export async function getToken() {
  if (new Date().getTime() > expiresAt) {
    const fresh = await load("token");
    token = fresh;
    expiresAt = Date.now() + 60_000;
  }
  return token;
}`,
    errors: [{ messageId: 'timeWindow', data: { state: 'expiresAt', operation: 'load("token")', key: '' }, line: 11, column: 5, endLine: 11, endColumn: 36, suggestions: [] }],
  },
  {
    name: 'lazy initialisation of a member in an exported class',
    code: DECL + `export class Store {
  private client?: Client;
  async query(sql: string) {
    if (!this.client) {
      this.client = await connect();
    }
    return this.client.query(sql);
  }
}`,
    errors: [{ messageId: 'lazyInit', data: { state: 'this.client', operation: 'connect()', key: '' }, line: 9, column: 7, endLine: 9, endColumn: 36, suggestions: [] }],
  },
  {
    name: 'lazy initialisation with an early return of the cached value, through a local',
    code: DECL + `let client: Client | undefined;
export async function getClient() {
  if (client) return client;
  const fresh = await connect();
  client = fresh;
  return fresh;
}`,
    errors: [{ messageId: 'lazyInit', line: 9, column: 3, endLine: 9, endColumn: 17, suggestions: [] }],
  },
  {
    name: 'a module-level client of a helper that an exported handler calls: the suggestion caches the promise (JavaScript)',
    code: JS_DECL + `let client;
async function getClient() {
  if (!client) {
    client = await connect();
  }
  return client;
}
/** @param {string} sql */
export async function handle(sql) {
  const db = await getClient();
  return db.query(sql);
}`,
    filename: 'file.js',
    errors: [
      {
        messageId: 'lazyInit',
        data: { state: 'client', operation: 'connect()', key: '' },
        line: 6,
        column: 5,
        endLine: 6,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'suggestCachePromise',
            output: JS_DECL + `let client;
async function getClient() {
  client ??= connect().catch((error) => {
    client = undefined;
    throw error;
  });
  return client;
}
/** @param {string} sql */
export async function handle(sql) {
  const db = await getClient();
  return db.query(sql);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a #private field: the suggestion caches the promise (JavaScript)',
    code: JS_DECL + `export class Pool {
  #client;
  async client() {
    if (!this.#client) this.#client = await connect();
    return this.#client;
  }
}`,
    filename: 'file.js',
    errors: [
      {
        messageId: 'lazyInit',
        line: 6,
        column: 24,
        endLine: 6,
        endColumn: 54,
        suggestions: [
          {
            messageId: 'suggestCachePromise',
            output: JS_DECL + `export class Pool {
  #client;
  async client() {
    this.#client ??= connect().catch((error) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: '??= with an await: the same race in one expression',
    code: DECL + `export class Store {
  client: Client | undefined;
  async get() {
    this.client ??= await connect();
    return this.client;
  }
}`,
    errors: [{ messageId: 'lazyInit', line: 8, column: 5, endLine: 8, endColumn: 36, suggestions: [] }],
  },
  {
    name: 'check-then-set on a module cache in a route handler',
    code: DECL + `declare const app: { get(path: string, handler: (req: { query: { key: string } }, res: { send(v: string): void }) => Promise<void>): void };
const cache = new Map<string, string>();
app.get('/item', async (req, res) => {
  const key = req.query.key;
  if (!cache.has(key)) {
    cache.set(key, await load(key));
  }
  res.send(cache.get(key)!);
});`,
    errors: [{ messageId: 'checkThenSet', data: { state: 'cache', key: 'key', operation: 'load(key)' }, line: 10, column: 5, endLine: 10, endColumn: 36, suggestions: [] }],
  },
  {
    name: 'check-then-set with an early return and an else, on a cache with a TTL, exported through CommonJS',
    code: `const LRU = require('lru-cache');
const cache = new LRU(100);
const getKey = async (id, provider) => {
  if (cache.has(id)) {
    return cache.get(id);
  } else {
    const key = await provider.decrypt(id);
    cache.set(id, key, 60);
    return key;
  }
};
exports.getKey = getKey;`,
    filename: 'file.js',
    errors: [{ messageId: 'checkThenSet', data: { state: 'cache', key: 'id', operation: 'provider.decrypt(id)' }, line: 8, column: 5, endLine: 8, endColumn: 27, suggestions: [] }],
  },
  {
    name: 'check-then-set through a local that holds the cache entry',
    code: DECL + `export class Clients {
  private readonly clients = new Map<string, Client>();
  async get(id: string) {
    const known = this.clients.get(id);
    if (known) return known;
    const client = await connect();
    this.clients.set(id, client);
    return client;
  }
}`,
    errors: [{ messageId: 'checkThenSet', data: { state: 'this.clients', key: 'id', operation: 'connect()' }, line: 11, column: 5, endLine: 11, endColumn: 33, suggestions: [] }],
  },
  {
    name: 'check-then-set through a store with one read and one write method per kind of entry',
    code: `declare function find(id: number): Promise<{ schema: string }>;
interface SchemaCache { getSchema(id: number): object | undefined; setSchema(id: number, schema: object): object }
export class Registry {
  constructor(private readonly cache: SchemaCache) {}
  async getSchema(registryId: number) {
    const schema = this.cache.getSchema(registryId);
    if (schema) {
      return schema;
    }
    const response = await find(registryId);
    return this.cache.setSchema(registryId, JSON.parse(response.schema));
  }
}`,
    errors: [{ messageId: 'checkThenSet', data: { state: 'this.cache', key: 'registryId', operation: 'find(registryId)' }, line: 11, column: 12, endLine: 11, endColumn: 73, suggestions: [] }],
  },
  {
    name: 'check-then-set after a check that shares its pending request: the client made after it is made by every caller',
    code: `declare class KeyClient { constructor(url: string) }
export class Tokens {
  private readonly clients = new Map<string, KeyClient>();
  private readonly pending: Record<string, Promise<boolean> | undefined> = {};
  async getClient(pluginId: string) {
    const client = this.clients.get(pluginId);
    if (client) return client;
    if (!await this.isSupported(pluginId)) throw new Error('unsupported');
    const created = new KeyClient(pluginId);
    this.clients.set(pluginId, created);
    return created;
  }
  private isSupported(pluginId: string) {
    const known = this.pending[pluginId];
    if (known) return known;
    const check = fetch(pluginId).then((res) => res.ok);
    this.pending[pluginId] = check;
    return check;
  }
}`,
    errors: [{ messageId: 'checkThenSet', data: { state: 'this.clients', key: 'pluginId', operation: 'this.isSupported(pluginId)' }, line: 10, column: 5, endLine: 10, endColumn: 40, suggestions: [] }],
  },
  {
    name: 'check-then-set with an early return, on a member cache',
    code: DECL + `export class Catalog {
  private readonly cache: Record<string, string> = {};
  async get(id: string) {
    if (this.cache[id]) return this.cache[id];
    const value = await load(id);
    this.cache[id] = value;
    return value;
  }
}`,
    errors: [{ messageId: 'checkThenSet', data: { state: 'this.cache', key: 'id', operation: 'load(id)' }, line: 10, column: 5, endLine: 10, endColumn: 27, suggestions: [] }],
  },
  {
    name: 'read-modify-write with a compound assignment: the suggestion awaits first',
    code: DECL + `export class Cart {
  total = 0;
  async add(item: string) {
    this.total += await price(item);
  }
}`,
    errors: [
      {
        messageId: 'readModifyWrite',
        data: { state: 'this.total', operation: 'price(item)', key: '' },
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'suggestAwaitFirst',
            output: DECL + `export class Cart {
  total = 0;
  async add(item: string) {
    const value = await price(item);
    this.total += value;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'read-modify-write spelled out: the read is an operand before the await',
    code: DECL + `export class Cart {
  total = 0;
  async add(item: string) {
    const value = 1;
    this.total = this.total + (await price(item)) * value;
  }
}`,
    errors: [
      {
        messageId: 'readModifyWrite',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'suggestAwaitFirst',
            output: DECL + `export class Cart {
  total = 0;
  async add(item: string) {
    const value = 1;
    const awaited = await price(item);
    this.total = this.total + awaited * value;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a captured total in concurrent map callbacks',
    code: DECL + `export async function sum(items: string[]) {
  let total = 0;
  await Promise.all(items.map(async (item) => {
    total += await price(item);
  }));
  return total;
}`,
    errors: [
      {
        messageId: 'readModifyWrite',
        data: { state: 'total', operation: 'price(item)', key: '' },
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'suggestAwaitFirst',
            output: DECL + `export async function sum(items: string[]) {
  let total = 0;
  await Promise.all(items.map(async (item) => {
    const value = await price(item);
    total += value;
  }));
  return total;
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'a snapshot taken before the await and written back after it, in an event listener',
    code: DECL + `import { EventEmitter } from 'node:events';
const events = new EventEmitter();
let sequence = 0;
events.on('order', async (id: string) => {
  const next = sequence + 1;
  await load(id + next);
  sequence = next;
});`,
    errors: [{ messageId: 'readModifyWrite', data: { state: 'sequence', operation: 'load(id + next)', key: '' }, line: 11, column: 3, endLine: 11, endColumn: 18, suggestions: [] }],
  },
  {
    name: 'a setInterval callback and a method a listener calls through bind',
    code: DECL + `class Poller {
  count = 0;
  start(emitter: { on(event: string, listener: () => void): void }) {
    emitter.on('tick', this.poll.bind(this));
    setInterval(async () => {
      this.count = this.count + await price('x');
    }, 1000);
  }
  async poll() {
    this.count -= await price('y');
  }
}`,
    errors: [
      { messageId: 'readModifyWrite', line: 10, column: 7, endLine: 10, endColumn: 49, suggestions: [{ messageId: 'suggestAwaitFirst', output: DECL + `class Poller {
  count = 0;
  start(emitter: { on(event: string, listener: () => void): void }) {
    emitter.on('tick', this.poll.bind(this));
    setInterval(async () => {
      const value = await price('x');
      this.count = this.count + value;
    }, 1000);
  }
  async poll() {
    this.count -= await price('y');
  }
}` }] },
      { messageId: 'readModifyWrite', line: 14, column: 5, endLine: 14, endColumn: 35, suggestions: [{ messageId: 'suggestAwaitFirst', output: DECL + `class Poller {
  count = 0;
  start(emitter: { on(event: string, listener: () => void): void }) {
    emitter.on('tick', this.poll.bind(this));
    setInterval(async () => {
      this.count = this.count + await price('x');
    }, 1000);
  }
  async poll() {
    const value = await price('y');
    this.count -= value;
  }
}` }] },
    ],
  },
];

const bothValid = [
  // the store's write is of another kind of entry than the read: not the entry found missing
  `declare function find(id: number): Promise<{ schema: string }>;
interface SchemaCache { getSchema(id: number): object | undefined; setLatestId(id: number, at: number): void }
export class Registry {
  constructor(private readonly cache: SchemaCache) {}
  async getSchema(registryId: number) {
    const schema = this.cache.getSchema(registryId);
    if (schema) return schema;
    const response = await find(registryId);
    this.cache.setLatestId(registryId, Date.now());
    return JSON.parse(response.schema);
  }
}`,
  // the awaited method keeps the pending request per key: overlapping misses share one request
  `declare function find(id: number): Promise<{ schema: string }>;
interface SchemaCache { getSchema(id: number): object | undefined; setSchema(id: number, schema: object): object }
export class Registry {
  private readonly pending: Record<number, Promise<{ schema: string }> | undefined> = {};
  constructor(private readonly cache: SchemaCache) {}
  async getSchema(registryId: number) {
    const schema = this.cache.getSchema(registryId);
    if (schema) return schema;
    const response = await this.request(registryId);
    return this.cache.setSchema(registryId, JSON.parse(response.schema));
  }
  private request(registryId: number) {
    const known = this.pending[registryId];
    if (known) return known;
    const request = find(registryId).finally(() => { delete this.pending[registryId]; });
    this.pending[registryId] = request;
    return request;
  }
}`,
  // the count is raised before the await: the slot is taken at once
  DECL + `export class Limiter {
  private active = 0;
  constructor(private max: number) {}
  async start(item: string) {
    while (this.active < this.max) {
      this.active++;
      await load(item);
    }
  }
}`,
  // a local count: one run owns it
  DECL + `export async function firstFew(items: string[]) {
  let taken = 0;
  while (taken < 3) {
    await load(items[taken] ?? "");
    taken++;
  }
}`,
  // the promise of the preparation is what is published: callers join it
  DECL + `declare function createClient(): Client & { connect(): Promise<void> };
export class Store {
  private client?: Client & { connect(): Promise<void> };
  private ready?: Promise<void>;
  async getClient() {
    if (!this.client) {
      this.client = createClient();
      this.ready = this.client.connect();
    }
    await this.ready;
    return this.client;
  }
}`,
  // a pending promise stored at once and chained: not a value being prepared
  DECL + `let pending: Promise<Client> | undefined;
export async function getClient() {
  if (!pending) {
    pending = connect();
    await pending.then(() => undefined);
  }
  return pending;
}`,
  // an option of the same member object beside the check: configuration choosing what to fill
  DECL + `export class Server {
  constructor(private readonly options: { context?: Client; contextPath?: string }) {}
  async start() {
    if (!this.options.context && this.options.contextPath) {
      this.options.context = await connect();
    }
    return this.options.context;
  }
}`,
  // a flag of the instance itself beside the check, inside \`||\` too
  DECL + `export class Pool {
  private client?: Client;
  private enabled = true;
  private stale = false;
  async get() {
    if (this.enabled && (!this.client || this.stale)) {
      this.client = await connect();
    }
    return this.client;
  }
}`,
  // a second flag the guarded code sets before the await keeps overlapping calls out
  DECL + `export class Pool {
  private client?: Client;
  private connecting = false;
  async get() {
    if (!this.client && !this.connecting) {
      this.connecting = true;
      this.client = await connect();
      this.connecting = false;
    }
    return this.client;
  }
}`,
  // a throttle that moves the window before it waits
  DECL + `export class ConsumerGroup {
  private lastRequest = 0;
  constructor(private coordinator: Client) {}
  async heartbeat(interval: number) {
    const now = Date.now();
    if (now >= this.lastRequest + interval) {
      this.lastRequest = now;
      await this.coordinator.query("heartbeat");
    }
  }
}`,
  // the time compared with a local deadline, not with shared state
  DECL + `export async function poll(deadline: number) {
  let last = 0;
  if (Date.now() < deadline) {
    await load("x");
    last = Date.now();
  }
  return last;
}`,
  // a local total: one run owns it
  DECL + `export async function sum(items: string[]) {
  let total = 0;
  for (const item of items) total += await price(item);
  return total;
}`,
  // a function nothing outside calls, or only the module's start-up calls
  DECL + `let client: Client | undefined;
async function init() {
  if (!client) client = await connect();
}
init().catch(console.error);`,
  // a callback handed to a lock: the lock decides when it runs
  DECL + `declare const mutex: { runExclusive<T>(task: () => Promise<T>): Promise<T> };
let total = 0;
export async function add(item: string) {
  await mutex.runExclusive(async () => {
    total += await price(item);
  });
}`,
  // a lock taken before the read
  DECL + `declare const lock: { acquire(): Promise<void>; release(): void };
let client: Client | undefined;
export async function getClient() {
  await lock.acquire();
  try {
    if (!client) client = await connect();
    return client;
  } finally {
    lock.release();
  }
}`,
  // the pending promise is stored before anything is awaited
  DECL + `const cache = new Map<string, Promise<string>>();
export async function get(key: string) {
  if (!cache.has(key)) cache.set(key, load(key));
  return await cache.get(key);
}`,
  DECL + `export class Store {
  private pending?: Promise<Client>;
  async client() {
    if (!this.pending) this.pending = connect();
    return await this.pending;
  }
}`,
  // checked again after the await (double-checked initialisation)
  DECL + `let client: Client | undefined;
export async function getClient() {
  if (!client) {
    const fresh = await connect();
    if (!client) client = fresh;
    else await fresh.close();
  }
  return client;
}`,
  // awaiting shared work is a join, not new work
  DECL + `export class Store {
  private client?: Client;
  private connecting = connect();
  async get() {
    if (!this.client) this.client = await this.connecting;
    return this.client;
  }
}`,
  // the written value is not this call's work
  DECL + `export class Store {
  private ready = false;
  async init() {
    if (!this.ready) {
      await connect();
      this.ready = true;
    }
  }
}`,
  // a fresh read after the await loses nothing
  DECL + `export class Cart {
  total = 0;
  async add(item: string) {
    this.total = (await price(item)) + this.total;
  }
}`,
  // counters that go up and down around an await are each one step
  DECL + `export class Tracker {
  pending = 0;
  async run(item: string) {
    this.pending++;
    try {
      return await price(item);
    } finally {
      this.pending--;
    }
  }
}`,
  // the previous value is restored after it was changed meanwhile: not a read-modify-write
  DECL + `export class Machine {
  state = 'idle';
  async step(item: string) {
    const previous = this.state;
    this.state = 'busy';
    await price(item);
    this.state = previous;
  }
}`,
  // the state is an input of the operation, not an operand of the value
  DECL + `declare function refresh(client: Client): Promise<Client>;
export class Store {
  constructor(private client: Client) {}
  async renew() {
    this.client = await refresh(this.client);
  }
}`,
  // a method private by convention, and a once listener
  DECL + `export class Cart {
  total = 0;
  async _add(item: string) {
    this.total += await price(item);
  }
}`,
  DECL + `import { EventEmitter } from 'node:events';
let total = 0;
new EventEmitter().once('ready', async () => {
  total += await price('x');
});`,
];

runInBothModes('no-race-across-await', rule, {
  both: { valid: bothValid, invalid: bothInvalid },
});

describe('no-race-across-await: test code and scripts', () => {
  const code = DECL + `let total = 0;
export async function add(item: string) {
  total += await price(item);
}`;
  runInBothModes('no-race-across-await', rule, {
    both: {
      valid: [
        { code, filename: 'test/file.ts' },
        { code, filename: 'scripts/build.ts' },
      ],
      invalid: [
        { code, filename: 'test/file.ts', options: [{ checkTests: true }], errors: [{ messageId: 'readModifyWrite', line: 7, column: 3, endLine: 7, endColumn: 29, suggestions: [{ messageId: 'suggestAwaitFirst', output: DECL + `let total = 0;
export async function add(item: string) {
  const value = await price(item);
  total += value;
}` }] }] },
      ],
    },
  });
});

describe('no-race-across-await message', () => {
  it('names the state and the operation, and says what to do', () => {
    const linter = new Linter();
    const [message] = linter.verify(DECL + `let client: Client | undefined;
export async function getClient() {
  if (!client) client = await connect();
  return client;
}`, [{ files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser }, plugins: { loopguard: { rules: { 'no-race-across-await': rule as never } } }, rules: { 'loopguard/no-race-across-await': 'error' } }], 'file.ts');
    assert.equal(message?.message, LAZY_MESSAGE('client', 'connect()'));
  });
});

describe('no-race-across-await suggestions type-check', () => {
  const outputs = fixOutputs(bothInvalid);

  it('checks every suggestion', () => {
    assert.ok(outputs.length >= 7, `${outputs.length} outputs`);
  });

  // JavaScript as a `checkJs` project checks it: an unannotated field or `let` is `any` there (no `noImplicitAny`).
  it('every suggestion output type-checks (TypeScript, and JavaScript with checkJs)', () => {
    const typescript = outputs.filter((output) => !output.output.startsWith(JS_DECL));
    const javascript = outputs.filter((output) => output.output.startsWith(JS_DECL));
    const failures = [
      ...typeCheckTexts(typescript.map(({ output }) => output), { name: 'no-race-across-await' }).flatMap((errors, index) => (errors.length > 0 ? [`${typescript[index]?.name}: ${errors.join('; ')}`] : [])),
      ...typeCheckTexts(javascript.map(({ output }) => output), { name: 'no-race-across-await', extension: '.js', compilerOptions: { noImplicitAny: false } }).flatMap((errors, index) => (errors.length > 0 ? [`${javascript[index]?.name}: ${errors.join('; ')}`] : [])),
    ];
    assert.equal(javascript.length, 2);
    assert.deepEqual(failures, []);
  });
});

/**
 * TypeScript's output below ES2017 (issue #22; @azure/cosmos 3.9.0's `Item.read`, @azure/identity 1.3.0's
 * `ManagedIdentityCredential`): the `async` method is a generator handed to `__awaiter(this, …)`, which runs it with
 * the method's `this`, and each `await` is a `yield`. No suggestion caches the promise there (`??=` is newer than
 * the output's target); the await-first rewrite moves the `yield`.
 */
const COMPILED_CLASS = (body: string) => `var __awaiter = (this && this.__awaiter) || function (thisArg, _arguments, P, generator) {
    return new Promise(function (resolve) { resolve(generator.apply(thisArg, _arguments || []).next().value); });
};
class Item {
${body}
}
exports.Item = Item;`;

/**
 * Lazy initialisation left to a method of the class that sets the state only after its own `await`
 * (google-auth-library 9.12.0's external account client refreshed its access token once per overlapping caller).
 */
const TOKEN_CLIENT = (refresh: string) => `interface Token { value: string; expiry: number }
export class TokenClient {
  private cached: Token | null = null;
  constructor(private readonly sts: { exchange(): Promise<Token> }) {}
  async getAccessToken() {
    if (!this.cached || this.cached.expiry < Date.now()) {
      await this.refresh();
    }
    return this.cached!.value;
  }
${refresh}
}`;

runInBothModes('no-race-across-await (lazy initialisation through a method)', rule, {
  both: {
    valid: [
      // the method shares one pending refresh
      TOKEN_CLIENT(`  private refreshing: Promise<void> | null = null;
  private refresh() {
    this.refreshing ??= this.sts.exchange().then((token) => { this.cached = token; }).finally(() => { this.refreshing = null; });
    return this.refreshing;
  }`),
      // the method checks the state again after its await
      TOKEN_CLIENT(`  private async refresh() {
    const token = await this.sts.exchange();
    if (!this.cached || this.cached.expiry < token.expiry) this.cached = token;
  }`),
      // the method writes a placeholder before its await (the next caller sees it)
      TOKEN_CLIENT(`  private async refresh() {
    this.cached = { value: '', expiry: Infinity };
    this.cached = await this.sts.exchange();
  }`),
      // start-up initialisation (nothing finds the state stale): kafkajs's seed broker, created once per connect
      `export class BrokerPool {
  private seedBroker?: { connect(): Promise<void> };
  constructor(private readonly builder: { build(): Promise<{ connect(): Promise<void> }> }) {}
  async connect() {
    if (!this.seedBroker) {
      await this.createSeedBroker();
    }
    await this.seedBroker!.connect();
  }
  async createSeedBroker() {
    this.seedBroker = await this.builder.build();
  }
}`,
      // the method writes something else
      TOKEN_CLIENT(`  private lastRefresh = 0;
  private async refresh() {
    await this.sts.exchange();
    this.lastRefresh = Date.now();
  }`),
    ],
    invalid: [
      {
        code: TOKEN_CLIENT(`  private async refresh() {
    const response = await this.sts.exchange();
    this.cached = { value: response.value, expiry: response.expiry };
  }`),
        errors: [{
          messageId: 'lazyInitThroughMethod', data: { state: 'this.cached', operation: 'this.refresh()', key: '' },
          line: 13, column: 5, endLine: 13, endColumn: 69, suggestions: [],
        }],
      },
    ],
  },
});

runInBothModes('no-race-across-await (compiled __awaiter code)', rule, {
  both: {
    valid: [
      // the state is checked again after the `yield`
      {
        code: COMPILED_CLASS(`    read() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this.partitionKey === undefined) {
                const definition = yield this.container.readPartitionKeyDefinition();
                if (this.partitionKey === undefined) this.partitionKey = toKey(definition);
            }
            return this.partitionKey;
        });
    }`),
        filename: 'file.js',
      },
      // a generator that no `__awaiter` runs: its `yield` is no await, and its `this` is its own
      {
        code: COMPILED_CLASS(`    *read() {
        if (this.partitionKey === undefined) {
            const definition = yield this.container.readPartitionKeyDefinition();
            this.partitionKey = toKey(definition);
        }
    }`),
        filename: 'file.js',
      },
    ],
    invalid: [
      {
        name: 'lazy initialisation of a member in a compiled async method: no suggestion',
        code: COMPILED_CLASS(`    read() {
        return __awaiter(this, void 0, void 0, function* () {
            if (this.partitionKey === undefined) {
                const { resource: definition } = yield this.container.readPartitionKeyDefinition();
                this.partitionKey = toKey(definition);
            }
            return this.partitionKey;
        });
    }`),
        filename: 'file.js',
        errors: [
          {
            messageId: 'lazyInit',
            data: { state: 'this.partitionKey', operation: 'this.container.readPartitionKeyDefiniti…', key: '' },
            line: 9, column: 17, endLine: 9, endColumn: 54, suggestions: [],
          },
        ],
      },
      {
        name: 'read-modify-write in a compiled async method: the rewrite moves the `yield` first',
        code: COMPILED_CLASS(`    add(item) {
        return __awaiter(this, void 0, void 0, function* () {
            this.total += yield price(item);
        });
    }`),
        filename: 'file.js',
        errors: [
          {
            messageId: 'readModifyWrite',
            data: { state: 'this.total', operation: 'price(item)', key: '' },
            line: 7, column: 13, endLine: 7, endColumn: 44,
            suggestions: [
              {
                messageId: 'suggestAwaitFirst',
                data: { state: 'this.total', operation: 'price(item)', key: '' },
                output: COMPILED_CLASS(`    add(item) {
        return __awaiter(this, void 0, void 0, function* () {
            const value = yield price(item);
            this.total += value;
        });
    }`),
              },
            ],
          },
        ],
      },
    ],
  },
});

/**
 * An initialisation step every operation awaits first, guarded by a flag set only after its own work
 * (@mastra/core 0.2.0's `MastraStorage.init`: storage calls made together each created the tables).
 */
const STORAGE = (init: string, operations = `  async saveRun(run: string) {
    await this.init();
    await this.db.insert('runs', run);
  }
  async loadRun(id: string) {
    await this.init();
    return this.db.select('runs', id);
  }`) => `export class Storage {
  private hasInit = false;
  constructor(private readonly db: { createTable(name: string): Promise<void>; insert(table: string, row: string): Promise<void>; select(table: string, id: string): Promise<string> }) {}
${init}
${operations}
}`;

runInBothModes('no-race-across-await (an initialisation flag set after the work)', rule, {
  both: {
    valid: [
      // the pending initialisation is kept and shared
      STORAGE(`  private initializing: Promise<void> | null = null;
  init() {
    this.initializing ??= this.db.createTable('runs').then(() => { this.hasInit = true; });
    return this.initializing;
  }`),
      // the flag is raised before the work (the next caller skips it: the usual fix, minus failure handling)
      STORAGE(`  async init() {
    if (this.hasInit) return;
    this.hasInit = true;
    await this.db.createTable('runs');
  }`),
      // only one operation awaits the step first: nothing shows operations start it together
      STORAGE(`  async init() {
    if (this.hasInit) return;
    await this.db.createTable('runs');
    this.hasInit = true;
  }`, `  async saveRun(run: string) {
    await this.init();
    await this.db.insert('runs', run);
  }`),
      // the operations await the step after preparations of their own (hardhat's compiler download, run once by
      // build() before its jobs start)
      STORAGE(`  async init() {
    if (this.hasInit) return;
    await this.db.createTable('runs');
    this.hasInit = true;
  }`, `  async saveRun(run: string) {
    const row = run.trim();
    await this.init();
    await this.db.insert('runs', row);
  }
  async loadRun(id: string) {
    this.check(id);
    await this.init();
    return this.db.select('runs', id);
  }
  check(id: string) {
    if (!id) throw new Error('no id');
  }`),
      // a connect() the user calls (nothing in the file awaits it): once at start-up, as far as the file shows
      `export class Client {
  private connected = false;
  constructor(private readonly socket: { open(): Promise<void> }) {}
  async connect() {
    if (this.connected) return;
    await this.socket.open();
    this.connected = true;
  }
}`,
      // a lock is held across the step
      STORAGE(`  private readonly lock = { acquire: async () => () => {} };
  async init() {
    const release = await this.lock.acquire();
    try {
      if (this.hasInit) return;
      await this.db.createTable('runs');
      this.hasInit = true;
    } finally {
      release();
    }
  }`),
    ],
    invalid: [
      {
        code: STORAGE(`  async init() {
    if (this.hasInit) {
      return;
    }
    await this.db.createTable('runs');
    await this.db.createTable('steps');
    this.hasInit = true;
  }`),
        errors: [{
          messageId: 'initFlagLate', data: { state: 'this.hasInit', operation: "this.db.createTable('steps')", key: '' },
          line: 10, column: 5, endLine: 10, endColumn: 24, suggestions: [],
        }],
      },
      {
        name: 'the guarded form, in a module: the step several exported functions await',
        code: `let ready = false;
async function ensureSchema(db: { migrate(): Promise<void> }) {
  if (!ready) {
    await db.migrate();
    ready = true;
  }
}
export async function read(db: { migrate(): Promise<void>; get(): Promise<string> }) {
  await ensureSchema(db);
  return db.get();
}
export async function write(db: { migrate(): Promise<void>; put(): Promise<void> }) {
  await ensureSchema(db);
  await db.put();
}`,
        errors: [{
          messageId: 'initFlagLate', data: { state: 'ready', operation: 'db.migrate()', key: '' },
          line: 5, column: 5, endLine: 5, endColumn: 17, suggestions: [],
        }],
      },
    ],
  },
});

/**
 * A buffer used before an `await` and emptied only after it, while other code adds to it (flagsmith-nodejs 3.3.0's
 * analytics processor: `trackFeature` counts into `analyticsData` and calls `flush()` without waiting; `flush()` posts
 * the counts and resets them after the post, dropping what was counted meanwhile).
 */
const ANALYTICS = (flush: string) => `export class AnalyticsProcessor {
  private analyticsData: Record<string, number> = {};
  private lastFlushed = Date.now();
  constructor(private readonly post: (body: string) => Promise<void>) {}
${flush}
  trackFeature(name: string) {
    this.analyticsData[name] = (this.analyticsData[name] || 0) + 1;
    if (Date.now() - this.lastFlushed > 10000) {
      this.flush();
    }
  }
}`;

runInBothModes('no-race-across-await (a buffer emptied after the await)', rule, {
  both: {
    valid: [
      // taken and emptied in one step before the await
      ANALYTICS(`  async flush() {
    const batch = this.analyticsData;
    this.analyticsData = {};
    await this.post(JSON.stringify(batch));
    this.lastFlushed = Date.now();
  }`),
      // kept in a variable that is read after the await: additions land in the same object and are seen
      ANALYTICS(`  async flush() {
    const batch = this.analyticsData;
    await this.post(JSON.stringify(batch));
    console.log(Object.keys(batch).length);
    this.analyticsData = {};
  }`),
      // read again after the await
      ANALYTICS(`  async flush() {
    await this.post(JSON.stringify(this.analyticsData));
    if (Object.keys(this.analyticsData).length > 100) console.log('still busy');
    this.analyticsData = {};
  }`),
      // overlapping flushes are turned away by a pending promise the flush sets itself (flagsmith-nodejs 3.3.1)
      ANALYTICS(`  private currentFlush: Promise<void> | undefined;
  async flush() {
    if (this.currentFlush || !Object.keys(this.analyticsData).length) {
      return;
    }
    try {
      this.currentFlush = this.post(JSON.stringify(this.analyticsData));
      await this.currentFlush;
    } catch (error) {
      return;
    } finally {
      this.currentFlush = undefined;
    }
    this.analyticsData = {};
  }`),
      // nothing else adds to it
      `export class Report {
  private lines: string[] = [];
  constructor(private readonly write: (text: string) => Promise<void>) {}
  async save() {
    await this.write(this.lines.join('\\n'));
    this.lines = [];
  }
}`,
    ],
    invalid: [
      {
        code: ANALYTICS(`  async flush() {
    if (!Object.keys(this.analyticsData).length) {
      return;
    }
    try {
      await this.post(JSON.stringify(this.analyticsData));
    } catch (error) {
      return;
    }
    this.analyticsData = {};
    this.lastFlushed = Date.now();
  }`),
        errors: [{
          messageId: 'resetLate', data: { state: 'this.analyticsData', operation: 'this.post(JSON.stringify(this.analytics…', key: '' },
          line: 14, column: 5, endLine: 14, endColumn: 28, suggestions: [],
        }],
      },
      {
        name: 'a queue pushed to elsewhere, sent and emptied after the send',
        code: `const queue: string[] = [];
export function log(line: string) {
  queue.push(line);
}
export async function flush(send: (lines: string[]) => Promise<void>) {
  await send(queue.slice());
  queue.length;
  queue = [];
}`.replace('const queue', 'let queue').replace('  queue.length;\n', ''),
        errors: [{
          messageId: 'resetLate', data: { state: 'queue', operation: 'send(queue.slice())', key: '' },
          line: 7, column: 3, endLine: 7, endColumn: 13, suggestions: [],
        }],
      },
    ],
  },
});

runInBothModes('no-race-across-await (a credential renewed after an early return on its expiry)', rule, {
  both: {
    valid: [
      // the pending renewal is shared
      `let token: string | undefined;\nlet expiresAt = 0;\nlet renewing: Promise<string> | undefined;\nexport async function getToken(): Promise<string> {\n  if (token && expiresAt > Date.now()) return token;\n  renewing ??= fetchToken();\n  return renewing;\n}\ndeclare function fetchToken(): Promise<string>;`,
      // not a credential: a version fetched twice costs a request
      `export class Provider {\n  rpcApiVersion?: string;\n  cacheExpiry = 0;\n  client!: { discover(): Promise<{ version: string }> };\n  async getRpcApiVersion() {\n    if (this.rpcApiVersion && this.cacheExpiry > Date.now()) return this.rpcApiVersion;\n    const resp = await this.client.discover();\n    this.rpcApiVersion = resp.version;\n    this.cacheExpiry = Date.now() + 60000;\n    return this.rpcApiVersion;\n  }\n}`,
    ],
    invalid: [
      {
        code: `declare function fetchToken(refreshToken: string): Promise<{ idToken: string; exp: number }>;\nconst data: { idToken?: string; refreshToken?: string } = {};\nlet idTokenExpiresAt: number | null = null;\nexport async function resolveToken() {\n  if (data.idToken) {\n    if ((idTokenExpiresAt ?? 0) > Date.now() + 500) {\n      return data.idToken;\n    }\n    idTokenExpiresAt = null;\n  }\n  const response = await fetchToken(data.refreshToken ?? '');\n  data.idToken = response.idToken;\n  idTokenExpiresAt = response.exp * 1000;\n  return data.idToken;\n}`,
        errors: [{ messageId: 'renewedLate', data: { state: 'data.idToken', operation: "fetchToken(data.refreshToken ?? '')" }, line: 12, column: 3, endLine: 12, endColumn: 34 }],
      },
    ],
  },
});

runInBothModes('no-race-across-await (shared state swapped for the length of an await)', rule, {
  both: {
    valid: [
      // the value goes to the work as an argument
      `declare function resolve(env: Record<string, string | undefined>): Promise<string>;\nexport async function getCredentials(key: string) {\n  return resolve({ ...process.env, AWS_ACCESS_KEY_ID: key });\n}`,
      // restored, but nothing is awaited while it is swapped
      `export function withEnv<T>(update: () => void, fn: () => T): T {\n  const previousEnv = { ...process.env };\n  try {\n    update();\n    return fn();\n  } finally {\n    process.env = previousEnv;\n  }\n}`,
      // a local swapped: no other call sees it
      `export async function run(fn: () => Promise<void>) {\n  let depth = 0;\n  const saved = depth;\n  try {\n    depth++;\n    await fn();\n  } finally {\n    depth = saved;\n  }\n  return depth;\n}`,
    ],
    invalid: [
      {
        code: `const withTempEnv = async <R>(updateEnv: () => void, fn: () => Promise<R>): Promise<R> => {\n  const previousEnv = { ...process.env };\n  try {\n    updateEnv();\n    return await fn();\n  } finally {\n    process.env = previousEnv;\n  }\n};\nexport async function getAuthHeaders(key: string, chain: () => Promise<string>) {\n  return withTempEnv(() => {\n    process.env['AWS_ACCESS_KEY_ID'] = key;\n  }, chain);\n}`,
        errors: [{ messageId: 'swappedAcrossAwait', data: { state: 'process.env', operation: 'fn()' }, line: 7, column: 5, endLine: 7, endColumn: 30 }],
      },
      {
        code: `export class Renderer {\n  context = 'default';\n  async renderWith(context: string, render: () => Promise<string>) {\n    const saved = this.context;\n    this.context = context;\n    try {\n      return await render();\n    } finally {\n      this.context = saved;\n    }\n  }\n}`,
        errors: [{ messageId: 'swappedAcrossAwait', data: { state: 'this.context', operation: 'render()' }, line: 9, column: 7, endLine: 9, endColumn: 27 }],
      },
    ],
  },
});

runInBothModes('no-race-across-await (a redirect before the changed session is saved)', rule, {
  both: {
    valid: [
      // saved before the redirect (grant 4.6.0)
      `export function connect(req: any, res: any) {\n  const session = req.session.grant;\n  session.state = 'abc';\n  req.session.save(() => res.redirect('/authorize'));\n}`,
      // the redirect comes before the change
      `export function login(req: any, res: any) {\n  if (!req.body.user) return res.redirect('/login');\n  req.session.user = req.body.user;\n  res.send('ok');\n}`,
      // Koa: the session and the redirect are the one context's
      `export async function login(ctx: any) {\n  ctx.session.user = ctx.request.body.user;\n  ctx.redirect('/home');\n}`,
      // express-session set up here without a store: its memory store saves at once
      `import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 's', resave: false, saveUninitialized: false }));\napp.post('/login', (req: any, res: any) => {\n  req.session.user = req.body.user;\n  res.redirect('/dashboard');\n});`,
      // the change is made in another function that does not lead to the redirect
      `export function handler(req: any, res: any) {\n  const remember = () => {\n    req.session.seen = true;\n  };\n  res.redirect('/next');\n  return remember;\n}`,
    ],
    invalid: [
      {
        name: "the OAuth state written to the session, then a redirect to the provider (grant 4.5.2)",
        code: `declare const oauth2: { authorize(provider: unknown): Promise<string> };\nexport function connect(req: any, res: any, provider: { state: string; nonce: string }) {\n  const session = req.session.grant;\n  session.state = provider.state;\n  session.nonce = provider.nonce;\n  oauth2.authorize(provider)\n    .then((url) => res.redirect(url))\n    .catch(() => res.end());\n}`,
        errors: [{ messageId: 'redirectBeforeSessionSave', data: { session: 'req.session', line: '5' }, line: 7, column: 20, endLine: 7, endColumn: 37 }],
      },
      {
        name: 'an OIDC nonce and state kept in the session before the redirect (okta-oidc-middleware 2.0.0)',
        code: `import { randomUUID } from 'node:crypto';\nexport function login(options: { sessionKey: string; issuer: string }) {\n  return (req: any, res: any) => {\n    const state = randomUUID();\n    req.session[options.sessionKey] = { state };\n    return res.redirect(options.issuer + '/v1/authorize?state=' + state);\n  };\n}`,
        errors: [{ messageId: 'redirectBeforeSessionSave', data: { session: 'req.session', line: '5' }, line: 6, column: 12, endLine: 6, endColumn: 73 }],
      },
    ],
  },
});

/** shaka-player's HLS update: the parser interface checked, the update awaited, the interface used in the catch. */
const ON_UPDATE = (catchBody: string): string =>
  `interface PlayerInterface { onError(error: Error): void }\ndeclare class Timer { constructor(onTick: () => void) }\nexport class HlsParser {\n  private playerInterface: PlayerInterface | null = null;\n  private timer: Timer | null = null;\n  start(playerInterface: PlayerInterface): void {\n    this.playerInterface = playerInterface;\n    this.timer = new Timer(() => void this.onUpdate());\n  }\n  stop(): void {\n    this.playerInterface = null;\n  }\n  private async update(): Promise<void> {}\n  async onUpdate(): Promise<void> {\n    if (!this.playerInterface) {\n      return;\n    }\n    try {\n      await this.update();\n    } catch (error) {\n${catchBody}\n    }\n  }\n}`;

runInBothModes('no-race-across-await (a field checked before an await and used after it, while other code empties it)', rule, {
  both: {
    valid: [
      // checked again after the await (shaka-player 3.0.8)
      ON_UPDATE(`      if (!this.playerInterface) return;\n      this.playerInterface.onError(error as Error);`),
      // optional use
      ON_UPDATE(`      this.playerInterface?.onError(error as Error);`),
      // nothing empties the field outside the constructor
      `export class Call {\n  private client: { sessionId: string } | undefined;\n  constructor() {\n    this.client = undefined;\n  }\n  private async notify(): Promise<void> {}\n  update = async (): Promise<string | undefined> => {\n    if (!this.client) return undefined;\n    await this.notify();\n    return this.client.sessionId;\n  };\n}`,
      // a method of the API: its caller orders it with leave() (@stream-io/video-client 1.58.0's own shape is left alone)
      `export class Call {\n  private sfuClient: { sessionId: string } | undefined;\n  leave(): void {\n    this.sfuClient = undefined;\n  }\n  private async notifyTrackMuteState(): Promise<void> {}\n  updateLocalStreamState = async (): Promise<string> => {\n    if (!this.sfuClient || !this.sfuClient.sessionId) return '';\n    await this.notifyTrackMuteState();\n    const { sessionId } = this.sfuClient;\n    return sessionId;\n  };\n}`,
      // the function sets the field itself
      `export class Client {\n  private socket: { send(data: string): void } | null = null;\n  close(): void {\n    this.socket = null;\n  }\n  private async open(): Promise<{ send(data: string): void }> {\n    return { send() {} };\n  }\n  async send(data: string): Promise<void> {\n    if (!this.socket) return;\n    this.socket = await this.open();\n    this.socket.send(data);\n  }\n}`,
    ],
    invalid: [
      {
        name: "stop() during the update leaves the parser's interface null for the catch (shaka-player 3.0.7)",
        code: ON_UPDATE(`      this.playerInterface.onError(error as Error);`),
        errors: [{ messageId: 'fieldUsedAfterAwait', data: { field: 'this.playerInterface', line: '15', operation: 'this.update()', emptier: '`stop()` (line 11)' }, line: 21, column: 7, endLine: 21, endColumn: 35 }],
      },
      {
        name: 'a listener of the device reads the session after the await (the shape of @stream-io/video-client 1.58.0)',
        code: `import { EventEmitter } from 'node:events';\nexport class Call {\n  private sfuClient: { sessionId: string } | undefined;\n  constructor(devices: EventEmitter) {\n    devices.on('change', () => void this.updateLocalStreamState());\n  }\n  leave(): void {\n    this.sfuClient = undefined;\n  }\n  private async notifyTrackMuteState(): Promise<void> {}\n  updateLocalStreamState = async (): Promise<string> => {\n    if (!this.sfuClient || !this.sfuClient.sessionId) return '';\n    await this.notifyTrackMuteState();\n    const { sessionId } = this.sfuClient;\n    return sessionId;\n  };\n}`,
        errors: [{ messageId: 'fieldUsedAfterAwait', data: { field: 'this.sfuClient', line: '12', operation: 'this.notifyTrackMuteState()', emptier: '`leave()` (line 8)' }, line: 14, column: 27, endLine: 14, endColumn: 41 }],
      },
    ],
  },
});

/** @launchdarkly/js-client-sdk-common's polling processor: the stop flag checked, the request awaited, the result handed on. */
const POLL = (afterAwait: string, stop = '    this.stopped = true;'): string =>
  `interface Requestor { requestPayload(): Promise<string> }\nexport class PollingProcessor {\n  private stopped = false;\n  private handle: ReturnType<typeof setTimeout> | undefined;\n  constructor(private readonly requestor: Requestor, private readonly dataHandler?: (flags: unknown) => void) {}\n  start(): void {\n    this.handle = setTimeout(() => void this.poll(), 1000);\n  }\n  stop(): void {\n    clearTimeout(this.handle);\n${stop}\n  }\n  private async poll(): Promise<void> {\n    if (this.stopped) {\n      return;\n    }\n    const res = await this.requestor.requestPayload();\n${afterAwait}\n  }\n}`;

runInBothModes('no-race-across-await (a stop flag checked before an await and not after it)', rule, {
  both: {
    valid: [
      // checked again after the await (@launchdarkly/js-client-sdk-common 1.15.1)
      POLL(`    if (this.stopped) return;\n    this.dataHandler?.(JSON.parse(res));`),
      // nothing sets the flag outside the constructor
      POLL(`    this.dataHandler?.(JSON.parse(res));`, '    this.handle = undefined;'),
      // only logging after the await
      POLL(`    console.log(res);`),
      // a method of the API, not run by a timer or an event: its caller orders it with stop()
      `interface Store { save(m: string): Promise<void> }\nexport class Queue {\n  private closed = false;\n  constructor(private readonly store: Store, private readonly onSaved: (m: string) => void) {}\n  close(): void {\n    this.closed = true;\n  }\n  async push(message: string): Promise<void> {\n    if (this.closed) return;\n    await this.store.save(message);\n    this.onSaved(message);\n  }\n}`,
      // a flag whose name does not say the object stopped
      `interface Store { save(m: string): Promise<void> }\nexport class Sync {\n  private dirty = false;\n  constructor(private readonly store: Store) {\n    setInterval(() => void this.flush(), 1000);\n  }\n  mark(): void {\n    this.dirty = true;\n  }\n  private async flush(): Promise<void> {\n    if (this.dirty) return;\n    await this.store.save('x');\n    this.mark();\n  }\n}`,
    ],
    invalid: [
      {
        name: "a poll's result handed on after stop() (@launchdarkly/js-client-sdk-common 1.13.0)",
        code: POLL(`    const flags = JSON.parse(res);\n    this.dataHandler?.(flags);`),
        errors: [{ messageId: 'workAfterStop', data: { field: 'this.stopped', line: '14', operation: 'this.requestor.requestPayload()', stopper: '`stop()` (line 11)' }, line: 19, column: 5, endLine: 19, endColumn: 30 }],
      },
      {
        name: 'a message handler that runs while not running, checked negated',
        code: `import { EventEmitter } from 'node:events';\ninterface Store { save(m: string): Promise<void> }\nexport class Consumer {\n  private running = false;\n  constructor(private readonly source: EventEmitter, private readonly store: Store) {\n    source.on('message', (m: string) => void this.onMessage(m));\n  }\n  start(): void {\n    this.running = true;\n  }\n  stop(): void {\n    this.running = false;\n  }\n  async onMessage(message: string): Promise<void> {\n    if (!this.running) return;\n    await this.store.save(message);\n    this.source.emit('saved', message);\n  }\n}`,
        errors: [{ messageId: 'workAfterStop', data: { field: 'this.running', line: '15', operation: 'this.store.save(message)', stopper: '`stop()` (line 12)' }, line: 17, column: 5, endLine: 17, endColumn: 39 }],
      },
    ],
  },
});

/** @web/test-runner-chrome's launcher: pages taken from a pool of idle ones, and given back when a session stops. */
const PAGE_POOL = (stop: string): string =>
  `interface Page { startSession(url: string): Promise<void>; stopSession(): Promise<number> }\ndeclare function newPage(): Promise<Page>;\nexport class ChromeLauncher {\n  private activePages = new Map<string, Page>();\n  private inactivePages: Page[] = [];\n  async startSession(id: string, url: string): Promise<void> {\n    const page = this.inactivePages.pop() ?? (await newPage());\n    this.activePages.set(id, page);\n    await page.startSession(url);\n  }\n  async stopSession(id: string): Promise<number> {\n    const page = this.activePages.get(id);\n    if (!page) throw new Error('no page');\n    this.activePages.delete(id);\n${stop}\n  }\n}`;

runInBothModes('no-race-across-await (an object put back in a pool before its stop has finished)', rule, {
  both: {
    valid: [
      // the stop awaited first (@web/test-runner-chrome 0.6.0)
      PAGE_POOL(`    const result = await page.stopSession();\n    this.inactivePages.push(page);\n    return result;`),
      // nothing takes objects out of the list: a record, not a pool
      `interface Page { stopSession(): Promise<void> }\nexport class Recorder {\n  private stopped: Page[] = [];\n  async stop(page: Page): Promise<void> {\n    this.stopped.push(page);\n    return page.stopSession();\n  }\n}`,
      // the next call does not stop or reset it
      PAGE_POOL(`    this.inactivePages.push(page);\n    return page.startSession('about:blank').then(() => 0);`),
    ],
    invalid: [
      {
        name: 'the page pooled, then its session stopped (@web/test-runner-chrome 0.5.13)',
        code: PAGE_POOL(`    this.inactivePages.push(page);\n    return page.stopSession();`),
        errors: [{ messageId: 'pooledBeforeReady', data: { item: 'page', pool: 'this.inactivePages', operation: 'page.stopSession()', line: '7' }, line: 15, column: 5, endLine: 15, endColumn: 34 }],
      },
      {
        name: 'an awaited reset after the push',
        code: `interface Connection { reset(): Promise<void> }\nexport class Pool {\n  private idle: Connection[] = [];\n  async acquire(): Promise<Connection | undefined> {\n    return this.idle.shift();\n  }\n  async release(connection: Connection): Promise<void> {\n    this.idle.push(connection);\n    await connection.reset();\n  }\n}`,
        errors: [{ messageId: 'pooledBeforeReady', data: { item: 'connection', pool: 'this.idle', operation: 'connection.reset()', line: '5' }, line: 8, column: 5, endLine: 8, endColumn: 31 }],
      },
    ],
  },
});

/** loopback-connector-mongodb 1.13.3's connect(): the database kept only once the driver calls back. */
const CALLBACK_CONNECT = (elseBody: string, extra = '') => `declare const mongodb: { MongoClient: { connect(url: string, cb: (err: Error | null, db?: object) => void): void } };
export function MongoDB(this: { settings: { url: string }; db?: object }, settings: { url: string }) {
  this.settings = settings;
}
MongoDB.prototype.connect = function (callback?: (err: Error | null, db?: object) => void) {
  var self = this;${extra}
  if (self.db) {
    process.nextTick(function () {
      callback && callback(null, self.db);
    });
  } else {
${elseBody}
  }
};`;

runInBothModes('no-race-across-await (lazy initialisation written with a callback)', rule, {
  both: {
    valid: [
      // the callback checks again before it keeps the connection
      CALLBACK_CONNECT(`    mongodb.MongoClient.connect(self.settings.url, function (err: Error | null, db?: object) {
      if (self.db) return callback && callback(null, self.db);
      self.db = db;
      callback && callback(err, db);
    });`),
      // a pending connect is tracked: overlapping calls wait for it
      CALLBACK_CONNECT(`    self.connecting = true;
    mongodb.MongoClient.connect(self.settings.url, function (err: Error | null, db?: object) {
      self.connecting = false;
      self.db = db;
      callback && callback(err, db);
    });`),
      // something else than a connect
      CALLBACK_CONNECT(`    fs.readFile(self.settings.url, function (err: Error | null, db?: object) {
      self.db = db;
      callback && callback(err, db);
    });`, '\n  var fs = require("fs");'),
    ],
    invalid: [
      {
        code: CALLBACK_CONNECT(`    mongodb.MongoClient.connect(self.settings.url, function (err: Error | null, db?: object) {
      if (!err) {
        self.db = db;
      }
      callback && callback(err, db);
    });`),
        errors: [{ messageId: 'lazyInitByCallback', data: { state: 'self.db', operation: 'mongodb.MongoClient.connect(…)' }, line: 14, column: 9, endLine: 14, endColumn: 21 }],
      },
    ],
  },
});

/** braintree-web 3.38's `Client.initialize`: the client cached only once its configuration has come. */
const CACHED_CLIENT = (body: string, cache = 'const cachedClients: Record<string, Client> = {};') => `declare function getConfiguration(options: { authorization: string }): Promise<{ url: string }>;
class Client {
  constructor(readonly configuration: { url: string }) {}
}
${cache}
export function initialize(options: { authorization: string }): Promise<Client> {
${body}
}`;

runInBothModes('no-race-across-await (a cache filled in a promise chain)', rule, {
  both: {
    valid: [
      // the pending promise is cached at once: overlapping calls share it
      CACHED_CLIENT(`  if (pending[options.authorization]) {
    return pending[options.authorization];
  }
  pending[options.authorization] = getConfiguration(options).then(function (configuration) {
    return new Client(configuration);
  });
  return pending[options.authorization];`, 'const pending: Record<string, Promise<Client>> = {};'),
      // the callback checks again before it fills the cache
      CACHED_CLIENT(`  if (cachedClients[options.authorization]) {
    return Promise.resolve(cachedClients[options.authorization]);
  }
  return getConfiguration(options).then(function (configuration) {
    if (cachedClients[options.authorization]) return cachedClients[options.authorization];
    const client = new Client(configuration);
    cachedClients[options.authorization] = client;
    return client;
  });`),
      // a cache of this call only: no other call sees it
      CACHED_CLIENT(`  const local: Record<string, Client> = {};
  if (local[options.authorization]) {
    return Promise.resolve(local[options.authorization]);
  }
  return getConfiguration(options).then(function (configuration) {
    local[options.authorization] = new Client(configuration);
    return local[options.authorization];
  });`),
      // the code tracks a pending load
      CACHED_CLIENT(`  if (cachedClients[options.authorization]) {
    return Promise.resolve(cachedClients[options.authorization]);
  }
  loading = true;
  return getConfiguration(options).then(function (configuration) {
    loading = false;
    cachedClients[options.authorization] = new Client(configuration);
    return cachedClients[options.authorization];
  });`, 'const cachedClients: Record<string, Client> = {};\nlet loading = false;'),
      // more than the chain runs while the entry is unset
      CACHED_CLIENT(`  if (cachedClients[options.authorization]) {
    return Promise.resolve(cachedClients[options.authorization]);
  }
  if (!options.authorization) throw new Error('no authorization');
  return getConfiguration(options).then(function (configuration) {
    cachedClients[options.authorization] = new Client(configuration);
    return cachedClients[options.authorization];
  });`),
    ],
    invalid: [
      {
        code: CACHED_CLIENT(`  if (cachedClients[options.authorization]) {
    return Promise.resolve(cachedClients[options.authorization]);
  }
  return getConfiguration(options).then(function (configuration) {
    const client = new Client(configuration);
    cachedClients[options.authorization] = client;
    return client;
  });`),
        errors: [{ messageId: 'lazyInitByChain', data: { state: 'cachedClients[options.authorization]', operation: 'getConfiguration(…)' }, line: 12, column: 5, endLine: 12, endColumn: 50 }],
      },
      {
        // angular-translate 2.13's partial loader: the table filled by the response, and by the error handler's result
        code: `declare function request(url: string): Promise<{ data: object }>;
declare function recover(name: string, lang: string): Promise<object>;
export class Part {
  tables: Record<string, object> = {};
  constructor(readonly name: string) {}
  getTable(lang: string): Promise<object> {
    if (!this.tables[lang]) {
      const self = this;
      return request('/i18n/' + lang).then(function (result) {
        self.tables[lang] = result.data;
        return result.data;
      }, function () {
        return recover(self.name, lang).then(function (data) {
          self.tables[lang] = data;
          return data;
        });
      });
    }
    return Promise.resolve(this.tables[lang]);
  }
}`,
        errors: [{ messageId: 'lazyInitByChain', data: { state: 'this.tables[lang]', operation: 'request(…)' }, line: 10, column: 9, endLine: 10, endColumn: 40 }],
      },
      {
        // a Map checked with `has` and filled with `set`
        code: `declare function fetchValue(key: string): Promise<object>;
const cache = new Map<string, object>();
export function load(key: string): Promise<object | undefined> {
  if (cache.has(key)) return Promise.resolve(cache.get(key));
  return fetchValue(key).then((value) => {
    cache.set(key, value);
    return value;
  });
}`,
        errors: [{ messageId: 'lazyInitByChain', data: { state: 'cache.has(key)', operation: 'fetchValue(…)' }, line: 6, column: 5, endLine: 6, endColumn: 26 }],
      },
    ],
  },
});

/** @deepkit/rpc 1.0.1-alpha.105's client transporter: disconnect() while a connect is pending. */
const TRANSPORTER = (disconnect: string) => `interface Connection { close(): void }
interface Transport { connect(onConnected: (connection: Connection) => void): Promise<void> }
export class RpcClientTransporter {
  transportConnection?: Connection;
  connectionPromise?: Promise<void>;
  constructor(private readonly transport: Transport) {}
  disconnect() {
${disconnect}
  }
  protected async doConnect(): Promise<void> {
    await this.transport.connect((connection) => {
      this.transportConnection = connection;
    });
  }
  async connect(): Promise<void> {
    this.connectionPromise = this.doConnect();
    try {
      await this.connectionPromise;
    } finally {
      delete this.connectionPromise;
    }
  }
}`;

runInBothModes('no-race-across-await (a teardown during a pending connect)', rule, {
  both: {
    valid: [
      // waits for the pending connect first
      TRANSPORTER('    return (async () => {\n      while (this.connectionPromise) await this.connectionPromise;\n      if (this.transportConnection) {\n        this.transportConnection.close();\n        this.transportConnection = undefined;\n      }\n    })();'),
      // the guard closes nothing
      TRANSPORTER('    if (this.transportConnection) {\n      this.transportConnection = undefined;\n    }'),
      // the start sets the field before its first await: it is set once the pending field holds its promise (langsmith's worker)
      TRANSPORTER('    if (this.transportConnection) {\n      this.transportConnection.close();\n    }').replace('    await this.transport.connect((connection) => {\n      this.transportConnection = connection;\n    });', '    this.transportConnection = { close() {} };\n    await this.transport.connect(() => undefined);'),
      // not a teardown by name
      TRANSPORTER('    if (this.transportConnection) {\n      this.transportConnection.close();\n    }').replace('  disconnect() {', '  reset() {'),
    ],
    invalid: [
      {
        code: TRANSPORTER('    if (this.transportConnection) {\n      this.transportConnection.close();\n      this.transportConnection = undefined;\n    }'),
        errors: [{
          messageId: 'teardownDuringConnect',
          data: { teardown: 'disconnect', connection: 'this.transportConnection', pending: 'this.connectionPromise', connect: 'doConnect' },
          line: 8, column: 9, endLine: 8, endColumn: 33,
        }],
      },
    ],
  },
});

/** @ionic/app-scripts 3.0.0's copySourcemaps: each map copied and deleted in one Promise.all. */
const MOVE_MAPS = (loopBody: string, after = '  return Promise.all(promises);') => `declare function copyFileAsync(from: string, to: string): Promise<void>;
declare function unlinkAsync(path: string): Promise<void>;
export function moveMaps(paths: string[], target: string, purge: boolean): Promise<void[]> {
  const promises: Promise<void>[] = [];
  for (const fullPath of paths) {
${loopBody}
  }
${after}
}`;

runInBothModes('no-race-across-await (a file deleted in the Promise.all that reads it)', rule, {
  both: {
    valid: [
      // the copies are awaited before the deletes start
      MOVE_MAPS('    promises.push(copyFileAsync(fullPath, target));', '  return Promise.all(promises).then(() => Promise.all(paths.map((fullPath) => unlinkAsync(fullPath))));'),
      // another path is deleted
      MOVE_MAPS('    promises.push(copyFileAsync(fullPath, target));\n    promises.push(unlinkAsync(target + fullPath));'),
      // only deletes
      MOVE_MAPS('    if (purge) promises.push(unlinkAsync(fullPath));'),
    ],
    invalid: [
      {
        code: MOVE_MAPS('    promises.push(copyFileAsync(fullPath, target));\n    if (purge) {\n      promises.push(unlinkAsync(fullPath));\n    }'),
        errors: [{ messageId: 'deleteRacesRead', data: { remove: 'unlinkAsync(…)', read: 'copyFileAsync(…)', path: 'fullPath' }, line: 8, column: 21, endLine: 8, endColumn: 42 }],
      },
      {
        code: `import { promises as fs } from 'node:fs';\nexport async function moveFile(file: string, target: string): Promise<void> {\n  await Promise.all([fs.copyFile(file, target), fs.unlink(file)]);\n}`,
        errors: [{ messageId: 'deleteRacesRead', data: { remove: 'fs.unlink(…)', read: 'fs.copyFile(…)', path: 'file' }, line: 3, column: 49, endLine: 3, endColumn: 64 }],
      },
    ],
  },
});

/** sumo-logger 2.0.1's sendLogs: the batch taken out and emptied, put back whole when the post fails. */
const SENDER = (restore: string, add = '    this.pendingLogs = this.pendingLogs.concat([message]);') => `declare function post(body: string): Promise<void>;
export class Sender {
  private pendingLogs: string[] = [];
  log(message: string): void {
${add}
  }
  sendLogs(): Promise<void> | false {
    if (this.pendingLogs.length === 0) return false;
    const logsToSend = this.pendingLogs;
    this.pendingLogs = [];
    return post(logsToSend.join('\\n')).catch(() => {
${restore}
    });
  }
}`;

/** The same with an `await`: the batch put back in the `catch` after it. */
const QUEUE = (restore: string, tryBlock = '      await post(batch.join());') => `declare function post(body: string): Promise<void>;
export class Queue {
  private queue: string[] = [];
  add(item: string): void {
    this.queue.push(item);
  }
  async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
${tryBlock}
    } catch (error) {
${restore}
      throw error;
    }
  }
}`;

runInBothModes('no-race-across-await (a batch put back over the buffer others filled)', rule, {
  both: {
    valid: [
      // the batch goes back in front of what was added meanwhile
      SENDER('      this.pendingLogs = logsToSend.concat(this.pendingLogs);'),
      // nothing else adds to the buffer
      SENDER('      this.pendingLogs = logsToSend;', '    console.log(message);'),
      // put back before anything was awaited: nothing could be added meanwhile
      QUEUE('      this.queue = batch;', '      JSON.stringify(batch);'),
      QUEUE('      this.queue.unshift(...batch);'),
    ],
    invalid: [
      {
        code: SENDER('      this.pendingLogs = logsToSend;'),
        errors: [{ messageId: 'batchRestoredOverNew', data: { state: 'this.pendingLogs', batch: 'logsToSend', line: '10' }, line: 12, column: 7, endLine: 12, endColumn: 36 }],
      },
      {
        code: QUEUE('      this.queue = batch;'),
        errors: [{ messageId: 'batchRestoredOverNew', data: { state: 'this.queue', batch: 'batch', line: '9' }, line: 13, column: 7, endLine: 13, endColumn: 25 }],
      },
    ],
  },
});

/** hermione 5.4.1's caching test parser: the instance's own accessors of its cache, the entry filled after the `await`. */
const CACHING_PARSER = (fill: string) => `export class CachingTestParser {
  private readonly cache: Record<string, Record<string, unknown>> = {};
  constructor(private readonly parser: { parse(where: { file: string; browserId: string }): Promise<unknown> }) {}
  async parse({ file, browserId }: { file: string; browserId: string }) {
    const cached = this._getFromCache({ file, browserId });
    if (cached) {
      return cached;
    }
${fill}
  }
  private _getFromCache({ file, browserId }: { file: string; browserId: string }) {
    return this.cache[browserId]?.[file];
  }
  private _putToCache(tests: unknown, { file, browserId }: { file: string; browserId: string }) {
    (this.cache[browserId] ??= {})[file] = tests;
  }
}`;

runInBothModes("no-race-across-await (a cache read and filled through the instance's own accessors)", rule, {
  both: {
    valid: [
      // 5.6.0: the pending promise is cached before the await
      CACHING_PARSER('    const testsPromise = this.parser.parse({ file, browserId });\n    this._putToCache(testsPromise, { file, browserId });\n    return await testsPromise;'),
      // another entry is filled
      CACHING_PARSER("    const tests = await this.parser.parse({ file, browserId });\n    this._putToCache(tests, { file, browserId: 'all' });\n    return tests;"),
    ],
    invalid: [
      {
        code: CACHING_PARSER('    const tests = await this.parser.parse({ file, browserId });\n    this._putToCache(tests, { file, browserId });\n    return tests;'),
        errors: [{ messageId: 'checkThenSetThroughAccessors', data: { state: 'this._getFromCache', key: '{ file, browserId }', operation: 'this.parser.parse({ file, browserId })', writer: 'this._putToCache' }, line: 10, column: 5, endLine: 10, endColumn: 49, suggestions: [] }],
      },
    ],
  },
});

/** @aws-sdk/node-http-handler 3.58.0's handler: the config filled from the provider the instance holds, checked for beside the value. */
const PROVIDED_CONFIG = (test: string, fill: string) => `export class NodeHttpHandler {
  private config?: { agent: unknown };
  private configProvider?: () => Promise<{ agent: unknown }>;
  private readonly lazy: boolean = true;
  constructor(options: { agent: unknown } | (() => Promise<{ agent: unknown }>)) {
    if (typeof options === 'function') this.configProvider = options;
    else this.config = options;
  }
  async handle(request: unknown) {
    if (${test}) {
      ${fill}
    }
    return [this.config, request];
  }
}`;

runInBothModes('no-race-across-await (a value filled from the provider the check asks for)', rule, {
  both: {
    valid: [
      // a member beside the check that the filled code does not await: the object's own option
      PROVIDED_CONFIG('!this.config && this.lazy', 'this.config = await loadConfig();'),
      // the provider written by the filled code: a second flag of the code's own
      PROVIDED_CONFIG('!this.config && this.configProvider', 'this.configProvider = undefined;\n      this.config = await loadConfig();'),
    ].map((code) => `declare function loadConfig(): Promise<{ agent: unknown }>;\n${code}`),
    invalid: [
      {
        code: PROVIDED_CONFIG('!this.config && this.configProvider', 'this.config = await this.configProvider();'),
        errors: [{ messageId: 'lazyInit', data: { state: 'this.config', operation: 'this.configProvider()', key: '' }, line: 11, column: 7, endLine: 11, endColumn: 48, suggestions: [] }],
      },
      {
        code: PROVIDED_CONFIG("!this.config && typeof this.configProvider === 'function'", 'this.config = await this.configProvider();'),
        errors: [{ messageId: 'lazyInit', data: { state: 'this.config', operation: 'this.configProvider()', key: '' }, line: 11, column: 7, endLine: 11, endColumn: 48, suggestions: [] }],
      },
    ],
  },
});
