import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import * as espree from 'espree';

import { parseExportTable } from '../../../eslint-plugin/src/modules/estreeExportTable';
import { buildExportTable, type ExportTable } from '../../../eslint-plugin/src/modules/exportTable';

function plain(table: ExportTable | null) {
  if (!table) return null;
  return {
    results: Object.fromEntries(table.results),
    members: plainMembers(table.members),
    classes: plainMembers(table.classes),
    reexportAll: [...table.reexportAll],
    reexportNamed: Object.fromEntries(table.reexportNamed),
  };
}

function plainMembers(tables: ExportTable['members']) {
  return Object.fromEntries([...tables].map(([name, table]) => [name, { methods: Object.fromEntries(table.methods), base: table.base }]));
}

/**
 * The table of `text` as plain objects: export name → result, and the re-exports. Read with TypeScript's
 * parser (what runs where TypeScript is installed), and checked to be the same when read from an ESTree
 * (what runs without TypeScript): from typescript-eslint's parser, and from ESLint's default parser for
 * JavaScript files.
 */
function tableOf(text: string, fileName = '/project/src/module.ts') {
  const table = plain(buildExportTable(fileName, text));
  assert.deepEqual(plain(parseExportTable(parser, fileName, text)), table, 'the ESTree reading (typescript-eslint\'s parser) agrees');
  if (/\.[cm]?jsx?$/.test(fileName)) assert.deepEqual(plain(parseExportTable(espree, fileName, text)), table, 'the ESTree reading (espree) agrees');
  return table;
}

