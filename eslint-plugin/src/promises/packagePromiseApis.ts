import { exportPath, type ModuleReference } from '../modules/moduleBindings';
import { PACKAGE_MEMBERS, isCatalogPromiseExport } from '../core/packagePromiseCatalog';
import { PROMISE_LIBRARY_STATICS, PROMISE_LIBRARY_WRAPPERS } from '../core/promiseStatics';

/**
 * The VS Code API's functions that change something and return a thenable that rejects when they fail (a real
 * promise at run time): a dropped one loses the failure, and the code after it runs before the change is made.
 * Notifications, pickers and `executeCommand` are not listed: extensions leave them running on purpose.
 */
const VSCODE_FUNCTIONS: ReadonlySet<string> = new Set([
  'workspace.applyEdit', 'workspace.saveAll', 'workspace.fs.writeFile', 'workspace.fs.delete', 'workspace.fs.rename',
  'workspace.fs.copy', 'workspace.fs.createDirectory', 'env.clipboard.writeText',
]);

/** playwright's browser types: `chromium.launch()` (also `require("playwright").chromium.launch()`). */
const PLAYWRIGHT_MODULES: ReadonlySet<string> = new Set(['playwright', 'playwright-core', '@playwright/test']);
const PLAYWRIGHT_BROWSERS: ReadonlySet<string> = new Set(['chromium', 'firefox', 'webkit']);
const PLAYWRIGHT_LAUNCHERS: ReadonlySet<string> = new Set(['launch', 'launchPersistentContext', 'connect', 'connectOverCDP']);

/**
 * Packages that give Node's `fs` (and for `mz`, other core modules) a second calling convention: called
 * with a callback as the last argument they call it; called without one they return a promise.
 */
const FS_LIKE_FUNCTIONS: readonly string[] = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'fchmod', 'fchown', 'fdatasync', 'fstat', 'fsync',
  'ftruncate', 'futimes', 'lchmod', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open', 'opendir',
  'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'symlink', 'truncate', 'unlink',
  'utimes', 'writeFile',
];
/** fs-extra's own functions (each with its aliases), besides the `fs` functions it wraps. */
const FS_EXTRA_FUNCTIONS: ReadonlySet<string> = new Set([
  ...FS_LIKE_FUNCTIONS,
  'copy', 'emptyDir', 'emptydir', 'ensureFile', 'createFile', 'ensureLink', 'createLink', 'ensureSymlink',
  'createSymlink', 'ensureDir', 'mkdirs', 'mkdirp', 'move', 'outputFile', 'outputJson', 'outputJSON', 'pathExists',
  'readJson', 'readJSON', 'remove', 'writeJson', 'writeJSON',
]);
const CALLBACK_CONVENTION_MEMBERS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['fs-extra', FS_EXTRA_FUNCTIONS],
  ['fs-extra/esm', FS_EXTRA_FUNCTIONS],
  ['mz/fs', new Set(FS_LIKE_FUNCTIONS)],
  ['mz/child_process', new Set(['exec', 'execFile'])],
]);

/**
 * Namespaced APIs with the same callback-or-promise convention, by module and namespace path: cloudinary's v2
 * `uploader` and admin `api` (`cloudinary.v2.uploader.destroy(id)` returns a promise that rejects when the
 * request fails; with a callback last, the callback is told).
 */
const NAMESPACED_CALLBACK_CONVENTION_MEMBERS: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> = new Map([
  [
    'cloudinary',
    new Map([
      [
        'v2.uploader',
        new Set([
          'upload', 'upload_large', 'destroy', 'rename', 'explicit', 'explode', 'add_tag', 'remove_tag', 'replace_tag',
          'remove_all_tags', 'add_context', 'remove_all_context', 'text', 'generate_sprite', 'multi', 'create_archive',
          'create_zip', 'update_metadata',
        ]),
      ],
      [
        'v2.api',
        new Set([
          'ping', 'usage', 'resources', 'resources_by_tag', 'resources_by_ids', 'resource', 'update', 'restore',
          'delete_resources', 'delete_resources_by_prefix', 'delete_resources_by_tag', 'delete_all_resources',
          'delete_derived_resources', 'tags', 'create_folder', 'delete_folder', 'sub_folders', 'root_folders',
          'create_upload_preset', 'update_upload_preset', 'delete_upload_preset',
        ]),
      ],
    ]),
  ],
]);

/**
 * Functions of a package's objects that return a promise from a major version on, when the project's `package.json`
 * declares that version: prom-client 13 made its registry's readers async (`register.metrics()`), and a handler
 * written for 12 then serves `[object Promise]` (zone-mta 2.4.3 awaited it).
 */
const VERSIONED_NAMESPACED_MEMBERS: ReadonlyMap<string, { readonly since: number; readonly namespaces: ReadonlyMap<string, ReadonlySet<string>> }> = new Map([
  ['prom-client', { since: 13, namespaces: new Map([['register', new Set(['metrics', 'getMetricsAsJSON', 'getSingleMetricAsString'])]]) }],
]);

