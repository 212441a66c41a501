import * as assert from 'node:assert/strict';

import { callerOf } from '../../../extension/src/server/processGuard';

describe('callerOf (who called process.exit in a lint worker)', () => {
  const own = '/ext/dist/lintWorker.js';

  it('names the first frame outside the bundle and Node, without the query ESLint adds to a config URL', () => {
    const stack = [
      'Error',
      `    at process.exit (${own}:120:11)`,
      '    at Timeout._onTimeout (file:///ws/eslint.config.mjs?mtime=1796202245973:9:21)',
      '    at listOnTimeout (node:internal/timers:581:17)',
    ].join('\n');
    assert.equal(callerOf(stack, own), '/ws/eslint.config.mjs:9:21');
  });

  it('reads frames without a function name and paths with spaces', () => {
    assert.equal(callerOf(`Error\n    at ${own}:1:2\n    at /my project/plugin/index.js:3:4`, own), '/my project/plugin/index.js:3:4');
    assert.equal(callerOf('Error\n    at f (C:\\ws\\eslint.config.cjs:5:6)', own), 'C:\\ws\\eslint.config.cjs:5:6');
  });

  it('is undefined when every frame is the bundle or Node', () => {
    assert.equal(callerOf(`Error\n    at process.exit (${own}:1:2)\n    at node:internal/main:3:4`, own), undefined);
    assert.equal(callerOf(undefined, own), undefined);
  });
});
