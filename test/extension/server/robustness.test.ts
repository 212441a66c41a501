import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { FIXTURES, TestClient, fileUri } from './lspClient';

const folder = path.join(FIXTURES, 'plain');
const BLOCKING = 'import fs from "node:fs";\nasync function f() { fs.readFileSync("x"); }\n';

describe('server: robustness', function () {
  this.timeout(120_000);
  let client: TestClient;
  let counter = 0;
  const newUri = (ext = 'js') => fileUri(path.join(folder, `robust-${++counter}.${ext}`));

  before(async () => {
    client = await TestClient.start({ folders: [folder] });
  });
  after(async () => {
    assert.equal(client.exitCode, undefined, 'the server is still running');
    await client.stop();
  });
  afterEach(async () => {
    await client.changeSettings({});
  });

  it('skips a document above loopguard.maxFileSize and says why', async () => {
    await client.changeSettings({ maxFileSize: 100 });
    const uri = newUri();
    assert.deepEqual(await client.open(uri, `${BLOCKING}${'// padding\n'.repeat(20)}`), []);
    const status = client.lastStatus(uri);
    assert.equal(status?.skipped, 'tooLarge');
    assert.equal(status?.state, 'warn');
    assert.match(status?.message ?? '', /maxFileSize \(100 bytes\)/);
  });

  it('skips a document over the default 1 MB limit', async () => {
    const uri = newUri();
    const big = `${BLOCKING}${'const value = "some ordinary source text";\n'.repeat(26_000)}`;
    assert.ok(big.length > 1_048_576);
    assert.deepEqual(await client.open(uri, big), []);
    assert.equal(client.lastStatus(uri)?.skipped, 'tooLarge');
  });

  it('skips binary and minified documents', async () => {
    const binary = newUri();
    assert.deepEqual(await client.open(binary, `\u0000\u0001\u0002PK${BLOCKING}`), []);
    assert.equal(client.lastStatus(binary)?.skipped, 'binary');
    const minified = newUri();
    assert.deepEqual(await client.open(minified, `import fs from "node:fs";async function f(){fs.readFileSync("x")}${'var a=1;'.repeat(3000)}`), []);
    assert.equal(client.lastStatus(minified)?.skipped, 'minified');
  });

  it('reports a syntax error in the status, publishes no stale problems, and recovers', async () => {
    const uri = newUri();
    assert.equal((await client.open(uri, BLOCKING)).length, 1);
    const broken = 'import fs from "node:fs";\nasync function f( { fs.readFileSync("x"); }\n';
    let version = await client.change(uri, broken);
    assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics, []);
    const status = client.lastStatus(uri);
    assert.equal(status?.state, 'warn');
    assert.match(status?.message ?? '', /could not parse \(line 2\)/);
    version = await client.change(uri, BLOCKING);
    assert.equal((await client.nextDiagnostics(uri, version)).diagnostics.length, 1);
  });

  it('after rapid edits the final diagnostics match the final text', async () => {
    const uri = newUri();
    assert.deepEqual(await client.open(uri, 'import fs from "node:fs";\n'), []);
    const before = client.published.length;
    let text = 'import fs from "node:fs";\n';
    let version = 1;
    const edits = 20;
    for (let i = 0; i < edits; i++) {
      // Odd steps add a blocking call inside an async function, even steps a harmless line.
      text += i % 2 === 1 ? `async function f${i}() { fs.readFileSync("${i}"); }\n` : `const v${i} = ${i};\n`;
      version = await client.change(uri, text);
    }
    const final = await client.nextDiagnostics(uri, version);
    const lines = text.split('\n');
    const expectedLines = lines.flatMap((line, index) => (line.includes('readFileSync') ? [index] : []));
    assert.equal(expectedLines.length, edits / 2);
    assert.deepEqual(final.diagnostics.map((d) => d.range.start.line), expectedLines);
    for (const diagnostic of final.diagnostics) {
      const line = lines[diagnostic.range.start.line]!;
      assert.equal(line.slice(diagnostic.range.start.character, diagnostic.range.end.character), line.slice(line.indexOf('fs.readFileSync'), line.indexOf(';', line.indexOf('fs.readFileSync'))));
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(client.latestDiagnostics(uri)?.version, version, 'nothing older is published afterwards');
    const published = client.published.slice(before).filter((params) => params.uri === uri).map((params) => params.version ?? -1);
    assert.ok(published.length < edits, `debounced: ${published.length} publishes for ${edits} edits`);
    assert.ok(published.every((v, i) => i === 0 || v > published[i - 1]!), 'versions only go forward');
  });

  it('answers requests about unknown documents and commands without failing', async () => {
    assert.deepEqual(await client.codeActions('file:///nowhere/x.js', []), []);
    assert.equal(await client.executeCommand('loopguard.server.noSuchCommand', []), null);
    assert.deepEqual(await client.executeCommand('loopguard.server.fixAll', []), { applied: false, reason: 'document not open' });
    assert.deepEqual(await client.executeCommand('loopguard.server.showDocumentation', ['javascript:alert(1)']), { shown: false });
  });

  it('does not lint other languages', async () => {
    const uri = fileUri(path.join(folder, 'notes.md'));
    const diagnostics = client.nextDiagnostics(uri, 1, 1500).catch(() => 'none');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: BLOCKING } });
    const result = await diagnostics;
    assert.ok(result === 'none' || (typeof result === 'object' && result.diagnostics.length === 0));
  });
});
