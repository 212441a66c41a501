import { PROMISE_LIBRARY_STATICS } from './promiseStatics';

/**
 * Widely used npm packages whose functions return a promise, known by provenance (the package a name was
 * imported or required from), so a dropped call is seen without types: where the package is not
 * installed, or in JavaScript, the checker types it `any`. Only functions that return a promise on every
 * call are listed (`got.stream`, `execa.sync`, `globby.sync` are not), and for packages whose functions
 * take either a callback or nothing (`fs-extra`, `mz`), the call that passes a callback is not a promise
 * (`promises/packagePromiseApis.ts` knows those conventions).
 *
 * An export path of `[]` is the module itself called (`require("open")(url)`, `import open from "open"`);
 * `['default']` is the same through an ES module's default export seen from CommonJS.
 *
 * Some names belonged to packages with another API before the promise one (`open` before 6 was another
 * package that returned a child process, `opn` before 4 took a callback, `del` before 2 too): those are
 * known only when the project's `package.json` declares a version of the promise era.
 */
export const CALLED_MODULES: ReadonlyMap<string, number> = new Map([
  ['open', 6], ['opn', 4], // the browser or app opener: rejects when nothing can open the target
  ['execa', 0], // a child process that is also a promise: rejects on a non-zero exit
  ['got', 5], ['node-fetch', 0], ['axios', 0], ['ky', 0], // HTTP requests
  ['del', 2], ['make-dir', 0], ['p-map', 0], ['p-filter', 0], ['p-all', 0], ['p-series', 0], ['p-each-series', 0],
  ['p-retry', 0], ['p-timeout', 0], ['p-props', 0], ['p-reduce', 0], ['p-waterfall', 0], ['p-whilst', 0], ['p-event', 0],
  ['p-wait-for', 0], ['p-any', 0],
  // the `finally`/`any` shims called as functions: `promiseFinally(promise, onFinally)` is `promise.finally(onFinally)`
  ['p-finally', 0], ['promise.prototype.finally', 0], ['promise.any', 0],
  ['q', 0], // `Q(value)`: a Q promise of the value
  ['promise-inflight', 0], // `inflight(key, () => work())`: the promise of the one run of `work` for that key
]);

/** Members of a package that return promises: `axios.get(…)`, `puppeteer.launch()`, `inquirer.prompt(…)`. */
export const PACKAGE_MEMBERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['execa', new Set(['execa', 'execaCommand', 'execaNode', 'command', 'node'])],
  ['got', new Set(['get', 'post', 'put', 'patch', 'delete', 'head'])],
  ['axios', new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'postForm', 'putForm', 'patchForm'])],
  ['ky', new Set(['get', 'post', 'put', 'patch', 'delete', 'head'])],
  ['undici', new Set(['fetch', 'request'])],
  ['del', new Set(['deleteAsync'])],
  ['inquirer', new Set(['prompt'])],
  ['puppeteer', new Set(['launch', 'connect'])],
  ['puppeteer-core', new Set(['launch', 'connect'])],
  // the promise libraries' statics: `BB.resolve(…)`, `BB.map(…)` (`new BB(…)` is `isPromiseLibraryConstructor`)
  ...PROMISE_LIBRARY_STATICS,
]);

/**
 * True when calling export `path` of the npm package `module` returns a promise by {@link CALLED_MODULES} or
 * {@link PACKAGE_MEMBERS} (`[]`: the module called itself; `['get']`: `axios.get`). `declaredMajor` tells which major
 * version of a package the project declares (null when it declares none, or is not known).
 */
export function isCatalogPromiseExport(module: string, path: readonly string[], declaredMajor: (packageName: string) => number | null): boolean {
  if (path.length === 0) {
    const minimum = CALLED_MODULES.get(module);
    if (minimum === undefined) return false;
    if (minimum === 0) return true;
    const declared = declaredMajor(module);
    return declared !== null && declared >= minimum;
  }
  return path.length === 1 && PACKAGE_MEMBERS.get(module)?.has(path[0] as string) === true;
}
