import type { TSESTree } from '@typescript-eslint/utils';

import { getCalleeMember, getStaticPropertyName } from '../core/ast';
import type { SourceCode } from '../core/ruleContext';
import { getFileDirectory } from '../modules/crossFile';
import { declaredMajorVersion } from '../modules/declaredDependencies';
import type { ModuleReference } from '../modules/moduleBindings';
import { GLOBAL_MODULE, isGlobalName } from '../modules/moduleBindings';
import { isPromiseAssertion } from '../roles/testCode';
import { isPackagePromiseExport, isPromiseLibraryWrapper, PACKAGE_PROMISE_EXPORT_NAMES } from './packagePromiseApis';
import { PROMISE_COMBINATORS, PROMISE_STATICS } from '../core/promiseStatics';

/** The methods a promise is chained with: `p.then(…)`, `p.catch(…)`, `p.finally(…)`. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * Functions of Node's promise APIs whose call returns a promise, by module and export path.
 * Only calls that return a promise are listed: `fs.promises.watch` (async iterator),
 * `timers/promises.setInterval` (async iterator) and `dns.promises.getServers` (array) are not.
 */
const FS_PROMISE_FUNCTIONS: ReadonlySet<string> = new Set([
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchmod', 'lchown', 'link', 'lstat', 'lutimes', 'mkdir',
  'mkdtemp', 'mkdtempDisposable', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm',
  'rmdir', 'stat', 'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
]);

const DNS_PROMISE_FUNCTIONS: ReadonlySet<string> = new Set([
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTlsa', 'resolveTxt', 'reverse',
]);

/** Methods of a fetch `Response` (and `Request`/`Blob` bodies) that return a promise. */
export const RESPONSE_BODY_METHODS: ReadonlySet<string> = new Set([
  'json', 'text', 'arrayBuffer', 'blob', 'formData', 'bytes',
]);

/** Methods of a `readline/promises` Interface that return a promise. */
export const READLINE_PROMISE_METHODS: ReadonlySet<string> = new Set(['question']);

/** Methods of an `fs.promises` FileHandle that return a promise. */
export const FILE_HANDLE_PROMISE_METHODS: ReadonlySet<string> = new Set([
  'appendFile', 'chmod', 'chown', 'close', 'datasync', 'read', 'readFile', 'readv', 'stat', 'sync', 'truncate', 'utimes',
  'write', 'writeFile', 'writev',
]);

/**
 * True when calling the export `reference` returns a promise (a Node promise API, `fetch`, `Promise.all`…,
 * or a promise API of a widely used package: `packagePromiseApis.ts`).
 */
export function isPromiseReturningExport(reference: ModuleReference | null, sourceCode?: SourceCode): boolean {
  if (!reference) return false;
  const { module, path } = reference;
  const [first, second] = path;
  if (module === GLOBAL_MODULE) {
    if (path.length === 1 && first === 'fetch') return true;
    if (path.length === 2 && first === 'Promise' && second !== undefined && PROMISE_STATICS.has(second)) return true;
    return false;
  }
  if (module === 'test') return isNodeTestFunction(reference);
  if (module === 'assert' || module === 'assert/strict') return isPromiseAssertion(reference);
  if (isPackagePromiseExport(reference, (name) => declaredMajorVersion(sourceCode ? getFileDirectory(sourceCode) : null, name))) return true;
  if (path.length !== 2 || first !== 'promises' || second === undefined) {
    return module === 'timers' && path.length === 3 && first === 'promises' && path[1] === 'scheduler' &&
      (path[2] === 'wait' || path[2] === 'yield');
  }
  switch (module) {
    case 'fs':
      return FS_PROMISE_FUNCTIONS.has(second);
    case 'dns':
      return DNS_PROMISE_FUNCTIONS.has(second);
    case 'timers':
      return second === 'setTimeout' || second === 'setImmediate';
    case 'stream':
      return second === 'pipeline' || second === 'finished';
    default:
      return false;
  }
}

