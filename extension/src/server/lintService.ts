import * as path from 'node:path';

import type { Diagnostic, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { StatusParams } from '../shared/customMessages';
import type { AsyncOutlineResult } from '../shared/outlineMessages';
import type { LoopguardSettings } from '../shared/settings';
import { computeEdits } from './diff';
import { toDiagnostics, type DocumentRecord } from './diagnostics';
import { describeSkip, skipReason } from './fileSkip';
import { lintTargetFor } from './fileKinds';
import { LintEngine, type LintInput } from './lintEngine';
import type { Logger } from './logger';
import { attachProblems } from './outlineProblems';
import { createCollector, outlineOptionsFromRules } from './outline';
import { recommendedRules, ruleDocsUrl, ruleIds } from './plugin';
import { resolveRules } from './ruleConfig';
import { TypeAwareResolver } from './typeAware';
import { WorkspaceConfigReader } from './workspaceConfig';
import type { WorkspaceFolders } from './workspaceFolders';

/** Linting slower than this shows a warning in the status item. */
export const LINT_TIME_BUDGET_MS = 1500;

export interface Analysis {
  diagnostics: Diagnostic[];
  record?: DocumentRecord;
  status: StatusParams;
}

type Prepared =
  | { kind: 'skip'; status: StatusParams }
  | { kind: 'lint'; input: LintInput; configSource: 'settings' | 'eslintConfig'; typeAwareReason?: string; projectDir?: string };

/**
 * Turns a document (open buffer or file read from disk) into diagnostics and a status, and
 * computes fix-all edits. Knows nothing about the connection; the server publishes the results.
 */
export class LintService {
  private readonly engine = new LintEngine();
  private readonly typeAware = new TypeAwareResolver();
  private readonly workspaceConfig: WorkspaceConfigReader;
  /** Files the project service does not know (no tsconfig includes them): linted without types. */
  private readonly outsideProjects = new Set<string>();
  /** The last outline of each open document whose text parsed (shown, marked stale, while it does not). */
  private readonly lastOutlines = new Map<string, AsyncOutlineResult>();
  /** Project folders (see `TypeAwareDecision.projectDir`) a type-aware lint has loaded. */
  private readonly loadedProjects = new Set<string>();

  constructor(
    private readonly folders: WorkspaceFolders,
    private readonly trusted: () => boolean,
    private readonly logger: Logger,
  ) {
    this.workspaceConfig = new WorkspaceConfigReader((key, message) => logger.once(key, message));
  }

  /**
   * Lints the document. The first type-aware lint of a TypeScript project loads the project (seconds in a
   * large one): when `onProjectLoading` is given, the document is first linted without types and that
   * preliminary analysis handed over (its status names the project being loaded), so the user sees
   * diagnostics at once. That first type-aware lint is not held against the time budget; later ones are.
   */
  async analyse(doc: TextDocument, settings: LoopguardSettings, onProjectLoading?: (preliminary: Analysis) => Promise<void>): Promise<Analysis> {
    const prepared = await this.prepare(doc, settings);
    if (prepared.kind === 'skip') return { diagnostics: [], status: prepared.status };
    const project = prepared.input.typeAware ? prepared.projectDir : undefined;
    const loadsProject = project !== undefined && !this.loadedProjects.has(project);
    if (loadsProject && onProjectLoading) {
      const preliminary = this.lintPrepared(doc, settings, { ...prepared, input: { ...prepared.input, typeAware: undefined }, typeAwareReason: undefined }, false);
      preliminary.status.loadingProject = path.basename(project);
      preliminary.status.message = [`loading project ${path.basename(project)}…`, preliminary.status.message].filter(Boolean).join('; ');
      await onProjectLoading(preliminary);
    }
    const analysis = this.lintPrepared(doc, settings, prepared, !loadsProject);
    if (project !== undefined) this.loadedProjects.add(project);
    return analysis;
  }

  private lintPrepared(doc: TextDocument, settings: LoopguardSettings, prepared: Extract<Prepared, { kind: 'lint' }>, budgeted: boolean): Analysis {
    const started = performance.now();
    const result = this.engine.lint(prepared.input);
    const durationMs = Math.round(performance.now() - started);
    const { diagnostics, record } = toDiagnostics(result.messages, doc);

    // A syntax error makes the type-aware attempt fall back too: the mode stays the one the file is linted in.
    const mode = result.parseError && prepared.input.typeAware ? 'typeAware' : result.mode;
    const status: StatusParams = {
      uri: doc.uri, state: 'ok', mode, durationMs, lintedAt: new Date().toISOString(), configSource: prepared.configSource,
    };
    const notes: string[] = [];
    for (const { ruleId, message } of result.ruleErrors) {
      status.state = 'error';
      notes.push(`${ruleId} failed and was skipped`);
      this.logger.once(`rule:${ruleId}:${firstLine(message)}`, `Rule ${ruleId} failed on ${doc.uri}: ${message}`);
    }
    for (const { ruleId, message } of result.invalidOptions) {
      if (status.state === 'ok') status.state = 'warn';
      notes.push(`invalid options for ${ruleId} (defaults used)`);
      this.logger.once(`options:${ruleId}:${message}`, `Invalid options for ${ruleId}, using its defaults: ${firstLine(message)}`);
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
    if (result.typeAwareFallback) {
      if (/not found by the project service|not included in/i.test(result.typeAwareFallback)) this.outsideProjects.add(prepared.input.filePath);
      this.logger.once(`typed:${doc.uri}`, `Linting ${doc.uri} without type information: ${firstLine(result.typeAwareFallback)}`);
    }
    if (budgeted && durationMs > LINT_TIME_BUDGET_MS) {
      status.budgetExceeded = true;
      if (status.state === 'ok') status.state = 'warn';
      notes.push(`linting took ${durationMs} ms (budget ${LINT_TIME_BUDGET_MS} ms)${result.mode === 'typeAware' ? '; loopguard.typeAware: "off" is faster' : ''}`);
    }
    // why the mode is syntactic comes after what needs attention (the status item shows the first note)
    if (typeAwareNote && result.mode === 'syntactic') notes.push(typeAwareNote);
    if (notes.length > 0) status.message = notes.join('; ');
    return { diagnostics, record, status };
  }

  /**
   * The edits that apply every fix (of one rule, or of all rules) to the current text: the
   * document is linted again with fixes and the result diffed, never pieced together from
   * earlier results. Undefined when the document is skipped or cannot be parsed.
   */
  async fixAll(doc: TextDocument, settings: LoopguardSettings, onlyRule?: string): Promise<TextEdit[] | undefined> {
    const prepared = await this.prepare(doc, settings);
    if (prepared.kind === 'skip') return undefined;
    const text = doc.getText();
    const result = this.engine.fix({ ...prepared.input, onlyRule });
    if (result.parseError || result.output === text) return result.parseError ? undefined : [];
    return computeEdits(text, result.output).map((edit) => ({
      range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) },
      newText: edit.newText,
    }));
  }

  /**
   * The task inspector's outline of the current text, built in one lint pass with the rules, with every
   * diagnostic of that pass on a node. Says why it is empty when it is. While the text does not parse, the
   * last outline that was built for the document is returned again, marked stale.
   */
  async outline(doc: TextDocument, settings: LoopguardSettings): Promise<AsyncOutlineResult> {
    const base = { uri: doc.uri, version: doc.version, units: [] };
    const prepared = await this.prepare(doc, settings);
    if (prepared.kind === 'skip') return { ...base, emptyReason: emptyReasonOf(prepared.status) };
    const collector = createCollector(outlineOptionsFromRules(prepared.input.rules));
    const result = this.engine.lint({ ...prepared.input, outlineCollector: collector });
    if (result.parseError) {
      const reason = `Syntax error at line ${result.parseError.line}: ${result.parseError.message.replace(/^Parsing error: /, '')}`;
      const last = this.lastOutlines.get(doc.uri);
      if (!last) return { ...base, emptyReason: reason, stale: { reason } };
      return { ...last, version: doc.version, stale: { reason, staleVersion: last.version } };
    }
    const outline = collector.take();
    if (!outline) return { ...base, emptyReason: 'The outline could not be built for this file; see the Loopguard output.' };
    const lineText = (line: number) => doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const fresh: AsyncOutlineResult = { ...base, summary: outline.summary, units: attachProblems(outline.units, result.messages, ruleDocsUrl, lineText) };
    this.lastOutlines.set(doc.uri, fresh);
    return fresh;
  }

  /** Drops what is kept about a document that was closed. */
  forgetDocument(uri: string): void {
    this.lastOutlines.delete(uri);
  }

  /** Forget everything read from the workspace (config files, tsconfig, type information). */
  clearWorkspaceCaches(): void {
    this.typeAware.clear();
    this.workspaceConfig.clear();
    this.outsideProjects.clear();
    this.loadedProjects.clear();
  }

  private async prepare(doc: TextDocument, settings: LoopguardSettings): Promise<Prepared> {
    const base = { uri: doc.uri, lintedAt: new Date().toISOString(), mode: 'syntactic' as const };
    if (!settings.enable) return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'disabled', message: describeSkip('disabled', settings.maxFileSize) } };
    const target = lintTargetFor(doc.uri, doc.languageId, this.folders.all()[0] ?? process.cwd());
    if (!target) return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'unsupported', message: describeSkip('unsupported', settings.maxFileSize) } };
    const text = doc.getText();
    const skip = skipReason(text, path.basename(target.lintPath), settings.maxFileSize);
    if (skip) return { kind: 'skip', status: { ...base, state: 'warn', skipped: skip, message: describeSkip(skip, settings.maxFileSize) } };

    const trusted = this.trusted();
    const folder = target.realPath === undefined ? undefined : this.folders.folderOf(target.realPath);
    let eslintConfigRules: LoopguardSettings['rules'] | undefined;
    if (trusted && settings.useESLintConfig && target.realPath !== undefined && folder !== undefined) {
      const fromWorkspace = await this.workspaceConfig.rulesFor(target.realPath, folder);
      if (fromWorkspace.ignored && settings.configPriority === 'eslintConfig') {
        return { kind: 'skip', status: { ...base, state: 'ok', skipped: 'ignored', message: describeSkip('ignored', settings.maxFileSize), configSource: 'eslintConfig' } };
      }
      eslintConfigRules = fromWorkspace.rules;
    }
    const { rules, source } = resolveRules({
      ruleIds, preset: recommendedRules(), settings: settings.rules, eslintConfig: eslintConfigRules, priority: settings.configPriority,
    });
    const decision = this.outsideProjects.has(target.lintPath)
      ? { reason: 'the file is not part of any tsconfig.json/jsconfig.json project', tsconfigRootDir: undefined }
      : this.typeAware.decide(target.realPath, folder, settings.typeAware, trusted);
    return {
      kind: 'lint',
      input: { text, filePath: target.lintPath, rules, typeAware: decision.tsconfigRootDir ? { tsconfigRootDir: decision.tsconfigRootDir } : undefined },
      configSource: source,
      typeAwareReason: decision.reason ? `syntactic: ${decision.reason}` : undefined,
      projectDir: decision.tsconfigRootDir ? decision.projectDir : undefined,
    };
  }
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
