import type { TSESLint } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

interface FileCache {
  release(current: SourceCode | null): void;
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

let openFile: SourceCode | null = null;
let rulesOnOpenFile = 0;

/**
 * Called when a rule starts on a file; returns what the rule calls when it is done with that file (at
 * `Program:exit`). When the last rule that started on the file is done, every cache is emptied: the file's
 * syntax tree is then garbage before the next file is parsed. ESLint drops its own reference to the tree at
 * that point, and a cache that kept it alive while the next file was being parsed made the collector trace
 * two trees and grow the heap. A rule that never finishes (it threw) only delays this to the next file.
 */
export function enterFile(sourceCode: SourceCode): () => void {
  if (sourceCode !== openFile) {
    releaseOtherFiles(sourceCode);
    openFile = sourceCode;
    rulesOnOpenFile = 0;
  }
  rulesOnOpenFile++;
  let done = false;
  return () => {
    if (done || openFile !== sourceCode) return;
    done = true;
    rulesOnOpenFile--;
    if (rulesOnOpenFile > 0) return;
    openFile = null;
    releaseOtherFiles(null);
  };
}

/**
 * Drops every cache's entries about files other than `current` (all of them for null). Called when a rule starts on a file, so
 * that a cache the new file never uses does not keep the previous file's syntax tree alive (long enough
 * to be promoted to the old generation, which then grows and is collected more often).
 */
export function releaseOtherFiles(current: SourceCode | null): void {
  for (const cache of fileCaches) cache.release(current);
}
