import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { reportLocation } from '../../../eslint-plugin/src/core/reportLocation';

/** The text `reportLocation` underlines for the first node of `type` in `code` (or the one `pick` chooses). */
function underlined(code: string, type: string, pick: (node: TSESTree.Node) => boolean = () => true): string {
  let text: string | undefined;
  const linter = new Linter({ configType: 'flat' });
  const rule: TSESLint.RuleModule<'x', []> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        [type](node: TSESTree.Node) {
          if (text !== undefined || !pick(node)) return;
          const loc = reportLocation(context.sourceCode, node);
          const start = context.sourceCode.getIndexFromLoc(loc.start);
          const end = context.sourceCode.getIndexFromLoc(loc.end);
          text = code.slice(start, end);
        },
      };
    },
  };
  const messages = linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser }, plugins: { t: { rules: { r: rule as never } } }, rules: { 't/r': 'error' } }], { filename: 'a.ts' });
  assert.deepEqual(messages, []);
  assert.ok(text !== undefined, `no ${type} in the code`);
  return text;
}

describe('reportLocation: the smallest part of a node that names the problem', () => {
  it('a function: its head, never its body', () => {
    assert.equal(underlined('app.get("/", async (req, res) => {\n  await x();\n  res.end();\n});', 'ArrowFunctionExpression'), 'async (req, res) =>');
    assert.equal(underlined('rows.forEach(async (row) => save(row));', 'ArrowFunctionExpression'), 'async (row) =>');
    assert.equal(underlined('rows.forEach(async row => (await save(row)));', 'ArrowFunctionExpression'), 'async row =>');
    assert.equal(underlined('on("x", async function handler(a: string): Promise<void> {\n  await a;\n});', 'FunctionExpression'), 'async function handler(a: string): Promise<void>');
    assert.equal(underlined('f(async (\n  a,\n  b,\n) => {\n  await a;\n});', 'ArrowFunctionExpression'), 'async (\n  a,\n  b,\n) =>');
  });

  it('a call on one line: the whole call; over several lines: up to the end of its callee', () => {
    assert.equal(underlined('fs.readFileSync("a", "utf8");', 'CallExpression'), 'fs.readFileSync("a", "utf8")');
    assert.equal(underlined('execSync(\n  "ls",\n  { cwd },\n);', 'CallExpression'), 'execSync');
    assert.equal(underlined('fetch(url)\n  .then((r) => {\n    use(r);\n  });', 'CallExpression', (node) => node.parent?.type === 'ExpressionStatement'), 'fetch(url)\n  .then');
  });

  it('a statement or await over several lines: the head of what it holds', () => {
    assert.equal(underlined('save(a);', 'ExpressionStatement'), 'save(a);');
    assert.equal(underlined('promise.then(() => {\n  work();\n});', 'ExpressionStatement'), 'promise.then');
    assert.equal(underlined('async function f() {\n  await load(\n    a,\n  );\n}', 'AwaitExpression'), 'await load');
    assert.equal(underlined('async function f() {\n  await (\n    a || b\n  );\n}', 'AwaitExpression'), 'await');
  });

  it('anything else: the node itself', () => {
    assert.equal(underlined('while (Date.now() < end) {}', 'BinaryExpression'), 'Date.now() < end');
  });
});
