import * as path from 'node:path';

import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { AsyncOutline } from '../../../eslint-plugin/src/outline';
import type { StatusParams } from '../shared/customMessages';
import type { AsyncOutlineResult } from '../shared/outlineMessages';
import type { Analysis } from './analysis';
import { computeEdits } from './diff';
import { toDiagnostics } from './diagnostics';
import { describeSkip, skipReason } from './fileSkip';
import { lintTargetFor } from './fileKinds';
import { LintEngine, type LintInput, type LintResult } from './lintEngine';
import { attachProblems } from './outlineProblems';
import { createCollector, outlineOptionsFromRules } from './outline';
import { presetRules, ruleIds } from './plugin';
import { ruleDocsUrl } from './ruleCatalog';
import { resolveRules } from './ruleConfig';
import type { LintContext } from './workerProtocol';
import { WorkspaceConfigReader, type WorkspaceCodeWatch } from './workspaceConfig';
import { WorkspaceFolders } from './workspaceFolders';

/** Linting slower than this shows a warning in the status item. */
export const LINT_TIME_BUDGET_MS = 1500;

type Prepared =
  | { kind: 'skip'; status: StatusParams }
  | { kind: 'lint'; input: LintInput; configSource: 'settings' | 'eslintConfig'; typeAwareReason?: string; configNote?: string };

/**
 * Turns a document (open buffer or file read from disk) into diagnostics, a status and, when asked,
 * the task inspector's outline of the same pass; computes fix-all edits. Runs in a lint worker and
 * knows nothing about the connection: the main thread publishes the results.
 */
export class LintService {
  private readonly engine = new LintEngine();
  private readonly workspaceConfig: WorkspaceConfigReader;
  private readonly folders = new WorkspaceFolders();
  private readonly log: (key: string, message: string) => void;
  /** Project folders (`TypeAwareDecision.projectDir`) this worker has loaded for a type-aware lint. */
  private readonly loadedProjects = new Set<string>();

  constructor(log: (key: string, message: string) => void, watch?: WorkspaceCodeWatch) {
    this.log = log;
    this.workspaceConfig = new WorkspaceConfigReader(log, watch);
  }

  /**
   * Lints the document (and builds its outline in the same pass when asked). The first type-aware lint
   * of a TypeScript project in this worker loads the project (seconds in a large one): it is not held
   * against the time budget; later ones are.
   */
  async analyse(doc: TextDocument, context: LintContext, withOutline = false): Promise<Analysis> {
    const prepared = await this.prepare(doc, context);
    if (prepared.kind === 'skip') {
      const outline = withOutline ? { uri: doc.uri, version: doc.version, units: [], emptyReason: emptyReasonOf(prepared.status) } : undefined;
      return { diagnostics: [], status: prepared.status, ...(outline ? { outline } : {}) };
    }
    const settings = context.settings;
    const collector = withOutline ? createCollector(outlineOptionsFromRules(prepared.input.rules)) : undefined;
    const started = performance.now();
    const result = this.engine.lint(collector ? { ...prepared.input, outlineCollector: collector } : prepared.input);
    const durationMs = Math.round(performance.now() - started);
    const { diagnostics, record } = toDiagnostics(result.messages, doc);
    const project = prepared.input.typeAware ? context.typeAware.projectDir : undefined;
    const budgeted = project === undefined || this.loadedProjects.has(project);
    if (project !== undefined) this.loadedProjects.add(project);

    // A syntax error makes the type-aware attempt fall back too: the mode stays the one the file is linted in.
    const mode = result.parseError && prepared.input.typeAware ? 'typeAware' : result.mode;
    const status: StatusParams = {
      uri: doc.uri, state: 'ok', mode, durationMs, lintedAt: new Date().toISOString(), configSource: prepared.configSource,
    };
    const notes: string[] = [];
    for (const { ruleId, message } of result.ruleErrors) {
      status.state = 'error';
      notes.push(`${ruleId} failed and was skipped`);
      this.log(`rule:${ruleId}:${firstLine(message)}`, `Rule ${ruleId} failed on ${doc.uri}: ${message}`);
    }
    for (const { ruleId, message } of result.invalidOptions) {
      if (status.state === 'ok') status.state = 'warn';
      notes.push(`invalid options for ${ruleId} (defaults used)`);
      this.log(`options:${ruleId}:${message}`, `Invalid options for ${ruleId}, using its defaults: ${firstLine(message)}`);
    }
    if (result.ignored) {
      status.skipped = 'ignored';
      notes.push(describeSkip('ignored', settings.maxFileSize));
    }
    if (result.parseError) {
      if (status.state === 'ok') status.state = 'warn';
      notes.push(`could not parse (line ${result.parseError.line}): ${result.parseError.message}`);
    }
    const typeAwareNote = prepared.typeAwareReason ?? (result.typeAwareFallback ? `type information unavailable: ${firstLine(result.typeAwareFallback)}` : undefined);
    const notInProject = result.typeAwareFallback !== undefined && /not found by the project service|not included in/i.test(result.typeAwareFallback);
    if (result.typeAwareFallback) {
      this.log(`typed:${doc.uri}`, `Linting ${doc.uri} without type information: ${firstLine(result.typeAwareFallback)}`);
    }
    if (budgeted && durationMs > LINT_TIME_BUDGET_MS) {
      status.budgetExceeded = true;
      if (status.state === 'ok') status.state = 'warn';
      notes.push(`linting took ${durationMs} ms (budget ${LINT_TIME_BUDGET_MS} ms)${result.mode === 'typeAware' ? '; loopguard.typeAware: "off" is faster' : ''}`);
    }
    // Why the mode is syntactic comes after what needs attention (the status item shows the first note).
    if (typeAwareNote && result.mode === 'syntactic') notes.push(typeAwareNote);
    if (prepared.configNote) {
      if (status.state === 'ok') status.state = 'warn';
      notes.unshift(prepared.configNote);
    }
    if (notes.length > 0) status.message = notes.join('; ');
    const outline = collector ? outlineOf(doc, result, collector.take()) : undefined;
    return { diagnostics, record, status, ...(outline ? { outline } : {}), ...(notInProject ? { notInProject } : {}) };
  }

