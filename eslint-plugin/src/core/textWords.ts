import type { TSESTree } from '@typescript-eslint/utils';

import { createFileCache } from './fileCache';
import type { SourceCode } from './ruleContext';

/**
 * Whether a node's text can hold a node a walk looks for, judged by words its text must spell: false when the
 * node's range holds none of them, so the walk can skip the whole subtree. Words in comments and strings only make
 * it skip less. The file's offsets of the words are found once per file (one pass of the pattern over the text);
 * each question is a binary search. Sound because every child's range lies within its parent's.
 */
export type WordFilter = (sourceCode: SourceCode, node: TSESTree.Node) => boolean;

/** A filter for the matches of `pattern` (global): a node may hold what is looked for when a match starts inside it. */
export function createWordFilter(pattern: RegExp): WordFilter {
  const offsetsCache = createFileCache<'offsets', readonly number[]>();
  const offsetsOf = (sourceCode: SourceCode): readonly number[] => {
    const cache = offsetsCache(sourceCode);
    let offsets = cache.get('offsets');
    if (!offsets) {
      const found: number[] = [];
      for (const match of sourceCode.text.matchAll(pattern)) found.push(match.index);
      offsets = found;
      cache.set('offsets', offsets);
    }
    return offsets;
  };
  return (sourceCode, node) => {
    const offsets = offsetsOf(sourceCode);
    const [start, end] = node.range;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((offsets[middle] as number) < start) low = middle + 1;
      else high = middle;
    }
    return low < offsets.length && (offsets[low] as number) < end;
  };
}

/** False when no `this` can be inside `node`: a `this` expression always is the word itself. */
export const mayContainThis: WordFilter = createWordFilter(/\bthis\b/g);
