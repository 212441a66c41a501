import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { SourceCode } from '../../../eslint-plugin/src/core/ruleContext';
import { resolveSpecifierCached } from '../../../eslint-plugin/src/modules/specifierResolutions';
import { fsCallsDuring } from './fsCalls';

/** A stand-in for one lint: resolutions are checked against the disk once per linted file, known by its syntax tree. */
const newLint = (): SourceCode => ({ ast: {} }) as SourceCode;

/**
 * Resolutions are kept for the whole run (the language server runs for hours) and reused only while the folders
 * where their candidate files were looked for, and the configuration files they read, keep their modification
 * time and size: files created, removed or renamed while the process runs are seen by the next lint.
 */
describe('specifierResolutions (resolutions kept for the run, true to the disk)', () => {
  /** An hour back, a second later at each change (as the disk dates changes: each one later than the last). */
  let clock = Date.now() - 3_600_000;
  let root: string;
  let src: string;

  /** Writes a file, and dates it and every folder from `root` down to it about an hour back (a project checked out earlier). */
  function write(relative: string, text = ''): void {
    const filePath = path.join(root, relative);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, text);
    age(relative);
  }

  function remove(relative: string): void {
    fs.rmSync(path.join(root, relative), { recursive: true });
    age(path.dirname(relative));
  }

  function age(relative: string): void {
    clock += 1000;
    const time = new Date(clock);
    for (let current = path.join(root, relative); current.startsWith(root); current = path.dirname(current)) {
      fs.utimesSync(current, time, time);
    }
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-resolutions-'));
    src = path.join(root, 'src');
    write('src/main.ts');
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reuses a resolution in later lints with one stat per folder, not one per candidate file', () => {
    write('src/lib/index.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './lib'), path.join(src, 'lib', 'index.ts'));
    const lint = newLint();
    const stats = fsCallsDuring('statSync', () => {
      assert.equal(resolveSpecifierCached(lint, src, './lib'), path.join(src, 'lib', 'index.ts'));
      assert.equal(resolveSpecifierCached(lint, src, './lib'), path.join(src, 'lib', 'index.ts'));
    });
    assert.deepEqual(stats.sort(), [src, path.join(src, 'lib')].sort());
  });

  it('answers a first-time resolution from the listings of its folders, each read once, not one stat per candidate file', () => {
    write('src/other.ts');
    let listed: string[] = [];
    const stats = fsCallsDuring('statSync', () => {
      listed = fsCallsDuring('readdirSync', () => {
        const lint = newLint();
        assert.equal(resolveSpecifierCached(lint, src, './missing'), null); // 25 candidate files in src and src/missing
        assert.equal(resolveSpecifierCached(lint, src, './other.js'), path.join(src, 'other.ts'));
      });
    });
    assert.deepEqual(stats.sort(), [src, path.join(src, 'missing')].sort());
    assert.deepEqual(listed, [src], 'a missing folder is not listed; src is listed once');
  });

  it('resolves through symbolic links to a file and to a folder (the listing does not say what they are: stat)', () => {
    write('src/real.ts');
    write('src/realdir/index.ts');
    fs.symlinkSync(path.join(src, 'real.ts'), path.join(src, 'link.ts'));
    fs.symlinkSync(path.join(src, 'realdir'), path.join(src, 'linkdir'));
    age('src/link.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './link'), path.join(src, 'link.ts'));
    assert.equal(resolveSpecifierCached(newLint(), src, './linkdir'), path.join(src, 'linkdir', 'index.ts'));
  });

  it('sees a file created after a specifier did not resolve, and one removed after it did', () => {
    assert.equal(resolveSpecifierCached(newLint(), src, './store'), null);
    assert.equal(resolveSpecifierCached(newLint(), src, './store'), null);
    write('src/store.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './store'), path.join(src, 'store.ts'));
    remove('src/store.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './store'), null);
  });

  it('sees a file that takes precedence created beside the one resolved, and a folder created for an index file', () => {
    write('src/db/index.js');
    assert.equal(resolveSpecifierCached(newLint(), src, './db'), path.join(src, 'db', 'index.js'));
    write('src/db/index.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './db'), path.join(src, 'db', 'index.ts'), 'index.ts before index.js');
    write('src/db.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './db'), path.join(src, 'db.ts'), 'db.ts before db/index.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './models'), null);
    write('src/models/index.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, './models'), path.join(src, 'models', 'index.ts'));
  });

  it('sees a changed alias in tsconfig.json and package.json imports', () => {
    write('tsconfig.json', '{ "compilerOptions": { "paths": { "@/*": ["./src/a/*"] } } }');
    write('package.json', '{ "imports": { "#db": "./src/a/db.ts" } }');
    write('src/a/db.ts');
    write('src/b/db.ts');
    assert.equal(resolveSpecifierCached(newLint(), src, '@/db'), path.join(src, 'a', 'db.ts'));
    assert.equal(resolveSpecifierCached(newLint(), src, '#db'), path.join(src, 'a', 'db.ts'));
    write('tsconfig.json', '{ "compilerOptions": { "paths": { "@/*": ["./src/b/*"] } } }');
    write('package.json', '{ "imports": { "#db": "./src/b/db.ts" } }');
    assert.equal(resolveSpecifierCached(newLint(), src, '@/db'), path.join(src, 'b', 'db.ts'));
    assert.equal(resolveSpecifierCached(newLint(), src, '#db'), path.join(src, 'b', 'db.ts'));
  });

  it('does not reuse a resolution made just after its folder changed (timestamps may be coarse)', () => {
    // A file system with coarse timestamps: the folder keeps its modification time when a file is created in it
    // within the same tick. A resolution made within the margin of the folder's last change is not kept.
    const now = new Date();
    fs.utimesSync(src, now, now);
    assert.equal(resolveSpecifierCached(newLint(), src, './late'), null);
    fs.writeFileSync(path.join(src, 'late.ts'), '');
    fs.utimesSync(src, now, now);
    assert.equal(resolveSpecifierCached(newLint(), src, './late'), path.join(src, 'late.ts'));
  });

  it('keeps one answer for the whole of one lint', () => {
    const lint = newLint();
    assert.equal(resolveSpecifierCached(lint, src, './later'), null);
    write('src/later.ts');
    assert.equal(resolveSpecifierCached(lint, src, './later'), null, 'the lint that asked first keeps its answer');
    assert.equal(resolveSpecifierCached(newLint(), src, './later'), path.join(src, 'later.ts'));
  });
});
