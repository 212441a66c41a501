import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { withInstallLock } from './lock';
import { readSuiteResults, summaryLine } from './results';
import { parseShimArguments } from './shim';
import { workbenchUrl } from './workbench';

describe('the real-VS Code test runner', () => {
  let tmp: string;
  beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-runner-test-')); });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('parseShimArguments', () => {
    it('reads the command line @vscode/test-electron builds and ignores Electron-only flags', () => {
      const parsed = parseShimArguments([
        '/work/ws', '--disable-extensions', '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome',
        '--skip-release-notes', '--disable-workspace-trust', '--extensionTestsPath=/work/out/index.js',
        '--extensionDevelopmentPath=/work/a', '--extensionDevelopmentPath=/work/b',
        '--extensions-dir=/work/.vscode-test/extensions', '--user-data-dir', '/work/.vscode-test/user-data',
      ]);
      assert.deepEqual(parsed, {
        extensionDevelopmentPaths: ['/work/a', '/work/b'],
        extensionTestsPath: '/work/out/index.js',
        folder: '/work/ws',
        printVersion: false,
      });
    });

    it('recognises --version', () => {
      assert.equal(parseShimArguments(['--version']).printVersion, true);
    });
  });

  describe('summaryLine', () => {
    it('prints skipped only when there are any', () => {
      assert.equal(summaryLine({ passed: 12, failed: 0, skipped: 0 }), '12 passed, 0 failed');
      assert.equal(summaryLine({ passed: 0, failed: 0, skipped: 1 }), '0 passed, 0 failed, 1 skipped');
    });
  });

  describe('readSuiteResults', () => {
    it('reads the file the in-host runner writes, and rejects damaged ones', () => {
      const file = path.join(tmp, 'results.json');
      assert.equal(readSuiteResults(file), undefined);
      fs.writeFileSync(file, '{"passed":["a"],"failed":[],"pending":["b"]}');
      assert.deepEqual(readSuiteResults(file), { passed: ['a'], failed: [], pending: ['b'] });
      fs.writeFileSync(file, '{"passed":');
      assert.equal(readSuiteResults(file), undefined);
      fs.writeFileSync(file, '{"passed":[]}');
      assert.equal(readSuiteResults(file), undefined);
    });
  });

  describe('workbenchUrl', () => {
    it('passes the development options as the payload code-server reads', () => {
      const server = { url: 'http://127.0.0.1:9', remoteUri: (p: string) => `vscode-remote://127.0.0.1:9${p}`, output: () => '', stop: async () => undefined };
      const url = new URL(workbenchUrl(server, { folder: '/w s', extensionDevelopmentPaths: ['/ext'], extensionTestsPath: '/ext/out/index.js' }));
      assert.equal(url.searchParams.get('folder'), '/w s');
      assert.deepEqual(JSON.parse(url.searchParams.get('payload')!), [
        ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:9/ext'],
        ['extensionTestsPath', 'vscode-remote://127.0.0.1:9/ext/out/index.js'],
      ]);
      assert.equal(new URL(workbenchUrl(server, {})).searchParams.get('ew'), 'true');
    });
  });

  describe('withInstallLock', () => {
    it('lets one install run at a time', async () => {
      const lock = path.join(tmp, 'key.lock');
      const events: string[] = [];
      const job = (name: string) => withInstallLock(lock, async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${name} end`);
      }, () => undefined);
      await Promise.all([job('a'), job('b')]);
      assert.deepEqual(events.map((e) => e.split(' ')[1]), ['start', 'end', 'start', 'end']);
      assert.equal(fs.existsSync(lock), false, 'the lock is released');
    });

    it('takes over a lock whose owner process is gone', async () => {
      const lock = path.join(tmp, 'key.lock');
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ pid: 2 ** 22 + 7, startedAt: Date.now() }));
      assert.equal(await withInstallLock(lock, async () => 'ran', () => undefined), 'ran');
    });
  });
});
