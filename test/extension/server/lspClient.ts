/**
 * A minimal LSP client for the server tests: starts the BUILT server bundle
 * (extension/dist/server.js) as a child process and talks JSON-RPC to it over stdio, the way
 * other editors do. It answers the server's requests (configuration, registrations, edits,
 * showDocument) and records what the server publishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ApplyWorkspaceEditParams,
  type CancellationToken,
  type CodeAction,
  type Command,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
} from 'vscode-languageserver-protocol/node';

import { StatusNotification, type StatusParams } from '../../../extension/src/shared/customMessages';

/** The built server; another build can be pointed at (to compare one with the other) with LOOPGUARD_SERVER_BUNDLE. */
export const SERVER_BUNDLE = process.env.LOOPGUARD_SERVER_BUNDLE ?? path.resolve(__dirname, '../../../extension/dist/server.js');
export const FIXTURES = path.resolve(__dirname, 'fixtures');

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

export interface StartOptions {
  /** Workspace folder paths. */
  folders?: string[];
  /** Settings answered for the `loopguard` section. */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  env?: NodeJS.ProcessEnv;
}

type Waiter<T> = { predicate: (value: T) => boolean; resolve: (value: T) => void };

export class TestClient {
  settings: Record<string, unknown>;
  readonly logs: string[] = [];
  readonly statuses: StatusParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  /** Every publishDiagnostics notification, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /**
   * The syntactic diagnostics published while a TypeScript project loads (their status has
   * `loadingProject`); `open`, `nextDiagnostics` and `diagnosticsUntil` wait past them.
   */
  readonly preliminary = new WeakSet<PublishDiagnosticsParams>();
  /** Errors reading the server's output (a corrupted stream); none is expected. */
  readonly streamErrors: string[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly diagnosticWaiters: Array<Waiter<PublishDiagnosticsParams>> = [];
  private readonly versions = new Map<string, number>();
  private stderr = '';
  exitCode: number | null | undefined;

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
      cwd: options.folders?.[0] ?? FIXTURES,
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (chunk: Buffer) => { client.stderr += chunk.toString(); });
    child.on('exit', (code) => { client.exitCode = code; });
    connection.onError(([error]) => { client.streamErrors.push(error.message); });

    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'loopguard' ? client.settings : null)));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      client.appliedEdits.push(params);
      return { applied: true };
    });
    connection.onRequest(ShowDocumentRequest.type, (params) => {
      client.shownDocuments.push(params);
      return { success: true };
    });
    connection.onNotification(LogMessageNotification.type, (params) => { client.logs.push(params.message); });
    connection.onNotification(StatusNotification.method, (params: StatusParams) => { client.statuses.push(params); });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.published.push(params);
      if (client.lastStatus(params.uri)?.loadingProject !== undefined) client.preliminary.add(params);
      client.diagnostics.set(params.uri, params);
      for (const waiter of [...client.diagnosticWaiters]) {
        if (waiter.predicate(params)) {
          client.diagnosticWaiters.splice(client.diagnosticWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.listen();

    const folders = options.folders ?? [];
    const initialized = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? fileUri(folders[0]) : null,
      workspaceFolders: folders.map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) })),
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, applyEdit: true, workspaceEdit: { documentChanges: true } },
        window: { showDocument: { support: true } },
        textDocument: { publishDiagnostics: { versionSupport: true }, codeAction: { dataSupport: true } },
      },
      initializationOptions: { workspaceTrusted: options.trusted ?? true },
    });
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`the server did not answer initialize within 120 s; stderr: ${client.stderr}`)), 120_000).unref();
      child.once('exit', (code) => reject(new Error(`the server exited with code ${String(code)} during initialize; stderr: ${client.stderr}`)));
    });
    await Promise.race([initialized, timeout]);
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Opens a document and resolves with its first diagnostics (past the syntactic ones published while a project loads). */
  async open(uri: string, text: string, languageId = languageOf(uri)): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return (await published).diagnostics;
  }

  /** Replaces the whole text (a new version); does not wait. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Resolves with the next diagnostics published for `uri` (for `version` when given). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 240_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor((params) => params.uri === uri && !this.preliminary.has(params) && (version === undefined || params.version === version), timeoutMs, `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`);
  }

  waitFor(predicate: (params: PublishDiagnosticsParams) => boolean, timeoutMs: number, what: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}; logs: ${this.logs.slice(-10).join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter<PublishDiagnosticsParams> = { predicate, resolve: (value) => { clearTimeout(timer); resolve(value); } };
      this.diagnosticWaiters.push(waiter);
    });
  }

  /**
   * The first diagnostics published for `uri` from now on that satisfy `predicate`. For changes
   * (like settings) after which the server relints: it may still deliver a result it computed
   * just before, but must reach the expected state.
   */
  diagnosticsUntil(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor((params) => params.uri === uri && !this.preliminary.has(params) && predicate(params.diagnostics), timeoutMs, `diagnostics for ${uri} matching ${predicate.toString()}`);
  }

  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri);
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { loopguard: settings } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<Array<CodeAction | Command>> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }).then((actions) => actions ?? []);
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  sendRequest<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    return (token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params)) as Promise<R>;
  }

  /** The last status the server sent for `uri`. */
  lastStatus(uri: string): StatusParams | undefined {
    return this.statuses.filter((status) => status.uri === uri).at(-1);
  }

  get serverStderr(): string {
    return this.stderr;
  }

  async stop(): Promise<void> {
    if (this.exitCode === undefined) {
      const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(3000)]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // The server may already be gone.
      }
      await Promise.race([exited, delay(3000)]);
      if (this.exitCode === undefined) this.process.kill();
    }
    this.connection.dispose();
  }
}

export function languageOf(uri: string): string {
  if (/\.[cm]?tsx$/.test(uri)) return 'typescriptreact';
  if (/\.[cm]?ts$/.test(uri)) return 'typescript';
  if (/\.jsx$/.test(uri)) return 'javascriptreact';
  return 'javascript';
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Applies LSP text edits (any order, non-overlapping) to a text. */
export function applyTextEdits(text: string, edits: ReadonlyArray<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
