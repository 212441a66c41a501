import { createOutlineCollector, DEFAULT_OUTLINE_OPTIONS, type AsyncOutline, type OutlineOptions } from '../../../eslint-plugin/src/outline';
import type { RuleSetting } from '../shared/settings';
import type { OutlineCollector } from './lintEngine';

/**
 * The outline's options, taken from the rules' configured options (with each rule's defaults), so the
 * task inspector decides exactly as the diagnostics do: an allowed blocking call is not shown as
 * blocking, `checkStored: false` hides stored promises, user resources count as resources, positions
 * `no-misused-async-callback` does not check are not shown as misused.
 */
export function outlineOptionsFromRules(rules: Record<string, RuleSetting>): OutlineOptions {
  const blocking = optionsOf(rules['no-blocking-in-async']);
  const floating = optionsOf(rules['no-floating-promises']);
  const resources = optionsOf(rules['require-async-dispose']);
  const misused = optionsOf(rules['no-misused-async-callback']);
  const defaults = DEFAULT_OUTLINE_OPTIONS;
  return {
    blocking: {
      blockingCalls: arrayOf(blocking.blockingCalls, defaults.blocking.blockingCalls) as OutlineOptions['blocking']['blockingCalls'],
      allow: arrayOf(blocking.allow, defaults.blocking.allow) as string[],
      checkRequire: booleanOf(blocking.checkRequire, defaults.blocking.checkRequire),
      checkHelpers: booleanOf(blocking.checkHelpers, defaults.blocking.checkHelpers),
    },
    floating: {
      checkVoid: booleanOf(floating.checkVoid, defaults.floating.checkVoid),
      checkThenables: booleanOf(floating.checkThenables, defaults.floating.checkThenables),
      checkStored: booleanOf(floating.checkStored, defaults.floating.checkStored),
      allowForKnownSafeCalls: arrayOf(floating.allowForKnownSafeCalls, defaults.floating.allowForKnownSafeCalls) as OutlineOptions['floating']['allowForKnownSafeCalls'],
      allowForKnownSafePromises: arrayOf(floating.allowForKnownSafePromises, defaults.floating.allowForKnownSafePromises) as OutlineOptions['floating']['allowForKnownSafePromises'],
    },
    resources: arrayOf(resources.resources, defaults.resources) as OutlineOptions['resources'],
    // every option of the rule is a boolean `check…`
    misused: Object.fromEntries(
      Object.entries(defaults.misused).map(([key, fallback]) => [key, booleanOf(misused[key], fallback)]),
    ) as unknown as OutlineOptions['misused'],
  };
}

/** A collector for one lint request; `take()` returns what it built (null when the file did not parse). */
export function createCollector(options: OutlineOptions): OutlineCollector & { take(): AsyncOutline | null } {
  let outline: AsyncOutline | null = null;
  return {
    rule: createOutlineCollector((built) => {
      outline = built;
    }, options),
    take: () => outline,
  };
}

function optionsOf(entry: RuleSetting | undefined): Record<string, unknown> {
  if (!Array.isArray(entry)) return {};
  const options = entry[1];
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
}

function arrayOf(value: unknown, fallback: readonly unknown[]): readonly unknown[] {
  return Array.isArray(value) ? value : fallback;
}

function booleanOf(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}
