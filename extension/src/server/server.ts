/**
 * The Loopguard language server: a plain Node program (IPC, stdio or socket, as any LSP client
 * chooses) that lints JavaScript/TypeScript documents with the bundled eslint-plugin-loopguard.
 */
import { clearCaches as clearTypeScriptEslintCaches } from '@typescript-eslint/parser';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeAction,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

import {
  FIX_ALL_CODE_ACTION_KIND,
  ScanWorkspaceRequest,
  ServerCommands,
  StatusNotification,
  type InitializationOptions,
} from '../shared/customMessages';
import { AsyncOutlineRequest, type AsyncOutlineParams, type AsyncOutlineResult } from '../shared/outlineMessages';
import { quickFixes, versionedEdit } from './codeActions';
import type { DocumentRecord } from './diagnostics';
import { LintService, type Analysis } from './lintService';
import { Logger } from './logger';
import { loopguardPlugin, ruleIds } from './plugin';
import { exitProcess, installProcessExitGuard } from './processGuard';
import { runWorkspaceScan } from './scanRunner';
import { LintScheduler } from './scheduler';
import { SettingsStore } from './settingsStore';
import { WorkspaceFolders } from './workspaceFolders';

/** Delay between the last keystroke and the lint. */
const TYPING_DEBOUNCE_MS = 250;
/** Files whose change resets cached workspace knowledge (configs, projects, ignores). */
const CONFIG_FILE = /(^|[\\/])(tsconfig[^\\/]*\.json|jsconfig[^\\/]*\.json|eslint\.config\.[cm]?[jt]s|package\.json|\.eslintignore)$/;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

type Trigger = 'open' | 'change' | 'save' | 'refresh';

