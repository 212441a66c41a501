import * as fs from 'node:fs';
import * as path from 'node:path';

import { createFileCache } from '../core/fileCache';
import type { SourceCode } from '../core/ruleContext';
import { isFileInFolder } from './folderListings';
import { isFile, resolveProjectSpecifier } from './projectSpecifiers';

/**
 * Which project file a specifier written in a folder loads, remembered for the whole run (a project's files
 * import the same few modules again and again) and kept true to the disk for a long-running process such as the
 * language server, where files are created and removed while it runs.
 *
 * A resolution remembers its inputs (`resolveProjectSpecifier`): the folders where candidate files were looked
 * for, and the configuration files read. Creating, removing or renaming a file changes its folder's modification
 * time, so a resolution is reused by a linted file only while every input has the modification time and size
 * it had (checked once per linted file and input; a folder shared by many resolutions costs one `stat`). A
 * resolution whose inputs changed shortly before it was made is not kept past the lint: timestamps can be coarse
 * (see `MODIFIED_BEFORE_MARGIN_MS`). Candidate files are looked up in the listings of their folders
 * (`folderListings.ts`), checked against the same per-lint stamps of those folders.
 */
export function resolveSpecifierCached(sourceCode: SourceCode, directory: string, specifier: string): string | null {
  const resolvedInLint = resolvedForLint(sourceCode);
  const key = `${directory}\0${specifier}`;
  const known = resolvedInLint.get(key);
  if (known !== undefined) return known;
  const cached = resolutions.get(key);
  let resolved: string | null;
  if (cached && cached.inputs.every((input) => sameStamp(stampInLint(sourceCode, input.path), input.stamp))) {
    resolved = cached.resolved;
  } else {
    const startedAt = Date.now();
    const inputs = new Set<string>();
    resolved = resolveProjectSpecifier(directory, specifier, inputs, (candidate) => isFileInFolder(candidate, stampInLint(sourceCode, path.dirname(candidate)), isFile));
    const stamped = [...inputs].map((input) => ({ path: input, stamp: stampInLint(sourceCode, input) }));
    if (stamped.every(({ stamp }) => stamp === null || stamp.mtimeMs <= startedAt - MODIFIED_BEFORE_MARGIN_MS)) {
      if (resolutions.size >= MAX_RESOLUTIONS) resolutions.clear();
      resolutions.set(key, { resolved, inputs: stamped });
    } else {
      resolutions.delete(key);
    }
  }
  resolvedInLint.set(key, resolved);
  return resolved;
}

/** An input's modification time and size; null when it does not exist. */
interface Stamp {
  readonly mtimeMs: number;
  readonly size: number;
}

interface Resolution {
  readonly resolved: string | null;
  readonly inputs: readonly { readonly path: string; readonly stamp: Stamp | null }[];
}

/**
 * An input modified this close to (or after) the start of a resolution may change again within the same
 * timestamp (file systems with one- or two-second timestamps): such a resolution is not reused by later lints.
 */
const MODIFIED_BEFORE_MARGIN_MS = 2000;
const MAX_RESOLUTIONS = 20_000;

/** Across linted files: `directory + specifier` → the resolution and its inputs. */
const resolutions = new Map<string, Resolution>();

/** Per linted file: the resolutions it has asked for. */
const resolvedForLint = createFileCache<string, string | null>();
/** Per linted file: the inputs it has checked against the disk. */
const stampsForLint = createFileCache<string, Stamp | null>();

/** An input's stamp as the disk has it, read once per linted file. */
function stampInLint(sourceCode: SourceCode, filePath: string): Stamp | null {
  const stamps = stampsForLint(sourceCode);
  const known = stamps.get(filePath);
  if (known !== undefined) return known;
  let stamp: Stamp | null = null;
  try {
    const stat = fs.statSync(filePath, { throwIfNoEntry: false });
    stamp = stat ? { mtimeMs: stat.mtimeMs, size: stat.size } : null;
  } catch {
    stamp = null; // ENOTDIR, EACCES…: as good as missing for the resolver
  }
  stamps.set(filePath, stamp);
  return stamp;
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  return a === b || (a !== null && b !== null && a.mtimeMs === b.mtimeMs && a.size === b.size);
}
