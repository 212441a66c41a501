import type { TSESTree } from '@typescript-eslint/utils';

/** How the analysis should recognise releases of one value. */
export interface ReleaseSpec {
  readonly releaseMethods: ReadonlySet<string>;
  /** Functions of this module, or methods of `owner`, that release the value given to them. */
  readonly releaseFunctions: ReadonlySet<string>;
  readonly module: string | null;
  /** The expression the factory method was called on (`pool` in `pool.acquire()`), for owner releases. */
  readonly owner: TSESTree.Node | null;
  readonly transfer: readonly string[];
  readonly setup: readonly string[];
  readonly releasedByIteration: boolean;
  readonly handleArgument: boolean;
  /** Synchronous calls between acquisition and release count as "can throw" (false: only `await`/`return`/…). */
  readonly syncCallsCanThrow: boolean;
  /**
   * Passing the value to a call lends it (`await scrape(browser)`), rather than handing it over: true where the
   * function shows it keeps ownership by releasing the value itself afterwards.
   */
  readonly argumentsBorrow?: boolean;
  /** An `await` of what cannot reject (`Promise.resolve(x)`, an async function of the file that catches everything) is no risk. */
  readonly awaitsMayNotReject?: boolean;
}

/**
 * A spec for a value no catalog entry describes: no module, owner, transfers, setup or handle, released by none of the
 * names unless given; `parts` says the rest.
 */
export function uncataloguedSpec(parts: Partial<ReleaseSpec> & Pick<ReleaseSpec, 'syncCallsCanThrow'>): ReleaseSpec {
  return {
    releaseMethods: new Set(),
    releaseFunctions: new Set(),
    module: null,
    owner: null,
    transfer: [],
    setup: [],
    releasedByIteration: false,
    handleArgument: false,
    ...parts,
  };
}

/** Method names that release a value whose only description is its type (`[Symbol.asyncDispose]` delegates to one). */
export const GENERIC_RELEASE_METHODS: ReadonlySet<string> = new Set([
  'close', 'dispose', 'release', 'end', 'destroy', 'terminate', 'quit', 'disconnect', 'abort', 'cancel', 'shutdown', 'stop', 'free',
]);

/** Methods that prepare a resource or listen to it (`socket.on('error', …)`, `s.setEncoding('utf8')`): neither a use that hands it on nor a risk. */
export const LISTENER_SETUP: readonly string[] = ['on', 'once', 'addListener', 'prependListener', 'setMaxListeners', 'setEncoding', 'setKeepAlive', 'setNoDelay', 'setTimeout'];
