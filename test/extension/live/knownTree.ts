/** The await tree of fixtures/known-tree.js, as text: what both the snapshot and the live CDP tests expect. */
import path from 'node:path';
import type { AwaitTree } from '../../../extension/src/live/heap/awaitTree';
import { formatAwaitTree } from '../../../extension/src/live/heap/formatTree';

/** The tree as text, with fixture paths shortened to their base name. */
export function renderAwaitTree(tree: AwaitTree): string {
  return formatAwaitTree(tree, { showUrl: (url) => (url.startsWith('node:') ? url : path.basename(url)) });
}

export const KNOWN_TREE_TEXT = [
  'main()  known-tree.js:17',
  '└─ loadAll()  known-tree.js:14',
  '   └─ Promise.all',
  '      ├─ loadProfile()  known-tree.js:11',
  '      │  └─ fetchUser()  known-tree.js:8',
  '      │     └─ Promise  held by Timeout (_onTimeout)',
  '      └─ fetchUser()  known-tree.js:8',
  '         └─ Promise  held by Timeout (_onTimeout)',
].join('\n');
