// @ts-check
/** Which code produced a findings file: the repository's HEAD and the last commit that changed the plugin. */
import { execFileSync } from 'node:child_process';

import { repoRoot } from '../../lib/paths.mjs';

/** @returns {{ head: string, pluginCommit: string, pluginDirty: boolean }} */
export function pluginRevision() {
  const git = (...args) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
  return {
    head: git('rev-parse', '--short', 'HEAD'),
    pluginCommit: git('log', '-1', '--format=%h', '--', 'eslint-plugin'),
    // Uncommitted changes to the plugin make the findings those of no commit.
    pluginDirty: git('status', '--porcelain', '--', 'eslint-plugin') !== '',
  };
}
