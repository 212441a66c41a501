import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { languageIdOf, listSourceFiles } from '../../../extension/src/server/scan';

describe('listSourceFiles', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-scan-'));
    const files = ['a.ts', 'b.mjs', 'c.cts', 'types.d.ts', 'readme.md', 'src/d.tsx', 'src/e.jsx', 'node_modules/x/index.js', '.git/hook.js', '.cache/y.js'];
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists JS/TS sources, skipping node_modules, dot-directories and declaration files', async () => {
    const files = await listSourceFiles(root, () => false);
    assert.deepEqual(files.map((file) => path.relative(root, file)).sort(), ['a.ts', 'b.mjs', 'c.cts', path.join('src', 'd.tsx'), path.join('src', 'e.jsx')]);
  });

  it('stops at the limit and when cancelled', async () => {
    assert.equal((await listSourceFiles(root, () => false, 2)).length, 2);
    assert.deepEqual(await listSourceFiles(root, () => true), []);
  });

  it('maps extensions to language ids', () => {
    assert.equal(languageIdOf('/a/b.mts'), 'typescript');
    assert.equal(languageIdOf('/a/b.tsx'), 'typescriptreact');
    assert.equal(languageIdOf('/a/b.jsx'), 'javascriptreact');
    assert.equal(languageIdOf('/a/b.cjs'), 'javascript');
  });
});
