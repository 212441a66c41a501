/** The static methods of the global `Promise` that return a promise (`Promise.all(…)`, `Promise.resolve(…)`…). */
export const PROMISE_STATICS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'try']);
