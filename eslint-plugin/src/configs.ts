import type { Linter } from 'eslint';

import type { LoopguardDocs } from './core/createRule';

export type ConfigName = 'recommended' | 'strict';

interface RuleWithDocs {
  meta: { docs?: LoopguardDocs };
}

/** The rules of a preset, as computed from each rule's `meta.docs` (never a hand-kept list). */
export function presetRules(
  rules: Record<string, RuleWithDocs>,
  preset: ConfigName,
): Linter.RulesRecord {
  const entries: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs;
    const inPreset = preset === 'recommended' ? docs?.recommended === true : docs?.recommended === true || docs?.strict === true;
    if (inPreset) entries[`loopguard/${id}`] = 'error';
  }
  return entries;
}
