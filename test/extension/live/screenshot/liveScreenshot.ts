// Takes the README screenshot of the Live view: code-server + headless Chromium (the runner's
// tools), a workspace with a small program and a launch configuration, F5, the Loopguard view,
// "Capture Task Tree", then a PNG to docs/images/live-tree.png (and test-results/live/).
//   npm run build:extension && tsx test/extension/live/screenshot/liveScreenshot.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { findChromium, launchChromium } from '../../runner/chromium';
import { startCodeServer } from '../../runner/codeServer';
import { ensureTools } from '../../runner/install';
import { REPO_ROOT, RESULTS_DIR } from '../../runner/paths';
import { createSandbox } from '../../runner/sandbox';
import { closeUiSession } from '../../runner/uiSession';
import { workbenchUrl } from '../../runner/workbench';

const PROGRAM = `// an HTTP-ish service with a stuck request
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
async function queryDatabase(sql) {
  await sleep(600_000);
}
async function loadUser(id) {
  await queryDatabase('select * from users');
}
globalThis.cacheReady = new Promise(() => {}); // nobody keeps the resolver: a deadlock
async function readCache() {
  await globalThis.cacheReady;
}
async function handleRequest() {
  await Promise.all([loadUser(1), readCache()]);
}
async function main() {
  await handleRequest();
}
main();
setInterval(() => {
  const end = Date.now() + 120;
  while (Date.now() < end) {} // a slow callback every second
}, 1000);
`;

const OUT_DIR = path.join(RESULTS_DIR, 'live');
const DOCS_IMAGE = path.join(REPO_ROOT, 'docs', 'images', 'live-tree.png');
const STEP_TIMEOUT_MS = 90_000;

async function main(): Promise<number> {
  const chromium = findChromium();
  if (!chromium) throw new Error('no Chromium');
  const tools = await ensureTools((line) => console.log(line));
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'loopguard-live-shot-'));
  const folder = path.join(parent, 'service');
  fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'service.js'), PROGRAM);
  fs.writeFileSync(
    path.join(folder, '.vscode', 'launch.json'),
    JSON.stringify({ version: '0.2.0', configurations: [{ type: 'node', request: 'launch', name: 'service', program: '${workspaceFolder}/service.js' }] }, null, 2),
  );
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const sandbox = createSandbox({ 'workbench.panel.defaultLocation': 'bottom', 'debug.openDebug': 'neverOpen', 'debug.internalConsoleOptions': 'neverOpen' });
  const server = await startCodeServer(tools, sandbox);
  const browser = await launchChromium(tools, chromium, { width: 1400, height: 800 });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  try {
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPaths: [REPO_ROOT] }), { waitUntil: 'commit' });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'service.js' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'service.js' }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'queryDatabase' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    // quick access "debug <configuration>" starts the launch configuration
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.type('debug service');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'service' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.debug-toolbar').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.activitybar [aria-label^="Loopguard"]').first().click();
    const delayRow = page.locator('.monaco-list-row', { hasText: 'Event-loop delay' });
    await delayRow.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    // room for the Live view: fold the container's other views, widen the side bar
    for (const title of ['Task Inspector', 'Findings By Rule', 'Overview']) {
      const header = page.locator('.pane-header[aria-expanded="true"]', { hasText: title });
      if (await header.count()) await header.first().click();
    }
    const sash = await page.locator('.part.sidebar').boundingBox();
    if (sash) {
      await page.mouse.move(sash.x + sash.width, 400);
      await page.mouse.down();
      await page.mouse.move(sash.x + sash.width + 330, 400, { steps: 5 });
      await page.mouse.up();
    }
    await runCommand(page, 'Loopguard: Capture Task Tree');
    await page.locator('.monaco-list-row', { hasText: 'handleRequest()' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.monaco-list-row', { hasText: 'Event-loop delay' }).first().click(); // select a header row, not the editor
    await page.locator('.monaco-list-row', { hasText: 'queryDatabase()' }).first().click(); // opens the source
    await page.waitForTimeout(2_500); // let a header refresh land and notifications fade
    const shot = path.join(OUT_DIR, 'live-tree.png');
    await page.screenshot({ path: shot });
    fs.mkdirSync(path.dirname(DOCS_IMAGE), { recursive: true });
    fs.copyFileSync(shot, DOCS_IMAGE);
    console.log(`screenshot: ${path.relative(REPO_ROOT, DOCS_IMAGE)}`);
    return 0;
  } catch (error) {
    console.log(`FAILED: ${(error as Error).message.split('\n')[0]}`);
    await page.screenshot({ path: path.join(OUT_DIR, 'failure.png') }).catch(() => undefined);
    return 1;
  } finally {
    await closeUiSession({ browser, server, sandbox }, OUT_DIR);
    fs.rmSync(parent, { recursive: true, force: true });
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title.split(': ')[1] }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
