import type { TSESTree } from '@typescript-eslint/utils';

import { createFileCache } from './fileCache';
import type { SourceCode } from './ruleContext';

const offsetsCache = createFileCache<'offsets', readonly number[]>();

/**
 * False when no `this` can be inside `node`: its text never spells the word. A `this` expression always is the
 * word itself, so a walk that looks for them can skip such subtrees; words in comments and strings only make it
 * skip less. The file's offsets of the word are found once per file, each question is a binary search.
 */
export function mayContainThis(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const offsets = thisOffsets(sourceCode);
  const [start, end] = node.range;
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((offsets[middle] as number) < start) low = middle + 1;
    else high = middle;
  }
  return low < offsets.length && (offsets[low] as number) < end;
}

const THIS_WORD = /\bthis\b/g;

function thisOffsets(sourceCode: SourceCode): readonly number[] {
  const cache = offsetsCache(sourceCode);
  let offsets = cache.get('offsets');
  if (!offsets) {
    const found: number[] = [];
    for (const match of sourceCode.text.matchAll(THIS_WORD)) found.push(match.index);
    offsets = found;
    cache.set('offsets', offsets);
  }
  return offsets;
}
