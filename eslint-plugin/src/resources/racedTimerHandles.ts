import type { TSESTree } from '@typescript-eslint/utils';

import type { SourceCode } from '../core/ruleContext';
import { raceHolding } from './settleTimers';
import { isGlobalCall } from './timerCalls';

/**
 * A timer's handle written as a racer of `Promise.race([work, setTimeout(onTimeout, ms)])`: the global `setTimeout`
 * hands back a handle, not a promise, so the race takes it as a value already there and does not wait for the timer,
 * and the handle is kept nowhere: nothing clears the timer when the work is done, and it stays armed for its whole
 * delay once per race, running its callback on work long finished (netlify-lambda 1.4.0's local server raced every
 * invocation against its timeout so; 1.4.1 wraps the timer in a promise and clears it when the race settles). Not for
 * `setTimeout` of `timers/promises` (a promise, and not global).
 */
export interface RacedTimerHandle {
  readonly call: TSESTree.CallExpression;
  /** `setTimeout` or `setInterval`. */
  readonly timer: string;
  readonly race: TSESTree.CallExpression;
}

/** The cheap test of a file's text. */
export function mayRaceTimerHandles(text: string): boolean {
  return text.includes('.race(') && /\bset(?:Timeout|Interval)\(/.test(text);
}

export function findRacedTimerHandle(sourceCode: SourceCode, call: TSESTree.CallExpression): RacedTimerHandle | null {
  const timer = isGlobalCall(sourceCode, call, 'setTimeout') ? 'setTimeout' : isGlobalCall(sourceCode, call, 'setInterval') ? 'setInterval' : null;
  if (!timer) return null;
  const race = raceHolding(sourceCode, call);
  return race ? { call, timer, race } : null;
}
