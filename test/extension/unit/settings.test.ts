import * as assert from 'node:assert/strict';

import { DEFAULT_SETTINGS } from '../../../extension/src/shared/settings';
import { normaliseRuleEntry, sanitiseSettings } from '../../../extension/src/server/settings';

const known = new Set(['no-blocking-in-async', 'no-floating-promises']);

describe('sanitiseSettings', () => {
  it('gives the defaults for nothing', () => {
    assert.deepEqual(sanitiseSettings(undefined, known), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.deepEqual(sanitiseSettings(null, known).settings, DEFAULT_SETTINGS);
  });

  it('keeps valid values', () => {
    const { settings, problems } = sanitiseSettings(
      { enable: false, typeAware: 'off', run: 'onSave', maxFileSize: 2048, useESLintConfig: false, configPriority: 'settings', preset: 'strict', rules: { 'no-blocking-in-async': 'warn' } },
      known,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      enable: false, typeAware: 'off', run: 'onSave', maxFileSize: 2048, useESLintConfig: false, configPriority: 'settings', preset: 'strict', rules: { 'no-blocking-in-async': 'warn' },
    });
  });

  it('replaces wrong types by defaults and says which', () => {
    const { settings, problems } = sanitiseSettings({ enable: 'yes', typeAware: 'always', run: 3, maxFileSize: -1, configPriority: {}, preset: 'all' }, known);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 6);
    assert.ok(problems.includes('loopguard.preset: ignored invalid value "all"'), problems.join('\n'));
    assert.ok(problems.some((problem) => /^loopguard\.enable: ignored invalid value "yes"$/.test(problem)), problems.join('\n'));
  });

  it('rejects a non-object', () => {
    const { settings, problems } = sanitiseSettings('loud', known);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 1);
  });

  it('accepts rule keys with or without the prefix, numbers and option arrays', () => {
    const { settings, problems } = sanitiseSettings(
      { rules: { 'loopguard/no-blocking-in-async': [1, { allow: ['existsSync'] }], 'no-floating-promises': 0 } },
      known,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.rules, { 'no-blocking-in-async': ['warn', { allow: ['existsSync'] }], 'no-floating-promises': 'off' });
  });

  it('drops unknown rules and bad entries', () => {
    const { settings, problems } = sanitiseSettings({ rules: { 'no-such-rule': 'warn', 'no-blocking-in-async': 'loud', 'no-floating-promises': [] } }, known);
    assert.deepEqual(settings.rules, {});
    assert.equal(problems.length, 3);
  });

  it('floors fractional sizes', () => {
    assert.equal(sanitiseSettings({ maxFileSize: 1000.7 }, known).settings.maxFileSize, 1000);
  });

  it('takes sizes with a unit, as the manifest\'s default "1 MB" is written', () => {
    assert.equal(sanitiseSettings({ maxFileSize: '1 MB' }, known).settings.maxFileSize, 1_048_576);
    assert.equal(sanitiseSettings({ maxFileSize: '500kb' }, known).settings.maxFileSize, 512_000);
    assert.equal(sanitiseSettings({ maxFileSize: '2048' }, known).settings.maxFileSize, 2048);
    const { settings, problems } = sanitiseSettings({ maxFileSize: 'huge' }, known);
    assert.equal(settings.maxFileSize, 1_048_576);
    assert.deepEqual(problems, ['loopguard.maxFileSize: ignored invalid value "huge"']);
  });
});

describe('normaliseRuleEntry', () => {
  it('maps ESLint severities', () => {
    assert.equal(normaliseRuleEntry(2), 'error');
    assert.equal(normaliseRuleEntry('off'), 'off');
    assert.deepEqual(normaliseRuleEntry(['error', { a: 1 }]), ['error', { a: 1 }]);
    assert.equal(normaliseRuleEntry(3), undefined);
    assert.equal(normaliseRuleEntry(['nope']), undefined);
  });
});
