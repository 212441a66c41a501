// @ts-check
/**
 * `npm run bench:precision:sample -- --seed 18 [--count 20] [--findings file.jsonl] [--out labels.jsonl]
 * [--from labels.jsonl]`: picks the seeded sample of a findings file (lib/sample.mjs: at least `count`
 * reports per rule and mode, all of them where fewer) and writes it as a labels file to fill in: a header
 * line, then one line per report with its stable id (`package/relative/file:line:column:rule:mode`), whether
 * the file is library, test or script code, and `verdict: null`, `shape: ""`, `reason: ""`. With `--from`,
 * labels already given to the same ids in an earlier labels file are carried over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { readManifest } from '../lib/configurations.mjs';
import { precisionCorpusDir, precisionResultsDir, repoRoot } from '../lib/paths.mjs';
import { findingId, readFindings, readLabels, writeJsonLines } from './lib/findings.mjs';
import { pluginRevision } from './lib/revision.mjs';
import { sampleFindings } from './lib/sample.mjs';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string', default: '20' },
    findings: { type: 'string', default: path.join(precisionResultsDir, 'findings.jsonl') },
    out: { type: 'string' },
    from: { type: 'string' },
  },
});
if (values.seed === undefined) {
  console.error('usage: node bench/precision/sample.mjs --seed N [--count 20] [--findings file.jsonl] [--out labels.jsonl] [--from labels.jsonl]');
  process.exit(2);
}
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');

const { sample, groups } = sampleFindings(readFindings(values.findings), values.seed, count);
const codeOf = new Map(readManifest(precisionCorpusDir).files.map((file) => [file.path, file.code]));
const earlier = new Map(values.from ? readLabels(values.from, { allowUnlabelled: true }).labels.map((label) => [label.id, label]) : []);
const labels = sample.map((finding) => {
  const id = findingId(finding);
  const previous = earlier.get(id);
  return {
    id,
    ...finding,
    code: codeOf.get(finding.file) ?? 'unknown',
    verdict: previous?.verdict ?? null,
    shape: previous?.shape ?? '',
    reason: previous?.reason ?? '',
  };
});

const countsFile = `${values.findings.replace(/\.jsonl$/, '')}.counts.json`;
// The revision the findings were taken on (recorded by the lint runner), else the current one.
const linted = fs.existsSync(countsFile) ? JSON.parse(fs.readFileSync(countsFile, 'utf8')) : pluginRevision();
const header = {
  seed: values.seed,
  countPerRuleAndMode: count,
  findings: path.relative(repoRoot, values.findings),
  lintedAt: { head: linted.head, pluginCommit: linted.pluginCommit, pluginDirty: linted.pluginDirty, date: linted.date },
  groups,
};
const out = values.out ?? path.join(precisionResultsDir, `sample-seed${values.seed}.jsonl`);
fs.mkdirSync(path.dirname(out), { recursive: true });
writeJsonLines(out, [{ header }, ...labels]);
console.table(Object.entries(groups).map(([group, counts]) => ({ group, ...counts })));
console.log(`${labels.length} reports (${new Set(labels.map((label) => `${label.file}:${label.line}:${label.column}:${label.rule}`)).size} distinct locations) → ${path.relative(process.cwd(), out)}`);
