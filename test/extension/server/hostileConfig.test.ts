import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DiagnosticSeverity } from 'vscode-languageserver-protocol';

import { CONFIG_BUDGET_MS } from '../../../extension/src/server/lintPool';
import { FIXTURES, TestClient, delay, fileUri } from './lspClient';

// Workspace code (an eslint.config.* and what it imports) runs in the server's lint workers. Each
// fixture's config misbehaves in one way; src/a.js has one blocking call, which the configs that load
// report as a warning (the preset says error), so the severity tells whether the config was used.
const text = fs.readFileSync(path.join(FIXTURES, 'config-loops', 'src', 'a.js'), 'utf8');

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await delay(50);
  }
}

describe('server: workspace code that misbehaves runs where it cannot hurt the server', function () {
  this.timeout(180_000);
  before(() => {
    if (!fs.existsSync(path.resolve(__dirname, '../../../eslint-plugin/dist/index.js'))) {
      throw new Error('eslint-plugin/dist is missing: run `npm run build` first (npm run test:server does)');
    }
  });

  it('a config that writes to process.stdout: the LSP stream stays valid, the config is used and its output logged', async () => {
    const folder = path.join(FIXTURES, 'config-writes-stdout');
    const client = await TestClient.start({ folders: [folder], trusted: true });
    try {
      const uri = fileUri(path.join(folder, 'src', 'a.js'));
      const diagnostics = await client.open(uri, text);
      assert.deepEqual(diagnostics.map((d) => d.severity), [DiagnosticSeverity.Warning], 'the config was loaded and used');
      await delay(500); // the config's timer writes again meanwhile
      const version = await client.change(uri, `${text}// edited\n`);
      assert.deepEqual((await client.nextDiagnostics(uri, version)).diagnostics.map((d) => d.severity), [DiagnosticSeverity.Warning]);
      assert.deepEqual(client.streamErrors, [], 'nothing but LSP messages reached the client');
      assert.ok(client.logs.some((line) => line.includes('Lint worker output: plain text from eslint.config.mjs')), client.logs.join('\n'));
      assert.ok(client.logs.some((line) => line.includes('Lint worker output: later, from a timer')), client.logs.join('\n'));
      assert.equal(client.exitCode, undefined);
    } finally {
      await client.stop();
    }
  });

  it('a config that calls process.exit(4) 200 ms after loading: the server keeps answering, names the config once and stops loading it', async () => {
    const folder = path.join(FIXTURES, 'config-exits-later');
    const loadLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-loads-')), 'loads.log');
    const client = await TestClient.start({ folders: [folder], trusted: true, env: { LOOPGUARD_TEST_LOAD_LOG: loadLog } });
    try {
      const uri = fileUri(path.join(folder, 'src', 'a.js'));
      // The first lint may or may not finish before the timer fires: either way there is one problem.
      assert.equal((await client.open(uri, text)).length, 1);
      await waitUntil(
        () => client.logs.some((line) => /process\.exit\(4\), called from \S*config-exits-later\/eslint\.config\.mjs:\d+:\d+/.test(line)),
        30_000,
        'the server logs which config ended its lint worker',
      );
      for (let edit = 0; edit < 3; edit++) {
        const version = await client.change(uri, `${text}// edit ${edit}\n`);
        const next = await client.nextDiagnostics(uri, version);
        assert.deepEqual(next.diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error], 'the settings (the preset) are used now');
        await delay(400); // a config loaded again would end its worker within this time
      }
      const status = client.lastStatus(uri);
      assert.equal(status?.configSource, 'settings');
      assert.match(status?.message ?? '', /eslint\.config\.mjs ended a lint worker with process\.exit\(4\).*using the loopguard settings/);
      assert.equal(fs.readFileSync(loadLog, 'utf8'), 'loaded\n', 'the config was loaded once, not again after it ended a worker');
      assert.equal(client.logs.filter((line) => line.includes('process.exit(4)')).length, 1, 'said once');
      assert.equal(client.exitCode, undefined);
    } finally {
      await client.stop();
      fs.rmSync(path.dirname(loadLog), { recursive: true, force: true });
    }
  });

  it('a config that never finishes loading: stopped after the budget, named in the status, the settings used; requests answered meanwhile', async () => {
    const folder = path.join(FIXTURES, 'config-loops');
    const client = await TestClient.start({ folders: [folder], trusted: true });
    try {
      const uri = fileUri(path.join(folder, 'src', 'a.js'));
      const started = performance.now();
      const opened = client.open(uri, text);
      await delay(1000);
      // The lint worker spins in the config; the main thread answers at once.
      const asked = performance.now();
      assert.deepEqual(await client.codeActions(uri, []), []);
      const answerMs = performance.now() - asked;
      assert.ok(answerMs < 200, `a code action request took ${Math.round(answerMs)} ms while the config looped`);

      const diagnostics = await opened;
      const elapsed = performance.now() - started;
      assert.deepEqual(diagnostics.map((d) => d.severity), [DiagnosticSeverity.Error], 'linted with the settings');
      assert.ok(elapsed >= CONFIG_BUDGET_MS, `diagnostics after ${Math.round(elapsed)} ms: the budget is ${CONFIG_BUDGET_MS} ms`);
      // After the budget: a new worker starts and lints the file without the config (a few seconds on a loaded machine).
      assert.ok(elapsed < CONFIG_BUDGET_MS + 30_000, `diagnostics only after ${Math.round(elapsed)} ms`);
      const status = client.lastStatus(uri);
      assert.equal(status?.configSource, 'settings');
      assert.match(status?.message ?? '', new RegExp(`eslint\\.config\\.mjs did not finish loading within ${CONFIG_BUDGET_MS / 1000} s.*using the loopguard settings`));
      assert.ok(client.logs.some((line) => line.includes(`${path.join(folder, 'eslint.config.mjs')} did not finish loading`)), client.logs.join('\n'));

      // The config is not tried again: the next edit is answered without waiting for a budget.
      const editedAt = performance.now();
      const version = await client.change(uri, `${text}// edited\n`);
      assert.equal((await client.nextDiagnostics(uri, version)).diagnostics.length, 1);
      assert.ok(performance.now() - editedAt < CONFIG_BUDGET_MS, 'no second wait for the config');
      assert.equal(client.exitCode, undefined);
    } finally {
      await client.stop();
    }
  });
});
