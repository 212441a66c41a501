import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import plugin from '../../eslint-plugin/src/index';
import { FIXTURES_DIR } from './lib/fixtures';
import { type FileCheck, RobustnessHarness, type PluginLike } from './lib/harness';
import { HOSTILE_FILES } from './lib/hostileFiles';

/**
 * Every rule, without and with type information, on files written to break a linter (`lib/hostileFiles.ts`):
 * self-referring declarations of every shape issue #20 found, nesting as deep as the parser takes and deeper,
 * huge, minified, binary and oddly encoded files. No rule throws, nothing else fails, every fix and suggestion
 * applied alone still parses; a file the parser takes reaches the rules, one it does not gives a parse error only.
 */
const HOSTILE_DIR = path.join(FIXTURES_DIR, 'hostile');

for (const typed of [false, true]) {
  describe(`hostile files ${typed ? 'with' : 'without'} type information`, function () {
    // Generous: mocha times wall-clock, and a loaded machine can be several times slower than a quiet one.
    this.timeout(600_000);
    const harness = new RobustnessHarness({ plugin: plugin as unknown as PluginLike, namespace: 'loopguard', rootDir: HOSTILE_DIR, typed });
    const files = HOSTILE_FILES.filter((hostile) => !typed || hostile.syntacticOnly !== true);
    const checks = new Map<string, FileCheck>();

    before(() => {
      for (const hostile of files) checks.set(hostile.name, harness.check(hostile.text, hostile.file));
    });

    it('no rule throws', () => {
      assert.deepEqual(
        [...checks].flatMap(([name, check]) => check.crashes.map((crash) => `${name}: ${crash.ruleId} line ${crash.line}: ${crash.message}`)),
        [],
      );
    });

    it('nothing fails outside the rules either', () => {
      assert.deepEqual(
        [...checks].flatMap(([name, check]) => check.otherErrors.map((error) => `${name}: ${error}`)),
        [],
      );
    });

    it('every fix and suggestion, applied alone, still parses', () => {
      assert.deepEqual(
        [...checks].flatMap(([name, check]) => check.brokenFixes.map((broken) => `${name}: ${broken.ruleId} ${broken.kind} ${broken.parseError}\n${broken.excerpt}`)),
        [],
      );
    });

    it('reaches the rules exactly when the parser takes the file', () => {
      assert.deepEqual(
        files.filter((hostile) => checks.get(hostile.name)?.parsed !== hostile.parses).map((hostile) => `${hostile.name}: parsed ${String(!hostile.parses)}`),
        [],
      );
    });

    it('still finds what the files hold', () => {
      // Not a precision check: proof that the rules ran on the hostile files and were not switched off by them.
      const findings = (name: string): Record<string, number> => checks.get(name)?.findings ?? {};
      for (const name of ['a byte order mark and CRLF line ends', 'control characters and NUL in strings, comments and templates', ...(typed ? [] : ['about 40 KB of code', 'minified: one line of about 20,000 characters'])]) {
        assert.equal(Object.keys(findings(name)).length, 5, `${name}: ${JSON.stringify(findings(name))}`);
      }
      const edits = [...checks.values()].reduce((sum, check) => sum + check.fixesChecked + check.suggestionsChecked, 0);
      assert.ok(edits >= 30, `only ${edits} fixes and suggestions were checked`);
    });
  });
}
