import * as assert from 'node:assert/strict';

import { createFileCache, releaseOtherFiles } from '../../../eslint-plugin/src/core/fileCache';
import type { SourceCode } from '../../../eslint-plugin/src/core/ruleContext';

/**
 * oxlint's JS plugin host hands the rules of every file one `SourceCode` object and changes what it holds from file
 * to file; ESLint makes one per file. Facts cached for one file must not reach the next in either host.
 */
describe('file caches', () => {
  function fileOf(text: string): { readonly ast: object; readonly text: string } {
    return { ast: { type: 'Program', body: [] }, text };
  }

  it('start afresh for each file, also when the host reuses one SourceCode object (oxlint)', () => {
    const cache = createFileCache<'facts', string>();
    const shared = { ast: fileOf('a').ast, text: 'a' };
    cache(shared as unknown as SourceCode).set('facts', 'of a');
    assert.equal(cache(shared as unknown as SourceCode).get('facts'), 'of a');
    // the next file, in the same object
    shared.ast = fileOf('b').ast;
    shared.text = 'b';
    assert.equal(cache(shared as unknown as SourceCode).get('facts'), undefined);
  });

  it('start afresh for each file when the host makes one SourceCode per file (ESLint)', () => {
    const cache = createFileCache<'facts', string>();
    const first = fileOf('a');
    cache(first as unknown as SourceCode).set('facts', 'of a');
    assert.equal(cache(fileOf('b') as unknown as SourceCode).get('facts'), undefined);
  });

  it("drop another file's facts when a rule starts on a file", () => {
    const cache = createFileCache<'facts', string>();
    const shared = { ast: fileOf('a').ast, text: 'a' };
    const entries = cache(shared as unknown as SourceCode);
    entries.set('facts', 'of a');
    shared.ast = fileOf('b').ast;
    releaseOtherFiles(shared as unknown as SourceCode);
    assert.equal(entries.size, 1, 'the released map is not emptied in place');
    assert.equal(cache(shared as unknown as SourceCode).get('facts'), undefined);
  });
});
