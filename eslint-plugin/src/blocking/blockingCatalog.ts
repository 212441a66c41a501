/**
 * The catalog of calls that block the thread, by provenance. One entry per module (or global
 * namespace, module `globalThis`): `names` lists exports, `suffix` matches every export ending with it.
 * `asyncCounterpart` says how to do the same without blocking, when an exact replacement exists.
 */
export interface BlockingCatalogEntry {
  /** Module specifier without `node:` (`fs`, `fs-extra`), or `globalThis` for globals (`Atomics`, `Deno`). */
  readonly module: string;
  /** Leading path inside the module (`["Deno"]` for `Deno.readFileSync`). */
  readonly namespace?: readonly string[];
  readonly names?: readonly string[];
  readonly suffix?: string;
  /** What kind of blocking, for the message's advice. */
  readonly cost: 'io' | 'cpu' | 'process' | 'wait';
  readonly asyncCounterpart?: AsyncCounterpart;
}

/**
 * - `promisesApi`: `fs.readFileSync(a)` → `await fs.promises.readFile(a)` (same arguments, same result);
 *   `exports` lists the names (without `Sync`) whose promise form has the same signature and result.
 * - `promisify`: `crypto.pbkdf2Sync(a)` → `await promisify(crypto.pbkdf2)(a)`.
 * - `sibling`: `Deno.readTextFileSync(a)` → `await Deno.readTextFile(a)`.
 */
export type AsyncCounterpart =
  | { readonly kind: 'promisesApi'; readonly exports: readonly string[] }
  | { readonly kind: 'promisify'; readonly exports: readonly string[] }
  | { readonly kind: 'sibling'; readonly exports: readonly string[] };

/** `fs` functions whose `fs.promises` twin takes the same arguments and resolves to the same value. */
const FS_PROMISE_TWINS = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir',
  'mkdtemp', 'readFile', 'readdir', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink',
  'truncate', 'unlink', 'utimes', 'writeFile',
];

const ZLIB_CALLBACK_TWINS = [
  'brotliCompress', 'brotliDecompress', 'deflate', 'deflateRaw', 'gunzip', 'gzip', 'inflate', 'inflateRaw', 'unzip',
];

const DENO_ASYNC_TWINS = [
  'chmod', 'chown', 'copyFile', 'create', 'link', 'lstat', 'makeTempDir', 'makeTempFile', 'mkdir', 'open',
  'readDir', 'readFile', 'readLink', 'readTextFile', 'realPath', 'remove', 'rename', 'stat', 'symlink', 'truncate',
  'utime', 'writeFile', 'writeTextFile',
];

export const BLOCKING_CATALOG: readonly BlockingCatalogEntry[] = [
  { module: 'fs', suffix: 'Sync', cost: 'io', asyncCounterpart: { kind: 'promisesApi', exports: FS_PROMISE_TWINS } },
  // Drop-in wrappers of `fs` that keep its synchronous functions (and add their own: `copySync`, `outputJsonSync`…).
  { module: 'fs-extra', suffix: 'Sync', cost: 'io' },
  { module: 'fs-extra/esm', suffix: 'Sync', cost: 'io' },
  { module: 'graceful-fs', suffix: 'Sync', cost: 'io' },
  { module: 'jsonfile', suffix: 'Sync', cost: 'io' },
  // mz promisifies Node's modules and passes everything else through, the synchronous functions included.
  { module: 'mz/fs', suffix: 'Sync', cost: 'io' },
  { module: 'mz', namespace: ['fs'], suffix: 'Sync', cost: 'io' },
  { module: 'mz/child_process', names: ['execSync', 'execFileSync', 'spawnSync'], cost: 'process' },
  { module: 'mz', namespace: ['child_process'], names: ['execSync', 'execFileSync', 'spawnSync'], cost: 'process' },
  { module: 'mz/zlib', suffix: 'Sync', cost: 'cpu' },
  { module: 'mz', namespace: ['zlib'], suffix: 'Sync', cost: 'cpu' },
  { module: 'mz/crypto', names: ['pbkdf2Sync', 'scryptSync'], cost: 'cpu' },
  { module: 'mz', namespace: ['crypto'], names: ['pbkdf2Sync', 'scryptSync'], cost: 'cpu' },
  // The synchronous forms of widely used file-system and process helpers.
  { module: 'glob', names: ['sync', 'globSync'], cost: 'io' },
  { module: 'glob', namespace: ['glob'], names: ['sync'], cost: 'io' },
  { module: 'globby', names: ['sync', 'globbySync'], cost: 'io' },
  { module: 'fast-glob', names: ['sync', 'globSync'], cost: 'io' },
  { module: 'rimraf', names: ['sync', 'rimrafSync'], cost: 'io' },
  { module: 'mkdirp', names: ['sync', 'mkdirpSync'], cost: 'io' },
  { module: 'del', names: ['sync', 'deleteSync'], cost: 'io' },
  { module: 'execa', names: ['sync', 'commandSync', 'execaSync', 'execaCommandSync'], cost: 'process' },
  { module: 'cross-spawn', names: ['sync'], cost: 'process' },
  // Password hashing that runs on the calling thread (the async forms run on the thread pool).
  { module: 'bcrypt', names: ['hashSync', 'compareSync', 'genSaltSync'], cost: 'cpu' },
  { module: 'bcryptjs', names: ['hashSync', 'compareSync', 'genSaltSync'], cost: 'cpu' },
  { module: 'child_process', names: ['execSync', 'execFileSync', 'spawnSync'], cost: 'process' },
  { module: 'zlib', suffix: 'Sync', cost: 'cpu', asyncCounterpart: { kind: 'promisify', exports: ZLIB_CALLBACK_TWINS } },
  {
    module: 'crypto',
    // Not `randomFillSync`: its cost grows with the buffer, and the buffers filled in practice (mask pools,
    // nonces, ids) take microseconds.
    names: ['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync', 'checkPrimeSync'],
    cost: 'cpu',
    asyncCounterpart: { kind: 'promisify', exports: ['pbkdf2', 'scrypt', 'generateKeyPair', 'generatePrime', 'checkPrime'] },
  },
  // Reads the operating system's certificate store on the calling thread (seconds on some macOS machines: the
  // @vscode/proxy-agent 0.45 fix); the store's other kinds parse the bundled certificates on first use.
  { module: 'tls', names: ['getCACertificates'], cost: 'io' },
  { module: 'globalThis', namespace: ['Atomics'], names: ['wait'], cost: 'wait' },
  { module: 'globalThis', namespace: ['Deno'], suffix: 'Sync', cost: 'io', asyncCounterpart: { kind: 'sibling', exports: DENO_ASYNC_TWINS } },
  { module: 'globalThis', namespace: ['Bun'], names: ['spawnSync'], cost: 'process' },
  { module: 'globalThis', namespace: ['Bun'], names: ['sleepSync'], cost: 'wait', asyncCounterpart: { kind: 'sibling', exports: ['sleep'] } },
];
