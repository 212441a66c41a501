import plugin from '../../../eslint-plugin/src/index';

import type { PresetSetting, RuleSetting } from '../shared/settings';
import { RULE_PREFIX, setRuleCatalog, type RuleCatalog } from './ruleCatalog';

/** The bundled eslint-plugin-loopguard, as the lint workers use it (the main thread never loads it). */
export const loopguardPlugin = plugin;

export { RULE_PREFIX };

/** Rule ids without the `loopguard/` prefix. */
export const ruleIds: ReadonlySet<string> = new Set(Object.keys(plugin.rules));

/** A preset of the plugin as rule id (without prefix) → entry. */
export function presetRules(preset: PresetSetting): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const [key, value] of Object.entries(plugin.configs[preset].rules)) {
    const id = key.startsWith(RULE_PREFIX) ? key.slice(RULE_PREFIX.length) : key;
    if (ruleIds.has(id)) rules[id] = value as RuleSetting;
  }
  return rules;
}

/** What the main thread needs to know about the rules (sent in a worker's `ready` message). */
export function pluginCatalog(): RuleCatalog {
  const docsUrls: Record<string, string> = {};
  for (const [id, rule] of Object.entries(plugin.rules as Record<string, { meta?: { docs?: { url?: string } } }>)) {
    const url = rule.meta?.docs?.url;
    if (url) docsUrls[id] = url;
  }
  return { version: plugin.meta.version, ruleIds: [...ruleIds], docsUrls, recommended: presetRules('recommended') };
}

setRuleCatalog(pluginCatalog());
