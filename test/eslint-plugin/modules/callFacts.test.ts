import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import * as espree from 'espree';
import * as ts from 'typescript';

import type { CallFacts } from '../../../eslint-plugin/src/modules/callFacts';
import { readCallFactsFromTree } from '../../../eslint-plugin/src/modules/estreeCallFacts';
import { parseWithFileParser } from '../../../eslint-plugin/src/modules/estreeExportTable';
import { readCallFactsWithTypeScript } from '../../../eslint-plugin/src/modules/tsCallFacts';
import { scriptKindOf } from '../../../eslint-plugin/src/modules/tsSyntax';

function plain(facts: CallFacts | null) {
  if (!facts) return null;
  return {
    exports: Object.fromEntries(facts.exports),
    functions: Object.fromEntries([...facts.functions].map(([key, fn]) => [key, { ...fn }])),
    reexportAll: [...facts.reexportAll],
    reexportNamed: Object.fromEntries(facts.reexportNamed),
    members: Object.fromEntries(facts.members),
    methods: Object.fromEntries(facts.methods),
  };
}

/**
 * The call facts of `text`, read with TypeScript's parser, and checked to be the same when read from an ESTree:
 * typescript-eslint's parser, and ESLint's default parser for JavaScript files.
 */
function factsOf(text: string, fileName = '/project/src/module.ts') {
  const sourceFile = ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKindOf(ts, fileName));
  const facts = plain(readCallFactsWithTypeScript(ts, sourceFile));
  const estree = parseWithFileParser(parser, fileName, text);
  assert.ok(estree);
  assert.deepEqual(plain(readCallFactsFromTree(estree)), facts, "the ESTree reading (typescript-eslint's parser) agrees");
  if (/\.[cm]?js$/.test(fileName)) {
    const tree = parseWithFileParser(espree, fileName, text);
    assert.ok(tree);
    assert.deepEqual(plain(readCallFactsFromTree(tree)), facts, 'the ESTree reading (espree) agrees');
  }
  return facts;
}

