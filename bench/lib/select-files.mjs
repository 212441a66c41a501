// @ts-check
/**
 * Decides which files of a downloaded package enter the corpus. Pure: takes paths and text,
 * returns a verdict, so the rules are easy to test and print.
 */

/**
 * A pinned package. `roots`, `extensions` and `exclude` select its files; `tests` and `scripts` name the
 * paths (files or folders, relative to the package) that hold test code and one-shot scripts (examples,
 * benchmarks, command-line entry points), everything else being library code; `dir` names its folder in
 * the corpus when two pins share a package name.
 * @typedef {{ name: string, version: string, integrity: string, kind: string, dir?: string,
 *   roots: string[], extensions: string[], exclude?: string[], tests?: string[], scripts?: string[] }} PackageSpec
 * @typedef {'library' | 'test' | 'script'} CodeKind
 * @typedef {{ maxFileBytes: number, maxLineLength: number }} Limits
 * @typedef {'outside roots' | 'excluded' | 'extension' | 'declaration' | 'source map' | 'minified name'
 *   | 'too large' | 'long line (minified or vendored blob)'} SkipReason
 */

const DECLARATION = /\.d\.[mc]?ts$/;
/** A compiler's inline source map: one long comment line after ordinary code, not a minified file. */
const INLINE_SOURCE_MAP = '//# sourceMappingURL=data:';

/** Whether a path (relative to the package, `/`-separated) is under one of the roots. */
function underRoots(relPath, roots) {
  return roots.some((root) => root === '.' || relPath === root || relPath.startsWith(`${root}/`));
}

/**
 * What kind of code a kept file holds, from the spec's `tests` and `scripts` paths.
 * @param {PackageSpec} spec
 * @param {string} relPath
 * @returns {CodeKind}
 */
export function codeKindOf(spec, relPath) {
  if (underRoots(relPath, spec.tests ?? [])) return 'test';
  if (underRoots(relPath, spec.scripts ?? [])) return 'script';
  return 'library';
}

/**
 * The reason a path is skipped by name alone, or null when its content must be looked at.
 * @param {PackageSpec} spec
 * @param {string} relPath
 * @returns {SkipReason | null}
 */
export function skipByPath(spec, relPath) {
  if (relPath.endsWith('.map')) return 'source map';
  if (DECLARATION.test(relPath)) return 'declaration';
  if (!underRoots(relPath, spec.roots)) return 'outside roots';
  if (underRoots(relPath, spec.exclude ?? [])) return 'excluded';
  if (!spec.extensions.some((ext) => relPath.endsWith(ext))) return 'extension';
  if (/\.min\.[mc]?js$/.test(relPath)) return 'minified name';
  return null;
}

/**
 * The reason a file is skipped by its content, or null to keep it. A line over the limit means minified
 * code or a vendored blob, unless it is a compiler's inline source map (compiled files stay in).
 * @param {string} text
 * @param {Limits} limits
 * @returns {SkipReason | null}
 */
export function skipByContent(text, limits) {
  if (Buffer.byteLength(text) > limits.maxFileBytes) return 'too large';
  let lineStart = 0;
  while (lineStart <= text.length) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end === -1 ? text.length : end;
    if (lineEnd - lineStart > limits.maxLineLength && !text.startsWith(INLINE_SOURCE_MAP, lineStart)) return 'long line (minified or vendored blob)';
    if (end === -1) break;
    lineStart = end + 1;
  }
  return null;
}

/**
 * How ESLint should parse a kept file: ESM for `.mjs` and TypeScript sources, CommonJS for `.cjs`/`.cts`,
 * and for `.js` whatever the package's `type` says.
 * @param {string} relPath
 * @param {string | undefined} packageType
 * @returns {'module' | 'commonjs'}
 */
export function sourceTypeOf(relPath, packageType) {
  if (/\.(mjs|mts|ts|tsx)$/.test(relPath) && !/\.d\./.test(relPath)) return 'module';
  if (/\.(cjs|cts)$/.test(relPath)) return 'commonjs';
  return packageType === 'module' ? 'module' : 'commonjs';
}
