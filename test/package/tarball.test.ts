import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { rules } from '../../eslint-plugin/src/rules';

const REPOSITORY = path.join(__dirname, '../..');

interface PackedPackage {
  name: string;
  files: { path: string }[];
}

/** What `npm pack` would put in each tarball, from the built packages (`npm run build` first). */
function packed(): PackedPackage[] {
  const run = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '-w', 'eslint-plugin', '-w', 'cli'], { cwd: REPOSITORY, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as PackedPackage[];
}

function manifestOf(folder: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(REPOSITORY, folder, 'package.json'), 'utf8')) as Record<string, unknown>;
}

describe('the published packages', function () {
  this.timeout(60_000);
  const packages = packed();
  const filesOf = (name: string): string[] => packages.find((entry) => entry.name === name)?.files.map((file) => file.path).sort() ?? [];

  it('eslint-plugin-loopguard ships its README, LICENSE, rule pages and compiled code, and no source maps', () => {
    const files = filesOf('eslint-plugin-loopguard');
    for (const file of ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts']) assert.ok(files.includes(file), `missing ${file}`);
    for (const id of Object.keys(rules)) assert.ok(files.includes(`docs/rules/${id}.md`), `missing the page of ${id}`);
    assert.deepEqual(files.filter((file) => !/^dist\/.+\.(js|d\.ts)$/.test(file) && !/^docs\/rules\/[a-z-]+\.md$/.test(file)), ['LICENSE', 'README.md', 'package.json']);
    const mapped = files.filter((file) => file.endsWith('.js') && /sourceMappingURL/.test(fs.readFileSync(path.join(REPOSITORY, 'eslint-plugin', file), 'utf8')));
    assert.deepEqual(mapped, []);
  });

  it('loopguard ships its README, LICENSE and compiled code', () => {
    const files = filesOf('loopguard');
    assert.deepEqual(files.filter((file) => !/^dist\/[a-zA-Z]+\.js$/.test(file)), ['LICENSE', 'README.md', 'package.json']);
    assert.match(fs.readFileSync(path.join(REPOSITORY, 'cli/dist/main.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.deepEqual(manifestOf('cli').bin, { loopguard: './dist/main.js' });
  });

  it('both carry the MIT licence of the Loopguard contributors and the project\'s home', () => {
    const root = manifestOf('.');
    for (const folder of ['eslint-plugin', 'cli']) {
      const licence = fs.readFileSync(path.join(REPOSITORY, folder, 'LICENSE'), 'utf8');
      assert.match(licence, /^MIT License\n\nCopyright \(c\) \d{4} Loopguard contributors\n/);
      const manifest = manifestOf(folder);
      assert.equal(manifest.license, 'MIT');
      assert.equal(manifest.homepage, root.homepage);
      assert.deepEqual(manifest.bugs, root.bugs);
      assert.deepEqual(manifest.repository, { ...(root.repository as object), directory: folder });
    }
  });
});
