import * as path from 'node:path';

import { RuleTester, type RunTests } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';

/** The fixture project for type-aware tests: `tsconfig.json` plus `file.ts`/`file.js` stand-ins. */
export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

/** A tester without type information: the rules' fast, syntactic mode. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  });
}

/** A tester with type information from typescript-eslint's project service over `fixtures/`. */
export function createRuleTesterWithTypes(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.cjs'] },
        tsconfigRootDir: FIXTURES_DIR,
      },
    },
  });
}


export interface BothModesTests<MessageIds extends string, Options extends readonly unknown[]> {
  /** Cases that hold with and without type information. */
  both: RunTests<MessageIds, Options>;
  /** Cases that hold only without type information (documented syntactic limits). */
  syntacticOnly?: Partial<RunTests<MessageIds, Options>>;
  /** Cases that only type information decides. */
  typedOnly?: Partial<RunTests<MessageIds, Options>>;
}

/**
 * Runs a rule's cases in both modes: every `both` case once without and once with type information,
 * plus the mode-specific cases. Each mode gets its own `describe` block so a failure names its mode.
 */
export function runInBothModes<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options>,
  tests: BothModesTests<MessageIds, Options>,
): void {
  describe(`${name} (syntactic)`, () => {
    createRuleTester().run(name, rule, {
      valid: [...tests.both.valid, ...(tests.syntacticOnly?.valid ?? [])],
      invalid: [...tests.both.invalid, ...(tests.syntacticOnly?.invalid ?? [])],
    });
  });
  describe(`${name} (type-aware)`, () => {
    createRuleTesterWithTypes().run(name, rule, {
      valid: [...tests.both.valid, ...(tests.typedOnly?.valid ?? [])],
      invalid: [...tests.both.invalid, ...(tests.typedOnly?.invalid ?? [])],
    });
  });
}
