// @ts-check
/**
 * Reads bench/bugs/bugs.json (the dev set) or holdout.json (collected blind, never used to design a rule): the real
 * async bugs maintainers fixed between two published versions.
 */
import fs from 'node:fs';
import path from 'node:path';

import { bugsSpecFile, holdoutSpecFile, repoRoot } from '../lib/paths.mjs';

/** @typedef {'dev' | 'holdout'} BugSetName */
export const BUG_SETS = /** @type {const} */ (['dev', 'holdout']);

/** Rules of #21 that older builds lack or leave out of `configs.strict`; linted whenever the plugin has them. */
export const PLANNED_RULES = ['return-await-in-try', 'no-race-across-await'];

/**
 * @typedef {{ version: string, integrity: string }} PinnedVersion
 * @typedef {{
 *   id: string, package: string, before: PinnedVersion, after: PinnedVersion,
 *   file: string, fileAfter?: string, bugLines: number[], fixedLines: number[], category: string,
 *   changelog: { file: string, version: string, entry: string }, explanation: string,
 * }} Bug
 */

/**
 * @param {BugSetName} [set]
 * @returns {Bug[]}
 */
export function readBugSet(set = 'dev') {
  const specFile = set === 'holdout' ? holdoutSpecFile : bugsSpecFile;
  /** @type {Bug[]} */
  const bugs = JSON.parse(fs.readFileSync(specFile, 'utf8')).bugs;
  const categories = new Set([...ruleIds(), ...PLANNED_RULES]);
  const ids = new Set();
  for (const bug of bugs) {
    const problems = recordProblems(bug, categories);
    if (ids.has(bug.id)) problems.push('the id is used twice');
    ids.add(bug.id);
    if (problems.length) throw new Error(`${path.basename(specFile)}: ${bug.id ?? '(no id)'}: ${problems.join('; ')}`);
  }
  return bugs;
}

/** The plugin's rule ids, from its rule files (the set is checked before the plugin is built). */
function ruleIds() {
  const rulesDir = path.join(repoRoot, 'eslint-plugin', 'src', 'rules');
  return fs.readdirSync(rulesDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts').map((file) => file.slice(0, -'.ts'.length));
}

/**
 * What is wrong with one record: a missing field, a version without its integrity, lines that are not
 * positive integers, or a category that is neither a rule of the plugin nor a planned one.
 * @param {Bug} bug
 * @param {Set<string>} categories
 */
function recordProblems(bug, categories) {
  const problems = [];
  for (const field of /** @type {const} */ (['id', 'package', 'file', 'category', 'explanation'])) {
    if (typeof bug[field] !== 'string' || bug[field] === '') problems.push(`\`${field}\` is missing`);
  }
  for (const side of /** @type {const} */ (['before', 'after'])) {
    if (!bug[side]?.version || !/^sha512-/.test(bug[side]?.integrity ?? '')) problems.push(`\`${side}\` needs a version and its sha512 integrity`);
  }
  for (const field of /** @type {const} */ (['bugLines', 'fixedLines'])) {
    const lines = bug[field];
    if (!Array.isArray(lines) || lines.length === 0 || !lines.every((line) => Number.isInteger(line) && line > 0)) {
      problems.push(`\`${field}\` must list line numbers`);
    }
  }
  if (!categories.has(bug.category)) problems.push(`category ${bug.category} is not a rule of the plugin nor a planned one`);
  if (!bug.changelog?.file || !bug.changelog?.version || !bug.changelog?.entry) problems.push('the changelog file, version and entry are required');
  return problems;
}

/**
 * Every package version the bugs need, once each.
 * @param {Bug[]} bugs
 * @returns {{ name: string, version: string, integrity: string }[]}
 */
export function packageVersions(bugs) {
  /** @type {Map<string, { name: string, version: string, integrity: string }>} */
  const seen = new Map();
  for (const bug of bugs) {
    for (const pinned of [bug.before, bug.after]) {
      const key = `${bug.package}@${pinned.version}`;
      const earlier = seen.get(key);
      if (earlier && earlier.integrity !== pinned.integrity) throw new Error(`${key} is pinned with two integrities in bugs.json`);
      seen.set(key, { name: bug.package, version: pinned.version, integrity: pinned.integrity });
    }
  }
  return [...seen.values()];
}

/**
 * The files the bugs lint in one package version (relative to its tree).
 * @param {Bug[]} bugs
 * @param {{ name: string, version: string }} pkg
 */
export function lintedFiles(bugs, pkg) {
  const files = new Set();
  for (const bug of bugs) {
    if (bug.package !== pkg.name) continue;
    if (bug.before.version === pkg.version) files.add(bug.file);
    if (bug.after.version === pkg.version) files.add(bug.fileAfter ?? bug.file);
  }
  return [...files].sort();
}
