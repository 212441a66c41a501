import * as assert from 'node:assert/strict';

import { BoundedWalk } from '../../../eslint-plugin/src/core/boundedWalk';

/** A graph as adjacency lists: node → the nodes it leads to. */
type Graph = Record<string, string[]>;

/** Every node reachable from `start`, as a recursive walk guarded by `walk` would find them (in visit order). */
function reach(graph: Graph, start: string, walk: BoundedWalk, visited: string[] = []): string[] {
  walk.enter(start, undefined, () => {
    visited.push(start);
    for (const next of graph[start] ?? []) reach(graph, next, walk, visited);
  });
  return visited;
}

describe('BoundedWalk', () => {
  it('does not enter a key that is already on the path (a cycle), but enters it again on another path', () => {
    const selfCycle = reach({ a: ['a'] }, 'a', new BoundedWalk({ maxDepth: 50 }));
    assert.deepEqual(selfCycle, ['a']);
    const threeCycle = reach({ a: ['b'], b: ['c'], c: ['a'] }, 'a', new BoundedWalk({ maxDepth: 50 }));
    assert.deepEqual(threeCycle, ['a', 'b', 'c']);
    // a diamond: d is reached through b and through c, each time on a new path
    const diamond = reach({ a: ['b', 'c'], b: ['d'], c: ['d'] }, 'a', new BoundedWalk({ maxDepth: 50 }));
    assert.deepEqual(diamond, ['a', 'b', 'd', 'c', 'd']);
  });

  it('returns the fallback at a cycle and at the depth limit, and tracks the depth', () => {
    const walk = new BoundedWalk({ maxDepth: 3 });
    const depths: number[] = [];
    const down = (level: number): string =>
      walk.enter(`level ${level}`, `cut at ${level}`, () => {
        depths.push(walk.depth);
        return down(level + 1);
      });
    assert.equal(down(0), 'cut at 3');
    assert.deepEqual(depths, [1, 2, 3]);
    assert.equal(walk.depth, 0);
    assert.equal(walk.enter('x', 'fallback', () => walk.enter('x', 'cycle', () => 'inner')), 'cycle');
  });

  it('leaves the path when a step throws', () => {
    const walk = new BoundedWalk({ maxDepth: 5 });
    assert.throws(() => walk.enter('a', null, () => {
      throw new Error('boom');
    }));
    assert.equal(walk.depth, 0);
    assert.equal(walk.enter('a', 'fallback', () => 'entered again'), 'entered again');
  });

  it('stops after maxSteps steps in all, so a graph of diamonds stays linear', () => {
    // 30 diamonds in a row: 2^30 paths, which an unguarded walk would all follow
    const graph: Graph = {};
    for (let index = 0; index < 30; index++) graph[`n${index}`] = [`l${index}`, `r${index}`];
    for (let index = 0; index < 30; index++) {
      graph[`l${index}`] = [`n${index + 1}`];
      graph[`r${index}`] = [`n${index + 1}`];
    }
    const visited = reach(graph, 'n0', new BoundedWalk({ maxDepth: 100, maxSteps: 500 }));
    assert.equal(visited.length, 500);
  });

  it('enters a key only once per walk with enterOnce', () => {
    const walk = new BoundedWalk({ maxDepth: 50 });
    const visited: string[] = [];
    const graph: Graph = { a: ['b', 'c'], b: ['d'], c: ['d'], d: ['a'] };
    const visit = (node: string): void =>
      walk.enterOnce(node, undefined, () => {
        visited.push(node);
        for (const next of graph[node] ?? []) visit(next);
      });
    visit('a');
    assert.deepEqual(visited, ['a', 'b', 'd', 'c']);
  });

  it('does not count a key refused for depth as seen by enterOnce', () => {
    const walk = new BoundedWalk({ maxDepth: 1 });
    assert.equal(walk.enter('outer', 'cut', () => walk.enterOnce('inner', 'cut', () => 'entered')), 'cut');
    assert.equal(walk.enterOnce('inner', 'cut', () => 'entered'), 'entered');
  });
});
