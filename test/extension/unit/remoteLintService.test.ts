import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { TextDocument } from 'vscode-languageserver-textdocument';

import type { Analysis } from '../../../extension/src/server/analysis';
import { LintPool } from '../../../extension/src/server/lintPool';
import { RemoteLintService } from '../../../extension/src/server/remoteLintService';
import { WorkspaceFolders } from '../../../extension/src/server/workspaceFolders';
import { DEFAULT_SETTINGS } from '../../../extension/src/shared/settings';

// The first type-aware lint of a project, with the stand-in worker of lintPool.test.ts (a job's text
// says what it does: "sleep-typed <ms>" takes that long in the typed worker, as loading a project does).
const FAKE_WORKER = path.join(__dirname, 'fixtures', 'fakeLintWorker.js');

describe('RemoteLintService: the first type-aware lint of a project', function () {
  this.timeout(30_000);
  let root: string;
  let pool: LintPool;
  let service: RemoteLintService;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-remote-'));
    fs.mkdirSync(path.join(root, 'shop'));
    fs.writeFileSync(path.join(root, 'shop', 'tsconfig.json'), '{}');
    const folders = new WorkspaceFolders();
    folders.set([pathToFileURL(root).href]);
    pool = new LintPool(FAKE_WORKER, () => undefined, () => false, { spareAfterMs: 60_000 });
    pool.start();
    service = new RemoteLintService(pool, folders, () => true);
  });
  afterEach(() => {
    pool.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const docIn = (file: string, text: string) => TextDocument.create(pathToFileURL(path.join(root, 'shop', file)).href, 'typescript', 1, text);

  async function analyse(doc: TextDocument): Promise<{ analysis: Analysis | undefined; preliminary: Analysis[] }> {
    const preliminary: Analysis[] = [];
    const analysis = await service.analyse(doc, DEFAULT_SETTINGS, { onProjectLoading: (early) => preliminary.push(early) });
    return { analysis, preliminary };
  }

  it('hands over a lint without types, named after the project, before the typed result; not again for the same typed worker', async () => {
    const first = await analyse(docIn('a.ts', 'sleep-typed 600'));
    assert.ok(first.analysis);
    assert.equal(first.preliminary.length, 1);
    assert.equal(first.preliminary[0]!.status.loadingProject, 'shop');
    assert.match(first.preliminary[0]!.status.message ?? '', /^loading project shop…/);
    assert.equal(first.analysis.status.loadingProject, undefined);
    assert.deepEqual(pool.workerCounts(), { syntactic: 1, typed: 1 });

    const second = await analyse(docIn('b.ts', 'sleep-typed 600'));
    assert.ok(second.analysis);
    assert.deepEqual(second.preliminary, [], 'the typed worker has loaded the project');
  });

  it('loads the project again after the type caches were cleared', async () => {
    await analyse(docIn('a.ts', 'ok'));
    service.clearTypeCaches();
    const again = await analyse(docIn('a.ts', 'sleep-typed 600'));
    assert.equal(again.preliminary.length, 1);
  });

  it('drops the lint without types when the typed result comes first', async () => {
    // Both syntactic workers are busy for a while, so the typed lint answers before the preliminary one.
    const other = (name: string) => ({ uri: `file:///${name}.js`, languageId: 'javascript', version: 1, text: 'sleep 1500' });
    const context = { settings: DEFAULT_SETTINGS, typeAware: { reason: 'test' }, folders: [root], trusted: true, blockedConfigs: {} };
    const busy = [pool.run({ kind: 'analyse', withOutline: false, doc: other('one'), context }, 'syntactic'), pool.run({ kind: 'analyse', withOutline: false, doc: other('two'), context }, 'syntactic')];
    const first = await analyse(docIn('a.ts', 'ok'));
    assert.ok(first.analysis);
    await Promise.all(busy);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(first.preliminary, []);
  });
});
