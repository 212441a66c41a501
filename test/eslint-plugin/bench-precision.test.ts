import * as assert from 'node:assert/strict';

/** The bench/precision modules are plain ESM (checked with `// @ts-check`); these are the parts the tests use. */
type Mode = 'syntactic' | 'typed';
type Verdict = 'useful' | 'noise' | 'wrong';
interface Finding { file: string; line: number; column: number; endLine?: number; endColumn?: number; rule: string; messageId?: string; message: string; mode: Mode }
interface Label extends Finding { id: string; code: string; verdict: Verdict | null; shape: string; reason: string }
interface Movement { kept: number; lost: number }
interface GroupMovement { useful: Movement; noise: Movement; wrong: Movement; unmatchedByColumn: number }
interface VerdictCounts { useful: number; noise: number; wrong: number }
interface FindingsModule { findingId(finding: Finding): string }
interface SampleModule { sampleFindings(findings: Finding[], seed: number | string, count: number): { sample: Finding[]; groups: Record<string, { reports: number; sampled: number }> } }
interface ScoreModule {
  firstPerGroup(labels: Label[], seed: number | string, count: number): Label[];
  tally(labels: Label[]): { rows: { rule: string; mode: string; counts: VerdictCounts }[]; byMode: Record<string, VerdictCounts>; total: VerdictCounts };
  tallyShapes(labels: Label[]): { shape: string; counts: VerdictCounts; places: number; rules: string[] }[];
  compare(labels: Label[], findings: Finding[]): { rows: { rule: string; mode: string; movement: GroupMovement }[]; unlabelled: Record<string, number> };
  usefulShare(counts: VerdictCounts): number | null;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const { findingId } = require('../../bench/precision/lib/findings.mjs') as FindingsModule;
const { sampleFindings } = require('../../bench/precision/lib/sample.mjs') as SampleModule;
const { compare, firstPerGroup, tally, tallyShapes, usefulShare } = require('../../bench/precision/lib/score.mjs') as ScoreModule;
/* eslint-enable @typescript-eslint/no-require-imports */

function finding(file: string, line: number, rule: string, mode: Mode, column = 3): Finding {
  return { file, line, column, endLine: line, endColumn: column + 5, rule, messageId: 'm', message: `${rule} at ${line}`, mode };
}

function label(f: Finding, verdict: Verdict, shape = 'test-code'): Label {
  return { id: findingId(f), ...f, code: 'library', verdict, shape, reason: 'why' };
}

/** 30 reports of rule `a` in each mode at the same places, 5 of rule `b` (syntactic only). */
function corpusFindings(): Finding[] {
  const findings: Finding[] = [];
  for (let line = 1; line <= 30; line++) {
    findings.push(finding(`pkg/lib/f${line % 4}.js`, line, 'a', 'syntactic'), finding(`pkg/lib/f${line % 4}.js`, line, 'a', 'typed'));
  }
  for (let line = 1; line <= 5; line++) findings.push(finding('pkg/test/t.js', line, 'b', 'syntactic'));
  return findings;
}

const ids = (findings: Finding[]): string[] => findings.map(findingId);

describe('bench/precision sampler', () => {
  it('names a report by package path, position, rule and mode', () => {
    assert.equal(findingId(finding('nestjs-core/injector/injector.js', 260, 'no-unbounded-concurrency', 'typed', 31)), 'nestjs-core/injector/injector.js:260:31:no-unbounded-concurrency:typed');
  });

  it('picks the same sample for the same seed whatever the order of the findings', () => {
    const findings = corpusFindings();
    const first = sampleFindings(findings, 18, 20);
    const again = sampleFindings([...findings].reverse(), 18, 20);
    assert.deepEqual(ids(again.sample), ids(first.sample));
    assert.deepEqual(first.groups, { 'a syntactic': { reports: 30, sampled: 20 }, 'a typed': { reports: 30, sampled: 20 }, 'b syntactic': { reports: 5, sampled: 5 } });
    assert.notDeepEqual(ids(sampleFindings(findings, 19, 20).sample), ids(first.sample), 'another seed picks another sample');
  });

  it('keeps every report of a smaller sample in a larger one, and picks the same places in both modes', () => {
    const findings = corpusFindings();
    const small = sampleFindings(findings, 18, 5).sample;
    const large = ids(sampleFindings(findings, 18, 12).sample);
    for (const id of ids(small)) assert.ok(large.includes(id), id);
    const place = (f: Finding): string => `${f.file}:${f.line}`;
    const syntactic = small.filter((f) => f.rule === 'a' && f.mode === 'syntactic').map(place);
    const typed = small.filter((f) => f.rule === 'a' && f.mode === 'typed').map(place);
    assert.deepEqual(typed, syntactic);
  });

  it('a sample of N inside a labelled larger sample is the sampler\'s own sample of N', () => {
    const findings = corpusFindings();
    const labels = sampleFindings(findings, 18, 100).sample.map((f) => label(f, 'noise'));
    assert.equal(labels.length, findings.length);
    assert.deepEqual(firstPerGroup(labels, 18, 7).map((l) => l.id).sort(), ids(sampleFindings(findings, 18, 7).sample).sort());
  });
});

describe('bench/precision scorer', () => {
  const a1 = finding('pkg/a.js', 1, 'a', 'syntactic');
  const a2 = finding('pkg/a.js', 2, 'a', 'syntactic');
  const a3 = finding('pkg/a.js', 3, 'a', 'syntactic');
  const a4 = finding('pkg/a.js', 4, 'a', 'syntactic');
  const b1 = finding('pkg/b.js', 1, 'b', 'typed');
  const a2typed = finding('pkg/a.js', 2, 'a', 'typed');
  const labels = [label(a1, 'useful', 'real-detach'), label(a2, 'useful', 'real-detach'), label(a3, 'noise'), label(a4, 'wrong', 'maybe-promise'), label(b1, 'noise'), label(a2typed, 'useful', 'real-detach')];

  it('counts verdicts per rule and mode, per mode, overall and per shape', () => {
    const { rows, byMode, total } = tally(labels);
    assert.deepEqual(rows, [
      { rule: 'a', mode: 'syntactic', counts: { useful: 2, noise: 1, wrong: 1 } },
      { rule: 'a', mode: 'typed', counts: { useful: 1, noise: 0, wrong: 0 } },
      { rule: 'b', mode: 'typed', counts: { useful: 0, noise: 1, wrong: 0 } },
    ]);
    assert.deepEqual(byMode, { syntactic: { useful: 2, noise: 1, wrong: 1 }, typed: { useful: 1, noise: 1, wrong: 0 } });
    assert.deepEqual(total, { useful: 3, noise: 2, wrong: 1 });
    assert.equal(usefulShare(rows[0].counts), 0.5);
    assert.equal(usefulShare({ useful: 0, noise: 0, wrong: 0 }), null);
    assert.deepEqual(tallyShapes(labels), [
      { shape: 'real-detach', counts: { useful: 3, noise: 0, wrong: 0 }, places: 2, rules: ['a'] },
      { shape: 'test-code', counts: { useful: 0, noise: 2, wrong: 0 }, places: 2, rules: ['a', 'b'] },
      { shape: 'maybe-promise', counts: { useful: 0, noise: 0, wrong: 1 }, places: 1, rules: ['a'] },
    ]);
  });

  it('says which labelled reports a change kept and which it removed', () => {
    // After the change: a1 stays, a2 moved to another column of its line, a3 and a4 are gone, b1 stays, and
    // two reports nobody labelled appear (one in a group without labels).
    // a2typed is gone: a useful report lost.
    const after = [a1, { ...a2, column: 9 }, b1, finding('pkg/c.js', 7, 'a', 'syntactic'), finding('pkg/c.js', 8, 'c', 'typed')];
    const { rows, unlabelled } = compare(labels, after);
    assert.deepEqual(rows, [
      { rule: 'a', mode: 'syntactic', movement: { useful: { kept: 2, lost: 0 }, noise: { kept: 0, lost: 1 }, wrong: { kept: 0, lost: 1 }, unmatchedByColumn: 1 } },
      { rule: 'a', mode: 'typed', movement: { useful: { kept: 0, lost: 1 }, noise: { kept: 0, lost: 0 }, wrong: { kept: 0, lost: 0 }, unmatchedByColumn: 0 } },
      { rule: 'b', mode: 'typed', movement: { useful: { kept: 0, lost: 0 }, noise: { kept: 1, lost: 0 }, wrong: { kept: 0, lost: 0 }, unmatchedByColumn: 0 } },
      { rule: 'c', mode: 'typed', movement: { useful: { kept: 0, lost: 0 }, noise: { kept: 0, lost: 0 }, wrong: { kept: 0, lost: 0 }, unmatchedByColumn: 0 } },
    ]);
    assert.deepEqual(unlabelled, { 'a syntactic': 1, 'c typed': 1 });
  });

  it('never takes a labelled report that stayed for another label\'s moved one', () => {
    // x1 and x2 on one line: x1 stays, x2 is gone. x1's report must not count as x2 moved within the line.
    const x1 = finding('pkg/x.js', 5, 'a', 'syntactic', 1);
    const x2 = finding('pkg/x.js', 5, 'a', 'syntactic', 7);
    const { rows, unlabelled } = compare([label(x1, 'useful'), label(x2, 'noise')], [x1]);
    assert.deepEqual(rows[0].movement, { useful: { kept: 1, lost: 0 }, noise: { kept: 0, lost: 1 }, wrong: { kept: 0, lost: 0 }, unmatchedByColumn: 0 });
    assert.deepEqual(unlabelled, {});
  });
});
