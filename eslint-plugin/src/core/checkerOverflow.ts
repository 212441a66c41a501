import type { TSESLint } from '@typescript-eslint/utils';

import type { AnyRuleContext } from './ruleContext';
import { getTypedServices } from './typeInfo';

/**
 * TypeScript's checker recurses without a bound through the declarations a type depends on: asked first
 * about the last of ~3,000 classes that each extend the previous one, it overflows the stack (`tsc` itself
 * crashes on such a file). Loopguard's own walks are bounded (`boundedWalk.ts`), so in a file with type
 * information a stack overflow during a listener can only come from the checker: the listener then stops
 * for that node, as if the checker had no answer, instead of failing the whole lint. Without type
 * information nothing is caught, so an overflow of our own still fails loudly (and the robustness tests).
 */
export function withCheckerOverflowGuard<Listener extends TSESLint.RuleListener>(context: AnyRuleContext, listeners: Listener): Listener {
  if (!getTypedServices(context)) return listeners;
  const guarded: Record<string, unknown> = {};
  for (const [selector, listener] of Object.entries(listeners)) {
    if (typeof listener !== 'function') continue;
    guarded[selector] = (...args: unknown[]): unknown => {
      try {
        return (listener as (...listenerArgs: unknown[]) => unknown)(...args);
      } catch (error) {
        if (isStackOverflow(error)) return undefined;
        throw error;
      }
    };
  }
  return guarded as Listener;
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /maximum call stack size exceeded/i.test(error.message);
}
