import type { BrokenFix, Crash, RobustnessHarness } from './harness';
import { parsingMutants } from './parsingMutations';

/**
 * The mutation fuzzer: seeded mutants of real files that still parse (`parsingMutations.ts`), each linted by
 * every rule of the harness; a rule that throws, an error outside the rules, and a fix or suggestion that
 * does not parse are collected with the mutant's file, mutations and seed, so any of them can be replayed.
 */
export interface FuzzInput {
  /** File name relative to the harness's root (it decides the syntax, and with types the project). */
  name: string;
  text: string;
  sourceType: 'module' | 'commonjs';
}

export interface FuzzOptions {
  seed: number;
  mutantsPerInput: number;
}

export interface FuzzSummary {
  inputs: number;
  mutants: number;
  /** Mutants the linter parsed (the mutator's own parse check uses the same parser without a project). */
  linted: number;
  crashes: Crash[];
  otherErrors: string[];
  brokenFixes: BrokenFix[];
  findings: Record<string, number>;
  fixesChecked: number;
  suggestionsChecked: number;
  /** Mutant counts by mutation name (a mutant stacks one to three). */
  mutations: Record<string, number>;
}

/** The seed of input `index`'s mutants under `seed`: each input gets its own, so adding inputs changes no other. */
export function inputSeed(seed: number, index: number): number {
  return seed * 1000 + index;
}

export function fuzz(harness: RobustnessHarness, inputs: readonly FuzzInput[], options: FuzzOptions): FuzzSummary {
  const summary: FuzzSummary = {
    inputs: inputs.length,
    mutants: 0,
    linted: 0,
    crashes: [],
    otherErrors: [],
    brokenFixes: [],
    findings: {},
    fixesChecked: 0,
    suggestionsChecked: 0,
    mutations: {},
  };
  inputs.forEach((input, index) => {
    const mutants = parsingMutants({ text: input.text, fileName: input.name, sourceType: input.sourceType }, inputSeed(options.seed, index), options.mutantsPerInput);
    for (const mutant of mutants) {
      summary.mutants += 1;
      for (const name of mutant.names) summary.mutations[name] = (summary.mutations[name] ?? 0) + 1;
      const check = harness.check(mutant.text, input.name, input.sourceType);
      const where = (text: string): string => `${input.name} [${mutant.names.join(' + ')}, seed ${mutant.seed}]: ${text}`;
      summary.crashes.push(...check.crashes.map((crash) => ({ ...crash, file: where(crash.file) })));
      summary.otherErrors.push(...check.otherErrors.map(where));
      summary.brokenFixes.push(...check.brokenFixes.map((broken) => ({ ...broken, file: where(broken.file) })));
      for (const [rule, count] of Object.entries(check.findings)) summary.findings[rule] = (summary.findings[rule] ?? 0) + count;
      summary.fixesChecked += check.fixesChecked;
      summary.suggestionsChecked += check.suggestionsChecked;
      if (check.parsed) summary.linted += 1;
    }
  });
  return summary;
}