installProcessExitGuard();
const connection = createConnection(ProposedFeatures.all);
const logger = new Logger((line) => connection.console.log(line));
redirectConsole(logger);
process.on('uncaughtException', (error) => logger.once(`uncaught:${String(error)}`, `Unexpected error (server keeps running): ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => logger.once(`rejection:${String(reason)}`, `Unhandled rejection (server keeps running): ${String(reason)}`));

const documents = new TextDocuments(TextDocument);
const folders = new WorkspaceFolders();
const records = new Map<string, DocumentRecord>();
const scannedUris = new Set<string>();
const justOpened = new Set<string>();
let trusted = true;
let canFetchConfiguration = false;
let canRegisterConfiguration = false;
let canRegisterWatchers = false;
let canShowDocument = false;
let canWatchFolders = false;
let typeCachesDirty: NodeJS.Timeout | undefined;
/** Bumped when settings or workspace files change: results computed before are dropped. */
let generation = 0;

const settings = new SettingsStore(
  (uri) => (canFetchConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'loopguard' }) : Promise.resolve(undefined)),
  (problems) => { for (const problem of problems) logger.once(`settings:${problem}`, problem); },
);
const service = new LintService(folders, () => trusted, logger);
const scheduler = new LintScheduler<Trigger>(async (uri, trigger) => { await lintOpenDocument(uri, trigger); });

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  trusted = options.workspaceTrusted !== false;
  const capabilities = params.capabilities;
  canFetchConfiguration = capabilities.workspace?.configuration === true;
  canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  canRegisterWatchers = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  canShowDocument = capabilities.window?.showDocument?.support === true;
  canWatchFolders = capabilities.workspace?.workspaceFolders === true;
  const folderUris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folders.set(folderUris);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] },
      executeCommandProvider: { commands: Object.values(ServerCommands) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'loopguard', version: loopguardPlugin.meta.version },
  };
});

connection.onInitialized(() => {
  if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'loopguard' });
  if (canRegisterWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/{tsconfig*.json,jsconfig*.json,package.json,.eslintignore}' },
        { globPattern: '**/eslint.config.{js,mjs,cjs,ts,mts,cts}' },
        { globPattern: '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}' },
      ],
    });
  }
  if (canWatchFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      folders.update(event.added.map((f) => f.uri), event.removed.map((f) => f.uri));
      service.clearWorkspaceCaches();
      relintOpenDocuments();
    });
  }
  logger.info(
    `Loopguard server ${loopguardPlugin.meta.version} ready: ${ruleIds.size} rule(s), ${trusted ? 'trusted' : 'untrusted (bundled rules only, syntactic mode)'} workspace, folders: ${folders.all().join(', ') || '(none)'}`,
  );
});

connection.onDidChangeConfiguration((change) => {
  settings.setPushed(change.settings);
  logger.reset();
  relintOpenDocuments();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (changes.some((change) => CONFIG_FILE.test(change.uri))) {
    service.clearWorkspaceCaches();
    clearTypeScriptEslintCaches();
    relintOpenDocuments();
    return;
  }
  // A source file changed outside the editor: the type information of open files may be stale.
  if (changes.some((change) => SOURCE_FILE.test(change.uri) && !documents.get(change.uri))) {
    clearTimeout(typeCachesDirty);
    typeCachesDirty = setTimeout(() => {
      clearTypeScriptEslintCaches();
      relintOpenDocuments();
    }, 1000);
  }
});

documents.onDidOpen(({ document }) => {
  justOpened.add(document.uri);
  scheduler.schedule(document.uri, 0, 'open');
});
documents.onDidChangeContent(({ document }) => {
  if (justOpened.delete(document.uri)) return; // the open already scheduled a lint
  scheduler.schedule(document.uri, TYPING_DEBOUNCE_MS, 'change');
});
documents.onDidSave(({ document }) => scheduler.schedule(document.uri, 0, 'save'));
documents.onDidClose(({ document }) => {
  scheduler.cancel(document.uri);
  justOpened.delete(document.uri);
  records.delete(document.uri);
  service.forgetDocument(document.uri);
  // A file the workspace scan reported keeps its (disk) problems; others are cleared.
  if (!scannedUris.has(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

/** Lints an open document from its buffer and publishes the result; resolves with the number of problems published. */
async function lintOpenDocument(uri: string, trigger: Trigger): Promise<number | undefined> {
  const doc = documents.get(uri);
  if (!doc) return undefined;
  const startedIn = generation;
  try {
    const documentSettings = await settings.get(uri);
    if (trigger === 'change' && documentSettings.run === 'onSave') return undefined;
    if (documents.get(uri)?.version !== doc.version) return undefined; // a newer lint is scheduled
    const analysis = await service.analyse(doc, documentSettings, (preliminary) => publishWhileProjectLoads(doc, preliminary, startedIn));
    // Stale: the text changed meanwhile, or the settings did (a newer lint is scheduled in both cases).
    if (documents.get(uri)?.version !== doc.version || generation !== startedIn) return undefined;
    publish(doc, analysis);
    return analysis.diagnostics.length;
  } catch (error) {
    logger.once(`lint:${uri}:${String(error)}`, `Linting ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    void connection.sendNotification(StatusNotification.type, {
      uri, state: 'error', mode: 'syntactic', lintedAt: new Date().toISOString(), message: 'linting failed; see the Loopguard output',
    });
    return undefined;
  }
}

function publish(doc: TextDocument, analysis: Analysis): void {
  if (analysis.record) records.set(doc.uri, analysis.record);
  else records.delete(doc.uri);
  // The status first: a client that reacts to the diagnostics then already knows how they came about.
  void connection.sendNotification(StatusNotification.type, analysis.status);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: analysis.diagnostics });
}

/**
 * The syntactic diagnostics of a document whose TypeScript project loads for its first type-aware lint
 * (the status says "loading project …"). Resolves once they are on their way, before the load starts.
 */
async function publishWhileProjectLoads(doc: TextDocument, preliminary: Analysis, startedIn: number): Promise<void> {
  if (documents.get(doc.uri)?.version !== doc.version || generation !== startedIn) return;
  publish(doc, preliminary);
  await new Promise((resolve) => setImmediate(resolve));
}

