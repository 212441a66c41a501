import * as path from 'node:path';

import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { LoopguardSettings } from '../shared/settings';
import type { Analysis } from './analysis';
import { lintTargetFor } from './fileKinds';
import type { LintPool, RunOptions } from './lintPool';
import { TypeAwareResolver } from './typeAware';
import type { LintContext, Lane } from './workerProtocol';
import type { WorkspaceFolders } from './workspaceFolders';

export interface AnalyseOptions extends RunOptions {
  /** Also build the task inspector's outline, in the same lint pass. */
  withOutline?: boolean;
  /**
   * Called, before the result, with a lint without types of the same text when this lint loads its
   * TypeScript project first (seconds in a large project); its status names the project (`loadingProject`).
   */
  onProjectLoading?: (preliminary: Analysis) => void;
}

/**
 * The main thread's side of `LintService`: decides whether a document is linted with types (which
 * picks the worker: the typed worker keeps the project service warm) and hands the job to the
 * pool. Resolves with undefined when the caller's signal aborted first.
 */
export class RemoteLintService {
  private readonly typeAware = new TypeAwareResolver();
  /** Project folder → the typed worker that has loaded it (a new typed worker has loaded none). */
  private readonly loadedProjects = new Map<string, number>();

  constructor(
    private readonly pool: LintPool,
    private readonly folders: WorkspaceFolders,
    private readonly trusted: () => boolean,
  ) {}

  async analyse(doc: TextDocument, settings: LoopguardSettings, options: AnalyseOptions = {}): Promise<Analysis | undefined> {
    const { context, lane, filePath } = await this.contextFor(doc, settings);
    const project = lane === 'typed' ? context.typeAware.projectDir : undefined;
    const typedWorker = this.pool.typedWorkerId();
    const loadsProject = project !== undefined && (typedWorker === undefined || this.loadedProjects.get(project) !== typedWorker);
    let settled = false;
    if (loadsProject && options.onProjectLoading) {
      // Beside the typed lint, in a syntactic worker: diagnostics now, the type-aware ones when the project has loaded.
      void this.preliminary(doc, context, options, path.basename(project)).then((preliminary) => {
        if (preliminary && !settled) options.onProjectLoading!(preliminary);
      });
    }
    try {
      const result = await this.pool.run({ kind: 'analyse', doc: documentOf(doc), context, withOutline: options.withOutline === true }, lane, options);
      if (result?.kind !== 'analyse') return undefined;
      if (project !== undefined) this.loadedProjects.set(project, result.workerId);
      if (result.analysis.notInProject && filePath !== undefined) this.typeAware.markOutsideProjects(filePath);
      return result.analysis;
    } finally {
      settled = true;
    }
  }

  /** Fix-all edits for the document's current text (see `LintService.fixAll`). */
  async fixAll(doc: TextDocument, settings: LoopguardSettings, onlyRule?: string): Promise<TextEdit[] | undefined> {
    const { context, lane } = await this.contextFor(doc, settings);
    const result = await this.pool.run({ kind: 'fixAll', doc: documentOf(doc), context, ...(onlyRule ? { onlyRule } : {}) }, lane);
    return result?.kind === 'fixAll' ? result.edits : undefined;
  }

  /** Forget everything read from the workspace (config files, tsconfig, type information). */
  clearWorkspaceCaches(): void {
    this.typeAware.clear();
    this.loadedProjects.clear();
    this.pool.clearCaches(true, true);
  }

  /** Files changed outside the editor: the type information of open files may be stale. */
  clearTypeCaches(): void {
    this.loadedProjects.clear();
    this.pool.clearCaches(false, true);
  }

  /** The document linted without types while its project loads; undefined when that lint fails or is not wanted any more. */
  private async preliminary(doc: TextDocument, context: LintContext, options: AnalyseOptions, projectName: string): Promise<Analysis | undefined> {
    try {
      const result = await this.pool.run({ kind: 'analyse', doc: documentOf(doc), context: { ...context, typeAware: {} }, withOutline: false }, 'syntactic', options);
      if (result?.kind !== 'analyse' || result.analysis.status.skipped) return undefined;
      const status = result.analysis.status;
      status.loadingProject = projectName;
      status.message = [`loading project ${projectName}…`, status.message].filter(Boolean).join('; ');
      return result.analysis;
    } catch {
      return undefined; // the typed lint reports its own failure
    }
  }

  private async contextFor(doc: TextDocument, settings: LoopguardSettings): Promise<{ context: LintContext; lane: Lane; filePath?: string }> {
    const trusted = this.trusted();
    const folders = this.folders.all();
    const target = lintTargetFor(doc.uri, doc.languageId, folders[0] ?? process.cwd());
    const filePath = target?.realPath;
    const folder = filePath === undefined ? undefined : this.folders.folderOf(filePath);
    const typeAware = await this.typeAware.decide(filePath, folder, settings.typeAware, trusted);
    const lane: Lane = settings.enable && target !== undefined && typeAware.tsconfigRootDir !== undefined ? 'typed' : 'syntactic';
    return { context: { settings, typeAware, folders, trusted, blockedConfigs: {} }, lane, ...(filePath ? { filePath } : {}) };
  }
}

function documentOf(doc: TextDocument): { uri: string; languageId: string; version: number; text: string } {
  return { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.getText() };
}
