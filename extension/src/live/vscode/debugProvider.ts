/**
 * Injects the tracker into js-debug launches (`--import`), unless `loopguard.live.tracker` is off.
 * The tracker file is written once per version into the extension's global storage.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { TRACKED_DEBUG_TYPES, withTrackerImport } from '../launchConfig';
import { TRACKER_VERSION, trackerImportModule } from '../tracker/trackerSource';

export function registerTrackerInjection(context: vscode.ExtensionContext, log: (line: string) => void): vscode.Disposable[] {
  let file: Promise<string> | undefined;
  const trackerFile = (): Promise<string> =>
    (file ??= (async () => {
      const dir = context.globalStorageUri.fsPath;
      const target = path.join(dir, `loopguard-tracker-v${TRACKER_VERSION}.mjs`);
      await mkdir(dir, { recursive: true });
      await writeFile(target, trackerImportModule());
      return pathToFileURL(target).href;
    })());
  const provider: vscode.DebugConfigurationProvider = {
    async resolveDebugConfiguration(_folder, config) {
      if (!vscode.workspace.getConfiguration('loopguard.live').get<boolean>('tracker', true)) return config;
      try {
        return withTrackerImport(config, await trackerFile());
      } catch (err) {
        log(`[live] could not prepare the tracker, launching without it: ${(err as Error).message}`);
        return config;
      }
    },
  };
  return TRACKED_DEBUG_TYPES.map((type) => vscode.debug.registerDebugConfigurationProvider(type, provider));
}
