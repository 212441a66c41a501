import type { SourceCode } from './ruleContext';

interface FileCache {
  release(current: SourceCode): void;
}

const fileCaches: FileCache[] = [];

/**
 * A cache for facts about the nodes of the file being linted. ESLint lints one file at a time per thread,
 * and a rule only ever asks about the file it is linting, so the cache keeps the current file's entries
 * and starts afresh when another file's `SourceCode` asks. This is cheaper than a `WeakMap` keyed by each
 * node: tens of thousands of weak entries per file made the garbage collector measurably slower.
 */
export function createFileCache<K, V>(): (sourceCode: SourceCode) => Map<K, V> {
  let owner: SourceCode | null = null;
  let entries = new Map<K, V>();
  fileCaches.push({
    release(current) {
      if (owner === null || owner === current) return;
      owner = null;
      entries = new Map();
    },
  });
  return (sourceCode) => {
    if (sourceCode !== owner) {
      owner = sourceCode;
      entries = new Map();
    }
    return entries;
  };
}

/**
 * Drops every cache's entries about files other than `current`. Called when a rule starts on a file, so
 * that a cache the new file never uses does not keep the previous file's syntax tree alive (long enough
 * to be promoted to the old generation, which then grows and is collected more often).
 */
export function releaseOtherFiles(current: SourceCode): void {
  for (const cache of fileCaches) cache.release(current);
}
