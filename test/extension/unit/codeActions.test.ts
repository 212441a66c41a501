import * as assert from 'node:assert/strict';

import { TextDocument } from 'vscode-languageserver-textdocument';

import { actionTitle, disableFileEdit, disableNextLineEdit } from '../../../extension/src/server/codeActions';

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

describe('disableFileEdit', () => {
  const applyFile = (text: string) => {
    const d = doc(text);
    const edit = disableFileEdit(d, 'loopguard/no-blocking-in-async');
    return edit === undefined ? undefined : TextDocument.applyEdits(d, [edit]);
  };

  it('puts an eslint-disable block comment at the top of the file', () => {
    assert.equal(applyFile('import fs from "fs";\n'), '/* eslint-disable loopguard/no-blocking-in-async */\nimport fs from "fs";\n');
    assert.equal(applyFile('a();\r\nb();\r\n'), '/* eslint-disable loopguard/no-blocking-in-async */\r\na();\r\nb();\r\n');
    assert.equal(applyFile(''), '/* eslint-disable loopguard/no-blocking-in-async */\n');
  });

  it('keeps a #! line first', () => {
    assert.equal(applyFile('#!/usr/bin/env node\nmain();\n'), '#!/usr/bin/env node\n/* eslint-disable loopguard/no-blocking-in-async */\nmain();\n');
  });

  it('adds the rule to the eslint-disable comment already there', () => {
    assert.equal(applyFile('/* eslint-disable no-console */\nx();\n'), '/* eslint-disable no-console, loopguard/no-blocking-in-async */\nx();\n');
    assert.equal(
      applyFile('/* eslint-disable no-console -- legacy */\nx();\n'),
      '/* eslint-disable no-console, loopguard/no-blocking-in-async -- legacy */\nx();\n',
    );
  });

  it('does nothing when the rule, or every rule, is off already', () => {
    assert.equal(applyFile('/* eslint-disable loopguard/no-blocking-in-async */\nx();\n'), undefined);
    assert.equal(applyFile('/* eslint-disable */\nx();\n'), undefined);
  });
});

describe('actionTitle', () => {
  it('quotes code instead of Markdown backticks and drops the closing period', () => {
    assert.equal(actionTitle('Replace with `fs.promises.readFile`.'), "Replace with 'fs.promises.readFile'");
    assert.equal(actionTitle('Rewrite as a `for…of` loop that awaits each item in order.'), "Rewrite as a 'for…of' loop that awaits each item in order");
    assert.equal(actionTitle("Declare 'file' with `await using` so it is released however the block exits."), "Declare 'file' with 'await using' so it is released however the block exits");
  });

  it('leaves code that holds a quote unquoted', () => {
    assert.equal(actionTitle("Replace with `await import('x')`."), "Replace with await import('x')");
  });
});
