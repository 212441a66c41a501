import { ESLintUtils } from '@typescript-eslint/utils';

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

export const createRule = ESLintUtils.RuleCreator<LoopguardDocs>(ruleDocsUrl);
