import assert from 'node:assert/strict';
import { buildAwaitTree } from '../../../extension/src/live/heap/awaitTree';
import { KNOWN_TREE_TEXT, renderAwaitTree } from './knownTree';
import { snapshotOf } from './snapshotOf';

describe('await tree from a heap snapshot', function () {
  this.timeout(60_000);

  it('nests tasks, a Promise.all group and timer-held leaves', async () => {
    const tree = buildAwaitTree(await snapshotOf('known-tree.js'));
    assert.equal(renderAwaitTree(tree), KNOWN_TREE_TEXT);
    assert.equal(tree.taskCount, 5);
  });

  it('flags promises that can never settle: lost resolver, self-held resolver, await cycle', async () => {
    const tree = buildAwaitTree(await snapshotOf('deadlock.js'));
    assert.equal(
      renderAwaitTree(tree),
      [
        'waitOnLostResolver()  deadlock.js:5  never settles',
        '└─ Promise  held by global (neverResolved)  never settles',
        'waitOnOwnRelease()  deadlock.js:9  never settles',
        '└─ Promise  never settles',
        'waitInQueue()  deadlock.js:30',
        '└─ Promise  held by Array ([0])',
        'first_()  deadlock.js:20  never settles',
        '└─ second_()  deadlock.js:24  never settles',
        '   └─ first_()  await cycle  never settles',
      ].join('\n'),
    );
  });

  it('shows race, allSettled and any groups and .then chains', async () => {
    const tree = buildAwaitTree(await snapshotOf('groups.js'));
    assert.equal(
      renderAwaitTree(tree),
      [
        'raceThem()  groups.js:14',
        '└─ Promise.race',
        '   ├─ tick()  groups.js:11',
        '   │  └─ Promise  held by Timeout (_onTimeout)',
        '   └─ Promise  held by Array ([0])',
        'settleThem()  groups.js:17',
        '└─ Promise.allSettled',
        '   ├─ tick()  groups.js:11',
        '   │  └─ Promise  held by Timeout (_onTimeout)',
        '   └─ .then(afterTimer)  groups.js:18',
        '      └─ Promise  held by Timeout (_onTimeout)',
        'anyOfThem()  groups.js:20',
        '└─ Promise.any',
        '   ├─ Promise  held by Array ([1])',
        '   └─ tick()  groups.js:11',
        '      └─ Promise  held by Timeout (_onTimeout)',
      ].join('\n'),
    );
  });

  it('does not flag a promise that native code holds (a pending fs open)', async function () {
    if (process.platform === 'win32') this.skip(); // needs mkfifo
    const text = renderAwaitTree(buildAwaitTree(await snapshotOf('native-holder.js')));
    assert.match(text, /^openPipe\(\)  native-holder\.js:13\n/);
    assert.match(text, /Promise  held by FSReqPromise \(promise\)$/);
    assert.doesNotMatch(text, /never settles/);
  });

  it('returns an empty tree for a snapshot without async functions', () => {
    const tree = buildAwaitTree({
      meta: {
        node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
        node_types: [['synthetic', 'object']],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [['property', 'element', 'weak', 'hidden']],
      },
      nodes: new Uint32Array([0, 0, 1, 0, 1, 1, 1, 3, 16, 0]),
      edges: new Uint32Array([0, 2, 5]),
      strings: ['', 'Object', 'x'],
      locations: new Uint32Array(),
    });
    assert.deepEqual(tree.roots, []);
    assert.equal(tree.taskCount, 0);
  });
});
