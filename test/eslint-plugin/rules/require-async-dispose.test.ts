import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../../eslint-plugin/src/rules/require-async-dispose';
import { RESOURCE_CATALOG, toResourceEntry } from '../../../eslint-plugin/src/resources/resourceCatalog';
import { compileResource } from '../../../eslint-plugin/src/resources/resourceAnalysis';
import { FIXTURES_DIR, runInBothModes } from '../RuleTester';
import { fixOutputs, typeCheckTexts } from '../typeCheck';

type InvalidCase = InvalidTestCase<MessageIds, Options>;
type ValidCase = ValidTestCase<Options> | string;

// Cases that hold in both modes use Node's modules (known by provenance) or the catalog's libraries
// (`pg`, `mysql2/promise`, …), which the fixture project cannot resolve: their types are `any` there,
// so the typed run must agree with the syntactic one.

/** A function that reads `lines` times from a handle before closing it: its suggestion spans all of them. */
function readsBeforeClosing(lines: number): string {
  return `import { open } from 'node:fs/promises';
export async function readAll(path: string) {
  const handle = await open(path);
${'  await handle.read();\n'.repeat(lines)}  await handle.close();
}`;
}

const bothInvalid: InvalidCase[] = [
  {
    // ESLint keeps a suggestion as one replacement of everything between its edits: past MAX_SUGGESTION_SPAN
    // (20,000 characters; 1,000 reads are 22,000) the report stands alone.
    name: 'no suggestion spans more than 20,000 characters',
    code: readsBeforeClosing(1000),
    output: null,
    errors: [{ messageId: 'releasedOnlyOnSuccess', line: 3, column: 24, endLine: 3, endColumn: 34, suggestions: [] }],
  },
  {
    name: 'a suggestion of 18,000 characters is offered',
    code: readsBeforeClosing(800),
    output: null,
    errors: [
      {
        messageId: 'releasedOnlyOnSuccess',
        line: 3,
        suggestions: [{ messageId: 'suggestUsing', output: readsBeforeClosing(800).replace('const handle', 'await using handle').replace('\n  await handle.close();', '') }],
      },
    ],
  },
  {
    name: "the try/finally suggestion keeps a rename after the close it depends on",
    code: `import fs from 'node:fs';
export function save(path: string, data: string) {
  const fd = fs.openSync(path + '.tmp', 'w');
  fs.writeSync(fd, data);
  fs.closeSync(fd);
  fs.renameSync(path + '.tmp', path);
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 14, endLine: 3, endColumn: 45, suggestions: [
        { messageId: 'suggestTryFinally', output: `import fs from 'node:fs';
export function save(path: string, data: string) {
  const fd = fs.openSync(path + '.tmp', 'w');
  try {
    fs.writeSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(path + '.tmp', path);
}` },
      ] },
    ],
  },
  {
    name: "fs/promises open: closed only on success",
    code: `import { open, opendir } from 'node:fs/promises';
export async function readConfig(path: string): Promise<string> {
  const handle = await open(path);
  const text = await handle.readFile('utf8');
  await handle.close();
  return text;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 24, endLine: 3, endColumn: 34, suggestions: [
        { messageId: 'suggestUsing', output: `import { open, opendir } from 'node:fs/promises';
export async function readConfig(path: string): Promise<string> {
  await using handle = await open(path);
  const text = await handle.readFile('utf8');
  return text;
}` },
      ] },
    ],
  },
  {
    name: "fs.promises.open via require: never closed",
    code: `const fs = require('node:fs');
export async function firstByte(path: string) {
  const handle = await fs.promises.open(path, 'r');
  const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, 0);
  return buffer[0];
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 24, endLine: 3, endColumn: 51, suggestions: [
        { messageId: 'suggestUsing', output: `const fs = require('node:fs');
export async function firstByte(path: string) {
  await using handle = await fs.promises.open(path, 'r');
  const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, 0);
  return buffer[0];
}` },
      ] },
    ],
  },
  {
    name: "opendir never closed",
    code: `import { open, opendir } from 'node:fs/promises';
export async function firstEntry(path: string) {
  const dir = await opendir(path);
  const entry = await dir.read();
  return entry?.name;
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 21, endLine: 3, endColumn: 34, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { open, opendir } from 'node:fs/promises';
export async function firstEntry(path: string) {
  const dir = await opendir(path);
  try {
    const entry = await dir.read();
    return entry?.name;
  } finally {
    await dir.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "opendirSync closed only on success",
    code: `import * as fs from 'node:fs';
export function firstEntry(path: string) {
  const dir = fs.opendirSync(path);
  const entry = dir.readSync();
  dir.closeSync();
  return entry?.name;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 15, endLine: 3, endColumn: 35, suggestions: [
        { messageId: 'suggestTryFinally', output: `import * as fs from 'node:fs';
export function firstEntry(path: string) {
  const dir = fs.opendirSync(path);
  try {
    const entry = dir.readSync();
    return entry?.name;
  } finally {
    dir.closeSync();
  }
}` },
      ] },
    ],
  },
  {
    name: "openSync fd closed only on success",
    code: `import fs from 'node:fs';
export function header(path: string): Buffer {
  const fd = fs.openSync(path, 'r');
  const buffer = Buffer.alloc(16);
  fs.readSync(fd, buffer, 0, 16, 0);
  fs.closeSync(fd);
  return buffer;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 14, endLine: 3, endColumn: 36, suggestions: [
        { messageId: 'suggestTryFinally', output: `import fs from 'node:fs';
export function header(path: string): Buffer {
  const fd = fs.openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    fs.readSync(fd, buffer, 0, 16, 0);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}` },
      ] },
    ],
  },
  {
    name: "openSync fd never closed",
    code: `import { openSync, writeSync } from 'node:fs';
export function append(path: string, line: string): void {
  const fd = openSync(path, 'a');
  writeSync(fd, line);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 33, suggestions: [] },
    ],
  },
  {
    name: "readline interface closed only when the question resolves",
    code: `import * as readline from 'node:readline/promises';
export async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 14, endLine: 3, endColumn: 88, suggestions: [
        { messageId: 'suggestTryFinally', output: `import * as readline from 'node:readline/promises';
export async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return answer;
  } finally {
    rl.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "worker terminated only on success",
    code: `import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
export async function runJob(file: string) {
  const worker = new Worker(file);
  const [result] = await once(worker, 'message');
  await worker.terminate();
  return result;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 18, endLine: 4, endColumn: 34, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
export async function runJob(file: string) {
  const worker = new Worker(file);
  try {
    const [result] = await once(worker, 'message');
    return result;
  } finally {
    await worker.terminate();
  }
}` },
      ] },
    ],
  },
  {
    name: "socket ended only on success",
    code: `import net from 'node:net';
import { once } from 'node:events';
export async function ping(port: number) {
  const socket = net.connect(port);
  await once(socket, 'connect');
  socket.end();
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 18, endLine: 4, endColumn: 35, suggestions: [
        { messageId: 'suggestTryFinally', output: `import net from 'node:net';
import { once } from 'node:events';
export async function ping(port: number) {
  const socket = net.connect(port);
  try {
    await once(socket, 'connect');
  } finally {
    socket.end();
  }
}` },
      ] },
    ],
  },
  {
    name: "watcher closed only on success",
    code: `import { watch } from 'node:fs';
import { once } from 'node:events';
export async function waitForChange(path: string) {
  const watcher = watch(path);
  await once(watcher, 'change');
  watcher.close();
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 19, endLine: 4, endColumn: 30, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { watch } from 'node:fs';
import { once } from 'node:events';
export async function waitForChange(path: string) {
  const watcher = watch(path);
  try {
    await once(watcher, 'change');
  } finally {
    watcher.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "pg pooled client released only on success",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function countUsers(): Promise<number> {
  const client = await pool.connect();
  const result = await client.query('SELECT count(*) FROM users');
  client.release();
  return Number(result.rows[0].count);
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
export async function countUsers(): Promise<number> {
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT count(*) FROM users');
    return Number(result.rows[0].count);
  } finally {
    client.release();
  }
}` },
      ] },
    ],
  },
  {
    name: "pg pooled client never released",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function listUsers() {
  const client = await pool.connect();
  const result = await client.query('SELECT * FROM users');
  return result.rows;
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
export async function listUsers() {
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT * FROM users');
    return result.rows;
  } finally {
    client.release();
  }
}` },
      ] },
    ],
  },
  {
    name: "pg pool from a class field",
    code: `import { Pool } from 'pg';
export class UserStore {
  private pool = new Pool();
  async find(id: string) {
    const client = await this.pool.connect();
    const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
    client.release();
    return result.rows[0];
  }
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 26, endLine: 5, endColumn: 45, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { Pool } from 'pg';
export class UserStore {
  private pool = new Pool();
  async find(id: string) {
    const client = await this.pool.connect();
    try {
      const result = await client.query('SELECT * FROM users WHERE id = $1', [id]);
      return result.rows[0];
    } finally {
      client.release();
    }
  }
}` },
      ] },
    ],
  },
  {
    name: "pg client never ended",
    code: `import { Client } from 'pg';
export async function migrate(sql: string): Promise<void> {
  const client = new Client();
  await client.connect();
  await client.query(sql);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 18, endLine: 3, endColumn: 30, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { Client } from 'pg';
export async function migrate(sql: string): Promise<void> {
  const client = new Client();
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end();
  }
}` },
      ] },
    ],
  },
  {
    name: "mysql2 pooled connection released only on success",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function orders(userId: number) {
  const connection = await pool.getConnection();
  const [rows] = await connection.query('SELECT * FROM orders WHERE user_id = ?', [userId]);
  connection.release();
  return rows;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 28, endLine: 4, endColumn: 48, suggestions: [
        { messageId: 'suggestTryFinally', output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function orders(userId: number) {
  const connection = await pool.getConnection();
  try {
    const [rows] = await connection.query('SELECT * FROM orders WHERE user_id = ?', [userId]);
    return rows;
  } finally {
    connection.release();
  }
}` },
      ] },
    ],
  },
  {
    name: "mysql2 connection never ended",
    code: `import { createConnection } from 'mysql2/promise';
export async function ping(): Promise<void> {
  const connection = await createConnection({ host: 'db' });
  await connection.query('SELECT 1');
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 28, endLine: 3, endColumn: 60, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { createConnection } from 'mysql2/promise';
export async function ping(): Promise<void> {
  const connection = await createConnection({ host: 'db' });
  try {
    await connection.query('SELECT 1');
  } finally {
    await connection.end();
  }
}` },
      ] },
    ],
  },
  {
    name: "generic-pool resource released only on success",
    code: `import { createPool } from 'generic-pool';
declare const factory: unknown;
const pool = createPool(factory, { max: 4 });
export async function work(job: string) {
  const resource = await pool.acquire();
  await resource.run(job);
  await pool.release(resource);
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { createPool } from 'generic-pool';
declare const factory: unknown;
const pool = createPool(factory, { max: 4 });
export async function work(job: string) {
  const resource = await pool.acquire();
  try {
    await resource.run(job);
  } finally {
    await pool.release(resource);
  }
}` },
      ] },
    ],
  },
  {
    name: "generic-pool resource never released",
    code: `import * as genericPool from 'generic-pool';
declare const factory: unknown;
const pool = genericPool.createPool(factory);
export async function work(job: string) {
  const resource = await pool.acquire();
  await resource.run(job);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'suggestTryFinally', output: `import * as genericPool from 'generic-pool';
declare const factory: unknown;
const pool = genericPool.createPool(factory);
export async function work(job: string) {
  const resource = await pool.acquire();
  try {
    await resource.run(job);
  } finally {
    await pool.release(resource);
  }
}` },
      ] },
    ],
  },
  {
    name: "tarn resource released only on success",
    code: `import { Pool } from 'tarn';
declare const options: unknown;
const pool = new Pool(options);
export async function work(job: string) {
  const resource = await pool.acquire().promise;
  await resource.run(job);
  pool.release(resource);
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { Pool } from 'tarn';
declare const options: unknown;
const pool = new Pool(options);
export async function work(job: string) {
  const resource = await pool.acquire().promise;
  try {
    await resource.run(job);
  } finally {
    pool.release(resource);
  }
}` },
      ] },
    ],
  },
  {
    name: "MongoClient.connect never closed",
    code: `import { MongoClient } from 'mongodb';
export async function countDocs(url: string): Promise<number> {
  const client = await MongoClient.connect(url);
  return client.db('app').collection('docs').countDocuments();
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 24, endLine: 3, endColumn: 48, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { MongoClient } from 'mongodb';
export async function countDocs(url: string): Promise<number> {
  const client = await MongoClient.connect(url);
  try {
    return await client.db('app').collection('docs').countDocuments();
  } finally {
    await client.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "new MongoClient closed only on success",
    code: `import { MongoClient } from 'mongodb';
export async function countDocs(url: string): Promise<number> {
  const client = new MongoClient(url);
  await client.connect();
  const count = await client.db('app').collection('docs').countDocuments();
  await client.close();
  return count;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 18, endLine: 3, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { MongoClient } from 'mongodb';
export async function countDocs(url: string): Promise<number> {
  const client = new MongoClient(url);
  try {
    await client.connect();
    const count = await client.db('app').collection('docs').countDocuments();
    return count;
  } finally {
    await client.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "redis client quit only on success",
    code: `import { createClient } from 'redis';
export async function readKey(key: string) {
  const redis = createClient();
  await redis.connect();
  const value = await redis.get(key);
  await redis.quit();
  return value;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 17, endLine: 3, endColumn: 31, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { createClient } from 'redis';
export async function readKey(key: string) {
  const redis = createClient();
  try {
    await redis.connect();
    const value = await redis.get(key);
    return value;
  } finally {
    await redis.quit();
  }
}` },
      ] },
    ],
  },
  {
    name: "ioredis default export never quit",
    code: `import Redis from 'ioredis';
export async function readKey(key: string) {
  const redis = new Redis();
  return redis.get(key);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 17, endLine: 3, endColumn: 28, suggestions: [
        { messageId: 'suggestTryFinally', output: `import Redis from 'ioredis';
export async function readKey(key: string) {
  const redis = new Redis();
  try {
    return await redis.get(key);
  } finally {
    await redis.quit();
  }
}` },
      ] },
    ],
  },
  {
    name: "ioredis under another local name, via require",
    code: `const IORedis = require('ioredis');
export async function ping(): Promise<void> {
  const redis = new IORedis();
  await redis.ping();
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 17, endLine: 3, endColumn: 30, suggestions: [
        { messageId: 'suggestTryFinally', output: `const IORedis = require('ioredis');
export async function ping(): Promise<void> {
  const redis = new IORedis();
  try {
    await redis.ping();
  } finally {
    await redis.quit();
  }
}` },
      ] },
    ],
  },
  {
    name: "discarded pooled client",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function warmUp(): Promise<void> {
  await pool.connect();
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 4, column: 9, endLine: 4, endColumn: 23, suggestions: [] },
    ],
  },
  {
    name: "file handle used once and dropped",
    code: `import { open, opendir } from 'node:fs/promises';
export async function readAll(path: string) {
  return (await open(path)).readFile('utf8');
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 17, endLine: 3, endColumn: 27, suggestions: [] },
    ],
  },
  {
    name: "using on an async-disposable handle",
    code: `import { open, opendir } from 'node:fs/promises';
export async function size(path: string) {
  using handle = await open(path);
  return (await handle.stat()).size;
}`,
    output: `import { open, opendir } from 'node:fs/promises';
export async function size(path: string) {
  await using handle = await open(path);
  return (await handle.stat()).size;
}`,
    errors: [
      { messageId: 'usingAsyncDisposable', line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [] },
    ],
  },
  {
    name: "assignment to a let, closed only on success",
    code: `import { open, opendir } from 'node:fs/promises';
export async function size(path: string) {
  let handle;
  handle = await open(path);
  const stats = await handle.stat();
  await handle.close();
  return stats.size;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 18, endLine: 4, endColumn: 28, suggestions: [] },
    ],
  },
  {
    name: "early return between acquisition and release",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function findUser(id: string) {
  const client = await pool.connect();
  if (id === '') return null;
  client.release();
  return id;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
export async function findUser(id: string) {
  const client = await pool.connect();
  try {
    if (id === '') return null;
    return id;
  } finally {
    client.release();
  }
}` },
      ] },
    ],
  },
  {
    name: "throw between acquisition and release",
    code: `import fs from 'node:fs';
export function check(path: string, limit: number): void {
  const fd = fs.openSync(path, 'r');
  if (limit < 0) throw new RangeError('limit');
  fs.closeSync(fd);
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 14, endLine: 3, endColumn: 36, suggestions: [
        { messageId: 'suggestTryFinally', output: `import fs from 'node:fs';
export function check(path: string, limit: number): void {
  const fd = fs.openSync(path, 'r');
  try {
    if (limit < 0) throw new RangeError('limit');
  } finally {
    fs.closeSync(fd);
  }
}` },
      ] },
    ],
  },
  {
    name: "continue in a loop skips the release",
    code: `import fs from 'node:fs';
export function touchAll(paths: string[], skip: boolean): void {
  for (const path of paths) {
    const fd = fs.openSync(path, 'a');
    if (skip) continue;
    fs.closeSync(fd);
  }
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 16, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import fs from 'node:fs';
export function touchAll(paths: string[], skip: boolean): void {
  for (const path of paths) {
    const fd = fs.openSync(path, 'a');
    try {
      if (skip) continue;
    } finally {
      fs.closeSync(fd);
    }
  }
}` },
      ] },
    ],
  },
  {
    name: "break in a loop skips the release",
    code: `import { open, opendir } from 'node:fs/promises';
export async function firstNonEmpty(paths: string[]) {
  for (const path of paths) {
    const handle = await open(path);
    if (path.endsWith('.skip')) break;
    await handle.close();
  }
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 26, endLine: 4, endColumn: 36, suggestions: [
        { messageId: 'suggestUsing', output: `import { open, opendir } from 'node:fs/promises';
export async function firstNonEmpty(paths: string[]) {
  for (const path of paths) {
    await using handle = await open(path);
    if (path.endsWith('.skip')) break;
  }
}` },
      ] },
    ],
  },
  {
    name: "yield between acquisition and release",
    code: `import { open, opendir } from 'node:fs/promises';
export async function* lines(path: string) {
  const handle = await open(path);
  yield handle.fd;
  await handle.close();
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 24, endLine: 3, endColumn: 34, suggestions: [
        { messageId: 'suggestUsing', output: `import { open, opendir } from 'node:fs/promises';
export async function* lines(path: string) {
  await using handle = await open(path);
  yield handle.fd;
}` },
      ] },
    ],
  },
  {
    name: "release in finally, but an await before the try",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function load(id: string) {
  const client = await pool.connect();
  await client.query('SET search_path TO app');
  try {
    return await client.query('SELECT * FROM t WHERE id = $1', [id]);
  } finally {
    client.release();
  }
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [] },
    ],
  },
  {
    name: "return inside a try/catch that swallows errors",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function load(id: string) {
  const client = await pool.connect();
  try {
    const result = await client.query('SELECT 1');
    if (result.rows.length === 0) return null;
  } catch (error) {
    console.error(error);
  }
  client.release();
  return id;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
export async function load(id: string) {
  const client = await pool.connect();
  try {
    try {
      const result = await client.query('SELECT 1');
      if (result.rows.length === 0) return null;
    } catch (error) {
      console.error(error);
    }
    return id;
  } finally {
    client.release();
  }
}` },
      ] },
    ],
  },
  {
    name: "released in only one branch",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export async function load(fast: boolean) {
  const client = await pool.connect();
  const result = await client.query('SELECT 1');
  if (fast) {
    client.release();
  }
  return result;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 24, endLine: 4, endColumn: 38, suggestions: [] },
    ],
  },
  {
    name: "acquired in a loop, released only on success",
    code: `import { open, opendir } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const result: number[] = [];
  for (const path of paths) {
    const handle = await open(path);
    result.push((await handle.stat()).size);
    await handle.close();
  }
  return result;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 26, endLine: 5, endColumn: 36, suggestions: [
        { messageId: 'suggestUsing', output: `import { open, opendir } from 'node:fs/promises';
export async function sizes(paths: string[]) {
  const result: number[] = [];
  for (const path of paths) {
    await using handle = await open(path);
    result.push((await handle.stat()).size);
  }
  return result;
}` },
      ] },
    ],
  },
  {
    name: "nested function owns its own leak",
    code: `import pg from 'pg';
const pool = new pg.Pool();
export function makeHandler() {
  return async (sql: string) => {
    const client = await pool.connect();
    return client.query(sql);
  };
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
export function makeHandler() {
  return async (sql: string) => {
    const client = await pool.connect();
    try {
      return await client.query(sql);
    } finally {
      client.release();
    }
  };
}` },
      ] },
    ],
  },
  {
    name: "arrow callback in a route",
    code: `import pg from 'pg';
const pool = new pg.Pool();
const routes = {
  list: async () => {
    const client = await pool.connect();
    const { rows } = await client.query('SELECT * FROM items');
    client.release();
    return rows;
  },
};`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 26, endLine: 5, endColumn: 40, suggestions: [
        { messageId: 'suggestTryFinally', output: `import pg from 'pg';
const pool = new pg.Pool();
const routes = {
  list: async () => {
    const client = await pool.connect();
    try {
      const { rows } = await client.query('SELECT * FROM items');
      return rows;
    } finally {
      client.release();
    }
  },
};` },
      ] },
    ],
  },
  {
    name: "used in an array callback, never released",
    code: `import fs from 'node:fs';
export function writeAll(path: string, lines: string[]): void {
  const fd = fs.openSync(path, 'a');
  lines.forEach((line) => fs.writeSync(fd, line));
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 36, suggestions: [
        { messageId: 'suggestTryFinally', output: `import fs from 'node:fs';
export function writeAll(path: string, lines: string[]): void {
  const fd = fs.openSync(path, 'a');
  try {
    lines.forEach((line) => fs.writeSync(fd, line));
  } finally {
    fs.closeSync(fd);
  }
}` },
      ] },
    ],
  },
  {
    name: "acquired twice in one declaration",
    code: `import { open, opendir } from 'node:fs/promises';
export async function copy(from: string, to: string) {
  const source = await open(from), target = await open(to, 'w');
  await target.write(await source.readFile());
  await source.close();
  await target.close();
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 24, endLine: 3, endColumn: 34, suggestions: [] },
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 51, endLine: 3, endColumn: 64, suggestions: [] },
    ],
  },
  {
    name: "descriptor opened in a try whose catch swallows the error",
    code: `import fs from 'node:fs';
export function readShebang(command: string): string {
  const buffer = Buffer.alloc(150);
  let fd;
  try {
    fd = fs.openSync(command, 'r');
    fs.readSync(fd, buffer, 0, 150, 0);
    fs.closeSync(fd);
  } catch {
    // ignored
  }
  return buffer.toString();
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 6, column: 10, endLine: 6, endColumn: 35, suggestions: [] },
    ],
  },
  {
    name: "a MongoClient used once and dropped",
    code: `import { MongoClient } from 'mongodb';
export async function count(url: string) {
  return new MongoClient(url).db('app').collection('docs').countDocuments();
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 10, endLine: 3, endColumn: 30, suggestions: [] },
    ],
  },
  {
    name: "a user resource (export call), closed only on success",
    code: `import { connect } from 'my-db';
export async function count(url: string) {
  const db = await connect(url);
  const rows = await db.query('SELECT 1');
  await db.close();
  return rows.length;
}`,
    options: [{"resources":[{"module":"my-db","factory":"connect","dispose":"close"}]}],
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 20, endLine: 3, endColumn: 32, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { connect } from 'my-db';
export async function count(url: string) {
  const db = await connect(url);
  try {
    const rows = await db.query('SELECT 1');
    return rows.length;
  } finally {
    await db.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "a user resource (owner method), never released",
    code: `import { Pool } from 'my-pool';
const pool = new Pool();
export async function send(message: string) {
  const connection = await pool.checkout();
  await connection.send(message);
}`,
    options: [{"resources":[{"module":"my-pool","factory":"Pool#checkout","dispose":["checkin(resource)"]}]}],
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 4, column: 28, endLine: 4, endColumn: 43, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { Pool } from 'my-pool';
const pool = new Pool();
export async function send(message: string) {
  const connection = await pool.checkout();
  try {
    await connection.send(message);
  } finally {
    await pool.checkin(connection);
  }
}` },
      ] },
    ],
  },
  {
    name: "a user entry (node: spelling) replaces the catalog entry",
    code: `import { createInterface } from 'node:readline/promises';
export async function ask(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return rl.question(question);
}`,
    options: [{"resources":[{"module":"node:readline/promises","factory":"createInterface","dispose":"close"}]}],
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 79, suggestions: [
        { messageId: 'suggestTryFinally', output: `import { createInterface } from 'node:readline/promises';
export async function ask(question: string) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    await rl.close();
  }
}` },
      ] },
    ],
  },
  {
    name: "a user resource that implements Symbol.asyncDispose",
    code: `import { File } from 'my-files';
export async function write(text: string) {
  const file = new File('out.txt');
  await file.write(text);
  await file.close();
}`,
    options: [{"resources":[{"module":"node:my-files","factory":"new File","dispose":"close","asyncDisposable":true}]}],
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 16, endLine: 3, endColumn: 35, suggestions: [
        { messageId: 'suggestUsing', output: `import { File } from 'my-files';
export async function write(text: string) {
  await using file = new File('out.txt');
  await file.write(text);
}` },
      ] },
    ],
  },
];

/** A lock (disposable by type) that the function releases itself, only when nothing throws. */
const LOCK_RELEASED_ON_SUCCESS = `declare class Lock implements Disposable {
  static take(name: string): Lock;
  release(): void;
  [Symbol.dispose](): void;
}
declare function work(): Promise<void>;
export async function critical() {
  const lock = Lock.take('jobs');
  await work();
  lock.release();
}`;

const typedInvalid: InvalidCase[] = [
  {
    name: "a class with Symbol.asyncDispose never disposed",
    code: `class Session {
  async run(sql: string): Promise<number> { return sql.length; }
  async [Symbol.asyncDispose](): Promise<void> {}
}
export async function handle(sql: string) {
  const session = new Session();
  return session.run(sql);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 6, column: 19, endLine: 6, endColumn: 32, suggestions: [
        { messageId: 'suggestUsing', output: `class Session {
  async run(sql: string): Promise<number> { return sql.length; }
  async [Symbol.asyncDispose](): Promise<void> {}
}
export async function handle(sql: string) {
  await using session = new Session();
  return await session.run(sql);
}` },
      ] },
    ],
  },
  {
    name: "a sync disposable released only on success",
    code: LOCK_RELEASED_ON_SUCCESS,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 8, column: 16, endLine: 8, endColumn: 33, suggestions: [
        { messageId: 'suggestUsing', output: `declare class Lock implements Disposable {
  static take(name: string): Lock;
  release(): void;
  [Symbol.dispose](): void;
}
declare function work(): Promise<void>;
export async function critical() {
  using lock = Lock.take('jobs');
  await work();
}` },
      ] },
    ],
  },
  {
    name: "using on an async-only disposable",
    code: `declare class Connection implements AsyncDisposable {
  [Symbol.asyncDispose](): Promise<void>;
}
declare function connect(): Promise<Connection>;
export async function ping() {
  using connection = await connect();
  return connection;
}`,
    output: `declare class Connection implements AsyncDisposable {
  [Symbol.asyncDispose](): Promise<void>;
}
declare function connect(): Promise<Connection>;
export async function ping() {
  await using connection = await connect();
  return connection;
}`,
    errors: [
      { messageId: 'usingAsyncDisposable', line: 6, column: 3, endLine: 6, endColumn: 8, suggestions: [] },
    ],
  },
  {
    name: "an AsyncDisposableStack never disposed",
    code: `export async function build() {
  const stack = new AsyncDisposableStack();
  stack.defer(async () => {});
  return 1;
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 2, column: 17, endLine: 2, endColumn: 43, suggestions: [
        { messageId: 'suggestUsing', output: `export async function build() {
  await using stack = new AsyncDisposableStack();
  stack.defer(async () => {});
  return 1;
}` },
      ] },
    ],
  },
  {
    name: "a disposable from a function, released only on success, in a non-async function",
    code: `interface Span extends Disposable { end(): void; }
declare function startSpan(name: string): Span;
declare function compute(): number;
export function measured() {
  const span = startSpan('compute');
  const value = compute();
  span.end();
  return value;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 5, column: 16, endLine: 5, endColumn: 36, suggestions: [
        { messageId: 'suggestUsing', output: `interface Span extends Disposable { end(): void; }
declare function startSpan(name: string): Span;
declare function compute(): number;
export function measured() {
  using span = startSpan('compute');
  const value = compute();
  return value;
}` },
      ] },
    ],
  },
];

const bothValid: ValidCase[] = [
  // What cannot leave the code between the acquisition and the release: a call in a \`catch\` clause there (it
  // handles an error, it is not a new one), console output, a \`break\` out of a loop that starts after the
  // acquisition or that ends before the release, an \`await\` whose operand holds the release itself.
  `import fs from 'node:fs';
export function save(path: string, data: string, report: (error: unknown) => void) {
  const fd = fs.openSync(path, 'w');
  try {
    fs.writeSync(fd, data);
  } catch (error) {
    report(error);
  }
  fs.closeSync(fd);
}`,
  `import fs from 'node:fs';
export function save(path: string, data: string) {
  const fd = fs.openSync(path, 'w');
  console.log('opened', path, fd);
  fs.closeSync(fd);
}`,
  `import fs from 'node:fs';
export function firstBlank(path: string, lines: string[]) {
  const fd = fs.openSync(path, 'r');
  let blank = -1;
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] === '') {
      blank = index;
      break;
    }
  }
  fs.closeSync(fd);
  return blank;
}`,
  `import fs from 'node:fs';
export function openFirst(paths: string[]) {
  let fd: number | undefined;
  for (const path of paths) {
    fd = fs.openSync(path, 'r');
    if (fd > 2) break;
  }
  if (fd !== undefined) fs.closeSync(fd);
}`,
  `import { open } from 'node:fs/promises';
export async function closeWith(path: string, other: Promise<void>) {
  const handle = await open(path);
  await Promise.all([handle.close(), other]);
}`,
  // The function hands the client on: \`connect()\` resolves to the client itself.
  `import pg from 'pg';
export async function open(url: string) {
  const client = new pg.Client(url);
  return await client.connect();
}`,
  // Test code: a leaked handle costs at most a runner that does not exit.
  { code: `import fs from 'node:fs';
export async function fixture() { const fd = fs.openSync('fixture.txt', 'r'); return fs.readFileSync(fd, 'utf8'); }`, filename: 'test/file.ts' },
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  await using handle = await open(path);
  return handle.readFile('utf8');
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  let client;
  try {
    client = await pool.connect();
    return await client.query('SELECT 1');
  } finally {
    client?.release();
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  let client = null;
  try {
    client = await pool.connect();
    return await client.query('SELECT 1');
  } finally {
    if (client) client.release();
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  const client = await pool.connect();
  try {
    const r = await client.query('SELECT 1');
    client.release();
    return r;
  } catch (error) {
    client.release(error);
    throw error;
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  const client = await pool.connect();
  let r;
  try {
    r = await client.query('SELECT 1');
  } catch (error) {
    client.release(error);
    throw error;
  }
  client.release();
  return r;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  return handle;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  return open(path);
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  return await open(path);
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  return { handle, path };
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function* a(paths: string[]) {
  for (const path of paths) {
    const handle = await open(path);
    yield handle;
  }
}`,
  `import { open, opendir } from 'node:fs/promises';
export class Log {
  handle: unknown;
  async start(path: string) {
    const handle = await open(path, 'a');
    this.handle = handle;
  }
}`,
  `import { open, opendir } from 'node:fs/promises';
export class Log {
  handle: unknown;
  async start(path: string) {
    this.handle = await open(path, 'a');
  }
}`,
  `import { open, opendir } from 'node:fs/promises';
const handles = new Map<string, unknown>();
export async function a(path: string) {
  const handle = await open(path);
  handles.set(path, handle);
}`,
  `import { open, opendir } from 'node:fs/promises';
const handles: unknown[] = [];
export async function a(path: string) {
  const handle = await open(path);
  handles.push(handle);
}`,
  `import { open, opendir } from 'node:fs/promises';
let current: unknown;
export async function a(path: string) {
  const handle = await open(path);
  current = handle;
}`,
  `import { open, opendir } from 'node:fs/promises';
declare function consume(handle: unknown): Promise<void>;
export async function a(path: string) {
  const handle = await open(path);
  await consume(handle);
}`,
  `import { open, opendir } from 'node:fs/promises';
const handle = await open('app.log', 'a');`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  await using stack = new AsyncDisposableStack();
  const handle = stack.use(await open(path));
  return handle.readFile('utf8');
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  await using stack = new AsyncDisposableStack();
  const handle = await open(path);
  stack.defer(() => handle.close());
  return handle.readFile('utf8');
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  return handle.createReadStream();
}`,
  `import fs from 'node:fs';
export function a(path: string) {
  const fd = fs.openSync(path, 'a');
  process.on('exit', () => fs.closeSync(fd));
}`,
  `import fs from 'node:fs';
