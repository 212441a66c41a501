// @ts-check
/**
 * The baseline of the cold-start measurement: a fresh Node process that loads ESLint, the TypeScript
 * parser and the built eslint-plugin-loopguard from node_modules, lints one file with the `recommended`
 * preset (no type information), prints the number of problems and exits:
 * `node bench/cold-start/lint-one-file.mjs <file>`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { pluginDist } from '../lib/paths.mjs';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');
const parser = require('@typescript-eslint/parser');
const loopguard = require(pluginDist).default ?? require(pluginDist);

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/cold-start/lint-one-file.mjs <file>');
  process.exit(2);
}
const linter = new Linter({ configType: 'flat', cwd: '/' });
const messages = linter.verify(
  fs.readFileSync(file, 'utf8'),
  [{ files: ['**/*.ts', '**/*.js'], plugins: { loopguard }, languageOptions: { parser }, ...loopguard.configs.recommended, name: 'bench' }],
  { filename: file },
);
const fatal = messages.find((message) => message.fatal);
if (fatal) {
  console.error(`parse error in ${file}: ${fatal.message}`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify({ problems: messages.length })}\n`);
