import type { TSESTree } from '@typescript-eslint/utils';

import type { AnyRuleContext } from '../core/ruleContext';
import { isInLazyInitialization } from './lazyInitialization';
import { isInOneShotCode } from './oneShotCode';
import { isInTestCode } from './testCode';
import { isWorkerThreadFile } from './workerThread';

/**
 * Where a piece of code runs, as far as its cost to other work goes:
 * - `test`: test code (a test file, or a callback registered with a test runner);
 * - `one-shot`: a command-line script or start-up code that runs once while nothing else waits, or lazy
 *   initialisation that runs once per cached value (`if (!this.client) { … this.client = … }`);
 * - `worker-thread`: the script of a `Worker` (it takes `parentPort` or `workerData`): it does not run on
 *   the main event loop;
 * - `service`: everything else: request handlers, listeners, timers, library functions whose callers are
 *   unknown. Other work may be waiting on the event loop while it runs.
 */
export type CodeRole = 'test' | 'one-shot' | 'worker-thread' | 'service';

export function getCodeRole(context: AnyRuleContext, node: TSESTree.Node): CodeRole {
  if (isInTestCode(context, node)) return 'test';
  if (isInOneShotCode(context, node) || isInLazyInitialization(context.sourceCode, node)) return 'one-shot';
  if (isWorkerThreadFile(context.sourceCode)) return 'worker-thread';
  return 'service';
}
