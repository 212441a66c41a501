// @ts-check
/**
 * The seeded sample of a findings file: per rule and mode, the `count` reports whose hash of
 * `seed:file:line:column:rule` is lowest (all of them where the group has fewer). Pure and deterministic:
 * the same findings and seed give the same sample in any order; a report's rank does not depend on the
 * other reports, so a larger `count` keeps every report of a smaller one, and a report present in both
 * modes has the same rank in both (the two modes' samples overlap as much as they can, and one label
 * judges both where the messages agree).
 */
import { createHash } from 'node:crypto';

import { compareFindings, findingId, groupOf, locationKey } from './findings.mjs';

/** @typedef {import('./findings.mjs').Finding} Finding */

/** The rank of a report under a seed: a hex string compared as text. */
export function rankOf(finding, seed) {
  return createHash('sha256').update(`${seed}:${locationKey(finding)}`).digest('hex');
}

/**
 * Reports (or labels) grouped by rule and mode, each group ordered by rank under `seed` (ties by id),
 * groups in name order.
 * @template {Finding} T
 * @param {T[]} findings
 * @param {number | string} seed
 * @returns {[string, T[]][]}
 */
export function rankedByGroup(findings, seed) {
  /** @type {Map<string, { rank: string, id: string, finding: T }[]>} */
  const byGroup = new Map();
  for (const finding of findings) {
    const group = groupOf(finding);
    if (!byGroup.has(group)) byGroup.set(group, []);
    byGroup.get(group)?.push({ rank: rankOf(finding, seed), id: findingId(finding), finding });
  }
  return [...byGroup]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, ranked]) => [group, ranked.sort((a, b) => a.rank.localeCompare(b.rank) || a.id.localeCompare(b.id)).map((entry) => entry.finding)]);
}

/**
 * @param {Finding[]} findings
 * @param {number | string} seed
 * @param {number} count reports per rule and mode
 * @returns {{ sample: Finding[], groups: Record<string, { reports: number, sampled: number }> }}
 */
export function sampleFindings(findings, seed, count) {
  /** @type {Finding[]} */
  const sample = [];
  /** @type {Record<string, { reports: number, sampled: number }>} */
  const groups = {};
  for (const [group, ranked] of rankedByGroup(findings, seed)) {
    const picked = ranked.slice(0, count);
    sample.push(...picked);
    groups[group] = { reports: ranked.length, sampled: picked.length };
  }
  sample.sort(compareFindings);
  return { sample, groups };
}
