import * as assert from 'node:assert/strict';

import { looksBinary, looksMinified, skipReason } from '../../../extension/src/server/fileSkip';

const normal = 'import fs from "node:fs";\n\nexport async function f() {\n  return fs.promises.readFile("x");\n}\n';

describe('skipReason', () => {
  it('lints ordinary source', () => {
    assert.equal(skipReason(normal, 'a.ts', 1_048_576), undefined);
    assert.equal(skipReason('', 'empty.js', 1_048_576), undefined);
  });

  it('skips files above the size limit, counting bytes', () => {
    assert.equal(skipReason(normal, 'a.ts', 20), 'tooLarge');
    const multiByte = 'é'.repeat(600); // 600 characters, 1200 bytes
    assert.equal(skipReason(multiByte, 'a.js', 1000), 'tooLarge');
    assert.equal(skipReason(multiByte, 'a.js', 1200), undefined);
  });

  it('skips binary content', () => {
    assert.equal(skipReason('PK\u0003\u0004\u0000\u0000abc', 'a.js', 1_048_576), 'binary');
    assert.ok(looksBinary('\u0001\u0002\u0003\u0004\u0005\u0006abcd'));
    assert.ok(!looksBinary('tabs\tand\r\nnewlines\n'));
  });

  it('skips minified code', () => {
    const minified = `!function(){${'var a=1;'.repeat(3000)}}();`;
    assert.equal(skipReason(minified, 'bundle.js', 1_048_576), 'minified');
    assert.equal(skipReason('var a=1;', 'vendor.min.js', 1_048_576), 'minified');
    assert.ok(looksMinified(`${'x'.repeat(600)}\n`.repeat(10)));
    assert.ok(!looksMinified(`${'x'.repeat(80)}\n`.repeat(500)));
    // A short file with one long line is not minified unless the line is huge.
    assert.ok(!looksMinified(`const s = "${'y'.repeat(2000)}";\n`));
  });
});
