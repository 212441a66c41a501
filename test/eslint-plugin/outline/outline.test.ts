import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { type AsyncOutline, createOutlineCollector, type OutlineNode } from '../../../eslint-plugin/src/outline';
import { oxlintLikeParser } from '../oxlintLikeParser';

/** A node as the tests write it: one line number (1-based, as in an editor) instead of a range. */
interface ExpectedNode {
  kind: OutlineNode['kind'];
  label: string;
  description: string;
  line: number;
  ruleId?: string;
  children?: ExpectedNode[];
}

function outlineOf(code: string, parserToUse: Linter.Parser = parser as Linter.Parser): AsyncOutline {
  let outline: AsyncOutline | null = null;
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: parserToUse },
        plugins: { outline: { rules: { collect: createOutlineCollector((result) => (outline = result)) as never } } },
        rules: { 'outline/collect': 'error' },
      },
    ],
    'file.ts',
  );
  assert.deepEqual(messages, []);
  assert.ok(outline, 'the collector ran');
  return outline;
}

function simplify(node: OutlineNode): ExpectedNode {
  return {
    kind: node.kind,
    label: node.label,
    description: node.description,
    line: node.range.start.line + 1,
    ...(node.ruleId ? { ruleId: node.ruleId } : {}),
    ...(node.children.length > 0 ? { children: node.children.map(simplify) } : {}),
  };
}

describe('async outline', () => {
  it('shows floating promises when ordinary statements carry `directive: null` (oxlint)', () => {
    const outline = outlineOf(`'use strict';\nasync function save() {\n  await fetch('/x');\n}\nexport async function run() {\n  save();\n}\n`, oxlintLikeParser);
    assert.deepEqual(outline.units.map(simplify), [
      { kind: 'unit', label: 'save', description: 'async', line: 2, children: [{ kind: 'await', label: "await fetch('/x')", description: '', line: 3 }] },
      {
        kind: 'unit', label: 'run', description: 'async', line: 5,
        children: [
          { kind: 'detached', label: 'floating: save()', description: 'floating: its result and error are lost', line: 6, ruleId: 'no-floating-promises' },
          { kind: 'call', label: 'calls save()', description: 'not awaited here', line: 6 },
        ],
      },
    ]);
  });

  it('shows a service class: awaits, sequential awaits, fan-outs, blocking, resources, detached work and calls', () => {
    const outline = outlineOf(`import fs from 'node:fs';
import { open } from 'node:fs/promises';

export class UserService {
  async load(id: string, ids: string[]) {
    const user = await fetch('/users/' + id);
    const prefs = await fetch('/prefs/' + id);
    await Promise.all(ids.map((other) => fetch('/users/' + other)));
    await Promise.all([this.save(), this.save()]);
    fs.readFileSync('audit.log');
    const handle = await open('cache.json');
    await handle.read();
    await handle.close();
    this.save();
    return [user, prefs];
  }

  async save() { return fetch('/save'); }
}
`);
    assert.deepEqual(outline.summary, { asyncUnits: 2, awaits: 7, fanOuts: 2, detached: 1, blocking: 1, leaks: 1 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'UserService.load', description: 'async', line: 5,
        children: [
          { kind: 'await', label: "await fetch('/users/' + id)", description: '', line: 6 },
          { kind: 'await', label: "await fetch('/prefs/' + id)", description: 'sequential: independent of the await on line 6', line: 7, ruleId: 'prefer-concurrent-awaits' },
          { kind: 'await', label: "await Promise.all(ids.map((other) => fetch('/…", description: 'sequential: independent of the await on line 7', line: 8, ruleId: 'prefer-concurrent-awaits' },
          { kind: 'fan-out', label: 'Promise.all', description: 'one per element of ids, unbounded', line: 8, ruleId: 'no-unbounded-concurrency' },
          { kind: 'await', label: 'await Promise.all([this.save(), this.save()])', description: '', line: 9 },
          { kind: 'fan-out', label: 'Promise.all', description: '2 tasks, bounded: a written list', line: 9 },
          { kind: 'call', label: 'calls UserService.save()', description: 'not awaited here', line: 9 },
          { kind: 'call', label: 'calls UserService.save()', description: 'not awaited here', line: 9 },
          { kind: 'blocking', label: 'blocks: fs.readFileSync', description: 'blocks the event loop', line: 10, ruleId: 'no-blocking-in-async' },
          { kind: 'await', label: "await open('cache.json')", description: '', line: 11 },
          { kind: 'resource', label: 'holds handle', description: 'file handle, released only when nothing throws', line: 11, ruleId: 'require-async-dispose' },
          { kind: 'await', label: 'await handle.read()', description: '', line: 12 },
          { kind: 'await', label: 'await handle.close()', description: '', line: 13 },
          { kind: 'detached', label: 'floating: this.save()', description: 'floating: its result and error are lost', line: 14, ruleId: 'no-floating-promises' },
          { kind: 'call', label: 'calls UserService.save()', description: 'not awaited here', line: 14 },
        ],
      },
      { kind: 'unit', label: 'UserService.save', description: 'async', line: 18 },
    ]);
  });

  it('names event-loop callbacks and nests units as in the source; start-up code is not a unit', () => {
    const outline = outlineOf(`import http from 'node:http';
import fs from 'node:fs';

const config = fs.readFileSync('config.json', 'utf8');

function readTemplate(name: string) {
  return fs.readFileSync(name, 'utf8');
}

const server = http.createServer((request, response) => {
  response.end(readTemplate('index.html'));
});

app.get('/users', async (req, res) => {
  const users = await loadUsers();
  setTimeout(() => {
    void refresh();
  }, 10);
  res.json(users);
});

emitter.on('job', async function onJob(job) {
  await job.run();
});

async function loadUsers() {
  return [];
}

async function refresh() { return fetch('/refresh'); }
`);
    assert.deepEqual(outline.summary, { asyncUnits: 6, awaits: 2, fanOuts: 0, detached: 1, blocking: 1, leaks: 0 });
    assert.deepEqual(outline.units.map(simplify), [
      {
        kind: 'unit', label: 'http.createServer handler', description: 'request handler', line: 10,
        children: [
          { kind: 'blocking', label: 'blocks via readTemplate() → fs.readFileSync', description: 'a local helper blocks the event loop', line: 11, ruleId: 'no-blocking-in-async' },
        ],
      },
      {
        kind: 'unit', label: 'app.get("/users") handler', description: 'async', line: 14,
        children: [
          { kind: 'await', label: 'await loadUsers()', description: '', line: 15 },
          { kind: 'call', label: 'calls loadUsers()', description: 'awaited', line: 15 },
          {
            kind: 'unit', label: 'setTimeout callback', description: 'timer callback', line: 16,
            children: [
              { kind: 'detached', label: 'detached: refresh()', description: 'void: detached on purpose', line: 17 },
              { kind: 'call', label: 'calls refresh()', description: 'not awaited here', line: 17 },
            ],
          },
        ],
      },
      {
        kind: 'unit', label: 'onJob', description: 'async', line: 22,
        children: [{ kind: 'await', label: 'await job.run()', description: '', line: 23 }],
      },
      { kind: 'unit', label: 'loadUsers', description: 'async', line: 26 },
      { kind: 'unit', label: 'refresh', description: 'async', line: 30 },
    ]);
  });

  it('is empty for a file without async code', () => {
    const outline = outlineOf('export function add(a: number, b: number) { return a + b; }\n');
    assert.deepEqual(outline, { summary: { asyncUnits: 0, awaits: 0, fanOuts: 0, detached: 0, blocking: 0, leaks: 0 }, units: [] });
  });
});
