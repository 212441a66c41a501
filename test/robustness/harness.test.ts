import * as assert from 'node:assert/strict';

import type { TSESLint } from '@typescript-eslint/utils';

import { FIXTURES_DIR } from './lib/fixtures';
import { RobustnessHarness, type PluginLike } from './lib/harness';

/**
 * The harness must itself be able to fail: a rule that throws, and a fix that breaks the code, are
 * caught and named. Otherwise "0 crashes" would prove nothing.
 */
const throwsOnAwait: TSESLint.RuleModule<'never'> = {
  defaultOptions: [],
  meta: { type: 'problem', messages: { never: 'never' }, schema: [] },
  create() {
    return {
      AwaitExpression() {
        throw new TypeError('cannot read properties of undefined');
      },
    };
  },
};

const breaksCode: TSESLint.RuleModule<'bad' | 'suggestBad'> = {
  defaultOptions: [],
  meta: { type: 'problem', fixable: 'code', hasSuggestions: true, messages: { bad: 'bad', suggestBad: 'bad too' }, schema: [] },
  create(context) {
    return {
      AwaitExpression(node) {
        context.report({
          node,
          messageId: 'bad',
          fix: (fixer) => fixer.insertTextBefore(node, '{{'),
          suggest: [{ messageId: 'suggestBad', fix: (fixer) => fixer.insertTextAfter(node, ' + ') }],
        });
      },
    };
  },
};

const reportsAwait: TSESLint.RuleModule<'found'> = {
  defaultOptions: [],
  meta: { type: 'problem', fixable: 'code', messages: { found: 'found' }, schema: [] },
  create(context) {
    return {
      AwaitExpression(node) {
        context.report({ node, messageId: 'found', fix: (fixer) => fixer.insertTextBefore(node, 'void ') });
      },
    };
  },
};

const plugin = { rules: { 'throws-on-await': throwsOnAwait, 'breaks-code': breaksCode, 'reports-await': reportsAwait } } as unknown as PluginLike;

describe('robustness harness', () => {
  const harness = new RobustnessHarness({ plugin, namespace: 'probe', rootDir: FIXTURES_DIR, typed: false });
  const code = 'async function f(p) {\n  return await p;\n}\n';

  it('names a rule that throws, and still runs the other rules', () => {
    const check = harness.check(code, 'probe.ts');
    assert.deepEqual(
      check.crashes.map((crash) => [crash.ruleId, crash.line]),
      [['throws-on-await', 2]],
    );
    assert.equal(check.findings['reports-await'], 1);
  });

  it('reports each fix and suggestion that does not parse, and accepts the ones that do', () => {
    const check = harness.check(code, 'probe.ts');
    assert.equal(check.fixesChecked, 2);
    assert.equal(check.suggestionsChecked, 1);
    assert.deepEqual(
      check.brokenFixes.map((broken) => [broken.ruleId, broken.kind]),
      [
        ['breaks-code', 'fix'],
        ['breaks-code', 'suggestion'],
      ],
    );
  });

  it('runs no rule on text that does not parse', () => {
    const check = harness.check('async function (', 'probe.ts');
    assert.equal(check.parsed, false);
    assert.deepEqual(check.crashes, []);
  });
});
