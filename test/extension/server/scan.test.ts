import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { CancellationTokenSource } from 'vscode-languageserver-protocol';

import type { ScanWorkspaceResult } from '../../../extension/src/shared/customMessages';
import { TestClient, fileUri } from './lspClient';

const BLOCKING = "import fs from 'node:fs';\nexport async function f() { fs.readFileSync('x'); }\n";

function makeWorkspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-scan-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

describe('server: workspace scan', function () {
  this.timeout(180_000);
  const roots: string[] = [];
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('lints every JS/TS file from disk and publishes its problems', async () => {
    const root = makeWorkspace({
      'src/a.js': BLOCKING,
      'src/deep/b.ts': `// two\n${BLOCKING}`,
      'src/clean.mjs': 'export const a = 1;\n',
      'bundle.min.js': 'var a=1;',
      'node_modules/dep/index.js': BLOCKING,
      '.hidden/c.js': BLOCKING,
      'README.md': BLOCKING,
    });
    roots.push(root);
    const client = await TestClient.start({ folders: [root] });
    try {
      const result = await client.sendRequest<ScanWorkspaceResult>('loopguard/scanWorkspace', {});
      assert.deepEqual({ ...result, durationMs: 0 }, { filesLinted: 3, filesSkipped: 1, problems: 2, cancelled: false, durationMs: 0 });
      const published = new Map(client.published.map((params) => [params.uri, params.diagnostics]));
      assert.equal(published.get(fileUri(path.join(root, 'src/a.js')))?.length, 1);
      assert.equal(published.get(fileUri(path.join(root, 'src/deep/b.ts')))?.[0]?.range.start.line, 2);
      assert.deepEqual(published.get(fileUri(path.join(root, 'src/clean.mjs'))), []);
      assert.ok(![...published.keys()].some((uri) => uri.includes('node_modules') || uri.includes('.hidden') || uri.endsWith('.md')));
    } finally {
      await client.stop();
    }
  });

  it('counts the problems of open files too (linted from their buffers), as the editor shows them', async () => {
    const root = makeWorkspace({ 'closed.js': BLOCKING, 'open.js': BLOCKING });
    roots.push(root);
    const client = await TestClient.start({ folders: [root] });
    try {
      const open = fileUri(path.join(root, 'open.js'));
      // the buffer has a second problem the file on disk does not have
      await client.open(open, `${BLOCKING}export async function g() { fs.readFileSync('y'); }\n`);
      const result = await client.sendRequest<ScanWorkspaceResult>('loopguard/scanWorkspace', {});
      assert.deepEqual({ ...result, durationMs: 0 }, { filesLinted: 2, filesSkipped: 0, problems: 3, cancelled: false, durationMs: 0 });
      const latest = (name: string) => client.published.filter((params) => params.uri === fileUri(path.join(root, name))).at(-1)?.diagnostics.length;
      assert.equal((latest('closed.js') ?? 0) + (latest('open.js') ?? 0), result.problems);
    } finally {
      await client.stop();
    }
  });

  it('keeps scan results of a file that is opened and closed again', async () => {
    const root = makeWorkspace({ 'a.js': BLOCKING });
    roots.push(root);
    const client = await TestClient.start({ folders: [root] });
    try {
      await client.sendRequest<ScanWorkspaceResult>('loopguard/scanWorkspace', {});
      const uri = fileUri(path.join(root, 'a.js'));
      await client.open(uri, BLOCKING);
      const count = client.published.length;
      await client.close(uri);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(!client.published.slice(count).some((params) => params.uri === uri && params.diagnostics.length === 0), 'not cleared');
    } finally {
      await client.stop();
    }
  });

  it('can be cancelled, and reports progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`src/file${String(i).padStart(3, '0')}.js`] = BLOCKING;
    const root = makeWorkspace(files);
    roots.push(root);
    const client = await TestClient.start({ folders: [root] });
    try {
      const source = new CancellationTokenSource();
      const progress: Array<{ done: number; total: number }> = [];
      client.connection.onNotification('loopguard/scanProgress', (params: { done: number; total: number }) => {
        progress.push(params);
        if (params.done >= 20) source.cancel();
      });
      const result = await client.sendRequest<ScanWorkspaceResult>('loopguard/scanWorkspace', {}, source.token);
      assert.equal(result.cancelled, true);
      assert.ok(result.filesLinted >= 20 && result.filesLinted < 300, `linted ${result.filesLinted}`);
      assert.ok(progress.length > 0 && progress.every((p) => p.total === 300));
    } finally {
      await client.stop();
    }
  });
});
