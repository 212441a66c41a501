import * as assert from 'node:assert/strict';

import { buildExportTable } from '../../../eslint-plugin/src/modules/exportTable';

/** The table of `text` as plain objects: export name → result, and the re-exports. */
function tableOf(text: string, fileName = '/project/src/module.ts') {
  const table = buildExportTable(fileName, text);
  if (!table) return null;
  return {
    results: Object.fromEntries(table.results),
    reexportAll: [...table.reexportAll],
    reexportNamed: Object.fromEntries(table.reexportNamed),
  };
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
    assert.deepEqual(tableOf('export default (async () => {}) as () => Promise<void>;')?.results, { default: 'promise' });
  });

  it('parses JSX in .tsx and .jsx files', () => {
    assert.deepEqual(tableOf('export async function render() { return <div />; }', '/project/src/view.tsx')?.results, { render: 'promise' });
    assert.deepEqual(tableOf('export async function render() { return <div />; }', '/project/src/view.jsx')?.results, { render: 'promise' });
  });

  it('says nothing about a file with syntax errors, and skips parsing files that cannot export promises', () => {
    assert.equal(tableOf('export async function broken( { '), null);
    assert.deepEqual(tableOf('export function add(a, b) { return a + b; }'), { results: {}, reexportAll: [], reexportNamed: {} });
  });
});
