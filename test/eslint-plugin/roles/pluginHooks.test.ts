import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import type { FunctionNode } from '../../../eslint-plugin/src/core/ast';
import { getPerModuleHookName, repeatsWithInput } from '../../../eslint-plugin/src/roles/pluginHooks';

/** The per-module hook name of every function of `code` (in source order), null where it is none. */
function hooksOf(code: string): (string | null)[] {
  const found: (string | null)[] = [];
  lint(code, () => ({
    FunctionExpression: (fn: FunctionNode) => void found.push(getPerModuleHookName(fn)),
    ArrowFunctionExpression: (fn: FunctionNode) => void found.push(getPerModuleHookName(fn)),
  }));
  return found;
}

/** For every call of `code` to `read(…)`, whether it repeats with the input of the plugin hook it is written in (its context's function). */
function readsOfInput(code: string): boolean[] {
  const found: boolean[] = [];
  lint(code, (context) => ({
    'CallExpression[callee.name="read"]'(call: TSESTree.CallExpression) {
      let fn: TSESTree.Node | undefined = call.parent;
      while (fn && !(fn.type === 'FunctionExpression' && fn.parent.type === 'Property')) fn = fn.parent;
      found.push(repeatsWithInput(context.sourceCode, { kind: 'plugin-hook', functionNode: fn as FunctionNode }, call));
    },
  }));
  return found;
}

function lint(code: string, create: (context: Readonly<TSESLint.RuleContext<string, []>>) => TSESLint.RuleListener): void {
  const rule: TSESLint.RuleModule<string, []> = { meta: { type: 'problem', messages: {}, schema: [] }, defaultOptions: [], create };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [
    { files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser }, plugins: { test: { rules: { probe: rule as never } } }, rules: { 'test/probe': 'error' } },
  ], 'file.ts');
  assert.deepEqual(messages, []);
}

describe('roles/pluginHooks', () => {
  it('recognises a per-module hook by a key only bundler plugins have', () => {
    assert.deepEqual(hooksOf('export default () => ({ name: "a", enforce: "pre", transform(code: string) { return code; } });'), [null, 'transform']);
    assert.deepEqual(hooksOf('createUnplugin(() => ({ name: "a", transformInclude: (id: string) => id.endsWith(".vue"), transform: (code: string) => code }));'), [null, null, 'transform']);
    assert.deepEqual(hooksOf('const p = { name: "a", apply: "serve", load(path: string) { return path; } };'), ['load']);
    assert.deepEqual(hooksOf('const p = { name: "a", resolveId: (source: string) => source, renderChunk(code: string) { return code; } };'), ['resolveId', 'renderChunk']);
  });

  it('recognises a plugin by its place in a plugins array', () => {
    assert.deepEqual(hooksOf('const plugins = [{ name: "a", load(path: string) { return path; } }];'), ['load']);
    assert.deepEqual(hooksOf('function f(plugins: unknown[]) { plugins.push({ name: "a", transform(source: string) { return source; } }); }'), ['transform']);
    assert.deepEqual(hooksOf('function f(options: { plugins: unknown[] }) { options.plugins.unshift({ name: "a", load(path: string) { return path; } }); }'), ['load']);
  });

  it('recognises load(id) and transform(code, id), and the handler of an object hook', () => {
    assert.deepEqual(hooksOf('const p = { name: "a", load(id: string) { return id; }, transform(code: string, fileName: string) { return code; } };'), ['load', 'transform']);
    assert.deepEqual(hooksOf('const p = { name: "a", transform: { filter: { id: /x/ }, handler(code: string) { return code; } } };'), ['transform']);
  });

  it('leaves alone look-alikes: no name, a function name, no evidence, once-per-build hooks, generators, hooks of nested objects', () => {
    assert.deepEqual(hooksOf('const p = { resolveId(id: string) { return id; }, load(id: string) { return id; } };'), [null, null]);
    assert.deepEqual(hooksOf('const p = { name() { return "a"; }, resolveId(id: string) { return id; } };'), [null, null]);
    assert.deepEqual(hooksOf('const loader = { name: "file-loader", load(context: unknown) { return context; } };'), [null]);
    assert.deepEqual(hooksOf('register({ name: "size/px", type: "value", transform: (token: unknown) => token });'), [null]);
    assert.deepEqual(hooksOf('const p = { name: "a", apply: "always", load(path: string) { return path; } };'), [null]);
    assert.deepEqual(hooksOf('const p = { name: "a", resolveId(id: string) { return id; }, buildStart() {}, generateBundle() {}, handleHotUpdate() {} };'), ['resolveId', null, null, null]);
    assert.deepEqual(hooksOf('const p = { name: "a", resolveId: function* (id: string) { yield id; } };'), [null]);
    assert.deepEqual(hooksOf('const p = { name: "a", resolveId(id: string) { return { resolveId: (x: string) => x }; } };'), ['resolveId', null]);
  });

  it('follows the hook input through declarations, not through callbacks or into fixed files', () => {
    const hook = (body: string) => `const p = { name: "a", enforce: "pre", transform(code: string, id: string) { ${body} } };\ndeclare function read(p: unknown): string;`;
    assert.deepEqual(readsOfInput(hook('return read(id);')), [true]);
    assert.deepEqual(readsOfInput(hook('const { filename } = parse(id); const map = filename + ".map"; return read(map);')), [true]);
    assert.deepEqual(readsOfInput(hook('return read(`${id}.map`);')), [true]);
    assert.deepEqual(readsOfInput(hook('return read(RUNTIME);')), [false]);
    assert.deepEqual(readsOfInput(hook('let file = "a"; file = id; return read(file);')), [false]);
    assert.deepEqual(readsOfInput(hook('return deps(code).map((dep) => read(dep));')), [false]);
  });
});
