import * as fs from 'node:fs/promises';
import * as path from 'node:path';

import { hasSupportedExtension } from './fileKinds';

/** Never descended into. Dot-directories (.git, .vscode, …) are skipped too. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'bower_components', 'jspm_packages']);
export const MAX_SCANNED_FILES = 50_000;

/**
 * Every JavaScript/TypeScript source file under `root` (declaration files excluded), in a stable
 * order. Unreadable directories are skipped; stops early when `cancelled()` turns true.
 */
export async function listSourceFiles(root: string, cancelled: () => boolean, limit = MAX_SCANNED_FILES): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < limit && !cancelled()) {
    const dir = pending.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
      } else if (entry.isFile() && hasSupportedExtension(entry.name) && !/\.d\.[cm]?ts$/i.test(entry.name)) {
        files.push(full);
        if (files.length >= limit) break;
      }
    }
  }
  return files;
}

/** The language id VS Code would give a file, from its extension. */
export function languageIdOf(filePath: string): string {
  switch (path.extname(filePath).toLowerCase()) {
    case '.ts': case '.mts': case '.cts': return 'typescript';
    case '.tsx': return 'typescriptreact';
    case '.jsx': return 'javascriptreact';
    default: return 'javascript';
  }
}