  /**
   * The edits that apply every fix (of one rule, or of all rules) to the current text: the
   * document is linted again with fixes and the result diffed, never pieced together from
   * earlier results. Undefined when the document is skipped or cannot be parsed.
   */
  async fixAll(doc: TextDocument, context: LintContext, onlyRule?: string): Promise<TextEdit[] | undefined> {
    const prepared = await this.prepare(doc, context);
    if (prepared.kind === 'skip') return undefined;
    const text = doc.getText();
    const result = this.engine.fix({ ...prepared.input, onlyRule });
    if (result.parseError || result.output === text) return result.parseError ? undefined : [];
    return computeEdits(text, result.output).map((edit) => ({
      range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) },
      newText: edit.newText,
    }));
  }

  /** Forget the workspace's ESLint configs (a config file or package.json changed). */
  clearWorkspaceCaches(): void {
    this.workspaceConfig.clear();
    this.loadedProjects.clear();
  }

  /** TypeScript's caches were cleared: the next type-aware lint of each project loads it again. */
  clearTypeCaches(): void {
    this.loadedProjects.clear();
  }

  /** Lets the last linted file's syntax tree be collected (after its result has been sent). */
  releaseLastFile(): void {
    this.engine.releaseLastFile();
  }

  private async prepare(doc: TextDocument, context: LintContext): Promise<Prepared> {
    const settings = context.settings;
    this.folders.setRoots(context.folders);
    const base = { uri: doc.uri, lintedAt: new Date().toISOString(), mode: 'syntactic' as const };
    if (!settings.enable) return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'disabled', message: describeSkip('disabled', settings.maxFileSize) } };
    const target = lintTargetFor(doc.uri, doc.languageId, this.folders.all()[0] ?? process.cwd());
    if (!target) return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'unsupported', message: describeSkip('unsupported', settings.maxFileSize) } };
    const text = doc.getText();
    const skip = skipReason(text, path.basename(target.lintPath), settings.maxFileSize);
    if (skip) return { kind: 'skip', status: { ...base, state: 'warn', skipped: skip, message: describeSkip(skip, settings.maxFileSize) } };

    const folder = target.realPath === undefined ? undefined : this.folders.folderOf(target.realPath);
    let eslintConfigRules: LintContext['settings']['rules'] | undefined;
    const readsConfig = context.trusted && settings.useESLintConfig && target.realPath !== undefined && folder !== undefined;
    // A config that timed out or ended a worker is not loaded again until it changes; the status says why.
    const configNote = readsConfig ? context.blockedConfigs[folder!] : undefined;
    if (readsConfig && configNote === undefined) {
      const fromWorkspace = await this.workspaceConfig.rulesFor(target.realPath!, folder!);
      if (fromWorkspace.ignored && settings.configPriority === 'eslintConfig') {
        return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'ignored', message: describeSkip('ignored', settings.maxFileSize), configSource: 'eslintConfig' } };
      }
      eslintConfigRules = fromWorkspace.rules;
    }
    const { rules, source } = resolveRules({
      ruleIds, preset: presetRules(settings.preset), settings: settings.rules, eslintConfig: eslintConfigRules, priority: settings.configPriority,
    });
    const decision = context.typeAware;
    return {
      kind: 'lint',
      input: {
        text, filePath: target.lintPath, rules, typeAware: decision.tsconfigRootDir ? { tsconfigRootDir: decision.tsconfigRootDir } : undefined,
        // The project root the rules read folder conventions from; untitled documents are placed in the first folder.
        cwd: folder ?? this.folders.folderOf(target.lintPath),
      },
      configSource: source,
      typeAwareReason: decision.reason ? `syntactic: ${decision.reason}` : undefined,
      configNote,
    };
  }
}

/**
 * The outline of one lint pass, with every diagnostic of that pass on a node; says why it is empty when it
 * is. When the text does not parse it is marked `stale` (the main thread shows the last outline that parsed).
 */
function outlineOf(doc: TextDocument, result: LintResult, outline: AsyncOutline | null): AsyncOutlineResult {
  const base = { uri: doc.uri, version: doc.version, units: [] };
  if (result.parseError) {
    const reason = `Syntax error at line ${result.parseError.line}: ${result.parseError.message.replace(/^Parsing error: /, '')}`;
    return { ...base, emptyReason: reason, stale: { reason } };
  }
  if (!outline) return { ...base, emptyReason: 'The outline could not be built for this file; see the Loopguard output.' };
  const lineText = (line: number) => doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  return { ...base, summary: outline.summary, units: attachProblems(outline.units, result.messages, ruleDocsUrl, lineText) };
}

function emptyReasonOf(status: StatusParams): string {
  switch (status.skipped) {
    case 'unsupported':
      return 'Not a JavaScript or TypeScript file.';
    case 'disabled':
      return 'Loopguard is disabled for this file (loopguard.enable).';
    default:
      return status.message ? `${status.message.charAt(0).toUpperCase()}${status.message.slice(1)}` : 'This file is not analysed.';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
}