/** Every last name of an export above, for the cheap name check before provenance is resolved. */
export const PACKAGE_PROMISE_EXPORT_NAMES: ReadonlySet<string> = new Set([
  ...[...PACKAGE_MEMBERS.values()].flatMap((names) => [...names]),
  ...[...CALLBACK_CONVENTION_MEMBERS.values()].flatMap((names) => [...names]),
  ...[...NAMESPACED_CALLBACK_CONVENTION_MEMBERS.values()].flatMap((namespaces) => [...namespaces.values()].flatMap((names) => [...names])),
  ...PLAYWRIGHT_LAUNCHERS,
  ...[...VSCODE_FUNCTIONS].map((path) => path.slice(path.lastIndexOf('.') + 1)),
  ...[...VERSIONED_NAMESPACED_MEMBERS.values()].flatMap(({ namespaces }) => [...namespaces.values()].flatMap((names) => [...names])),
  'default',
]);

/**
 * True when calling `reference` (an export of an npm package) returns a promise. `declaredMajor` tells which
 * major version of a package the project declares (null when it declares none).
 */
export function isPackagePromiseExport(reference: ModuleReference, declaredMajor: (packageName: string) => number | null): boolean {
  const { module } = reference;
  const path = exportPath(reference);
  if (isCatalogPromiseExport(module, path, declaredMajor)) return true;
  if (path.length === 1) return CALLBACK_CONVENTION_MEMBERS.get(module)?.has(path[0] as string) === true;
  if (path.length === 2 && PLAYWRIGHT_MODULES.has(module)) {
    return PLAYWRIGHT_BROWSERS.has(path[0] as string) && PLAYWRIGHT_LAUNCHERS.has(path[1] as string);
  }
  if (isNamespacedCallbackConventionMember(module, path)) return true;
  if (isVersionedNamespacedMember(module, path, declaredMajor)) return true;
  return module === 'vscode' && VSCODE_FUNCTIONS.has(path.join('.'));
}

/** `promClient.register.metrics`: a function of {@link VERSIONED_NAMESPACED_MEMBERS}, in a project that declares its promise era. */
function isVersionedNamespacedMember(module: string, path: readonly string[], declaredMajor: (packageName: string) => number | null): boolean {
  const entry = VERSIONED_NAMESPACED_MEMBERS.get(module);
  if (!entry || path.length < 2 || entry.namespaces.get(path.slice(0, -1).join('.'))?.has(path.at(-1) as string) !== true) return false;
  const declared = declaredMajor(module);
  return declared !== null && declared >= entry.since;
}

/** `cloudinary.v2.uploader.destroy`: a function of a namespace listed in {@link NAMESPACED_CALLBACK_CONVENTION_MEMBERS}. */
function isNamespacedCallbackConventionMember(module: string, path: readonly string[]): boolean {
  const namespaces = NAMESPACED_CALLBACK_CONVENTION_MEMBERS.get(module);
  if (!namespaces || path.length < 2) return false;
  return namespaces.get(path.slice(0, -1).join('.'))?.has(path.at(-1) as string) === true;
}

/**
 * True when `reference` is a function of a package with the callback-or-promise convention (`fs-extra`,
 * `mz/fs`, cloudinary's v2 uploader): a call that passes a callback last gets no promise back.
 */
export function isCallbackConventionPackage(reference: ModuleReference | null): boolean {
  if (reference === null) return false;
  const path = exportPath(reference);
  if (isNamespacedCallbackConventionMember(reference.module, path)) return true;
  return path.length === 1 && CALLBACK_CONVENTION_MEMBERS.get(reference.module)?.has(path[0] as string) === true;
}

/** A promise library's constructor: `new BB(…)` for `const BB = require('bluebird')` (also its `Promise` export). */
export function isPromiseLibraryConstructor(reference: ModuleReference | null): boolean {
  return reference !== null && PROMISE_LIBRARY_STATICS.has(reference.module) && isConstructorPath(exportPath(reference));
}

/** A promise library's static `name` on its constructor: `BB.resolve(…)` for `name` `resolve` (also `BB.Promise.resolve`). */
export function isPromiseLibraryStatic(reference: ModuleReference | null, name: string): boolean {
  if (reference === null || !PROMISE_LIBRARY_STATICS.has(reference.module)) return false;
  const path = exportPath(reference);
  return path.at(-1) === name && isConstructorPath(path.slice(0, -1));
}

/** The library module itself, or its `Promise` export. */
function isConstructorPath(path: readonly string[]): boolean {
  return path.length === 0 || (path.length === 1 && path[0] === 'Promise');
}

/** A promise library's function wrappers, whose results return its promises: `BB.promisify(fn)`, `BB.method(fn)`. */
export function isPromiseLibraryWrapper(reference: ModuleReference | null): boolean {
  if (reference === null || !PROMISE_LIBRARY_STATICS.has(reference.module)) return false;
  const path = exportPath(reference);
  return path.length === 1 && PROMISE_LIBRARY_WRAPPERS.has(path[0] as string);
}
