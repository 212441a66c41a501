import * as assert from 'node:assert/strict';

import { describeStatus, MAX_DETAIL_LENGTH } from '../../../extension/src/client/statusText';
import type { StatusParams } from '../../../extension/src/shared/customMessages';

const at = (iso: string) => iso.slice(11, 19);
const base: StatusParams = { uri: 'file:///a.ts', state: 'ok', mode: 'typeAware', lintedAt: '2026-12-02T10:00:00.000Z', durationMs: 12 };

describe('describeStatus: the language status item\'s text', () => {
  it('says when and how the file was linted', () => {
    assert.deepEqual(describeStatus(base, true, at), { text: 'Loopguard: type-aware', detail: 'linted at 10:00:00 in 12 ms', severity: 'information', busy: false });
    assert.equal(describeStatus({ ...base, mode: 'syntactic', configSource: 'eslintConfig' }, true, at).detail, 'linted at 10:00:00 in 12 ms, eslint.config rules');
  });

  it('shows "loading project…", busy, while the first type-aware lint of a project loads it', () => {
    const shown = describeStatus({ ...base, mode: 'syntactic', loadingProject: 'shop', message: 'loading project shop…' }, true, at);
    assert.deepEqual({ ...shown, full: undefined }, { text: 'Loopguard: loading project…', detail: 'shop: first type-aware lint', severity: 'information', busy: true, full: undefined });
    assert.match(shown.full ?? '', /the diagnostics shown meanwhile are the syntactic ones/);
  });

  it('keeps the detail to one short line: the first note, cut, and how many more; the whole text apart', () => {
    const message = 'invalid options for loopguard/no-blocking-in-async (defaults used); could not parse (line 2): Parsing error: Expression expected.';
    const shown = describeStatus({ ...base, state: 'warn', message }, true, at);
    assert.ok(shown.detail.length <= MAX_DETAIL_LENGTH, shown.detail);
    assert.equal(shown.detail, 'invalid options for loopguard/no-blocking-in-async (defaul… (+1)');
    assert.equal(shown.severity, 'warning');
    assert.equal(shown.full, `${message} (10:00:00)`);
  });

  it('a message that fits is the detail, with nothing apart', () => {
    assert.deepEqual(describeStatus({ ...base, state: 'warn', skipped: 'tooLarge', message: 'skipped: larger than loopguard.maxFileSize (1 MB)' }, true, at), {
      text: 'Loopguard: skipped', detail: 'skipped: larger than loopguard.maxFileSize (1 MB)', severity: 'warning', busy: false,
    });
  });

  it('before the first lint: waiting, or restricted mode', () => {
    assert.equal(describeStatus(undefined, true, at).detail, 'waiting for the first lint');
    assert.equal(describeStatus(undefined, false, at).detail, 'restricted mode: syntactic only');
  });
});
