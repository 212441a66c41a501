// `npm run package`: builds loopguard-<version>.vsix in the repository root with vsce on Node 24
// from the per-user cache (Node 24 and vsce only, installed on first use; no code-server).
import fs from 'node:fs';
import path from 'node:path';

import { ensurePackagingTools } from './install';
import { packageVsix } from './packageVsix';
import { REPO_ROOT } from './paths';

async function main(): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };
  const tools = await ensurePackagingTools(say);
  await packageVsix(tools, path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`), say);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
