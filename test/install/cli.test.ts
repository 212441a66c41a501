import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { TYPED_ONLY_FILES, TYPED_ONLY_FINDING } from './lib/sources';
import { createProject, findingsOf, footprint, installedVersion, npmInstall, packTarballs, run } from './lib/scratch';

const APP_JS = `import fs from 'node:fs';

export async function handler() {
  const data = fs.readFileSync('/etc/hosts', 'utf8');
  return data;
}
`;

/**
 * One finding of the recommended rules any mode sees (start.ts:4), a floating promise that the strict preset
 * reports in any mode (start.ts:5), and one that only type information sees (use.ts).
 */
const TYPESCRIPT_FILES = {
  ...TYPED_ONLY_FILES,
  'src/start.ts': `import { readFileSync } from 'node:fs';\n\nexport async function start(): Promise<void> {\n  readFileSync('/etc/hosts');\n  fetch('https://example.com');\n}\n`,
};
const START_FINDING = 'src/start.ts:4 loopguard/no-blocking-in-async';

describe('loopguard (the command) installed from its packed tarball', function () {
  this.timeout(900_000);

  describe('in a JavaScript-only project', () => {
    let project: string;

    before(() => {
      const { plugin, cli } = packTarballs();
      project = createProject('cli-js', { type: 'module' }, { 'src/app.js': APP_JS, 'notes/readme.md': '# notes\n' });
      npmInstall(project, [cli, plugin]);
      console.log(`      loopguard + plugin: ${footprint(project)}`);
    });

    it('prints its help with exit 0', () => {
      const help = run(project, 'npx', ['loopguard', '--help']);
      assert.equal(help.status, 0, help.stderr);
      assert.match(help.stdout, /^Usage: loopguard \[options\] \[paths\.\.\.\]/);
    });

    it('lints .js files with no configuration', () => {
      const lint = run(project, 'npx', ['loopguard', '--format', 'json']);
      assert.equal(lint.status, 1, lint.stderr);
      assert.deepEqual(findingsOf(project, lint.stdout), ['src/app.js:4 loopguard/no-blocking-in-async']);
    });

    it('exits 2 on a folder with no JavaScript or TypeScript file', () => {
      const lint = run(project, 'npx', ['loopguard', 'notes']);
      assert.equal(lint.status, 2);
      assert.equal(lint.stderr, 'loopguard: no JavaScript or TypeScript file to lint in notes (.gitignore and node_modules are skipped)\n');
    });
  });

  describe('in a TypeScript 7 project', () => {
    let project: string;

    before(() => {
      const { plugin, cli } = packTarballs();
      project = createProject('cli-ts7', { type: 'module' }, TYPESCRIPT_FILES);
      npmInstall(project, ['typescript@7', cli, plugin]);
      console.log(`      TypeScript 7 + loopguard + plugin: ${footprint(project)}`);
    });

    it('has TypeScript 7 as the project\'s typescript, and the command its own TypeScript 6', () => {
      assert.match(installedVersion(project, 'typescript') ?? '', /^7\./);
      const own = ['node_modules/loopguard/node_modules/typescript/package.json', 'node_modules/typescript/package.json']
        .map((file) => path.join(project, file))
        .find((file) => fs.existsSync(file) && /"version": "6\./.test(fs.readFileSync(file, 'utf8')));
      assert.ok(own, 'the command has a TypeScript 6 of its own');
    });

    it('lints .ts files without type information: npx loopguard', () => {
      const lint = run(project, 'npx', ['loopguard', '--format', 'json']);
      assert.equal(lint.status, 1, lint.stderr);
      assert.equal(lint.stderr, '');
      assert.deepEqual(findingsOf(project, lint.stdout), [START_FINDING]);
    });

    it('runs every rule with --strict', () => {
      const lint = run(project, 'npx', ['loopguard', '--strict', '--format', 'json']);
      assert.equal(lint.status, 1, lint.stderr);
      assert.deepEqual(findingsOf(project, lint.stdout), [START_FINDING, 'src/start.ts:5 loopguard/no-floating-promises']);
    });

    it('lints .ts files with type information from its own TypeScript 6: npx loopguard --types --strict', () => {
      const lint = run(project, 'npx', ['loopguard', '--types', '--strict', '--format', 'json']);
      assert.equal(lint.status, 1, lint.stderr);
      assert.equal(lint.stderr, '');
      assert.deepEqual(findingsOf(project, lint.stdout), [START_FINDING, 'src/start.ts:5 loopguard/no-floating-promises', TYPED_ONLY_FINDING]);
    });

    it('prints its help with exit 0', () => {
      assert.equal(run(project, 'npx', ['loopguard', '--help']).status, 0);
    });
  });
});
