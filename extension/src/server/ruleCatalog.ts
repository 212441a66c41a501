import type { RuleSetting } from '../shared/settings';

export const RULE_PREFIX = 'loopguard/';

/**
 * What the main thread knows about the bundled rules without loading them: the lint workers load
 * eslint-plugin-loopguard (and with it ESLint and TypeScript) and send this in their `ready`
 * message, so the thread that speaks LSP stays small and starts fast.
 */
export interface RuleCatalog {
  version: string;
  /** Rule ids without the `loopguard/` prefix. */
  ruleIds: string[];
  /** Rule id (without prefix) → documentation URL. */
  docsUrls: Record<string, string>;
  /** The recommended preset as rule id (without prefix) → entry. */
  recommended: Record<string, RuleSetting>;
}

let current: RuleCatalog | undefined;

/** Set once per thread: by the worker from the plugin, by the main thread from a worker's `ready`. */
export function setRuleCatalog(catalog: RuleCatalog): void {
  current = catalog;
}

export function ruleDocsUrl(ruleId: string): string | undefined {
  const id = ruleId.startsWith(RULE_PREFIX) ? ruleId.slice(RULE_PREFIX.length) : ruleId;
  return current?.docsUrls[id];
}
