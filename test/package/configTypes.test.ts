import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import * as ts from 'typescript';

const PROJECT = path.join(__dirname, 'config-types');

/** Type-checks the fixture project (strict) against the built plugin, with extra files in memory. */
function typeErrors(extraFiles: Record<string, string> = {}): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(PROJECT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  assert.ok(parsed, 'the fixture tsconfig.json reads');
  const extra = new Map(Object.entries(extraFiles).map(([name, text]) => [path.join(PROJECT, name), text]));
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => extra.get(file) ?? readFile(file);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => extra.has(file) || fileExists(file);
  const program = ts.createProgram([...parsed.fileNames, ...extra.keys()], parsed.options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(PROJECT, diagnostic.file.fileName)}: ` : '';
    return `${where}TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

describe('eslint.config.ts with the built plugin\'s types', function () {
  this.timeout(600_000);

  it('type-checks defineConfig([...]) and tseslint.config(...) with configs.recommended and configs.strict under strict', () => {
    assert.deepEqual(typeErrors(), []);
  });

  it('gives the presets real types (a misuse is an error)', () => {
    const errors = typeErrors({ 'misuse.ts': `import loopguard from 'eslint-plugin-loopguard';\nexport const wrong: number = loopguard.configs.recommended;\n` });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0] ?? '', /^misuse\.ts: TS2322 /);
  });
});
