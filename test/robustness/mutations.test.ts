import * as assert from 'node:assert/strict';

import { mutate, mutations } from './lib/mutations';
import { seededRandom } from './lib/prng';

const SAMPLE = "import { readFileSync } from 'node:fs';\nexport async function load(file) {\n  return JSON.parse(readFileSync(file, 'utf8'));\n}\n";

describe('seeded mutations', () => {
  it('are reproducible from their seed', () => {
    assert.deepEqual(mutate(SAMPLE, 7, 20), mutate(SAMPLE, 7, 20));
    assert.notDeepEqual(
      mutate(SAMPLE, 7, 20).map((variant) => variant.text),
      mutate(SAMPLE, 8, 20).map((variant) => variant.text),
    );
  });

  it('apply every mutation at least once', () => {
    const names = new Set(mutate(SAMPLE, 1, mutations.length).map((variant) => variant.name));
    assert.equal(names.size, mutations.length);
  });

  it('change the text the way their name says', () => {
    const byName = (name: string) => mutations.find((mutation) => mutation.name === name)!;
    const random = seededRandom(3);
    assert.ok(byName('truncate').apply(SAMPLE, random).length < SAMPLE.length);
    assert.ok(byName('delete one token').apply(SAMPLE, random).length < SAMPLE.length);
    assert.ok(!byName('drop the async keywords').apply(SAMPLE, random).includes('async'));
    assert.ok(byName('deeply nested async functions').apply(SAMPLE, random).split('async () =>').length > 50);
    assert.ok(byName('huge literals').apply(SAMPLE, random).length > 100_000);
    assert.equal(byName('empty file').apply(SAMPLE, random), '');
  });
});
