// @ts-check
/**
 * The arithmetic of the precision scores: verdict counts per rule and mode, per shape, and how a labelled
 * sample moved between the labelled findings and a new findings file. Pure functions of their inputs.
 */
import { MODES, VERDICTS, findingId, groupOf, locationKey } from './findings.mjs';
import { rankedByGroup } from './sample.mjs';

/**
 * @typedef {import('./findings.mjs').Finding} Finding
 * @typedef {import('./findings.mjs').Label} Label
 * @typedef {{ useful: number, noise: number, wrong: number }} VerdictCounts
 * @typedef {{ kept: number, lost: number }} Movement
 * @typedef {{ useful: Movement, noise: Movement, wrong: Movement, unmatchedByColumn: number }} GroupMovement
 */

/** The labels of the first `count` reports per rule and mode under `seed` (the seeded sample inside a larger one). */
export function firstPerGroup(labels, seed, count) {
  const kept = new Set(rankedByGroup(labels, seed).flatMap(([, ranked]) => ranked.slice(0, count)));
  return labels.filter((label) => kept.has(label));
}

/** Share of useful reports among the labelled ones, or null when there are none. */
export function usefulShare(counts) {
  const total = counts.useful + counts.noise + counts.wrong;
  return total === 0 ? null : counts.useful / total;
}

/**
 * Verdict counts per rule and mode, per mode over all rules, and over everything.
 * @param {Label[]} labels
 * @returns {{ rows: { rule: string, mode: string, counts: VerdictCounts }[], byMode: Record<string, VerdictCounts>, total: VerdictCounts }}
 */
export function tally(labels) {
  /** @type {Map<string, { rule: string, mode: string, counts: VerdictCounts }>} */
  const rows = new Map();
  /** @type {Record<string, VerdictCounts>} */
  const byMode = Object.fromEntries(MODES.map((mode) => [mode, emptyCounts()]));
  const total = emptyCounts();
  for (const label of labels) {
    const group = groupOf(label);
    if (!rows.has(group)) rows.set(group, { rule: label.rule, mode: label.mode, counts: emptyCounts() });
    const verdict = /** @type {import('./findings.mjs').Verdict} */ (label.verdict);
    /** @type {{ counts: VerdictCounts }} */ (rows.get(group)).counts[verdict] += 1;
    byMode[label.mode][verdict] += 1;
    total[verdict] += 1;
  }
  return { rows: [...rows.values()].sort(byRuleThenMode), byMode, total };
}

/**
 * Verdict counts per shape, the number of places (a report in both modes is one place) and the rules, most
 * frequent first.
 * @param {Label[]} labels
 * @returns {{ shape: string, counts: VerdictCounts, places: number, rules: string[] }[]}
 */
export function tallyShapes(labels) {
  /** @type {Map<string, { counts: VerdictCounts, places: Set<string>, rules: Set<string> }>} */
  const shapes = new Map();
  for (const label of labels) {
    if (!shapes.has(label.shape)) shapes.set(label.shape, { counts: emptyCounts(), places: new Set(), rules: new Set() });
    const entry = /** @type {{ counts: VerdictCounts, places: Set<string>, rules: Set<string> }} */ (shapes.get(label.shape));
    entry.counts[/** @type {import('./findings.mjs').Verdict} */ (label.verdict)] += 1;
    entry.places.add(locationKey(label));
    entry.rules.add(label.rule);
  }
  const sum = (/** @type {VerdictCounts} */ c) => c.useful + c.noise + c.wrong;
  return [...shapes]
    .map(([shape, entry]) => ({ shape, counts: entry.counts, places: entry.places.size, rules: [...entry.rules].sort() }))
    .sort((a, b) => sum(b.counts) - sum(a.counts) || a.shape.localeCompare(b.shape));
}

/**
 * How each labelled report fares in a new findings file: a label is kept when a report with its id is there,
 * or (when a change moved the report within its line) one with the same file, line, rule and mode that no
 * other label claimed.
 * @param {Label[]} labels
 * @param {Finding[]} findings
 * @returns {{ rows: { rule: string, mode: string, movement: GroupMovement }[], unlabelled: Record<string, number> }}
 */
export function compare(labels, findings) {
  const byId = new Map(findings.map((finding) => [findingId(finding), finding]));
  /** @type {Map<string, Finding[]>} */
  const byLine = new Map();
  for (const finding of findings) {
    const key = lineKey(finding);
    if (!byLine.has(key)) byLine.set(key, []);
    byLine.get(key)?.push(finding);
  }
  // Exact ids first, so that a report moved within its line never takes the place of one that stayed.
  /** @type {Set<Finding>} */
  const claimed = new Set(labels.flatMap((label) => byId.get(label.id) ?? []));
  /** @type {Map<string, { rule: string, mode: string, movement: GroupMovement }>} */
  const rows = new Map();
  const rowOf = (label) => {
    const group = groupOf(label);
    if (!rows.has(group)) rows.set(group, { rule: label.rule, mode: label.mode, movement: emptyMovement() });
    return /** @type {{ movement: GroupMovement }} */ (rows.get(group)).movement;
  };
  for (const label of labels) {
    const movement = rowOf(label);
    const verdict = /** @type {import('./findings.mjs').Verdict} */ (label.verdict);
    let present = byId.has(label.id);
    if (!present) {
      const moved = (byLine.get(lineKey(label)) ?? []).find((finding) => !claimed.has(finding));
      if (moved) {
        claimed.add(moved);
        movement.unmatchedByColumn += 1;
        present = true;
      }
    }
    movement[verdict][present ? 'kept' : 'lost'] += 1;
  }
  /** @type {Record<string, number>} */
  const unlabelled = {};
  for (const finding of findings) {
    if (claimed.has(finding)) continue;
    rowOf(finding);
    const group = groupOf(finding);
    unlabelled[group] = (unlabelled[group] ?? 0) + 1;
  }
  return { rows: [...rows.values()].sort(byRuleThenMode), unlabelled };
}

/** The verdict counts of the labelled reports still present after a change. */
export function stillPresent(movement) {
  return { useful: movement.useful.kept, noise: movement.noise.kept, wrong: movement.wrong.kept };
}

function lineKey(finding) {
  return `${finding.file}:${finding.line}:${finding.rule}:${finding.mode}`;
}

function emptyCounts() {
  return /** @type {VerdictCounts} */ (Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])));
}

function emptyMovement() {
  return { useful: { kept: 0, lost: 0 }, noise: { kept: 0, lost: 0 }, wrong: { kept: 0, lost: 0 }, unmatchedByColumn: 0 };
}

function byRuleThenMode(a, b) {
  return a.rule.localeCompare(b.rule) || MODES.indexOf(a.mode) - MODES.indexOf(b.mode);
}
