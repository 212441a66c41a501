import * as assert from 'node:assert/strict';

import { formatFileSize, parseFileSize } from '../../cli/src/fileSize';

describe('file sizes (--max-file-size, loopguard.maxFileSize)', () => {
  it('reads bytes, KB and MB in any case, with or without a space', () => {
    assert.equal(parseFileSize('1048576'), 1_048_576);
    assert.equal(parseFileSize('500kb'), 512_000);
    assert.equal(parseFileSize('2 MB'), 2_097_152);
    assert.equal(parseFileSize(' 1.5mb '), 1_572_864);
    assert.equal(parseFileSize('300 b'), 300);
  });

  it('rejects what is not a positive size', () => {
    for (const text of ['', 'huge', '1 GB', '-1', '0', '1e6', 'mb']) assert.equal(parseFileSize(text), undefined, text);
  });

  it('writes sizes as people read them', () => {
    assert.equal(formatFileSize(1_048_576), '1 MB');
    assert.equal(formatFileSize(1_572_864), '1.5 MB');
    assert.equal(formatFileSize(512_000), '500 KB');
    assert.equal(formatFileSize(100), '100 bytes');
  });
});
