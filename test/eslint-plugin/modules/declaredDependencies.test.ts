import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { declaredMajorVersion } from '../../../eslint-plugin/src/modules/declaredDependencies';

describe('declaredMajorVersion (the major version of a package the project declares)', () => {
  let root = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-dependencies-'));
    const write = (file: string, manifest: unknown): void => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), JSON.stringify(manifest));
    };
    write('package.json', {
      dependencies: { opn: '^5.3.0', got: '~11.8', axios: '1.7.2', ky: 'latest', del: 'npm:del@^6.1.0' },
      devDependencies: { open: '>=8.0.0 <10', execa: 'github:sindresorhus/execa', 'make-dir': '*' },
      peerDependencies: { 'fs-extra': 'v10.x' },
    });
    write('packages/old/package.json', { dependencies: { open: '0.0.5' } });
    fs.mkdirSync(path.join(root, 'packages', 'old', 'src', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(root, 'broken'));
    fs.writeFileSync(path.join(root, 'broken', 'package.json'), '{ not json');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads the first version number of the range in each dependency field', () => {
    assert.equal(declaredMajorVersion(root, 'opn'), 5);
    assert.equal(declaredMajorVersion(root, 'got'), 11);
    assert.equal(declaredMajorVersion(root, 'axios'), 1);
    assert.equal(declaredMajorVersion(root, 'open'), 8);
    assert.equal(declaredMajorVersion(root, 'fs-extra'), 10);
    assert.equal(declaredMajorVersion(root, 'del'), 6);
  });

  it('knows no version for ranges that name none, and for packages nobody declares', () => {
    assert.equal(declaredMajorVersion(root, 'ky'), null);
    assert.equal(declaredMajorVersion(root, 'execa'), null);
    assert.equal(declaredMajorVersion(root, 'make-dir'), null);
    assert.equal(declaredMajorVersion(root, 'p-map'), null);
    assert.equal(declaredMajorVersion(null, 'opn'), null);
  });

  it('takes the nearest package.json that lists the package, going up past those that do not', () => {
    const deep = path.join(root, 'packages', 'old', 'src', 'deep');
    assert.equal(declaredMajorVersion(deep, 'open'), 0);
    assert.equal(declaredMajorVersion(deep, 'opn'), 5);
    assert.equal(declaredMajorVersion(path.join(root, 'broken'), 'opn'), 5);
  });
});
