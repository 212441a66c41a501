import * as assert from 'node:assert/strict';

import plugin from '../../eslint-plugin/src/index';
import { loadCorpusSample, CORPUS_SAMPLE_DIR } from './lib/corpusSample';
import { fuzz, type FuzzSummary } from './lib/fuzz';
import { RobustnessHarness, type PluginLike } from './lib/harness';
import { parsingMutants } from './lib/parsingMutations';

/**
 * The mutation fuzzer's small run: seeded mutants of real files of the benchmark corpus that still parse
 * (`lib/parsingMutations.ts`), every rule, without and with type information. 0 rule exceptions, 0 errors
 * elsewhere, every fix and suggestion applied alone still parses. The large run over the whole corpus is
 * `npm run bench:fuzz`.
 */
const SEED = 20;
/** Mutants per file: without types, and with (a typed lint re-checks the program, so fewer). */
const MUTANTS = { syntactic: 8, typed: 3 };

describe('parsing mutants of real files', () => {
  const inputs = loadCorpusSample();

  it('are reproducible from their seed, and parse', () => {
    const [input] = inputs;
    assert.ok(input);
    const target = { text: input.text, fileName: input.name, sourceType: input.sourceType };
    const first = parsingMutants(target, 5, 6);
    assert.deepEqual(parsingMutants(target, 5, 6), first);
    assert.notDeepEqual(parsingMutants(target, 6, 6).map((mutant) => mutant.text), first.map((mutant) => mutant.text));
    assert.ok(first.every((mutant) => mutant.text !== input.text && mutant.names.length > 0));
  });

  for (const typed of [false, true]) {
    describe(typed ? 'with type information' : 'without type information', function () {
      // Generous: mocha times wall-clock, and a loaded machine can be several times slower than a quiet one.
      this.timeout(600_000);
      let summary: FuzzSummary;

      before(() => {
        const harness = new RobustnessHarness({ plugin: plugin as unknown as PluginLike, namespace: 'loopguard', rootDir: CORPUS_SAMPLE_DIR, typed });
        summary = fuzz(harness, inputs, { seed: SEED, mutantsPerInput: typed ? MUTANTS.typed : MUTANTS.syntactic });
      });

      it('lints every mutant, with a variety of mutations', () => {
        assert.ok(summary.mutants >= inputs.length * (typed ? MUTANTS.typed : MUTANTS.syntactic) * 0.9, `only ${summary.mutants} mutants`);
        assert.equal(summary.linted, summary.mutants, 'the linter parses what the mutator parsed');
        assert.ok(Object.keys(summary.mutations).length >= (typed ? 8 : 12), `mutations used: ${JSON.stringify(summary.mutations)}`);
      });

      it('no rule throws', () => {
        assert.deepEqual(summary.crashes, []);
      });

      it('nothing fails outside the rules either', () => {
        assert.deepEqual(summary.otherErrors, []);
      });

      it('every fix and suggestion, applied alone, still parses', () => {
        assert.ok(summary.fixesChecked + summary.suggestionsChecked > 0, `no fix or suggestion (findings: ${JSON.stringify(summary.findings)})`);
        assert.deepEqual(summary.brokenFixes, []);
      });
    });
  }
});
