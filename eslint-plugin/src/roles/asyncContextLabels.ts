import type { AsyncContextKind } from './asyncContext';

/** How a message names the place a node runs in ("inside an async function"). */
export const ASYNC_CONTEXT_LABELS: Readonly<Record<AsyncContextKind, string>> = {
  'async-function': 'an async function',
  'promise-callback': 'a promise callback',
  'timer-callback': 'a timer callback',
  microtask: 'a microtask',
  'io-callback': 'the callback of an I/O call',
  'event-listener': 'an event listener',
  'request-handler': 'a request handler',
  'plugin-hook': 'a bundler plugin hook',
};
