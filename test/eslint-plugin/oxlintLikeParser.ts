import * as parser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

type Node = { type: string; directive?: unknown; [key: string]: unknown };

/**
 * typescript-eslint's parser, with every ordinary expression statement marked `directive: null` as oxlint's
 * JS plugin host marks it (typescript-eslint leaves `undefined`, espree leaves the property out). Rules
 * must tell a directive by its string, not by the property being there.
 */
export const oxlintLikeParser: Linter.Parser = {
  meta: { name: 'oxlint-like-directives' },
  parseForESLint(code: string, options?: Record<string, unknown>) {
    const result = parser.parseForESLint(code, options as parser.ParserOptions);
    const keys = result.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [result.ast as unknown as Node];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'ExpressionStatement' && typeof node.directive !== 'string') node.directive = null;
      for (const key of keys[node.type] ?? []) {
        const child = node[key];
        for (const item of Array.isArray(child) ? child : [child]) {
          if (item && typeof item === 'object' && typeof (item as Node).type === 'string') stack.push(item as Node);
        }
      }
    }
    return result as unknown as Linter.ESLintParseResult;
  },
};
