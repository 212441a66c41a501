import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import { FIXTURES_DIR } from './lib/fixtures';
import { formatIllTypedFix, RobustnessHarness, type PluginLike } from './lib/harness';
import { ProjectTypeChecker } from './lib/typeCheck';

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

/** Suggests a string literal for a numeric literal argument: parses, but no longer type-checks. */
const mistypesArgument: TSESLint.RuleModule<'numeric' | 'suggestString' | 'suggestOtherNumber'> = {
  defaultOptions: [],
  meta: {
    type: 'problem',
    hasSuggestions: true,
    messages: { numeric: 'numeric argument', suggestString: 'Quote the number.', suggestOtherNumber: 'Double the number.' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const [argument] = node.arguments;
        if (argument?.type !== 'Literal' || typeof argument.value !== 'number') return;
        const value = argument.value;
        context.report({
          node: argument,
          messageId: 'numeric',
          suggest: [
            { messageId: 'suggestString', fix: (fixer) => fixer.replaceText(argument, `'${value}'`) },
            { messageId: 'suggestOtherNumber', fix: (fixer) => fixer.replaceText(argument, String(value * 2)) },
          ],
        });
      },
    };
  },
};

const plugin = { rules: { 'throws-on-await': throwsOnAwait, 'breaks-code': breaksCode, 'reports-await': reportsAwait, 'mistypes-argument': mistypesArgument } } as unknown as PluginLike;

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

  it('reports each suggestion that adds a type error, and accepts the ones that do not', function () {
    this.timeout(120_000);
    const typeChecker = new ProjectTypeChecker(path.join(FIXTURES_DIR, 'tsconfig.json'));
    const mistypes = new RobustnessHarness({ plugin, namespace: 'probe', rootDir: FIXTURES_DIR, typed: false, ruleIds: ['mistypes-argument'] });
    // The second call already has a type error: the check reports only what a suggestion adds.
    const typedCode = [
      'function pause(ms: number): Promise<void> {',
      '  return new Promise((resolve) => setTimeout(resolve, ms));',
      '}',
      'export async function run(): Promise<void> {',
      '  await pause(10);',
      "  await pause('late');",
      '}',
      '',
    ].join('\n');
    const check = mistypes.check(typedCode, 'probe-typed.ts', 'module', typeChecker);
    assert.deepEqual(check.brokenFixes, []);
    assert.equal(check.typeCheckedEdits, 2);
    assert.deepEqual(
      check.illTypedFixes.map((fix) => [fix.ruleId, fix.kind, fix.messageId, fix.diagnostics.map((d) => [d.code, d.line, d.column])]),
      [['mistypes-argument', 'suggestion', 'suggestString', [[2345, 5, 15]]]],
    );
    const report = formatIllTypedFix(check.illTypedFixes[0]);
    assert.match(report, /mistypes-argument suggestion \(suggestString\) "Quote the number\." on probe-typed\.ts:/);
    assert.match(report, /TS2345 at 5:15: Argument of type 'string' is not assignable to parameter of type 'number'\./);
    assert.match(report, /   5 >   await pause\('10'\);/);
    // Without a type checker, nothing is type-checked.
    assert.equal(mistypes.check(typedCode, 'probe-typed.ts').typeCheckedEdits, 0);
  });

  it('runs no rule on text that does not parse', () => {
    const check = harness.check('async function (', 'probe.ts');
    assert.equal(check.parsed, false);
    assert.deepEqual(check.crashes, []);
  });
});
