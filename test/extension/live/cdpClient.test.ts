import assert from 'node:assert/strict';
import path from 'node:path';
import { CdpClient, CdpClosedError, CdpError, CdpTimeoutError, endpointUrl } from '../../../extension/src/live/cdp/cdpClient';
import { captureHeapSnapshot, fetchSuspendedLocation } from '../../../extension/src/live/cdp/heapCapture';
import { buildAwaitTree, type AwaitNode } from '../../../extension/src/live/heap/awaitTree';
import { startInspected, type InspectedProcess } from './inspectedProcess';
import { KNOWN_TREE_TEXT, renderAwaitTree } from './knownTree';

describe('CDP client against node --inspect', function () {
  this.timeout(60_000);
  let target: InspectedProcess;
  let client: CdpClient;

  beforeEach(async () => {
    target = await startInspected('known-tree.js');
    client = await CdpClient.connect(target.webSocketUrl);
  });
  afterEach(async () => {
    client.close();
    await target.stop();
  });

  it('evaluates an expression', async () => {
    const { result } = await client.send<{ result: { value: unknown } }>('Runtime.evaluate', { expression: '6 * 7', returnByValue: true });
    assert.equal(result.value, 42);
  });

  it('carries a long answer split over many frames', async () => {
    const { result } = await client.send<{ result: { value: string } }>('Runtime.evaluate', { expression: "'x'.repeat(3_000_000)", returnByValue: true });
    assert.equal(result.value.length, 3_000_000);
  });

  it('rejects protocol errors with CdpError', async () => {
    await assert.rejects(client.send('No.suchMethod'), (err: unknown) => err instanceof CdpError && /No\.suchMethod/.test((err as Error).message));
  });

  it('times out a request that never answers, and stays usable', async () => {
    const never = client.send('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true }, 300);
    await assert.rejects(never, CdpTimeoutError);
    const { result } = await client.send<{ result: { value: unknown } }>('Runtime.evaluate', { expression: '1 + 1', returnByValue: true });
    assert.equal(result.value, 2);
  });

  it('rejects pending requests when the target goes away', async () => {
    const outcome = client.send('Runtime.evaluate', { expression: 'new Promise(() => {})', awaitPromise: true }, 30_000).then(
      () => 'answered',
      (err: unknown) => err,
    );
    const closed = new Promise<string>((resolve) => client.onClose(resolve));
    await target.stop();
    assert.ok((await outcome) instanceof CdpClosedError);
    await closed;
    assert.equal(client.closed, true);
    await assert.rejects(client.send('Runtime.evaluate', { expression: '1' }), CdpClosedError);
  });

  it('streams a heap snapshot into the await tree and finds where a task is suspended', async () => {
    let progress = 0;
    const raw = await captureHeapSnapshot(client, { onProgress: (done, total) => (progress = done / total) });
    assert.ok(progress > 0.99, `progress reached ${progress}`);
    const tree = buildAwaitTree(raw);
    assert.equal(renderAwaitTree(tree), KNOWN_TREE_TEXT);
    const loadAll = tree.roots[0].children[0] as AwaitNode;
    const where = await fetchSuspendedLocation(client, loadAll.heapId);
    assert.ok(where, 'no [[GeneratorLocation]]');
    assert.equal(where.state, 'suspended');
    assert.equal(where.lineNumber, 14); // 0-based: the `await Promise.all(...)` line
    assert.equal(path.basename(tree.scriptUrls.get(Number(where.scriptId)) ?? ''), 'known-tree.js');
  });

  it('formats endpoints from js-debug proxy answers', () => {
    assert.equal(endpointUrl({ host: '127.0.0.1', port: 9229, path: '/abc' }), 'ws://127.0.0.1:9229/abc');
    assert.equal(endpointUrl({ host: '::1', port: 1, path: 'x' }), 'ws://[::1]:1/x');
  });
});

describe('CDP client connection failures', () => {
  it('rejects a refused connection', async () => {
    await assert.rejects(CdpClient.connect({ host: '127.0.0.1', port: 1, path: '/' }, 2000));
  });
});
