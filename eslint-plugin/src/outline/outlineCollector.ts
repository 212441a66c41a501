import type { TSESLint } from '@typescript-eslint/utils';

import { contextForFile } from '../core/fileRuleContext';
import { buildAsyncOutline, DEFAULT_OUTLINE_OPTIONS, type OutlineOptions } from './buildOutline';
import type { AsyncOutline } from './types';

/**
 * An ESLint rule that builds the async outline in the same lint pass as the Loopguard rules (same parse,
 * same scope analysis, same type information) and hands it to `onOutline`. Create one per lint request:
 * the callback is the only state, so nothing is shared between files.
 */
export function createOutlineCollector(
  onOutline: (outline: AsyncOutline) => void,
  options: OutlineOptions = DEFAULT_OUTLINE_OPTIONS,
): TSESLint.RuleModule<never, []> {
  return {
    meta: { type: 'problem', messages: {}, schema: [] },
    defaultOptions: [],
    create(eslintContext) {
      const context = contextForFile(eslintContext);
      return {
        'Program:exit'() {
          onOutline(buildAsyncOutline(context, options));
        },
      };
    },
  };
}
