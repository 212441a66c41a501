import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { findIndependentPredecessor, getDependency, getAwaitStep } from '../../../eslint-plugin/src/concurrency/awaitDependencies';
import { analyzeFanOut } from '../../../eslint-plugin/src/concurrency/fanOut';

/** What the task inspector reads from the analysis, collected by a throwaway rule over `code`. */
interface Collected {
  fanOuts: { api: string; source: string; taskCount: number | null; collection: string | null; bound: string | null; startsAsyncWork: boolean }[];
  predecessors: { await: string; after: string | null }[];
  dependency: string | null;
}

function collect(code: string): Collected {
  const collected: Collected = { fanOuts: [], predecessors: [], dependency: null };
  const rule: TSESLint.RuleModule<string, []> = {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(context) {
      const text = (node: TSESTree.Node | null): string | null => (node ? context.sourceCode.getText(node) : null);
      const steps: NonNullable<ReturnType<typeof getAwaitStep>>[] = [];
      return {
        CallExpression(node) {
          const fanOut = analyzeFanOut(context, node);
          if (fanOut) {
            collected.fanOuts.push({
              api: fanOut.api, source: fanOut.source, taskCount: fanOut.taskCount, collection: text(fanOut.collection),
              bound: fanOut.bound, startsAsyncWork: fanOut.startsAsyncWork,
            });
          }
        },
        AwaitExpression(node) {
          const previous = findIndependentPredecessor(context, node);
          collected.predecessors.push({ await: context.sourceCode.getText(node), after: previous ? context.sourceCode.getText(previous) : null });
          const statement = node.parent.type === 'VariableDeclarator' ? node.parent.parent : node.parent;
          const step = getAwaitStep(context, statement);
          if (step) steps.push(step);
        },
        'Program:exit'() {
          const [first, second] = steps;
          if (first && second) collected.dependency = getDependency(context, first, second);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    {
      files: ['**/*.ts'],
      languageOptions: { parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
      plugins: { facts: { rules: { collect: rule as never } } },
      rules: { 'facts/collect': 'error' },
    },
  ], 'facts.ts');
  assert.deepEqual(messages, []);
  return collected;
}

describe('concurrency facts for the task inspector', () => {
  it('counts the tasks of a written list', () => {
    const { fanOuts } = collect('async function f(a: string, b: string) { await Promise.all([fetch(a), fetch(b), fetch("/c")]); }');
    assert.deepEqual(fanOuts, [{ api: 'Promise.all', source: 'list', taskCount: 3, collection: null, bound: 'array-literal', startsAsyncWork: true }]);
  });

  it('names the collection of a per-element fan-out and says it is unbounded', () => {
    const { fanOuts } = collect('async function f(urls: string[]) { await Promise.allSettled(urls.map((u) => fetch(u))); }');
    assert.deepEqual(fanOuts, [{ api: 'Promise.allSettled', source: 'map', taskCount: null, collection: 'urls', bound: null, startsAsyncWork: true }]);
  });

  it('gives the reason a fan-out is bounded', () => {
    const { fanOuts } = collect(`import pLimit from 'p-limit';
const limit = pLimit(2);
async function f(urls: string[], i: number) {
  await Promise.all(urls.slice(i, i + 5).map((u) => fetch(u)));
  await Promise.all(urls.map((u) => limit(() => fetch(u))));
  await Promise.all(Array.from({ length: 3 }, async () => fetch('/w')));
}`);
    assert.deepEqual(fanOuts.map((fanOut) => fanOut.bound), ['slice', 'limiter', 'fixed-count']);
  });

  it('follows a pushing loop to its collection', () => {
    const { fanOuts } = collect(`async function f(ids: string[]) {
  const ps = [];
  for (const id of ids) ps.push(fetch('/items/' + id));
  await Promise.all(ps);
}`);
    assert.deepEqual(fanOuts, [{ api: 'Promise.all', source: 'push-loop', taskCount: null, collection: 'ids', bound: null, startsAsyncWork: true }]);
  });

  it('points an await at the independent one it waits for, and only that one', () => {
    const { predecessors } = collect(`async function f(id: string) {
  const a = await fetch('/a/' + id);
  const b = await fetch('/b/' + id);
  const c = await a.json();
}`);
    assert.deepEqual(predecessors, [
      { await: "await fetch('/a/' + id)", after: null },
      { await: "await fetch('/b/' + id)", after: "await fetch('/a/' + id)" },
      { await: 'await a.json()', after: null },
    ]);
  });

  it('says why two awaits depend on each other', () => {
    assert.equal(collect(`async function f(id: string) {
  const res = await fetch('/a/' + id);
  const next = await fetch(res.url);
}`).dependency, 'uses-result');
    assert.equal(collect(`declare const db: { a(): Promise<number>; b(): Promise<number> };
async function f() {
  const a = await db.a();
  const b = await db.b();
}`).dependency, 'shared-receiver');
    assert.equal(collect(`async function f() {
  const a = await fetch('/a');
  const b = await fetch('/b');
}`).dependency, null);
  });
});