export function a(path: string, data: string) {
  const fd = fs.openSync(path, 'a');
  try {
    fs.writeSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export function a() {
  pool.connect((error, client, done) => {
    if (error) return;
    client.query('SELECT 1', () => done());
  });
}`,
  `async function open(path: string) { return { path, close() {} }; }
export async function a() {
  const handle = await open('x');
  return handle.path;
}`,
  `import { open } from './storage';
export async function a() {
  const handle = await open('x');
  return handle.read();
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const pending = open(path);
  return pending;
}`,
  `import * as readline from 'node:readline';
import fs from 'node:fs';
export async function a(path: string) {
  const rl = readline.createInterface({ input: fs.createReadStream(path) });
  let count = 0;
  for await (const line of rl) count += line.length;
  return count;
}`,
  `import { Worker } from 'node:worker_threads';
export function a(file: string) {
  const worker = new Worker(file);
  worker.on('message', (m) => console.log(m));
}`,
  `import net from 'node:net';
export function a(port: number) {
  const socket = net.connect(port);
  socket.write('ping');
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const dir = await opendir(path);
  const names: string[] = [];
  for await (const entry of dir) names.push(entry.name);
  return names;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  await handle.close();
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  let text = '';
  try {
    text = await handle.readFile('utf8');
  } catch (error) {
    console.error(error);
  }
  await handle.close();
  return text;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(p: string, q: string) {
  let handle = await open(p);
  handle = await open(q);
  return handle;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  const same = handle;
  await same.close();
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a(id: string) {
  const client = await pool.connect();
  if (id === '') {
    client.release();
    return null;
  }
  client.release();
  return id;
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(paths: string[]) {
  for (const path of paths) {
    const handle = await open(path);
    try {
      if (path.endsWith('.skip')) continue;
      await handle.write('x');
    } finally {
      await handle.close();
    }
  }
}`,
  `import { createPool } from 'generic-pool';
declare const factory: unknown;
const pool = createPool(factory);
export async function a() {
  const r = await pool.acquire();
  try {
    await r.run();
  } finally {
    await pool.release(r);
  }
}`,
  `import { createClient } from 'redis';
export async function a() {
  const redis = createClient();
  await redis.connect();
  try {
    return await redis.get('k');
  } finally {
    await redis.quit();
  }
}`,
  `import { open, opendir } from 'node:fs/promises';
export async function a(path: string) {
  const handle = await open(path);
  try {
    return await handle.stat();
  } finally {
    await handle[Symbol.asyncDispose]();
  }
}`,
  `import Redis from 'ioredis';
declare const app: { get(path: string, handler: () => Promise<unknown>): void };
export function routes() {
  const redis = new Redis();
  app.get('/count', async () => redis.get('count'));
}`,
  `import Redis from 'ioredis';
export function subscribe(onMessage: (m: string) => void) {
  const subscriber = new Redis();
  subscriber.subscribe('jobs');
  subscriber.on('message', (_channel: string, message: string) => onMessage(message));
}`,
  `import { createClient } from 'redis';
export async function a() {
  const client = await createClient().on('error', (e: unknown) => console.error(e)).connect();
  return client;
}`,
  `import pg from 'pg';
const pool = new pg.Pool();
export async function a() {
  const client = await pool.connect();
  return client.query('SELECT 1').finally(() => client.release());
}`,
  `import fs from 'node:fs';
export function touch(path: string) {
  fs.closeSync(fs.openSync(path, 'w'));
}`,
  `declare function lock(): Disposable;
export function a() {
  using held = lock();
  return held;
}`,
  { code: `import { connect } from 'my-db';
export async function a(url: string) {
  const db = await connect(url);
  try {
    return await db.query('SELECT 1');
  } finally {
    await db.close();
  }
}`, options: [{"resources":[{"module":"my-db","factory":"connect","dispose":"close"}]}] },
  { code: `import { Pool } from 'my-pool';
const pool = new Pool();
export async function a() {
  const c = await pool.checkout();
  try {
    await c.send('x');
  } finally {
    pool.checkin(c);
  }
}`, options: [{"resources":[{"module":"my-pool","factory":"Pool#checkout","dispose":["checkin(resource)"]}]}] },
  { code: `import { connect } from 'other-db';
export async function a(url: string) {
  const db = await connect(url);
  return db.query('SELECT 1');
}`, options: [{"resources":[{"module":"my-db","factory":"connect","dispose":"close"}]}] },
];

const typedValid: ValidCase[] = [
  // A type with [Symbol.asyncDispose] from a factory is not by itself this function's to release: an app instance.
  `declare function createApp(): AsyncDisposable & { route(path: string): void };
export function routes() { const app = createApp(); app.route('/'); }`,
  // The client is handed to the caller through connect(), which resolves to it: `await using` would close it on return.
  `class Client implements AsyncDisposable {
  constructor(readonly url: string) {}
  async connect(): Promise<this> { return this; }
  async [Symbol.asyncDispose](): Promise<void> {}
  static async open(url: string) {
    const client = new this(url);
    return await client.connect();
  }
}`,
  // A server started here is meant to outlive the function.
  `declare class Server implements AsyncDisposable { listen(port: number): void; [Symbol.asyncDispose](): Promise<void>; }
export function start() { const server = new Server(); server.listen(8080); }`,
  `class Session { async [Symbol.asyncDispose]() {} }
export async function a() {
  await using session = new Session();
  return 1;
}`,
  `class Session { async [Symbol.asyncDispose]() {} }
export function a() {
  return new Session();
}`,
  `class Session { async [Symbol.asyncDispose]() {} }
export async function a() {
  const session = new Session();
  try {
    return 1;
  } finally {
    await session[Symbol.asyncDispose]();
  }
}`,
  `declare class Both implements Disposable, AsyncDisposable { [Symbol.dispose](): void; [Symbol.asyncDispose](): Promise<void>; }
export function a() {
  using both = new Both();
  return 1;
}`,
  `export function a(cb: () => void) {
  const timer = setTimeout(cb, 10);
  return 1;
}`,
  `import fs from 'node:fs';
export function a(path: string) {
  const stream = fs.createReadStream(path);
  stream.on('data', () => {});
}`,
  `import { spawn } from 'node:child_process';
export function a() {
  const child = spawn('ls');
  child.on('exit', () => {});
}`,
  `class Session { close() {} async [Symbol.asyncDispose]() {} }
export async function a() {
  const session = new Session();
  try {
    return 1;
  } finally {
    session.close();
  }
}`,
  `class Plain { close() {} }
export async function a() {
  const plain = new Plain();
  await Promise.resolve();
  plain.close();
}`,
];


// Resources the catalog does not know, by the code's own word: the function releases the value itself (a method
// named `close`, `release`, `end`, `destroy`, `quit`, `disconnect`, `dispose`, `terminate`), so a path that skips
// it leaks; a client checked out of something named a pool is the function's to give back.
const inferredInvalid: InvalidCase[] = [
  {
    name: "a headless browser closed only on success (the page is lent to a helper)",
    code: `import puppeteer from 'puppeteer';
declare function scrape(page: unknown): Promise<string>;
export async function screenshot(url: string) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  const text = await scrape(page);
  await browser.close();
  return text;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 25, endLine: 4, endColumn: 43,
        data: { what: "'browser' (from `puppeteer.launch()`)", risk: 'the `await`', line: '5', release: '`browser.close()`', remedy: 'Call `browser.close()` in a `finally` block' },
        suggestions: [
          { messageId: 'suggestTryFinally', output: `import puppeteer from 'puppeteer';
declare function scrape(page: unknown): Promise<string>;
export async function screenshot(url: string) {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    const text = await scrape(page);
    return text;
  } finally {
    await browser.close();
  }
}` },
        ] },
    ],
  },
  {
    name: "an ORM's query runner released only on success; an early return skips it",
    code: `interface Runner { connect(): Promise<void>; query(sql: string): Promise<unknown[]>; release(): Promise<void> }
export async function count(source: { createQueryRunner(): Runner }, table: string) {
  const runner = source.createQueryRunner();
  await runner.connect();
  const rows = await runner.query('select count(*) from ' + table);
  if (rows.length === 0) return 0;
  await runner.release();
  return rows.length;
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 3, column: 18, endLine: 3, endColumn: 44,
        data: { what: "'runner' (from `source.createQueryRunner()`)", risk: 'the `await`', line: '5', release: '`runner.release()`', remedy: 'Call `runner.release()` in a `finally` block' },
        suggestions: [
          { messageId: 'suggestTryFinally', output: `interface Runner { connect(): Promise<void>; query(sql: string): Promise<unknown[]>; release(): Promise<void> }
export async function count(source: { createQueryRunner(): Runner }, table: string) {
  const runner = source.createQueryRunner();
  try {
    await runner.connect();
    const rows = await runner.query('select count(*) from ' + table);
    if (rows.length === 0) return 0;
    return rows.length;
  } finally {
    await runner.release();
  }
}` },
        ] },
    ],
  },
  {
    name: "a client checked out of a pool that came in as a parameter, never given back (the file gives others back)",
    code: `interface Client { query(sql: string): Promise<unknown>; release(): void }
export async function listUsers(pool: { connect(): Promise<Client> }) {
  const client = await pool.connect();
  const result = await client.query('select * from users');
  return result;
}
export async function ping(pool: { connect(): Promise<Client> }) {
  const client = await pool.connect();
  try { await client.query('select 1'); } finally { client.release(); }
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 24, endLine: 3, endColumn: 38,
        data: { what: "'client' (a client checked out with `pool.connect()`)", release: '`client.release()`', remedy: 'Call `client.release()` in a `finally` block' },
        suggestions: [
          { messageId: 'suggestTryFinally', output: `interface Client { query(sql: string): Promise<unknown>; release(): void }
export async function listUsers(pool: { connect(): Promise<Client> }) {
  const client = await pool.connect();
  try {
    const result = await client.query('select * from users');
    return result;
  } finally {
    client.release();
  }
}
export async function ping(pool: { connect(): Promise<Client> }) {
  const client = await pool.connect();
  try { await client.query('select 1'); } finally { client.release(); }
}` },
        ] },
    ],
  },
  {
    name: "a client of a pool parameter whose query promise is returned: given back after it settles",
    code: `export async function a(pool: { connect(): Promise<{ query(s: string): Promise<unknown>; release(): void }> }) {
  const client = await pool.connect();
  return client.query('SELECT 1');
}
export async function b(pool: { connect(): Promise<{ release(): void }> }) {
  const client = await pool.connect();
  client.release();
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 2, column: 24, endLine: 2, endColumn: 38, suggestions: [
        { messageId: 'suggestTryFinally', output: `export async function a(pool: { connect(): Promise<{ query(s: string): Promise<unknown>; release(): void }> }) {
  const client = await pool.connect();
  try {
    return await client.query('SELECT 1');
  } finally {
    client.release();
  }
}
export async function b(pool: { connect(): Promise<{ release(): void }> }) {
  const client = await pool.connect();
  client.release();
}` },
      ] },
    ],
  },
  {
    name: "a resource of a generic pool parameter, given back to the pool",
    code: `type Pool = { acquire(): Promise<{ run(): Promise<void> }>; release(r: unknown): Promise<void> };
export async function withResource(pool: Pool) {
  const resource = await pool.acquire();
  await resource.run();
}
export async function once(pool: Pool) {
  const resource = await pool.acquire();
  await pool.release(resource);
}`,
    output: null,
    errors: [
      { messageId: 'neverReleased', line: 3, column: 26, endLine: 3, endColumn: 40,
        data: { what: "'resource' (a client checked out with `pool.acquire()`)", release: '`pool.release(resource)`', remedy: 'Call `pool.release(resource)` in a `finally` block' },
        suggestions: [
          { messageId: 'suggestTryFinally', output: `type Pool = { acquire(): Promise<{ run(): Promise<void> }>; release(r: unknown): Promise<void> };
export async function withResource(pool: Pool) {
  const resource = await pool.acquire();
  try {
    await resource.run();
  } finally {
    await pool.release(resource);
  }
}
export async function once(pool: Pool) {
  const resource = await pool.acquire();
  await pool.release(resource);
}` },
        ] },
    ],
  },
  {
    name: "a pooled connection of this.pool released only on success",
    code: `export class Repo {
  constructor(private readonly pool: { getConnection(): Promise<{ query(sql: string): Promise<unknown>; release(): void }> }) {}
  async find(id: string) {
    const connection = await this.pool.getConnection();
    const row = await connection.query('select * from items where id = ' + id);
    connection.release();
    return row;
  }
}`,
    output: null,
    errors: [
      { messageId: 'releasedOnlyOnSuccess', line: 4, column: 30, endLine: 4, endColumn: 55,
        suggestions: [
          { messageId: 'suggestTryFinally', output: `export class Repo {
  constructor(private readonly pool: { getConnection(): Promise<{ query(sql: string): Promise<unknown>; release(): void }> }) {}
  async find(id: string) {
    const connection = await this.pool.getConnection();
    try {
      const row = await connection.query('select * from items where id = ' + id);
      return row;
    } finally {
      connection.release();
    }
  }
}` },
        ] },
    ],
  },
];

const inferredValid: ValidCase[] = [
  // released on every path, or in a finally
  `import puppeteer from 'puppeteer';
export async function title(url: string) {
  const browser = await puppeteer.launch();
  try {
    const page = await browser.newPage();
    await page.goto(url);
    return await page.title();
  } finally {
    await browser.close();
  }
}`,
  // no release in the function: the code does not say it is a resource (only a pool checkout does)
  `declare function openSession(): Promise<{ run(q: string): Promise<void>; close(): Promise<void> }>;
export async function run(q: string) {
  const session = await openSession();
  await session.run(q);
  return session;
}`,
  // handed on: returned, stored, or a pooled client passed to what takes it over
  `declare function openSession(): Promise<{ run(q: string): Promise<void>; close(): Promise<void> }>;
export class Holder {
  session: unknown;
  async start() {
    const session = await openSession();
    this.session = session;
    await session.run('x');
    if (Math.random() > 2) await session.close();
  }
}`,
  `declare class Transaction { constructor(client: unknown); }
export async function begin(pool: { connect(): Promise<{ release(): void }> }) {
  const client = await pool.connect();
  return new Transaction(client);
}`,
  // nothing can skip the release: no await in between, or an await that cannot reject
  `declare function openSession(): { close(): void };
export async function quick() {
  const session = openSession();
  await Promise.resolve();
  session.close();
}`,
  // a "pool" whose checkouts the file never gives back: it hands out connections it keeps
  `export class Broker {
  constructor(private readonly connectionPool: { getConnection(): Promise<{ authenticate(): Promise<void> }> }) {}
  async connect() {
    const connection = await this.connectionPool.getConnection();
    await connection.authenticate();
  }
}`,
  // released only when something failed, and handed to what it is wrapped in otherwise
  `declare class StreamableFile { constructor(stream: unknown); }
declare function toReadable(): { destroy(): void };
declare function reply(file: StreamableFile): Promise<void>;
export async function send() {
  const stream = toReadable();
  const file = new StreamableFile(stream);
  try {
    return await reply(file);
  } catch (error) {
    stream.destroy();
    throw error;
  }
}`,
  // \`end()\` of a value made without waiting: the end of a parser's input, not a release
  `declare class Parser { write(chunk: unknown): void; read(): unknown; end(): void }
export async function* parse(chunks: AsyncIterable<unknown>) {
  const parser = new Parser();
  for await (const chunk of chunks) {
    parser.write(chunk);
    yield parser.read();
  }
  parser.end();
}`,
  // the checkout of something not named as a pool; stop/abort are not releases
  `export async function connectAll(hub: { connect(): Promise<{ send(m: string): Promise<void> }> }) {
  const link = await hub.connect();
  await link.send('hello');
}`,
  `declare function startTimer(): { stop(): void };
export async function timed(work: () => Promise<void>) {
  const timer = startTimer();
  await work();
  timer.stop();
}`,
  // one-shot code: a script's resources end with it
  { code: `import puppeteer from 'puppeteer';
export async function main() {
  const browser = await puppeteer.launch();
  await browser.newPage();
  await browser.close();
}`, filename: 'scripts/build.ts' },
];


// ---------------------------------------------------------------------------------------------------------------
// A stream from a file or another server piped into a request handler's response with `.pipe()`: when the client
// goes away first, `.pipe()` unpipes and leaves the source open (its descriptor, its pooled socket).

function pipeError(line: number, column: number, endLine: number, endColumn: number, source: string, response = 'res'): InvalidCase['errors'][number] {
  return { messageId: 'pipedIntoResponse', line, column, endLine, endColumn, data: { source, response }, suggestions: [] };
}

const pipeInvalid: InvalidCase[] = [
  {
    name: 'an S3 object body piped into the response of a router built by a method',
    code: `import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
export class Publisher {
  constructor(private readonly client: S3Client, private readonly bucket: string) {}
  docsRouter() {
    return async (req: { path: string }, res: any) => {
      try {
        const resp: any = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: req.path }));
        resp.Body.on('error', () => {
          res.destroy();
        }).pipe(res);
      } catch {
        res.status(404).send('File Not Found');
      }
    };
  }
}`,
    output: null,
    errors: [pipeError(8, 9, 10, 16, 'resp.Body')],
  },
  {
    name: 'a file stream piped into the response by a send helper that takes (req, res)',
    code: `import fs from 'node:fs';
export function send(req: unknown, res: NodeJS.WritableStream, file: string) {
  fs.createReadStream(file).pipe(res);
}`,
    output: null,
    errors: [pipeError(3, 3, 3, 38, 'fs.createReadStream(file)')],
  },
  {
    name: "another server's response piped into the response (a proxy)",
    code: `import http from 'node:http';
export function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
  http.get('http://upstream' + req.url, (upstream) => {
    upstream.pipe(res);
  });
}`,
    output: null,
    errors: [pipeError(4, 5, 4, 23, 'upstream')],
  },
  {
    name: 'a body destructured from an awaited download, in a server given (request, response)',
    code: `import http from 'node:http';
declare function download(key: string): Promise<{ Body: NodeJS.ReadableStream }>;
http.createServer(async (incoming, outgoing) => {
  const { Body } = await download(String(incoming.url));
  Body.pipe(outgoing);
}).listen(8080);`,
    output: null,
    errors: [pipeError(5, 3, 5, 22, 'Body', 'outgoing')],
  },
  {
    name: 'a response body of a stream download (axios responseType stream), unused request',
    code: `import axios from 'axios';
export async function image(_req: unknown, res: NodeJS.WritableStream) {
  const response = await axios.get('http://images/1', { responseType: 'stream' });
  response.data.pipe(res);
}`,
    output: null,
    errors: [pipeError(4, 3, 4, 26, 'response.data')],
  },
];

const pipeValid: ValidCase[] = [
  // the fix: destroy the source when the response closes
  `import fs from 'node:fs';
export function send(req: unknown, res: NodeJS.WritableStream & { on(event: string, f: () => void): void }, file: string) {
  const body = fs.createReadStream(file);
  res.on('close', () => {
    body.destroy();
  });
  body.pipe(res);
}`,
  // stream.pipeline / finished / on-finished tie the ends together
  `import fs from 'node:fs';
import { finished } from 'node:stream';
export function send(req: unknown, res: NodeJS.WritableStream, file: string) {
  const body = fs.createReadStream(file);
  body.pipe(res);
  finished(res, () => body.destroy());
}`,
  `import fs from 'node:fs';
import onFinished from 'on-finished';
export function send(req: unknown, res: NodeJS.WritableStream, file: string) {
  const body = fs.createReadStream(file);
  onFinished(res, () => body.destroy());
  body.pipe(res);
}`,
  // a proxy that aborts the upstream request when its client goes away
  `import http from 'node:http';
export function proxy(req: http.IncomingMessage, res: http.ServerResponse) {
  const upstreamRequest = http.get('http://upstream' + req.url, (upstream) => {
    upstream.pipe(res);
  });
  req.on('aborted', () => upstreamRequest.destroy());
}`,
  // streams generated in memory: a PDF, rows already read, the request echoed back
  `declare class PDFDocument { pipe(destination: unknown): void; text(value: string): void; end(): void }
export function invoice(req: unknown, res: NodeJS.WritableStream) {
  const doc = new PDFDocument();
  doc.pipe(res);
  doc.text('Invoice');
  doc.end();
}`,
  `import { Readable } from 'node:stream';
export function rows(req: unknown, res: NodeJS.WritableStream) {
  Readable.from(['a\\n', 'b\\n']).pipe(res);
}`,
  `export function echo(req: NodeJS.ReadableStream, res: NodeJS.WritableStream) {
  req.pipe(res);
}`,
  // not a request handler's response
  `import fs from 'node:fs';
export function copy(from: string, to: NodeJS.WritableStream) {
  fs.createReadStream(from).pipe(to);
}`,
  `import fs from 'node:fs';
import http from 'node:http';
export function fetchTo(url: string, file: string) {
  http.get(url, (res) => {
    res.pipe(fs.createWriteStream(file));
  });
}`,
  // test code
  { code: `import fs from 'node:fs';
export function send(req: unknown, res: NodeJS.WritableStream, file: string) {
  fs.createReadStream(file).pipe(res);
}`, filename: 'test/file.ts' },
];

runInBothModes('require-async-dispose', rule, {
  both: { valid: [...bothValid, ...inferredValid, ...pipeValid], invalid: [...bothInvalid, ...inferredInvalid, ...pipeInvalid] },
  // Without types, a value is a resource only by provenance or by the function's own release: the disposables that
  // neither shows are invisible (documented limit); one the function releases itself is reported without types too.
  syntacticOnly: {
    valid: typedInvalid.filter(({ name }) => name !== 'a sync disposable released only on success').map(({ code }) => code),
    invalid: [
      {
        name: 'a lock released only on success, by its own release() without types',
        code: LOCK_RELEASED_ON_SUCCESS,
        output: null,
        errors: [
          { messageId: 'releasedOnlyOnSuccess', line: 8, column: 16, endLine: 8, endColumn: 33,
            data: { what: "'lock' (from `Lock.take()`)", risk: 'the `await`', line: '9', release: '`lock.release()`', remedy: 'Call `lock.release()` in a `finally` block' },
            suggestions: [
              { messageId: 'suggestTryFinally', output: LOCK_RELEASED_ON_SUCCESS.replace('  await work();\n  lock.release();', '  try {\n    await work();\n  } finally {\n    lock.release();\n  }') },
            ] },
        ],
      },
    ],
  },
  typedOnly: { valid: typedValid, invalid: typedInvalid },
});

// ---------------------------------------------------------------------------------------------------------------
// Every suggestion's output must type-check against the fixture project's compiler options (lib ESNext.Disposable),
// with the libraries the cases import declared by `fixtures/require-async-dispose-modules.txt`.

const MODULE_DECLARATIONS = fs.readFileSync(path.join(FIXTURES_DIR, 'require-async-dispose-modules.txt'), 'utf8');

function typeCheck(texts: readonly string[]): string[][] {
  return typeCheckTexts(texts, { name: 'require-async-dispose', declarations: MODULE_DECLARATIONS });
}

describe('require-async-dispose catalog', () => {
  it('every catalog entry compiles (factory and dispose syntax)', () => {
    for (const entry of RESOURCE_CATALOG) {
      const compiled = compileResource(entry);
      assert.ok(compiled, `${entry.module} ${entry.factory}`);
      assert.equal(compiled.releaseMethods.size + compiled.releaseFunctions.size, entry.dispose.length, `${entry.module} ${entry.factory} dispose`);
    }
  });

  it('rejects malformed user entries instead of crashing', () => {
    assert.equal(compileResource(toResourceEntry({ module: 'x', factory: '', dispose: 'close' })), null);
    assert.equal(compileResource(toResourceEntry({ module: 'x', factory: 'Pool#', dispose: 'close' })), null);
    assert.deepEqual([...(compileResource(toResourceEntry({ module: 'x', factory: 'open', dispose: ['close', 'bad name', 'free(resource)'] }))?.releaseMethods ?? [])], ['close']);
  });

  it('normalizes node: and /promises module spellings in user entries', () => {
    const entry = toResourceEntry({ module: 'node:fs/promises', factory: 'new Thing', dispose: 'close' });
    assert.equal(entry.module, 'fs');
    assert.equal(entry.factory, 'new promises.Thing');
  });
});

/**
 * amqplib 0.8.0's \`connect\` (issue #22, \`amqplib-connect-socket-on-error\` in bench/bugs): callback code that ends the
 * socket before handing the timeout to its caller, and hands the handshake's failure on with the socket still open.
 */
const connectWith = (handshakeFailure: string) => `const net = require('net');
function connect(options, openCallback) {
  let sockok = false;
  let sock;
  function onConnect() {
    sockok = true;
    const c = new Connection(sock);
    c.open(options, function (err, ok) {
      if (err === null) openCallback(null, c);
      else ${handshakeFailure}
    });
  }
  sock = net.connect(options, onConnect);
  sock.setTimeout(options.timeout, function () {
    sock.end();
    sock.destroy();
    openCallback(new Error('connect ETIMEDOUT'));
  });
  sock.once('error', function (err) {
    if (!sockok) openCallback(err);
  });
}
module.exports = { connect };`;

runInBothModes('require-async-dispose (released before one failure, not another)', rule, {
  both: {
    valid: [
      // released before every failure it hands on (amqplib 0.9.0)
      { code: connectWith('{ sock.end(); sock.destroy(); openCallback(err); }'), filename: 'file.js' },
      // the socket is returned: the caller holds it and can end it when it learns of the failure
      { code: connectWith('openCallback(err);').replace("module.exports", 'function open(options, cb) { const s = connect(options, cb); return s; }\nmodule.exports').replace('  sock.once(', '  return sock;\n  sock.once('), filename: 'file.js' },
      // failures handed on before the socket exists
      { code: `const net = require('net');
function connect(options, cb) {
  if (!options.host) return cb(new TypeError('host is required'));
  const sock = net.connect(options);
  sock.setTimeout(options.timeout, () => {
    sock.destroy();
    cb(new Error('timeout'));
  });
}
module.exports = { connect };`, filename: 'file.js' },
      // no failure after the release: closing on success says nothing about failures
      { code: `const net = require('net');
function ping(options, cb) {
  const sock = net.connect(options);
  sock.write('PING', function (err) {
    if (err) return cb(err);
    sock.end();
    cb(null, true);
  });
  sock.on('end', function () { cb(new Error('ended early')); });
}
module.exports = { ping };`, filename: 'file.js' },
    ],
    invalid: [
      {
        code: connectWith('openCallback(err);'),
        filename: 'file.js',
        errors: [{
          messageId: 'failureNotReleased', line: 10, column: 12, endLine: 10, endColumn: 29,
          data: { name: 'sock', callback: 'openCallback', line: '17', release: 'sock.end()' },
        }],
      },
    ],
  },
});

/**
 * An 'abort' listener on the signal the caller passed in, never removed (openai 6.44.0's streams, react-router
 * 7.13.2's turbo-stream encoder): a signal shared by many calls collects one listener per call.
 */
function abortError(line: number, column: number, endColumn: number, signal: string): InvalidCase['errors'][number] {
  return { messageId: 'abortListenerKept', line, column, endLine: line, endColumn, data: { signal } };
}

runInBothModes('require-async-dispose (abort listeners on the caller\'s signal)', rule, {
  both: {
    valid: [
      // removed when the work ends
      `export async function download(url: string, signal: AbortSignal) {
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}`,
      // removed by another method of the file (the same listener)
      `export class Stream {
  controller = new AbortController();
  onAbort = () => this.controller.abort();
  start(signal: AbortSignal) { signal.addEventListener('abort', this.onAbort); }
  end(signal: AbortSignal) { signal.removeEventListener('abort', this.onAbort); }
}`,
      // tied to another signal, or removed when it fires
      `export function watch(signal: AbortSignal, done: AbortSignal, stop: () => void) {
  signal.addEventListener('abort', stop, { signal: done });
}`,
      `export function watch(signal: AbortSignal, stop: () => void) {
  signal.addEventListener('abort', stop, { once: true });
}`,
      // a signal the function made itself, or the object's own
      `export async function timed(url: string) {
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => console.log('timed out'));
  return fetch(url, { signal: controller.signal });
}`,
      `export class Job {
  signal = new AbortController().signal;
  run(stop: () => void) { this.signal.addEventListener('abort', stop); }
}`,
      // an XHR's own abort event: not a signal
      `export function send(request: XMLHttpRequest, onAbort: () => void) {
  request.addEventListener('abort', onAbort);
}`,
      // module code runs once
      `declare const signal: AbortSignal;
signal.addEventListener('abort', () => process.exit(1));`,
    ],
    invalid: [
      {
        // openai 6.44.0's ChatCompletionStream
        code: `export class ChatStream {
  controller = new AbortController();
  async create(client: any, params: object, options?: { signal?: AbortSignal }) {
    const signal = options?.signal;
    if (signal) {
      if (signal.aborted) this.controller.abort();
      signal.addEventListener('abort', () => this.controller.abort());
    }
    return client.create(params, { signal: this.controller.signal });
  }
}`,
        errors: [abortError(7, 7, 70, 'signal')],
      },
      {
        // react-router 7.13.2's encodeViaTurboStream, and a member of an options parameter, once per page in a loop
        code: `export function encode(data: unknown, requestSignal: AbortSignal, timeout: number, send: (d: unknown) => void) {
  const timer = setTimeout(() => send(null), timeout);
  const clear = () => clearTimeout(timer);
  requestSignal.addEventListener('abort', clear);
  send(data);
}
export async function listAll(list: (token?: string) => Promise<{ next?: string }>, options?: { signal?: AbortSignal }) {
  const controller = new AbortController();
  let token: string | undefined;
  do {
    options?.signal?.addEventListener('abort', () => controller.abort());
    token = (await list(token)).next;
  } while (token);
}`,
        errors: [abortError(4, 3, 49, 'requestSignal'), abortError(11, 5, 73, 'options?.signal')],
      },
      {
        // a destructured parameter
        code: `export async function poll(check: () => Promise<boolean>, { signal }: { signal: AbortSignal }) {
  let stopped = false;
  signal.addEventListener('abort', () => { stopped = true; });
  while (!stopped && !(await check()));
}`,
        errors: [abortError(3, 3, 62, 'signal')],
      },
    ],
  },
});

/**
 * A listener added to `process` by a method of a class that can be stopped, never taken off
 * (@backstage/backend-app-api 1.4.0's backend initializer).
 */
function processError(line: number, column: number, endColumn: number, data: Record<string, string>): InvalidCase['errors'][number] {
  return { messageId: 'processListenerKept', line, column, endLine: line, endColumn, data };
}

runInBothModes('require-async-dispose (process listeners of a class that can be stopped)', rule, {
  both: {
    valid: [
      // taken off in stop()
      `export class Backend {
  #onRejection = (reason: unknown) => console.error(reason);
  async start() { process.on('unhandledRejection', this.#onRejection); }
  async stop() { process.off('unhandledRejection', this.#onRejection); }
}`,
      // a class that cannot be stopped lives as long as the process; module code runs once
      `export class Registry {
  register() { process.on('SIGTERM', () => process.exit(0)); }
}
process.on('exit', () => console.log('bye'));`,
      // added in the stop method itself, or inside a callback of the method
      `export class Server {
  start(ready: Promise<void>) { void ready.then(() => process.on('SIGINT', () => this.close())); }
  close() { process.once('exit', () => undefined); process.on('exit', () => undefined); }
}`,
      // another object's \`on\`
      `export class Worker {
  constructor(private readonly child: { on(event: string, f: () => void): void }) {}
  start() { this.child.on('exit', () => this.stop()); }
  stop() {}
}`,
    ],
    invalid: [
      {
        // @backstage/backend-app-api 1.4.0
        code: `export class BackendInitializer {
  #started = false;
  async start() {
    this.#started = true;
    await this.#doStart();
  }
  async #doStart() {
    process.on('unhandledRejection', (reason) => console.error('Unhandled rejection', reason));
    process.addListener('uncaughtException', (error) => console.error('Uncaught exception', error));
  }
  async stop() {
    this.#started = false;
  }
}`,
        errors: [
          processError(8, 5, 95, { verb: 'on', event: 'unhandledRejection', method: '#doStart', stop: 'stop' }),
          processError(9, 5, 100, { verb: 'addListener', event: 'uncaughtException', method: '#doStart', stop: 'stop' }),
        ],
      },
      {
        // one per instance
        code: `export class Pool {
  constructor() {
    process.on('SIGTERM', () => this.close());
  }
  close() {}
}`,
        errors: [processError(3, 5, 46, { verb: 'on', event: 'SIGTERM', method: 'constructor', stop: 'close' })],
      },
    ],
  },
});

/**
 * A listener added to a page's `window` or `document` by a method or the constructor of a class that can be stopped,
 * in a file that never takes a listener off that object (amazon-chime-sdk-js 2.6.1's meeting logger).
 */
function pageError(line: number, column: number, endColumn: number, data: Record<string, string>): InvalidCase['errors'][number] {
  return { messageId: 'pageListenerKept', line, column, endLine: line, endColumn, data };
}

runInBothModes('require-async-dispose (page listeners of a class that can be stopped)', rule, {
  both: {
    valid: [
      // kept in a field and taken off in destroy() (amazon-chime-sdk-js 2.7.0)
      `export class PostLogger {
  private readonly onUnload = () => this.stop();
  constructor() {
    window.addEventListener('unload', this.onUnload);
  }
  stop() {}
  destroy() {
    window.removeEventListener('unload', this.onUnload);
  }
}`,
      // a class that cannot be stopped; a listener that takes itself off; one the stop method adds
      `export class Page {
  constructor() {
    window.addEventListener('resize', () => this.layout());
  }
  layout() {}
}
export class Banner {
  constructor(signal: AbortSignal) {
    document.addEventListener('click', () => this.close(), { once: true });
    window.addEventListener('scroll', () => this.close(), { signal });
  }
  close() {
    window.addEventListener('focus', () => undefined);
  }
}`,
      // a listener that does other work for the page, or is given by reference (convex's unsaved-changes warning)
      `export class Client {
  private pending = 0;
  private readonly onKey = (event: KeyboardEvent) => event.key;
  constructor() {
    window.addEventListener('beforeunload', (event) => {
      if (this.pending > 0) event.preventDefault();
    });
    document.addEventListener('keydown', this.onKey);
  }
  async close() {}
}`,
      // added by a method: its caller orders it with the stop
      `export class Shortcuts {
  private readonly onKey = (event: KeyboardEvent) => this.handle(event);
  handle(event: KeyboardEvent) {
    return event.key;
  }
  start() {
    document.addEventListener('keydown', this.onKey);
  }
  dispose() {}
}`,
      // another object's addEventListener
      `export class Player {
  constructor(private readonly video: HTMLVideoElement) {
    this.video.addEventListener('ended', () => this.stop());
  }
  stop() {}
}`,
    ],
    invalid: [
      {
        // amazon-chime-sdk-js 2.6.1
        code: `export class MeetingSessionPostLogger {
  private timer: ReturnType<typeof setInterval>;
  constructor(private readonly url: string) {
    this.timer = setInterval(() => this.flush(), 1000);
    window.addEventListener('unload', () => {
      this.stop();
    });
  }
  flush() {}
  stop() {
    clearInterval(this.timer);
  }
}`,
        errors: [pageError(5, 5, 28, { target: 'window', event: 'unload', method: 'constructor', stop: 'stop' })],
      },
      {
        // taken off the wrong page global in close() (rxdb 17's signaling)
        code: `export class Signaling {
  private closed = false;
  private readonly resetReader = () => undefined;
  constructor() {
    window.addEventListener('online', this.resetReader);
    document.addEventListener('visibilitychange', this.resetReader);
  }
  close() {
    this.closed = true;
    window.removeEventListener('online', this.resetReader);
    window.removeEventListener('visibilitychange', this.resetReader);
  }
}`,
        errors: [pageError(6, 5, 68, { target: 'document', event: 'visibilitychange', method: 'constructor', stop: 'close' })],
      },
      {
        // document's too
        code: `export class Session {
  constructor() {
    document.addEventListener('visibilitychange', () => this.dispose());
  }
  dispose() {}
}`,
        errors: [pageError(3, 5, 72, { target: 'document', event: 'visibilitychange', method: 'constructor', stop: 'dispose' })],
      },
    ],
  },
});

/** scp2's `scp()`: one client per call, handed to the upload or the download helper. */
const SCP = (toLocal: string, dispatch = '  if (parsed.host) {\n    toLocal(client, src, dest, callback);\n  } else {\n    toRemote(client, src, dest, callback);\n  }'): string =>
  `import { EventEmitter } from 'node:events';\ndeclare class Client extends EventEmitter { parse(s: string): { host?: string; path: string }; download(from: string, to: string, cb: (e?: Error) => void): void; upload(from: string, to: string, cb: (e?: Error) => void): void; close(): void }\nfunction toRemote(client: Client, src: string, dest: string, callback: (e?: Error) => void) {\n  client.upload(src, dest, (err) => {\n    client.close();\n    callback(err);\n  });\n}\nfunction toLocal(client: Client, src: string, dest: string, callback: (e?: Error) => void) {\n${toLocal}\n}\nexport function scp(src: string, dest: string, callback: (e?: Error) => void) {\n  const client = new Client();\n  client.on('error', callback);\n  const parsed = client.parse(src);\n${dispatch}\n}`;

runInBothModes('require-async-dispose (an object released by one of the functions it is handed to, not by another)', rule, {
  both: {
    valid: [
      // the download closes it too (scp2 0.3.0)
      SCP(`  const remote = client.parse(src);\n  client.download(remote.path, dest, (err) => {\n    client.close();\n    callback(err);\n  });`),
      // handed to both, one after the other: the second one ends what the first began
      SCP(`  const remote = client.parse(src);\n  client.download(remote.path, dest, callback);`, '  toLocal(client, src, dest, callback);\n  toRemote(client, src, dest, callback);'),
      // the helper hands it on: who releases it is not known
      SCP(`  keep(client);\n  client.download(src, dest, callback);`).replace('export function scp', 'declare function keep(client: Client): void;\nexport function scp'),
      // the function releases it itself
      SCP(`  client.download(src, dest, callback);`, '  if (parsed.host) {\n    toLocal(client, src, dest, callback);\n  } else {\n    toRemote(client, src, dest, callback);\n  }\n  client.close();'),
    ],
    invalid: [
      {
        // scp2 0.2.2
        code: SCP(`  const remote = client.parse(src);\n  client.download(remote.path, dest, callback);`),
        errors: [{ messageId: 'releasedByOneHelper', data: { name: 'client', constructor: 'Client', releasing: 'toRemote', method: 'close', skipping: 'toLocal', line: '18' }, line: 14, column: 18, endLine: 14, endColumn: 30 }],
      },
    ],
  },
});

describe('require-async-dispose suggestions type-check', () => {
  const outputs = fixOutputs([...bothInvalid, ...inferredInvalid, ...typedInvalid]);

  it('offers enough suggestions to be worth checking', () => {
    assert.ok(outputs.length >= 30, `${outputs.length} suggestion outputs`);
  });

  it('every suggestion output type-checks', () => {
    const results = typeCheck(outputs.map(({ output }) => output));
    const failures = results.flatMap((errors, index) => (errors.length > 0 ? [`${outputs[index]?.name}: ${errors.join('; ')}`] : []));
    assert.deepEqual(failures, []);
  });

  it('the checker does reject a broken resource declaration (control)', () => {
    const [errors] = typeCheck([
      "import { open } from 'node:fs/promises';\nexport async function f(path: string) {\n  using handle = await open(path);\n  return handle.fd;\n}",
    ]);
    assert.ok(errors && errors.length > 0, 'a `using` of an async-only disposable is a type error');
  });
});

/**
 * A promise's timeout cleared before one settle and left armed at another (@azure/core-amqp 1.1.3's
 * `sendRequest`: cleared on a 2xx answer, armed for the full timeout on an error answer).
 */
const REQUEST = (onMessage: string, extra = '') => `import { EventEmitter } from 'node:events';
export function sendRequest(receiver: EventEmitter, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let waitTimer: ReturnType<typeof setTimeout> | undefined;
    const onMessage = (status: number, body: string) => {
${onMessage}
    };
${extra}    waitTimer = setTimeout(() => {
      receiver.removeListener('message', onMessage);
      reject(new Error('timed out'));
    }, timeoutMs);
    receiver.on('message', onMessage);
  });
}`;

function timerError(line: number, column: number, endColumn: number, clearedLine: number, timer = 'waitTimer'): InvalidCase['errors'][number] {
  return { messageId: 'timerLeftArmed', line, column, endLine: line, endColumn, data: { timer, line: String(clearedLine) } };
}

runInBothModes("require-async-dispose (a promise's timeout left armed)", rule, {
  both: {
    valid: [
      // cleared before either settle
      REQUEST(`      clearTimeout(waitTimer);
      receiver.removeListener('message', onMessage);
      if (status < 300) return resolve(body);
      return reject(new Error(body));`),
      // cleared right after the settle, in the same turn
      REQUEST(`      receiver.removeListener('message', onMessage);
      if (status < 300) {
        clearTimeout(waitTimer);
        return resolve(body);
      }
      reject(new Error(body));
      clearTimeout(waitTimer);`),
      // every settle goes through one function that clears it
      REQUEST(`      finish(status < 300 ? null : new Error(body), body);`, `    const finish = (error: Error | null, body: string) => {
      clearTimeout(waitTimer);
      receiver.removeListener('message', onMessage);
      if (error) reject(error);
      else resolve(body);
    };
`),
      // settles through a helper only after a clearing function ran (lighthouse's cancel())
      REQUEST(`      if (status < 300) {
        cleanup();
        return resolve(body);
      }
      cleanup();
      fail(new Error(body));`, `    const cleanup = () => {
      clearTimeout(waitTimer);
      receiver.removeListener('message', onMessage);
    };
    const fail = (error: Error) => reject(error);
`),
      // the timer does not hold the process
      `export function wait(emitter: { once(event: string, listener: (value: string) => void): void }, ms: number) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    timer.unref();
    emitter.once('value', (value) => { clearTimeout(timer); resolve(value); });
    emitter.once('error', (error) => reject(error));
  });
}`,
      // a settle where the timer was never armed (the other branch)
      `export function open(socket: { isOpen(): boolean; once(event: string, listener: () => void): void; connect(): void }, ms: number) {
  return new Promise<void>((resolve, reject) => {
    if (!socket.isOpen()) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      socket.once('open', () => { clearTimeout(timer); resolve(); });
      timer = setTimeout(() => reject(new Error('timeout')), ms);
      socket.connect();
    } else {
      return resolve();
    }
  });
}`,
      // a timer that is not the promise's timeout (its callback does not settle)
      `export function poll(check: () => boolean, ms: number) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => console.log('still waiting'), ms);
    const tick = () => { if (check()) { clearTimeout(timer); resolve(); } };
    setImmediate(tick);
    process.once('exit', () => reject(new Error('exited')));
  });
}`,
      // cleared by the promise's owner for every settle
      `export function wait(emitter: { once(event: string, listener: (value: string) => void): void }, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
    emitter.once('value', (value) => { clearTimeout(timer); resolve(value); });
    emitter.once('error', reject);
  }).finally(() => clearTimeout(timer));
}`,
    ],
    invalid: [
      {
        code: REQUEST(`      receiver.removeListener('message', onMessage);
      if (status > 199 && status < 300) {
        clearTimeout(waitTimer);
        return resolve(body);
      } else {
        return reject(new Error(body));
      }`),
        errors: [timerError(11, 16, 39, 9)],
      },
      {
        name: 'reject handed on as a listener, and a settle inside a data listener (netlify-cli\'s stream body reader)',
        code: `import type { Readable } from 'node:stream';
