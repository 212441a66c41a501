import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';

import { releaseOtherFiles } from './fileCache';

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
      releaseOtherFiles(context.sourceCode);
      return rule.create(stableContext(context), optionsFor(context.options));
    },
  };
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The rule context with one hidden class for every file. ESLint builds each file's rule contexts with
 * `Object.create` on a per-file object that holds the file's `SourceCode`, so every file's contexts get a
 * hidden class of their own whose prototype leads to that file's whole syntax tree. Code optimised while
 * reading such contexts embeds their hidden classes, and V8 keeps hidden classes used by optimised code
 * alive for a few more full collections (`--retain-maps-for-n-gc`): finished files stayed reachable, the
 * old generation grew, and peak memory on the benchmark corpus was 1.3-2.3x the floor's. The rules read
 * this copy instead: the same fields, copied once per rule and file, always the same hidden class.
 */
class FileRuleContext {
  readonly id: string;
  readonly options: readonly unknown[];
  readonly report: AnyRuleContext['report'];
  readonly sourceCode: AnyRuleContext['sourceCode'];
  readonly filename: string;
  readonly physicalFilename: string;
  readonly cwd: string;
  readonly languageOptions: AnyRuleContext['languageOptions'];
  readonly settings: AnyRuleContext['settings'];

  constructor(context: AnyRuleContext) {
    this.id = context.id;
    this.options = context.options;
    this.report = context.report;
    this.sourceCode = context.sourceCode;
    this.filename = context.filename;
    this.physicalFilename = context.physicalFilename;
    this.cwd = context.cwd;
    this.languageOptions = context.languageOptions;
    this.settings = context.settings;
    Object.freeze(this);
  }
}

/** `context` as a `FileRuleContext`: for rules, and for anything else that hands a context to the shared analysis. */
export function stableContext<Context extends AnyRuleContext>(context: Context): Context {
  return new FileRuleContext(context) as unknown as Context;
}
