import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Which file of the project a module specifier written in `directory` loads, as the project itself says:
 * - a relative specifier (`./store`, `../lib/index.js`): the file, trying TypeScript's extensions and `index`;
 * - a subpath import of the nearest `package.json` (`"imports": { "#db": "./src/db.js", "#lib/*": "./src/lib/*" }`);
 * - a `compilerOptions.paths` alias of the nearest `tsconfig.json` or `jsconfig.json` (`"@/*": ["src/*"]`), also
 *   when it sits in a configuration the file `extends`.
 * Null for a package (bare specifier no alias matches), a file that does not exist, and anything that lands in
 * `node_modules`: only the project's own modules are read.
 *
 * `inputs`, when given, receives what the answer depends on (see `specifierResolutions.ts`): each folder in which a
 * candidate file was looked for (a file created or removed there changes the folder's modification time) and each
 * configuration file read. Which configuration file is nearest is remembered for the process, not an input.
 * `isFileAt` answers whether a candidate file exists (by default one `stat` each; `specifierResolutions.ts` answers
 * from folder listings).
 */
export function resolveProjectSpecifier(directory: string, specifier: string, inputs?: Set<string>, isFileAt: IsFileAt = isFile): string | null {
  if (specifier.startsWith('.')) return resolveFile(path.resolve(directory, specifier), inputs, isFileAt);
  if (specifier.startsWith('#')) return resolveSubpathImport(directory, specifier, inputs, isFileAt);
  if (specifier.startsWith('node:') || path.isAbsolute(specifier)) return null;
  return resolvePathAlias(directory, specifier, inputs, isFileAt);
}

/** Whether a candidate path is an existing file. */
export type IsFileAt = (filePath: string) => boolean;

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** The file `base` names: itself, its TypeScript source, or with an extension or `/index` added. */
function resolveFile(base: string, inputs: Set<string> | undefined, isFileAt: IsFileAt): string | null {
  if (isInNodeModules(base)) return null;
  const extension = path.extname(base);
  // the file itself, its TypeScript twin, with an extension added: all in the folder of `base`
  inputs?.add(path.dirname(base));
  if (EXTENSIONS.includes(extension)) {
    if (isFileAt(base)) return base;
    for (const tsExtension of JS_TO_TS[extension] ?? []) {
      const candidate = base.slice(0, -extension.length) + tsExtension;
      if (isFileAt(candidate)) return candidate;
    }
  }
  for (const candidateExtension of EXTENSIONS) {
    const candidate = base + candidateExtension;
    if (isFileAt(candidate)) return candidate;
  }
  // `base/index.*`: in the folder `base`
  inputs?.add(base);
  for (const candidateExtension of EXTENSIONS) {
    const candidate = path.join(base, `index${candidateExtension}`);
    if (isFileAt(candidate)) return candidate;
  }
  return null;
}

function isInNodeModules(filePath: string): boolean {
  return filePath.split(path.sep).includes('node_modules');
}

export function isFile(filePath: string): boolean {
  try {
    // most candidates do not exist: no exception for those
    return fs.statSync(filePath, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // ENOTDIR, EACCES…
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Configuration files, read once and checked against the disk when asked again

interface CachedConfig<Value> {
  readonly mtimeMs: number;
  readonly size: number;
  readonly value: Value;
}

const MAX_CONFIG_BYTES = 1_000_000;
const MAX_CACHED = 2000;

/** A JSON (with comments, for tsconfig) configuration file, parsed; null when missing or unreadable. */
function readConfig<Value>(cache: Map<string, CachedConfig<Value | null>>, filePath: string, parse: (text: string) => Value | null, inputs: Set<string> | undefined): Value | null {
  inputs?.add(filePath);
  const stat = fs.statSync(filePath, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size > MAX_CONFIG_BYTES) return null;
  const cached = cache.get(filePath);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
  let value: Value | null = null;
  try {
    value = parse(fs.readFileSync(filePath, 'utf8'));
  } catch {
    value = null;
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, value });
  return value;
}

/** Folder → the nearest file named `name` in it or above it (null: none). Folders repeat across files. */
const nearestFiles = new Map<string, string | null>();

function findNearest(directory: string, names: readonly string[]): string | null {
  const key = `${names.join('|')}\0${directory}`;
  const known = nearestFiles.get(key);
  if (known !== undefined) return known;
  let found: string | null = null;
  for (let current = directory; ; current = path.dirname(current)) {
    if (path.basename(current) === 'node_modules') break;
    const hit = names.map((name) => path.join(current, name)).find(isFile);
    if (hit) {
      found = hit;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  if (nearestFiles.size >= MAX_CACHED) nearestFiles.clear();
  nearestFiles.set(key, found);
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// package.json "imports"

type ImportsField = Readonly<Record<string, unknown>>;
const packageImports = new Map<string, CachedConfig<ImportsField | null>>();

function resolveSubpathImport(directory: string, specifier: string, inputs: Set<string> | undefined, isFileAt: IsFileAt): string | null {
  const packageJson = findNearest(directory, ['package.json']);
  if (!packageJson) return null;
  const imports = readConfig(packageImports, packageJson, (text) => {
    const field = (JSON.parse(text) as { imports?: unknown }).imports;
    return isRecord(field) ? field : null;
  }, inputs);
  if (!imports) return null;
  const root = path.dirname(packageJson);
  for (const target of matchPattern(imports, specifier)) {
    for (const candidate of targetStrings(target.value)) {
      if (!candidate.startsWith('./')) continue; // another package: not the project's own code
      const resolved = resolveFile(path.resolve(root, candidate.replace(/\*/g, target.star)), inputs, isFileAt);
      if (resolved && isInside(resolved, root)) return resolved;
    }
  }
  return null;
}

/** Conditions a project's own source is most likely under, in the order tried; then every other one. */
const CONDITION_ORDER = ['source', 'types', 'import', 'require', 'node', 'default'];

/** The strings of an `imports` target (a string, an array of targets, or an object of conditions), in the order tried. */
function targetStrings(target: unknown): string[] {
  const found: string[] = [];
  // nested conditions and fallback arrays, flattened in order with a stack (last pushed is read first)
  const stack: unknown[] = [target];
  while (stack.length > 0 && found.length < MAX_TARGETS) {
    const current = stack.pop();
    if (typeof current === 'string') found.push(current);
    else if (Array.isArray(current)) for (let index = current.length - 1; index >= 0; index--) stack.push(current[index]);
    else if (isRecord(current)) {
      const keys = [...CONDITION_ORDER.filter((key) => key in current), ...Object.keys(current).filter((key) => !CONDITION_ORDER.includes(key))];
      for (let index = keys.length - 1; index >= 0; index--) stack.push(current[keys[index] as string]);
    }
  }
  return found;
}

/** How many candidate targets one alias is tried with. */
const MAX_TARGETS = 16;

// ---------------------------------------------------------------------------------------------------------------
// tsconfig.json / jsconfig.json "paths"

interface PathAliases {
  /** The folder the targets are relative to (`baseUrl`, else the folder of the configuration that has `paths`). */
  readonly base: string;
  readonly paths: Readonly<Record<string, unknown>>;
}

const tsconfigs = new Map<string, CachedConfig<RawTsconfig | null>>();

interface RawTsconfig {
  readonly extends: readonly string[];
  readonly baseUrl: string | null;
  readonly paths: Readonly<Record<string, unknown>> | null;
}

/** How many `extends` links are followed to find `paths`. */
const MAX_EXTENDS = 5;

function resolvePathAlias(directory: string, specifier: string, inputs: Set<string> | undefined, isFileAt: IsFileAt): string | null {
  const configPath = findNearest(directory, ['tsconfig.json', 'jsconfig.json']);
  const aliases = configPath ? readPathAliases(configPath, inputs) : null;
  if (!aliases) return null;
  for (const target of matchPattern(aliases.paths, specifier)) {
    for (const candidate of targetStrings(target.value)) {
      const resolved = resolveFile(path.resolve(aliases.base, candidate.replace(/\*/g, target.star)), inputs, isFileAt);
      if (resolved) return resolved;
    }
  }
  return null;
}

/** The `paths` in effect for a configuration: its own, or the nearest one up its `extends` chain (relative files only). */
function readPathAliases(configPath: string, inputs: Set<string> | undefined): PathAliases | null {
  const seen = new Set<string>();
  let baseUrl: string | null = null;
  let current: string | null = configPath;
  while (current && !seen.has(current) && seen.size < MAX_EXTENDS) {
    seen.add(current);
    const raw: RawTsconfig | null = readConfig(tsconfigs, current, parseTsconfig, inputs);
    if (!raw) return null;
    const folder = path.dirname(current);
    baseUrl ??= raw.baseUrl === null ? null : path.resolve(folder, raw.baseUrl);
    if (raw.paths) return { base: baseUrl ?? folder, paths: raw.paths };
    const parent: string | undefined = raw.extends.find((entry) => entry.startsWith('.'));
    current = parent ? withJsonExtension(path.resolve(folder, parent)) : null;
  }
  return null;
}

function withJsonExtension(filePath: string): string {
  return filePath.endsWith('.json') ? filePath : `${filePath}.json`;
}

function parseTsconfig(text: string): RawTsconfig | null {
  const json = JSON.parse(stripJsonComments(text)) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
  if (!isRecord(json)) return null;
  const extendsField = json.extends;
  const options = isRecord(json.compilerOptions) ? json.compilerOptions : {};
  return {
    extends: typeof extendsField === 'string' ? [extendsField] : Array.isArray(extendsField) ? extendsField.filter((entry): entry is string => typeof entry === 'string') : [],
    baseUrl: typeof options.baseUrl === 'string' ? options.baseUrl : null,
    paths: isRecord(options.paths) ? options.paths : null,
  };
}

/** JSON with `//` and `/* *\/` comments and trailing commas (what tsconfig files allow) as plain JSON. */
export function stripJsonComments(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '"') {
      const end = endOfString(text, index);
      out += text.slice(index, end);
      index = end - 1;
    } else if (char === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
      out += '\n';
    } else if (char === '/' && text[index + 1] === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 1;
      out += ' ';
    } else {
      out += char;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index + 1;
  }
  return text.length;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * The entries of a `paths`/`imports` map that match `specifier`, the most specific first: an exact key, then
 * `prefix*suffix` patterns by the length of their prefix, with what `*` stands for.
 */
function matchPattern(map: Readonly<Record<string, unknown>>, specifier: string): { value: unknown; star: string }[] {
  const matches: { value: unknown; star: string; prefix: number }[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (key === specifier) return [{ value, star: '' }];
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      matches.push({ value, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length });
    }
  }
  return matches.sort((a, b) => b.prefix - a.prefix);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
