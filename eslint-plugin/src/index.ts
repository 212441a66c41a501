import type { TSESLint } from '@typescript-eslint/utils';

import { presetRules } from './configs';
import { rules } from './rules';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { name, version } = require('../package.json') as { name: string; version: string };

interface FlatConfig {
  name: string;
  plugins: Record<string, unknown>;
  rules: Record<string, TSESLint.SharedConfig.RuleEntry>;
}

interface LoopguardPlugin {
  meta: { name: string; version: string; namespace: 'loopguard' };
  rules: typeof rules;
  configs: { recommended: FlatConfig; strict: FlatConfig };
}

const plugin: LoopguardPlugin = {
  meta: { name, version, namespace: 'loopguard' },
  rules,
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
