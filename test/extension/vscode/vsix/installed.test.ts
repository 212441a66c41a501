import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import * as vscode from 'vscode';

import { closeAllEditors, EXTENSION_ID, fixtureUri, showFile, singleDiagnostic } from '../helpers';
import { RULE } from '../sample';

suite('the packaged .vsix', () => {
  teardown(closeAllEditors);

  test('is installed in the extensions directory, not loaded from the source tree', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const repoRoot = path.resolve(__dirname, '..', '..', '..', '..', '..');
    assert.ok(!extension.extensionPath.startsWith(repoRoot), `${extension.extensionPath} is the installed copy`);
    console.log(`installed at ${extension.extensionPath} (version ${String(extension.packageJSON.version)})`);
  });

  test('ships only what runs: the bundles, no sources, tests or node_modules', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    for (const file of ['package.json', 'extension/dist/client.js', 'extension/dist/server.js']) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is packaged`);
    }
    for (const excluded of ['node_modules', 'test', 'extension/src', 'eslint-plugin/src']) {
      assert.ok(!fs.existsSync(path.join(root, excluded)), `${excluded} is not packaged`);
    }
  });

  test('ships the icon, the README\'s screenshots and the rule pages, and every relative link of the README resolves', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const root = extension.extensionPath;
    const manifest = extension.packageJSON as { icon?: string };
    assert.equal(manifest.icon, 'extension/media/icon.png');
    assert.ok(fs.readFileSync(path.join(root, manifest.icon)).subarray(1, 4).toString() === 'PNG', 'the icon is a PNG');
    const readme = fs.readdirSync(root).find((name) => /^readme\.md$/i.test(name));
    assert.ok(readme, 'a README is packaged');
    const links = [...fs.readFileSync(path.join(root, readme), 'utf8').matchAll(/\]\(([^)#\s]+)\)/g)].map((match) => match[1]!).filter((link) => !/^[a-z]+:/i.test(link));
    assert.ok(links.some((link) => link.endsWith('.png')) && links.some((link) => link.endsWith('.md')), `README links: ${links.join(', ')}`);
    for (const link of links) assert.ok(fs.existsSync(path.join(root, link)), `${link} (linked from the README) is packaged`);
    for (const rule of ['no-blocking-in-async', 'no-floating-promises', 'no-misused-async-callback', 'no-unbounded-concurrency', 'prefer-concurrent-awaits', 'require-async-dispose']) {
      assert.ok(fs.existsSync(path.join(root, 'eslint-plugin', 'docs', 'rules', `${rule}.md`)), `${rule}.md is packaged`);
    }
  });

  test('activates on a JavaScript file and reports the blocking call', async function () {
    this.timeout(240_000); // the first lint includes the server's start-up
    const editor = await showFile(fixtureUri('blocking.js'));
    await singleDiagnostic(editor.document.uri, RULE, 180_000);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });
});
