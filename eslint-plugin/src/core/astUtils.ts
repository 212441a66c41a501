import * as eslintUtils from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The two helpers of `@eslint-community/eslint-utils` the rules use, typed for typescript-eslint's trees.
 * `@typescript-eslint/utils` re-exports the same functions, but depending on it at run time would make
 * npm install TypeScript (its required peer) into every JavaScript-only project: the plugin keeps
 * `@typescript-eslint/utils` for its types only.
 */
export const ASTUtils = {
  /** The variable `nameOrNode` refers to, looked up from `initialScope` outwards, or null. */
  findVariable(initialScope: TSESLint.Scope.Scope, nameOrNode: string | TSESTree.Identifier): TSESLint.Scope.Variable | null {
    return eslintUtils.findVariable(initialScope as never, nameOrNode as never) as TSESLint.Scope.Variable | null;
  },
  /** Whether `node` is wrapped in parentheses of its own (not those of a call or an `if`). */
  isParenthesized(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
    return eslintUtils.isParenthesized(node as never, sourceCode as never);
  },
};
