import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import plugin from '../../eslint-plugin/src/index';
import { loadFixtures } from './lib/fixtures';
import { FIXTURES_DIR } from './lib/fixtures';
import { formatIllTypedFix, RobustnessHarness, type BrokenFix, type Crash, type FileCheck, type IllTypedFix, type PluginLike } from './lib/harness';
import { mutate } from './lib/mutations';
import { ProjectTypeChecker } from './lib/typeCheck';

/**
 * Every rule of the plugin, with and without type information, over the fixtures and seeded mutations
 * of them: no rule throws, and every fix and every suggestion, applied alone, leaves code that parses.
 * With types, every fix and suggestion on the unmutated fixtures must also add no type error to its file.
 */
// Typed linting re-checks the program after every mutation, so it gets every other variant (still seeded).
// Damaged text mostly stops at the parser: mutants that still parse are the fuzzer's (fuzz.test.ts).
const MUTATIONS_PER_FIXTURE = 8;
const fixtures = loadFixtures();

/** What a run met that must never happen: a rule that throws, an error outside the rules, a fix that breaks parsing. */
interface Problems {
  readonly crashes: Crash[];
  readonly otherErrors: string[];
  readonly brokenFixes: BrokenFix[];
}

/** Adds one variant's problems, each named by `where` (fixture, variant, seed). */
function recordProblems(problems: Problems, check: FileCheck, where: (text: string) => string): void {
  problems.crashes.push(...check.crashes.map((crash) => ({ ...crash, file: where(crash.file) })));
  problems.otherErrors.push(...check.otherErrors.map(where));
  problems.brokenFixes.push(...check.brokenFixes.map((broken) => ({ ...broken, file: where(broken.file) })));
}

/** The tests every run has: no crash, no other error, every fix and suggestion still parses. */
function itMeetsNoProblems(problems: Problems): void {
  it('reports 0 crashes', () => {
    assert.deepEqual(problems.crashes, []);
  });

  it('meets no error outside the rules either', () => {
    assert.deepEqual(problems.otherErrors, []);
  });

  it('keeps the code parseable after every fix and every suggestion, applied alone', () => {
    assert.deepEqual(problems.brokenFixes, []);
  });
}

for (const typed of [false, true]) {
  describe(`every rule ${typed ? 'with' : 'without'} type information`, () => {
    const harness = new RobustnessHarness({
      plugin: plugin as unknown as PluginLike,
      namespace: 'loopguard',
      rootDir: FIXTURES_DIR,
      typed,
    });
    const problems: Problems = { crashes: [], otherErrors: [], brokenFixes: [] };
    const illTypedFixes: IllTypedFix[] = [];
    let typeCheckedEdits = 0;
    const findings: Record<string, number> = {};
    let fixesChecked = 0;
    let suggestionsChecked = 0;
    let parsedVariants = 0;

    before(function () {
      // Generous: mocha times wall-clock, and a loaded CI machine can be several times slower than a quiet one.
      this.timeout(900_000);
      const typeChecker = typed ? new ProjectTypeChecker(path.join(FIXTURES_DIR, 'tsconfig.json')) : undefined;
      fixtures.forEach((fixture, index) => {
        const variants = [{ name: 'original', seed: 0, text: fixture.text }, ...mutate(fixture.text, index + 1, MUTATIONS_PER_FIXTURE).filter((_, i) => !typed || i % 2 === 0)];
        for (const variant of variants) {
          const check = harness.check(variant.text, fixture.name, fixture.sourceType, variant.name === 'original' ? typeChecker : undefined);
          recordProblems(problems, check, (text) => `${fixture.name} [${variant.name}, seed ${variant.seed}]: ${text}`);
          for (const [rule, count] of Object.entries(check.findings)) findings[rule] = (findings[rule] ?? 0) + count;
          illTypedFixes.push(...check.illTypedFixes);
          typeCheckedEdits += check.typeCheckedEdits;
          fixesChecked += check.fixesChecked;
          suggestionsChecked += check.suggestionsChecked;
          if (check.parsed) parsedVariants += 1;
          if (variant.name === 'original') assert.ok(check.parsed, `fixture ${fixture.name} must parse`);
        }
      });
    });

    it('lints the fixtures and most mutations', () => {
      assert.ok(Object.keys(plugin.rules).length > 0, 'the plugin has rules');
      assert.ok(parsedVariants > fixtures.length * 3, `only ${parsedVariants} variants parsed`);
    });

    itMeetsNoProblems(problems);

    if (typed) {
      it('adds no type error to a fixture with any fix or suggestion, applied alone', () => {
        assert.ok(typeCheckedEdits > 0 || fixesChecked + suggestionsChecked === 0, 'no fix or suggestion was type-checked');
        assert.equal(illTypedFixes.length, 0, `\n${illTypedFixes.map(formatIllTypedFix).join('\n\n')}`);
      });
    }

    it('checks at least one fix or suggestion when a rule offers them', () => {
      const offersEdits = Object.values(plugin.rules).some((rule) => {
        const meta = rule.meta as { fixable?: string; hasSuggestions?: boolean };
        return meta.fixable !== undefined || meta.hasSuggestions === true;
      });
      if (offersEdits) {
        assert.ok(fixesChecked + suggestionsChecked > 0, `no fix or suggestion was produced (findings: ${JSON.stringify(findings)})`);
      }
    });
  });
}

