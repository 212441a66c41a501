// @ts-check
/**
 * `npm run bench:precision:lint [-- --mode syntactic|typed] [--out file.jsonl]`: lints the precision dev
 * corpus (bench/.precision-corpus, fetched by `npm run bench:precision:corpus`) with the built plugin's
 * `configs.strict` through ESLint's Node API, without type information and with it (`projectService` on the
 * corpus tsconfig), and writes every report as one JSON line
 * `{file, line, column, endLine, endColumn, rule, messageId, message, mode}` to
 * bench/results/precision/findings.jsonl (git-ignored), with the counts per rule and mode next to it
 * (`findings.counts.json`) and on the console.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { ESLint } from 'eslint';

import { configurationById, flatConfigFor, readManifest } from '../lib/configurations.mjs';
import { precisionCorpusDir, precisionResultsDir } from '../lib/paths.mjs';
import { MODES, compareFindings, writeJsonLines } from './lib/findings.mjs';
import { countsByRuleAndMode, printCounts } from './lib/counts.mjs';
import { pluginRevision } from './lib/revision.mjs';

/** @typedef {import('./lib/findings.mjs').Finding} Finding */
/** @typedef {import('./lib/findings.mjs').Mode} Mode */

const CONFIGURATION_OF_MODE = { syntactic: 'loopguard-strict', typed: 'loopguard-strict-typed' };
const PLUGIN_PREFIX = 'loopguard/';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    out: { type: 'string', default: path.join(precisionResultsDir, 'findings.jsonl') },
  },
});
const modes = /** @type {Mode[]} */ (values.mode ? [values.mode] : [...MODES]);
for (const mode of modes) if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}`);
if (!fs.existsSync(path.join(precisionCorpusDir, 'manifest.json'))) {
  console.error('bench/.precision-corpus is missing: run `npm run bench:precision:corpus` first');
  process.exit(1);
}

const root = precisionCorpusDir;
const files = readManifest(root).files.map((file) => path.join(root, file.path));
/** @type {Finding[]} */
const findings = [];
/** @type {Record<string, { files: number, seconds: number, parseErrors: string[] }>} */
const runs = {};
for (const mode of modes) {
  const started = performance.now();
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: /** @type {import('eslint').Linter.Config[]} */ (flatConfigFor(configurationById(CONFIGURATION_OF_MODE[mode]), root)),
    warnIgnored: false,
  });
  const results = await eslint.lintFiles(files);
  /** @type {string[]} */
  const parseErrors = [];
  for (const result of results) {
    const file = path.relative(root, result.filePath).split(path.sep).join('/');
    for (const message of result.messages) {
      if (message.fatal) parseErrors.push(`${file}:${message.line}: ${message.message}`);
      if (!message.ruleId?.startsWith(PLUGIN_PREFIX)) continue; // parse errors, disable comments naming rules of other plugins
      findings.push({
        file,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        rule: message.ruleId.slice(PLUGIN_PREFIX.length),
        messageId: message.messageId,
        message: message.message,
        mode,
      });
    }
  }
  runs[mode] = { files: results.length, seconds: Math.round((performance.now() - started) / 100) / 10, parseErrors };
  console.log(`${mode}: ${results.length} files linted in ${runs[mode].seconds} s, ${parseErrors.length} parse errors`);
  for (const error of parseErrors) console.log(`  ${error}`);
}

findings.sort(compareFindings);
fs.mkdirSync(path.dirname(values.out), { recursive: true });
writeJsonLines(values.out, findings);
const counts = countsByRuleAndMode(findings);
const revision = pluginRevision();
const countsFile = `${values.out.replace(/\.jsonl$/, '')}.counts.json`;
fs.writeFileSync(countsFile, `${JSON.stringify({ ...revision, date: new Date().toISOString(), runs, counts }, null, 2)}\n`);
printCounts(counts);
console.log(`${findings.length} reports → ${path.relative(process.cwd(), values.out)} (counts: ${path.relative(process.cwd(), countsFile)})`);
console.log(`HEAD ${revision.head}, plugin last changed in ${revision.pluginCommit}${revision.pluginDirty ? ' plus uncommitted changes' : ''}`);
