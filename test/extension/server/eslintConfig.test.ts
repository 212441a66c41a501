import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DiagnosticSeverity } from 'vscode-languageserver-protocol';

import { FIXTURES, TestClient, fileUri } from './lspClient';

// The fixture's eslint.config.mjs imports eslint-plugin-loopguard (built into eslint-plugin/dist) and
// sets loopguard/no-blocking-in-async to "warn" (the preset says "error") and ignores ignored/**.
const folder = path.join(FIXTURES, 'eslint-config');
const fileA = path.join(folder, 'src', 'a.js');
const ignoredFile = path.join(folder, 'ignored', 'b.js');
const text = fs.readFileSync(fileA, 'utf8');

describe("server: the workspace's ESLint config", function () {
  this.timeout(180_000);

  describe('trusted', () => {
    let client: TestClient;
    before(async function () {
      if (!fs.existsSync(path.resolve(__dirname, '../../../eslint-plugin/dist/index.js'))) {
        throw new Error('eslint-plugin/dist is missing: run `npm run build` first (npm run test:server does)');
      }
      client = await TestClient.start({ folders: [folder], trusted: true });
    });
    after(async () => {
      await client.stop();
    });
    afterEach(async () => {
      await client.changeSettings({});
    });

    it('uses the severity from eslint.config.mjs, as CI would', async () => {
      const uri = fileUri(fileA);
      const diagnostics = await client.open(uri, text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
      assert.equal(client.lastStatus(uri)?.configSource, 'eslintConfig');
    });

    it('does not lint files the config ignores', async () => {
      const uri = fileUri(ignoredFile);
      assert.deepEqual(await client.open(uri, text), []);
      assert.equal(client.lastStatus(uri)?.skipped, 'ignored');
    });

    it('the config wins over loopguard.rules by default; configPriority "settings" reverses that', async () => {
      const uri = fileUri(fileA);
      const relinted = client.nextDiagnostics(uri);
      await client.changeSettings({ rules: { 'no-blocking-in-async': 'off' } });
      await relinted;
      // Give a wrong result every chance to show up: lint once more after the settings change.
      const version = await client.change(uri, `${text}// edited\n`);
      const afterEdit = await client.nextDiagnostics(uri, version);
      assert.equal(afterEdit.diagnostics.length, 1, 'config wins');
      assert.equal(afterEdit.diagnostics[0]!.severity, DiagnosticSeverity.Warning);

      const next = client.diagnosticsUntil(uri, (d) => d.length === 0);
      await client.changeSettings({ rules: { 'no-blocking-in-async': 'off' }, configPriority: 'settings' });
      await next; // settings win
    });

    it('loopguard.useESLintConfig = false falls back to the settings and the preset', async () => {
      const uri = fileUri(fileA);
      const next = client.diagnosticsUntil(uri, (d) => d[0]?.severity === DiagnosticSeverity.Error);
      await client.changeSettings({ useESLintConfig: false });
      assert.equal((await next).diagnostics.length, 1);
      assert.equal(client.lastStatus(uri)?.configSource, 'settings');
    });
  });

  describe('a config that calls process.exit', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ folders: [path.join(FIXTURES, 'eslint-config-exits')], trusted: true });
    });
    after(async () => {
      await client.stop();
    });

    it('does not end the server: the config is reported and the settings are used', async () => {
      const uri = fileUri(path.join(FIXTURES, 'eslint-config-exits', 'src', 'a.js'));
      const diagnostics = await client.open(uri, text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Error);
      assert.equal(client.lastStatus(uri)?.configSource, 'settings');
      // The exit ended only the lint worker that loaded the config; the config is named, and not loaded again.
      assert.match(client.lastStatus(uri)?.message ?? '', /eslint\.config\.mjs ended a lint worker with process\.exit\(7\).*using the loopguard settings/);
      assert.ok(client.logs.some((line) => /process\.exit\(7\), called from \S*eslint-config-exits\/eslint\.config\.mjs:2:\d+/.test(line)), client.logs.join('\n'));
      assert.equal(client.exitCode, undefined);
      const version = await client.change(uri, `${text}\n`);
      assert.equal((await client.nextDiagnostics(uri, version)).diagnostics.length, 1, 'still linting');
    });
  });

  describe('untrusted', () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ folders: [folder], trusted: false });
    });
    after(async () => {
      await client.stop();
    });

    it('never reads the config: bundled preset only', async () => {
      const uri = fileUri(fileA);
      const diagnostics = await client.open(uri, text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Error);
      assert.equal(client.lastStatus(uri)?.configSource, 'settings');
      assert.equal((await client.open(fileUri(ignoredFile), text)).length, 1, 'the config\'s ignores are not read either');
    });
  });
});