/**
 * A JavaScript project linted with ESLint's default parser (espree): no parser services, and none of the fields
 * TypeScript's syntax adds to the tree (a class without `extends` has no `implements` field at all, where
 * typescript-eslint writes `[]`). The JavaScript fixtures and the real files of the corpus sample, with mutations.
 */
describe('every rule with ESLint default parser (espree)', () => {
  const harness = new RobustnessHarness({ plugin: plugin as unknown as PluginLike, namespace: 'loopguard', rootDir: FIXTURES_DIR, typed: false, parser: 'espree' });
  // the corpus sample's manifest says how each real file parses
  const manifest = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'corpus-sample', 'manifest.json'), 'utf8')) as { files: { file: string; sourceType: 'module' | 'commonjs' }[] };
  const samples = loadFixtures(path.join(FIXTURES_DIR, 'corpus-sample')).map((fixture) => ({
    ...fixture,
    name: `corpus-sample/${fixture.name}`,
    sourceType: manifest.files.find((entry) => entry.file === fixture.name)?.sourceType ?? fixture.sourceType,
  }));
  const javaScript = [...fixtures, ...samples].filter((fixture) => /\.(js|mjs|cjs)$/.test(fixture.name));
  const problems: Problems = { crashes: [], otherErrors: [], brokenFixes: [] };
  let findingCount = 0;

  before(function () {
    this.timeout(900_000);
    javaScript.forEach((fixture, index) => {
      for (const variant of [{ name: 'original', seed: 0, text: fixture.text }, ...mutate(fixture.text, index + 1, MUTATIONS_PER_FIXTURE)]) {
        const check = harness.check(variant.text, fixture.name, fixture.sourceType);
        recordProblems(problems, check, (text) => `${fixture.name} [${variant.name}, seed ${variant.seed}]: ${text}`);
        findingCount += Object.values(check.findings).reduce((sum, count) => sum + count, 0);
        if (variant.name === 'original') assert.ok(check.parsed, `fixture ${fixture.name} must parse with espree`);
      }
    });
  });

  it('lints the JavaScript fixtures, with classes among them, and reports on them', () => {
    assert.ok(javaScript.length >= 6, `only ${javaScript.length} JavaScript fixtures`);
    assert.ok(javaScript.some((fixture) => /\bclass \w+ \{/.test(fixture.text)), 'a class without `extends` among them');
    assert.ok(findingCount > 0, 'the rules report nothing');
  });

  itMeetsNoProblems(problems);
});
