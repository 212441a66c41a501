import assert from 'node:assert/strict';

import { applyCodeAction, closeAllEditors, openNewFile, quickFixes, singleDiagnostic, suiteSetupServer, waitForDiagnostics } from './helpers';
import { AWAITED_CALL, BLOCKING_CALL, BLOCKING_SOURCE, FULL_RULE, RULE, SUGGESTION_TITLE } from './sample';

suite('quick fixes', () => {
  suiteSetup(suiteSetupServer);
  teardown(closeAllEditors);

  test('the quick-fix list of a diagnostic holds the rule\'s suggestion and Loopguard\'s own actions', async () => {
    const editor = await openNewFile('quick-fix-list.js', BLOCKING_SOURCE);
    const diagnostic = await singleDiagnostic(editor.document.uri, RULE);
    const titles = (await quickFixes(editor.document.uri, diagnostic.range)).map((action) => action.title);
    assert.ok(titles.includes(SUGGESTION_TITLE), `suggestion missing from ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(`Disable ${FULL_RULE} for this line`), `disable action missing from ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(`Show documentation for ${FULL_RULE}`), `documentation action missing from ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(`Disable ${FULL_RULE} for the entire file`), `disable-file action missing from ${JSON.stringify(titles)}`);
    assert.ok(!titles.some((title) => title.startsWith('Fix this')), 'the rule has suggestions only, no automatic fix');
    // VS Code's style: no Markdown backticks, no closing period
    for (const title of titles.filter((t) => t.includes('loopguard') || t === SUGGESTION_TITLE)) {
      assert.ok(!title.includes('`') && !title.endsWith('.'), `"${title}" follows VS Code's style`);
    }
  });

  test('"Disable for the entire file" adds an eslint-disable comment at the top that silences the rule', async () => {
    const editor = await openNewFile('disable-file.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    const diagnostic = await singleDiagnostic(uri, RULE);
    const disable = (await quickFixes(uri, diagnostic.range)).find((action) => action.title === `Disable ${FULL_RULE} for the entire file`);
    assert.ok(disable, 'the disable-file action is offered');
    await applyCodeAction(disable);
    assert.equal(editor.document.getText(), `/* eslint-disable ${FULL_RULE} */\n${BLOCKING_SOURCE}`);
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });

  test('applying the suggestion awaits the promise API and the problem goes away', async () => {
    const editor = await openNewFile('apply-suggestion.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    const diagnostic = await singleDiagnostic(uri, RULE);
    const suggestion = (await quickFixes(uri, diagnostic.range)).find((action) => action.title === SUGGESTION_TITLE);
    assert.ok(suggestion, 'the suggestion is offered');
    await applyCodeAction(suggestion);
    assert.equal(editor.document.getText(), BLOCKING_SOURCE.replace(BLOCKING_CALL, AWAITED_CALL));
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });

  test('"Disable for this line" adds an eslint-disable-next-line comment that silences the rule', async () => {
    const editor = await openNewFile('disable-line.js', BLOCKING_SOURCE);
    const uri = editor.document.uri;
    const diagnostic = await singleDiagnostic(uri, RULE);
    const disable = (await quickFixes(uri, diagnostic.range)).find((action) => action.title === `Disable ${FULL_RULE} for this line`);
    assert.ok(disable, 'the disable action is offered');
    await applyCodeAction(disable);
    const line = `  const text = ${BLOCKING_CALL};`;
    assert.equal(editor.document.getText(), BLOCKING_SOURCE.replace(line, `  // eslint-disable-next-line ${FULL_RULE}\n${line}`));
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });
});
