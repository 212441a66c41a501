import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { TYPED_ONLY_FILES, TYPED_ONLY_FINDING } from './lib/sources';
import { createProject, findingsOf, footprint, installedPackages, installedVersion, npmInstall, packTarballs, readmeBlock, run } from './lib/scratch';

/**
 * JavaScript with one blocking call and two floating promises in async code, one of them from a function
 * of another file (read without TypeScript, with ESLint's default parser).
 */
const JS_FILES = {
  'src/app.js': `import fs from 'node:fs';
import { audit } from './audit.js';

export async function handler() {
  const data = fs.readFileSync('/etc/hosts', 'utf8');
  fetch('https://example.com');
  audit(data);
  return data;
}
`,
  'src/audit.js': `export async function audit(entry) {\n  await fetch('https://example.com/audit', { method: 'POST', body: entry });\n}\n`,
};

describe('eslint-plugin-loopguard installed from its packed tarball', function () {
  this.timeout(900_000);
  let plugin: string;

  before(() => {
    plugin = packTarballs().plugin;
  });

  for (const eslintMajor of [9, 10]) {
    describe(`in a JavaScript-only project with ESLint ${eslintMajor}`, () => {
      let project: string;

      before(() => {
        project = createProject(`eslint${eslintMajor}-js`, { type: 'module' }, {
          'eslint.config.mjs': readmeBlock('## Use it with ESLint', 'js'),
          ...JS_FILES,
        });
        npmInstall(project, [`eslint@${eslintMajor}`, plugin]);
        console.log(`      ESLint ${eslintMajor} + plugin: ${footprint(project)}`);
      });

      it(`installs without flags next to ESLint ${eslintMajor}, and nothing of TypeScript`, () => {
        assert.match(installedVersion(project, 'eslint') ?? '', new RegExp(`^${eslintMajor}\\.`));
        assert.equal(installedVersion(project, 'eslint-plugin-loopguard'), '0.1.0');
        const typescriptPackages = installedPackages(project).filter((entry) =>
          /^(typescript|ts-api-utils|@typescript-eslint\/(utils|parser|typescript-estree|project-service|tsconfig-utils|type-utils))@/.test(entry),
        );
        assert.deepEqual(typescriptPackages, []);
        assert.ok(!fs.existsSync(path.join(project, 'node_modules/typescript')));
      });

      it('lints .js with ESLint\'s default parser and the recommended config of the README', () => {
        const lint = run(project, 'npx', ['eslint', '--format', 'json', '.']);
        assert.equal(lint.status, 1, lint.stderr);
        // (the two floating promises of app.js are for the strict preset: the recommended one leaves them out)
        assert.deepEqual(findingsOf(project, lint.stdout), ['src/app.js:5 loopguard/no-blocking-in-async']);
      });
    });
  }

  describe('the README\'s typed recipe, with TypeScript 7 beside TypeScript 6 as the README sets it up', () => {
    let project: string;

    before(() => {
      const sideBySide = JSON.parse(readmeBlock('### TypeScript 7', 'json')) as { devDependencies: Record<string, string> };
      project = createProject('typed-recipe', { type: 'module', devDependencies: sideBySide.devDependencies }, {
        'eslint.config.mjs': readmeBlock('### TypeScript, with type information', 'js'),
        ...TYPED_ONLY_FILES,
      });
      npmInstall(project, ['eslint', '@typescript-eslint/parser', plugin]);
      console.log(`      ESLint + parser + plugin + TypeScript 6 and 7: ${footprint(project)}`);
    });

    it('has TypeScript 6 as typescript and TypeScript 7 as typescript7', () => {
      assert.match(installedVersion(project, 'typescript') ?? '', /^6\.0\./);
      assert.match(installedVersion(project, 'typescript7') ?? '', /^7\./);
    });

    it('runs clean as copied: the config file is no error, and type information finds what only it can', () => {
      const lint = run(project, 'npx', ['eslint', '--format', 'json', '.']);
      assert.equal(lint.status, 1, lint.stderr);
      assert.deepEqual(findingsOf(project, lint.stdout), [TYPED_ONLY_FINDING]);
    });
  });
});
