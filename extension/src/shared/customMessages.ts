/**
 * The custom messages between the Loopguard client and server, one namespace per message.
 * Only `vscode-languageserver-protocol` types are used here, so both bundles (and other
 * editors' clients) can rely on the same shapes.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type LintMode = 'syntactic' | 'typeAware';

/** Why a file was not linted. */
export type SkipReason = 'tooLarge' | 'minified' | 'binary' | 'disabled' | 'unsupported' | 'ignored';

export interface StatusParams {
  /** The document this status is about. */
  uri: string;
  /** `ok`: linted; `warn`: skipped, over the time budget, or not parsable; `error`: linting failed. */
  state: 'ok' | 'warn' | 'error';
  mode: LintMode;
  /** Milliseconds the last lint of this document took (absent when it was not linted). */
  durationMs?: number;
  /** ISO time stamp of the last lint. */
  lintedAt: string;
  /** Set when the document was skipped. */
  skipped?: SkipReason;
  /** Set when the last lint took longer than the time budget (never for the first type-aware lint of a project). */
  budgetExceeded?: boolean;
  /**
   * Set while the TypeScript project of the document loads for its first type-aware lint: the project's
   * name (its folder). The diagnostics published with this status are the syntactic ones; the type-aware
   * ones follow with a new status.
   */
  loadingProject?: string;
  /** Where the rule settings came from: VS Code settings or the workspace's ESLint config. */
  configSource?: 'settings' | 'eslintConfig';
  /** A short human-readable explanation of a `warn` or `error` state, or of the mode. */
  message?: string;
}

/** Sent by the server after each lint (or skip) of a document. */
export namespace StatusNotification {
  export const method = 'loopguard/status' as const;
  export const type = new NotificationType<StatusParams>(method);
}

export interface ScanWorkspaceParams {
  /** Folder URIs to scan; all workspace folders when absent. */
  folders?: string[];
}

export interface ScanWorkspaceResult {
  filesLinted: number;
  filesSkipped: number;
  problems: number;
  cancelled: boolean;
  durationMs: number;
}

/**
 * Lints every JavaScript/TypeScript file of the workspace from disk and publishes diagnostics
 * for each. Cancellable with the normal LSP `$/cancelRequest`; progress comes as
 * {@link ScanProgressNotification}.
 */
export namespace ScanWorkspaceRequest {
  export const method = 'loopguard/scanWorkspace' as const;
  export const type = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>(method);
}

export interface ScanProgressParams {
  done: number;
  total: number;
  /** The file being linted (a URI). */
  current?: string;
}

/** Progress of a running {@link ScanWorkspaceRequest}. */
export namespace ScanProgressNotification {
  export const method = 'loopguard/scanProgress' as const;
  export const type = new NotificationType<ScanProgressParams>(method);
}

/** Commands the server executes (`workspace/executeCommand`), usable from any LSP client. */
export const ServerCommands = {
  /** Arguments: `[{ uri: string, version: number }]`. Applies every auto-fix of the document. */
  fixAll: 'loopguard.server.fixAll',
  /** Arguments: `[{ uri: string, version: number, ruleId: string }]`. Applies the fixes of one rule. */
  fixAllForRule: 'loopguard.server.fixAllForRule',
  /** Arguments: `[url: string]`. Opens a rule's documentation through `window/showDocument`. */
  showDocumentation: 'loopguard.server.showDocumentation',
} as const;

/** The code action kind for `editor.codeActionsOnSave`. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.loopguard';

/** Options a client may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted (defaults to true for clients that have no notion of trust). */
  workspaceTrusted?: boolean;
}
