import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root (this file is test/extension/runner/paths.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test', 'extension', 'fixtures', 'workspace');
export const COMPILED_SUITES = path.join(REPO_ROOT, 'out', 'test', 'extension', 'vscode');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** A throw-away copy of the fixture workspace, so tests may edit files and settings freely. */
export function copyFixtureWorkspace(): { folder: string; remove(): void } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-workspace-'));
  const folder = path.join(parent, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, folder, { recursive: true });
  return { folder, remove: () => { if (!process.env.LOOPGUARD_KEEP_SANDBOX) fs.rmSync(parent, { recursive: true, force: true }); } };
}
