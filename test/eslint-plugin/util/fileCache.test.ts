import * as assert from 'node:assert/strict';

import type { TSESLint } from '@typescript-eslint/utils';

import { createFileCache, enterFile } from '../../../eslint-plugin/src/util/fileCache';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Stand-ins for two files' SourceCode objects: the caches only compare them by identity. */
const fileA = {} as SourceCode;
const fileB = {} as SourceCode;

describe('file caches (node facts kept for the file being linted only)', () => {
  it('keeps entries until the last rule that started on the file is done with it', () => {
    const cache = createFileCache<string, number>();
    const firstRuleDone = enterFile(fileA);
    const secondRuleDone = enterFile(fileA);
    cache(fileA).set('fact', 1);
    firstRuleDone();
    assert.equal(cache(fileA).get('fact'), 1, 'another rule is still on the file');
    firstRuleDone(); // a second call changes nothing
    assert.equal(cache(fileA).get('fact'), 1);
    secondRuleDone();
    assert.equal(cache(fileA).get('fact'), undefined, 'released when the last rule is done');
  });

  it('releases the previous file when a rule starts on another one, even if a rule never finished', () => {
    const cache = createFileCache<string, number>();
    enterFile(fileA); // a rule that threw: never done
    cache(fileA).set('fact', 1);
    const done = enterFile(fileB);
    assert.equal(cache(fileA).get('fact'), undefined);
    cache(fileB).set('fact', 2);
    done();
    assert.equal(cache(fileB).get('fact'), undefined);
  });
});
