// @ts-check
/** Counts of reports per rule and mode, and their console table. */
import { MODES } from './findings.mjs';

/**
 * @param {import('./findings.mjs').Finding[]} findings
 * @returns {Record<string, Record<string, number>>} rule → mode → count
 */
export function countsByRuleAndMode(findings) {
  /** @type {Record<string, Record<string, number>>} */
  const counts = {};
  for (const finding of findings) {
    counts[finding.rule] ??= Object.fromEntries(MODES.map((mode) => [mode, 0]));
    counts[finding.rule][finding.mode] += 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Prints rule × mode counts with a total row. */
export function printCounts(counts) {
  const rows = Object.entries(counts).map(([rule, byMode]) => ({ rule, ...byMode }));
  rows.push({ rule: 'total', ...Object.fromEntries(MODES.map((mode) => [mode, rows.reduce((sum, row) => sum + (row[mode] ?? 0), 0)])) });
  console.table(rows);
}