/** `util.promisify` (also `require("util").promisify`, `import { promisify } from "node:util"`), and a promise library's `promisify`/`method`. */
export function isPromisify(reference: ModuleReference | null): boolean {
  return (reference !== null && reference.module === 'util' && reference.path.length === 1 && reference.path[0] === 'promisify') || isPromiseLibraryWrapper(reference);
}

/** `readline/promises`'s `createInterface`. */
export function isPromiseReadlineFactory(reference: ModuleReference | null): boolean {
  return reference !== null && reference.module === 'readline' && reference.path.length === 2 &&
    reference.path[0] === 'promises' && reference.path[1] === 'createInterface';
}

/** `fs.promises.open` (resolves to a FileHandle). */
export function isFileHandleFactory(reference: ModuleReference | null): boolean {
  return reference !== null && reference.module === 'fs' && reference.path.length === 2 &&
    reference.path[0] === 'promises' && reference.path[1] === 'open';
}

/** Node's test runner functions, whose returned promises are safe to leave floating. */
export function isNodeTestFunction(reference: ModuleReference | null): boolean {
  if (!reference || reference.module !== 'test') return false;
  const [first, second] = reference.path;
  if (reference.path.length === 0) return true; // `test(...)` via the default export
  if (reference.path.length === 1) return first === 'describe' || first === 'it' || first === 'test' || first === 'suite';
  return reference.path.length === 2 && (first === 'describe' || first === 'it' || first === 'test' || first === 'suite') &&
    (second === 'skip' || second === 'only' || second === 'todo');
}

/** Cheap pre-check before resolving provenance: can an export with this last name return a promise? */
export function couldBePromiseExportName(name: string): boolean {
  return (
    FS_PROMISE_FUNCTIONS.has(name) ||
    PACKAGE_PROMISE_EXPORT_NAMES.has(name) ||
    DNS_PROMISE_FUNCTIONS.has(name) ||
    PROMISE_STATICS.has(name) ||
    name === 'fetch' || name === 'setTimeout' || name === 'setImmediate' || name === 'pipeline' || name === 'finished' ||
    name === 'wait' || name === 'yield' || name === 'describe' || name === 'it' || name === 'test' || name === 'suite' ||
    name === 'skip' || name === 'only' || name === 'todo' || name === 'rejects' || name === 'doesNotReject'
  );
}

/**
 * `timers/promises`' `setTimeout`/`setImmediate` and `scheduler.wait` called without options: only an
 * `AbortSignal` in the options can make them reject.
 */
export function isSettlingTimerExport(reference: ModuleReference | null, argumentCount: number): boolean {
  if (!reference || reference.module !== 'timers') return false;
  const path = reference.path.join('.');
  return ((path === 'promises.setTimeout' || path === 'promises.setImmediate') && argumentCount <= 2) || (path === 'promises.scheduler.wait' && argumentCount <= 1);
}

/** Methods of Node's classes whose promise settles without rejecting, by module and `Class.method`. */
const NEVER_REJECTING_METHODS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  // resolves with the exit code
  ['worker_threads', new Set(['Worker.terminate'])],
]);

/** `Worker#terminate()` of `worker_threads`: its promise resolves with the exit code and does not reject. */
export function isNeverRejectingMethod(reference: ModuleReference | null): boolean {
  return reference !== null && (NEVER_REJECTING_METHODS.get(reference.module)?.has(reference.path.join('.')) ?? false);
}

/** Cheap pre-check before asking the type checker: can a method of this name be one of those? */
export function isNeverRejectingMethodName(name: string): boolean {
  for (const methods of NEVER_REJECTING_METHODS.values()) {
    for (const method of methods) if (method.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The combinator a call of the global `Promise` is (`all` for `Promise.all([…])`: also `allSettled`, `any`, `race`), or null. */
export function getPromiseCombinator(sourceCode: SourceCode, call: TSESTree.CallExpression): string | null {
  const member = getCalleeMember(call);
  const method = member ? getStaticPropertyName(member) : null;
  return member && method !== null && PROMISE_COMBINATORS.has(method) && isGlobalName(sourceCode, member.object, 'Promise') ? method : null;
}
