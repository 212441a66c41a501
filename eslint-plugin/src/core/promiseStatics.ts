/** The static methods of the global `Promise` that combine promises into one (`Promise.all([…])`). */
export const PROMISE_COMBINATORS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race']);

/** The static methods of the global `Promise` that return a promise (`Promise.all(…)`, `Promise.resolve(…)`…). */
export const PROMISE_STATICS: ReadonlySet<string> = new Set(['all', 'allSettled', 'any', 'race', 'resolve', 'reject', 'try']);

/**
 * Promise libraries whose module is a promise constructor (`const Promise = require('bluebird')`, `new BB(…)`), and
 * the statics of each that return one of its promises: Bluebird's collection helpers (`BB.map`, `BB.each`…), timers
 * and callback adapters besides the standard ones. Its promises reject like native ones (Node reports an unhandled
 * one as `unhandledRejection`).
 */
export const PROMISE_LIBRARY_STATICS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'bluebird',
    new Set([
      ...PROMISE_STATICS,
      'attempt', 'props', 'map', 'mapSeries', 'each', 'filter', 'reduce', 'some', 'join', 'delay', 'fromCallback',
      'fromNode', 'settle', 'using',
    ]),
  ],
  // Q (`Q.reject(…)`, `Q.all(…)`, `Q.nfcall(fs.readFile, …)`); `Q(value)` itself is in the called modules
  ['q', new Set([...PROMISE_STATICS, 'when', 'delay', 'fcall', 'nfcall', 'nfapply', 'ninvoke', 'npost', 'timeout'])],
  // polyfills and small implementations of the standard constructor
  ['promise', new Set([...PROMISE_STATICS, 'denodeify'])],
  ['es6-promise', PROMISE_STATICS],
  ['pinkie-promise', PROMISE_STATICS],
  ['lie', PROMISE_STATICS],
  ['any-promise', PROMISE_STATICS],
  ['native-promise-only', PROMISE_STATICS],
]);

/** The statics of a promise library that make a function whose calls return its promises (`BB.promisify(fn)`, `Q.denodeify(fn)`). */
export const PROMISE_LIBRARY_WRAPPERS: ReadonlySet<string> = new Set(['promisify', 'method', 'denodeify', 'nfbind', 'fbind']);
