/**
 * The names of the calls that add listeners to an emitter or an event target and take them off again, shared by every
 * listener analysis.
 */

/** The lasting adds of an event emitter by event name (`once` is not among them). */
export const LASTING_EMITTER_ADD_METHODS: ReadonlySet<string> = new Set(['on', 'addListener', 'prependListener']);
/** The methods that take an event's listeners off an emitter (`off`, `removeListener`, `removeAllListeners`). */
export const EVENT_REMOVE_METHODS: ReadonlySet<string> = new Set(['off', 'removeListener', 'removeAllListeners']);
/** The calls that take a listener off an emitter or an event target. */
export const LISTENER_REMOVE_METHODS: ReadonlySet<string> = new Set([...EVENT_REMOVE_METHODS, 'removeEventListener']);
/** The calls that add a listener to an event emitter by event name, once or for good. */
export const EMITTER_ADD_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** The calls that add a listener to an emitter or an event target that stays until it is taken off (`once` removes itself). */
export const LISTENER_ADD_METHODS: ReadonlySet<string> = new Set([...LASTING_EMITTER_ADD_METHODS, 'addEventListener']);
