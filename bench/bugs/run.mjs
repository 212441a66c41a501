// @ts-check
/**
 * `npm run bench:bugs`: lints each bug's file inside its extracted package tree (bench/.bugs, made by
 * `npm run bench:bugs:fetch`) before and after the fix, without and with types, and decides per bug:
 * - found: a report of the bug's category rule starting on one of its `bugLines` in the file before the fix;
 * - cleared: no report of that rule starting on one of its `fixedLines` in the file after the fix.
 * Prints a table, totals and totals per category, and writes bench/results/bugs-<date>.json and bugs-latest.json.
 * Options: `--only id,id`, `--modes untyped,typed`, `--set dev|holdout` (default dev).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bugTreeDir, resultsDir } from '../lib/paths.mjs';
import { BUG_SETS, PLANNED_RULES, readBugSet } from './bug-set.mjs';

/** @typedef {import('./bug-set.mjs').Bug} Bug */
/** @typedef {{ reports: { ruleId: string, line: number, endLine?: number, column: number, message: string }[], fatal: string[] }} FileLint */

const MODES = /** @type {const} */ (['untyped', 'typed']);
const lintTreeScript = fileURLToPath(new URL('./lint-tree.mjs', import.meta.url));

const args = parseArgs(process.argv.slice(2));
const bugs = readBugSet(args.set).filter((bug) => !args.only || args.only.includes(bug.id));
if (bugs.length === 0) throw new Error(args.set === 'holdout' && !args.only ? 'holdout.json holds no bug at the moment (see bench/bugs/README.md)' : 'no bug selected');

const sides = bugs.flatMap((bug) => [
  { bug, side: /** @type {const} */ ('before'), tree: bugTreeDir(bug.package, bug.before.version), file: bug.file },
  { bug, side: /** @type {const} */ ('after'), tree: bugTreeDir(bug.package, bug.after.version), file: bug.fileAfter ?? bug.file },
]);
for (const { tree, file } of sides) {
  if (!fs.existsSync(path.join(tree, file))) throw new Error(`${path.join(tree, file)} is missing: run \`npm run bench:bugs:fetch\` first`);
}