function relintOpenDocuments(): void {
  generation++;
  settings.clear();
  for (const doc of documents.all()) scheduler.schedule(doc.uri, 0, 'refresh');
}

connection.onCodeAction(async ({ textDocument, context }) => {
  const doc = documents.get(textDocument.uri);
  if (!doc) return [];
  const only = context.only;
  const wants = (kind: string) => only === undefined || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) actions.push(...quickFixes(doc, context.diagnostics, records.get(doc.uri)));
  // The source action runs only when asked for by kind (editor.codeActionsOnSave, "Fix all").
  if (only !== undefined && wants(FIX_ALL_CODE_ACTION_KIND)) {
    const version = doc.version;
    const edits = await service.fixAll(doc, await settings.get(doc.uri));
    // Refuse to answer for a version that is no longer current.
    if (edits && edits.length > 0 && documents.get(doc.uri)?.version === version) {
      actions.push({ title: 'Fix all auto-fixable Loopguard problems', kind: FIX_ALL_CODE_ACTION_KIND, edit: versionedEdit(doc, edits) });
    }
  }
  return actions;
});

connection.onExecuteCommand(async ({ command, arguments: args }) => {
  switch (command) {
    case ServerCommands.fixAll:
    case ServerCommands.fixAllForRule: {
      const target = (args?.[0] ?? {}) as { uri?: unknown; version?: unknown; ruleId?: unknown };
      const doc = typeof target.uri === 'string' ? documents.get(target.uri) : undefined;
      if (!doc) return { applied: false, reason: 'document not open' };
      if (typeof target.version === 'number' && target.version !== doc.version) {
        logger.info(`Fix all refused for ${doc.uri}: version ${String(target.version)} is stale (now ${doc.version})`);
        return { applied: false, reason: 'stale version' };
      }
      const onlyRule = command === ServerCommands.fixAllForRule && typeof target.ruleId === 'string' ? target.ruleId : undefined;
      const version = doc.version;
      const edits = await service.fixAll(doc, await settings.get(doc.uri), onlyRule);
      if (!edits || edits.length === 0 || documents.get(doc.uri)?.version !== version) return { applied: false, reason: edits ? 'nothing to fix' : 'not linted' };
      const result = await connection.workspace.applyEdit({ label: 'Loopguard: fix all', edit: versionedEdit(doc, edits) });
      return { applied: result.applied };
    }
    case ServerCommands.showDocumentation: {
      const url = args?.[0];
      if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return { shown: false };
      if (canShowDocument) return connection.window.showDocument({ uri: url, external: true });
      logger.info(`Documentation: ${url}`);
      return { shown: false };
    }
    default:
      return undefined;
  }
});

connection.onRequest(AsyncOutlineRequest.method, async (params: AsyncOutlineParams): Promise<AsyncOutlineResult | null> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  return service.outline(doc, await settings.get(doc.uri));
});

connection.onRequest(ScanWorkspaceRequest.type, (params, token) =>
  runWorkspaceScan(params, token, {
    connection, documents, folders, settings, service, scannedUris,
    lintOpen: async (uri) => (await lintOpenDocument(uri, 'refresh')) ?? 0,
  }),
);

let shutdownRequested = false;
connection.onShutdown(() => {
  shutdownRequested = true;
  scheduler.cancelAll();
});
// Exit even when a config file is being loaded under the process.exit guard.
connection.onExit(() => exitProcess(shutdownRequested ? 0 : 1));

documents.listen(connection);
connection.listen();

/** Output of `console.*` (from rules or libraries) goes to the log, never to a stdio transport. */
function redirectConsole(target: Logger): void {
  const write = (...parts: unknown[]) => target.once(`console:${parts.map(String).join(' ').slice(0, 200)}`, parts.map(String).join(' '));
  console.log = write;
  console.info = write;
  console.warn = write;
  console.error = write;
  console.debug = write;
}
