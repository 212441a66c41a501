// An eslint.config.ts as a TypeScript project writes it; test/package/configTypes.test.ts type-checks it
// under `strict` against the built plugin's declarations.
import { defineConfig } from 'eslint/config';
import loopguard from 'eslint-plugin-loopguard';
import tseslint from 'typescript-eslint';

export const withDefineConfig = defineConfig([loopguard.configs.recommended], loopguard.configs.strict, {
  plugins: { loopguard },
  rules: { 'loopguard/no-blocking-in-async': ['error', { allow: ['existsSync'] }] },
});

export const withTypescriptEslint = tseslint.config(
  ...tseslint.configs.recommended,
  loopguard.configs.recommended,
  loopguard.configs.strict,
  { plugins: { loopguard }, rules: { 'loopguard/no-floating-promises': 'error' } },
);

export default defineConfig([
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  loopguard.configs.recommended,
]);
