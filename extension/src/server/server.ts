/**
 * The Loopguard language server: a plain Node program (IPC, stdio or socket, as any LSP client
 * chooses) that lints JavaScript/TypeScript documents with the bundled eslint-plugin-loopguard.
 * This thread only speaks LSP; the lints (and any workspace code they load) run in worker threads
 * (`lintPool.ts`, `lintWorker.ts`), so no lint, config or plugin can block or end it.
 */
import * as path from 'node:path';

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LogMessageNotification,
  MessageType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type CodeAction,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { version as pluginVersion } from '../../../eslint-plugin/package.json';
import {
  FIX_ALL_CODE_ACTION_KIND,
  ScanWorkspaceRequest,
  ServerCommands,
  StatusNotification,
  type InitializationOptions,
} from '../shared/customMessages';
import { AsyncOutlineRequest, type AsyncOutlineParams, type AsyncOutlineResult } from '../shared/outlineMessages';
import type { Analysis } from './analysis';
import { quickFixes, versionedEdit } from './codeActions';
import type { DocumentRecord } from './diagnostics';
import { LintPool } from './lintPool';
import { Logger } from './logger';
import { RemoteLintService } from './remoteLintService';
import { setRuleCatalog } from './ruleCatalog';
import { runWorkspaceScan } from './scanRunner';
import { LintScheduler } from './scheduler';
import { SettingsStore } from './settingsStore';
import { transportFromArguments } from './transport';
import { WorkspaceFolders } from './workspaceFolders';

/** Delay between the last keystroke and the lint. */
const TYPING_DEBOUNCE_MS = 250;
/** Files whose change resets cached workspace knowledge (configs, projects, ignores). */
const CONFIG_FILE = /(^|[\\/])(tsconfig[^\\/]*\.json|jsconfig[^\\/]*\.json|eslint\.config\.[cm]?[jt]s|package\.json|\.eslintignore)$/;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

type Trigger = 'open' | 'change' | 'save' | 'refresh' | 'outline';

