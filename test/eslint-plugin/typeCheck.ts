import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import * as ts from 'typescript';

import { FIXTURES_DIR } from './RuleTester';

/**
 * Type-checks fix and suggestion outputs: each text is its own virtual module of one program, with the fixture
 * project's compiler options (`fixtures/tsconfig.json`: strict, lib ESNext.Disposable) and, when given, a
 * declaration file for the libraries the cases import. Returns the diagnostics of each text.
 */
export function typeCheckTexts(
  texts: readonly string[],
  options: { name: string; declarations?: string; extension?: '.ts' | '.js'; compilerOptions?: ts.CompilerOptions },
): string[][] {
  const compilerOptions = loadFixtureOptions();
  const virtual = new Map<string, string>();
  const declarationsFile = path.join(FIXTURES_DIR, `${options.name}-modules.d.ts`);
  if (options.declarations !== undefined) virtual.set(declarationsFile, options.declarations);
  const names = texts.map((text, index) => {
    const name = path.join(FIXTURES_DIR, `${options.name}-output-${index}${options.extension ?? '.ts'}`);
    virtual.set(name, text);
    return name;
  });
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? ts.sys.readFile(file);
  host.getSourceFile = (file, languageVersion, onError) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile(file, languageVersion, onError) : ts.createSourceFile(file, text, languageVersion, true);
  };
  const roots = options.declarations !== undefined ? [declarationsFile, ...names] : names;
  const program = ts.createProgram(roots, { ...compilerOptions, checkJs: true, ...options.compilerOptions }, host);
  if (options.declarations !== undefined) {
    const declarationErrors = ts.getPreEmitDiagnostics(program, program.getSourceFile(declarationsFile));
    assert.deepEqual(declarationErrors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], 'the module declarations type-check');
  }
  return names.map((name) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(name)).map((diagnostic) => {
      const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    }),
  );
}

/** Every autofix output and every suggestion output of the cases, named for failure messages. */
export function fixOutputs<MessageIds extends string, Options extends readonly unknown[]>(
  cases: readonly InvalidTestCase<MessageIds, Options>[],
): { name: string; output: string }[] {
  return cases.flatMap((testCase) => [
    ...(typeof testCase.output === 'string' ? [{ name: `${testCase.name ?? testCase.code} (autofix)`, output: testCase.output }] : []),
    ...(Array.isArray(testCase.output) ? testCase.output.map((output) => ({ name: `${testCase.name ?? testCase.code} (autofix)`, output })) : []),
    ...testCase.errors.flatMap((error) => (error.suggestions ?? []).map((suggestion) => ({ name: testCase.name ?? testCase.code, output: suggestion.output }))),
  ]);
}

function loadFixtureOptions(): ts.CompilerOptions {
  const configPath = path.join(FIXTURES_DIR, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, FIXTURES_DIR).options;
}
