import { normalizeModuleSpecifier } from '../modules/moduleBindings';

/**
 * What Loopguard knows, without types, about values that must be released: where they come from
 * (a module export, written as in the `resources` option) and how they are given back.
 *
 * Factory syntax (the same for the catalog and for users' `resources` entries):
 * - `"promises.open"`: calling the export `promises.open` of the module gives the resource;
 * - `"new Worker"`: constructing the export `Worker` gives the resource (`new default` = the module itself);
 * - `"Pool#connect"`: calling the method `connect` on a value made by `new Pool(…)` or `Pool(…)` of the module.
 *
 * Dispose syntax: `"close"` is a method of the resource (`h.close()`); `"closeSync(resource)"` is a function of
 * the same module, or for `A#m` factories a method of the same owner, given the resource (`fs.closeSync(fd)`,
 * `pool.release(client)`).
 */
export interface ResourceEntry {
  /** The module as imported, without `node:` (`fs`, `pg`, `mysql2/promise`). `fs/promises` is `fs` + `promises.`. */
  readonly module: string;
  readonly factory: string;
  readonly dispose: readonly string[];
  /** What the resource is, for messages ("file handle", "pooled client"). */
  readonly label: string;
  /** The factory returns a promise of the resource (only an awaited call gives the resource). */
  readonly async: boolean;
  /** The dispose call returns a promise (`await h.close()`). */
  readonly asyncRelease: boolean;
  /** The resource implements `Symbol.asyncDispose` in every supported runtime (so `await using` works). */
  readonly asyncDisposable: boolean;
  /**
   * Report a resource that is never released. False for resources that end by themselves (a socket closed by
   * its peer, a worker whose script finishes, a readline interface whose input ends): for them only a release
   * that an exception can skip is reported.
   */
  readonly checkUnreleased: boolean;
  /** Methods that hand the resource's ownership to their result (`fh.createReadStream()` closes `fh` itself). */
  readonly transfer?: readonly string[];
  /** Methods called right after acquisition that prepare the resource rather than use it (`client.connect()`). */
  readonly setup?: readonly string[];
  /** `for await (… of resource)` releases it (Node's `Dir` closes itself when its iterator ends). */
  readonly releasedByIteration?: boolean;
  /** The resource is a handle (a number) that functions of the same module take as an argument (`fs.readSync(fd)`). */
  readonly handleArgument?: boolean;
  /** A user entry: the factory may return the resource or a promise of it (only an awaited promise is the resource). */
  readonly mayReturnPromise?: boolean;
  /** The factory result must be read through this property (`tarn`: `await pool.acquire().promise`). */
  readonly resultProperty?: string;
}

/** An entry of the rule's `resources` option. */
export interface UserResourceEntry {
  readonly module: string;
  readonly factory: string;
  readonly dispose: string | readonly string[];
  readonly asyncDisposable?: boolean;
}

const FILE_HANDLE_TRANSFERS = ['createReadStream', 'createWriteStream', 'readLines', 'readableWebStream'];
const SOCKET_RELEASES = ['end', 'destroy', 'destroySoon', 'resetAndDestroy'];

