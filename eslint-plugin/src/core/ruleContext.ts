import type { TSESLint } from '@typescript-eslint/utils';

/** The context of any rule, whatever its options and messages: what the shared analysis is given. */
export type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The source code of the file being linted. */
export type SourceCode = Readonly<TSESLint.SourceCode>;
