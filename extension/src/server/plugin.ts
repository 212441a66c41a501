import plugin from '../../../eslint-plugin/src/index';

import type { RuleSetting } from '../shared/settings';

/** The bundled eslint-plugin-loopguard, as the server uses it. */
export const loopguardPlugin = plugin;

export const RULE_PREFIX = 'loopguard/';

/** Rule ids without the `loopguard/` prefix. */
export const ruleIds: ReadonlySet<string> = new Set(Object.keys(plugin.rules));

export function ruleDocsUrl(ruleId: string): string | undefined {
  const id = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
  const rule = (plugin.rules as Record<string, { meta?: { docs?: { url?: string } } }>)[id];
  return rule?.meta?.docs?.url;
}

/** The recommended preset as rule id (without prefix) → entry. */
export function recommendedRules(): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const [key, value] of Object.entries(plugin.configs.recommended.rules)) {
    const id = key.startsWith(RULE_PREFIX) ? key.slice(RULE_PREFIX.length) : key;
    if (ruleIds.has(id)) rules[id] = value as RuleSetting;
  }
  return rules;
}
