import * as fs from 'node:fs/promises';
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
 * decides whether to lint it with types, which also decides which lint worker gets it. Untrusted
 * workspaces never load a TypeScript program. Look-ups are cached per directory until
 * {@link clear}; files the project service turned down are remembered the same way.
 */
export class TypeAwareResolver {
  private readonly projectDirByDir = new Map<string, Promise<string | undefined>>();
  /** Files the project service does not know (no tsconfig includes them): linted without types. */
  private readonly outsideProjects = new Set<string>();

  async decide(filePath: string | undefined, folderRoot: string | undefined, setting: TypeAwareSetting, trusted: boolean): Promise<TypeAwareDecision> {
    if (!trusted) return { reason: 'the workspace is not trusted' };
    if (setting === 'off') return { reason: 'loopguard.typeAware is "off"' };
    if (filePath === undefined) return { reason: 'the document is not a file on disk' };
    if (this.outsideProjects.has(filePath)) return { reason: 'the file is not part of any tsconfig.json/jsconfig.json project' };
    // Outside a workspace folder only the file's own directory is looked at.
    const projectDir = await this.nearestProjectDir(path.dirname(filePath), folderRoot ?? path.dirname(filePath));
    if (projectDir === undefined && setting === 'auto') return { reason: 'no tsconfig.json or jsconfig.json found' };
    const tsconfigRootDir = folderRoot ?? projectDir ?? path.dirname(filePath);
    return { tsconfigRootDir, projectDir: projectDir ?? tsconfigRootDir };
  }

  /** The project service turned the file down; lint it without types until the workspace changes. */
  markOutsideProjects(filePath: string): void {
    this.outsideProjects.add(filePath);
  }

  clear(): void {
    this.projectDirByDir.clear();
    this.outsideProjects.clear();
  }

  private nearestProjectDir(dir: string, stopAt: string): Promise<string | undefined> {
    let found = this.projectDirByDir.get(dir);
    if (!found) {
      found = this.lookUp(dir, stopAt);
      this.projectDirByDir.set(dir, found);
    }
    return found;
  }

  private async lookUp(dir: string, stopAt: string): Promise<string | undefined> {
    const present = await Promise.all(PROJECT_FILES.map((name) => isFile(path.join(dir, name))));
    if (present.includes(true)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir || samePath(dir, stopAt)) return undefined;
    return this.nearestProjectDir(parent, stopAt);
  }
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await fs.stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
