import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

import { contextForFile } from './fileRuleContext';

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
  // ESLint hands each file a fresh options array (it slices the configured entry), but the option objects in
  // it are the configuration's own: remember the merge by those elements.
  const merged: { elements: readonly unknown[]; options: Readonly<Options> }[] = [];
  const optionsFor = (userOptions: readonly unknown[]): Readonly<Options> => {
    const known = merged.find(({ elements }) => elements.length === userOptions.length && elements.every((element, index) => element === userOptions[index]));
    if (known) return known.options;
    const options = ESLintUtils.applyDefault(defaults, userOptions as Options) as Readonly<Options>;
    if (merged.length >= 8) merged.shift();
    merged.push({ elements: [...userOptions], options });
    return options;
  };
  return {
    ...created,
    create: (context) => {
      const fileContext = contextForFile(context);
      return rule.create(fileContext, optionsFor(fileContext.options));
    },
  };
}
