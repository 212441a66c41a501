import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The major version of a package that the linted file's project declares: the nearest `package.json` above
 * the file's folder that lists the package (dependencies, devDependencies, peerDependencies,
 * optionalDependencies), its range read for the first version number (`^5.3.0` → 5, `~1.2` → 1,
 * `>=4 <6` → 4). Null when no `package.json` up to the file system's root lists it, or the range names no
 * version (`*`, `latest`, a URL, a workspace or file reference). Read once per `package.json`.
 */
export function declaredMajorVersion(directory: string | null, packageName: string): number | null {
  const range = declaredRange(directory, packageName);
  return range === null ? null : majorOf(range);
}

/**
 * The version range of a package as the linted file's project declares it (the nearest `package.json` above
 * the file's folder that lists it, as for `declaredMajorVersion`), whatever it says (`*`, `latest`, a URL).
 * Null when none lists it.
 */
export function declaredRange(directory: string | null, packageName: string): string | null {
  if (directory === null) return null;
  let current = path.resolve(directory);
  for (let depth = 0; depth < MAX_FOLDERS_UP; depth++) {
    const ranges = dependencyRanges(path.join(current, 'package.json'));
    const range = ranges?.get(packageName);
    if (range !== undefined) return range;
    const parent = path.dirname(current);
    if (parent === current || path.basename(current) === 'node_modules') return null;
    current = parent;
  }
  return null;
}

/** How many folders above the file are looked at (a project's package.json is a few folders up). */
const MAX_FOLDERS_UP = 12;
const MAX_REMEMBERED_FILES = 500;
const rangesByFile = new Map<string, ReadonlyMap<string, string> | null>();

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function dependencyRanges(file: string): ReadonlyMap<string, string> | null {
  const known = rangesByFile.get(file);
  if (known !== undefined) return known;
  const ranges = readDependencyRanges(file);
  if (rangesByFile.size >= MAX_REMEMBERED_FILES) rangesByFile.clear();
  rangesByFile.set(file, ranges);
  return ranges;
}

function readDependencyRanges(file: string): ReadonlyMap<string, string> | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null; // no package.json here, or not JSON
  }
  if (typeof manifest !== 'object' || manifest === null) return null;
  const ranges = new Map<string, string>();
  for (const field of DEPENDENCY_FIELDS) {
    const listed: unknown = (manifest as Record<string, unknown>)[field];
    if (typeof listed !== 'object' || listed === null) continue;
    for (const [name, range] of Object.entries(listed)) {
      if (typeof range === 'string' && !ranges.has(name)) ranges.set(name, range);
    }
  }
  return ranges;
}

/** `^5.3.0` → 5, `npm:open@^8` → 8, `latest` → null. */
function majorOf(range: string): number | null {
  const aliased = range.startsWith('npm:') ? range.slice(range.lastIndexOf('@') + 1) : range;
  const match = /^\s*(?:[\^~]|>=?|=)?\s*v?(\d+)(?:[.\s]|$)/.exec(aliased);
  return match ? Number(match[1]) : null;
}
