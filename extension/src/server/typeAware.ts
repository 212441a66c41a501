import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TypeAwareSetting } from '../shared/settings';

const PROJECT_FILES = ['tsconfig.json', 'jsconfig.json'];

export interface TypeAwareDecision {
  /** Root for typescript-eslint's project service, when type-aware linting should be tried. */
  tsconfigRootDir?: string;
  /** Why the file is linted without types. */
  reason?: string;
  /**
   * The folder of the TypeScript project the file belongs to (its nearest tsconfig.json/jsconfig.json),
   * or the root when none was found: the first type-aware lint of a project loads it.
   */
  projectDir?: string;
}

/**
 * Looks up the nearest tsconfig.json/jsconfig.json of a file (within its workspace folder) and
 * decides whether to lint it with types. Untrusted workspaces never load a TypeScript program.
 * Look-ups are cached per directory until {@link clear}.
 */
export class TypeAwareResolver {
  private readonly projectDirByDir = new Map<string, string | undefined>();

  decide(filePath: string | undefined, folderRoot: string | undefined, setting: TypeAwareSetting, trusted: boolean): TypeAwareDecision {
    if (!trusted) return { reason: 'the workspace is not trusted' };
    if (setting === 'off') return { reason: 'loopguard.typeAware is "off"' };
    if (filePath === undefined) return { reason: 'the document is not a file on disk' };
    // Outside a workspace folder only the file's own directory is looked at.
    const projectDir = this.nearestProjectDir(path.dirname(filePath), folderRoot ?? path.dirname(filePath));
    if (projectDir === undefined && setting === 'auto') return { reason: 'no tsconfig.json or jsconfig.json found' };
    const tsconfigRootDir = folderRoot ?? projectDir ?? path.dirname(filePath);
    return { tsconfigRootDir, projectDir: projectDir ?? tsconfigRootDir };
  }

  clear(): void {
    this.projectDirByDir.clear();
  }

  private nearestProjectDir(dir: string, stopAt: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | undefined;
    for (;;) {
      if (this.projectDirByDir.has(current)) {
        found = this.projectDirByDir.get(current);
        break;
      }
      visited.push(current);
      if (PROJECT_FILES.some((name) => isFile(path.join(current, name)))) {
        found = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current || samePath(current, stopAt)) break;
      current = parent;
    }
    for (const visitedDir of visited) this.projectDirByDir.set(visitedDir, found);
    return found;
  }
}

function isFile(filePath: string): boolean {
  try {
    return fs.statSync(filePath).isFile();
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
