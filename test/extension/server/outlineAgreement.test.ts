import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Diagnostic } from 'vscode-languageserver-protocol';

import type { AsyncOutlineResult, InspectorNode } from '../../../extension/src/shared/outlineMessages';
import { TestClient, fileUri } from './lspClient';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');
const WORKSPACE_FIXTURE = path.join(REPO, 'test', 'extension', 'fixtures', 'workspace');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.[cm]?[jt]sx?$/.test(entry.name) ? [full] : [];
  });
}

function nodes(units: readonly InspectorNode[]): InspectorNode[] {
  return units.flatMap((node) => [node, ...nodes(node.children)]);
}

type Range = Diagnostic['range'];
const key = (rule: string, range: Range) => `${rule}@${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

/**
 * One row per expression: the range of a row, without a leading `await `/`void ` and a trailing `;`, is
 * the range of no other row (two findings of different rules on one expression take two rows).
 */
function duplicateRows(text: string, units: readonly InspectorNode[]): string[] {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  const seen = new Map<string, InspectorNode>();
  const duplicates: string[] = [];
  for (const node of nodes(units)) {
    let start = offset(node.range.start);
    let end = offset(node.range.end);
    const prefix = /^(?:await|void)\s+/.exec(text.slice(start, end));
    if (prefix) start += prefix[0].length;
    if (text[end - 1] === ';') end--;
    const id = `${start}-${end}`;
    const other = seen.get(id);
    if (other && !(other.problem && node.problem && other.problem.ruleId !== node.problem.ruleId)) duplicates.push(`"${other.label}" and "${node.label}" (line ${node.range.start.line + 1})`);
    else seen.set(id, node);
  }
  return duplicates;
}

/**
 * Issue #23: the task inspector shows every Loopguard diagnostic of the file as a node, and no two rows for
 * one expression. Checked on every file of examples/ and on an Express route file, against the
 * diagnostics the server publishes for the same text.
 */
describe('server: the task inspector agrees with the diagnostics', function () {
  this.timeout(600_000);
  const totals = { files: 0, diagnostics: 0 };

  async function check(client: TestClient, file: string): Promise<{ diagnostics: Diagnostic[]; outline: AsyncOutlineResult }> {
    const uri = fileUri(file);
    const text = fs.readFileSync(file, 'utf8');
    const diagnostics = await client.open(uri, text);
    const outline = await client.sendRequest<AsyncOutlineResult | null>('loopguard/asyncOutline', { textDocument: { uri } });
    assert.ok(outline && !outline.emptyReason, `${file}: ${outline?.emptyReason ?? 'no outline'}`);
    const fromDiagnostics = diagnostics.map((d) => key(String(d.code), d.range)).sort();
    const fromTree = nodes(outline.units).flatMap((node) => (node.problem ? [key(node.problem.ruleId, node.problem.range)] : [])).sort();
    assert.deepEqual(fromTree, fromDiagnostics, `${path.relative(REPO, file)}: the tree's problems are the Problems panel's`);
    assert.deepEqual(duplicateRows(text, outline.units), [], `${path.relative(REPO, file)}: duplicate rows`);
    await client.close(uri);
    totals.files++;
    totals.diagnostics += diagnostics.length;
    return { diagnostics, outline };
  }

  after(() => {
    console.log(`      (${totals.files} files, ${totals.diagnostics} diagnostics, each on a node)`);
  });

  it('on every file of examples/ (type-aware, as in the examples project; every rule: loopguard.preset strict)', async () => {
    const client = await TestClient.start({ folders: [EXAMPLES], settings: { preset: 'strict' } });
    try {
      const files = sourceFiles(path.join(EXAMPLES, 'src'));
      assert.ok(files.length >= 8, `${files.length} example files`);
      let problems = 0;
      for (const file of files) problems += (await check(client, file)).diagnostics.length;
      assert.ok(problems >= 10, `only ${problems} problems in examples/: the check would prove little`);
    } finally {
      await client.stop();
    }
  });

  it('on the Express route file: six problems, all on nodes, the promise used as a condition on its call\'s row', async () => {
    const client = await TestClient.start({ folders: [WORKSPACE_FIXTURE] });
    try {
      const routes = path.join(WORKSPACE_FIXTURE, 'routes.js');
      // The recommended preset (the default) leaves out the two strict-only rules that find the other five.
      const recommended = await client.open(fileUri(routes), fs.readFileSync(routes, 'utf8'));
      assert.deepEqual(recommended.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), ['25 no-blocking-in-async']);
      await client.close(fileUri(routes));
      await client.changeSettings({ preset: 'strict' });
      const { diagnostics, outline } = await check(client, routes);
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`).sort(), [
        '25 no-blocking-in-async',
        '31 no-misused-async-callback',
        '34 no-floating-promises',
        '35 no-misused-async-callback',
        '40 no-misused-async-callback',
        '44 no-misused-async-callback',
      ]);
      assert.equal(outline.summary?.misused, 3, 'the async forEach, listener and timer callbacks');
      const condition = nodes(outline.units).find((node) => node.problem && node.range.start.line === 34);
      assert.deepEqual(condition && { kind: condition.kind, label: condition.label, rule: condition.problem?.ruleId }, {
        kind: 'call', label: 'calls UserService.exists()', rule: 'no-misused-async-callback',
      });
      const handler = outline.units.find((unit) => unit.label === 'app.post("/users/…") handler');
      assert.ok(handler?.children.includes(condition!), 'the row sits in the handler that holds it');
    } finally {
      await client.stop();
    }
  });
});
