import type { ESLint, Linter, Rule } from 'eslint';

import { presetRules } from './configs';
import { rules } from './rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

/** A preset: an ESLint flat config object, so `defineConfig([...])` and `tseslint.config(...)` take it as it is. */
interface LoopguardConfig extends Linter.Config {
  name: string;
  plugins: { loopguard: LoopguardPlugin };
  rules: Linter.RulesRecord;
}

/**
 * The plugin, typed with ESLint's own types (the rules are written with typescript-eslint's, which ESLint's
 * config types do not accept), so that an `eslint.config.ts` using it type-checks under `strict`.
 */
interface LoopguardPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: 'loopguard' };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: LoopguardConfig; strict: LoopguardConfig };
}

const plugin: LoopguardPlugin = {
  meta: { name, version, namespace: 'loopguard' },
  rules: rules as unknown as Record<string, Rule.RuleModule>,
  configs: {} as LoopguardPlugin['configs'],
};

plugin.configs.recommended = {
  name: 'loopguard/recommended',
  plugins: { loopguard: plugin },
  rules: presetRules(rules, 'recommended'),
};
plugin.configs.strict = {
  name: 'loopguard/strict',
  plugins: { loopguard: plugin },
  rules: presetRules(rules, 'strict'),
};

export = plugin;