/** The built-in catalog: one line per way to obtain a resource. */
export const RESOURCE_CATALOG: readonly ResourceEntry[] = [
  // node:fs
  { module: 'fs', factory: 'promises.open', dispose: ['close'], label: 'file handle', async: true, asyncRelease: true, asyncDisposable: true, checkUnreleased: true, transfer: FILE_HANDLE_TRANSFERS },
  { module: 'fs', factory: 'promises.opendir', dispose: ['close', 'closeSync'], label: 'directory handle', async: true, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, releasedByIteration: true },
  { module: 'fs', factory: 'opendirSync', dispose: ['closeSync', 'close'], label: 'directory handle', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: true, releasedByIteration: true },
  { module: 'fs', factory: 'openSync', dispose: ['closeSync(resource)', 'close(resource)'], label: 'file descriptor', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: true, handleArgument: true },
  { module: 'fs', factory: 'watch', dispose: ['close'], label: 'file watcher', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  // node:readline, node:readline/promises
  { module: 'readline', factory: 'createInterface', dispose: ['close'], label: 'readline interface', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  { module: 'readline', factory: 'promises.createInterface', dispose: ['close'], label: 'readline interface', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  // node:worker_threads, node:net, node:tls
  { module: 'worker_threads', factory: 'new Worker', dispose: ['terminate'], label: 'worker thread', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: false },
  { module: 'net', factory: 'connect', dispose: SOCKET_RELEASES, label: 'socket', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  { module: 'net', factory: 'createConnection', dispose: SOCKET_RELEASES, label: 'socket', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  { module: 'tls', factory: 'connect', dispose: SOCKET_RELEASES, label: 'TLS socket', async: false, asyncRelease: false, asyncDisposable: false, checkUnreleased: false },
  // pg
  { module: 'pg', factory: 'Pool#connect', dispose: ['release'], label: 'pooled client', async: true, asyncRelease: false, asyncDisposable: false, checkUnreleased: true },
  { module: 'pg', factory: 'new Client', dispose: ['end'], label: 'database client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
  // mysql2 (promise API)
  { module: 'mysql2/promise', factory: 'createPool#getConnection', dispose: ['release', 'destroy'], label: 'pooled connection', async: true, asyncRelease: false, asyncDisposable: false, checkUnreleased: true },
  { module: 'mysql2/promise', factory: 'createConnection', dispose: ['end', 'destroy'], label: 'database connection', async: true, asyncRelease: true, asyncDisposable: false, checkUnreleased: true },
  // generic-pool, tarn
  { module: 'generic-pool', factory: 'createPool#acquire', dispose: ['release(resource)', 'destroy(resource)'], label: 'pooled resource', async: true, asyncRelease: true, asyncDisposable: false, checkUnreleased: true },
  { module: 'tarn', factory: 'Pool#acquire', dispose: ['release(resource)'], label: 'pooled resource', async: true, asyncRelease: false, asyncDisposable: false, checkUnreleased: true, resultProperty: 'promise' },
  // mongodb
  { module: 'mongodb', factory: 'MongoClient.connect', dispose: ['close'], label: 'MongoDB client', async: true, asyncRelease: true, asyncDisposable: false, checkUnreleased: true },
  { module: 'mongodb', factory: 'new MongoClient', dispose: ['close'], label: 'MongoDB client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
  // redis, ioredis
  { module: 'redis', factory: 'createClient', dispose: ['quit', 'disconnect', 'close', 'destroy'], label: 'Redis client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
  { module: 'ioredis', factory: 'new default', dispose: ['quit', 'disconnect'], label: 'Redis client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
  { module: 'ioredis', factory: 'new Redis', dispose: ['quit', 'disconnect'], label: 'Redis client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
  { module: 'ioredis', factory: 'new Cluster', dispose: ['quit', 'disconnect'], label: 'Redis cluster client', async: false, asyncRelease: true, asyncDisposable: false, checkUnreleased: true, setup: ['connect'] },
];

/**
 * A user entry as a catalog entry. A user factory may return the resource or a promise of it (an awaited call
 * gives the resource either way); its release is treated as async, which `await` tolerates.
 */
export function toResourceEntry(entry: UserResourceEntry): ResourceEntry {
  const dispose = typeof entry.dispose === 'string' ? [entry.dispose] : [...entry.dispose];
  // `node:fs/promises` + `open` is the same export as `fs` + `promises.open`.
  const { module, path } = normalizeModuleSpecifier(entry.module);
  const factory = entry.factory.trim();
  const isNew = factory.startsWith('new ');
  const body = isNew ? factory.slice(4).trim() : factory;
  const prefixed = path.length > 0 && body !== 'default' ? `${path.join('.')}.${body}` : body;
  return {
    module,
    factory: isNew ? `new ${prefixed}` : prefixed,
    dispose,
    label: 'resource',
    async: false,
    asyncRelease: true,
    asyncDisposable: entry.asyncDisposable === true,
    checkUnreleased: true,
    mayReturnPromise: true,
  };
}
