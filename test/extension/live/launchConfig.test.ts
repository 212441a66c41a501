import assert from 'node:assert/strict';
import { unquoteEvaluateResult, withTrackerImport, type LaunchConfigLike } from '../../../extension/src/live/launchConfig';

const url = 'file:///home/u/.storage/loopguard-tracker-v1.mjs';

describe('tracker injection into launch configurations', () => {
  it('prepends --import to runtimeArgs of node and pwa-node launches, once', () => {
    const config = { type: 'node', request: 'launch', program: 'app.js', runtimeArgs: ['--enable-source-maps'] };
    const injected = withTrackerImport(config, url);
    assert.deepEqual(injected.runtimeArgs, ['--import', url, '--enable-source-maps']);
    assert.deepEqual(config.runtimeArgs, ['--enable-source-maps'], 'the original is not changed');
    assert.equal(withTrackerImport(injected, url), injected);
    assert.deepEqual(withTrackerImport<LaunchConfigLike>({ type: 'pwa-node', request: 'launch' }, url).runtimeArgs, ['--import', url]);
  });

  it('uses NODE_OPTIONS for node-terminal and keeps what is there', () => {
    const injected = withTrackerImport({ type: 'node-terminal', request: 'launch', command: 'npm start', env: { NODE_OPTIONS: '--max-old-space-size=4096', A: '1' } }, url);
    assert.deepEqual(injected.env, { NODE_OPTIONS: `--max-old-space-size=4096 --import=${url}`, A: '1' });
    const spaced = withTrackerImport<LaunchConfigLike>({ type: 'node-terminal', request: 'launch' }, 'file:///a b/t.mjs');
    assert.deepEqual(spaced.env, { NODE_OPTIONS: '--import="file:///a b/t.mjs"' });
  });

  it('leaves attach requests, other debuggers and odd input alone', () => {
    const attach = { type: 'node', request: 'attach', port: 9229 };
    assert.equal(withTrackerImport(attach, url), attach);
    const python = { type: 'python', request: 'launch' };
    assert.equal(withTrackerImport(python, url), python);
    const odd = { type: 'node', request: 'launch', runtimeArgs: 'not-an-array' };
    assert.deepEqual(withTrackerImport(odd, url).runtimeArgs, ['--import', url]);
  });
});

describe('reading js-debug "clipboard" evaluate results', () => {
  it('unquotes the string value, which may be long and contain quotes', () => {
    const json = JSON.stringify({ a: 'x'.repeat(10_000), q: 'it\'s "quoted" \\ \n' });
    assert.ok(unquoteEvaluateResult(JSON.stringify(json)) === json, 'double-quoted literal');
    assert.ok(unquoteEvaluateResult(json) === json, 'bare JSON object');
  });

  it('gives undefined for null, non-strings and garbage', () => {
    for (const v of ['null', 'undefined', 42, undefined, '"unterminated', 'plain text']) assert.equal(unquoteEvaluateResult(v), undefined, String(v));
  });
});
