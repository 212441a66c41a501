import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every Loopguard rule declares. */
export interface LoopguardDocs {
  /** The rule is part of `configs.recommended` (and so of `configs.strict`). */
  recommended?: boolean;
  /** The rule is part of `configs.strict` only (when `recommended` is not set). */
  strict?: boolean;
  /** The rule needs type information to run at all. Loopguard rules never do: they get sharper with it. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE_URL = 'https://github.com/loopguard/loopguard/blob/main/eslint-plugin/docs/rules/';

export function ruleDocsUrl(name: string): string {
  return `${DOCS_BASE_URL}${name}.md`;
}

const createNamedRule = ESLintUtils.RuleCreator<LoopguardDocs>(ruleDocsUrl);

/**
 * `ESLintUtils.RuleCreator`, with the defaults merged into the options once per configuration instead of
 * once per file and rule (typescript-eslint deep-clones them on every `create`: measurable on a large
 * code base). The merged options are shared between files, so rules must not mutate them (none does).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, LoopguardDocs>>,
): TSESLint.RuleModule<MessageIds, Options, LoopguardDocs> & { name: string } {
  const created = createNamedRule(rule);
  const defaults = rule.meta.defaultOptions ?? rule.defaultOptions ?? ([] as unknown as Options);
  const merged = new WeakMap<readonly unknown[], Readonly<Options>>();
  let withoutUserOptions: Readonly<Options> | null = null;
  const merge = (userOptions: readonly unknown[]): Readonly<Options> => ESLintUtils.applyDefault(defaults, userOptions as Options) as Readonly<Options>;
  const optionsFor = (userOptions: readonly unknown[]): Readonly<Options> => {
    if (userOptions.length === 0) return (withoutUserOptions ??= merge(userOptions));
    const known = merged.get(userOptions);
    if (known) return known;
    const options = merge(userOptions);
    merged.set(userOptions, options);
    return options;
  };
  return { ...created, create: (context) => rule.create(context, optionsFor(context.options)) };
}
