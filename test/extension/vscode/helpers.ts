import * as vscode from 'vscode';

export const EXTENSION_ID = 'loopguard.loopguard';
export const SOURCE = 'loopguard';
const DEFAULT_WAIT_MS = 60_000;

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (test/extension/fixtures/workspace)');
  return folder.uri;
}

export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), relativePath);
}

let fileCounter = 0;

/** Writes `text` to a new file of the (throw-away) workspace and shows it in an editor. */
export async function openNewFile(baseName: string, text: string): Promise<vscode.TextEditor> {
  fileCounter += 1;
  const [stem, extension] = splitExtension(baseName);
  const uri = fixtureUri(`generated/${stem}-${fileCounter}${extension}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return showFile(uri);
}

export async function showFile(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

export function loopguardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** The rule id of a diagnostic (`code` is either a string or `{ value, target }`). */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/**
 * Resolves with Loopguard's diagnostics for `uri` once `accept` returns true for them, checking the
 * current state first and then on every `onDidChangeDiagnostics` for that file (never by sleeping).
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = DEFAULT_WAIT_MS): Promise<vscode.Diagnostic[]> {
  return waitForEvent(
    (listener) => vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) listener();
    }),
    () => {
      const diagnostics = loopguardDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    () => `diagnostics of ${uri.path}: ${JSON.stringify(loopguardDiagnostics(uri).map(describe))}`,
    timeoutMs,
  );
}

/** Waits until `probe` returns a value, re-checking whenever `subscribe`'s event fires. */
export function waitForEvent<T>(subscribe: (listener: () => void) => vscode.Disposable, probe: () => T | undefined,
  describeState: () => string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let subscription: vscode.Disposable | undefined;
    const timer = setTimeout(() => {
      subscription?.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms; last state: ${describeState()}`));
    }, timeoutMs);
    const check = (): boolean => {
      const value = probe();
      if (value === undefined) return false;
      clearTimeout(timer);
      subscription?.dispose();
      resolve(value);
      return true;
    };
    subscription = subscribe(() => { check(); });
    check();
  });
}

/** Waits for the document's text to satisfy `accept` (e.g. after a save participant ran). */
export function waitForText(document: vscode.TextDocument, accept: (text: string) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<string> {
  return waitForEvent(
    (listener) => vscode.workspace.onDidChangeTextDocument((event) => { if (event.document === document) listener(); }),
    () => (accept(document.getText()) ? document.getText() : undefined),
    () => JSON.stringify(document.getText()),
    timeoutMs,
  );
}

export function describe(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${ruleOf(diagnostic)} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.message}`;
}

export async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  // providers may return bare commands too; those have a string `command`
  return (actions ?? []).filter((action): action is vscode.CodeAction => typeof action.command !== 'string');
}

/** Applies a code action the way the lightbulb does: its edit first, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) throw new Error(`the edit of "${action.title}" was not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Sets a workspace setting for the duration of `body`, then puts the previous value back. */
export async function withWorkspaceSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const configuration = vscode.workspace.getConfiguration(section);
  const previous = configuration.inspect(key)?.workspaceValue;
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration(section).update(key, previous, vscode.ConfigurationTarget.Workspace);
  }
}

/**
 * Reverts what a test left unsaved (so closing never asks and no fixture changes on disk), then closes every editor.
 * Only the tests' own documents (new untitled files, files of the workspace) are reverted: the workbench keeps
 * documents of its own (the user's settings.json of a fresh profile among them) that the extension host may list
 * before they exist, and showing one fails; one that cannot be shown is left to `closeAllEditors`.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty || (document.uri.scheme !== 'untitled' && !vscode.workspace.getWorkspaceFolder(document.uri))) continue;
    try {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } catch (error) {
      console.log(`closeAllEditors: could not revert ${document.uri.toString()}: ${(error as Error).message}`);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The first lint waits for the extension to activate and the server to start (slow on a busy machine). */
const FIRST_LINT_WAIT_MS = 180_000;
let serverReady: Promise<void> | undefined;

/**
 * Resolves once the server has linted the fixture file for the first time. Suites call it in
 * `suiteSetup` (with a long timeout) so their own tests measure Loopguard, not its start-up.
 */
export function ensureServerReady(): Promise<void> {
  serverReady ??= (async () => {
    const editor = await showFile(fixtureUri('blocking.js'));
    await waitForDiagnostics(editor.document.uri, (diagnostics) => diagnostics.length > 0, FIRST_LINT_WAIT_MS);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  })();
  return serverReady;
}

/** For `suiteSetup`: waits for the server with a timeout long enough for its start-up. */
export async function suiteSetupServer(this: Mocha.Context): Promise<void> {
  this.timeout(FIRST_LINT_WAIT_MS + 30_000);
  await ensureServerReady();
}

/** The one Loopguard diagnostic of `rule` in `uri`, once the server has published it. */
export async function singleDiagnostic(uri: vscode.Uri, rule: string, timeoutMs = DEFAULT_WAIT_MS): Promise<vscode.Diagnostic> {
  const diagnostics = await waitForDiagnostics(uri, (current) => current.some((d) => ruleOf(d) === rule), timeoutMs);
  const ofRule = diagnostics.filter((d) => ruleOf(d) === rule);
  if (ofRule.length !== 1) throw new Error(`expected one ${rule} diagnostic, got ${JSON.stringify(ofRule.map(describe))}`);
  return ofRule[0];
}

/** The range of the first occurrence of `text` in the document. */
export function rangeOf(document: vscode.TextDocument, text: string): vscode.Range {
  const offset = document.getText().indexOf(text);
  if (offset === -1) throw new Error(`${JSON.stringify(text)} is not in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}