describe('buildExportTable (what other files export, read from syntax)', () => {
  it('classifies exported functions by `async` and by their written return type', () => {
    const table = tableOf(`
      export async function load(): Promise<string> { return ''; }
      export function save(): Promise<void> { return Promise.resolve(); }
      export function later(): PromiseLike<void> { return { then() {} } as never; }
      export function maybe(): (Promise<void> | undefined) { return undefined; }
      export const remove = async (id: string) => { void id; };
      export const count = (): number => 1;
      export function* rows() {}
      export async function* stream() {}
      export let mutable = async () => {};
      export default async function () {}
    `);
    assert.deepEqual(table?.results, {
      load: 'promise',
      save: 'promise',
      later: 'thenable',
      maybe: 'promise',
      remove: 'promise',
      count: null,
      rows: null,
      stream: null,
      mutable: null,
      default: 'promise',
    });
  });

  it('classifies functions that only return a promise they make (`new Promise`, `Promise.resolve`) as promise-returning', () => {
    const table = tableOf(
      `
      function wrap(run) { return new Promise(function (resolve, reject) { run(resolve, reject); }); }
      const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      function either(flag) { if (flag) return Promise.resolve(1); return (new Promise((resolve) => resolve(2))); }
      function sometimes(flag) { if (!flag) return; return new Promise((resolve) => resolve(flag)); }
      function mixed(flag) { return flag ? new Promise((resolve) => resolve(1)) : 2; }
      function inner() { const f = () => { return new Promise(() => {}); }; return f; }
      function empty() {}
      function resolvers() { return Promise.withResolvers(); }
      module.exports = { wrap, later, either, sometimes, mixed, inner, empty, resolvers, init: function (s) { return new Promise((resolve) => resolve(s)); } };
    `,
      '/project/src/git.js',
    );
    assert.deepEqual(table?.members.default?.methods, {
      wrap: 'promise',
      later: 'promise',
      either: 'promise',
      sometimes: null,
      mixed: null,
      inner: null,
      empty: null,
      resolvers: null,
      init: 'promise',
    });
  });

  it('knows the promises of a promise library the file requires or imports (Bluebird)', () => {
    const table = tableOf(
      `
      const BB = require('bluebird');
      const Promise = require('bluebird');
      const { map } = require('bluebird');
      function owner(p) { if (!p) return BB.resolve(); return new BB((resolve) => resolve(p)); }
      function each(xs) { return Promise.mapSeries(xs, (x) => x); }
      function mapped(xs) { return map(xs, (x) => x); }
      function other(xs) { return BB.promisifyAll(xs); }
      module.exports = { owner, each, mapped, other };
    `,
      '/project/src/fix-owner.js',
    );
    assert.deepEqual(table?.members.default?.methods, { owner: 'promise', each: 'promise', mapped: 'promise', other: null });
  });

  it("knows the promises of a package's catalogued promise API the file requires or imports", () => {
    const table = tableOf(
      `
      const BB = require('bluebird');
      const inflight = require('promise-inflight');
      const axios = require('axios');
      const { execa } = require('execa');
      const open = require('open');
      const helper = require('./helper');
      function fixOwner(p, uid) { if (typeof uid !== 'number') return BB.resolve(); return inflight('fix ' + p, () => work(p)); }
      function fetchJson(url) { return axios.get(url); }
      function git(args) { return execa('git', args); }
      function show(url) { return open(url); }
      function local(p) { return helper(p); }
      function sync(p) { return axios.create(p); }
      module.exports = { fixOwner, fetchJson, git, show, local, sync };
    `,
      '/project/src/fix-owner.js',
    );
    // \`open\` returned a child process before its version 6: not known without the project's declared version
    assert.deepEqual(table?.members.default?.methods, { fixOwner: 'promise', fetchJson: 'promise', git: 'promise', show: null, local: null, sync: null });
  });

  it('does not take `new Promise` for the global one where the file declares its own `Promise`', () => {
    const table = tableOf(`
      class Promise { constructor(run) { this.run = run; } }
      export function wrap(run) { return new Promise(run); }
    `);
    assert.equal(table?.results.wrap, null);
  });

  it('follows local names, type aliases, overloads and ambient declarations', () => {
    const table = tableOf(`
      type Job = Promise<void>;
      async function run(): Job {}
      function plain(x: string): string;
      function plain(x: number): number;
      function plain(x: unknown) { return x; }
      function fetchIt(x: string): Promise<string>;
      function fetchIt(x: number): Promise<number>;
      async function fetchIt(x: unknown) { return x; }
      export declare function external(): Promise<void>;
      export declare const handler: () => Promise<void>;
      const alias = run;
      export { run, plain, fetchIt, alias as renamed, run as "string name" };
      export type { Job };
    `);
    assert.deepEqual(table?.results, {
      external: 'promise',
      handler: 'promise',
      run: 'promise',
      plain: null,
      fetchIt: 'promise',
      renamed: 'promise',
      'string name': 'promise',
    });
  });

  it('ends alias cycles between top-level names, and follows a chain of aliases a few steps', () => {
    const table = tableOf(`
      export const a = b;
      const b = a;
      export { b };
      export const self = self;
      async function load() {}
      const one = load;
      const two = one;
      const three = two;
      export { three };
    `);
    assert.deepEqual(table?.results, { a: null, b: null, self: null, three: 'promise' });
  });

  it('lists re-exports to follow on demand, and skips type-only and namespace re-exports', () => {
    const table = tableOf(`
      export * from './all';
      export * as ns from './namespace';
      export { a, b as c } from './named';
      export type { T } from './types';
      export { type U, v } from './mixed';
      async function keepParsing() {}
    `);
    assert.deepEqual(table?.reexportAll, ['./all']);
    assert.deepEqual(table?.reexportNamed, {
      a: { specifier: './named', name: 'a' },
      c: { specifier: './named', name: 'b' },
      v: { specifier: './mixed', name: 'v' },
    });
  });

  it('reads an export that passes an import on as a re-export of it (index files)', () => {
    const esm = tableOf(`
      import { save, load as read } from './store';
      import main from './main';
      async function own() {}
      export { save, read, own };
      export default main;
    `);
    assert.deepEqual(esm?.results, { own: 'promise' });
    assert.deepEqual(esm?.reexportNamed, {
      save: { specifier: './store', name: 'save' },
      read: { specifier: './store', name: 'load' },
      default: { specifier: './main', name: 'default' },
    });
    const commonJs = tableOf(
      `
      const { Store, store } = require('./store');
      const hash = require('./hash');
      function size() { return 0; }
      module.exports = { Store, store, hash, size, count: size };
      exports.open = require('./open').open;
    `,
      '/project/lib/index.js',
    );
    assert.deepEqual(commonJs?.results, { size: null, count: null, open: null });
    assert.deepEqual(commonJs?.reexportNamed, {
      Store: { specifier: './store', name: 'Store' },
      store: { specifier: './store', name: 'store' },
      hash: { specifier: './hash', name: 'default' },
    });
    const spread = tableOf(`const store = require('./store');\nmodule.exports = { ...require('./hash'), ...store, async run() {} };\n`, '/project/lib/all.js');
    assert.deepEqual(spread?.reexportAll, ['./hash', './store']);
    assert.deepEqual(spread?.results, { run: 'promise' });
    const whole = tableOf(`module.exports = require('./impl');\n`, '/project/lib/main.js');
    assert.deepEqual([whole?.reexportAll, whole?.reexportNamed, whole?.results], [['./impl'], { default: { specifier: './impl', name: 'default' } }, {}]);
  });

  it('reads CommonJS exports: objects, shorthand, methods, member assignments and the whole module', () => {
    const objectExports = tableOf(
      `
      async function flush() {}
      function size() { return 0; }
      module.exports = { flush, size, drain: async () => {}, async close() {}, ['quoted']: async function () {} };
      exports.open = async () => {};
      module.exports.stop = function () {};
      module.exports['start'] = async () => {};
    `,
      '/project/lib/worker.js',
    );
    assert.deepEqual(objectExports?.results, {
      flush: 'promise',
      size: null,
      drain: 'promise',
      close: 'promise',
      quoted: 'promise',
      open: 'promise',
      stop: null,
      start: 'promise',
    });
    assert.deepEqual(tableOf('module.exports = async function main() {};', '/project/lib/main.cjs')?.results, { default: 'promise' });
    // a script, not a module: a top-level `return`
    assert.deepEqual(tableOf('if (process.env.SKIP) return;\nexports.run = async () => {};\n', '/project/lib/legacy.js')?.results, { run: 'promise' });
    assert.deepEqual(tableOf('export default (async () => {}) as () => Promise<void>;')?.results, { default: 'promise' });
  });

  it('parses JSX in .tsx and .jsx files', () => {
    assert.deepEqual(tableOf('export async function render() { return <div />; }', '/project/src/view.tsx')?.results, { render: 'promise' });
    assert.deepEqual(tableOf('export async function render() { return <div />; }', '/project/src/view.jsx')?.results, { render: 'promise' });
  });

  it('says nothing about a file with syntax errors, and skips parsing files that cannot export promises', () => {
    assert.equal(tableOf('export async function broken( { '), null);
    assert.deepEqual(tableOf('export function add(a, b) { return a + b; }'), { results: {}, members: {}, classes: {}, reexportAll: [], reexportNamed: {} });
  });

  it('reads the methods of exported classes, their instances and object literals (ES modules)', () => {
    const table = tableOf(`
      import { Model } from './model';
      class Base {
        async close(): Promise<void> {}
        size() { return 0; }
      }
      export class Store extends Base {
        static async open() { return new Store(); }
        load = async (id: string) => id;
        async save() {}
        size() { return 1; }
        get ready() { return true; }
      }
      export class Users extends Model {
        async find() {}
      }
      export abstract class Job {
        abstract run(): Promise<void>;
      }
      class Api { async list() { return []; } }
      export const api = new Api();
      export const helpers = { async fetchAll() {}, format: (x: string) => x, load };
      async function load() {}
      export default new Store();
    `);
    assert.deepEqual(table?.classes, {
      Store: { methods: { load: 'promise', save: 'promise', size: null, ready: null, close: 'promise' }, base: null },
      Users: { methods: { find: 'promise' }, base: { specifier: './model', name: 'Model' } },
      Job: { methods: { run: 'promise' }, base: null },
    });
    assert.deepEqual(table?.members, {
      Store: { methods: { open: 'promise' }, base: null },
      Users: { methods: {}, base: { specifier: './model', name: 'Model' } },
      api: { methods: { list: 'promise' }, base: null },
      helpers: { methods: { fetchAll: 'promise', format: null, load: 'promise' }, base: null },
      default: { methods: { load: 'promise', save: 'promise', size: null, ready: null, close: 'promise' }, base: null },
    });
  });

  it('reads the methods of CommonJS exports: classes, singletons, objects of classes, and required bases', () => {
    const table = tableOf(
      `
      const { EventEmitter } = require('events');
      const Base = require('./base');
      class Client extends Base {
        async query() {}
        end() {}
      }
      class Pool extends EventEmitter {
        async connect() {}
      }
      module.exports = new Client();
      module.exports.Client = Client;
      exports.Pool = Pool;
    `,
      '/project/lib/client.js',
    );
    assert.deepEqual(table?.classes, {
      Client: { methods: { query: 'promise', end: null }, base: { specifier: './base', name: 'default' } },
      Pool: { methods: { connect: 'promise' }, base: { specifier: 'events', name: 'EventEmitter' } },
    });
    assert.deepEqual(table?.members, {
      default: { methods: { query: 'promise', end: null }, base: { specifier: './base', name: 'default' } },
      Client: { methods: {}, base: { specifier: './base', name: 'default' } },
      Pool: { methods: {}, base: { specifier: 'events', name: 'EventEmitter' } },
    });
    const objectOfClasses = tableOf(
      `
      class Queue { async add() {} }
      const Worker = class { async run() {} };
      module.exports = { Queue, Worker, version: '1' };
    `,
      '/project/lib/index.js',
    );
    assert.deepEqual(objectOfClasses?.classes, { Queue: { methods: { add: 'promise' }, base: null }, Worker: { methods: { run: 'promise' }, base: null } });
    assert.deepEqual(tableOf('module.exports = class extends require("./base").Base { async stop() {} };', '/project/lib/a.js')?.classes, {
      default: { methods: { stop: 'promise' }, base: null },
    });
  });

  it('ends class cycles and alias cycles in shapes', () => {
    const table = tableOf(`
      class A extends B { async a() {} }
      class B extends A { async b() {} }
      const C = D;
      const D = C;
      export { A, C };
    `);
    assert.deepEqual(table?.classes, { A: { methods: { a: 'promise', b: 'promise' }, base: null } });
    assert.deepEqual(table?.members, {});
  });
});
