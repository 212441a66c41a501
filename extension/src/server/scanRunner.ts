import * as fs from 'node:fs/promises';

import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { ScanProgressNotification, type ScanWorkspaceParams, type ScanWorkspaceResult } from '../shared/customMessages';
import type { RemoteLintService } from './remoteLintService';
import { MAX_SCANNED_FILES, languageIdOf, listSourceFiles } from './scan';
import type { SettingsStore } from './settingsStore';
import { pathToUri, uriToPath } from './uri';
import type { WorkspaceFolders } from './workspaceFolders';

export interface ScanContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  service: RemoteLintService;
  /** URIs whose diagnostics came from the scan (kept when such a file is closed). */
  scannedUris: Set<string>;
  /** Lints an open document from its buffer and publishes its problems; resolves with their number. */
  lintOpen: (uri: string) => Promise<number>;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Lints every JavaScript/TypeScript file of the workspace from disk and publishes its
 * diagnostics, yielding to the event loop between files so edits and cancellation get through.
 * Open documents are linted from their buffers instead. `problems` counts every diagnostic
 * published for the workspace's files, open or not.
 */
export async function runWorkspaceScan(params: ScanWorkspaceParams, token: CancellationToken, context: ScanContext): Promise<ScanWorkspaceResult> {
  const started = performance.now();
  const cancelled = () => token.isCancellationRequested;
  const roots = params.folders?.map(uriToPath).filter((root): root is string => root !== undefined) ?? [...context.folders.all()];
  const files: string[] = [];
  for (const root of roots) files.push(...(await listSourceFiles(root, cancelled, MAX_SCANNED_FILES - files.length)));

  let filesLinted = 0;
  let filesSkipped = 0;
  let problems = 0;
  let lastProgress = 0;
  for (let index = 0; index < files.length && !cancelled(); index++) {
    const file = files[index]!;
    const uri = pathToUri(file);
    if (performance.now() - lastProgress > PROGRESS_INTERVAL_MS || index === files.length - 1) {
      lastProgress = performance.now();
      void context.connection.sendNotification(ScanProgressNotification.type, { done: index, total: files.length, current: uri });
    }
    if (context.documents.get(uri)) {
      // Counted like any other file, so the count matches what the editor shows (Problems by Rule).
      problems += await context.lintOpen(uri);
      filesLinted++;
      continue;
    }
    try {
      const settings = await context.settings.get(uri);
      const stat = await fs.stat(file);
      if (stat.size > settings.maxFileSize) {
        filesSkipped++;
        continue;
      }
      const text = await fs.readFile(file, 'utf8');
      // In the background: lints of open documents go first.
      const analysis = await context.service.analyse(TextDocument.create(uri, languageIdOf(file), 0, text), settings, { background: true });
      if (!analysis || analysis.status.skipped) filesSkipped++;
      else filesLinted++;
      if (analysis && !context.documents.get(uri)) {
        problems += analysis.diagnostics.length;
        context.scannedUris.add(uri);
        void context.connection.sendDiagnostics({ uri, diagnostics: analysis.diagnostics });
      }
    } catch {
      filesSkipped++; // unreadable or vanished meanwhile
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  void context.connection.sendNotification(ScanProgressNotification.type, { done: files.length, total: files.length });
  return { filesLinted, filesSkipped, problems, cancelled: cancelled(), durationMs: Math.round(performance.now() - started) };
}
