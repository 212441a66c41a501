import type { ConfigPriority, RuleSetting } from '../shared/settings';
import { normaliseRuleEntry } from './settings';

export type ConfigSource = 'settings' | 'eslintConfig';

export interface ResolvedRules {
  /** Rule id (without prefix) → entry, for every known rule. */
  rules: Record<string, RuleSetting>;
  source: ConfigSource;
}

export interface RuleSources {
  ruleIds: ReadonlySet<string>;
  /** The default preset (used when nothing else configures a rule). */
  preset: Record<string, RuleSetting>;
  /** `loopguard.rules`. */
  settings: Record<string, RuleSetting>;
  /** The loopguard rules the workspace's ESLint config sets for this file, if it sets any. */
  eslintConfig: Record<string, RuleSetting> | undefined;
  priority: ConfigPriority;
}

/**
 * Decides the rule entries for one file.
 * - No workspace config for loopguard: the preset, overridden by the settings.
 * - Workspace config and priority `eslintConfig`: exactly what the config says (rules it does
 *   not mention are off, as in CI); settings are ignored.
 * - Workspace config and priority `settings`: the config, with the settings overriding it.
 */
export function resolveRules(sources: RuleSources): ResolvedRules {
  const rules: Record<string, RuleSetting> = {};
  const hasConfig = sources.eslintConfig !== undefined && Object.keys(sources.eslintConfig).length > 0;
  for (const id of sources.ruleIds) rules[id] = hasConfig ? 'off' : sources.preset[id] ?? 'off';
  if (hasConfig) Object.assign(rules, known(sources.eslintConfig!, sources.ruleIds));
  if (!hasConfig || sources.priority === 'settings') Object.assign(rules, known(sources.settings, sources.ruleIds));
  return { rules, source: hasConfig ? 'eslintConfig' : 'settings' };
}

/** Picks `loopguard/*` entries out of a computed ESLint config's `rules`. */
export function loopguardRulesOf(configRules: unknown, ruleIds: ReadonlySet<string>): Record<string, RuleSetting> | undefined {
  if (typeof configRules !== 'object' || configRules === null) return undefined;
  const result: Record<string, RuleSetting> = {};
  for (const [key, value] of Object.entries(configRules)) {
    if (!key.startsWith('loopguard/')) continue;
    const id = key.slice('loopguard/'.length);
    const entry = normaliseRuleEntry(value);
    if (ruleIds.has(id) && entry !== undefined) result[id] = entry;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

function known(rules: Record<string, RuleSetting>, ids: ReadonlySet<string>): Record<string, RuleSetting> {
  return Object.fromEntries(Object.entries(rules).filter(([id]) => ids.has(id)));
}
