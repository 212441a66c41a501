// @ts-check
/**
 * `npm run bench:precision:score -- --labels labels.jsonl [--findings findings.jsonl] [--count N] [--markdown]`:
 * - the labels alone: per rule and mode, how many labelled reports are useful, noise and wrong, and the share
 *   useful; the same per mode and overall (with the share of wrong claims); and the shapes with their
 *   counts. This is the table of a labelled baseline, and the plain counts of a labelled fresh sample.
 * - with `--findings` (a run of the lint runner on changed code): per rule and mode, the labelled useful
 *   reports kept and lost, the noise and wrong ones gone and still there, the share useful among the
 *   labelled reports still present, and how many reports of the new run no label covers (sample those
 *   with a fresh seed and label them).
 * `--count N` scores only the first N labelled reports per rule and mode under the labels' seed (the seeded
 * sample of N inside a larger labelled one).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { MODES, readFindings, readLabels } from './lib/findings.mjs';
import { compare, firstPerGroup, stillPresent, tally, tallyShapes, usefulShare } from './lib/score.mjs';
import { percent, printTable } from './lib/tables.mjs';

const { values } = parseArgs({
  options: {
    labels: { type: 'string' },
    findings: { type: 'string' },
    count: { type: 'string' },
    markdown: { type: 'boolean', default: false },
  },
});
if (!values.labels) {
  console.error('usage: node bench/precision/score.mjs --labels labels.jsonl [--findings findings.jsonl] [--count N] [--markdown]');
  process.exit(2);
}

const { header, labels: allLabels } = readLabels(values.labels);
const seed = header?.seed;
if (values.count !== undefined && seed === undefined) throw new Error('--count needs the seed in the labels file\'s header');
const labels = values.count === undefined ? allLabels : firstPerGroup(allLabels, seed, Number(values.count));
const markdown = values.markdown;
const where = `${path.basename(values.labels)}${values.count === undefined ? '' : `, first ${values.count} per rule and mode under seed ${seed}`}`;

console.log(`\nLabelled reports (${labels.length}, ${where})\n`);
const { rows, byMode, total } = tally(labels);
const countsRow = (rule, mode, counts) => ({
  rule,
  mode,
  labelled: counts.useful + counts.noise + counts.wrong,
  useful: counts.useful,
  noise: counts.noise,
  wrong: counts.wrong,
  '% useful': percent(usefulShare(counts)),
});
printTable(
  [
    ...rows.map((row) => countsRow(row.rule, row.mode, row.counts)),
    ...MODES.map((mode) => countsRow('all rules', mode, byMode[mode])),
    countsRow('all rules', 'both', total),
  ],
  markdown,
);
const labelled = total.useful + total.noise + total.wrong;
console.log(`wrong claims: ${total.wrong} of ${labelled} (${percent(labelled === 0 ? null : total.wrong / labelled)})\n`);

console.log('Shapes\n');
printTable(
  tallyShapes(labels).map(({ shape, counts, places, rules }) => ({
    shape,
    reports: counts.useful + counts.noise + counts.wrong,
    places,
    useful: counts.useful,
    noise: counts.noise,
    wrong: counts.wrong,
    rules: rules.join(', '),
  })),
  markdown,
);

if (values.findings) {
  const findings = readFindings(values.findings);
  const { rows: moved, unlabelled } = compare(labels, findings);
  console.log(`Against ${values.findings} (${findings.length} reports)\n`);
  printTable(
    moved.map(({ rule, mode, movement }) => ({
      rule,
      mode,
      'useful kept': movement.useful.kept,
      'useful lost': movement.useful.lost,
      'noise gone': movement.noise.lost,
      'noise still': movement.noise.kept,
      'wrong gone': movement.wrong.lost,
      'wrong still': movement.wrong.kept,
      '% useful of labelled still present': percent(usefulShare(stillPresent(movement))),
      'unlabelled reports': unlabelled[`${rule} ${mode}`] ?? 0,
      ...(movement.unmatchedByColumn > 0 ? { 'matched on line only': movement.unmatchedByColumn } : {}),
    })),
    markdown,
  );
}
