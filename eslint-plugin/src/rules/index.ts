import type { TSESLint } from '@typescript-eslint/utils';

import noBlockingInAsync from './no-blocking-in-async';
import noFloatingPromises from './no-floating-promises';
import noMisusedAsyncCallback from './no-misused-async-callback';
import noRaceAcrossAwait from './no-race-across-await';
import noUnboundedConcurrency from './no-unbounded-concurrency';
import preferConcurrentAwaits from './prefer-concurrent-awaits';
import requireAsyncDispose from './require-async-dispose';
import returnAwaitInTry from './return-await-in-try';

/**
 * Every rule of the plugin, keyed by its id. The file of each rule is named after its id
 * (a meta-test checks this), and the configs are computed from each rule's `meta.docs`.
 */
export const rules = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-floating-promises': noFloatingPromises,
  'no-misused-async-callback': noMisusedAsyncCallback,
  'no-race-across-await': noRaceAcrossAwait,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'prefer-concurrent-awaits': preferConcurrentAwaits,
  'require-async-dispose': requireAsyncDispose,
  'return-await-in-try': returnAwaitInTry,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

export type RuleId = keyof typeof rules;
