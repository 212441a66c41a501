import assert from 'node:assert/strict';
import { HeapSnapshotParseError, HeapSnapshotParser, parseHeapSnapshot } from '../../../extension/src/live/heap/snapshotParser';

const meta = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
  node_types: [['synthetic', 'object'], 'string', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['property', 'element'], 'string_or_number', 'node'],
};
const text = JSON.stringify({
  snapshot: { meta, node_count: 2, edge_count: 1, note: 'a } tricky ] "header"' },
  nodes: [0, 0, 1, 0, 1, 1, 1, 4294967295, 16, 0],
  edges: [0, 2, 5],
  trace_function_infos: [],
  trace_tree: [[1, [2, [3]]], { x: '[{' }],
  samples: [],
  locations: [5, 7, 1, 2],
  strings: ['', 'Object', 'quote " and \\ backslash', 'line\nbreak \u00e9 \ud83d\ude00', '}]{['],
}, null, 1);

function parseInChunks(size: number) {
  const p = new HeapSnapshotParser();
  for (let i = 0; i < text.length; i += size) p.write(text.slice(i, i + size));
  return p.finish();
}

describe('streaming heap snapshot parser', () => {
  it('gives the same result for every chunk size', () => {
    const whole = parseInChunks(text.length);
    assert.deepEqual(Array.from(whole.nodes), [0, 0, 1, 0, 1, 1, 1, 4294967295, 16, 0]);
    assert.deepEqual(Array.from(whole.edges), [0, 2, 5]);
    assert.deepEqual(Array.from(whole.locations), [5, 7, 1, 2]);
    assert.deepEqual(whole.strings, ['', 'Object', 'quote " and \\ backslash', 'line\nbreak \u00e9 \ud83d\ude00', '}]{[']);
    assert.deepEqual(whole.meta, meta);
    for (let size = 1; size <= 17; size++) assert.deepEqual(parseInChunks(size), whole, `chunk size ${size}`);
  });

  it('decodes UTF-8 split between byte chunks', async () => {
    const bytes = Buffer.from(text, 'utf8');
    async function* pieces() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const parsed = await parseHeapSnapshot(pieces());
    assert.equal(parsed.strings[3], 'line\nbreak \u00e9 \ud83d\ude00');
  });

  it('rejects truncated, malformed or headerless input with a parse error', () => {
    const cases = [text.slice(0, text.length - 5), '{"nodes":[1,2,x]}', '[1,2]', '{"nodes":[1]}', text + 'garbage'];
    for (const bad of cases) {
      assert.throws(() => {
        const p = new HeapSnapshotParser();
        p.write(bad);
        p.finish();
      }, HeapSnapshotParseError, bad.slice(0, 40));
    }
  });
});
