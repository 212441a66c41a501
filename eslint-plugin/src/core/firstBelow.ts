/**
 * The first of a list of numbers, at or after an index, that is below a bound: a search tree of minima over the
 * list, so that a long run of numbers at or above the bound is skipped in log n steps instead of one by one.
 */
export class FirstBelow {
  private readonly size: number;
  private readonly minima: Float64Array;

  constructor(private readonly values: readonly number[]) {
    let size = 1;
    while (size < values.length) size *= 2;
    this.size = size;
    this.minima = new Float64Array(2 * size).fill(Infinity);
    values.forEach((value, index) => {
      this.minima[size + index] = value;
    });
    for (let node = size - 1; node >= 1; node--) this.minima[node] = Math.min(this.minima[2 * node] as number, this.minima[2 * node + 1] as number);
  }

  /** The first index at or after `from` whose value is below `bound`; -1 when there is none. */
  firstBelow(from: number, bound: number): number {
    if (from >= this.values.length) return -1;
    let node = this.size + from;
    while (!((this.minima[node] as number) < bound)) {
      // Up while `node` is a right child, then over to the subtree just right of everything seen so far.
      while (node % 2 === 1) {
        if (node === 1) return -1;
        node = (node - 1) / 2;
      }
      node += 1;
    }
    while (node < this.size) {
      node *= 2;
      if (!((this.minima[node] as number) < bound)) node += 1;
    }
    return node - this.size;
  }
}
