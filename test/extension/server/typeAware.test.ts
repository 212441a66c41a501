import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { FIXTURES, TestClient, fileUri } from './lspClient';

const project = path.join(FIXTURES, 'typed-project');
const mainFile = path.join(project, 'src', 'main.ts');
const mainText = fs.readFileSync(mainFile, 'utf8');

// `readFileSync` is imported from a local module that re-exports node:fs. Only the type checker can
// tell where it comes from, so only type-aware linting reports it.
describe('server: type-aware linting', function () {
  this.timeout(300_000);

  describe('in a trusted workspace with a tsconfig.json', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ folders: [project], trusted: true });
    });
    after(async () => {
      await client.stop();
    });

    it('lints with type information, through the bundled TypeScript and its lib files', async () => {
      const uri = fileUri(mainFile);
      const diagnostics = await client.open(uri, mainText);
      assert.equal(client.lastStatus(uri)?.mode, 'typeAware', JSON.stringify(client.lastStatus(uri)));
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.code, 'no-blocking-in-async');
      assert.deepEqual(diagnostics[0]!.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 44 } });
    });

    it('type-checks the unsaved buffer text', async () => {
      const uri = fileUri(mainFile);
      const local = mainText.replace("import { readFileSync } from './files';", 'function readFileSync(name: string, encoding: string): string {\n  return name + encoding;\n}');
      let version = await client.change(uri, local);
      assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics, []);
      assert.equal(client.lastStatus(uri)?.mode, 'typeAware');
      version = await client.change(uri, mainText);
      assert.equal((await client.nextDiagnostics(uri, version)).diagnostics.length, 1);
    });

    it('loopguard.typeAware = off lints syntactically (and misses what only types reveal)', async () => {
      const uri = fileUri(mainFile);
      const next = client.diagnosticsUntil(uri, (d) => d.length === 0);
      await client.changeSettings({ typeAware: 'off' });
      await next;
      assert.equal(client.lastStatus(uri)?.mode, 'syntactic');
      assert.match(client.lastStatus(uri)?.message ?? '', /loopguard\.typeAware is "off"/);
    });
  });

  describe('in an untrusted workspace', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ folders: [project], trusted: false });
    });
    after(async () => {
      await client.stop();
    });

    it('never loads the TypeScript project: syntactic mode only', async () => {
      const uri = fileUri(mainFile);
      await client.changeSettings({ typeAware: 'on' });
      assert.deepEqual(await client.open(uri, mainText), []);
      const status = client.lastStatus(uri);
      assert.equal(status?.mode, 'syntactic');
      assert.match(status?.message ?? '', /not trusted/);
    });

    it('still reports what the bundled rules see without types', async () => {
      const uri = fileUri(path.join(project, 'src', 'unsaved.ts'));
      assert.equal((await client.open(uri, "import fs from 'node:fs';\nexport async function f() { fs.readFileSync('x'); }\n")).length, 1);
    });
  });
});
