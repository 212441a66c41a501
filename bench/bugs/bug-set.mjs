// @ts-check
/** Reads bench/bugs/bugs.json: the real async bugs maintainers fixed between two published versions. */
import fs from 'node:fs';

import { bugsSpecFile } from '../lib/paths.mjs';

/** Rules issue #22 plans for bug categories the plugin has no rule for yet; linted as soon as it has them. */
export const PLANNED_RULES = ['return-await-in-try', 'no-race-across-await'];

/**
 * @typedef {{ version: string, integrity: string }} PinnedVersion
 * @typedef {{
 *   id: string, package: string, before: PinnedVersion, after: PinnedVersion,
 *   file: string, fileAfter?: string, bugLines: number[], fixedLines: number[], category: string,
 *   changelog: { file: string, version: string, entry: string }, explanation: string,
 * }} Bug
 */

/** @returns {Bug[]} */
export function readBugSet() {
  return JSON.parse(fs.readFileSync(bugsSpecFile, 'utf8')).bugs;
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