/** @type {Map<string, FileLint>} key: mode, tree, file */
const linted = new Map();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-bugs-'));
/** @type {string[]} */
let plannedPresent = [];
try {
  for (const mode of args.modes) {
    const filesByTree = new Map();
    for (const { tree, file } of sides) filesByTree.set(tree, new Set([...(filesByTree.get(tree) ?? []), file]));
    for (const [tree, files] of filesByTree) {
      const out = path.join(tmp, `${path.basename(tree)}-${mode}.json`);
      const started = performance.now();
      execFileSync(process.execPath, [lintTreeScript, tree, mode, out, ...files], { stdio: ['ignore', 'inherit', 'inherit'], maxBuffer: 1 << 26 });
      const result = JSON.parse(fs.readFileSync(out, 'utf8'));
      plannedPresent = result.plannedPresent;
      for (const [file, lint] of Object.entries(result.byFile)) linted.set(`${mode}\0${tree}\0${file}`, lint);
      process.stderr.write(`  ${mode.padEnd(7)} ${path.basename(tree)} (${files.size} file${files.size === 1 ? '' : 's'}) ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const rows = bugs.map((bug) => {
  /** @type {Record<string, unknown>} */
  const row = { id: bug.id, package: bug.package, category: bug.category };
  for (const mode of args.modes) {
    const before = lintOf(mode, bugTreeDir(bug.package, bug.before.version), bug.file);
    const after = lintOf(mode, bugTreeDir(bug.package, bug.after.version), bug.fileAfter ?? bug.file);
    const rule = `loopguard/${bug.category}`;
    row[mode] = {
      found: before.reports.some((report) => report.ruleId === rule && bug.bugLines.includes(report.line)),
      cleared: !after.reports.some((report) => report.ruleId === rule && bug.fixedLines.includes(report.line)),
      fatal: [...before.fatal, ...after.fatal],
      before: before.reports,
      after: after.reports,
    };
  }
  return row;
});

printTable(rows);
writeResults(rows);

/** @returns {FileLint} */
function lintOf(mode, tree, file) {
  const lint = linted.get(`${mode}\0${tree}\0${file}`);
  if (!lint) throw new Error(`no lint result for ${file} in ${tree} (${mode})`);
  return lint;
}

function printTable(rows) {
  const header = ['id', 'category', ...args.modes.flatMap((mode) => [`${mode} found`, `${mode} cleared`])];
  const lines = rows.map((row) => [
    row.id,
    row.category,
    ...args.modes.flatMap((mode) => {
      const result = row[mode];
      return [result.fatal.length ? 'parse error' : result.found ? 'found' : '-', result.cleared ? 'cleared' : 'NOT cleared'];
    }),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => String(line[column]).length)));
  const format = (cells) => cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  console.log(format(header));
  for (const line of lines) console.log(format(line));
  console.log('');
  for (const mode of args.modes) {
    const found = rows.filter((row) => row[mode].found);
    const clearedAmongFound = found.filter((row) => row[mode].cleared).length;
    const fatal = rows.filter((row) => row[mode].fatal.length).length;
    console.log(
      `${mode}: found ${found.length}/${rows.length} (${percent(found.length, rows.length)}), cleared ${clearedAmongFound}/${found.length} of those found` +
        `${fatal ? `, ${fatal} with parse errors` : ''}`,
    );
  }
  console.log('');
  for (const category of [...new Set(rows.map((row) => String(row.category)))].sort()) {
    const ofCategory = rows.filter((row) => row.category === category);
    const perMode = args.modes.map((mode) => {
      const found = ofCategory.filter((row) => row[mode].found);
      return `${mode} found ${found.length}/${ofCategory.length}, cleared ${found.filter((row) => row[mode].cleared).length}/${found.length}`;
    });
    console.log(`${category}: ${perMode.join('; ')}`);
  }
  const missing = PLANNED_RULES.filter((rule) => !plannedPresent.includes(rule));
  const waiting = rows.filter((row) => missing.includes(String(row.category))).length;
  if (waiting) console.log(`${waiting} bug(s) belong to planned rules the plugin does not have yet: ${missing.join(', ')}`);
}

function writeResults(rows) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const payload = { date: new Date().toISOString(), set: args.set, modes: args.modes, plannedRulesPresent: plannedPresent, bugs: rows };
  const text = `${JSON.stringify(payload, null, 2)}\n`;
  const stamp = payload.date.replace(/[:.]/g, '-');
  const prefix = args.set === 'holdout' ? 'bugs-holdout' : 'bugs';
  fs.writeFileSync(path.join(resultsDir, `${prefix}-${stamp}.json`), text);
  fs.writeFileSync(path.join(resultsDir, `${prefix}-latest.json`), text);
  console.log(`results: ${path.relative(process.cwd(), path.join(resultsDir, `${prefix}-latest.json`))}`);
}

function percent(part, whole) {
  return whole ? `${Math.round((100 * part) / whole)} %` : '–';
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ only: string[] | null, modes: ('untyped' | 'typed')[], set: import('./bug-set.mjs').BugSetName }} */
  const parsed = { only: null, modes: [...MODES], set: 'dev' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') parsed.only = argv[++i].split(',');
    else if (argv[i] === '--set') {
      const set = argv[++i];
      if (!BUG_SETS.includes(/** @type {any} */ (set))) throw new Error(`--set must be one of ${BUG_SETS.join(', ')}`);
      parsed.set = /** @type {import('./bug-set.mjs').BugSetName} */ (set);
    }
    else if (argv[i] === '--modes') {
      parsed.modes = /** @type {('untyped' | 'typed')[]} */ (argv[++i].split(','));
      for (const mode of parsed.modes) if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}`);
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return parsed;
}
