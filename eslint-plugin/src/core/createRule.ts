import type { TSESLint } from '@typescript-eslint/utils';

import { withCheckerOverflowGuard } from './checkerOverflow';
import { contextForFile } from './fileRuleContext';
import { ruleDocsUrl } from './ruleDocsUrl';
import { BoundedWalk } from './boundedWalk';

export { ruleDocsUrl } from './ruleDocsUrl';

/** Extra `meta.docs` fields every Loopguard rule declares. */
export interface LoopguardDocs {
  /** The rule is part of `configs.recommended` (and so of `configs.strict`). */
  recommended?: boolean;
  /** The rule is part of `configs.strict` only (when `recommended` is not set). */
  strict?: boolean;
  /** The rule needs type information to run at all. Loopguard rules never do: they get sharper with it. */
  requiresTypeChecking?: boolean;
}

/** A rule as written in `rules/<id>.ts`: typescript-eslint's rule shape, with its name and without a docs URL. */
export interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: TSESLint.RuleMetaData<MessageIds, LoopguardDocs, Options> & { defaultOptions?: Options };
  /** @deprecated Use `meta.defaultOptions`. */
  defaultOptions?: Options;
  create(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Readonly<Options>): TSESLint.RuleListener;
}

/**
 * A rule with its docs URL and its default options merged into the configured ones (objects merged
 * deeply, as typescript-eslint's `RuleCreator` does), once per configuration instead of once per file and
 * rule (typescript-eslint deep-clones them on every `create`: measurable on a large code base). The merged
 * options are shared between files, so rules must not mutate them (none does). Built without
 * `@typescript-eslint/utils` at run time: see `astUtils.ts`.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<RuleDefinition<Options, MessageIds>>,
): TSESLint.RuleModule<MessageIds, Options, LoopguardDocs> & { name: string } {
  const defaults = rule.meta.defaultOptions ?? rule.defaultOptions ?? ([] as unknown as Options);
  // ESLint hands each file a fresh options array (it slices the configured entry), but the option objects in
  // it are the configuration's own: remember the merge by those elements.
  const merged: { elements: readonly unknown[]; options: Readonly<Options> }[] = [];
  const optionsFor = (userOptions: readonly unknown[]): Readonly<Options> => {
    const known = merged.find(({ elements }) => elements.length === userOptions.length && elements.every((element, index) => element === userOptions[index]));
    if (known) return known.options;
    const options = withDefaults(defaults, userOptions) as unknown as Readonly<Options>;
    if (merged.length >= 8) merged.shift();
    merged.push({ elements: [...userOptions], options });
    return options;
  };
  return {
    name: rule.name,
    meta: { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(rule.name) } } as TSESLint.RuleMetaData<MessageIds, LoopguardDocs, Options>,
    defaultOptions: defaults,
    create: (context) => {
      const fileContext = contextForFile(context);
      return withCheckerOverflowGuard(fileContext, rule.create(fileContext, optionsFor(fileContext.options)));
    },
  };
}

/** Each configured option over its default: plain objects merged key by key (deeply), anything else replaced. */
function withDefaults(defaults: readonly unknown[], configured: readonly unknown[]): unknown[] {
  return defaults.map((fallback, index) => (configured[index] === undefined ? fallback : mergeOption(fallback, configured[index])));
}

/** Defaults nest a few levels at most; a configured value that nests deeper (or refers to itself) is kept as given. */
const OPTION_LIMITS = { maxDepth: 32 };

function mergeOption(fallback: unknown, configured: unknown, walk = new BoundedWalk(OPTION_LIMITS)): unknown {
  return walk.enter(configured, configured, () => {
    if (!isPlainObject(fallback) || !isPlainObject(configured)) return configured;
    const merged: Record<string, unknown> = { ...fallback };
    for (const [key, value] of Object.entries(configured)) merged[key] = key in fallback ? mergeOption(fallback[key], value, walk) : value;
    return merged;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
