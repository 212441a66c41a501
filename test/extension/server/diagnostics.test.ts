import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { DiagnosticSeverity } from 'vscode-languageserver-protocol';

import { ruleDocsUrl } from '../../../eslint-plugin/src/core/ruleDocsUrl';
import { FIXTURES, TestClient, fileUri } from './lspClient';

const folder = path.join(FIXTURES, 'plain');
const BLOCKING = 'import fs from "node:fs";\nasync function f() { fs.readFileSync("x"); }\n';
const DOCS = ruleDocsUrl('no-blocking-in-async');

describe('server: diagnostics', function () {
  this.timeout(120_000);
  let client: TestClient;
  let counter = 0;
  const newUri = (ext = 'js') => fileUri(path.join(folder, `virtual-${++counter}.${ext}`));

  before(async () => {
    client = await TestClient.start({ folders: [folder] });
  });
  after(async () => {
    await client.stop();
  });
  afterEach(async () => {
    await client.changeSettings({});
  });

  it('publishes exactly the expected diagnostic, on the blocking call', async () => {
    const uri = newUri();
    const diagnostics = await client.open(uri, BLOCKING);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.deepEqual(diagnostic!.range, { start: { line: 1, character: 21 }, end: { line: 1, character: 41 } });
    assert.equal(diagnostic!.source, 'loopguard');
    assert.equal(diagnostic!.code, 'no-blocking-in-async');
    assert.deepEqual(diagnostic!.codeDescription, { href: DOCS });
    assert.equal(diagnostic!.severity, DiagnosticSeverity.Error);
    assert.match(String(diagnostic!.message), /^`fs\.readFileSync` blocks the event loop inside an async function/);
    assert.equal(client.latestDiagnostics(uri)?.version, 1);
  });

  it('reports nothing for code without async mistakes', async () => {
    assert.deepEqual(await client.open(newUri(), 'import fs from "node:fs";\nfs.readFileSync("x");\nasync function f() { await fs.promises.readFile("x"); }\n'), []);
  });

  it('sends a status with the mode and the time of the lint', async () => {
    const uri = newUri('ts');
    await client.open(uri, BLOCKING);
    const status = client.lastStatus(uri);
    assert.ok(status);
    assert.equal(status.mode, 'syntactic');
    assert.equal(status.skipped, undefined);
    assert.equal(status.configSource, 'settings');
    assert.equal(typeof status.durationMs, 'number');
    assert.ok(!Number.isNaN(Date.parse(status.lintedAt)));
  });

  it('lints all supported languages and extensions, and untitled documents', async () => {
    for (const ext of ['mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx']) {
      const text = ext === 'cjs' || ext === 'cts' ? 'const fs = require("node:fs");\nasync function f() { fs.readFileSync("x"); }\n' : BLOCKING;
      const diagnostics = await client.open(newUri(ext), text);
      assert.equal(diagnostics.length, 1, `.${ext}`);
      assert.equal(diagnostics[0]!.range.start.line, 1, `.${ext}`);
    }
    assert.equal((await client.open(`untitled:Untitled-${++counter}`, BLOCKING, 'typescript')).length, 1);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = newUri();
    assert.equal((await client.open(uri, BLOCKING)).length, 1);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('follows settings: a rule turned off, a severity changed, the extension disabled', async () => {
    const uri = newUri();
    assert.equal((await client.open(uri, BLOCKING)).length, 1);

    let next = client.diagnosticsUntil(uri, (d) => d.length === 0);
    await client.changeSettings({ rules: { 'no-blocking-in-async': 'off' } });
    await next;

    next = client.diagnosticsUntil(uri, (d) => d.length === 1);
    await client.changeSettings({ rules: { 'loopguard/no-blocking-in-async': 'warn' } });
    const warned = (await next).diagnostics;
    assert.equal(warned[0]!.severity, DiagnosticSeverity.Warning);

    next = client.diagnosticsUntil(uri, (d) => d.length === 0);
    await client.changeSettings({ enable: false });
    await next;
    assert.equal(client.lastStatus(uri)?.skipped, 'disabled');

    next = client.diagnosticsUntil(uri, (d) => d.length === 1);
    await client.changeSettings({});
    assert.equal((await next).diagnostics[0]!.severity, DiagnosticSeverity.Error);
  });

  it('passes rule options through, and runs with defaults when options are invalid', async () => {
    const uri = newUri();
    await client.open(uri, BLOCKING);
    let next = client.diagnosticsUntil(uri, (d) => d.length === 0);
    await client.changeSettings({ rules: { 'no-blocking-in-async': ['warn', { allow: ['readFileSync'] }] } });
    await next;

    next = client.diagnosticsUntil(uri, (d) => d.length === 1);
    await client.changeSettings({ rules: { 'no-blocking-in-async': ['warn', { noSuchOption: true }] } });
    const diagnostics = (await next).diagnostics;
    assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
    assert.match(client.lastStatus(uri)?.message ?? '', /invalid options for loopguard\/no-blocking-in-async/);
  });

  it('ignores settings of the wrong type instead of failing', async () => {
    await client.changeSettings({ enable: 'sometimes', rules: 'all', maxFileSize: 'big' });
    assert.equal((await client.open(newUri(), BLOCKING)).length, 1);
    assert.ok(client.logs.some((line) => line.includes('loopguard.enable: ignored invalid value "sometimes"')));
  });

  it('with run = onSave, lints on open and save but not while typing', async () => {
    await client.changeSettings({ run: 'onSave' });
    const uri = newUri();
    assert.deepEqual(await client.open(uri, 'const a = 1;\n'), []);
    const version = await client.change(uri, BLOCKING);
    await new Promise((resolve) => setTimeout(resolve, 800));
    assert.equal(client.latestDiagnostics(uri)?.version, 1, 'no lint while typing');
    const next = client.nextDiagnostics(uri, version);
    await client.save(uri);
    assert.equal((await next).diagnostics.length, 1);
  });
});
