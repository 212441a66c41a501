/**
 * The messages between the language server's main thread (which only speaks LSP) and its lint
 * workers (worker threads that load ESLint, the rules, TypeScript and the workspace's ESLint
 * config). Everything here is structured-cloned by `postMessage`.
 */
import type { TextEdit } from 'vscode-languageserver';

import type { LoopguardSettings } from '../shared/settings';
import type { Analysis } from './analysis';
import type { RuleCatalog } from './ruleCatalog';
import type { TypeAwareDecision } from './typeAware';

/** A document's text as one version of it (an open buffer, or a file read from disk). */
export interface LintDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** Everything a lint depends on besides the text. */
export interface LintContext {
  settings: LoopguardSettings;
  typeAware: TypeAwareDecision;
  /** Workspace folder roots (file paths). */
  folders: readonly string[];
  trusted: boolean;
  /** Workspace folders whose ESLint config must not be loaded (it timed out or ended a worker), and why. */
  blockedConfigs: Readonly<Record<string, string>>;
}

export type JobRequest =
  | { kind: 'analyse'; doc: LintDocument; context: LintContext; withOutline: boolean }
  | { kind: 'fixAll'; doc: LintDocument; context: LintContext; onlyRule?: string };

export type JobResult =
  | { kind: 'analyse'; analysis: Analysis }
  | { kind: 'fixAll'; edits: TextEdit[] | undefined };

/** Main thread → worker. */
export type ToWorker =
  | { type: 'job'; id: number; request: JobRequest }
  /** A config file, package.json or tsconfig changed (`workspace`), or files outside the editor did (`types`). */
  | { type: 'clearCaches'; workspace: boolean; types: boolean };

/** Worker → main thread. */
export type FromWorker =
  /** ESLint and the rules are loaded. */
  | { type: 'ready'; catalog: RuleCatalog }
  /** The worker's event loop took the job (a worker that never says this is stuck in workspace code). */
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; result: JobResult }
  | { type: 'failed'; id: number; message: string }
  /** A line for the output channel, logged once per `key`. */
  | { type: 'log'; key: string; message: string }
  /** Workspace code (a workspace's ESLint package or config) starts or stops running: the main thread times it. */
  | { type: 'workspaceCode'; phase: 'start'; folder: string; configFile: string }
  | { type: 'workspaceCode'; phase: 'end'; folder: string }
  /** `process.exit` was called outside a lint; `caller` is the first stack frame outside the bundle. */
  | { type: 'exiting'; code: string; caller?: string };

/** Sent as the worker's `workerData`. */
export interface WorkerOptions {
  lane: Lane;
  /** Lint a small text before saying `ready` (a spare worker: its first document should not wait for the JIT). */
  warmUp?: boolean;
}

/** Typed lints keep their TypeScript project service warm in one worker; syntactic lints use a small pool. */
export type Lane = 'syntactic' | 'typed';