const transport = transportFromArguments(process.argv.slice(2));
const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
const logger = new Logger((line) => connection.console.log(line));
redirectConsole(logger);
transport.reader.onError((error) => void endConnection(`the message stream from the client is malformed (${error.message.split('\n')[0]})`));
transport.reader.onClose(() => process.exit(shutdownRequested ? 0 : 1));
process.on('uncaughtException', (error) => logger.once(`uncaught:${String(error)}`, `Unexpected error (server keeps running): ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (reason) => logger.once(`rejection:${String(reason)}`, `Unhandled rejection (server keeps running): ${String(reason)}`));

const documents = new TextDocuments(TextDocument);
const folders = new WorkspaceFolders();
const records = new Map<string, DocumentRecord>();
/** The task inspector's outline of the last lint (and what that lint was computed from), for documents it asked about. */
const outlines = new Map<string, { outline: AsyncOutlineResult; inputs: string }>();
/** The last outline of each document whose text parsed: shown again, marked stale, while the text does not parse. */
const lastParsedOutlines = new Map<string, AsyncOutlineResult>();
const outlineWanted = new Set<string>();
let clientAsksForOutlines = false;
const outlineWaiters = new Map<string, Array<{ version: number; resolve: (outline: AsyncOutlineResult | null) => void }>>();
/** The lint running for each document, aborted when a newer version or a close makes it stale. */
const runningLints = new Map<string, AbortController>();
/** What the published diagnostics of each document were computed from (version, workspace, settings). */
const publishedInputs = new Map<string, string>();
/** How many diagnostics were last published for each open document. */
const publishedCounts = new Map<string, number>();
const scannedUris = new Set<string>();
const justOpened = new Set<string>();
let trusted = true;
let canFetchConfiguration = false;
let canRegisterConfiguration = false;
let canRegisterWatchers = false;
let canShowDocument = false;
let canWatchFolders = false;
let typeCachesDirty: NodeJS.Timeout | undefined;
/** Bumped when workspace files change: results computed before are dropped. */
let workspaceGeneration = 0;
let shutdownRequested = false;

// The first lint worker starts now and loads ESLint while the client and server shake hands.
const pool = new LintPool(path.join(__dirname, 'lintWorker.js'), (key, message) => logger.once(key, message), () => documents.all().length > 1);
pool.start();
const knownRules = pool.catalog().then((catalog) => {
  setRuleCatalog(catalog);
  return new Set(catalog.ruleIds) as ReadonlySet<string>;
});
knownRules.catch((error: unknown) => logger.info(`The lint workers cannot start: ${String(error)}`));
const settings = new SettingsStore(
  (uri) => (canFetchConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'loopguard' }) : Promise.resolve(undefined)),
  (problems) => { for (const problem of problems) logger.once(`settings:${problem}`, problem); },
  () => knownRules,
);
const service = new RemoteLintService(pool, folders, () => trusted);
const scheduler = new LintScheduler<Trigger>(lintOpenDocument);

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
    serverInfo: { name: 'loopguard', version: pluginVersion },
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
      relintOpenDocuments(true);
    });
  }
  void knownRules.then((ruleIds) => logger.info(
    `Loopguard server ${pluginVersion} ready: ${ruleIds.size} rule(s), ${trusted ? 'trusted' : 'untrusted (bundled rules only, syntactic mode)'} workspace, folders: ${folders.all().join(', ') || '(none)'}`,
  ));
});

connection.onDidChangeConfiguration((change) => {
  settings.setPushed(change.settings);
  logger.reset();
  relintOpenDocuments();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (changes.some((change) => CONFIG_FILE.test(change.uri))) {
    service.clearWorkspaceCaches();
    relintOpenDocuments(true);
    return;
  }
  // A source file changed outside the editor: the type information of open files may be stale.
  if (changes.some((change) => SOURCE_FILE.test(change.uri) && !documents.get(change.uri))) {
    clearTimeout(typeCachesDirty);
    typeCachesDirty = setTimeout(() => {
      service.clearTypeCaches();
      relintOpenDocuments(true);
    }, 1000);
  }
});

documents.onDidOpen(({ document }) => {
  justOpened.add(document.uri);
  scheduler.schedule(document.uri, 0, 'open');
});
documents.onDidChangeContent(({ document }) => {
  runningLints.get(document.uri)?.abort(); // its result would be for an older version
  if (justOpened.delete(document.uri)) return; // the open already scheduled a lint
  scheduler.schedule(document.uri, TYPING_DEBOUNCE_MS, 'change');
});
documents.onDidSave(({ document }) => scheduler.schedule(document.uri, 0, 'save'));
documents.onDidClose(({ document }) => {
  scheduler.cancel(document.uri);
  runningLints.get(document.uri)?.abort();
  justOpened.delete(document.uri);
  records.delete(document.uri);
  publishedInputs.delete(document.uri);
  publishedCounts.delete(document.uri);
  forgetOutline(document.uri);
  // A file the workspace scan reported keeps its (disk) problems; others are cleared.
  if (!scannedUris.has(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
});

async function lintOpenDocument(uri: string, trigger: Trigger): Promise<void> {
  const doc = documents.get(uri);
  if (!doc) return;
  const controller = new AbortController();
  try {
    const documentSettings = await settings.get(uri);
    if (trigger === 'change' && documentSettings.run === 'onSave') return;
    if (documents.get(uri)?.version !== doc.version) return; // a newer lint is scheduled
    // The task inspector follows the active editor: once it has asked for outlines, a document that
    // opens is most likely the one it asks about next, so its first lint builds the outline too.
    const withOutline = outlineWanted.has(uri) || (trigger === 'open' && clientAsksForOutlines);
    const inputs = lintInputs(doc, documentSettings);
    // A settings refresh that changed nothing for this document (VS Code sends one when the server
    // registers for configuration changes) must not lint it again: a 1 MB file takes seconds.
    if (trigger === 'refresh' && publishedInputs.get(uri) === inputs && (!withOutline || outlines.get(uri)?.inputs === inputs)) return;
    runningLints.set(uri, controller);
    const onProjectLoading = (preliminary: Analysis) => {
      if (documents.get(uri)?.version === doc.version && !controller.signal.aborted) publishDiagnostics(doc, preliminary);
    };
    const analysis = await service.analyse(doc, documentSettings, { withOutline, signal: controller.signal, onProjectLoading });
    // Stale: the text changed meanwhile, or the settings or the workspace did (a newer lint is scheduled in each case).
    if (!analysis || documents.get(uri)?.version !== doc.version || lintInputs(doc, await settings.get(uri)) !== inputs) return;
    publish(doc, analysis, inputs);
  } catch (error) {
    logger.once(`lint:${uri}:${String(error)}`, `Linting ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
    const message = `linting failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    void connection.sendNotification(StatusNotification.type, { uri, state: 'error', mode: 'syntactic', lintedAt: new Date().toISOString(), message });
    resolveOutlineWaiters(uri, { uri, version: doc.version, units: [], emptyReason: `The outline could not be built: ${message}.` });
  } finally {
    if (runningLints.get(uri) === controller) runningLints.delete(uri);
  }
}

/** Everything a document's diagnostics depend on, as one string. */
function lintInputs(doc: TextDocument, documentSettings: unknown): string {
  return `${doc.version}|${workspaceGeneration}|${JSON.stringify(documentSettings)}`;
}

function publish(doc: TextDocument, analysis: Analysis, inputs: string): void {
  publishedInputs.set(doc.uri, inputs);
  if (analysis.outline) {
    const outline = keepLastParsed(analysis.outline);
    outlines.set(doc.uri, { outline, inputs });
    resolveOutlineWaiters(doc.uri, outline);
  }
  publishDiagnostics(doc, analysis);
}

/**
 * A lint's status, diagnostics and quick fixes (also those of the lint without types that is shown while
 * a TypeScript project loads for the first type-aware lint: its status says "loading project …").
 */
function publishDiagnostics(doc: TextDocument, analysis: Analysis): void {
  if (analysis.record) records.set(doc.uri, analysis.record);
  else records.delete(doc.uri);
  publishedCounts.set(doc.uri, analysis.diagnostics.length);
  // The status first: a client that reacts to the diagnostics then already knows how they came about.
  void connection.sendNotification(StatusNotification.type, analysis.status);
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: analysis.diagnostics });
}

/** While the text does not parse, the last outline that parsed stays, marked stale. */
function keepLastParsed(outline: AsyncOutlineResult): AsyncOutlineResult {
  if (!outline.stale) {
    lastParsedOutlines.set(outline.uri, outline);
    return outline;
  }
  const last = lastParsedOutlines.get(outline.uri);
  if (!last) return outline;
  return { ...last, version: outline.version, stale: { reason: outline.stale.reason, staleVersion: last.version } };
}

/** Lints every open document again; `workspaceChanged` when files the lints read changed (configs, tsconfigs). */
function relintOpenDocuments(workspaceChanged = false): void {
  if (workspaceChanged) workspaceGeneration++;
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

// The outline comes from the lint of the current version (one pass for diagnostics and outline):
// from then on this document's lints build it too, and the request waits for the next one if needed.
connection.onRequest(AsyncOutlineRequest.method, async (params: AsyncOutlineParams, token: CancellationToken): Promise<AsyncOutlineResult | null> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  outlineWanted.add(doc.uri);
  clientAsksForOutlines = true;
  const cached = outlines.get(doc.uri);
  if (cached && cached.inputs === lintInputs(doc, await settings.get(doc.uri))) return cached.outline;
  return new Promise((resolve) => {
    const waiters = outlineWaiters.get(doc.uri) ?? [];
    waiters.push({ version: doc.version, resolve });
    outlineWaiters.set(doc.uri, waiters);
    token.onCancellationRequested(() => resolve(null));
    scheduler.schedule(doc.uri, 0, 'outline');
  });
});

function resolveOutlineWaiters(uri: string, outline: AsyncOutlineResult): void {
  const waiters = outlineWaiters.get(uri) ?? [];
  const waiting = waiters.filter((waiter) => waiter.version > outline.version);
  for (const waiter of waiters) if (waiter.version <= outline.version) waiter.resolve(outline);
  if (waiting.length > 0) outlineWaiters.set(uri, waiting);
  else outlineWaiters.delete(uri);
}

function forgetOutline(uri: string): void {
  outlineWanted.delete(uri);
  outlines.delete(uri);
  lastParsedOutlines.delete(uri);
  for (const waiter of outlineWaiters.get(uri) ?? []) waiter.resolve(null);
  outlineWaiters.delete(uri);
}

connection.onRequest(ScanWorkspaceRequest.type, (params, token) =>
  runWorkspaceScan(params, token, {
    connection, documents, folders, settings, service, scannedUris,
    // Counted like any other file, so the scan's count matches what the editor shows.
    lintOpen: async (uri) => {
      scheduler.schedule(uri, 0, 'refresh');
      await scheduler.idle(uri);
      return publishedCounts.get(uri) ?? 0;
    },
  }),
);

connection.onShutdown(() => {
  shutdownRequested = true;
  scheduler.cancelAll();
  pool.dispose();
});
connection.onExit(() => process.exit(shutdownRequested ? 0 : 1));

documents.listen(connection);
connection.listen();

/**
 * A reader error means the stream lost its framing (a header such as `Content-Length: abc`): every
 * later message would be misread, so the server says why and exits, and the client's restart
 * policy starts a fresh one.
 */
async function endConnection(reason: string): Promise<void> {
  const line = `Loopguard server: ${reason}; closing the connection so that the client can restart the server.`;
  process.stderr.write(`${line}\n`);
  pool.dispose();
  try {
    await Promise.race([connection.sendNotification(LogMessageNotification.type, { type: MessageType.Error, message: line }), delay(1000)]);
  } finally {
    process.exit(1);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Output of `console.*` (from libraries) goes to the log, never to a stdio transport. */
function redirectConsole(target: Logger): void {
  const write = (...parts: unknown[]) => target.once(`console:${parts.map(String).join(' ').slice(0, 200)}`, parts.map(String).join(' '));
  console.log = write;
  console.info = write;
  console.warn = write;
  console.error = write;
  console.debug = write;
}
