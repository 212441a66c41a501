import * as assert from 'node:assert/strict';

import { applyEdits, computeEdits, diffLines, splitLines } from '../../../extension/src/server/diff';

describe('computeEdits', () => {
  it('returns no edits for equal texts', () => {
    assert.deepEqual(computeEdits('a\nb\n', 'a\nb\n'), []);
  });

  it('touches only the characters that changed', () => {
    const before = 'const a = 1;\nasync function f() { fs.readFileSync("x"); }\nconst b = 2;\n';
    const after = 'const a = 1;\nasync function f() { await fs.promises.readFile("x"); }\nconst b = 2;\n';
    const edits = computeEdits(before, after);
    assert.deepEqual(edits, [{ start: 34, end: 49, newText: 'await fs.promises.readFile' }]);
    assert.equal(applyEdits(before, edits), after);
  });

  it('keeps separate changes separate', () => {
    const before = ['one', 'two', 'three', 'four', 'five', 'six', ''].join('\n');
    const after = ['ONE', 'two', 'three', 'four', 'five', 'SIX', ''].join('\n');
    const edits = computeEdits(before, after);
    assert.equal(edits.length, 2);
    assert.equal(applyEdits(before, edits), after);
  });

  it('handles inserted and deleted lines, CRLF and a missing final newline', () => {
    const cases: Array<[string, string]> = [
      ['a\nb\nc', 'a\nx\nb\nc'],
      ['a\nb\nc\n', 'a\nc\n'],
      ['a\r\nb\r\n', 'a\r\n// c\r\nb\r\n'],
      ['', 'new file\n'],
      ['old file\n', ''],
      ['x', 'y'],
    ];
    for (const [before, after] of cases) assert.equal(applyEdits(before, computeEdits(before, after)), after, JSON.stringify([before, after]));
  });

  it('never splits a surrogate pair', () => {
    const before = 'const s = "\u{1F600}";\n';
    const after = 'const s = "\u{1F601}";\n';
    const [edit] = computeEdits(before, after);
    assert.ok(edit);
    assert.equal(edit.newText, '\u{1F601}');
    assert.equal(applyEdits(before, [edit]), after);
  });

  it('produces edits that rebuild the new text for many random changes', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const words = ['a', 'b', 'await x;', '', '  if (y) {', '}', 'return 1;'];
    for (let round = 0; round < 300; round++) {
      const before = Array.from({ length: random(30) }, () => words[random(words.length)]).join('\n');
      const lines = before.split('\n');
      for (let k = random(6); k >= 0; k--) {
        const at = random(lines.length + 1);
        const op = random(3);
        if (op === 0) lines.splice(at, 0, words[random(words.length)]!);
        else if (op === 1) lines.splice(at, 1);
        else lines[at] = `${lines[at] ?? ''}!`;
      }
      const after = lines.join('\n');
      const edits = computeEdits(before, after);
      assert.equal(applyEdits(before, edits), after);
      for (let i = 1; i < edits.length; i++) assert.ok(edits[i]!.start >= edits[i - 1]!.end, 'edits are sorted and disjoint');
    }
  });
});

describe('diffLines', () => {
  it('gives up above the distance limit', () => {
    const a = splitLines('1\n2\n3\n4\n');
    const b = splitLines('5\n6\n7\n8\n');
    assert.equal(diffLines(a, b, 3), undefined);
    assert.deepEqual(diffLines(a, b, 100), [[0, 4, 0, 4]]);
  });

  it('finds the changed block between equal lines', () => {
    assert.deepEqual(diffLines(['a\n', 'b\n', 'c\n'], ['a\n', 'B\n', 'c\n'], 10), [[1, 2, 1, 2]]);
  });
});
