import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { resolveProjectSpecifier, stripJsonComments } from '../../../eslint-plugin/src/modules/projectSpecifiers';

/** Writes `files` (path relative to a fresh folder → text) and returns the folder. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-specifiers-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('resolveProjectSpecifier (which file of the project a specifier loads)', () => {
  const roots: string[] = [];
  const make = (files: Record<string, string>): string => {
    const root = project(files);
    roots.push(root);
    return root;
  };
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  it('resolves relative paths with TypeScript extensions, the source of a .js specifier, and index files', () => {
    const root = make({ 'src/a.ts': '', 'src/lib/index.js': '', 'src/b.mts': '' });
    const src = path.join(root, 'src');
    assert.equal(resolveProjectSpecifier(src, './a'), path.join(src, 'a.ts'));
    assert.equal(resolveProjectSpecifier(src, './a.js'), path.join(src, 'a.ts'));
    assert.equal(resolveProjectSpecifier(src, './b.mjs'), path.join(src, 'b.mts'));
    assert.equal(resolveProjectSpecifier(src, './lib'), path.join(src, 'lib', 'index.js'));
    assert.equal(resolveProjectSpecifier(src, './missing'), null);
  });

  it('follows package.json subpath imports (exact, patterns, conditions) inside the package only', () => {
    const root = make({
      'package.json': JSON.stringify({
        imports: {
          '#db': { types: './src/db.d.ts', node: './src/db.js', default: './dist/db.js' },
          '#lib/*': './src/lib/*.js',
          '#dep': 'some-package',
          '#outside': '../elsewhere/x.js',
        },
      }),
      'src/db.js': '',
      'src/lib/store.ts': '',
      'src/feature/x.ts': '',
    });
    const feature = path.join(root, 'src', 'feature');
    assert.equal(resolveProjectSpecifier(feature, '#db'), path.join(root, 'src', 'db.js'));
    assert.equal(resolveProjectSpecifier(feature, '#lib/store'), path.join(root, 'src', 'lib', 'store.ts'));
    assert.equal(resolveProjectSpecifier(feature, '#dep'), null, 'a package is not the project');
    assert.equal(resolveProjectSpecifier(feature, '#outside'), null, 'outside the package');
    assert.equal(resolveProjectSpecifier(feature, '#nothing'), null);
  });

  it('follows tsconfig paths (with comments, trailing commas, baseUrl, and through extends), never into node_modules', () => {
    const root = make({
      'tsconfig.base.json': `{
        // shared options
        "compilerOptions": { "baseUrl": "./src", "paths": { "@app/*": ["app/*", "fallback/*"], "@models": ["models/index.ts"], "*": ["../node_modules/*"], }, },
      }`,
      'tsconfig.json': '{ "extends": "./tsconfig.base", "compilerOptions": { "strict": true } }',
      'src/app/users.ts': '',
      'src/fallback/orders.ts': '',
      'src/models/index.ts': '',
      'node_modules/lodash/index.js': '',
    });
    const src = path.join(root, 'src');
    assert.equal(resolveProjectSpecifier(src, '@app/users'), path.join(src, 'app', 'users.ts'));
    assert.equal(resolveProjectSpecifier(src, '@app/orders'), path.join(src, 'fallback', 'orders.ts'), 'the next target when the first does not exist');
    assert.equal(resolveProjectSpecifier(src, '@models'), path.join(src, 'models', 'index.ts'));
    assert.equal(resolveProjectSpecifier(src, 'lodash'), null, 'node_modules is not read');
    assert.equal(resolveProjectSpecifier(src, 'node:fs'), null);
  });

  it('reads JSON with comments as tsconfig files allow, keeping strings intact', () => {
    assert.deepEqual(JSON.parse(stripJsonComments('{ "a": "x // y", /* c */ "b": [1, 2,], }')), { a: 'x // y', b: [1, 2] });
  });
});
