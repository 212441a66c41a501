import * as assert from 'node:assert/strict';

import { isTestPath } from '../../../eslint-plugin/src/roles/testCode';

describe('isTestPath', () => {
  it('takes test runners\' file and folder conventions as test code', () => {
    for (const file of ['test.js', 'src/test.ts', 'spec.mjs', 'a.test.ts', 'a.spec.js', 'a_test.js', 'a-test.mjs', 'x.e2e-spec.ts', 'test/helpers.js', 'packages/a/__tests__/b.ts', 'lib/test/test.js']) {
      assert.equal(isTestPath(file), true, file);
    }
  });

  it("leaves a module named test in a folder of shipped code to the library (supertest's lib/test.js)", () => {
    for (const file of ['lib/test.js', 'dist/test.mjs', 'build/spec.js', 'out/test.js', 'esm/test.js', 'cjs/test.cjs', 'src/index.ts', 'lib/latest.js', 'lib/contest.js']) {
      assert.equal(isTestPath(file), false, file);
    }
  });
});
