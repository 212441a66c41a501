import { AST_NODE_TYPES as PACKAGE_NODE_TYPES } from '@typescript-eslint/types';

/**
 * `AST_NODE_TYPES`, read once. `@typescript-eslint/types` re-exports it through property getters,
 * and compiled code reads it on every `node.type === AST_NODE_TYPES.X`: in the rules' hottest paths that
 * added a measurable share of the rules' time on the benchmark corpus.
 */
export const AST_NODE_TYPES = PACKAGE_NODE_TYPES;
export type AST_NODE_TYPES = PACKAGE_NODE_TYPES;
