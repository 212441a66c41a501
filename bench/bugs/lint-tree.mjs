// @ts-check
/**
 * Lints some files of one extracted package tree, in its own process (the typed mode's project service is
 * one per process): `node bench/bugs/lint-tree.mjs <tree> <untyped|typed> <out.json> <file>...`.
 * Files are given relative to the tree, which is ESLint's cwd, as a user lints their project. Rules: the
 * built plugin's `configs.strict`, plus the planned rules of issue #22 when the plugin has them. Writes
 * each file's Loopguard reports and fatal errors to <out.json>.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { ESLint } from 'eslint';

import { loadLoopguard } from '../lib/configurations.mjs';
import { PLANNED_RULES } from './bug-set.mjs';

const require = createRequire(import.meta.url);

const [treeArg, mode, outFile, ...files] = process.argv.slice(2);
if (!treeArg || (mode !== 'untyped' && mode !== 'typed') || !outFile || files.length === 0) {
  console.error('usage: node bench/bugs/lint-tree.mjs <tree> <untyped|typed> <out.json> <file>...');
  process.exit(2);
}
const tree = path.resolve(treeArg);
const loopguard = loadLoopguard();
const plannedPresent = PLANNED_RULES.filter((rule) => rule in loopguard.rules);
const packageType = readPackageType(tree);

const eslint = new ESLint({
  cwd: tree,
  overrideConfigFile: true,
  overrideConfig: [
    {
      name: 'bench-bugs/language',
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      languageOptions: {
        parser: require('@typescript-eslint/parser'),
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: mode === 'typed' ? { projectService: true, tsconfigRootDir: tree } : {},
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
    {
      name: 'bench-bugs/commonjs',
      files: packageType === 'module' ? ['**/*.cjs', '**/*.cts'] : ['**/*.cjs', '**/*.cts', '**/*.js', '**/*.jsx'],
      languageOptions: { sourceType: 'commonjs' },
    },
    {
      ...loopguard.configs.strict,
      name: 'bench-bugs/rules',
      rules: { ...loopguard.configs.strict.rules, ...Object.fromEntries(plannedPresent.map((rule) => [`loopguard/${rule}`, 'error'])) },
    },
  ],
  warnIgnored: true,
});

const results = await eslint.lintFiles(files.map((file) => path.join(tree, file)));
/** @type {Record<string, { reports: { ruleId: string, line: number, endLine?: number, column: number, message: string }[], fatal: string[] }>} */
const byFile = {};
for (const result of results) {
  const file = path.relative(tree, result.filePath).split(path.sep).join('/');
  byFile[file] = {
    reports: result.messages
      .filter((message) => message.ruleId?.startsWith('loopguard/'))
      .map((message) => ({ ruleId: /** @type {string} */ (message.ruleId), line: message.line, endLine: message.endLine, column: message.column, message: message.message })),
    fatal: result.messages.filter((message) => message.fatal && !isEslintEnvComment(message)).map((message) => `${message.line}:${message.column} ${message.message}`),
  };
}
fs.writeFileSync(outFile, JSON.stringify({ tree: path.basename(tree), mode, plannedPresent, byFile }));

/** `module` or `commonjs`, as the tree's package.json says (how Node reads its `.js` files). */
function readPackageType(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}

/**
 * ESLint 10 marks a `/* eslint-env *\/` comment fatal but still runs every rule on the file (a package's old style,
 * not a parse error): such a file's reports count like any other's.
 */
function isEslintEnvComment(message) {
  return message.ruleId === null && message.message.startsWith('/* eslint-env */ comments are no longer supported');
}
