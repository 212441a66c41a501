import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { ruleDocsUrl } from '../../../eslint-plugin/src/core/ruleDocsUrl';
import type { AsyncOutlineResult, InspectorNode } from '../../../extension/src/shared/outlineMessages';
import { FIXTURES, TestClient, fileUri } from './lspClient';

const folder = path.join(FIXTURES, 'plain');
const SERVICE = `import fs from 'node:fs';
export async function load(ids: string[]) {
  const config = fs.readFileSync('config.json', 'utf8');
  await Promise.all(ids.map((id) => fetch('/items/' + id)));
  return config;
}
`;

/** A node as the tests write it: kind, label, 1-based line and the problem's rule and severity. */
function brief(node: InspectorNode): unknown {
  return {
    kind: node.kind,
    label: node.label,
    line: node.range.start.line + 1,
    ...(node.problem ? { problem: `${node.problem.severity} ${node.problem.ruleId}` } : {}),
    ...(node.children.length > 0 ? { children: node.children.map(brief) } : {}),
  };
}

describe('server: async outline (task inspector)', function () {
  this.timeout(120_000);
  let client: TestClient;
  let counter = 0;
  const newUri = (ext = 'ts') => fileUri(path.join(folder, `outline-${++counter}.${ext}`));
  const outline = (uri: string) => client.sendRequest<AsyncOutlineResult | null>('loopguard/asyncOutline', { textDocument: { uri } });

  before(async () => {
    client = await TestClient.start({ folders: [folder] });
  });
  after(async () => {
    await client.stop();
  });
  afterEach(async () => {
    await client.changeSettings({});
  });

  it('returns the outline with the diagnostics of the same pass on its nodes', async () => {
    const uri = newUri();
    await client.open(uri, SERVICE);
    const result = await outline(uri);
    assert.ok(result);
    assert.equal(result.version, 1);
    assert.equal(result.emptyReason, undefined);
    assert.deepEqual(result.summary, { asyncUnits: 1, awaits: 1, fanOuts: 1, detached: 0, blocking: 1, leaks: 0, misused: 0 });
    // no-unbounded-concurrency is in the strict preset only: the fan-out is shown, without a problem.
    assert.deepEqual(result.units.map(brief), [
      {
        kind: 'unit', label: 'load', line: 2,
        children: [
          { kind: 'blocking', label: 'blocks: fs.readFileSync', line: 3, problem: 'error no-blocking-in-async' },
          { kind: 'fan-out', label: 'await Promise.all', line: 4 },
        ],
      },
    ]);
    const blocking = result.units[0]?.children[0];
    assert.match(blocking?.problem?.message ?? '', /^`fs\.readFileSync` blocks the event loop/);
    assert.deepEqual(blocking?.problem?.range, { start: { line: 2, character: 17 }, end: { line: 2, character: 55 } });
    assert.equal(blocking?.problem?.docsUrl, ruleDocsUrl('no-blocking-in-async'));
  });

  it('follows the settings: a rule set to warn colours its node as a warning, a rule turned off leaves it plain', async () => {
    const uri = newUri();
    await client.open(uri, SERVICE);
    await client.changeSettings({ rules: { 'no-blocking-in-async': 'warn', 'no-unbounded-concurrency': 'error' } });
    let result = await outline(uri);
    assert.deepEqual(result?.units[0]?.children.map((node) => node.problem ? `${node.problem.severity} ${node.problem.ruleId}` : node.kind), [
      'warning no-blocking-in-async',
      'error no-unbounded-concurrency',
    ]);
    await client.changeSettings({ rules: { 'no-blocking-in-async': 'off' } });
    result = await outline(uri);
    assert.equal(result?.units[0]?.children[0]?.problem, undefined);
    assert.equal(result?.units[0]?.children[0]?.kind, 'blocking');
  });

  it('puts no-misused-async-callback problems on the unit whose promise is lost and on misused nodes, as configured', async () => {
    const uri = newUri();
    // a strict-only rule: on by name
    await client.changeSettings({ rules: { 'no-misused-async-callback': 'error' } });
    await client.open(uri, `declare function save(): Promise<void>;
interface Service { start(): void }
async function poll() { await save(); }
setInterval(poll, 1000);
export class Worker implements Service {
  async start() { await save(); }
}
`);
    let result = await outline(uri);
    assert.equal(result?.summary?.misused, 2);
    assert.deepEqual(result?.units.map(brief), [
      { kind: 'unit', label: 'poll', line: 3, children: [{ kind: 'await', label: 'await save()', line: 3 }] },
      { kind: 'misused', label: 'ignored: poll', line: 4, problem: 'error no-misused-async-callback' },
      // the interval armed at load keeps every importer of this module alive
      { kind: 'resource', label: 'interval at load', line: 4, problem: 'error require-async-dispose' },
      { kind: 'unit', label: 'Worker.start', line: 6, problem: 'error no-misused-async-callback', children: [{ kind: 'await', label: 'await save()', line: 6 }] },
    ]);
    assert.match(result?.units[3]?.problem?.message ?? '', /^`Service` declares `start` to return void/);
    await client.changeSettings({ rules: { 'no-misused-async-callback': ['warn', { checkInheritedMethods: false }] } });
    result = await outline(uri);
    assert.deepEqual(result?.units.map(brief), [
      { kind: 'unit', label: 'poll', line: 3, children: [{ kind: 'await', label: 'await save()', line: 3 }] },
      { kind: 'misused', label: 'ignored: poll', line: 4, problem: 'warning no-misused-async-callback' },
      { kind: 'resource', label: 'interval at load', line: 4, problem: 'error require-async-dispose' },
      { kind: 'unit', label: 'Worker.start', line: 6, children: [{ kind: 'await', label: 'await save()', line: 6 }] },
    ]);
  });

  it('shows the strict rules return-await-in-try and no-race-across-await on their nodes once they are on', async () => {
    const uri = newUri();
    await client.open(uri, `export class Store {
  private client?: { query(sql: string): Promise<number> };
  async query(sql: string) {
    if (!this.client) {
      this.client = await connect();
    }
    try {
      return fetchRows(sql);
    } catch {
      return [];
    }
  }
}
declare function connect(): Promise<{ query(sql: string): Promise<number> }>;
declare function fetchRows(sql: string): Promise<string[]>;
`);
    await client.changeSettings({ rules: { 'return-await-in-try': 'error', 'no-race-across-await': 'warn' } });
    const result = await outline(uri);
    assert.deepEqual(result?.units[0]?.children.map(brief), [
      { kind: 'race', label: 'race on this.client', line: 5, problem: 'warning no-race-across-await' },
      { kind: 'await', label: 'await connect()', line: 5 },
      { kind: 'return', label: 'return fetchRows(sql)', line: 8, problem: 'error return-await-in-try' },
    ]);
  });

  it('describes the current text after an edit', async () => {
    const uri = newUri();
    await client.open(uri, SERVICE);
    await client.change(uri, 'export async function ping() {\n  await fetch("/ping");\n}\n');
    const result = await outline(uri);
    assert.equal(result?.version, 2);
    assert.deepEqual(result?.units.map(brief), [
      { kind: 'unit', label: 'ping', line: 1, children: [{ kind: 'await', label: 'await fetch("/ping")', line: 2 }] },
    ]);
  });

  it('keeps the last tree that parsed while the text does not, marked stale; back to fresh once it parses', async () => {
    const uri = newUri();
    await client.open(uri, SERVICE);
    const good = await outline(uri);
    const broken = SERVICE.replace("return config;", "return config +;");
    await client.change(uri, broken);
    const stale = await outline(uri);
    assert.equal(stale?.version, 2);
    assert.match(stale?.stale?.reason ?? '', /^Syntax error at line 5/);
    assert.equal(stale?.stale?.staleVersion, 1);
    assert.equal(stale?.emptyReason, undefined);
    assert.deepEqual(stale?.units, good?.units);
    assert.deepEqual(stale?.summary, good?.summary);
    await client.change(uri, SERVICE.replace('fs.readFileSync', 'await fs.promises.readFile'));
    const fresh = await outline(uri);
    assert.equal(fresh?.stale, undefined);
    assert.equal(fresh?.units[0]?.children[0]?.kind, 'await');
  });

  it('says why it is empty: a syntax error before any version parsed, a file too large, not a JS/TS file', async () => {
    const broken = newUri();
    await client.open(broken, 'export async function f() {\n  await (\n}\n');
    assert.match((await outline(broken))?.emptyReason ?? '', /^Syntax error at line 3/);

    const large = newUri();
    await client.changeSettings({ maxFileSize: 100 });
    await client.open(large, SERVICE);
    assert.match((await outline(large))?.emptyReason ?? '', /larger than|too large|size/i);

    await client.changeSettings({});
    const text = fileUri(path.join(folder, 'notes.md'));
    await client.open(text, '# notes\n', 'markdown');
    assert.equal((await outline(text))?.emptyReason, 'Not a JavaScript or TypeScript file.');
  });

  it('answers null for a document the server does not have open', async () => {
    assert.equal(await outline(fileUri(path.join(folder, 'never-opened.ts'))), null);
  });
});
