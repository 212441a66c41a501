import * as assert from 'node:assert/strict';

import { loopguardRulesOf, resolveRules } from '../../../extension/src/server/ruleConfig';

const ruleIds = new Set(['a', 'b', 'c']);
const preset = { a: 'error', b: 'error' } as const;

describe('resolveRules', () => {
  it('uses the preset overridden by settings when no ESLint config sets loopguard rules', () => {
    const resolved = resolveRules({ ruleIds, preset, settings: { b: 'off', c: ['warn', { x: 1 }] }, eslintConfig: undefined, priority: 'eslintConfig' });
    assert.deepEqual(resolved, { rules: { a: 'error', b: 'off', c: ['warn', { x: 1 }] }, source: 'settings' });
  });

  it('follows the ESLint config exactly when it wins (unmentioned rules are off, as in CI)', () => {
    const resolved = resolveRules({ ruleIds, preset, settings: { a: 'off', c: 'error' }, eslintConfig: { a: 'warn' }, priority: 'eslintConfig' });
    assert.deepEqual(resolved, { rules: { a: 'warn', b: 'off', c: 'off' }, source: 'eslintConfig' });
  });

  it('lets settings override the ESLint config when settings win', () => {
    const resolved = resolveRules({ ruleIds, preset, settings: { a: 'off', c: 'error' }, eslintConfig: { a: 'warn', b: 'error' }, priority: 'settings' });
    assert.deepEqual(resolved, { rules: { a: 'off', b: 'error', c: 'error' }, source: 'eslintConfig' });
  });

  it('ignores unknown rule ids from any source', () => {
    const resolved = resolveRules({ ruleIds, preset: { a: 'error', z: 'error' }, settings: { y: 'warn' }, eslintConfig: undefined, priority: 'settings' });
    assert.deepEqual(resolved.rules, { a: 'error', b: 'off', c: 'off' });
  });
});

describe('loopguardRulesOf', () => {
  it('picks loopguard rules from a computed config and normalises severities', () => {
    assert.deepEqual(loopguardRulesOf({ 'no-console': [2], 'loopguard/a': [1], 'loopguard/b': [2, { x: 1 }], 'loopguard/zzz': [2] }, ruleIds), {
      a: 'warn',
      b: ['error', { x: 1 }],
    });
  });

  it('is undefined when the config sets no loopguard rule', () => {
    assert.equal(loopguardRulesOf({ 'no-console': [2] }, ruleIds), undefined);
    assert.equal(loopguardRulesOf(undefined, ruleIds), undefined);
  });
});
