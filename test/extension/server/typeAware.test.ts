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

    it('publishes the syntactic diagnostics first while the project loads ("loading project"), then the typed ones, with no time-budget warning', async () => {
      const uri = fileUri(mainFile);
      const diagnostics = await client.open(uri, mainText);
      const statuses = client.statuses.filter((status) => status.uri === uri);
      assert.equal(statuses.length, 2, JSON.stringify(statuses));
      const [loading, typed] = statuses;
      assert.equal(loading!.loadingProject, 'typed-project');
      assert.equal(loading!.mode, 'syntactic');
      assert.match(loading!.message ?? '', /^loading project typed-project…/);
      const published = client.published.filter((params) => params.uri === uri);
      assert.equal(published.length, 2);
      assert.ok(client.preliminary.has(published[0]!));
      assert.deepEqual(published[0]!.diagnostics, [], 'only the type checker sees that readFileSync comes from node:fs');
      assert.equal(typed!.mode, 'typeAware');
      assert.equal(typed!.loadingProject, undefined);
      assert.equal(typed!.budgetExceeded, undefined, 'the first type-aware lint of a project is not held against the budget');
      assert.equal(typed!.state, 'ok', JSON.stringify(typed));
      assert.equal(diagnostics.length, 1);
    });

    it('loads a project once: the next type-aware lint publishes once, without "loading project"', async () => {
      const file = path.join(project, 'src', 'files.ts');
      const uri = fileUri(file);
      const before = client.statuses.length;
      assert.deepEqual(await client.open(uri, fs.readFileSync(file, 'utf8')), []);
      assert.deepEqual(client.statuses.slice(before).map((status) => [status.mode, status.loadingProject]), [['typeAware', undefined]]);
      await client.close(uri);
    });

    it('keeps the type-aware mode label on a syntax error', async () => {
      const uri = fileUri(mainFile);
      const version = await client.change(uri, `${mainText}\nexport const broken = ;\n`);
      await client.nextDiagnostics(uri, version);
      const status = client.lastStatus(uri);
      assert.equal(status?.mode, 'typeAware');
      assert.equal(status?.state, 'warn');
      assert.match(status?.message ?? '', /could not parse \(line 7\)/);
      await client.nextDiagnostics(uri, await client.change(uri, mainText));
    });

    it('lints with type information, through the bundled TypeScript and its lib files', async () => {
      const uri = fileUri(mainFile);
      const diagnostics = client.latestDiagnostics(uri)!.diagnostics;
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