export function readBody(stream: Readable, seconds: number, limit: number) {
  return new Promise<Buffer>((resolve, reject) => {
    let chunks: Buffer[] | null = [];
    let length = 0;
    const timeoutId = setTimeout(() => {
      chunks = null;
      reject(new Error('timed out'));
    }, seconds * 1000);
    stream.on('data', (chunk: Buffer) => {
      if (!chunks) return;
      length += chunk.length;
      if (length > limit) {
        chunks = null;
        reject(new Error('body too big'));
      } else {
        chunks.push(chunk);
      }
    });
    stream.on('error', reject);
    stream.on('end', () => {
      clearTimeout(timeoutId);
      if (chunks) resolve(Buffer.concat(chunks));
    });
  });
}`,
        errors: [timerError(15, 9, 42, 23, 'timeoutId'), timerError(20, 24, 30, 23, 'timeoutId')],
      },
    ],
  },
});

/**
 * A promise's timeout whose handle is thrown away while the promise also settles another way (viem 2.21.33's
 * `waitForTransactionReceipt`: the 180 s timer stayed armed after the receipt came).
 */
const WAIT_FOR_RECEIPT = (timer: string) => `type Handlers = { resolve: (receipt: string) => void; reject: (error: Error) => void };
declare function observe(id: string, handlers: Handlers): () => void;
export function waitForReceipt(hash: string, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
${timer}
    observe(hash, { resolve, reject });
  });
}`;

function droppedTimeoutError(line: number, column: number, endLine: number, endColumn: number, settleLine: number, messageId: MessageIds = 'timeoutNeverCleared'): InvalidCase['errors'][number] {
  return { messageId, line, column, endLine, endColumn, data: { line: String(settleLine) } };
}

runInBothModes("require-async-dispose (a promise's timeout nobody can clear)", rule, {
  both: {
    valid: [
      // the handle is kept and cleared where the promise settles
      `export function read(socket: { once(event: string, listener: (data: string) => void): void }, ms: number) {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    socket.once('data', (data) => { clearTimeout(timer); resolve(data); });
  });
}`,
      // a sleep: the timer is the only way the promise settles
      `export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));`,
      // a deferral that resolves (a retry after a delay), not a timeout
      `export function retryLater(connect: () => Promise<void>, delay: number, onError: (listener: (error: Error) => void) => void) {
  return new Promise<void>((resolve, reject) => {
    setTimeout(() => resolve(connect()), delay);
    onError(reject);
  });
}`,
      // a short delay holds nothing worth a report
      `export function settleSoon(emitter: { once(event: string, listener: () => void): void }) {
  return new Promise<void>((resolve, reject) => {
    emitter.once('ready', resolve);
    setTimeout(() => reject(new Error('not ready')), 50);
  });
}`,
      // the other settle happens before the timer is armed, on a path that leaves
      `export function connect(socket: { connected: boolean }, ms: number) {
  return new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve();
    setTimeout(() => reject(new Error('timeout')), ms);
  });
}`,
      // the timer cannot hold the process
      `export function read(socket: { once(event: string, listener: (data: string) => void): void }, ms: number) {
  return new Promise<string>((resolve, reject) => {
    setTimeout(() => reject(new Error('timeout')), ms).unref();
    socket.once('data', resolve);
  });
}`,
      // raced, with the handle kept and cleared once the race is over
      `export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}`,
      // node-fetch 1.1.0: armed by a listener, kept and cleared where the request settles
      {
        code: `var http = require('http');
module.exports = function fetch(url, options) {
  return new Promise(function (resolve, reject) {
    var req = http.request(url);
    var reqTimeout;
    req.once('socket', function () {
      reqTimeout = setTimeout(function () { req.abort(); reject(new Error('timeout')); }, options.timeout);
    });
    req.on('error', function (err) { clearTimeout(reqTimeout); reject(err); });
    req.on('response', function (res) { clearTimeout(reqTimeout); resolve(res); });
    req.end();
  });
};`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
      // armed by a listener, but the promise settles only through the timer: a wait, not a timeout left behind
      `export function waitForIdle(emitter: { once(event: string, listener: () => void): void }, ms: number) {
  return new Promise<void>((_, reject) => {
    emitter.once('idle', () => {
      setTimeout(() => reject(new Error('idle for too long')), ms);
    });
  });
}`,
      // a timeout promise that is awaited alone, not raced
      `export async function expire(ms: number) {
  const expired = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('expired')), ms);
  });
  await expired;
}`,
    ],
    invalid: [
      {
        name: "armed by a listener of the executor, the library's own promise class (node-fetch 1.0.6)",
        code: `var http = require('http');
function Fetch(url, options) {
  return new Fetch.Promise(function (resolve, reject) {
    var req = http.request(url);
    if (options.timeout) {
      req.once('socket', function () {
        setTimeout(function () {
          req.abort();
          reject(new Error('network timeout at: ' + url));
        }, options.timeout);
      });
    }
    req.on('error', function (err) {
      reject(err);
    });
    req.on('response', function (res) {
      resolve(res);
    });
    req.end();
  });
}
Fetch.Promise = global.Promise;
module.exports = Fetch;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [droppedTimeoutError(7, 9, 7, 19, 14)],
      },
      {
        name: 'resolve and reject handed to the code that watches for the receipt',
        code: WAIT_FOR_RECEIPT(`    if (timeout)
      setTimeout(
        () => reject(new Error('timed out waiting for the receipt')),
        timeout,
      );`),
        errors: [droppedTimeoutError(6, 7, 6, 17, 10)],
      },
      {
        name: 'reject itself as the callback, the answer awaited through a listener',
        code: `export function ask(worker: { once(event: string, listener: (answer: string) => void): void; send(question: string): void }, question: string) {
  return new Promise<string>((resolve, reject) => {
    worker.once('answer', (answer) => resolve(answer));
    setTimeout(reject, 30_000, new Error('no answer'));
    worker.send(question);
  });
}`,
        errors: [droppedTimeoutError(4, 5, 4, 55, 3)],
      },
      {
        name: 'settled in the executor after the timer is armed (bullmq\'s waitResponse)',
        code: `import type { EventEmitter } from 'node:events';
export const waitResponse = async (requestId: string, receiver: EventEmitter, timeout: number) => {
  return new Promise((resolve, reject) => {
    const listener = (msg: { requestId: string; value: unknown }) => {
      if (msg.requestId === requestId) {
        resolve(msg.value);
        receiver.off('message', listener);
      }
    };
    receiver.on('message', listener);
    setTimeout(() => {
      receiver.off('message', listener);
      reject(new Error('timed out'));
    }, timeout);
  });
};`,
        errors: [droppedTimeoutError(11, 5, 11, 15, 6)],
      },
      {
        name: 'raced against the work through a const (exiftool-vendored 32.0.0\'s async dispose)',
        code: `export class Tool {
  ended = false;
  async end(): Promise<void> {}
  async [Symbol.asyncDispose]() {
    if (!this.ended) {
      const timeoutMs = 5000;
      const timeoutPromise = new Promise((_, reject) => {
        setTimeout(() => {
          reject(new Error(\`disposal timed out after \${timeoutMs}ms\`));
        }, timeoutMs);
      });
      await Promise.race([this.end(), timeoutPromise]);
    }
  }
}`,
        errors: [droppedTimeoutError(8, 9, 8, 19, 12, 'raceTimeoutNeverCleared')],
      },
      {
        name: 'raced through a local function that returns the timeout promise',
        code: `const timeout = (ms: number) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms));
export async function fetchWithin(url: string, ms: number) {
  return Promise.race([fetch(url), timeout(ms)]);
}`,
        errors: [droppedTimeoutError(1, 67, 1, 119, 3, 'raceTimeoutNeverCleared')],
      },
      {
        name: "cleared only in its own callback, raced through concat (mongodb-memory-server-core 5.2.2's compiled _waitForPrimary)",
        code: `export function waitForPrimary(servers: { waitPrimaryReady(): Promise<void> }[], timeout = 30000) {
  var timeoutPromise;
  timeoutPromise = new Promise(function (resolve, reject) {
    var id = setTimeout(function () {
      clearTimeout(id);
      reject('Timed out in ' + timeout + 'ms. When waiting for primary.');
    }, timeout);
  });
  return Promise.race(servers.map(function (server) {
    return server.waitPrimaryReady();
  }).concat([timeoutPromise]));
}`,
        errors: [droppedTimeoutError(4, 14, 4, 24, 9, 'raceTimeoutNeverCleared')],
      },
    ],
  },
});

/** @applitools/eyes-storybook 3.64.3's navigation: a second attempt started after a delay, raced with the first. */
const HEDGED_NAVIGATION = (second: string, tail = '') => `declare function attemptNavigate(timeout: number): Promise<{ ok: boolean }>;
export function navigate(timeout: number, retryAfter: number, enabled: boolean) {
  let secondTimer: ReturnType<typeof setTimeout> | undefined;
  const firstAttempt = attemptNavigate(timeout);
  const secondAttempt = enabled
    ? new Promise<{ ok: boolean }>((resolve) => {
        ${second}(() => {
          attemptNavigate(timeout * 2).then(resolve);
        }, retryAfter);
      })
    : Promise.resolve({ ok: false });
  return Promise.race([firstAttempt, secondAttempt]).then((result) => {${tail}
    return result;
  });
}`;

runInBothModes('require-async-dispose (a racer whose timer starts its work late)', rule, {
  both: {
    valid: [
      // the handle is kept and cleared once the race is over
      HEDGED_NAVIGATION('secondTimer = setTimeout', `
    clearTimeout(secondTimer);`),
      // a sleep raced with work: the timer starts nothing
      `export async function within(work: Promise<string>, ms: number) {
  return Promise.race([work, new Promise<string>((resolve) => { setTimeout(() => resolve('late'), ms); })]);
}`,
      // not raced: whoever made the promise waits for the delayed work
      `declare function attempt(): Promise<string>;
export function later(ms: number) {
  return new Promise<string>((resolve) => {
    setTimeout(() => { attempt().then(resolve); }, ms);
  });
}`,
    ],
    invalid: [
      {
        code: HEDGED_NAVIGATION('setTimeout'),
        errors: [{ messageId: 'deferredRacerNeverCleared', line: 7, column: 9, endLine: 7, endColumn: 19, data: { work: 'attemptNavigate', line: '12' } }],
      },
    ],
  },
});

runInBothModes("require-async-dispose (a race's timeout whose handle is kept)", rule, {
  both: {
    valid: [
      // the handle is cleared once the race is over
      `export async function waitForPrimary(work: Promise<void>, timeout = 30000) {
  let id: ReturnType<typeof setTimeout> | undefined;
  const timeoutPromise = new Promise((resolve, reject) => {
    id = setTimeout(() => {
      clearTimeout(id);
      reject(new Error('timed out'));
    }, timeout);
  });
  try {
    await Promise.race([work, timeoutPromise]);
  } finally {
    clearTimeout(id);
  }
}`,
      // the promise is held in a variable written twice: which one is raced is not followed
      `export async function waitFor(work: Promise<void>, timeout: number, fallback: Promise<void>) {
  let timeoutPromise = new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error('timed out')), timeout);
  });
  if (timeout === 0) timeoutPromise = fallback;
  await Promise.race([work, timeoutPromise]);
}`,
    ],
    invalid: [],
  },
});

/**
 * A listener added by the function that takes the listeners off, where a remove was meant (filepond 4.4.11's
 * `destroy()` added the 'visibilitychange' listener its setup had added).
 */
const FILEPOND = (destroy: string) => `export function createApp(view: { destroy(): void }) {
  const resizeHandler = () => view.destroy();
  const visibilityHandler = () => {};
  window.addEventListener('resize', resizeHandler);
  document.addEventListener('visibilitychange', visibilityHandler);
  return {
    destroy: function destroy() {
${destroy}
    },
  };
}`;

runInBothModes('require-async-dispose (a listener added by the teardown)', rule, {
  both: {
    valid: [
      FILEPOND(`      window.removeEventListener('resize', resizeHandler);
      document.removeEventListener('visibilitychange', visibilityHandler);`),
      // a teardown that removes nothing: an add there is not a mistyped remove
      FILEPOND(`      document.addEventListener('visibilitychange', visibilityHandler);`),
      // a listener the setup does not add (a new one, on purpose)
      `export class Widget {
  constructor(private readonly el: HTMLElement, private readonly onClick: () => void, private readonly onDone: () => void) {
    el.addEventListener('click', onClick);
  }
  destroy() {
    this.el.removeEventListener('click', this.onClick);
    this.el.addEventListener('transitionend', this.onDone);
  }
}`,
      // the effect's cleanup takes it off
      { code: `import { useEffect } from 'react';\nexport function SandBox({ iframe, onResize }: { iframe: HTMLIFrameElement; onResize: (event: MessageEvent) => void }) {\n  useEffect(() => {\n    const view = iframe.ownerDocument.defaultView;\n    const onLoad = () => {};\n    iframe.addEventListener('load', onLoad, false);\n    view?.addEventListener('message', onResize);\n    return () => {\n      iframe.removeEventListener('load', onLoad, false);\n      view?.removeEventListener('message', onResize);\n    };\n  }, [iframe, onResize]);\n  return null;\n}`, filename: path.join(FIXTURES_DIR, 'component.tsx') },
      // the setup's add, outside a teardown
      `export class Widget {
  constructor(private readonly el: HTMLElement, private readonly onClick: () => void) {}
  start() { this.el.addEventListener('click', this.onClick); }
  restart() {
    this.el.removeEventListener('click', this.onClick);
    this.el.addEventListener('click', this.onClick);
  }
}`,
    ],
    invalid: [
      {
        code: FILEPOND(`      window.removeEventListener('resize', resizeHandler);
      document.addEventListener('visibilitychange', visibilityHandler);`),
        errors: [{ messageId: 'listenerAddedInTeardown', line: 9, column: 7, endLine: 9, endColumn: 71, data: { teardown: 'destroy', event: 'visibilitychange', line: '5', remove: 'removeEventListener' } }],
      },
      {
        name: 'an emitter\'s listener added again by componentWillUnmount',
        code: `import type { EventEmitter } from 'node:events';
export class ThreadView {
  constructor(private readonly room: EventEmitter, private readonly thread: EventEmitter) {}
  onUpdate = () => {};
  componentDidMount() {
    this.room.on('timeline', this.onUpdate);
    this.thread.on('reply', this.onUpdate);
  }
  componentWillUnmount() {
    this.room.off('timeline', this.onUpdate);
    this.thread.on('reply', this.onUpdate);
  }
}`,
        errors: [{ messageId: 'listenerAddedInTeardown', line: 11, column: 5, endLine: 11, endColumn: 43, data: { teardown: 'componentWillUnmount', event: 'reply', line: '7', remove: 'off' } }],
      },
      {
        name: "a listener added again by an effect's returned cleanup (@wordpress/components 25.6's sandbox)",
        code: `import { useEffect } from 'react';\nexport function SandBox({ iframe, onResize }: { iframe: HTMLIFrameElement; onResize: (event: MessageEvent) => void }) {\n  useEffect(() => {\n    const view = iframe.ownerDocument.defaultView;\n    const onLoad = () => {};\n    iframe.addEventListener('load', onLoad, false);\n    view?.addEventListener('message', onResize);\n    return () => {\n      iframe.removeEventListener('load', onLoad, false);\n      view?.addEventListener('message', onResize);\n    };\n  }, [iframe, onResize]);\n  return null;\n}`,
        filename: path.join(FIXTURES_DIR, 'component.tsx'),
        errors: [{ messageId: 'listenerAddedInCleanup', line: 10, column: 7, endLine: 10, endColumn: 50, data: { event: 'message', line: '7', remove: 'removeEventListener' } }],
      },
    ],
  },
});

/**
 * A descriptor callback-style \`fs.open\` hands over that nothing closes (rotating-file-stream 1.2.1's \`touch()\`
 * never used it; carbone 1.1.0's \`isZipped()\` read ten bytes from it).
 */
runInBothModes('require-async-dispose (a descriptor from callback fs.open never closed)', rule, {
  both: {
    valid: [
      // closed after the read
      `import * as fs from 'node:fs';
export function isZipped(path: string, callback: (error: Error | null, zipped: boolean) => void) {
  fs.open(path, 'r', (error, fd) => {
    if (error) return callback(error, false);
    fs.read(fd, Buffer.alloc(2), 0, 2, 0, (readError, _bytes, buffer) => {
      fs.close(fd, () => callback(readError, buffer.toString() === 'PK'));
    });
  });
}`,
      // handed on: a stream, a field or the caller owns it now
      `import * as fs from 'node:fs';
export function openLog(path: string, callback: (error: Error | null, stream?: fs.WriteStream) => void) {
  fs.open(path, 'a', (error, fd) => {
    if (error) return callback(error);
    callback(null, fs.createWriteStream(path, { fd }));
  });
}`,
      // the callback does not take the descriptor
      `import * as fs from 'node:fs';
export function exists(path: string, callback: (exists: boolean) => void) {
  fs.open(path, 'r', (error) => callback(!error));
}`,
      // another module's open
      `export function connect(db: { open(name: string, callback: (error: Error | null, handle: number) => void): void }) {
  db.open('main', (error, handle) => console.log(error));
}`,
    ],
    invalid: [
      {
        code: `const fs = require('fs');
function touch(name, callback) {
  fs.open(name, 'a', function (err, fd) {
    if (err) return callback(err);
    return callback();
  });
}
module.exports = touch;`,
        errors: [{ messageId: 'descriptorNeverClosed', line: 3, column: 3, endLine: 3, endColumn: 10, data: { name: 'fd', how: ' (nor used)' } }],
      },
      {
        code: `import * as fs from 'node:fs';
export function isZipped(path: string, callback: (error: Error | null, zipped: boolean) => void) {
  fs.open(path, 'r', (error, fd) => {
    if (error) return callback(error, false);
    fs.read(fd, Buffer.alloc(2), 0, 2, 0, (readError, _bytes, buffer) => {
      callback(readError, buffer.toString() === 'PK');
    });
  });
}`,
        errors: [{ messageId: 'descriptorNeverClosed', line: 3, column: 3, endLine: 3, endColumn: 10, data: { name: 'fd', how: ' (only read from or written to)' } }],
      },
    ],
  },
});

/** i2c-bus 0.11.3's `peripheral()`, with `body` after the open's own error check. */
const PERIPHERAL = (body: string) => `const fs = require('fs');
const i2c = require('./build/i2c.node');
function peripheral(bus, addr, cb) {
  fs.open('/dev/i2c-' + bus.number, 'r+', function (err, device) {
    if (err) {
      return cb(err);
    }
${body}
  });
}
module.exports = peripheral;`;

/**
 * A descriptor a failure path leaves open, where the success path hands it on (i2c-bus 0.11.3's `peripheral()`: the
 * device's descriptor handed to the caller only when `setAddrAsync` worked).
 */
runInBothModes('require-async-dispose (a descriptor a failure leaves open)', rule, {
  both: {
    valid: [
      // kept by the bus before the operation: the bus closes it
      PERIPHERAL(`    bus.peripherals[addr] = device;
    i2c.setAddrAsync(device, addr, function (err) {
      if (err) {
        return cb(err);
      }
      cb(null, device);
    });`),
      // closed on the failure
      PERIPHERAL(`    i2c.setAddrAsync(device, addr, function (err) {
      if (err) {
        return fs.close(device, () => cb(err));
      }
      cb(null, device);
    });`),
    ],
    invalid: [
      {
        code: PERIPHERAL(`    i2c.setAddrAsync(device, addr, function (err) {
      if (err) {
        return cb(err);
      }
      bus.peripherals[addr] = device;
      cb(null, device);
    });`),
        errors: [{ messageId: 'descriptorLeftByFailure', line: 4, column: 3, endLine: 4, endColumn: 10, data: { operation: 'i2c.setAddrAsync', callback: 'cb', name: 'device', line: '10' } }],
      },
    ],
  },
});

/** azure-storage 0.4.5's `FileReadStream`, with `destroy` as its stop method's body. */
const FILE_READ_STREAM = (destroy: string) => `const fs = require('fs');
const stream = require('stream');
const util = require('util');
function FileReadStream(fileName) {
  stream.Stream.call(this);
  this._fileName = fileName;
  this._open();
}
util.inherits(FileReadStream, stream.Stream);
FileReadStream.prototype._open = function () {
  var self = this;
  fs.open(this._fileName, 'r', function (error, fd) {
    if (error) {
      self.emit('error', error);
    } else {
      self._fd = fd;
      self.emit('open', fd);
    }
  });
};
FileReadStream.prototype._read = function (buffer) {
  if (!this._fd) return;
  fs.read(this._fd, buffer, 0, buffer.length, null, () => {});
};
FileReadStream.prototype.destroy = function () {
${destroy}
};
module.exports = FileReadStream;`;

/**
 * A descriptor an instance keeps in a field, which its stop method lets go without closing (azure-storage 0.4.5's
 * `FileReadStream`: `fs.open` into `this._fd`, a `destroy()` that only emitted 'close').
 */
runInBothModes('require-async-dispose (a descriptor kept in a field past the stop method)', rule, {
  both: {
    valid: [
      // the stop method closes it
      FILE_READ_STREAM(`  this.readable = false;
  fs.close(this._fd, () => this.emit('close'));`),
      // the stop method runs the base class's own, which may close it
      FILE_READ_STREAM(`  this.readable = false;
  stream.Stream.prototype.destroy.call(this);`),
      // handed on to a stream, which owns it now
      FILE_READ_STREAM(`  this.readable = false;
  this.emit('close');
};
FileReadStream.prototype.pipeTo = function (target) {
  fs.createReadStream(null, { fd: this._fd }).pipe(target);`),
      // a class with no stop method: nothing to judge by
      `import * as fs from 'node:fs';
export class Reader {
  private fd = 0;
  open(path: string) {
    fs.open(path, 'r', (error, fd) => {
      if (!error) this.fd = fd;
    });
  }
  read(buffer: Buffer) {
    fs.read(this.fd, buffer, 0, buffer.length, null, () => {});
  }
}`,
    ],
    invalid: [
      {
        code: FILE_READ_STREAM(`  this.readable = false;
  this.emit('close');`),
        errors: [{ messageId: 'descriptorKeptPastStop', line: 12, column: 3, endLine: 12, endColumn: 10, data: { field: '_fd', stop: 'destroy' } }],
      },
      {
        code: `import * as fs from 'node:fs';
export class Reader {
  private fd: number | null = null;
  open(path: string) {
    fs.open(path, 'r', (error, fd) => {
      if (!error) this.fd = fd;
    });
  }
  read(buffer: Buffer) {
    if (this.fd !== null) fs.read(this.fd, buffer, 0, buffer.length, null, () => {});
  }
  close() {
    this.fd = null;
  }
}`,
        errors: [{ messageId: 'descriptorKeptPastStop', line: 5, column: 5, endLine: 5, endColumn: 12, data: { field: 'fd', stop: 'close' } }],
      },
    ],
  },
});

/**
 * A timer kept in a field that the class's stop method never clears (socket.io 3.0.4's client: a connect timeout
 * armed in `setup()`, cleared once a namespace connected, never by `close()`/`destroy()`).
 */
const CLIENT = (members: string) => `export class Client {
  private connectTimeout: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly conn: { close(): void; on(event: string, listener: () => void): void; removeListener(event: string, listener: () => void): void }) {}
  setup() {
    this.connectTimeout = setTimeout(() => this.close(), 45000);
    this.conn.on('data', this.ondata);
  }
  connect() {
    if (this.connectTimeout) {
      clearTimeout(this.connectTimeout);
      this.connectTimeout = null;
    }
  }
  ondata = () => this.connect();
${members}
}`;

function keptTimerError(line: number, column: number, endColumn: number, data: Record<string, string>): InvalidCase['errors'][number] {
  return { messageId: 'timerKeptByStop', line, column, endLine: line, endColumn, data };
}

runInBothModes('require-async-dispose (a timer kept past the stop method)', rule, {
  both: {
    valid: [
      // the stop method clears it
      CLIENT(`  close() {
    if (this.connectTimeout) clearTimeout(this.connectTimeout);
    this.conn.close();
  }`),
      // through a method it calls, or one it hands on as the callback of the close
      CLIENT(`  close() {
    this.conn.close();
    this.destroy();
  }
  destroy() {
    this.conn.removeListener('data', this.ondata);
    this.connect();
  }`),
      `export class Socket {
  private pingTimer?: ReturnType<typeof setTimeout>;
  constructor(private readonly transport: { close(done: () => void): void }) {}
  schedulePing() {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.schedulePing(), 25000);
  }
  close() {
    this.transport.close(this.onClose.bind(this));
  }
  onClose() {
    clearTimeout(this.pingTimer);
  }
}`,
      // unref'd: it does not hold the process
      `export class Poller {
  private timer?: ReturnType<typeof setInterval>;
  start() {
    this.timer = setInterval(() => this.poll(), 1000);
    this.timer.unref();
  }
  poll() {}
  stop() {}
}`,
      // a timeout nothing clears: left to fire
      `export class Retry {
  private timer?: ReturnType<typeof setTimeout>;
  schedule() { this.timer = setTimeout(() => this.run(), 100); }
  run() {}
  close() {}
}`,
      // a pool's destroy(resource) destroys what it is handed, not the pool
      `export class Pool {
  private eviction?: ReturnType<typeof setTimeout>;
  scheduleEviction() {
    this.eviction = setTimeout(() => this.scheduleEviction(), 1000);
  }
  unschedule() { clearTimeout(this.eviction); }
  destroy(resource: { end(): void }) { resource.end(); }
}`,
      // cleared by the framework's teardown hook (homebridge-config-ui-x's Angular dialogs: close() closes the modal,
      // Angular then runs ngOnDestroy)
      `export class LinkAccountComponent {
  private originCheckInterval?: ReturnType<typeof setInterval>;
  constructor(private readonly activeModal: { close(): void }, private readonly popup: { postMessage(m: string): void }) {}
  linkAccount() {
    this.originCheckInterval = setInterval(() => this.popup.postMessage('origin-check'), 2000);
  }
  close() { this.activeModal.close(); }
  ngOnDestroy() { clearInterval(this.originCheckInterval); }
}`,
      // cleared in a listener the class registers: not followed
      `import { EventEmitter } from 'node:events';
export class Link extends EventEmitter {
  private timer?: ReturnType<typeof setTimeout>;
  open() {
    this.timer = setTimeout(() => this.emit('timeout'), 1000);
    this.once('close', () => clearTimeout(this.timer));
  }
  close() { this.emit('close'); }
}`,
    ],
    invalid: [
      {
        code: CLIENT(`  close() {
    this.conn.close();
    this.onclose();
  }
  onclose() {
    this.destroy();
  }
  destroy() {
    this.conn.removeListener('data', this.ondata);
  }`),
        errors: [keptTimerError(5, 27, 64, { field: 'connectTimeout', stop: 'close', timer: 'a timeout', until: ' until it fires', clear: 'clearTimeout' })],
      },
      {
        name: 'an interval nothing clears, in a class that can be stopped',
        code: `export class Heartbeat {
  private interval?: ReturnType<typeof setInterval>;
  constructor(private readonly socket: { ping(): void; end(): void }) {}
  start() {
    this.interval = setInterval(() => this.socket.ping(), 30000);
  }
  stop(callback?: () => void) {
    this.socket.end();
    callback?.();
  }
}`,
        errors: [keptTimerError(5, 21, 65, { field: 'interval', stop: 'stop', timer: 'an interval', until: ' for good', clear: 'clearInterval' })],
      },
    ],
  },
});

/** An interval whose handle is thrown away in a class that can be stopped (egg 2.29.3's agent keep-alive). */
const AGENT = (start: string, members = '') => `import { EventEmitter } from 'node:events';
export class Agent extends EventEmitter {
  constructor() {
    super();
    ${start}
    this.onError = this.onError.bind(this);
    process.on('uncaughtException', this.onError);
  }
  onError(error: Error) { this.emit('error', error); }
  close() {
    process.removeListener('uncaughtException', this.onError);
  }${members}
}`;

