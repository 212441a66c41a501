import * as parser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

import plugin from 'eslint-plugin-loopguard';

export interface LoopguardConfigOptions {
  readonly strict: boolean;
  readonly types: boolean;
  /** Folder that `tsconfigRootDir` and relative patterns are resolved against. */
  readonly cwd: string;
  readonly ignores: readonly string[];
}

const JS_TS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/** The flat config the zero-config CLI runs: Loopguard's preset over every JS/TS file, with the TS parser. */
export function buildLoopguardConfig(options: LoopguardConfigOptions): Linter.Config[] {
  const preset = options.strict ? plugin.configs.strict : plugin.configs.recommended;
  const parserOptions: Linter.ParserOptions = options.types
    ? { projectService: true, tsconfigRootDir: options.cwd, disallowAutomaticSingleRunInference: true }
    : {};
  return [
    { name: 'loopguard/cli/ignores', ignores: [...options.ignores] },
    {
      name: 'loopguard/cli/files',
      files: JS_TS_FILES,
      languageOptions: {
        parser: parser as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions,
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      plugins: preset.plugins,
      rules: preset.rules,
    },
    { name: 'loopguard/cli/commonjs', files: ['**/*.cjs', '**/*.cts'], languageOptions: { sourceType: 'commonjs' } },
    { name: 'loopguard/cli/jsx', files: ['**/*.jsx', '**/*.tsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  ];
}
