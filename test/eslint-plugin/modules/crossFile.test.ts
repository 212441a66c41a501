import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin from '../../../eslint-plugin/src/index';
import { fsCallsDuring } from './fsCalls';

/**
 * The cross-file export tables are cached for the whole process and checked against the disk before each use:
 * a file's table is read from the disk when a file that imports it first asks (also when the file itself was
 * linted before: most linted files are never imported by a later one), and again only when it changed. These
 * tests change files on disk between lints and check that importers follow the disk.
 */
describe('cross-file export tables (what a relative import returns, kept up to date with the disk)', () => {
  const ASYNC_LIB = 'export async function load() {}\nJSON.stringify(1);\n';
  const SYNC_LIB = 'export function load() { 1;   }\nJSON.stringify(1);\n'; // same length as ASYNC_LIB
  const MAIN = "import { load } from './lib';\nload();\n";
  const HOUR_AGO = new Date(Date.now() - 3_600_000);
  let directory: string;
  let libPath: string;
  let mainPath: string;
  let linter: Linter;

  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: parser as Linter.Parser },
      plugins: { loopguard: plugin as never },
      rules: { 'loopguard/no-floating-promises': 'error' },
    },
  ];
  const lint = (filePath: string, text: string): string[] =>
    linter.verify(text, config, filePath).map((message) => `${message.line}:${message.column} ${message.ruleId ?? message.message}`);

  function writeLib(text: string, modified: Date): void {
    fs.writeFileSync(libPath, text);
    fs.utimesSync(libPath, modified, modified);
  }

  /** How many times `fn` makes the plugin read `filePath` from the disk. */
  const readsOf = (filePath: string, fn: () => void): number => fsCallsDuring('readFileSync', fn).filter((read) => read === filePath).length;

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-cross-file-'));
    libPath = path.join(directory, 'lib.ts');
    mainPath = path.join(directory, 'main.ts');
    fs.writeFileSync(mainPath, MAIN);
    linter = new Linter({ configType: 'flat', cwd: directory });
  });

  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('reads an imported file that was not linted from the disk', () => {
    assert.equal(SYNC_LIB.length, ASYNC_LIB.length);
    writeLib(ASYNC_LIB, HOUR_AGO);
    assert.deepEqual(lint(mainPath, MAIN), ['2:1 loopguard/no-floating-promises']);
  });

  it('reads an imported file once while it is unchanged on disk, and again when it changes', () => {
    writeLib(ASYNC_LIB, HOUR_AGO);
    assert.equal(readsOf(libPath, () => assert.deepEqual(lint(libPath, ASYNC_LIB), [])), 0, 'linting lib.ts builds no table of its own');
    const reads = readsOf(libPath, () => {
      assert.deepEqual(lint(mainPath, MAIN), ['2:1 loopguard/no-floating-promises']);
      assert.deepEqual(lint(mainPath, MAIN), ['2:1 loopguard/no-floating-promises']);
    });
    assert.equal(reads, 1, 'read when main.ts first asks, then taken from the cache while unchanged');
    writeLib(SYNC_LIB, new Date());
    assert.equal(readsOf(libPath, () => assert.deepEqual(lint(mainPath, MAIN), [])), 1);
  });

  it('follows the disk when the file changes after its lint, even to the same size', () => {
    writeLib(ASYNC_LIB, HOUR_AGO);
    assert.deepEqual(lint(libPath, ASYNC_LIB), []);
    assert.deepEqual(lint(mainPath, MAIN), ['2:1 loopguard/no-floating-promises']);
    writeLib(SYNC_LIB, new Date()); // saved again, same size: the table from the lint is stale
    assert.deepEqual(lint(mainPath, MAIN), []);
  });

  it('follows the disk, not the text of a lint (an editor\'s unsaved buffer of the same size)', () => {
    writeLib(SYNC_LIB, new Date());
    // an editor's unsaved text of the same size: the disk still says `load` is synchronous
    assert.deepEqual(lint(libPath, ASYNC_LIB), []);
    assert.deepEqual(lint(mainPath, MAIN), []);
  });

  it('reads an imported file once for its export table and the calls its functions make', () => {
    writeLib("import { pbkdf2Sync } from 'node:crypto';\nexport async function load() {}\nexport function hash() { return pbkdf2Sync('a', 'b', 1, 1, 'sha1'); }\n", HOUR_AGO);
    const main = "import { load, hash } from './lib';\nload();\nexport async function handler() { return hash(); }\n";
    const both: Linter.Config[] = [{ ...config[0], rules: { 'loopguard/no-floating-promises': 'error', 'loopguard/no-blocking-in-async': 'error' } }];
    const reads = readsOf(libPath, () => {
      const reports = linter.verify(main, both, mainPath).map((message) => `${message.line}:${message.column} ${message.ruleId ?? message.message}`);
      assert.deepEqual(reports, ['2:1 loopguard/no-floating-promises', '3:42 loopguard/no-blocking-in-async']);
    });
    assert.equal(reads, 1);
  });

  it('follows re-exports between files, and ends re-export cycles', () => {
    // a.ts and b.ts re-export each other: `load` is found through either, `missing` through neither
    fs.writeFileSync(path.join(directory, 'a.ts'), "export * from './b';\nexport { missing as other } from './b';\n");
    fs.writeFileSync(path.join(directory, 'b.ts'), "export * from './a';\nexport { other as missing } from './a';\nexport * from './lib';\n");
    writeLib(ASYNC_LIB, HOUR_AGO);
    const main = "import { load, missing, other } from './a';\nload();\nmissing();\nother();\n";
    assert.deepEqual(lint(mainPath, main), ['2:1 loopguard/no-floating-promises']);
  });

  it('does not use the table of unsaved text that differs from the disk in size', () => {
    writeLib(SYNC_LIB, HOUR_AGO);
    assert.deepEqual(lint(libPath, `${ASYNC_LIB}// unsaved\n`), []);
    assert.deepEqual(lint(mainPath, MAIN), []);
  });

  it('follows the imports of a file linted with ESLint\'s default parser (no TypeScript tree there)', () => {
    const jsLib = path.join(directory, 'lib.js');
    const jsMain = path.join(directory, 'main.js');
    const js = (filePath: string, text: string): string[] =>
      linter
        .verify(text, [{ files: ['**/*.js'], plugins: { loopguard: plugin as never }, rules: { 'loopguard/no-floating-promises': 'error' } }], filePath)
        .map((message) => `${message.line}:${message.column} ${message.ruleId ?? message.message}`);
    fs.writeFileSync(jsLib, ASYNC_LIB);
    fs.utimesSync(jsLib, HOUR_AGO, HOUR_AGO);
    assert.deepEqual(js(jsLib, ASYNC_LIB), []);
    const main = "import { load } from './lib.js';\nload();\n";
    const reads = readsOf(jsLib, () => {
      assert.deepEqual(js(jsMain, main), ['2:1 loopguard/no-floating-promises']);
      assert.deepEqual(js(jsMain, main), ['2:1 loopguard/no-floating-promises']);
    });
    assert.equal(reads, 1, 'read once, when main.js first asks');
  });
});
