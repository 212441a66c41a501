import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { LintEngine } from '../../../extension/src/server/lintEngine';
import { installProcessExitGuard } from '../../../extension/src/server/processGuard';
import { testPlugin } from './testPlugin';

const file = path.resolve('/tmp/loopguard-unit/src/a.ts');
const all = { rename: 'error', suggest: 'warn', thrower: 'error', exiter: 'error' } as const;

describe('LintEngine', () => {
  before(() => installProcessExitGuard());
  const engine = new LintEngine(testPlugin);

  it('reports problems with fixes and suggestions', () => {
    const result = engine.lint({ text: 'let bad = x;\n', filePath: file, rules: all });
    assert.equal(result.mode, 'syntactic');
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line, m.column, m.severity]), [
      ['loopguard/rename', 1, 5, 2],
      ['loopguard/suggest', 1, 11, 1],
    ]);
    assert.deepEqual(result.messages[0]!.fix, { range: [4, 7], text: 'good' });
    assert.equal(result.messages[1]!.suggestions?.[0]?.desc, 'Wrap x.');
  });

  it('applies all fixes by linting again', () => {
    const result = engine.fix({ text: 'let bad = 1;\nbad = bad + x;\n', filePath: file, rules: all });
    assert.equal(result.output, 'let good = 1;\ngood = good + x;\n');
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['loopguard/suggest']);
  });

  it('restricts fixes to one rule', () => {
    const result = engine.fix({ text: 'let bad = 1;\n', filePath: file, rules: all, onlyRule: 'suggest' });
    assert.equal(result.output, 'let bad = 1;\n');
  });

  it('calls afterParse with the length of each parsed text, before the rules run', () => {
    const events: string[] = [];
    const recorder = { rules: { record: { create: () => ({ Program: () => void events.push('rules') }) } } };
    const observed = new LintEngine(recorder, { afterParse: (textLength) => events.push(`parsed ${textLength}`) });
    const text = 'const a = 1;\n';
    const result = observed.lint({ text, filePath: file, rules: { record: 'error' } });
    assert.equal(result.parseError, undefined);
    assert.deepEqual(events, [`parsed ${text.length}`, 'rules']);
  });

  it('turns a parse error into a result, not an exception', () => {
    const result = engine.lint({ text: 'function (', filePath: file, rules: all });
    assert.equal(result.messages.length, 0);
    assert.ok(result.parseError);
    assert.equal(result.parseError.line, 1);
  });

  it('keeps the other rules running when one throws', () => {
    const result = engine.lint({ text: '// THROW\nlet bad = x;\n', filePath: file, rules: all });
    assert.deepEqual(result.ruleErrors.map((e) => e.ruleId), ['loopguard/thrower']);
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['loopguard/rename', 'loopguard/suggest']);
  });

  it('stops a rule from ending the process', () => {
    const result = engine.lint({ text: '// EXIT\nlet bad = 1;\n', filePath: file, rules: all });
    assert.deepEqual(result.ruleErrors.map((e) => e.ruleId), ['loopguard/exiter']);
    assert.match(result.ruleErrors[0]!.message, /process\.exit\(3\)/);
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['loopguard/rename']);
  });

  it('runs a rule with default options when its options are invalid', () => {
    const result = engine.lint({ text: 'let bad = 1; let worse = 2;\n', filePath: file, rules: { rename: ['warn', { from: 'worse', extra: true }] } });
    assert.equal(result.invalidOptions.length, 1);
    assert.equal(result.invalidOptions[0]!.ruleId, 'loopguard/rename');
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.column, m.severity]), [['loopguard/rename', 5, 1]]);
    const valid = engine.lint({ text: 'let bad = 1; let worse = 2;\n', filePath: file, rules: { rename: ['warn', { from: 'worse' }] } });
    assert.deepEqual(valid.invalidOptions, []);
    assert.deepEqual(valid.messages.map((m) => m.column), [18]);
  });

  it('honours eslint-disable comments and does not report unused ones', () => {
    const text = '// eslint-disable-next-line loopguard/rename\nlet bad = 1;\n// eslint-disable-next-line no-console\nlet ok = 2;\n';
    assert.deepEqual(engine.lint({ text, filePath: file, rules: all }).messages, []);
  });

  it('parses JSX in .tsx and .jsx files and type assertions in .ts files', () => {
    assert.equal(engine.lint({ text: 'const e = <div>{bad}</div>;\n', filePath: file.replace(/\.ts$/, '.tsx'), rules: all }).messages.length, 1);
    assert.equal(engine.lint({ text: 'const e = <div>{bad}</div>;\n', filePath: file.replace(/\.ts$/, '.jsx'), rules: all }).messages.length, 1);
    assert.equal(engine.lint({ text: 'const e = <number>bad;\n', filePath: file, rules: all }).parseError, undefined);
  });

  it('reports files ESLint ignores by default as ignored', () => {
    const result = engine.lint({ text: 'let bad = 1;\n', filePath: path.resolve('/tmp/p/node_modules/dep/index.js'), rules: all });
    assert.equal(result.ignored, true);
    assert.deepEqual(result.messages, []);
  });

  it('lints from the workspace folder, so folders above it (a checkout under test/) do not make it test code', () => {
    const loopguard = new LintEngine();
    const text = "import fs from 'node:fs';\nexport async function f() { fs.readFileSync('x'); }\n";
    const filePath = path.resolve('/tmp/checkouts/test/shop/src/a.js');
    const rules = { 'no-blocking-in-async': 'error' } as const;
    assert.equal(loopguard.lint({ text, filePath, rules, cwd: path.resolve('/tmp/checkouts/test/shop') }).messages.length, 1);
    // From the root of the file system the path says test/, where a blocking call stalls nothing that matters.
    assert.equal(loopguard.lint({ text, filePath, rules }).messages.length, 0);
    assert.equal(loopguard.lint({ text, filePath: path.resolve('/tmp/checkouts/test/shop/test/a.js'), rules, cwd: path.resolve('/tmp/checkouts/test/shop') }).messages.length, 0);
  });

  it('keeps a BOM out of the fix offsets', () => {
    const result = engine.fix({ text: '\uFEFFlet bad = 1;\n', filePath: file, rules: all });
    assert.equal(result.output, '\uFEFFlet good = 1;\n');
  });
});
