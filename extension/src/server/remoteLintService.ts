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
}

/**
 * The main thread's side of `LintService`: decides whether a document is linted with types (which
 * picks the worker: the typed worker keeps the project service warm) and hands the job to the
 * pool. Resolves with undefined when the caller's signal aborted first.
 */
export class RemoteLintService {
  private readonly typeAware = new TypeAwareResolver();

  constructor(
    private readonly pool: LintPool,
    private readonly folders: WorkspaceFolders,
    private readonly trusted: () => boolean,
  ) {}

  async analyse(doc: TextDocument, settings: LoopguardSettings, options: AnalyseOptions = {}): Promise<Analysis | undefined> {
    const { context, lane, filePath } = await this.contextFor(doc, settings);
    const result = await this.pool.run({ kind: 'analyse', doc: documentOf(doc), context, withOutline: options.withOutline === true }, lane, options);
    if (result?.kind !== 'analyse') return undefined;
    if (result.analysis.notInProject && filePath !== undefined) this.typeAware.markOutsideProjects(filePath);
    return result.analysis;
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
    this.pool.clearCaches(true, true);
  }

  /** Files changed outside the editor: the type information of open files may be stale. */
  clearTypeCaches(): void {
    this.pool.clearCaches(false, true);
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