describe('call facts (what the functions of another file call when they run)', () => {
  it('reads the methods of classes: instance and static, class fields holding functions, inherited from a class of the file', () => {
    const facts = factsOf(`
      import crypto from 'node:crypto';
      import { Base } from './base';
      class Deriver {
        derive(p: string) { return crypto.pbkdf2Sync(p, 's', 1, 1, 'sha1'); }
        get size() { return crypto.randomBytes(1); }
      }
      export class Hasher extends Deriver {
        hash(p: string) { return this.derive(p); }
        async later(p: string) { return this.derive(p); }
        trim = (p: string) => this.helper(p);
        #secret() { return crypto.scryptSync('a', 'b', 1); }
        static load() { return this.open(); }
        static open() { return crypto.randomBytes(4); }
        constructor() { super(); crypto.randomBytes(2); }
      }
      export class Remote extends Base { run() { return this.derive(); } }
      const hasher = new Hasher();
      export { hasher };
      export const other = new Hasher();
      export default new Deriver();
    `);
    assert.deepEqual(facts?.members, {
      Hasher: { className: 'Hasher', instance: false },
      Remote: { className: 'Remote', instance: false },
      hasher: { className: 'Hasher', instance: true },
      other: { className: 'Hasher', instance: true },
      default: { className: 'Deriver', instance: true },
    });
    assert.deepEqual(facts?.methods, {
      'Deriver#derive': 'Deriver#derive',
      'Hasher#hash': 'Hasher#hash',
      'Hasher#later': 'Hasher#later',
      'Hasher#trim': 'Hasher#trim',
      'Hasher#derive': 'Deriver#derive',
      'Hasher.load': 'Hasher.load',
      'Hasher.open': 'Hasher.open',
      'Remote#run': 'Remote#run',
    });
    assert.deepEqual(facts?.functions['Hasher#hash'], { name: 'hash()', followed: true, local: ['Deriver#derive'], imported: [], globals: [] });
    assert.deepEqual(facts?.functions['Hasher#later']?.followed, false);
    assert.deepEqual(facts?.functions['Hasher#trim'], { name: 'trim()', followed: true, local: [], imported: [], globals: [] });
    assert.deepEqual(facts?.functions['Hasher.load'], { name: 'load()', followed: true, local: ['Hasher.open'], imported: [], globals: [] });
    assert.deepEqual(facts?.functions['Remote#run'], { name: 'run()', followed: true, local: [], imported: [], globals: [] });
    assert.deepEqual(facts?.functions['Deriver#derive']?.imported, [{ specifier: 'node:crypto', name: 'default', path: ['pbkdf2Sync'] }]);
  });

  it('reads CommonJS classes and instances (module.exports = new Store(), { Store })', () => {
    const instance = factsOf(`
      const fs = require('fs');
      class Store { load(f) { return fs.readFileSync(f); } }
      module.exports = new Store();
    `, '/project/src/store.js');
    assert.deepEqual(instance?.members, { default: { className: 'Store', instance: true } });
    const object = factsOf(`
      const fs = require('fs');
      class Store { static open(f) { return fs.readFileSync(f); } }
      const store = new Store();
      module.exports = { Store, store };
    `, '/project/src/store.js');
    assert.deepEqual(object?.members, { Store: { className: 'Store', instance: false }, store: { className: 'Store', instance: true } });
  });

  it('resolves calls against imports, requires, top-level functions and globals; parameters and locals hide them', () => {
    const facts = factsOf(`
      import fs from 'node:fs';
      import * as crypto from 'crypto';
      import { derive as d } from './derive';
      import zlib = require('zlib');
      const { execSync } = require('child_process');
      const read = require('./io').read;
      function helper() { return 1; }
      export function load(path: string) {
        helper();
        d();
        read();
        fs.readFileSync(path);
        crypto.pbkdf2Sync('a', 'b', 1, 1, 'sha1');
        zlib.gzipSync('x');
        execSync('ls');
        require('node:fs').statSync(path);
        Atomics.wait(new Int32Array(1), 0, 0);
        JSON.parse('1');
      }
      export function shadowed(fs: { readFileSync(p: string): string }, execSync: () => void) {
        const helper = () => 2;
        helper();
        execSync();
        try { fs.readFileSync('x'); } catch (crypto) { crypto.pbkdf2Sync(); }
      }
    `);
    assert.deepEqual(facts?.exports, { load: 'load', shadowed: 'shadowed' });
    assert.deepEqual(facts?.functions.load, {
      name: 'load()',
      followed: true,
      local: ['helper'],
      imported: [
        { specifier: './derive', name: 'derive', path: [] },
        { specifier: './io', name: 'read', path: [] },
        { specifier: 'node:fs', name: 'default', path: ['readFileSync'] },
        { specifier: 'crypto', name: 'default', path: ['pbkdf2Sync'] },
        { specifier: 'zlib', name: 'default', path: ['gzipSync'] },
        { specifier: 'child_process', name: 'execSync', path: [] },
        { specifier: 'node:fs', name: 'default', path: ['statSync'] },
      ],
      globals: [['Atomics', 'wait'], ['JSON', 'parse']],
    });
    assert.deepEqual(facts?.functions.shadowed, { name: 'shadowed()', followed: true, local: [], imported: [], globals: [] });
  });

  it('follows code that runs at once (array callbacks, IIFEs, Promise executors), not callbacks that run later', () => {
    const facts = factsOf(`
      import fs from 'fs';
      export function now(paths: string[]) {
        paths.map((p) => fs.statSync(p));
        (() => fs.existsSync('a'))();
        new Promise((resolve) => resolve(fs.readFileSync('b')));
        setTimeout(() => fs.unlinkSync('c'), 10);
        paths.forEach(async (p) => fs.rmSync(p));
        emitter.on('x', function () { fs.mkdirSync('d'); });
      }
      export async function later() { fs.readFileSync('e'); }
      export function* rows() { fs.readFileSync('f'); }
    `);
    assert.deepEqual(facts?.functions.now?.imported.map((call) => call.path[0]), ['statSync', 'existsSync', 'readFileSync']);
    assert.equal(facts?.functions.later?.followed, false, 'an async function is async code of its own');
    assert.equal(facts?.functions.rows?.followed, false);
  });

  it('reads the export forms: ES modules, CommonJS objects, methods and members, re-exports', () => {
    const esm = factsOf(`
      function a() {}
      const b = () => {};
      export { a, b as c };
      export default function () {}
      export * from './all';
      export { x as y } from './named';
    `);
    assert.deepEqual(esm?.exports, { a: 'a', c: 'b', default: 'export:default' });
    assert.deepEqual(esm?.reexportAll, ['./all']);
    assert.deepEqual(esm?.reexportNamed, { y: { specifier: './named', name: 'x' } });
    const cjs = factsOf(
      `
      const fs = require('fs');
      function hash() {}
      const sign = function () {};
      module.exports = { hash, signed: sign, verify() { fs.readFileSync('k'); }, check: () => fs.existsSync('k'), version: '1' };
      exports.write = function () { fs.writeFileSync('k', ''); };
      module.exports.read = hash;
    `,
      '/project/lib/crypto.js',
    );
    assert.deepEqual(cjs?.exports, { hash: 'hash', signed: 'sign', verify: 'export:verify', check: 'export:check', write: 'export:write', read: 'hash' });
    assert.deepEqual(cjs?.functions['export:verify']?.imported, [{ specifier: 'fs', name: 'default', path: ['readFileSync'] }]);
    assert.deepEqual(factsOf('module.exports = function main() { require("fs").readFileSync("x"); };', '/project/lib/main.js')?.exports, { default: 'export:default' });
  });

  it('reads an export that passes an import on as a re-export of it (index files)', () => {
    const esm = factsOf(`
      import { hash, verify as check } from './crypto';
      function own() {}
      export { hash, check, own };
    `);
    assert.deepEqual(esm?.exports, { own: 'own' });
    assert.deepEqual(esm?.reexportNamed, { hash: { specifier: './crypto', name: 'hash' }, check: { specifier: './crypto', name: 'verify' } });
    const cjs = factsOf(
      `
      const { hash } = require('./crypto');
      const sign = require('./sign');
      module.exports = { hash, sign };
    `,
      '/project/lib/index.js',
    );
    assert.deepEqual(cjs?.exports, {});
    assert.deepEqual(cjs?.reexportNamed, { hash: { specifier: './crypto', name: 'hash' }, sign: { specifier: './sign', name: 'default' } });
    const spread = factsOf(`const sign = require('./sign');\nmodule.exports = { ...require('./crypto'), ...sign };\n`, '/project/lib/all.js');
    assert.deepEqual(spread?.reexportAll, ['./crypto', './sign']);
    const whole = factsOf(`module.exports = require('./impl');\n`, '/project/lib/main.js');
    assert.deepEqual([whole?.reexportAll, whole?.reexportNamed], [['./impl'], { default: { specifier: './impl', name: 'default' } }]);
  });

  it('says nothing about a file with syntax errors', () => {
    const sourceFile = ts.createSourceFile('/project/broken.ts', 'export function broken( {', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    assert.equal(readCallFactsWithTypeScript(ts, sourceFile), null);
    assert.equal(parseWithFileParser(espree, '/project/broken.js', 'export function broken( {'), null);
  });
});
