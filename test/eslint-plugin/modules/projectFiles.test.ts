import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type * as ts from 'typescript';

import type { SourceCode } from '../../../eslint-plugin/src/core/ruleContext';
import { type FileReading, readProjectFile } from '../../../eslint-plugin/src/modules/projectFiles';
import { fsCallsDuring } from './fsCalls';

/** A stand-in for one lint: the cache checks the disk once per linted file, which it knows by its syntax tree. */
const newLint = (): SourceCode => ({ ast: {} }) as SourceCode;

const countCalls = (name: 'readFileSync' | 'statSync', filePath: string, fn: () => void): number => fsCallsDuring(name, fn).filter((called) => called === filePath).length;

describe('projectFiles (one read and one parse per project file, checked against the disk)', () => {
  const HOUR_AGO = new Date(Date.now() - 3_600_000);
  let directory: string;
  let filePath: string;
  const asked: string[] = [];
  const trees: (ts.SourceFile | null)[] = [];

  /** Readings that note what they were asked, as the export tables, call facts and imported types do. */
  const TEXT: FileReading<string> = { keepsTree: false, read: (content) => (asked.push('text'), content.text) };
  const FIRST_STATEMENT: FileReading<number | null> = {
    keepsTree: false,
    read: (content) => {
      asked.push('first');
      const tree = content.typeScriptTree();
      trees.push(tree);
      return tree ? tree.statements.length : null;
    },
  };
  const TREE: FileReading<ts.SourceFile | null> = {
    keepsTree: true,
    read: (content) => {
      asked.push('tree');
      const tree = content.typeScriptTree();
      trees.push(tree);
      return tree;
    },
  };

  function write(text: string, modified: Date): void {
    fs.writeFileSync(filePath, text);
    fs.utimesSync(filePath, modified, modified);
  }

  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-project-files-'));
    filePath = path.join(directory, 'lib.ts');
    asked.length = 0;
    trees.length = 0;
  });

  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('reads and parses a file once for every reading, each reading only when asked', () => {
    write('export const a = 1;\nexport const b = 2;\n', HOUR_AGO);
    const lint = newLint();
    const reads = countCalls('readFileSync', filePath, () => {
      assert.equal(readProjectFile(lint, filePath, TEXT), 'export const a = 1;\nexport const b = 2;\n');
      assert.deepEqual(asked, ['text'], 'no tree parsed for a reading of the text');
      assert.equal(readProjectFile(lint, filePath, FIRST_STATEMENT), 2);
      assert.ok(readProjectFile(lint, filePath, TREE));
      assert.equal(readProjectFile(newLint(), filePath, FIRST_STATEMENT), 2);
      assert.equal(readProjectFile(newLint(), filePath, TREE), trees[0]);
    });
    assert.equal(reads, 1);
    assert.deepEqual(asked, ['text', 'first', 'tree'], 'each reading once');
    assert.equal(trees.length, 2);
    assert.equal(trees[0], trees[1], 'one tree for both readings');
  });

  it('checks the file against the disk once per lint, and reads it again when its time or size changed', () => {
    write('export const a = 1;\n', HOUR_AGO);
    const lint = newLint();
    assert.equal(readProjectFile(lint, filePath, TEXT), 'export const a = 1;\n');
    const stats = countCalls('statSync', filePath, () => {
      write('export const b = 22;\n', new Date());
      assert.equal(readProjectFile(lint, filePath, TEXT), 'export const a = 1;\n', 'one lint sees one state of the disk');
    });
    assert.equal(stats, 0);
    assert.equal(readProjectFile(newLint(), filePath, TEXT), 'export const b = 22;\n', 'changed: another size');
    write('export const c = 33;\n', new Date(Date.now() + 5000));
    assert.equal(readProjectFile(newLint(), filePath, TEXT), 'export const c = 33;\n', 'changed: same size, another time');
    assert.equal(readProjectFile(newLint(), filePath, FIRST_STATEMENT), 1, 'the readings of the new text');
    assert.deepEqual(asked, ['text', 'text', 'text', 'first']);
  });

  it('answers null for a removed file, a folder, and a missing one, and reads a file created later', () => {
    write('export const a = 1;\n', HOUR_AGO);
    assert.equal(readProjectFile(newLint(), filePath, TEXT), 'export const a = 1;\n');
    fs.rmSync(filePath);
    assert.equal(readProjectFile(newLint(), filePath, TEXT), null);
    assert.equal(readProjectFile(newLint(), directory, TEXT), null);
    assert.equal(readProjectFile(newLint(), path.join(directory, 'missing', 'x.ts'), TEXT), null);
    write('export const z = 1;\n', HOUR_AGO);
    assert.equal(readProjectFile(newLint(), filePath, TEXT), 'export const z = 1;\n');
  });
});
