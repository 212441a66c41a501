import * as assert from 'node:assert/strict';

import { TextDocument } from 'vscode-languageserver-textdocument';

import { disableNextLineEdit } from '../../../extension/src/server/codeActions';

const doc = (text: string) => TextDocument.create('file:///a.ts', 'typescript', 1, text);
const apply = (text: string, line: number) => {
  const d = doc(text);
  const edit = disableNextLineEdit(d, line, 'loopguard/no-blocking-in-async');
  return edit === undefined ? undefined : TextDocument.applyEdits(d, [edit]);
};

describe('disableNextLineEdit', () => {
  it('inserts a comment above the line with its indentation', () => {
    assert.equal(
      apply('async function f() {\n  fs.readFileSync("x");\n}\n', 1),
      'async function f() {\n  // eslint-disable-next-line loopguard/no-blocking-in-async\n  fs.readFileSync("x");\n}\n',
    );
  });

  it('keeps CRLF line endings', () => {
    assert.equal(apply('a();\r\n\tb();\r\n', 1), 'a();\r\n\t// eslint-disable-next-line loopguard/no-blocking-in-async\r\n\tb();\r\n');
  });

  it('works on the first line', () => {
    assert.equal(apply('b();', 0), '// eslint-disable-next-line loopguard/no-blocking-in-async\nb();');
  });

  it('adds the rule to an existing disable-next-line comment', () => {
    assert.equal(
      apply('  // eslint-disable-next-line no-console\n  b();\n', 1),
      '  // eslint-disable-next-line no-console, loopguard/no-blocking-in-async\n  b();\n',
    );
    assert.equal(
      apply('// eslint-disable-next-line no-console -- reason here\nb();\n', 1),
      '// eslint-disable-next-line no-console, loopguard/no-blocking-in-async -- reason here\nb();\n',
    );
  });

  it('does nothing when the comment already lists the rule', () => {
    assert.equal(apply('// eslint-disable-next-line loopguard/no-blocking-in-async\nb();\n', 1), undefined);
  });
});
