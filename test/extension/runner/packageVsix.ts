import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from './paths';
import type { PackagingToolPaths } from './versions';

/**
 * The README's relative links (the rule pages, the screenshots) point at files the .vsix carries, so the
 * extension page shows them offline and for the installed version: vsce must not rewrite them into links
 * to a web host.
 */
const README_ARGS = ['--no-rewrite-relative-links'];

/**
 * Packages the extension with vsce under Node 24 (vsce needs Node >= 22), without bundling
 * node_modules: the client and server bundles in extension/dist are all the .vsix runs.
 */
export async function packageVsix(tools: Pick<PackagingToolPaths, 'node' | 'vsce'>, outFile: string, echo: (line: string) => void): Promise<string> {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.rmSync(outFile, { force: true });
  const env = { ...process.env, PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}` };
  const chunks: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const args = [tools.vsce, 'package', '--no-dependencies', '--out', outFile, ...README_ARGS];
    const child = spawn(tools.node, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (data: Buffer) => chunks.push(String(data)));
    child.stderr.on('data', (data: Buffer) => chunks.push(String(data)));
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode ?? 1));
  });
  if (code !== 0 || !fs.existsSync(outFile)) throw new Error(`vsce package failed (exit code ${code}):\n${chunks.join('')}`);
  echo(`[runner] packaged ${path.relative(REPO_ROOT, outFile)} (${Math.round(fs.statSync(outFile).size / 1024)} KiB)`);
  return outFile;
}
