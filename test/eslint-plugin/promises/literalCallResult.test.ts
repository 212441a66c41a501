import * as assert from 'node:assert/strict';

import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode } from '../../../eslint-plugin/src/core/ast';
import { getLiteralCallResult } from '../../../eslint-plugin/src/promises/promiseInference';

/** The result for the function literal that `source` (one expression statement) is. */
function resultOf(source: string): ReturnType<typeof getLiteralCallResult> {
  const program = parse(source, { ecmaVersion: 'latest', sourceType: 'module' }) as TSESTree.Program;
  const statement = program.body[0];
  assert.ok(statement?.type === 'ExpressionStatement');
  const fn = statement.expression.type === 'CallExpression' ? statement.expression.arguments[0] : statement.expression;
  assert.ok(fn && isFunctionNode(fn), `not a function literal: ${source}`);
  return getLiteralCallResult(fn);
}

describe('getLiteralCallResult (what calling a function literal returns, from its syntax alone)', () => {
  it('says a promise for async functions and arrows', () => {
    assert.equal(resultOf('f(async () => {})'), 'promise');
    assert.equal(resultOf('f(async (x) => x)'), 'promise');
    assert.equal(resultOf('f(async function () { return 1; })'), 'promise');
  });

  it('says nothing is returned for generators, async ones included (their iterators are not thenables)', () => {
    assert.equal(resultOf('f(function* () { yield 1; })'), null);
    assert.equal(resultOf('f(async function* () { yield 1; })'), null);
  });

  it('says nothing is returned when no `return` in the body gives a value', () => {
    assert.equal(resultOf('f(() => { g(); })'), null);
    assert.equal(resultOf('f(function () { if (a) return; for (;;) { break; } })'), null);
    // returns of nested functions and class members are theirs, not the callback's
    assert.equal(resultOf('f(() => { const h = () => { return p(); }; class C { m() { return q(); } } h(); })'), null);
  });

  it('leaves it open when a value is returned or the body is an expression', () => {
    assert.equal(resultOf('f(() => p())'), undefined);
    assert.equal(resultOf('f(() => { return p(); })'), undefined);
    assert.equal(resultOf('f(function () { try { g(); } catch { return p(); } })'), undefined);
    assert.equal(resultOf('f(() => { switch (a) { case 1: return p(); } })'), undefined);
    assert.equal(resultOf('f(() => { label: { if (a) { return p(); } } })'), undefined);
  });
});
