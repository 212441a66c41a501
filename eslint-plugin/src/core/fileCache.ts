import type { SourceCode } from './ruleContext';

interface FileCache {
  release(current: FileKey): void;
}

/** What a linted file is known by: its syntax tree, one per file. */
export type FileKey = SourceCode['ast'];

/**
 * The key of the file `sourceCode` holds. Not the `SourceCode` itself: oxlint's JS plugin host hands every file's
 * rules one `SourceCode` object whose contents change from file to file, so facts kept by that object would pass
 * from one file to the next; each file's syntax tree is its own.
 */
export function fileKeyOf(sourceCode: SourceCode): FileKey {
  return sourceCode.ast;
}

const fileCaches: FileCache[] = [];

/**
 * A cache for facts about the nodes of the file being linted. ESLint lints one file at a time per thread,
 * and a rule only ever asks about the file it is linting, so the cache keeps the current file's entries
 * and starts afresh when another file asks (known by {@link fileKeyOf}). This is cheaper than a `WeakMap` keyed by each
 * node: tens of thousands of weak entries per file made the garbage collector measurably slower.
 */
export function createFileCache<K, V>(): (sourceCode: SourceCode) => Map<K, V> {
  let owner: FileKey | null = null;
  let entries = new Map<K, V>();
  fileCaches.push({
    release(current) {
      if (owner === null || owner === current) return;
      owner = null;
      entries = new Map();
    },
  });
  return (sourceCode) => {
    const file = fileKeyOf(sourceCode);
    if (file !== owner) {
      owner = file;
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
  const file = fileKeyOf(current);
  for (const cache of fileCaches) cache.release(file);
}
