import * as path from 'node:path';

import { uriToPath } from './uri';

/** The workspace folder roots, as file paths, and which folder a file belongs to. */
export class WorkspaceFolders {
  private roots: string[] = [];

  set(uris: readonly string[]): void {
    this.roots = [];
    this.update(uris, []);
  }

  update(added: readonly string[], removed: readonly string[]): void {
    const removedPaths = new Set(removed.map(uriToPath));
    const roots = this.roots.filter((root) => !removedPaths.has(root));
    for (const uri of added) {
      const root = uriToPath(uri);
      if (root !== undefined && !roots.includes(root)) roots.push(root);
    }
    // Longest first, so nested folders win.
    this.roots = roots.sort((a, b) => b.length - a.length);
  }

  /** The roots as file paths, as another thread's `all()` gave them (a lint worker's copy). */
  setRoots(roots: readonly string[]): void {
    if (roots.length === this.roots.length && roots.every((root, index) => root === this.roots[index])) return;
    this.roots = [...roots].sort((a, b) => b.length - a.length);
  }

  all(): readonly string[] {
    return this.roots;
  }

  folderOf(filePath: string): string | undefined {
    return this.roots.find((root) => filePath === root || filePath.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  }
}