runInBothModes('require-async-dispose (an interval nothing can clear, in a class that can be stopped)', rule, {
  both: {
    valid: [
      // unref'd: it does not hold the process
      AGENT('setInterval(() => {}, 24 * 60 * 60 * 1000).unref();'),
      // kept and cleared by the stop method
      AGENT('this.keepAlive = setInterval(() => {}, 24 * 60 * 60 * 1000);', `
  keepAlive?: ReturnType<typeof setInterval>;
  destroy() { clearInterval(this.keepAlive); }`),
      // a timeout ends by itself
      AGENT('setTimeout(() => this.emit(\'ready\'), 1000);'),
      // a class that is never stopped
      `export class Clock {
  now = Date.now();
  constructor() {
    setInterval(() => { this.now = Date.now(); }, 1000);
  }
}`,
      // in the stop method itself, or in a static method: not the instance's timer
      `export class Registry {
  static watch() { setInterval(() => Registry.sweep(), 60000); }
  static sweep() {}
  close() { setInterval(() => {}, 1000); }
}`,
    ],
    invalid: [
      {
        name: "egg 2.29.3's agent: a day-long keep-alive interval in the constructor, which close() cannot clear",
        code: AGENT('setInterval(() => {}, 24 * 60 * 60 * 1000);'),
        errors: [{ messageId: 'intervalDroppedInStoppableClass', line: 5, column: 5, endLine: 5, endColumn: 47, data: { stop: 'close' } }],
      },
      {
        name: 'started by a method of a class that has stop()',
        code: `export class Poller {
  start() {
    setInterval(() => this.poll(), 5000);
  }
  poll() {}
  stop() {}
}`,
        errors: [{ messageId: 'intervalDroppedInStoppableClass', line: 3, column: 5, endLine: 3, endColumn: 41, data: { stop: 'stop' } }],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A release method named where its call was meant (@golevelup/nestjs-rabbitmq 3.1.0's onApplicationShutdown mapped
// the connections to their `close` methods, so Promise.all resolved at once and nothing was closed).

const SHUTDOWN = (body: string) => `type Connection = { managedConnection: { close(): Promise<void> } };
export class Module {
  constructor(private readonly connections: Connection[], private readonly client: { close(): Promise<void>; quit(): Promise<void> }) {}
  async onApplicationShutdown() {
    ${body}
  }
}`;

runInBothModes('require-async-dispose (a release method named, not called)', rule, {
  both: {
    valid: [
      SHUTDOWN('await Promise.all(this.connections.map((connection) => connection.managedConnection.close()));'),
      SHUTDOWN('await this.client.close();'),
      SHUTDOWN('await Promise.all([this.client.close(), this.client.quit()]);'),
      // promise-valued properties, and a data field named like a release
      `export async function flush(writers: WritableStreamDefaultWriter[], segments: { end: Promise<number> }[]) {
  await Promise.all(writers.map((writer) => writer.closed));
  await Promise.all(segments.map((segment) => segment.end));
}`,
      // handed on to be called later, not waited for
      `export function onExit(client: { close(): void }, hooks: (() => void)[]) {
  hooks.push(client.close);
}`,
    ],
    invalid: [
      {
        name: "@golevelup/nestjs-rabbitmq 3.1.0's shutdown: Promise.all over the close methods themselves",
        code: SHUTDOWN('await Promise.all(this.connections.map((connection) => connection.managedConnection.close));'),
        errors: [
          {
            messageId: 'releaseNotCalled',
            line: 5,
            column: 60,
            endLine: 5,
            endColumn: 94,
            data: { name: 'connection.managedConnection.close', method: 'close', waiter: '`Promise.all`' },
            suggestions: [
              {
                messageId: 'callRelease',
                data: { name: 'connection.managedConnection.close' },
                output: SHUTDOWN('await Promise.all(this.connections.map((connection) => connection.managedConnection.close()));'),
              },
            ],
          },
        ],
      },
      {
        name: 'awaiting the method, and an array of them',
        code: SHUTDOWN(`await this.client.close;
    await Promise.allSettled([this.client.quit, this.client.close()]);`),
        errors: [
          {
            messageId: 'releaseNotCalled',
            line: 5,
            column: 11,
            endLine: 5,
            endColumn: 28,
            data: { name: 'this.client.close', method: 'close', waiter: '`await`' },
            suggestions: [{ messageId: 'callRelease', data: { name: 'this.client.close' }, output: SHUTDOWN(`await this.client.close();
    await Promise.allSettled([this.client.quit, this.client.close()]);`) }],
          },
          {
            messageId: 'releaseNotCalled',
            line: 6,
            column: 31,
            endLine: 6,
            endColumn: 47,
            data: { name: 'this.client.quit', method: 'quit', waiter: '`Promise.allSettled`' },
            suggestions: [{ messageId: 'callRelease', data: { name: 'this.client.quit' }, output: SHUTDOWN(`await this.client.close;
    await Promise.allSettled([this.client.quit(), this.client.close()]);`) }],
          },
        ],
      },
    ],
  },
  typedOnly: {
    valid: [
      // with types: a `close` that is a promise, not a method
      `export async function drain(streams: { close: Promise<void> }[]) {
  await Promise.all(streams.map((stream) => stream.close));
}`,
    ],
    invalid: [],
  },
  syntacticOnly: {
    valid: [],
    invalid: [
      {
        name: 'without types, a release is judged by its name',
        code: `export async function drain(streams: { close: Promise<void> }[]) {
  await Promise.all(streams.map((stream) => stream.close));
}`,
        errors: [
          {
            messageId: 'releaseNotCalled',
            line: 2,
            column: 45,
            endLine: 2,
            endColumn: 57,
            data: { name: 'stream.close', method: 'close', waiter: '`Promise.all`' },
            suggestions: [{ messageId: 'callRelease', data: { name: 'stream.close' }, output: `export async function drain(streams: { close: Promise<void> }[]) {
  await Promise.all(streams.map((stream) => stream.close()));
}` }],
          },
        ],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Listeners added again each time something repeats, to an emitter that stays: inside a listener of a repeating
// event of the same emitter (webpack-dev-middleware 3.7.1 tapped `compiler.hooks.assetEmitted` inside
// `compiler.hooks.emit`), or in a promise a loop awaits once per pass (@aws-sdk/lib-storage 3.0.0's
// `_chunkFromStream(stream, …)`, awaited per part, adding 'data', 'error' and 'end' listeners to one stream).

const CHUNK_READER = (cleanup: string) => `import type { Readable } from 'node:stream';
function chunkFromStream(stream: Readable, size: number, old: Buffer): Promise<{ body: Buffer; ended: boolean }> {
  let current = old;
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      current = Buffer.concat([current, chunk]);
      if (current.length >= size) {${cleanup}
        resolve({ body: current, ended: false });
      }
    });
    stream.on('error', reject);
    stream.on('end', () => resolve({ body: current, ended: true }));
  });
}
export async function* chunks(reader: Readable, size: number) {
  let rest = Buffer.alloc(0);
  for (let part = 1; part < 10000; part++) {
    reader.resume();
    const result = await chunkFromStream(reader, size, rest);
    reader.pause();
    yield result.body.subarray(0, size);
    rest = result.body.subarray(size);
    if (result.ended) return;
  }
}`;

function perIterationError(line: number, column: number, endColumn: number, event: string, emitter: string, loopLine: number, via: string): InvalidCase['errors'][number] {
  return { messageId: 'listenerPerIteration', line, column, endLine: line, endColumn, data: { event, emitter, line: String(loopLine), via } };
}

function perEventError(line: number, column: number, endLine: number, endColumn: number, data: Record<string, string>): InvalidCase['errors'][number] {
  return { messageId: 'listenerPerEvent', line, column, endLine, endColumn, data };
}

runInBothModes('require-async-dispose (listeners added again each time something repeats)', rule, {
  both: {
    valid: [
      // the helper takes its listeners off when the promise settles
      CHUNK_READER(`
        stream.removeAllListeners('data');`),
      // a guard says the handler is added once
      `export function toDisk(compiler: any) {
  compiler.hooks.emit.tap('plugin', () => {
    if (compiler.hasEmittedHandler) return;
    compiler.hasEmittedHandler = true;
    compiler.hooks.assetEmitted.tapAsync('plugin', (file: string, content: Buffer, done: () => void) => done());
  });
}`,
      // a hook that runs once per compiler
      `export function apply(compiler: any) {
  compiler.hooks.environment.tap('plugin', () => {
    compiler.hooks.done.tap('plugin', () => console.log('built'));
  });
}`,
      // a one-shot event, another emitter, a flag, a removal
      `import type { EventEmitter } from 'node:events';
export function watch(socket: EventEmitter, server: EventEmitter, bus: EventEmitter) {
  socket.on('connect', () => {
    socket.on('data', (data) => console.log(data));
  });
  server.on('connection', (client: EventEmitter) => {
    client.on('data', (data) => console.log(data));
  });
  let listening = false;
  bus.on('message', () => {
    if (!listening) {
      listening = true;
      bus.on('reply', (reply) => console.log(reply));
    }
  });
}
export function relay(bus: EventEmitter) {
  bus.on('message', () => {
    bus.on('reply', onReply);
  });
  function onReply(reply: unknown) {
    bus.off('reply', onReply);
    console.log(reply);
  }
}`,
      // a new emitter on every pass, a helper called once, a promise not awaited in the loop
      `import type { Readable, Writable } from 'node:stream';
function ended(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
}
export async function readAll(open: () => Readable, count: number, single: Readable) {
  for (let i = 0; i < count; i++) {
    const stream = open();
    stream.resume();
    await ended(stream);
  }
  await ended(single);
}
export function start(out: Writable, items: string[]) {
  const pending: Promise<unknown>[] = [];
  for (const item of items) {
    out.write(item);
    pending.push(new Promise((resolve) => out.on('drain', resolve)));
  }
  return pending;
}`,
      // the emitter is handed to a helper that may take the listeners off
      `import type { Writable } from 'node:stream';
import { finished } from 'node:stream';
export async function write(out: Writable, items: string[]) {
  for (const item of items) {
    if (!out.write(item)) {
      await new Promise((resolve) => {
        out.on('drain', resolve);
        finished(out, () => resolve(undefined));
      });
    }
  }
}`,
      // the socket's listener added once per socket, only on a new connection, or removed when the request ends
      `import * as https from 'node:https';
const LISTENING = Symbol('listening');
export function get(url: string) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, resolve);
    req.on('socket', (socket: any) => {
      socket.setKeepAlive(true, 60000);
      if (!socket[LISTENING]) {
        socket.on('error', (error: Error) => req.destroy(error));
        socket[LISTENING] = true;
      }
    });
    req.on('socket', (socket: any) => {
      if (socket.connecting) socket.on('connect', () => console.log('connected'));
    });
    req.on('socket', (socket: any) => {
      const onError = (error: Error) => reject(error);
      socket.on('error', onError);
      req.once('close', () => socket.removeListener('error', onError));
    });
    req.end();
  });
}`,
      // once
      `import type { Writable } from 'node:stream';
export async function write(out: Writable, items: string[]) {
  for (const item of items) {
    if (!out.write(item)) await new Promise((resolve) => out.once('drain', resolve));
  }
}`,
    ],
    invalid: [
      {
        name: "a helper awaited per part adds three listeners to the one stream (@aws-sdk/lib-storage 3.0.0)",
        code: CHUNK_READER(''),
        errors: [
          perIterationError(5, 5, 14, 'data', 'stream', 17, ' (through `chunkFromStream()`)'),
          perIterationError(11, 5, 31, 'error', 'stream', 17, ' (through `chunkFromStream()`)'),
          perIterationError(12, 5, 68, 'end', 'stream', 17, ' (through `chunkFromStream()`)'),
        ],
      },
      {
        name: "a loop that waits for 'drain' with `on`",
        code: `import type { Writable } from 'node:stream';
export async function write(out: Writable, items: string[]) {
  for (const item of items) {
    if (!out.write(item)) await new Promise((resolve) => out.on('drain', resolve));
  }
}`,
        errors: [perIterationError(4, 58, 82, 'drain', 'out', 3, '')],
      },
      {
        name: "a listener on the socket of every request (@microsoft/rush-lib 5.147.1's web client)",
        code: `import * as https from 'node:https';
export function fetchBuffer(url: string, body: string) {
  return new Promise<string>((resolve, reject) => {
    https
      .request(url, (response) => { response.resume(); resolve(String(response.statusCode)); })
      .on('socket', (socket) => {
        socket.on('error', (error) => {
          reject(error);
        });
      })
      .on('error', (error) => reject(error))
      .end(body);
  });
}`,
        errors: [{ messageId: 'listenerPerSocket', line: 7, column: 9, endLine: 7, endColumn: 18, data: { event: 'error', socket: 'socket' } }],
      },
      {
        name: 'a hook tapped inside a hook that runs on every build (webpack-dev-middleware 3.7.1)',
        code: `export function toDisk(compilers: any[]) {
  for (const compiler of compilers) {
    compiler.hooks.emit.tap('WebpackDevMiddleware', (compilation: unknown) => {
      compiler.hooks.assetEmitted.tapAsync('WebpackDevMiddleware', (file: string, content: Buffer, callback: () => void) => {
        callback();
      });
    });
  }
}`,
        errors: [perEventError(4, 7, 4, 43, { added: 'assetEmitted hook handler', emitter: 'compiler', repeat: 'emit hook' })],
      },
      {
        name: "a listener added in a listener of a repeating event of the same emitter",
        code: `import type { EventEmitter } from 'node:events';
export class Bot {
  constructor(private readonly client: EventEmitter) {}
  start() {
    this.client.on('message', () => {
      this.client.on('reply', (message: string) => this.reply(message));
    });
  }
  reply(message: string) {
    console.log(message);
  }
}`,
        errors: [perEventError(6, 7, 6, 72, { added: "'reply' listener", emitter: 'this.client', repeat: "'message' event" })],
      },
    ],
  },
});

/** postgrator 3.6.0's `migrate`: the connection ends in a `.then`, and the `.catch` rethrows without ending it. */
const MIGRATE = (handler: string) => `class Postgrator {
  constructor(commonClient) { this.commonClient = commonClient; }
  migrate(target) {
    const { commonClient } = this;
    return commonClient
      .ensureTable()
      .then(() => this.runMigrations(target))
      .then((migrations) => commonClient.endConnection().then(() => migrations))
      .catch((error) => {
${handler}
      });
  }
}
module.exports = Postgrator;`;

runInBothModes('require-async-dispose (a release only on the success of a promise chain)', rule, {
  both: {
    valid: [
      // released in the rejection handler too (postgrator 3.7.0)
      { code: MIGRATE('        return commonClient.endConnection().catch(() => {}).then(() => { throw error; });'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // released in a finally, or the value handed to a cleanup function in the handler
      { code: `function count(pool) {
  return pool.connect().then((client) => client.query('select 1').then((result) => { client.release(); return result; }).finally(() => client.release()));
}
module.exports = count;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      { code: `function count(client, cleanup) {
  return client.query('select 1').then((result) => { client.close(); return result; }, (error) => { cleanup(client); throw error; });
}
module.exports = count;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // an example script ends with the process (selenium-webdriver's example/google_search.js)
      { code: `const driver = require('./driver');
driver.get('http://www.google.com/ncr')
  .then(() => driver.findElement('q').sendKeys('webdriver'))
  .then(() => driver.quit());`, filename: path.join(FIXTURES_DIR, 'examples', 'demo.ts') },
      // a rejection handler before the release may recover: the release runs after a failure too
      { code: `function count(client) {
  return client.query('select 1').catch(() => null).then((result) => { client.close(); return result; });
}
module.exports = count;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the release under a condition, a release of something the chain never used, an \`end\` of a stream
      { code: `function count(client, keep, other, hash) {
  client.query('select 1').then((result) => { if (!keep) client.close(); return result; });
  client.query('select 1').then(() => other.close());
  hash.update('x').then(() => hash.end());
}
module.exports = count;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a pool's release of one resource (an argument), and the class's own close
      { code: `class Worker {
  run(pool, resource) {
    return pool.use(resource).then(() => pool.release(resource));
  }
  stop() {
    return this.flush().then(() => this.close());
  }
}
module.exports = Worker;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: MIGRATE('        error.appliedMigrations = error.appliedMigrations || [];\n        throw error;'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'releasedOnlyOnChainSuccess', line: 8, column: 29, endLine: 8, endColumn: 57, data: { name: 'commonClient', risk: 'commonClient.ensureTable()', line: '5' } }],
      },
      // parse-server 2.3.8's GridStoreAdapter: the store the chain opened, closed only after the write succeeded
      {
        code: `function createFile(connect, filename, data) {
  return connect().then((database) => {
    const gridStore = new GridStore(database, filename, 'w');
    return gridStore.open();
  }).then((gridStore) => gridStore.write(data)).then((gridStore) => gridStore.close());
}
module.exports = createFile;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'releasedOnlyOnChainSuccess', line: 5, column: 69, endLine: 5, endColumn: 86, data: { name: 'gridStore', risk: 'gridStore.open()', line: '4' } }],
      },
      // the pg shape: a client from the pool, released when its query succeeded
      {
        code: `function count(pool) {
  return pool.connect().then((client) => client.query('select count(*) from users').then((result) => {
    client.release();
    return result.rows[0].count;
  }));
}
module.exports = count;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'releasedOnlyOnChainSuccess', line: 3, column: 5, endLine: 3, endColumn: 21, data: { name: 'client', risk: 'client.query()', line: '2' } }],
      },
    ],
  },
});

/** matrix-react-sdk 3.72's `ThreadView`, in short: the unmount takes the room's listener off, not the thread's. */
const THREAD_VIEW = (unmount: string, setup = `    if (thread) {
      thread.on('NewReply', this.updateThreadRelation);
    }`) => `import * as React from 'react';
export class ThreadView extends React.Component<{ room: any }> {
  componentDidMount() {
    this.props.room.on('Thread.new', this.onNewThread);
  }
  componentWillUnmount() {
${unmount}
  }
  setupThreadListeners(thread?: any, oldThread?: any) {
    if (oldThread) oldThread.off('NewReply', this.updateThreadRelation);
${setup}
  }
  onNewThread = () => {};
  updateThreadRelation = () => {};
}`;

runInBothModes('require-async-dispose (a listener the teardown does not take off)', rule, {
  both: {
    valid: [
      // the unmount takes it off too
      THREAD_VIEW(`    this.props.room.removeListener('Thread.new', this.onNewThread);
    this.setupThreadListeners(undefined, this.thread);`),
      // nothing in the teardown takes a listener off: the code says nothing about its listeners
      THREAD_VIEW('    this.unmounted = true;'),
      // a listener that removes itself
      THREAD_VIEW("    this.props.room.removeListener('Thread.new', this.onNewThread);", "    thread?.once('NewReply', this.updateThreadRelation);"),
      // the component's own element goes with it
      THREAD_VIEW("    this.props.room.removeListener('Thread.new', this.onNewThread);", "    thread?.addEventListener('click', this.updateThreadRelation);"),
      // an emitter the instance makes goes with it
      THREAD_VIEW("    this.props.room.removeListener('Thread.new', this.onNewThread);", "    const poller = new Poller();\n    poller.on('NewReply', this.updateThreadRelation);"),
      // the setter the unmount runs takes the old recording's listeners off
      `export class Composer {
  private current: any = null;
  set recording(next: any) {
    if (this.current) this.current.off('started', this.onStarted);
    this.current = next;
    if (next) next.on('started', this.onStarted);
  }
  destroy() {
    this.recording = null;
  }
  onStarted = () => {};
}`,
      // the base class's teardown may take it off
      `import { Base } from './base';
export class Call extends Base {
  constructor(private readonly store: any) { super(); store.on('dock', this.onDock); store.on('undock', this.onUndock); }
  destroy() {
    this.store.off('undock', this.onUndock);
    super.destroy();
  }
  onDock = () => {};
  onUndock = () => {};
}`,
      // the teardown stops the emitter itself
      `export class Dialog {
  constructor(private readonly messaging: any) {}
  onLoad() {
    this.messaging.on('ready', this.onReady);
    this.messaging.on('close', this.onClose);
  }
  dispose() {
    this.messaging.off('ready', this.onReady);
    this.messaging.stop();
  }
  onReady = () => {};
  onClose = () => {};
}`,
      // \`stop()\` of a player that also has \`destroy()\`: only the destroy ends it
      `export class Playback {
  constructor(private readonly info: any, private readonly chunk: any) {
    this.info.on('redaction', this.onRedaction);
    this.chunk.on('update', this.onUpdate);
  }
  stop() { this.chunk.off('update', this.onUpdate); }
  destroy() { this.stop(); this.info.off('redaction', this.onRedaction); }
  onRedaction = () => {};
  onUpdate = () => {};
}`,
    ],
    invalid: [
      {
        code: THREAD_VIEW("    this.props.room.removeListener('Thread.new', this.onNewThread);"),
        errors: [{ messageId: 'listenerKeptPastTeardown', line: 12, column: 7, endLine: 12, endColumn: 55, data: { handler: 'this.updateThreadRelation', teardown: 'componentWillUnmount' } }],
      },
      {
        code: `export class Playback {
  constructor(private readonly info: any, private readonly chunk: any) {
    this.info.on('redaction', this.onRedaction);
    this.chunk.on('update', this.onUpdate);
  }
  destroy() { this.chunk.off('update', this.onUpdate); }
  onRedaction = () => {};
  onUpdate = () => {};
}`,
        errors: [{ messageId: 'listenerKeptPastTeardown', line: 3, column: 5, endLine: 3, endColumn: 48, data: { handler: 'this.onRedaction', teardown: 'destroy' } }],
      },
      {
        code: `export class Shell {
  attach() {
    window.addEventListener('resize', this.onResize);
    document.addEventListener('keydown', this.onKey);
  }
  destroy() { document.removeEventListener('keydown', this.onKey); }
  onResize = () => {};
  onKey = () => {};
}`,
        errors: [{ messageId: 'listenerKeptPastTeardown', line: 3, column: 5, endLine: 3, endColumn: 53, data: { handler: 'this.onResize', teardown: 'destroy' } }],
      },
    ],
  },
});

/**
 * An inline listener on an emitter the instance does not make, where the file takes other listeners off it by name
 * (twilio-client 1.12.3's connection `transportClose` handler, mocha 7.0.1's run-end `uncaughtException` handler).
 */
const CONNECTION = (added: string, members = '') => `export class Connection {
  pstream: any;
  constructor(config: { pstream: any }) {
    this.pstream = config.pstream;
    this.pstream.on('cancel', this.onCancel);
    ${added}
  }
  onCancel = () => {};
  cleanup() {
    this.pstream.removeListener('cancel', this.onCancel);
  }${members}
}`;

runInBothModes('require-async-dispose (an inline listener nothing can take off)', rule, {
  both: {
    valid: [
      // kept in a field and removed with the others (the fix)
      CONNECTION("this.pstream.on('transportClose', this.onTransportClose);", `
  onTransportClose = () => {};`),
      // a listener that removes itself when the event comes
      CONNECTION("this.pstream.once('transportClose', () => this.cleanup());"),
      // options may take it off (\`{ once: true }\`, \`{ signal }\`)
      `export class Shell {
  attach(signal: AbortSignal) {
    window.addEventListener('resize', () => this.layout(), { signal });
  }
  detach() { window.removeEventListener('keydown', this.onKey); }
  layout() {}
  onKey = () => {};
}`,
      // the file ends the emitter itself: its listeners go with it
      CONNECTION("this.pstream.on('transportClose', () => this.cleanup());", `
  destroy() { this.pstream.destroy(); }`),
      // an emitter the instance makes lives no longer than the instance
      `import { EventEmitter } from 'node:events';
export class Link {
  socket = new EventEmitter();
  constructor() {
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
  }
  read(chunk: Buffer) { return chunk; }
  close() { this.socket.removeListener('end', this.onEnd); }
  onEnd = () => {};
}`,
      // no listener of this emitter is ever taken off: nothing says they should go
      `export class Reporter {
  constructor(private readonly runner: any, private readonly other: any) {
    this.runner.on('end', () => this.done());
    this.other.removeListener('end', this.done);
  }
  done = () => {};
}`,
      // a function expression that names itself takes itself off
      `export class Room {
  constructor(private readonly participants: Map<string, any>) {}
  connect(participant: any) {
    participant.removeListener('trackAdded', this.onTrack);
    this.participants.set(participant.sid, participant);
    participant.on('stateChanged', function stateChanged(state: string) {
      if (state === 'disconnected') participant.removeListener('stateChanged', stateChanged);
    });
  }
  onTrack = () => {};
}`,
      // what hangs off a parameter (a request's transaction) often lives no longer than the instance
      `export class Dialog {
  receive(request: any) {
    const stateChanged = () => request.server_transaction.removeListener('stateChanged', stateChanged);
    request.server_transaction.on('stateChanged', stateChanged);
    request.server_transaction.on('stateChanged', () => this.update(request));
  }
  update(request: unknown) { return request; }
}`,
      // not in the code of a class: a function of the module
      `export function watch(emitter: any, onChange: () => void) {
  emitter.removeListener('change', onChange);
  emitter.on('change', () => onChange());
}`,
      // the add hands back what removes it
      `export class Panel {
  constructor(private readonly bus: any) {
    const off = this.bus.on('update', () => this.render());
    this.dispose = off;
  }
  dispose: () => void;
  render() {}
  close() { this.bus.off('resize', this.render); }
}`,
      // an element may be the instance's own: \`addEventListener\` is checked on global targets only
      `export class Button {
  constructor(private readonly element: HTMLElement) {
    this.element.addEventListener('click', () => this.press());
  }
  press() {}
  destroy() { this.element.removeEventListener('focus', this.press); }
}`,
    ],
    invalid: [
      {
        code: CONNECTION(`this.pstream.on('transportClose', () => {
      this.cleanup();
    });`),
        errors: [{ messageId: 'unremovableListener', line: 6, column: 5, endLine: 6, endColumn: 20, data: { event: 'transportClose', emitter: 'this.pstream', line: '12' } }],
      },
      {
        name: "an ES5 class's run, through `var self = this` (mocha 7.0.0's Runner#run)",
        code: `export function Runner(this: any) {}
Runner.prototype.run = function (this: any, fn: () => void) {
  var self = this;
  function uncaught(err: Error) { self.fail(err); }
  process.on('uncaughtException', uncaught);
  this.on('end', function () {
    process.removeListener('uncaughtException', uncaught);
    process.on('uncaughtException', function (err) {
      throw err;
    });
    fn();
  });
};`,
        errors: [{ messageId: 'unremovableListener', line: 8, column: 5, endLine: 8, endColumn: 15, data: { event: 'uncaughtException', emitter: 'process', line: '7' } }],
      },
      {
        name: 'a global target',
        code: `export class Shell {
  attach() {
    window.addEventListener('resize', () => this.layout());
    window.addEventListener('keydown', this.onKey);
  }
  detach() { window.removeEventListener('keydown', this.onKey); }
  layout() {}
  onKey = () => {};
}`,
        errors: [{ messageId: 'unremovableListener', line: 3, column: 5, endLine: 3, endColumn: 59, data: { event: 'resize', emitter: 'window', line: '6' } }],
      },
    ],
  },
});

runInBothModes("require-async-dispose (an 'abort' listener on the signal of options with an empty default)", rule, {
  both: {
    valid: [
      // removed by itself when the signal fires (knocklabs 1.29.1's fix)
      `export async function fetchWithTimeout(url: string, init: { signal?: AbortSignal } | undefined, controller: AbortController) {
  const { signal } = init || {};
  if (signal) signal.addEventListener('abort', () => controller.abort(), { once: true });
  return fetch(url, { signal: controller.signal });
}`,
    ],
    invalid: [
      {
        code: `export async function fetchWithTimeout(url: string, init: { signal?: AbortSignal } | undefined, controller: AbortController) {
  const { signal } = init || {};
  if (signal) signal.addEventListener('abort', () => controller.abort());
  return fetch(url, { signal: controller.signal });
}`,
        errors: [{ messageId: 'abortListenerKept', line: 3, column: 15, endLine: 3, endColumn: 73, data: { signal: 'signal' } }],
      },
    ],
  },
});

/** Two `once` listeners racing on one emitter, the inline one never taken off (@videojs/http-streaming 1.10.1's VTT loader). */
const VTT_LOADER = (waits: string) => `export class VttLoader {
  tech: any;
  constructor(tech: any) { this.tech = tech; }
  handleSegment() {}
  error(message: string) { return message; }
  waitForVttjs() {
${waits}
  }
}`;

runInBothModes("require-async-dispose (a once listener its rival's event leaves behind)", rule, {
  both: {
    valid: [
      // each takes the other off (the fix)
      VTT_LOADER(`    const loadHandler = () => {
      this.tech.off('vttjserror', errorHandler);
      this.handleSegment();
    };
    const errorHandler = () => {
      this.tech.off('vttjsloaded', loadHandler);
      this.error('Error loading vtt.js');
    };
    this.tech.one('vttjsloaded', loadHandler);
    this.tech.one('vttjserror', errorHandler);`),
      // an 'error' listener left behind is often kept on purpose
      VTT_LOADER(`    const loadHandler = () => this.handleSegment();
    this.tech.once('ready', loadHandler);
    this.tech.once('error', () => {
      this.tech.off('ready', loadHandler);
    });`),
      // an emitter the function makes goes with the wait
      `import { EventEmitter } from 'node:events';
export function wait(make: () => EventEmitter) {
  const emitter = make();
  const onDone = () => {};
  emitter.once('done', onDone);
  emitter.once('cancel', () => emitter.off('done', onDone));
}`,
    ],
    invalid: [
      {
        code: VTT_LOADER(`    const loadHandler = () => this.handleSegment();
    this.tech.one('vttjsloaded', loadHandler);
    this.tech.one('vttjserror', () => {
      this.tech.off('vttjsloaded', loadHandler);
      this.error('Error loading vtt.js');
    });`),
        errors: [{ messageId: 'listenerLeftByRival', line: 9, column: 5, endLine: 9, endColumn: 18, data: { event: 'vttjserror', rival: 'vttjsloaded', emitter: 'this.tech' } }],
      },
    ],
  },
});

/** A removal that matches no listener (@uppy/dashboard 5.1.0's capture-phase listeners, @uppy/transloadit 3.1.4's `off`). */
const DASHBOARD = (removals: string, adds = `    document.addEventListener('focus', this.recordFocus, true);
    document.addEventListener('click', this.recordFocus, { capture: true });`) => `export class Dashboard {
  recordFocus = () => {};
  initEvents() {
${adds}
  }
  removeEvents() {
${removals}
  }
}`;

runInBothModes('require-async-dispose (a removal that matches no listener)', rule, {
  both: {
    valid: [
      // the same capture flag as the add (the fix)
      DASHBOARD(`    document.removeEventListener('focus', this.recordFocus, true);
    document.removeEventListener('click', this.recordFocus, { capture: true });`),
      // added without capture, removed without it (options without `capture` are no capture)
      DASHBOARD(`    document.removeEventListener('focus', this.recordFocus);`, `    document.addEventListener('focus', this.recordFocus, { passive: true });`),
      // a computed flag, or added both ways: the removal may be meant for either
      DASHBOARD(`    document.removeEventListener('focus', this.recordFocus);`, `    document.addEventListener('focus', this.recordFocus, this.useCapture);`),
      DASHBOARD(`    document.removeEventListener('focus', this.recordFocus);`, `    document.addEventListener('focus', this.recordFocus, true);
    document.addEventListener('focus', this.recordFocus);`),
      // another target, or another listener
      DASHBOARD(`    window.removeEventListener('focus', this.recordFocus);
    document.removeEventListener('focus', this.other);`),
      // the event named (the fix), and an \`off\` of a listener the file never adds by name
      `export function watch(uppy: { on(e: string, f: () => void): void; off(e: string, f: () => void): void }) {
  const onRemoved = () => uppy.off('file-removed', onRemoved);
  uppy.on('file-removed', onRemoved);
}
export function stop(signal: { off(f: () => void): void }, handler: () => void) {
  signal.off(handler);
}`,
      // two functions' own \`handler\` are two listeners
      `export function a(bus: { on(e: string, f: () => void): void }) {
  const handler = () => {};
  bus.on('tick', handler);
}
export function b(bus: { off(f: () => void): void }) {
  const handler = () => {};
  bus.off(handler);
}`,
    ],
    invalid: [
      {
        code: DASHBOARD(`    document.removeEventListener('focus', this.recordFocus);
    document.removeEventListener('click', this.recordFocus, false);`),
        errors: [
          {
            messageId: 'removalMissesCapture',
            line: 8,
            column: 5,
            endLine: 8,
            endColumn: 60,
            data: { listener: 'this.recordFocus', target: 'document', how: 'without the capture flag', added: 'with capture (`true`)', line: '4', event: 'focus', flag: 'true' },
            suggestions: [{ messageId: 'passCapture', output: DASHBOARD(`    document.removeEventListener('focus', this.recordFocus, true);
    document.removeEventListener('click', this.recordFocus, false);`) }],
          },
          {
            messageId: 'removalMissesCapture',
            line: 9,
            column: 5,
            endLine: 9,
            endColumn: 67,
            data: { listener: 'this.recordFocus', target: 'document', how: 'without the capture flag', added: 'with capture (`true`)', line: '5', event: 'click', flag: 'true' },
            suggestions: [{ messageId: 'passCapture', output: DASHBOARD(`    document.removeEventListener('focus', this.recordFocus);
    document.removeEventListener('click', this.recordFocus, true);`) }],
          },
        ],
      },
      {
        // added without capture, removed with it
        code: DASHBOARD(`    document.removeEventListener('focus', this.recordFocus, { capture: true });`, `    document.addEventListener('focus', this.recordFocus);`),
        errors: [
          {
            messageId: 'removalMissesCapture',
            line: 7,
            column: 5,
            endLine: 7,
            endColumn: 79,
            data: { listener: 'this.recordFocus', target: 'document', how: 'with the capture flag', added: 'without it', line: '4', event: 'focus', flag: 'false' },
            suggestions: [{ messageId: 'passCapture', output: DASHBOARD(`    document.removeEventListener('focus', this.recordFocus, false);`, `    document.addEventListener('focus', this.recordFocus);`) }],
          },
        ],
      },
      {
        // @uppy/transloadit 3.1.4
        code: `export class Transloadit {
  constructor(private readonly uppy: { on(e: string, f: (file: unknown, reason: string) => void): void; off(...args: unknown[]): void }) {}
  createAssembly(close: () => void) {
    const fileRemovedHandler = (file: unknown, reason: string) => {
      if (reason === 'cancel-all') {
        close();
        this.uppy.off(fileRemovedHandler);
      }
    };
    this.uppy.on('file-removed', fileRemovedHandler);
  }
}`,
        errors: [
          {
            messageId: 'removalWithoutEvent',
            line: 7,
            column: 9,
            endLine: 7,
            endColumn: 42,
            data: { method: 'this.uppy.off', listener: 'fileRemovedHandler', line: '10', event: "'file-removed'" },
            suggestions: [{ messageId: 'passEvent', output: `export class Transloadit {
  constructor(private readonly uppy: { on(e: string, f: (file: unknown, reason: string) => void): void; off(...args: unknown[]): void }) {}
  createAssembly(close: () => void) {
    const fileRemovedHandler = (file: unknown, reason: string) => {
      if (reason === 'cancel-all') {
        close();
        this.uppy.off('file-removed', fileRemovedHandler);
      }
    };
    this.uppy.on('file-removed', fileRemovedHandler);
  }
}` }],
          },
        ],
      },
      {
        // an event named by a constant: no suggestion to write it
        code: `const EVENT = 'tick';
export function watch(bus: { on(e: string, f: () => void): void; removeListener(...args: unknown[]): void }) {
  const onTick = () => bus.removeListener(onTick);
  bus.on(EVENT, onTick);
}`,
        errors: [{ messageId: 'removalWithoutEvent', line: 3, column: 24, endLine: 3, endColumn: 50, data: { method: 'bus.removeListener', listener: 'onTick', line: '4', event: 'event' }, suggestions: [] }],
      },
    ],
  },
});

/** A constructor function's `process` listener that ends its instance, which the file also ends otherwise (node-hue-api 1.0.5). */
const SSDP_SEARCH = (listener: string, elsewhere = '') => `var dgram = require('dgram');
function SSDPSearch() {
  var self = this;
  self.socket = dgram.createSocket('udp4');
  ${listener}
}
SSDPSearch.prototype.search = function () { this.socket.send('M-SEARCH'); };
function _close(target) {
  if (!target.closed) { target.closed = true; target.socket.close(); }
}
function locate() {
  var search = new SSDPSearch();
  search.search();
  ${elsewhere}
}
module.exports = locate;`;

runInBothModes('require-async-dispose (a constructor function ending its instance on process exit)', rule, {
  both: {
    valid: [
      // nothing else ends an instance: it lives as long as the process
      { code: SSDP_SEARCH(`process.on('exit', function () { _close(self); });`), filename: 'file.js' },
      // the listener does not end the instance
      { code: SSDP_SEARCH(`process.on('exit', function () { console.log('bye'); });`, `setTimeout(function () { _close(search); }, 5000);`), filename: 'file.js' },
      // the file takes listeners off process
      { code: SSDP_SEARCH(`process.on('exit', self.onExit = function () { _close(self); });`, `setTimeout(function () { _close(search); process.removeListener('exit', search.onExit); }, 5000);`), filename: 'file.js' },
      // a plain function's \`self\` is no instance
      { code: `function run(server) {
  var self = this;
  process.on('SIGINT', function () { self.close(); });
  server.close();
}
module.exports = run;`, filename: 'file.js' },
    ],
    invalid: [
      {
        code: SSDP_SEARCH(`process.on('exit', function () { _close(self); });`, `setTimeout(function () { _close(search); }, 5000);`),
        filename: 'file.js',
        errors: [processError(5, 3, 52, { verb: 'on', event: 'exit', method: 'SSDPSearch', stop: '_close' })],
      },
      {
        // a prototype method that ends it
        code: SSDP_SEARCH(`process.on('SIGTERM', function () { self.close(); });`).replace("SSDPSearch.prototype.search", "SSDPSearch.prototype.close = function () { this.socket.close(); };\nSSDPSearch.prototype.search"),
        filename: 'file.js',
        errors: [processError(5, 3, 55, { verb: 'on', event: 'SIGTERM', method: 'SSDPSearch', stop: 'close' })],
      },
    ],
  },
});

/** An inline listener added to a registry's shared value on every run (node-red 0.16.2's UDP out node). */
const UDP_OUT = (body: string) => `const dgram = require('dgram');
module.exports = function (RED) {
  const portsInUse = {};
  function UDPout(config) {
    let sock;
${body}
  }
  RED.nodes.registerType('udp out', UDPout);
};`;

runInBothModes('require-async-dispose (a listener added to a shared value on every run)', rule, {
  both: {
    valid: [
      // added where the value is made (the fix)
      { code: UDP_OUT(`    if (portsInUse[config.port]) {
      sock = portsInUse[config.port];
    } else {
      sock = dgram.createSocket('udp4');
      portsInUse[config.port] = sock;
      sock.on('error', function () {});
    }`), filename: 'file.js' },
      // a reuse branch that does more than take the value: a case of its own (two nodes on one port, told apart)
      { code: UDP_OUT(`    if (portsInUse[config.port]) {
      RED.log.info('port in use');
      sock = portsInUse[config.port];
    } else {
      sock = dgram.createSocket('udp4');
      portsInUse[config.port] = sock;
    }
    sock.on('error', function () {});`), filename: 'file.js' },
      // a value the function does not file in the registry, and a registry local to the function
      { code: UDP_OUT(`    if (portsInUse[config.port]) {
      sock = portsInUse[config.port];
    } else {
      sock = dgram.createSocket('udp4');
    }
    sock.on('error', function () {});
    const local = new Map();
    let other = local.get(config.port);
    if (!other) { other = dgram.createSocket('udp4'); local.set(config.port, other); }
    other.on('error', function () {});`), filename: 'file.js' },
    ],
    invalid: [
      {
        code: UDP_OUT(`    if (portsInUse[config.port]) {
      sock = portsInUse[config.port];
    } else {
      sock = dgram.createSocket('udp4');
      portsInUse[config.port] = sock;
    }
    sock.on('error', function () {});`),
        filename: 'file.js',
        errors: [{ messageId: 'listenerOnSharedValue', line: 12, column: 5, endLine: 12, endColumn: 37, data: { event: 'error', name: 'sock', registry: 'portsInUse', line: '7' } }],
      },
      {
        // a Map, the value made where it is declared
        code: `const sockets = new Map();
export function connect(port: number, make: () => { on(event: string, listener: () => void): void }) {
  let socket = sockets.get(port);
  if (!socket) {
    socket = make();
    sockets.set(port, socket);
  }
  socket.on('close', () => sockets.delete(port));
}`,
        errors: [{ messageId: 'listenerOnSharedValue', line: 8, column: 3, endLine: 8, endColumn: 49, data: { event: 'close', name: 'socket', registry: 'sockets', line: '3' } }],
      },
    ],
  },
});

/** A field's timer armed by two listeners of one emitter, the old timer not cleared (node-red 0.15.3's websocket client). */
const WS_CLIENT = (onClose: string, onError: string) => `module.exports = function (RED, WebSocket) {
  function WebSocketListener(config) {
    const node = this;
    function startconn() {
      const socket = new WebSocket(config.path);
      socket.on('close', function () {
${onClose}
      });
      socket.on('error', function () {
${onError}
      });
    }
    node.on('close', function () {
      clearTimeout(node.tout);
    });
    startconn();
  }
  RED.nodes.registerType('websocket-listener', WebSocketListener);
};`;

runInBothModes('require-async-dispose (a timer armed again by another listener)', rule, {
  both: {
    valid: [
      // cleared first (the fix), or checked
      { code: WS_CLIENT('        clearTimeout(node.tout);\n        node.tout = setTimeout(startconn, 3000);', '        clearTimeout(node.tout);\n        node.tout = setTimeout(startconn, 3000);'), filename: 'file.js' },
      { code: WS_CLIENT('        if (!node.tout) node.tout = setTimeout(startconn, 3000);', '        if (!node.tout) node.tout = setTimeout(startconn, 3000);'), filename: 'file.js' },
      // armed by one listener only, or in two fields
      { code: WS_CLIENT('        node.tout = setTimeout(startconn, 3000);', '        node.emit("erro");'), filename: 'file.js' },
      { code: WS_CLIENT('        node.tout = setTimeout(startconn, 3000);', '        node.other = setTimeout(startconn, 3000);'), filename: 'file.js' },
      // a field the file never clears: nothing says it is meant to be cancelled
      { code: WS_CLIENT('        node.retry = setTimeout(startconn, 3000);', '        node.retry = setTimeout(startconn, 3000);'), filename: 'file.js' },
    ],
    invalid: [
      {
        code: WS_CLIENT('        if (!node.closing) {\n          node.tout = setTimeout(function () { startconn(); }, 3000);\n        }', '        node.emit("erro");\n        node.tout = setTimeout(function () { startconn(); }, 3000);'),
        filename: 'file.js',
        errors: [
          { messageId: 'timerOverwritten', line: 8, column: 23, endLine: 8, endColumn: 69, data: { holder: 'node.tout', event: 'close', other: 'error', line: '13' } },
          { messageId: 'timerOverwritten', line: 13, column: 21, endLine: 13, endColumn: 67, data: { holder: 'node.tout', event: 'error', other: 'close', line: '8' } },
        ],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A listener the file takes off only an event it was never added for (npm-lifecycle 3.0.0 removed `procInterupt`
// from 'SIGTERM', having added it for 'SIGINT').

const LIFECYCLE = (removal: string) => `function runCmd(proc, cb) {
  process.once('SIGTERM', procKill);
  process.once('SIGINT', procInterupt);
  proc.on('close', function (code) {
    process.removeListener('SIGTERM', procKill);
    ${removal};
    cb(code);
  });
  function procKill() { proc.kill(); }
  function procInterupt() { proc.kill('SIGINT'); }
}
module.exports = runCmd;`;

runInBothModes('require-async-dispose (a listener taken off an event it was never added for)', rule, {
  both: {
    valid: [
      // taken off its own event
      { code: LIFECYCLE("process.removeListener('SIGINT', procInterupt)"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // taken off both: the extra removal is harmless
      { code: LIFECYCLE("process.removeListener('SIGTERM', procInterupt); process.removeListener('SIGINT', procInterupt)"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // every 'SIGINT' listener taken off
      { code: LIFECYCLE("process.removeListener('SIGTERM', procInterupt); process.removeAllListeners('SIGINT')"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // added for both events: the removal names one it was added for
      `export function watch(bus: { on(e: string, f: () => void): void; off(e: string, f: () => void): void }) {
  const onChange = () => undefined;
  bus.on('add', onChange);
  bus.on('change', onChange);
  bus.off('add', onChange);
}`,
      // another emitter's removal, or an event the code computes
      `export function watch(a: { on(e: string, f: () => void): void }, b: { off(e: string, f: () => void): void }, event: string) {
  const onChange = () => undefined;
  a.on('change', onChange);
  b.off('add', onChange);
  const c = a as unknown as { off(e: string, f: () => void): void };
  c.off(event, onChange);
}`,
    ],
    invalid: [
      {
        // npm-lifecycle 3.0.0
        code: LIFECYCLE("process.removeListener('SIGTERM', procInterupt)"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [
          {
            messageId: 'listenerRemovedFromOtherEvent',
            line: 3,
            column: 3,
            endLine: 3,
            endColumn: 39,
            data: { listener: 'procInterupt', target: 'process', event: 'SIGINT', removed: 'SIGTERM', line: '6' },
            suggestions: [{ messageId: 'removeFromEvent', data: { event: 'SIGINT', line: '6' }, output: LIFECYCLE("process.removeListener('SIGINT', procInterupt)") }],
          },
        ],
      },
      {
        // a method of the instance, taken off the wrong event of the same emitter in the teardown
        code: `export class Tail {
  constructor(private readonly stream: { on(e: string, f: () => void): void; off(e: string, f: () => void): void }) {
    this.stream.on('data', this.onData);
  }
  onData = () => undefined;
  close() { this.stream.off('end', this.onData); }
}`,
        errors: [
          {
            messageId: 'listenerRemovedFromOtherEvent',
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 40,
            data: { listener: 'this.onData', target: 'this.stream', event: 'data', removed: 'end', line: '6' },
            suggestions: [{ messageId: 'removeFromEvent', data: { event: 'data', line: '6' }, output: `export class Tail {
  constructor(private readonly stream: { on(e: string, f: () => void): void; off(e: string, f: () => void): void }) {
    this.stream.on('data', this.onData);
  }
  onData = () => undefined;
  close() { this.stream.off('data', this.onData); }
}` }],
          },
        ],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A promise another module's helper settles from a timer, raced against work and never cancelled (apify 0.9.15's
// CheerioCrawler, @launchdarkly/js-server-sdk-common 2.4.1's waitForInitialization).

runInBothModes("require-async-dispose (another module's timer promise raced and never cancelled)", rule, {
  both: {
    valid: [
      // a helper that takes a signal, or one held and cancelled
      `import { delay, createTimeout } from './utils';
export async function fetchWithin(work: Promise<string>, signal: AbortSignal) {
  const timeout = createTimeout(5000);
  try {
    return await Promise.race([work, delay(5000, { signal }), timeout.promise]);
  } finally {
    timeout.cancel();
  }
}`,
      // a name that says more than a timer (p-timeout wraps and clears), and a helper of this file (judged by its own setTimeout)
      `import pTimeout from 'p-timeout';
function timeout(ms: number) { return new Promise((resolve) => { const id = setTimeout(resolve, ms); id.unref(); }); }
export async function first(work: Promise<string>) {
  await Promise.race([work, pTimeout(work, 100), timeout(1000)]);
}`,
      // not raced: awaited by itself
      `import { sleep } from './utils';
export async function pause() { await sleep(1000); }`,
      // @smithy/fetch-http-handler 5.8.1: the helper hands back a cancel too, called when the race is over
      `import { requestTimeout } from './request-timeout';
export async function handle(request: Request, ms: number) {
  const timeout = requestTimeout(ms);
  const raceOfPromises = [fetch(request), timeout.promise];
  return Promise.race(raceOfPromises).finally(() => timeout.cancel());
}`,
      // the array goes somewhere else too: it may be cancelled there
      `import { requestTimeout } from './request-timeout';
declare function track(racers: Promise<unknown>[]): void;
export async function handle(request: Request, ms: number) {
  const racers = [fetch(request), requestTimeout(ms)];
  track(racers);
  return Promise.race(racers);
}`,
    ],
    invalid: [
      {
        // apify 0.9.15's compiled CheerioCrawler
        code: `var _utils2 = require('./utils');
class CheerioCrawler {
  async _handleRequestFunction({ request }) {
    const response = await Promise.race([this.requestFunction({ request }), (0, _utils2.createTimeoutPromise)(this.requestTimeoutMillis, 'timed out')]);
    return response;
  }
}
module.exports = CheerioCrawler;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'racedTimerPromiseNeverCleared', line: 4, column: 77, endLine: 4, endColumn: 150, data: { helper: 'createTimeoutPromise', line: '4' } }],
      },
      {
        // @launchdarkly/js-server-sdk-common 2.4.1: held, then raced through a chain
        code: `import { timedPromise } from '@launchdarkly/js-sdk-common';
export class Client {
  clientWithTimeout(basePromise: Promise<Client>, timeout: number) {
    const timeoutPromise = timedPromise(timeout, 'waitForInitialization');
    return Promise.race([basePromise, timeoutPromise.then(() => this)]);
  }
}`,
        errors: [{ messageId: 'racedTimerPromiseNeverCleared', line: 4, column: 28, endLine: 4, endColumn: 74, data: { helper: 'timedPromise', line: '5' } }],
      },
      {
        // @smithy/fetch-http-handler 5.8.0: imported under another name, raced through an array held in a const
        code: `import { requestTimeout as requestTimeoutFn } from './request-timeout';
export async function handle(request: Request, ms: number, signal?: AbortSignal) {
  const raceOfPromises: Promise<unknown>[] = [fetch(request).then((response) => ({ response })), requestTimeoutFn(ms)];
  if (signal) raceOfPromises.push(new Promise((resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })));
  return Promise.race(raceOfPromises);
}`,
        errors: [{ messageId: 'racedTimerPromiseNeverCleared', line: 3, column: 98, endLine: 3, endColumn: 118, data: { helper: 'requestTimeout', line: '5' } }],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A timer whose handle is thrown away by code that can be stopped (launchdarkly-node-server-sdk 6.3.1's polling
// processor, @splitsoftware/splitio 10.2.0's first push), and a factory's process listener (vite 2.1.2).

const POLLING = (stop: string) => `function PollingProcessor(config, requestor) {
  const processor = {};
  let stopped = false;
  function poll(cb) {
    if (stopped) return;
    requestor.requestAllData((err) => {
      setTimeout(() => {
        poll(cb);
      }, config.pollInterval * 1000);
    });
  }
  processor.start = (cb) => poll(cb);
  processor.stop = () => {
    ${stop}
  };
  return processor;
}
module.exports = PollingProcessor;`;

runInBothModes('require-async-dispose (a timer whose handle the stoppable code throws away)', rule, {
  both: {
    valid: [
      // kept and cleared
      { code: POLLING('stopped = true; clearTimeout(timer);').replace('      setTimeout(() => {', '      timer = setTimeout(() => {').replace('  let stopped = false;', '  let stopped = false;\n  let timer;'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a factory without a stop method, a deferral under a second, a sleep in a promise, a timer the stop arms
      `export function createQueue(flush: () => void) {
  return {
    push() { setTimeout(() => flush(), 5000); },
  };
}
export function createBatcher(send: () => void) {
  function run() { send(); }
  return {
    add() { setTimeout(run, 0); },
    wait(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); },
    close() { setTimeout(run, 5000); },
  };
}`,
      // a timeout that runs no work of the object, and options handed to a call are not the object
      `export function createClient(log: (m: string) => void, connect: (o: object) => void) {
  connect({ close() {} });
  setTimeout(() => log('slow'), 5000);
  return { send() { setTimeout(() => log('late'), 5000); }, close() {} };
}`,
      // a class: a timer that runs no method of the instance, or the stop method itself
      `export class Socket {
  open() { setTimeout(() => console.log('slow'), 5000); }
  close() { setTimeout(() => this.open(), 5000); }
}`,
      // a class's dropped timeout (on real code mostly a retry that runs harmlessly after a stop), and a helper local to one method
      `export class Connection {
  retryDelay = 30000;
  onClose() { setTimeout(() => this.connect(), this.retryDelay); }
  connect() {}
  close() {}
}
export function createPlayer(draw: () => void) {
  const player = { close() {} };
  function trail() {
    const redraw = () => draw();
    setTimeout(() => redraw(), 10000);
  }
  trail();
  return player;
}`,
    ],
    invalid: [
      {
        // launchdarkly-node-server-sdk 6.3.1
        code: POLLING('stopped = true;'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [
          {
            messageId: 'timerDroppedByStop',
            line: 7,
            column: 7,
            endLine: 7,
            endColumn: 17,
            data: { timer: 'timeout', stop: 'stop', until: 'until it fires', runs: 'runs `poll`', owner: '`PollingProcessor` object', clear: 'clearTimeout' },
          },
        ],
      },
      {
        // @splitsoftware/splitio 10.2.0: the first push waits for a window, and stop() cannot cancel that wait
        code: `export function EventsFactory(settings: { firstPushWindow: number }, repeat: (f: () => void) => () => void) {
  let stopPublisher: (() => void) | false = false;
  const startPublisher = () => { stopPublisher = repeat(() => undefined); };
  return {
    start() {
      if (settings.firstPushWindow > 0) setTimeout(startPublisher, settings.firstPushWindow);
      else startPublisher();
    },
    stop() { if (stopPublisher) stopPublisher(); },
  };
}`,
        errors: [
          {
            messageId: 'timerDroppedByStop',
            line: 6,
            column: 41,
            endLine: 6,
            endColumn: 93,
            data: { timer: 'timeout', stop: 'stop', until: 'until it fires', runs: 'runs `startPublisher`', owner: '`EventsFactory` object', clear: 'clearTimeout' },
          },
        ],
      },
      {
        // an interval of a stoppable factory: nothing can ever clear it
        code: `export function createReporter(send: () => void) {
  const reporter = { start() { setInterval(send, 10000); }, close() {} };
  return reporter;
}`,
        errors: [
          {
            messageId: 'timerDroppedByStop',
            line: 2,
            column: 32,
            endLine: 2,
            endColumn: 56,
            data: { timer: 'interval', stop: 'close', until: 'for good', runs: 'runs its callback', owner: '`createReporter` object', clear: 'clearInterval' },
          },
        ],
      },
    ],
  },
});

const DEV_SERVER = (close: string) => `export async function createServer(watcher: { close(): Promise<void> }) {
  const server = {
    async close() {
      ${close}
      await watcher.close();
    },
  };
  const exitProcess = async () => {
    try {
      await server.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGTERM', exitProcess);
  return server;
}`;

runInBothModes("require-async-dispose (a stoppable factory's process listener)", rule, {
  both: {
    valid: [
      // vite 2.1.3 takes it off in close()
      DEV_SERVER("process.off('SIGTERM', exitProcess);"),
      // a main function that builds its one stoppable object and keeps it: one per process
      `export async function main(start: () => Promise<void>) {
  const app = { async close() {} };
  process.on('SIGTERM', () => void app.close());
  await start();
}`,
      // a factory that cannot be stopped lives as long as the process; `once` for an event that comes while it runs
      `export function createCli(run: () => void) {
  process.once('SIGTERM', () => process.exit(0));
  process.once('message', run);
  return { run };
}`,
    ],
    invalid: [
      {
        // vite 2.1.2
        code: DEV_SERVER(''),
        errors: [processError(15, 3, 39, { verb: 'once', event: 'SIGTERM', method: 'createServer', stop: 'close' })],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A socket's or request's idle-timeout handler that gives it up without closing it (portscanner 0.1.2's port probe).

/** portscanner 0.1.2's port probe. */
const PORT_PROBE = `var Socket = require('net').Socket;
exports.checkPortStatus = function (port, host, callback) {
  var socket = new Socket(), status = null;
  socket.on('connect', function () {
    status = 'open';
    socket.end();
  });
  socket.setTimeout(400);
  socket.on('timeout', function () {
    status = 'closed';
  });
  socket.on('close', function () {
    callback(null, status);
  });
  socket.connect(port, host);
};`;

runInBothModes("require-async-dispose (an idle timeout's handler that leaves the connection open)", rule, {
  both: {
    valid: [
      // the handler destroys it, itself or through `this` in a function handler
      `import net from 'node:net';
export function probe(port: number, done: (open: boolean) => void) {
  const socket = net.connect(port);
  socket.setTimeout(400);
  socket.on('timeout', () => { socket.destroy(); done(false); });
  socket.on('connect', () => { socket.end(); done(true); });
}`,
      `const net = require('net');
function probe(port, done) {
  var socket = new net.Socket();
  socket.setTimeout(400, function () { this.destroy(); });
  socket.on('close', function () { done(); });
  socket.connect(port);
}
module.exports = probe;`,
      // through a function of the file that ends it
      `import http from 'node:http';
export function get(url: string) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, resolve);
    function fail(error: Error) { req.destroy(); reject(error); }
    req.on('timeout', () => fail(new Error('timeout')));
    req.on('error', reject);
  });
}`,
      // handed on: the caller may close it
      `import net from 'node:net';
export function open(port: number) {
  const socket = net.connect(port);
  socket.on('timeout', () => console.log('idle'));
  return socket;
}`,
      // not made here
      `export function watch(socket: import('node:net').Socket, onIdle: () => void) {
  socket.on('timeout', () => onIdle());
}`,
    ],
    invalid: [
      {
        // portscanner 0.1.2
        code: PORT_PROBE,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [
          {
            messageId: 'idleTimeoutLeavesOpen',
            line: 9,
            column: 3,
            endLine: 9,
            endColumn: 12,
            data: { name: 'socket', what: 'socket', handler: "'timeout' handler" },
            suggestions: [
              {
                messageId: 'destroyOnTimeout',
                data: { name: 'socket', what: 'socket', handler: "'timeout' handler" },
                output: PORT_PROBE.replace("  socket.on('timeout', function () {\n", "  socket.on('timeout', function () {\n    socket.destroy();\n"),
              },
            ],
          },
        ],
      },
      {
        // a request's timeout that rejects: the suggestion destroys it, its 'error' is listened for
        code: `import https from 'node:https';
export function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, (res) => { let body = ''; res.on('data', (d) => (body += d)); res.on('end', () => resolve(body)); });
    req.setTimeout(5000, () => reject(new Error('timed out')));
    req.on('error', reject);
  });
}`,
        errors: [
          {
            messageId: 'idleTimeoutLeavesOpen',
            line: 5,
            column: 5,
            endLine: 5,
            endColumn: 63,
            data: { name: 'req', what: 'request', handler: '`req.setTimeout` callback' },
            suggestions: [
              {
                messageId: 'destroyOnTimeout',
                data: { name: 'req', what: 'request', handler: '`req.setTimeout` callback' },
                output: `import https from 'node:https';
export function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, (res) => { let body = ''; res.on('data', (d) => (body += d)); res.on('end', () => resolve(body)); });
    req.setTimeout(5000, () => (req.destroy(), reject(new Error('timed out'))));
    req.on('error', reject);
  });
}`,
              },
            ],
          },
        ],
      },
      {
        // no 'error' listener: a destroyed request would emit an error nobody handles, so no suggestion
        code: `import http from 'node:http';
export function ping(url: string, done: (ok: boolean) => void) {
  const req = http.request(url, (res) => { res.resume(); done(true); });
  req.on('timeout', () => { done(false); });
  req.end();
}`,
        errors: [{ messageId: 'idleTimeoutLeavesOpen', line: 4, column: 3, endLine: 4, endColumn: 44, data: { name: 'req', what: 'request', handler: "'timeout' handler" }, suggestions: [] }],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A removal that names the function building the listener instead of the listener it built (@onflow/fcl 1.0.2).

runInBothModes('require-async-dispose (the listener factory taken off instead of its listener)', rule, {
  both: {
    valid: [
      // the built listener is kept and taken off
      `function buildHandler(opts: { close(): void }) { return (e: MessageEvent) => { if (e.data === 'close') opts.close(); }; }
export function frame() {
  const handler = buildHandler({ close });
  window.addEventListener('message', handler);
  function close() { window.removeEventListener('message', handler); }
  return { close };
}`,
      // the function itself is the listener
      `function onMessage(e: MessageEvent) { console.log(e.data); }
export function frame() {
  window.addEventListener('message', onMessage);
  return { close: () => window.removeEventListener('message', onMessage) };
}`,
      // a factory that may hand back something other than a new function
      `const cache = new Map<string, (e: Event) => void>();
function handlerFor(key: string) { const found = cache.get(key); if (found) return found; return (e: Event) => console.log(key, e); }
export function bind(el: HTMLElement) {
  el.addEventListener('click', handlerFor('a'));
  return () => el.removeEventListener('click', handlerFor);
}`,
    ],
    invalid: [
      {
        // @onflow/fcl 1.0.2's frame strategy
        code: `var buildMessageHandler = function buildMessageHandler(_ref) {
  var close = _ref.close, onResponse = _ref.onResponse;
  return function (e) {
    if (e.data.type === 'FCL:VIEW:RESPONSE') onResponse(e, { close: close });
  };
};
export function frame(service, opts) {
  var onResponse = opts.onResponse;
  window.addEventListener("message", buildMessageHandler({
    close: close,
    onResponse: onResponse
  }));
  return { close: close };
  function close() {
    window.removeEventListener("message", buildMessageHandler);
  }
}`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'listenerFactoryRemoved', line: 15, column: 5, endLine: 15, endColumn: 63, data: { factory: 'buildMessageHandler', event: 'message', line: '9' } }],
      },
    ],
  },
});

// ---------------------------------------------------------------------------------------------------------------
// A timer an ES5 class keeps in a field, which its stop method never clears (engine.io-client 0.3.8's ping timers).

const ES5_SOCKET = (onClose: string) => `function Socket(opts) {
  this.readyState = 'opening';
  this.pingInterval = opts.pingInterval;
}
Socket.prototype.onHeartbeat = function (timeout) {
  clearTimeout(this.pingTimeoutTimer);
  var self = this;
  self.pingTimeoutTimer = setTimeout(function () {
    self.onClose('ping timeout');
  }, timeout);
};
Socket.prototype.close = function () {
  this.onClose('forced close');
  return this;
};
Socket.prototype.onClose = function (reason) {
${onClose}
  this.readyState = 'closed';
};
module.exports = Socket;`;

runInBothModes('require-async-dispose (a timer kept past the stop method of an ES5 class)', rule, {
  both: {
    valid: [
      // the method the stop method runs clears it
      { code: ES5_SOCKET('  clearTimeout(this.pingTimeoutTimer);'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a callback that checks first: firing after the stop does nothing
      {
        code: `function Client() {}
Client.prototype.schedule = function () {
  clearTimeout(this.retryTimer);
  var self = this;
  self.retryTimer = setTimeout(function () {
    if (self.closed) return;
    self.connect();
  }, 1000);
};
Client.prototype.close = function () { this.closed = true; };
module.exports = Client;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
      // cleared by a method handed on as a listener (the stream's 'finish' comes with the stop)
      `import { Duplex } from 'node:stream';
export class Wire extends Duplex {
  private keepAlive: ReturnType<typeof setInterval> | undefined;
  constructor() { super(); this.on('finish', this.onFinish); }
  setKeepAlive() { clearInterval(this.keepAlive); this.keepAlive = setInterval(() => this.ping(), 55000); }
  ping() {}
  onFinish() { clearInterval(this.keepAlive); }
  destroy() { this.end(); return this; }
}`,
      // a timer in the constructor's callback, or in a plain function: not an instance method's
      {
        code: `function Poller() { var self = this; self.timer = null; }
Poller.prototype.close = function () { this.closed = true; };
function schedule(poller) { poller.timer = setTimeout(function () {}, 10); clearTimeout(poller.timer); }
module.exports = { Poller: Poller, schedule: schedule };`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
    ],
    invalid: [
      {
        code: ES5_SOCKET('  this.emit && this.emit("close", reason);'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [keptTimerError(8, 27, 37, { field: 'pingTimeoutTimer', stop: 'close', timer: 'a timeout', until: ' until it fires', clear: 'clearTimeout' })],
      },
    ],
  },
});

// bower 1.6.0 destroyed its archives' read streams, fs-jetpack 0.10.1 drained its copy's source on the write stream's error.
runInBothModes("require-async-dispose (a file piped into a destination whose failure leaves it open)", rule, {
  both: {
    valid: [
      // pipeline destroys both streams when one fails
      { code: `const fs = require('fs');\nconst { pipeline } = require('stream');\nfunction copy(from, to, done) {\n  pipeline(fs.createReadStream(from), fs.createWriteStream(to), done);\n}\nmodule.exports = copy;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // the source is drained in the destination's error listener
      { code: `const fs = require('fs');\nfunction copy(from, to, done) {\n  const input = fs.createReadStream(from);\n  const output = fs.createWriteStream(to);\n  output.on('error', (err) => { input.resume(); done(err); });\n  input.pipe(output);\n}\nmodule.exports = copy;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // nothing listens for the destination's failure (an 'error' event nobody handles ends the process)
      { code: `const fs = require('fs');\nfunction copy(from, to) {\n  fs.createReadStream(from).on('error', console.error).pipe(fs.createWriteStream(to));\n}\nmodule.exports = copy;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a stream that is not a file's
      { code: `function relay(source, to, done) {\n  source.pipe(to).on('error', done);\n}\nmodule.exports = relay;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // test code
      { code: `const fs = require('fs');\nit('copies', (done) => {\n  fs.createReadStream('a').pipe(fs.createWriteStream('b')).on('error', done).on('finish', done);\n});`, filename: path.join(FIXTURES_DIR, 'test', 'file.ts') },
    ],
    invalid: [
      {
        code: `const fs = require('fs');\nconst zlib = require('zlib');\nfunction extract(archive, dst, deferred) {\n  fs.createReadStream(archive)\n    .on('error', deferred.reject)\n    .pipe(zlib.createGunzip())\n    .on('error', deferred.reject)\n    .pipe(fs.createWriteStream(dst))\n    .on('error', deferred.reject)\n    .on('close', deferred.resolve);\n  return deferred.promise;\n}\nmodule.exports = extract;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'pipeSourceLeftOpen', data: { file: 'archive', line: '7' }, line: 4, column: 3, endLine: 4, endColumn: 31 }],
      },
      {
        code: `import * as fs from 'node:fs';\nexport function copy(from: string, to: string, done: (err?: Error) => void) {\n  const output = fs.createWriteStream(to);\n  output.on('error', done);\n  output.on('finish', () => done());\n  fs.createReadStream(from).pipe(output);\n}`,
        errors: [{ messageId: 'pipeSourceLeftOpen', data: { file: 'from', line: '4' }, line: 6, column: 3, endLine: 6, endColumn: 28 }],
      },
      {
        code: `const fs = require('graceful-fs');\nfunction copy(from, to, done) {\n  const input = fs.createReadStream(from);\n  input.on('error', done);\n  input.pipe(fs.createWriteStream(to)).on('error', done).on('finish', done);\n}\nmodule.exports = copy;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'pipeSourceLeftOpen', data: { file: 'from', line: '5' }, line: 3, column: 17, endLine: 3, endColumn: 42 }],
      },
    ],
  },
});

// @commercetools/ts-client 2.0.1 reset its token fetch's `requestState` on each error path.
runInBothModes('require-async-dispose (a busy flag some way out leaves set)', rule, {
  both: {
    valid: [
      // reset in a finally
      { code: `export class Uploader {\n  private busy = false;\n  async flush(send: () => Promise<void>) {\n    if (this.busy) return;\n    this.busy = true;\n    try {\n      await send();\n    } finally {\n      this.busy = false;\n    }\n  }\n}` },
      // every way out resets it first
      { code: `export class Uploader {\n  private busy = false;\n  async flush(send: () => Promise<boolean>) {\n    if (this.busy) return;\n    this.busy = true;\n    let ok: boolean;\n    try {\n      ok = await send();\n    } catch (error) {\n      this.busy = false;\n      return;\n    }\n    this.busy = false;\n    if (!ok) throw new Error('not sent');\n  }\n}` },
      // no check turns calls away: a state shown to the user, not a lock
      { code: `export class View {\n  loading = false;\n  async load(fetchRows: () => Promise<void>) {\n    this.loading = true;\n    await fetchRows();\n    this.loading = false;\n  }\n}` },
      // a local: each call has its own
      { code: `export async function poll(next: () => Promise<boolean>) {\n  let busy = false;\n  if (busy) return;\n  busy = true;\n  await next();\n  busy = false;\n}` },
      // a helper of the file resets it on its way out (\`if (this.abort()) return;\`): not followed
      { code: `export class Socket {\n  private reconnecting = false;\n  private abort(): boolean { this.reconnecting = false; return true; }\n  async reconnect(open: () => Promise<void>) {\n    if (this.reconnecting) return;\n    this.reconnecting = true;\n    if (this.abort()) return;\n    await open();\n    this.reconnecting = false;\n  }\n}` },
      // a check that throws: calling twice is an error, the flag is a state
      { code: `export class Runner {\n  private active = false;\n  async start(begin: () => Promise<void>) {\n    if (this.active) throw new Error('already started');\n    this.active = true;\n    await begin();\n    this.active = false;\n  }\n}` },
    ],
    invalid: [
      {
        code: `export class Uploader {\n  private busy = false;\n  async flush(send: () => Promise<void>) {\n    if (this.busy) return;\n    this.busy = true;\n    await send();\n    this.busy = false;\n  }\n}`,
        errors: [{ messageId: 'busyFlagLeftSet', data: { flag: 'this.busy', guard: '4', exit: 'a rejection of the `await` on line 6' }, line: 5, column: 5, endLine: 5, endColumn: 22 }],
      },
      {
        code: `export async function fetchToken(options: { state: { get(): boolean; set(value: boolean): void }; url?: string }, request: (url: string) => Promise<{ ok: boolean }>) {\n  const { state } = options;\n  if (state.get()) return;\n  state.set(true);\n  if (!options.url) throw new Error('Missing url');\n  try {\n    const response = await request(options.url);\n    if (response.ok) {\n      state.set(false);\n      return response;\n    }\n  } catch (error) {\n    return null;\n  }\n}`,
        errors: [{ messageId: 'busyFlagLeftSet', data: { flag: 'state', guard: '3', exit: 'the `throw` on line 5' }, line: 4, column: 3, endLine: 4, endColumn: 19 }],
      },
      {
        code: `let syncing = false;\nexport async function sync(pull: () => Promise<unknown[]>) {\n  if (syncing) return;\n  syncing = true;\n  const rows = await pull().catch(() => []);\n  if (rows.length === 0) return;\n  syncing = false;\n}`,
        errors: [{ messageId: 'busyFlagLeftSet', data: { flag: 'syncing', guard: '3', exit: 'the `return` on line 6' }, line: 4, column: 3, endLine: 4, endColumn: 18 }],
      },
    ],
  },
});

// @auth0/auth0-spa-js 1.6.0 released getTokenSilently()'s cross-tab lock in a `finally`.
runInBothModes('require-async-dispose (a lock given back only on the happy path)', rule, {
  both: {
    valid: [
      // released in a `finally`
      { code: `declare const lock: { acquireLock(key: string): Promise<void>; releaseLock(key: string): void };\nexport async function getToken(fetchToken: () => Promise<string>) {\n  await lock.acquireLock('token');\n  try {\n    return await fetchToken();\n  } finally {\n    lock.releaseLock('token');\n  }\n}` },
      // nothing between the two can leave the function
      { code: `export async function bump(mutex: { acquire(): Promise<void>; release(): void }, counter: { value: number }) {\n  await mutex.acquire();\n  counter.value += 1;\n  mutex.release();\n}` },
      // the failure is caught around the work
      { code: `export async function flush(mutex: { lock(): Promise<void>; unlock(): void }, send: () => Promise<void>) {\n  await mutex.lock();\n  try {\n    await send();\n  } catch (error) {\n    console.error(error);\n  }\n  mutex.unlock();\n}` },
      // released by a callback too: which ways out reach it is not followed
      { code: `export async function run(mutex: { acquire(): Promise<void>; release(): void }, work: () => Promise<void>) {\n  await mutex.acquire();\n  setTimeout(() => mutex.release(), 60_000);\n  await work();\n  mutex.release();\n}` },
      // another function of the file releases it too (a stop, a timeout)
      { code: `export class Worker {\n  private mutex = { acquire: async () => {}, release: () => {} };\n  async step(work: () => Promise<void>) {\n    await this.mutex.acquire();\n    await work();\n    this.mutex.release();\n  }\n  stop() {\n    this.mutex.release();\n  }\n}` },
      // a value used, not only called: a pooled resource, not a release function (the pooled check's own case)
      { code: `export async function query(pool: { acquire(): Promise<{ run(sql: string): Promise<void> }>; release(client: unknown): void }) {\n  const client = await pool.acquire();\n  try {\n    await client.run('select 1');\n  } finally {\n    pool.release(client);\n  }\n}` },
      // another key is released
      { code: `declare const lock: { acquireLock(key: string): Promise<void>; releaseLock(key: string): void };\nexport async function refresh(fetchToken: () => Promise<string>) {\n  await lock.acquireLock('refresh');\n  await fetchToken();\n  lock.releaseLock('token');\n}` },
    ],
    invalid: [
      {
        code: `declare const lock: { acquireLock(key: string, timeout: number): Promise<boolean>; releaseLock(key: string): Promise<void> };\nexport async function getToken(cache: Map<string, string>, fetchToken: () => Promise<string>) {\n  await lock.acquireLock('token', 5000);\n  const cached = cache.get('token');\n  if (cached) {\n    await lock.releaseLock('token');\n    return cached;\n  }\n  const token = await fetchToken();\n  cache.set('token', token);\n  await lock.releaseLock('token');\n  return token;\n}`,
        errors: [{ messageId: 'lockLeftHeld', data: { lock: 'lock', line: '6', exit: 'a rejection of the \`await\` on line 9' }, line: 3, column: 3, endLine: 3, endColumn: 41 }],
      },
      {
        code: `import { Mutex } from 'async-mutex';\nconst mutex = new Mutex();\nexport async function append(write: (line: string) => Promise<void>, line: string) {\n  const release = await mutex.acquire();\n  await write(line);\n  release();\n}`,
        errors: [{ messageId: 'lockLeftHeld', data: { lock: 'mutex', line: '6', exit: 'a rejection of the \`await\` on line 5' }, line: 4, column: 3, endLine: 4, endColumn: 41 }],
      },
      {
        code: `export class Queue {\n  private mutex = { lock: async () => {}, unlock: () => {} };\n  async push(save: (item: string) => Promise<void>, item: string) {\n    await this.mutex.lock();\n    if (!item) throw new Error('empty item');\n    await save(item);\n    this.mutex.unlock();\n  }\n}`,
        errors: [{ messageId: 'lockLeftHeld', data: { lock: 'this.mutex', line: '7', exit: 'the \`throw\` on line 5' }, line: 4, column: 5, endLine: 4, endColumn: 29 }],
      },
    ],
  },
});

// @auth0/auth0-spa-js 1.13.1 took runIframe's 'message' listener off in the cleanup its timeout calls.
runInBothModes('require-async-dispose (a listener taken off when the promise settles one way and not another)', rule, {
  both: {
    valid: [
      // one cleanup before each settle
      { code: `import type { EventEmitter } from 'node:events';\nexport function waitForReady(socket: EventEmitter, ms: number) {\n  return new Promise<void>((resolve, reject) => {\n    const cleanup = () => {\n      clearTimeout(timer);\n      socket.off('ready', onReady);\n    };\n    const onReady = () => {\n      cleanup();\n      resolve();\n    };\n    const timer = setTimeout(() => {\n      cleanup();\n      reject(new Error('not ready'));\n    }, ms);\n    socket.on('ready', onReady);\n  });\n}` },
      // a target the executor made goes with the promise
      { code: `export function load(url: string, ms: number) {\n  return new Promise<string>((resolve, reject) => {\n    const socket = new WebSocket(url);\n    const onMessage = (event: MessageEvent) => {\n      clearTimeout(timer);\n      socket.removeEventListener('message', onMessage);\n      resolve(String(event.data));\n    };\n    const timer = setTimeout(() => reject(new Error('timeout')), ms);\n    socket.addEventListener('message', onMessage);\n  });\n}` },
      // \`{ once: true }\` takes it off when it settles the promise, the timeout takes it off itself
      { code: `export function nextMessage(ms: number) {\n  return new Promise<unknown>((resolve, reject) => {\n    const onMessage = (event: MessageEvent) => {\n      clearTimeout(timer);\n      resolve(event.data);\n    };\n    const timer = setTimeout(() => {\n      window.removeEventListener('message', onMessage);\n      reject(new Error('timeout'));\n    }, ms);\n    window.addEventListener('message', onMessage, { once: true });\n  });\n}` },
      // a settle in the other branch of the \`if\` that adds it: nothing was added there
      { code: `import type { Socket } from 'node:net';\nexport function receive(socket: Socket | undefined, ms: number) {\n  return new Promise<Buffer>((resolve, reject) => {\n    const onData = (chunk: Buffer) => {\n      clearTimeout(timer);\n      socket?.off('data', onData);\n      resolve(chunk);\n    };\n    const timer = setTimeout(() => {\n      socket?.off('data', onData);\n      reject(new Error('timeout'));\n    }, ms);\n    if (socket) {\n      socket.on('data', onData);\n    } else {\n      clearTimeout(timer);\n      reject(new Error('no socket'));\n    }\n  });\n}` },
      // a removal in the promise's \`.finally(…)\` covers every settle; a settle in another listener of the same target (its \`exit\`) comes when the target is done
      { code: `import type { ChildProcess } from 'node:child_process';\nexport function withRetry<T>(run: () => Promise<T>, signal: AbortSignal) {\n  return new Promise<T>((resolve, reject) => {\n    const onAbort = () => reject(new Error('aborted'));\n    signal.addEventListener('abort', onAbort);\n    const attempt = async () => {\n      if (signal.aborted) {\n        reject(new Error('aborted'));\n        return;\n      }\n      resolve(await run());\n    };\n    void attempt()\n      .catch(reject)\n      .finally(() => signal.removeEventListener('abort', onAbort));\n  });\n}\nexport function waitForFinish(child: ChildProcess) {\n  return new Promise<number>((resolve) => {\n    function onMessage(message: { done?: boolean; status: number }) {\n      if (message.done) {\n        child.off('message', onMessage);\n        resolve(message.status);\n      }\n    }\n    function onExit(code: number | null) {\n      resolve(code ?? 1);\n    }\n    child.on('message', onMessage);\n    child.on('exit', onExit);\n  });\n}` },
      // taken off before the callback that settles runs; a failure handed on (\`.catch(reject)\`) is not counted; a cleanup handed to the caller; the listener's own settle (its event came)
      { code: `class Driver {\n  waitForWorker() {\n    return new Promise((resolve, reject) => {\n      const onUpdate = (data) => {\n        if (data.ready) {\n          this.off('updated', onUpdate);\n          this.send('disable').then(() => resolve(data), reject);\n        }\n      };\n      this.on('updated', onUpdate);\n      this.send('enable').catch(reject);\n    });\n  }\n  waitForPaint(maxWaitMs) {\n    let cancel = () => {};\n    const promise = new Promise((resolve, reject) => {\n      const timeout = setTimeout(() => reject(new Error('no paint')), maxWaitMs);\n      const onEvent = (event) => {\n        if (event.name === 'paint') {\n          resolve();\n          cancel();\n        }\n      };\n      this.on('lifecycle', onEvent);\n      cancel = () => {\n        this.off('lifecycle', onEvent);\n        clearTimeout(timeout);\n      };\n    });\n    return { promise, cancel: () => cancel() };\n  }\n}\nfunction delay(ms, signal) {\n  return new Promise((resolve, reject) => {\n    const onAbort = () => {\n      clearTimeout(timer);\n      reject(new Error('aborted'));\n    };\n    const timer = setTimeout(() => {\n      signal.removeEventListener('abort', onAbort);\n      resolve();\n    }, ms);\n    signal.addEventListener('abort', onAbort);\n  });\n}\nmodule.exports = { Driver, delay };`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: `export const runIframe = (url: string, origin: string, timeoutInSeconds = 60) =>\n  new Promise<string>((res, rej) => {\n    const iframe = window.document.createElement('iframe');\n    const removeIframe = () => {\n      if (window.document.body.contains(iframe)) window.document.body.removeChild(iframe);\n    };\n    const timeoutId = setTimeout(() => {\n      rej(new Error('timeout'));\n      removeIframe();\n    }, timeoutInSeconds * 1000);\n    const handler = function (e: MessageEvent) {\n      if (e.origin != origin) return;\n      if (!e.data || e.data.type !== 'authorization_response') return;\n      res(e.data.response);\n      clearTimeout(timeoutId);\n      window.removeEventListener('message', handler, false);\n      setTimeout(removeIframe, 2000);\n    };\n    window.addEventListener('message', handler, false);\n    window.document.body.appendChild(iframe);\n    iframe.setAttribute('src', url);\n  });`,
        errors: [{ messageId: 'listenerLeftOnSettle', data: { event: 'message', target: 'window', removed: '14', left: '8' }, line: 19, column: 5, endLine: 19, endColumn: 55 }],
      },
      {
        code: `import type { EventEmitter } from 'node:events';\nexport function waitForReady(socket: EventEmitter, ms: number) {\n  return new Promise<void>((resolve, reject) => {\n    const onReady = () => {\n      clearTimeout(timer);\n      socket.off('ready', onReady);\n      resolve();\n    };\n    const timer = setTimeout(() => reject(new Error('not ready')), ms);\n    socket.on('ready', onReady);\n  });\n}`,
        errors: [{ messageId: 'listenerLeftOnSettle', data: { event: 'ready', target: 'socket', removed: '7', left: '9' }, line: 10, column: 5, endLine: 10, endColumn: 32 }],
      },
    ],
  },
});

// icon-gen 1.1.3 ended the ICNS and ICO generators' write streams on every way out.
runInBothModes('require-async-dispose (a file write stream never ended)', rule, {
  both: {
    valid: [
      // ended when the writing is done
      { code: `import fs from 'node:fs';\nexport function writeLines(lines: string[], dest: string) {\n  const out = fs.createWriteStream(dest);\n  for (const line of lines) out.write(\`\${line}\\n\`);\n  out.end();\n}` },
      // piped into
      { code: `import fs from 'node:fs';\nimport type { Readable } from 'node:stream';\nexport function save(source: Readable, dest: string) {\n  const out = fs.createWriteStream(dest);\n  out.on('error', console.error);\n  source.pipe(out);\n}` },
      // handed on to the caller
      { code: `import fs from 'node:fs';\nexport function openLog(dest: string) {\n  const out = fs.createWriteStream(dest, { flags: 'a' });\n  out.write('started\\n');\n  return out;\n}` },
      // a log of the whole run, opened as the module loads
      { code: `import fs from 'node:fs';\nconst log = fs.createWriteStream('run.log');\nexport function note(line: string) {\n  log.write(\`\${line}\\n\`);\n}` },
      // written by an event's handler: kept for as long as the events come
      { code: `import fs from 'node:fs';\nimport type { EventEmitter } from 'node:events';\nexport function record(source: EventEmitter, dest: string) {\n  const out = fs.createWriteStream(dest);\n  source.on('data', (chunk: string) => out.write(chunk));\n}` },
      // given to a function of another module
      { code: `import fs from 'node:fs';\nimport { render } from './render';\nexport function build(dest: string) {\n  const out = fs.createWriteStream(dest);\n  out.write('<!doctype html>');\n  render(out);\n}` },
      // given to a function of the file that ends it
      { code: `import fs from 'node:fs';\nfunction finish(stream: fs.WriteStream, footer: string) {\n  stream.write(footer);\n  stream.end();\n}\nexport function build(dest: string) {\n  const out = fs.createWriteStream(dest);\n  out.write('header');\n  finish(out, 'footer');\n}` },
    ],
    invalid: [
      {
        code: `const fs = require('fs');\nfunction writeChunk(stream, chunk) {\n  stream.write(chunk);\n  return true;\n}\nfunction generate(chunks, dest) {\n  return new Promise((resolve, reject) => {\n    const stream = fs.createWriteStream(dest);\n    stream.write('header');\n    for (const chunk of chunks) {\n      if (!writeChunk(stream, chunk)) {\n        reject(new Error('cannot write'));\n        return;\n      }\n    }\n    resolve(dest);\n  });\n}\nmodule.exports = { generate };`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'writeStreamNeverEnded', data: { name: 'stream' }, line: 8, column: 20, endLine: 8, endColumn: 46 }],
      },
      {
        code: `import fs from 'node:fs';\nexport function writeLines(lines: string[], dest: string) {\n  const out = fs.createWriteStream(dest);\n  lines.forEach((line) => out.write(\`\${line}\\n\`));\n}`,
        errors: [{ messageId: 'writeStreamNeverEnded', data: { name: 'out' }, line: 3, column: 15, endLine: 3, endColumn: 41 }],
      },
    ],
  },
});

// @nestjs/throttler 2.0.1 took a fired timeout's handle out of `timeoutIds` in the timer's callback.
runInBothModes("require-async-dispose (timeouts' handles collected for the teardown, never taken out)", rule, {
  both: {
    valid: [
      // the callback takes its handle out
      { code: `export class Storage {\n  private timeoutIds: NodeJS.Timeout[] = [];\n  add(key: string, ttl: number) {\n    const id = setTimeout(() => {\n      this.timeoutIds = this.timeoutIds.filter((other) => other !== id);\n    }, ttl);\n    this.timeoutIds.push(id);\n  }\n  onApplicationShutdown() {\n    this.timeoutIds.forEach(clearTimeout);\n  }\n}` },
      { code: `export class Storage {\n  private timers = new Set<NodeJS.Timeout>();\n  add(ttl: number) {\n    const id = setTimeout(() => this.timers.delete(id), ttl);\n    this.timers.add(id);\n  }\n  close() {\n    for (const id of this.timers) clearTimeout(id);\n  }\n}` },
      // no teardown clears them: not kept for that
      { code: `export class Recorder {\n  private handles: NodeJS.Timeout[] = [];\n  add(ttl: number) {\n    this.handles.push(setTimeout(() => {}, ttl));\n  }\n}` },
    ],
    invalid: [
      {
        code: `export class Storage {\n  private storage: Record<string, number[]> = {};\n  private timeoutIds: NodeJS.Timeout[] = [];\n  async addRecord(key: string, ttl: number) {\n    (this.storage[key] ??= []).push(Date.now() + ttl);\n    const timeoutId = setTimeout(() => {\n      this.storage[key]?.shift();\n      clearTimeout(timeoutId);\n    }, ttl);\n    this.timeoutIds.push(timeoutId);\n  }\n  onApplicationShutdown() {\n    this.timeoutIds.forEach(clearTimeout);\n  }\n}`,
        errors: [{ messageId: 'timerHandlesKept', data: { collection: 'this.timeoutIds' }, line: 10, column: 5, endLine: 10, endColumn: 36 }],
      },
      {
        code: `function Cache() {\n  this.timers = [];\n}\nCache.prototype.set = function (key, value, ttl) {\n  var self = this;\n  this.timers.push(setTimeout(function () { self.expire(key); }, ttl));\n};\nCache.prototype.expire = function (key) {};\nCache.prototype.destroy = function () {\n  this.timers.forEach(clearTimeout);\n};\nmodule.exports = Cache;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'timerHandlesKept', data: { collection: 'this.timers' }, line: 6, column: 3, endLine: 6, endColumn: 71 }],
      },
    ],
  },
});

// expo-web-browser 9.3.0 took its AppState listener off when opening the browser failed too.
runInBothModes('require-async-dispose (a listener taken off only when the function gets past its awaits)', rule, {
  both: {
    valid: [
      // taken off in a finally
      { code: `import type { EventEmitter } from 'node:events';\nexport async function collect(driver: EventEmitter & { send(method: string): Promise<void> }) {\n  const sheets: unknown[] = [];\n  const onSheet = (sheet: unknown) => sheets.push(sheet);\n  driver.on('sheet', onSheet);\n  try {\n    await driver.send('CSS.enable');\n  } finally {\n    driver.off('sheet', onSheet);\n  }\n  return sheets;\n}` },
      // taken off on the failure too, in a catch
      { code: `import type { EventEmitter } from 'node:events';\nexport async function collect(driver: EventEmitter & { send(method: string): Promise<void> }) {\n  const onSheet = (sheet: unknown) => console.log(sheet);\n  driver.on('sheet', onSheet);\n  try {\n    await driver.send('CSS.enable');\n  } catch (error) {\n    driver.off('sheet', onSheet);\n    throw error;\n  }\n  driver.off('sheet', onSheet);\n}` },
      // the listener takes itself off: the file removes it elsewhere as well
      { code: `import type { EventEmitter } from 'node:events';\nexport async function watch(bus: EventEmitter, start: () => Promise<void>) {\n  function onDone() {\n    bus.off('done', onDone);\n  }\n  bus.on('done', onDone);\n  await start();\n  bus.off('done', onDone);\n}` },
      // nothing leaves between the add and the removal
      { code: `import type { EventEmitter } from 'node:events';\nexport async function measure(bus: EventEmitter, run: () => void) {\n  const onTick = () => {};\n  bus.on('tick', onTick);\n  run();\n  bus.off('tick', onTick);\n  await Promise.resolve();\n}` },
    ],
    invalid: [
      {
        // expo-web-browser 9.2.0's Android polyfill: added in the executor of a promise the function makes
        code: `import { AppState } from 'react-native';\ndeclare function openBrowserAsync(url: string): Promise<{ type: string }>;\nlet onClose: (() => void) | null = null;\nfunction onAppStateChange(state: string) {\n  if (state === 'active' && onClose) onClose();\n}\nexport async function openAndWait(url: string) {\n  const closed = new Promise<void>((resolve) => {\n    onClose = resolve;\n    AppState.addEventListener('change', onAppStateChange);\n  });\n  const { type } = await openBrowserAsync(url);\n  if (type === 'opened') await closed;\n  AppState.removeEventListener('change', onAppStateChange);\n  onClose = null;\n}`,
        errors: [{ messageId: 'listenerRemovalSkipped', data: { event: 'change', target: 'AppState', line: '14', exit: 'a rejection of the `await` on line 12' }, line: 10, column: 5, endLine: 10, endColumn: 58 }],
      },
      {
        // lighthouse's gatherers: a protocol listener around a few commands
        code: `import type { EventEmitter } from 'node:events';\nexport async function collect(driver: EventEmitter & { send(method: string): Promise<void> }, full: boolean) {\n  const sheets: unknown[] = [];\n  const onSheet = (sheet: unknown) => sheets.push(sheet);\n  driver.on('sheet', onSheet);\n  if (!full) return sheets;\n  await driver.send('CSS.enable');\n  driver.off('sheet', onSheet);\n  return sheets;\n}`,
        errors: [{ messageId: 'listenerRemovalSkipped', data: { event: 'sheet', target: 'driver', line: '8', exit: 'the `return` on line 6' }, line: 5, column: 3, endLine: 5, endColumn: 30 }],
      },
    ],
  },
});

// expo-camera 16.1 stops the tracks of the stream its web permission request opens.
runInBothModes('require-async-dispose (a media stream nothing stops)', rule, {
  both: {
    valid: [
      { code: `export async function requestCamera() {\n  const stream = await navigator.mediaDevices.getUserMedia({ video: true });\n  stream.getTracks().forEach((track) => track.stop());\n  return true;\n}` },
      // handed on: shown in a video element
      { code: `export async function preview(video: HTMLVideoElement) {\n  const stream = await navigator.mediaDevices.getUserMedia({ video: true });\n  video.srcObject = stream;\n}` },
      // returned to the caller
      { code: `export async function open() {\n  return await navigator.mediaDevices.getDisplayMedia({ video: true });\n}` },
      // the legacy form hands the stream to its callbacks
      { code: `declare function getUserMedia(constraints: MediaStreamConstraints, onSuccess: (stream: MediaStream) => void, onError: (error: Error) => void): void;\nexport function ask(onStream: (stream: MediaStream) => void) {\n  getUserMedia({ audio: true }, onStream, console.error);\n}` },
    ],
    invalid: [
      {
        // expo-camera 16.0's permission request on the web: opened to trigger the prompt, then dropped
        code: `declare function getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;\nexport async function requestPermissions() {\n  try {\n    await getUserMedia({\n      video: true,\n    });\n    return { granted: true };\n  } catch {\n    return { granted: false };\n  }\n}`,
        errors: [{ messageId: 'mediaStreamNotStopped', data: { method: 'getUserMedia' }, line: 4, column: 11, endLine: 4, endColumn: 23 }],
      },
      {
        code: `export async function hasMicrophone() {\n  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });\n  return stream.active;\n}`,
        errors: [{ messageId: 'mediaStreamNotStopped', data: { method: 'getUserMedia' }, line: 2, column: 24, endLine: 2, endColumn: 76 }],
      },
    ],
  },
});

// gatsby-telemetry 1.0.3 arms its flush loop only when a long-running command asks for it.
runInBothModes('require-async-dispose (a timer a library module arms as it is loaded)', rule, {
  both: {
    valid: [
      // armed when a caller asks
      { code: `const flush = require('./flush');\nconst interval = 10 * 60 * 1000;\nconst tick = () => { flush().then(() => setTimeout(tick, interval)); };\nmodule.exports = {\n  startBackgroundUpdate: () => { setTimeout(tick, interval); },\n};`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // unref()ed: it does not keep the process alive
      { code: `const flush = require('./flush');\nsetInterval(flush, 60000).unref();\nmodule.exports = { track: (event) => event };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // cleared by the module's own stop
      { code: `const flush = require('./flush');\nconst timer = setInterval(flush, 60000);\nmodule.exports = { stop: () => clearInterval(timer) };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a short deferral at load
      { code: `const warm = require('./warm');\nsetTimeout(warm, 500);\nmodule.exports = { track: (event) => event };`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a program's own file: it exports nothing
      { code: `const flush = require('./flush');\nsetInterval(flush, 60000);`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        // gatsby-telemetry 1.0.2's lib/index.js
        code: `const flush = require('./flush');\nconst interval = 10 * 60 * 1000;\nconst tick = () => { flush().catch(console.error).then(() => setTimeout(tick, interval)); };\nsetTimeout(tick, interval);\nmodule.exports = {\n  trackCli: (input) => input,\n};`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'timerArmedAtImport', data: { timer: 'timeout', until: 'until it fires, 10 min later' }, line: 4, column: 1, endLine: 4, endColumn: 27 }],
      },
      {
        code: `import { sendMetrics } from './metrics';\nexport const metrics = { count: 0 };\nexport function track() { metrics.count++; }\nsetInterval(() => sendMetrics(metrics), 30_000);`,
        errors: [{ messageId: 'timerArmedAtImport', data: { timer: 'interval', until: 'for good' }, line: 4, column: 1, endLine: 4, endColumn: 48 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (a cleanup an async function returns, dropped with its promise)', rule, {
  both: {
    valid: [
      // a synchronous function hands its cleanup to the effect
      `declare function useCallback<T>(fn: T, deps: unknown[]): T;\ndeclare function useEffect(effect: () => void | (() => void), deps: unknown[]): void;\ndeclare const query: { subscribe(next: (value: number) => void): { unsubscribe(): void } };\nexport function useLive() {\n  const run = useCallback(() => {\n    const subscription = query.subscribe(() => {});\n    return () => {\n      subscription.unsubscribe();\n    };\n  }, []);\n  useEffect(() => {\n    const cleanup = run();\n    return cleanup;\n  }, [run]);\n}`,
      // the caller awaits the cleanup and keeps it
      `declare const socket: { close(): void };\nasync function connect() {\n  await Promise.resolve();\n  return () => socket.close();\n}\nexport async function start() {\n  const stop = await connect();\n  return stop;\n}`,
      // the returned function releases nothing
      `async function load() {\n  await Promise.resolve();\n  return () => 42;\n}\nexport function run() {\n  load();\n}`,
    ],
    invalid: [
      {
        code: `declare function useCallback<T>(fn: T, deps: unknown[]): T;\ndeclare function useEffect(effect: () => void | (() => void), deps: unknown[]): void;\ndeclare const rxQuery: { $: { subscribe(observer: { next(value: number[]): void }): { unsubscribe(): void } }; exec(): Promise<number[]> };\nexport function useLiveQuery(live: boolean, emit: (results: number[]) => void) {\n  const runQuery = useCallback(async () => {\n    if (live) {\n      const subscription = rxQuery.$.subscribe({ next: (results) => emit(results) });\n      return () => {\n        subscription.unsubscribe();\n      };\n    }\n    try {\n      emit(await rxQuery.exec());\n    } catch {\n      emit([]);\n    }\n  }, [live]);\n  useEffect(() => {\n    runQuery();\n  }, [runQuery]);\n}`,
        errors: [{ messageId: 'cleanupInPromise', data: { callee: 'runQuery', release: 'subscription.unsubscribe' }, line: 19, column: 5, endLine: 19, endColumn: 15 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (a listener under an event name made for one call)', rule, {
  both: {
    valid: [
      // taken off under the same name when the call's work ends (postman-sandbox 4.2.1)
      `import { EventEmitter } from 'node:events';\nimport { randomUUID } from 'node:crypto';\nexport class Sandbox extends EventEmitter {\n  execute(code: string, done: (error: Error | null) => void) {\n    const id = randomUUID();\n    const consoleEventName = 'execution.console.' + id;\n    this.once('execution.result.' + id, (error: Error | null) => {\n      this.removeAllListeners(consoleEventName);\n      done(error);\n    });\n    this.on(consoleEventName, (...args: unknown[]) => this.emit('console', ...args));\n    this.emit('run', id, code);\n  }\n}`,
      // a one-shot listener takes itself off
      `import { EventEmitter } from 'node:events';\nexport class Host extends EventEmitter {\n  run(requestId: string, done: () => void) {\n    this.once(\`result.\${requestId}\`, done);\n  }\n}`,
      // the name is the instance's, not the call's
      `import { EventEmitter } from 'node:events';\nconst store = new EventEmitter();\nexport class Measured {\n  private readonly instanceId = Math.random();\n  mount(onResize: () => void) {\n    store.on(\`Measured\${this.instanceId}\`, onResize);\n  }\n}`,
      // a name that is not an id: a registration, once per channel
      `import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nexport function register(channel: string, handler: (payload: unknown) => void) {\n  bus.on('invoke:' + channel, handler);\n}`,
      // a helper takes off names it cannot be told apart from
      `import { EventEmitter } from 'node:events';\nexport class Host extends EventEmitter {\n  run(executionId: string) {\n    this.on('execution.error.' + executionId, () => {});\n  }\n  clear(name: string) {\n    this.removeAllListeners(name);\n  }\n}`,
      // an emitter made by the call goes with it
      `import { EventEmitter } from 'node:events';\nexport function run(id: string) {\n  const local = new EventEmitter();\n  local.on('done.' + id, () => {});\n  return local;\n}`,
    ],
    invalid: [
      {
        name: "a console listener per execution, never taken off (postman-sandbox 4.2.0)",
        code: `import { EventEmitter } from 'node:events';\nimport { randomUUID } from 'node:crypto';\nexport class Sandbox extends EventEmitter {\n  execute(code: string, done: (error: Error | null) => void) {\n    const id = randomUUID();\n    const executionEventName = 'execution.result.' + id;\n    const consoleEventName = 'execution.console.' + id;\n    this.once(executionEventName, (error: Error | null) => {\n      done(error);\n    });\n    this.on(consoleEventName, (...args: unknown[]) => this.emit('console', ...args));\n    this.emit('run', id, code);\n  }\n}`,
        errors: [{ messageId: 'listenerPerCallEvent', data: { event: 'consoleEventName', emitter: 'this', unique: 'id' }, line: 11, column: 5, endLine: 11, endColumn: 85 }],
      },
      {
        name: "the one per-execution listener of six that is not taken off (postman-runtime 7.36.1)",
        code: `const EXECUTION_ERROR_EVENT_BASE = 'execution.error.';\nconst EXECUTION_SKIP_REQUEST_EVENT_BASE = 'execution.skipRequest.';\ndeclare function uuid(): string;\nexport const command = {\n  host: null as unknown as { on(name: string, fn: () => void): void; removeAllListeners(name: string): void; execute(id: string, done: () => void): void },\n  run() {\n    const executionId = uuid();\n    let skipped = false;\n    this.host.on(EXECUTION_ERROR_EVENT_BASE + executionId, () => {});\n    this.host.on(EXECUTION_SKIP_REQUEST_EVENT_BASE + executionId, () => {\n      skipped = true;\n    });\n    this.host.execute(executionId, () => {\n      this.host.removeAllListeners(EXECUTION_ERROR_EVENT_BASE + executionId);\n      return skipped;\n    });\n  },\n};`,
        errors: [{ messageId: 'listenerPerCallEvent', data: { event: 'EXECUTION_SKIP_REQUEST_EVENT_BASE + exe…', emitter: 'this.host', unique: 'executionId' }, line: 10, column: 5, endLine: 10, endColumn: 17 }],
      },
      {
        name: 'a template name with a fresh id on a module emitter',
        code: `import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nlet counter = 0;\nexport function request(send: (id: number) => void) {\n  const seq = ++counter;\n  bus.on(\`reply:\${seq}\`, (value: unknown) => console.log(value));\n  send(seq);\n}`,
        errors: [{ messageId: 'listenerPerCallEvent', data: { event: '`reply:${seq}`', emitter: 'bus', unique: 'seq' }, line: 6, column: 3, endLine: 6, endColumn: 65 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (an inline listener on window or document kept past the teardown)', rule, {
  both: {
    valid: [
      // the listener is kept in a field and removed in the teardown (@knocklabs/client 0.10.4)
      `export class Feed {\n  private channel: { off(event: string): void } | null = null;\n  private readonly onVisibility = () => this.check();\n  setupAutoSocketManager() {\n    document.addEventListener('visibilitychange', this.onVisibility);\n  }\n  check() {}\n  teardown() {\n    this.channel?.off('new-message');\n    document.removeEventListener('visibilitychange', this.onVisibility);\n  }\n}`,
      // a teardown that takes no listener off says nothing about listeners
      `export class Feed {\n  private timer: ReturnType<typeof setTimeout> | null = null;\n  setup() {\n    document.addEventListener('visibilitychange', () => {\n      this.timer = setTimeout(() => {}, 10);\n    });\n  }\n  teardown() {\n    if (this.timer) clearTimeout(this.timer);\n  }\n}`,
      // the signal takes it off
      `export class Feed {\n  private readonly controller = new AbortController();\n  private channel: { off(event: string): void } | null = null;\n  setup() {\n    document.addEventListener('visibilitychange', () => {}, { signal: this.controller.signal });\n  }\n  teardown() {\n    this.channel?.off('new-message');\n    this.controller.abort();\n  }\n}`,
      // an element may be the instance's own
      `export class Widget {\n  private channel: { off(event: string): void } | null = null;\n  constructor(private readonly root: HTMLElement) {}\n  setup() {\n    this.root.addEventListener('click', () => {});\n  }\n  destroy() {\n    this.channel?.off('message');\n  }\n}`,
    ],
    invalid: [
      {
        name: "the feed's visibility listener, left on document by teardown() (@knocklabs/client 0.10.0)",
        code: `export class Feed {\n  private channel: { leave(): void; off(event: string): void } | null = null;\n  private disconnectTimer: ReturnType<typeof setTimeout> | null = null;\n  teardown() {\n    if (this.channel) {\n      this.channel.leave();\n      this.channel.off('new-message');\n    }\n    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);\n  }\n  private setupAutoSocketManager(delay: number) {\n    document.addEventListener('visibilitychange', () => {\n      if (document.visibilityState === 'hidden') this.disconnectTimer = setTimeout(() => {}, delay);\n    });\n  }\n}`,
        errors: [{ messageId: 'inlineListenerKeptPastTeardown', data: { event: 'visibilitychange', emitter: 'document', teardown: 'teardown' }, line: 12, column: 5, endLine: 12, endColumn: 30 }],
      },
    ],
  },
});

runInBothModes("require-async-dispose (a package's timer cleared with the global clearTimeout)", rule, {
  both: {
    valid: [
      // cleared with the package's own function (feathers-authentication 1.2.6)
      `import lt from 'long-timeout';\nlet logoutTimer: ReturnType<typeof lt.setTimeout> | null = null;\nexport function login(logout: () => void, ms: number) {\n  if (logoutTimer) lt.clearTimeout(logoutTimer);\n  logoutTimer = lt.setTimeout(logout, ms);\n}`,
      // Node's timers module hands out the runtime's timers
      `import timers from 'node:timers';\nlet timer: NodeJS.Timeout | null = null;\nexport function arm(run: () => void) {\n  if (timer) clearTimeout(timer);\n  timer = timers.setTimeout(run, 10);\n}`,
      // a module of the project may hand on the runtime's timers
      `import time from './time';\nlet timer: unknown = null;\nexport function arm(run: () => void) {\n  if (timer) clearTimeout(timer as never);\n  timer = time.setTimeout(run, 10);\n}`,
      // the holder also takes the runtime's timers
      `import lt from 'long-timeout';\nlet timer: any = null;\nexport function arm(run: () => void, long: boolean) {\n  if (timer) clearTimeout(timer);\n  timer = long ? null : setTimeout(run, 10);\n  if (long) timer = lt.setTimeout(run, 10);\n  else timer = setTimeout(run, 10);\n}`,
    ],
    invalid: [
      {
        name: "long-timeout's timer cleared with the global clearTimeout (feathers-authentication 1.2.5, compiled)",
        code: `'use strict';\nvar _longTimeout = require('long-timeout');\nvar _longTimeout2 = _interopRequireDefault(_longTimeout);\nfunction _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }\nmodule.exports = function setup(logout, ms) {\n  var logoutTimer;\n  return function login() {\n    if (logoutTimer) {\n      clearTimeout(logoutTimer);\n    }\n    logoutTimer = _longTimeout2.default.setTimeout(function () {\n      logout();\n    }, ms);\n  };\n};`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'foreignTimerCleared', data: { holder: 'logoutTimer', module: 'long-timeout', line: '11', clear: 'clearTimeout', packageClear: '_longTimeout2.default.clearTimeout' }, line: 9, column: 7, endLine: 9, endColumn: 32 }],
      },
      {
        name: 'a field holding the package timer through a const',
        code: `import lt from 'long-timeout';\nexport class Session {\n  private expiry: ReturnType<typeof lt.setInterval> | null = null;\n  start(refresh: () => void) {\n    const id = lt.setInterval(refresh, 1000);\n    this.expiry = id;\n  }\n  stop() {\n    if (this.expiry) clearInterval(this.expiry);\n    this.expiry = null;\n  }\n}`,
        errors: [{ messageId: 'foreignTimerCleared', data: { holder: 'this.expiry', module: 'long-timeout', line: '5', clear: 'clearInterval', packageClear: 'lt.clearInterval' }, line: 9, column: 22, endLine: 9, endColumn: 48 }],
      },
    ],
  },
});

/** ldapjs's pool health check, with the emitter each listener takes its sibling's event off. */
const POOL_CHECK = (endTakenOff: string, errorTakenOff: string): string =>
  `export function check(client: any, callback: (error?: Error) => void) {\n  client.search('', (err: Error | null, res: any) => {\n    if (err) return callback(err);\n    res.on('error', (e: Error) => {\n      ${endTakenOff}.removeAllListeners('end');\n      callback(e);\n    });\n    res.on('end', () => {\n      ${errorTakenOff}.removeAllListeners('error');\n      callback();\n    });\n  });\n}`;

function otherEmitterError(event: string, siblingLine: number, line: number, endColumn: number, output: string): InvalidTestCase<MessageIds, Options>['errors'][number] {
  const data = { event, named: 'client', meant: 'res', line: String(siblingLine) };
  return { messageId: 'removalFromOtherEmitter', data, line, column: 7, endLine: line, endColumn, suggestions: [{ messageId: 'removeFromMeantEmitter', data, output }] };
}

runInBothModes("require-async-dispose (a sibling's listeners taken off another emitter)", rule, {
  both: {
    valid: [
      // taken off the emitter they were added to (ldapjs 0.6.3)
      POOL_CHECK('res', 'res'),
      // the file adds an 'end' listener to the other emitter too: it may mean that one
      `export function pipe(source: any, target: any) {\n  target.on('end', () => {});\n  source.on('error', () => {\n    target.removeAllListeners('end');\n  });\n  source.on('end', () => {});\n}`,
      // no sibling of that event on the emitter
      `export function watch(source: any, other: any) {\n  source.on('error', () => {\n    other.removeAllListeners('end');\n  });\n}`,
    ],
    invalid: [
      {
        name: "the pool's health check takes the response's listeners off the client (ldapjs 0.6.2)",
        code: POOL_CHECK('client', 'client'),
        errors: [otherEmitterError('end', 8, 5, 39, POOL_CHECK('res', 'client')), otherEmitterError('error', 4, 9, 41, POOL_CHECK('client', 'res'))],
      },
    ],
  },
});

runInBothModes('require-async-dispose (an unpipe of a destination the source is never piped into)', rule, {
  both: {
    valid: [
      // the destination it was piped into (pg-copy-streams 2.2.2)
      `import { Transform } from 'node:stream';\nexport class CopyFrom extends Transform {\n  private connection: { stream: NodeJS.WritableStream } | null = null;\n  handleCopyInResponse(connection: { stream: NodeJS.WritableStream }) {\n    this.connection = connection;\n    this.pipe(connection.stream, { end: false });\n  }\n  handleCommandComplete() {\n    if (this.connection) this.unpipe(this.connection.stream);\n    this.connection = null;\n  }\n}`,
      // a field and a parameter of the same name are taken for the same destination
      `import { PassThrough } from 'node:stream';\nexport class Tee extends PassThrough {\n  private dest: NodeJS.WritableStream | null = null;\n  attach(dest: NodeJS.WritableStream) {\n    this.dest = dest;\n    this.pipe(dest);\n  }\n  detach() {\n    if (this.dest) this.unpipe(this.dest);\n  }\n}`,
      // a stale unpipe beside the one that detaches the real destination (appium-ios-remotexpc 5.11.0's usbmux)
      `import { PassThrough } from 'node:stream';\nexport class Mux {\n  private readonly socket = new PassThrough();\n  private readonly decoder = new PassThrough();\n  private readonly splitter = new PassThrough();\n  constructor() {\n    this.socket.pipe(this.decoder);\n  }\n  release() {\n    this.socket.unpipe(this.splitter);\n    this.socket.unpipe(this.decoder);\n    return this.socket;\n  }\n}`,
      // the source is piped elsewhere, where the file cannot read the destination
      `import { PassThrough } from 'node:stream';\nexport class Tee extends PassThrough {\n  private out: NodeJS.WritableStream | null = null;\n  attach(targets: NodeJS.WritableStream[]) {\n    this.pipe(targets[0]!);\n  }\n  detach() {\n    if (this.out) this.unpipe(this.out);\n  }\n}`,
    ],
    invalid: [
      {
        name: 'the connection unpiped instead of its stream (pg-copy-streams 2.2.0)',
        code: `import { Transform } from 'node:stream';\nexport class CopyFrom extends Transform {\n  private connection: { stream: NodeJS.WritableStream } | null = null;\n  handleCopyInResponse(connection: { stream: NodeJS.WritableStream }) {\n    this.connection = connection;\n    this.pipe(connection.stream, { end: false });\n  }\n  handleCommandComplete() {\n    this.unpipe(this.connection as never);\n    this.connection = null;\n  }\n}`,
        errors: [{ messageId: 'unpipeOfOtherDestination', data: { named: 'this.connection as never', destination: 'connection.stream', line: '6' }, line: 9, column: 5, endLine: 9, endColumn: 42 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (waiters settled all at once but left in their queue)', rule, {
  both: {
    valid: [
      // emptied after rejecting its waiters (apn 2.1.0)
      `import { EventEmitter } from 'node:events';\nexport class Client {\n  private queue: ((stream: unknown) => void)[] = [];\n  constructor(private readonly manager: EventEmitter & { getStream(): unknown }) {\n    manager.on('wakeup', () => {\n      while (this.queue.length > 0) this.queue.shift()!(manager.getStream());\n    });\n    manager.on('error', (err: Error) => {\n      this.queue.forEach((resolve) => resolve(Promise.reject(err)));\n      this.queue = [];\n    });\n  }\n}`,
      // subscribers, not waiters: nothing serves the list one at a time
      `import { EventEmitter } from 'node:events';\nexport class Hub {\n  private subscribers: ((error: Error) => void)[] = [];\n  constructor(source: EventEmitter) {\n    source.on('error', (err: Error) => {\n      this.subscribers.forEach((notify) => notify(err));\n    });\n  }\n}`,
      // a one-shot listener settles them once
      `import { EventEmitter } from 'node:events';\nexport class Client {\n  private queue: ((value: unknown) => void)[] = [];\n  constructor(manager: EventEmitter) {\n    manager.once('error', (err: Error) => {\n      for (const reject of this.queue) reject(err);\n    });\n  }\n  next() {\n    return this.queue.shift();\n  }\n}`,
    ],
    invalid: [
      {
        name: "the endpoint manager's 'error' rejects every queued waiter but keeps them queued (apn 2.0.0)",
        code: `import { EventEmitter } from 'node:events';\nexport class Client {\n  private queue: ((stream: unknown) => void)[] = [];\n  constructor(private readonly manager: EventEmitter & { getStream(): unknown }) {\n    manager.on('wakeup', () => {\n      while (this.queue.length > 0) this.queue.shift()!(manager.getStream());\n    });\n    manager.on('error', (err: Error) => {\n      this.queue.forEach((resolve) => resolve(Promise.reject(err)));\n    });\n  }\n}`,
        errors: [{ messageId: 'waitersSettledNotRemoved', data: { queue: 'this.queue', event: 'error', line: '6' }, line: 9, column: 7, endLine: 9, endColumn: 68 }],
      },
      {
        name: 'a for…of over the waiters',
        code: `import { EventEmitter } from 'node:events';\nexport class Pool {\n  private waiting: ((error: Error | null) => void)[] = [];\n  constructor(socket: EventEmitter) {\n    socket.on('close', () => {\n      for (const done of this.waiting) done(new Error('closed'));\n    });\n  }\n  release() {\n    this.waiting.shift()?.(null);\n  }\n}`,
        errors: [{ messageId: 'waitersSettledNotRemoved', data: { queue: 'this.waiting', event: 'close', line: '10' }, line: 6, column: 26, endLine: 6, endColumn: 38 }],
      },
    ],
  },
});

/** smtp-connection's STARTTLS upgrade: the plain socket's listeners, and what the upgrade does with them. */
const STARTTLS = (upgrade: string): string =>
  `import net from 'node:net';\nimport tls from 'node:tls';\nexport class Connection {\n  private socket!: net.Socket;\n  connect(port: number) {\n    this.socket = net.connect(port);\n    this.socket.on('data', this.onData);\n    this.socket.once('close', this.onClose);\n    this.socket.once('end', this.onEnd);\n    this.socket.on('error', this.onError);\n  }\n  upgrade(done: () => void) {\n${upgrade}\n  }\n  onData = () => {};\n  onClose = () => {};\n  onEnd = () => {};\n  onError = () => {};\n}`;

runInBothModes('require-async-dispose (an emitter replaced with only some of its listeners moved across)', rule, {
  both: {
    valid: [
      // every listener off the old socket, and the new one gets them all (smtp-connection 1.3.3)
      STARTTLS(`    this.socket.removeAllListeners();\n    this.socket = tls.connect({ socket: this.socket }, done);\n    this.socket.on('data', this.onData);\n    this.socket.on('error', this.onError);\n    this.socket.once('close', this.onClose);\n    this.socket.once('end', this.onEnd);`),
      // a set-up method may add the rest
      STARTTLS(`    this.socket.removeAllListeners('data');\n    this.socket = tls.connect({ socket: this.socket }, done);\n    this.socket.on('data', this.onData);\n    this.listen();`),
      // nothing is taken off: not a move of listeners
      STARTTLS(`    this.socket = tls.connect({ socket: this.socket }, done);\n    this.socket.on('data', this.onData);`),
    ],
    invalid: [
      {
        name: "the STARTTLS socket gets 'data' and 'error' listeners only (smtp-connection 1.3.1)",
        code: STARTTLS(`    this.socket.removeAllListeners('data');\n    this.socket.removeAllListeners('error');\n    this.socket = tls.connect({ socket: this.socket }, () => {\n      this.socket.on('data', this.onData);\n      done();\n    });\n    this.socket.on('error', this.onError);`),
        errors: [{ messageId: 'listenersLeftOnReplacedEmitter', data: { field: 'this.socket', events: "'close', 'end'", line: '8' }, line: 15, column: 5, endLine: 15, endColumn: 16 }],
      },
    ],
  },
});

/** bpmn-engine's `waitFor`: two one-shot listeners, each meant to take the other off. */
const WAIT_FOR = (onError: string): string =>
  `import { EventEmitter } from 'node:events';\nexport function waitFor(engine: EventEmitter, eventName: string): Promise<unknown> {\n  return new Promise((resolve, reject) => {\n    engine.once(eventName, onEvent);\n    engine.once('error', onError);\n    function onEvent(api: unknown) {\n      engine.removeListener('error', onError);\n      resolve(api);\n    }\n    function onError(err: Error) {\n${onError}\n      reject(err);\n    }\n  });\n}`;

runInBothModes('require-async-dispose (a one-shot listener that takes itself off instead of its sibling)', rule, {
  both: {
    valid: [
      // the sibling is taken off (bpmn-engine 13.0.2)
      WAIT_FOR(`      engine.removeListener(eventName, onEvent);`),
      // a listener added with `on` that takes itself off is a hand-made `once`
      `import { EventEmitter } from 'node:events';\nexport function next(emitter: EventEmitter): Promise<unknown> {\n  return new Promise((resolve) => {\n    emitter.on('data', onData);\n    emitter.once('end', onEnd);\n    function onData(value: unknown) {\n      emitter.removeListener('data', onData);\n      emitter.removeListener('end', onEnd);\n      resolve(value);\n    }\n    function onEnd() {\n      emitter.removeListener('data', onData);\n      resolve(undefined);\n    }\n  });\n}`,
      // a timer runs the cleanup too: its one-shot listener is still on then, and taking it off is right (webtorrent 0.108.6)
      `import { EventEmitter } from 'node:events';\nexport function closeLater(socket: EventEmitter & { destroy(): void }, done: () => void): void {\n  const timeout = setTimeout(destroyCleanup, 1000);\n  socket.once('data', destroyCleanup);\n  socket.once('close', done);\n  function destroyCleanup() {\n    clearTimeout(timeout);\n    socket.removeListener('data', destroyCleanup);\n    socket.destroy();\n  }\n}`,
      // a third one-shot listener: which one is meant is not clear
      `import { EventEmitter } from 'node:events';\nexport function waitFor(engine: EventEmitter, eventName: string): Promise<unknown> {\n  return new Promise((resolve, reject) => {\n    engine.once(eventName, onEvent);\n    engine.once('error', onError);\n    engine.once('stop', onStop);\n    function onEvent(api: unknown) { resolve(api); }\n    function onStop() { resolve(undefined); }\n    function onError(err: Error) {\n      engine.removeListener(eventName, onError);\n      reject(err);\n    }\n  });\n}`,
    ],
    invalid: [
      {
        name: "the error listener takes itself off where it means the event's (bpmn-engine 13.0.0)",
        code: WAIT_FOR(`      engine.removeListener(eventName, onError);`),
        errors: [{ messageId: 'selfRemovedInsteadOfSibling', data: { listener: 'onError', sibling: 'onEvent', line: '4', target: 'engine' }, line: 11, column: 7, endLine: 11, endColumn: 48 }],
      },
      {
        name: "the error handler takes itself off 'ready' where the ready handler was meant (bull 3.4.4's isRedisReady)",
        code: `import { EventEmitter } from 'node:events';\nexport function isRedisReady(client: EventEmitter): Promise<void> {\n  return new Promise((resolve, reject) => {\n    function handleReady() {\n      client.removeListener('error', handleError);\n      resolve();\n    }\n    function handleError(err: Error) {\n      client.removeListener('ready', handleError);\n      reject(err);\n    }\n    client.once('ready', handleReady);\n    client.once('error', handleError);\n  });\n}`,
        errors: [{ messageId: 'selfRemovedInsteadOfSibling', data: { listener: 'handleError', sibling: 'handleReady', line: '12', target: 'client' }, line: 9, column: 7, endLine: 9, endColumn: 50 }],
      },
      {
        name: 'with off()',
        code: WAIT_FOR(`      engine.off(eventName, onError);`),
        errors: [{ messageId: 'selfRemovedInsteadOfSibling', data: { listener: 'onError', sibling: 'onEvent', line: '4', target: 'engine' }, line: 11, column: 7, endLine: 11, endColumn: 37 }],
      },
    ],
  },
});

/** @azure/event-hubs' disconnect handler: a marker of the refresh in flight, set to a new promise. */
const ON_DISCONNECTED = (body: string): string =>
  `let refreshing: Promise<void> | undefined;\nlet done: () => void = () => {};\ndeclare function closeLinks(): Promise<void>;\ndeclare function refreshConnection(): Promise<void>;\nexport const onDisconnected = async (): Promise<void> => {\n  if (refreshing) {\n    return;\n  }\n  refreshing = new Promise<void>((resolve) => {\n    done = resolve;\n  });\n${body}\n};`;

runInBothModes('require-async-dispose (a marker of work in flight left set)', rule, {
  both: {
    valid: [
      // cleared in a finally (@azure/event-hubs 5.0.1)
      ON_DISCONNECTED(`  try {\n    await closeLinks();\n    await refreshConnection();\n  } finally {\n    done();\n    refreshing = undefined;\n  }`),
      // a lazily made client, emptied elsewhere: not a marker of this call's work
      `class Pool {\n  private client: { connect(): Promise<void> } | null = null;\n  async open(make: () => { connect(): Promise<void> }): Promise<void> {\n    if (this.client) return;\n    this.client = make();\n    await this.client.connect();\n  }\n  close(): void {\n    this.client = null;\n  }\n}`,
    ],
    invalid: [
      {
        name: 'a failed refresh leaves the marker set, and every later disconnect returns at the check (@azure/event-hubs 5.0.0)',
        code: ON_DISCONNECTED(`  await closeLinks();\n  await refreshConnection();\n  done();\n  refreshing = undefined;`),
        errors: [{ messageId: 'busyFlagLeftSet', data: { flag: 'refreshing', guard: '6', exit: 'a rejection of the `await` on line 12' }, line: 9, column: 3, endLine: 11, endColumn: 5 }],
      },
    ],
  },
});

/** braintree's CoffeeScript-compiled `Http.request`: the module, the client and the request each assigned once. */
const BRAINTREE_REQUEST = (onTimeout: string): string =>
  `var http, https;\nhttp = require('http');\nhttps = require('https');\nexports.request = function (ssl, options, callback) {\n  var client, theRequest;\n  client = ssl ? https : http;\n  theRequest = client.request(options, function (response) {\n    response.on('end', function () { return callback(null, response.statusCode); });\n  });\n  theRequest.setTimeout(60000, function () {\n${onTimeout}    return callback(new Error('Request timed out'), null);\n  });\n  theRequest.on('error', function (err) {\n    return callback(err, null);\n  });\n  return theRequest.end();\n};`;

runInBothModes('require-async-dispose (a request made through a client chosen between http and https, given up on timeout)', rule, {
  both: {
    valid: [
      // the handler aborts the request (braintree 1.38.0)
      { code: BRAINTREE_REQUEST(`    theRequest.abort();\n`), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the client may be anything: not known to be Node's
      { code: BRAINTREE_REQUEST('').replace('client = ssl ? https : http;', 'client = ssl ? https : options.agent;'), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        name: 'the timeout calls back and leaves the request running (braintree 1.37.1)',
        code: BRAINTREE_REQUEST(''),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [
          {
            messageId: 'idleTimeoutLeavesOpen',
            line: 10,
            column: 3,
            endLine: 10,
            endColumn: 24,
            data: { name: 'theRequest', what: 'request', handler: '`theRequest.setTimeout` callback' },
            suggestions: [
              {
                messageId: 'destroyOnTimeout',
                data: { name: 'theRequest', what: 'request', handler: '`theRequest.setTimeout` callback' },
                output: BRAINTREE_REQUEST('').replace("  theRequest.setTimeout(60000, function () {\n", "  theRequest.setTimeout(60000, function () {\n    theRequest.destroy();\n"),
              },
            ],
          },
        ],
      },
    ],
  },
});

/** @fluent/dom's `DOMLocalization`: a frame armed for pending translations, and a teardown of its last root. */
const FRAME_OWNER = (teardown: string): string =>
  `export class DOMLocalization {\n  private pendingrAF: number | null = null;\n  private windowElement: Window | null = null;\n  private roots = new Set<Element>();\n  translateMutations(): void {\n    if (this.pendingrAF === null && this.windowElement) {\n      this.pendingrAF = this.windowElement.requestAnimationFrame(() => {\n        this.pendingrAF = null;\n      });\n    }\n  }\n  disconnectRoot(root: Element): boolean {\n    this.roots.delete(root);\n    if (this.roots.size === 0) {\n${teardown}\n      return true;\n    }\n    return false;\n  }\n}`;

runInBothModes('require-async-dispose (a teardown that lets go of a pending frame or timer without cancelling it)', rule, {
  both: {
    valid: [
      // cancelled first (@fluent/dom 0.10.0)
      FRAME_OWNER(`      if (this.pendingrAF !== null && this.windowElement) this.windowElement.cancelAnimationFrame(this.pendingrAF);\n      this.windowElement = null;\n      this.pendingrAF = null;`),
      // cancelled by a method the teardown runs
      `export class Poller {\n  private timer: ReturnType<typeof setTimeout> | null = null;\n  start(): void {\n    this.timer = setTimeout(() => this.start(), 1000);\n  }\n  private cancelTimer(): void {\n    if (this.timer) clearTimeout(this.timer);\n  }\n  stop(): void {\n    this.cancelTimer();\n    this.timer = null;\n  }\n}`,
      // the timer's own callback says it has fired: not a teardown
      `export class Batcher {\n  private timer: ReturnType<typeof setTimeout> | null = null;\n  add(): void {\n    if (!this.timer) this.timer = setTimeout(() => this.flush(), 10);\n  }\n  flush(): void {\n    this.timer = null;\n  }\n}`,
      // the field never holds a timer
      `export class Client {\n  private socket: WebSocket | null = null;\n  connect(url: string): void {\n    this.socket = new WebSocket(url);\n  }\n  disconnect(): void {\n    this.socket = null;\n  }\n}`,
    ],
    invalid: [
      {
        name: "the last root's teardown drops the pending frame (@fluent/dom 0.9.0)",
        code: FRAME_OWNER(`      this.windowElement = null;\n      this.pendingrAF = null;`),
        errors: [{ messageId: 'timerForgottenByTeardown', data: { method: 'disconnectRoot', field: 'pendingrAF', what: 'animation frame', arm: 'requestAnimationFrame', cancel: 'cancelAnimationFrame' }, line: 16, column: 7, endLine: 16, endColumn: 29 }],
      },
      {
        name: 'a stop method drops a reconnect timeout it never clears',
        code: `export class Connection {\n  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;\n  onClose(): void {\n    this.reconnectTimer = setTimeout(() => this.open(), 5000);\n  }\n  open(): void {}\n  stop(): void {\n    this.reconnectTimer = undefined;\n  }\n}`,
        errors: [{ messageId: 'timerForgottenByTeardown', data: { method: 'stop', field: 'reconnectTimer', what: 'timeout', arm: 'setTimeout', cancel: 'clearTimeout' }, line: 8, column: 5, endLine: 8, endColumn: 36 }],
      },
    ],
  },
});

/** @jsreport/jsreport-express's render route: the request's socket told to abort the render when it closes. */
const RENDER_ROUTE = (body: string): string =>
  `import { EventEmitter } from 'node:events';\nimport type { IncomingMessage, ServerResponse } from 'node:http';\nexport function httpRender(render: (abort: EventEmitter) => Promise<void>, req: IncomingMessage, res: ServerResponse): void {\n  const abortEmitter = new EventEmitter();\n${body}\n}`;

runInBothModes("require-async-dispose (a listener on the request's socket for every request served)", rule, {
  both: {
    valid: [
      // taken off when the render ends (@jsreport/jsreport-express 4.0.1)
      RENDER_ROUTE(`  const onReqClose = () => abortEmitter.emit('abort');\n  req.socket.once('close', onReqClose);\n  render(abortEmitter).finally(() => {\n    req.socket.removeListener('close', onReqClose);\n    res.end();\n  });`),
      // added once per socket, behind a test of the socket (fastify's kept-alive connections)
      `import type { IncomingMessage } from 'node:http';\nimport type { Socket } from 'node:net';\nconst tracked = new Set<Socket>();\nexport function onRequest(req: IncomingMessage): void {\n  if (!tracked.has(req.socket)) {\n    tracked.add(req.socket);\n    req.socket.on('close', () => tracked.delete(req.socket));\n  }\n}`,
      // the request's own event: it goes with the request
      RENDER_ROUTE(`  req.once('close', () => abortEmitter.emit('abort'));\n  render(abortEmitter).finally(() => res.end());`),
    ],
    invalid: [
      {
        name: "a 'close' listener per render on the kept-alive socket (@jsreport/jsreport-express 3.7.1)",
        code: RENDER_ROUTE(`  req.socket.once('close', () => {\n    abortEmitter.emit('abort');\n  });\n  render(abortEmitter).finally(() => res.end());`),
        errors: [{ messageId: 'listenerPerServedRequest', data: { event: 'close', socket: 'req.socket' }, line: 5, column: 3, endLine: 5, endColumn: 18 }],
      },
      {
        name: "an 'error' listener on the request's connection",
        code: `import type { IncomingMessage, ServerResponse } from 'node:http';\nexport function handle(request: IncomingMessage, response: ServerResponse): void {\n  request.connection.on('error', () => response.destroy());\n  response.end('ok');\n}`,
        errors: [{ messageId: 'listenerPerServedRequest', data: { event: 'error', socket: 'request.connection' }, line: 3, column: 3, endLine: 3, endColumn: 59 }],
      },
    ],
  },
});

/** @jsreport/jsreport-core's profiler: intervals armed when the reporter starts, cleared by its close listener. */
const PROFILER = (close: string): string =>
  `declare const reporter: { initializeListeners: { add(name: string, fn: () => void): void }; closeListeners: { add(name: string, fn: () => void): void } };\ndeclare function cleanupProfiles(): void;\ndeclare function checkCanceling(): void;\nexport function profiler(): void {\n  let profilesCleanupInterval: ReturnType<typeof setInterval> | undefined;\n  let profilesCancelingCheckInterval: ReturnType<typeof setInterval> | undefined;\n  reporter.initializeListeners.add('profiler', () => {\n    profilesCleanupInterval = setInterval(cleanupProfiles, 60000);\n    profilesCleanupInterval.unref();\n    profilesCancelingCheckInterval = setInterval(checkCanceling, 1000);\n    profilesCancelingCheckInterval.unref();\n  });\n  reporter.closeListeners.add('profiler', () => {\n${close}\n  });\n}`;

runInBothModes('require-async-dispose (an interval nothing clears, beside siblings the code clears)', rule, {
  both: {
    valid: [
      // both cleared (@jsreport/jsreport-core 4.6.1)
      PROFILER(`    if (profilesCleanupInterval) clearInterval(profilesCleanupInterval);\n    if (profilesCancelingCheckInterval) clearInterval(profilesCancelingCheckInterval);`),
      // no sibling is cleared: the code does not say its intervals stop
      PROFILER(`    console.log('closing');`),
      // the handle is handed on: whoever gets it may clear it
      `declare function keep(timer: unknown): void;\nexport function start(): void {\n  const a = setInterval(() => {}, 1000);\n  const b = setInterval(() => {}, 1000);\n  keep(b);\n  process.once('exit', () => clearInterval(a));\n}`,
    ],
    invalid: [
      {
        name: 'the close listener clears the first interval twice and never the third (@jsreport/jsreport-core 4.6.0)',
        code: PROFILER(`    if (profilesCleanupInterval) clearInterval(profilesCleanupInterval);\n    if (profilesCleanupInterval) clearInterval(profilesCleanupInterval);`),
        errors: [{ messageId: 'intervalLeftBySiblings', data: { name: 'profilesCancelingCheckInterval', sibling: 'profilesCleanupInterval', line: '14' }, line: 10, column: 38, endLine: 10, endColumn: 71 }],
      },
    ],
  },
});

/** algoliasearch's Node request: the response decompressed in place, then given up on a timeout. */
const UNZIPPED_RESPONSE = (keep: string, close: string): string =>
  `import * as http from 'node:http';\nimport * as zlib from 'node:zlib';\nexport function request(url: string, onTimeout: () => void): void {\n  http.get(url, (res: NodeJS.ReadableStream & { headers: http.IncomingHttpHeaders; destroy(): void }) => {\n${keep}\n    if (res.headers['content-encoding'] === 'gzip') {\n      res = res.pipe(zlib.createUnzip()) as typeof res;\n    }\n    res.on('data', () => {});\n    setTimeout(() => {\n${close}\n      onTimeout();\n    }, 1000);\n  });\n}`;

runInBothModes('require-async-dispose (a stream destroyed after its variable was given the stream it is piped into)', rule, {
  both: {
    valid: [
      // the response kept in a variable of its own and destroyed (algoliasearch 3.20.1)
      UNZIPPED_RESPONSE('    const originalRes = res;', '      originalRes.destroy();'),
      // destroyed before the pipe
      `import * as zlib from 'node:zlib';\nexport function decode(body: NodeJS.ReadableStream & { destroy(): void }, broken: boolean): NodeJS.ReadableStream {\n  if (broken) body.destroy();\n  body = body.pipe(zlib.createGunzip()) as typeof body;\n  return body;\n}`,
    ],
    invalid: [
      {
        name: 'the timeout destroys the unzip stream, and the response stays open (algoliasearch 3.20.0)',
        code: UNZIPPED_RESPONSE('', '      res.destroy();'),
        errors: [{ messageId: 'destroyOfPipedDestination', data: { name: 'res', line: '7', method: 'destroy' }, line: 11, column: 7, endLine: 11, endColumn: 20 }],
      },
    ],
  },
});

/** @react-router/dev's default server entry: the render aborted after a timeout, the response resolved when its shell is ready. */
const RENDER_ENTRY = (arm: string, keep: string): string =>
  `interface Rendered { pipe(destination: unknown): void; abort(): void }\ndeclare function renderToPipeableStream(request: Request, handlers: { onShellReady(): void; onShellError(error: unknown): void }): Rendered;\nexport default function handleRequest(request: Request): Promise<Response> {\n  return new Promise((resolve, reject) => {\n${keep}\n    const { pipe, abort } = renderToPipeableStream(request, {\n      onShellReady() {\n        resolve(new Response('ok'));\n        pipe({});\n      },\n      onShellError(error: unknown) {\n        reject(error);\n      },\n    });\n${arm}\n  });\n}`;

runInBothModes("require-async-dispose (a watchdog that aborts the promise's work, never cleared)", rule, {
  both: {
    valid: [
      // the handle kept and cleared when the render is done (@react-router/dev 7.8.2, in spirit)
      RENDER_ENTRY(`    timer = setTimeout(abort, 6000);`, `    let timer: ReturnType<typeof setTimeout> | undefined;\n    void timer;`).replace('resolve(new Response', 'clearTimeout(timer);\n        resolve(new Response'),
      // an abort that belongs to someone else: not this promise's work
      `declare const shared: { abort(): void };\nexport function wait(emitter: { once(event: string, fn: () => void): void }): Promise<void> {\n  return new Promise((resolve, reject) => {\n    emitter.once('done', resolve);\n    emitter.once('error', reject);\n    setTimeout(() => shared.abort(), 5000);\n  });\n}`,
    ],
    invalid: [
      {
        name: 'the render aborted after streamTimeout, the timer never cleared (@react-router/dev 7.8.1)',
        code: RENDER_ENTRY(`    setTimeout(abort, 6000);`, ''),
        errors: [{ messageId: 'timeoutNeverCleared', data: { line: '8' }, line: 15, column: 5, endLine: 15, endColumn: 28 }],
      },
      {
        name: "a request's controller aborted by an arrow",
        code: `export function get(url: string): Promise<Response> {\n  return new Promise((resolve, reject) => {\n    const controller = new AbortController();\n    fetch(url, { signal: controller.signal }).then(resolve, reject);\n    setTimeout(() => controller.abort(), 30000);\n  });\n}`,
        errors: [{ messageId: 'timeoutNeverCleared', data: { line: '4' }, line: 5, column: 5, endLine: 5, endColumn: 48 }],
      },
    ],
  },
});

runInBothModes("require-async-dispose (a timer's handle raced as if it were a promise)", rule, {
  both: {
    valid: [
      // a promise the timer settles, cleared when the race is over (netlify-lambda 1.4.1)
      `export function invoke(work: Promise<void>, onTimeout: () => void, seconds: number): Promise<void> {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return Promise.race([\n    work,\n    new Promise<void>((resolve) => {\n      timer = setTimeout(() => {\n        onTimeout();\n        resolve();\n      }, seconds * 1000);\n    }),\n  ]).finally(() => clearTimeout(timer));\n}`,
      // timers/promises' setTimeout is a promise
      `import { setTimeout } from 'node:timers/promises';\nexport function withTimeout(work: Promise<string>): Promise<string | undefined> {\n  return Promise.race([work, setTimeout(1000, undefined)]);\n}`,
    ],
    invalid: [
      {
        name: 'the invocation raced against a bare setTimeout (netlify-lambda 1.4.0)',
        code: `export function invoke(work: Promise<void>, onTimeout: () => void, seconds: number): void {\n  Promise.race([\n    work,\n    setTimeout(function () {\n      onTimeout();\n    }, seconds * 1000),\n  ]);\n}`,
        errors: [{ messageId: 'timerHandleRaced', data: { timer: 'setTimeout', line: '2' }, line: 4, column: 5, endLine: 4, endColumn: 15 }],
      },
    ],
  },
});

/** simple-socks' server: each client socket kept in the active sessions until it goes. */
const SOCKS_SERVER = (listen: string): string =>
  `import * as net from 'node:net';\nexport class Socks5Server {\n  activeSessions: net.Socket[] = [];\n  server = net.createServer((socket) => {\n    this.activeSessions.push(socket);\n${listen}\n  });\n}`;

runInBothModes("require-async-dispose (a socket's bookkeeping undone only on 'end')", rule, {
  both: {
    valid: [
      // on 'close' as well (simple-socks 3.2.0)
      SOCKS_SERVER(`    const remove = () => {\n      const index = this.activeSessions.indexOf(socket);\n      if (index !== -1) this.activeSessions.splice(index, 1);\n    };\n    socket.once('end', remove);\n    socket.once('close', remove);`),
      // 'end' used to read a body to its end: no bookkeeping
      `import type { IncomingMessage } from 'node:http';\nexport function body(response: IncomingMessage, done: (text: string) => void): void {\n  let text = '';\n  response.on('data', (chunk: string) => { text += chunk; });\n  response.on('end', () => done(text));\n}`,
      // the function destroys the stream itself: it takes that destroy to end it (sharedb's OpStream pushes null)
      `import type { Readable } from 'node:stream';\nexport class Agent {\n  closed = false;\n  subscribed: Record<string, Readable> = {};\n  subscribeToStream(id: string, stream: Readable): void {\n    if (this.closed) return void stream.destroy();\n    this.subscribed[id] = stream;\n    stream.on('end', () => {\n      delete this.subscribed[id];\n    });\n  }\n}`,
      // followed to its end whichever way it comes
      `import { finished } from 'node:stream';\nimport type { Duplex } from 'node:stream';\nconst open = new Set<Duplex>();\nexport function track(stream: Duplex): void {\n  open.add(stream);\n  stream.on('end', () => open.delete(stream));\n  finished(stream, () => open.delete(stream));\n}`,
    ],
    invalid: [
      {
        name: 'the session removed only on a clean end (simple-socks 3.1.0)',
        code: SOCKS_SERVER(`    socket.once('end', () => {\n      this.activeSessions.splice(this.activeSessions.indexOf(socket), 1);\n    });`),
        errors: [{ messageId: 'cleanupOnlyOnEnd', data: { receiver: 'socket', bookkeeping: 'removes it from this.activeSessions' }, line: 6, column: 5, endLine: 6, endColumn: 16 }],
      },
      {
        name: "an agent's cleanup run on its stream's end (@teamwork/sharedb 3.0.1)",
        code: `import type { Duplex } from 'node:stream';\nexport class Agent {\n  constructor(private backend: { agentsCount: number }, private stream: Duplex) {}\n  open(): void {\n    this.stream.on('end', () => {\n      this.backend.agentsCount--;\n      this.cleanup();\n    });\n  }\n  cleanup(): void {}\n}`,
        errors: [{ messageId: 'cleanupOnlyOnEnd', data: { receiver: 'this.stream', bookkeeping: 'decrements this.backend.agentsCount' }, line: 5, column: 5, endLine: 5, endColumn: 19 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (a file poller nothing stops)', rule, {
  both: {
    valid: [
      // unwatched once the file is there (sauce-connect-launcher 1.0.0)
      `import * as fs from 'node:fs';\nexport function waitForReadyFile(file: string, ready: () => void): void {\n  fs.watchFile(file, () => {\n    if (fs.existsSync(file)) {\n      fs.unwatchFile(file);\n      ready();\n    }\n  });\n}`,
      // a watch mode: armed in a callback handed to forEach, meant to last
      `import * as fs from 'node:fs';\ndeclare function rebuild(file: string): void;\nexport const files = ['a.md', 'b.md'];\nfiles.forEach((file) => {\n  fs.watchFile(file, () => rebuild(file));\n});`,
    ],
    invalid: [
      {
        name: 'the ready file watched on every launch, never unwatched (sauce-connect-launcher 0.17.0)',
        code: `import * as fs from 'node:fs';\nexport function run(readyFile: string, ready: () => void): void {\n  fs.watchFile(readyFile, { persistent: false }, () => {\n    fs.exists(readyFile, (exists) => {\n      if (exists) ready();\n    });\n  });\n}`,
        errors: [{ messageId: 'fileWatchedForGood', data: { owner: '`run`' }, line: 3, column: 3, endLine: 3, endColumn: 15 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (a server started on a picked port that nothing closes)', rule, {
  both: {
    valid: [
      // kept and closed when the request ends (supertest 0.11.0)
      `import type { Server } from 'node:http';\nexport class Test {\n  private server: Server | undefined;\n  serverAddress(app: Server): string {\n    if (!app.address()) this.server = app.listen(0);\n    return 'http://127.0.0.1';\n  }\n  end(): void {\n    this.server?.close();\n  }\n}`,
      // handed back: its caller closes it
      `import * as http from 'node:http';\nexport function start(): http.Server {\n  const server = http.createServer();\n  server.listen(0);\n  return server;\n}`,
    ],
    invalid: [
      {
        name: "the app's server started per request, never closed (supertest 0.10.0)",
        code: `import type { Server } from 'node:http';\nexport function serverAddress(app: Server, path: string): string {\n  const addr = app.address();\n  if (!addr) app.listen(0);\n  return 'http://127.0.0.1' + path;\n}`,
        errors: [{ messageId: 'ephemeralServerNeverClosed', data: { server: 'app' }, line: 4, column: 14, endLine: 4, endColumn: 27 }],
      },
    ],
  },
});

/** @hono/vite-dev-server's Cloudflare Pages environment: a Miniflare made by the getter the dev server calls per request. */
const PAGES_ENV = (make: string): string =>
  `declare class Miniflare { constructor(options: object); getBindings(): Promise<object>; dispose(): Promise<void> }\nlet mf: Miniflare | undefined = undefined;\nexport const getEnv = (options: object) => async (): Promise<object> => {\n${make}\n  return { ...(await mf!.getBindings()) };\n};\nexport const disposeMf = async (): Promise<void> => {\n  await mf?.dispose();\n};`;

runInBothModes('require-async-dispose (a released resource replaced by a function that runs again and again)', rule, {
  both: {
    valid: [
      // made once (@hono/vite-dev-server 0.5.1)
      PAGES_ENV(`  if (!mf) {\n    mf = new Miniflare({ modules: true, ...options });\n  }`),
      // the old one released first
      PAGES_ENV(`  await mf?.dispose();\n  mf = new Miniflare({ modules: true, ...options });`),
      // a field: the method may set its own instance's once (supertest 0.11.0, called from the constructor)
      `import type { Server } from 'node:http';\nexport class Test {\n  private server: Server | undefined;\n  constructor(app: Server) {\n    this.serverAddress(app);\n  }\n  serverAddress(app: Server): void {\n    if (!app.address()) this.server = app.listen(0);\n  }\n  end(): void {\n    this.server?.close();\n  }\n}`,
      // handed back: the caller may own it (mqtt's buildStream)
      `declare function connect(): { destroy(): void };\nlet stream: { destroy(): void } | undefined;\nexport function buildStream(): { destroy(): void } {\n  stream = connect();\n  return stream;\n}\nexport function onClose(): void {\n  stream?.destroy();\n}`,
      // a start method: what the release ends
      `declare function launch(): Promise<{ close(): Promise<void> }>;\nexport class Renderer {\n  private browser: { close(): Promise<void> } | undefined;\n  async start(): Promise<void> {\n    this.browser = await launch();\n  }\n  async stop(): Promise<void> {\n    await this.browser?.close();\n  }\n}`,
    ],
    invalid: [
      {
        name: 'a browser launched for every render, closed by the teardown',
        code: `interface Browser { newPage(): Promise<{ pdf(): Promise<Uint8Array> }>; close(): Promise<void> }\ndeclare function launch(): Promise<Browser>;\nlet browser: Browser | undefined;\nexport async function render(): Promise<Uint8Array> {\n  browser = await launch();\n  const page = await browser.newPage();\n  return page.pdf();\n}\nexport async function closeBrowser(): Promise<void> {\n  await browser?.close();\n}`,
        errors: [{ messageId: 'resourceReplacedUnreleased', data: { holder: 'browser', line: '10', release: 'browser?.close()' }, line: 5, column: 3, endLine: 5, endColumn: 27 }],
      },
      {
        name: 'a new Miniflare per request, only the last disposed (@hono/vite-dev-server 0.4.1)',
        code: PAGES_ENV(`  mf = new Miniflare({ modules: true, ...options });`),
        errors: [{ messageId: 'resourceReplacedUnreleased', data: { holder: 'mf', line: '8', release: 'mf?.dispose()' }, line: 4, column: 3, endLine: 4, endColumn: 52 }],
      },
    ],
  },
});

runInBothModes("require-async-dispose (an unref'd timeout whose callback still acts once the promise has settled)", rule, {
  both: {
    valid: [
      // the callback only rejects: an unref'd timer holds nothing, and a late reject does nothing
      `export function ask(prompt: string, timeout: number): Promise<string> {\n  return new Promise((resolve, reject) => {\n    process.stdout.write(prompt);\n    process.stdin.once('data', (data) => resolve(String(data)));\n    setTimeout(() => {\n      reject(new Error('Prompt timeout'));\n    }, timeout).unref();\n  });\n}`,
      // the handle kept and cleared on the answer (cli-ux 4.9.3)
      `export function ask(prompt: string, timeout: number): Promise<string> {\n  return new Promise((resolve, reject) => {\n    process.stdin.resume();\n    const timer = setTimeout(() => {\n      process.stdin.pause();\n      reject(new Error('Prompt timeout'));\n    }, timeout);\n    timer.unref();\n    process.stdin.once('data', (data) => {\n      clearTimeout(timer);\n      process.stdin.pause();\n      resolve(String(data));\n    });\n  });\n}`,
      // what the callback acts on is the executor's own
      `export function ask(timeout: number): Promise<string> {\n  return new Promise((resolve, reject) => {\n    const controller = new AbortController();\n    fetch('/answer', { signal: controller.signal }).then((response) => resolve(response.statusText), reject);\n    setTimeout(() => {\n      controller.abort();\n      reject(new Error('timeout'));\n    }, timeout).unref();\n  });\n}`,
    ],
    invalid: [
      {
        name: "cli-ux 4.9.1's prompt: a prompt answered in time has stdin paused by its timer later, under the next prompt",
        code: `export function ask(prompt: string, timeout: number): Promise<string> {\n  return new Promise((resolve, reject) => {\n    process.stdout.write(prompt);\n    process.stdin.resume();\n    process.stdin.once('data', (data) => {\n      process.stdin.pause();\n      resolve(String(data).trim());\n    });\n    setTimeout(() => {\n      process.stdin.pause();\n      reject(new Error('Prompt timeout'));\n    }, timeout).unref();\n  });\n}`,
        errors: [{ messageId: 'unrefedTimeoutNeverCleared', data: { line: '7', effect: 'process.stdin.pause()' }, line: 9, column: 5, endLine: 9, endColumn: 15 }],
      },
    ],
  },
});

/** simplesmtp 0.3.13's client: a connection timeout cleared only in the connect callback. */
const CONNECTING_CLIENT = (connectCallback: string, closeBody: string) => `import * as net from 'net';
export class SMTPClient {
  socket: net.Socket | null = null;
  connectionTimeout: ReturnType<typeof setTimeout> | null = null;
  connect(port: number) {
    this.socket = net.connect({ port }, ${connectCallback});
    this.connectionTimeout = setTimeout(() => {
      this.close();
    }, 10000);
  }
  onConnect() {
    clearTimeout(this.connectionTimeout!);
  }
  close() {
${closeBody}
  }
}`;

runInBothModes('require-async-dispose (a timeout cleared only when the connection comes)', rule, {
  both: {
    valid: [
      // close() clears it too (simplesmtp 0.3.15)
      CONNECTING_CLIENT('this.onConnect.bind(this)', '    clearTimeout(this.connectionTimeout!);\n    this.socket?.end();'),
      // the clearing method is a 'close' listener: it may run at close
      CONNECTING_CLIENT('() => undefined', "    this.socket?.once('close', this.onConnect.bind(this));\n    this.socket?.end();"),
    ],
    invalid: [
      {
        name: 'the clear is in the connect callback, which runs when the connection starts, not when it is closed',
        code: CONNECTING_CLIENT('this.onConnect.bind(this)', '    this.socket?.end();'),
        errors: [keptTimerError(7, 30, 40, { field: 'connectionTimeout', stop: 'close', timer: 'a timeout', until: ' until it fires', clear: 'clearTimeout' })],
      },
      {
        name: "a listener of the socket's 'connect' event",
        code: CONNECTING_CLIENT('() => undefined', '    this.socket?.end();').replace('  onConnect() {', "  listen() {\n    this.socket?.once('connect', this.onConnect.bind(this));\n  }\n  onConnect() {"),
        errors: [keptTimerError(7, 30, 40, { field: 'connectionTimeout', stop: 'close', timer: 'a timeout', until: ' until it fires', clear: 'clearTimeout' })],
      },
    ],
  },
});

runInBothModes("require-async-dispose (a listener on process's streams that every instance adds again)", rule, {
  both: {
    valid: [
      // once, at module level
      `process.stdout.on('error', (err: NodeJS.ErrnoException) => {\n  if (err.code === 'EPIPE') return;\n  throw err;\n});\nexport class Command {\n  init() {}\n}`,
      // the listener uses the instance: a per-instance listener, judged by the stop-method shapes
      `export class Bar {\n  private active = true;\n  start() {\n    process.stdout.on('resize', () => {\n      if (this.active) this.render();\n    });\n  }\n  render() {}\n}`,
      // it uses the call's own argument
      `export class Command {\n  init(name: string) {\n    process.stdout.on('error', () => console.error(name));\n  }\n}`,
      // the file takes listeners off the stream
      `const onError = () => undefined;\nexport class Command {\n  init() {\n    process.stdout.on('error', () => undefined);\n  }\n  finally() {\n    process.stdout.removeAllListeners('error');\n  }\n}`,
    ],
    invalid: [
      {
        name: "@oclif/command 1.5.13: every command's init() added a stdout 'error' listener",
        code: `export class Command {\n  async init() {\n    this._swallowEPIPE();\n  }\n  _swallowEPIPE() {\n    process.stdout.on('error', (err: NodeJS.ErrnoException) => {\n      if (err && err.code === 'EPIPE') return;\n      throw err;\n    });\n  }\n}`,
        errors: [{ messageId: 'listenerPerInstance', data: { receiver: 'process.stdout', verb: 'on', event: 'error', method: '_swallowEPIPE' }, line: 6, column: 5, endLine: 6, endColumn: 22 }],
      },
    ],
  },
});

/** react-player 1.12's file player: the props' callbacks added to the media element, and read again to take them off. */
const PROP_LISTENERS = (removeBody: string, addBody = "    player.addEventListener('play', onPlay);") => `interface Props { onPlay: () => void; onPause: () => void }
export class FilePlayer {
  props: Props;
  constructor(props: Props) {
    this.props = props;
  }
  addListeners(player: HTMLMediaElement) {
    const { onPlay } = this.props;
${addBody}
  }
  removeListeners(player: HTMLMediaElement) {
${removeBody}
  }
}`;

runInBothModes('require-async-dispose (a listener read from this.props when added and again when taken off)', rule, {
  both: {
    valid: [
      // a stable method of the instance, added and taken off
      PROP_LISTENERS("    player.removeEventListener('play', this.onPlay);", "    player.addEventListener('play', this.onPlay);").replace('  addListeners(', '  onPlay = () => this.props.onPlay();\n  addListeners('),
      // the function that was added, kept for the removal
      PROP_LISTENERS("    player.removeEventListener('play', this.added);", "    this.added = onPlay;\n    player.addEventListener('play', onPlay);").replace('  props: Props;', '  props: Props;\n  added: () => void = () => undefined;'),
      // the removal reads another event
      PROP_LISTENERS("    const { onPause } = this.props;\n    player.removeEventListener('pause', onPause);"),
      // added and taken off in the same function: the same prop
      `interface Props { onPlay: () => void }\nexport class FilePlayer {\n  constructor(readonly props: Props) {}\n  swap(player: HTMLMediaElement) {\n    player.addEventListener('play', this.props.onPlay);\n    player.removeEventListener('play', this.props.onPlay);\n  }\n}`,
    ],
    invalid: [
      {
        code: PROP_LISTENERS("    const { onPlay } = this.props;\n    player.removeEventListener('play', onPlay);"),
        errors: [{ messageId: 'propListenerRemoved', data: { prop: 'onPlay', event: 'play', line: '9' }, line: 13, column: 5, endLine: 13, endColumn: 47 }],
      },
      {
        // Babel's compiled destructuring, and the props read directly at the removal
        code: PROP_LISTENERS("    player.removeEventListener('play', this.props.onPlay);", "    var _this$props = this.props,\n      onPlay2 = _this$props.onPlay;\n    player.addEventListener('play', onPlay2);"),
        errors: [{ messageId: 'propListenerRemoved', data: { prop: 'onPlay', event: 'play', line: '11' }, line: 14, column: 5, endLine: 14, endColumn: 58 }],
      },
      {
        name: "react-player 1.15.2's Wistia player: bind and unbind on the player kept in a field",
        code: `interface Props { onPlay: () => void }\ninterface WistiaPlayer { bind(event: string, fn: () => void): void; unbind(event: string, fn: () => void): void }\nexport class Wistia {\n  player?: WistiaPlayer;\n  constructor(readonly props: Props) {}\n  load(player: WistiaPlayer) {\n    const { onPlay } = this.props;\n    this.player = player;\n    this.player.bind('play', onPlay);\n  }\n  unbind() {\n    const { onPlay } = this.props;\n    this.player?.unbind('play', onPlay);\n  }\n}`,
        errors: [{ messageId: 'propListenerRemoved', data: { prop: 'onPlay', event: 'play', line: '9' }, line: 13, column: 5, endLine: 13, endColumn: 40 }],
      },
    ],
  },
});

/** @uppy/components 0.1's event adapter: nine listeners added, a cleanup handed back that takes eight off. */
const EVENT_ADAPTER = (cleanupBody: string, returned = (cleanup: string) => `  return {\n    cleanup: ${cleanup},\n  };`) => `interface Uppy { on(event: string, fn: () => void): void; off(event: string, fn: () => void): void }
export function createEventAdapter(uppy: Uppy, onStatusChange: (status: string) => void): { cleanup: () => void } {
  const onFileAdded = () => onStatusChange('ready');
  const onFileRemoved = () => onStatusChange('init');
  const onProgress = () => onStatusChange('uploading');
  uppy.on('file-added', onFileAdded);
  uppy.on('file-removed', onFileRemoved);
  uppy.on('progress', onProgress);
${returned(`() => {\n${cleanupBody}\n    }`)}
}`;

runInBothModes('require-async-dispose (a listener the handed-back cleanup does not take off)', rule, {
  both: {
    valid: [
      // every listener taken off (@uppy/components 0.2)
      EVENT_ADAPTER("      uppy.off('file-added', onFileAdded);\n      uppy.off('file-removed', onFileRemoved);\n      uppy.off('progress', onProgress);"),
      // one listener taken off: no pattern to read a miss from
      EVENT_ADAPTER("      uppy.off('file-added', onFileAdded);"),
      // the cleanup takes every listener off through a loop
      EVENT_ADAPTER("      uppy.off('file-added', onFileAdded);\n      uppy.off('progress', onProgress);\n      for (const [event, fn] of [['file-removed', onFileRemoved]] as const) uppy.off(event, fn);"),
      // the listener takes itself off
      EVENT_ADAPTER("      uppy.off('file-added', onFileAdded);\n      uppy.off('progress', onProgress);").replace("const onFileRemoved = () => onStatusChange('init');", "const onFileRemoved = () => {\n    uppy.off('file-removed', onFileRemoved);\n    onStatusChange('init');\n  };"),
    ],
    invalid: [
      {
        code: EVENT_ADAPTER("      uppy.off('file-added', onFileAdded);\n      uppy.off('progress', onProgress);"),
        errors: [{ messageId: 'listenerMissedByCleanup', data: { cleanup: '`cleanup` ', emitter: 'uppy', line: '11', event: 'file-removed', handler: 'onFileRemoved', remove: 'off' }, line: 7, column: 3, endLine: 7, endColumn: 41 }],
      },
      {
        // an effect's cleanup, returned unnamed
        code: `declare function useEffect(effect: () => () => void): void;\nexport function useResize(onResize: () => void, onScroll: () => void, onKey: () => void): void {\n  useEffect(() => {\n    window.addEventListener('resize', onResize);\n    window.addEventListener('scroll', onScroll);\n    window.addEventListener('keydown', onKey);\n    return () => {\n      window.removeEventListener('resize', onResize);\n      window.removeEventListener('keydown', onKey);\n    };\n  });\n}`,
        errors: [{ messageId: 'listenerMissedByCleanup', data: { cleanup: '', emitter: 'window', line: '8', event: 'scroll', handler: 'onScroll', remove: 'removeEventListener' }, line: 5, column: 5, endLine: 5, endColumn: 48 }],
      },
    ],
  },
});

/** @applitools/execution-grid-tunnel 3.x's worker: process handlers added by a function every restart runs again. */
const RESTARTED_WORKER = (startBody: string) => `declare function runSession(): Promise<void>;
let failures = 0;
export function startWorker(): Promise<void> {
${startBody}
  return runSession();
}
function restartWorker() {
  failures++;
  setTimeout(() => {
    void startWorker();
  }, 1000 * 2 ** failures);
}`;

runInBothModes('require-async-dispose (a process listener added on every restart)', rule, {
  both: {
    valid: [
      // added once, behind a flag (the next version)
      RESTARTED_WORKER("  if (!registered) {\n    registered = true;\n    process.on('uncaughtException', () => restartWorker());\n  }").replace('let failures = 0;', 'let failures = 0;\nlet registered = false;'),
      // taken off before the restart
      RESTARTED_WORKER("  process.on('uncaughtException', onFailure);").replace('function restartWorker() {', "function onFailure() {\n  process.off('uncaughtException', onFailure);\n  restartWorker();\n}\nfunction restartWorker() {"),
      // nothing runs the function again
      `export function startWorker(): void {\n  process.on('uncaughtException', (error: Error) => console.error(error));\n}`,
    ],
    invalid: [
      {
        code: RESTARTED_WORKER("  process.on('uncaughtException', (error: Error) => {\n    console.error(error);\n    restartWorker();\n  });"),
        errors: [{ messageId: 'processListenerPerRestart', data: { verb: 'on', event: 'uncaughtException', adder: 'startWorker', via: 'restartWorker', line: '6' }, line: 4, column: 3, endLine: 4, endColumn: 13 }],
      },
    ],
  },
});

/** @remote-ui/rpc 1.3.4's iframe adaptor: a wait for the iframe's 'ready' message built on a window listener. */
const IFRAME_READY = (listen: string) => `export function fromIframe(target: HTMLIFrameElement) {
  const ready = new Promise<void>((resolve) => {
${listen}
  });
  return { async postMessage(message: unknown) { await ready; target.contentWindow?.postMessage(message, '*'); } };
}`;

runInBothModes('require-async-dispose (a one-event wait on a listener left on window)', rule, {
  both: {
    valid: [
      // named, and taken off when it settles the promise
      IFRAME_READY("    const onMessage = (event: MessageEvent) => {\n      if (event.data !== 'ready') return;\n      window.removeEventListener('message', onMessage);\n      resolve();\n    };\n    window.addEventListener('message', onMessage);"),
      // `{ once: true }` takes it off after the first event
      IFRAME_READY("    window.addEventListener('message', () => resolve(), { once: true });"),
      // on the iframe's own element, which goes with it
      IFRAME_READY("    target.addEventListener('load', () => resolve());"),
      // the listener does not settle the promise
      IFRAME_READY("    window.addEventListener('message', (event) => console.log(event.data));\n    resolve();"),
      // a module's own wait runs once
      `export const ready = new Promise<void>((resolve) => {\n  window.addEventListener('message', (event) => {\n    if (event.data === 'ready') resolve();\n  });\n});`,
    ],
    invalid: [
      {
        code: IFRAME_READY("    window.addEventListener('message', (event) => {\n      if (event.source !== target.contentWindow) return;\n      if (event.data === 'remote-ui::ready') {\n        resolve();\n      }\n    });"),
        errors: [{ messageId: 'waitListenerKept', data: { event: 'message', target: 'window', caller: '`fromIframe`' }, line: 3, column: 5, endLine: 3, endColumn: 28 }],
      },
      {
        code: `export const load = (src: string) =>\n  new Promise<string>((resolve) => {\n    self.addEventListener('message', function (event) {\n      if (event.data.src === src) resolve(event.data.body);\n    });\n    self.postMessage({ src });\n  });`,
        errors: [{ messageId: 'waitListenerKept', data: { event: 'message', target: 'self', caller: '`load`' }, line: 3, column: 5, endLine: 3, endColumn: 26 }],
      },
    ],
  },
});

/** @google-cloud/spanner 5.x's session pool: a close promise made in open(), raced by every acquire. */
const SESSION_POOL = (acquire: string, open = "    this._onClose = new Promise<void>((resolve) => this.once('close', resolve));") => `import { EventEmitter } from 'node:events';
export class SessionPool extends EventEmitter {
  _onClose!: Promise<void>;
  open(): void {
${open}
  }
  async _acquire(): Promise<string> {
${acquire}
  }
}`;

runInBothModes('require-async-dispose (a promise made once, raced on every call)', rule, {
  both: {
    valid: [
      // a promise made for this call, its listener taken off in finally
      SESSION_POOL("    let remove = () => {};\n    const closed = new Promise<never>((_, reject) => {\n      const onClose = () => reject(new Error('closed'));\n      this.once('close', onClose);\n      remove = () => this.removeListener('close', onClose);\n    });\n    try {\n      return await Promise.race([closed, this.next()]);\n    } finally {\n      remove();\n    }\n  }\n  next(): Promise<string> {\n    return Promise.resolve('session');"),
      // the raced field is made again by the racing method itself
      SESSION_POOL("    this._onClose = new Promise<void>((resolve) => this.once('close', resolve));\n    return Promise.race([this._onClose.then(() => 'closed'), Promise.resolve('session')]);", '    this.emit(\'open\');'),
      // a method that runs once in the instance's life by its name (bullmq's relay races its startCancelled in start())
      SESSION_POOL("    return Promise.race([this._onClose.then(() => 'closed'), Promise.resolve('session')]);").replace('async _acquire()', 'async start()'),
      // a promise settled where it is made (not a wait for an event)
      SESSION_POOL("    return Promise.race([this._onClose.then(() => 'closed'), Promise.resolve('session')]);", '    this._onClose = new Promise<void>((resolve) => resolve());'),
    ],
    invalid: [
      {
        code: SESSION_POOL("    const promises = [\n      this._onClose.then(() => {\n        throw new Error('Database is closed.');\n      }),\n      new Promise<string>((resolve) => this.once('available', resolve)),\n    ];\n    return Promise.race(promises);"),
        errors: [{ messageId: 'lastingPromiseRaced', data: { field: 'this._onClose', maker: '`open()`' }, line: 9, column: 7, endLine: 9, endColumn: 25 }],
      },
      {
        code: `import { EventEmitter } from 'node:events';\nexport class Client extends EventEmitter {\n  private readonly closed: Promise<void>;\n  constructor() {\n    super();\n    this.closed = new Promise<void>((resolve) => this.once('close', resolve));\n  }\n  async request(work: Promise<string>): Promise<string | void> {\n    return Promise.race([work, this.closed]);\n  }\n}`,
        errors: [{ messageId: 'lastingPromiseRaced', data: { field: 'this.closed', maker: 'the constructor' }, line: 9, column: 32, endLine: 9, endColumn: 43 }],
      },
    ],
  },
});

/** @google-cloud/spanner 5.2's acquire: a timeout promise pushed onto the array it races, its timer never cleared. */
const ACQUIRE_TIMEOUT = (timeout: string) => `export async function acquire(available: Promise<string>, remaining: number): Promise<string> {
  const promises: Promise<string>[] = [available];
  promises.push(new Promise<string>((_, reject) => {
    const error = new Error('Timeout occurred while acquiring session.');
${timeout}
  }));
  return Promise.race(promises);
}`;

runInBothModes('require-async-dispose (a timeout pushed onto a raced array)', rule, {
  both: {
    valid: [
      // the handle is kept and cleared by the caller's clean-up
      ACQUIRE_TIMEOUT('    const timer = setTimeout(reject.bind(null, error), remaining);\n    available.finally(() => clearTimeout(timer));'),
      // a short deferral, not a timeout
      ACQUIRE_TIMEOUT('    setTimeout(reject.bind(null, error), 10);'),
    ],
    invalid: [
      {
        code: ACQUIRE_TIMEOUT('    setTimeout(reject.bind(null, error), remaining);'),
        errors: [{ messageId: 'raceTimeoutNeverCleared', data: { line: '7' }, line: 5, column: 5, endLine: 5, endColumn: 52 }],
      },
    ],
  },
});

/** @clickhouse/client-web 0.2.6's connection: insert() drops the fetch response its request() hands back. */
const WEB_CONNECTION = (insert: string) => `export class WebConnection {
  constructor(private readonly url: string) {}
  async query(sql: string): Promise<ReadableStream<Uint8Array>> {
    const response = await this.request(sql);
    return response.body || new ReadableStream();
  }
  async insert(values: string): Promise<void> {
${insert}
  }
  private async request(body: string): Promise<Response> {
    const response = await fetch(this.url, { method: 'POST', body });
    if (response.ok) return response;
    return Promise.reject(new Error(await response.text()));
  }
}`;

runInBothModes('require-async-dispose (a fetch response dropped with its body unread)', rule, {
  both: {
    valid: [
      // the body is drained
      WEB_CONNECTION('    const res = await this.request(values);\n    if (res.body !== null) await res.text();'),
      // the response is handed on
      WEB_CONNECTION('    await this.query(values);'),
    ],
    invalid: [
      {
        code: WEB_CONNECTION('    await this.request(values);'),
        errors: [{ messageId: 'responseDropped', data: { callee: 'this.request', line: '4' }, line: 8, column: 11, endLine: 8, endColumn: 31 }],
      },
    ],
  },
});

/** honeybadger 1.1.1: the module's singleton starts a metrics loop that re-arms itself for good. */
const METRICS_LOOP = (loop: string, load = 'const singleton = Honeybadger();\nmodule.exports = singleton;') => `function Honeybadger() {
  const self = { metricsInterval: 60000, collect() {} };
${loop}
  return self;
}
${load}`;

runInBothModes('require-async-dispose (a timer loop started by the instance a module makes as it loads)', rule, {
  both: {
    valid: [
      // unref()ed
      { code: METRICS_LOOP('  function collectMetrics() {\n    self.collect();\n    setTimeout(collectMetrics, self.metricsInterval).unref();\n  }\n  process.nextTick(collectMetrics);'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a loop with a way out
      { code: METRICS_LOOP('  function collectMetrics() {\n    if (self.collect()) return;\n    if (self.metricsInterval) setTimeout(collectMetrics, self.metricsInterval);\n  }\n  process.nextTick(collectMetrics);'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the module only exports the factory: whoever makes an instance starts it
      { code: METRICS_LOOP('  function collectMetrics() {\n    self.collect();\n    setTimeout(collectMetrics, self.metricsInterval);\n  }\n  process.nextTick(collectMetrics);', 'module.exports = Honeybadger;'), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: METRICS_LOOP('  function collectMetrics() {\n    self.collect();\n    setTimeout(collectMetrics, self.metricsInterval);\n  }\n  process.nextTick(collectMetrics.bind(self));'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'timerLoopAtLoad', data: { loop: 'collectMetrics', factory: 'Honeybadger' }, line: 5, column: 5, endLine: 5, endColumn: 53 }],
      },
    ],
  },
});

/** lightning 9.8.1's subscribeToForwards: a gRPC stream relayed into the emitter it returns, never cancelled. */
const FORWARDS = (relay: string) => `const EventEmitter = require('events');
const method = 'subscribeHtlcEvents';
module.exports = ({ lnd }) => {
  const emitter = new EventEmitter();
  const sub = lnd.router[method]({});
${relay}
  return emitter;
};`;

runInBothModes('require-async-dispose (a subscription relayed into the emitter handed back, never cancelled)', rule, {
  both: {
    valid: [
      // cancelled once the emitter's last listener goes
      { code: FORWARDS("  sub.on('data', (data) => emitter.emit('forward', data));\n  emitter.on('removeListener', () => {\n    if (!emitter.listenerCount('forward')) sub.cancel();\n  });"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // handed on with the emitter
      { code: FORWARDS("  sub.on('data', (data) => emitter.emit('forward', data));\n  emitter.subscription = sub;"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // no data relayed
      { code: FORWARDS("  sub.on('end', () => emitter.emit('end'));"), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: FORWARDS("  sub.on('data', (data) => emitter.emit('forward', data));\n  sub.on('error', (err) => {\n    sub.removeAllListeners();\n    emitter.emit('error', err);\n  });"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'subscriptionNeverCancelled', data: { stream: 'sub', emitter: 'emitter' }, line: 5, column: 15, endLine: 5, endColumn: 37 }],
      },
      {
        code: `import { EventEmitter } from 'node:events';\ninterface Stream { on(event: string, fn: (value: unknown) => void): void }\nexport function subscribeToInvoices(client: { subscribeInvoices(args: object): Stream }): EventEmitter {\n  const eventEmitter = new EventEmitter();\n  const subscription = client.subscribeInvoices({});\n  subscription.on('data', (invoice) => eventEmitter.emit('invoice_updated', invoice));\n  return eventEmitter;\n}`,
        errors: [{ messageId: 'subscriptionNeverCancelled', data: { stream: 'subscription', emitter: 'eventEmitter' }, line: 5, column: 24, endLine: 5, endColumn: 52 }],
      },
    ],
  },
});

/** postgraphile 4.3.1's withPostGraphileContext: the pool client released after the commit in the same finally. */
const WITH_CLIENT = (finalizer: string) => `import type { Pool } from 'pg';
export async function withClient<T>(pool: Pool, needTransaction: boolean, callback: (client: unknown) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  if (needTransaction) await client.query('begin');
  try {
    return await callback(client);
  } finally {
${finalizer}
  }
}`;

runInBothModes('require-async-dispose (a release in a finally after an await of the same value)', rule, {
  both: {
    valid: [
      // 4.3.2: the release in a finally of its own around the commit
      WITH_CLIENT("    try {\n      if (needTransaction) await client.query('commit');\n    } finally {\n      client.release();\n    }"),
      // the commit's failure is handled
      WITH_CLIENT("    try {\n      if (needTransaction) await client.query('commit');\n    } catch (error) {\n      console.error(error);\n    }\n    client.release();"),
      // released before the await
      WITH_CLIENT("    client.release();\n    await client.query('select 1').catch(() => undefined);"),
      // an await of something else is not read as a risk to the client
      WITH_CLIENT('    await Promise.resolve();\n    client.release();'),
      // a release awaited before another release
      WITH_CLIENT('    await client.end();\n    client.release();'),
    ],
    invalid: [
      {
        code: WITH_CLIENT("    if (needTransaction) {\n      await client.query('commit');\n    }\n    client.release();"),
        errors: [{ messageId: 'releaseSkippedInFinally', data: { release: 'client.release()', risk: "await client.query('commit')", line: '9', name: 'client' }, line: 11, column: 5, endLine: 11, endColumn: 21 }],
      },
    ],
  },
});

/** sumo-logger 2.0.1: the interval armed by the constructor and armed again by a config change. */
const SENDER = (start: string, update = '    this.startSending();') => `export class Sender {
  private interval: ReturnType<typeof setInterval> | undefined;
  constructor(private period: number) {
    this.startSending();
  }
  updatePeriod(period: number): void {
    this.period = period;
${update}
  }
  startSending(): void {
${start}
  }
  stopSending(): void {
    clearInterval(this.interval);
  }
  send(): void {}
}`;

runInBothModes('require-async-dispose (an interval armed again over the one its field holds)', rule, {
  both: {
    valid: [
      // 2.5.0: the old interval cleared first
      SENDER('    if (this.interval) this.stopSending();\n    this.interval = setInterval(() => this.send(), this.period);'),
      // the caller stops it first
      SENDER('    this.interval = setInterval(() => this.send(), this.period);', '    this.stopSending();\n    this.startSending();'),
      // a guard that may keep a second run from arming
      SENDER('    if (this.period <= 0) return;\n    this.interval = setInterval(() => this.send(), this.period);'),
      // armed from one place only
      SENDER('    this.interval = setInterval(() => this.send(), this.period);', '    this.send();'),
    ],
    invalid: [
      {
        code: SENDER('    if (this.period > 0) {\n      this.interval = setInterval(() => this.send(), this.period);\n    }'),
        errors: [{ messageId: 'intervalRearmed', data: { method: 'startSending', field: 'interval', rerun: 'updatePeriod', line: '8' }, line: 12, column: 23, endLine: 12, endColumn: 66 }],
      },
    ],
  },
});

runInBothModes('require-async-dispose (a timer dropped in a constructor function with a stop method)', rule, {
  both: {
    valid: [
      // launchdarkly-eventsource 2.0.3 keeps the handle and clears it in close()
      {
        code: `function EventSource(url) {\n  var readyState = 0;\n  var reconnectTimer;\n  function connect() {\n    readyState = 1;\n  }\n  function scheduleReconnect(delay) {\n    reconnectTimer = setTimeout(function () {\n      if (readyState !== 0) return;\n      connect();\n    }, delay);\n  }\n  this.close = function () {\n    clearTimeout(reconnectTimer);\n    readyState = 2;\n  };\n  connect();\n  this.retry = scheduleReconnect;\n}\nmodule.exports = EventSource;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
      // a lower-case function is no constructor
      {
        code: `function eventSource(url) {\n  var readyState = 0;\n  function connect() {\n    readyState = 1;\n  }\n  function scheduleReconnect(delay) {\n    setTimeout(function () {\n      connect();\n    }, delay);\n  }\n  this.close = function () {\n    readyState = 2;\n  };\n  this.retry = scheduleReconnect;\n}\nmodule.exports = eventSource;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
      },
    ],
    invalid: [
      {
        // launchdarkly-eventsource 2.0.2
        code: `function EventSource(url) {\n  var readyState = 0;\n  function connect() {\n    readyState = 1;\n  }\n  function scheduleReconnect(delay) {\n    setTimeout(function () {\n      if (readyState !== 0) return;\n      connect();\n    }, delay);\n  }\n  this.close = function () {\n    readyState = 2;\n  };\n  connect();\n  this.retry = scheduleReconnect;\n}\nmodule.exports = EventSource;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{
          messageId: 'timerDroppedByStop',
          line: 7, column: 5, endLine: 7, endColumn: 15,
          data: { timer: 'timeout', stop: 'close', until: 'until it fires', runs: 'runs `connect`', owner: '`EventSource` object', clear: 'clearTimeout' },
        }],
      },
    ],
  },
});

/** request 2.76.0: a 'connect' listener put on each request's socket, which a kept-alive socket never fires again. */
const ON_SOCKET = (body: string) => `exports.start = function (req, timeout, self) {
  req.on('socket', function (socket) {
${body}
  });
};`;

runInBothModes("require-async-dispose (a once 'connect' listener on a request's socket)", rule, {
  both: {
    valid: [
      // 2.77.0: only while the socket connects
      { code: ON_SOCKET("    if (timeout !== undefined && socket.connecting) {\n      socket.once('connect', function () {\n        clearTimeout(self.timeoutTimer);\n      });\n    }"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // urllib 2.33: behind a test of a local read from the socket
      { code: ON_SOCKET("    var readyState = socket.readyState;\n    if (readyState === 'opening') {\n      socket.once('connect', function () {\n        clearTimeout(self.timeoutTimer);\n      });\n    }"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // an event a kept-alive socket fires again
      { code: ON_SOCKET("    socket.once('close', function () {\n      clearTimeout(self.timeoutTimer);\n    });"), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: ON_SOCKET("    if (timeout !== undefined) {\n      socket.once('connect', function () {\n        clearTimeout(self.timeoutTimer);\n      });\n    }"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'listenerPerSocket', line: 4, column: 7, endLine: 4, endColumn: 18, data: { event: 'connect', socket: 'socket' } }],
      },
    ],
  },
});

/** instantsearch.js 3.5.3's voice search helper: dispose() takes the listeners off, stop() lets the recognition go without. */
const VOICE_SEARCH = (stop: string) => `declare const SpeechRecognitionAPI: new () => EventTarget & { start(): void; stop(): void };
export function createVoiceSearch(onStateChange: (status: string) => void) {
  let recognition: (EventTarget & { start(): void; stop(): void }) | undefined;
  const onEnd = (): void => onStateChange('finished');
  const start = (): void => {
    recognition = new SpeechRecognitionAPI();
    recognition.addEventListener('end', onEnd);
    recognition.start();
  };
  const dispose = (): void => {
    if (!recognition) return;
    recognition.stop();
    recognition.removeEventListener('end', onEnd);
    recognition = undefined;
  };
  const stop = (): void => {
${stop}
  };
  return { start, stop, dispose };
}`;

runInBothModes('require-async-dispose (a listener one teardown takes off and another leaves on the emitter it lets go)', rule, {
  both: {
    valid: [
      // 3.5.4: stop() runs dispose()
      VOICE_SEARCH('    dispose();\n    onStateChange(\'finished\');'),
      VOICE_SEARCH("    if (recognition) {\n      recognition.stop();\n      recognition.removeEventListener('end', onEnd);\n      recognition = undefined;\n    }"),
      // the emitter is kept: its listeners stay with it on purpose
      VOICE_SEARCH('    if (recognition) recognition.stop();'),
    ],
    invalid: [
      {
        code: VOICE_SEARCH('    if (recognition) {\n      recognition.stop();\n      recognition = undefined;\n    }'),
        errors: [{ messageId: 'listenerLeftByTeardown', data: { event: 'end', emitter: 'recognition', remover: 'dispose', teardown: 'stop' }, line: 7, column: 5, endLine: 7, endColumn: 47 }],
      },
    ],
  },
});

/** worker-loader 2.0.0's inline worker: the object URL made for the worker's script. */
const INLINE_WORKER = (make: string) => `export function inlineWorker(content: string): Worker {
  const blob = new Blob([content]);
${make}
}`;

runInBothModes('require-async-dispose (an object URL handed straight to a worker)', rule, {
  both: {
    valid: [
      // 3.0.0: kept and revoked once the worker has its script
      INLINE_WORKER('  const objectURL = URL.createObjectURL(blob);\n  const worker = new Worker(objectURL);\n  URL.revokeObjectURL(objectURL);\n  return worker;'),
      // handed to something that keeps it (a component's state, an element): revocable through it
      `declare function setPreview(url: string): void;\nexport function preview(file: Blob): void {\n  setPreview(URL.createObjectURL(file));\n}`,
      `export function play(file: Blob): HTMLAudioElement {\n  return new Audio(URL.createObjectURL(file));\n}`,
    ],
    invalid: [
      {
        code: INLINE_WORKER('  return new Worker(URL.createObjectURL(blob));'),
        errors: [{ messageId: 'objectUrlNeverRevoked', data: { consumer: 'new Worker' }, line: 3, column: 21, endLine: 3, endColumn: 46 }],
      },
      {
        code: `declare function importScripts(...urls: string[]): void;\nexport function load(code: string): void {\n  importScripts(URL.createObjectURL(new Blob([code])));\n}`,
        errors: [{ messageId: 'objectUrlNeverRevoked', data: { consumer: 'importScripts' }, line: 3, column: 17, endLine: 3, endColumn: 54 }],
      },
    ],
  },
});

/** jaeger-client 3.14.4's HTTP sender: the response callback of its request. */
const HTTP_SENDER = (callback: string) => `import http from 'node:http';
import https from 'node:https';
export function flush(url: URL, options: http.RequestOptions, body: Buffer, done: (error?: string) => void): void {
  const requester = url.protocol === 'https:' ? https.request : http.request;
  const req = requester(options, ${callback});
  req.on('error', (error) => done(String(error)));
  req.end(body);
}`;

runInBothModes('require-async-dispose (an http response callback that never reads the response)', rule, {
  both: {
    valid: [
      // 3.15.0: the body is discarded
      HTTP_SENDER('(resp) => {\n    resp.resume();\n    done();\n  }'),
      // read, piped or handed on
      HTTP_SENDER("(resp) => {\n    resp.on('data', () => {});\n    resp.on('end', () => done());\n  }"),
      HTTP_SENDER('(resp) => {\n    collect(resp, done);\n  }').replace('export function', 'declare function collect(r: http.IncomingMessage, d: () => void): void;\nexport function'),
      // not a request of Node's http client
      `declare const client: { request(options: object, callback: (res: { statusCode: number }) => void): void };\nexport function ping(done: () => void): void {\n  client.request({}, (res) => {\n    if (res.statusCode === 200) done();\n  });\n}`,
    ],
    invalid: [
      {
        code: HTTP_SENDER('(resp) => {\n    done();\n  }'),
        errors: [{ messageId: 'responseNeverRead', data: { callee: '`http.request`/`https.request`', response: '`resp`', name: 'resp' }, line: 5, column: 15, endLine: 5, endColumn: 24 }],
      },
      {
        // only its status is read
        code: `import https from 'node:https';\nexport function check(url: string, done: (ok: boolean) => void): void {\n  https.get(url, (res) => {\n    done(res.statusCode === 200);\n  });\n}`,
        errors: [{ messageId: 'responseNeverRead', data: { callee: '`https.get`', response: '`res`', name: 'res' }, line: 3, column: 3, endLine: 3, endColumn: 12 }],
      },
    ],
  },
});

/** eventsource 0.2.2: the listener that reconnects when the stream ends. */
const EVENT_SOURCE = (listen: string, guard = '') => `declare function connect(): void;
declare const res: NodeJS.EventEmitter;
let readyState = 1;
function onConnectionClosed(): void {
${guard}  readyState = 0;
  setTimeout(() => {
    if (readyState !== 0) return;
    connect();
  }, 1000);
}
export function open(): void {
${listen}
}`;

runInBothModes("require-async-dispose (one restarting listener on two of a stream's ending events)", rule, {
  both: {
    valid: [
      // 0.2.3: both taken off when the first fires
      EVENT_SOURCE("  res.on('close', () => {\n    res.removeAllListeners('close');\n    res.removeAllListeners('end');\n    onConnectionClosed();\n  });\n  res.on('end', () => {\n    res.removeAllListeners('close');\n    res.removeAllListeners('end');\n    onConnectionClosed();\n  });"),
      // one event only
      EVENT_SOURCE("  res.on('close', onConnectionClosed);"),
      // a guard the listener itself makes true
      EVENT_SOURCE("  res.on('close', onConnectionClosed);\n  res.on('end', onConnectionClosed);", '  if (readyState === 0) return;\n'),
      // an `||` guard one of whose operands the listener sets (ldclient-node's copy of eventsource)
      EVENT_SOURCE("  res.on('close', onConnectionClosed);\n  res.on('end', onConnectionClosed);", '  if (pending || readyState === 2) return;\n  pending = true;\n').replace('let readyState = 1;', 'let readyState = 1;\nlet pending = false;'),
      // work started only for an error (subscriptions-transport-ws's close handler)
      `declare const socket: NodeJS.EventEmitter & { close(code: number): void };\ndeclare function cleanUp(): void;\nfunction closed(error?: Error): void {\n  if (error) {\n    setTimeout(() => socket.close(1011), 10);\n  }\n  cleanUp();\n}\nexport function watch(): void {\n  socket.on('error', closed);\n  socket.on('close', closed);\n}`,
      // a listener that restarts nothing
      `declare const stream: NodeJS.EventEmitter;\ndeclare function log(message: string): void;\nfunction ended(): void {\n  log('ended');\n}\nexport function watch(): void {\n  stream.on('end', ended);\n  stream.on('close', ended);\n}`,
    ],
    invalid: [
      {
        code: EVENT_SOURCE("  res.on('close', onConnectionClosed);\n  res.on('end', onConnectionClosed);"),
        errors: [{ messageId: 'endListenerDoubled', data: { listener: 'onConnectionClosed', first: 'close', second: 'end', line: '12', emitter: 'res' }, line: 13, column: 3, endLine: 13, endColumn: 36 }],
      },
      {
        // the guard tests a state the listener does not set back
        code: EVENT_SOURCE("  res.on('close', onConnectionClosed);\n  res.on('end', onConnectionClosed);", '  if (readyState === 2) return;\n'),
        errors: [{ messageId: 'endListenerDoubled', data: { listener: 'onConnectionClosed', first: 'close', second: 'end', line: '13', emitter: 'res' }, line: 14, column: 3, endLine: 14, endColumn: 36 }],
      },
    ],
  },
});

/** graphql-subscriptions 0.4.2's withFilter: an async iterator over the PubSub's. */
const WITH_FILTER = (close: string) => `export function withFilter(asyncIteratorFn: () => AsyncIterator<unknown>, filterFn: (value: unknown) => boolean) {
  return () => {
    const asyncIterator = asyncIteratorFn();
    const getNextPromise = (): Promise<IteratorResult<unknown>> =>
      asyncIterator.next().then((payload) => (filterFn(payload.value) ? payload : getNextPromise()));
    return {
      next() {
        return getNextPromise();
      },
      return() {
${close}
      },
    };
  };
}`;

runInBothModes('require-async-dispose (an async iterator over another whose return() does not close it)', rule, {
  both: {
    valid: [
      // 0.4.3: the close is passed on
      WITH_FILTER('        return asyncIterator.return ? asyncIterator.return() : Promise.resolve({ value: undefined, done: true });'),
      // an iterator over nothing that holds anything
      `export function counter(limit: number) {\n  let count = 0;\n  return {\n    next() {\n      count++;\n      return Promise.resolve({ value: count, done: count > limit });\n    },\n    return() {\n      return Promise.resolve({ value: undefined, done: true });\n    },\n  };\n}`,
    ],
    invalid: [
      {
        code: WITH_FILTER('        return Promise.resolve({ value: undefined, done: true });'),
        errors: [{ messageId: 'iteratorReturnNotForwarded', data: { inner: 'asyncIterator' }, line: 11, column: 9, endLine: 11, endColumn: 66 }],
      },
    ],
  },
});

/** @web/test-runner-selenium 0.3.2's launcher: a heartbeat interval that clears itself only when its own call fails. */
const HEARTBEAT = (stop: string) => `export class SeleniumLauncher {
  private pendingHeartbeat?: ReturnType<typeof setInterval>;
  private driver?: { getTitle(): Promise<string>; quit(): Promise<void> };
  async stop() {
    await this.driver?.quit();
${stop}    this.driver = undefined;
  }
  async stopSession() {
    if (this.pendingHeartbeat) clearInterval(this.pendingHeartbeat);
  }
  heartbeat() {
    this.pendingHeartbeat = setInterval(async () => {
      try {
        await this.driver?.getTitle();
      } catch {
        clearInterval(this.pendingHeartbeat);
      }
    }, 60000);
  }
}`;

runInBothModes("require-async-dispose (an interval whose only clears are its own callback's and a method the stop does not run)", rule, {
  both: {
    valid: [
      // 0.3.3: the stop clears it
      HEARTBEAT('    if (this.pendingHeartbeat) clearInterval(this.pendingHeartbeat);\n'),
      // the stop runs the method that clears it
      HEARTBEAT('    await this.stopSession();\n'),
    ],
    invalid: [
      {
        code: HEARTBEAT(''),
        errors: [keptTimerError(12, 29, 40, { field: 'pendingHeartbeat', stop: 'stop', timer: 'an interval', until: ' for good', clear: 'clearInterval' })],
      },
    ],
  },
});

/** strophe.js 1.3.3's WebSocket transport: the old socket closed and dropped, its handlers left on. */
const STROPHE = (closeSocket: string) => `var Strophe = {};
Strophe.Websocket = function (connection) { this._conn = connection; };
Strophe.Websocket.prototype = {
    _connect: function () {
        this._closeSocket();
        this.socket = new WebSocket(this._conn.service, 'xmpp');
        this.socket.onopen = this._onOpen.bind(this);
        this.socket.onerror = this._onError.bind(this);
        this.socket.onclose = this._onClose.bind(this);
        this.socket.onmessage = this._onMessage.bind(this);
    },
    _closeSocket: function () {
        if (this.socket) {
            try {
${closeSocket}                this.socket.close();
            } catch (e) {}
        }
        this.socket = null;
    },
    _onOpen: function () {},
    _onError: function (error) { this._conn._changeConnectStatus('error', error); },
    _onClose: function () { this._conn._doDisconnect(); },
    _onMessage: function (message) { this._conn.xmlInput(message.data); },
};
module.exports = Strophe;`;

runInBothModes("require-async-dispose (a socket's handlers left on the old socket when it is replaced)", rule, {
  both: {
    valid: [
      // 1.3.4: both taken off before the close
      { code: STROPHE('                this.socket.onclose = null;\n                this.socket.onerror = null;\n                this.socket.onmessage = null;\n'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a handler that is no function of the owner
      `declare class Socket { constructor(url: string); onclose: ((event: unknown) => void) | null; close(): void }
export class Client {
  private socket?: Socket;
  connect(url: string) {
    this.socket?.close();
    this.socket = new Socket(url);
    this.socket.onclose = function (event: unknown) { console.log('closed', event); };
  }
}`,
      // nothing closed before the new socket: nothing stale fires
      `declare class Socket { constructor(url: string); onclose: ((event: unknown) => void) | null; close(): void }
export class Client {
  private socket?: Socket;
  connect(url: string) {
    this.socket = new Socket(url);
    this.socket.onclose = () => this.reconnect();
  }
  reconnect() {}
}`,
    ],
    invalid: [
      {
        // 1.3.3: onerror taken off, onclose left on
        code: STROPHE('                this.socket.onerror = null;\n'),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'socketHandlerLeftOnReplace', data: { closer: 'this._closeSocket()', line: '5', socket: 'this.socket', event: 'close' }, line: 9, column: 9, endLine: 9, endColumn: 55 }],
      },
      {
        // 1.2.14: neither
        code: STROPHE(''),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [
          { messageId: 'socketHandlerLeftOnReplace', data: { closer: 'this._closeSocket()', line: '5', socket: 'this.socket', event: 'error' }, line: 8, column: 9, endLine: 8, endColumn: 55 },
          { messageId: 'socketHandlerLeftOnReplace', data: { closer: 'this._closeSocket()', line: '5', socket: 'this.socket', event: 'close' }, line: 9, column: 9, endLine: 9, endColumn: 55 },
        ],
      },
      {
        // a class closing the old socket in place, its handler an arrow of the owner
        code: `declare class Socket { constructor(url: string); onclose: ((event: unknown) => void) | null; close(): void }
export class Client {
  private socket?: Socket;
  connect(url: string) {
    this.socket?.close();
    this.socket = new Socket(url);
    this.socket.onclose = () => this.reconnect();
  }
  reconnect() {}
}`,
        errors: [{ messageId: 'socketHandlerLeftOnReplace', data: { closer: 'this.socket?.close()', line: '5', socket: 'this.socket', event: 'close' }, line: 7, column: 5, endLine: 7, endColumn: 49 }],
      },
    ],
  },
});

/** irc-upd 0.6.2's client: a reconnect armed when the connection closes, its handle dropped. */
const IRC_CLIENT = (arm: string, disconnect: string) => `function Client(server) {
    this.server = server;
}
Client.prototype.connect = function (retryCount) {
    var self = this;
    self.conn = createConnection(self.server);
    self.conn.addListener('close', function () {
        if (self.conn && self.conn.requestedDisconnect) return;
        self.conn = null;
${arm}
    });
};
Client.prototype.disconnect = function () {
${disconnect}
    if (this.conn) {
        this.conn.requestedDisconnect = true;
        this.conn.end();
    }
};
module.exports = Client;`;

runInBothModes('require-async-dispose (a reconnect timer armed on close whose handle is dropped)', rule, {
  both: {
    valid: [
      // 0.8.0: the handle is kept and the disconnect clears it
      { code: IRC_CLIENT('        self.retryTimeout = setTimeout(function () {\n            self.connect(retryCount + 1);\n        }, 2000);', '    if (this.retryTimeout) clearTimeout(this.retryTimeout);'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a deferral, not a wait
      { code: IRC_CLIENT('        setTimeout(function () {\n            self.connect(retryCount + 1);\n        }, 0);', ''), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the connect honours a stop that sets a state
      { code: IRC_CLIENT('        setTimeout(function () {\n            self.connect(retryCount + 1);\n        }, 2000);', '    this.stopped = true;').replace('    var self = this;\n', '    if (this.stopped) return;\n    var self = this;\n'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // the callback checks before reconnecting
      { code: IRC_CLIENT('        setTimeout(function () {\n            if (!self.active) return;\n            self.connect(retryCount + 1);\n        }, 2000);', ''), filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: IRC_CLIENT('        setTimeout(function () {\n            self.connect(retryCount + 1);\n        }, self.retryDelay);', ''),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'reconnectTimerDropped', data: { work: 'self.connect', event: 'close', stop: 'disconnect' }, line: 10, column: 9, endLine: 10, endColumn: 19 }],
      },
      {
        // a class, reconnecting through a bound method
        code: `import { EventEmitter } from 'node:events';
declare function dial(url: string): EventEmitter;
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
}`,
        errors: [{ messageId: 'reconnectTimerDropped', data: { work: 'this.connect', event: 'close', stop: 'close' }, line: 9, column: 7, endLine: 9, endColumn: 48 }],
      },
    ],
  },
});

/** amazon-qldb-driver-nodejs 3.0.0's retry loop: a new session made to replace a dead one, and dropped. */
const QLDB_DRIVER = (replace: string) => `declare function openCommunicator(ledger: string): Promise<{ end(): Promise<void> }>;
class QldbSession {
  constructor(private readonly communicator: { end(): Promise<void> }) {}
  async executeLambda(lambda: () => Promise<unknown>) { return lambda(); }
  async endSession() { await this.communicator.end(); }
}
export class QldbDriver {
  constructor(private readonly ledger: string) {}
  async executeLambda(lambda: () => Promise<unknown>) {
    const createNewSession = async (driver: QldbDriver) => {
      const communicator = await openCommunicator(driver.ledger);
      return new QldbSession(communicator);
    };
    let session: QldbSession | null = null;
    for (let attempt = 1; attempt < 4; attempt++) {
      try {
${replace}
        return await session!.executeLambda(lambda);
      } catch {
        session = null;
      }
    }
    return undefined;
  }
}`;

runInBothModes('require-async-dispose (a session a function of the file makes, dropped)', rule, {
  both: {
    valid: [
      // 3.0.1: kept
      QLDB_DRIVER('        session = await createNewSession(this);'),
      // a function that returns something else too: not only a resource
      `class Client { constructor(readonly url: string) {} }
export async function warm(urls: string[]) {
  const make = async (url: string) => (url ? new Client(url) : null);
  await make(urls[0] ?? '');
}`,
      // a class not named for a resource
      `class Report { constructor(readonly rows: unknown[]) {} }
export async function build(rows: unknown[]) {
  const createReport = async () => new Report(rows);
  await createReport();
}`,
    ],
    invalid: [
      {
        code: QLDB_DRIVER('        await createNewSession(this);'),
        errors: [{ messageId: 'createdResourceDropped', data: { callee: 'createNewSession', made: 'QldbSession' }, line: 17, column: 9, endLine: 17, endColumn: 38 }],
      },
    ],
  },
});

/** @google-cloud/debug-agent 2.3.0's Debuglet, compiled for ES5: a `process` listener added by every run of the async `start()`. */
const DEBUGLET = (listener: string) => `var Debuglet = /** @class */ (function () {
    function Debuglet(config) {
        this.config = config;
        this.logger = config.logger;
    }
    Debuglet.prototype.start = function () {
        return __awaiter(this, void 0, void 0, function () {
            var that;
            return __generator(this, function (_a) {
                switch (_a.label) {
                    case 0:
                        that = this;
${listener}
                        return [4 /*yield*/, this.config.load()];
                    case 1:
                        _a.sent();
                        return [2 /*return*/];
                }
            });
        });
    };
    Debuglet.prototype.stop = function () {
        this.logger.info('stopped');
    };
    return Debuglet;
}());
exports.Debuglet = Debuglet;`;

runInBothModes('require-async-dispose (process listeners of an ES5 class that can be stopped)', rule, {
  both: {
    valid: [
      // 2.3.2: no listener
      { code: DEBUGLET('                        that.logger.info(that.config.name);'), filename: path.join(FIXTURES_DIR, 'file.js') },
      // taken off in the file
      { code: `${DEBUGLET("                        process.on('warning', that.onWarning);")}\nDebuglet.prototype.onWarning = function () {};\nprocess.removeListener('warning', Debuglet.prototype.onWarning);`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // no stop method: the instance lives as long as the process
      { code: `function Agent(config) {\n  this.config = config;\n}\nAgent.prototype.start = function () {\n  process.on('warning', (warning) => this.config.log(warning));\n};\nmodule.exports = Agent;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // a method that does not start the instance: one per process
      { code: `function Daemon(config) {\n  this.config = config;\n}\nDaemon.prototype.handleSignals = function () {\n  process.on('SIGTERM', () => this.config.log('term'));\n};\nDaemon.prototype.close = function () {\n  process.exit(0);\n};\nmodule.exports = Daemon;`, filename: path.join(FIXTURES_DIR, 'file.js') },
      // added in a callback the method hands on, not by the method itself
      { code: `function Agent(config) {\n  this.config = config;\n}\nAgent.prototype.start = function () {\n  this.config.ready(() => {\n    process.on('warning', (warning) => this.config.log(warning));\n  });\n};\nAgent.prototype.stop = function () {};\nmodule.exports = Agent;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: DEBUGLET("                        process.on('warning', function (warning) {\n                            that.logger.info(warning.message);\n                        });"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [processError(13, 25, 35, { verb: 'on', event: 'warning', method: 'start', stop: 'stop' })],
      },
      {
        code: `function Agent(config) {\n  this.config = config;\n}\nAgent.prototype.start = function () {\n  process.on('warning', (warning) => this.config.log(warning));\n};\nAgent.prototype.stop = function () {\n  this.config.log('stopped');\n};\nmodule.exports = Agent;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [processError(5, 3, 63, { verb: 'on', event: 'warning', method: 'start', stop: 'stop' })],
      },
      // a class method compiled to __awaiter is read as the method
      {
        code: `class Agent {\n  start() {\n    return __awaiter(this, void 0, void 0, function* () {\n      process.on('warning', (warning) => this.log(warning));\n      yield this.load();\n    });\n  }\n  stop() {}\n}\nmodule.exports = Agent;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [processError(4, 7, 60, { verb: 'on', event: 'warning', method: 'start', stop: 'stop' })],
      },
    ],
  },
});

/** @dynamic-labs/wagmi-connector 4.71.0's connector: listeners bound in `connect()` and "taken off" by binding them again. */
const BOUND_CONNECTOR = (removals: string) => `const getCreateConnectorFn = ({ wallet }) => createConnector(() => ({
  async connect() {
    wallet.connector.on('accountChange', this.handleAccountsChange.bind(this));
    wallet.connector.on('chainChange', this.handleChainChange);
    return this.getAccounts();
  },
  async disconnect() {
${removals}
  },
}));
module.exports = { getCreateConnectorFn };`;

runInBothModes('require-async-dispose (a bound listener taken off by binding it again)', rule, {
  both: {
    valid: [
      // the removal passes a function kept elsewhere
      { code: BOUND_CONNECTOR("    wallet.connector.off('accountChange', this.listeners.accountChange);"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // another event, another emitter
      { code: BOUND_CONNECTOR("    wallet.connector.off('chainChange', this.handleAccountsChange.bind(this));\n    wallet.other.off('accountChange', this.handleAccountsChange.bind(this));"), filename: path.join(FIXTURES_DIR, 'file.js') },
      // a DOM target: the same
      { code: `class Panel {\n  open() { window.addEventListener('resize', this.layout); }\n  close() { window.removeEventListener('resize', this.layout); }\n  layout() {}\n}\nmodule.exports = Panel;`, filename: path.join(FIXTURES_DIR, 'file.js') },
    ],
    invalid: [
      {
        code: BOUND_CONNECTOR("    wallet.connector.off('accountChange', this.handleAccountsChange.bind(this));\n    wallet.connector.off('chainChange', this.handleChainChange);"),
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'boundListenerRemovedAsNew', data: { bound: 'this.handleAccountsChange', target: 'wallet.connector', event: 'accountChange', line: '8' }, line: 3, column: 5, endLine: 3, endColumn: 79 }],
      },
      {
        code: `class Panel {\n  open() {\n    window.addEventListener('resize', this.layout.bind(this));\n  }\n  close() {\n    window.removeEventListener('resize', this.layout.bind(this));\n  }\n  layout() {}\n}\nmodule.exports = Panel;`,
        filename: path.join(FIXTURES_DIR, 'file.js'),
        errors: [{ messageId: 'boundListenerRemovedAsNew', data: { bound: 'this.layout', target: 'window', event: 'resize', line: '6' }, line: 3, column: 5, endLine: 3, endColumn: 62 }],
      },
    ],
  },
});
