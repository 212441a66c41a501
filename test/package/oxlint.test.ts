import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as parser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import plugin from 'eslint-plugin-loopguard';

const REPOSITORY = path.join(__dirname, '../..');
const EXAMPLES = path.join(REPOSITORY, 'examples');
/** Lists every rule of `configs.strict` for oxlint, and loads the plugin by its package name, as the README says. */
const OXLINT_CONFIG = path.join(__dirname, '.oxlintrc.json');
const OXLINT = path.join(REPOSITORY, 'node_modules/.bin/oxlint');

/** One finding, as both tools can state it: where, which rule, what it says. */
type Finding = string;

interface OxlintDiagnostic {
  message: string;
  code: string;
  filename: string;
  labels: { span: { line: number; column: number } }[];
}

function oxlintFindings(): Finding[] {
  // oxlint honours .gitignore whatever its flags say: it runs from examples/, which is not ignored.
  const run = spawnSync(OXLINT, ['-c', OXLINT_CONFIG, '--format', 'json', 'src'], { cwd: EXAMPLES, encoding: 'utf8', timeout: 120_000 });
  assert.ok(run.status === 0 || run.status === 1, `oxlint exited ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { diagnostics: OxlintDiagnostic[] };
  return report.diagnostics.map((diagnostic) => {
    const ruleId = /^loopguard\((.+)\)$/.exec(diagnostic.code)?.[1];
    const start = diagnostic.labels[0]?.span;
    return `${diagnostic.filename}:${start?.line}:${start?.column} loopguard/${ruleId ?? diagnostic.code} ${diagnostic.message}`;
  }).sort();
}

async function eslintFindings(): Promise<Finding[]> {
  const eslint = new ESLint({
    cwd: EXAMPLES,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: parser as Linter.Parser } }, plugin.configs.strict],
  });
  const results = await eslint.lintFiles(['src']);
  return results
    .flatMap((result) =>
      result.messages.map((message) => `${path.relative(EXAMPLES, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column} ${message.ruleId} ${message.message}`),
    )
    .sort();
}

describe('oxlint with jsPlugins: ["eslint-plugin-loopguard"]', function () {
  this.timeout(180_000);

  it('configures every rule of configs.strict, as the README\'s .oxlintrc.json does', () => {
    const config = JSON.parse(fs.readFileSync(OXLINT_CONFIG, 'utf8')) as { jsPlugins: string[]; rules: Record<string, string> };
    assert.deepEqual(config.jsPlugins, ['eslint-plugin-loopguard']);
    assert.deepEqual(Object.keys(config.rules).sort(), Object.keys(plugin.configs.strict.rules).sort());
    const readme = fs.readFileSync(path.join(REPOSITORY, 'README.md'), 'utf8');
    const block = /## Use it with oxlint\n[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(block, 'README.md shows an .oxlintrc.json');
    assert.deepEqual(JSON.parse(block), { jsPlugins: config.jsPlugins, rules: config.rules });
  });

  it('reports on examples/ exactly what ESLint reports, rule by rule and line by line', async () => {
    const [expected, actual] = [await eslintFindings(), oxlintFindings()];
    const rulesFound = new Set(expected.map((finding) => finding.split(' ')[1]));
    assert.equal(rulesFound.size, Object.keys(plugin.rules).length, 'examples/ shows every rule');
    assert.deepEqual(actual, expected);
  });
});
