import * as assert from 'node:assert/strict';

import { FirstBelow } from '../../../eslint-plugin/src/core/firstBelow';

/** What `firstBelow` must answer, one number at a time. */
function firstBelowByScan(values: readonly number[], from: number, bound: number): number {
  for (let index = from; index < values.length; index++) if ((values[index] as number) < bound) return index;
  return -1;
}

describe('FirstBelow', () => {
  it('finds the first value below the bound from an index on', () => {
    const tree = new FirstBelow([5, 9, 2, 9, 9, 1, 7]);
    assert.equal(tree.firstBelow(0, 6), 0);
    assert.equal(tree.firstBelow(1, 6), 2);
    assert.equal(tree.firstBelow(3, 6), 5);
    assert.equal(tree.firstBelow(3, 1), -1);
    assert.equal(tree.firstBelow(6, 8), 6);
    assert.equal(tree.firstBelow(7, 100), -1);
  });

  it('handles empty lists, one value and infinities', () => {
    assert.equal(new FirstBelow([]).firstBelow(0, Infinity), -1);
    assert.equal(new FirstBelow([3]).firstBelow(0, 3), -1);
    assert.equal(new FirstBelow([3]).firstBelow(0, 4), 0);
    const tree = new FirstBelow([Infinity, -Infinity, Infinity]);
    assert.equal(tree.firstBelow(0, 0), 1);
    assert.equal(tree.firstBelow(2, Number.MAX_VALUE), -1);
  });

  it('agrees with a scan on random lists of every length up to 70', () => {
    let seed = 7;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    for (let length = 0; length <= 70; length++) {
      const values = Array.from({ length }, () => random(50));
      const tree = new FirstBelow(values);
      for (let from = 0; from <= length + 1; from++) {
        for (const bound of [0, 1, 10, 25, 49, 50, 51]) {
          assert.equal(tree.firstBelow(from, bound), firstBelowByScan(values, from, bound), `${JSON.stringify(values)} from ${from} below ${bound}`);
        }
      }
    }
  });
});
