/**
 * Modules with Node's `fs` API under their own name: `fs` itself and its drop-in replacements (`graceful-fs`,
 * `fs-extra`, which re-export every function, and Electron's `original-fs`, the module without its archive patches).
 * Specifiers without `node:`, as `resolveModuleReference` gives them.
 */
export const FILE_SYSTEM_MODULES: ReadonlySet<string> = new Set(['fs', 'graceful-fs', 'fs-extra', 'original-fs']);
