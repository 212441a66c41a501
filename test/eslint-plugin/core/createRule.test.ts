import * as assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { createRule } from '../../../eslint-plugin/src/core/createRule';

type SeenContext = Readonly<TSESLint.RuleContext<'found', [{ word: string }]>>;

/** A rule built the way Loopguard's rules are, that records the context each file gives it. */
function recordingRule(seen: SeenContext[]) {
  return createRule<[{ word: string }], 'found'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'Reports identifiers named after the option.' },
      messages: { found: 'found {{word}}' },
      schema: [{ type: 'object', properties: { word: { type: 'string' } }, additionalProperties: false }],
    },
    defaultOptions: [{ word: 'x' }],
    create(context, [{ word }]) {
      seen.push(context);
      return {
        Identifier(node) {
          if (node.name === word) context.report({ node, messageId: 'found', data: { word } });
        },
      };
    },
  });
}

describe('createRule (the context Loopguard rules receive)', () => {
  const seen: SeenContext[] = [];
  const linter = new Linter({ configType: 'flat', cwd: '/project' });
  const config = [{
    files: ['**/*.ts'],
    languageOptions: { parser },
    plugins: { test: { rules: { recording: recordingRule(seen) } } },
    rules: { 'test/recording': ['error', { word: 'hit' }] },
    settings: { marker: 1 },
  }] as unknown as Linter.Config[]; // typescript-eslint's rule type is not ESLint's
  const first = linter.verify('const hit = 1;', config, '/project/a.ts');
  const second = linter.verify('let miss = 2; hit();', config, '/project/b.ts');

  it('has one hidden-class prototype for every file, not one per file as ESLint\'s contexts do', () => {
    assert.equal(seen.length, 2);
    const [a, b] = seen;
    assert.ok(a && b && a !== b);
    assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b));
    assert.deepEqual(Object.keys(a), Object.keys(b));
    assert.ok(Object.isFrozen(a));
  });

  it('carries the file\'s fields: source code, file names, options, settings, language options', () => {
    const [a, b] = seen;
    assert.equal(a?.sourceCode.text, 'const hit = 1;');
    assert.equal(b?.sourceCode.text, 'let miss = 2; hit();');
    assert.equal(a?.filename, '/project/a.ts');
    assert.equal(b?.physicalFilename, '/project/b.ts');
    assert.equal(a?.cwd, '/project');
    assert.equal(a?.id, 'test/recording');
    assert.deepEqual(a?.options, [{ word: 'hit' }]);
    assert.deepEqual(a?.settings, { marker: 1 });
    assert.equal(a?.languageOptions.parser, parser);
  });

  it('reports through ESLint as before', () => {
    assert.deepEqual(first.map(({ ruleId, message, line, column }) => ({ ruleId, message, line, column })), [
      { ruleId: 'test/recording', message: 'found hit', line: 1, column: 7 },
    ]);
    assert.deepEqual(second.map(({ ruleId, message, line, column }) => ({ ruleId, message, line, column })), [
      { ruleId: 'test/recording', message: 'found hit', line: 1, column: 15 },
    ]);
  });
});
